/**
 * The HTML document of a report, as pieces of text in order: the head and header, then
 * each section's blocks, a table's rows a batch at a time so a large roster is written
 * as it is produced. Every text of the model passes through `escapeHtml`; the charts
 * come drawn (`chart.ts`), in document order.
 */
import { type Report, ReportBackend } from "@jiceng/core"
import { escapeHtml as e } from "./escape.js"
import * as Format from "./format.js"
import type { Labels } from "./labels.js"
import type { Checked } from "./options.js"
import { css } from "./style.js"

/** Rows written per piece of a table. */
export const rowsPerPiece = 200

// No script, and nothing loaded from anywhere, even if a browser were asked to.
const policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

const period = (labels: Labels, p: Report.Period): string => (p._tag === "Day" ? p.at : labels.range(p.from, p.to))

const head = (report: Report.Report, labels: Labels, options: Checked): string => {
  const scopeCode = report.scope.gridCode === null ? labels.wholeTenant : report.scope.gridCode
  const meta: ReadonlyArray<readonly [string, string]> = [
    [labels.scope, `${e(report.scope.name)} <span class="code">${e(scopeCode)}</span>`],
    [labels.tenant, `<span class="code">${e(report.tenant)}</span>`],
    [labels.period, e(period(labels, report.period))],
    [labels.generatedAt, `<time datetime="${e(report.generatedAt)}">${e(ReportBackend.timestamp(report.generatedAt))}</time>`],
    [labels.rounding, e(report.rounding)]
  ]
  return [
    "<!DOCTYPE html>",
    `<html lang="${labels.htmlLang}">`,
    "<head>",
    "<meta charset=\"utf-8\">",
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
    "<meta name=\"generator\" content=\"@jiceng/report-html\">",
    `<title>${e(report.title)}</title>`,
    `<style>${css(options.fontFamily)}</style>`,
    "</head>",
    "<body>",
    "<header class=\"report-head\">",
    `<h1>${e(report.title)}</h1>`,
    "<dl class=\"meta\">",
    ...meta.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`),
    `<dt>${labels.personalData}</dt><dd class="${report.masked ? "masked" : "unmasked"}">${report.masked ? labels.masked : labels.unmasked}</dd>`,
    "</dl>",
    "</header>",
    ...(report.sections.length > 1
      ? [
        `<nav class="toc" aria-label="${labels.contents}"><h2>${labels.contents}</h2><ol>`,
        ...report.sections.map((s) => `<li><a href="#s-${e(s.id)}">${e(s.title)}</a></li>`),
        "</ol></nav>"
      ]
      : []),
    "<main>",
    ""
  ].join("\n")
}

const blockId = (section: Report.Section, id: string) => `${e(section.id)}.${e(id)}`

const figures = (section: Report.Section, block: Report.Figures, labels: Labels): string =>
  [
    `<div class="block block-figures" id="${blockId(section, block.id)}"><h3>${e(block.title)}</h3>`,
    "<ul class=\"cards\">",
    ...block.items.map((item) =>
      `<li class="card"><span class="card-label">${e(item.label)}</span><span class="card-value">${e(Format.figure(labels.locale, item))}${
        item.unit === "" ? "" : `<span class="unit">${e(item.unit)}</span>`
      }</span></li>`
    ),
    "</ul></div>",
    ""
  ].join("\n")

/** A column's classes: its alignment by type, and whether it holds personal data. */
const columnClass = (column: Report.Column): string => {
  const kind = Format.isNumeric(column.type) ? "num" : column.type === "text" ? "text" : "date"
  return column.personal === null ? kind : `${kind} personal`
}

const row = (labels: Labels, columns: ReadonlyArray<Report.Column>, cells: ReadonlyArray<Report.Cell>): string =>
  `<tr>${columns.map((c, i) => `<td class="${columnClass(c)}">${e(Format.cell(labels.locale, c, cells[i] ?? null))}</td>`).join("")}</tr>`

function* table(section: Report.Section, block: Report.Table, labels: Labels): Generator<string> {
  const columns = block.columns
  yield [
    `<div class="block block-table" id="${blockId(section, block.id)}"><div class="table-wrap"><table>`,
    `<caption>${e(block.title)}</caption>`,
    `<thead><tr>${columns.map((c) => `<th scope="col" class="${columnClass(c)}">${e(c.label)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ""
  ].join("\n")
  if (block.rows.length === 0) {
    yield `<tr><td class="empty" colspan="${columns.length}">${labels.noRows}</td></tr>\n`
  }
  for (let start = 0; start < block.rows.length; start += rowsPerPiece) {
    yield block.rows.slice(start, start + rowsPerPiece).map((cells) => row(labels, columns, cells) + "\n").join("")
  }
  yield [
    "</tbody>",
    // The model's totals row as it is: the back end adds nothing up.
    ...(block.totals === null ? [] : [`<tfoot>${row(labels, columns, block.totals)}</tfoot>`]),
    "</table></div>",
    ...(block.note === null ? [] : [`<p class="note">${e(block.note)}</p>`]),
    "</div>",
    ""
  ].join("\n")
}

const chart = (section: Report.Section, block: Report.Chart, svg: string): string =>
  `<figure class="block chart chart-${block.kind}" id="${blockId(section, block.id)}">${svg}</figure>\n`

/**
 * The document's pieces. `svgs` holds the charts drawn, in the order they appear
 * (sections, then blocks).
 */
export function* pieces(report: Report.Report, labels: Labels, options: Checked, svgs: ReadonlyArray<string>): Generator<string> {
  yield head(report, labels, options)
  let ordinal = 0
  for (const section of report.sections) {
    yield `<section class="section" id="s-${e(section.id)}"><h2>${e(section.title)}</h2>\n`
    for (const block of section.blocks) {
      switch (block._tag) {
        case "Figures":
          yield figures(section, block, labels)
          break
        case "Table":
          yield* table(section, block, labels)
          break
        case "Chart":
          yield chart(section, block, svgs[ordinal++] ?? "")
          break
      }
    }
    yield "</section>\n"
  }
  yield [
    "</main>",
    `<footer class="report-foot">${labels.generator} · ${e(report.kind)} · ${e(report.tenant)}</footer>`,
    "</body>",
    "</html>",
    ""
  ].join("\n")
}
