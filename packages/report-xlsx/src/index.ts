/**
 * @jiceng/report-xlsx: the XLSX 台账 report back end — a report model as an Excel
 * workbook (exceljs, streamed): an `About` sheet, one worksheet per section with
 * Chinese headers, a frozen header row, column widths from the content, number and
 * date formats, and totals rows as `SUM` formulas whose cached results are the model's
 * totals. `Xlsx.make(options)` checks the options and gives a core `ReportBackend`.
 *
 * @since 0.7.0
 */

/**
 * The XLSX back end: `make`, the media type and the worksheet names of a report.
 *
 * @since 0.7.0
 * @category modules
 */
export * as Xlsx from "./Xlsx.js"
