/**
 * Report models for the report back ends' tests: random ones (awkward text — CJK,
 * quotes, separators, line breaks, cells that begin a formula —, every column type,
 * personal-data columns, empty tables, charts of every kind) and a fixed sample shaped
 * like a district summary. Every model is valid under `Report.Report` and its totals are
 * `Report.totals` of its rows.
 *
 * @since 0.7.0
 */
import { Report } from "@jiceng/core"
import { FastCheck as fc } from "effect"

const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/)

/**
 * Text a back end must carry as it is: Chinese, quotes, commas, semicolons, tabs,
 * line breaks, markup, text that begins with a formula character (after spaces or
 * apostrophes too, or full-width), addresses a Markdown renderer would link, and
 * characters XML and HTML forbid (U+0000 and other controls, noncharacters).
 *
 * @since 0.7.0
 * @category arbitraries
 */
export const awkwardText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "桃城区", "河西街道明珠社区", "志愿服务\"时长\"", "a,b;c\td", "第一行\n第二行", "<script>alert(1)</script>", "| 竖线 |",
    "=1+1", "+86 138", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")", " 前后空格 ", "", "𠀋𠀌", "**加粗**", "# 标题", "\r\n",
    " =1+1", "\n=1+1", "' =1", "＝1+1", "＋86", "－5", "＠SUM(A1)", "http://evil.example/x", "<http://evil.example>",
    "www.evil.example", "a@b.example", "nul\u0000x", "\u0001\u001F\u007F\u0085", "\uFFFE\uFFFF", "\uFDD0\uFDEF", "\u{1FFFF}"
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 12 })
)

const cellOf = (column: Report.Column): fc.Arbitrary<Report.Cell> => {
  switch (column.type) {
    case "integer":
      return fc.oneof(fc.integer({ min: -1_000_000, max: 100_000_000 }), fc.constant(null))
    case "decimal": {
      const scale = 10 ** column.decimals
      return fc.oneof(fc.integer({ min: -10_000_000, max: 100_000_000 }).map((n) => n / scale), fc.constant(null))
    }
    case "percent": {
      const scale = 10 ** (column.decimals + 2)
      return fc.oneof(fc.integer({ min: 0, max: scale }).map((n) => n / scale), fc.constant(null))
    }
    case "date":
      return fc.oneof(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constant(null))
    case "datetime":
      return fc.oneof(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16)), fc.constant(null))
    case "text":
      return column.personal === null ? fc.oneof(awkwardText, fc.constant(null)) : personalValue(column.personal)
  }
}

/**
 * A value of personal data, as a model holds it masked (`110105********0012`,
 * `138****0000`, `河北省衡水市桃城区***`).
 *
 * @since 0.7.0
 * @category arbitraries
 */
export const personalValue = (kind: Report.Personal): fc.Arbitrary<string> => {
  switch (kind) {
    case "citizen-id":
      return fc.stringMatching(/^\d{6}\*{8}\d{3}[\dX]$/)
    case "phone":
      return fc.stringMatching(/^1\d{2}\*{4}\d{4}$/)
    case "address":
      return fc.constantFrom("河北省衡水市桃城区***", "河西街道明珠社区***")
  }
}

const column: fc.Arbitrary<Report.Column> = fc.record({
  key,
  label: awkwardText.map((s) => s.slice(0, 200)),
  type: fc.constantFrom<Report.ColumnType>("text", "integer", "decimal", "percent", "date", "datetime"),
  decimals: fc.integer({ min: 0, max: 3 }),
  total: fc.boolean(),
  personal: fc.option(fc.constantFrom<Report.Personal>("citizen-id", "phone", "address"), { nil: null })
}).map((c) => ({
  ...c,
  decimals: c.type === "decimal" || c.type === "percent" ? c.decimals : 0,
  total: c.total && (c.type === "integer" || c.type === "decimal"),
  personal: c.type === "text" ? c.personal : null
}))

/**
 * A table: 1 to 8 columns (unique keys), 0 to `maxRows` rows, its totals computed.
 *
 * @since 0.7.0
 * @category arbitraries
 */
