/**
 * A well-formed command that the domain rules refuse: an unknown parent, a cycle,
 * an overlapping validity. Names the rule (see docs/rules.md) and the field.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"

/**
 * @since 0.1.0
 * @category errors
 */
export class RuleViolation extends Schema.TaggedError<RuleViolation>("@jiceng/core/RuleViolation")(
  "RuleViolation",
  {
    /** A stable rule id, such as `grid.parent-exists`; docs/rules.md lists them. */
    rule: Schema.String,
    /** The command field the rule speaks of. */
    field: Schema.String,
    message: Schema.String,
    /** The published rule (or the policy defaulting it) that the rule id encodes, where one does. */
    source: Schema.optional(Schema.String),
    /** 1-based row number when the command came in a batch. */
    row: Schema.optional(Schema.Number)
  }
) {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (rule: string, field: string, message: string, source?: string): RuleViolation =>
  new RuleViolation({ rule, field, message, ...(source === undefined ? {} : { source }) })

/**
 * A rule's refusal as the left of an `Either`, the form the pure rules return.
 *
 * @since 0.3.0
 * @category constructors
 */
export const refuse = (rule: string, field: string, message: string, source?: string): Either.Either<never, RuleViolation> =>
  Either.left(make(rule, field, message, source))
