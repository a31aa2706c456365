/**
 * The Store conformance suite of the demand domain's repositories: every method of the
 * visit and demand repositories checked against its documented behaviour — what comes
 * back and in which order (an event's seq 2 before its seq 10, visits by minute then id,
 * by place then minute), subtree boundaries, keys that must be new (a key that exists,
 * or one named twice, fails the call and writes none of it), every field back exactly
 * as written (a point's degrees to the last digit, nulls kept apart from values, Chinese
 * and awkward text, JSON lists), tenant isolation, transactions that roll back, reads by
 * more keys than one SQL statement may carry, and a property that random rows come back
 * from every read as a naive filter of them says. Every store adapter runs it:
 *
 * ```ts
 * demandRepositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 277,000 to 280,000).
 *
 * @since 0.5.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { type Demand, DemandStore, type Grid, type LocalMinute, type Place, type Store, Tenant, Transactor, type Visit, type Worker } from "@jiceng/core"
import { Effect, FastCheck as fc, type Layer } from "effect"
import { awkward, many, sortBy, spread } from "./contractKeys.js"
import * as Tenants from "./Tenants.js"

/** The demand repositories and the transaction of the store in context. */
const ports = Effect.map(
  Effect.all([DemandStore.DemandStore, Transactor.Transactor]),
  ([store, transactor]) => ({ ...store, transaction: transactor.transaction })
)

type T = Tenant.Tenant
const minute = (m: string) => m as LocalMinute.LocalMinute

const visit = (
  t: T,
  id: string,
  spec: { readonly grid?: string; readonly place?: string | null; readonly at?: string; readonly updated?: ReadonlyArray<string>; readonly demands?: ReadonlyArray<string> } = {}
): Visit.Visit => ({
  tenant: t,
  id: id as Visit.VisitId,
  workerId: "w1" as Worker.WorkerId,
  gridCode: (spec.grid ?? `${t}001001`) as Grid.GridCode,
  target: "household",
  placeId: (spec.place === undefined ? `p-${id}` : spec.place) as Place.PlaceId | null,
  at: minute(spec.at ?? "2024-03-01T09:00"),
  updated: spec.updated ?? ["人口信息"],
  demands: spec.demands ?? []
})

const demand = (
  t: T,
  id: string,
  spec: { readonly grid?: string; readonly address?: string | null; readonly lat?: number | null; readonly long?: number | null; readonly description?: string; readonly visitId?: string | null } = {}
): Demand.Demand => ({
  tenant: t,
  id: id as Demand.DemandId,
  gridCode: (spec.grid ?? `${t}001001`) as Grid.GridCode,
  category: "safety",
  source: spec.visitId ? "visit" : "hotline",
  visitId: (spec.visitId ?? null) as Visit.VisitId | null,
  description: spec.description ?? "楼道堆物",
  address: spec.address === undefined ? "人民路88号" : spec.address,
  lat: spec.lat === undefined ? 37.7312345 : spec.lat,
  long: spec.long === undefined ? 115.6854321 : spec.long,
  requestedAt: minute("2024-03-01T09:00"),
  deadlineAt: minute("2024-03-02T09:00")
})

const event = (
  t: T,
  id: string,
  seq: number,
  spec: Partial<Pick<Demand.DemandEvent, "kind" | "gridCode" | "assignee" | "note" | "satisfaction" | "duplicateOf" | "at" | "by">> = {}
): Demand.DemandEvent => ({
  tenant: t,
  demandId: id as Demand.DemandId,
  seq,
  kind: spec.kind ?? "receive",
  at: spec.at ?? minute("2024-03-01T09:00"),
  by: spec.by ?? "system",
  gridCode: spec.gridCode ?? null,
  assignee: spec.assignee ?? null,
  note: spec.note ?? null,
  satisfaction: spec.satisfaction ?? null,
  duplicateOf: spec.duplicateOf ?? null
})

/**
 * Registers the demand repository conformance tests of a Store layer. The layer is built
 * once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.5.0
 * @category conformance
 */
