/**
 * `totals` with a `level`: grid codes grouped at a level of the GridConfig scheme —
 * streets, communities — in the store's GROUP BY, equal to the grid rollup's nodes at
 * that level; an entry of a grid above the level keeps its own code; a level above the
 * root, or past the scheme's lowest, is refused; a level changes nothing when grid
 * codes are not among the dimensions.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  type CoConstructionCommand,
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  type GridCommand,
  Grids,
  type LedgerCommand,
  LedgerConfig,
  MemoryStore,
  type Rollup,
  VolunteerLedger,
  VolunteerLedgerService
} from "@jiceng/core"
import { Effect, Layer, TestClock } from "effect"

const tenant = "131102"
const admin = Actor.system(tenant)
const street = Actor.make({ id: "河西街道记录员", tenant, roles: ["ledger_keeper"], scope: "131102001" })

const layer = Layer.mergeAll(VolunteerLedger.layer, CoConstructions.layer, Grids.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), CoConstructionConfig.layer(), LedgerConfig.layer()))
)

const grid = (code: string, name: string, parentCode: string | null): GridCommand.Input => ({
  _tag: "CreateGrid",
  code,
  name,
  parentCode,
  validFrom: "2023-01-01"
})

const grids: ReadonlyArray<GridCommand.Input> = [
  grid("131102", "桃城区", null),
  grid("131102001", "河西街道", "131102"),
  grid("131102002", "河东街道", "131102"),
  grid("131102001001", "明珠社区", "131102001"),
  grid("131102001002", "长安社区", "131102001"),
  grid("131102002001", "锦华社区", "131102002")
]

const teams: ReadonlyArray<CoConstructionCommand.Input> = []

const activity = (id: string, category: string, gridCode: string): LedgerCommand.Input => ({
  _tag: "RegisterActivity",
  id,
  name: id,
  category,
  organiser: "社区党委",
  personInCharge: "赵敏",
  gridCode,
  servicePoint: `sp-${gridCode}`,
  registeredOn: "2024-03-01"
})

const registrations: ReadonlyArray<LedgerCommand.Input> = [
  { _tag: "RegisterVolunteer", id: "v1", name: "王建国", gridCode: "131102001001", registeredOn: "2024-01-02" },
  { _tag: "RegisterVolunteer", id: "v2", name: "李秀英", gridCode: "131102002001", registeredOn: "2024-01-02" },
  activity("mz-community", "community", "131102001001"),
  activity("mz-elderly", "elderly", "131102001001"),
  activity("ca-community", "community", "131102001002"),
  activity("jh-community", "community", "131102002001"),
  // Held for the whole district: its entries stay at the district's code.
  activity("district-elderly", "elderly", "131102")
]

/** Sessions of an hour on successive days of March 2024. */
const sessions: ReadonlyArray<LedgerCommand.Input> = ["mz-community", "mz-elderly", "ca-community", "jh-community", "district-elderly", "ca-community"]
  .map((activityId, i) => ({
    _tag: "RecordService",
    key: `s${i}`,
    volunteerId: i % 2 === 0 ? "v1" : "v2",
    activityId,
    startsAt: `2024-03-${String(10 + i).padStart(2, "0")}T09:00`,
    endsAt: `2024-03-${String(10 + i).padStart(2, "0")}T${i === 5 ? "11:30" : "10:00"}`,
    content: "服务",
    residentsServed: i + 1,
    mattersDone: i % 3
  }))

const march = { from: "2024-03-01", to: "2024-03-31" }

const setup = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2024-04-01T10:00:00+08:00"))
  yield* (yield* Grids.Grids).executeAll(admin, grids)
  yield* (yield* CoConstructions.CoConstructions).executeAll(admin, teams)
  const ledger = yield* VolunteerLedgerService.VolunteerLedger
  yield* ledger.executeAll(admin, [...registrations, ...sessions])
  return ledger
})

const sums = (rows: ReadonlyArray<Rollup.TotalsRow>) =>
  rows.map((r) => [r.keys, r.minutes, r.entries, r.residentsServed, r.mattersDone, r.points])

