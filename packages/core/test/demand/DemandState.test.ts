/**
 * The demand's life, escalation up the grid chain, and the Open311 view: random event
 * sequences pass only through legal states; an overdue demand escalates exactly once per
 * level; the GeoReport v2 fields follow the state.
 */
import { describe, expect, it } from "@effect/vitest"
import { Coverage, DemandState, Escalation, IsoDate, LevelScheme, LocalMinute, Open311 } from "@jiceng/core"
import { Either, FastCheck as fc } from "effect"

const events = DemandState.EventKind.literals
const states = DemandState.State.literals

describe("DemandState", () => {
  it.prop("demand.transition and demand.return-visit: random events pass only through legal states", [
    fc.array(fc.tuple(fc.constantFrom(...events), fc.option(fc.constantFrom(...DemandState.Satisfaction.literals), { nil: null })), { maxLength: 40 })
  ], ([sequence]) => {
    let state: DemandState.State = "received"
    for (const [event, visit] of sequence) {
      const result = DemandState.next(state, event, visit)
      const legal: DemandState.State | undefined = DemandState.transitions[state][event]
      if (legal === undefined) expect(Either.isLeft(result) && result.left.rule).toBe("demand.transition")
      else if (event === "close" && visit === null) expect(Either.isLeft(result) && result.left.rule).toBe("demand.return-visit")
      else {
        expect(result).toEqual(Either.right(legal))
        state = legal
      }
      expect(states).toContain(state)
    }
  })

  it("final states take no event; the open ones are those owed an answer", () => {
    for (const state of DemandState.terminal) for (const event of events) expect(Either.isLeft(DemandState.next(state, event, "satisfied"))).toBe(true)
    expect([...DemandState.open]).toEqual(["received", "assigned", "in_progress"])
    // Every state is reachable from received, and every open one can still end.
    const reach = new Set<DemandState.State>(["received"])
    for (let i = 0; i < 5; i++) for (const s of [...reach]) for (const to of Object.values(DemandState.transitions[s])) reach.add(to!)
    expect([...reach].sort()).toEqual([...states].sort())
  })
})

describe("Escalation", () => {
  const scheme = LevelScheme.defaultScheme
  it("the chain from a block (单元) goes to its compound, sector, community and street", () => {
    expect(Escalation.chain(scheme, "131102001001001001001")).toEqual(["131102001001001001", "131102001001001", "131102001001", "131102001"])
    expect(Escalation.chain(scheme, "131102001")).toEqual([])
    expect(Escalation.chain(scheme, "131102001001001001001", 2)).toEqual(["131102001001001001", "131102001001001", "131102001001"])
  })

  it.prop("demand.escalation: an overdue demand escalates exactly once per level, in order, the first the minute after the deadline, each one interval after the last, never beyond the chain", [
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 1, max: 5_000 }),
    fc.integer({ min: -10_000, max: 40_000 }),
    fc.integer({ min: 0, max: 3 })
  ], ([levels, deadline, every, sinceDeadline, start]) => {
    const chain = ["L4", "L3", "L2", "L1"].slice(0, levels)
    const asOf = deadline + sinceDeadline
    const out = Escalation.escalations(chain, deadline, every, asOf, { start })
    expect(out.map((e) => e.gridCode)).toEqual(chain.slice(0, out.length))
    expect(new Set(out.map((e) => e.gridCode)).size).toBe(out.length)
    // Overdue strictly after the deadline: the k-th escalation (counting on from start) at deadline + 1 + k × every.
    const first = deadline + 1 + start * every
    const expected = asOf < first ? 0 : Math.min(levels, Math.floor((asOf - first) / every) + 1)
    expect(out.length).toBe(expected)
    for (const [k, e] of out.entries()) {
      expect(e.at).toBe(first + k * every)
      expect(e.at > deadline && e.at <= asOf).toBe(true)
    }
  })

  it.prop("demand.escalation: a grid of the chain not valid when its escalation falls due is passed over for the next one up", [
    fc.subarray(["L4", "L3", "L2", "L1"]),
    fc.integer({ min: 1, max: 100 }),
    fc.integer({ min: 0, max: 1_000 })
  ], ([closed, every, asOf]) => {
    const chain = ["L4", "L3", "L2", "L1"]
    const out = Escalation.escalations(chain, 0, every, asOf, { valid: (g) => !closed.includes(g) })
    const open = chain.filter((g) => !closed.includes(g))
    expect(out.map((e) => e.gridCode)).toEqual(open.slice(0, out.length))
    expect(out.length).toBe(asOf < 1 ? 0 : Math.min(open.length, Math.floor((asOf - 1) / every) + 1))
  })
})