export const table = (lang: Report.Lang, maxRows = 40): fc.Arbitrary<Report.Table> =>
  fc.tuple(key, awkwardText, fc.uniqueArray(column, { minLength: 1, maxLength: 8, selector: (c) => c.key }), fc.option(awkwardText, { nil: null }))
    .chain(([id, title, columns, note]) =>
      fc.array(fc.tuple(...columns.map(cellOf)), { maxLength: maxRows }).map((rows) =>
        Report.table({ id, title: title.slice(0, 200), lang, columns, rows, note })
      )
    )

const figures: fc.Arbitrary<Report.Figures> = fc.record({
  _tag: fc.constant("Figures" as const),
  id: key,
  title: awkwardText,
  items: fc.uniqueArray(
    fc.record({
      key,
      label: awkwardText,
      value: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), awkwardText, fc.constant(null)),
      unit: fc.constantFrom("人", "个", "小时", "%", "件次", ""),
      decimals: fc.integer({ min: 0, max: 2 })
    }),
    { minLength: 1, maxLength: 10, selector: (f) => f.key }
  )
})

const chart: fc.Arbitrary<Report.Chart> = fc.tuple(
  key,
  awkwardText,
  fc.constantFrom<Report.Chart["kind"]>("bar", "line", "funnel", "pie"),
  fc.uniqueArray(awkwardText, { maxLength: 12 })
).chain(([id, title, kind, categories]) =>
  fc.array(
    fc.record({ name: awkwardText, values: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: categories.length, maxLength: categories.length }) }),
    { minLength: 1, maxLength: kind === "bar" || kind === "line" ? 3 : 1 }
  ).map((series) => ({ _tag: "Chart" as const, id, title, kind, categories, series, unit: "人" }))
)

/**
 * A report in a language: 1 to 4 sections of figures, tables and charts, with unique
 * section and block ids.
 *
 * @since 0.7.0
 * @category arbitraries
 */
export const report = (options: { readonly maxRows?: number } = {}): fc.Arbitrary<Report.Report> =>
  fc.constantFrom<Report.Lang>("zh", "en").chain((lang) =>
    fc.record({
      kind: key,
      title: awkwardText,
      lang: fc.constant(lang),
      tenant: fc.constantFrom("131102", "371302"),
      scope: fc.record({ gridCode: fc.option(fc.constantFrom("131102", "131102001"), { nil: null }), name: awkwardText }),
      period: fc.oneof(
        fc.constant({ _tag: "Day" as const, at: "2024-12-31" }),
        fc.constant({ _tag: "Range" as const, from: "2024-01-01", to: "2025-01-01" })
      ),
      generatedAt: fc.constant("2025-01-02T09:00:00+08:00"),
      rounding: awkwardText,
      masked: fc.boolean(),
      sections: fc.uniqueArray(
        fc.record({
          id: key,
          title: awkwardText,
          blocks: fc.uniqueArray(fc.oneof(figures, table(lang, options.maxRows), chart), { maxLength: 4, selector: (b) => b.id })
        }),
        { minLength: 1, maxLength: 4, selector: (s) => s.id }
      )
    })
  )

/**
 * A fixed report shaped like a district summary (figures, a table per level with
 * totals, a roster with masked personal data, a bar, a line, a funnel and a pie chart),
 * in a language.
 *
 * @since 0.7.0
 * @category constructors
 */
