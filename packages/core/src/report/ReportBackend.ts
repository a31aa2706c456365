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
import { Either, ParseResult, Schema } from "effect"
import type { Stream } from "effect"
import * as Report from "./Report.js"

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
  readonly render: (report: Report.Report) => Stream.Stream<Uint8Array, ReportError>
}

const validate = Schema.validateEither(Report.Report)

/** What a value should have been, from the issues at one path (never the value, which may be personal data). */
const expected = (issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>): string => {
  const path = issues[0]!.path
  const same = issues.filter((issue) => issue.path.length === path.length && issue.path.every((k, i) => k === path[i]))
  const wanted = same.map((issue) => issue.message.split("\n")[0]!.replace(/, actual [\s\S]*$/, "").replace(/^Expected /, ""))
  return `expected ${Array.from(new Set(wanted)).join(" or ")}`
}

const where = (s: number, b: number, block: Report.Block) => `sections.${s}.blocks.${b} (${block._tag.toLowerCase()} ${block.id})`

const tableProblem = (table: Report.Table): string | null => {
  const width = table.columns.length
  const uneven = table.rows.findIndex((cells) => cells.length !== width)
  if (uneven >= 0) return `row ${uneven + 1} has ${table.rows[uneven]!.length} cells for ${width} columns`
  if (table.totals !== null && table.totals.length !== width) return `the totals row has ${table.totals.length} cells for ${width} columns`
  return null
}

const chartProblem = (chart: Report.Chart): string | null => {
  if ((chart.kind === "funnel" || chart.kind === "pie") && chart.series.length !== 1) {
    return `a ${chart.kind} has one series, not ${chart.series.length}`
  }
  const uneven = chart.series.findIndex((s) => s.values.length !== chart.categories.length)
  if (uneven >= 0) return `series ${uneven + 1} has ${chart.series[uneven]!.values.length} values for ${chart.categories.length} categories`
  return null
}

/**
 * Checks a model before a back end writes its first byte, as every back end must: the
 * model is a `Report` (its schema: every cell text, a finite number or null, every
 * label within its length …), every row and the totals row have one cell per column,
 * every series one value per category, and a funnel or a pie exactly one series.
 *
 * Gives the model as the schema reads it — a copy of plain values, so a model built by
 * hand with getters is read once, here — or a `ReportError` of `backend` naming where
 * (`sections.1.blocks.2 (table roster): row 3 has 5 cells for 6 columns`), never a
 * value, which may be personal data. A model that throws when read (a getter) is a
 * `ReportError` too, never a defect.
 *
 * A back end checks what only its format limits (a cell's length, a sheet's rows) after it.
 *
 * @since 0.7.0
 * @category checks
 */
export const check = (backend: string, report: Report.Report): Either.Either<Report.Report, ReportError> => {
  const refuse = (message: string) => Either.left(new ReportError({ backend, message }))
  try {
    const valid = validate(report)
    if (Either.isLeft(valid)) {
      const issues = ParseResult.ArrayFormatter.formatErrorSync(valid.left)
      if (issues.length === 0) return refuse("the model is not a Report")
      return refuse(`the model is not a Report: ${issues[0]!.path.join(".") || "(root)"}: ${expected(issues)}`)
    }
    const model = valid.right
    for (const [s, section] of model.sections.entries()) {
      for (const [b, block] of section.blocks.entries()) {
        const problem = block._tag === "Table" ? tableProblem(block) : block._tag === "Chart" ? chartProblem(block) : null
        if (problem !== null) return refuse(`${where(s, b, block)}: ${problem}`)
      }
    }
    return Either.right(model)
  } catch (cause) {
    return refuse(`the model could not be read: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/**
 * A refusal of a back end's option, naming it: `option chartWidth: …`.
 *
 * @since 0.7.0
 * @category checks
 */
export const optionError = (backend: string, option: string, message: string): ReportError =>
  new ReportError({ backend, message: `option ${option}: ${message}` })

/**
 * A back end's options read once, as its `make` checks them: nothing (`undefined`), or
 * a plain object whose own keys are all among `known`. Gives a record of plain values
 * (each option read once, so a getter runs here and nowhere else), or a `ReportError`
 * naming the option: an array or another kind of value, an object of a class, an
 * unknown key (`__proto__` and symbols included), a getter or proxy that throws.
 *
 * @since 0.7.0
 * @category checks
 */
export const options = (
  backend: string,
  given: unknown,
  known: ReadonlyArray<string>
): Either.Either<Readonly<Record<string, unknown>>, ReportError> => {
  if (given === undefined) return Either.right({})
  let reading = "options"
  try {
    const prototype = typeof given === "object" && given !== null ? Object.getPrototypeOf(given) : undefined
    if (prototype !== Object.prototype && prototype !== null) {
      return Either.left(optionError(backend, "options", `expected a plain object of the options ${known.join(", ")}`))
    }
    const read: Record<string, unknown> = Object.create(null)
    for (const key of Reflect.ownKeys(given as object)) {
      if (typeof key !== "string" || !known.includes(key)) {
        return Either.left(optionError(backend, String(key), `unknown (the options are ${known.join(", ")})`))
      }
      reading = key
      read[key] = (given as Record<string, unknown>)[key]
    }
    return Either.right(read)
  } catch (cause) {
    return Either.left(optionError(backend, reading, `could not be read: ${cause instanceof Error ? cause.message : String(cause)}`))
  }
}

/**
 * When a report was generated, as every back end shows it: `2025-01-02T09:00:00+08:00`
 * as `2025-01-02 09:00:00 +08:00` (fractions of a second left out, `Z` as `UTC`); any
 * other text as it is.
 *
 * @since 0.7.0
 * @category formatting
 */
export const timestamp = (generatedAt: string): string => {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(generatedAt)
  return m === null ? generatedAt : `${m[1]} ${m[2]} ${m[3] === "Z" ? "UTC" : m[3]}`
}

/** The characters no document may hold (astral noncharacters: a code point ending in FFFE or FFFF). */
const forbidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g

/**
 * Text with every character a text document may not hold shown as U+FFFD REPLACEMENT
 * CHARACTER, one for each: U+0000, the other C0 controls but TAB, LF and CR, DEL and the
 * C1 controls, and the noncharacters (U+FDD0–U+FDEF and the last two code points of
 * every plane). An HTML parser reports each as an error, an XML reader fails on it, and
 * Markdown renderers differ on them; an unpaired surrogate becomes U+FFFD when the text
 * is encoded as UTF-8.
 *
 * @since 0.7.0
 * @category formatting
 */
export const printable = (text: string): string => text.replace(forbidden, "\uFFFD")