describe("Open311", () => {
  const category: Open311.Category = { key: "environment", zh: "环境卫生", en: "Sanitation", description: "垃圾清运、楼道卫生", group: "城市管理" }
  const view = (state: DemandState.State): Open311.DemandView => ({
    id: "D-1",
    state,
    category,
    description: "楼道堆物",
    agency: "明珠社区 · 网格员",
    requestedAt: LocalMinute.unsafeMake("2024-05-01T09:30"),
    updatedAt: LocalMinute.unsafeMake("2024-05-02T10:00"),
    expectedAt: LocalMinute.unsafeMake("2024-05-04T09:30"),
    address: "明珠小区3号楼",
    lat: 37.74,
    long: 115.67,
    note: state === "duplicate" ? "与 D-0 重复" : null
  })

  it.prop("status: open while owed an answer, closed from resolved on; expected_datetime only while open", [fc.constantFrom(...states)], ([state]) => {
    const request = Open311.request(view(state))
    expect(request.status).toBe(DemandState.open.has(state) ? "open" : "closed")
    expect(request.expected_datetime).toBe(DemandState.open.has(state) ? "2024-05-04T09:30:00+08:00" : null)
    expect(request.status_notes.startsWith(DemandState.stateLabels[state].zh)).toBe(true)
  })

  it("a request carries the GeoReport v2 fields; services.json lists the categories", () => {
    expect(Open311.request(view("duplicate"), "en")).toEqual({
      service_request_id: "D-1",
      status: "closed",
      status_notes: "duplicate: 与 D-0 重复",
      service_name: "Sanitation",
      service_code: "environment",
      description: "楼道堆物",
      agency_responsible: "明珠社区 · 网格员",
      service_notice: "",
      requested_datetime: "2024-05-01T09:30:00+08:00",
      updated_datetime: "2024-05-02T10:00:00+08:00",
      expected_datetime: null,
      address: "明珠小区3号楼",
      address_id: null,
      zipcode: null,
      lat: 37.74,
      long: 115.67,
      media_url: null
    })
    expect(Open311.services([category])).toEqual([
      { service_code: "environment", service_name: "环境卫生", description: "垃圾清运、楼道卫生", metadata: false, type: "realtime", keywords: "环境卫生,Sanitation", group: "城市管理" }
    ])
  })
})

describe("Coverage", () => {
  it.prop("visit.coverage: a household counts as visited exactly when a visit fell in the N days ending on the day", [
    fc.array(fc.tuple(fc.constantFrom("h1", "h2", "h3", "h4", "h5"), fc.constantFrom("G1", "G2")), { maxLength: 5 }),
    fc.array(fc.tuple(fc.constantFrom("h1", "h2", "h3", "h4", "h5", "x"), fc.integer({ min: 0, max: 120 })), { maxLength: 20 }),
    fc.integer({ min: 1, max: 90 })
  ], ([placed, visits, days]) => {
    const households = Array.from(new Map(placed)).map(([id, gridCode]) => ({ id, gridCode }))
    const asOf = IsoDate.unsafeMake("2024-06-30")
    const on = (n: number) => IsoDate.addDays(IsoDate.unsafeMake("2024-03-01"), n)
    const result = Coverage.coverage(households, visits.map(([placeId, n]) => ({ placeId, on: on(n) })), asOf, days)
    for (const grid of result) {
      const mine = households.filter((h) => h.gridCode === grid.gridCode)
      const missed = mine.filter((h) => !visits.some(([id, n]) => id === h.id && IsoDate.daysBetween(on(n), asOf) >= 0 && IsoDate.daysBetween(on(n), asOf) < days))
      expect(grid.households).toBe(mine.length)
      expect(grid.notVisited).toEqual(missed.map((h) => h.id).sort())
      expect(grid.visited).toBe(mine.length - missed.length)
    }
    expect(result.map((g) => g.gridCode)).toEqual(Array.from(new Set(households.map((h) => h.gridCode))).sort())
  })
})
