/**
 * The Store on PostgreSQL: for a province (about 100 districts) or wherever several
 * application servers share one database. Every table leads with `tenant`, so a Citus
 * deployment can distribute them all by it; writes of one tenant are serialised with a
 * transaction-scoped advisory lock (see `@jiceng/store-sql`).
 *
 * With a `schema`, the store creates it if missing and every pooled connection uses it
 * alone as its `search_path`, so several stores (or test runs) can share a database.
 *
 * @since 0.1.0
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import type { Store } from "@jiceng/core"
import { StoreError } from "@jiceng/core"
import { SqlStore } from "@jiceng/store-sql"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"

/**
 * @since 0.1.0
 * @category models
 */
export interface PostgresStoreConfig {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string | Redacted.Redacted
  /** A schema of its own (lower-case letters, digits, `_`); created when missing. */
  readonly schema?: string | undefined
  /** Pool size; the `pg` default (10) otherwise. */
  readonly maxConnections?: number | undefined
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

const configError = (message: string): StoreError.StoreError =>
  new StoreError.StoreError({ operation: "connect", message })

/**
 * The URL with session settings added to its libpq `options`, so that every connection
 * the pool opens starts with them: READ COMMITTED always (the tenant lock serialises
 * writers only if each statement after it sees what the previous holder committed; a
 * server or role defaulting to REPEATABLE READ would take the snapshot at the lock
 * statement itself), and `search_path=<schema>` when the store has a schema.
 */
const withSessionSettings = (url: string, schema: string | undefined): Effect.Effect<string, StoreError.StoreError> =>
  Effect.try({
    try: () => new URL(url),
    catch: () => configError("the PostgreSQL url is not a URL (postgres://user@host:port/database)")
  }).pipe(
    Effect.map((parsed) => {
      const options = parsed.searchParams.get("options")
      const settings = [
        "-c default_transaction_isolation=read\\ committed",
        ...(schema === undefined ? [] : [`-c search_path=${schema}`])
      ].join(" ")
      // Later settings win, so ours come after the caller's.
      parsed.searchParams.set("options", options === null ? settings : `${options} ${settings}`)
      return parsed.toString()
    })
  )

const createSchema = (schema: string): Layer.Layer<never, StoreError.StoreError, SqlClient.SqlClient> =>
  Layer.effectDiscard(
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`.raw
    }).pipe(
      // Two processes creating the schema at once: one of them fails on the catalog's
      // unique index even with IF NOT EXISTS, and finds the schema on its retry.
      Effect.retry({ times: 3, schedule: Schedule.spaced("200 millis") }),
      Effect.mapError(SqlStore.toStoreError("createSchema"))
    )
  )

/**
 * The Store, the generic `SqlClient` and the `PgClient` on one database (and schema),
 * migrated on start.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  config: PostgresStoreConfig
): Layer.Layer<Store.Store | SqlClient.SqlClient | PgClient.PgClient, StoreError.StoreError> =>
  Layer.unwrapEffect(
    Effect.gen(function*() {
      const raw = typeof config.url === "string" ? config.url : Redacted.value(config.url)
      const schema = config.schema
      if (schema !== undefined && !schemaPattern.test(schema)) {
        return yield* configError(`schema ${JSON.stringify(schema)}: expected lower-case letters, digits and _`)
      }
      const url = yield* withSessionSettings(raw, schema)
      const client = PgClient.layer({
        url: Redacted.make(url),
        applicationName: "jiceng",
        maxConnections: config.maxConnections
      }).pipe(
        Layer.mapError(SqlStore.toStoreError("connect"))
      )
      return SqlStore.layerMigrated.pipe(
        Layer.provide(schema === undefined ? Layer.empty : createSchema(schema)),
        Layer.provideMerge(client)
      )
    })
  )

/**
 * {@link layer} on `JICENG_PG_URL`, in the schema `JICENG_PG_SCHEMA` when it is set.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<
  Store.Store | SqlClient.SqlClient | PgClient.PgClient,
  StoreError.StoreError | ConfigError.ConfigError
> = Layer.unwrapEffect(
  Effect.map(
    Config.all({
      url: Config.redacted("JICENG_PG_URL"),
      schema: Config.option(Config.string("JICENG_PG_SCHEMA"))
    }),
    ({ schema, url }) => layer({ url, schema: Option.getOrUndefined(schema) })
  )
)
