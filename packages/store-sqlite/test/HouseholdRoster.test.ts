/**
 * The realistic district's household roster on SQLite: 100,000 households in 1,000
 * blocks, built as a report model in a few seconds, from a few SQL statements (one for
 * the households, whatever their number), masked for a viewer and whole, in one audited
 * read, for an administrator. The time is printed.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, AuditLog, GridConfig, type GridCommand, Grids, HouseholdRoster, type Place, type Report } from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { StorePorts } from "@jiceng/testkit"
import { Effect, Layer, TestClock, Tracer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const households = 100_000
const t = "131102"
const dir = mkdtempSync(join(tmpdir(), "jiceng-roster-"))
const layer = Grids.layer.pipe(
  Layer.provideMerge(Layer.merge(SqliteStore.layer({ filename: join(dir, "roster.db") }), GridConfig.layer())),
  Layer.provideMerge(Layer.scopedDiscard(Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))))
)

/** The tree: a street, a community, a sector, 10 compounds of 100 blocks each. */
const tree = (): { readonly commands: ReadonlyArray<GridCommand.Input>; readonly blocks: ReadonlyArray<string> } => {
  const grid = (code: string, name: string, parentCode: string | null): GridCommand.Input => ({
    _tag: "CreateGrid", code, name, parentCode, validFrom: "2023-01-01"
  })
  const sector = `${t}001001001`
  const compounds = Array.from({ length: 10 }, (_, i) => `${sector}${String(i + 1).padStart(3, "0")}`)
  const blocks = compounds.flatMap((c) => Array.from({ length: 100 }, (_, i) => `${c}${String(i + 1).padStart(3, "0")}`))
  return {
    blocks,
    commands: [
      grid(t, "桃城区", null),
      grid(`${t}001`, "河西街道", t),
      grid(`${t}001001`, "明珠社区", `${t}001`),
      grid(sector, "一片区", `${t}001001`),
      ...compounds.map((c, i) => grid(c, `${i + 1}号小区`, sector)),
      ...blocks.map((b, i) => grid(b, `${Math.floor((i % 100) / 4) + 1}号楼${(i % 4) + 1}单元`, b.slice(0, -3)))
    ]
  }
}

/** Runs an effect counting the SQL statements it executes (the `sql.execute` spans of @effect/sql). */
const countingStatements = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Tracer.tracerWith((base) => {
    let statements = 0
    const counting = Tracer.make({
      span: (name, ...rest) => {
        if (name === "sql.execute") statements++
        return base.span(name, ...rest)
      },
      context: (f, fiber) => base.context(f, fiber)
    })
    return Effect.map(Effect.withTracer(self, counting), (a) => ({ value: a, statements }))
  })

const rowsOf = (report: Report.Report) => {
  const table = report.sections[0]!.blocks.find((b) => b._tag === "Table")
  return table?._tag === "Table" ? table.rows : []
}

describe("HouseholdRoster on SQLite", () => {
  it.effect(`${households.toLocaleString("en")} households: a few statements, a few seconds, masked for a viewer, one audit entry for an administrator`, () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-06-01T10:00:00+08:00"))
      const { blocks, commands } = tree()
      yield* (yield* Grids.Grids).executeAll(Actor.system(t), commands)
      // The households written straight to the store: this test times the read, not the writes.
      const store = yield* StorePorts.all
      const places: Array<Place.Place> = []
      const links: Array<Place.PlaceLink> = []
      for (let k = 0; k < households; k++) {
        const id = `H-${String(k + 1).padStart(7, "0")}` as Place.PlaceId
        places.push({ tenant: t as never, id, kind: "household", name: `住户${k + 1}`, address: `河西街道明珠社区${k + 1}号`, creditCode: null })
        links.push({ tenant: t as never, placeId: id, gridCode: blocks[k % blocks.length] as never, validFrom: "2023-02-01" as never, validTo: null })
      }
      yield* store.transaction(t as never, Effect.zipRight(store.places.put(places), store.places.link(links)))

      const viewer = Actor.make({ id: "viewer", tenant: t, roles: ["viewer"] })
      const admin = Actor.make({ id: "administrator", tenant: t, roles: ["admin"] })
      const audit = yield* AuditLog.AuditLog
      const before = (yield* audit.list(t as never, { afterSeq: 0, limit: 1_000_000 })).length
      for (const actor of [viewer, admin]) {
        const started = performance.now()
        const { statements, value: report } = yield* countingStatements(HouseholdRoster.build(actor))
        const ms = Math.round(performance.now() - started)
        console.log(`household roster of ${households} households on SQLite for ${actor.id}: ${ms} ms, ${statements} SQL statements`)
        const rows = rowsOf(report)
        expect(rows.length).toBe(households)
        expect(report.masked).toBe(actor === viewer)
        expect(rows[0]).toEqual(actor === viewer
          ? ["H-0000001", "1号楼1单元", blocks[0], "住**", "河西街道明*****"]
          : ["H-0000001", "1号楼1单元", blocks[0], "住户1", "河西街道明珠社区1号"])
        // The households in one statement, the grids' names in another, the scope's name, the audit entry.
        expect(statements).toBeLessThanOrEqual(8)
        expect(ms).toBeLessThan(8_000)
      }
      const log = (yield* audit.list(t as never, { afterSeq: before, limit: 10 })).map((e) => [e.actor, e.action, JSON.parse(e.detail)])
      expect(log).toEqual([["administrator", "ReadPlacesPii", { at: "2024-06-01", kind: "household", rows: households }]])
    }).pipe(Effect.provide(layer)), { timeout: 300_000 })
})
