/**
 * The generic webhook: a JSON POST of the notification to one endpoint, signed with
 * HMAC-SHA256 over `${timestamp}.${body}` (see `Signature`).
 *
 * It carries the recipients that name it and those naming no back end: without a
 * `Directory`, every party a notification is for, as `kind:id`, so a platform maps the
 * ids to its own accounts. The body is the notification as JSON, with only the
 * recipients this back end carries:
 * `{ id, tenant, kind, raisedAt, gridCode, organisationId, to, recipients, lang, subject,
 * text, html, data }`. The headers are `Content-Type: application/json; charset=utf-8`,
 * `X-Jiceng-Tenant` and `X-Jiceng-Id` (the notification's tenant and id: drop repeats by
 * the two — an id is unique within its tenant; the id percent-encoded should it
 * hold anything but printable ASCII), `X-Jiceng-Kind`,
 * `X-Jiceng-Timestamp` (Unix seconds) and `X-Jiceng-Signature` (`v1=<hex>`).
 *
 * @since 0.6.0
 */
import { Clock, Effect, Redacted } from "effect"
import type { Notification, NotifierBackend } from "@jiceng/core"
import * as Config from "./internal/config.js"
import * as Http from "./internal/http.js"
import * as Signature from "./Signature.js"

/**
 * The configuration: the endpoint, the shared secret, and optionally the back end's
 * name (default `webhook`; recipients name it) and the timeout (default 10 000 ms).
 *
 * @since 0.6.0
 * @category models
 */
export interface WebhookConfig extends Config.Common {
  readonly url: string
  readonly secret: Redacted.Redacted<string>
}

/**
 * The request body: the notification, with only the recipients this back end carries.
 *
 * @since 0.6.0
 * @category encoding
 */
export const body = (notification: Notification.Notification, recipients: Notification.Notification["recipients"]): string =>
  JSON.stringify({ ...notification, recipients })

/**
 * A header's value for a text: itself when it is printable ASCII, else percent-encoded
 * (`encodeURIComponent`), since HTTP headers carry no other characters. The body always
 * has the exact text.
 *
 * @since 0.6.0
 * @category encoding
 */
export const headerValue = (text: string): string => (/^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text))

/**
 * Builds the back end, checking its configuration first: the URL (absolute, http or
 * https, no credentials in it), the secret (present, non-blank), the name and timeout.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (config: WebhookConfig): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const name = yield* Config.name("webhook", config.name)
    const url = yield* Config.url(name, "url", config.url)
    const secret = yield* Config.secret(name, "secret", config.secret)
    const timeoutMs = yield* Config.timeoutMs(name, config.timeoutMs)
    const accepts: NotifierBackend.NotifierBackend["accepts"] = (recipient) => recipient.backend === name || recipient.backend === null
    const deliver = (notification: Notification.Notification) =>
      Effect.gen(function*() {
        const recipients = notification.recipients.filter(accepts)
        if (recipients.length === 0) return
        const timestamp = Math.floor((yield* Clock.currentTimeMillis) / 1000)
        const payload = body(notification, recipients)
        yield* Http.post({
          backend: name,
          url,
          headers: {
            "content-type": "application/json; charset=utf-8",
            "user-agent": "jiceng-notify-webhook",
            [Signature.headerNames.tenant]: headerValue(notification.tenant),
            [Signature.headerNames.id]: headerValue(notification.id),
            [Signature.headerNames.kind]: headerValue(notification.kind),
            [Signature.headerNames.timestamp]: String(timestamp),
            [Signature.headerNames.signature]: `${Signature.version}=${Signature.sign(secret, timestamp, payload)}`
          },
          body: payload,
          timeoutMs,
          secrets: [secret]
        })
      })
    return { name, accepts, deliver }
  })
