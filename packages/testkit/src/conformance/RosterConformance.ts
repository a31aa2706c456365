/**
 * The rosters and the 台账 on any store: built over the store from a district's writes,
 * the grid, worker and household rosters and the volunteer ledger 台账 equal those
 * built over a memory store from the same writes — so the store's bulk reads
 * (`PlaceRepository.placesInSubtree` under `Grids.places`, the worker and volunteer
 * reads under `Grids.workers` and `VolunteerLedger.volunteers`) answer as the memory
 * store's do — for an actor without `pii:read` (masked, nothing audited) and one with it
 * (whole, one audit entry a report, naming no data). The district has `households`
 * households (default 2,000) spread over its blocks, every one on the roster.
 *
 * The suite builds its store once and provides it to its tests (no `it.layer`), so it
 * may stand anywhere among a test file's top-level suites.
 *
 * @since 0.7.0
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  AuditLog,
  GridConfig,
  type GridCommand,
  GridRoster,
  Grids,
  HouseholdRoster,
  type LedgerCommand,
  LedgerConfig,
  MemoryStore,
  type Report,
  type Store,
  VolunteerLedgerReport,
  VolunteerLedgerService,
  WorkerRoster
} from "@jiceng/core"
import { Effect, Layer, TestClock } from "effect"
import * as PersonalData from "../arbitraries/PersonalData.js"
import { sharedOver } from "./sharedStore.js"
import { freshTenant } from "./support.js"

type Services = Grids.Grids | VolunteerLedgerService.VolunteerLedger | Store.Store | GridConfig.GridConfig | LedgerConfig.LedgerConfig

/** The grid and ledger services over a store, as `PersonalData` writes and reads them. */
const servicesOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<Services, E> => PersonalData.layer(store)

/** The suite's today: 2024-06-01, 10:00 China Standard Time. */
const todayMs = Date.parse("2024-06-01T10:00:00+08:00")

