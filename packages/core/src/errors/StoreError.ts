/**
 * A store back end failed (connection, constraint, driver). Domain refusals are
 * never StoreErrors: they are caught before anything is written.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category errors
 */
export class StoreError extends Schema.TaggedError<StoreError>("@jiceng/core/StoreError")("StoreError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}
