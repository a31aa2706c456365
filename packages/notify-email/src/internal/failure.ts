/**
 * How a failed SMTP send becomes a `DeliveryError`: transient when a later attempt can
 * succeed (no connection, a timeout, a 4xx reply), permanent when it cannot (a 5xx reply,
 * a message nodemailer cannot build). The message is made here, never copied whole from
 * nodemailer: server replies keep their code and text with every e-mail address and the
 * secret removed, so no address or password reaches an error, a log or the audit log.
 *
 * @internal
 */
import { NotifierBackend } from "@jiceng/core"

/** The fields nodemailer puts on its errors. */
export interface SmtpFailure {
  readonly code?: unknown
  readonly responseCode?: unknown
  readonly response?: unknown
  readonly command?: unknown
  /** The system error behind a socket failure (`ECONNREFUSED`, `ECONNRESET` …). */
  readonly originalCode?: unknown
}

const addressLike = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g

/** A server reply or a message made safe to keep: one line, no address, no secret, 200 characters at most. */
export const sanitize = (text: string, secrets: ReadonlyArray<string>): string => {
  let out = text.replace(/[\r\n]+/g, " ").replace(addressLike, "<address>")
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join("<redacted>")
  }
  return out.length > 200 ? `${out.slice(0, 197)}...` : out
}

// Codes nodemailer gives without a server reply, and whether retrying can help.
const permanentCodes = new Set(["EMESSAGE", "EENVELOPE"])

/** What a code means, for the message. */
const describe = (code: string): string => {
  switch (code) {
    case "ECONNREFUSED":
      return "the SMTP server refused the connection"
    case "ECONNECTION":
      return "could not connect to the SMTP server"
    case "ETIMEDOUT":
      return "the SMTP server did not answer in time"
    case "ESOCKET":
      return "the connection to the SMTP server failed"
    case "EDNS":
      return "the SMTP server's name did not resolve"
    case "ETLS":
      return "TLS with the SMTP server failed"
    case "EAUTH":
      return "authentication failed"
    case "EENVELOPE":
      return "the envelope was refused"
    case "EMESSAGE":
      return "the message could not be built"
    default:
      return "sending failed"
  }
}

/**
 * The `DeliveryError` of a failed send. A reply code decides first (4xx transient, 5xx
 * permanent, the code kept as `status`); without one, a failure to build the message or
 * its envelope is permanent and everything else (connection, timeout, TLS, DNS) transient.
 */
export const toDeliveryError = (
  backend: string,
  failure: unknown,
  secrets: ReadonlyArray<string>
): NotifierBackend.DeliveryError => {
  const f: SmtpFailure = typeof failure === "object" && failure !== null ? failure : {}
  const system = typeof f.originalCode === "string" && /^E[A-Z]+$/.test(f.originalCode) ? f.originalCode : null
  const code = system === "ECONNREFUSED" ? system : typeof f.code === "string" ? f.code : "UNKNOWN"
  const status = typeof f.responseCode === "number" && Number.isInteger(f.responseCode) ? f.responseCode : undefined
  const command = typeof f.command === "string" ? ` at ${sanitize(f.command, secrets)}` : ""
  const reply = typeof f.response === "string" ? `: ${sanitize(f.response, secrets)}` : ""
  const codes = system === null || system === code ? code : `${code}/${system}`
  const message = `${describe(code)} (${codes}${command})${reply}`
  if (status !== undefined && status >= 400 && status < 600) {
    return new NotifierBackend.DeliveryError({ backend, message, permanent: status >= 500, status })
  }
  return new NotifierBackend.DeliveryError({ backend, message, permanent: permanentCodes.has(code) })
}
