import { describe, expect, it } from "@effect/vitest"
import { Actor, Development, DevelopmentConfig, MemoryStore, Outreach } from "@jiceng/core"
import { Effect, Layer } from "effect"
import { outreachOver } from "../src/conformance/outreachSupport.js"
import * as DevelopmentData from "../src/district/Development.js"
import * as District from "../src/district/District.js"
import * as OutreachData from "../src/district/Outreach.js"
import * as Party from "../src/district/Party.js"

// A scaled-down 桃城区 (its 6 new-employment organisations stay: the party scales them to at least one a street).
const taocheng = District.plan({ seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 600 })
const party = Party.generate(taocheng, { newEmployment: 6 })
const development = DevelopmentData.generate(taocheng, party)
const data = OutreachData.generate(taocheng, party, development)
const a = OutreachData.article

// The outreach suites' services (Outreach, Organisations, Grids over a memory store) and Development.
const memory = Development.layer.pipe(Layer.provideMerge(Layer.merge(outreachOver(MemoryStore.layer), DevelopmentConfig.layer())))

describe("OutreachData.generate", () => {
  it("is deterministic, and another seed gives other commands", () => {
    expect(JSON.stringify(OutreachData.generate(taocheng, party, development))).toBe(JSON.stringify(data))
    expect(JSON.stringify(OutreachData.generate(taocheng, party, development, { seed: 5 }).lanshan.commands)).not.toBe(JSON.stringify(data.lanshan.commands))
  })

  it("refuses impossible options", () => {
    expect(() => OutreachData.generate(taocheng, party, development, { leaders: 0 })).toThrow(RangeError)
    expect(() => OutreachData.generate(taocheng, party, development, { resolvedShare: 1.5 })).toThrow(RangeError)
    expect(() => OutreachData.generate(taocheng, party, development, { driversHomeMembers: 100_000 })).toThrow(RangeError)
  })
})

describe("OutreachData.apply", () => {
  // Live: the services refuse days after today, and the test clock starts in 1970.
  it.live("the service accepts every command, and its reads give back the articles' figures", () =>
    Effect.gen(function*() {
      yield* District.apply(taocheng, { batchSize: 20_000 })
      yield* Party.apply(party)
      yield* DevelopmentData.apply(development)
      yield* OutreachData.apply(data, { batchSize: 999 })
      const service = yield* Outreach.Outreach

      const t = data.taocheng
      const tc = Actor.system(t.tenant)
      const groups = yield* service.groups(tc, { at: t.at })
      expect(new Set(groups.groups.map((g) => g.organisationId)).size).toBe(a.taocheng.newEmploymentOrganisations)
      const stations = yield* service.stations(tc, { at: t.at })
      expect(stations.byKind.love_station).toBe(a.taocheng.loveStations)
      const uses = yield* service.uses(tc, { from: t.from, to: t.to })
      expect(uses.total).toBeGreaterThan(0)

      const l = data.lanshan
      const ls = Actor.system(l.tenant)
      const lanshan = yield* service.stations(ls, { at: l.at })
      expect(lanshan.studyCorners).toBe(a.lanshan.studyCorners)
      const facility = (id: string) => lanshan.facilities.find((f) => f.id === id)?.count
      const wyc = lanshan.stations.find((s) => s.kind === "ride_hailing_station")!
      expect([wyc.facilities["dc_charger"], wyc.facilities["ac_charger"], wyc.facilities["car_wash"]]).toEqual([a.lanshan.dcChargers, a.lanshan.acChargers, a.lanshan.carWashes])
      expect(facility("dc_charger")).toBe(a.lanshan.dcChargers)
      const lsGroups = yield* service.groups(ls, { at: l.at })
      expect(lsGroups.kinds.reduce((n, k) => n + k.workers, 0)).toBe(a.lanshan.workers)
      const driversHome = lsGroups.groups.find((g) => g.kind === "truck_driver")!
      expect(driversHome.members).toBe(data.options.driversHomeMembers)
      expect(driversHome.members).toBeGreaterThan(a.lanshan.driversHomeMembers)
      const problems = yield* service.problems(ls, { from: l.from, to: l.to })
      expect(problems.raised).toBe(data.options.problemsRaised)
      expect(problems.resolved).toBe(Math.round(data.options.problemsRaised * data.options.resolvedShare))
      expect(problems.resolved).toBeGreaterThan(a.lanshan.problemsResolved)
      const matters = yield* service.matters(ls, { at: l.at })
      expect(matters.batches.map((b) => [b.batch.number, b.listed, b.done])).toEqual([[1, a.lanshan.firstBatch, a.lanshan.firstBatch], [2, data.options.secondBatch, 0]])
      const compliance = yield* service.compliance(ls, { from: l.from, to: l.to })
      expect(compliance.owed).toBeGreaterThan(compliance.met)
      expect(compliance.met + compliance.missing.length).toBe(compliance.owed)
      expect(compliance.leaders.length).toBe(data.options.leaders)
    }).pipe(Effect.provide(memory)), 300_000)
})
