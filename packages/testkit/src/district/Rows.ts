/**
 * Rows of a long list written in batches: a service's refusal names the row inside its
 * batch; callers want the row in the whole list.
 *
 * @internal
 */
import { Actor, Forbidden, RuleViolation, ValidationError } from "@jiceng/core"
import { Effect, Either, ParseResult, Schema } from "effect"

/** The refusal with its row moved on by `offset` (the batch's first command in the list). */
export const shiftRow = <E>(error: E, offset: number): E => {
  if (offset === 0) return error
  if (error instanceof ValidationError.ValidationError && error.row !== undefined) {
    return new ValidationError.ValidationError({ field: error.field, rule: error.rule, message: error.message, row: error.row + offset }) as E
  }
  if (error instanceof RuleViolation.RuleViolation && error.row !== undefined) {
    const { field, message, rule, source } = error
    return new RuleViolation.RuleViolation({ field, rule, message, row: error.row + offset, ...(source === undefined ? {} : { source }) }) as E
  }
  if (error instanceof Forbidden.Forbidden && error.row !== undefined) {
    const { action, actor, message, reason, target } = error
    return new Forbidden.Forbidden({ actor, action, target, reason, message, row: error.row + offset }) as E
  }
  return error
}

/**
 * Every generated command decodes as the service will decode it, or the generator's
 * options are refused naming the command (`generator`: its name in the message).
 */
export const checkDecodes = <C extends { readonly _tag: string }>(
  generator: string,
  schema: Schema.Schema<any, any>,
  commands: ReadonlyArray<C>
): void => {
  const decode = Schema.decodeUnknownEither(schema)
  for (const [i, command] of commands.entries()) {
    const decoded = decode(command)
    if (Either.isLeft(decoded)) {
      throw new RangeError(
        `${generator}: command ${i + 1} (${command._tag}) would be refused: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`
      )
    }
  }
}

/**
 * Writes a long list of commands through a service's `executeAll` as the system actor,
 * in batches of `batchSize` (default 5,000), each one transaction; a refusal's row
 * counts from the first command of the whole list.
 */
export const applyInBatches = <C, E, R>(
  name: string,
  tenant: string,
  commands: ReadonlyArray<C>,
  batchSize: number | undefined,
  executeAll: (actor: Actor.Actor, batch: ReadonlyArray<C>) => Effect.Effect<unknown, E, R>
): Effect.Effect<void, E, R> =>
  Effect.gen(function*() {
    const size = batchSize ?? 5_000
    if (!Number.isInteger(size) || size < 1) return yield* Effect.dieMessage(`${name}: batchSize ${size} is not a positive integer`)
    const actor = Actor.system(tenant)
    for (let offset = 0; offset < commands.length; offset += size) {
      yield* executeAll(actor, commands.slice(offset, offset + size)).pipe(Effect.mapError((error) => shiftRow(error, offset)))
    }
  }).pipe(Effect.withSpan(name))
