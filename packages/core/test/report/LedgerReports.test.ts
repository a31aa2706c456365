/**
 * The volunteer ledger 台账 and the certificate as report models on the memory store:
 * the 台账 equals the ledger's totals by volunteer and its summary, the certificate
 * states what the ledger's certificate states; personal data masked unless permitted,
 * and an unmasked report is one audit entry.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  CertificateReport,
  CoConstructionConfig,
  CoConstructions,
  Grids,
  type LedgerChanges,
  Report,
  Rollup,
  VolunteerLedgerReport,
  VolunteerLedgerService
} from "@jiceng/core"
import { LedgerIntents, Outcomes } from "@jiceng/testkit"
import { Effect, FastCheck as fc, Layer, Schema, TestClock } from "effect"
import { admin, auditAfter, auditHead, hexiAdmin, layer, seed, viewer } from "./fixtures.js"

const tableOf = (report: Report.Report, id: string): Report.Table => {
  const found = report.sections.flatMap((s) => s.blocks).find((b) => b.id === id)
  if (found?._tag !== "Table") throw new Error(`no table ${id}`)
  return found
}

const figures = (report: Report.Report) =>
  Object.fromEntries(report.sections.flatMap((s) => s.blocks).flatMap((b) => (b._tag === "Figures" ? b.items : [])).map((f) => [f.key, f.value]))

const valid = (report: Report.Report) => expect(Schema.decodeUnknownSync(Report.Report)(report)).toEqual(report)

const march = { from: "2024-03-01", to: "2024-04-30" } as const

/** Issues a certificate and gives its code. */
const issue = (volunteerId: string, disclose: boolean) =>
  Effect.gen(function*() {
    const ledger = yield* VolunteerLedgerService.VolunteerLedger
    const changes: LedgerChanges.LedgerChanges = yield* ledger.execute(admin, {
      _tag: "IssueCertificate", key: `cert-${volunteerId}`, volunteerId, from: "2024-03-01", to: "2024-03-31", disclose
    })
    if (changes._tag !== "CertificateIssued") throw new Error("no certificate")
    return changes.certificate.code
  })

