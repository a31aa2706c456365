/**
 * The blocks of demand resolution, shared by `DemandResolutionReport` and the district
 * summary's demands section: the period's figures, a row per child grid (and one for the
 * root's own demands) whose totals are the subtree's, the resolution pie and the overdue
 * list. Labels in one table; no personal data (a demand shows by id, grid, category and
 * state, never its description, address or who raised it).
 *
 * @internal
 */
import * as DemandConfig from "../../demand/DemandConfig.js"
import type { GridMeasure, Overdue, Stats } from "../../demand/DemandsService.js"
import { satisfactionLabels, stateLabels } from "../../demand/DemandState.js"
import { hours } from "../../ledger/Rollup.js"
import * as Report from "../../report/Report.js"
import { figure, labelOf, percent, share } from "./kit.js"

/** The labels of the demand blocks. */
export const labels = {
  zh: {
    figures: "诉求办理概况",
    received: "受理诉求",
    resolved: "办结诉求",
    onTime: "按时办结",
    onTimeRate: "按时办结率",
    closed: "回访",
    satisfactionRate: "满意率",
    open: "期末未办结",
    overdueCount: "期末逾期未办结",
    pieces: "件",
    byChild: "各下级网格诉求办理情况",
    byChildNote: "办结：期内最后一次办结落在期内且期末仍为办结或结案；按时：办结不晚于期限；满意率 =（满意 + 基本满意）÷ 回访；未办结：期末仍在办理。合计行为各行之和，即本网格全域。",
    grid: "网格",
    code: "网格代码",
    own: (name: string) => `${name}（本级）`,
    satisfied: satisfactionLabels.satisfied.zh,
    basically: satisfactionLabels.basically.zh,
    unsatisfied: satisfactionLabels.unsatisfied.zh,
    pie: "诉求办理情况",
    pieOnTime: "按时办结",
    pieLate: "超期办结",
    pieOpen: "期末未办结",
    bar: "各下级网格受理与办结",
    overdue: "逾期未办结诉求",
    overdueNote: (asOf: string) => `截至 ${asOf}；不含诉求内容、地址与诉求人。逾期时长 = 分钟 ÷ 60，保留一位小数（四舍五入）。`,
    id: "诉求编号",
    answering: "承办网格",
    category: "类别",
    state: "状态",
    deadline: "办理期限",
    overdueHours: "逾期（小时）",
    escalatedTo: "已上报至",
    hoursUnit: "小时"
  },
  en: {
    figures: "Demands at a glance",
    received: "Demands received",
    resolved: "Demands resolved",
    onTime: "Resolved on time",
    onTimeRate: "On-time rate",
    closed: "Return visits",
    satisfactionRate: "Satisfaction rate",
    open: "Open at the period's end",
    overdueCount: "Overdue at the period's end",
    pieces: "",
    byChild: "Demands by child grid",
    byChildNote:
      "Resolved: last resolved within the period and still resolved or closed at its end; on time: resolved by the deadline; satisfaction rate = (satisfied + basically satisfied) ÷ return visits; open: still open at the end. The totals row sums the rows: the whole subtree.",
    grid: "Grid",
    code: "Grid code",
    own: (name: string) => `${name} (own)`,
    satisfied: "Satisfied",
    basically: "Basically satisfied",
    unsatisfied: "Unsatisfied",
    pie: "Demand resolution",
    pieOnTime: "Resolved on time",
    pieLate: "Resolved late",
    pieOpen: "Open at the end",
    bar: "Received and resolved by child grid",
    overdue: "Overdue open demands",
    overdueNote: (asOf: string) =>
      `As of ${asOf}; without the demand's words, address or who raised it. Hours overdue = minutes ÷ 60 to one decimal, half up.`,
    id: "Demand",
    answering: "Answering grid",
    category: "Category",
    state: "State",
    deadline: "Deadline",
    overdueHours: "Overdue (hours)",
    escalatedTo: "Escalated to",
    hoursUnit: "h"
  }
} as const

/** The period's figures of the subtree, and how many demands are overdue at its end when known. */
export const figures = (stats: Stats, lang: Report.Lang, overdue?: number): Report.Figures => {
  const w = labels[lang]
  const t = stats.total
  return {
    _tag: "Figures",
    id: "demand-figures",
    title: w.figures,
    items: [
      figure("received", w.received, t.received, w.pieces),
      figure("resolved", w.resolved, t.resolved, w.pieces),
      figure("on-time", w.onTime, t.onTime, w.pieces),
      figure("on-time-rate", w.onTimeRate, percent(t.onTimeRate), "%", 1),
      figure("closed", w.closed, t.closed, w.pieces),
      figure("satisfaction-rate", w.satisfactionRate, percent(t.satisfactionRate), "%", 1),
      figure("open", w.open, t.open, w.pieces),
      ...(overdue === undefined ? [] : [figure("overdue", w.overdueCount, overdue, w.pieces)])
    ]
  }
}

