/**
 * Random personal data for the report tests: grid workers, households and volunteers
 * with random phones, ID numbers and addresses (and residents' names) in a small
 * district of two streets, written through the `Grids` and `VolunteerLedger` services,
 * and the reports that hold such data — the grid, worker and household rosters, the
 * 台账 and every certificate — built for an actor. `report.pii-masked` checks the models
 * with it; `report.pii-every-format` checks what every back end writes of them.
 *
 * The writes and the reports read "today" from the clock: run them where the
 * `TestClock` is (`it.effect`), which {@link setToday} sets.
 *
 * @since 0.7.0
 */
import {
  Actor,
  type AuditEntry,
  AuditLog,
  CertificateReport,
  CitizenId,
  GridConfig,
  type GridCommand,
  GridRoster,
  Grids,
  HouseholdRoster,
  type LedgerCommand,
  LedgerConfig,
  Phone,
  type Report,
  type Store,
  VolunteerLedger,
  VolunteerLedgerReport,
  VolunteerLedgerService,
  WorkerRoster
} from "@jiceng/core"
import { Arbitrary, Effect, FastCheck as fc, Layer, TestClock } from "effect"

/**
 * The district's tenant (桃城区) and its system actor, who writes the data.
 *
 * @since 0.7.0
 * @category constants
 */
export const tenant = "131102"

/**
 * @since 0.7.0
 * @category constants
 */
export const admin: Actor.Actor = Actor.system(tenant)

/**
 * Reads the whole district without `pii:read`: personal data masked.
 *
 * @since 0.7.0
 * @category constants
 */
export const viewer: Actor.Actor = Actor.make({ id: "查看者", tenant, roles: ["viewer"] })

/**
 * Reads the whole district with `pii:read` (an administrator): personal data whole.
 *
 * @since 0.7.0
 * @category constants
 */
export const administrator: Actor.Actor = Actor.make({ id: "管理员", tenant, roles: ["admin"] })

/**
 * The services the data is written through and the reports read, over a store.
 *
 * @since 0.7.0
 * @category layers
 */
export const layer = <E, R>(
  store: Layer.Layer<Store.Store, E, R>
): Layer.Layer<Grids.Grids | VolunteerLedgerService.VolunteerLedger | GridConfig.GridConfig | LedgerConfig.LedgerConfig | Store.Store, E, R> =>
  Layer.mergeAll(Grids.layer, VolunteerLedger.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), LedgerConfig.layer()))
  )

/**
 * Today in the tests: 2024-06-01, 10:00 China Standard Time.
 *
 * @since 0.7.0
 * @category clock
 */
export const today = "2024-06-01"

/**
 * Sets the `TestClock` to {@link today}.
 *
 * @since 0.7.0
 * @category clock
 */
export const setToday: Effect.Effect<void> = TestClock.setTime(Date.parse("2024-06-01T10:00:00+08:00"))

const grid = (code: string, name: string, parentCode: string | null): GridCommand.Input => ({
  _tag: "CreateGrid",
  code,
  name,
  parentCode,
  validFrom: "2023-01-01"
})

/**
 * 河西街道's community (明珠社区), its compound and the compound's two blocks.
 *
 * @since 0.7.0
 * @category constants
 */
export const community = "131102001001"

/**
 * @since 0.7.0
 * @category constants
 */
export const compound = "131102001001001001"

/**
 * @since 0.7.0
 * @category constants
 */
export const blocks = ["131102001001001001001", "131102001001001001002"] as const

/**
 * 河东街道's community (锦华社区) and its one block.
 *
 * @since 0.7.0
 * @category constants
 */
export const hedong = { community: "131102002001", block: "131102002001001001001" } as const

/**
 * The grids: 桃城区, its two streets and a community, sector, compound and blocks in each.
 *
 * @since 0.7.0
 * @category constants
 */
export const tree: ReadonlyArray<GridCommand.Input> = [
  grid(tenant, "桃城区", null),
  grid("131102001", "河西街道", tenant),
  grid("131102002", "河东街道", tenant),
  grid(community, "明珠社区", "131102001"),
  grid(hedong.community, "锦华社区", "131102002"),
  grid("131102001001001", "一片区", community),
  grid(compound, "锦绣花园", "131102001001001"),
  grid(blocks[0], "1号楼1单元", compound),
  grid(blocks[1], "1号楼2单元", compound),
  grid("131102002001001", "二片区", hedong.community),
  grid("131102002001001001", "锦华小区", "131102002001001"),
  grid(hedong.block, "3号楼1单元", "131102002001001001")
]

