/**
 * The report model: a table's totals row is the sum of its rows in the columns that
 * total, as shown (report.totals), and a model built by hand decodes with the schema.
 */
import { describe, expect, it } from "@effect/vitest"
import { Report } from "@jiceng/core"
import { Reports } from "@jiceng/testkit"
import { FastCheck as fc, Schema } from "effect"

describe("Report", () => {
  const column = fc.record({
    type: fc.constantFrom("integer" as const, "decimal" as const, "text" as const),
    decimals: fc.integer({ min: 0, max: 3 }),
    total: fc.boolean()
  })

  it.prop("report.totals: the totals row holds the label, then each totalling column's sum of its rows as shown, null elsewhere", [
    fc.array(column, { minLength: 1, maxLength: 6 }),
    fc.array(fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.constant(null), fc.constant("x")), { minLength: 6, maxLength: 6 }), { maxLength: 30 }),
    fc.constantFrom("zh" as const, "en" as const)
  ], ([specs, raw, lang]) => {
    const columns = specs.map((c, i) => ({ key: `c${i}`, label: `列${i}`, ...c, total: c.total && c.type !== "text" }))
    // Rows as a model holds them: numbers already rounded to their column's places.
    const rows = raw.map((r) => columns.map((c, i) => {
      const v = r[i]!
      if (typeof v !== "number") return v
      const scale = 10 ** (c.type === "integer" ? 0 : c.decimals)
      return Math.round(v * scale) / scale
    }))
    const table = Report.table({ id: "t", title: "表", lang, columns, rows })
    if (!columns.some((c) => c.total)) {
      expect(table.totals).toBeNull()
      return
    }
    columns.forEach((c, i) => {
      const cell = table.totals![i]
      if (c.total) {
        const scale = 10 ** (c.type === "integer" ? 0 : c.decimals)
        const exact = rows.reduce((s, r) => s + (typeof r[i] === "number" ? Math.round((r[i] as number) * scale) : 0), 0)
        expect(Math.round((cell as number) * scale)).toBe(exact)
      } else {
        expect(cell).toBe(i === 0 ? Report.totalLabel[lang] : null)
      }
    })
  })

  it("a model built by hand decodes with the schema, its defaults filled", () => {
    const report = Schema.decodeUnknownSync(Report.Report)({
      kind: "custom",
      title: "自定义报表",
      lang: "zh",
      tenant: "131102",
      scope: { gridCode: null, name: "桃城区" },
      period: { _tag: "Day", at: "2024-12-31" },
      generatedAt: "2025-01-01T09:00:00+08:00",
      rounding: "不作舍入",
      masked: true,
      sections: [{ id: "s", title: "一", blocks: [{ _tag: "Table", id: "t", title: "表", columns: [{ key: "a", label: "甲", type: "text" }], rows: [["x"]], totals: null }] }]
    })
    const block = report.sections[0]!.blocks[0]!
    expect(block._tag === "Table" && [block.columns[0]!.total, block.columns[0]!.personal, block.note]).toEqual([false, null, null])
  })
})

describe("Reports (testkit)", () => {
  it.prop("every random report and the sample decode with the schema, their totals the totals of their rows", [Reports.report()], ([report]) => {
    for (const r of [report, Reports.sample("zh"), Reports.sample("en")]) {
      expect(Schema.decodeUnknownSync(Report.Report)(r)).toEqual(r)
      for (const block of r.sections.flatMap((s) => s.blocks)) {
        if (block._tag === "Table") expect(block.totals).toEqual(Report.totals(block.columns, block.rows, Report.totalLabel[r.lang]))
      }
    }
  }, { fastCheck: { numRuns: 50 } })
})
