/**
 * What every domain's batch shares: reading a batch safely, its size limit, and the row
 * a refusal names.
 *
 * @internal
 */
import { Effect } from "effect"
import { IdempotencyConflict } from "../errors/IdempotencyConflict.js"
import { Forbidden } from "../errors/Forbidden.js"
import { RuleViolation } from "../errors/RuleViolation.js"
import { ValidationError } from "../errors/ValidationError.js"

/** At most this many commands in one batch (one transaction); split larger imports. */
export const maxSize = 100_000

const batchError = (rule: string, message: string) =>
  new ValidationError({ field: "(input)", rule, message: `(input): ${message}` })

/**
 * A batch as a plain array: anything but an array (or one whose reading throws, a
 * Proxy say) is a ValidationError, as is a batch above the limit. The array is read by
 * index up to its length: an iterator of its own is not followed, so the limit holds and
 * rows are numbered by index.
 */
export const read = (inputs: unknown): Effect.Effect<ReadonlyArray<unknown>, ValidationError> =>
  Effect.suspend(() => {
    if (!Array.isArray(inputs)) return Effect.fail(batchError("batch.array", "expected an array of commands"))
    let copy: Array<unknown>
    try {
      if (inputs.length > maxSize) {
        return Effect.fail(batchError("batch.size", `${inputs.length} commands; at most ${maxSize} in one batch`))
      }
      const length = inputs.length
      copy = new Array(length)
      for (let i = 0; i < length; i++) copy[i] = inputs[i]
    } catch {
      return Effect.fail(batchError("schema.unreadable", "could not be read (a getter or proxy threw)"))
    }
    return Effect.succeed(copy)
  })

/** A refusal with the (1-based) row of the batch it came from. */
export const withRow = <E>(error: E, row: number | undefined): E => {
  if (row === undefined) return error
  if (error instanceof ValidationError) {
    return new ValidationError({ field: error.field, rule: error.rule, message: error.message, row }) as E
  }
  if (error instanceof RuleViolation) {
    const { field, message, rule, source } = error
    return new RuleViolation({ field, rule, message, row, ...(source === undefined ? {} : { source }) }) as E
  }
  if (error instanceof Forbidden) {
    const { action, actor, message, reason, target } = error
    return new Forbidden({ actor, action, target, reason, message, row }) as E
  }
  if (error instanceof IdempotencyConflict) {
    return new IdempotencyConflict({ key: error.key, field: error.field, message: error.message, row }) as E
  }
  return error
}
