import { describe, expect, it, layer } from "@effect/vitest"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as SqlClient from "@effect/sql/SqlClient"
import { SqlStore } from "@jiceng/store-sql"
import { SqliteStore } from "@jiceng/store-sqlite"
import { GridConformance, repositoryContract } from "@jiceng/testkit"
import { Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A database file in a temporary directory, removed after the layer closes the database. */
const temporaryFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "jiceng-sqlite-"))
  const removeDir = Layer.scopedDiscard(
    Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
  )
  const filename = join(dir, "store.db")
  return { filename, layer: SqliteStore.layer({ filename }).pipe(Layer.provideMerge(removeDir)) }
}

repositoryContract("SqliteStore (file)", temporaryFile().layer)
repositoryContract("SqliteStore (:memory:)", SqliteStore.layer({ filename: ":memory:" }))
GridConformance.gridConformance("SqliteStore (file)", temporaryFile().layer)

describe("SqliteStore", () => {
  const file = temporaryFile()

  layer(file.layer)("on a file", (it) => {
    it.effect("runs in WAL mode with synchronous = NORMAL", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        expect(yield* sql`PRAGMA journal_mode`).toEqual([{ journal_mode: "wal" }])
        expect(yield* sql`PRAGMA synchronous`).toEqual([{ synchronous: 1 }])
      }))

    it.effect("migrations ran once and are recorded", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        expect(yield* sql`SELECT migration_id, name FROM jiceng_migrations`).toEqual([
          { migration_id: 1, name: "grids" }
        ])
        expect(yield* SqlStore.migrate).toEqual([])
      }))

    it.effect("answers subtree questions from the (tenant, code, …) indexes", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const plan = (query: string) =>
          Effect.map(
            sql.unsafe<{ readonly detail: string }>(`EXPLAIN QUERY PLAN ${query}`, [
              "131102",
              "131102001",
              "131102001:",
              "2024-01-01",
              "2024-01-01"
            ]),
            (rows) => rows.map((r) => r.detail).join("\n")
          )
        const range = "tenant = ? AND code >= ? AND code < ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
        expect(yield* plan(`SELECT * FROM grids WHERE ${range} ORDER BY code`)).toMatch(
          /USING INDEX grids_code \(tenant=\? AND code>\? AND code<\?\)/
        )
        const links = range.replace(/\bcode\b/g, "grid_code")
        expect(yield* plan(`SELECT * FROM place_links WHERE ${links}`)).toMatch(
          /USING (?:COVERING )?INDEX place_links_grid \(tenant=\? AND grid_code>\? AND grid_code<\?\)/
        )
        expect(yield* plan(`SELECT * FROM assignments WHERE ${links}`)).toMatch(
          /USING INDEX assignments_grid \(tenant=\? AND grid_code>\? AND grid_code<\?\)/
        )
      }))
  })

  it.effect("reopening a file keeps its data and runs no migration again", () =>
    Effect.gen(function*() {
      const { filename, layer: fileLayer } = temporaryFile()
      yield* Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql`INSERT INTO audit_log (tenant, seq, at_ms, actor, action, target, detail)
VALUES ('131102', 1, 0, 'a', 'b', 'c', '{}')`
        // Open the same file again while the first connection is still open.
        const again = yield* SqlStore.migrate.pipe(Effect.provide(SqliteClient.layer({ filename })))
        expect(again).toEqual([])
        const rows = yield* Effect.provide(
          Effect.flatMap(SqlClient.SqlClient, (other) => other`SELECT count(*) AS n FROM audit_log`),
          SqliteClient.layer({ filename })
        )
        expect(rows).toEqual([{ n: 1 }])
      }).pipe(Effect.provide(fileLayer))
    }))
})