/**
 * Three volunteer activities, two in 明珠社区 and one in 锦华社区.
 *
 * @since 0.7.0
 * @category constants
 */
export const activities: ReadonlyArray<LedgerCommand.Input> = [
  { _tag: "RegisterActivity", id: "act-1", name: "老旧小区线路义务检修", category: "community", organiser: "明珠社区党委", personInCharge: "赵敏", gridCode: community, servicePoint: "mz-station", registeredOn: "2024-03-01" },
  { _tag: "RegisterActivity", id: "act-2", name: "独居老人陪护", category: "elderly", organiser: "明珠社区社工站", personInCharge: "孙磊", gridCode: community, servicePoint: "mz-station", registeredOn: "2024-03-01" },
  { _tag: "RegisterActivity", id: "act-3", name: "锦华社区环境整治", category: "environment", organiser: "锦华社区党委", personInCharge: "钱进", gridCode: hedong.community, servicePoint: "jh-station", registeredOn: "2024-03-01" }
]

const places = [...blocks, hedong.block]

const person = fc.record({
  phone: Arbitrary.make(Phone.Phone),
  citizenId: fc.option(Arbitrary.make(CitizenId.CitizenId), { nil: null }),
  east: fc.boolean()
})

/**
 * Random people: grid workers (a phone, maybe an ID number, in 河西 or 河东),
 * households in the blocks, and volunteers (a phone, maybe an ID number, consent to
 * show them on a certificate or not).
 *
 * @since 0.7.0
 * @category arbitraries
 */
export const data = fc.record({
  workers: fc.uniqueArray(person, { minLength: 1, maxLength: 5, selector: (p) => p.citizenId ?? p.phone }),
  households: fc.array(
    fc.record({ block: fc.constantFrom(...places), building: fc.integer({ min: 1, max: 99 }), room: fc.integer({ min: 101, max: 3_499 }) }),
    { minLength: 1, maxLength: 6 }
  ),
  volunteers: fc.uniqueArray(fc.record({ person, consent: fc.boolean() }), {
    minLength: 1,
    maxLength: 5,
    selector: (v) => v.person.citizenId ?? v.person.phone
  })
})

/**
 * @since 0.7.0
 * @category models
 */
export type Data = typeof data extends fc.Arbitrary<infer A> ? A : never

const surnames = ["张", "王", "李", "赵", "欧阳"] as const

/**
 * The name the store keeps for the i-th household, and the i-th volunteer's.
 *
 * @since 0.7.0
 * @category values
 */
export const householdName = (i: number): string => `${surnames[i % surnames.length]}家${i}`

/**
 * @since 0.7.0
 * @category values
 */
export const volunteerName = (i: number): string => `志愿者${surnames[i % surnames.length]}${i}`

/**
 * A household's exact address.
 *
 * @since 0.7.0
 * @category values
 */
export const addressOf = (h: Data["households"][number]): string =>
  `${h.block.startsWith(hedong.community) ? "河东街道锦华社区" : "河西街道明珠社区"}${h.building}号楼${h.room}室`

/**
 * The raw personal values of the data: every phone and ID number (workers' and
 * volunteers'), every address, and the residents' names (households' and volunteers').
 *
 * @since 0.7.0
 * @category values
 */
export const raw = (d: Data): {
  readonly phones: ReadonlyArray<string>
  readonly citizenIds: ReadonlyArray<string>
  readonly addresses: ReadonlyArray<string>
  readonly names: ReadonlyArray<string>
} => {
  const people = [...d.workers, ...d.volunteers.map((v) => v.person)]
  return {
    phones: people.map((p) => p.phone),
    citizenIds: people.flatMap((p) => (p.citizenId === null ? [] : [p.citizenId])),
    addresses: d.households.map(addressOf),
    names: [...d.households.map((_, i) => householdName(i)), ...d.volunteers.map((_, i) => volunteerName(i))]
  }
}

/**
 * Writes the data through the services with the clock on {@link today}: the grids, each
 * worker posted to a block, the households, and each volunteer serving once in March
 * 2024 and holding a certificate for it (disclosing the name and ID number when they
 * consent). Returns the certificates' verification codes.
 *
 * @since 0.7.0
 * @category running
 */
export const write = (
  d: Data
): Effect.Effect<
  ReadonlyArray<string>,
  Grids.GridWriteError | VolunteerLedgerService.LedgerWriteError,
  Grids.Grids | VolunteerLedgerService.VolunteerLedger
