/**
 * How a value of the model is shown: numbers by their column's type (thousands
 * separators, the column's places, percentages), dates and text as given. Formatting
 * rounds for display only, at the places the model declares; it computes no figure.
 */
import type { Report } from "@jiceng/core"

const formats = new Map<string, Intl.NumberFormat>()

/** A cached number format: `places` fixed places (or up to `places` when `upTo`). */
const numberFormat = (locale: string, style: "decimal" | "percent", places: number, upTo = false): Intl.NumberFormat => {
  const key = `${locale}|${style}|${places}|${upTo}`
  let format = formats.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style,
      useGrouping: true,
      minimumFractionDigits: upTo ? 0 : places,
      maximumFractionDigits: places,
      // A value that rounds to zero shows as 0, never as -0 (ES2023; Node 20 has it,
      // the ES2022 typings do not).
      signDisplay: "negative"
    } as unknown as Intl.NumberFormatOptions)
    formats.set(key, format)
  }
  return format
}

/** A number in a column of a type: integers whole, decimals at the column's places, shares as percentages. */
export const number = (locale: string, type: Report.ColumnType, decimals: number, value: number): string => {
  switch (type) {
    case "integer":
      return numberFormat(locale, "decimal", 0).format(value)
    case "decimal":
      return numberFormat(locale, "decimal", decimals).format(value)
    case "percent":
      return numberFormat(locale, "percent", decimals).format(value)
    case "text":
    case "date":
    case "datetime":
      // A number where text or a date was declared: shown as written, no separators.
      return String(value)
  }
}

/** Whether a column's numbers are right-aligned. */
export const isNumeric = (type: Report.ColumnType): boolean => type === "integer" || type === "decimal" || type === "percent"

/** A cell's text: a number formatted by its column, text as given, nothing for null. */
export const cell = (locale: string, column: Report.Column, value: Report.Cell): string =>
  value === null ? "" : typeof value === "number" ? number(locale, column.type, column.decimals, value) : value

/** A key figure's value: a number at its places with separators, text as given, a dash for none. */
export const figure = (locale: string, item: Report.Figure): string =>
  item.value === null ? "—" : typeof item.value === "number" ? numberFormat(locale, "decimal", item.decimals).format(item.value) : item.value

/** A chart's value: separators, and the places it has (up to 6). */
export const chartValue = (locale: string, value: number): string => numberFormat(locale, "decimal", 6, true).format(value)
