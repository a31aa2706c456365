/**
 * Reading a rendered workbook back with exceljs, and the layout the back end documents
 * (docs/reports.md, "XLSX"), computed here on its own so that the tests check it rather
 * than repeat the back end's code.
 */
import { expect } from "@effect/vitest"
import { IsoDate, LocalMinute, type Report, type ReportBackend } from "@jiceng/core"
import { Effect, Stream } from "effect"
import ExcelJS from "exceljs"

/** The bytes a back end renders for a report. */
export const bytes = (backend: ReportBackend.ReportBackend, report: Report.Report): Effect.Effect<Buffer, ReportBackend.ReportError> =>
  Effect.map(Stream.runCollect(backend.render(report)), (chunks) => Buffer.concat(Array.from(chunks)))

/** A workbook read back from its bytes. */
export const load = (buffer: Buffer): Effect.Effect<ExcelJS.Workbook> =>
  Effect.promise(() => new ExcelJS.Workbook().xlsx.load(buffer as unknown as ExcelJS.Buffer))

/** A cell's value as read back: text joined from its runs, a formula as itself, null when empty. */
export type Read = string | number | Date | boolean | { readonly formula: string; readonly result: unknown } | null

export const read = (cell: ExcelJS.Cell): Read => {
  const value = cell.value
  if (value === null || value === undefined) return null
  if (typeof value === "object" && "richText" in value) return value.richText.map((run) => run.text).join("")
  // Not `value.result`: exceljs's `value` leaves out a result of 0.
  if (cell.type === ExcelJS.ValueType.Formula) return { formula: cell.formula, result: cell.result }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value
  throw new Error(`unexpected cell value ${JSON.stringify(value)} at ${cell.address}`)
}

/** A row's values, columns 1 to `width`. */
export const rowOf = (sheet: ExcelJS.Worksheet, row: number, width: number): ReadonlyArray<Read> =>
  Array.from({ length: width }, (_, i) => read(sheet.getCell(row, i + 1)))

/** The rows a block takes, title included (the documented layout). */
export const height = (block: Report.Block): number => {
  switch (block._tag) {
    case "Figures":
      return 1 + block.items.length
    case "Table":
      return 2 + block.rows.length + (block.totals === null ? 0 : 1) + (block.note === null || block.note === "" ? 0 : 1)
    case "Chart":
      return 2 + block.categories.length + (block.unit === "" ? 0 : 1)
  }
}

/** Each block of a section with the row of its title: the section's title in row 1, a blank row, blocks with a blank row between. */
export const placements = (section: Report.Section): ReadonlyArray<{ readonly block: Report.Block; readonly row: number }> => {
  let row = 3
  return section.blocks.map((block) => {
    const placed = { block, row }
    row += height(block) + 1
    return placed
  })
}

/** -0 and 0 read back alike. */
const plain = (value: unknown): unknown => (value === 0 ? 0 : value)

/** The number format a column's numbers and dates carry (docs/reports.md). */
export const formatOf = (column: Report.Column): string => {
  const places = column.decimals > 0 ? `.${"0".repeat(column.decimals)}` : ""
  switch (column.type) {
    case "integer":
      return "#,##0"
    case "decimal":
      return `#,##0${places}`
    case "percent":
      return `0${places}%`
    case "date":
      return "yyyy-mm-dd"
    case "datetime":
      return "yyyy-mm-dd hh:mm"
    case "text":
      return "@"
  }
}

/** A model's cell read back: a number as that number, a date as that date, text exactly. */
export const expectCell = (got: Read, column: Report.Column, cell: Report.Cell, where: string): void => {
  if (typeof cell === "string" && (column.type === "date" || column.type === "datetime") && got instanceof Date) {
    expect(got.toISOString().slice(0, column.type === "date" ? 10 : 16), where).toBe(cell)
    return
  }
  if (typeof cell === "string") expect(got, where).toBe(cell)
  else expect(plain(got), where).toBe(plain(cell))
}

/** A real day or minute from 1900-03-01 on, which the workbook holds as a date. */
export const isExcelDate = (column: Report.Column, cell: Report.Cell): boolean =>
  typeof cell === "string" && cell >= "1900-03-01" &&
  (column.type === "date" ? IsoDate.isValid(cell) : column.type === "datetime" && LocalMinute.isValid(cell))

