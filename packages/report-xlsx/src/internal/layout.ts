/**
 * Where everything goes, decided before the first byte: a streamed worksheet writes its
 * frozen pane and column widths ahead of its rows, so the rows each block takes, the
 * first table's header row and the widths its content needs are known first. The same
 * pass refuses what a worksheet cannot hold, naming where it is (ids, keys and row
 * numbers, never a cell's value, which may be personal data). The model has passed
 * `ReportBackend.check` (a `Report`, one cell per column, one value per category).
 */
import type { Report } from "@jiceng/core"
import { Either } from "effect"
import * as Cells from "./cells.js"
import * as SheetNames from "./sheetNames.js"
import { displayWidth, maxCellText } from "./text.js"

/** A worksheet's rows and columns at most (Excel's limits). */
export const maxRows = 1_048_576
export const maxColumns = 16_384

/** The first table's header row is frozen when it is no lower than this: a deeper pane would fill the screen. */
export const maxFrozenRow = 20

/** The narrowest column, in character widths. */
export const minWidth = 8

/** The row a section's first block starts at: its title is row 1, then a blank row. */
export const firstBlockRow = 3

/** A block and the row of its title. */
export interface Placement {
  readonly block: Report.Block
  readonly row: number
}

/** A section's worksheet. */
export interface SheetPlan {
  readonly name: string
  readonly section: Report.Section
  readonly placements: ReadonlyArray<Placement>
  /** Each column's width, from the first. */
  readonly widths: ReadonlyArray<number>
  /** The rows frozen at the top: the first table's header and all above; 0 for none. */
  readonly frozen: number
  /** How many rows it has. */
  readonly rows: number
}

/** Whether a table has a note row. */
export const hasNote = (table: Report.Table): table is Report.Table & { readonly note: string } =>
  table.note !== null && table.note !== ""

/** How many rows a block takes: its title, then its own. */
export const height = (block: Report.Block): number => {
  switch (block._tag) {
    case "Figures":
      return 1 + block.items.length
    case "Table":
      return 2 + block.rows.length + (block.totals === null ? 0 : 1) + (hasNote(block) ? 1 : 0)
    case "Chart":
      return 2 + block.categories.length + (block.unit === "" ? 0 : 1)
  }
}

/** The largest width seen per column; `cap` bounds the counting. */
class Widths {
  readonly seen: Array<number> = []
  constructor(readonly cap: number) {}
  widen(column: number, width: number): void {
    if (width > (this.seen[column] ?? 0)) this.seen[column] = width
  }
  text(column: number, text: string): void {
    this.widen(column, displayWidth(text, this.cap))
  }
  /** Two widths of padding, within `[minWidth, cap]`. */
  columns(): ReadonlyArray<number> {
    return Array.from({ length: Math.max(1, this.seen.length) }, (_, i) => Math.min(this.cap, Math.max(minWidth, (this.seen[i] ?? 0) + 2)))
  }
}

/** What a cell holds that no worksheet can: a text too long for a cell. */
const cellProblem = (cell: unknown): string | undefined =>
  typeof cell === "string" && cell.length > maxCellText
    ? `a text of ${cell.length} characters, more than a cell's ${maxCellText}`
    : undefined

/** The first problem of cells, as `where: problem`. */
const firstProblem = (where: string, cells: ReadonlyArray<unknown>): string | undefined => {
  for (const cell of cells) {
    const problem = cellProblem(cell)
    if (problem !== undefined) return `${where}: ${problem}`
  }
  return undefined
}

const scanFigures = (figures: Report.Figures, widths: Widths, where: string): string | undefined => {
  const title = firstProblem(where, [figures.title])
  if (title !== undefined) return title
  for (const item of figures.items) {
    const problem = firstProblem(`${where}, figure ${item.key}`, [item.label, item.unit, item.value])
    if (problem !== undefined) return problem
    widths.text(0, item.label)
    widths.widen(1, Cells.figureWidth(item.value, item.decimals, widths.cap))
    widths.text(2, item.unit)
  }
  return undefined
}

