/**
 * docs/reports.md's roster example, run as written (its imports given to it), and the
 * figures its comments state.
 */
import * as Core from "@jiceng/core"
import type { Report } from "@jiceng/core"
import { Reports } from "@jiceng/testkit"
import * as EffectModule from "effect"
import ts from "typescript"
import { describe, expect, it } from "vitest"
import * as PageExample from "../docs/pageExample.js"

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new(...args: Array<string>) => (...args: Array<unknown>) => Promise<unknown>

const modules: Record<string, Record<string, unknown>> = { "@jiceng/core": Core, effect: EffectModule }

/** The page's ts block holding `marker`, run with the names its import lines bring in; gives back `names`. */
const runBlock = async (page: string, marker: string, names: ReadonlyArray<string>) => {
  const found = PageExample.block(page, marker)
  const bound: Array<[string, unknown]> = []
  for (const line of found.imports.trim().split("\n")) {
    const [, list, from] = /^import \{ ([^}]*) \} from "([^"]+)"$/.exec(line)!
    // A type-only name (`type Report`) has no value: the transpiled body never refers to it.
    for (const name of list!.split(",").map((n) => n.trim()).filter((n) => !n.startsWith("type "))) bound.push([name, modules[from!]![name]])
  }
  const js = ts.transpileModule(found.body, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText
  const body = `${js}\nreturn { ${names.join(", ")} }`
  return await new AsyncFunction(...bound.map(([n]) => n), body)(...bound.map(([, v]) => v)) as Record<string, unknown>
}

const rows = (report: Report.Report) =>
  report.sections.flatMap((s) => s.blocks).flatMap((b) => (b._tag === "Table" && b.id.endsWith("roster") ? b.rows : []))

describe("docs/reports.md", () => {
  it("the roster example runs as written and gives the figures its comments state", async () => {
    const { households, workers } = await runBlock("reports.md", "HouseholdRoster.build", ["households", "workers"]) as Record<string, Report.Report>
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
})