const expectTable = (sheet: ExcelJS.Worksheet, table: Report.Table, row: number, where: string): void => {
  const { columns } = table
  expect(rowOf(sheet, row + 1, columns.length), `${where} header`).toEqual(columns.map((c) => c.label))
  columns.forEach((_, i) => expect(sheet.getCell(row + 1, i + 1).font?.bold, `${where} header bold`).toBe(true))
  const first = row + 2
  table.rows.forEach((cells, r) => {
    columns.forEach((column, i) => {
      const at = sheet.getCell(first + r, i + 1)
      const cell = cells[i]!
      expectCell(read(at), column, cell, `${where} ${at.address}`)
      if (cell !== null) expect(at.numFmt, `${where} ${at.address} format`).toBe(formatOf(column))
      if (isExcelDate(column, cell)) expect(read(at), `${where} ${at.address} is a date`).toBeInstanceOf(Date)
    })
  })
  if (table.totals === null) return
  const last = first + table.rows.length - 1
  const totals = first + table.rows.length
  table.totals.forEach((cell, i) => {
    const column = columns[i]!
    const at = sheet.getCell(totals, i + 1)
    expect(at.font?.bold, `${where} ${at.address} bold`).toBe(true)
    const got = read(at)
    if (column.total && typeof cell === "number" && table.rows.length > 0) {
      const letter = sheet.getColumn(i + 1).letter
      expect(got, `${where} ${at.address}`).toEqual({ formula: `SUM(${letter}${first}:${letter}${last})`, result: cell })
      // What Excel computes once a clerk edits and recalculates: the sum of the rows
      // read back, at the column's places, is the model's total.
      const scale = 10 ** (column.type === "integer" ? 0 : column.decimals)
      let sum = 0
      for (let r = first; r <= last; r++) {
        const value = read(sheet.getCell(r, i + 1))
        if (typeof value === "number") sum += value
      }
      expect(plain(Math.round(sum * scale) / scale), `${where} ${at.address} recalculated`).toBe(plain(cell))
    } else {
      expectCell(got, column, cell, `${where} ${at.address}`)
    }
  })
  if (table.note !== null && table.note !== "") expect(read(sheet.getCell(totals + 1, 1)), `${where} note`).toBe(table.note)
}

const expectFigures = (sheet: ExcelJS.Worksheet, figures: Report.Figures, row: number, where: string): void => {
  figures.items.forEach((item, k) => {
    expect(rowOf(sheet, row + 1 + k, 3), `${where} figure ${item.key}`).toEqual([item.label, plain(item.value), item.unit])
    if (typeof item.value === "number") {
      expect(sheet.getCell(row + 1 + k, 2).numFmt).toBe(item.decimals > 0 ? `#,##0.${"0".repeat(item.decimals)}` : "#,##0")
    }
  })
}

const expectChart = (sheet: ExcelJS.Worksheet, chart: Report.Chart, row: number, category: string, unit: string, where: string): void => {
  const width = chart.series.length + 1
  expect(rowOf(sheet, row + 1, width), `${where} header`).toEqual([category, ...chart.series.map((s) => s.name)])
  chart.categories.forEach((name, c) => {
    expect(rowOf(sheet, row + 2 + c, width), `${where} category ${c + 1}`).toEqual([name, ...chart.series.map((s) => plain(s.values[c]))])
  })
  if (chart.unit !== "") expect(read(sheet.getCell(row + 2 + chart.categories.length, 1)), `${where} unit`).toBe(unit)
}

/** The captions the workbook adds to a chart's data table, in a report's language. */
export const chartWords: Readonly<Record<Report.Lang, { readonly category: string; readonly unit: (unit: string) => string }>> = {
  zh: { category: "类别", unit: (unit) => `单位：${unit}` },
  en: { category: "Category", unit: (unit) => `Unit: ${unit}` }
}

/**
 * The workbook holds the report: after the `说明` / `About` sheet, one sheet per section
 * with its title in row 1 and every block where the layout puts it — each table's
 * header, cells (numbers as numbers, dates as dates, text exactly) and totals (a SUM
 * over its rows whose value is the model's total), each figure and each chart's data —
 * and the header of the first table frozen when it is within the first 20 rows.
 */
export const expectFaithful = (workbook: ExcelJS.Workbook, report: Report.Report): void => {
  expect(workbook.worksheets).toHaveLength(report.sections.length + 1)
  const words = chartWords[report.lang]
  report.sections.forEach((section, s) => {
    const sheet = workbook.worksheets[s + 1]!
    const where = `section ${section.id} (${sheet.name})`
    expect(read(sheet.getCell(1, 1)), `${where} title`).toBe(section.title)
    let frozen = 0
    for (const { block, row } of placements(section)) {
      expect(read(sheet.getCell(row, 1)), `${where} ${block.id} title`).toBe(block.title)
      switch (block._tag) {
        case "Figures":
          expectFigures(sheet, block, row, `${where} ${block.id}`)
          break
        case "Table":
          if (frozen === 0 && row + 1 <= 20) frozen = row + 1
          expectTable(sheet, block, row, `${where} ${block.id}`)
          break
        case "Chart":
          expectChart(sheet, block, row, words.category, words.unit(block.unit), `${where} ${block.id}`)
          break
      }
    }
    const views = (sheet.views ?? []).filter((view) => view.state === "frozen")
    expect(views.map((view) => (view as ExcelJS.WorksheetViewFrozen).ySplit), `${where} frozen`).toEqual(frozen === 0 ? [] : [frozen])
  })
}