describe("VolunteerLedger totals by level", () => {
  it.effect("level 1 groups by street, as the grid rollup's streets; the district's own entries keep its code", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      const byStreet = yield* ledger.totals(admin, { ...march, by: ["gridCode", "category"], level: 1 })
      expect(byStreet.data.map((r) => r.keys)).toEqual([
        ["131102", "elderly"],
        ["131102001", "community"],
        ["131102001", "elderly"],
        ["131102002", "community"]
      ])
      // The three sessions of 河西街道's community activities, one of them 150 minutes.
      expect(byStreet.data[1]).toMatchObject({ minutes: 60 + 60 + 150, entries: 3, hours: 4.5 })
      const tree = yield* ledger.gridRollup(admin, march)
      for (const node of tree.data.children) {
        const rows = byStreet.data.filter((r) => r.keys[0] === node.code)
        expect(rows.reduce((n, r) => n + r.minutes, 0)).toBe(node.totals.minutes)
        expect(rows.reduce((n, r) => n + r.residentsServed, 0)).toBe(node.totals.residentsServed)
      }
      expect(tree.data.own.minutes).toBe(byStreet.data[0]!.minutes)
      // By street alone: the sums of the street's grids, by the whole codes.
      const whole = yield* ledger.totals(admin, { ...march, by: ["gridCode"] })
      const cut = yield* ledger.totals(admin, { ...march, by: ["gridCode"], level: 1 })
      const expected = new Map<string, number>()
      for (const r of whole.data) {
        const code = r.keys[0]!.slice(0, 9)
        expected.set(code, (expected.get(code) ?? 0) + r.minutes)
      }
      expect(cut.data.map((r) => [r.keys[0], r.minutes])).toEqual(Array.from(expected).sort(([a], [b]) => (a < b ? -1 : 1)))
    }).pipe(Effect.provide(layer)))

  it.effect("level 2 under a street's root: its communities; the whole codes at the lowest level", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      const communities = yield* ledger.totals(street, { ...march, by: ["gridCode"], level: 2 })
      expect(communities.root).toBe("131102001")
      expect(communities.data.map((r) => [r.keys[0], r.minutes])).toEqual([["131102001001", 120], ["131102001002", 210]])
      const lowest = yield* ledger.totals(admin, { ...march, by: ["category", "gridCode"], level: 5 })
      const whole = yield* ledger.totals(admin, { ...march, by: ["category", "gridCode"] })
      expect(sums(lowest.data)).toEqual(sums(whole.data))
    }).pipe(Effect.provide(layer)))

  it.effect("a level changes nothing when grid codes are not grouped by", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      const plain = yield* ledger.totals(admin, { ...march, by: ["category", "volunteerId"] })
      const levelled = yield* ledger.totals(admin, { ...march, by: ["category", "volunteerId"], level: 1 })
      expect(levelled.data).toEqual(plain.data)
      // Without grid codes among the dimensions, the subtree still holds: the street's own sessions.
      const underStreet = yield* ledger.totals(street, { ...march, by: ["category"], level: 1 })
      expect(underStreet.data.map((r) => [r.keys, r.minutes, r.entries, r.residentsServed])).toEqual([
        [["community"], 270, 3, 1 + 3 + 6],
        [["elderly"], 60, 1, 2]
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("ledger.level: a level above the root, or past the scheme's lowest, is refused", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      const above = yield* Effect.flip(ledger.totals(street, { ...march, by: ["gridCode"], level: 0 }))
      expect(above).toMatchObject({ _tag: "ValidationError", rule: "ledger.level", field: "options.level" })
      const past = yield* Effect.flip(ledger.totals(admin, { ...march, by: ["gridCode"], level: 6 }))
      expect(past).toMatchObject({ _tag: "ValidationError", rule: "ledger.level", field: "options.level" })
      const negative = yield* Effect.flip(ledger.totals(admin, { ...march, by: ["gridCode"], level: -1 }))
      expect(negative).toMatchObject({ _tag: "ValidationError", field: "options.level" })
    }).pipe(Effect.provide(layer)))
})