const scanRow = (
  table: Report.Table,
  row: ReadonlyArray<Report.Cell>,
  widths: Widths,
  where: string
): string | undefined => {
  const { columns } = table
  for (let i = 0; i < columns.length; i++) {
    const problem = cellProblem(row[i])
    if (problem !== undefined) return `${where}, column ${columns[i]!.key}: ${problem}`
    widths.widen(i, Cells.width(columns[i]!, row[i]!, widths.cap))
  }
  return undefined
}

const scanTable = (table: Report.Table, widths: Widths, where: string): string | undefined => {
  if (table.columns.length > maxColumns) return `${where}: ${table.columns.length} columns, more than a worksheet's ${maxColumns}`
  const texts = firstProblem(where, [table.title, table.note, ...table.columns.map((c) => c.label)])
  if (texts !== undefined) return texts
  table.columns.forEach((column, i) => widths.text(i, column.label))
  for (let r = 0; r < table.rows.length; r++) {
    const problem = scanRow(table, table.rows[r]!, widths, `${where}, row ${r + 1}`)
    if (problem !== undefined) return problem
  }
  return table.totals === null ? undefined : scanRow(table, table.totals, widths, `${where}, totals row`)
}

const scanChart = (chart: Report.Chart, widths: Widths, where: string): string | undefined => {
  if (chart.series.length + 1 > maxColumns) return `${where}: ${chart.series.length} series, more than a worksheet's columns`
  const texts = firstProblem(where, [chart.title, chart.unit, ...chart.categories, ...chart.series.map((s) => s.name)])
  if (texts !== undefined) return texts
  chart.categories.forEach((category) => widths.text(0, category))
  for (let s = 0; s < chart.series.length; s++) {
    const series = chart.series[s]!
    widths.text(s + 1, series.name)
    for (const value of series.values) widths.widen(s + 1, Cells.chartWidth(value))
  }
  return undefined
}

const scan = (block: Report.Block, widths: Widths, where: string): string | undefined => {
  switch (block._tag) {
    case "Figures":
      return scanFigures(block, widths, `${where}, figures ${block.id}`)
    case "Table":
      return scanTable(block, widths, `${where}, table ${block.id}`)
    case "Chart":
      return scanChart(block, widths, `${where}, chart ${block.id}`)
  }
}

/** A section's worksheet, or what it cannot hold. */
const sheet = (section: Report.Section, name: string, cap: number, category: string): Either.Either<SheetPlan, string> => {
  const where = `section ${section.id}`
  // Where each block goes first: a section too long is refused before its cells are read.
  const placements: Array<Placement> = []
  let row = firstBlockRow
  for (const block of section.blocks) {
    placements.push({ block, row })
    row += height(block) + 1
  }
  const rows = placements.length === 0 ? 1 : row - 2
  if (rows > maxRows) return Either.left(`${where}: ${rows} rows, more than a worksheet's ${maxRows}`)
  const title = firstProblem(where, [section.title])
  if (title !== undefined) return Either.left(title)
  const widths = new Widths(cap)
  for (const { block } of placements) {
    const problem = scan(block, widths, where)
    if (problem !== undefined) return Either.left(problem)
    if (block._tag === "Chart") widths.text(0, category)
  }
  const first = placements.find((placement) => placement.block._tag === "Table")
  const frozen = first !== undefined && first.row + 1 <= maxFrozenRow ? first.row + 1 : 0
  return Either.right({ name, section, placements, widths: widths.columns(), frozen, rows })
}

/** The worksheets of a report's sections after the `about` sheet, or the first thing no worksheet can hold. */
export const plan = (
  report: Report.Report,
  about: string,
  options: { readonly maxColumnWidth: number; readonly category: string }
): Either.Either<ReadonlyArray<SheetPlan>, string> => {
  const texts = firstProblem("report", [report.title, report.kind, report.tenant, report.scope.name, report.scope.gridCode, report.generatedAt, report.rounding])
  if (texts !== undefined) return Either.left(texts)
  const names = SheetNames.unique([about], report.sections.map((s) => ({ title: s.title, fallback: s.id })))
  const sheets: Array<SheetPlan> = []
  for (let i = 0; i < report.sections.length; i++) {
    const planned = sheet(report.sections[i]!, names[i]!, options.maxColumnWidth, options.category)
    if (Either.isLeft(planned)) return Either.left(planned.left)
    sheets.push(planned.right)
  }
  return Either.right(sheets)
}