const counted = (m: GridMeasure): boolean => m.received + m.resolved + m.closed + m.open > 0

/**
 * The rows by child grid: each child the service lists, then the root's own demands
 * (those of the root grid itself) when it has any, so that the totals row is the
 * subtree's.
 */
export const rowsByChild = (stats: Stats, lang: Report.Lang): ReadonlyArray<GridMeasure & { readonly label: string }> => [
  ...stats.children.map((m) => ({ ...m, label: m.name })),
  ...(counted(stats.own) ? [{ ...stats.own, label: labels[lang].own(stats.own.name) }] : [])
]

/** A row per child grid (and the root's own), with totals. */
export const byChild = (stats: Stats, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "demands-by-child",
    title: w.byChild,
    lang,
    columns: [
      { key: "grid", label: w.grid, type: "text" },
      { key: "code", label: w.code, type: "text" },
      { key: "received", label: w.received, type: "integer", total: true },
      { key: "resolved", label: w.resolved, type: "integer", total: true },
      { key: "on-time", label: w.onTime, type: "integer", total: true },
      { key: "on-time-rate", label: w.onTimeRate, type: "percent", decimals: 1 },
      { key: "closed", label: w.closed, type: "integer", total: true },
      { key: "satisfied", label: w.satisfied, type: "integer", total: true },
      { key: "basically", label: w.basically, type: "integer", total: true },
      { key: "unsatisfied", label: w.unsatisfied, type: "integer", total: true },
      { key: "satisfaction-rate", label: w.satisfactionRate, type: "percent", decimals: 1 },
      { key: "open", label: w.open, type: "integer", total: true }
    ],
    rows: rowsByChild(stats, lang).map((m) => [
      m.label,
      m.gridCode,
      m.received,
      m.resolved,
      m.onTime,
      share(m.onTimeRate),
      m.closed,
      m.satisfaction.satisfied,
      m.satisfaction.basically,
      m.satisfaction.unsatisfied,
      share(m.satisfactionRate),
      m.open
    ]),
    note: w.byChildNote
  })
}

/** The resolution pie: resolved on time, resolved late, open at the end. */
export const pie = (stats: Stats, lang: Report.Lang): Report.Chart => {
  const w = labels[lang]
  const t = stats.total
  return {
    _tag: "Chart",
    id: "demand-resolution",
    title: w.pie,
    kind: "pie",
    categories: [w.pieOnTime, w.pieLate, w.pieOpen],
    series: [{ name: w.pie, values: [t.onTime, t.resolved - t.onTime, t.open] }],
    unit: w.pieces
  }
}

/** Received and resolved per child grid (and the root's own), as bars. */
export const bar = (stats: Stats, lang: Report.Lang): Report.Chart => {
  const w = labels[lang]
  const rows = rowsByChild(stats, lang)
  return {
    _tag: "Chart",
    id: "demands-by-child-chart",
    title: w.bar,
    kind: "bar",
    categories: rows.map((r) => r.label),
    series: [{ name: w.received, values: rows.map((r) => r.received) }, { name: w.resolved, values: rows.map((r) => r.resolved) }],
    unit: w.pieces
  }
}

/** The overdue open demands at a minute, by id, grid, category and state: nothing a resident said or is. */
export const overdueTable = (
  overdue: ReadonlyArray<Overdue>,
  asOf: string,
  config: DemandConfig.DemandConfigShape,
  lang: Report.Lang
): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "demands-overdue",
    title: w.overdue,
    lang,
    columns: [
      { key: "id", label: w.id, type: "text" },
      { key: "grid", label: w.code, type: "text" },
      { key: "answering", label: w.answering, type: "text" },
      { key: "category", label: w.category, type: "text" },
      { key: "state", label: w.state, type: "text" },
      { key: "deadline", label: w.deadline, type: "datetime" },
      { key: "overdue-hours", label: w.overdueHours, type: "decimal", decimals: 1 },
      { key: "escalated-to", label: w.escalatedTo, type: "text" }
    ],
    rows: overdue.map((o) => [
      o.id,
      o.gridCode,
      o.answering,
      labelOf(config.categories, o.category, lang),
      stateLabels[o.state][lang],
      o.deadlineAt,
      hours(o.overdueMinutes),
      o.escalatedTo.join(lang === "zh" ? "、" : ", ")
    ]),
    note: w.overdueNote(asOf.replace("T", " "))
  })
}
