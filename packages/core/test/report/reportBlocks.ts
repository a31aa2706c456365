/**
 * Lookups into a report model for the report models' tests: a section, a block by id,
 * a figures block's values by key, a table's column by key and its totals by key.
 */
import { afterAll, beforeAll } from "@effect/vitest"
import { type DemandsService, MemoryStore, type Report } from "@jiceng/core"
import { WholeDistrict } from "@jiceng/testkit"
import { ManagedRuntime } from "effect"

/**
 * A small district written once for a test file, on the memory store: the runtime the
 * file's tests run on; `written` is given what was written before the first test.
 */
export const sharedDistrict = (written: (w: WholeDistrict.Written) => void) => {
  const runtime = ManagedRuntime.make(WholeDistrict.layer(MemoryStore.layer))
  beforeAll(async () => written(await runtime.runPromise(WholeDistrict.write())), 300_000)
  afterAll(() => runtime.dispose())
  return runtime
}

/** The columns of a demand table's totals row that a subtree's statistics give. */
export const demandTotals = (t: DemandsService.GridMeasure) => ({
  received: t.received,
  resolved: t.resolved,
  "on-time": t.onTime,
  closed: t.closed,
  satisfied: t.satisfaction.satisfied,
  basically: t.satisfaction.basically,
  unsatisfied: t.satisfaction.unsatisfied,
  open: t.open
})

export const section = (report: Report.Report, id: string): Report.Section => {
  const found = report.sections.find((s) => s.id === id)
  if (found === undefined) throw new Error(`no section ${id} in ${report.sections.map((s) => s.id).join(", ")}`)
  return found
}

const blockOf = (report: Report.Report, sectionId: string, id: string): Report.Block => {
  const found = section(report, sectionId).blocks.find((b) => b.id === id)
  if (found === undefined) throw new Error(`no block ${id} in section ${sectionId}`)
  return found
}

/** A figures block's values by key. */
export const figures = (report: Report.Report, sectionId: string, id: string): Readonly<Record<string, Report.Figure["value"]>> => {
  const block = blockOf(report, sectionId, id)
  if (block._tag !== "Figures") throw new Error(`${id} is a ${block._tag}`)
  return Object.fromEntries(block.items.map((i) => [i.key, i.value]))
}

export const table = (report: Report.Report, sectionId: string, id: string): Report.Table => {
  const block = blockOf(report, sectionId, id)
  if (block._tag !== "Table") throw new Error(`${id} is a ${block._tag}`)
  return block
}

export const chart = (report: Report.Report, sectionId: string, id: string): Report.Chart => {
  const block = blockOf(report, sectionId, id)
  if (block._tag !== "Chart") throw new Error(`${id} is a ${block._tag}`)
  return block
}

/** A table's totals row by column key. */
export const totals = (t: Report.Table): Readonly<Record<string, Report.Cell>> => {
  if (t.totals === null) throw new Error(`${t.id} has no totals row`)
  return Object.fromEntries(t.columns.map((c, i) => [c.key, t.totals![i]!]))
}

/** A table's column of cells by key. */
export const column = (t: Report.Table, key: string): ReadonlyArray<Report.Cell> => {
  const i = t.columns.findIndex((c) => c.key === key)
  if (i === -1) throw new Error(`${t.id} has no column ${key}`)
  return t.rows.map((r) => r[i]!)
}

/** The sum of the numbers of a list. */
export const sum = <A>(rows: ReadonlyArray<A>, f: (row: A) => number): number => rows.reduce((s, r) => s + f(r), 0)
