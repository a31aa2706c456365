/**
 * The Store on SQLite (better-sqlite3): the embedded default, comfortable at district
 * scale. One file holds every tenant; the schema is migrated when the layer starts.
 *
 * A file database runs in WAL mode (readers never block the writer) with
 * `synchronous = NORMAL`, which in WAL mode stays consistent after a crash and only
 * risks the last commits on power loss. Writes are serialised: within the process by
 * the client's single connection, across processes by SQLite's write lock, which every
 * `Transactor.transaction` takes as its first statement (see `@jiceng/store-sql`).
 *
 * @since 0.1.0
 */
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as SqlClient from "@effect/sql/SqlClient"
import type { Store } from "@jiceng/core"
import { StoreError } from "@jiceng/core"
import { SqlStore } from "@jiceng/store-sql"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * @since 0.1.0
 * @category models
 */
export interface SqliteStoreConfig {
  /** A file path, or `":memory:"` for a private in-memory database. */
  readonly filename: string
}

const inMemory = (filename: string): boolean => filename === ":memory:" || filename === ""

const pragmas = (filename: string): Layer.Layer<never, StoreError.StoreError, SqlClient.SqlClient> =>
  Layer.scopedDiscard(
    Effect.gen(function*() {
      if (inMemory(filename)) return
      const sql = yield* SqlClient.SqlClient
      // The connection is the client's only one, so a connection pragma holds for all.
      yield* sql`PRAGMA synchronous = NORMAL`.raw
      // Refreshes the planner's statistics where they went stale, as SQLite advises
      // before closing a long-lived connection.
      yield* Effect.addFinalizer(() => Effect.ignore(sql`PRAGMA optimize`.raw))
    }).pipe(
      Effect.mapError((cause) => new StoreError.StoreError({ operation: "open", message: cause.message, cause }))
    )
  )

/**
 * The Store, the generic `SqlClient` and the `SqliteClient` on one database file,
 * migrated on start.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  config: SqliteStoreConfig
): Layer.Layer<Store.Store | SqlClient.SqlClient | SqliteClient.SqliteClient, StoreError.StoreError> =>
  SqlStore.layerMigrated.pipe(
    Layer.provide(pragmas(config.filename)),
    Layer.provideMerge(
      SqliteClient.layer({ filename: config.filename, disableWAL: inMemory(config.filename) }).pipe(
        // better-sqlite3 throws while opening (no such directory, not a database): the
        // client raises that as a defect, which is a StoreError like any other failure.
        Layer.catchAllCause((cause) => {
          const error = Cause.squash(cause)
          const message = error instanceof Error ? error.message : String(error)
          return Layer.fail(
            new StoreError.StoreError({ operation: "open", message: `${config.filename}: ${message}`, cause: error })
          )
        })
      )
    )
  )

/**
 * {@link layer} on the file named by `JICENG_SQLITE_FILE`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<
  Store.Store | SqlClient.SqlClient | SqliteClient.SqliteClient,
  StoreError.StoreError | ConfigError.ConfigError
> = Layer.unwrapEffect(Effect.map(Config.string("JICENG_SQLITE_FILE"), (filename) => layer({ filename })))