/** The writes of a district of `households` households in 20 blocks of two communities, three workers and three volunteers. */
const writes = (t: string, households: number) => {
  const grid = (code: string, name: string, parentCode: string | null): GridCommand.Input => ({
    _tag: "CreateGrid", code, name, parentCode, validFrom: "2023-01-01"
  })
  const communities = [`${t}001001`, `${t}002001`]
  const compounds = communities.map((c) => `${c}001001`)
  const blocks = compounds.flatMap((c) => Array.from({ length: 10 }, (_, i) => `${c}${String(i + 1).padStart(3, "0")}`))
  const grids: Array<GridCommand.Input> = [
    grid(t, "测试区", null),
    grid(`${t}001`, "一街道", t),
    grid(`${t}002`, "二街道", t),
    ...communities.flatMap((c, i) => [grid(c, `社区${i + 1}`, c.slice(0, -3)), grid(`${c}001`, `片区${i + 1}`, c)]),
    ...compounds.map((c, i) => grid(c, `小区${i + 1}`, c.slice(0, -3))),
    ...blocks.map((b, i) => grid(b, `${Math.floor(i / 2) + 1}号楼${(i % 2) + 1}单元`, b.slice(0, -3)))
  ]
  const people: Array<GridCommand.Input> = [
    { _tag: "RegisterWorker", id: "W1", name: "李四", category: "community_worker", employment: "full_time", communityCode: communities[0]!, phone: "13812345678", citizenId: "11010519491231002X", at: "2023-01-01" },
    { _tag: "RegisterWorker", id: "W2", name: "王五", category: "unit_head", employment: "part_time", communityCode: communities[0]!, phone: "13912345670", at: "2023-01-01" },
    { _tag: "RegisterWorker", id: "W3", name: "赵六", category: "community_worker", employment: "full_time", communityCode: communities[1]!, citizenId: "131102198001010011", at: "2023-01-01" },
    { _tag: "AssignWorker", workerId: "W1", gridCode: compounds[0]!, post: "网格长", responsible: true, duties: ["巡查走访"], at: "2023-01-01" },
    { _tag: "AssignWorker", workerId: "W2", gridCode: blocks[0]!, post: "单元长", responsible: true, duties: ["楼栋服务"], at: "2023-01-01" },
    { _tag: "AssignWorker", workerId: "W3", gridCode: compounds[1]!, post: "网格长", responsible: true, duties: ["巡查走访"], at: "2023-01-01" }
  ]
  const places: Array<GridCommand.Input> = Array.from({ length: households }, (_, k) => ({
    _tag: "PlacePlace",
    id: `H-${String(k + 1).padStart(7, "0")}`,
    kind: "household",
    name: `住户${k + 1}`,
    address: k % 7 === 0 ? null : `${Math.floor(k / 40) + 1}号楼${(k % 40) + 101}室`,
    gridCode: blocks[k % blocks.length]!,
    at: "2023-02-01"
  }))
  const ledger: Array<LedgerCommand.Input> = [
    { _tag: "RegisterVolunteer", id: "v-1", name: "王建国", citizenId: "131102198001010038", phone: "13800000001", gridCode: communities[0]!, registeredOn: "2024-01-02" },
    { _tag: "RegisterVolunteer", id: "v-2", name: "李秀英", phone: "13800000002", gridCode: communities[1]!, registeredOn: "2024-01-02" },
    { _tag: "RegisterActivity", id: "act-1", name: "义务检修", category: "community", organiser: "社区党委", personInCharge: "赵敏", gridCode: communities[0]!, servicePoint: "station", registeredOn: "2024-03-01" },
    { _tag: "RecordService", key: "s1", volunteerId: "v-1", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T11:30", content: "检修", residentsServed: 12, mattersDone: 12 },
    { _tag: "RecordService", key: "s2", volunteerId: "v-2", activityId: "act-1", startsAt: "2024-03-19T09:00", endsAt: "2024-03-19T10:10", content: "检修", residentsServed: 2 }
  ]
  return { grids: [...grids, ...people], places, ledger }
}

/** Writes the district, then builds the reports for each actor, with the audit entries each wrote. */
const run = (t: string, households: number) =>
  Effect.gen(function*() {
    const system = Actor.system(t)
    const { grids: gridWrites, ledger: ledgerWrites, places } = writes(t, households)
    const grids = yield* Grids.Grids
    yield* grids.executeAll(system, gridWrites)
    for (let i = 0; i < places.length; i += 5_000) yield* grids.executeAll(system, places.slice(i, i + 5_000))
    yield* (yield* VolunteerLedgerService.VolunteerLedger).executeAll(system, ledgerWrites)
    const audit = yield* AuditLog.AuditLog
    const head = Effect.map(audit.list(t as never, { afterSeq: 0, limit: Number.MAX_SAFE_INTEGER }), (log) => log.slice(-1)[0]?.seq ?? 0)
    const actors = [
      Actor.make({ id: "viewer", tenant: t, roles: ["viewer"] }),
      Actor.make({ id: "administrator", tenant: t, roles: ["admin"] })
    ]
    const built: Array<{ readonly report: Report.Report; readonly audit: ReadonlyArray<readonly [string, string]> }> = []
    for (const actor of actors) {
      for (
        const build of [
          GridRoster.build(actor),
          WorkerRoster.build(actor),
          HouseholdRoster.build(actor),
          VolunteerLedgerReport.build(actor, { from: "2024-03-01", to: "2024-03-31" })
        ] as ReadonlyArray<Effect.Effect<Report.Report, unknown, Services>>
      ) {
        const before = yield* head
        const report = yield* build
        const entries = yield* audit.list(t as never, { afterSeq: before, limit: 100 })
        built.push({ report, audit: entries.map((e) => [e.action, e.detail] as const) })
      }
    }
    return built
  })

/**
 * @since 0.7.0
 * @category suites
 */
export const rosterConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: { readonly households?: number } = {}
) =>
  describe(`${name}: rosters and the 台账`, () => {
    const provide = sharedOver(store, servicesOver, todayMs)
    const households = options.households ?? 2_000

    it.effect(`the rosters and the 台账 of ${households} households equal the memory store's; masked without pii:read, one audit entry a report with it`, () =>
      Effect.gen(function*() {
        const t = freshTenant()
        const built = yield* provide(run(t, households))
        const reference = yield* Effect.provide(
          Effect.zipRight(TestClock.setTime(todayMs), run(t, households)),
          servicesOver(MemoryStore.layer)
        )
        expect(built).toEqual(reference)
        const [masked, whole] = [built.slice(0, 4), built.slice(4)]
        expect(masked.map((b) => [b.report.masked, b.audit.length])).toEqual([[true, 0], [true, 0], [true, 0], [true, 0]])
        expect(whole.map((b) => [b.report.kind, b.report.masked, b.audit.map(([action]) => action)])).toEqual([
          ["grid-roster", true, []],
          ["worker-roster", false, ["ReadWorkersPii"]],
          ["household-roster", false, ["ReadPlacesPii"]],
          ["volunteer-ledger", false, ["ReadVolunteersPii"]]
        ])
        const roster = whole[2]!.report.sections[0]!.blocks.find((b) => b._tag === "Table")
        expect(roster?._tag === "Table" ? roster.rows.length : 0).toBe(households)
        expect(JSON.parse(whole[2]!.audit[0]![1])).toEqual({ at: "2024-06-01", kind: "household", rows: households })
      }), { timeout: 300_000 })
  })
