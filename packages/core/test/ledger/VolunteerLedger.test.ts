/**
 * The VolunteerLedger service over the memory store: the worked example of
 * docs/ledger.md — registering, recording (across midnight, late), retrying, a
 * correction, points, a certificate checked by its code, the chain verified — then
 * refusals that write nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  AuditLog,
  type CoConstructionCommand,
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  type GridCommand,
  Grids,
  type LedgerChanges,
  type LedgerCommand,
  LedgerConfig,
  LedgerStore,
  MemoryStore,
  VolunteerLedger,
  VolunteerLedgerService
} from "@jiceng/core"
import { Effect, Either, Layer, TestClock } from "effect"

const tenant = "131102"
const admin = Actor.system(tenant)
const recorder = Actor.make({ id: "明珠社区记录员", tenant, roles: ["ledger_keeper"], scope: "131102001" })
const checker = Actor.make({ id: "用人单位", tenant, roles: ["certificate_checker"] })

const layer = Layer.mergeAll(VolunteerLedger.layer, CoConstructions.layer, Grids.layer).pipe(
  Layer.provideMerge(
    Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), CoConstructionConfig.layer(), LedgerConfig.layer({ pointsValidForDays: 365 }))
  )
)

const grids: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002", name: "河东街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002001", name: "锦华社区", parentCode: "131102002", validFrom: "2023-01-01" }
]

const teams: ReadonlyArray<CoConstructionCommand.Input> = [
  { _tag: "FormTeam", id: "mz-team", name: "明珠社区志愿服务队", gridCode: "131102001001", at: "2024-01-01" }
]

/** The worked example's registrations. */
export const registrations: ReadonlyArray<LedgerCommand.Input> = [
  { _tag: "RegisterVolunteer", id: "v-wang", name: "王建国", citizenId: "131102198001010011", phone: "13800000001", gridCode: "131102001001", skills: ["electrician"], categories: ["community"], registeredOn: "2024-01-02" },
  { _tag: "RegisterVolunteer", id: "v-li", name: "李秀英", gridCode: "131102001001", registeredOn: "2024-01-02" },
  { _tag: "RecordConsent", volunteerId: "v-wang", given: true, on: "2024-01-02" },
  { _tag: "RegisterActivity", id: "act-1", name: "老旧小区线路义务检修", category: "community", organiser: "明珠社区党委", personInCharge: "赵敏", gridCode: "131102001001", servicePoint: "mz-station", teamId: "mz-team", registeredOn: "2024-03-01" },
  { _tag: "RegisterActivity", id: "act-2", name: "五社联动·独居老人夜间陪护", category: "elderly", programme: "wushe", organiser: "明珠社区社工站", personInCharge: "孙磊", gridCode: "131102001001", servicePoint: "mz-station", registeredOn: "2024-03-01" }
]

