/**
 * The Markdown back end: every row of the model is one pipe-table line with one cell
 * per column, its text read back as written (report.markdown-rows), and the district
 * sample as it reads in zh.
 */
import { describe, expect, it } from "@effect/vitest"
import { Report, ReportBackend } from "@jiceng/core"
import { Markdown } from "@jiceng/report-text"
import { Reports } from "@jiceng/testkit"
import { Effect, FastCheck as fc } from "effect"
import { marked } from "marked"
import * as Render from "./support/Render.js"

/** Text GFM would make a link of, among other text. */
const linkText = fc.tuple(
  fc.constantFrom("", "见 ", "(", "*", "_", "~", " "),
  fc.constantFrom("http://evil.example/x?a=1&b=2", "https://a.example", "www.evil.example", "WWW.evil.example", "a@b.example", "<http://evil.example>", "<a@b.example>", "ftp://x.example", "mailto:a@b.example"),
  fc.constantFrom("", " 后文", ")", "*", ".")
).map(([a, b, c]) => a + b + c)

/** The text an HTML fragment shows: `<br>` a line break, references decoded. */
const htmlText = (html: string) =>
  html
    .replace(/<br>/g, "\n")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot));/gi, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
      dec !== undefined ? String.fromCodePoint(Number(dec)) : hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: "&", lt: "<", gt: ">", quot: "\"" } as Record<string, string>)[name!]!)

/** A table line's cells as GFM splits them: on every pipe that no backslash escapes. */
const cells = (line: string): ReadonlyArray<string> => line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim())

/** The character references `inline` writes, and what they show. */
const references: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&#58;": ":", "&#46;": ".", "&#64;": "@" }

