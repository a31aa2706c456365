/**
 * The whole Store on `@effect/sql`: the transaction port and every domain's repository
 * port on the `SqlClient` in context, so the database is chosen by the client layer
 * the application provides (`@jiceng/store-sqlite`, `@jiceng/store-postgres`).
 *
 * Each domain keeps its own module (its repositories and its migrations, recorded in a
 * migrations table of its own): `SqlAuditLog`, `SqlGridStore`, `SqlImportLog`,
 * `SqlOrganisationStore`, `SqlCoConstructionStore`, `SqlIdempotencyStore`,
 * `SqlLedgerStore`, `SqlDevelopmentStore`, `SqlEmergencyStore`, `SqlDemandStore`,
 * `SqlOutreachStore`; `SqlTransactor` holds transactions.
 * A domain added to the library adds one module and one entry in {@link domains}.
 *
 * @since 0.1.0
 */
import * as Migrator from "@effect/sql/Migrator"
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { Store } from "@jiceng/core"
import { StoreError } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { fromSqlError } from "./internal/errors.js"
import * as SqlAuditLog from "./SqlAuditLog.js"
import * as SqlCoConstructionStore from "./SqlCoConstructionStore.js"
import * as SqlDemandStore from "./SqlDemandStore.js"
import * as SqlDevelopmentStore from "./SqlDevelopmentStore.js"
import * as SqlEmergencyStore from "./SqlEmergencyStore.js"
import * as SqlOutboxStore from "./SqlOutboxStore.js"
import * as SqlOutreachStore from "./SqlOutreachStore.js"
import * as SqlGridStore from "./SqlGridStore.js"
import * as SqlIdempotencyStore from "./SqlIdempotencyStore.js"
import * as SqlImportLog from "./SqlImportLog.js"
import * as SqlLedgerStore from "./SqlLedgerStore.js"
import * as SqlOrganisationStore from "./SqlOrganisationStore.js"
import * as SqlTransactor from "./SqlTransactor.js"

/**
 * The migrations of each module, in the order they run: each module's own table
 * records which of its migrations ran, so modules number theirs independently.
 *
 * @since 0.2.0
 * @category migrations
 */
export const domains: ReadonlyArray<{
  readonly table: string
  readonly migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>
}> = [
  { table: SqlTransactor.migrationsTable, migrations: SqlTransactor.migrations },
  { table: SqlAuditLog.migrationsTable, migrations: SqlAuditLog.migrations },
  { table: SqlGridStore.migrationsTable, migrations: SqlGridStore.migrations },
  { table: SqlImportLog.migrationsTable, migrations: SqlImportLog.migrations },
  { table: SqlOrganisationStore.migrationsTable, migrations: SqlOrganisationStore.migrations },
  { table: SqlCoConstructionStore.migrationsTable, migrations: SqlCoConstructionStore.migrations },
  { table: SqlIdempotencyStore.migrationsTable, migrations: SqlIdempotencyStore.migrations },
  { table: SqlLedgerStore.migrationsTable, migrations: SqlLedgerStore.migrations },
  { table: SqlDevelopmentStore.migrationsTable, migrations: SqlDevelopmentStore.migrations },
  { table: SqlEmergencyStore.migrationsTable, migrations: SqlEmergencyStore.migrations },
  { table: SqlDemandStore.migrationsTable, migrations: SqlDemandStore.migrations },
  { table: SqlOutreachStore.migrationsTable, migrations: SqlOutreachStore.migrations },
  { table: SqlOutboxStore.migrationsTable, migrations: SqlOutboxStore.migrations }
]

/**
 * A `SqlError` as core's `StoreError`: the operation and the driver's error code
 * (SQLSTATE, `SQLITE_*`, `ECONNREFUSED`), never the driver's text, which may quote
 * values; the `cause` keeps everything for logs.
 *
 * @since 0.2.0
 * @category errors
 */
export const toStoreError: (operation: string) => (error: SqlError) => StoreError.StoreError = fromSqlError

/** What a defect (a migration's own failure, which the migrator raises as one) says. */
const describe = (defect: unknown): string => {
  if (!(defect instanceof Error)) return String(defect)
  const cause = (defect as { readonly cause?: unknown }).cause
  return cause === undefined ? defect.message : `${defect.message}: ${describe(cause)}`
}

const migrateOne = (table: string, migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>) =>
  Migrator.make({})({ loader: Migrator.fromRecord(migrations), table }).pipe(
    Effect.mapError((error) =>
      error._tag === "SqlError" ? fromSqlError("migrate")(error) : new StoreError.StoreError({
        operation: "migrate",
        message: error.message,
        cause: error
      })
    ),
    // Only a failure to set up is retried; a failing migration is a defect of the migrator.
    Effect.retry({ times: 3, schedule: Schedule.spaced("200 millis") }),
    Effect.catchAllDefect((defect) =>
      Effect.fail(new StoreError.StoreError({ operation: "migrate", message: describe(defect), cause: defect }))
    )
  )

/**
 * Runs every module's migrations on the `SqlClient` in context; migrations already
 * applied are skipped. Returns the ones it ran, by id and name. Every failure is a
 * `StoreError`, a failing migration's too. Processes starting together on a fresh
 * database race to create the migrations tables: the loser retries, then finds the
 * migrations done (or waits for them on the table's lock).
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  StoreError.StoreError,
  SqlClient.SqlClient
> = Effect.map(
  Effect.forEach(domains, ({ migrations, table }) => migrateOne(table, migrations)),
  (ran) => ran.flat()
).pipe(Effect.withSpan("SqlStore.migrate"))

/**
 * Every port of the Store on the `SqlClient` in context, which must already be migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Store.Store, never, SqlClient.SqlClient> = Layer.mergeAll(
  SqlAuditLog.layer,
  SqlGridStore.layer,
  SqlImportLog.layer,
  SqlOrganisationStore.layer,
  SqlCoConstructionStore.layer,
  SqlIdempotencyStore.layer,
  SqlLedgerStore.layer,
  SqlDevelopmentStore.layer,
  SqlEmergencyStore.layer,
  SqlDemandStore.layer,
  SqlOutreachStore.layer,
  SqlOutboxStore.layer
).pipe(Layer.provideMerge(SqlTransactor.layer))

/**
 * Every port of the Store on the `SqlClient` in context, after running the migrations.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMigrated: Layer.Layer<Store.Store, StoreError.StoreError, SqlClient.SqlClient> = layer.pipe(
  // Built first: the ports start on a migrated database.
  Layer.provideMerge(Layer.effectDiscard(migrate))
)
