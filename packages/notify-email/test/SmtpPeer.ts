/**
 * A real SMTP server for the tests (`smtp-server` on 127.0.0.1, a free port), recording
 * what it receives, and enough of a MIME reader to check the messages: headers unfolded,
 * RFC 2047 words decoded, the parts of a multipart message with their base64 bodies.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import { SMTPServer } from "smtp-server"
import type { SMTPServerOptions } from "smtp-server"

export interface Received {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

export interface PeerOptions {
  /** The one account the server accepts; none: no AUTH. */
  readonly account?: { readonly user: string; readonly pass: string }
  /** Echo the refused password in the 535 reply (a careless server). */
  readonly echoPassword?: boolean
  /** A reply code refusing RCPT TO for this address on this attempt (1-based), or null. */
  readonly rcpt?: (address: string, attempt: number) => number | null
  /** Offer STARTTLS (smtp-server's self-signed certificate). */
  readonly starttls?: boolean
}

export interface Peer {
  readonly port: number
  readonly received: Array<Received>
}

const refusal = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code })

/** Starts the server for the scope. */
export const start = (options: PeerOptions = {}): Effect.Effect<Peer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ server: SMTPServer; peer: Peer }>((resume) => {
      const received: Array<Received> = []
      const attempts = new Map<string, number>()
      const disabled = [...(options.account ? [] : ["AUTH"]), ...(options.starttls ? [] : ["STARTTLS"])]
      const settings: SMTPServerOptions = {
        disabledCommands: disabled,
        authMethods: ["PLAIN", "LOGIN"],
        allowInsecureAuth: true,
        authOptional: options.account === undefined,
        logger: false,
        disableReverseLookup: true,
        onAuth(auth, _session, callback) {
          const account = options.account
          if (account && auth.username === account.user && auth.password === account.pass) {
            return callback(null, { user: auth.username })
          }
          callback(refusal(535, options.echoPassword ? `Bad password ${auth.password ?? ""}` : "Authentication failed"))
        },
        onRcptTo(address, _session, callback) {
          const attempt = (attempts.get(address.address) ?? 0) + 1
          attempts.set(address.address, attempt)
          const code = options.rcpt?.(address.address, attempt) ?? null
          if (code === null) return callback()
          callback(refusal(code, code >= 500 ? `Mailbox unavailable <${address.address}>` : "Try again later"))
        },
        onData(stream, session, callback) {
          const chunks: Array<Buffer> = []
          stream.on("data", (chunk: Buffer) => chunks.push(chunk))
          stream.on("end", () => {
            const envelope = session.envelope
            received.push({
              from: envelope.mailFrom === false ? "" : envelope.mailFrom.address,
              to: envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString("utf8")
            })
            callback()
          })
        }
      }
      const server = new SMTPServer(settings)
      server.listen(0, "127.0.0.1", () => {
        const address = server.server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ server, peer: { port, received } }))
      })
    }),
    ({ server }) => Effect.async<void>((resume) => server.close(() => resume(Effect.void)))
  ).pipe(Effect.map(({ peer }) => peer))

/** A port nothing listens on: one the system just gave out and took back. */
export const closedPort: Effect.Effect<number> = Effect.async((resume) => {
  import("node:net").then(({ createServer }) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resume(Effect.succeed(port)))
    })
  })
})

/** A TCP server that accepts and never speaks, for the greeting timeout. */
export const silent: Effect.Effect<number, never, Scope.Scope> = Effect.acquireRelease(
  Effect.async<{ port: number; close: (done: () => void) => void }>((resume) => {
    import("node:net").then(({ createServer }) => {
      const sockets = new Set<import("node:net").Socket>()
      const server = createServer((socket) => {
        sockets.add(socket)
        socket.on("error", () => undefined)
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({
          port,
          close: (done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }
        }))
      })
    })
  }),
  ({ close }) => Effect.async<void>((resume) => close(() => resume(Effect.void)))
).pipe(Effect.map(({ port }) => port))

// --- MIME, as much as the tests need ---

export interface Part {
  readonly headers: ReadonlyMap<string, string>
  readonly body: string
}

const splitHead = (raw: string): { head: string; body: string } => {
  const at = raw.indexOf("\r\n\r\n")
  return at < 0 ? { head: raw, body: "" } : { head: raw.slice(0, at), body: raw.slice(at + 4) }
}

/** The headers, unfolded, by lower-case name (the first of each). */
export const headers = (head: string): Map<string, string> => {
  const out = new Map<string, string>()
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":")
    if (colon <= 0) continue
    const name = line.slice(0, colon).toLowerCase()
    if (!out.has(name)) out.set(name, line.slice(colon + 1).trim())
  }
  return out
}

/** RFC 2047 encoded words (B and Q, UTF-8) decoded; the space between adjacent words dropped. */
export const decodeWords = (value: string): string =>
  value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1"
        ).toString("utf8"))

const decodeBody = (headersOf: ReadonlyMap<string, string>, body: string): string =>
  (headersOf.get("content-transfer-encoding") ?? "").toLowerCase() === "base64"
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : body

/** The message's top headers and its leaf parts (one for a single-part message). */
export const parse = (raw: string): { headers: Map<string, string>; parts: Array<Part> } => {
  const { body, head } = splitHead(raw)
  const top = headers(head)
  const type = top.get("content-type") ?? "text/plain"
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (!type.toLowerCase().startsWith("multipart/") || boundary === undefined) {
    return { headers: top, parts: [{ headers: top, body: decodeBody(top, body) }] }
  }
  const parts = body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .map((chunk) => {
      const inner = splitHead(chunk.replace(/^\r\n/, ""))
      const h = headers(inner.head)
      return { headers: h, body: decodeBody(h, inner.body.replace(/\r\n$/, "")) }
    })
  return { headers: top, parts }
}

/** The leaf part of a content type (`text/plain`, `text/html`). */
export const part = (raw: string, type: string): Part | undefined =>
  parse(raw).parts.find((p) => (p.headers.get("content-type") ?? "").toLowerCase().startsWith(type))
