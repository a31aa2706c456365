/**
 * The Store on SQLite (better-sqlite3): the embedded default, comfortable at district
 * scale. One file holds every tenant; the schema is migrated when the layer starts.
 *
 * A file database runs in WAL mode (readers never block the writer, nor the writer
 * them) with `synchronous = NORMAL`, which in WAL mode stays consistent after a crash
 * and only risks the last commits on power loss. Writes are serialised: within the
 * process by the client's single connection, across connections by SQLite's write
 * lock, which every `Transactor.transaction` takes as its first statement (see
 * `@jiceng/store-sql`).
 *
 * A writer that finds the lock taken by another connection (another client in this
 * process, or another process) waits asynchronously, for up to `busyTimeout`: the
 * connection itself never waits (`PRAGMA busy_timeout = 0`), since better-sqlite3 is
 * synchronous and SQLite's own wait would block the event loop, and with it the holder
 * when it is in the same process.
 *
 * @since 0.1.0
 */
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { Store } from "@jiceng/core"
import { StoreError } from "@jiceng/core"
import { SqlStore, SqlTransactor } from "@jiceng/store-sql"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/**
 * @since 0.1.0
 * @category models
 */
export interface SqliteStoreConfig {
  /** A file path, or `":memory:"` for a private in-memory database. */
  readonly filename: string
  /**
   * How long a write transaction, and the migrations at start-up, wait for the write
   * lock while another connection holds it, before failing with a `StoreError`
   * (`SQLITE_BUSY`): a `Duration`, a string such as `"10 seconds"`, or milliseconds.
   * 5 seconds by default; `0` fails at once. The wait never blocks the event loop.
   *
   * @since 0.2.0
   */
  readonly busyTimeout?: Duration.DurationInput | undefined
}

/**
 * The default {@link SqliteStoreConfig.busyTimeout}: 5 seconds, better-sqlite3's own.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultBusyTimeout: Duration.Duration = Duration.seconds(5)

const inMemory = (filename: string): boolean => filename === ":memory:" || filename === ""

const openError = (message: string, cause?: unknown): StoreError.StoreError =>
  new StoreError.StoreError({ operation: "open", message, cause })

/** A bad option value, briefly, for the error message (never throwing). */
const describe = (input: unknown): string => {
  try {
    const text = typeof input === "number"
      ? String(input)
      : typeof input === "bigint"
      ? `${input}n`
      : JSON.stringify(input) ?? String(input)
    return text.slice(0, 40)
  } catch {
    return typeof input
  }
}

/** Negative inputs, which `Duration.decode` would quietly turn into zero. */
const negative = (input: unknown): boolean =>
  (typeof input === "number" && !(input >= 0)) ||
  (typeof input === "bigint" && input < 0n) ||
  (typeof input === "string" && input.trimStart().startsWith("-")) ||
  (Array.isArray(input) && !input.every((n) => typeof n === "number" && n >= 0))

/** A finite duration of zero or more, or an error naming the option (and not throwing for any input). */
const decodeBusyTimeout = (input: unknown): Either.Either<Duration.Duration, string> => {
  if (input === undefined) return Either.right(defaultBusyTimeout)
  const decoded = negative(input) ? Option.none() : Duration.decodeUnknown(input)
  return Option.isSome(decoded) && Duration.isFinite(decoded.value)
    ? Either.right(decoded.value)
    : Either.left(
      `busyTimeout ${describe(input)}: expected a finite duration of 0 or more (a Duration, "5 seconds", or milliseconds)`
    )
}

const pragmas = (filename: string): Layer.Layer<never, StoreError.StoreError, SqlClient.SqlClient> =>
  Layer.scopedDiscard(
    Effect.gen(function*() {
      if (inMemory(filename)) return
      const sql = yield* SqlClient.SqlClient
      // The connection is the client's only one, so a connection pragma holds for all.
      // Refused locks fail at once, and the transactor waits for them asynchronously.
      yield* sql`PRAGMA busy_timeout = 0`.raw
      yield* sql`PRAGMA synchronous = NORMAL`.raw
      // In WAL mode nothing after the write lock can be refused (COMMIT appends to the
      // log): a database the client could not switch to WAL would break that.
      const [mode] = yield* sql<{ readonly journal_mode: string }>`PRAGMA journal_mode`
      if (mode?.journal_mode !== "wal") {
        return yield* openError(
          `${filename}: SQLite could not switch the file to WAL mode (journal_mode is ${mode?.journal_mode}); ` +
            "SqliteStore needs a file on a local filesystem"
        )
      }
      // Refreshes the planner's statistics where they went stale, as SQLite advises
      // before closing a long-lived connection. Skipped, not waited for, while another
      // connection writes.
      yield* Effect.addFinalizer(() => Effect.ignore(sql`PRAGMA optimize`.raw))
    }).pipe(
      Effect.catchTag("SqlError", (cause) => openError(cause.message, cause))
    )
  )

