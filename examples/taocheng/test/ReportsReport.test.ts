/**
 * The demo's reports part on the memory store with a small district: it writes the
 * district summary, the household roster, the 台账 and the certificate in every format
 * into a directory, and the files open — the workbook reads back with exceljs, the CSV
 * starts with the BOM, the HTML holds the charts as SVG, the Markdown is the report's
 * — masked for the demo's reader; the printed lines name every file with its size and
 * the summary's figures as the model holds them.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { MemoryStore } from "@jiceng/core"
import { WholeDistrict } from "@jiceng/testkit"
import ExcelJS from "exceljs"
import { Effect } from "effect"
import * as Output from "../src/Output.js"
import * as ReportsReport from "../src/ReportsReport.js"
import { line } from "./lines.js"

describe("ReportsReport", () => {
  it.live("writes four reports in every format into the directory, masked, and prints each file and the summary's figures", () =>
    Effect.gen(function*() {
      const written = yield* WholeDistrict.write()
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jiceng-reports-"))
      const from = `${written.coConstruction.summary.year}-01-01`
      const result = yield* ReportsReport.write({ ledger: written.ledger, from, dir, lang: "zh" })

      const kinds = ["district-summary", "household-roster", "volunteer-ledger", "volunteer-certificate"]
      expect(result.reports.map((r) => r.kind)).toEqual(kinds)
      // The demo's reader holds no pii:read: every model masked.
      expect(result.reports.map((r) => r.masked)).toEqual([true, true, true, true])
      const names = kinds.flatMap((k) => ["xlsx", "html", "csv", "md"].map((ext) => `${k}.${ext}`))
      expect(result.files.map((f) => path.basename(f.file))).toEqual([...names, "district-summary.json"])
      for (const f of result.files) expect(fs.statSync(f.file).size, f.file).toBe(f.bytes)

      for (const report of result.reports) {
        const base = path.join(dir, report.kind)
        const workbook = new ExcelJS.Workbook()
        yield* Effect.promise(() => workbook.xlsx.readFile(`${base}.xlsx`))
        expect(workbook.worksheets.map((s) => s.name)).toEqual(["说明", ...report.sections.map((s) => s.title.slice(0, 31))])
        expect(workbook.worksheets[1]!.getCell("A1").text).toBe(report.sections[0]!.title)
        const csv = fs.readFileSync(`${base}.csv`)
        expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
        expect(csv.toString("utf8")).toContain(report.sections[0]!.title)
        const html = fs.readFileSync(`${base}.html`, "utf8")
        expect(html.startsWith("<!DOCTYPE html>")).toBe(true)
        expect(html).toContain(report.title)
        expect(fs.readFileSync(`${base}.md`, "utf8").startsWith(`# ${report.title}`)).toBe(true)
      }
      // The summary's charts are drawn SVG in the page.
      const summaryHtml = fs.readFileSync(path.join(dir, "district-summary.html"), "utf8")
      expect(summaryHtml.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(4)
      // The JSON is the model, for the screenshot script.
      expect(JSON.parse(fs.readFileSync(path.join(dir, "district-summary.json"), "utf8")).kind).toBe("district-summary")

      const printed = ReportsReport.lines(result, "zh", from, `${written.ledger.figures.year + 1}-01-01`)
      for (const f of result.files) expect(printed).toContain(`${Output.display(f.file)}`)
      expect(line(printed, Output.display(path.join(dir, "district-summary.xlsx")))).toMatch(
        new RegExp(`xlsx\\s+${Output.count(result.files[0]!.bytes)}$`)
      )
      const summary = result.reports[0]!
      const grids = ReportsReport.figure(summary, "grids", "grids")!
      expect(line(printed, grids.label)).toMatch(new RegExp(`^${grids.label}\\s+${Output.count(grids.value as number)}${grids.unit}\\s+计算所得$`))
      const hours = ReportsReport.figure(summary, "volunteering", "hours")!
      expect(line(printed, hours.label)).toMatch(/\d\.\d\S*\s+计算所得$/)
      expect(printed).toContain("个人信息均已脱敏")
      // From the co-construction's year through the ledger's: its joint meetings and their tasks are in the period.
      expect(summary.period).toStrictEqual({ _tag: "Range", from, to: `${written.ledger.figures.year + 1}-01-01` })
      expect(ReportsReport.figure(summary, "coconstruction", "meetings")!.value).toBeGreaterThan(0)
      expect(ReportsReport.figure(summary, "coconstruction", "completed-tasks")!.value).toBeGreaterThan(0)
      fs.rmSync(dir, { recursive: true, force: true })
    }).pipe(Effect.provide(WholeDistrict.layer(MemoryStore.layer))), 300_000)
})