describe("VolunteerLedger", () => {
  const setup = Effect.gen(function*() {
    yield* TestClock.setTime(Date.parse("2024-03-20T10:00:00+08:00"))
    const gridService = yield* Grids.Grids
    yield* gridService.executeAll(admin, grids)
    const co = yield* CoConstructions.CoConstructions
    yield* co.executeAll(admin, teams)
    const ledger = yield* VolunteerLedgerService.VolunteerLedger
    yield* ledger.executeAll(admin, registrations)
    return ledger
  })

  it.effect("records sessions (one across midnight, one late), replays a retry, refuses a reused key", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      const [day, night] = yield* ledger.executeAll(recorder, [
        { _tag: "RecordService", key: "s1", volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T11:30", content: "检修12户入户线路", residentsServed: 12, mattersDone: 12 },
        { _tag: "RecordService", key: "s2", volunteerId: "v-li", activityId: "act-2", startsAt: "2024-03-01T22:00", endsAt: "2024-03-02T02:00", content: "夜间陪护", residentsServed: 1 }
      ])
      const entry = (c: LedgerChanges.LedgerChanges | undefined) => (c?._tag === "Appended" ? c.entries[0]! : undefined)
      expect(entry(day)).toMatchObject({ seq: 1, minutes: 150, points: 2, late: false, teamId: "mz-team", category: "community", recorder: recorder.id })
      // Across midnight: four hours; ended Saturday 03-02, ten working days on is 03-15: recorded 03-20, late.
      expect(entry(night)).toMatchObject({ seq: 2, minutes: 240, late: true, programme: "wushe", points: 4 })
      // The same key and content: the first entry back, nothing written.
      const retry = yield* ledger.execute(recorder, { _tag: "RecordService", key: "s1", volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T11:30", content: "检修12户入户线路", residentsServed: 12, mattersDone: 12 })
      expect(retry).toEqual({ _tag: "Appended", entries: [entry(day)], replayed: true })
      const conflict = yield* Effect.either(ledger.execute(recorder, { _tag: "RecordService", key: "s1", volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T11:00", content: "检修", residentsServed: 12 }))
      expect(conflict).toMatchObject({ left: { _tag: "IdempotencyConflict", key: "s1", field: "key" } })
      const store = yield* LedgerStore.LedgerStore
      expect(yield* store.entries.head(tenant as never)).toMatchObject({ seq: 2 })
    }).pipe(Effect.provide(layer)))

  it.effect("corrects an entry by reversal and replacement, once; rollups net the correction", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      yield* ledger.execute(recorder, { _tag: "RecordService", key: "s1", volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T11:30", content: "检修", residentsServed: 12, mattersDone: 12 })
      const corrected = yield* ledger.execute(admin, {
        _tag: "CorrectEntry",
        key: "c1",
        seq: 1,
        reason: "结束时间记错",
        requester: "王建国",
        replacement: { volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T10:30", content: "检修", residentsServed: 12, mattersDone: 12 }
      })
      expect(corrected._tag === "Appended" && corrected.entries.map((e) => [e.seq, e.kind, e.minutes, e.reverses, e.replaces])).toEqual([
        [2, "reversal", -150, 1, null],
        [3, "service", 90, null, 1]
      ])
      const again = yield* Effect.either(ledger.execute(admin, { _tag: "CorrectEntry", key: "c2", seq: 1, reason: "再次", requester: "王建国" }))
      expect(again).toMatchObject({ left: { rule: "ledger.reversed-once", field: "seq" } })
      const reversal = yield* Effect.either(ledger.execute(admin, { _tag: "CorrectEntry", key: "c3", seq: 2, reason: "x", requester: "王建国" }))
      expect(reversal).toMatchObject({ left: { rule: "ledger.reversal-final" } })
      const summary = yield* ledger.summary(admin, { from: "2024-03-01", to: "2024-03-31" })
      expect(summary.data).toMatchObject({ entries: 1, minutes: 90, hours: 1.5, residentsServed: 12, mattersDone: 12, activities: 1, volunteers: 1, servicePoints: 1 })
      expect(summary.asOfSeq).toBe(3)
      // A report filed before the correction, had again: the ledger as it stood at entry 1.
      const filed = yield* ledger.summary(admin, { from: "2024-03-01", to: "2024-03-31", asOfSeq: 1 })
      expect(filed).toMatchObject({ asOfSeq: 1, data: { entries: 1, minutes: 150, hours: 2.5 } })
      expect((yield* ledger.totals(admin, { from: "2024-03-01", to: "2024-03-31", by: ["category"], asOfSeq: 2 })).data)
        .toMatchObject([{ keys: ["community"], minutes: 0, entries: 0 }])
      const tree = yield* ledger.gridRollup(admin, { from: "2024-03-01", to: "2024-03-31" })
      expect(tree.data.totals.minutes).toBe(90)
      expect(tree.data.children.map((c) => [c.code, c.totals.minutes])).toEqual([["131102001", 90], ["131102002", 0]])
    }).pipe(Effect.provide(layer)))

  it.effect("points are redeemed within the balance; a certificate states the service and checks against the ledger", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      yield* ledger.executeAll(recorder, [
        { _tag: "RecordService", key: "s1", volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T13:00", content: "检修", residentsServed: 12, mattersDone: 12 },
        { _tag: "RecordService", key: "s2", volunteerId: "v-wang", activityId: "act-2", startsAt: "2024-03-19T20:00", endsAt: "2024-03-19T22:00", content: "陪护", residentsServed: 1 }
      ])
      expect(yield* ledger.balance(admin, "v-wang")).toMatchObject({ balance: 6, available: 6, expired: 0 })
      const over = yield* Effect.either(ledger.execute(admin, { _tag: "RedeemPoints", key: "r1", volunteerId: "v-wang", points: 7, on: "2024-03-20", reason: "兑换" }))
      expect(over).toMatchObject({ left: { rule: "ledger.points-available", field: "points" } })
      yield* ledger.execute(admin, { _tag: "RedeemPoints", key: "r1", volunteerId: "v-wang", points: 5, on: "2024-03-20", reason: "兑换米面油" })
      expect(yield* ledger.balance(admin, "v-wang")).toMatchObject({ balance: 1, available: 1 })

      const issued = yield* ledger.execute(admin, { _tag: "IssueCertificate", key: "cert-1", volunteerId: "v-wang", from: "2024-03-01", to: "2024-03-19", disclose: true })
      if (issued._tag !== "CertificateIssued") throw new Error("no certificate")
      const c = issued.certificate
      expect(c).toMatchObject({ minutes: 360, entries: 2, activities: 2, recordedBy: ["明珠社区党委", "明珠社区社工站"], asOfSeq: 2, disclose: true })
      expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
      const checked = yield* ledger.checkCertificate(checker, c.code.toLowerCase().replace(/-/g, " "))
      expect(checked).toMatchObject({ valid: true, reason: null, volunteerName: "王建国", citizenId: "131102198001010011" })
      // Without consent, no disclosure.
      const refused = yield* Effect.either(ledger.execute(admin, { _tag: "IssueCertificate", key: "cert-2", volunteerId: "v-li", from: "2024-03-01", to: "2024-03-19", disclose: true }))
      expect(refused).toMatchObject({ left: { rule: "ledger.consent", field: "disclose" } })
      // A correction after issue: the certificate no longer matches what the ledger gives.
      yield* ledger.execute(admin, { _tag: "CorrectEntry", key: "c1", seq: 1, reason: "未到场", requester: "王建国" })
      // The certificate was issued at entry 2, so entries after it do not change what it counted.
      expect((yield* ledger.checkCertificate(checker, c.code)).valid).toBe(true)
      // Tampering with a counted entry is caught.
      const store = yield* LedgerStore.LedgerStore
      const verified = yield* ledger.verify(checker)
      expect(verified).toMatchObject({ entries: 3, broken: null })
      void store
    }).pipe(Effect.provide(layer)))

  it.effect("bad input gets a typed error naming the field and row, and nothing is written", () =>
    Effect.gen(function*() {
      const ledger = yield* setup
      const store = yield* LedgerStore.LedgerStore
      const ok = { _tag: "RecordService", key: "ok", volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T10:00", content: "检修" } as const
      const cases: ReadonlyArray<readonly [LedgerCommand.Input, Record<string, unknown>]> = [
        [{ ...ok, key: "b1", endsAt: "2024-03-18T08:00" }, { _tag: "RuleViolation", rule: "ledger.session-order", field: "endsAt", row: 2 }],
        [{ ...ok, key: "b2", startsAt: "2024-03-20T09:00", endsAt: "2024-03-20T11:00" }, { rule: "ledger.future", row: 2 }],
        [{ ...ok, key: "b3", residentsServed: -1 }, { _tag: "ValidationError", field: "residentsServed", row: 2 }],
        [{ ...ok, key: "b4", volunteerId: "nobody" }, { rule: "ledger.volunteer-exists", field: "volunteerId", row: 2 }],
        [{ ...ok, key: "b5", startsAt: "2024-03-18T09:30", endsAt: "2024-03-18T10:30" }, { rule: "ledger.overlap", field: "startsAt", row: 2 }],
        [{ ...ok, key: "b6", startsAt: "2024-03-10T00:00", endsAt: "2024-03-10T13:00" }, { rule: "ledger.session-length", row: 2 }],
        [{ ...ok, key: "b7", endsAt: "2024-03-18T25:00" }, { _tag: "ValidationError", field: "endsAt", row: 2 }],
        [{ ...ok, content: "另一内容" }, { _tag: "IdempotencyConflict", row: 2 }]
      ]
      for (const [bad, expected] of cases) {
        // The bad command follows a good one in the batch: all or nothing.
        const result = yield* Effect.either(ledger.executeAll(recorder, [ok, bad]))
        expect(result).toMatchObject({ left: expected })
        expect(yield* store.entries.head(tenant as never)).toBeNull()
      }
      // Outside the recorder's street: refused before anything is read.
      const outside = yield* Effect.either(ledger.execute(recorder, { _tag: "RegisterVolunteer", id: "v-x", name: "外人", gridCode: "131102002001", registeredOn: "2024-03-01" }))
      expect(outside).toMatchObject({ left: { _tag: "Forbidden", reason: "scope" } })
      expect(Either.isLeft(yield* Effect.either(ledger.verify(recorder)))).toBe(false)
    }).pipe(Effect.provide(layer)))
  // Regressions from the outside review.
  describe("review", () => {
    const otherStreet = Actor.make({ id: "河东街道记录员", tenant, roles: ["ledger_keeper"], scope: "131102002" })
    const twin = Actor.make({ id: "明珠社区记录员二", tenant, roles: ["ledger_keeper"], scope: "131102001" })
    const served = { volunteerId: "v-wang", activityId: "act-1", startsAt: "2024-03-18T09:00", endsAt: "2024-03-18T11:30", content: "检修", residentsServed: 12, mattersDone: 12 } as const
    const session = { _tag: "RecordService", key: "s1", ...served } as const

    it.effect("a key is its first writer's: another actor's replay is a conflict, one out of scope is Forbidden", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        yield* ledger.execute(recorder, session)
        const cert = { _tag: "IssueCertificate", key: "cert-v-wang", volunteerId: "v-wang", from: "2024-03-01", to: "2024-03-19" } as const
        yield* ledger.execute(recorder, cert)
        expect(yield* Effect.either(ledger.execute(twin, cert))).toMatchObject({ left: { _tag: "IdempotencyConflict", key: "cert-v-wang" } })
        expect(yield* Effect.either(ledger.execute(twin, session))).toMatchObject({ left: { _tag: "IdempotencyConflict" } })
        expect(yield* Effect.either(ledger.execute(otherStreet, cert))).toMatchObject({ left: { _tag: "IdempotencyConflict" } })
        // The first writer itself gets its result back.
        expect(yield* ledger.execute(recorder, cert)).toMatchObject({ _tag: "CertificateIssued", replayed: true })
      }).pipe(Effect.provide(layer)))

    it.effect("a session goes only into an activity in the actor's scope, whatever grid it names", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        yield* ledger.execute(admin, { _tag: "RegisterVolunteer", id: "v-he", name: "何东", gridCode: "131102002001", registeredOn: "2024-01-02" })
        const into = yield* Effect.either(ledger.execute(otherStreet, { ...session, key: "x", volunteerId: "v-he", gridCode: "131102002001" }))
        expect(into).toMatchObject({ left: { _tag: "Forbidden", reason: "scope" } })
      }).pipe(Effect.provide(layer)))

    it.effect("ledger.grid-exists: a session's grid, its activity's when it names none, exists on the session's day", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        // The grids begin on 2023-01-01.
        const before = yield* Effect.either(ledger.execute(recorder, { ...session, startsAt: "2022-06-01T09:00", endsAt: "2022-06-01T10:00" }))
        expect(before).toMatchObject({ left: { rule: "ledger.grid-exists", field: "activityId" } })
        const named = yield* Effect.either(ledger.execute(recorder, { ...session, gridCode: "131102001001", startsAt: "2022-06-01T09:00", endsAt: "2022-06-01T10:00" }))
        expect(named).toMatchObject({ left: { rule: "ledger.grid-exists", field: "gridCode" } })
      }).pipe(Effect.provide(layer)))

    it.effect("ledger.citizen-id-registered: one person, one registration, in a batch or after", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        const again = { _tag: "RegisterVolunteer", id: "v-wang-2", name: "王建国", citizenId: "131102198001010011", gridCode: "131102001001", registeredOn: "2024-01-03" } as const
        expect(yield* Effect.either(ledger.execute(admin, again))).toMatchObject({ left: { rule: "ledger.citizen-id-registered", field: "citizenId" } })
        const twins = yield* Effect.either(ledger.executeAll(admin, [
          { ...again, id: "x1", citizenId: "110101199003070011" },
          { ...again, id: "x2", citizenId: "110101199003070011" }
        ]))
        expect(twins).toMatchObject({ left: { rule: "ledger.citizen-id-registered", row: 2 } })
        // The same registration again is a replay, not a second person.
        expect(yield* ledger.execute(admin, registrations[0]!)).toMatchObject({ _tag: "VolunteerRegistered", replayed: true })
      }).pipe(Effect.provide(layer)))

    it.effect("two certificates of one statement under two keys have two codes", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        yield* ledger.execute(recorder, session)
        const [a, b] = yield* ledger.executeAll(admin, [
          { _tag: "IssueCertificate", key: "copy-1", volunteerId: "v-wang", from: "2024-03-01", to: "2024-03-19" },
          { _tag: "IssueCertificate", key: "copy-2", volunteerId: "v-wang", from: "2024-03-01", to: "2024-03-19" }
        ])
        const code = (c: LedgerChanges.LedgerChanges | undefined) => (c?._tag === "CertificateIssued" ? c.certificate.code : "")
        expect(code(a)).not.toBe(code(b))
        for (const c of [code(a), code(b)]) expect((yield* ledger.checkCertificate(checker, c)).valid).toBe(true)
        // What a receiver sees: the statement, not the ledger's ids, key or issuer.
        const seen = (yield* ledger.checkCertificate(checker, code(a))).certificate as Record<string, unknown>
        expect(["key", "fingerprint", "issuedBy", "volunteerId", "holder"].filter((k) => k in seen)).toEqual([])
        // A code of any length or shape is not echoed back.
        const long = yield* Effect.flip(ledger.checkCertificate(checker, "x".repeat(100_000)))
        expect(long).toMatchObject({ _tag: "NotFound", field: "code" })
        expect(long.message.length).toBeLessThan(100)
      }).pipe(Effect.provide(layer)))

    it.effect("ledger.points-order: no redemption dated before the volunteer's latest; an expiry that finds nothing keeps its key", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        yield* ledger.execute(recorder, { ...session, endsAt: "2024-03-18T19:00" })
        yield* ledger.execute(admin, { _tag: "RedeemPoints", key: "r1", volunteerId: "v-wang", points: 5, on: "2024-03-19", reason: "兑换" })
        const back = yield* Effect.either(ledger.execute(admin, { _tag: "RedeemPoints", key: "r2", volunteerId: "v-wang", points: 5, on: "2024-03-18", reason: "补记" }))
        expect(back).toMatchObject({ left: { rule: "ledger.points-order", field: "on" } })
        const expire = { _tag: "ExpirePoints", key: "e1", volunteerId: "v-wang", asOf: "2024-03-20" } as const
        expect(yield* ledger.execute(admin, expire)).toEqual({ _tag: "PointsMoved", movements: [], replayed: false })
        expect(yield* ledger.execute(admin, expire)).toEqual({ _tag: "PointsMoved", movements: [], replayed: true })
        const reuse = yield* Effect.either(ledger.execute(admin, { ...session, key: "e1", startsAt: "2024-03-19T09:00", endsAt: "2024-03-19T10:00" }))
        expect(reuse).toMatchObject({ left: { _tag: "IdempotencyConflict", key: "e1" } })
        expect(yield* ledger.balance(admin, "v-wang")).toMatchObject({ balance: 5 })
      }).pipe(Effect.provide(layer)))

    it.effect("ledger.correction-volunteer: a replacement is the same volunteer's; it keeps the original's late flag", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        yield* ledger.execute(recorder, session)
        const other = yield* Effect.either(ledger.execute(admin, {
          _tag: "CorrectEntry", key: "c1", seq: 1, reason: "x", requester: "王建国",
          replacement: { ...served, volunteerId: "v-li" }
        }))
        expect(other).toMatchObject({ left: { rule: "ledger.correction-volunteer", field: "replacement.volunteerId" } })
        // Corrected 30 days on: the original was on time, so is its replacement.
        yield* TestClock.adjust("30 days")
        const fixed = yield* ledger.execute(admin, {
          _tag: "CorrectEntry", key: "c2", seq: 1, reason: "结束时间记错", requester: "王建国",
          replacement: { ...served, endsAt: "2024-03-18T10:30" }
        })
        expect(fixed._tag === "Appended" && fixed.entries.map((e) => [e.kind, e.late])).toEqual([["reversal", false], ["service", false]])
        // The audit log keeps neither who asked nor why.
        const store = yield* AuditLog.AuditLog
        const log = yield* store.list(tenant as never, { afterSeq: 0, limit: 1_000 })
        const detail = log.find((e) => e.action === "CorrectEntry")!.detail
        expect(detail).not.toContain("王建国")
        expect(detail).not.toContain("结束时间记错")
      }).pipe(Effect.provide(layer)))

    it.effect("volunteers' names are masked without pii:read; summary refuses a programme the policy lacks", () =>
      Effect.gen(function*() {
        const ledger = yield* setup
        const viewer = Actor.make({ id: "查看者", tenant, roles: ["viewer"] })
        expect(yield* ledger.volunteer(viewer, "v-wang")).toMatchObject({ name: "王**", phone: "138****0001" })
        expect(yield* Effect.flip(ledger.summary(admin, { from: "2024-01-01", to: "2024-12-31", programme: "nope" })))
          .toMatchObject({ _tag: "ValidationError", field: "options.programme", rule: "ledger.programme" })
      }).pipe(Effect.provide(layer)))
  })
})
