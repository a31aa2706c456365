/**
 * Rows of a long list written in batches: a service's refusal names the row inside its
 * batch; callers want the row in the whole list.
 *
 * @internal
 */
import { Forbidden, RuleViolation, ValidationError } from "@jiceng/core"

/** The refusal with its row moved on by `offset` (the batch's first command in the list). */
export const shiftRow = <E>(error: E, offset: number): E => {
  if (offset === 0) return error
  if (error instanceof ValidationError.ValidationError && error.row !== undefined) {
    return new ValidationError.ValidationError({ field: error.field, rule: error.rule, message: error.message, row: error.row + offset }) as E
  }
  if (error instanceof RuleViolation.RuleViolation && error.row !== undefined) {
    return new RuleViolation.RuleViolation({ field: error.field, rule: error.rule, message: error.message, row: error.row + offset }) as E
  }
  if (error instanceof Forbidden.Forbidden && error.row !== undefined) {
    const { action, actor, message, reason, target } = error
    return new Forbidden.Forbidden({ actor, action, target, reason, message, row: error.row + offset }) as E
  }
  return error
}
