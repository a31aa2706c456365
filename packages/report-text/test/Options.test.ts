/**
 * The options of both back ends, checked at make (report.text-options), and a model
 * either format cannot lay out refused before any byte (report.text-shape).
 */
import { describe, expect, it } from "@effect/vitest"
import type { Report, ReportBackend } from "@jiceng/core"
import { Csv, Markdown } from "@jiceng/report-text"
import { Reports } from "@jiceng/testkit"
import { Effect, FastCheck as fc } from "effect"
import * as Render from "./support/Render.js"

const refusal = (effect: Effect.Effect<ReportBackend.ReportBackend, ReportBackend.ReportError>) =>
  Effect.map(Effect.flip(effect), (e) => [e._tag, e.backend, e.message] as const)

describe("options", () => {
  it.effect("report.text-options: a malformed `table`, a `headingLevel` outside 1–4 or an unknown option is a ReportError naming it, at make", () =>
    Effect.gen(function*() {
      for (const table of ["", "Roster", "a/b/c", "1x", "/roster", 7]) {
        expect(yield* refusal(Csv.make({ table } as never))).toEqual(["ReportError", "csv", "option table: expected a block id (a-z, 0-9, -) or \"<section>/<block>\""])
      }
      expect(yield* refusal(Csv.make({ tables: "roster" } as never))).toEqual(["ReportError", "csv", "option tables: unknown (the options are table)"])
      expect(yield* refusal(Csv.make("roster" as never))).toEqual(["ReportError", "csv", "option options: expected a plain object of the options table"])
      for (const headingLevel of [0, 5, 1.5, "2"]) {
        expect(yield* refusal(Markdown.make({ headingLevel } as never))).toEqual(["ReportError", "markdown", "option headingLevel: expected an integer from 1 to 4"])
      }
      expect(yield* refusal(Markdown.make({ table: "roster" } as never))).toEqual(["ReportError", "markdown", "option table: unknown (the options are headingLevel)"])
      expect((yield* Csv.make({})).name).toBe("csv")
      expect((yield* Csv.make({ table: "volunteers/roster" })).name).toBe("csv")
      expect((yield* Markdown.make({ headingLevel: 4 })).name).toBe("markdown")
    }))

  const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,63}$/)
  const table = fc.oneof(key, fc.tuple(key, key).map(([s, b]) => `${s}/${b}`), fc.string(), fc.string({ unit: "grapheme" }))

  it.effect.prop("report.text-options: `table` is taken exactly when a block id or <section>/<block>, `headingLevel` exactly when an integer from 1 to 4", [table, fc.oneof(fc.integer({ min: -3, max: 8 }), fc.double())], ([name, level]) =>
    Effect.gen(function*() {
      const csv = yield* Effect.either(Csv.make({ table: name }))
      expect(csv._tag === "Right").toBe(/^([a-z][a-z0-9-]{0,63}\/)?[a-z][a-z0-9-]{0,63}$/.test(name))
      if (csv._tag === "Left") expect(csv.left.message.startsWith("option table: ")).toBe(true)
      const markdown = yield* Effect.either(Markdown.make({ headingLevel: level }))
      expect(markdown._tag === "Right").toBe(Number.isInteger(level) && level >= 1 && level <= 4)
      if (markdown._tag === "Left") expect(markdown.left.message.startsWith("option headingLevel: ")).toBe(true)
    }))

  /** A report with one table's row or totals, or one chart's series, a cell short or long. */
  const misshapen = Reports.report().chain((report) => {
    const targets = report.sections.flatMap((section, s) =>
      section.blocks.flatMap((block, b): ReadonlyArray<readonly [number, number, Report.Table | Report.Chart]> =>
        (block._tag === "Table" && block.rows.length > 0) || block._tag === "Chart" ? [[s, b, block]] : []
      )
    )
    if (targets.length === 0) return fc.constant(null)
    return fc.tuple(fc.constantFrom(...targets), fc.boolean()).map(([[s, b, block], longer]) => {
      const bad: Report.Block = block._tag === "Table"
        ? { ...block, rows: block.rows.map((row, r) => (r === block.rows.length - 1 ? (longer ? [...row, 1] : row.slice(0, -1)) : row)) }
        : { ...block, series: block.series.map((series, i) => (i === 0 ? { ...series, values: longer || series.values.length === 0 ? [...series.values, 1] : series.values.slice(0, -1) } : series)) }
      const sections = report.sections.map((section, i) => (i === s ? { ...section, blocks: section.blocks.map((x, j) => (j === b ? bad : x)) } : section))
      return { report: { ...report, sections }, where: `sections.${s}.blocks.${b} (${block._tag.toLowerCase()} ${block.id}): ` }
    })
  })

  it.effect.prop("report.text-shape: a row or series without one cell per column or category fails both back ends with a ReportError naming the block, before any byte", [misshapen], ([bad]) =>
    Effect.gen(function*() {
      if (bad === null) return
      for (const backend of [yield* Csv.make(), yield* Markdown.make()]) {
        const { emitted, error } = yield* Render.refusal(backend.render(bad.report))
        expect(emitted).toBe(0)
        expect(error?.backend).toBe(backend.name)
        expect(error?.message.startsWith(bad.where), error?.message).toBe(true)
      }
    }))
})
