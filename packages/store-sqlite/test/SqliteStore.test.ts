import { describe, expect, it, layer } from "@effect/vitest"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as SqlClient from "@effect/sql/SqlClient"
import { SqlStore } from "@jiceng/store-sql"
import { SqliteStore } from "@jiceng/store-sqlite"
import type { Store, Tenant } from "@jiceng/core"
import { StorePorts } from "@jiceng/testkit"
import {
  CoConstructionConformance,
  DemandConformance,
  DevelopmentConformance,
  CoConstructionImportResume,
  coConstructionRepositoryContract,
  demandRepositoryContract,
  developmentRepositoryContract,
  EmergencyConformance,
  emergencyRepositoryContract,
  GridConformance,
  IdempotencyConformance,
  LedgerBigBatch,
  LedgerConformance,
  LedgerCrash,
  ledgerRepositoryContract,
  OrganisationConformance,
  organisationRepositoryContract,
  OutreachConformance,
  RosterConformance,
  outboxRepositoryContract,
  outreachRepositoryContract,
  DispatcherConformance,
  DispatcherCrash,
  ReminderConformance,
  repositoryContract
} from "@jiceng/testkit/vitest"
import { Effect, Layer } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** A database file in a temporary directory, removed after the layer closes the database. */
const temporaryFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "jiceng-sqlite-"))
  const removeDir = Layer.scopedDiscard(
    Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
  )
  const filename = join(dir, "store.db")
  return { filename, layer: SqliteStore.layer({ filename }).pipe(Layer.provideMerge(removeDir)) }
}