export const sample = (lang: Report.Lang = "zh"): Report.Report => {
  const zh = lang === "zh"
  return {
    kind: "district-summary",
    title: zh ? "桃城区党建引领基层治理报表" : "Taocheng district: party-led grassroots governance",
    lang,
    tenant: "131102",
    scope: { gridCode: "131102", name: zh ? "桃城区" : "Taocheng" },
    period: { _tag: "Range", from: "2024-01-01", to: "2025-01-01" },
    generatedAt: "2025-01-02T09:00:00+08:00",
    rounding: zh ? "时长按分钟累计，以小时显示时保留一位小数（四舍五入）；比率保留一位小数。" : "Durations are summed in minutes and shown in hours to one decimal (half up); shares to one decimal.",
    masked: true,
    sections: [
      {
        id: "grids",
        title: zh ? "网格" : "Grids",
        blocks: [
          {
            _tag: "Figures",
            id: "grid-figures",
            title: zh ? "概况" : "Overview",
            items: [
              { key: "grids", label: zh ? "网格总数" : "Grids", value: 3726, unit: zh ? "个" : "", decimals: 0 },
              { key: "workers", label: zh ? "网格员" : "Grid workers", value: 1500, unit: zh ? "人" : "", decimals: 0 },
              { key: "resolved", label: zh ? "诉求办结率" : "Demands resolved", value: 85, unit: "%", decimals: 1 }
            ]
          },
          Report.table({
            id: "grids-per-level",
            title: zh ? "各级网格数" : "Grids per level",
            lang,
            columns: [
              { key: "level", label: zh ? "层级" : "Level", type: "text" },
              { key: "grids", label: zh ? "网格数" : "Grids", type: "integer", total: true },
              { key: "hours", label: zh ? "服务时长（小时）" : "Service hours", type: "decimal", decimals: 1, total: true },
              { key: "share", label: zh ? "占比" : "Share", type: "percent", decimals: 1 }
            ],
            rows: [
              [zh ? "街道" : "Street", 4, 1200.5, 0.001],
              [zh ? "社区" : "Community", 124, 35000.2, 0.033],
              [zh ? "小区" : "Compound", 355, 8000, 0.095],
              [zh ? "楼栋" : "Block", 3242, 52000.7, 0.87]
            ]
          }),
          {
            _tag: "Chart",
            id: "grids-chart",
            title: zh ? "各级网格数" : "Grids per level",
            kind: "bar",
            categories: zh ? ["街道", "社区", "小区", "楼栋"] : ["Street", "Community", "Compound", "Block"],
            series: [{ name: zh ? "网格数" : "Grids", values: [4, 124, 355, 3242] }],
            unit: zh ? "个" : ""
          }
        ]
      },
      {
        id: "volunteers",
        title: zh ? "志愿服务" : "Volunteer service",
        blocks: [
          {
            _tag: "Chart",
            id: "minutes-per-month",
            title: zh ? "每月服务时长" : "Service hours per month",
            kind: "line",
            categories: Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
            series: [{ name: zh ? "小时" : "Hours", values: [820, 760, 900, 1100, 1300, 1250, 980, 1010, 1400, 1350, 1200, 1500] }],
            unit: zh ? "小时" : "h"
          },
          Report.table({
            id: "roster",
            title: zh ? "志愿者名册" : "Volunteer roster",
            lang,
            columns: [
              { key: "name", label: zh ? "姓名" : "Name", type: "text" },
              { key: "citizen-id", label: zh ? "身份证号" : "ID number", type: "text", personal: "citizen-id" },
              { key: "phone", label: zh ? "联系电话" : "Phone", type: "text", personal: "phone" },
              { key: "address", label: zh ? "住址" : "Address", type: "text", personal: "address" },
              { key: "joined", label: zh ? "加入日期" : "Joined", type: "date" },
              { key: "minutes", label: zh ? "服务时长（分钟）" : "Minutes", type: "integer", total: true }
            ],
            rows: [
              ["王伟", "131102********0012", "138****0001", "河北省衡水市桃城区***", "2023-03-01", 1230],
              ["李娜", "131102********002X", "139****0002", "河北省衡水市桃城区***", "2024-06-15", 480],
              ["=1+1", "131102********0035", "137****0003", "河北省衡水市桃城区***", "2024-09-09", 0]
            ],
            note: zh ? "个人信息已脱敏。" : "Personal data masked."
          })
        ]
      },
      {
        id: "development",
        title: zh ? "发展党员" : "Member development",
        blocks: [
          {
            _tag: "Chart",
            id: "funnel",
            title: zh ? "发展党员漏斗" : "Development funnel",
            kind: "funnel",
            categories: zh ? ["入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员"] : ["Applicants", "Activists", "Candidates", "Probationary", "Full"],
            series: [{ name: zh ? "人数" : "People", values: [120, 80, 30, 15, 12] }],
            unit: zh ? "人" : ""
          },
          {
            _tag: "Chart",
            id: "demand-resolution",
            title: zh ? "诉求办理情况" : "Demand resolution",
            kind: "pie",
            categories: zh ? ["已办结", "办理中", "逾期"] : ["Resolved", "In progress", "Overdue"],
            series: [{ name: zh ? "件" : "Demands", values: [612, 36, 72] }],
            unit: zh ? "件" : ""
          }
        ]
      }
    ]
  }
}
