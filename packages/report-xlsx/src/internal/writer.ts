/**
 * Writes a planned report through exceljs's streaming `WorkbookWriter` into a Node
 * stream: each row is committed as it is written and each worksheet when it ends, so
 * a sheet's XML goes out as it is made and no workbook is held. exceljs hands a
 * sheet's XML to the zip without backpressure; every `checkEvery` rows the writer waits
 * while more than `maxQueuedBytes` of it are queued, so memory stays bounded when the
 * reader of the bytes is slower than the writer.
 */
import type { Report } from "@jiceng/core"
import ExcelJS from "exceljs"
import type { Writable } from "node:stream"
import { setImmediate, setTimeout } from "node:timers/promises"
import * as About from "./about.js"
import * as Cells from "./cells.js"
import type { Labels } from "./labels.js"
import { hasNote, type Placement, type SheetPlan } from "./layout.js"
import { xstring } from "./text.js"

/** What the writer needs besides the report. */
export interface Settings {
  readonly creator: string
  readonly compressionLevel: number
  readonly maxColumnWidth: number
}

/** Rows written between two looks at the zip's queue. */
const checkEvery = 128

/** The most of a sheet's XML left queued for the zip before the writer waits. */
const maxQueuedBytes = 1 << 20

/** How long the writer waits before it looks at the queue again. */
const waitMs = 5

type Style = Partial<ExcelJS.Style>

const font: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, scheme: "minor", size: 11, color: { theme: 1 } }
const bold: Partial<ExcelJS.Font> = { ...font, bold: true }

const fixed = {
  heading: { font: { ...bold, size: 14 } },
  title: { font: { ...bold, size: 12 } },
  header: {
    font: bold,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } },
    border: { bottom: { style: "thin" } },
    numFmt: Cells.textFormat
  },
  label: { font: bold, numFmt: Cells.textFormat, alignment: { vertical: "top" } },
  value: { numFmt: Cells.textFormat, alignment: { wrapText: true, vertical: "top" } },
  note: { font: { ...font, italic: true }, numFmt: Cells.textFormat }
} satisfies Record<string, Style>

/**
 * The styles of one workbook, one object per kind, so exceljs finds each style by
 * identity rather than comparing it cell by cell.
 */
class Styles {
  private readonly cache = new Map<string, Style>()
  private get(key: string, make: () => Style): Style {
    let style = this.cache.get(key)
    if (style === undefined) {
      style = make()
      this.cache.set(key, style)
    }
    return style
  }
  /** A data cell in a format; text that breaks lines wraps. */
  data(numFmt: string, wrap = false): Style {
    return this.get(`data:${wrap}:${numFmt}`, () => (wrap ? { numFmt, alignment: { wrapText: true, vertical: "top" } } : { numFmt }))
  }
  /** A totals row cell in a format. */
  total(numFmt: string): Style {
    return this.get(`total:${numFmt}`, () => ({ numFmt, font: bold, border: { top: { style: "thin" } } }))
  }
}

/**
 * The stream the zip reads a sheet's XML from (archiver's PassThrough, of the
 * readable-stream package, which has not every getter Node's streams have).
 */
interface Queue {
  readonly writableLength?: number
  readonly readableLength?: number
  readonly _writableState?: { readonly length?: number }
  readonly _readableState?: { readonly length?: number }
}

/** The internals the writer looks at for backpressure: a sheet's XML stream and where it is queued for the zip. */
interface Internals {
  readonly stream?: { readonly pipes?: ReadonlyArray<Queue> }
}

/** The bytes a queue holds, written and not yet read. */
const held = (queue: Queue): number =>
  (queue.writableLength ?? queue._writableState?.length ?? 0) + (queue.readableLength ?? queue._readableState?.length ?? 0)

/** Rows of one worksheet, committed as they are added. */
class Rows {
  private count = 0
  constructor(private readonly sheet: ExcelJS.Worksheet, private readonly signal: AbortSignal) {}

  /** The number of the next row. */
  get next(): number {
    return this.count + 1
  }

  /** A new row; fill it, then `commit` it. */
  add(): ExcelJS.Row {
    this.count++
    return this.sheet.addRow([])
  }

  /** Writes the row out; every `checkEvery` rows, waits for the zip to take what is queued. */
  async commit(row: ExcelJS.Row): Promise<void> {
    row.commit()
    if (this.count % checkEvery === 0) await this.settle()
  }

  /** Blank rows up to (not including) `row`. */
  async skipTo(row: number): Promise<void> {
    if (row < this.next) throw new Error(`layout: row ${row} is already written (next ${this.next})`)
    while (this.next < row) await this.commit(this.add())
  }

