/**
 * The XLSX back end, read back with exceljs: the sample district summary in zh and en
 * (sheets, names, headers, values, formats, widths, the frozen header and the totals),
 * and any report model (report.xlsx-faithful); worksheet names; text that must stay
 * text; models a worksheet cannot hold; the options.
 */
import { describe, expect, it } from "@effect/vitest"
import { Report, type ReportBackend } from "@jiceng/core"
import { Xlsx } from "@jiceng/report-xlsx"
import { Reports } from "@jiceng/testkit"
import { Effect, FastCheck as fc, Stream } from "effect"
import ExcelJS from "exceljs"
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import * as Workbooks from "./support/Workbooks.js"

const backend = Effect.orDie(Xlsx.make())

const render = (report: Report.Report, options?: Xlsx.XlsxOptions) =>
  Effect.flatMap(Effect.orDie(Xlsx.make(options)), (backend) => Effect.flatMap(Workbooks.bytes(backend, report), Workbooks.load))

/** A report of one section holding `blocks`. */
const reportOf = (blocks: ReadonlyArray<Report.Block>, title = "节"): Report.Report => ({
  ...Reports.sample("zh"),
  sections: [{ id: "s", title, blocks }]
})

/** The About sheet's label → value rows. */
const pairs = (sheet: ExcelJS.Worksheet, from: number, to: number) =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => Workbooks.rowOf(sheet, from + i, 2)))

const about = {
  zh: {
    names: ["说明", "网格", "志愿服务", "发展党员"],
    pairs: {
      报表: "桃城区党建引领基层治理报表",
      报表类型: "district-summary",
      行政区划代码: "131102",
      统计范围: "桃城区（网格代码 131102）",
      统计期间: "2024-01-01 至 2024-12-31",
      生成时间: "2025-01-02 09:00:00 +08:00",
      舍入规则: "时长按分钟累计，以小时显示时保留一位小数（四舍五入）；比率保留一位小数。",
      个人信息: "已脱敏（身份证号、联系电话、详细住址仅显示部分）"
    },
    contents: ["工作表", "内容"]
  },
  en: {
    names: ["About", "Grids", "Volunteer service", "Member development"],
    pairs: {
      Report: "Taocheng district: party-led grassroots governance",
      Kind: "district-summary",
      "Region code": "131102",
      Scope: "Taocheng (grid 131102)",
      Period: "2024-01-01 to 2024-12-31",
      Generated: "2025-01-02 09:00:00 +08:00",
      Rounding: "Durations are summed in minutes and shown in hours to one decimal (half up); shares to one decimal.",
      "Personal data": "Masked (ID numbers, phone numbers and exact addresses are shown in part)"
    },
    contents: ["Sheet", "Section"]
  }
} as const