describe("VolunteerLedgerReport", () => {
  it.effect("the 台账 is the ledger's totals by volunteer; its totals are the summary's sums; masked without pii:read", () =>
    Effect.gen(function*() {
      yield* seed
      const ledger = yield* VolunteerLedgerService.VolunteerLedger
      const before = yield* auditHead
      const report = yield* VolunteerLedgerReport.build(viewer, march)
      valid(report)
      expect(report).toMatchObject({
        kind: "volunteer-ledger", title: "志愿服务台账", masked: true, scope: { gridCode: "131102", name: "桃城区" },
        period: { _tag: "Range", from: "2024-03-01", to: "2024-05-01" }
      })
      expect(report.rounding).toContain("保留 1 位小数，四舍五入")
      const byVolunteer = yield* ledger.totals(viewer, { ...march, by: ["volunteerId"] })
      const table = tableOf(report, "volunteer-ledger")
      // 李秀英's reversed session counts for nothing: one session of 80 minutes stands.
      expect(table.rows).toEqual([
        ["v-li", "李**", "138****0002", null, 1, 80, 1.3, 2, 1],
        ["v-wang", "王**", "138****0001", "131102********0038", 2, 270, 4.5, 13, 12],
        ["v-zhou", "周*", "138****0003", "131102********0016", 2, 110, 1.8, 8, 3]
      ])
      expect(table.rows.map((r) => [r[0], r[4], r[5], r[6], r[7], r[8]])).toEqual(
        byVolunteer.data.filter((r) => r.entries > 0).map((r) => [r.keys[0], r.entries, r.minutes, r.hours, r.residentsServed, r.mattersDone])
      )
      const summary = (yield* ledger.summary(viewer, march)).data
      expect(table.totals).toEqual(["合计", null, null, null, summary.entries, summary.minutes, null, summary.residentsServed, summary.mattersDone])
      expect(figures(report)).toMatchObject({
        activities: summary.activities, "service-points": summary.servicePoints, volunteers: summary.volunteers, entries: 5,
        minutes: 460, hours: 7.7, "residents-served": 23, "matters-done": 16, points: summary.points
      })
      expect(summary.volunteers).toBe(table.rows.length)
      expect(table.note).toContain(`第 ${byVolunteer.asOfSeq} 条`)
      expect(yield* auditAfter(before)).toEqual([])
    }).pipe(Effect.provide(layer)))

  it.effect("with pii:read the 台账 is whole and audited once; volunteers living outside the scope are listed by id only", () =>
    Effect.gen(function*() {
      yield* seed
      const before = yield* auditHead
      const report = yield* VolunteerLedgerReport.build(hexiAdmin, { ...march, lang: "en", rounding: { decimals: 2, mode: "down" } })
      expect(report.masked).toBe(false)
      expect(report.scope).toEqual({ gridCode: "131102001", name: "河西街道" })
      expect(tableOf(report, "volunteer-ledger").rows).toEqual([
        ["v-li", "李秀英", "13800000002", null, 1, 80, 1.33, 2, 1],
        ["v-wang", "王建国", "13800000001", "131102198001010038", 2, 270, 4.5, 13, 12],
        // 周强 lives in 河东: his session in 河西 is counted, his data is not shown.
        ["v-zhou", null, null, null, 1, 50, 0.83, 3, 1]
      ])
      expect(report.rounding).toContain("2 decimal places, truncated")
      expect(tableOf(report, "volunteer-ledger").columns.find((c) => c.key === "hours")?.decimals).toBe(2)
      const log = yield* auditAfter(before)
      expect(log.map((e) => [e.action, e.target, JSON.parse(e.detail)])).toEqual([["ReadVolunteersPii", "131102001", { rows: 2 }]])
    }).pipe(Effect.provide(layer)))

  it.effect("bad options: a typed error naming the field, nothing written", () =>
    Effect.gen(function*() {
      yield* seed
      const before = yield* auditHead
      expect(yield* Effect.flip(VolunteerLedgerReport.build(viewer, { from: "2024-03-01", to: "2024-02-01" }))).toMatchObject({ _tag: "ValidationError", field: "options.to", rule: "ledger.period" })
      expect(yield* Effect.flip(VolunteerLedgerReport.build(viewer, { ...march, lang: "de" as never }))).toMatchObject({ _tag: "ValidationError", field: "options.lang" })
      expect(yield* Effect.flip(VolunteerLedgerReport.build(viewer, { ...march, rounding: { decimals: 9, mode: "down" } }))).toMatchObject({ _tag: "ValidationError", field: "options.rounding.decimals" })
      expect(yield* Effect.flip(VolunteerLedgerReport.build(hexiAdmin, { ...march, root: "131102002" }))).toMatchObject({ _tag: "Forbidden", reason: "scope" })
      // At most ten years, as every report's period; the last day of the calendar is no 台账's last day.
      expect(yield* Effect.flip(VolunteerLedgerReport.build(viewer, { from: "1900-01-01", to: "2100-12-31" }))).toMatchObject({ _tag: "ValidationError", field: "options.to", rule: "period.length" })
      expect(yield* Effect.flip(VolunteerLedgerReport.build(viewer, { from: "9999-01-01", to: "9999-12-31" }))).toMatchObject({ _tag: "ValidationError", field: "options.to", rule: "period.length" })
      expect(yield* Effect.flip(VolunteerLedgerReport.build(viewer, { from: "2023-02-29", to: "2023-03-31" }))).toMatchObject({ _tag: "ValidationError", field: "options.from" })
      expect(yield* auditAfter(before)).toEqual([])
    }).pipe(Effect.provide(layer)))
})

describe("report.ledger-totals", () => {
  const withTeams = Layer.mergeAll(layer, CoConstructions.layer.pipe(Layer.provideMerge(Layer.merge(layer, CoConstructionConfig.layer()))))
  const t = "131102"
  it.effect.prop(
    "report.ledger-totals: on random sessions, corrections and retries, the 台账's rows are the totals by volunteer standing and its totals the summary's sums",
    [fc.array(LedgerIntents.step, { maxLength: 30 }), fc.constantFrom(t, `${t}001`, `${t}001001`, `${t}001002`)],
    ([steps, root]) =>
      Effect.gen(function*() {
        yield* TestClock.setTime(LedgerIntents.todayMs)
        const scaffold = LedgerIntents.scaffold(t)
        yield* (yield* Grids.Grids).executeAll(admin, scaffold.grids as never)
        yield* (yield* CoConstructions.CoConstructions).executeAll(admin, scaffold.coConstruction as never)
        const ledger = yield* VolunteerLedgerService.VolunteerLedger
        yield* ledger.executeAll(admin, scaffold.ledger as never)
        yield* Outcomes.runEach<LedgerChanges.LedgerChanges, never, never, never>(LedgerIntents.commands(steps), (c) => ledger.executeUnknown(admin, c), undefined)
        const period = { from: "2024-01-01", to: "2024-12-31", root }
        const report = yield* VolunteerLedgerReport.build(viewer, period)
        const table = tableOf(report, "volunteer-ledger")
        const byVolunteer = yield* ledger.totals(viewer, { ...period, by: ["volunteerId"] })
        expect(table.rows.map((r) => [r[0], r[4], r[5], r[6], r[7], r[8]])).toEqual(
          byVolunteer.data.filter((r) => r.entries > 0).map((r) => [r.keys[0], r.entries, r.minutes, r.hours, r.residentsServed, r.mattersDone])
        )
        const summary = (yield* ledger.summary(viewer, period)).data
        expect(table.totals).toEqual(["合计", null, null, null, summary.entries, summary.minutes, null, summary.residentsServed, summary.mattersDone])
        expect(figures(report)).toMatchObject({ volunteers: table.rows.length, minutes: summary.minutes, hours: Rollup.hours(summary.minutes) })
      }).pipe(Effect.provide(withTeams)),
    { fastCheck: { numRuns: 40 } }
  )
})

