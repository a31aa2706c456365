/**
 * A real HTTP receiver for the tests: a node:http server on 127.0.0.1, port 0, that
 * records every request (method, URL, headers, raw body) and answers as told — a status
 * and a JSON body, or no answer at all (a hang, until the server closes).
 */
import { Effect } from "effect"
import type { IncomingHttpHeaders, Server } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

export interface Received {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingHttpHeaders
  readonly raw: string
}

export type Answer = { readonly status: number; readonly body?: unknown } | "hang"

export interface Receiver {
  readonly url: string
  readonly received: Array<Received>
  /** What the next requests get; by default 200 with `{}`. */
  answer: (request: Received) => Answer
}

const close = (server: Server) =>
  Effect.async<void>((resume) => {
    server.closeAllConnections()
    server.close(() => resume(Effect.void))
  })

/** Starts a receiver for the scope. */
export const start: Effect.Effect<Receiver, never, import("effect").Scope.Scope> = Effect.acquireRelease(
  Effect.async<{ receiver: Receiver; server: Server }>((resume) => {
    const receiver: Receiver = { url: "", received: [], answer: () => ({ status: 200, body: {} }) }
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const request: Received = {
          method: req.method ?? "",
          url: new URL(req.url ?? "/", receiver.url),
          headers: req.headers,
          raw: Buffer.concat(chunks).toString("utf8")
        }
        receiver.received.push(request)
        const answer = receiver.answer(request)
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

/** A port nothing listens on: a server is started, its port noted, and closed. */
export const closedPort: Effect.Effect<string> = Effect.scoped(
  Effect.map(start, (receiver) => receiver.url)
)
