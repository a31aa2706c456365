/**
 * The co-construction service's batch and import paths against one by one, on any
 * store:
 *
 * - Random command sequences run one by one in one tenant, and the same commands (the
 *   co-construction scaffold's included) as one `executeAll` in another: the same
 *   history (every table and the audit log, its details and order) when every command
 *   succeeded; when one was refused, the batch fails with its error (rule and field)
 *   naming its row and writes nothing; the commands that succeeded, as one batch or cut
 *   into 2–4 batches, give the same history again.
 * - An import in chunks refused at a row keeps the chunks before it; run again with the
 *   source mended, it resumes there and writes every row once.
 * - An import stopped while it reads a chunk (its fiber interrupted, as a process
 *   stopping) keeps the chunks it committed and nothing of the one it was reading; run
 *   again, it resumes there and writes every row once. (`CoConstructionImportResume`
 *   kills a child process instead, on the stores that outlive one.)
 *
 * @since 0.3.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructions, ImportLog } from "@jiceng/core"
import { Deferred, Effect, Either, Fiber, Option, Schema } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import { retarget, untenanted } from "./GridBatch.js"
import type { sharedStore } from "./coConstructionSupport.js"
import { freshTenant } from "./coConstructionSupport.js"
import { longFactor } from "./support.js"

/** The tenant's history (of the keys given), its tenant code taken out. */
const historyOf = (tenant: string, keys?: CoConstructionIntents.Keys) =>
  Effect.map(CoConstructionIntents.history(tenant, keys), untenanted(tenant))

/** The import tests' 20 blocks' keys. */
const imported = CoConstructionIntents.importKeys(20)

