/**
 * The page in a real browser: Debian's Chromium (`/usr/bin/chromium`) driven by
 * playwright-core — never a downloaded browser. Every request the page makes is
 * recorded and aborted (there must be none), and so are console errors, page errors and
 * dialogs. Skipped, saying so, where Chromium is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import type { Report } from "@jiceng/core"
import { Reports } from "@jiceng/testkit"
import { Effect } from "effect"
import { existsSync } from "node:fs"
import { mkdtemp, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { charts, render, shown as shownText, tables } from "./support/Render.js"

const executablePath = "/usr/bin/chromium"
const present = existsSync(executablePath)
if (!present) {
  console.warn(`@jiceng/report-html: the browser tests are skipped: ${executablePath} is absent (install Debian's chromium package; no browser is downloaded)`)
}

const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

interface Opened {
  readonly page: Page
  /** Every request the page tried to make (all aborted). */
  readonly requests: ReadonlyArray<string>
  /** Console errors and warnings, page errors, dialogs. */
  readonly problems: ReadonlyArray<string>
}

describe.skipIf(!present)(`Html in Chromium (${executablePath})`, () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args })
  })

  afterAll(async () => {
    await browser?.close()
  })

  const open = async (html: string): Promise<Opened> => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    const requests: Array<string> = []
    const problems: Array<string> = []
    await page.route("**/*", (route) => {
      requests.push(route.request().url())
      return route.abort()
    })
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`)
    })
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`))
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.setContent(html, { waitUntil: "load" })
    return { page, requests, problems }
  }

  it.effect("the harness sees a request and a console error when a page makes one", () =>
    Effect.gen(function*() {
      const { page, problems, requests } = yield* Effect.promise(() => open("<!DOCTYPE html><title>x</title><img src=\"https://example.invalid/x.png\">"))
      yield* Effect.promise(() => page.close())
      expect(requests).toEqual(["https://example.invalid/x.png"])
      expect(problems.length).toBeGreaterThan(0)
    }))

  it.effect("report.html-offline: the sample opens with no request, no console or page error; its four charts are drawn SVG, its totals visible; a screenshot is taken", () =>
    Effect.gen(function*() {
      const directory = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "jiceng-report-html-")))
      for (const lang of ["zh", "en"] as const) {
        const report = Reports.sample(lang)
        const html = yield* render(report)
        const { page, problems, requests } = yield* Effect.promise(() => open(html))
        yield* Effect.promise(async () => {
          expect(await page.evaluate(() => document.scripts.length)).toBe(0)
          expect(await page.locator("html").getAttribute("lang")).toBe(lang === "zh" ? "zh-CN" : "en")
          expect(await page.locator("section > h2").allTextContents()).toEqual(report.sections.map((s) => s.title))
          const svgs = page.locator("figure.chart > svg")
          expect(await svgs.count()).toBe(4)
          for (const [i, chart] of charts(report).entries()) {
            const svg = svgs.nth(i)
            const box = await svg.boundingBox()
            expect(box!.width).toBeGreaterThan(300)
            expect(box!.height).toBeGreaterThan(150)
            // Drawn content: shapes with an area on the page, and the chart's title and categories as text.
            const drawn = await svg.evaluate((el) =>
              [...el.querySelectorAll("path, polygon")].filter((s) => {
                const r = s.getBoundingClientRect()
                return r.width > 0 && r.height > 0
              }).length
            )
            expect(drawn).toBeGreaterThanOrEqual(chart.categories.length)
            const text = await svg.evaluate((el) => [...el.querySelectorAll("text")].map((t) => t.textContent).join("|"))
            for (const label of [chart.title, ...chart.categories]) expect(text).toContain(label)
          }
          const feet = page.locator("tfoot")
          expect(await feet.count()).toBe(2)
          for (const i of [0, 1]) {
            await feet.nth(i).scrollIntoViewIfNeeded()
            expect(await feet.nth(i).isVisible()).toBe(true)
          }
          expect(await feet.nth(0).locator("td").allTextContents()).toEqual([lang === "zh" ? "合计" : "Total", "3,725", "96,201.4", ""])
          expect(await feet.nth(1).locator("td").last().textContent()).toBe("1,710")
          // Numbers right-aligned, text left.
          const align = await page.locator("tbody td").nth(1).evaluate((td) => getComputedStyle(td).textAlign)
          expect(align).toBe("right")
          const path = join(directory, `report-${lang}.png`)
          await page.screenshot({ path, fullPage: true })
          expect((await stat(path)).size).toBeGreaterThan(20_000)
          await page.close()
        })
        expect(requests).toEqual([])
        expect(problems).toEqual([])
      }
    }))

  it.effect("report.html-offline: printed to PDF (A4) the sample needs nothing from outside either", () =>
    Effect.gen(function*() {
      const { page, problems, requests } = yield* Effect.promise(() => Effect.runPromise(render(Reports.sample("zh"))).then(open))
      const pdf = yield* Effect.promise(() => page.pdf({ format: "A4", printBackground: true }))
      yield* Effect.promise(() => page.close())
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-")
      expect(requests).toEqual([])
      expect(problems).toEqual([])
    }))

  const allowed = new Set([
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "dl", "dt", "dd", "span", "time", "nav",
    "ol", "li", "a", "main", "section", "div", "ul", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "p",
    "figure", "footer", "svg", "g", "rect", "path", "text", "tspan", "circle", "defs", "clippath", "clipPath", "polyline",
    "polygon", "line"
  ])

  /** Text as a browser's DOM holds it: as the page shows it (U+FFFD for what no page may hold), line breaks normalised. */
  const asParsed = (text: string) => shownText(text).replace(/\r\n?/g, "\n")

  it.effect.prop(
    "report.html-escaped: in Chromium, a random page runs nothing, asks for nothing, holds only allowed elements, and every table cell reads as the model's text",
    [Reports.report({ maxRows: 8 })],
    ([report]) =>
      Effect.gen(function*() {
        const html = yield* render(report)
        const { page, problems, requests } = yield* Effect.promise(() => open(html))
        const seen = yield* Effect.promise(() =>
          page.evaluate(() => ({
            scripts: document.scripts.length,
            names: [...new Set([...document.querySelectorAll("*")].map((e) => e.localName))],
            handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith("on")),
            tables: [...document.querySelectorAll("table")].map((t) =>
              [...t.querySelectorAll("tbody tr, tfoot tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""))
            )
          }))
        )
        yield* Effect.promise(() => page.close())
        expect(seen.scripts).toBe(0)
        expect(seen.handlers).toEqual([])
        for (const name of seen.names) expect(allowed, `element <${name}>`).toContain(name)
        for (const [t, table] of tables(report).entries()) {
          const rows = [...table.rows, ...(table.totals === null ? [] : [table.totals])]
          const shown = seen.tables[t]!.slice(table.rows.length === 0 ? 1 : 0)
          expect(shown.length).toBe(rows.length)
          for (const [r, cells] of rows.entries()) {
            for (const [c, cell] of (cells as ReadonlyArray<Report.Cell>).entries()) {
              if (typeof cell === "string") expect(shown[r]![c]).toBe(asParsed(cell))
            }
          }
        }
        expect(requests).toEqual([])
        expect(problems).toEqual([])
      }),
    { fastCheck: { numRuns: 20 } }
  )
})