export const demandRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  const nextTenant = Tenants.counted("demand repository contract", 277_000, 3_000)
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): T => Tenant.make(nextTenant())

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: demand repository contract`, (it) => {
    describe("visits", () => {
      it.effect("addVisits, visitsOf, visitsIn and visitsTo: every field back as written, in their orders; subtrees, unknown ids and other tenants left out", () =>
        Effect.gen(function*() {
          const { visits } = yield* ports
          const t = freshTenant()
          const rows = [
            visit(t, "v2", { at: "2024-03-02T08:00", updated: [...awkward], demands: ["d1", "中文 𠀀"] }),
            visit(t, "v1", { at: "2024-03-02T08:00", place: null, updated: [], grid: `${t}001001001` }),
            visit(t, "v10", { at: "2024-03-01T23:59", place: "p-v2", grid: `${t}002001` }),
            visit(t, "v3", { at: "2024-03-05T10:00", place: "p-v2" })
          ]
          yield* visits.addVisits([...rows].reverse())
          expect(yield* visits.visitsOf(t, ["v2", "zz", "v1", "v2"] as never)).toEqual([rows[1], rows[0]])
          expect(yield* visits.visitsIn(t, t)).toEqual([rows[2], rows[1], rows[0], rows[3]])
          expect(yield* visits.visitsIn(t, `${t}001`)).toEqual([rows[1], rows[0], rows[3]])
          expect(yield* visits.visitsIn(t, `${t}001001001`)).toEqual([rows[1]])
          expect(yield* visits.visitsIn(t, `${t}003`)).toEqual([])
          expect(yield* visits.visitsTo(t, ["p-v2", "p-v1", "zz"] as never)).toEqual([rows[2], rows[0], rows[3]])
          expect(yield* visits.visitsTo(t, [])).toEqual([])
          expect(yield* visits.visitsIn(freshTenant(), t)).toEqual([])
          expect(yield* visits.visitsOf(freshTenant(), ["v1"] as never)).toEqual([])
        }))

      it.effect("a visit whose id exists, or one named twice, fails the call and writes none of it", () =>
        Effect.gen(function*() {
          const { visits } = yield* ports
          const t = freshTenant()
          yield* visits.addVisits([visit(t, "v1")])
          expect((yield* Effect.flip(visits.addVisits([visit(t, "v2"), visit(t, "v1")])))._tag).toBe("StoreError")
          expect((yield* Effect.flip(visits.addVisits([visit(t, "v3"), visit(t, "v3")])))._tag).toBe("StoreError")
          expect((yield* visits.visitsIn(t, t)).map((v) => v.id)).toEqual(["v1"])
        }))
    })

    describe("demands", () => {
      it.effect("addDemands, demandsOf and demandsIn: every field back as written (a point to its last digit, nulls kept), by id; subtrees and other tenants left out", () =>
        Effect.gen(function*() {
          const { demands } = yield* ports
          const t = freshTenant()
          const rows = [
            demand(t, "d2", { description: awkward.join(" "), address: "衡水市 \"桃城区\" 𠀀", lat: -0.000001, long: 179.99999999999997, visitId: "v1" }),
            demand(t, "d1", { address: null, lat: null, long: null, grid: `${t}002001` }),
            demand(t, "d10", { lat: 0, long: -180, grid: `${t}001001001001001` })
          ]
          yield* demands.addDemands([...rows].reverse())
          expect(yield* demands.demandsOf(t, ["d2", "zz", "d1", "d2"] as never)).toEqual([rows[1], rows[0]])
          expect(yield* demands.demandsIn(t, t)).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* demands.demandsIn(t, `${t}001`)).toEqual([rows[2], rows[0]])
          expect(yield* demands.demandsIn(t, `${t}001001001`)).toEqual([rows[2]])
          expect(yield* demands.demandsIn(freshTenant(), t)).toEqual([])
          expect((yield* Effect.flip(demands.addDemands([demand(t, "d3"), demand(t, "d1")])))._tag).toBe("StoreError")
          expect((yield* demands.demandsIn(t, t)).length).toBe(3)
        }))

      it.effect("addEvents and eventsOf: by demand then seq (2 before 10), every field back as written; a seq that exists fails the call", () =>
        Effect.gen(function*() {
          const { demands } = yield* ports
          const t = freshTenant()
          const d1 = Array.from({ length: 12 }, (_, i) =>
            event(t, "d1", i + 1, {
              kind: (["receive", "assign", "escalate", "start", "resolve", "close"] as const)[i % 6]!,
              gridCode: i % 2 === 0 ? `${t}001001` as Grid.GridCode : null,
              assignee: i % 3 === 0 ? "网格员 王五" as Worker.WorkerId : null,
              note: i === 4 ? awkward.join("|") : null,
              satisfaction: i === 5 ? "basically" : null,
              at: minute(`2024-03-${String(i + 1).padStart(2, "0")}T23:59`)
            }))
          const d0 = [event(t, "d0", 1), event(t, "d0", 2, { kind: "duplicate", duplicateOf: "d1" as Demand.DemandId, by: "中文 𠀀" })]
          yield* demands.addEvents([...d1.slice(6), ...d0].reverse())
          yield* demands.addEvents(d1.slice(0, 6))
          expect(yield* demands.eventsOf(t, ["d1", "d0", "zz"] as never)).toEqual([...d0, ...d1])
          expect(yield* demands.eventsOf(t, [])).toEqual([])
          expect(yield* demands.eventsOf(freshTenant(), ["d1"] as never)).toEqual([])
          expect((yield* Effect.flip(demands.addEvents([event(t, "d0", 3), event(t, "d0", 2)])))._tag).toBe("StoreError")
          expect((yield* demands.eventsOf(t, ["d0"] as never)).length).toBe(2)
        }))

      it.effect(`reads by ${many} keys: every known row, in order`, () =>
        Effect.gen(function*() {
          const { demands, visits } = yield* ports
          const t = freshTenant()
          const known = ["k1", "k2", "k3"]
          yield* demands.addDemands(known.map((id) => demand(t, id)))
          yield* demands.addEvents(known.map((id) => event(t, id, 1)))
          yield* visits.addVisits(known.map((id) => visit(t, id, { place: `p-${id}` })))
          expect((yield* demands.demandsOf(t, spread(known))).map((d) => d.id)).toEqual(known)
          expect((yield* demands.eventsOf(t, spread(known))).map((e) => e.demandId)).toEqual(known)
          expect((yield* visits.visitsOf(t, spread(known))).map((v) => v.id)).toEqual(known)
          expect((yield* visits.visitsTo(t, spread(known.map((k) => `p-${k}`)))).map((v) => v.id)).toEqual(known)
        }))

      it.effect("writes in a transaction that fails leave nothing", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const failed = yield* Effect.flip(store.transaction(
            t,
            Effect.gen(function*() {
              yield* store.visits.addVisits([visit(t, "v")])
              yield* store.demands.addDemands([demand(t, "d")])
              yield* store.demands.addEvents([event(t, "d", 1)])
              return yield* Effect.fail("no" as const)
            })
          ))
          expect(failed).toBe("no")
          expect(yield* store.visits.visitsIn(t, t)).toEqual([])
          expect(yield* store.demands.demandsIn(t, t)).toEqual([])
          expect(yield* store.demands.eventsOf(t, ["d"] as never)).toEqual([])
        }))
    })

    it.effect.prop(
      "random rows come back from every read as a naive filter of them",
      [fc.array(fc.record({ grid: fc.constantFrom("001001", "001002", "002001", "001001001"), day: fc.integer({ min: 1, max: 28 }), place: fc.constantFrom("p1", "p2", "p3") }), { maxLength: 25 })],
      ([specs]) =>
        Effect.gen(function*() {
          const { demands, visits } = yield* ports
          const t = freshTenant()
          const vs = specs.map((s, i) => visit(t, `v${i}`, { grid: `${t}${s.grid}`, place: s.place, at: `2024-02-${String(s.day).padStart(2, "0")}T08:00` }))
          const ds = specs.map((s, i) => demand(t, `d${i}`, { grid: `${t}${s.grid}` }))
          if (vs.length > 0) yield* visits.addVisits(vs)
          if (ds.length > 0) yield* demands.addDemands(ds)
          for (const root of [t, `${t}001`, `${t}001001`]) {
            expect(yield* visits.visitsIn(t, root)).toEqual(sortBy(vs.filter((v) => v.gridCode.startsWith(root)), (v) => v.at, (v) => v.id))
            expect(yield* demands.demandsIn(t, root)).toEqual(sortBy(ds.filter((d) => d.gridCode.startsWith(root)), (d) => d.id))
          }
          expect(yield* visits.visitsTo(t, ["p2", "p1"] as never)).toEqual(
            sortBy(vs.filter((v) => v.placeId === "p1" || v.placeId === "p2"), (v) => v.placeId ?? "", (v) => v.at, (v) => v.id)
          )
        }),
      { fastCheck: { numRuns: 10 } }
    )
  })
}
