/**
 * A referenced entity does not exist (or did not exist at the date asked).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@jiceng/core/NotFound")("NotFound", {
  entity: Schema.String,
  key: Schema.String,
  field: Schema.String,
  message: Schema.String
}) {}
