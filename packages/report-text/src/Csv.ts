/**
 * The CSV back end: RFC 4180 text that Excel opens with its Chinese intact, safe to
 * open in a spreadsheet.
 *
 * - It starts with the UTF-8 byte order mark (EF BB BF), without which Excel reads the
 *   file in the system's code page and garbles Chinese; lines end in CRLF; a field
 *   holding `,`, `"`, CR or LF is quoted, its quotes doubled.
 * - A number cell is a plain number: no thousands separators, no padding to the
 *   column's places, no exponent (`1200.5`, `-5`, `0.0000001`), exactly the model's value;
 *   a `percent` column holds the share (`0.123` for 12.3 %), not a percentage. A `date`
 *   is `YYYY-MM-DD`, a `datetime` `YYYY-MM-DD HH:mm`; an empty cell is an empty field.
 * - Formula injection (OWASP, "CSV Injection"): a text field whose first character but
 *   white space and apostrophes is `=`, `+`, `-`, `@` or their full-width forms `＝`,
 *   `＋`, `－`, `＠` — or that begins with TAB or CR, after apostrophes or not — gets a
 *   leading `'`, so no spreadsheet evaluates it; `restore` takes it off again. Number
 *   cells are never text, so `-5` stays a number.
 *
 * With the option `table`, the file is that block alone: its header, its rows and its
 * totals row. Without it, every block of the report in order, each preceded by a row
 * naming its section and its title and followed by an empty row; key figures are an
 * item/value/unit table and a chart its categories × series. `files` gives one file per
 * block instead.
 *
 * @since 0.7.0
 */
import type { Report } from "@jiceng/core"
import { ReportBackend } from "@jiceng/core"
import { Effect, Either, type Stream } from "effect"
import * as Blocks from "./internal/blocks.js"
import * as Bytes from "./internal/bytes.js"
import { dateTimeText, isDate, plain } from "./internal/values.js"

const backend = "csv"

/**
 * The options.
 *
 * @since 0.7.0
 * @category models
 */
export interface CsvOptions {
  /**
   * The one block to write, by its id: `roster`, or `volunteers/roster` (section id, then
   * block id) when two sections hold a block of that id. A table, or key figures or a
   * chart as their tables.
   */
  readonly table?: string
}

/**
 * Text a spreadsheet may take for a formula: a formula character (`=`, `+`, `-`, `@`,
 * or full-width `＝`, `＋`, `－`, `＠`) after any white space and apostrophes, which a
 * spreadsheet may trim; or TAB or CR first, after apostrophes or not. Text that is
 * dangerous stays so with an apostrophe more in front, which `restore` relies on.
 */
const danger = /^[\s']*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^'*[\t\r]/

/**
 * A text field made safe from formula injection: with a leading `'` when a formula
 * character (`=`, `+`, `-`, `@`, `＝`, `＋`, `－`, `＠`) comes first but for white space
 * and apostrophes (` =1+1`, `\n=1+1`, `' =1`), or when it begins with TAB or CR, after
 * apostrophes or not. No field it gives begins, after white space, with a formula
 * character.
 *
 * @since 0.7.0
 * @category encoding
 */
export const neutralise = (text: string): string => (danger.test(text) ? `'${text}` : text)

/**
 * The text a neutralised field came from: `restore(neutralise(t)) === t` for every text.
 *
 * @since 0.7.0
 * @category encoding
 */
export const restore = (field: string): string => (field.startsWith("'") && danger.test(field.slice(1)) ? field.slice(1) : field)

/**
 * A field as RFC 4180 writes it: quoted when it holds `,`, `"`, CR or LF, its quotes
 * doubled.
 *
 * @since 0.7.0
 * @category encoding
 */
export const quote = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replaceAll("\"", "\"\"")}"` : field)

const text = (value: string) => quote(neutralise(value))

/**
 * A cell as a field: a number plain, a date as it is, a date-time with a space, any
 * other text neutralised and quoted as needed, an empty cell empty. The type is the
 * column's, or `number` for the value of a figure or a chart.
 *
 * @since 0.7.0
 * @category encoding
 */
export const field = (cell: Report.Cell, type: Report.ColumnType | "number"): string => {
  if (cell === null) return ""
  if (typeof cell === "number") return plain(cell)
  if (type === "date" && isDate(cell)) return cell
  if (type === "datetime") return dateTimeText(cell) ?? text(cell)
  return text(cell)
}

