/**
 * Two properties the domains' conformance suites share:
 *
 * - the differential: the same commands give the same outcomes, command by command, and
 *   the same answers on a store as on the reference (a memory store);
 * - the batch: random commands run one by one in one tenant, then as one `executeAll` in
 *   another; when all succeeded, the same history; when one was refused, the batch fails
 *   with the first refusal (one at decoding or authorization first) naming its row,
 *   writes nothing, and the commands that succeeded give the same history as one batch.
 *
 * @internal
 */
import { expect, it } from "@effect/vitest"
import { Actor } from "@jiceng/core"
import { Effect, Either, type FastCheck as fc } from "effect"
import type * as Outcomes from "../arbitraries/Outcomes.js"
import { retarget, untenanted } from "./GridBatch.js"

/** The same outcome command by command and the same answers as the reference run. */
const expectSameRun = <O>(outcomes: ReadonlyArray<O>, answers: unknown, reference: readonly [ReadonlyArray<O>, unknown]): void => {
  for (const [i, outcome] of outcomes.entries()) expect(outcome, `command ${i + 1}`).toEqual(reference[0][i])
  expect(outcomes.length).toBe(reference[0].length)
  expect(answers).toEqual(reference[1])
}

/**
 * A batch's result against its commands' outcomes one by one (`result` "ok" or
 * `Tag:rule@field`): success when every command succeeded, else a failure naming the
 * first refusal's tag, rule and row — one refused at decoding or authorization first, as
 * the batch decodes and authorizes every row before its transaction. Returns whether
 * some command was refused.
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

/** @internal */
export const sameAsReference = <E, R, E2>(
  run: Effect.Effect<ReadonlyArray<Outcomes.Outcome<unknown>>, E, R>,
  answers: Effect.Effect<unknown, E, R>,
  reference: <A>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | E2>
): Effect.Effect<void, E | E2, R> =>
  Effect.gen(function*() {
    const outcomes = yield* run
    const got = yield* answers
    expectSameRun(outcomes, got, yield* reference(Effect.all([run, answers])))
  })

/** @internal */
export const batchAsOneByOne = <E, R, R2, R3>(options: {
  /** The tenant the commands ran in one by one, and a fresh one for the batch. */
  readonly a: string
  readonly b: string
  readonly outcomes: ReadonlyArray<Outcomes.Outcome<unknown>>
  readonly history: (tenant: string) => Effect.Effect<unknown, E, R>
  readonly writeScaffold: (tenant: string) => Effect.Effect<void, never, R2>
  readonly executeAll: (actor: Actor.Actor, commands: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown, R3>
}): Effect.Effect<void, E, R | R2 | R3> =>
  Effect.gen(function*() {
    const { a, b, executeAll, history, outcomes } = options
    const expected = untenanted(a)(yield* history(a))
    const commandsFor = (which: ReadonlyArray<Outcomes.Outcome<unknown>>) => retarget(a, b)(which.map((o) => o.command)) as ReadonlyArray<unknown>
    yield* options.writeScaffold(b)
    const before = yield* history(b)
    const all = yield* Effect.either(executeAll(Actor.system(b), commandsFor(outcomes)))
    if (expectBatchOutcome(outcomes, all)) {
      expect(yield* history(b)).toEqual(before)
      yield* Effect.orDie(executeAll(Actor.system(b), commandsFor(outcomes.filter((o) => o.result === "ok"))))
    }
    expect(untenanted(b)(yield* history(b))).toEqual(expected)
  })

/**
 * Registers both properties over a domain's random intents (call inside a `describe`):
 * the differential unless `differential` is false, and the batch property, each on its
 * own fresh tenants, through `provide` (the suite's shared store).
 *
 * @internal
 */
export const parityProperties = <I, R, E>(options: {
  readonly intents: fc.Arbitrary<I>
  readonly provide: <A, E2>(self: Effect.Effect<A, E2, R>) => Effect.Effect<A, E2>
  readonly freshTenant: () => string
  readonly run: (tenant: string, intents: I) => Effect.Effect<ReadonlyArray<Outcomes.Outcome<unknown>>, E, R>
  readonly answers: (tenant: string) => Effect.Effect<unknown, E, R>
  readonly reference: <A>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, unknown>
  readonly history: (tenant: string) => Effect.Effect<unknown, E, R>
  readonly writeScaffold: (tenant: string) => Effect.Effect<void, never, R>
  readonly executeAll: Effect.Effect<(actor: Actor.Actor, commands: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>, never, R>
  readonly differential: boolean
  readonly propOptions: { readonly timeout: number; readonly fastCheck: { readonly numRuns: number; readonly interruptAfterTimeLimit: number } }
  /** The batch property's runs (it costs twice as much a run). */
  readonly batchRuns: number
}): void => {
  const { freshTenant, propOptions, provide } = options
  if (options.differential) {
    it.effect.prop(
      "the same results command by command, tables and answers as the memory store",
      [options.intents],
      ([ops]) =>
        provide(Effect.suspend(() => {
          const tenant = freshTenant()
          return sameAsReference(options.run(tenant, ops), options.answers(tenant), options.reference)
        })),
      propOptions
    )
  }
  it.effect.prop(
    "a batch gives what the same commands give one by one: the history, or the first refusal with its row and nothing written",
    [options.intents],
    ([ops]) =>
      provide(Effect.gen(function*() {
        const [a, b] = [freshTenant(), freshTenant()]
        yield* batchAsOneByOne({
          a,
          b,
          outcomes: yield* options.run(a, ops),
          history: options.history,
          writeScaffold: options.writeScaffold,
          executeAll: yield* options.executeAll
        })
      })),
    { ...propOptions, fastCheck: { ...propOptions.fastCheck, numRuns: options.batchRuns } }
  )
}
