/**
 * The e-mail back end's configuration and its check. Everything is checked when the back
 * end is made, so a missing host, a port out of range, a malformed sender or half an
 * account is a `NotifierConfigError` naming the setting, never a failure at the first
 * send. The password is `Redacted`: no error, log or audit entry shows it.
 *
 * @since 0.6.0
 */
import { Config, ConfigError, Effect, Option, Redacted } from "effect"
import { NotifierBackend } from "@jiceng/core"
import { isDomain, isEmailAddress } from "./internal/address.js"

/**
 * The SMTP account the back end signs in with (AUTH PLAIN or LOGIN, whichever the server
 * offers).
 *
 * @since 0.6.0
 * @category models
 */
export interface Auth {
  readonly user: string
  readonly pass: Redacted.Redacted<string>
}

/**
 * The sender: an address, and a display name shown to receivers.
 *
 * @since 0.6.0
 * @category models
 */
export interface From {
  readonly address: string
  readonly name?: string | undefined
}

/**
 * What the back end is made from.
 *
 * @since 0.6.0
 * @category models
 */
export interface EmailConfig {
  /** Its name among the configured back ends, and the `backend` its recipients name (default `email`). */
  readonly name?: string | undefined
  /** The SMTP server's host name or IP address. */
  readonly host: string
  /** Default 465 when `secure`, else 587. */
  readonly port?: number | undefined
  /** TLS from the first byte (SMTPS, usually port 465). */
  readonly secure?: boolean | undefined
  /** Refuse to send unless the server upgrades the connection with STARTTLS (port 587). */
  readonly requireTLS?: boolean | undefined
  /** Check the server's certificate (default true; false only for a test server with a self-signed one). */
  readonly rejectUnauthorized?: boolean | undefined
  readonly auth?: Auth | undefined
  /** The sender: an address, or an address and a display name. */
  readonly from: string | From
  /** The right side of the Message-ID (default the sender's domain). */
  readonly messageIdDomain?: string | undefined
  /** Waiting for the connection (default 10 000 ms). */
  readonly connectionTimeoutMs?: number | undefined
  /** Waiting for the greeting once connected (default 10 000 ms). */
  readonly greetingTimeoutMs?: number | undefined
  /** Waiting on an idle connection (default 30 000 ms). */
  readonly socketTimeoutMs?: number | undefined
  /** How many recipients of one notification are sent to at once (default 4, at most 32). */
  readonly concurrency?: number | undefined
  /** Connect (and sign in) when the back end is made, so an unreachable server or a refused account is a configuration error. */
  readonly verify?: boolean | undefined
}

/**
 * A configuration that passed the check, with the defaults filled in.
 *
 * @since 0.6.0
 * @category models
 */
export interface Checked {
  readonly name: string
  readonly host: string
  readonly port: number
  readonly secure: boolean
  readonly requireTLS: boolean
  readonly rejectUnauthorized: boolean
  readonly auth: Auth | null
  readonly from: { readonly address: string; readonly name: string }
  readonly messageIdDomain: string
  readonly connectionTimeoutMs: number
  readonly greetingTimeoutMs: number
  readonly socketTimeoutMs: number
  readonly concurrency: number
  readonly verify: boolean
}

/** The longest timeout accepted: ten minutes. */
const maxTimeoutMs = 600_000

const refuse = (backend: string, field: string, message: string) =>
  Effect.fail(new NotifierBackend.NotifierConfigError({ backend, field, message }))

const timeout = (backend: string, field: string, value: number | undefined, fallback: number) =>
  value === undefined
    ? Effect.succeed(fallback)
    : Number.isInteger(value) && value > 0 && value <= maxTimeoutMs
    ? Effect.succeed(value)
    : refuse(backend, field, `must be a whole number of milliseconds from 1 to ${maxTimeoutMs}`)

const hasLineBreak = (text: string) => /[\r\n]/.test(text)

/**
 * Checks a configuration: the host is present (a name or an address, not a URL), the port
 * 1–65535, `secure` and `requireTLS` not both set, the sender a valid address and its name
 * one line, the account complete when given (a user and a non-empty password), the
 * Message-ID domain a domain name, the timeouts and concurrency in range. The error names
 * the setting and never holds a value of the account.
 *
 * @since 0.6.0
 * @category constructors
 */
