/**
 * The properties every domain's service conformance suite states over its random
 * intents, written once: the same results, tables and answers as the memory store (the
 * differential), and a batch that gives what the same commands give one by one.
 *
 * @internal
 */
import { expect } from "@effect/vitest"
import { Actor } from "@jiceng/core"
import { Effect, Either } from "effect"
import type * as IntentRuns from "../arbitraries/IntentRuns.js"
import { retarget, untenanted } from "./GridBatch.js"

/** A domain's intents as the properties run them, over the services `R`. */
export interface Domain<I, R> {
  readonly freshTenant: () => string
  /** Writes the scaffold, then runs the intents one by one (no check of refusals). */
  readonly run: (tenant: string, intents: ReadonlyArray<I>) => Effect.Effect<ReadonlyArray<IntentRuns.Outcome<unknown>>, unknown, R>
  /** What the domain's tables and the audit log hold. */
  readonly history: (tenant: string) => Effect.Effect<unknown, unknown, R>
  readonly writeScaffold: (tenant: string) => Effect.Effect<void, never, R>
  readonly executeAll: (actor: Actor.Actor, inputs: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown, R>
}

/**
 * The results command by command, and the answers, equal those of the same intents over
 * a memory store (`reference` runs an effect over one).
 */
export const sameAsMemory = <I, R>(
  domain: Domain<I, R>,
  answers: (tenant: string) => Effect.Effect<unknown, unknown, R>,
  reference: <A, E>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, unknown>
) =>
(ops: ReadonlyArray<I>): Effect.Effect<void, unknown, R> =>
  Effect.gen(function*() {
    const tenant = domain.freshTenant()
    const outcomes = yield* domain.run(tenant, ops)
    const answered = yield* answers(tenant)
    const [expected, expectedAnswers] = yield* reference(Effect.all([domain.run(tenant, ops), answers(tenant)]))
    for (const [i, outcome] of outcomes.entries()) expect(outcome, `command ${i + 1}`).toEqual(expected[i])
    expect(outcomes.length).toBe(expected.length)
    expect(answered).toEqual(expectedAnswers)
  })

/**
 * A batch gives what the same commands give one by one: the history, or the first
 * refusal naming its row (a row refused at decoding or authorization first) and nothing
 * written; then the commands that succeeded, as one batch, give the same history.
 */
export const batchAsOneByOne = <I, R>(domain: Domain<I, R>) => (ops: ReadonlyArray<I>): Effect.Effect<void, unknown, R> =>
  Effect.gen(function*() {
    const [a, b] = [domain.freshTenant(), domain.freshTenant()]
    const outcomes = yield* domain.run(a, ops)
    const expected = untenanted(a)(yield* domain.history(a))
    const commandsFor = (tenant: string, which: ReadonlyArray<IntentRuns.Outcome<unknown>>) =>
      retarget(a, tenant)(which.map((o) => o.command)) as ReadonlyArray<unknown>
    const refused = outcomes.flatMap((o, i) => (o.result === "ok" ? [] : [{ ...o, row: i + 1 }]))
    yield* domain.writeScaffold(b)
    const before = yield* domain.history(b)
    const all = yield* Effect.either(domain.executeAll(Actor.system(b), commandsFor(b, outcomes)))
    if (refused.length === 0) {
      expect(Either.isRight(all)).toBe(true)
    } else {
      const first = refused.find((o) => /^(ValidationError|Forbidden):/.test(o.result)) ?? refused[0]!
      expect(Either.isLeft(all)).toBe(true)
      const error = (Either.isLeft(all) ? all.left : {}) as { readonly _tag?: string; readonly rule?: string; readonly row?: number }
      expect(`${error._tag}:${error.rule}#${error.row}`).toBe(`${first.result.replace(/@.*/, "")}#${first.row}`)
      expect(yield* domain.history(b)).toEqual(before)
      yield* domain.executeAll(Actor.system(b), commandsFor(b, outcomes.filter((o) => o.result === "ok")))
    }
    expect(untenanted(b)(yield* domain.history(b))).toEqual(expected)
  })
