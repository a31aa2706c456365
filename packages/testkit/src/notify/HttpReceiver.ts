/**
 * A real HTTP receiver on the loopback interface for the notification tests and the
 * demo: a `node:http` server on 127.0.0.1 (a free port) that records every request
 * (method, URL, headers, raw body, and what it answered) and answers as told — a status
 * and a JSON body, or no answer at all (a hang, until the client gives up or the server
 * closes). The webhook and robot back ends post to it as they would to the platform.
 *
 * @since 0.6.0
 */
import { Effect, type Scope } from "effect"
import type { IncomingHttpHeaders, Server } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

/**
 * A request as it arrived.
 *
 * @since 0.6.0
 * @category models
 */
export interface Request {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingHttpHeaders
  readonly raw: string
}

/**
 * What the receiver answers a request: a status with a JSON body (none: an empty body),
 * or nothing at all.
 *
 * @since 0.6.0
 * @category models
 */
export type Answer = { readonly status: number; readonly body?: unknown } | "hang"

/**
 * A request as it arrived, and what the receiver answered it.
 *
 * @since 0.6.0
 * @category models
 */
export interface Received extends Request {
  readonly answered: Answer
}

/**
 * @since 0.6.0
 * @category models
 */
export interface Receiver {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string
  /** Every request, in the order they arrived. */
  readonly received: Array<Received>
  /** What the next requests get; by default 200 with `{}`. */
  answer: (request: Request) => Answer
}

/**
 * Whether the receiver answered a request with a 2xx status: what a sender counts as
 * delivered.
 *
 * @since 0.6.0
 * @category predicates
 */
export const accepted = (received: Received): boolean =>
  received.answered !== "hang" && received.answered.status >= 200 && received.answered.status < 300

const close = (server: Server) =>
  Effect.async<void>((resume) => {
    server.closeAllConnections()
    server.close(() => resume(Effect.void))
  })

/**
 * Starts a receiver for the scope; it closes, dropping the connections it left
 * hanging, when the scope does.
 *
 * @since 0.6.0
 * @category constructors
 */
export const start: Effect.Effect<Receiver, never, Scope.Scope> = Effect.acquireRelease(
  Effect.async<{ receiver: Receiver; server: Server }>((resume) => {
    const receiver: Receiver = { url: "", received: [], answer: () => ({ status: 200, body: {} }) }
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const request: Request = {
          method: req.method ?? "",
          url: new URL(req.url ?? "/", receiver.url),
          headers: req.headers,
          raw: Buffer.concat(chunks).toString("utf8")
        }
        const answer = receiver.answer(request)
        receiver.received.push({ ...request, answered: answer })
        if (answer === "hang") return
        res.writeHead(answer.status, { "content-type": "application/json" })
        res.end(answer.body === undefined ? "" : JSON.stringify(answer.body))
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      ;(receiver as { url: string }).url = `http://127.0.0.1:${port}`
      resume(Effect.succeed({ receiver, server }))
    })
  }),
  ({ server }) => close(server)
).pipe(Effect.map(({ receiver }) => receiver))

/**
 * The URL of a port nothing listens on: a receiver is started, its URL noted, and
 * closed.
 *
 * @since 0.6.0
 * @category constructors
 */
export const closedPort: Effect.Effect<string> = Effect.scoped(
  Effect.map(start, (receiver) => receiver.url)
)