export const check = (config: EmailConfig): Effect.Effect<Checked, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const name = config.name ?? "email"
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(name)) {
      return yield* refuse("email", "name", "must be 1-64 lower-case letters, digits or '-', starting with a letter")
    }
    const host = typeof config.host === "string" ? config.host.trim() : ""
    if (host.length === 0) return yield* refuse(name, "host", "is missing")
    if (host.length > 253 || /[\s/@]/.test(host) || host.includes("://")) {
      return yield* refuse(name, "host", "must be a host name or an IP address, not a URL")
    }
    const secure = config.secure ?? false
    const requireTLS = config.requireTLS ?? false
    if (secure && requireTLS) {
      return yield* refuse(name, "requireTLS", "applies to STARTTLS; a secure (SMTPS) connection is TLS already")
    }
    const port = config.port ?? (secure ? 465 : 587)
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return yield* refuse(name, "port", "must be a whole number from 1 to 65535")
    }
    const from = typeof config.from === "string" ? { address: config.from, name: "" } : {
      address: config.from?.address,
      name: config.from?.name ?? ""
    }
    if (typeof from.address !== "string" || !isEmailAddress(from.address)) {
      return yield* refuse(name, "from.address", "must be an e-mail address (local-part@domain, ASCII)")
    }
    if (hasLineBreak(from.name) || from.name.length > 100) {
      return yield* refuse(name, "from.name", "must be one line of at most 100 characters")
    }
    let auth: Auth | null = null
    if (config.auth !== undefined) {
      const { pass, user } = config.auth
      if (typeof user !== "string" || user.trim().length === 0 || hasLineBreak(user)) {
        return yield* refuse(name, "auth.user", "is missing; an account needs a user and a password")
      }
      if (!Redacted.isRedacted(pass) || typeof Redacted.value(pass) !== "string") {
        return yield* refuse(name, "auth.pass", "must be a Redacted string")
      }
      if ((Redacted.value(pass) as string).length === 0) {
        return yield* refuse(name, "auth.pass", "is missing; an account needs a user and a password")
      }
      auth = { user, pass }
    }
    const messageIdDomain = config.messageIdDomain ?? from.address.slice(from.address.lastIndexOf("@") + 1)
    if (!isDomain(messageIdDomain)) {
      return yield* refuse(name, "messageIdDomain", "must be a domain name")
    }
    const concurrency = config.concurrency ?? 4
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
      return yield* refuse(name, "concurrency", "must be a whole number from 1 to 32")
    }
    return {
      name,
      host,
      port,
      secure,
      requireTLS,
      rejectUnauthorized: config.rejectUnauthorized ?? true,
      auth,
      from,
      messageIdDomain,
      connectionTimeoutMs: yield* timeout(name, "connectionTimeoutMs", config.connectionTimeoutMs, 10_000),
      greetingTimeoutMs: yield* timeout(name, "greetingTimeoutMs", config.greetingTimeoutMs, 10_000),
      socketTimeoutMs: yield* timeout(name, "socketTimeoutMs", config.socketTimeoutMs, 30_000),
      concurrency,
      verify: config.verify ?? false
    }
  })

/**
 * The configuration read from an Effect `Config` source (the environment by default),
 * under a prefix: `SMTP_HOST`, `SMTP_PORT`, `SMTP_SECURE`, `SMTP_REQUIRE_TLS`,
 * `SMTP_REJECT_UNAUTHORIZED`, `SMTP_USER`, `SMTP_PASS` (read as `Redacted`), `SMTP_FROM`,
 * `SMTP_FROM_NAME`, `SMTP_MESSAGE_ID_DOMAIN`, `SMTP_VERIFY`. Only the host and the sender
 * are required; an account is taken when a user or a password is set (and `check` refuses
 * half of one).
 *
 * @since 0.6.0
 * @category constructors
 */
export const config = (prefix = "SMTP"): Config.Config<EmailConfig> => {
  const optional = <A>(c: Config.Config<A>) => Config.option(c).pipe(Config.map(Option.getOrUndefined))
  return Config.all({
    host: Config.string("HOST"),
    port: optional(Config.integer("PORT")),
    secure: optional(Config.boolean("SECURE")),
    requireTLS: optional(Config.boolean("REQUIRE_TLS")),
    rejectUnauthorized: optional(Config.boolean("REJECT_UNAUTHORIZED")),
    user: optional(Config.string("USER")),
    pass: optional(Config.redacted("PASS")),
    from: Config.string("FROM"),
    fromName: optional(Config.string("FROM_NAME")),
    messageIdDomain: optional(Config.string("MESSAGE_ID_DOMAIN")),
    verify: optional(Config.boolean("VERIFY"))
  }).pipe(
    Config.map(({ from, fromName, pass, user, ...rest }): EmailConfig => ({
      ...rest,
      from: { address: from, name: fromName },
      auth: user === undefined && pass === undefined ? undefined : { user: user ?? "", pass: pass ?? Redacted.make("") }
    })),
    Config.nested(prefix)
  )
}

/** The setting a `ConfigError` is about: its first leaf's path. */
const pathOf = (error: ConfigError.ConfigError): ReadonlyArray<string> =>
  error._op === "And" || error._op === "Or" ? pathOf(error.left) : error.path

/**
 * Reads a configuration from a `Config` and checks it. A setting missing or unreadable in
 * the source is a `NotifierConfigError` naming it by its path (`SMTP_HOST`); what it held
 * is never repeated.
 *
 * @since 0.6.0
 * @category constructors
 */
export const load = (
  source: Config.Config<EmailConfig> = config()
): Effect.Effect<Checked, NotifierBackend.NotifierConfigError> =>
  source.pipe(
    Effect.mapError((error) =>
      new NotifierBackend.NotifierConfigError({
        backend: "email",
        field: pathOf(error).join("_"),
        message: ConfigError.isMissingDataOnly(error) ? "is missing" : "is not valid"
      })
    ),
    Effect.flatMap(check)
  )
