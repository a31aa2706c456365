import { describe, expect, it } from "@effect/vitest"
import { Report } from "@jiceng/core"
import { Html } from "@jiceng/report-html"
import { Reports } from "@jiceng/testkit"
import { Effect, FastCheck as fc, Ref, Stream } from "effect"
import * as Markup from "./support/Markup.js"
import * as Render from "./support/Render.js"
import { charts, escaped, render, tables, texts } from "./support/Render.js"

/** The elements a page may hold: the page's own, and what ECharts draws in SVG. */
const allowedElements = new Set([
  "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "dl", "dt", "dd", "span", "time", "nav",
  "ol", "li", "a", "main", "section", "div", "ul", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "p",
  "figure", "footer",
  "svg", "g", "rect", "path", "text", "tspan", "circle", "defs", "clipPath", "polyline", "polygon", "line"
])

/** The attributes a page may hold. */
const allowedAttributes = new Set([
  "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "aria-label", "scope", "colspan", "datetime",
  "role",
  "width", "height", "xmlns", "xmlns:xlink", "version", "baseProfile", "viewBox", "x", "y", "d", "fill", "fill-opacity",
  "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
  "stroke-dashoffset", "opacity", "pointer-events", "transform", "style", "dominant-baseline", "text-anchor", "paint-order",
  "xml:space", "clip-path", "cx", "cy", "r", "points", "x1", "y1", "x2", "y2", "ecmeta_series_index", "ecmeta_data_index",
  "ecmeta_ssr_type", "ecmeta_silent"
])

/** Elements that load or run something: none may appear. */
const active = ["script", "iframe", "object", "embed", "img", "image", "link", "use", "foreignObject", "audio", "video", "source", "base", "form"]

const reports = Reports.report({ maxRows: 12 })

