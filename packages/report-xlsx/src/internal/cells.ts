/**
 * A model's cells as worksheet values, with their number formats and how wide they
 * show. Text is always a text cell (inline, never a formula, whatever it begins with);
 * a number a number; a date or a minute a real Excel date when it is one the format can
 * hold (a real day from 1900-03-01 on), else the model's text as it is.
 */
import { IsoDate, LocalMinute, type Report } from "@jiceng/core"
import type ExcelJS from "exceljs"
import { displayWidth, xstring } from "./text.js"

/** A value as exceljs writes it. */
export type Value = ExcelJS.CellValue

/** A text cell: an inline string, so a text beginning with `=` stays text. */
export const text = (value: string): Value => ({ richText: [{ text: xstring(value) }] })

/** The earliest day Excel's serial numbers give right (it counts a 29 February 1900). */
const firstDay = "1900-03-01"

/** A `YYYY-MM-DD` day as a date Excel shows that day, or null when it is none. */
export const day = (value: string): Date | null =>
  IsoDate.isValid(value) && value >= firstDay ? new Date(`${value}T00:00:00Z`) : null

/** A `YYYY-MM-DDTHH:mm` minute as a date-time Excel shows that minute, or null. */
export const minute = (value: string): Date | null =>
  LocalMinute.isValid(value) && value >= firstDay ? new Date(`${value}:00Z`) : null

const places = (decimals: number): string => (decimals > 0 ? `.${"0".repeat(decimals)}` : "")

/** The number format of a column's numbers and dates; null for text. */
export const numberFormat = (column: Report.Column): string | null => {
  switch (column.type) {
    case "integer":
      return "#,##0"
    case "decimal":
      return `#,##0${places(column.decimals)}`
    case "percent":
      return `0${places(column.decimals)}%`
    case "date":
      return "yyyy-mm-dd"
    case "datetime":
      return "yyyy-mm-dd hh:mm"
    case "text":
      return null
  }
}

/** The format of a key figure's number. */
export const figureFormat = (decimals: number): string => `#,##0${places(decimals)}`

/** A chart's value: whole numbers with separators, others as Excel shows them. */
export const chartFormat = (value: number): string | null => (Number.isInteger(value) ? "#,##0" : null)

/** The text cell format, so what a clerk types there stays text too. */
export const textFormat = "@"

/** A model's cell under its column: the value to write. */
export const value = (column: Report.Column, cell: Report.Cell): Value => {
  if (cell === null) return null
  if (typeof cell === "number") return cell
  if (column.type === "date") return day(cell) ?? text(cell)
  if (column.type === "datetime") return minute(cell) ?? text(cell)
  return text(cell)
}

/** How wide a number shows with thousands separators and `decimals` places. */
const grouped = (value: number, decimals: number): number => {
  const digits = Math.abs(value).toFixed(decimals)
  const point = digits.indexOf(".")
  const whole = point === -1 ? digits.length : point
  return (value < 0 ? 1 : 0) + digits.length + Math.floor((whole - 1) / 3)
}

/** How wide a number shows under a column's format. */
const numberWidth = (column: Report.Column, value: number): number => {
  switch (column.type) {
    case "integer":
      return grouped(value, 0)
    case "decimal":
      return grouped(value, column.decimals)
    case "percent":
      return (value * 100).toFixed(column.decimals).length + 1
    default:
      return String(value).length
  }
}

/** How wide a model's cell shows under its column, counting at most `cap`. */
export const width = (column: Report.Column, cell: Report.Cell, cap: number): number => {
  if (cell === null) return 0
  if (typeof cell === "number") return numberWidth(column, cell)
  if (column.type === "date" && day(cell) !== null) return 10
  if (column.type === "datetime" && minute(cell) !== null) return 16
  return displayWidth(cell, cap)
}

/** How wide a chart's value shows. */
export const chartWidth = (value: number): number => (Number.isInteger(value) ? grouped(value, 0) : String(value).length)

/** How wide a figure's value shows. */
export const figureWidth = (value: Report.Figure["value"], decimals: number, cap: number): number =>
  value === null ? 0 : typeof value === "number" ? grouped(value, decimals) : displayWidth(value, cap)
