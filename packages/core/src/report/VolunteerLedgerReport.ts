/**
 * The volunteer service ledger (志愿服务台账) of a period and a subtree as a report
 * model: per volunteer with a session standing in the period — name, phone and ID number
 * (masked unless the actor holds `pii:read`), sessions, minutes, hours, residents served
 * and practical matters done —, the totals, and the period's summary figures. Every
 * figure is the ledger's own (`VolunteerLedger.totals` by volunteer and
 * `VolunteerLedger.summary`, both as the ledger stood at one entry), so the table's
 * totals equal the summary's sums.
 *
 * @since 0.7.0
 */
import { Effect, Schema } from "effect"
import type { Actor } from "../access/Actor.js"
import { ValidationError } from "../errors/ValidationError.js"
import * as Period from "../internal/period.js"
import * as Heading from "../internal/report/heading.js"
import * as Rollup from "../ledger/Rollup.js"
import { type LedgerReadError, VolunteerLedger } from "../ledger/VolunteerLedgerService.js"
import * as IsoDate from "../time/IsoDate.js"
import * as Report from "./Report.js"

/**
 * What to build: the period of session days (`from` to `to`, both included), the
 * subtree (default: the actor's scope), the entry the ledger is read as of (default: the
 * head — give the `asOfSeq` a filed 台账 states to have it again), the rounding of hours
 * (default: one decimal, half up) and the language (default: zh).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly from: string
  readonly to: string
  readonly root?: string
  readonly asOfSeq?: number
  readonly rounding?: Rollup.Rounding
  readonly lang?: Report.Lang
}

const OptionsSchema = Schema.Struct({
  from: IsoDate.IsoDate,
  to: IsoDate.IsoDate,
  root: Schema.optional(Schema.String),
  asOfSeq: Schema.optional(Schema.Number),
  rounding: Schema.optional(Rollup.Rounding),
  lang: Schema.optional(Report.Lang)
})

/**
 * The 台账's labels, zh and en.
 *
 * @since 0.7.0
 * @category labels
 */
export const labels = {
  zh: {
    title: "志愿服务台账",
    summary: "汇总",
    figures: "本期概况",
    activities: "服务活动",
    servicePoints: "服务阵地",
    volunteers: "参与志愿者",
    entries: "服务次数",
    minutes: "服务时长（分钟）",
    hours: "服务时长（小时）",
    residentsServed: "服务群众（人次）",
    mattersDone: "办理实事（件）",
    points: "志愿积分",
    ledger: "台账",
    roster: "志愿者服务台账",
    id: "志愿者编号",
    name: "姓名",
    phone: "联系电话",
    citizenId: "身份证号",
    masked: "姓名、联系电话、身份证号已脱敏。",
    outside: "居住地不在本辖区的志愿者只列编号。",
    asOf: (seq: number) => `数据截至台账第 ${seq} 条记录；以此序号重新生成，可得相同数字。`,
    count: "个",
    people: "人",
    times: "次",
    minute: "分钟",
    hour: "小时",
    residents: "人次",
    matters: "件",
    point: "分"
  },
  en: {
    title: "Volunteer service ledger",
    summary: "Summary",
    figures: "The period",
    activities: "Activities",
    servicePoints: "Service points",
    volunteers: "Volunteers",
    entries: "Sessions",
    minutes: "Minutes",
    hours: "Hours",
    residentsServed: "Residents served",
    mattersDone: "Matters done",
    points: "Points",
    ledger: "Ledger",
    roster: "Service per volunteer",
    id: "Volunteer id",
    name: "Name",
    phone: "Phone",
    citizenId: "ID number",
    masked: "Names, phones and ID numbers are masked.",
    outside: "Volunteers living outside your scope are listed by id only.",
    asOf: (seq: number) => `As the ledger stood at entry ${seq}; built again with this entry, it gives the same figures.`,
    count: "",
    people: "",
    times: "",
    minute: "min",
    hour: "h",
    residents: "",
    matters: "",
    point: ""
  }
} as const

