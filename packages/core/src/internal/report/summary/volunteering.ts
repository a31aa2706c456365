/**
 * The district summary's volunteer service section: the ledger's summary of the period
 * (activities, service points, volunteers, sessions, hours, residents served, matters
 * done), service hours per month as a line, and the period by category, by child grid
 * (the grid rollup's nodes, whose totals are the root's) and by programme (五社联动).
 * Hours are the ledger's, each from its own minutes; totals rows sum minutes.
 *
 * @internal
 */
import { hours, type Totals } from "../../../ledger/Rollup.js"
import * as Report from "../../../report/Report.js"
import { figure, labelOf, months } from "../kit.js"
import { labels } from "./labels.js"
import type * as Reads from "./reads.js"

const sumColumns = (lang: Report.Lang) => {
  const w = labels[lang].volunteering
  return [
    { key: "entries", label: w.entries, type: "integer", total: true },
    { key: "minutes", label: w.minutes, type: "integer", total: true },
    { key: "hours", label: w.hoursColumn, type: "decimal", decimals: 1 },
    { key: "residents", label: w.residents, type: "integer", total: true },
    { key: "matters", label: w.matters, type: "integer", total: true }
  ] as const
}

const sumCells = (t: Totals, hours: number): ReadonlyArray<Report.Cell> => [t.entries, t.minutes, hours, t.residentsServed, t.mattersDone]

/** The section. */
export const section = (data: Reads.LedgerData, s: Reads.Scope): Report.Section => {
  const l = labels[s.lang]
  const w = l.volunteering
  const summary = data.summary
  const byMonth = new Map(data.months.map((r) => [r.keys[0] ?? "", r.hours]))
  const periodMonths = months(s.from, s.to)
  const names = new Map(s.children.map((c) => [c.code, c.name]))
  const root = data.rollup
  const ownCounted = root.own.entries !== 0 || root.own.minutes !== 0 || root.own.residentsServed !== 0 || root.own.mattersDone !== 0
  return {
    id: "volunteering",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "volunteering-figures",
        title: w.figures,
        items: [
          figure("activities", w.activities, summary.activities, l.times),
          figure("service-points", w.servicePoints, summary.servicePoints, l.pieces),
          figure("volunteers", w.volunteers, summary.volunteers, l.persons),
          figure("entries", w.entries, summary.entries, l.times),
          figure("hours", w.hours, summary.hours, l.hoursUnit, 1),
          figure("residents", w.residents, summary.residentsServed, w.times),
          figure("matters", w.matters, summary.mattersDone, w.items)
        ]
      },
      {
        _tag: "Chart",
        id: "hours-per-month",
        title: w.perMonth,
        kind: "line",
        categories: periodMonths,
        series: [{ name: w.hours, values: periodMonths.map((m) => byMonth.get(m) ?? 0) }],
        unit: l.hoursUnit
      },
      Report.table({
        id: "volunteering-by-category",
        title: w.byCategory,
        lang: s.lang,
        columns: [{ key: "category", label: w.category, type: "text" }, ...sumColumns(s.lang)],
        rows: data.categories.map((r) => [labelOf(data.config.categories, r.keys[0] ?? "", s.lang), ...sumCells(r, r.hours)]),
        note: w.totalsNote
      }),
      Report.table({
        id: "volunteering-by-child",
        title: w.byChild,
        lang: s.lang,
        columns: [{ key: "grid", label: l.grid, type: "text" }, { key: "code", label: l.code, type: "text" }, ...sumColumns(s.lang)],
        rows: [
          ...root.children.map((c) => [names.get(c.code) ?? c.code, c.code, ...sumCells(c.totals, c.hours)]),
          // The root's own entries: their hours from their own minutes, rounded as the ledger rounds every row's.
          ...(ownCounted ? [[l.own(s.name), root.code, ...sumCells(root.own, hours(root.own.minutes))]] : [])
        ],
        note: w.totalsNote
      }),
      ...(data.programmes.length === 0 ? [] : [
        Report.table({
          id: "volunteering-by-programme",
          title: w.byProgramme,
          lang: s.lang,
          columns: [
            { key: "programme", label: w.programme, type: "text" },
            { key: "activities", label: w.activities, type: "integer" },
            { key: "entries", label: w.entries, type: "integer" },
            { key: "hours", label: w.hoursColumn, type: "decimal", decimals: 1 },
            { key: "residents", label: w.residents, type: "integer" },
            { key: "matters", label: w.matters, type: "integer" }
          ],
          rows: data.programmes.map((p) => [p.programme[s.lang], p.summary.activities, p.summary.entries, p.summary.hours, p.summary.residentsServed, p.summary.mattersDone])
        })
      ])
    ]
  }
}
