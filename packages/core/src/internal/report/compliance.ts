/**
 * The blocks of 三会一课 compliance, shared by `ComplianceReport` and the district
 * summary's organisations section: the period's figures (the service's summary), a row
 * per meeting kind and per organisation whose totals are the summary's, the meetings
 * missing, and a bar chart of due and held per kind. Labels in one table.
 *
 * @internal
 */
import type * as Compliance from "../../organisation/Compliance.js"
import { type MeetingKind, meetingKindLabels } from "../../organisation/Meeting.js"
import { kindLabels } from "../../organisation/Organisation.js"
import type { Frequency } from "../../organisation/OrganisationConfig.js"
import * as Report from "../../report/Report.js"
import { groupBy } from "../groupBy.js"
import { figure, percent, share, sumOf } from "./kit.js"

/** The labels of the compliance blocks. */
export const labels = {
  zh: {
    figures: "三会一课落实概况",
    due: "应开",
    held: "已开",
    missing: "缺开",
    rate: "落实率",
    times: "次",
    byKind: "按会议类型",
    byKindNote: "应开：组织在该时段每天都存在（需支委会的会议还须已设支委会）的日历时段；已开：时段内开过该类会议；落实率 = 已开 ÷ 应开。合计行为各行之和，即全部组织。",
    meeting: "会议",
    frequency: "频次",
    frequencies: { month: "每月", quarter: "每季度", half_year: "每半年", year: "每年" } satisfies Record<Frequency, string>,
    byOrganisation: "按党组织",
    organisation: "党组织",
    kind: "类型",
    missingList: "缺开的会议",
    slot: "时段",
    reason: "说明",
    chart: "各类会议应开与已开"
  },
  en: {
    figures: "三会一课 at a glance",
    due: "Due",
    held: "Held",
    missing: "Missing",
    rate: "Rate",
    times: "",
    byKind: "By meeting kind",
    byKindNote:
      "Due: calendar slots the organisation existed on every day of (and, for a meeting that needs one, had its branch committee); held: a meeting of the kind fell in the slot; rate = held ÷ due. The totals row sums the rows: every organisation.",
    meeting: "Meeting",
    frequency: "Frequency",
    frequencies: { month: "monthly", quarter: "quarterly", half_year: "half-yearly", year: "yearly" } satisfies Record<Frequency, string>,
    byOrganisation: "By organisation",
    organisation: "Organisation",
    kind: "Kind",
    missingList: "Meetings missing",
    slot: "Slot",
    reason: "Why",
    chart: "Meetings due and held by kind"
  }
} as const

/** The summary's figures: due, held, missing and the rate. */
export const figures = (report: Compliance.Report, lang: Report.Lang, id = "compliance-figures"): Report.Figures => {
  const w = labels[lang]
  const s = report.summary
  return {
    _tag: "Figures",
    id,
    title: w.figures,
    items: [
      figure("due", w.due, s.due, w.times),
      figure("held", w.held, s.held, w.times),
      figure("missing", w.missing, s.missing, w.times),
      figure("rate", w.rate, percent(s.rate), "%", 1)
    ]
  }
}

interface Counts {
  readonly due: number
  readonly held: number
  readonly missing: number
}

const counts = (kinds: ReadonlyArray<Compliance.KindCompliance>): Counts => ({
  due: sumOf(kinds, (k) => k.due.length),
  held: sumOf(kinds, (k) => k.held.length),
  missing: sumOf(kinds, (k) => k.missing.length)
})

const countColumns = (lang: Report.Lang) => {
  const w = labels[lang]
  return [
    { key: "due", label: w.due, type: "integer", total: true },
    { key: "held", label: w.held, type: "integer", total: true },
    { key: "missing", label: w.missing, type: "integer", total: true },
    { key: "rate", label: w.rate, type: "percent", decimals: 1 }
  ] as const
}

const countCells = (c: Counts): ReadonlyArray<Report.Cell> => [c.due, c.held, c.missing, c.due === 0 ? null : share(c.held / c.due)]

/** Per meeting kind (in the order of the organisations' records), over every organisation. */
export const perKind = (report: Compliance.Report): ReadonlyArray<{ readonly kind: MeetingKind; readonly frequency: Frequency } & Counts> => {
  const byKind = groupBy(report.organisations.flatMap((o) => o.meetings), (k) => k.meetingKind)
  return [...byKind].map(([kind, list]) => ({ kind: kind as MeetingKind, frequency: list[0]!.frequency, ...counts(list) }))
}

/** A row per meeting kind, with totals (the summary's due, held and missing). */
export const byKind = (report: Compliance.Report, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "compliance-by-kind",
    title: w.byKind,
    lang,
    columns: [
      { key: "meeting", label: w.meeting, type: "text" },
      { key: "frequency", label: w.frequency, type: "text" },
      ...countColumns(lang)
    ],
    rows: perKind(report).map((k) => [meetingKindLabels[k.kind][lang], w.frequencies[k.frequency], ...countCells(k)]),
    note: w.byKindNote
  })
}

/** A row per organisation, with totals (the summary's due, held and missing). */
export const byOrganisation = (report: Compliance.Report, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "compliance-by-organisation",
    title: w.byOrganisation,
    lang,
    columns: [
      { key: "organisation", label: w.organisation, type: "text" },
      { key: "kind", label: w.kind, type: "text" },
      ...countColumns(lang)
    ],
    rows: report.organisations.map((o) => [o.name, kindLabels[o.kind][lang], ...countCells(counts(o.meetings))])
  })
}

/** The meetings owed and not held, with the service's reason. */
export const missingTable = (report: Compliance.Report, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "compliance-missing",
    title: w.missingList,
    lang,
    columns: [
      { key: "organisation", label: w.organisation, type: "text" },
      { key: "meeting", label: w.meeting, type: "text" },
      { key: "slot", label: w.slot, type: "text" },
      { key: "reason", label: w.reason, type: "text" }
    ],
    rows: report.missing.map((m) => [m.name, meetingKindLabels[m.meetingKind][lang], m.slot.label, m.reason[lang]])
  })
}

/** Due and held per meeting kind, as bars. */
export const chart = (report: Compliance.Report, lang: Report.Lang): Report.Chart => {
  const w = labels[lang]
  const kinds = perKind(report)
  return {
    _tag: "Chart",
    id: "compliance-chart",
    title: w.chart,
    kind: "bar",
    categories: kinds.map((k) => meetingKindLabels[k.kind][lang]),
    series: [{ name: w.due, values: kinds.map((k) => k.due) }, { name: w.held, values: kinds.map((k) => k.held) }],
    unit: w.times
  }
}