// First, while the shared `it` is untouched (see below); its suites provide their own store.
// The heaviest suites with fewer property runs than their defaults, so that `npm test` stays
// under ten minutes; `npm run test:long` runs twenty times as many.
OrganisationConformance.organisationConformance("SqliteStore (file)", temporaryFile().layer, { numRuns: 15 })
CoConstructionConformance.coConstructionConformance("SqliteStore (file)", temporaryFile().layer, { numRuns: 15 })
DevelopmentConformance.developmentConformance("SqliteStore (file)", temporaryFile().layer, { numRuns: 12 })
EmergencyConformance.emergencyConformance("SqliteStore (file)", temporaryFile().layer, { numRuns: 6 })
DemandConformance.demandConformance("SqliteStore (file)", temporaryFile().layer)
OutreachConformance.outreachConformance("SqliteStore (file)", temporaryFile().layer, { numRuns: 12 })
IdempotencyConformance.idempotencyConformance("SqliteStore (file)", temporaryFile().layer)
ReminderConformance.reminderConformance("SqliteStore (file)", temporaryFile().layer)
RosterConformance.rosterConformance("SqliteStore (file)", temporaryFile().layer)
// Tampering by hand: an UPDATE of each stored column of an entry.
const sqlTamper = LedgerConformance.sqlTamper((statement) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(statement)) as unknown as Effect.Effect<unknown, unknown, Store.Store>
)
LedgerConformance.ledgerConformance("SqliteStore (file)", temporaryFile().layer, { tamper: sqlTamper })
LedgerBigBatch.ledgerBigBatch("SqliteStore (file)", temporaryFile().layer)
// A child process ingests ledger batches into the same file and is killed (fixtures/ledger-ingest-child.mjs).
const ledgerIngest = temporaryFile()
const ledgerChild = fileURLToPath(new URL("./fixtures/ledger-ingest-child.mjs", import.meta.url))
LedgerCrash.ledgerCrash(
  "SqliteStore (file)",
  ledgerIngest.layer,
  (args) => spawn(process.execPath, [ledgerChild, ledgerIngest.filename, ...args], { stdio: ["ignore", "pipe", "inherit"] })
)
// A dispatcher in a child process is killed mid-batch and started again (fixtures/outbox-dispatch-child.mjs).
const outboxCrash = temporaryFile()
const dispatchChild = fileURLToPath(new URL("./fixtures/outbox-dispatch-child.mjs", import.meta.url))
DispatcherCrash.dispatcherCrash(
  "SqliteStore (file)",
  outboxCrash.layer,
  (args) => spawn(process.execPath, [dispatchChild, outboxCrash.filename, ...args], { stdio: ["ignore", "ignore", "inherit"] })
)
// A child process imports into the same file and is killed (fixtures/coconstruction-import-child.mjs).
const coImports = temporaryFile()
const coChild = fileURLToPath(new URL("./fixtures/coconstruction-import-child.mjs", import.meta.url))
CoConstructionImportResume.coConstructionImportResume(
  "SqliteStore (file)",
  coImports.layer,
  (args) => spawn(process.execPath, [coChild, coImports.filename, ...args], { stdio: ["ignore", "ignore", "inherit"] })
)
repositoryContract("SqliteStore (file)", temporaryFile().layer)
organisationRepositoryContract("SqliteStore (file)", temporaryFile().layer)
coConstructionRepositoryContract("SqliteStore (file)", temporaryFile().layer)
developmentRepositoryContract("SqliteStore (file)", temporaryFile().layer)
emergencyRepositoryContract("SqliteStore (file)", temporaryFile().layer)
demandRepositoryContract("SqliteStore (file)", temporaryFile().layer)
outreachRepositoryContract("SqliteStore (file)", temporaryFile().layer)
ledgerRepositoryContract("SqliteStore (file)", temporaryFile().layer)
outboxRepositoryContract("SqliteStore (file)", temporaryFile().layer)
DispatcherConformance.dispatcherConformance("SqliteStore (file)", temporaryFile().layer)
// Last before the grid conformance suite: @effect/vitest's `layer` assigns its methods
// onto the shared `it`, so the top-level `it.layer` and `it.effect` used after it (by
// GridConformance and the tests below) run over the last suite's layer, closed by then.
// A `:memory:` store outlives its scope harmlessly; a file store's directory does not.
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
        for (const [table, ...names] of [
          ["store", "write_lock"],
          ["audit", "audit_log"],
          ["grid", "grids"],
          ["imports", "import_progress"],
          ["organisation", "organisations", "discipline_ends_on"],
          ["idempotency", "idempotency"],
          ["ledger", "ledger"],
          ["development", "development", "letter_sent_on"],
          ["emergency", "emergency"],
          ["demand", "demand"],
          ["outreach", "outreach"],
          ["outbox", "outbox"]
        ]) {
          expect(yield* sql`SELECT migration_id, name FROM ${sql(`jiceng_migrations_${table}`)} ORDER BY migration_id`).toEqual(
            names.map((name, i) => ({ migration_id: i + 1, name }))
          )
        }
        expect(yield* SqlStore.migrate).toEqual([])
      }))

    it.effect("appends inside the application's own SQL transactions stay gap-free, rolled back or not", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const store = yield* StorePorts.all
        const t = "139901" as Tenant.Tenant
        const entry = { tenant: t, actor: "app", action: "x", target: "y", detail: "{}" }
        yield* sql.withTransaction(store.audit.append(entry))
        yield* store.audit.append(entry)
        yield* Effect.flip(sql.withTransaction(Effect.zipRight(store.audit.append(entry), Effect.fail("no"))))
        yield* sql.withTransaction(store.audit.append(entry))
        expect((yield* store.audit.list(t, { afterSeq: 0, limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3])
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

  it.effect("a file that cannot be opened is a StoreError naming it, not a crash", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "jiceng-sqlite-"))
      const notADatabase = join(dir, "notes.txt")
      writeFileSync(notADatabase, "这不是数据库，只是一段文字。".repeat(100))
      for (const filename of [join(dir, "missing", "x.db"), notADatabase]) {
        const error = yield* Effect.flip(Effect.scoped(Layer.build(SqliteStore.layer({ filename }))))
        expect(error).toMatchObject({ _tag: "StoreError", operation: "open" })
        expect(error.message).toContain(filename)
      }
      rmSync(dir, { recursive: true, force: true })
    }))

  it.effect("a migration that fails is a StoreError naming it and the cause, not a crash", () =>
    Effect.gen(function*() {
      const { filename } = temporaryFile()
      const result = yield* Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql`CREATE TABLE grids (x INTEGER)`
        return yield* Effect.either(SqlStore.migrate)
      }).pipe(Effect.provide(SqliteClient.layer({ filename })))
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") {
        expect(result.left).toMatchObject({ _tag: "StoreError", operation: "migrate" })
        expect(result.left.message).toMatch(/grids/)
      }
    }))

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
