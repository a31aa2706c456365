/**
 * The outbox on `@effect/sql`: `jiceng_outbox`, one row per notification and back end,
 * written in the transaction of the change that raised it. A claim is one statement
 * (it needs no tenant's lock): on PostgreSQL it locks the rows it takes with
 * `FOR UPDATE SKIP LOCKED`, so dispatchers sharing the database never take one row at
 * once; on SQLite, whose writes are serialised per file, run one dispatcher per file.
 *
 * @since 0.6.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as Statement from "@effect/sql/Statement"
import type { OutboxStore as Port } from "@jiceng/core"
import { OutboxStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ddl } from "./internal/columns.js"
import { corruptRow, fromSqlError } from "./internal/errors.js"
import * as OutboxRows from "./internal/outboxRows.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of this module's migrations ran.
 *
 * @since 0.6.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_outbox"

/**
 * The outbox's schema: `jiceng_outbox`, keyed by tenant, notification id and back end,
 * indexed by tenant, state and due time (tenant first, as every key and index, so that
 * a deployment can shard by tenant); the notification is JSON text.
 *
 * @since 0.6.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_outbox": ddl(({ bigint, int, tableOptions, text }) => [
    `CREATE TABLE jiceng_outbox (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  backend ${text} NOT NULL,
  notification ${text} NOT NULL,
  state ${text} NOT NULL,
  attempts ${int} NOT NULL,
  due_at ${bigint} NOT NULL,
  lease_until ${bigint},
  lease_token ${text},
  last_error ${text},
  enqueued_at ${bigint} NOT NULL,
  settled_at ${bigint},
  PRIMARY KEY (tenant, id, backend)
)${tableOptions}`,
    `CREATE INDEX jiceng_outbox_tenant_state ON jiceng_outbox (tenant, state, due_at)`
  ])
}

const table = "jiceng_outbox"
const order = ["due_at", "tenant", "id", "backend"]
const entries = Repository.reading<OutboxRows.OutboxRow, Port.OutboxEntry>(table, OutboxRows.columns, OutboxRows.toEntry, ...order)
const columnList = OutboxRows.columns.map(([column]) => column).join(", ")

/**
 * @since 0.6.0
 * @category constructors
 */
export const make: Effect.Effect<Port.OutboxStoreShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const q = Queries.make(sql)
  const repository = Repository.make(sql, q)

  const read = (operation: string) => (rows: ReadonlyArray<OutboxRows.OutboxRow>) =>
    Effect.forEach(rows, (row) => {
      const entry = OutboxRows.toEntry(row)
      return typeof entry === "string"
        ? Effect.fail(corruptRow(operation, entry))
        : Effect.succeed(entry)
    })

  const settle = (operation: string, key: Port.OutboxKey, token: string, set: Statement.Fragment) =>
    repository.write(
      operation,
      sql`UPDATE jiceng_outbox SET ${set}, lease_until = NULL, lease_token = NULL, attempts = attempts + 1
WHERE tenant = ${key.tenant} AND id = ${key.id} AND backend = ${key.backend} AND state = 'pending' AND lease_token = ${token}`
        .pipe(Effect.asVoid)
    )

  const claim: Port.OutboxStoreShape["claim"] = ({ backends, lease, limit, now, token }) => {
    if (backends.length === 0 || limit <= 0) return Effect.succeed([])
    const due = sql`state = 'pending' AND ${q.keyIn("backend", backends)} AND due_at <= ${now}
AND (lease_until IS NULL OR lease_until <= ${now})`
    const statement = sql.onDialectOrElse({
      pg: () =>
        sql<OutboxRows.OutboxRow>`WITH c AS (
  SELECT tenant, id, backend FROM jiceng_outbox WHERE ${due}
  ORDER BY due_at, tenant, id, backend LIMIT ${limit} FOR UPDATE SKIP LOCKED
)
UPDATE jiceng_outbox o SET lease_until = ${now + lease}, lease_token = ${token}
FROM c WHERE o.tenant = c.tenant AND o.id = c.id AND o.backend = c.backend
RETURNING ${sql.literal(OutboxRows.columns.map(([column]) => `o.${column}`).join(", "))}`,
      orElse: () =>
        sql<OutboxRows.OutboxRow>`UPDATE jiceng_outbox SET lease_until = ${now + lease}, lease_token = ${token}
WHERE (tenant, id, backend) IN (
  SELECT tenant, id, backend FROM jiceng_outbox WHERE ${due}
  ORDER BY due_at, tenant, id, backend LIMIT ${limit}
)
RETURNING ${sql.literal(columnList)}`
    })
    return statement.pipe(
      Effect.mapError(fromSqlError("outbox.claim")),
      Effect.flatMap(read("outbox.claim")),
      // RETURNING keeps no order.
      Effect.map((claimed) => [...claimed].sort(OutboxStore.byDue)),
      Effect.withSpan("SqlStore.outbox.claim")
    )
  }

  return {
    enqueue: (items, now) => {
      const seen = new Set<string>()
      const rows: Array<Port.OutboxEntry> = []
      for (const { backend, notification } of items) {
        const slot = `${notification.tenant}\u0000${notification.id}\u0000${backend}`
        if (seen.has(slot)) continue
        seen.add(slot)
        rows.push(OutboxStore.pending(notification, backend, now))
      }
      return rows.length === 0
        ? Effect.void
        : repository.write("outbox.enqueue", q.writeAll(q.inserts(table, OutboxRows.columns, rows, " ON CONFLICT DO NOTHING")))
    },
    claim,
    delivered: (keys, token, at) =>
      Effect.forEach(keys, (key) => settle("outbox.delivered", key, token, sql`state = 'delivered', settled_at = ${at}`), {
        discard: true
      }),
    failed: (key, token, nextAt, error) =>
      settle("outbox.failed", key, token, sql`due_at = ${nextAt}, last_error = ${error}`),
    dead: (key, token, at, error) =>
      settle("outbox.dead", key, token, sql`state = 'dead', settled_at = ${at}, last_error = ${error}`),
    entries: (tenant, state, limit = 1_000) =>
      repository.select("outbox.entries", entries, sql`tenant = ${tenant} AND state = ${state}`, limit).pipe(
        Effect.withSpan("SqlStore.outbox.entries")
      ),
    counts: (tenant) =>
      sql<{ readonly state: string; readonly n: number | string }>`SELECT state, COUNT(*) AS n FROM jiceng_outbox
WHERE tenant = ${tenant} GROUP BY state`.pipe(
        Effect.mapError(fromSqlError("outbox.counts")),
        Effect.map((rows) => {
          const n = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0)
          return { pending: n("pending"), delivered: n("delivered"), dead: n("dead") }
        }),
        Effect.withSpan("SqlStore.outbox.counts")
      ),
    purge: (tenant, before, states) => {
      const settled = states.filter((s) => s === "delivered" || s === "dead")
      return settled.length === 0 ? Effect.succeed(0) : sql<{ readonly id: string }>`DELETE FROM jiceng_outbox
WHERE tenant = ${tenant} AND ${q.keyIn("state", settled)} AND settled_at < ${before}
RETURNING id`.pipe(
        Effect.mapError(fromSqlError("outbox.purge")),
        Effect.map((rows) => rows.length),
        Effect.withSpan("SqlStore.outbox.purge")
      )
    }
  }
})

/**
 * @since 0.6.0
 * @category layers
 */
export const layer: Layer.Layer<OutboxStore.OutboxStore, never, SqlClient.SqlClient> = Layer.effect(OutboxStore.OutboxStore, make)
