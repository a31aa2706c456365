/**
 * The Store conformance suite at the repository level: every method of the grid,
 * place and worker repositories and of the audit log, checked against its documented
 * behaviour (ordering, what is left out, half-open validity), plus transactions,
 * tenant isolation, subtree boundaries, large batches and property tests against a
 * naive in-memory filter. Every store adapter runs it:
 *
 * ```ts
 * repositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 200,000 on, beyond the
 * range `GridConformance` draws from), so the whole suite shares one store; give it an
 * empty one.
 *
 * @since 0.1.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { CreditCode, Grid, IsoDate, type Place, type Store, Tenant, Worker } from "@jiceng/core"
import { Effect, FastCheck, type Layer, Option, TestClock } from "effect"
import * as StorePorts from "./StorePorts.js"
import * as Tenants from "./Tenants.js"

const day = IsoDate.unsafeMake

interface GridSpec {
  readonly code: string
  readonly level: number
  readonly from: string
  readonly to?: string | null
  readonly name?: string
  readonly change?: Grid.GridChange
  readonly predecessors?: ReadonlyArray<string>
}

/** A grid version; codes grow by 3 digits a level below the 6-digit district. */
const grid = (tenant: Tenant.Tenant, spec: GridSpec): Grid.Grid => ({
  tenant,
  id: Grid.makeId(spec.code, spec.from),
  code: spec.code as Grid.GridCode,
  parentCode: spec.level === 0 ? null : (spec.code.slice(0, -3) as Grid.GridCode),
  level: spec.level,
  name: spec.name ?? `网格 ${spec.code}`,
  validFrom: day(spec.from),
  validTo: spec.to === undefined || spec.to === null ? null : day(spec.to),
  change: spec.change ?? "create",
  predecessors: (spec.predecessors ?? []) as ReadonlyArray<Grid.GridId>
})

const place = (tenant: Tenant.Tenant, id: string, kind: Place.PlaceKind, name = `场所 ${id}`): Place.Place => ({
  tenant,
  id: id as Place.PlaceId,
  kind,
  name,
  address: kind === "household" ? `${id} 号` : null,
  creditCode: kind === "work_unit" ? workUnitCode : null
})

const link = (
  tenant: Tenant.Tenant,
  placeId: string,
  gridCode: string,
  from: string,
  to: string | null = null
): Place.PlaceLink => ({
  tenant,
  placeId: placeId as Place.PlaceId,
  gridCode: gridCode as Grid.GridCode,
  validFrom: day(from),
  validTo: to === null ? null : day(to)
})

const workUnitCode = `91130100MA0000001${CreditCode.checkCharacter("91130100MA0000001")}`

const worker = (tenant: Tenant.Tenant, id: string): Worker.Worker => ({
  tenant,
  id: id as Worker.WorkerId,
  name: `网格员 ${id}`,
  phone: "13800000000",
  citizenId: null
})

const term = (
  tenant: Tenant.Tenant,
  workerId: string,
  category: string,
  communityCode: string,
  from: string,
  options: { readonly to?: string; readonly employment?: Worker.Employment } = {}
): Worker.WorkerTerm => ({
  tenant,
  workerId: workerId as Worker.WorkerId,
  category,
  communityCode: communityCode as Grid.GridCode,
  employment: options.employment ?? "full_time",
  validFrom: day(from),
  validTo: options.to === undefined ? null : day(options.to),
  change: "register"
})

const assignment = (
  tenant: Tenant.Tenant,
  workerId: string,
  gridCode: string,
  from: string,
  options: { readonly responsible?: boolean; readonly to?: string; readonly duties?: ReadonlyArray<string> } = {}
): Worker.Assignment => ({
  tenant,
  id: Worker.makeAssignmentId(workerId, gridCode, from),
  workerId: workerId as Worker.WorkerId,
  gridCode: gridCode as Grid.GridCode,
  post: options.responsible === true ? "网格长" : "网格员",
  responsible: options.responsible === true,
  duties: (options.duties ?? ["信息采集", "走访"]) as unknown as readonly [string, ...Array<string>],
  validFrom: day(from),
  validTo: options.to === undefined ? null : day(options.to)
})

