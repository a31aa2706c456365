/**
 * The e-mail back end: notifications as mail over SMTP (nodemailer). Each accepted
 * recipient gets its own message (no recipient sees another's address), with the
 * notification's subject, its text and, when it has one, its HTML, and a `Message-ID`
 * derived from the notification's id, so a receiver (or its mail server) drops the repeats
 * that at-least-once delivery brings.
 *
 * @since 0.6.0
 */
import { Effect, Either, Redacted } from "effect"
import type { Config } from "effect"
import { NotifierBackend } from "@jiceng/core"
import type { Notification } from "@jiceng/core"
import { createTransport } from "nodemailer"
import * as EmailConfig from "./EmailConfig.js"
import { isEmailAddress } from "./internal/address.js"
import { toDeliveryError, sanitize } from "./internal/failure.js"
import { build } from "./internal/message.js"

/**
 * Whether an address is one the back end sends to: an unquoted ASCII local part, `@` and a
 * domain with a dot (internationalised domains in their punycode form), 254 characters at
 * most.
 *
 * @since 0.6.0
 * @category predicates
 */
export const isAddress: (address: string) => boolean = isEmailAddress

/** How many (notification, recipient) deliveries a back end remembers, to skip on a retry. */
const rememberedLimit = 10_000

/**
 * Makes the back end. The configuration is checked first (`EmailConfig.check`); with
 * `verify` the back end also connects and signs in, and an unreachable server or a refused
 * account is a `NotifierConfigError` (field `connection` or `auth`).
 *
 * `accepts` takes a recipient whose `backend` is this one's name (`email`) or null and
 * whose address is an e-mail address (`isAddress`). `deliver` sends one message per
 * accepted recipient; a notification with none is delivered with nothing sent. When some
 * recipients fail, the others have their mail, and `deliver` fails: transient if any failure
 * is (a retry can help it), else permanent, the message telling how many of how many
 * failed and the first failure's reply. The back end remembers (in memory, the last
 * 10 000) which recipients already received a notification, so the dispatcher's retry
 * sends only to those that did not; after a restart they may receive it again, with the
 * same Message-ID.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (
  config: EmailConfig.EmailConfig
): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.flatMap(EmailConfig.check(config), fromChecked)

/**
 * Makes the back end from an Effect `Config` source, by default the environment's
 * `SMTP_*` settings (`EmailConfig.config`): a missing or unreadable setting is a
 * `NotifierConfigError` naming it, as is everything `make` refuses.
 *
 * @since 0.6.0
 * @category constructors
 */
export const fromConfig = (
  source: Config.Config<EmailConfig.EmailConfig> = EmailConfig.config()
): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.flatMap(EmailConfig.load(source), fromChecked)

/** The back end of a checked configuration. */
const fromChecked = (
  checked: EmailConfig.Checked
): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const { name } = checked
    const secrets = checked.auth === null ? [] : [Redacted.value(checked.auth.pass)]
    const transport = createTransport({
      host: checked.host,
      port: checked.port,
      secure: checked.secure,
      requireTLS: checked.requireTLS,
      tls: { rejectUnauthorized: checked.rejectUnauthorized },
      ...(checked.auth === null ? {} : { auth: { user: checked.auth.user, pass: Redacted.value(checked.auth.pass) } }),
      connectionTimeout: checked.connectionTimeoutMs,
      greetingTimeout: checked.greetingTimeoutMs,
      socketTimeout: checked.socketTimeoutMs,
      logger: false,
      debug: false,
      disableFileAccess: true,
      disableUrlAccess: true
    })
    if (checked.verify) {
      yield* Effect.tryPromise({
        try: () => transport.verify(),
        catch: (failure) => {
          const error = toDeliveryError(name, failure, secrets)
          const code = typeof failure === "object" && failure !== null && "code" in failure ? failure.code : undefined
          return new NotifierBackend.NotifierConfigError({
            backend: name,
            field: code === "EAUTH" ? "auth" : "connection",
            message: sanitize(error.message, secrets)
          })
        }
      })
    }

    const remembered = new Set<string>()
    const remember = (key: string) => {
      remembered.add(key)
      if (remembered.size > rememberedLimit) {
        const oldest = remembered.values().next()
        if (!oldest.done) remembered.delete(oldest.value)
      }
    }
    const keyOf = (notification: Notification.Notification, recipient: Notification.Recipient) =>
      `${notification.tenant}\u0000${notification.id}\u0000${recipient.address.toLowerCase()}`

    const accepts = (recipient: Notification.Recipient): boolean =>
      (recipient.backend === null || recipient.backend === name) && isEmailAddress(recipient.address)

    const sendOne = (notification: Notification.Notification, recipient: Notification.Recipient) =>
      Effect.tryPromise({
        try: () => transport.sendMail(build(checked, notification, recipient)),
        catch: (failure) => toDeliveryError(name, failure, secrets)
      }).pipe(Effect.tap(() => Effect.sync(() => remember(keyOf(notification, recipient)))))

    const deliver = (notification: Notification.Notification): Effect.Effect<void, NotifierBackend.DeliveryError> =>
      Effect.gen(function*() {
        const seen = new Set<string>()
        const pending = notification.recipients.filter((recipient) => {
          const key = keyOf(notification, recipient)
          if (!accepts(recipient) || seen.has(key) || remembered.has(key)) return false
          seen.add(key)
          return true
        })
        const outcomes = yield* Effect.forEach(
          pending,
          (recipient) => Effect.either(sendOne(notification, recipient)),
          { concurrency: checked.concurrency }
        )
        const failures = outcomes.filter(Either.isLeft).map((outcome) => outcome.left)
        if (failures.length === 0) return
        const first = failures.find((failure) => !failure.permanent) ?? failures[0]!
        if (pending.length === 1) return yield* Effect.fail(first)
        return yield* Effect.fail(
          new NotifierBackend.DeliveryError({
            backend: name,
            message: `${failures.length} of ${pending.length} recipients failed; first: ${first.message}`,
            permanent: failures.every((failure) => failure.permanent),
            ...(first.status === undefined ? {} : { status: first.status })
          })
        )
      }).pipe(Effect.withSpan("EmailBackend.deliver", { attributes: { kind: notification.kind } }))

    return { name, accepts, deliver }
  })
