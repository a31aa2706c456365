/**
 * Rendering for the tests: a report through the back end, as the page's text, and the
 * model's tables and text in the order the page shows them.
 */
import type { Report, ReportBackend } from "@jiceng/core"
import { Html } from "@jiceng/report-html"
import { Chunk, Effect, Stream } from "effect"

/** The page's bytes as text. */
export const render = (report: Report.Report, options?: Html.HtmlOptions): Effect.Effect<string, ReportBackend.ReportError> =>
  Effect.gen(function*() {
    const backend = yield* Html.make(options)
    const chunks = yield* Stream.runCollect(backend.render(report))
    return Buffer.concat(Chunk.toArray(chunks)).toString("utf8")
  })

/** The model's tables, in the order they appear. */
export const tables = (report: Report.Report): ReadonlyArray<Report.Table> =>
  report.sections.flatMap((s) => s.blocks.filter((b): b is Report.Table => b._tag === "Table"))

/** The model's charts, in the order they appear. */
export const charts = (report: Report.Report): ReadonlyArray<Report.Chart> =>
  report.sections.flatMap((s) => s.blocks.filter((b): b is Report.Chart => b._tag === "Chart"))

/** Every text of the model a page shows: titles, labels, names, notes, text cells and values. */
export const texts = (report: Report.Report): ReadonlyArray<string> => [
  report.title,
  report.scope.name,
  report.rounding,
  ...report.sections.flatMap((s) => [
    s.title,
    ...s.blocks.flatMap((b): ReadonlyArray<string> => {
      switch (b._tag) {
        case "Figures":
          return b.items.flatMap((i) => [i.label, i.unit, ...(typeof i.value === "string" ? [i.value] : [])])
        case "Table":
          return [
            b.title,
            ...(b.note === null ? [] : [b.note]),
            ...b.columns.map((c) => c.label),
            ...b.rows.flatMap((r) => r.filter((c): c is string => typeof c === "string"))
          ]
        case "Chart":
          return [b.title, ...b.categories, ...b.series.map((s) => s.name)]
      }
    })
  ])
]

/**
 * A text as the page shows it, written independently of the back end: each character no
 * page may hold (controls but TAB, LF, CR; noncharacters) as U+FFFD.
 */
export const shown = (text: string): string =>
  Array.from(text, (char) => {
    const point = char.codePointAt(0)!
    const control = (point < 0x20 && char !== "\t" && char !== "\n" && char !== "\r") || (point >= 0x7f && point < 0xa0)
    const nonCharacter = (point >= 0xfdd0 && point <= 0xfdef) || point % 0x10000 >= 0xfffe
    return control || nonCharacter ? "\uFFFD" : char
  }).join("")

/** An escaping written independently of the back end's: the text as shown, then the five characters that end text or an attribute. */
export const escaped = (text: string): string =>
  shown(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")