describe("CertificateReport", () => {
  it.effect("states the service time, content, recording units and verification code; masked without pii:read", () =>
    Effect.gen(function*() {
      yield* seed
      const code = yield* issue("v-wang", true)
      const before = yield* auditHead
      const report = yield* CertificateReport.build(viewer, { code })
      valid(report)
      expect(report).toMatchObject({
        kind: "volunteer-certificate", title: "志愿服务记录证明", masked: true,
        scope: { gridCode: null, name: "志愿服务记录单位" }, period: { _tag: "Range", from: "2024-03-01", to: "2024-04-01" }
      })
      expect(tableOf(report, "holder").rows).toEqual([["王**", "131102********0038"]])
      expect(figures(report)).toEqual({
        period: "2024-03-01 至 2024-03-31", hours: 4.5, minutes: 270, entries: 2, activities: 2,
        issuer: "志愿服务记录单位", "issued-on": "2024-06-01", code, check: "与台账一致"
      })
      expect(tableOf(report, "content").rows).toEqual([["社区服务", 1, 150, 2.5], ["助老助残", 1, 120, 2]])
      expect(tableOf(report, "content").totals).toEqual(["合计", 2, 270, null])
      expect(tableOf(report, "units").rows).toEqual([["明珠社区党委"], ["明珠社区社工站"]])
      expect(tableOf(report, "units").note).toContain("第十四至十七条")
      expect(yield* auditAfter(before)).toEqual([])
    }).pipe(Effect.provide(layer)))

  it.effect("whole only with pii:read and the volunteer's consent, and then audited once; outside the scope NotFound", () =>
    Effect.gen(function*() {
      yield* seed
      const wang = yield* issue("v-wang", true)
      const zhou = yield* issue("v-zhou", false)
      const before = yield* auditHead
      const whole = yield* CertificateReport.build(hexiAdmin, { code: wang, lang: "en" })
      expect(whole.masked).toBe(false)
      expect(tableOf(whole, "holder").rows).toEqual([["王建国", "131102198001010038"]])
      expect(tableOf(whole, "content").rows).toEqual([["Community service", 1, 150, 2.5], ["Care for the elderly and disabled", 1, 120, 2]])
      expect((yield* auditAfter(before)).map((e) => [e.action, e.target])).toEqual([["ReadCertificatePii", `certificate:${wang}`]])
      // No consent: the name masked and no ID number, whoever asks; nothing audited.
      const seq = yield* auditHead
      const withheld = yield* CertificateReport.build(admin, { code: zhou })
      expect(withheld.masked).toBe(true)
      expect(tableOf(withheld, "holder").rows).toEqual([["周*", null]])
      expect(yield* auditAfter(seq)).toEqual([])
      // 周强 lives in 河东: 河西's administrator cannot print his certificate, nor learn it exists.
      expect(yield* Effect.flip(CertificateReport.build(hexiAdmin, { code: zhou }))).toMatchObject({ _tag: "NotFound", field: "code" })
      expect(yield* Effect.flip(CertificateReport.build(viewer, { code: "0000-0000-0000-0000" }))).toMatchObject({ _tag: "NotFound", field: "code" })
      expect(yield* Effect.flip(CertificateReport.build(viewer, { code: 42 as never }))).toMatchObject({ _tag: "ValidationError", field: "options.code" })
    }).pipe(Effect.provide(layer)))
})
