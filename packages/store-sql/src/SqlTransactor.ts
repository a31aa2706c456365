/**
 * The transaction port on `@effect/sql`. Every domain module of the SQL store runs its
 * statements on the same `SqlClient`, so a transaction opened here spans them all.
 *
 * - PostgreSQL: writers of one tenant are serialised by a transaction-scoped advisory
 *   lock, `pg_advisory_xact_lock(hashtext(tenant))`.
 * - SQLite has one writer per database: the transaction takes the write lock with its
 *   first statement, which makes it `BEGIN IMMEDIATE` (a snapshot read before the lock
 *   could be made stale by another process's commit).
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { StoreError, Tenant } from "@jiceng/core"
import { Transactor } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { fromSqlError } from "./internal/errors.js"

/** Keeps a failure of the caller's effect apart from the store's own SQL failures. */
class CallerFailure<E> {
  constructor(readonly error: E) {}
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<Transactor.TransactorShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()

  /** Tenants whose lock the current transaction holds. */
  const lockedTenants = yield* Effect.sync(() => FiberRef.unsafeMake<ReadonlySet<string>>(new Set()))

  /** A statement that touches no row but takes the tenant's (or the database's) write lock. */
  const lockTenant = (tenant: Tenant.Tenant): Effect.Effect<void, SqlError> =>
    sql.onDialectOrElse({
      pg: () => sql`SELECT pg_advisory_xact_lock(hashtext(${tenant}))`,
      sqlite: () => sql`UPDATE jiceng_write_lock SET id = id WHERE 0`,
      orElse: () => Effect.void
    }).pipe(Effect.asVoid)

  /**
   * The outermost call opens the transaction; a nested call joins it, as the port says
   * (no savepoint: what a nested call wrote stays part of the outer transaction even if
   * the outer one recovers from the nested failure, exactly as in the memory store).
   * A nested call still takes its tenant's lock, which may be another tenant's.
   */
  const transaction = <A, E, R>(
    tenant: Tenant.Tenant,
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | StoreError.StoreError, R> =>
    Effect.flatMap(
      Effect.all([Effect.serviceOption(SqlClient.TransactionConnection), FiberRef.get(lockedTenants)]),
      ([open, held]) => {
        const body = Effect.mapError(self, (error) => new CallerFailure(error))
        // A tenant locked once stays locked until commit: nested calls skip the statement.
        const locked = Option.isSome(open) && held.has(tenant)
          ? body
          : Effect.zipRight(
            lockTenant(tenant),
            Effect.locally(body, lockedTenants, new Set([...(Option.isSome(open) ? held : []), tenant]))
          )
        return (Option.isSome(open) ? locked : sql.withTransaction(locked)).pipe(
          Effect.mapError((error) => error instanceof CallerFailure ? error.error : fromSqlError("transaction")(error)),
          Effect.withSpan("SqlStore.transaction", { attributes: { tenant } })
        )
      }
    )

  return { transaction }
})

/**
 * The table recording which of the transactor's migrations ran.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_store"

/**
 * SQLite: the table whose (empty) update takes the write lock.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_write_lock": Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql.onDialectOrElse({
      sqlite: () => sql`CREATE TABLE jiceng_write_lock (id INTEGER PRIMARY KEY)`.raw,
      orElse: () => Effect.void
    })
  })
}

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<Transactor.Transactor, never, SqlClient.SqlClient> = Layer.effect(
  Transactor.Transactor,
  make
)
