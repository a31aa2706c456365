/**
 * A volunteer service certificate (志愿服务记录证明) as a report model, for the unit that
 * keeps the volunteer's record to print: the volunteer, the period, the service time,
 * the content (time by service category, activities), the recording units and the
 * verification code — what 《志愿服务记录与证明出具办法（试行）》 第十四–十七条 ask of a
 * certificate: service time, content, recording unit, verifiable. The holder's name and
 * ID number are whole only when the actor holds `pii:read` and the volunteer consents
 * (第十六条), and such a report is one audited read (`VolunteerLedger.certificate`).
 *
 * @since 0.7.0
 */
import { Effect, Option, Schema } from "effect"
import type { Actor } from "../access/Actor.js"
import type { NotFound } from "../errors/NotFound.js"
import * as Heading from "../internal/report/heading.js"
import { LedgerConfig } from "../ledger/LedgerConfig.js"
import * as Rollup from "../ledger/Rollup.js"
import { type LedgerReadError, VolunteerLedger } from "../ledger/VolunteerLedgerService.js"
import * as Report from "./Report.js"

/**
 * What to build: the certificate's verification code and the language (default: zh).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly code: string
  readonly lang?: Report.Lang
}

const OptionsSchema = Schema.Struct({ code: Schema.String, lang: Schema.optional(Report.Lang) })

/**
 * The certificate's labels, zh and en.
 *
 * @since 0.7.0
 * @category labels
 */
export const labels = {
  zh: {
    title: "志愿服务记录证明",
    certificate: "证明",
    holder: "志愿者",
    name: "姓名",
    citizenId: "身份证号",
    service: "服务情况",
    period: "服务期间",
    hours: "服务时长（小时）",
    minutes: "服务时长（分钟）",
    entries: "服务次数",
    activities: "参与活动",
    issuer: "出具单位",
    issuedOn: "出具日期",
    code: "验证码",
    check: "核验结果",
    valid: "与台账一致",
    invalid: "与台账不一致",
    content: "服务内容",
    category: "服务类别",
    units: "记录单位",
    unit: "记录单位",
    basis: "依据《志愿服务记录与证明出具办法（试行）》第十四至十七条出具：载明服务时间、服务内容和记录单位，可凭验证码向出具单位查验。",
    masked: "姓名已脱敏；身份证号经本人同意方显示（脱敏）。",
    unmasked: "经本人同意显示姓名和身份证号；本次查阅已记入审计日志。",
    to: "至",
    times: "次",
    count: "项",
    hour: "小时",
    minute: "分钟"
  },
  en: {
    title: "Volunteer service certificate",
    certificate: "Certificate",
    holder: "Volunteer",
    name: "Name",
    citizenId: "ID number",
    service: "Service",
    period: "Period",
    hours: "Hours",
    minutes: "Minutes",
    entries: "Sessions",
    activities: "Activities",
    issuer: "Issued by",
    issuedOn: "Issued on",
    code: "Verification code",
    check: "Check",
    valid: "agrees with the ledger",
    invalid: "does not agree with the ledger",
    content: "Content",
    category: "Service category",
    units: "Recording units",
    unit: "Recording unit",
    basis: "Issued under articles 14–17 of the Measures for Volunteer Service Records and Certificates (trial): it states service time, content and the recording units, and its code can be checked with the issuer.",
    masked: "The name is masked; the ID number is shown, masked, only with the volunteer's consent.",
    unmasked: "Name and ID number shown with the volunteer's consent; this read is in the audit log.",
    to: "to",
    times: "",
    count: "",
    hour: "h",
    minute: "min"
  }
} as const

/**
 * Builds the certificate from `VolunteerLedger.certificate` (checked against the ledger
 * as a receiver's check would be; `NotFound` for a code no certificate has or one of a
 * volunteer outside the actor's scope) with the service categories' names from the
 * `LedgerConfig` in context (their keys without one). Hours are the certificate's
 * minutes at the default rounding. The certificate counts the volunteer's service
 * wherever it was recorded in the tenant, so its scope is the whole tenant, named by the
 * issuing unit. `masked` is false only when the holder is shown whole.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (
  actor: Actor,
  options: Options
): Effect.Effect<Report.Report, LedgerReadError | NotFound, VolunteerLedger> =>
  Effect.gen(function*() {
    const o = yield* Heading.options(OptionsSchema, options)
    const l = labels[o.lang]
    const held = yield* (yield* VolunteerLedger).certificate(actor, o.code)
    const config = yield* Effect.serviceOption(LedgerConfig)
    const categories = new Map<string, string>(
      Option.match(config, { onNone: () => [], onSome: (c) => c.categories.map((x) => [x.key, x[o.lang]] as const) })
    )
    const c = held.certificate
    const rounding = Rollup.defaultRounding
    const hours = (minutes: number) => Rollup.hours(minutes, rounding)
    const text = (key: string, label: string, value: string) => ({ key, label, value, unit: "", decimals: 0 })
    const number = (key: string, label: string, value: number, unit: string, decimals = 0) => ({ key, label, value, unit, decimals })
    return yield* Heading.report(actor, {
      kind: "volunteer-certificate",
      title: l.title,
      lang: o.lang,
      scope: { gridCode: null, name: c.issuer },
      period: Heading.inclusive(c.from, c.to),
      rounding: Heading.hoursRounding(rounding, o.lang),
      masked: !held.disclosed,
      sections: [
        {
          id: "certificate",
          title: l.certificate,
          blocks: [
            Report.table({
              id: "holder",
              title: l.holder,
              lang: o.lang,
              columns: [
                { key: "name", label: l.name, type: "text" },
                { key: "citizen-id", label: l.citizenId, type: "text", personal: "citizen-id" }
              ],
              rows: [[held.volunteerName, held.citizenId]],
              note: held.disclosed ? l.unmasked : l.masked
            }),
            {
              _tag: "Figures",
              id: "service",
              title: l.service,
              items: [
                text("period", l.period, `${c.from} ${l.to} ${c.to}`),
                number("hours", l.hours, hours(c.minutes), l.hour, rounding.decimals),
                number("minutes", l.minutes, c.minutes, l.minute),
                number("entries", l.entries, c.entries, l.times),
                number("activities", l.activities, c.activities, l.count),
                text("issuer", l.issuer, c.issuer),
                text("issued-on", l.issuedOn, c.issuedOn),
                text("code", l.code, held.code),
                text("check", l.check, held.valid ? l.valid : `${l.invalid}: ${held.reason}`)
              ]
            }
          ]
        },
        {
          id: "content",
          title: l.content,
          blocks: [
            Report.table({
              id: "content",
              title: l.content,
              lang: o.lang,
              columns: [
                { key: "category", label: l.category, type: "text" },
                { key: "entries", label: l.entries, type: "integer", total: true },
                { key: "minutes", label: l.minutes, type: "integer", total: true },
                { key: "hours", label: l.hours, type: "decimal", decimals: rounding.decimals }
              ],
              rows: c.categories.map((t) => [categories.get(t.category) ?? t.category, t.entries, t.minutes, hours(t.minutes)])
            }),
            Report.table({
              id: "units",
              title: l.units,
              lang: o.lang,
              columns: [{ key: "unit", label: l.unit, type: "text" }],
              rows: c.recordedBy.map((unit) => [unit]),
              note: l.basis
            })
          ]
        }
      ]
    })
  })
