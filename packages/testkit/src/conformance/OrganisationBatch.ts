/**
 * The organisation service's batch and import paths against one by one, on any store:
 *
 * - Random command sequences run one by one in one tenant, and the same commands (the
 *   scaffold's organisations and members included) as one `executeAll` in another: the
 *   same history (every table and the audit log, its details and order) when every
 *   command succeeded; when one was refused, the batch fails with its error naming its
 *   row and writes nothing; the commands that succeeded, as one batch or cut into 2–4
 *   batches, give the same history again.
 * - An import in chunks refused at a row keeps the chunks before it; run again with the
 *   source mended, it resumes there and writes every row once.
 *
 * @since 0.2.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, ImportLog, Organisations } from "@jiceng/core"
import { Effect, Either, Option, Schema } from "effect"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"
import { retarget, untenanted } from "./GridBatch.js"
import type { sharedStore } from "./organisationSupport.js"
import { freshTenant, longFactor } from "./support.js"

/** The tenant's history, its tenant code taken out. */
const historyOf = (tenant: string) => Effect.map(OrganisationIntents.history(tenant), untenanted(tenant))

/** Consecutive slices of `items`, cut before the given positions (taken modulo its length). */
const cut = <A>(items: ReadonlyArray<A>, at: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<A>> => {
  if (items.length < 2) return [items]
  const points = [...new Set(at.map((p) => 1 + (p % (items.length - 1))))].sort((a, b) => a - b)
  return [0, ...points].map((from, i) => items.slice(from, points[i] ?? items.length))
}

const Cuts = Schema.Array(Schema.Int.pipe(Schema.between(0, 100_000))).pipe(Schema.minItems(1), Schema.maxItems(3))

/**
 * Registers the suite for one store; `provide` runs a test's effect over it.
 *
 * @since 0.2.0
 * @category suites
 */
export const organisationBatch = (
  name: string,
  provide: ReturnType<typeof sharedStore>,
  options: { readonly numRuns?: number; readonly maxIntents?: number } = {}
) =>
  describe(`${name}: organisation batches and imports as one by one`, () => {
    const numRuns = (options.numRuns ?? 10) * longFactor()
    const budget = 240_000 * longFactor()

    it.effect.prop(
      "a batch gives what the same commands give one by one: the history, or the first refusal with its row and nothing written",
      [OrganisationIntents.intents(options.maxIntents ?? 30), Cuts],
      ([ops, cuts]) =>
        provide(Effect.gen(function*() {
          const service = yield* Organisations.Organisations
          const [a, b, c] = [freshTenant(), freshTenant(), freshTenant()]
          const outcomes = yield* OrganisationIntents.run(a, ops, { checkRefusals: false })
          const expected = yield* historyOf(a)
          const scaffold = OrganisationIntents.scaffold(a)
          const commandsFor = (tenant: string, which: ReadonlyArray<OrganisationIntents.Outcome>) =>
            retarget(a, tenant)([...scaffold, ...which.map((o) => o.command)]) as ReadonlyArray<unknown>
          const ok = outcomes.filter((o) => o.result === "ok")
          const refused = outcomes.flatMap((o, i) => (o.result === "ok" ? [] : [{ ...o, row: scaffold.length + i + 1 }]))

          // Tenant B: its grids, then every organisation command in one batch.
          yield* OrganisationIntents.writeGrids(b)
          const gridsOnly = yield* OrganisationIntents.history(b)
          const all = yield* Effect.either(service.executeAllUnknown(Actor.system(b), commandsFor(b, outcomes)))
          if (refused.length === 0) {
            expect(Either.isRight(all), Either.isLeft(all) ? OrganisationIntents.resultOf(all.left) : "").toBe(true)
            expect(yield* historyOf(b)).toEqual(expected)
          } else {
            // executeAll decodes and authorizes every row before its transaction: a row
            // refused there is reported before an earlier row that a rule refuses.
            const first = refused.find((o) => /^(ValidationError|Forbidden):/.test(o.result)) ?? refused[0]!
            expect(Either.isLeft(all)).toBe(true)
            const error = Either.isLeft(all) ? all.left : undefined
            expect([OrganisationIntents.resultOf(error), (error as { readonly row?: number }).row]).toEqual([first.result, first.row])
            expect(yield* OrganisationIntents.history(b)).toEqual(gridsOnly)
            yield* service.executeAllUnknown(Actor.system(b), commandsFor(b, ok))
            expect(yield* historyOf(b)).toEqual(expected)
          }

          // Tenant C: the commands that succeeded, cut into 2–4 consecutive batches.
          yield* OrganisationIntents.writeGrids(c)
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
        yield* OrganisationIntents.writeScaffold(tenant)
        const service = yield* Organisations.Organisations
        const admin = Actor.system(tenant)
        // 20 branches under c1, ten members each, a meeting of each: 240 rows.
        const source: Array<Record<string, unknown>> = []
        for (let i = 0; i < 20; i++) {
          const id = `ib${i}`
          source.push({
            _tag: "FormOrganisation", id, kind: "branch", name: `第${i}支部`, parentId: "c1", sector: "community",
            grids: [`${tenant}001001`], validFrom: "2024-01-01"
          })
          for (let j = 0; j < 10; j++) {
            source.push({ _tag: "ArriveMember", memberId: `${id}-${j}`, organisationId: id, standing: "full", name: "党员", at: "2024-01-02" })
          }
          source.push({
            _tag: "RecordMeeting", id: `${id}-mt`, organisationId: id, kind: "general_meeting", date: "2024-03-01", topic: "学习",
            attendees: Array.from({ length: 6 }, (_, j) => `${id}-${j}`), votes: [{ motion: "决议", yes: 6, no: 0, abstain: 0 }]
          })
        }
        const bad = 170
        // Row 170 arrives a member already in another branch: membership.one-branch.
        const broken = source.map((c, i) => (i === bad - 1 ? { ...c, memberId: "ib0-0" } : c))
        const before = yield* OrganisationIntents.history(tenant)
        const failed = yield* Effect.either(service.importAll(admin, broken, { id: "party-1", chunkSize: 50 }))
        expect(Either.isLeft(failed) && failed.left).toMatchObject({ _tag: "RuleViolation", rule: "membership.one-branch", row: bad })
        const partly = yield* OrganisationIntents.history(tenant)
        expect(partly.audit.length).toBe(before.audit.length + 150)
        const log = yield* ImportLog.ImportLog
        expect(Option.map(yield* log.progress(admin.tenant, "party-1"), (p) => p.committed)).toEqual(Option.some(150))

        const resumed = yield* service.importAll(admin, source, { id: "party-1", chunkSize: 50 })
        expect(resumed).toEqual({ id: "party-1", committed: source.length, skipped: 150, written: source.length - 150, chunks: 2 })
        const again = yield* service.importAll(admin, source, { id: "party-1", chunkSize: 70 })
        expect(again).toMatchObject({ skipped: source.length, written: 0, chunks: 0 })

        // Every row once: the same history as the source in one batch in another tenant.
        const after = yield* OrganisationIntents.history(tenant)
        expect(after.audit.length).toBe(before.audit.length + source.length)
        expect(after.audit.map((e) => e.seq)).toEqual(after.audit.map((_, i) => i + 1))
        const other = freshTenant()
        yield* OrganisationIntents.writeScaffold(other)
        yield* service.executeAllUnknown(Actor.system(other), retarget(tenant, other)(source) as ReadonlyArray<unknown>)
        expect(untenanted(tenant)(after)).toEqual(yield* historyOf(other))
      })))
  })
