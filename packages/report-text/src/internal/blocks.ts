/**
 * A report's blocks as the grids of cells both text formats lay out: a table as it is,
 * key figures as an item/value/unit table, a chart as categories × series. Only the
 * column headings a format adds (`项目`, `数值` …) are the back end's own words.
 */
import type { Report } from "@jiceng/core"

/** What a column holds: a model column's type, or `number` for a number shown as held. */
export type Type = Report.ColumnType | "number"

/** A column of a grid. */
export interface Column {
  readonly label: string
  readonly type: Type
  readonly decimals: number
}

/** A block of a section, as a grid. */
export interface Grid {
  readonly section: Report.Section
  readonly block: Report.Block
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<ReadonlyArray<Report.Cell>>
  readonly totals: ReadonlyArray<Report.Cell> | null
}

/** The column headings the formats add, in each language. */
export const labels: Readonly<Record<Report.Lang, { readonly item: string; readonly value: string; readonly unit: string; readonly category: string }>> = {
  zh: { item: "项目", value: "数值", unit: "单位", category: "类别" },
  en: { item: "Item", value: "Value", unit: "Unit", category: "Category" }
}

const text = (label: string): Column => ({ label, type: "text", decimals: 0 })

/** A block as a grid, with the headings of a language. */
export const grid = (section: Report.Section, block: Report.Block, lang: Report.Lang): Grid => {
  switch (block._tag) {
    case "Table":
      return { section, block, columns: block.columns, rows: block.rows, totals: block.totals }
    case "Figures":
      return {
        section,
        block,
        columns: [text(labels[lang].item), { label: labels[lang].value, type: "number", decimals: 0 }, text(labels[lang].unit)],
        rows: block.items.map((item) => [item.label, item.value, item.unit]),
        totals: null
      }
    case "Chart":
      return {
        section,
        block,
        columns: [text(labels[lang].category), ...block.series.map((s): Column => ({ label: s.name, type: "number", decimals: 0 }))],
        rows: block.categories.map((category, k) => [category, ...block.series.map((s) => s.values[k] ?? null)]),
        totals: null
      }
  }
}

/** Every block of a report in order, with its section. */
export function* all(report: Report.Report): Generator<readonly [Report.Section, Report.Block]> {
  for (const section of report.sections) {
    for (const block of section.blocks) yield [section, block]
  }
}
