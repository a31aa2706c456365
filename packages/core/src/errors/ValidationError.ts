/**
 * Bad input: a value that does not decode, or breaks a format rule of its own
 * (a check digit, a date). Names the field, the row where input came in rows,
 * and the rule, so that a caller can point at the cell to fix.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category errors
 */
export class ValidationError extends Schema.TaggedError<ValidationError>("@jiceng/core/ValidationError")(
  "ValidationError",
  {
    /** The field, as a dotted path (`parts.0.code`). */
    field: Schema.String,
    /** The rule broken, a stable id such as `citizen-id.check-digit`. */
    rule: Schema.String,
    message: Schema.String,
    /** 1-based row number when the input came as rows (CSV, XLSX, arrays). */
    row: Schema.optional(Schema.Number)
  }
) {}

/**
 * Builds a {@link ValidationError}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  field: string,
  rule: string,
  message: string,
  row?: number
): ValidationError => new ValidationError(row === undefined ? { field, rule, message } : { field, rule, message, row })
