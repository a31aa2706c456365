/**
 * report.totals-rollup on random data: the totals rows of the report models equal the
 * services' own rollups whatever the domains' random commands wrote (the intents
 * arbitraries of the demand, ledger and organisation suites, on a fresh memory store a
 * run) — the rows by child grid with the root's own row total the subtree, at the
 * district, a street, a community and a compound.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructions,
  ComplianceReport,
  DemandResolutionReport,
  Demands,
  DistrictSummary,
  Grids,
  MemoryStore,
  Organisations,
  VolunteerLedgerService
} from "@jiceng/core"
import { DemandIntents, LedgerIntents, OrganisationIntents, WholeDistrict } from "@jiceng/testkit"
import { Effect, FastCheck as fc, TestClock } from "effect"
import { demandTotals, figures, sum, table, totals } from "./reportBlocks.js"

const tenant = "131102"
const actor = Actor.system(tenant)
const fresh = <A, E>(self: Effect.Effect<A, E, WholeDistrict.Services>) => Effect.provide(self, WholeDistrict.layer(MemoryStore.layer))

describe("report.totals-rollup", () => {
  it.effect.prop(
    "report.totals-rollup: a demand report's rows by child grid, with the root's own, total the subtree's statistics",
    [DemandIntents.intents(30)],
    ([intents]) =>
      fresh(Effect.gen(function*() {
        yield* TestClock.setTime(DemandIntents.todayMs)
        yield* DemandIntents.run(tenant, intents, { checkRefusals: false })
        const demands = yield* Demands.Demands
        const period = { from: "2024-01-01", to: "2025-07-01" }
        for (const root of [tenant, `${tenant}001`, `${tenant}001001`, `${tenant}001001001001`]) {
          const report = yield* DemandResolutionReport.build(actor, { root, ...period })
          const t = (yield* demands.stats(actor, { root, ...period })).total
          expect(totals(table(report, "resolution", "demands-by-child"))).toMatchObject(demandTotals(t))
        }
      })),
    { fastCheck: { numRuns: 25 } }
  )

  it.effect.prop(
    "report.totals-rollup: the summary's volunteer service by child grid and by category total the ledger's grid rollup; grids per level total countByLevel",
    [fc.array(LedgerIntents.step, { minLength: 5, maxLength: 30 })],
    ([steps]) =>
      fresh(Effect.gen(function*() {
        yield* TestClock.setTime(LedgerIntents.todayMs)
        const s = LedgerIntents.scaffold(tenant)
        yield* (yield* Grids.Grids).executeAllUnknown(actor, s.grids).pipe(Effect.orDie)
        yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(actor, s.coConstruction).pipe(Effect.orDie)
        const ledger = yield* VolunteerLedgerService.VolunteerLedger
        yield* ledger.executeAllUnknown(actor, s.ledger).pipe(Effect.orDie)
        for (const command of LedgerIntents.commands(steps)) yield* Effect.either(ledger.executeUnknown(actor, command))
        for (const root of [tenant, `${tenant}001`]) {
          const report = yield* DistrictSummary.build(actor, { root, from: "2024-01-01", to: "2025-01-01" })
          const period = { root, from: "2024-01-01", to: "2024-12-31" }
          const rollup = (yield* ledger.gridRollup(actor, period)).data
          const summary = (yield* ledger.summary(actor, period)).data
          const expected = { entries: rollup.totals.entries, minutes: rollup.totals.minutes, residents: rollup.totals.residentsServed, matters: rollup.totals.mattersDone }
          expect(totals(table(report, "volunteering", "volunteering-by-child"))).toMatchObject(expected)
          expect(totals(table(report, "volunteering", "volunteering-by-category"))).toMatchObject(expected)
          expect(figures(report, "volunteering", "volunteering-figures")).toMatchObject({ entries: summary.entries, hours: summary.hours })
          const levels = yield* (yield* Grids.Grids).countByLevel(actor, { root, at: "2024-12-31" })
          expect(totals(table(report, "grids", "grids-per-level"))["count"]).toBe(sum(levels, (l) => l.count))
        }
      })),
    { fastCheck: { numRuns: 20 } }
  )

  it.effect.prop(
    "report.totals-rollup: a compliance report's rows per kind and per organisation total the service's summary",
    [OrganisationIntents.intents(25)],
    ([intents]) =>
      fresh(Effect.gen(function*() {
        yield* TestClock.setTime(OrganisationIntents.todayMs)
        yield* OrganisationIntents.run(tenant, intents, { checkRefusals: false })
        const organisations = yield* Organisations.Organisations
        for (const root of [tenant, `${tenant}001`]) {
          const period = { root, from: "2024-01-01", to: "2025-01-01" }
          const report = yield* ComplianceReport.build(actor, period)
          const s = (yield* organisations.compliance(actor, period)).summary
          for (const id of ["compliance-by-kind", "compliance-by-organisation"]) {
            expect(totals(table(report, "compliance", id))).toMatchObject({ due: s.due, held: s.held, missing: s.missing })
          }
          const summary = yield* DistrictSummary.build(actor, period)
          const kinds = yield* organisations.countByKind(actor, { root, at: "2024-12-31" })
          expect(totals(table(summary, "organisations", "organisations-by-kind"))["count"]).toBe(sum(kinds, (k) => k.count))
        }
      })),
    { fastCheck: { numRuns: 20 } }
  )
})