const line = (fields: ReadonlyArray<string>) => `${fields.join(",")}\r\n`

function* table(grid: Blocks.Grid): Generator<string> {
  yield line(grid.columns.map((c) => text(c.label)))
  for (const row of grid.rows) yield line(row.map((cell, i) => field(cell, grid.columns[i]!.type)))
  if (grid.totals !== null) yield line(grid.totals.map((cell, i) => field(cell, grid.columns[i]!.type)))
}

const bom = "\uFEFF"

/** One block's CSV: header, rows, totals. */
function* single(report: Report.Report, section: Report.Section, block: Report.Block): Generator<string> {
  yield bom
  yield* table(Blocks.grid(section, block, report.lang))
}

/** Every block's table, each after a row naming its section and title and before an empty row. */
function* everything(report: Report.Report): Generator<string> {
  yield bom
  for (const [section, block] of Blocks.all(report)) {
    yield line([text(section.title), text(block.title)])
    yield* table(Blocks.grid(section, block, report.lang))
    yield "\r\n"
  }
}

const selector = /^([a-z][a-z0-9-]{0,63}\/)?[a-z][a-z0-9-]{0,63}$/

/** The block a selector names in a report: by id, or by section and id. */
const find = (report: Report.Report, name: string): Either.Either<readonly [Report.Section, Report.Block], ReportBackend.ReportError> => {
  const [sectionId, blockId] = name.includes("/") ? name.split("/") as [string, string] : [null, name]
  const found = Array.from(Blocks.all(report)).filter(([s, b]) => b.id === blockId && (sectionId === null || s.id === sectionId))
  if (found.length === 1) return Either.right(found[0]!)
  return Either.left(ReportBackend.optionError(
    backend,
    "table",
    found.length === 0
      ? `the report has no block "${name}"`
      : `the sections ${found.map(([s]) => `"${s.id}"`).join(", ")} each hold a block "${name}": name one as "<section>/${name}"`
  ))
}

/**
 * Builds the CSV back end, checking its options first: `table`, when given, a block id
 * or `<section>/<block>`; any other option, or options that are no plain object, is a
 * `ReportError` naming it. Rendering fails with a `ReportError`, before any byte, when
 * the model fails `ReportBackend.check` (it is no `Report`, a row or series does not
 * have one cell per column or category …) or has no such block (or two).
 *
 * @since 0.7.0
 * @category constructors
 */
export const make = (options?: CsvOptions): Effect.Effect<ReportBackend.ReportBackend, ReportBackend.ReportError> =>
  Effect.gen(function*() {
    const checked = yield* ReportBackend.options(backend, options, ["table"])
    const name = checked["table"]
    if (name !== undefined && (typeof name !== "string" || !selector.test(name))) {
      return yield* Effect.fail(ReportBackend.optionError(backend, "table", "expected a block id (a-z, 0-9, -) or \"<section>/<block>\""))
    }
    const render = (report: Report.Report): Stream.Stream<Uint8Array, ReportBackend.ReportError> =>
      Bytes.stream(backend, report, (model) =>
        name === undefined
          ? Either.right(everything(model))
          : Either.map(find(model, name), ([section, block]) => single(model, section, block)))
    return { name: backend, mediaType: "text/csv; charset=utf-8", extension: "csv", render }
  })

/**
 * A file of a report: its name and its bytes.
 *
 * @since 0.7.0
 * @category models
 */
export interface File {
  /** `<section id>.<block id>.csv`: unique in a report, since ids hold no dot. */
  readonly name: string
  readonly stream: Stream.Stream<Uint8Array, ReportBackend.ReportError>
}

/**
 * One CSV file per block of a report, in order, each as the back end writes it with the
 * option `table`: the UTF-8 BOM, the header, the rows and the totals row. Each stream
 * checks the whole model first, as `render` does.
 *
 * @since 0.7.0
 * @category constructors
 */
export const files = (report: Report.Report): ReadonlyArray<File> =>
  report.sections.flatMap((section, s) =>
    section.blocks.map((block, b) => ({
      name: `${section.id}.${block.id}.csv`,
      stream: Bytes.stream(backend, report, (model) => Either.right(single(model, model.sections[s]!, model.sections[s]!.blocks[b]!)))
    }))
  )