> =>
  Effect.gen(function*() {
    yield* setToday
    const grids = yield* Grids.Grids
    const commands: Array<GridCommand.Input> = [...tree]
    d.workers.forEach((w, i) => {
      commands.push(
        {
          _tag: "RegisterWorker", id: `W${i}`, name: `网格员${i}`, category: "community_worker", employment: "full_time",
          communityCode: w.east ? hedong.community : community, phone: w.phone, citizenId: w.citizenId, at: "2023-01-01"
        },
        { _tag: "AssignWorker", workerId: `W${i}`, gridCode: w.east ? hedong.block : blocks[i % 2]!, post: "网格员", responsible: false, duties: ["走访"], at: "2023-01-01" }
      )
    })
    d.households.forEach((h, i) =>
      commands.push({
        _tag: "PlacePlace", id: `H${i}`, kind: "household", name: householdName(i), address: addressOf(h), gridCode: h.block, at: "2023-02-01"
      })
    )
    yield* grids.executeAll(admin, commands)
    const ledger = yield* VolunteerLedgerService.VolunteerLedger
    const ledgerCommands: Array<LedgerCommand.Input> = [...activities]
    d.volunteers.forEach((v, i) => {
      const id = `vol-${i}`
      const day = `2024-03-${String(i + 10).padStart(2, "0")}`
      ledgerCommands.push(
        {
          _tag: "RegisterVolunteer", id, name: volunteerName(i), phone: v.person.phone, citizenId: v.person.citizenId,
          gridCode: v.person.east ? hedong.community : community, registeredOn: "2024-01-02"
        },
        ...(v.consent ? [{ _tag: "RecordConsent", volunteerId: id, given: true, on: "2024-01-02" } as const] : []),
        { _tag: "RecordService", key: `s-${i}`, volunteerId: id, activityId: "act-1", startsAt: `${day}T09:00`, endsAt: `${day}T10:30`, content: "服务" },
        { _tag: "IssueCertificate", key: `c-${i}`, volunteerId: id, from: "2024-03-01", to: "2024-03-31", disclose: v.consent }
      )
    })
    const changes = yield* ledger.executeAll(admin, ledgerCommands)
    return changes.flatMap((c) => (c._tag === "CertificateIssued" ? [c.certificate.code] : []))
  })

/**
 * The audit log's entries after a seq.
 *
 * @since 0.7.0
 * @category audit
 */
export const auditAfter = (seq: number): Effect.Effect<ReadonlyArray<AuditEntry.AuditEntry>, unknown, AuditLog.AuditLog> =>
  Effect.flatMap(AuditLog.AuditLog, (log) => log.list(tenant as never, { afterSeq: seq, limit: 1_000_000 }))

/**
 * The audit log's last seq (0 when empty).
 *
 * @since 0.7.0
 * @category audit
 */
export const auditHead: Effect.Effect<number, unknown, AuditLog.AuditLog> = Effect.map(
  auditAfter(0),
  (entries) => (entries.length === 0 ? 0 : entries[entries.length - 1]!.seq)
)

/**
 * What the reports read: the grids and the ledger, their configurations and the audit log.
 *
 * @since 0.7.0
 * @category models
 */
export type ReportServices =
  | Grids.Grids
  | GridConfig.GridConfig
  | VolunteerLedgerService.VolunteerLedger
  | LedgerConfig.LedgerConfig
  | AuditLog.AuditLog

/**
 * Every report that holds the data, built for an actor — the grid, worker and household
 * rosters, the 台账 of March 2024 and the certificate of each code — with the audit
 * entries each build wrote.
 *
 * @since 0.7.0
 * @category running
 */
export const reports = (
  actor: Actor.Actor,
  codes: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<{ readonly report: Report.Report; readonly audited: number }>, unknown, ReportServices> =>
  Effect.gen(function*() {
    const builds: Array<Effect.Effect<Report.Report, unknown, ReportServices>> = [
      GridRoster.build(actor),
      WorkerRoster.build(actor),
      HouseholdRoster.build(actor),
      VolunteerLedgerReport.build(actor, { from: "2024-03-01", to: "2024-03-31" }),
      ...codes.map((code) => CertificateReport.build(actor, { code }))
    ]
    const built: Array<{ readonly report: Report.Report; readonly audited: number }> = []
    for (const build of builds) {
      const before = yield* auditHead
      const report = yield* build
      built.push({ report, audited: (yield* auditHead) - before })
    }
    return built
  })
