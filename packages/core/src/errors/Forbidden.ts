/**
 * An actor tried to act outside its role or its scope (its grid subtree).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@jiceng/core/Forbidden")("Forbidden", {
  actor: Schema.String,
  action: Schema.String,
  target: Schema.String,
  /** `role` when the actor lacks the role, `scope` when the target is outside its subtree. */
  reason: Schema.Literal("role", "scope"),
  message: Schema.String,
  /** The 1-based row of the refused command in a batch. */
  row: Schema.optional(Schema.Int)
}) {}