  /**
   * Lets the zip take what is queued: waits while more than `maxQueuedBytes` of this
   * sheet's XML wait for it (the reader of the bytes is slower than the writer), else
   * yields once so the zip and the reader run.
   */
  private async settle(): Promise<void> {
    const queue = (this.sheet as unknown as Internals).stream?.pipes?.[0]
    const options = { signal: this.signal }
    await setImmediate(undefined, options)
    while (queue !== undefined && held(queue) > maxQueuedBytes) await setTimeout(waitMs, undefined, options)
  }
}

/** Puts a value in a cell (1-based column), with a style; nothing for an empty cell without one. */
const put = (row: ExcelJS.Row, column: number, value: Cells.Value, style?: Style): void => {
  if ((value === null || value === undefined) && style === undefined) return
  const cell = row.getCell(column)
  cell.value = value
  if (style !== undefined) cell.style = style
}

/** A row of text cells in one style. */
const textRow = async (rows: Rows, texts: ReadonlyArray<string>, style: Style): Promise<void> => {
  const row = rows.add()
  texts.forEach((text, i) => put(row, i + 1, Cells.text(text), style))
  await rows.commit(row)
}

/** Excel's name of a column (1 → A, 27 → AA). */
const letters = (column: number): string => {
  let name = ""
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

const writeFigures = async (rows: Rows, figures: Report.Figures, styles: Styles): Promise<void> => {
  await textRow(rows, [figures.title], fixed.title)
  for (const item of figures.items) {
    const row = rows.add()
    put(row, 1, Cells.text(item.label), styles.data(Cells.textFormat))
    if (typeof item.value === "number") put(row, 2, item.value, styles.data(Cells.figureFormat(item.decimals)))
    else if (item.value !== null) put(row, 2, Cells.text(item.value), styles.data(Cells.textFormat))
    put(row, 3, Cells.text(item.unit), styles.data(Cells.textFormat))
    await rows.commit(row)
  }
}

/** A column's styles: its format, and with wrapping for text that breaks lines. */
interface ColumnStyles {
  readonly plain: Style
  readonly wrap: Style
}

/** A row of a table: each cell under its column's format; text that breaks lines wraps. */
const tableRow = (row: ExcelJS.Row, columns: ReadonlyArray<Report.Column>, cells: ReadonlyArray<Report.Cell>, styles: ReadonlyArray<ColumnStyles>): void => {
  for (let i = 0; i < columns.length; i++) {
    const cell = cells[i] ?? null
    if (cell === null) continue
    const style = typeof cell === "string" && cell.includes("\n") ? styles[i]!.wrap : styles[i]!.plain
    put(row, i + 1, Cells.value(columns[i]!, cell), style)
  }
}

const writeTable = async (rows: Rows, table: Report.Table, styles: Styles): Promise<void> => {
  const { columns } = table
  const formats = columns.map((column) => Cells.numberFormat(column) ?? Cells.textFormat)
  const columnStyles = formats.map((format) => ({ plain: styles.data(format), wrap: styles.data(format, true) }))
  await textRow(rows, [table.title], fixed.title)
  await textRow(rows, columns.map((column) => column.label), fixed.header)
  const first = rows.next
  for (const cells of table.rows) {
    const row = rows.add()
    tableRow(row, columns, cells, columnStyles)
    await rows.commit(row)
  }
  const last = rows.next - 1
  if (table.totals !== null) {
    const row = rows.add()
    table.totals.forEach((cell, i) => {
      const style = styles.total(formats[i]!)
      // The model's total is the cached result: shown before any recalculation, and
      // the formula keeps it right when a row is edited.
      if (columns[i]!.total && typeof cell === "number" && last >= first) {
        const column = letters(i + 1)
        put(row, i + 1, { formula: `SUM(${column}${first}:${column}${last})`, result: cell }, style)
      } else {
        put(row, i + 1, Cells.value(columns[i]!, cell), style)
      }
    })
    await rows.commit(row)
  }
  if (hasNote(table)) await textRow(rows, [table.note], fixed.note)
}

const writeChart = async (rows: Rows, chart: Report.Chart, styles: Styles, labels: Labels): Promise<void> => {
  await textRow(rows, [chart.title], fixed.title)
  await textRow(rows, [labels.category, ...chart.series.map((series) => series.name)], fixed.header)
  for (let c = 0; c < chart.categories.length; c++) {
    const row = rows.add()
    put(row, 1, Cells.text(chart.categories[c]!), styles.data(Cells.textFormat))
    chart.series.forEach((series, s) => {
      const value = series.values[c]!
      put(row, s + 2, value, styles.data(Cells.chartFormat(value) ?? "General"))
    })
    await rows.commit(row)
  }
  if (chart.unit !== "") await textRow(rows, [labels.unit(chart.unit)], fixed.note)
}

const writeBlock = (rows: Rows, placement: Placement, styles: Styles, labels: Labels): Promise<void> => {
  const { block } = placement
  switch (block._tag) {
    case "Figures":
      return writeFigures(rows, block, styles)
    case "Table":
      return writeTable(rows, block, styles)
    case "Chart":
      return writeChart(rows, block, styles, labels)
  }
}

/**
 * The width of a column not listed: exceljs leaves out columns of width 9, taking it
 * as the default, so the sheet says so.
 */
const properties: Partial<ExcelJS.WorksheetProperties> = { defaultColWidth: 9 }

/** Printed on A4 landscape, as wide as one page. */
const pageSetup: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }

