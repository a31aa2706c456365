/**
 * A notification back end: one way of delivering (a signed webhook, a group robot,
 * e-mail, the console). The dispatcher calls `deliver` for each notification the
 * outbox holds for it, at least once; a back end reports a failure as a
 * `DeliveryError`, `permanent` when retrying cannot help (a 4xx answer, an address
 * refused), so that the dispatcher dead-letters it at once instead of backing off.
 * A back end's configuration is checked when its layer is built (`NotifierConfigError`),
 * never at the first send, and its secrets are `Redacted`: they appear in no log,
 * error or audit entry.
 *
 * @since 0.6.0
 */
import { Schema } from "effect"
import type { Effect } from "effect"
import type { Notification } from "./Notification.js"

/**
 * A delivery that failed: the back end, what went wrong (never a secret), whether a
 * retry can help, and the receiver's status where it gave one.
 *
 * @since 0.6.0
 * @category errors
 */
export class DeliveryError extends Schema.TaggedError<DeliveryError>("@jiceng/core/DeliveryError")("DeliveryError", {
  backend: Schema.String,
  message: Schema.String,
  permanent: Schema.Boolean,
  status: Schema.optional(Schema.Number)
}) {}

/**
 * A back end's configuration refused when its layer is built: the back end, the
 * setting (never its value) and what is wrong with it.
 *
 * @since 0.6.0
 * @category errors
 */
export class NotifierConfigError extends Schema.TaggedError<NotifierConfigError>("@jiceng/core/NotifierConfigError")("NotifierConfigError", {
  backend: Schema.String,
  field: Schema.String,
  message: Schema.String
}) {}

/**
 * A back end.
 *
 * @since 0.6.0
 * @category models
 */
export interface NotifierBackend {
  /** Its name, unique among the configured back ends: `webhook`, `wecom`, `email` … */
  readonly name: string
  /** Whether it carries a recipient (its `backend` names this one, or none and the address is of a kind it takes). */
  readonly accepts: (recipient: Notification["recipients"][number]) => boolean
  /** Delivers one notification to the recipients it accepts; at least once, so receivers drop repeats by `notification.id`. */
  readonly deliver: (notification: Notification) => Effect.Effect<void, DeliveryError>
}
