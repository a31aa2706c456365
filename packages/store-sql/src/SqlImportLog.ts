/**
 * The import log on `@effect/sql`: one row per tenant and import id, upserted in the
 * transaction of the chunk it records.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { ImportLog } from "@jiceng/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { ddl } from "./internal/columns.js"
import { fromSqlError } from "./internal/errors.js"
import * as Rows from "./internal/rows.js"

/**
 * The table recording which of this module's migrations ran.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_imports"

/**
 * @since 0.2.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_import_progress": ddl(({ bigint, tableOptions, text }) => [
    `CREATE TABLE import_progress (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  committed ${bigint} NOT NULL,
  digest ${text} NOT NULL,
  at_ms ${bigint} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`
  ])
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<ImportLog.ImportLogShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  return {
    progress: (tenant, id) =>
      sql<{ readonly committed: number | string; readonly digest: string; readonly at_ms: number | string }>`SELECT
  committed, digest, at_ms FROM import_progress WHERE tenant = ${tenant} AND id = ${id}`.pipe(
        Effect.map(([row]) =>
          Option.map(Option.fromNullable(row), (r): ImportLog.ImportProgress => ({
            tenant,
            id,
            committed: Rows.toNumber(r.committed),
            digest: r.digest,
            atMs: Rows.toNumber(r.at_ms)
          }))
        ),
        Effect.mapError(fromSqlError("imports.progress")),
        Effect.withSpan("SqlStore.imports.progress")
      ),
    record: ({ committed, digest, id, tenant }) =>
      Effect.flatMap(Clock.currentTimeMillis, (atMs) =>
        sql`INSERT INTO import_progress (tenant, id, committed, digest, at_ms)
VALUES (${tenant}, ${id}, ${committed}, ${digest}, ${atMs})
ON CONFLICT (tenant, id) DO UPDATE SET committed = excluded.committed, digest = excluded.digest, at_ms = excluded.at_ms`)
        .pipe(
          Effect.asVoid,
          Effect.mapError(fromSqlError("imports.record")),
          Effect.withSpan("SqlStore.imports.record")
        )
  }
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<ImportLog.ImportLog, never, SqlClient.SqlClient> = Layer.effect(ImportLog.ImportLog, make)
