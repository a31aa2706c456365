/**
 * What running random commands one by one gives, shared by the intents of the domains
 * that run them the same way (member development, demands): each command's outcome —
 * its changes, or its refusal as `tag:rule@field` — and, where asked, the check that a
 * refusal left the store as it was.
 *
 * @since 0.5.0
 */
import { Effect, Either } from "effect"

/**
 * What happened to one command: its changes, or its refusal's tag, rule and field.
 *
 * @since 0.5.0
 * @category models
 */
export interface Outcome<Changes> {
  readonly command: unknown
  readonly result: string
  readonly changes?: Changes
}

/**
 * An error as an outcome: its tag, rule (or message) and field.
 *
 * @since 0.5.0
 * @category running
 */
export const resultOf = (error: unknown): string => {
  const e = error as { readonly _tag: string; readonly rule?: string; readonly field?: string; readonly message: string }
  return `${e._tag}:${e.rule ?? e.message}@${e.field ?? ""}`
}

/**
 * Runs commands one by one. With `history` (what a refusal must leave alone), checks
 * after every refusal that it is unchanged, and dies naming the command otherwise.
 *
 * @since 0.5.0
 * @category running
 */
export const runEach = <Changes, R, E2, R2>(
  commands: ReadonlyArray<unknown>,
  execute: (command: unknown) => Effect.Effect<Changes, unknown, R>,
  history: Effect.Effect<unknown, E2, R2> | undefined
): Effect.Effect<ReadonlyArray<Outcome<Changes>>, E2, R | R2> =>
  Effect.gen(function*() {
    const outcomes: Array<Outcome<Changes>> = []
    for (const command of commands) {
      const before = history === undefined ? undefined : JSON.stringify(yield* history)
      const result = yield* Effect.either(execute(command))
      if (Either.isLeft(result)) {
        if (history !== undefined && JSON.stringify(yield* history) !== before) {
          return yield* Effect.die(new Error(`refused ${JSON.stringify(command)} (${resultOf(result.left)}) but the store changed`))
        }
        outcomes.push({ command, result: resultOf(result.left) })
      } else {
        outcomes.push({ command, result: "ok", changes: result.right })
      }
    }
    return outcomes
  })