const ids = (rows: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> => rows.map((r) => r.id)

const byString = <A>(f: (a: A) => string) => (a: A, b: A): number => {
  const x = f(a)
  const y = f(b)
  return x < y ? -1 : x > y ? 1 : 0
}

class Boom {
  readonly _tag = "Boom"
}

/**
 * Registers the repository conformance tests of a Store layer. The layer is built
 * once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.1.0
 * @category conformance
 */
export const repositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  let lastTenant = 200_000
  /** A tenant no other test of this suite writes to (GridConformance draws below 200,000). */
  const freshTenant = (): Tenant.Tenant => Tenant.make(Tenants.nth(lastTenant++))

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: repository contract`, (it) => {
    // ------------------------------------------------------------------ grids

    /**
     * T (district) → T001, T002 (streets) → T001001, T001002, T002001 (communities).
     * T001001 is renamed on 2023-01-01; T002001 is split on 2024-01-01 into T002002
     * and T002003, which merge on 2025-01-01 into T002004.
     */
    const seedGrids = (t: Tenant.Tenant) =>
      Effect.gen(function*() {
        const store = yield* StorePorts.all
        const v1 = grid(t, { code: `${t}001001`, level: 2, from: "2020-01-01", to: "2023-01-01", name: "明珠社区" })
        const v2 = grid(t, {
          code: `${t}001001`,
          level: 2,
          from: "2023-01-01",
          name: "明珠新社区",
          change: "rename",
          predecessors: [v1.id]
        })
        const source = grid(t, { code: `${t}002001`, level: 2, from: "2020-01-01", to: "2024-01-01" })
        const left = grid(t, {
          code: `${t}002002`,
          level: 2,
          from: "2024-01-01",
          to: "2025-01-01",
          change: "split",
          predecessors: [source.id]
        })
        const right = grid(t, {
          code: `${t}002003`,
          level: 2,
          from: "2024-01-01",
          to: "2025-01-01",
          change: "split",
          predecessors: [source.id]
        })
        // Predecessors deliberately not in id order: their order is data.
        const merged = grid(t, {
          code: `${t}002004`,
          level: 2,
          from: "2025-01-01",
          change: "merge",
          predecessors: [right.id, left.id]
        })
        const all = [
          grid(t, { code: t, level: 0, from: "2020-01-01" }),
          grid(t, { code: `${t}002`, level: 1, from: "2020-01-01" }),
          grid(t, { code: `${t}001`, level: 1, from: "2020-01-01" }),
          v2,
          v1,
          grid(t, { code: `${t}001002`, level: 2, from: "2020-01-01" }),
          source,
          right,
          left,
          merged
        ]
        yield* store.grids.insert(all)
        return { store, all, v1, v2, source, left, right, merged }
      })

    describe("grids", () => {
      it.effect("insert, byId and versions (oldest first) keep every field and the lineage order", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { all, merged, store, v1, v2 } = yield* seedGrids(t)
          for (const g of all) expect(yield* store.grids.byId(t, g.id)).toEqual(Option.some(g))
          expect(yield* store.grids.byId(t, Grid.makeId(`${t}009`, "2020-01-01"))).toEqual(Option.none())
          expect(yield* store.grids.versions(t, `${t}001001`)).toEqual([v1, v2])
          expect(yield* store.grids.versions(t, `${t}009`)).toEqual([])
          const found = yield* store.grids.byId(t, merged.id)
          expect(Option.map(found, (g) => g.predecessors)).toEqual(Option.some(merged.predecessors))
          expect(yield* store.grids.insert([])).toBeUndefined()
        }))

      it.effect("at resolves the version valid on a day, intervals half-open", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store, v1, v2 } = yield* seedGrids(t)
          const code = `${t}001001`
          expect(yield* store.grids.at(t, code, day("2019-12-31"))).toEqual(Option.none())
          expect(yield* store.grids.at(t, code, day("2020-01-01"))).toEqual(Option.some(v1))
          expect(yield* store.grids.at(t, code, day("2022-12-31"))).toEqual(Option.some(v1))
          expect(yield* store.grids.at(t, code, day("2023-01-01"))).toEqual(Option.some(v2))
          expect(yield* store.grids.at(t, code, day("2099-12-31"))).toEqual(Option.some(v2))
          expect(yield* store.grids.at(t, `${t}002001`, day("2024-01-01"))).toEqual(Option.none())
        }))

      it.effect("close ends open versions on a day and leaves ended ones alone", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store, v1, v2 } = yield* seedGrids(t)
          yield* store.grids.close(t, [v2.id, v1.id], day("2026-03-01"))
          expect(yield* store.grids.byId(t, v2.id)).toEqual(Option.some({ ...v2, validTo: day("2026-03-01") }))
          expect(yield* store.grids.byId(t, v1.id)).toEqual(Option.some(v1))
          expect(yield* store.grids.at(t, v2.code, day("2026-02-28"))).toEqual(Option.some({
            ...v2,
            validTo: day("2026-03-01")
          }))
          expect(yield* store.grids.at(t, v2.code, day("2026-03-01"))).toEqual(Option.none())
          yield* store.grids.close(t, [], day("2026-03-01"))
        }))

      it.effect("close removes a version beginning on or after the day, with its lineage", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { merged, source, store } = yield* seedGrids(t)
          // The merged version begins on 2025-01-01: ended that day, it never took effect.
          yield* store.grids.close(t, [merged.id], day("2025-01-01"))
          expect(yield* store.grids.byId(t, merged.id)).toEqual(Option.none())
          expect(yield* store.grids.versions(t, merged.code)).toEqual([])
          const left = Grid.makeId(`${t}002002`, "2024-01-01")
          expect(yield* store.grids.successors(t, left)).toEqual([])
          // The split parts still name their source; a version with the same id can come back.
          expect(ids(yield* store.grids.successors(t, source.id))).toEqual([left, Grid.makeId(`${t}002003`, "2024-01-01")])
          yield* store.grids.insert([merged])
          expect(yield* store.grids.byId(t, merged.id)).toEqual(Option.some(merged))
          expect(ids(yield* store.grids.successors(t, left))).toEqual([merged.id])
        }))

      it.effect("close shortens a planned end that lies after the day, and never lengthens one", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { left, store } = yield* seedGrids(t)
          yield* store.grids.close(t, [left.id], day("2024-06-01"))
          expect(yield* store.grids.byId(t, left.id)).toEqual(Option.some({ ...left, validTo: day("2024-06-01") }))
          yield* store.grids.close(t, [left.id], day("2024-09-01"))
          expect(yield* store.grids.byId(t, left.id)).toEqual(Option.some({ ...left, validTo: day("2024-06-01") }))
        }))

      it.effect("subtree: valid on the day, root included, ordered by code, optionally one level", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store } = yield* seedGrids(t)
          const on = day("2022-06-01")
          expect(ids(yield* store.grids.subtree(t, t, on))).toEqual([
            `${t}@2020-01-01`,
            `${t}001@2020-01-01`,
            `${t}001001@2020-01-01`,
            `${t}001002@2020-01-01`,
            `${t}002@2020-01-01`,
            `${t}002001@2020-01-01`
          ])
          expect(ids(yield* store.grids.subtree(t, `${t}001`, on))).toEqual([
            `${t}001@2020-01-01`,
            `${t}001001@2020-01-01`,
            `${t}001002@2020-01-01`
          ])
          expect(ids(yield* store.grids.subtree(t, `${t}002`, day("2024-06-01"), 2))).toEqual([
            `${t}002002@2024-01-01`,
            `${t}002003@2024-01-01`
          ])
          expect(ids(yield* store.grids.subtree(t, t, day("2025-01-01"), 1))).toEqual([
            `${t}001@2020-01-01`,
            `${t}002@2020-01-01`
          ])
          expect(yield* store.grids.subtree(t, t, day("2019-12-31"))).toEqual([])
          expect(yield* store.grids.subtree(t, `${t}009`, on)).toEqual([])
        }))

      it.effect("countByLevel: ordered by level, numbers, empty levels left out", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store } = yield* seedGrids(t)
          expect(yield* store.grids.countByLevel(t, t, day("2022-06-01"))).toEqual([
            { level: 0, count: 1 },
            { level: 1, count: 2 },
            { level: 2, count: 3 }
          ])
          expect(yield* store.grids.countByLevel(t, `${t}002`, day("2024-06-01"))).toEqual([
            { level: 1, count: 1 },
            { level: 2, count: 2 }
          ])
          expect(yield* store.grids.countByLevel(t, `${t}001001`, day("2023-06-01"))).toEqual([{ level: 2, count: 1 }])
          expect(yield* store.grids.countByLevel(t, `${t}009`, day("2022-06-01"))).toEqual([])
        }))

      it.effect("history: every version in a subtree, ordered by code then validFrom", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { all, store } = yield* seedGrids(t)
          const expected = all
            .filter((g) => g.code.startsWith(`${t}00`))
            .sort(byString((g) => `${g.code} ${g.validFrom}`))
          expect(yield* store.grids.history(t, `${t}00`)).toEqual(expected)
          expect(ids(yield* store.grids.history(t, `${t}002`))).toEqual([
            `${t}002@2020-01-01`,
            `${t}002001@2020-01-01`,
            `${t}002002@2024-01-01`,
            `${t}002003@2024-01-01`,
            `${t}002004@2025-01-01`
          ])
          expect(yield* store.grids.history(t, `${t}009`)).toEqual([])
        }))

      it.effect("successors: the versions naming an id among their predecessors, ordered by id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { left, merged, right, source, store, v1, v2 } = yield* seedGrids(t)
          expect(yield* store.grids.successors(t, source.id)).toEqual([left, right])
          expect(yield* store.grids.successors(t, right.id)).toEqual([merged])
          expect(yield* store.grids.successors(t, left.id)).toEqual([merged])
          expect(yield* store.grids.successors(t, v1.id)).toEqual([v2])
          expect(yield* store.grids.successors(t, merged.id)).toEqual([])
        }))

      it.effect("latestStart: the latest validFrom in a subtree; an end does not count", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store } = yield* seedGrids(t)
          expect(yield* store.grids.latestStart(t, `${t}001`)).toEqual(Option.some(day("2023-01-01")))
          expect(yield* store.grids.latestStart(t, `${t}002`)).toEqual(Option.some(day("2025-01-01")))
          expect(yield* store.grids.latestStart(t, `${t}009`)).toEqual(Option.none())
          yield* store.grids.close(t, [Grid.makeId(`${t}001002`, "2020-01-01")], day("2026-03-01"))
          expect(yield* store.grids.latestStart(t, `${t}001`)).toEqual(Option.some(day("2023-01-01")))
          expect(yield* store.grids.latestStart(t, `${t}002`)).toEqual(Option.some(day("2025-01-01")))
        }))
    })

    // ----------------------------------------------------------------- places

    /** Blocks B1 = T001001001, B2 = T001002001 under street T001; B3 = T002001001 under T002. */
    const seedPlaces = (t: Tenant.Tenant) =>
      Effect.gen(function*() {
        const store = yield* StorePorts.all
        const b1 = `${t}001001001`
        const b2 = `${t}001002001`
        const b3 = `${t}002001001`
        const places = [
          place(t, "p3", "residential_building"),
          place(t, "p2", "merchant"),
          place(t, "p1", "household"),
          place(t, "p4", "household")
        ]
        yield* store.places.put(places)
        const first = link(t, "p1", b1, "2021-01-01")
        yield* store.places.link([first, link(t, "p3", b1, "2021-01-01"), link(t, "p2", b1, "2021-06-01")])
        yield* store.places.link([link(t, "p4", b3, "2021-01-01")])
        // p1 moves from B1 to B2 on 2022-01-01.
        yield* store.places.closeLinks(t, [{ placeId: first.placeId, validFrom: first.validFrom }], day("2022-01-01"))
        yield* store.places.link([link(t, "p1", b2, "2022-01-01")])
        return { store, places, b1, b2, b3 }
      })

    describe("places", () => {
      it.effect("put inserts or replaces attributes, get reads one", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { places, store } = yield* seedPlaces(t)
          for (const p of places) expect(yield* store.places.get(t, p.id)).toEqual(Option.some(p))
          expect(yield* store.places.get(t, "nowhere" as Place.PlaceId)).toEqual(Option.none())
          const renamed = { ...place(t, "p2", "work_unit"), name: "改名" }
          // Within one batch the last write of a place wins.
          yield* store.places.put([place(t, "p2", "merchant", "中间"), renamed])
          expect(yield* store.places.get(t, "p2" as Place.PlaceId)).toEqual(Option.some(renamed))
          yield* store.places.put([])
        }))

      it.effect("links (oldest first), linkAt (half-open) and closeLinks (open links only)", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { b1, b2, store } = yield* seedPlaces(t)
          const p1 = "p1" as Place.PlaceId
          const closed = link(t, "p1", b1, "2021-01-01", "2022-01-01")
          const open = link(t, "p1", b2, "2022-01-01")
          expect(yield* store.places.links(t, p1)).toEqual([closed, open])
          expect(yield* store.places.links(t, "nowhere" as Place.PlaceId)).toEqual([])
          expect(yield* store.places.linkAt(t, p1, day("2020-12-31"))).toEqual(Option.none())
          expect(yield* store.places.linkAt(t, p1, day("2021-12-31"))).toEqual(Option.some(closed))
          expect(yield* store.places.linkAt(t, p1, day("2022-01-01"))).toEqual(Option.some(open))
          yield* store.places.closeLinks(t, [{ placeId: p1, validFrom: day("2022-01-01") }], day("2023-01-01"))
          expect(yield* store.places.linkAt(t, p1, day("2023-01-01"))).toEqual(Option.none())
          expect(yield* store.places.linkAt(t, p1, day("2022-12-31"))).toEqual(
            Option.some({ ...open, validTo: day("2023-01-01") })
          )
          // An end once recorded stays.
          yield* store.places.closeLinks(t, [{ placeId: p1, validFrom: closed.validFrom }], day("2024-01-01"))
          expect(yield* store.places.links(t, p1)).toEqual([closed, { ...open, validTo: day("2023-01-01") }])
          yield* store.places.closeLinks(t, [], day("2023-01-01"))
          // Ended on the day it began (or before), a link is removed: the place's key frees up.
          yield* store.places.closeLinks(t, [{ placeId: p1, validFrom: open.validFrom }], day("2022-01-01"))
          expect(yield* store.places.links(t, p1)).toEqual([closed])
          yield* store.places.link([open])
          expect(yield* store.places.links(t, p1)).toEqual([closed, open])
        }))

      it.effect("linksInSubtree: valid on the day, ordered by grid code then place id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { b1, b2, b3, store } = yield* seedPlaces(t)
          expect(yield* store.places.linksInSubtree(t, `${t}001`, day("2022-06-01"))).toEqual([
            link(t, "p2", b1, "2021-06-01"),
            link(t, "p3", b1, "2021-01-01"),
            link(t, "p1", b2, "2022-01-01")
          ])
          expect(yield* store.places.linksInSubtree(t, `${t}001`, day("2021-03-01"))).toEqual([
            link(t, "p1", b1, "2021-01-01", "2022-01-01"),
            link(t, "p3", b1, "2021-01-01")
          ])
          expect(yield* store.places.linksInSubtree(t, t, day("2022-06-01"))).toHaveLength(4)
          expect(yield* store.places.linksInSubtree(t, b3, day("2022-06-01"))).toEqual([
            link(t, "p4", b3, "2021-01-01")
          ])
          expect(yield* store.places.linksInSubtree(t, `${t}009`, day("2022-06-01"))).toEqual([])
        }))

      it.effect("placesInSubtree: each place with its link valid on the day, optionally one kind, ordered by grid code then place id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { b1, b2, b3, store } = yield* seedPlaces(t)
          const at = (id: string, kind: Place.PlaceKind, l: Place.PlaceLink) => ({ place: place(t, id, kind), link: l })
          expect(yield* store.places.placesInSubtree(t, `${t}001`, day("2022-06-01"))).toEqual([
            at("p2", "merchant", link(t, "p2", b1, "2021-06-01")),
            at("p3", "residential_building", link(t, "p3", b1, "2021-01-01")),
            at("p1", "household", link(t, "p1", b2, "2022-01-01"))
          ])
          expect(yield* store.places.placesInSubtree(t, `${t}001`, day("2021-03-01"), "household")).toEqual([
            at("p1", "household", link(t, "p1", b1, "2021-01-01", "2022-01-01"))
          ])
          expect(yield* store.places.placesInSubtree(t, t, day("2022-06-01"), "household")).toEqual([
            at("p1", "household", link(t, "p1", b2, "2022-01-01")),
            at("p4", "household", link(t, "p4", b3, "2021-01-01"))
          ])
          expect(yield* store.places.placesInSubtree(t, t, day("2022-06-01"), "work_unit")).toEqual([])
          expect(yield* store.places.placesInSubtree(t, `${t}009`, day("2022-06-01"))).toEqual([])
          // A place's attributes are as they are now, whatever the day.
          yield* store.places.put([{ ...place(t, "p4", "household"), name: "改名" }])
          expect((yield* store.places.placesInSubtree(t, b3, day("2021-06-01"))).map((p) => p.place.name)).toEqual(["改名"])
        }))

      it.effect("history: every link into a subtree, ordered by place id then validFrom", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { b1, b2, store } = yield* seedPlaces(t)
          expect(yield* store.places.history(t, `${t}001`)).toEqual([
            link(t, "p1", b1, "2021-01-01", "2022-01-01"),
            link(t, "p1", b2, "2022-01-01"),
            link(t, "p2", b1, "2021-06-01"),
            link(t, "p3", b1, "2021-01-01")
          ])
          expect(yield* store.places.history(t, `${t}001002`)).toEqual([link(t, "p1", b2, "2022-01-01")])
          expect(yield* store.places.history(t, `${t}009`)).toEqual([])
        }))

      it.effect("countInSubtree and countByKind (ordered by kind, kinds with none left out)", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store } = yield* seedPlaces(t)
          const on = day("2022-06-01")
          expect(yield* store.places.countInSubtree(t, `${t}001`, on)).toBe(3)
          expect(yield* store.places.countInSubtree(t, t, on)).toBe(4)
          expect(yield* store.places.countInSubtree(t, `${t}001`, day("2021-03-01"))).toBe(2)
          expect(yield* store.places.countInSubtree(t, `${t}009`, on)).toBe(0)
          expect(yield* store.places.countByKind(t, `${t}001`, on)).toEqual([
            { kind: "household", count: 1 },
            { kind: "merchant", count: 1 },
            { kind: "residential_building", count: 1 }
          ])
          expect(yield* store.places.countByKind(t, t, on)).toEqual([
            { kind: "household", count: 2 },
            { kind: "merchant", count: 1 },
            { kind: "residential_building", count: 1 }
          ])
          expect(yield* store.places.countByKind(t, `${t}009`, on)).toEqual([])
        }))

      it.effect("latestStart: the latest validFrom of links into a subtree; an end does not count", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { b3, store } = yield* seedPlaces(t)
          expect(yield* store.places.latestStart(t, `${t}001`)).toEqual(Option.some(day("2022-01-01")))
          expect(yield* store.places.latestStart(t, `${t}001001`)).toEqual(Option.some(day("2021-06-01")))
          expect(yield* store.places.latestStart(t, `${t}002`)).toEqual(Option.some(day("2021-01-01")))
          expect(yield* store.places.latestStart(t, `${t}009`)).toEqual(Option.none())
          yield* store.places.closeLinks(t, [{ placeId: "p4" as Place.PlaceId, validFrom: day("2021-01-01") }], day(
            "2024-05-01"
          ))
          expect(yield* store.places.latestStart(t, b3)).toEqual(Option.some(day("2021-01-01")))
        }))
    })

    // ---------------------------------------------------------------- workers

    const 社区工作者 = "社区工作者"
    const 退役士官 = "退役士官安置人员"

    /**
     * w1 (社区工作者) serves B1 (responsible) and B2; w2 (退役士官 until 2022, then
     * 社区工作者, part-time) serves B1; w3 (社区工作者) serves B3 under the other street;
     * w1 also leads community T001001.
     */
    const seedWorkers = (t: Tenant.Tenant) =>
      Effect.gen(function*() {
        const store = yield* StorePorts.all
        const b1 = `${t}001001001`
        const b2 = `${t}001002001`
        const b3 = `${t}002001001`
        const workers = [worker(t, "w2"), worker(t, "w1"), worker(t, "w3")]
        yield* store.workers.put(workers)
        const terms = {
          w1: term(t, "w1", 社区工作者, `${t}001001`, "2020-01-01"),
          w2a: term(t, "w2", 退役士官, `${t}001001`, "2020-01-01", { to: "2022-01-01" }),
          w2b: term(t, "w2", 社区工作者, `${t}001001`, "2022-01-01", { employment: "part_time" }),
          w3: term(t, "w3", 社区工作者, `${t}002001`, "2020-01-01")
        }
        yield* store.workers.addTerms([terms.w3, terms.w2b, terms.w1, terms.w2a])
        const a = {
          w1b1: assignment(t, "w1", b1, "2021-01-01", { responsible: true, duties: ["巡查走访", "矛盾调解", "政策宣传"] }),
          w1b2: assignment(t, "w1", b2, "2021-01-01"),
          w2b1: assignment(t, "w2", b1, "2021-03-01"),
          w3b3: assignment(t, "w3", b3, "2021-01-01", { responsible: true }),
          w1c: assignment(t, "w1", `${t}001001`, "2021-01-01")
        }
        yield* store.workers.assign([a.w3b3, a.w2b1, a.w1b2, a.w1b1, a.w1c])
        return { store, workers, terms, a, b1, b2, b3 }
      })

    describe("workers", () => {
      it.effect("ids order by code point (UTF-8 bytes), beyond U+FFFF too", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          // UTF-16 code units would put the emoji (a surrogate pair) before U+FF21.
          const ids = ["\u{1F600}", "\uFF21", "z", "\u00E9"]
          yield* store.workers.put(ids.map((id) => worker(t, id)))
          expect((yield* store.workers.getMany(t, ids as Array<Worker.WorkerId>)).map((w) => w.id)).toEqual([
            "z",
            "\u00E9",
            "\uFF21",
            "\u{1F600}"
          ])
        }))

      it.effect("put inserts or replaces, get and getMany (ordered by id, unknown left out)", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store, workers } = yield* seedWorkers(t)
          const [w2, w1, w3] = workers as [Worker.Worker, Worker.Worker, Worker.Worker]
          expect(yield* store.workers.get(t, w1.id)).toEqual(Option.some(w1))
          expect(yield* store.workers.get(t, "nobody" as Worker.WorkerId)).toEqual(Option.none())
          expect(
            yield* store.workers.getMany(t, [w3.id, "nobody" as Worker.WorkerId, w1.id, w2.id, w1.id])
          ).toEqual([w1, w2, w3])
          expect(yield* store.workers.getMany(t, [])).toEqual([])
          const moved = { ...w2, name: "改名", phone: null, citizenId: "130102199001011234" }
          yield* store.workers.put([moved])
          expect(yield* store.workers.get(t, w2.id)).toEqual(Option.some(moved))
        }))

      it.effect("terms: by worker oldest first, on a day, in a subtree, history, latest start", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store, terms } = yield* seedWorkers(t)
          const w2 = "w2" as Worker.WorkerId
          expect(yield* store.workers.terms(t, w2)).toEqual([terms.w2a, terms.w2b])
          expect(yield* store.workers.terms(t, "nobody" as Worker.WorkerId)).toEqual([])
          expect(yield* store.workers.termsAt(t, [w2, "w3" as Worker.WorkerId, "w1" as Worker.WorkerId, w2], day("2021-12-31")))
            .toEqual([terms.w1, terms.w2a, terms.w3])
          expect(yield* store.workers.termsAt(t, [w2], day("2022-01-01"))).toEqual([terms.w2b])
          expect(yield* store.workers.termsAt(t, [w2], day("2019-12-31"))).toEqual([])
          expect(yield* store.workers.termsAt(t, [], day("2022-01-01"))).toEqual([])
          expect(yield* store.workers.termsInSubtree(t, `${t}001`, day("2022-06-01"))).toEqual([terms.w1, terms.w2b])
          expect(yield* store.workers.termsInSubtree(t, t, day("2021-06-01"))).toEqual([terms.w1, terms.w2a, terms.w3])
          expect(yield* store.workers.termsInSubtree(t, `${t}009`, day("2021-06-01"))).toEqual([])
          expect(yield* store.workers.termHistory(t, `${t}001`)).toEqual([terms.w1, terms.w2a, terms.w2b])
          expect(yield* store.workers.latestTermStart(t, `${t}001`)).toEqual(Option.some(day("2022-01-01")))
          expect(yield* store.workers.latestTermStart(t, `${t}002`)).toEqual(Option.some(day("2020-01-01")))
          expect(yield* store.workers.latestTermStart(t, `${t}009`)).toEqual(Option.none())
        }))

      it.effect("closeTerms ends open terms, keeps earlier ends, removes terms beginning on or after the day", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store, terms } = yield* seedWorkers(t)
          yield* store.workers.closeTerms(t, [terms.w1, terms.w2a, terms.w2b], day("2022-01-01"))
          expect(yield* store.workers.terms(t, "w1" as Worker.WorkerId)).toEqual([{ ...terms.w1, validTo: day("2022-01-01") }])
          // w2a already ended then; w2b began that day, so it is gone.
          expect(yield* store.workers.terms(t, "w2" as Worker.WorkerId)).toEqual([terms.w2a])
          yield* store.workers.closeTerms(t, [], day("2022-01-01"))
          yield* store.workers.addTerms([terms.w2b])
          expect(yield* store.workers.terms(t, "w2" as Worker.WorkerId)).toEqual([terms.w2a, terms.w2b])
        }))

      it.effect("assignments keep post, responsible and duties; assignment reads one by id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, store } = yield* seedWorkers(t)
          for (const x of Object.values(a)) expect(yield* store.workers.assignment(t, x.id)).toEqual(Option.some(x))
          expect(yield* store.workers.assignment(t, "w9:1@2020-01-01" as Worker.AssignmentId)).toEqual(Option.none())
        }))

      it.effect("assignmentsInSubtree (grid code then id) and assignmentsOf (id), valid on the day", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, store } = yield* seedWorkers(t)
          expect(yield* store.workers.assignmentsInSubtree(t, `${t}001`, day("2021-06-01"))).toEqual([
            a.w1c,
            a.w1b1,
            a.w2b1,
            a.w1b2
          ])
          expect(yield* store.workers.assignmentsInSubtree(t, `${t}001`, day("2021-02-01"))).toEqual([
            a.w1c,
            a.w1b1,
            a.w1b2
          ])
          expect(yield* store.workers.assignmentsInSubtree(t, `${t}002`, day("2021-06-01"))).toEqual([a.w3b3])
          expect(yield* store.workers.assignmentsInSubtree(t, `${t}009`, day("2021-06-01"))).toEqual([])
          expect(yield* store.workers.assignmentsOf(t, "w1" as Worker.WorkerId, day("2021-06-01"))).toEqual(
            [a.w1c, a.w1b1, a.w1b2].sort(byString((x) => x.id))
          )
          expect(yield* store.workers.assignmentsOf(t, "w2" as Worker.WorkerId, day("2021-02-01"))).toEqual([])
        }))

      it.effect("assignmentsOfWorker: every assignment of one worker, ended ones too, ordered by id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, store } = yield* seedWorkers(t)
          yield* store.workers.closeAssignments(t, [a.w1b2.id], day("2023-01-01"))
          expect(yield* store.workers.assignmentsOfWorker(t, "w1" as Worker.WorkerId)).toEqual(
            [a.w1c, a.w1b1, { ...a.w1b2, validTo: day("2023-01-01") }].sort(byString((x) => x.id))
          )
          // "w1" is not a prefix match: another worker's id that starts with it stays out.
          yield* store.workers.assign([assignment(t, "w10", `${t}001`, "2021-01-01")])
          expect((yield* store.workers.assignmentsOfWorker(t, "w1" as Worker.WorkerId)).map((x) => x.workerId)).toEqual([
            "w1",
            "w1",
            "w1"
          ])
          expect(yield* store.workers.assignmentsOfWorker(t, "nobody" as Worker.WorkerId)).toEqual([])
        }))

      it.effect("closeAssignments ends open assignments on a day", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, store } = yield* seedWorkers(t)
          yield* store.workers.closeAssignments(t, [a.w1b2.id], day("2023-01-01"))
          const ended = { ...a.w1b2, validTo: day("2023-01-01") }
          expect(yield* store.workers.assignment(t, a.w1b2.id)).toEqual(Option.some(ended))
          const w1 = "w1" as Worker.WorkerId
          expect(yield* store.workers.assignmentsOf(t, w1, day("2022-12-31"))).toContainEqual(ended)
          expect(ids(yield* store.workers.assignmentsOf(t, "w1" as Worker.WorkerId, day("2023-01-01")))).toEqual(
            [a.w1c.id, a.w1b1.id].sort()
          )
          // An end once recorded stays.
          yield* store.workers.closeAssignments(t, [a.w1b2.id], day("2025-01-01"))
          expect(yield* store.workers.assignment(t, a.w1b2.id)).toEqual(Option.some(ended))
          yield* store.workers.closeAssignments(t, [], day("2023-01-01"))
          // Ended on the day it began, an assignment is removed.
          yield* store.workers.closeAssignments(t, [a.w2b1.id], day("2021-03-01"))
          expect(yield* store.workers.assignment(t, a.w2b1.id)).toEqual(Option.none())
        }))

      it.effect("assignmentsOfGrid: every assignment of exactly that grid, ordered by id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, b1, store } = yield* seedWorkers(t)
          yield* store.workers.closeAssignments(t, [a.w2b1.id], day("2022-01-01"))
          expect(yield* store.workers.assignmentsOfGrid(t, b1)).toEqual([
            a.w1b1,
            { ...a.w2b1, validTo: day("2022-01-01") }
          ])
          // Not its subtree: the community's own assignment only.
          expect(yield* store.workers.assignmentsOfGrid(t, `${t}001001`)).toEqual([a.w1c])
          expect(yield* store.workers.assignmentsOfGrid(t, `${t}009`)).toEqual([])
        }))

      it.effect("history: every assignment in a subtree, ended ones too, ordered by id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, store } = yield* seedWorkers(t)
          yield* store.workers.closeAssignments(t, [a.w1b2.id], day("2022-01-01"))
          expect(yield* store.workers.history(t, `${t}001`)).toEqual(
            [a.w1b1, { ...a.w1b2, validTo: day("2022-01-01") }, a.w2b1, a.w1c].sort(byString((x) => x.id))
          )
          expect(yield* store.workers.history(t, `${t}009`)).toEqual([])
        }))

      it.effect("countByCategory: workers serving on the day, counted once each, ordered by category", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { store } = yield* seedWorkers(t)
          expect(yield* store.workers.countByCategory(t, `${t}001`, day("2021-06-01"))).toEqual(
            [{ category: 社区工作者, count: 1 }, { category: 退役士官, count: 1 }].sort(byString((c) => c.category))
          )
          expect(yield* store.workers.countByCategory(t, t, day("2021-06-01"))).toEqual(
            [{ category: 社区工作者, count: 2 }, { category: 退役士官, count: 1 }].sort(byString((c) => c.category))
          )
          expect(yield* store.workers.countByCategory(t, `${t}001`, day("2021-02-01"))).toEqual([
            { category: 社区工作者, count: 1 }
          ])
          expect(yield* store.workers.countByCategory(t, `${t}009`, day("2021-06-01"))).toEqual([])
          // From 2022 w2's term names another category: the count follows the day's term.
          expect(yield* store.workers.countByCategory(t, `${t}001`, day("2022-06-01"))).toEqual([
            { category: 社区工作者, count: 2 }
          ])
          expect(yield* store.workers.countByCategory(t, `${t}001`, day("2021-12-31"))).toEqual(
            [{ category: 社区工作者, count: 1 }, { category: 退役士官, count: 1 }].sort(byString((c) => c.category))
          )
        }))

      it.effect("latestStart: the latest validFrom of assignments in a subtree; an end does not count", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const { a, store } = yield* seedWorkers(t)
          expect(yield* store.workers.latestStart(t, `${t}001`)).toEqual(Option.some(day("2021-03-01")))
          expect(yield* store.workers.latestStart(t, `${t}002`)).toEqual(Option.some(day("2021-01-01")))
          expect(yield* store.workers.latestStart(t, `${t}009`)).toEqual(Option.none())
          yield* store.workers.closeAssignments(t, [a.w1b2.id], day("2024-02-29"))
          expect(yield* store.workers.latestStart(t, `${t}001`)).toEqual(Option.some(day("2021-03-01")))
        }))
    })

    // ------------------------------------------------------------------ audit

    describe("audit", () => {
      const entry = (tenant: Tenant.Tenant, n: number) => ({
        tenant,
        actor: "admin",
        action: "grid.create",
        target: `grid:${n}`,
        detail: JSON.stringify({ n })
      })

      it.effect("append numbers entries per tenant from 1, stamped from the Clock", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const u = freshTenant()
          yield* TestClock.setTime(1_700_000_000_123)
          const first = yield* store.audit.append(entry(t, 1))
          expect(first).toEqual({ ...entry(t, 1), seq: 1, atMs: 1_700_000_000_123 })
          expect((yield* store.audit.append(entry(t, 2))).seq).toBe(2)
          expect((yield* store.audit.append(entry(u, 1))).seq).toBe(1)
          expect((yield* store.audit.append(entry(t, 3))).seq).toBe(3)
        }))

      it.effect("list pages entries after a seq, oldest first, at most limit", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          yield* TestClock.setTime(1_700_000_000_000)
          for (let n = 1; n <= 5; n++) yield* store.audit.append(entry(t, n))
          const page1 = yield* store.audit.list(t, { afterSeq: 0, limit: 2 })
          expect(page1.map((e) => e.seq)).toEqual([1, 2])
          expect(page1[0]).toEqual({ ...entry(t, 1), seq: 1, atMs: 1_700_000_000_000 })
          expect((yield* store.audit.list(t, { afterSeq: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4])
          expect((yield* store.audit.list(t, { afterSeq: 4, limit: 2 })).map((e) => e.seq)).toEqual([5])
          expect(yield* store.audit.list(t, { afterSeq: 5, limit: 2 })).toEqual([])
          expect(yield* store.audit.list(t, { afterSeq: 0, limit: 0 })).toEqual([])
          expect(yield* store.audit.list(freshTenant(), { afterSeq: 0, limit: 10 })).toEqual([])
          expect((yield* store.audit.list(t, { afterSeq: 1, limit: Infinity })).map((e) => e.seq)).toEqual([2, 3, 4, 5])
        }))

      it.effect("concurrent appends get distinct, gap-free seqs", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const appended = yield* Effect.forEach(
            Array.from({ length: 25 }, (_, n) => n),
            (n) => store.audit.append(entry(t, n)),
            { concurrency: "unbounded" }
          )
          const seqs = appended.map((e) => e.seq).sort((a, b) => a - b)
          expect(seqs).toEqual(Array.from({ length: 25 }, (_, n) => n + 1))
          const listed = yield* store.audit.list(t, { afterSeq: 0, limit: 100 })
          expect(listed.map((e) => e.seq)).toEqual(seqs)
        }))

      it.effect("appends in flight together inside one transaction, and after a rolled-back one, stay gap-free", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const inOne = yield* store.transaction(
            t,
            Effect.all([1, 2, 3].map((n) => store.audit.append(entry(t, n))), { concurrency: "unbounded" })
          )
          expect(inOne.map((e) => e.seq).sort()).toEqual([1, 2, 3])
          yield* Effect.flip(store.transaction(t, Effect.zipRight(store.audit.append(entry(t, 4)), Effect.fail("no"))))
          expect((yield* store.audit.append(entry(t, 5))).seq).toBe(4)
          expect((yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3, 4])
        }))
    })

    // ------------------------------------------------------------ transaction

    describe("transaction", () => {
      it.effect("grid versions, links and assignments are new rows: an existing key fails and changes nothing", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const g = grid(t, { code: t, level: 0, from: "2020-01-01" })
          const l = link(t, "p1", `${t}001`, "2020-01-01")
          const a = assignment(t, "w1", `${t}001`, "2020-01-01")
          yield* store.grids.insert([g])
          yield* store.places.link([l])
          yield* store.workers.assign([a])
          const again = [
            store.grids.insert([{ ...g, name: "重名" }]),
            store.places.link([{ ...l, gridCode: `${t}002` as Grid.GridCode }]),
            store.workers.assign([{ ...a, post: "别的岗位" }])
          ]
          for (const write of again) {
            const error = yield* Effect.flip(store.transaction(t, write))
            expect(error).toMatchObject({ _tag: "StoreError" })
            // The driver's text, which may quote the row's values, stays out of the message.
            expect(error.message).not.toContain(t)
            expect(error.message).not.toContain("重名")
          }
          expect(yield* store.grids.byId(t, g.id)).toEqual(Option.some(g))
          expect(yield* store.places.links(t, l.placeId)).toEqual([l])
          expect(yield* store.workers.assignment(t, a.id)).toEqual(Option.some(a))
        }))

      const writeEverything = (t: Tenant.Tenant) =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          yield* store.grids.insert([grid(t, { code: t, level: 0, from: "2020-01-01" })])
          yield* store.grids.close(t, [Grid.makeId(t, "2020-01-01")], day("2021-01-01"))
          yield* store.places.put([place(t, "p1", "household")])
          yield* store.places.link([link(t, "p1", `${t}001`, "2020-01-01")])
          yield* store.workers.put([worker(t, "w1")])
          yield* store.workers.assign([assignment(t, "w1", `${t}001`, "2020-01-01")])
          return yield* store.audit.append({ tenant: t, actor: "a", action: "x", target: "y", detail: "{}" })
        })

      const nothingOf = (t: Tenant.Tenant) =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          expect(yield* store.grids.history(t, t)).toEqual([])
          expect(yield* store.places.get(t, "p1" as Place.PlaceId)).toEqual(Option.none())
          expect(yield* store.places.history(t, t)).toEqual([])
          expect(yield* store.workers.get(t, "w1" as Worker.WorkerId)).toEqual(Option.none())
          expect(yield* store.workers.history(t, t)).toEqual([])
          expect(yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).toEqual([])
        })

      it.effect("commits everything a successful effect wrote, and returns its value", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const appended = yield* store.transaction(t, writeEverything(t))
          expect(appended.seq).toBe(1)
          expect(yield* store.grids.history(t, t)).toHaveLength(1)
          expect(yield* store.places.history(t, t)).toHaveLength(1)
          expect(yield* store.workers.history(t, t)).toHaveLength(1)
          expect(yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).toEqual([appended])
        }))

      it.effect("an effect that writes then fails leaves nothing, not even its audit entry", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          yield* store.audit.append({ tenant: t, actor: "a", action: "before", target: "t", detail: "{}" })
          const error = yield* Effect.flip(
            store.transaction(t, Effect.zipRight(writeEverything(t), Effect.fail(new Boom())))
          )
          expect(error).toBeInstanceOf(Boom)
          expect(yield* store.grids.history(t, t)).toEqual([])
          expect(yield* store.places.get(t, "p1" as Place.PlaceId)).toEqual(Option.none())
          expect(yield* store.workers.history(t, t)).toEqual([])
          expect((yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).map((e) => e.action)).toEqual(["before"])
          // The rolled-back seq is reused: the log stays gap-free.
          expect((yield* store.audit.append({ tenant: t, actor: "a", action: "after", target: "t", detail: "{}" })).seq)
            .toBe(2)
        }))

      it.effect("a defect rolls back too", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const exit = yield* Effect.exit(store.transaction(t, Effect.zipRight(writeEverything(t), Effect.die("bug"))))
          expect(exit._tag).toBe("Failure")
          yield* nothingOf(t)
        }))

      it.effect("reads inside a transaction see its own writes", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const seen = yield* store.transaction(
            t,
            Effect.gen(function*() {
              yield* writeEverything(t)
              return {
                grids: (yield* store.grids.history(t, t)).length,
                place: Option.isSome(yield* store.places.get(t, "p1" as Place.PlaceId)),
                audit: (yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).length
              }
            })
          )
          expect(seen).toEqual({ grids: 1, place: true, audit: 1 })
        }))

      it.effect("nested calls join the outer transaction", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const inner = store.transaction(t, writeEverything(t))
          yield* store.transaction(t, inner)
          expect(yield* store.grids.history(t, t)).toHaveLength(1)
          expect((yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).map((e) => e.seq)).toEqual([1])

          const u = freshTenant()
          yield* Effect.flip(
            store.transaction(u, Effect.zipRight(store.transaction(u, writeEverything(u)), Effect.fail(new Boom())))
          )
          yield* nothingOf(u)
        }))

      it.effect("transactions of one tenant are serialised: a read-then-write never interleaves", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          // Each transaction reads how many entries exist and records the place named
          // after that count; interleaved, two would read the same count.
          const step = store.transaction(
            t,
            Effect.gen(function*() {
              const n = (yield* store.audit.list(t, { afterSeq: 0, limit: 1_000 })).length
              yield* Effect.yieldNow()
              yield* store.places.put([place(t, `p${n}`, "residential_building")])
              yield* Effect.yieldNow()
              yield* store.audit.append({ tenant: t, actor: "a", action: "count", target: `p${n}`, detail: "{}" })
            })
          )
          yield* Effect.all(Array.from({ length: 8 }, () => step), { concurrency: "unbounded" })
          const targets = (yield* store.audit.list(t, { afterSeq: 0, limit: 100 })).map((e) => e.target)
          expect(targets).toEqual(Array.from({ length: 8 }, (_, n) => `p${n}`))
        }))
    })

    // ----------------------------------------------------- tenants and bounds

    describe("isolation", () => {
      it.effect("the same codes and ids in two tenants never mix", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const u = freshTenant()
          const code = "110101001"
          const inT = [
            grid(t, { code: "110101", level: 0, from: "2020-01-01", name: "甲" }),
            grid(t, { code, level: 1, from: "2020-01-01", name: "甲街道" }),
            grid(t, { code: `${code}001`, level: 2, from: "2020-01-01", name: "甲社区" })
          ]
          const inU = [
            grid(u, { code: "110101", level: 0, from: "2020-01-01", name: "乙" }),
            grid(u, { code, level: 1, from: "2020-01-01", name: "乙街道" })
          ]
          yield* store.grids.insert([...inT, ...inU])
          const on = day("2021-01-01")
          expect(yield* store.grids.subtree(t, "110101", on)).toEqual(inT)
          expect(yield* store.grids.subtree(u, "110101", on)).toEqual(inU)
          expect(yield* store.grids.countByLevel(u, "110101", on)).toEqual([
            { level: 0, count: 1 },
            { level: 1, count: 1 }
          ])
          expect(yield* store.grids.byId(u, inT[1]!.id)).toEqual(Option.some(inU[1]))
          expect(yield* store.grids.versions(u, code)).toEqual([inU[1]])
          yield* store.grids.close(t, [inT[1]!.id], day("2022-01-01"))
          expect(yield* store.grids.at(u, code, day("2023-01-01"))).toEqual(Option.some(inU[1]))
          expect(yield* store.grids.latestStart(u, "110101")).toEqual(Option.some(day("2020-01-01")))

          yield* store.places.put([place(t, "p1", "merchant", "甲商户"), place(u, "p1", "household", "乙住户")])
          yield* store.places.link([link(t, "p1", `${code}001`, "2020-01-01"), link(u, "p1", code, "2020-06-01")])
          expect(Option.map(yield* store.places.get(u, "p1" as Place.PlaceId), (p) => p.name)).toEqual(
            Option.some("乙住户")
          )
          expect(yield* store.places.links(u, "p1" as Place.PlaceId)).toEqual([link(u, "p1", code, "2020-06-01")])
          expect(yield* store.places.countByKind(u, "110101", on)).toEqual([{ kind: "household", count: 1 }])
          expect(yield* store.places.countInSubtree(t, "110101", on)).toBe(1)

          yield* store.workers.put([worker(t, "w1"), worker(u, "w1")])
          yield* store.workers.addTerms([
            term(t, "w1", 社区工作者, code, "2020-01-01"),
            term(u, "w1", 退役士官, code, "2020-01-01")
          ])
          yield* store.workers.assign([assignment(u, "w1", code, "2020-01-01")])
          expect(yield* store.workers.countByCategory(t, "110101", on)).toEqual([])
          expect(yield* store.workers.countByCategory(u, "110101", on)).toEqual([{ category: 退役士官, count: 1 }])
          expect(yield* store.workers.assignmentsOf(t, "w1" as Worker.WorkerId, on)).toEqual([])

          yield* store.audit.append({ tenant: t, actor: "a", action: "x", target: "y", detail: "{}" })
          const inUAudit = yield* store.audit.append({ tenant: u, actor: "a", action: "x", target: "y", detail: "{}" })
          expect(inUAudit.seq).toBe(1)
        }))

      it.effect("a subtree never takes in a sibling whose code is a string neighbour", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const a = `${t}001`
          const b = `${t}002`
          yield* store.grids.insert([
            grid(t, { code: t, level: 0, from: "2020-01-01" }),
            grid(t, { code: a, level: 1, from: "2020-01-01" }),
            grid(t, { code: `${a}001`, level: 2, from: "2020-01-01" }),
            grid(t, { code: `${a}002`, level: 2, from: "2020-01-01" }),
            grid(t, { code: `${a}999`, level: 2, from: "2020-01-01" }),
            grid(t, { code: b, level: 1, from: "2020-01-01", to: "2030-01-01" }),
            grid(t, { code: `${b}001`, level: 2, from: "2020-01-01" })
          ])
          yield* store.places.put([place(t, "in", "residential_building"), place(t, "out", "residential_building")])
          yield* store.places.link([link(t, "in", `${a}999`, "2020-01-01"), link(t, "out", `${b}001`, "2020-01-01")])
          yield* store.workers.put([worker(t, "w"), worker(t, "x")])
          yield* store.workers.addTerms([term(t, "w", 社区工作者, a, "2020-01-01"), term(t, "x", 社区工作者, b, "2020-01-01")])
          yield* store.workers.assign([
            assignment(t, "w", `${a}999`, "2020-01-01"),
            assignment(t, "x", b, "2020-01-01")
          ])
          const on = day("2021-01-01")
          expect(ids(yield* store.grids.subtree(t, a, on))).toEqual([a, `${a}001`, `${a}002`, `${a}999`].map((c) =>
            `${c}@2020-01-01`
          ))
          expect(ids(yield* store.grids.subtree(t, `${a}001`, on))).toEqual([`${a}001@2020-01-01`])
          expect(yield* store.grids.countByLevel(t, a, on)).toEqual([{ level: 1, count: 1 }, { level: 2, count: 3 }])
          expect(yield* store.grids.latestStart(t, a)).toEqual(Option.some(day("2020-01-01")))
          expect(yield* store.grids.history(t, a)).toHaveLength(4)
          expect((yield* store.places.linksInSubtree(t, a, on)).map((l) => l.placeId)).toEqual(["in"])
          expect(yield* store.places.countInSubtree(t, a, on)).toBe(1)
          expect(yield* store.places.latestStart(t, a)).toEqual(Option.some(day("2020-01-01")))
          expect((yield* store.workers.assignmentsInSubtree(t, a, on)).map((x) => x.workerId)).toEqual(["w"])
          expect(yield* store.workers.countByCategory(t, a, on)).toEqual([{ category: 社区工作者, count: 1 }])
          expect(yield* store.workers.latestStart(t, a)).toEqual(Option.some(day("2020-01-01")))
        }))
    })

    describe("batches", () => {
      it.effect("writes thousands of rows in one call (more than one statement's parameters)", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const size = 8_000
          const parent = `${t}001001001001`
          const blocks = Array.from({ length: size }, (_, i) =>
            grid(t, {
              code: `${parent}${String(i).padStart(4, "0")}`,
              level: 5,
              from: "2020-01-01",
              predecessors: [Grid.makeId(parent, "2019-01-01")]
            }))
          yield* store.grids.insert(blocks)
          yield* store.places.put(blocks.map((_, i) => place(t, `h${i}`, "household")))
          yield* store.places.link(blocks.map((b, i) => link(t, `h${i}`, b.code, "2020-01-01")))
          yield* store.workers.put([worker(t, "w")])
          yield* store.workers.addTerms([term(t, "w", 社区工作者, `${t}001001`, "2020-01-01")])
          yield* store.workers.assign(blocks.map((b) => assignment(t, "w", b.code, "2020-01-01", { responsible: true })))
          const on = day("2021-01-01")
          expect(yield* store.grids.countByLevel(t, t, on)).toEqual([{ level: 5, count: size }])
          expect(yield* store.places.countInSubtree(t, t, on)).toBe(size)
          expect(yield* store.places.countByKind(t, t, on)).toEqual([{ kind: "household", count: size }])
          expect(yield* store.workers.assignmentsInSubtree(t, t, on)).toHaveLength(size)
          expect(yield* store.workers.countByCategory(t, t, on)).toEqual([{ category: 社区工作者, count: 1 }])
          expect(yield* store.grids.successors(t, Grid.makeId(parent, "2019-01-01"))).toHaveLength(size)
          yield* store.grids.close(t, ids(blocks) as ReadonlyArray<Grid.GridId>, day("2022-01-01"))
          expect(yield* store.grids.countByLevel(t, t, day("2022-01-01"))).toEqual([])
          const many = Array.from({ length: size }, () => "w" as Worker.WorkerId)
          expect(yield* store.workers.getMany(t, many)).toHaveLength(1)
        }), { timeout: 120_000 })
    })

    // ----------------------------------------------------------- properties

    describe("properties", () => {
      const segment = FastCheck.constantFrom("001", "002", "010")
      const digits = FastCheck.array(FastCheck.constantFrom("0", "1", "2"), { maxLength: 7 }).map((d) => d.join(""))
      const versionedCode = FastCheck.record({
        path: FastCheck.array(segment, { maxLength: 3 }),
        cuts: FastCheck.uniqueArray(FastCheck.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
        open: FastCheck.boolean(),
        tail: FastCheck.integer({ min: 1, max: 20 })
      })
      // Roots are mostly real code prefixes (so most answers are not empty), sometimes
      // digit strings that cut across segments (so boundaries are tested).
      const root = FastCheck.oneof(
        { arbitrary: FastCheck.array(segment, { maxLength: 2 }).map((s) => s.join("")), weight: 4 },
        { arbitrary: digits, weight: 1 }
      )
      const gridSets = FastCheck.record({
        codes: FastCheck.uniqueArray(versionedCode, { selector: (c) => c.path.join(""), minLength: 3, maxLength: 14 }),
        root,
        day: FastCheck.integer({ min: -2, max: 65 }),
        level: FastCheck.option(FastCheck.integer({ min: 0, max: 3 }), { nil: undefined })
      })
      const epoch = day("2020-01-01")

      /** Contiguous versions per code: [cut0, cut1), [cut1, cut2), … the last open or ended. */
      const versionsOf = (t: Tenant.Tenant, input: typeof gridSets extends FastCheck.Arbitrary<infer A> ? A : never) =>
        input.codes.flatMap(({ cuts, open, path, tail }) => {
          const sorted = [...cuts].sort((a, b) => a - b)
          const code = t + path.join("")
          return sorted.map((cut, i) => {
            const next = sorted[i + 1]
            const from = IsoDate.addDays(epoch, cut)
            const to = next !== undefined
              ? IsoDate.addDays(epoch, next)
              : open
              ? null
              : IsoDate.addDays(epoch, cut + tail)
            return grid(t, {
              code,
              level: path.length,
              from,
              to,
              name: `v${i}`,
              change: i === 0 ? "create" : "rename",
              predecessors: i === 0 ? [] : [Grid.makeId(code, IsoDate.addDays(epoch, sorted[i - 1]!))]
            })
          })
        })

      it.effect.prop(
        "subtree, countByLevel, history and latestStart agree with a naive filter",
        { input: gridSets },
        ({ input }) =>
          Effect.gen(function*() {
            const store = yield* StorePorts.all
            const t = freshTenant()
            const all = versionsOf(t, input)
            yield* store.grids.insert(all)
            const root = t + input.root
            const at = IsoDate.addDays(epoch, input.day)
            const inTree = all.filter((g) => g.code.startsWith(root))
            const valid = inTree.filter((g) => Grid.validAt(g, at))
            const ordered = (gs: ReadonlyArray<Grid.Grid>) => [...gs].sort(byString((g) => `${g.code} ${g.validFrom}`))

            expect(yield* store.grids.subtree(t, root, at)).toEqual(ordered(valid))
            expect(yield* store.grids.subtree(t, root, at, input.level)).toEqual(
              ordered(valid.filter((g) => input.level === undefined || g.level === input.level))
            )
            const counts = new Map<number, number>()
            for (const g of valid) counts.set(g.level, (counts.get(g.level) ?? 0) + 1)
            expect(yield* store.grids.countByLevel(t, root, at)).toEqual(
              [...counts].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }))
            )
            expect(yield* store.grids.history(t, root)).toEqual(ordered(inTree))
            const days = inTree.map((g) => g.validFrom).sort()
            expect(yield* store.grids.latestStart(t, root)).toEqual(Option.fromNullable(days[days.length - 1]))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 40 } }
      )

      const linkSets = FastCheck.record({
        moves: FastCheck.array(
          FastCheck.record({
            place: FastCheck.constantFrom("a", "b", "c", "d", "e"),
            block: FastCheck.constantFrom("001001", "001002", "002001", "010001"),
            cut: FastCheck.integer({ min: 0, max: 40 })
          }),
          { minLength: 3, maxLength: 20 }
        ),
        root,
        day: FastCheck.integer({ min: -2, max: 45 })
      })
      const kinds: Record<string, Place.PlaceKind> = {
        a: "household",
        b: "household",
        c: "merchant",
        d: "residential_building",
        e: "work_unit"
      }

      it.effect.prop(
        "linksInSubtree, placesInSubtree, countInSubtree and countByKind agree with a naive filter",
        { input: linkSets },
        ({ input }) =>
          Effect.gen(function*() {
            const store = yield* StorePorts.all
            const t = freshTenant()
            // Each place moves between blocks; one link per (place, day), contiguous.
            const byPlace = new Map<string, Map<number, string>>()
            for (const m of input.moves) {
              const cuts = byPlace.get(m.place) ?? new Map<number, string>()
              cuts.set(m.cut, m.block)
              byPlace.set(m.place, cuts)
            }
            const links = [...byPlace].flatMap(([p, cuts]) => {
              const sorted = [...cuts].sort(([a], [b]) => a - b)
              return sorted.map(([cut, block], i) => {
                const next = sorted[i + 1]
                return link(
                  t,
                  p,
                  `${t}${block}`,
                  IsoDate.addDays(epoch, cut),
                  next === undefined ? null : IsoDate.addDays(epoch, next[0])
                )
              })
            })
            yield* store.places.put([...byPlace.keys()].map((p) => place(t, p, kinds[p]!)))
            yield* store.places.link(links)
            const root = t + input.root
            const at = IsoDate.addDays(epoch, input.day)
            const valid = links
              .filter((l) => l.gridCode.startsWith(root) && IsoDate.within(at, l.validFrom, l.validTo))
              .sort(byString((l) => `${l.gridCode} ${l.placeId}`))
            expect(yield* store.places.linksInSubtree(t, root, at)).toEqual(valid)
            expect(yield* store.places.countInSubtree(t, root, at)).toBe(valid.length)
            const placed = valid.map((l) => ({ place: place(t, l.placeId, kinds[l.placeId]!), link: l }))
            expect(yield* store.places.placesInSubtree(t, root, at)).toEqual(placed)
            expect(yield* store.places.placesInSubtree(t, root, at, "household")).toEqual(
              placed.filter((p) => p.place.kind === "household")
            )
            const counts = new Map<string, number>()
            for (const l of valid) counts.set(kinds[l.placeId]!, (counts.get(kinds[l.placeId]!) ?? 0) + 1)
            expect(yield* store.places.countByKind(t, root, at)).toEqual(
              [...counts].sort(byString(([k]) => k)).map(([kind, count]) => ({ kind, count }))
            )
          }),
        { timeout: 120_000, fastCheck: { numRuns: 40 } }
      )
    })
  })
}
