import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it, layer } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import { Grid, IsoDate, type Place, type Store, Tenant } from "@jiceng/core"
import { SqlStore } from "@jiceng/store-sql"
import { PostgresStore } from "@jiceng/store-postgres"
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
  ImportResume,
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
  DispatcherRace,
  ReminderConformance,
  repositoryContract
} from "@jiceng/testkit/vitest"
import { Effect, Layer } from "effect"

const url = process.env["JICENG_PG_URL"]

/** A store in a schema of its own, dropped (with everything in it) when the layer closes. */
const freshStore = (base: string = url ?? "") => {
  const schema = `jiceng_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const dropSchema = Layer.scopedDiscard(
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* Effect.addFinalizer(() => sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`.pipe(Effect.orDie))
    })
  )
  return { schema, layer: dropSchema.pipe(Layer.provideMerge(PostgresStore.layer({ url: base, schema }))) }
}

if (url === undefined) console.log("JICENG_PG_URL is not set: the PostgreSQL store suites are skipped")

describe.skipIf(url === undefined)("PostgresStore", () => {
  // First, while the shared `it` is untouched by `it.layer`; its suites provide their own store.
  // Fewer property runs than on the memory store, so that `npm test` stays under ten minutes:
  // every run here is a round trip per step; `npm run test:long` runs twenty times as many.
  OrganisationConformance.organisationConformance("PostgresStore", freshStore().layer, { numRuns: 12 })
  CoConstructionConformance.coConstructionConformance("PostgresStore", freshStore().layer, { numRuns: 6 })
  DevelopmentConformance.developmentConformance("PostgresStore", freshStore().layer, { numRuns: 6 })
  EmergencyConformance.emergencyConformance("PostgresStore", freshStore().layer, { numRuns: 5 })
  DemandConformance.demandConformance("PostgresStore", freshStore().layer, { numRuns: 6 })
  OutreachConformance.outreachConformance("PostgresStore", freshStore().layer, { numRuns: 6 })
  IdempotencyConformance.idempotencyConformance("PostgresStore", freshStore().layer, { numRuns: 5 })
  ReminderConformance.reminderConformance("PostgresStore", freshStore().layer, { numRuns: 5 })
  RosterConformance.rosterConformance("PostgresStore", freshStore().layer)
  LedgerConformance.ledgerConformance("PostgresStore", freshStore().layer, {
    numRuns: 6,
    tamper: LedgerConformance.sqlTamper((statement) =>
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(statement)) as unknown as Effect.Effect<unknown, unknown, Store.Store>
    )
  })
  LedgerBigBatch.ledgerBigBatch("PostgresStore", freshStore().layer)
  // Killed child processes (the ledger's ingest, a co-construction import): on the SQLite
  // file in every `npm test`, here under `npm run test:long` (JICENG_LONG=1); the grid
  // import and the dispatcher are killed below in every run.
  if (process.env["JICENG_LONG"]) {
    // A child process ingests ledger batches into the same schema and is killed.
    const ledgerIngest = freshStore()
    const ledgerChild = fileURLToPath(new URL("./fixtures/ledger-ingest-child.mjs", import.meta.url))
    LedgerCrash.ledgerCrash(
      "PostgresStore",
      ledgerIngest.layer,
      (args) => spawn(process.execPath, [ledgerChild, url ?? "", ledgerIngest.schema, ...args], { stdio: ["ignore", "pipe", "inherit"] })
    )
    // A child process imports co-construction commands into the same schema and is killed.
    const coImports = freshStore()
    const coChild = fileURLToPath(new URL("./fixtures/coconstruction-import-child.mjs", import.meta.url))
    CoConstructionImportResume.coConstructionImportResume(
      "PostgresStore",
      coImports.layer,
      (args) => spawn(process.execPath, [coChild, url ?? "", coImports.schema, ...args], { stdio: ["ignore", "ignore", "inherit"] }),
      { blocks: 100, chunkSize: 30 }
    )
  }
  organisationRepositoryContract("PostgresStore", freshStore().layer)
  coConstructionRepositoryContract("PostgresStore", freshStore().layer)
  developmentRepositoryContract("PostgresStore", freshStore().layer)
  emergencyRepositoryContract("PostgresStore", freshStore().layer)
  demandRepositoryContract("PostgresStore", freshStore().layer)
  outreachRepositoryContract("PostgresStore", freshStore().layer)
  ledgerRepositoryContract("PostgresStore", freshStore().layer)
  outboxRepositoryContract("PostgresStore", freshStore().layer)
  DispatcherConformance.dispatcherConformance("PostgresStore", freshStore().layer)
  // Two dispatchers over connections of their own to one schema.
  const race = freshStore()
  DispatcherRace.dispatcherRace("PostgresStore", race.layer, PostgresStore.layer({ url: url ?? "", schema: race.schema }))
  // A dispatcher in a child process is killed mid-batch and started again (fixtures/outbox-dispatch-child.mjs).
  const outboxCrash = freshStore()
  const dispatchChild = fileURLToPath(new URL("./fixtures/outbox-dispatch-child.mjs", import.meta.url))
  DispatcherCrash.dispatcherCrash(
    "PostgresStore",
    outboxCrash.layer,
    (args) => spawn(process.execPath, [dispatchChild, url ?? "", outboxCrash.schema, ...args], { stdio: ["ignore", "ignore", "inherit"] })
  )
  repositoryContract("PostgresStore", freshStore().layer)
  GridConformance.gridConformance("PostgresStore", freshStore().layer, { numRuns: 12 })

  // A child process imports into the same schema and is killed (fixtures/import-child.mjs).
  const imports = freshStore()
  const child = fileURLToPath(new URL("./fixtures/import-child.mjs", import.meta.url))
  ImportResume.importResume(
    "PostgresStore",
    imports.layer,
    (args) => spawn(process.execPath, [child, url ?? "", imports.schema, ...args], { stdio: ["ignore", "ignore", "inherit"] })
  )

  // A server (or role) whose default is REPEATABLE READ, as some deployments set.
  const repeatable = new URL(url ?? "postgres://localhost/x")
  repeatable.searchParams.set("options", "-c default_transaction_isolation=repeatable\\ read")
  layer(freshStore(repeatable.toString()).layer)("on a server defaulting to REPEATABLE READ", (it) => {
    it.effect("transactions still run READ COMMITTED, so concurrent writers of a tenant stay serialised", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const store = yield* StorePorts.all
        const t = Tenant.make("139902")
        expect(yield* store.transaction(t, sql`SHOW transaction_isolation`)).toEqual([
          { transaction_isolation: "read committed" }
        ])
        const entry = { tenant: t, actor: "a", action: "b", target: "c", detail: "{}" }
        const appended = yield* Effect.all(Array.from({ length: 8 }, () => store.audit.append(entry)), {
          concurrency: "unbounded"
        })
        expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      }))
  })

  layer(freshStore().layer)("appendAll across tenants", (it) => {
    it.effect("batches naming the same tenants in any order never deadlock; seqs stay gap-free", () =>
      Effect.gen(function*() {
        const store = yield* StorePorts.all
        const [a, b] = [Tenant.make("139903"), Tenant.make("139904")]
        const entry = (tenant: Tenant.Tenant) => ({ tenant, actor: "a", action: "b", target: "c", detail: "{}" })
        yield* Effect.all(
          Array.from({ length: 40 }, (_, i) => store.audit.appendAll(i % 2 === 0 ? [entry(a), entry(b)] : [entry(b), entry(a)])),
          { concurrency: "unbounded" }
        )
        for (const t of [a, b]) {
          const log = yield* store.audit.list(t, { afterSeq: 0, limit: Infinity })
          expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
        }
      }))
  })

  const store = freshStore()
  layer(store.layer)("in a schema of its own", (it) => {
    it.effect("creates its tables in the schema, migrations recorded there", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const tables = yield* sql<{ readonly table_name: string }>`SELECT table_name FROM information_schema.tables
WHERE table_schema = ${store.schema} ORDER BY table_name`
        expect(tables.map((t) => t.table_name)).toEqual([
          "assignments",
          "audit_log",
          "coconstruction_agreements",
          "coconstruction_joint_meeting_tasks",
          "coconstruction_joint_meetings",
          "coconstruction_member_enrolments",
          "coconstruction_needs",
          "coconstruction_project_allocations",
          "coconstruction_project_progress",
          "coconstruction_projects",
          "coconstruction_resources",
          "coconstruction_unit_enrolments",
          "coconstruction_volunteer_claims",
          "coconstruction_volunteer_posts",
          "coconstruction_volunteer_teams",
          "demand_demands",
          "demand_events",
          "demand_visits",
          "development_attendance",
          "development_events",
          "development_holdings",
          "development_honours",
          "development_letters",
          "development_moves",
          "development_plans",
          "development_sessions",
          "development_tracks",
          "development_workers",
          "discipline",
          "dues",
          "emergency_activations",
          "emergency_branches",
          "emergency_roster",
          "emergency_teams",
          "grid_lineage",
          "grids",
          "import_progress",
          "jiceng_idempotency",
          "jiceng_migrations_audit",
          "jiceng_migrations_coconstruction",
          "jiceng_migrations_demand",
          "jiceng_migrations_development",
          "jiceng_migrations_emergency",
          "jiceng_migrations_grid",
          "jiceng_migrations_idempotency",
          "jiceng_migrations_imports",
          "jiceng_migrations_ledger",
          "jiceng_migrations_organisation",
          "jiceng_migrations_outbox",
          "jiceng_migrations_outreach",
          "jiceng_migrations_store",
          "jiceng_outbox",
          "ledger_activities",
          "ledger_certificates",
          "ledger_consents",
          "ledger_entries",
          "ledger_heads",
          "ledger_points",
          "ledger_volunteers",
          "meetings",
          "members",
          "memberships",
          "organisations",
          "outreach_batches",
          "outreach_contacts",
          "outreach_group_members",
          "outreach_groups",
          "outreach_links",
          "outreach_matters",
          "outreach_problems",
          "outreach_stations",
          "outreach_uses",
          "participations",
          "place_links",
          "places",
          "worker_terms",
          "workers"
        ])
        expect(yield* SqlStore.migrate).toEqual([])
      }))

    it.effect("every table leads its primary key and indexes with tenant", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const indexes = yield* sql<{ readonly tablename: string; readonly indexdef: string }>`SELECT tablename, indexdef
FROM pg_indexes WHERE schemaname = ${store.schema} AND tablename NOT LIKE 'jiceng_migrations%'`
        expect(indexes.length).toBeGreaterThanOrEqual(12)
        for (const index of indexes) expect(index.indexdef, index.indexdef).toMatch(/USING btree \(tenant[,)]/)
      }))

    it.effect("text columns are byte-ordered (COLLATE \"C\")", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const columns = yield* sql<{ readonly column_name: string; readonly collation_name: string | null }>`SELECT
  table_name || '.' || column_name AS column_name, collation_name
FROM information_schema.columns
WHERE table_schema = ${store.schema} AND data_type = 'text' AND table_name NOT LIKE 'jiceng_migrations%'`
        expect(columns.length).toBeGreaterThan(30)
        for (const column of columns) expect(column.collation_name, column.column_name).toBe("C")
      }))

    it.effect("answers subtree questions with an index range scan", () =>
      Effect.gen(function*() {
        const s = yield* StorePorts.all
        const sql = yield* SqlClient.SqlClient
        // A district's worth of rows and fresh statistics, so the planner chooses as in production.
        const tenant = Tenant.make("131102")
        const blocks = Array.from({ length: 4_000 }, (_, i) => {
          const code = `131102${String(1 + (i % 4)).padStart(3, "0")}${String(i).padStart(9, "0")}`
          return {
            tenant,
            id: Grid.makeId(code, "2020-01-01"),
            code: code as Grid.GridCode,
            parentCode: code.slice(0, -3) as Grid.GridCode,
            level: 3,
            name: `block ${i}`,
            validFrom: IsoDate.unsafeMake("2020-01-01"),
            validTo: null,
            change: "create" as const,
            predecessors: []
          }
        })
        yield* s.grids.insert(blocks)
        yield* s.places.link(blocks.map((b, i) => ({
          tenant,
          placeId: `h${i}` as Place.PlaceId,
          gridCode: b.code,
          validFrom: b.validFrom,
          validTo: null
        })))
        yield* sql`ANALYZE`
        const plan = (table: string, column: string) =>
          sql.withTransaction(
            Effect.zipRight(
              sql`SET LOCAL enable_seqscan = off`,
              sql.unsafe<{ readonly "QUERY PLAN": string }>(
                `EXPLAIN SELECT * FROM ${table} WHERE tenant = $1 AND ${column} >= $2 AND ${column} < $3
AND valid_from <= $4 AND (valid_to IS NULL OR valid_to > $4) ORDER BY ${column}`,
                ["131102", "131102001", "131102001:", "2024-01-01"]
              )
            )
          ).pipe(Effect.map((rows) => rows.map((r) => r["QUERY PLAN"]).join("\n")))
        const grids = yield* plan("grids", "code")
        expect(grids).toMatch(/Index (Only )?Scan using grids_code/)
        expect(grids).toMatch(/Index Cond: .*code >= .*code < /)
        expect(grids).not.toMatch(/Sort/)
        expect(yield* plan("place_links", "grid_code")).toMatch(/Index (Only )?Scan using place_links_grid/)
        expect(yield* plan("assignments", "grid_code")).toMatch(/Index (Only )?Scan using assignments_grid/)
      }))

    it.effect("two transactions of one tenant on two connections wait for each other", () =>
      Effect.gen(function*() {
        const s = yield* StorePorts.all
        const sql = yield* SqlClient.SqlClient
        const tenant = Tenant.make("139999")
        // The first holds the tenant's lock until the second has asked for it.
        const order: Array<string> = []
        const first = s.transaction(
          tenant,
          Effect.gen(function*() {
            order.push("first:start")
            yield* sql`SELECT pg_sleep(0.3)`
            yield* s.audit.append({ tenant, actor: "a", action: "first", target: "t", detail: "{}" })
            order.push("first:end")
          })
        )
        const second = s.transaction(
          tenant,
          Effect.gen(function*() {
            order.push("second:start")
            yield* s.audit.append({ tenant, actor: "a", action: "second", target: "t", detail: "{}" })
          })
        )
        yield* Effect.all([first, Effect.zipRight(sql`SELECT pg_sleep(0.1)`, second)], { concurrency: 2 })
        expect(order).toEqual(["first:start", "first:end", "second:start"])
        const entries = yield* s.audit.list(tenant, { afterSeq: 0, limit: 10 })
        expect(entries.map((e) => [e.seq, e.action])).toEqual([[1, "first"], [2, "second"]])
      }))
  })

  it.live("a failed connection is a StoreError naming the operation and the code, not the driver's text", () =>
    Effect.gen(function*() {
      const missing = new URL(url ?? "postgres://localhost/x")
      missing.pathname = "/jiceng_no_such_database_13912345678"
      const error = yield* Effect.flip(Effect.scoped(Layer.build(PostgresStore.layer({ url: missing.toString() }))))
      expect(error).toMatchObject({ _tag: "StoreError", operation: "connect" })
      expect(error.message).toMatch(/^connect failed/)
      expect(error.message).not.toContain("13912345678")
    }))

  // Live clock: the losers of the race retry after a real pause.
  it.live("several processes starting at once on a fresh schema: each creates or finds it, all start", () =>
    Effect.gen(function*() {
      const schema = `jiceng_test_race_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
      const start = PostgresStore.layer({ url: url ?? "", schema })
      const results = yield* Effect.all(
        Array.from({ length: 5 }, () => Effect.either(Effect.scoped(Layer.build(start)))),
        { concurrency: "unbounded" }
      )
      expect(results.filter((r) => r._tag === "Left")).toEqual([])
      yield* Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        for (const table of ["jiceng_migrations_store", "jiceng_migrations_audit", "jiceng_migrations_grid"]) {
          expect(yield* sql`SELECT count(*)::int AS n FROM ${sql(table)}`).toEqual([{ n: 1 }])
        }
        yield* sql`DROP SCHEMA ${sql(schema)} CASCADE`
      }).pipe(Effect.provide(start))
    }))
})