describe("Xlsx", () => {
  for (const lang of ["zh", "en"] as const) {
    it.effect(`the sample district summary (${lang}): an About sheet, a sheet per section, the model's labels, values, formats and totals`, () =>
      Effect.gen(function*() {
        const report = Reports.sample(lang)
        const workbook = yield* render(report)
        expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(about[lang].names)
        expect(Xlsx.sheetNames(report)).toEqual(about[lang].names)
        Workbooks.expectFaithful(workbook, report)

        const [first, grids, volunteers] = workbook.worksheets
        expect(Workbooks.read(first!.getCell("A1"))).toBe(report.title)
        expect(pairs(first!, 3, 10)).toEqual(about[lang].pairs)
        expect(Workbooks.rowOf(first!, 12, 2)).toEqual(about[lang].contents)
        expect([13, 14, 15].map((row) => Workbooks.rowOf(first!, row, 2))).toEqual(
          report.sections.map((section, i) => [about[lang].names[i + 1], section.title])
        )

        // Grids: figures in rows 3–6, the table's title in row 8, its header in 9 (frozen),
        // four rows, the totals in row 14.
        expect(grids!.views).toMatchObject([{ state: "frozen", ySplit: 9 }])
        expect(Workbooks.read(grids!.getCell("B14"))).toEqual({ formula: "SUM(B10:B13)", result: 3725 })
        expect(Workbooks.read(grids!.getCell("C14"))).toEqual({ formula: "SUM(C10:C13)", result: 96201.4 })
        expect(Workbooks.read(grids!.getCell("A14"))).toBe(Report.totalLabel[lang])
        expect(Workbooks.read(grids!.getCell("D14"))).toBeNull()
        expect(["B10", "C10", "D10", "B6"].map((a) => grids!.getCell(a).numFmt)).toEqual(["#,##0", "#,##0.0", "0.0%", "#,##0.0"])
        expect(Workbooks.read(grids!.getCell("D13"))).toBe(0.87)

        // Volunteers: the roster's header in row 20 (frozen), its rows 21–23, the totals in 24.
        expect(volunteers!.views).toMatchObject([{ state: "frozen", ySplit: 20 }])
        expect(Workbooks.read(volunteers!.getCell("F24"))).toEqual({ formula: "SUM(F21:F23)", result: 1710 })
        const formulaLike = volunteers!.getCell("A23")
        expect(formulaLike.type).toBe(ExcelJS.ValueType.RichText)
        expect(Workbooks.read(formulaLike)).toBe("=1+1")
        expect(formulaLike.numFmt).toBe("@")
        expect(volunteers!.getCell("E21").value).toEqual(new Date("2023-03-01T00:00:00Z"))
        expect(volunteers!.getCell("E21").numFmt).toBe("yyyy-mm-dd")
        expect(Workbooks.read(volunteers!.getCell("B22"))).toBe("131102********002X")
        expect(Workbooks.read(volunteers!.getCell("A25"))).toBe(report.sections[1]!.blocks[1]!._tag === "Table" ? (report.sections[1]!.blocks[1] as Report.Table).note : null)
      }))
  }

  it.effect("column widths follow the content: a CJK character counts two, two widths of padding, within the cap", () =>
    Effect.gen(function*() {
      const widths = (sheet: ExcelJS.Worksheet) =>
        Array.from({ length: sheet.columnCount }, (_, i) => sheet.getColumn(i + 1).width ?? sheet.properties.defaultColWidth)
      const workbook = yield* render(Reports.sample("zh"))
      // 层级/街道…: 4 → 8 (the least); 服务时长（小时）: 16 + 2; the roster's address
      // 河北省衡水市桃城区*** 18 + 3 + 2; its ID number 18 + 2.
      expect(widths(workbook.worksheets[1]!)).toEqual([12, 8, 18, 8])
      expect(widths(workbook.worksheets[2]!)).toEqual([9, 20, 13, 23, 12, 18])
      const capped = yield* render(Reports.sample("zh"), { maxColumnWidth: 12 })
      expect(widths(capped.worksheets[2]!)).toEqual([9, 12, 12, 12, 12, 12])
    }))

  it.effect.prop(
    "report.xlsx-faithful: every table's cells read back equal the model's (numbers as numbers, dates as dates, text exactly) and each totals cell is a SUM over its rows valued at the model's total",
    [Reports.report()],
    ([report]) =>
      Effect.gen(function*() {
        const workbook = yield* render(report)
        expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Xlsx.sheetNames(report))
        Workbooks.expectFaithful(workbook, report)
      }),
    // JICENG_LONG=1 (npm run test:long) runs twenty times as many.
    { timeout: 600_000, fastCheck: { numRuns: process.env["JICENG_LONG"] ? 1_200 : 60 } }
  )

  it.prop(
    "report.xlsx-sheet-names: About first, then one name per section, each at most 31 characters, none of [ ] : * ? / \\, no apostrophe first or last, not History, unique ignoring case",
    [fc.array(fc.oneof(Reports.awkwardText, fc.constantFrom("History", "history", "说明", "ABOUT", "网格/社区[1]:*?\\", "'引号'", "长".repeat(40), "x".repeat(31), "X".repeat(31), "\u0000")), { minLength: 1, maxLength: 12 }), fc.constantFrom("zh" as const, "en" as const)],
    ([titles, lang]) => {
      const report: Report.Report = { ...Reports.sample(lang), sections: titles.map((title, i) => ({ id: `s${i}`, title, blocks: [] })) }
      const names = Xlsx.sheetNames(report)
      expect(names[0]).toBe(lang === "zh" ? "说明" : "About")
      expect(names).toHaveLength(titles.length + 1)
      for (const name of names) {
        expect(name.length).toBeGreaterThan(0)
        expect(name.length).toBeLessThanOrEqual(31)
        expect(name).not.toMatch(/[[\]:*?/\\]|^'|'$|[\u0000-\u001f]/)
        expect(name.toUpperCase()).not.toBe("HISTORY")
      }
      expect(new Set(names.map((name) => name.toLocaleUpperCase("en-US"))).size).toBe(names.length)
    }
  )

  it("worksheet names: forbidden characters become their full-width forms, long titles are cut, repeats numbered, an empty title takes the section id", () => {
    const report: Report.Report = {
      ...Reports.sample("zh"),
      sections: ["网格/社区[1]", "长".repeat(40), "长".repeat(40), "说明", "  ", "History"].map((title, i) => ({ id: `s${i}`, title, blocks: [] }))
    }
    expect(Xlsx.sheetNames(report)).toEqual(["说明", "网格／社区［1］", "长".repeat(31), `${"长".repeat(27)} (2)`, "说明 (2)", "s4", "History (2)"])
  })

  it.effect("text stays text: formula characters, markup, entities, whitespace, line breaks, control characters, unpaired surrogates and _xHHHH_ read back exactly", () =>
    Effect.gen(function*() {
      const texts = [
        "=1+1", "=HYPERLINK(\"http://x\")", "+86 138", "-5", "@SUM(A1)", "", " ", "  前后  ", "\r\n", "a\rb", "第一行\n第二行", "\t",
        "\u0000\u0001\u001f\u007f", "_x000D_", "_x005f_", "\ud800", "x\udc00y", "\ufffe", "&amp;", "<b>&lt;</b>", "'引号", "𠀋𠀌"
      ]
      const table = Report.table({ id: "t", title: "=A1", lang: "zh", columns: [{ key: "a", label: "=B1", type: "text" }], rows: texts.map((t) => [t]) })
      const report = reportOf([table], "=C1")
      const workbook = yield* render(report)
      Workbooks.expectFaithful(workbook, report)
      const sheet = workbook.worksheets[1]!
      texts.forEach((_, i) => expect(sheet.getCell(5 + i, 1).type).toBe(ExcelJS.ValueType.RichText))
      expect(sheet.getCell(5 + texts.indexOf("第一行\n第二行"), 1).alignment?.wrapText).toBe(true)
    }))

  it.effect("dates the format cannot hold as dates (not a real day, before 1900-03-01) stay the model's text; a table without rows totals without a formula", () =>
    Effect.gen(function*() {
      const dates = Report.table({
        id: "d",
        title: "日期",
        lang: "zh",
        columns: [{ key: "day", label: "日期", type: "date" }, { key: "at", label: "时间", type: "datetime" }],
        rows: [["2024-02-29", "2024-02-29T23:59"], ["2023-02-29", "2024-13-01T00:00"], ["1900-02-28", "1899-12-31T08:00"], ["明天", "24:00"]]
      })
      const empty = Report.table({ id: "e", title: "空表", lang: "zh", columns: [{ key: "n", label: "人数", type: "integer", total: true }], rows: [] })
      const report = reportOf([dates, empty])
      const workbook = yield* render(report)
      Workbooks.expectFaithful(workbook, report)
      const sheet = workbook.worksheets[1]!
      expect(sheet.getCell("A5").value).toEqual(new Date("2024-02-29T00:00:00Z"))
      expect(sheet.getCell("B5").value).toEqual(new Date("2024-02-29T23:59:00Z"))
      expect(["A6", "B6", "A7", "B7", "A8", "B8"].map((a) => Workbooks.read(sheet.getCell(a)))).toEqual(["2023-02-29", "2024-13-01T00:00", "1900-02-28", "1899-12-31T08:00", "明天", "24:00"])
      // The empty table: title row 10, header 11, totals 12 — the model's 0, no formula.
      expect(Workbooks.rowOf(sheet, 12, 1)).toEqual([0])
    }))

  describe("a model a worksheet cannot hold is refused before any byte, naming where and never a value", () => {
    const refusal = (report: Report.Report) =>
      Effect.gen(function*() {
        const chunks: Array<Uint8Array> = []
        const error = yield* Effect.flip(Stream.runForEach((yield* backend).render(report), (chunk) => Effect.sync(() => chunks.push(chunk))))
        expect(chunks).toHaveLength(0)
        return error as ReportBackend.ReportError
      })
    const table = (rows: ReadonlyArray<ReadonlyArray<Report.Cell>>): Report.Table => ({
      ...Report.table({ id: "roster", title: "名册", lang: "zh", columns: [{ key: "id", label: "身份证号", type: "text" }, { key: "n", label: "分钟", type: "integer" }], rows: [] }),
      rows
    })

    it.effect.prop(
      "report.xlsx-limits: a table row with more or fewer cells than columns is refused, naming the section, the table and the row, before any byte",
      [Reports.table("zh", 12).filter((t) => t.rows.length > 0), fc.nat(), fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0)],
      ([table, at, change]) =>
        Effect.gen(function*() {
          const r = at % table.rows.length
          const row = table.rows[r]!
          const wrong = change > 0 ? [...row, ...Array.from({ length: change }, () => "131102199001010012")] : row.slice(0, Math.max(0, row.length + change))
          fc.pre(wrong.length !== row.length)
          const error = yield* refusal(reportOf([{ ...table, rows: table.rows.map((cells, i) => (i === r ? wrong : cells)) }]))
          expect(error.message).toBe(`sections.0.blocks.0 (table ${table.id}): row ${r + 1} has ${wrong.length} cells for ${table.columns.length} columns`)
          expect(error.message).not.toContain("131102199001010012")
        })
    )

    it.effect("a row with more or fewer cells than columns", () =>
      Effect.gen(function*() {
        const error = yield* refusal(reportOf([table([["131102199001010012", 1], ["131102199001010012", 1, 2]])]))
        expect(error._tag).toBe("ReportError")
        expect(error.backend).toBe("xlsx")
        expect(error.message).toBe("sections.0.blocks.0 (table roster): row 2 has 3 cells for 2 columns")
        expect(error.message).not.toContain("131102199001010012")
      }))

    it.effect("a number that is not finite, a text longer than a cell holds", () =>
      Effect.gen(function*() {
        const nan = (yield* refusal(reportOf([table([["a", Number.NaN]])]))).message
        expect(nan).toBe("the model is not a Report: sections.0.blocks.0.rows.0.1: expected string or a finite number or null")
        const long = "长".repeat(32_768)
        const error = yield* refusal(reportOf([table([[long, 1]])]))
        expect(error.message).toBe("section s, table roster, row 1, column id: a text of 32768 characters, more than a cell's 32767")
      }))

    it.effect("a chart series with more or fewer values than categories", () =>
      Effect.gen(function*() {
        const chart: Report.Chart = { _tag: "Chart", id: "c", title: "图", kind: "bar", categories: ["甲", "乙"], series: [{ name: "值", values: [1] }], unit: "" }
        expect((yield* refusal(reportOf([chart]))).message).toBe("sections.0.blocks.0 (chart c): series 1 has 1 values for 2 categories")
      }))

    it.effect("a value of no model type (a model built without the schema) fails as a ReportError, not a defect", () =>
      Effect.gen(function*() {
        const figures: Report.Figures = { _tag: "Figures", id: "f", title: "概况", items: [{ key: "k", label: "项", value: true as never, unit: "", decimals: 0 }] }
        const error = yield* refusal(reportOf([figures]))
        expect(error.message).toMatch(/^the model is not a Report: sections\.0\.blocks\.0\.items\.0\.value: /)
      }))

    it.effect("a section of more rows than a worksheet has", () =>
      Effect.gen(function*() {
        const row: ReadonlyArray<Report.Cell> = ["a", 1]
        const error = yield* refusal(reportOf([table(new Array<ReadonlyArray<Report.Cell>>(1_048_576).fill(row))]))
        expect(error.message).toBe("section s: 1048580 rows, more than a worksheet's 1048576")
      }))
  })

  it.effect("the README's way: the bytes piped to a file through Node's streams open as the workbook", () =>
    Effect.gen(function*() {
      const report = Reports.sample("zh")
      const xlsx = yield* backend
      const path = join(mkdtempSync(join(tmpdir(), "jiceng-xlsx-")), `${report.title}.xlsx`)
      yield* Effect.promise(() => pipeline(Readable.fromWeb(Stream.toReadableStream(xlsx.render(report))), createWriteStream(path)))
      Workbooks.expectFaithful(yield* Workbooks.load(readFileSync(path)), report)
    }))

  describe("options", () => {
    it.effect("the defaults: named xlsx, the XLSX media type and extension", () =>
      Effect.gen(function*() {
        const made = yield* Xlsx.make()
        expect([made.name, made.mediaType, made.extension]).toEqual(["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"])
        expect((yield* Xlsx.make({ name: "台账" })).name).toBe("台账")
      }))

    it.prop(
      "report.xlsx-options: a number option outside its range or not an integer is a ReportError naming it, when the back end is made",
      [fc.constantFrom(["maxColumnWidth", 10, 255] as const, ["compressionLevel", 0, 9] as const), fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double())],
      ([[option, min, max], value]) => {
        const made = Effect.runSync(Effect.either(Xlsx.make({ [option]: value })))
        if (Number.isInteger(value) && value >= min && value <= max) {
          expect(made._tag).toBe("Right")
        } else {
          expect(made._tag).toBe("Left")
          if (made._tag === "Left") expect(made.left.message).toBe(`option ${option}: expected an integer from ${min} to ${max}`)
        }
      }
    )

    it.effect("a bad option is a ReportError naming it, when the back end is made", () =>
      Effect.gen(function*() {
        const refused = (options: unknown) => Effect.map(Effect.flip(Xlsx.make(options as Xlsx.XlsxOptions)), (e) => [e._tag, e.backend, e.message.split(":")[0]])
        expect(yield* refused({ name: "" })).toEqual(["ReportError", "xlsx", "option name"])
        expect(yield* refused({ name: "x".repeat(65) })).toEqual(["ReportError", "xlsx", "option name"])
        expect(yield* refused({ creator: "  " })).toEqual(["ReportError", "xlsx", "option creator"])
        expect(yield* refused({ name: "ledger", creator: "a\nb" })).toEqual(["ReportError", "ledger", "option creator"])
        expect(yield* refused({ maxColumnWidth: 9 })).toEqual(["ReportError", "xlsx", "option maxColumnWidth"])
        expect(yield* refused({ maxColumnWidth: 256 })).toEqual(["ReportError", "xlsx", "option maxColumnWidth"])
        expect(yield* refused({ maxColumnWidth: 20.5 })).toEqual(["ReportError", "xlsx", "option maxColumnWidth"])
        expect(yield* refused({ compressionLevel: 10 })).toEqual(["ReportError", "xlsx", "option compressionLevel"])
        expect(yield* refused({ compressionLevel: "6" })).toEqual(["ReportError", "xlsx", "option compressionLevel"])
        expect(yield* refused(null)).toEqual(["ReportError", "xlsx", "option options"])
        // Characters XML 1.0 cannot carry would make docProps/core.xml not well formed (found in review).
        for (const creator of ["a\uFFFEb", "a\uFFFF", "a\uD800b", "a\u0000", "a\u000Bb"]) {
          expect(yield* refused({ creator })).toEqual(["ReportError", "xlsx", "option creator"])
        }
        // Unknown options are refused, as every back end does (found in review).
        expect(yield* refused({ maxColWidth: 20 })).toEqual(["ReportError", "xlsx", "option maxColWidth"])
        expect(yield* refused({ tabel: "t" })).toEqual(["ReportError", "xlsx", "option tabel"])
        expect(yield* refused([])).toEqual(["ReportError", "xlsx", "option options"])
        expect(yield* refused(JSON.parse("{\"__proto__\": {\"name\": \"x\"}}"))).toEqual(["ReportError", "xlsx", "option __proto__"])
        const throwing = Object.defineProperty({}, "creator", { enumerable: true, get: () => { throw new Error("no") } })
        expect(yield* refused(throwing)).toEqual(["ReportError", "xlsx", "option creator"])
      }))

    it.effect("a title holding characters XML cannot carry (U+FFFE, U+FFFF, controls) is written as cells are, and the workbook reads back (found in review)", () =>
      Effect.gen(function*() {
        const title = "台账\uFFFE\uFFFF\u0001\u001F_x0041_尾"
        const workbook = yield* render({ ...Reports.sample("zh"), title }, { compressionLevel: 0 })
        expect(workbook.title).toBe("台账_xFFFE__xFFFF__x0001__x001F__x005F_x0041_尾")
        const about = workbook.worksheets[0]!
        expect(about.getCell(1, 1).text).toBe(title)
      }))

    it.effect("the workbook's properties: its title, its author, created when the report was computed", () =>
      Effect.gen(function*() {
        const workbook = yield* render(Reports.sample("zh"), { creator: "河西街道办事处", compressionLevel: 0 })
        expect([workbook.title, workbook.creator, workbook.created.toISOString()]).toEqual(["桃城区党建引领基层治理报表", "河西街道办事处", "2025-01-02T01:00:00.000Z"])
      }))
  })
})
