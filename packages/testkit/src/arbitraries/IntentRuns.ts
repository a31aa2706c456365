/**
 * Running resolved commands one by one through a service, as the domains' intents do:
 * what happened to each (its changes, or its refusal's tag, rule and field), and — when
 * asked — a check after every refusal that the store did not change.
 *
 * @since 0.5.0
 */
import type { StoreError } from "@jiceng/core"
import { Effect, Either } from "effect"

/**
 * What happened to one command: its changes, or its refusal's tag, rule and field.
 *
 * @since 0.5.0
 * @category models
 */
export interface Outcome<Ch> {
  readonly command: unknown
  readonly result: string
  readonly changes?: Ch
}

/**
 * An error as an outcome: `tag:rule@field` (the message where there is no rule).
 *
 * @since 0.5.0
 * @category running
 */
export const resultOf = (error: unknown): string => {
  const e = error as { readonly _tag: string; readonly rule?: string; readonly field?: string; readonly message: string }
  return `${e._tag}:${e.rule ?? e.message}@${e.field ?? ""}`
}

/**
 * Runs commands in order through `execute`. With `history` (what the domain's tables
 * and the audit log hold), checks after every refusal that it is unchanged, and dies
 * otherwise.
 *
 * @since 0.5.0
 * @category running
 */
export const run = <Ch, R>(
  commands: ReadonlyArray<unknown>,
  execute: (command: unknown) => Effect.Effect<Ch, unknown, R>,
  history?: Effect.Effect<unknown, StoreError.StoreError, R>
): Effect.Effect<ReadonlyArray<Outcome<Ch>>, StoreError.StoreError, R> =>
  Effect.gen(function*() {
    const outcomes: Array<Outcome<Ch>> = []
    for (const command of commands) {
      const before = history === undefined ? undefined : JSON.stringify(yield* history)
      const result = yield* Effect.either(execute(command))
      if (Either.isLeft(result)) {
        if (before !== undefined && JSON.stringify(yield* history!) !== before) {
          return yield* Effect.die(new Error(`refused ${JSON.stringify(command)} (${resultOf(result.left)}) but the store changed`))
        }
        outcomes.push({ command, result: resultOf(result.left) })
      } else {
        outcomes.push({ command, result: "ok", changes: result.right })
      }
    }
    return outcomes
  })