const writeSection = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, plan: SheetPlan, labels: Labels, signal: AbortSignal): Promise<void> => {
  const sheet = workbook.addWorksheet(plan.name, {
    views: plan.frozen > 0 ? [{ state: "frozen", xSplit: 0, ySplit: plan.frozen }] : [],
    pageSetup,
    properties
  })
  sheet.columns = plan.widths.map((width) => ({ width }))
  const styles = new Styles()
  const rows = new Rows(sheet, signal)
  await textRow(rows, [plan.section.title], fixed.heading)
  for (const placement of plan.placements) {
    await rows.skipTo(placement.row)
    await writeBlock(rows, placement, styles, labels)
  }
  if (rows.next - 1 !== plan.rows) throw new Error(`layout: section ${plan.section.id} took ${rows.next - 1} rows, planned ${plan.rows}`)
  sheet.commit()
}

const writeAbout = async (
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  content: ReadonlyArray<About.Row>,
  maxColumnWidth: number,
  signal: AbortSignal
): Promise<void> => {
  const sheet = workbook.addWorksheet(name, { pageSetup: { ...pageSetup, orientation: "portrait" }, properties })
  sheet.columns = About.widths(content, maxColumnWidth).map((width) => ({ width }))
  const rows = new Rows(sheet, signal)
  for (const line of content) {
    switch (line._tag) {
      case "Heading":
        await textRow(rows, [line.text], fixed.heading)
        break
      case "Pair": {
        const row = rows.add()
        put(row, 1, Cells.text(line.label), fixed.label)
        put(row, 2, Cells.text(line.value), fixed.value)
        await rows.commit(row)
        break
      }
      case "Header":
        await textRow(rows, line.cells, fixed.header)
        break
      case "Note":
        await textRow(rows, [line.text], fixed.note)
        break
      case "Blank":
        await rows.commit(rows.add())
        break
    }
  }
  sheet.commit()
}

/** The workbook properties' time: when the report was computed, else now. */
const created = (generatedAt: string): Date => {
  const at = new Date(generatedAt)
  return Number.isNaN(at.getTime()) ? new Date() : at
}

/** The zip inside the writer, to stop it when the reader goes away. */
interface Zip {
  readonly abort: () => void
  readonly unpipe: (destination: Writable) => void
  readonly on: (event: "error", listener: (error: unknown) => void) => void
}

/**
 * Writes the workbook to `out`, ending it; a failure or `signal` stops the zip and
 * destroys `out` (with the failure, so its reader sees it).
 */
export const write = async (
  report: Report.Report,
  about: { readonly name: string; readonly rows: ReadonlyArray<About.Row> },
  sheets: ReadonlyArray<SheetPlan>,
  labels: Labels,
  settings: Settings,
  out: Writable,
  signal: AbortSignal
): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: settings.compressionLevel } }
  })
  const zip = (workbook as unknown as { readonly zip: Zip }).zip
  const stop = (error?: unknown) => {
    zip.unpipe(out)
    zip.abort()
    out.destroy(error instanceof Error ? error : error === undefined ? undefined : new Error(String(error)))
  }
  zip.on("error", stop)
  const onAbort = () => stop()
  signal.addEventListener("abort", onAbort, { once: true })
  try {
    workbook.creator = settings.creator
    workbook.lastModifiedBy = settings.creator
    workbook.created = created(report.generatedAt)
    workbook.modified = workbook.created
    // Written as cells are: a character XML cannot carry as its `_xHHHH_` escape.
    workbook.title = xstring(report.title)
    await writeAbout(workbook, about.name, about.rows, settings.maxColumnWidth, signal)
    for (const sheet of sheets) await writeSection(workbook, sheet, labels, signal)
    await workbook.commit()
  } catch (error) {
    if (!signal.aborted) stop(error)
    throw error
  } finally {
    signal.removeEventListener("abort", onAbort)
  }
}
