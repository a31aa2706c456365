/**
 * The CSV back end: the BOM, RFC 4180 with CRLF, plain numbers, the model's
 * header/rows/totals read back by a CSV parser (report.csv-roundtrip), no text cell that
 * a spreadsheet would evaluate (report.csv-no-formula), one block with `table`, a file per
 * block with `files`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Report } from "@jiceng/core"
import { Csv } from "@jiceng/report-text"
import { Reports } from "@jiceng/testkit"
import { parse } from "csv-parse/sync"
import { Effect, FastCheck as fc } from "effect"
import * as Render from "./support/Render.js"

const records = (text: string): ReadonlyArray<ReadonlyArray<string>> =>
  parse(text, { bom: true, record_delimiter: "\r\n", relax_column_count: true, skip_empty_lines: false })

const headings = {
  zh: { figures: ["项目", "数值", "单位"], category: "类别" },
  en: { figures: ["Item", "Value", "Unit"], category: "Category" }
} as const

/** What a block's CSV holds, from the model: header, rows and totals, with each column's type. */
const expected = (block: Report.Block, lang: Report.Lang): {
  readonly header: ReadonlyArray<string>
  readonly types: ReadonlyArray<Report.ColumnType>
  readonly rows: ReadonlyArray<ReadonlyArray<Report.Cell>>
} => {
  switch (block._tag) {
    case "Table":
      return { header: block.columns.map((c) => c.label), types: block.columns.map((c) => c.type), rows: block.totals === null ? block.rows : [...block.rows, block.totals] }
    case "Figures":
      return { header: headings[lang].figures, types: ["text", "decimal", "text"], rows: block.items.map((f) => [f.label, f.value, f.unit]) }
    case "Chart":
      return {
        header: [headings[lang].category, ...block.series.map((s) => s.name)],
        types: ["text", ...block.series.map(() => "integer" as const)],
        rows: block.categories.map((c, k) => [c, ...block.series.map((s) => s.values[k]!)])
      }
  }
}

/** A field read back as the cell it stands for, given the model's cell (a number or text) and column type. */
const back = (field: string | undefined, model: Report.Cell, type: Report.ColumnType): Report.Cell => {
  if (field === undefined) return "<missing field>"
  if (model === null) return field === "" ? null : field
  if (typeof model === "number") return /^-?\d+(\.\d+)?$/.test(field) ? Number(field) : `<not a plain number: ${field}>`
  if (type === "datetime" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(field)) return field.replace(" ", "T")
  return Csv.restore(field)
}

/** -0 is written as 0. */
const normal = (cell: Report.Cell): Report.Cell => (cell === 0 ? 0 : cell)

/** Checks the records of one block from `at`, returning where the next block starts. */
const checkBlock = (got: ReadonlyArray<ReadonlyArray<string>>, at: number, block: Report.Block, lang: Report.Lang): number => {
  const { header, rows, types } = expected(block, lang)
  expect(got[at]?.map(Csv.restore)).toEqual(header)
  rows.forEach((row, r) => {
    const record = got[at + 1 + r]!
    expect(record.length).toBe(row.length)
    expect(row.map((cell, i) => back(record[i], cell, types[i]!))).toEqual(row.map(normal))
  })
  return at + 1 + rows.length
}

/** The first `n` code points of a text: a UTF-16 slice could split a pair, leaving a lone surrogate no UTF-8 file can carry. */
const clip = (text: string, n: number): string => Array.from(text).slice(0, n).join("")

const dangerous = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"] as const

/** What may come before a formula character and still leave it a formula: white space and apostrophes, in any order. */
const lead = fc.array(fc.constantFrom("", "'", " ", "\n", "\t", "\u3000", "\u00A0"), { maxLength: 4 }).map((parts) => parts.join(""))

/** Text that begins with each character a spreadsheet starts a formula with, after white space and apostrophes or not. */
const dangerText = fc.tuple(fc.constantFrom(...dangerous), lead, Reports.awkwardText).map(([c, before, t]) => clip(`${before}${c}${t}`, 200))

