/**
 * A report back end: a report model in, bytes out. Each format lives in its own
 * package (`@jiceng/report-xlsx`, `@jiceng/report-html`, `@jiceng/report-text`); each
 * implements this interface, so an application picks formats as data and a new format
 * is one more implementation (docs/reports.md, "Writing a back end").
 *
 * A back end renders what the model holds and computes nothing: the figures, totals and
 * masking are the model's. It renders as a stream of bytes, so a large roster is written
 * as it is produced rather than held whole.
 *
 * @since 0.7.0
 */
import { Schema } from "effect"
import type { Stream } from "effect"
import type { Report } from "./Report.js"

/**
 * A report that could not be rendered: the back end, and what went wrong (a model the
 * format cannot hold, the writer failing).
 *
 * @since 0.7.0
 * @category errors
 */
export class ReportError extends Schema.TaggedError<ReportError>("@jiceng/core/ReportError")("ReportError", {
  backend: Schema.String,
  message: Schema.String
}) {}

/**
 * A back end.
 *
 * @since 0.7.0
 * @category models
 */
export interface ReportBackend {
  /** Its name: `xlsx`, `html`, `csv`, `markdown` … */
  readonly name: string
  /** The media type of what it writes (`text/csv; charset=utf-8` …). */
  readonly mediaType: string
  /** The file name extension, without the dot (`xlsx`, `html`, `csv`, `md`). */
  readonly extension: string
  /** Renders a report as a stream of bytes. */
  readonly render: (report: Report) => Stream.Stream<Uint8Array, ReportError>
}