/** Whether every module's latest migration is recorded: plain reads, which wait for no lock. */
const upToDate = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  for (const { migrations, table } of SqlStore.domains) {
    const latest = Math.max(0, ...(yield* Migrator.fromRecord(migrations)).map(([id]) => id))
    const tables = yield* sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${table}`
    if (tables.length === 0) return false
    const [row] = yield* sql<{ readonly id: number | null }>`SELECT max(migration_id) AS id FROM ${sql(table)}`
    if ((row?.id ?? 0) < latest) return false
  }
  return true
})

/**
 * Runs the migrations holding the write lock from the start (`BEGIN IMMEDIATE`, waited
 * for asynchronously), when any is missing. The migrator takes the lock only when it
 * records a migration, and reads a refusal there as "another process is migrating":
 * it would report success with the migrations not run.
 */
const migrations = (busyTimeout: Duration.Duration): Layer.Layer<never, StoreError.StoreError, SqlClient.SqlClient> =>
  Layer.effectDiscard(
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      if (yield* upToDate) return
      const locked = Effect.scoped(Effect.flatMap(sql.reserve, (conn) => {
        const run = (statement: string) => conn.executeUnprepared(statement, [], undefined)
        return Effect.acquireUseRelease(
          run("BEGIN IMMEDIATE"),
          () =>
            SqlStore.migrate.pipe(
              // The migrator's own transaction becomes a savepoint of this one.
              Effect.provideService(SqlClient.TransactionConnection, [conn, 0] as const),
              Effect.zipLeft(Effect.mapError(run("COMMIT"), SqlStore.toStoreError("migrate")))
            ),
          (_, exit) => Exit.isSuccess(exit) ? Effect.void : Effect.ignore(run("ROLLBACK"))
        )
      }))
      yield* SqlTransactor.retryWhileBusy("migrate", busyTimeout)(locked)
    }).pipe(
      Effect.catchTags({
        SqlError: (error) => Effect.fail(SqlStore.toStoreError("migrate")(error)),
        MigrationError: (error) => Effect.fail(new StoreError.StoreError({ operation: "migrate", message: error.message }))
      })
    )
  )

const client = (filename: string) =>
  SqliteClient.layer({ filename, disableWAL: inMemory(filename) }).pipe(
    // better-sqlite3 throws while opening (no such directory, not a database): the
    // client raises that as a defect, which is a StoreError like any other failure.
    Layer.catchAllCause((cause) => {
      const error = Cause.squash(cause)
      const message = error instanceof Error ? error.message : String(error)
      return Layer.fail(openError(`${filename}: ${message}`, error))
    })
  )

/**
 * The Store, the generic `SqlClient` and the `SqliteClient` on one database file,
 * migrated on start. A `busyTimeout` that is not a finite duration of 0 or more is a
 * `StoreError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  config: SqliteStoreConfig
): Layer.Layer<Store.Store | SqlClient.SqlClient | SqliteClient.SqliteClient, StoreError.StoreError> =>
  Either.match(decodeBusyTimeout(config.busyTimeout), {
    onLeft: (message) => Layer.fail(openError(message)),
    onRight: (busyTimeout) =>
      SqlStore.layer.pipe(
        Layer.provide(Layer.succeed(SqlTransactor.BusyTimeout, busyTimeout)),
        Layer.provide(migrations(busyTimeout)),
        Layer.provide(pragmas(config.filename)),
        Layer.provideMerge(client(config.filename))
      )
  })

/** Milliseconds (`"2500"`) or a duration (`"10 seconds"`). */
const busyTimeoutConfig = Config.mapOrFail(
  Config.string("JICENG_SQLITE_BUSY_TIMEOUT"),
  (text) =>
    Either.mapLeft(
      decodeBusyTimeout(/^\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : text.trim()),
      () =>
        ConfigError.InvalidData(
          [],
          `expected milliseconds ("2500") or a duration ("10 seconds") of 0 or more, got ${JSON.stringify(text)}`
        )
    )
)

/**
 * {@link layer} on the file named by `JICENG_SQLITE_FILE`, waiting for the write lock
 * for `JICENG_SQLITE_BUSY_TIMEOUT` when it is set: milliseconds (`2500`) or a duration
 * (`10 seconds`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<
  Store.Store | SqlClient.SqlClient | SqliteClient.SqliteClient,
  StoreError.StoreError | ConfigError.ConfigError
> = Layer.unwrapEffect(
  Effect.map(
    Config.all({
      filename: Config.string("JICENG_SQLITE_FILE"),
      busyTimeout: Config.option(busyTimeoutConfig)
    }),
    ({ busyTimeout, filename }) => layer({ filename, busyTimeout: Option.getOrUndefined(busyTimeout) })
  )
)