/** Consecutive slices of `items`, cut before the given positions (taken modulo its length). */
const cut = <A>(items: ReadonlyArray<A>, at: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<A>> => {
  if (items.length < 2) return [items]
  const points = [...new Set(at.map((p) => 1 + (p % (items.length - 1))))].sort((a, b) => a - b)
  return [0, ...points].map((from, i) => items.slice(from, points[i] ?? items.length))
}

const Cuts = Schema.Array(Schema.Int.pipe(Schema.between(0, 100_000))).pipe(Schema.minItems(1), Schema.maxItems(3))

/** How many rows of each kind a history holds. */
const rowsOf = (h: CoConstructionIntents.History) => ({
  audit: h.audit.length,
  seqs: h.audit.every((e, i) => e.seq === i + 1),
  units: h.unitEnrolments.length,
  members: h.memberEnrolments.length,
  teams: h.teams.length,
  agreements: h.agreements.length,
  needs: h.needs.length,
  resources: h.resources.length,
  projects: h.projects.length,
  posts: h.posts.length,
  claims: h.claims.length
})

/**
 * Registers the suite for one store; `provide` runs a test's effect over it.
 *
 * @since 0.3.0
 * @category suites
 */
export const coConstructionBatch = (
  name: string,
  provide: ReturnType<typeof sharedStore>,
  options: { readonly numRuns?: number; readonly maxIntents?: number } = {}
) =>
  describe(`${name}: co-construction batches and imports as one by one`, () => {
    const numRuns = (options.numRuns ?? 10) * longFactor()
    const budget = 240_000 * longFactor()

    it.effect.prop(
      "a batch gives what the same commands give one by one: the history, or the first refusal with its row and nothing written",
      [CoConstructionIntents.intents(options.maxIntents ?? 30), Cuts],
      ([ops, cuts]) =>
        provide(Effect.gen(function*() {
          const service = yield* CoConstructions.CoConstructions
          const [a, b, c] = [freshTenant(), freshTenant(), freshTenant()]
          const outcomes = yield* CoConstructionIntents.run(a, ops, { checkRefusals: false })
          const expected = yield* historyOf(a)
          const scaffold = CoConstructionIntents.scaffold(a)
          const commandsFor = (tenant: string, which: ReadonlyArray<CoConstructionIntents.Outcome>) =>
            retarget(a, tenant)([...scaffold, ...which.map((o) => o.command)]) as ReadonlyArray<unknown>
          const ok = outcomes.filter((o) => o.result === "ok")
          const refused = outcomes.flatMap((o, i) => (o.result === "ok" ? [] : [{ ...o, row: scaffold.length + i + 1 }]))

          // Tenant B: its grids and organisations, then every co-construction command in one batch.
          yield* CoConstructionIntents.writeBase(b)
          const baseOnly = yield* CoConstructionIntents.history(b)
          const all = yield* Effect.either(service.executeAllUnknown(Actor.system(b), commandsFor(b, outcomes)))
          if (refused.length === 0) {
            expect(Either.isRight(all), Either.isLeft(all) ? CoConstructionIntents.resultOf(all.left) : "").toBe(true)
            expect(yield* historyOf(b)).toEqual(expected)
          } else {
            // executeAll decodes and authorizes every row before its transaction: a row
            // refused there is reported before an earlier row that a rule refuses.
            const first = refused.find((o) => /^(ValidationError|Forbidden):/.test(o.result)) ?? refused[0]!
            expect(Either.isLeft(all)).toBe(true)
            const error = Either.isLeft(all) ? all.left : undefined
            expect(CoConstructionIntents.resultOf(error)).toEqual(`${first.result}#${first.row}`)
            expect(yield* CoConstructionIntents.history(b)).toEqual(baseOnly)
            yield* service.executeAllUnknown(Actor.system(b), commandsFor(b, ok))
            expect(yield* historyOf(b)).toEqual(expected)
          }

          // Tenant C: the commands that succeeded, cut into 2–4 consecutive batches.
          yield* CoConstructionIntents.writeBase(c)
          for (const batch of cut(commandsFor(c, ok), cuts)) {
            yield* service.executeAllUnknown(Actor.system(c), batch)
          }
          expect(yield* historyOf(c)).toEqual(expected)
        })),
      { timeout: budget + 60_000, fastCheck: { numRuns, interruptAfterTimeLimit: budget } }
    )

    it.effect("an import in chunks refused at a row resumes after its last chunk and writes every row once", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* CoConstructionIntents.writeBase(tenant)
        const service = yield* CoConstructions.CoConstructions
        const admin = Actor.system(tenant)
        // 20 blocks of nine commands: 180 rows.
        const source = [...CoConstructionIntents.importSource(tenant, 20)]
        const bad = 170
        // Row 170 opens a post on a team that does not exist: post.team.
        const broken = source.map((c, i) => (i === bad - 1 ? { ...(c as object), teamId: "nowhere" } : c))
        expect((source[bad - 1] as { readonly _tag: string })._tag).toBe("OpenPost")
        const before = yield* CoConstructionIntents.history(tenant)
        const failed = yield* Effect.either(service.importAll(admin, broken, { id: "cc-1", chunkSize: 50 }))
        expect(Either.isLeft(failed) && failed.left).toMatchObject({ _tag: "RuleViolation", rule: "post.team", field: "teamId", row: bad })
        const partly = yield* CoConstructionIntents.history(tenant)
        expect(partly.audit.length).toBe(before.audit.length + 150)
        const log = yield* ImportLog.ImportLog
        expect(Option.map(yield* log.progress(admin.tenant, "cc-1"), (p) => p.committed)).toEqual(Option.some(150))

        const resumed = yield* service.importAll(admin, source, { id: "cc-1", chunkSize: 50 })
        expect(resumed).toEqual({ id: "cc-1", committed: source.length, skipped: 150, written: source.length - 150, chunks: 1 })
        const again = yield* service.importAll(admin, source, { id: "cc-1", chunkSize: 70 })
        expect(again).toMatchObject({ skipped: source.length, written: 0, chunks: 0 })

        // Every row once: the same history as the source in one batch in another tenant.
        const after = yield* CoConstructionIntents.history(tenant, imported)
        expect(rowsOf(after)).toEqual({
          audit: before.audit.length + source.length, seqs: true, units: 20, members: 20, teams: 20, agreements: 20, needs: 20, resources: 20, projects: 20, posts: 20, claims: 20
        })
        const other = freshTenant()
        yield* CoConstructionIntents.writeBase(other)
        yield* service.executeAllUnknown(Actor.system(other), retarget(tenant, other)(source) as ReadonlyArray<unknown>)
        expect(untenanted(tenant)(after)).toEqual(yield* historyOf(other, imported))
      })))

    it.effect("an import stopped while it reads a chunk keeps what it committed, nothing of that chunk, and resumes", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* CoConstructionIntents.writeBase(tenant)
        const service = yield* CoConstructions.CoConstructions
        const admin = Actor.system(tenant)
        const source = [...CoConstructionIntents.importSource(tenant, 20)]
        const before = yield* CoConstructionIntents.history(tenant)
        // A source that stalls after its 130th row: two chunks of 50 committed, the third half read.
        const stalled = yield* Deferred.make<void>()
        async function* stalling() {
          for (const [i, command] of source.entries()) {
            if (i === 130) {
              await Effect.runPromise(Deferred.succeed(stalled, undefined))
              await new Promise(() => {})
            }
            yield command
          }
        }
        const running = yield* Effect.fork(service.importAll(admin, stalling(), { id: "cc-2", chunkSize: 50 }))
        yield* Deferred.await(stalled)
        yield* Fiber.interrupt(running)
        const log = yield* ImportLog.ImportLog
        expect(Option.map(yield* log.progress(admin.tenant, "cc-2"), (p) => p.committed)).toEqual(Option.some(100))
        expect((yield* CoConstructionIntents.history(tenant)).audit.length).toBe(before.audit.length + 100)

        const resumed = yield* service.importAll(admin, source, { id: "cc-2", chunkSize: 50 })
        expect(resumed).toEqual({ id: "cc-2", committed: source.length, skipped: 100, written: source.length - 100, chunks: 2 })
        const after = yield* CoConstructionIntents.history(tenant, imported)
        expect(rowsOf(after)).toEqual({
          audit: before.audit.length + source.length, seqs: true, units: 20, members: 20, teams: 20, agreements: 20, needs: 20, resources: 20, projects: 20, posts: 20, claims: 20
        })
        const other = freshTenant()
        yield* CoConstructionIntents.writeBase(other)
        yield* service.executeAllUnknown(Actor.system(other), retarget(tenant, other)(source) as ReadonlyArray<unknown>)
        expect(untenanted(tenant)(after)).toEqual(yield* historyOf(other, imported))
      })))
  })
