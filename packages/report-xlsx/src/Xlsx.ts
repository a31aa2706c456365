/**
 * The XLSX 台账: a report as an Excel workbook, written with exceljs's streaming writer.
 *
 * The first worksheet, `说明` / `About`, states the report's title, scope, period,
 * generation time, rounding policy and whether personal data is masked, and lists the
 * worksheets. Then one worksheet per section, named after its title (cut to Excel's
 * 31 characters, `[ ] : * ? / \` replaced by their full-width forms, unique in the
 * workbook), with its blocks top to bottom and a blank row between:
 *
 * - key figures as rows of label, value and unit;
 * - a table as a bold header row of the model's labels, its rows, and its totals row in
 *   bold, each totalling cell a `SUM` formula over the rows whose cached result is the
 *   model's total (so the file shows the report's total before any recalculation, and
 *   stays right when a clerk edits a row), then its note;
 * - a chart as its data table (categories down, one column per series) under its
 *   title: exceljs draws no charts.
 *
 * The header row of a sheet's first table is frozen; columns are as wide as their
 * content (a CJK character counting two, capped); numbers, percentages, dates and
 * minutes carry their formats, dates being real Excel dates; text is always text — a
 * cell beginning with `=` is a string, never a formula. The back end computes nothing:
 * the totals and masked values are the model's.
 *
 * Rows are committed as they are written and each worksheet when it ends, so a
 * 100 000-row roster streams out without a workbook held in memory.
 *
 * @since 0.7.0
 */
import { type Report, ReportBackend } from "@jiceng/core"
import { Effect, Either, Stream } from "effect"
import { PassThrough } from "node:stream"
import * as About from "./internal/about.js"
import { labels } from "./internal/labels.js"
import * as Layout from "./internal/layout.js"
import * as Options from "./internal/options.js"
import * as SheetNames from "./internal/sheetNames.js"
import * as Writer from "./internal/writer.js"

/**
 * The options, all optional.
 *
 * @since 0.7.0
 * @category models
 */
export interface XlsxOptions {
  /** The back end's name, in its errors: 1–64 characters (default `xlsx`). */
  readonly name?: string | undefined
  /** The workbook's author property: 1–255 characters (default `jiceng`). */
  readonly creator?: string | undefined
  /** The widest a column is made, in character widths: 10–255 (default 60). */
  readonly maxColumnWidth?: number | undefined
  /** The zip's deflate level: 0–9 (default 6). */
  readonly compressionLevel?: number | undefined
}

/**
 * The media type of an XLSX workbook.
 *
 * @since 0.7.0
 * @category constants
 */
export const mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/**
 * The worksheet names of a report, in order: `说明` / `About` first, then one per
 * section.
 *
 * @since 0.7.0
 * @category utils
 */
export const sheetNames = (report: Report.Report): ReadonlyArray<string> => {
  const about = labels[report.lang].about
  return [about, ...SheetNames.unique([about], report.sections.map((s) => ({ title: s.title, fallback: s.id })))]
}

const failure = (backend: string, cause: unknown): ReportBackend.ReportError =>
  cause instanceof ReportBackend.ReportError
    ? cause
    : new ReportBackend.ReportError({
      backend,
      message: `the XLSX back end failed: ${cause instanceof Error ? cause.message : String(cause)}`
    })

const render = (options: Options.Checked, given: Report.Report): Stream.Stream<Uint8Array, ReportBackend.ReportError> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    // The model first (a Report, one cell per column …), then what only a workbook limits.
    const report = yield* ReportBackend.check(options.name, given)
    const words = labels[report.lang]
    const planned = yield* Effect.try({
      try: () => Layout.plan(report, words.about, { maxColumnWidth: options.maxColumnWidth, category: words.category }),
      catch: (cause) => failure(options.name, cause)
    })
    const sheets = yield* Either.mapLeft(planned, (message) => new ReportBackend.ReportError({ backend: options.name, message }))
    const about = { name: words.about, rows: About.rows(report, words, sheets) }
    const out = new PassThrough()
    // The reader sees a failure through its iterator; this keeps one that comes before
    // it starts reading from being an uncaught error.
    out.on("error", () => {})
    yield* Effect.addFinalizer(() => Effect.sync(() => out.destroy()))
    // Started when the stream is run; interrupted (the zip stopped) when it ends early.
    yield* Effect.forkScoped(
      Effect.tryPromise({
        try: (signal) => Writer.write(report, about, sheets, words, options, out, signal),
        catch: (cause) => failure(options.name, cause)
      }).pipe(Effect.catchAll((error) => Effect.sync(() => out.destroy(error))))
    )
    return Stream.fromAsyncIterable(out as AsyncIterable<Uint8Array>, (cause) => failure(options.name, cause))
  }))

/**
 * Makes the back end, checking its options first: a bad one, an unknown one, or
 * options that are no plain object is a `ReportError` naming it (`option
 * maxColumnWidth: expected an integer from 10 to 255`).
 *
 * A render fails with a `ReportError` naming where (section, block and row ids, never
 * a value) before writing anything when the model fails `ReportBackend.check` (it is no
 * `Report` — a number that is not finite, a cell of no cell type —, a table row with
 * more or fewer cells than columns, a chart series with more or fewer values than
 * categories …) or holds what a worksheet cannot: a text over 32 767 characters, a
 * section over 1 048 576 rows.
 *
 * @since 0.7.0
 * @category constructors
 */
export const make = (options?: XlsxOptions): Effect.Effect<ReportBackend.ReportBackend, ReportBackend.ReportError> =>
  Effect.map(Options.check(options), (checked) => ({
    name: checked.name,
    mediaType,
    extension: "xlsx",
    render: (report) => render(checked, report)
  }))
