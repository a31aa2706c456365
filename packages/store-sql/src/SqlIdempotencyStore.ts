/**
 * The idempotency records on `@effect/sql`: one row per tenant, scope and key in
 * `jiceng_idempotency`, written in the transaction of the write it records. A key
 * recorded twice breaks the primary key, which fails the write (a `StoreError`).
 *
 * @since 0.4.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { StoreError, Tenant } from "@jiceng/core"
import { IdempotencyStore, Transactor } from "@jiceng/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ddl } from "./internal/columns.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"
import * as Rows from "./internal/rows.js"

/**
 * The table recording which of this module's migrations ran.
 *
 * @since 0.4.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_idempotency"

/**
 * The records' schema: `jiceng_idempotency`, keyed by tenant, scope and key; the result
 * is the write's result as JSON text.
 *
 * @since 0.4.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_idempotency": ddl(({ bigint, tableOptions, text }) => [
    `CREATE TABLE jiceng_idempotency (
  tenant ${text} NOT NULL,
  scope ${text} NOT NULL,
  key ${text} NOT NULL,
  fingerprint ${text} NOT NULL,
  result ${text} NOT NULL,
  recorded_at ${bigint} NOT NULL,
  PRIMARY KEY (tenant, scope, key)
)${tableOptions}`
  ])
}

interface IdempotencyRow {
  readonly tenant: string
  readonly scope: string
  readonly key: string
  readonly fingerprint: string
  readonly result: string
  readonly recorded_at: number | string
}

const columns: Queries.Columns<IdempotencyStore.IdempotencyRecord> = [
  ["tenant", (r) => r.tenant],
  ["scope", (r) => r.scope],
  ["key", (r) => r.key],
  ["fingerprint", (r) => r.fingerprint],
  ["result", (r) => r.result],
  ["recorded_at", (r) => r.recordedAt]
]

const records = Repository.reading<IdempotencyRow, IdempotencyStore.IdempotencyRecord>(
  "jiceng_idempotency",
  columns,
  (row) => ({
    tenant: row.tenant as Tenant.Tenant,
    scope: row.scope,
    key: row.key,
    fingerprint: row.fingerprint,
    result: row.result,
    recordedAt: Rows.toNumber(row.recorded_at)
  }),
  "key"
)

/**
 * @since 0.4.0
 * @category constructors
 */
export const make: Effect.Effect<
  IdempotencyStore.IdempotencyStoreShape,
  never,
  SqlClient.SqlClient | Transactor.Transactor
> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const { transaction } = yield* Transactor.Transactor
  const q = Queries.make(sql)
  const repository = Repository.make(sql, q)
  return {
    find: (tenant, scope, keys) =>
      q.selectIn(
        keys,
        2,
        (chunk) => repository.select("idempotency.find", records, sql`tenant = ${tenant} AND scope = ${scope} AND ${q.keyIn("key", chunk)}`),
        q.byKeys((r) => r.key)
      ).pipe(Effect.withSpan("SqlStore.idempotency.find")),
    put: (rows) => {
      if (rows.length === 0) return Effect.void
      const write = Effect.flatMap(Clock.currentTimeMillis, (recordedAt) =>
        repository.write(
          "idempotency.put",
          q.insert("jiceng_idempotency", columns, rows.map((row) => ({ ...row, recordedAt })))
        ))
      // Every tenant's lock, in one order, in one transaction (as the audit log's appendAll).
      return Array.from(new Set(rows.map((r) => r.tenant))).sort().reduce<Effect.Effect<void, StoreError.StoreError>>(
        (effect, tenant) => transaction(tenant, effect),
        write
      )
    }
  }
})

/**
 * @since 0.4.0
 * @category layers
 */
export const layer: Layer.Layer<IdempotencyStore.IdempotencyStore, never, SqlClient.SqlClient | Transactor.Transactor> = Layer
  .effect(IdempotencyStore.IdempotencyStore, make)
