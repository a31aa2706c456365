/**
 * The district summary on SQLite: a small generated district written through every
 * service into a SQLite file gives the same model as on the memory store (but for when it
 * was made), every totals row equal to the service's rollup.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, DistrictSummary, Grids, MemoryStore, Report, VolunteerLedgerService } from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { WholeDistrict } from "@jiceng/testkit"
import { Effect, ManagedRuntime, Schema } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The summary of the year written, and the figures it is checked against, on a store. */
const summarise = (runtime: ManagedRuntime.ManagedRuntime<WholeDistrict.Services, unknown>) =>
  runtime.runPromise(Effect.gen(function*() {
    const written = yield* WholeDistrict.write()
    const actor = Actor.system(written.tenant)
    const report = yield* DistrictSummary.build(actor, { from: written.from, to: written.to })
    const last = `${written.ledger.figures.year}-12-31`
    const levels = yield* (yield* Grids.Grids).countByLevel(actor, { at: last })
    const rollup = (yield* (yield* VolunteerLedgerService.VolunteerLedger).gridRollup(actor, { from: written.from, to: last })).data
    return { report, levels, rollup }
  }))

const totalsOf = (report: Report.Report, sectionId: string, tableId: string): Readonly<Record<string, Report.Cell>> => {
  const table = report.sections.find((s) => s.id === sectionId)?.blocks.find((b) => b.id === tableId)
  if (table?._tag !== "Table" || table.totals === null) throw new Error(`no totals in ${sectionId}/${tableId}`)
  return Object.fromEntries(table.columns.map((c, i) => [c.key, table.totals![i]!]))
}

describe("DistrictSummary on SQLite", () => {
  it("the same model as on the memory store; totals rows equal the store's rollups", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jiceng-summary-"))
    const sqlite = ManagedRuntime.make(WholeDistrict.layer(SqliteStore.layer({ filename: join(dir, "store.db") })))
    const memory = ManagedRuntime.make(WholeDistrict.layer(MemoryStore.layer))
    try {
      const onSqlite = await summarise(sqlite)
      const onMemory = await summarise(memory)
      const report = onSqlite.report
      expect(Schema.decodeUnknownSync(Report.Report)(report)).toStrictEqual(report)
      expect(report.sections.length).toBe(8)
      expect({ ...report, generatedAt: "" }).toStrictEqual({ ...onMemory.report, generatedAt: "" })
      expect(totalsOf(report, "grids", "grids-per-level")["count"]).toBe(onSqlite.levels.reduce((s, l) => s + l.count, 0))
      expect(totalsOf(report, "volunteering", "volunteering-by-child")).toMatchObject({
        entries: onSqlite.rollup.totals.entries,
        minutes: onSqlite.rollup.totals.minutes
      })
    } finally {
      await sqlite.dispose()
      await memory.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 600_000)
})
