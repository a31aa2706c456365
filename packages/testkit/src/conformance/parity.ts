/**
 * The two comparisons the domain conformance suites share: a store against the memory
 * store (the same outcome command by command, the same answers), and a batch against the
 * same commands one by one (success when all succeeded, else the first refusal with its
 * row — one refused at decoding or authorization first, as the batch decodes and
 * authorizes every row before its transaction).
 *
 * @internal
 */
import { expect } from "@effect/vitest"
import { Either } from "effect"

/** The same outcome command by command and the same answers as the reference run. */
export const expectSameRun = <O>(outcomes: ReadonlyArray<O>, answers: unknown, reference: readonly [ReadonlyArray<O>, unknown]): void => {
  for (const [i, outcome] of outcomes.entries()) expect(outcome, `command ${i + 1}`).toEqual(reference[0][i])
  expect(outcomes.length).toBe(reference[0].length)
  expect(answers).toEqual(reference[1])
}

/**
 * A batch's result against its commands' outcomes one by one (`result` "ok" or
 * `Tag:rule@field`): success when every command succeeded, else a failure naming the
 * first refusal's tag, rule and row. Returns whether some command was refused.
 */
export const expectBatchOutcome = (outcomes: ReadonlyArray<{ readonly result: string }>, all: Either.Either<unknown, unknown>): boolean => {
  const refused = outcomes.flatMap((o, i) => (o.result === "ok" ? [] : [{ ...o, row: i + 1 }]))
  if (refused.length === 0) {
    expect(Either.isRight(all)).toBe(true)
    return false
  }
  const first = refused.find((o) => /^(ValidationError|Forbidden):/.test(o.result)) ?? refused[0]!
  expect(Either.isLeft(all)).toBe(true)
  const error = (Either.isLeft(all) ? all.left : {}) as { readonly _tag?: string; readonly rule?: string; readonly row?: number }
  expect(`${error._tag}:${error.rule}#${error.row}`).toBe(`${first.result.replace(/@.*/, "")}#${first.row}`)
  return true
}
