/**
 * The HTML back end: a report as one self-contained HTML5 page — all CSS inline, the
 * charts drawn to inline SVG by Apache ECharts on the server, no script and no address
 * of anything outside the page (a Content-Security-Policy forbids loading any), so it
 * opens offline, prints cleanly on A4 and can be mailed or archived as one file.
 *
 * It lays out what the model holds: the header (title, scope, period, when it was
 * generated, the rounding policy, whether personal data is masked), each section under
 * an `<h2>`, key figures as cards, tables with a head, a body and the model's totals
 * row as a foot (numbers right-aligned, formatted by the column's type), charts (bar,
 * line, funnel, pie) with their title, categories, series and unit. It computes no
 * figure, no total and no masking. Every text of the model is HTML-escaped.
 *
 * @since 0.7.0
 */
import type { Report } from "@jiceng/core"
import { ReportBackend } from "@jiceng/core"
import { Effect, Either, Stream } from "effect"
import * as Chart from "./internal/chart.js"
import * as Document from "./internal/document.js"
import { labels } from "./internal/labels.js"
import * as Options from "./internal/options.js"

/**
 * The options, all optional:
 *
 * - `chartWidth`, `chartHeight`: the size a chart is drawn at, in CSS pixels (320–2000
 *   and 200–1200; default 760 × 380); a narrower page scales it down;
 * - `fontFamily`: the CSS font stack of the page and the charts, with CJK glyphs first
 *   (default `'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang
 *   SC', sans-serif`); names, spaces, commas and single quotes only.
 *
 * @since 0.7.0
 * @category models
 */
export interface HtmlOptions {
  readonly chartWidth?: number
  readonly chartHeight?: number
  readonly fontFamily?: string
}

/**
 * The back end's name.
 *
 * @since 0.7.0
 * @category constants
 */
export const name = Options.backend

/**
 * The media type of what it writes.
 *
 * @since 0.7.0
 * @category constants
 */
export const mediaType = "text/html; charset=utf-8"

/**
 * The default font stack.
 *
 * @since 0.7.0
 * @category constants
 */
export const defaultFontFamily = Options.defaultFontFamily

const drawCharts = (report: Report.Report, options: Options.Checked): Effect.Effect<ReadonlyArray<string>, ReportBackend.ReportError> =>
  Effect.suspend(() => {
    const charts = report.sections.flatMap((s) => s.blocks.filter((b): b is Report.Chart => b._tag === "Chart"))
    const language = labels[report.lang]
    return Effect.forEach(charts, (chart, ordinal) =>
      Effect.try({
        try: () => Chart.svg(chart, ordinal, language, options),
        catch: (cause) =>
          new ReportBackend.ReportError({
            backend: name,
            message: `chart ${chart.id}: ECharts could not draw it: ${cause instanceof Error ? cause.message : String(cause)}`
          })
      }))
  })

/**
 * Builds the back end, checking its options first: an unknown option, a size out of
 * range or a font stack with other characters is a `ReportError` naming the option.
 *
 * Rendering checks the model before it writes a byte (a `Report`, one cell per column in
 * every row, one value per category in every series, one series in a funnel or a pie)
 * and draws the charts; then it streams the page, a table's rows a batch at a time.
 *
 * @since 0.7.0
 * @category constructors
 */
export const make = (options?: HtmlOptions): Effect.Effect<ReportBackend.ReportBackend, ReportBackend.ReportError> =>
  Effect.map(Options.check(options), (checked): ReportBackend.ReportBackend => {
    const encoder = new TextEncoder()
    return {
      name,
      mediaType,
      extension: "html",
      render: (report) =>
        Stream.unwrap(Effect.gen(function*() {
          const model = yield* Either.match(ReportBackend.check(name, report), { onLeft: Effect.fail, onRight: Effect.succeed })
          const svgs = yield* drawCharts(model, checked)
          const pieces = Document.pieces(model, labels[model.lang], checked, svgs)
          // One piece per pull, so a roster is encoded as the consumer reads it.
          return Stream.fromIteratorSucceed(pieces, 1).pipe(Stream.map((piece) => encoder.encode(piece)))
        }))
    }
  })
