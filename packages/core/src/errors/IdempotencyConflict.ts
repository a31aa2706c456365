/**
 * A write that reuses an idempotency key with other content: the key's first write
 * stands, and this one is refused (nothing is written). A retry of the same write with
 * the same key is not refused: it gets the first write's result back.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"

/**
 * @since 0.4.0
 * @category errors
 */
export class IdempotencyConflict extends Schema.TaggedError<IdempotencyConflict>("@jiceng/core/IdempotencyConflict")(
  "IdempotencyConflict",
  {
    /** The key that was reused. */
    key: Schema.String,
    /** The command field that carries the key. */
    field: Schema.String,
    message: Schema.String,
    /** 1-based row number when the command came in a batch. */
    row: Schema.optional(Schema.Number)
  }
) {}

/**
 * @since 0.4.0
 * @category constructors
 */
export const make = (key: string, field = "key"): IdempotencyConflict =>
  new IdempotencyConflict({
    key,
    field,
    message: `idempotency.conflict: the key ${key} was used before for other content; its first write stands`
  })
