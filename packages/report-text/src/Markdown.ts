/**
 * The Markdown back end: GitHub-flavoured Markdown a person reads in a repository, a
 * wiki or a chat message.
 *
 * `# title`, a line stating the scope, the period, when it was generated, the rounding
 * policy and whether personal data is masked; `## section` and `### block`. Key figures
 * are a list; tables are pipe tables, numbers right-aligned and shown with the column's
 * places (a percent column as a percentage), the totals row bold and the note under the
 * table; a chart is its data — categories × series — as a table under its title, with a
 * line saying the chart itself is drawn in the HTML report.
 *
 * Text from the model is escaped so that it shows as written and never turns into
 * markup: `|` and the characters Markdown acts on (`\`, `` ` ``, `*`, `_`, `[`, `]`,
 * `#`, `~`, `&`, `$`) get a backslash, so do `-`, `+`, `=` and `1.` / `1)` at its
 * start, where they would begin a list or a heading; `<` and `>` are written `&lt;` and
 * `&gt;`. Nothing becomes a link under GFM's autolinks: the `:` of `://` is written
 * `&#58;`, the `.` of `www.` `&#46;` and every `@` `&#64;`, which show the same
 * characters. Line breaks become `<br>`; spaces around the text are trimmed, as
 * Markdown would. When the report was generated is shown as the other back ends show
 * it (`2025-01-02 09:00:00 +08:00`).
 *
 * @since 0.7.0
 */
import type { Report } from "@jiceng/core"
import { ReportBackend } from "@jiceng/core"
import { Effect, Either } from "effect"
import * as Blocks from "./internal/blocks.js"
import * as Bytes from "./internal/bytes.js"
import { dateTimeText, fixed, plain } from "./internal/values.js"

const backend = "markdown"

/**
 * The options.
 *
 * @since 0.7.0
 * @category models
 */
export interface MarkdownOptions {
  /**
   * The level of the report's title, 1 to 4 (default 1); sections are one level below,
   * blocks two. A higher level embeds the report in a larger document.
   */
  readonly headingLevel?: number
}

/** Characters written as character references: no tag, no autolink. */
const references: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "@": "&#64;" }

/**
 * Text of the model as inline Markdown that shows it as written (see the module).
 *
 * @since 0.7.0
 * @category encoding
 */