/** Inline Markdown as the text it shows: backslash escapes undone, references decoded, `<br>` a line break. */
const shown = (markdown: string) =>
  markdown.replace(/\\(.)|<br>|&(?:lt|gt|#58|#46|#64);/gs, (found, c: string | undefined) => c ?? (found === "<br>" ? "\n" : references[found]!))

/** The model's text as Markdown shows it: trimmed, line breaks as LF. */
/** Text as a document shows it: characters no document may hold as U+FFFD, then trimmed, line breaks as LF. */
const asWritten = (text: string) => ReportBackend.printable(text).trim().replace(/\r\n|\r/g, "\n")

/** The runs of consecutive table lines of a document. */
const tables = (text: string): ReadonlyArray<ReadonlyArray<string>> => {
  const runs: Array<Array<string>> = []
  let previous = false
  for (const line of text.split("\n")) {
    const table = line.startsWith("|")
    if (table && !previous) runs.push([])
    if (table) runs[runs.length - 1]!.push(line)
    previous = table
  }
  return runs
}

const zhSample = `# 桃城区党建引领基层治理报表

范围：桃城区（131102） · 期间：2024-01-01 至 2025-01-01（不含） · 生成时间：2025-01-02 09:00:00 +08:00 · 取整：时长按分钟累计，以小时显示时保留一位小数（四舍五入）；比率保留一位小数。 · 个人信息：已脱敏

## 网格

### 概况

- 网格总数：3726个
- 网格员：1500人
- 诉求办结率：85.0%

### 各级网格数

| 层级 | 网格数 | 服务时长（小时） | 占比 |
| --- | ---: | ---: | ---: |
| 街道 | 4 | 1200.5 | 0.1% |
| 社区 | 124 | 35000.2 | 3.3% |
| 小区 | 355 | 8000.0 | 9.5% |
| 楼栋 | 3242 | 52000.7 | 87.0% |
| **合计** | **3725** | **96201.4** |  |

### 各级网格数

柱状图，单位：个。图形见 HTML 报表。

| 类别 | 网格数 |
| --- | ---: |
| 街道 | 4 |
| 社区 | 124 |
| 小区 | 355 |
| 楼栋 | 3242 |

## 志愿服务

### 每月服务时长

折线图，单位：小时。图形见 HTML 报表。

| 类别 | 小时 |
| --- | ---: |
| 2024-01 | 820 |
| 2024-02 | 760 |
| 2024-03 | 900 |
| 2024-04 | 1100 |
| 2024-05 | 1300 |
| 2024-06 | 1250 |
| 2024-07 | 980 |
| 2024-08 | 1010 |
| 2024-09 | 1400 |
| 2024-10 | 1350 |
| 2024-11 | 1200 |
| 2024-12 | 1500 |

### 志愿者名册

| 姓名 | 身份证号 | 联系电话 | 住址 | 加入日期 | 服务时长（分钟） |
| --- | --- | --- | --- | --- | ---: |
| 王伟 | 131102\\*\\*\\*\\*\\*\\*\\*\\*0012 | 138\\*\\*\\*\\*0001 | 河北省衡水市桃城区\\*\\*\\* | 2023-03-01 | 1230 |
| 李娜 | 131102\\*\\*\\*\\*\\*\\*\\*\\*002X | 139\\*\\*\\*\\*0002 | 河北省衡水市桃城区\\*\\*\\* | 2024-06-15 | 480 |
| \\=1+1 | 131102\\*\\*\\*\\*\\*\\*\\*\\*0035 | 137\\*\\*\\*\\*0003 | 河北省衡水市桃城区\\*\\*\\* | 2024-09-09 | 0 |
| **合计** |  |  |  |  | **1710** |

个人信息已脱敏。

## 发展党员

### 发展党员漏斗

漏斗图，单位：人。图形见 HTML 报表。

| 类别 | 人数 |
| --- | ---: |
| 入党申请人 | 120 |
| 入党积极分子 | 80 |
| 发展对象 | 30 |
| 预备党员 | 15 |
| 正式党员 | 12 |

### 诉求办理情况

饼图，单位：件。图形见 HTML 报表。

| 类别 | 件 |
| --- | ---: |
| 已办结 | 612 |
| 办理中 | 36 |
| 逾期 | 72 |
`

describe("Markdown", () => {
  it.effect("the district sample in zh: title, the line about it, sections, figures, tables with totals in bold, charts as their data", () =>
    Effect.gen(function*() {
      const markdown = yield* Markdown.make()
      expect([markdown.name, markdown.mediaType, markdown.extension]).toEqual(["markdown", "text/markdown; charset=utf-8; variant=GFM", "md"])
      expect(yield* Render.text(markdown, Reports.sample("zh"))).toBe(zhSample)
    }))

  it.effect("in en, with the title at level 2: the line about it, units after a space, charts noted", () =>
    Effect.gen(function*() {
      const text = yield* Render.text(yield* Markdown.make({ headingLevel: 2 }), Reports.sample("en"))
      const lines = text.split("\n")
      expect(lines.slice(0, 3)).toEqual([
        "## Taocheng district: party-led grassroots governance",
        "",
        "Scope: Taocheng (131102) · Period: 2024-01-01 to 2025-01-01 (exclusive) · Generated: 2025-01-02 09:00:00 +08:00 · Rounding: Durations are summed in minutes and shown in hours to one decimal (half up); shares to one decimal. · Personal data: masked"
      ])
      expect(lines).toContain("### Grids")
      expect(lines).toContain("#### Overview")
      expect(lines).toContain("- Demands resolved: 85.0%")
      expect(lines).toContain("Line chart, unit: h. The chart itself is drawn in the HTML report.")
      expect(lines).toContain("| **Total** |  |  |  |  | **1710** |")
    }))

  it.effect.prop("report.markdown-rows: every row of a table or chart of the model is one table line with one cell per column, its text shown as written", [Reports.report()], ([report]) =>
    Effect.gen(function*() {
      const runs = tables(yield* Render.text(yield* Markdown.make(), report))
      const blocks = report.sections.flatMap((s) => s.blocks).filter((b) => b._tag !== "Figures")
      expect(runs.length).toBe(blocks.length)
      blocks.forEach((block, b) => {
        const run = runs[b]!
        const header = block._tag === "Table" ? block.columns.map((c) => c.label) : ["", ...block.series.map((s) => s.name)]
        const rows = block._tag === "Table"
          ? block.rows
          : block.categories.map((c, k) => [c, ...block.series.map((s) => s.values[k]!)])
        const totals = block._tag === "Table" && block.totals !== null ? 1 : 0
        expect(run.length).toBe(2 + rows.length + totals)
        for (const line of run) expect(cells(line).length).toBe(header.length)
        expect(cells(run[0]!).slice(1).map(shown)).toEqual(header.slice(1).map(asWritten))
        rows.forEach((row, r) => {
          const got = cells(run[2 + r]!)
          row.forEach((cell, i) => {
            if (typeof cell === "string" && !(block._tag === "Table" && block.columns[i]!.type === "datetime")) {
              expect(shown(got[i]!)).toBe(asWritten(cell))
            }
            if (cell === null) expect(got[i]).toBe("")
          })
        })
      })
    }))

  it.prop("report.markdown-rows: inline text never starts a block, never holds markup or a raw line break, and shows as written", [fc.oneof(Reports.awkwardText, fc.string(), fc.constantFrom("- a", "+ b", "1. c", "2) d", "> e", "===", "```", "\\|", "a\\", "$x$", "&amp;", "~~s~~", "[l](http://x)"))], ([text]) => {
    const md = Markdown.inline(text)
    expect(md).not.toMatch(/[\r\n]/)
    expect(md).not.toMatch(/^([-+=>#]|\d+[.)]|`|\s)/)
    expect(md.replaceAll("<br>", "").replace(/&(?:lt|gt|#58|#46|#64);/g, "")).not.toMatch(/(?<!\\)[<>*_`[\]|~&$]/)
    expect(shown(md)).toBe(asWritten(text))
    // Nothing GFM would autolink: no `://`, no `www.`, no `@` but as references.
    expect(md).not.toMatch(/:\/\/|www\.|@/i)
  })

  it.prop("report.markdown-rows: a Markdown renderer (marked, GFM) shows inline text as written, with no link, tag or emphasis", [fc.oneof(Reports.awkwardText, fc.string(), linkText)], ([text]) => {
    const html = marked.parseInline(`${Markdown.inline(text)}`, { gfm: true, async: false }) as string
    expect(html).not.toMatch(/<(?!br>)/)
    // Characters no document may hold are written as U+FFFD (renderers differ on them).
    expect(htmlText(html)).toBe(asWritten(text))
  })

  it("report.markdown-rows: addresses stay text — no autolink of http://, www., e-mail addresses, <…> (found in review)", () => {
    for (const text of ["http://evil.example/x", "see https://evil.example", "www.evil.example", "(www.evil.example)", "a@b.example", "mailto:a@b.example", "<http://evil.example>", "*http://x.example*"]) {
      const md = Markdown.inline(text)
      const html = marked.parseInline(md, { gfm: true, async: false }) as string
      expect(html, md).not.toContain("<a")
      expect(htmlText(html)).toBe(text)
    }
    expect(Markdown.inline("<http://evil.example>")).toBe("&lt;http&#58;//evil.example&gt;")
  })

  it.effect("numbers with their column's places, shares as percentages, date-times with a space, an empty cell empty", () =>
    Effect.gen(function*() {
      const table = Report.table({
        id: "t",
        title: "表",
        lang: "zh",
        columns: [
          { key: "i", label: "整数", type: "integer", total: true },
          { key: "d", label: "小数", type: "decimal", decimals: 2, total: true },
          { key: "p", label: "比率", type: "percent", decimals: 1 },
          { key: "at", label: "时间", type: "datetime" },
          { key: "x", label: "文本", type: "text" }
        ],
        rows: [[-5, 0.5, 0.125, "2024-03-01T08:30", null], [1200, 1e-7, 1, null, "第一行\r\n第二行 | *强调*"]]
      })
      const text = yield* Render.text(yield* Markdown.make(), Render.reportOf("zh", [{ id: "s", title: "节", blocks: [table] }]))
      expect(text.split("\n").filter((l) => l.startsWith("|"))).toEqual([
        "| 整数 | 小数 | 比率 | 时间 | 文本 |",
        "| ---: | ---: | ---: | --- | --- |",
        "| -5 | 0.50 | 12.5% | 2024-03-01 08:30 |  |",
        "| 1200 | 0.00 | 100.0% |  | 第一行<br>第二行 \\| \\*强调\\* |",
        "| **1195** | **0.50** |  |  |  |"
      ])
    }))
})
