/**
 * docs/reports.md's examples, run as written (their imports given to them, and what an
 * example takes from the one before it), and what their comments state: the rosters,
 * every example that uses a back end (Markdown, XLSX, CSV), and the back end of
 * "Writing a back end".
 */
import * as Core from "@jiceng/core"
import type { Report } from "@jiceng/core"
import * as ReportHtml from "@jiceng/report-html"
import * as ReportText from "@jiceng/report-text"
import * as ReportXlsx from "@jiceng/report-xlsx"
import { Reports } from "@jiceng/testkit"
import * as EffectModule from "effect"
import * as NodeFs from "node:fs"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as NodeStream from "node:stream"
import * as NodeStreamPromises from "node:stream/promises"
import ts from "typescript"
import { describe, expect, it } from "vitest"
import * as PageExample from "../docs/pageExample.js"

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new(...args: Array<string>) => (...args: Array<unknown>) => Promise<unknown>

/** The modules the page's examples import. */
const modules: Record<string, object> = {
  "@jiceng/core": Core,
  "@jiceng/report-html": ReportHtml,
  "@jiceng/report-text": ReportText,
  "@jiceng/report-xlsx": ReportXlsx,
  effect: EffectModule,
  "node:fs": NodeFs,
  "node:os": NodeOs,
  "node:path": NodePath,
  "node:stream": NodeStream,
  "node:stream/promises": NodeStreamPromises
}

/**
 * The page's ts block holding `marker`, run with the names its import lines bring in and
 * those of `scope` (what an earlier example made); gives back `names`.
 */
const runBlock = async (page: string, marker: string, names: ReadonlyArray<string>, scope: Readonly<Record<string, unknown>> = {}) => {
  const found = PageExample.block(page, marker)
  const bound: Array<[string, unknown]> = []
  for (const line of found.imports.trim().split("\n")) {
    const [, list, from] = /^import \{ ([^}]*) \} from "([^"]+)"$/.exec(line)!
    // A type-only name (`type Report`) has no value: the transpiled body never refers to it.
    for (const name of list!.split(",").map((n) => n.trim()).filter((n) => !n.startsWith("type "))) {
      const module = modules[from!]
      if (module === undefined || !(name in module)) throw new Error(`docs/${page}: ${from} has no ${name}`)
      bound.push([name, (module as Record<string, unknown>)[name]])
    }
  }
  bound.push(...Object.entries(scope))
  const js = ts.transpileModule(found.body, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText
  const body = `${js}\nreturn { ${names.join(", ")} }`
  return await new AsyncFunction(...bound.map(([n]) => n), body)(...bound.map(([, v]) => v)) as Record<string, unknown>
}

const decode = (chunks: Iterable<Uint8Array>) => new TextDecoder().decode(Buffer.concat([...chunks]))

/** The households and workers of the roster example, as the page builds them. */
const rosters = () => runBlock("reports.md", "HouseholdRoster.build", ["households", "workers"]) as Promise<Record<"households" | "workers", Report.Report>>

const rows = (report: Report.Report) =>
  report.sections.flatMap((s) => s.blocks).flatMap((b) => (b._tag === "Table" && b.id.endsWith("roster") ? b.rows : []))

describe("docs/reports.md", () => {
  it("the roster example runs as written and gives the figures its comments state", async () => {
    const { households, workers } = await rosters()
    expect(households!.masked).toBe(true)
    expect(rows(households!)).toEqual([["H1", "1号楼1单元", "131102001001001001001", "张*", "锦绣花园1号******"]])
    expect(workers!.title).toBe("Grid worker roster")
    expect(rows(workers!)[0]![6]).toBe("138****5678")
  })

  it("the back end of \"Writing a back end\" runs as written: a line per header, row and totals row of every table", async () => {
    const { tsv } = await runBlock("reports.md", "name: \"tsv\"", ["tsv"]) as { tsv: Core.ReportBackend.ReportBackend }
    const report = Reports.sample()
    const chunks = await EffectModule.Effect.runPromise(EffectModule.Stream.runCollect(tsv.render(report)))
    const lines = new TextDecoder().decode(Buffer.concat([...chunks])).split("\n")
    const tables = report.sections.flatMap((s) => s.blocks).filter((b): b is Report.Table => b._tag === "Table")
    const expected = tables.flatMap((t) => [t.columns.map((c) => c.label), ...t.rows, ...(t.totals === null ? [] : [t.totals])])
    expect(tables.length).toBeGreaterThan(0)
    expect(lines.at(-1)).toBe("")
    expect(lines.slice(0, -1)).toEqual(expected.map((cells) => cells.map((c) => String(c ?? "")).join("\t")))
  })

  it("the Markdown example runs as written on the district summary of the example before it, and gives what its comment states", async () => {
    const { summary } = await runBlock("reports.md", "DistrictSummary.build", ["summary"]) as { summary: Report.Report }
    const { text } = await runBlock("reports.md", "Markdown\\.make\\(\\)", ["text"], { summary }) as { text: string }
    expect(text.split("\n")[0]).toBe(`# ${summary.title}`)
    expect(PageExample.block("reports.md", "Markdown.make\\(\\)").body).toContain(`// text starts: # ${summary.title}, then a line`)
    expect(text).toContain(Core.ReportBackend.timestamp(summary.generatedAt))
  })

  it("the XLSX example runs as written on a roster: the workbook is written to the file", async () => {
    const { households } = await rosters()
    const { file } = await runBlock("reports.md", "Xlsx\\.make\\(", ["file"], { report: households }) as { file: string }
    const bytes = NodeFs.readFileSync(file)
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK")
    expect(bytes.includes(Buffer.from("xl/workbook.xml"))).toBe(true)
    NodeFs.rmSync(file)
  })

  it("the CSV example runs as written on the household roster: the block ids it names are the roster's, the files and the CSV what its comments state", async () => {
    const { households } = await rosters()
    const { all, roster, sure, files, csv } = await runBlock("reports.md", "Csv\\.make\\(", ["all", "roster", "sure", "files", "csv"], { households }) as {
      all: Core.ReportBackend.ReportBackend
      roster: Core.ReportBackend.ReportBackend
      sure: Core.ReportBackend.ReportBackend
      files: ReadonlyArray<ReportText.Csv.File>
      csv: string
    }
    const bytes = (stream: EffectModule.Stream.Stream<Uint8Array, Core.ReportBackend.ReportError>) =>
      EffectModule.Effect.runPromise(EffectModule.Stream.runCollect(stream)).then((chunks) => Buffer.concat([...chunks]))
    // As decodeText reads it: without the BOM.
    const run = (stream: EffectModule.Stream.Stream<Uint8Array, Core.ReportBackend.ReportError>) => bytes(stream).then((b) => decode([b]))
    expect([...(await bytes(roster.render(households))).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.split("\r\n")
    expect(lines[0]!.startsWith("住户编号,")).toBe(true)
    expect(lines[1]).toBe("H1,1号楼1单元,131102001001001001001,张*,锦绣花园1号******")
    expect(await run(sure.render(households))).toBe(csv)
    expect(await run(all.render(households))).toContain(lines[1]!)
    expect(files.map((f) => f.name)).toEqual(["households.household-figures.csv", "households.household-roster.csv"])
    const block = PageExample.block("reports.md", "Csv.make\\(").body
    expect(block).toContain(`[{ name: "${files[0]!.name}", stream }, { name: "${files[1]!.name}", stream }]`)
    expect(block).toContain(`// csv: the header, then ${lines[1]} (decodeText drops the BOM`)
    expect(await run(files[1]!.stream)).toBe(csv)
  })
})