/**
 * Builds the 台账: `VolunteerLedger.totals` by volunteer (rows with a session standing —
 * a volunteer whose sessions were all reversed has none, and no row), then
 * `VolunteerLedger.summary` as of the same entry, and `VolunteerLedger.volunteers` for
 * the names and contact data (one audit entry when unmasked). The hours column is not
 * totalled: total hours are the summary's, from the total minutes.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (
  actor: Actor,
  options: Options
): Effect.Effect<Report.Report, LedgerReadError, VolunteerLedger> =>
  Effect.gen(function*() {
    const o = yield* Heading.options(OptionsSchema, options)
    // The model's period runs to the day after `to`, which 9999-12-31 has not; at most ten years, as every report's.
    if (o.to >= "9999-12-31") {
      return yield* new ValidationError({ field: "options.to", rule: "period.length", message: "options.to: a 台账's last day comes before 9999-12-31" })
    }
    // A period ending before it begins is the ledger's to refuse (rule ledger.period).
    const problem = o.from <= o.to ? Period.problem(o.from, IsoDate.addDays(o.to, 1), "options.to") : undefined
    if (problem !== undefined) return yield* problem
    const l = labels[o.lang]
    const ledger = yield* VolunteerLedger
    const period = {
      from: o.from,
      to: o.to,
      ...(o.root === undefined ? {} : { root: o.root }),
      ...(o.rounding === undefined ? {} : { rounding: o.rounding })
    }
    const totals = yield* ledger.totals(actor, { ...period, by: ["volunteerId"], ...(o.asOfSeq === undefined ? {} : { asOfSeq: o.asOfSeq }) })
    const { asOfSeq, rounding, root } = totals
    const [summary, volunteers] = yield* Effect.all([
      ledger.summary(actor, { ...period, asOfSeq }),
      ledger.volunteers(actor, totals.data.filter((r) => r.entries > 0).map((r) => r.keys[0]!))
    ])
    const people = new Map(volunteers.map((v) => [v.id as string, v]))
    const rows = totals.data.filter((r) => r.entries > 0).map((r): ReadonlyArray<Report.Cell> => {
      const v = people.get(r.keys[0]!)
      return [r.keys[0]!, v?.name ?? null, v?.phone ?? null, v?.citizenId ?? null, r.entries, r.minutes, r.hours, r.residentsServed, r.mattersDone]
    })
    const s = summary.data
    const masked = yield* Heading.masks(actor)
    const figure = (key: string, label: string, value: number, unit: string, decimals = 0) => ({ key, label, value, unit, decimals })
    return yield* Heading.report(actor, {
      kind: "volunteer-ledger",
      title: l.title,
      lang: o.lang,
      scope: yield* Heading.scope(actor, root, totals.to),
      period: Heading.inclusive(totals.from, totals.to),
      rounding: Heading.hoursRounding(rounding, o.lang),
      masked,
      sections: [
        {
          id: "summary",
          title: l.summary,
          blocks: [{
            _tag: "Figures",
            id: "ledger-figures",
            title: l.figures,
            items: [
              figure("activities", l.activities, s.activities, l.count),
              figure("service-points", l.servicePoints, s.servicePoints, l.count),
              figure("volunteers", l.volunteers, s.volunteers, l.people),
              figure("entries", l.entries, s.entries, l.times),
              figure("minutes", l.minutes, s.minutes, l.minute),
              figure("hours", l.hours, s.hours, l.hour, rounding.decimals),
              figure("residents-served", l.residentsServed, s.residentsServed, l.residents),
              figure("matters-done", l.mattersDone, s.mattersDone, l.matters),
              figure("points", l.points, s.points, l.point)
            ]
          }]
        },
        {
          id: "ledger",
          title: l.ledger,
          blocks: [Report.table({
            id: "volunteer-ledger",
            title: l.roster,
            lang: o.lang,
            columns: [
              { key: "id", label: l.id, type: "text" },
              { key: "name", label: l.name, type: "text" },
              { key: "phone", label: l.phone, type: "text", personal: "phone" },
              { key: "citizen-id", label: l.citizenId, type: "text", personal: "citizen-id" },
              { key: "entries", label: l.entries, type: "integer", total: true },
              { key: "minutes", label: l.minutes, type: "integer", total: true },
              { key: "hours", label: l.hours, type: "decimal", decimals: rounding.decimals },
              { key: "residents-served", label: l.residentsServed, type: "integer", total: true },
              { key: "matters-done", label: l.mattersDone, type: "integer", total: true }
            ],
            rows,
            note: Heading.sentences(o.lang, masked ? l.masked : Heading.unmaskedNote[o.lang], l.outside, l.asOf(asOfSeq))
          })]
        }
      ]
    })
  })
