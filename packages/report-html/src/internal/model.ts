/**
 * The model checks the HTML back end makes before it writes a byte: the model is a
 * `Report` (its schema), every row and totals row has one cell per column, every series
 * one value per category, and a funnel or a pie one series. A model that fails is a
 * `ReportError` naming where; nothing is written.
 */
import { Report, ReportBackend } from "@jiceng/core"
import { Either, ParseResult, Schema } from "effect"
import { backend } from "./options.js"

const validate = Schema.validateEither(Report.Report)

const refuse = (message: string) => new ReportBackend.ReportError({ backend, message })

const tableProblem = (table: Report.Table): string | null => {
  const width = table.columns.length
  const short = table.rows.findIndex((cells) => cells.length !== width)
  if (short >= 0) return `row ${short + 1} has ${table.rows[short]!.length} cells for ${width} columns`
  if (table.totals !== null && table.totals.length !== width) return `the totals row has ${table.totals.length} cells for ${width} columns`
  return null
}

const chartProblem = (chart: Report.Chart): string | null => {
  if ((chart.kind === "funnel" || chart.kind === "pie") && chart.series.length !== 1) {
    return `a ${chart.kind} has one series, not ${chart.series.length}`
  }
  const uneven = chart.series.findIndex((s) => s.values.length !== chart.categories.length)
  if (uneven >= 0) {
    return `series ${uneven + 1} has ${chart.series[uneven]!.values.length} values for ${chart.categories.length} categories`
  }
  return null
}

/** The report, when the back end can lay it out; else the first problem, named by its path. */
export const check = (report: Report.Report): Either.Either<Report.Report, ReportBackend.ReportError> => {
  const valid = validate(report)
  if (Either.isLeft(valid)) {
    const [issue] = ParseResult.ArrayFormatter.formatErrorSync(valid.left)
    return Either.left(refuse(`the model is not a Report: ${issue === undefined ? "invalid" : `${issue.path.join(".") || "(root)"}: ${issue.message}`}`))
  }
  for (const [s, section] of report.sections.entries()) {
    for (const [b, block] of section.blocks.entries()) {
      const problem = block._tag === "Table" ? tableProblem(block) : block._tag === "Chart" ? chartProblem(block) : null
      if (problem !== null) {
        return Either.left(refuse(`sections.${s}.blocks.${b} (${block._tag.toLowerCase()} ${block.id}): ${problem}`))
      }
    }
  }
  return Either.right(report)
}
