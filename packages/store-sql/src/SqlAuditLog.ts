/**
 * The audit log on `@effect/sql`: its table and queries. Appends join the current
 * transaction (or open one of the entry's tenant), so an entry commits with the write
 * it records.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { AuditEntry, StoreError } from "@jiceng/core"
import { AuditLog, Transactor } from "@jiceng/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ddl } from "./internal/columns.js"
import { fromSqlError } from "./internal/errors.js"
import * as Queries from "./internal/queries.js"
import * as Rows from "./internal/rows.js"

/**
 * The table recording which of the audit log's migrations ran.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_audit"

/**
 * The audit log's schema: `audit_log`, keyed by tenant and seq.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_audit_log": ddl(({ bigint, tableOptions, text }) => [
    `CREATE TABLE audit_log (
  tenant ${text} NOT NULL,
  seq ${bigint} NOT NULL,
  at_ms ${bigint} NOT NULL,
  actor ${text} NOT NULL,
  action ${text} NOT NULL,
  target ${text} NOT NULL,
  detail ${text} NOT NULL,
  PRIMARY KEY (tenant, seq)
)${tableOptions}`
  ])
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<AuditLog.AuditLogShape, never, SqlClient.SqlClient | Transactor.Transactor> = Effect
  .gen(function*() {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const { transaction } = yield* Transactor.Transactor
    const q = Queries.make(sql)
    const columns = sql.literal("tenant, seq, at_ms, actor, action, target, detail")
    return {
      append: (entry) =>
        transaction(
          entry.tenant,
          Effect.gen(function*() {
            const atMs = yield* Clock.currentTimeMillis
            // One statement numbers and inserts: the tenant's lock keeps other transactions
            // out, and a statement sees every earlier one of its own transaction, so seqs
            // stay gap-free even around savepoints or several appends in flight.
            const rows = yield* sql<{ readonly seq: number | string }>`INSERT INTO audit_log (${columns})
SELECT CAST(${entry.tenant} AS TEXT), coalesce(max(seq), 0) + 1, CAST(${atMs} AS BIGINT), CAST(${entry.actor} AS TEXT),
  CAST(${entry.action} AS TEXT), CAST(${entry.target} AS TEXT), CAST(${entry.detail} AS TEXT)
FROM audit_log WHERE tenant = ${entry.tenant}
RETURNING seq`
            const appended: AuditEntry.AuditEntry = { ...entry, seq: Rows.toNumber(rows[0]!.seq), atMs }
            return appended
          }).pipe(Effect.mapError(fromSqlError("audit.append")))
        ).pipe(Effect.withSpan("SqlStore.audit.append")),

      appendAll: (entries) => {
        // Locked in one order, whoever calls: two batches of the same tenants never deadlock.
        const tenants = Array.from(new Set(entries.map((e) => e.tenant))).sort()
        const body = Effect.gen(function*() {
          const atMs = yield* Clock.currentTimeMillis
          const appended: Array<AuditEntry.AuditEntry> = new Array(entries.length)
          for (const tenant of tenants) {
            // The tenant's lock is held: nobody else numbers its entries until commit.
            const [last] = yield* sql<{ readonly seq: number | string }>`SELECT coalesce(max(seq), 0) AS seq
FROM audit_log WHERE tenant = ${tenant}`
            const lastSeq = Rows.toNumber(last?.seq ?? 0)
            // The tenant's entries in order (all of them, as a rule: a batch is one tenant's).
            const own = tenants.length === 1 ? entries : entries.filter((entry) => entry.tenant === tenant)
            let seq = lastSeq
            for (let i = 0; i < entries.length; i++) {
              const entry = entries[i]!
              if (entry.tenant !== tenant) continue
              // Spelt out rather than spread: a literal of one shape is far cheaper per entry.
              const { actor, action, target, detail } = entry
              appended[i] = { tenant, seq: ++seq, atMs, actor, action, target, detail }
            }
            yield* q.insert("audit_log", Rows.auditValues(lastSeq, atMs), own)
          }
          return appended
        }).pipe(Effect.mapError(fromSqlError("audit.appendAll")))
        // Every tenant's lock, in one transaction.
        return tenants.reduce<Effect.Effect<ReadonlyArray<AuditEntry.AuditEntry>, StoreError.StoreError>>(
          (effect, tenant) => transaction(tenant, effect),
          body
        ).pipe(Effect.withSpan("SqlStore.audit.appendAll"))
      },

      list: (tenant, { afterSeq, limit }) =>
        limit <= 0
          ? Effect.succeed([])
          : sql<Rows.AuditRow>`SELECT ${columns}
FROM audit_log
WHERE tenant = ${tenant} AND seq > ${afterSeq}
ORDER BY seq
LIMIT ${Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER}`.pipe(
            Effect.map((rows) => rows.map(Rows.toAuditEntry)),
            Effect.mapError(fromSqlError("audit.list")),
            Effect.withSpan("SqlStore.audit.list")
          )
    }
  })

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<AuditLog.AuditLog, never, SqlClient.SqlClient | Transactor.Transactor> = Layer.effect(
  AuditLog.AuditLog,
  make
)