/** The formula characters, half- and full-width. */
const formulaCharacter = /[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/

/** Whether a spreadsheet may take a text for a formula (written apart from the back end's rule). */
const isDangerous = (text: string): boolean => {
  const rest = text.replace(/^[\s']*/, "")
  return (rest !== "" && formulaCharacter.test(rest[0]!)) || /^'*[\t\r]/.test(text)
}

/** A report whose every text — titles, labels, cells, units, categories, series — begins a formula. */
const dangerReport = fc.tuple(fc.constantFrom<Report.Lang>("zh", "en"), fc.array(dangerText, { minLength: 12, maxLength: 40 }), fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 10 }))
  .map(([lang, texts, numbers]) => {
    const t = (i: number) => texts[i % texts.length]!
    return Render.reportOf(lang, [{
      id: "s",
      title: t(0),
      blocks: [
        { _tag: "Figures", id: "f", title: t(1), items: [{ key: "a", label: t(2), value: t(3), unit: clip(t(4), 10), decimals: 0 }, { key: "b", label: t(5), value: numbers[0]!, unit: "", decimals: 0 }] },
        Report.table({
          id: "t",
          title: t(6),
          lang,
          columns: [{ key: "text", label: t(7), type: "text" }, { key: "n", label: t(8), type: "integer", total: true }, { key: "d", label: t(9), type: "date" }],
          rows: texts.map((text, i) => [text, numbers[i % numbers.length]!, t(i + 1)])
        }),
        { _tag: "Chart", id: "c", title: t(10), kind: "bar", categories: Array.from(new Set(texts)), series: [{ name: t(11), values: Array.from(new Set(texts), () => 1) }], unit: "" }
      ]
    }])
  })

/** Every field of a CSV that begins a formula: none should, but for a plain negative number. */
const formulas = (got: ReadonlyArray<ReadonlyArray<string>>) =>
  got.flat().filter((field) => (/^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(field) || /^[\t\r]/.test(field)) && !/^-\d+(\.\d+)?$/.test(field))

describe("Csv", () => {
  it.effect("the district sample: the BOM, CRLF lines, every block after a row naming its section and title and before an empty row", () =>
    Effect.gen(function*() {
      const csv = yield* Csv.make()
      expect([csv.name, csv.mediaType, csv.extension]).toEqual(["csv", "text/csv; charset=utf-8", "csv"])
      const bytes = yield* Render.bytes(csv.render(Reports.sample("zh")))
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = bytes.toString("utf8")
      expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/)
      expect(text.slice(1, 200).split("\r\n").slice(0, 8)).toEqual([
        "网格,概况",
        "项目,数值,单位",
        "网格总数,3726,个",
        "网格员,1500,人",
        "诉求办结率,85,%",
        "",
        "网格,各级网格数",
        "层级,网格数,服务时长（小时）,占比"
      ])
      // Plain numbers, shares as shares, the totals row as the model holds it.
      expect(text).toContain("\r\n街道,4,1200.5,0.001\r\n社区,124,35000.2,0.033\r\n小区,355,8000,0.095\r\n楼栋,3242,52000.7,0.87\r\n合计,3725,96201.4,\r\n\r\n")
      // Masked personal data as it is; a formula in a name neutralised.
      expect(text).toContain("\r\n'=1+1,131102********0035,137****0003,河北省衡水市桃城区***,2024-09-09,0\r\n合计,,,,,1710\r\n")
      expect(text.endsWith("已办结,612\r\n办理中,36\r\n逾期,72\r\n\r\n")).toBe(true)
    }))

  it.effect.prop("report.csv-roundtrip: a CSV parser reads back every block's header, rows and totals, each after its section and title and before an empty row", [Reports.report()], ([report]) =>
    Effect.gen(function*() {
      const csv = yield* Csv.make()
      const bytes = yield* Render.bytes(csv.render(report))
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const got = records(bytes.toString("utf8"))
      let at = 0
      for (const section of report.sections) {
        for (const block of section.blocks) {
          expect(got[at]?.map(Csv.restore)).toEqual([section.title, block.title])
          at = checkBlock(got, at + 1, block, report.lang)
          expect(got[at++]).toEqual([""])
        }
      }
      expect(at).toBe(got.length)
    }))

  it.effect.prop("report.csv-roundtrip: with `table`, the block alone — header, rows, totals — for each block of the report", [Reports.report()], ([report]) =>
    Effect.gen(function*() {
      for (const section of report.sections) {
        for (const block of section.blocks) {
          const csv = yield* Csv.make({ table: `${section.id}/${block.id}` })
          const bytes = yield* Render.bytes(csv.render(report))
          expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
          const got = records(bytes.toString("utf8"))
          expect(checkBlock(got, 0, block, report.lang)).toBe(got.length)
        }
      }
    }))

  it.effect.prop("report.csv-no-formula: no field of a random report's CSV begins a formula, but for a negative number", [Reports.report()], ([report]) =>
    Effect.gen(function*() {
      const csv = yield* Csv.make()
      expect(formulas(records(yield* Render.text(csv, report)))).toEqual([])
    }))

  it.effect.prop("report.csv-no-formula: text beginning with =, +, -, @ (after white space and apostrophes or not, or full-width), TAB or CR is neutralised by a leading ' and read back as written", [dangerReport], ([report]) =>
    Effect.gen(function*() {
      const csv = yield* Csv.make()
      const got = records(yield* Render.text(csv, report))
      expect(formulas(got)).toEqual([])
      const texts = got.flat().filter((field) => field.startsWith("'"))
      expect(texts.length).toBeGreaterThan(0)
      for (const field of texts) expect(Csv.neutralise(Csv.restore(field))).toBe(field)
      let at = 0
      for (const block of report.sections[0]!.blocks) at = checkBlock(got, at + 1, block, report.lang) + 1
      expect(at).toBe(got.length)
    }))

  it.prop("report.csv-no-formula: neutralise prefixes exactly the dangerous texts and restore undoes it; no field it gives begins, after white space, with a formula character", [fc.oneof(dangerText, Reports.awkwardText, fc.string(), fc.tuple(lead, fc.string()).map(([a, b]) => a + b))], ([text]) => {
    const field = Csv.neutralise(text)
    expect(/^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(field)).toBe(false)
    expect(/^[\t\r]/.test(field)).toBe(false)
    expect(Csv.restore(field)).toBe(text)
    expect(field === text).toBe(!isDangerous(text))
  })

  it("report.csv-no-formula: a formula after white space or apostrophes, or full-width, is neutralised (found in review)", () => {
    for (const text of [" =1+1", "\n=1+1", "' =1", "＝1+1", "＋86", "－5", "＠SUM(A1)", "\u3000=1", "' \n'＝1"]) {
      expect(Csv.neutralise(text)).toBe(`'${text}`)
      expect(Csv.restore(Csv.neutralise(text))).toBe(text)
    }
    for (const text of ["a=1", " a", "'a", "1-2", "'", " "]) expect(Csv.neutralise(text)).toBe(text)
  })

  it.prop("report.csv-roundtrip: a number is written in plain decimal notation that reads back as the same number", [fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer())], ([n]) => {
    const written = Csv.field(n, "decimal")
    expect(written).toMatch(/^-?\d+(\.\d+)?$/)
    expect(Number(written)).toBe(n === 0 ? 0 : n)
  })

  it.effect("a number is a number, the same text is neutralised: -5 stays, '-5 is text; dates and date-times as spreadsheets read them", () =>
    Effect.gen(function*() {
      const csv = yield* Csv.make()
      const table = Report.table({
        id: "t",
        title: "表",
        lang: "zh",
        columns: [
          { key: "n", label: "数", type: "decimal", decimals: 2 },
          { key: "text", label: "文本", type: "text" },
          { key: "day", label: "日期", type: "date" },
          { key: "at", label: "时间", type: "datetime" }
        ],
        rows: [
          [-5, "-5", "2024-03-01", "2024-03-01T08:30"],
          [0.0000001, "+86 138", "不是日期", "=NOW()"],
          [1e21, "a,\"b\"\r\nc", null, null]
        ]
      })
      const text = yield* Render.text(csv, Render.reportOf("zh", [{ id: "s", title: "节", blocks: [table] }]))
      expect(text.split("\r\n").slice(1, 6)).toEqual([
        "数,文本,日期,时间",
        "-5,'-5,2024-03-01,2024-03-01 08:30",
        "0.0000001,'+86 138,不是日期,'=NOW()",
        "1000000000000000000000,\"a,\"\"b\"\"",
        "c\",,"
      ])
    }))

  it.effect("files: one file per block, named <section>.<block>.csv, each what `table` writes", () =>
    Effect.gen(function*() {
      const report = Reports.sample("en")
      const files = Csv.files(report)
      expect(files.map((f) => f.name)).toEqual([
        "grids.grid-figures.csv",
        "grids.grids-per-level.csv",
        "grids.grids-chart.csv",
        "volunteers.minutes-per-month.csv",
        "volunteers.roster.csv",
        "development.funnel.csv",
        "development.demand-resolution.csv"
      ])
      for (const file of files) {
        const [section, block] = file.name.split(".")
        const one = yield* Csv.make({ table: `${section}/${block}` })
        expect((yield* Render.bytes(file.stream)).equals(yield* Render.bytes(one.render(report)))).toBe(true)
      }
      const roster = (yield* Render.bytes(files[4]!.stream)).toString("utf8")
      expect(roster).toBe(
        "\uFEFFName,ID number,Phone,Address,Joined,Minutes\r\n" +
          "王伟,131102********0012,138****0001,河北省衡水市桃城区***,2023-03-01,1230\r\n" +
          "李娜,131102********002X,139****0002,河北省衡水市桃城区***,2024-06-15,480\r\n" +
          "'=1+1,131102********0035,137****0003,河北省衡水市桃城区***,2024-09-09,0\r\n" +
          "Total,,,,,1710\r\n"
      )
    }))

  it.effect("a table is picked by its id, or by section and id when two sections hold it; an unknown or ambiguous one fails before any byte", () =>
    Effect.gen(function*() {
      const t = (title: string) => Report.table({ id: "t", title, lang: "zh", columns: [{ key: "a", label: "甲", type: "integer" }], rows: [[1]] })
      const report = Render.reportOf("zh", [{ id: "one", title: "一", blocks: [t("表一")] }, { id: "two", title: "二", blocks: [t("表二")] }])
      const ambiguous = yield* Render.refusal((yield* Csv.make({ table: "t" })).render(report))
      expect(ambiguous.emitted).toBe(0)
      expect(ambiguous.error?.message).toBe("option table: the sections \"one\", \"two\" each hold a block \"t\": name one as \"<section>/t\"")
      const missing = yield* Render.refusal((yield* Csv.make({ table: "nothing" })).render(report))
      expect([missing.emitted, missing.error?._tag, missing.error?.backend, missing.error?.message]).toEqual([0, "ReportError", "csv", "option table: the report has no block \"nothing\""])
      expect(yield* Render.text(yield* Csv.make({ table: "two/t" }), report)).toBe("\uFEFF甲\r\n1\r\n")
    }))

  it.effect("a large roster is written in chunks as it is produced, not as one piece", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: 20_000 }, (_, i) => [`住户${i}`, "131102********0012", i])
      const table = Report.table({
        id: "roster",
        title: "名册",
        lang: "zh",
        columns: [{ key: "name", label: "户", type: "text" }, { key: "id", label: "身份证号", type: "text", personal: "citizen-id" }, { key: "n", label: "序号", type: "integer", total: true }],
        rows
      })
      const chunks = yield* Render.chunks((yield* Csv.make()).render(Render.reportOf("zh", [{ id: "s", title: "节", blocks: [table] }])))
      expect(chunks.length).toBeGreaterThan(20)
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000)
      expect(Buffer.concat(chunks).toString("utf8").split("\r\n").length).toBe(20_000 + 5)
    }))
})
