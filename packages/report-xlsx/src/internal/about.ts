/**
 * The first worksheet, `说明` / `About`: what the report is (title, kind, region,
 * scope, period, when it was computed, its rounding, whether personal data is masked),
 * which worksheet holds which section, and how to read the workbook.
 */
import type { Report } from "@jiceng/core"
import { type Labels, period, timestamp } from "./labels.js"
import type { SheetPlan } from "./layout.js"
import { displayWidth } from "./text.js"

/** A row of the sheet: the report's title, a label and its value, the contents' header, or a note. */
export type Row =
  | { readonly _tag: "Heading"; readonly text: string }
  | { readonly _tag: "Pair"; readonly label: string; readonly value: string }
  | { readonly _tag: "Header"; readonly cells: readonly [string, string] }
  | { readonly _tag: "Note"; readonly text: string }
  | { readonly _tag: "Blank" }

const blank: Row = { _tag: "Blank" }

/** The sheet's rows, in order. */
export const rows = (report: Report.Report, labels: Labels, sheets: ReadonlyArray<SheetPlan>): ReadonlyArray<Row> => {
  const pair = (label: string, value: string): Row => ({ _tag: "Pair", label, value })
  return [
    { _tag: "Heading", text: report.title },
    blank,
    pair(labels.title, report.title),
    pair(labels.kind, report.kind),
    pair(labels.tenant, report.tenant),
    pair(labels.scope, labels.scopeOf(report.scope.name, report.scope.gridCode)),
    pair(labels.period, period(report.lang, report.period)),
    pair(labels.generatedAt, timestamp(report.generatedAt)),
    pair(labels.rounding, report.rounding),
    pair(labels.personal, report.masked ? labels.masked : labels.unmasked),
    blank,
    { _tag: "Header", cells: [labels.sheet, labels.section] },
    ...sheets.map((sheet) => pair(sheet.name, sheet.section.title)),
    blank,
    ...labels.notes.map((text): Row => ({ _tag: "Note", text }))
  ]
}

/** The widths of its two columns: labels and sheet names; values, within `cap` (they wrap). */
export const widths = (rows: ReadonlyArray<Row>, cap: number): readonly [number, number] => {
  let label = 0
  let value = 0
  for (const row of rows) {
    if (row._tag === "Pair") {
      label = Math.max(label, displayWidth(row.label, cap))
      value = Math.max(value, displayWidth(row.value, cap))
    } else if (row._tag === "Header") {
      label = Math.max(label, displayWidth(row.cells[0], cap))
      value = Math.max(value, displayWidth(row.cells[1], cap))
    }
  }
  return [Math.min(cap, label + 2), Math.min(cap, Math.max(value + 2, 40))]
}