export const inline = (text: string): string =>
  ReportBackend.printable(text)
    .trim()
    .replace(/[\\`*_[\]|~&#$]/g, "\\$&")
    // After the backslashes, so the references written here stay references.
    .replace(/[<>@]/g, (c) => references[c]!)
    .replace(/:\/\//g, "&#58;//")
    .replace(/(www)\./gi, "$1&#46;")
    .replace(/^[-+=]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2")
    .replace(/\r\n|\r|\n/g, "<br>")

const words = {
  zh: {
    scope: "范围",
    period: "期间",
    range: (from: string, to: string) => `${from} 至 ${to}（不含）`,
    generated: "生成时间",
    rounding: "取整",
    personal: "个人信息",
    masked: (masked: boolean) => (masked ? "已脱敏" : "未脱敏"),
    colon: "：",
    kinds: { bar: "柱状图", line: "折线图", funnel: "漏斗图", pie: "饼图" },
    chart: (kind: string, unit: string) => `${kind}${unit === "" ? "" : `，单位：${unit}`}。图形见 HTML 报表。`
  },
  en: {
    scope: "Scope",
    period: "Period",
    range: (from: string, to: string) => `${from} to ${to} (exclusive)`,
    generated: "Generated",
    rounding: "Rounding",
    personal: "Personal data",
    masked: (masked: boolean) => (masked ? "masked" : "not masked"),
    colon: ": ",
    kinds: { bar: "Bar chart", line: "Line chart", funnel: "Funnel", pie: "Pie chart" },
    chart: (kind: string, unit: string) => `${kind}${unit === "" ? "" : `, unit: ${unit}`}. The chart itself is drawn in the HTML report.`
  }
} as const

/** The line under the title: scope, period, generated, rounding, masking. */
const about = (report: Report.Report): string => {
  const w = words[report.lang]
  const scope = report.scope.gridCode === null
    ? inline(report.scope.name)
    : report.lang === "zh"
    ? `${inline(report.scope.name)}（${inline(report.scope.gridCode)}）`
    : `${inline(report.scope.name)} (${inline(report.scope.gridCode)})`
  const period = report.period._tag === "Day" ? inline(report.period.at) : w.range(inline(report.period.from), inline(report.period.to))
  return [
    [w.scope, scope],
    [w.period, period],
    [w.generated, inline(ReportBackend.timestamp(report.generatedAt))],
    [w.rounding, inline(report.rounding)],
    [w.personal, w.masked(report.masked)]
  ].map(([label, value]) => `${label}${w.colon}${value}`).join(" · ")
}

const numeric = (type: Blocks.Type) => type === "integer" || type === "decimal" || type === "percent" || type === "number"

/**
 * A cell as a table shows it: a number with its column's places (a share as a
 * percentage), a date-time with a space, text escaped, an empty cell empty. The type
 * is the column's, or `number` for a chart's value (shown as held).
 *
 * @since 0.7.0
 * @category encoding
 */
export const cell = (value: Report.Cell, column: { readonly type: Report.ColumnType | "number"; readonly decimals: number }): string => {
  if (value === null) return ""
  if (typeof value === "number") {
    switch (column.type) {
      case "integer":
        return fixed(value, 0)
      case "decimal":
        return fixed(value, column.decimals)
      case "percent":
        return `${fixed(value * 100, column.decimals)}%`
      default:
        return plain(value)
    }
  }
  return column.type === "datetime" ? dateTimeText(value) ?? inline(value) : inline(value)
}

const row = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |\n`

function* table(grid: Blocks.Grid): Generator<string> {
  yield row(grid.columns.map((c) => inline(c.label)))
  yield row(grid.columns.map((c) => (numeric(c.type) ? "---:" : "---")))
  for (const cells of grid.rows) yield row(cells.map((value, i) => cell(value, grid.columns[i]!)))
  if (grid.totals !== null) {
    yield row(grid.totals.map((value, i) => {
      const shown = cell(value, grid.columns[i]!)
      return shown === "" ? "" : `**${shown}**`
    }))
  }
}

const figure = (item: Report.Figure, lang: Report.Lang): string => {
  const unit = inline(item.unit)
  const value = item.value === null ? "—" : typeof item.value === "number" ? fixed(item.value, item.decimals) : inline(item.value)
  const spaced = lang === "en" && unit !== "" && unit !== "%" && item.value !== null
  return `- ${inline(item.label)}${words[lang].colon}${value}${item.value === null ? "" : spaced ? ` ${unit}` : unit}\n`
}

function* document(report: Report.Report, level: number): Generator<string> {
  const heading = (depth: number, title: string) => `${"#".repeat(level + depth)} ${inline(title)}\n`
  yield heading(0, report.title)
  yield `\n${about(report)}\n`
  for (const section of report.sections) {
    yield `\n${heading(1, section.title)}`
    for (const block of section.blocks) {
      yield `\n${heading(2, block.title)}\n`
      switch (block._tag) {
        case "Figures":
          for (const item of block.items) yield figure(item, report.lang)
          break
        case "Table": {
          yield* table(Blocks.grid(section, block, report.lang))
          const note = inline(block.note ?? "")
          if (note !== "") yield `\n${note}\n`
          break
        }
        case "Chart":
          yield `${words[report.lang].chart(words[report.lang].kinds[block.kind], inline(block.unit))}\n\n`
          yield* table(Blocks.grid(section, block, report.lang))
          break
      }
    }
  }
}

/**
 * Builds the Markdown back end, checking its options first: `headingLevel`, when given,
 * an integer from 1 to 4; any other option, or options that are no plain object, is a
 * `ReportError` naming it. Rendering fails with a `ReportError`, before any byte, when
 * the model fails `ReportBackend.check` (it is no `Report`, a row or series does not
 * have one cell per column or category …).
 *
 * @since 0.7.0
 * @category constructors
 */
export const make = (options?: MarkdownOptions): Effect.Effect<ReportBackend.ReportBackend, ReportBackend.ReportError> =>
  Effect.gen(function*() {
    const checked = yield* ReportBackend.options(backend, options, ["headingLevel"])
    const level = checked["headingLevel"] ?? 1
    if (typeof level !== "number" || !Number.isInteger(level) || level < 1 || level > 4) {
      return yield* Effect.fail(ReportBackend.optionError(backend, "headingLevel", "expected an integer from 1 to 4"))
    }
    return {
      name: backend,
      mediaType: "text/markdown; charset=utf-8; variant=GFM",
      extension: "md",
      render: (report: Report.Report) => Bytes.stream(backend, report, (model) => Either.right(document(model, level)))
    }
  })
