import { describe, expect, it } from "@effect/vitest"
import { Actor, DemandConfig, Demands, Escalation, GridConfig, Grids, MemoryStore } from "@jiceng/core"
import { Effect, Layer, TestClock } from "effect"
import * as DemandData from "../src/district/Demands.js"
import * as District from "../src/district/District.js"

// A scaled-down 桃城区, as the other generators' tests use.
const district = District.generate({ seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 1_200 })

const memory = Layer.mergeAll(Grids.layer, Demands.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), DemandConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)

describe("DemandData", () => {
  it.effect("a year on the district's grid store: deterministic, every command accepted, the resolved the library computes are the generator's, every overdue demand up its chain", () =>
    Effect.gen(function*() {
      // The rules refuse minutes after the present one: the test's clock stands after the year.
      yield* TestClock.setTime(Date.parse("2025-06-30T00:00:00Z"))
      yield* District.apply(district)
      const facts = yield* DemandData.facts(district.tenant, "2024-01-01")
      expect(facts.blocks.length).toBeGreaterThan(100)
      expect(facts.blocks.every((b) => b.households.length > 0)).toBe(true)
      const data = DemandData.generate(facts)
      expect(JSON.stringify(DemandData.generate(facts))).toBe(JSON.stringify(data))
      expect(JSON.stringify(DemandData.generate(facts, { seed: 7 }))).not.toBe(JSON.stringify(data))
      yield* DemandData.write(data)

      const service = yield* Demands.Demands
      const actor = Actor.system(district.tenant)
      const stats = yield* service.stats(actor, { from: "2024-01-01", to: "2025-01-01" })
      // The inputs: 720 demands collected, 85 % of them resolved; the library counts them from the store.
      expect(stats.total.received).toBe(DemandData.defaults.demands)
      expect(stats.total.resolved).toBe(Math.round(DemandData.defaults.demands * DemandData.defaults.resolvedShare))
      expect(stats.total.resolved).toBe(data.drawn.resolved)
      expect(stats.total.resolved).toBeGreaterThanOrEqual(DemandData.article.resolved)
      expect(stats.total.onTimeRate).toBeGreaterThan(0.8)
      // With a sweep every morning, a demand open at the year's end past its deadline by more than the chain's
      // intervals has gone up every level to the street, once each.
      const scheme = GridConfig.defaults.scheme
      for (const o of yield* service.overdue(actor, { asOf: "2024-12-31T23:59" })) {
        const chain = Escalation.chain(scheme, o.gridCode, 1)
        if (o.overdueMinutes >= chain.length * DemandConfig.defaults.escalateEveryMinutes) expect(o.escalatedTo).toEqual(chain)
        expect(o.due).toEqual([])
      }
      const visits = yield* service.coverage(actor, { asOf: "2024-12-31", days: 366 })
      expect(visits.reduce((n, g) => n + g.visited, 0)).toBeGreaterThan(0)
    }).pipe(Effect.provide(memory)), 300_000)
})