describe("Html", () => {
  it.effect.prop(
    "report.html-escaped: the page is well formed, has no script, no element or attribute but the allowed ones, and shows every text of the model escaped",
    [reports],
    ([report]) =>
      Effect.gen(function*() {
        const html = yield* render(report)
        const root = Markup.parse(html)
        expect(html.toLowerCase()).not.toContain("<script")
        for (const element of Markup.elements(root)) {
          expect(allowedElements, `element <${element.name}>`).toContain(element.name)
          for (const name of element.attrs.keys()) expect(allowedAttributes, `attribute ${name} of <${element.name}>`).toContain(name)
        }
        // Every table cell's text, escaped, is a cell of the page.
        for (const table of tables(report)) {
          for (const cells of [...table.rows, ...(table.totals === null ? [] : [table.totals])]) {
            for (const cell of cells) {
              if (typeof cell === "string") expect(html).toContain(`">${escaped(cell)}</td>`)
            }
          }
        }
        // Every other text too (an SVG splits a text at its line breaks, into lines).
        for (const text of texts(report)) {
          for (const line of text.split(/\r\n|\r|\n/)) expect(html).toContain(escaped(line))
        }
        // The same model gives the same bytes.
        expect(yield* render(report)).toBe(html)
      }),
    { fastCheck: { numRuns: 60 } }
  )

  it.effect("report.html-escaped: a title holding replacement patterns ($&, $', $`) is text (found with seed 1493185410)", () =>
    Effect.gen(function*() {
      const sample = Reports.sample("en")
      const chart = { ...charts(sample)[0]!, title: "$&$'$`<i>" }
      const html = yield* render({ ...sample, sections: [{ id: "s", title: "$&", blocks: [chart] }] })
      Markup.parse(html)
      expect(html).toContain(`aria-label="${escaped(chart.title)}"`)
      expect(html).toContain(`>${escaped(chart.title)}</text>`)
    }))

  it.effect("report.html-escaped: U+0000, the other controls but TAB, LF and CR, and noncharacters are shown as U+FFFD, in the page and in the charts, so the page stays well formed (found in review)", () =>
    Effect.gen(function*() {
      const awkward = ["\u0000", "\u0001", "\u000B", "\u000C", "\u001F", "\u007F", "\u0085", "\uFDD0", "\uFDEF", "\uFFFE", "\uFFFF", "\u{1FFFE}", "\u{10FFFF}"]
      const text = `甲${awkward.join("")}乙\t丙`
      const sample = Reports.sample("zh")
      const chart = { ...charts(sample)[0]!, title: text, categories: charts(sample)[0]!.categories.map((c) => `${c}${text}`) }
      const table = Report.table({ id: "t", title: text, lang: "zh", columns: [{ key: "a", label: text, type: "text" }], rows: [[text]], note: text })
      const html = yield* render({ ...sample, title: text, rounding: text, sections: [{ id: "s", title: text, blocks: [table, chart] }] })
      Markup.parse(html)
      const replaced = `甲${"\uFFFD".repeat(awkward.length)}乙\t丙`
      expect(Markup.text(Markup.all(Markup.parse(html), "title")[0]!)).toBe(replaced)
      expect(html).toContain(`<td class="text">${replaced}</td>`)
      expect(html).toContain(`>${replaced}</text>`)
      for (const char of awkward) expect(html).not.toContain(char)
    }))

  it.effect("report.html-escaped: charts whose title, categories and series are named like Object.prototype's members (__proto__, hasOwnProperty …) are drawn, and change nothing in the process", () =>
    Effect.gen(function*() {
      const names = Object.getOwnPropertyNames(Object.prototype)
      const builtIns = () => [Object.prototype, Object, Function.prototype].map((o) => Object.getOwnPropertyNames(o).sort().join())
      const before = builtIns()
      const values = [10, 20, 30, 40]
      const blocks: ReadonlyArray<Report.Chart> = (["bar", "line", "funnel", "pie"] as const).flatMap((kind) =>
        names.map((name, n) => ({
          _tag: "Chart" as const,
          id: `${kind}-${n}`,
          title: name,
          kind,
          categories: [name, names[(n + 1) % names.length]!, `x\n${name}`, ""],
          series: kind === "bar" || kind === "line" ? [{ name, values }, { name: "__proto__", values }] : [{ name, values }],
          unit: ""
        }))
      )
      const html = yield* render({ ...Reports.sample("en"), sections: [{ id: "s", title: "S", blocks }] })
      expect(builtIns()).toEqual(before)
      const svgs = Markup.all(Markup.parse(html), "svg")
      expect(svgs.length).toBe(blocks.length)
      for (const [i, svg] of svgs.entries()) {
        for (const name of blocks[i]!.categories.slice(0, 2)) expect(Markup.text(svg)).toContain(name)
      }
    }))

  it.effect.prop(
    "report.html-offline: nothing that loads or runs — no script, image, frame or link element, no address but #anchors, no url() in styles — and a policy forbidding it",
    [reports],
    ([report]) =>
      Effect.gen(function*() {
        const root = Markup.parse(yield* render(report))
        const all = Markup.elements(root)
        for (const name of active) expect(Markup.all(root, name)).toEqual([])
        for (const element of all) {
          for (const [name, value] of element.attrs) {
            expect(name.toLowerCase().startsWith("on"), `handler ${name}`).toBe(false)
            if (name === "href") expect(value).toMatch(/^#/)
            expect(["src", "srcset", "xlink:href", "action", "formaction", "poster", "background"]).not.toContain(name)
            if (name === "style") expect(value).not.toMatch(/url\(|@import|expression\(/i)
          }
        }
        for (const style of Markup.all(root, "style")) expect(Markup.text(style)).not.toMatch(/url\(|@import|@font-face/i)
        const csp = all.find((e) => e.name === "meta" && e.attrs.get("http-equiv") === "Content-Security-Policy")
        expect(csp?.attrs.get("content")).toMatch(/default-src 'none'/)
      }),
    { fastCheck: { numRuns: 30 } }
  )

  it.effect.prop(
    "report.html-format: cells show the model's values — numbers by column type (thousands separators, the column's places, percentages, right-aligned), text and dates as given — and the foot is the model's totals row",
    [reports],
    ([report]) =>
      Effect.gen(function*() {
        const root = Markup.parse(yield* render(report))
        const shown = Markup.all(root, "table")
        const model = tables(report)
        expect(shown.length).toBe(model.length)
        for (const [t, table] of model.entries()) {
          const element = shown[t]!
          const head = Markup.all(element, "th")
          expect(head.map(Markup.text)).toEqual(table.columns.map((c) => Render.shown(c.label)))
          const bodyRows = Markup.all(Markup.all(element, "tbody")[0]!, "tr")
          const foot = Markup.all(element, "tfoot")
          expect(foot.length).toBe(table.totals === null ? 0 : 1)
          const pairs: Array<readonly [ReadonlyArray<Report.Cell>, Markup.Element]> = [
            ...(table.rows.length === 0 ? [] : table.rows.map((cells, r) => [cells, bodyRows[r]!] as const)),
            ...(table.totals === null ? [] : [[table.totals, Markup.all(foot[0]!, "tr")[0]!] as const])
          ]
          if (table.rows.length === 0) expect(Markup.all(bodyRows[0]!, "td")[0]!.attrs.get("class")).toBe("empty")
          else expect(bodyRows.length).toBe(table.rows.length)
          for (const [cells, tr] of pairs) {
            const tds = Markup.all(tr, "td")
            expect(tds.length).toBe(table.columns.length)
            for (const [c, column] of table.columns.entries()) {
              const value = cells[c]!
              const text = Markup.text(tds[c]!)
              const numeric = column.type === "integer" || column.type === "decimal" || column.type === "percent"
              expect(tds[c]!.attrs.get("class")!.split(" ")[0]).toBe(numeric ? "num" : column.type === "text" ? "text" : "date")
              if (value === null) expect(text).toBe("")
              else if (typeof value === "string") expect(text).toBe(Render.shown(value))
              else if (!numeric) expect(text).toBe(String(value))
              else {
                const places = column.type === "integer" ? 0 : column.decimals
                const percent = column.type === "percent"
                const match = /^(-?)(\d{1,3}(?:,\d{3})*)(?:\.(\d+))?(%?)$/.exec(text)
                expect(match, `${JSON.stringify(text)} for ${value}`).not.toBeNull()
                expect((match![3] ?? "").length).toBe(places)
                expect(match![4]).toBe(percent ? "%" : "")
                const back = Number(`${match![1]}${match![2]!.replace(/,/g, "")}.${match![3] ?? "0"}`)
                const scaled = percent ? value * 100 : value
                expect(Math.abs(back - scaled)).toBeLessThanOrEqual(0.5 * 10 ** -places + 1e-9 * Math.max(1, Math.abs(scaled)))
              }
            }
          }
        }
      }),
    { fastCheck: { numRuns: 60 } }
  )

  it.effect.prop(
    "report.html-model: a table row with a cell too many or too few is refused naming its place, before a byte is written",
    [
      reports.filter((r) => tables(r).some((t) => t.rows.length > 0)),
      fc.nat(),
      fc.boolean()
    ],
    ([report, pick, extra]) =>
      Effect.gen(function*() {
        const places = report.sections.flatMap((s, si) =>
          s.blocks.flatMap((b, bi) => (b._tag === "Table" && b.rows.length > 0 ? [[si, bi, b] as const] : []))
        )
        const [si, bi, table] = places[pick % places.length]!
        const r = pick % table.rows.length
        const row = table.rows[r]!
        const broken: Report.Table = {
          ...table,
          rows: table.rows.map((cells, i) => (i === r ? (extra ? [...row, null] : row.slice(0, -1)) : cells))
        }
        const bad: Report.Report = {
          ...report,
          sections: report.sections.map((s, i) =>
            i === si ? { ...s, blocks: s.blocks.map((b, j) => (j === bi ? broken : b)) } : s
          )
        }
        const backend = yield* Html.make()
        const written = yield* Ref.make(0)
        const error = yield* Effect.flip(Stream.runForEach(backend.render(bad), () => Ref.update(written, (n) => n + 1)))
        expect(error._tag).toBe("ReportError")
        expect(error.backend).toBe("html")
        expect(error.message).toContain(`sections.${si}.blocks.${bi} (table ${table.id}): row ${r + 1} has`)
        expect(yield* Ref.get(written)).toBe(0)
      }),
    { fastCheck: { numRuns: 30 } }
  )

  it.effect("report.html-model: a series of another length than the categories, a pie of two series and a model that is no Report are refused", () =>
    Effect.gen(function*() {
      const sample = Reports.sample("zh")
      const withChart = (chart: Report.Chart): Report.Report => ({
        ...sample,
        sections: [{ id: "s", title: "S", blocks: [chart] }]
      })
      const chart = charts(sample).find((c) => c.kind === "pie")!
      const uneven = yield* Effect.flip(render(withChart({ ...chart, series: [{ name: "x", values: [1, 2] }] })))
      expect(uneven.message).toContain("sections.0.blocks.0 (chart demand-resolution): series 1 has 2 values for 3 categories")
      const two = yield* Effect.flip(render(withChart({ ...chart, series: [...chart.series, ...chart.series] })))
      expect(two.message).toContain("a pie has one series, not 2")
      const badKey = yield* Effect.flip(render({ ...sample, kind: "Not A Key" }))
      expect(badKey.message).toMatch(/^the model is not a Report: kind: /)
      const noSections = yield* Effect.flip(render({ ...sample, sections: [] }))
      expect(noSections.message).toContain("sections")
    }))

  it.effect("report.html-options: options are checked at make — an unknown option, a size out of range or not whole, a font stack that could close its rule — naming the option", () =>
    Effect.gen(function*() {
      const refused = (options: unknown) => Effect.map(Effect.flip(Html.make(options as Html.HtmlOptions)), (e) => [e._tag, e.backend, e.message.split(":")[0]])
      expect(yield* refused({ chartWidth: 10 })).toEqual(["ReportError", "html", "option chartWidth"])
      expect(yield* refused({ chartWidth: 640.5 })).toEqual(["ReportError", "html", "option chartWidth"])
      expect(yield* refused({ chartHeight: 5000 })).toEqual(["ReportError", "html", "option chartHeight"])
      expect(yield* refused({ chartHeight: "300" })).toEqual(["ReportError", "html", "option chartHeight"])
      for (const fontFamily of ["", "  ", "x\"; background: url(http://x)", "a</style><script>", "a;b", "a{b}", "x".repeat(301)]) {
        expect(yield* refused({ fontFamily })).toEqual(["ReportError", "html", "option fontFamily"])
      }
      expect(yield* refused({ colour: "red" })).toEqual(["ReportError", "html", "option colour"])
      expect(yield* refused("wide")).toEqual(["ReportError", "html", "option options"])
      const backend = yield* Html.make({ chartWidth: 640, chartHeight: 320, fontFamily: "'Source Han Sans SC', sans-serif" })
      expect([backend.name, backend.mediaType, backend.extension]).toEqual(["html", "text/html; charset=utf-8", "html"])
      const html = yield* render(Reports.sample("en"), { chartWidth: 640, chartHeight: 320, fontFamily: "'Source Han Sans SC', sans-serif" })
      expect(html).toContain("<svg role=\"img\" aria-label=\"Grids per level\" class=\"chart-svg\" width=\"640\" height=\"320\"")
      expect(html).toContain("font:14px/1.6 'Source Han Sans SC', sans-serif")
      expect(yield* Effect.map(Html.make(), (b) => b.name)).toBe("html")
    }))

  it.effect("the sample: the header states the title, scope, period, generation time, rounding and masking; sections, cards, tables with totals and four charts", () =>
    Effect.gen(function*() {
      for (const lang of ["zh", "en"] as const) {
        const report = Reports.sample(lang)
        const html = yield* render(report)
        const root = Markup.parse(html)
        expect(root.attrs.get("lang")).toBe(lang === "zh" ? "zh-CN" : "en")
        expect(Markup.text(Markup.all(root, "title")[0]!)).toBe(report.title)
        const meta = Markup.text(Markup.all(root, "dl")[0]!)
        for (const part of [report.scope.name, "131102", "2024-01-01", "2025-01-01", "2025-01-02 09:00:00 +08:00", report.rounding]) {
          expect(meta).toContain(part)
        }
        expect(meta).toContain(lang === "zh" ? "已脱敏" : "Masked")
        expect(Markup.all(root, "h2").map(Markup.text)).toEqual([lang === "zh" ? "目录" : "Contents", ...report.sections.map((s) => s.title)])
        expect(Markup.all(root, "li").filter((l) => l.attrs.get("class") === "card").map(Markup.text)).toEqual(
          lang === "zh" ? ["网格总数3,726个", "网格员1,500人", "诉求办结率85.0%"] : ["Grids3,726", "Grid workers1,500", "Demands resolved85.0%"]
        )
        const feet = Markup.all(root, "tfoot").map((f) => Markup.all(f, "td").map(Markup.text))
        expect(feet).toEqual([
          [lang === "zh" ? "合计" : "Total", "3,725", "96,201.4", ""],
          [lang === "zh" ? "合计" : "Total", "", "", "", "", "1,710"]
        ])
        const figures = Markup.all(root, "figure")
        expect(figures.map((f) => f.attrs.get("class"))).toEqual(["block chart chart-bar", "block chart chart-line", "block chart chart-funnel", "block chart chart-pie"])
        for (const [i, figure] of figures.entries()) {
          const chart = charts(report)[i]!
          const svg = Markup.all(figure, "svg")
          expect(svg.length).toBe(1)
          const drawn = Markup.text(svg[0]!)
          for (const label of [chart.title, ...chart.categories]) expect(drawn).toContain(label)
          if (chart.unit !== "") expect(drawn).toContain(chart.unit)
          // A bar, a point, a stage or a slice per category at least (funnels draw polygons).
          const shapes = Markup.elements(svg[0]!).filter((e) => ["path", "polygon", "circle"].includes(e.name))
          expect(shapes.length).toBeGreaterThanOrEqual(chart.categories.length)
        }
        // The model's masked values as they are.
        expect(html).toContain(">131102********002X</td>")
      }
      const unmasked = yield* render({ ...Reports.sample("zh"), masked: false })
      expect(unmasked).toContain("class=\"unmasked\">未脱敏")
    }))

  it.effect("a large roster streams: its rows come a batch at a time, and the pieces make the whole page", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: 5000 }, (_, i) => [`志愿者${i}`, i] as const)
      const report: Report.Report = {
        ...Reports.sample("zh"),
        sections: [{
          id: "roster",
          title: "名册",
          blocks: [Report.table({
            id: "roster",
            title: "名册",
            lang: "zh",
            columns: [{ key: "name", label: "姓名", type: "text" }, { key: "minutes", label: "分钟", type: "integer", total: true }],
            rows
          })]
        }]
      }
      const backend = yield* Html.make()
      const pieces = yield* Ref.make(0)
      yield* Stream.runForEach(backend.render(report), () => Ref.update(pieces, (n) => n + 1))
      expect(yield* Ref.get(pieces)).toBeGreaterThanOrEqual(25)
      const html = yield* render(report)
      expect(html).toContain(">志愿者4999</td><td class=\"num\">4,999</td></tr>")
      expect(html).toContain(`<tfoot><tr><td class="text">合计</td><td class="num">12,497,500</td></tr></tfoot>`)
    }))
})
