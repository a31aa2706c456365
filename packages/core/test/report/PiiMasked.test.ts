/**
 * report.pii-masked: on random workers, households and volunteers with random phones,
 * ID numbers and addresses (and residents' names), no roster, 台账 or certificate built for an actor without
 * `pii:read` holds any of them unmasked anywhere (the model serialised whole, searched
 * for every raw value), and nothing is audited; built for an actor with `pii:read`,
 * they appear (a certificate's ID number with the volunteer's consent) and each report
 * that shows them writes exactly one audit entry.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CertificateReport,
  CitizenId,
  GridRoster,
  Grids,
  HouseholdRoster,
  type LedgerCommand,
  type GridCommand,
  Phone,
  type Report,
  VolunteerLedgerReport,
  VolunteerLedgerService,
  WorkerRoster
} from "@jiceng/core"
import { Arbitrary, Effect, FastCheck as fc } from "effect"
import { admin, auditHead, blocks, community, layer, registrations, setToday, tree } from "./fixtures.js"

const hedong = { community: "131102002001", block: "131102002001001001001" }
const places = [...blocks, hedong.block]

const person = fc.record({
  phone: Arbitrary.make(Phone.Phone),
  citizenId: fc.option(Arbitrary.make(CitizenId.CitizenId), { nil: null }),
  east: fc.boolean()
})

const data = fc.record({
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

type Data = typeof data extends fc.Arbitrary<infer A> ? A : never

const surnames = ["张", "王", "李", "赵", "欧阳"] as const
const householdName = (i: number) => `${surnames[i % surnames.length]}家${i}`
const volunteerName = (i: number) => `志愿者${surnames[i % surnames.length]}${i}`
const addressOf = (h: Data["households"][number]) =>
  `${h.block.startsWith(hedong.community) ? "河东街道锦华社区" : "河西街道明珠社区"}${h.building}号楼${h.room}室`

/** The random district written through the services; each volunteer served once in March and holds a certificate. */
const write = (d: Data) =>
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
    const ledgerCommands: Array<LedgerCommand.Input> = [...registrations.filter((c) => c._tag === "RegisterActivity")]
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

/** Every report for an actor, with the audit entries each wrote. */
const reports = (actor: Actor.Actor, codes: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const builds: Array<Effect.Effect<Report.Report, unknown, any>> = [
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

const viewer = Actor.make({ id: "查看者", tenant: "131102", roles: ["viewer"] })
const administrator = Actor.make({ id: "管理员", tenant: "131102", roles: ["admin"] })

describe("report.pii-masked", () => {
  it.effect.prop(
    "report.pii-masked: no model built without pii:read holds a raw phone, ID number, address or resident's name; with it they appear, one audit entry a report",
    [data],
    ([d]) =>
      Effect.gen(function*() {
        const codes = yield* write(d)
        const people = [...d.workers, ...d.volunteers.map((v) => v.person)]
        const raw = [
          ...people.flatMap((p) => [p.phone, ...(p.citizenId === null ? [] : [p.citizenId])]),
          ...d.households.map(addressOf),
          // Residents' names: households' and volunteers'.
          ...d.households.map((_, i) => householdName(i)),
          ...d.volunteers.map((_, i) => volunteerName(i))
        ]

        const masked = yield* reports(viewer, codes)
        const text = JSON.stringify(masked.map((b) => b.report))
        for (const value of raw) expect(text.includes(value), value).toBe(false)
        expect(masked.map((b) => [b.report.kind, b.report.masked, b.audited])).toEqual(masked.map((b) => [b.report.kind, true, 0]))

        const whole = yield* reports(administrator, codes)
        const shown = JSON.stringify(whole.map((b) => b.report))
        // Certificates show an ID number only with the volunteer's consent (第十六条).
        const withheld = new Set(d.volunteers.filter((v) => !v.consent).map((v) => v.person.citizenId))
        const wholeIn = (kind: string) => JSON.stringify(whole.filter((b) => b.report.kind === kind).map((b) => b.report))
        for (const value of raw) expect(shown.includes(value), value).toBe(true)
        for (const v of d.volunteers) {
          if (v.person.citizenId !== null) expect(wholeIn("volunteer-certificate").includes(v.person.citizenId)).toBe(!withheld.has(v.person.citizenId))
        }
        // Exactly one audit entry for each report showing personal data, none for the others.
        for (const b of whole) expect([b.report.kind, b.audited]).toEqual([b.report.kind, b.report.masked ? 0 : 1])
        expect(whole.filter((b) => !b.report.masked).map((b) => b.report.kind)).toEqual([
          "worker-roster",
          "household-roster",
          "volunteer-ledger",
          ...d.volunteers.filter((v) => v.consent).map(() => "volunteer-certificate")
        ])
      }).pipe(Effect.provide(layer)),
    { fastCheck: { numRuns: 30 } }
  )
})
