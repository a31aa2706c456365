/**
 * The transaction port on `@effect/sql`. Every domain module of the SQL store runs its
 * statements on the same `SqlClient`, so a transaction opened here spans them all.
 *
 * - PostgreSQL: writers of one tenant are serialised by a transaction-scoped advisory
 *   lock, `pg_advisory_xact_lock(hashtext(tenant))`.
 * - SQLite has one writer per database: the transaction takes the write lock with its
 *   first statement, which makes it `BEGIN IMMEDIATE` (a snapshot read before the lock
 *   could be made stale by another process's commit). While another connection holds
 *   the lock, the transaction waits asynchronously ({@link retryWhileBusy}, for up to
 *   {@link BusyTimeout}): the connection must not wait itself (`PRAGMA busy_timeout = 0`),
 *   since SQLite's own wait blocks the event loop and, in one process, the holder with it.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { Tenant } from "@jiceng/core"
import { StoreError, Transactor } from "@jiceng/core"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Random from "effect/Random"
import { driverCode, fromSqlError } from "./internal/errors.js"

/**
 * SQLite: how long a transaction waits for the database's write lock while another
 * connection (another client in this process, or another process) holds it, before
 * failing with a `StoreError` (`SQLITE_BUSY`); 5 seconds unless provided. Zero fails at
 * once. `SqlTransactor.make` reads it when the layer is built, so provide it below
 * `SqlStore.layer` (`SqliteStore.layer({ busyTimeout })` does). PostgreSQL ignores it.
 *
 * @since 0.2.0
 * @category configuration
 */
export class BusyTimeout extends Context.Reference<BusyTimeout>()("@jiceng/store-sql/SqlTransactor/BusyTimeout", {
  defaultValue: (): Duration.Duration => Duration.seconds(5)
}) {}

/**
 * Whether an error is SQLite refusing a lock that another connection holds:
 * `SQLITE_BUSY` or one of its extended codes (`SQLITE_BUSY_SNAPSHOT`: another writer
 * committed after this transaction's snapshot; `SQLITE_BUSY_RECOVERY`: another
 * connection is recovering the log after a crash). `SQLITE_LOCKED` is not: without a
 * shared cache it is a conflict within the connection itself, which waiting never ends.
 *
 * @since 0.2.0
 * @category errors
 */
export const isBusy = (error: unknown): error is SqlError =>
  Predicate.isTagged(error, "SqlError") &&
  /^SQLITE_BUSY(?:_[A-Z]+)?$/.test(driverCode((error as SqlError).cause) ?? "")

/** The first wait after a refusal; each next one doubles, up to {@link maxDelayMs}. */
const firstDelayMs = 1
/** Bounds the time from the lock's release to the waiter noticing it. */
const maxDelayMs = 50

const busyTimedOut = (operation: string, waitMs: number, error: SqlError): StoreError.StoreError =>
  new StoreError.StoreError({
    operation,
    message: `${operation} failed (${driverCode(error.cause) ?? "SQLITE_BUSY"}): another connection held the ` +
      `database's write lock for longer than the busy timeout (${waitMs} ms); raise it with ` +
      "SqliteStore.layer({ busyTimeout }) or JICENG_SQLITE_BUSY_TIMEOUT, or shorten the other writer's transactions",
    cause: error
  })

/**
 * Runs `self` again while it fails with {@link isBusy}: asynchronously, after waits
 * that double from 1 ms up to 50 ms (each jittered, so waiters do not poll in step),
 * until `busyTimeout` has passed since the first refusal; then fails with a
 * `StoreError` of `operation` naming the code (`SQLITE_BUSY`) and the timeout. Other
 * failures pass through untouched. Waiting is polling, not a queue: a writer that
 * releases the lock and takes it again at once can keep a waiter out.
 *
 * Only for an effect that a busy failure leaves undone, such as a transaction whose
 * first statement takes the write lock, or a single statement outside a transaction: a
 * retry must not repeat work. An effect that is never refused runs once, reads no clock
 * and never sleeps; the waits use the `Clock`, so under a `TestClock` a refused effect
 * waits until the clock is moved. An infinite `busyTimeout` waits for as long as it takes.
 *
 * @since 0.2.0
 * @category combinators
 */
export const retryWhileBusy = (operation: string, busyTimeout: Duration.DurationInput) => {
  const waitMs = Duration.toMillis(busyTimeout)
  return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError.StoreError, R> => {
    // A predicate, not a refinement: a SqlError that is not busy still passes through.
    const busy = (error: E): boolean => isBusy(error)
    const wait = (error: SqlError, deadlineMs: number, delayMs: number): Effect.Effect<
      A,
      E | StoreError.StoreError,
      R
    > =>
      Effect.flatMap(Clock.currentTimeMillis, (nowMs) => {
        const leftMs = deadlineMs - nowMs
        if (leftMs <= 0) return Effect.fail(busyTimedOut(operation, waitMs, error))
        return Effect.flatMap(Random.nextRange(0.5, 1), (jitter) => Effect.sleep(Math.min(leftMs, delayMs * jitter)))
          .pipe(
            Effect.zipRight(Effect.catchIf(
              self,
              busy,
              (again) => wait(again as SqlError, deadlineMs, Math.min(maxDelayMs, delayMs * 2))
            ))
          )
      })
    return Effect.catchIf(
      self,
      busy,
      (error) =>
        Effect.flatMap(Clock.currentTimeMillis, (nowMs) => wait(error as SqlError, nowMs + waitMs, firstDelayMs))
    )
  }
}

/** Keeps a failure of the caller's effect apart from the store's own SQL failures. */
/** A turn of the event loop: `setImmediate`, a macrotask with no minimum delay. */
const eventLoopTurn: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})

class CallerFailure<E> {
  constructor(readonly error: E) {}
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<Transactor.TransactorShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  // SQLite refuses the write lock at once (the connection must not wait itself), so the
  // start of a transaction is retried here, asynchronously.
  const waitForLock = sql.onDialectOrElse({ sqlite: () => true, orElse: () => false })
    ? retryWhileBusy("transaction", yield* BusyTimeout)
    : <A, E, R>(self: Effect.Effect<A, E, R>) => self

  /** Tenants whose lock the current transaction holds. */
  // SQLite's driver is synchronous: a loop of awaited writes settles in microtasks and
  // would starve timers, and with them another client waiting for the lock. Each
  // outermost transaction first gives the event loop a turn.
  const turn = sql.onDialectOrElse({ sqlite: () => true, orElse: () => false }) ? eventLoopTurn : Effect.void

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
   *
   * Only the outermost call waits for a lock another connection holds: its lock
   * statement runs right after BEGIN, so when SQLite refuses it, nothing of `self` ran,
   * the transaction is rolled back and can start again. Every failure of `self` is a
   * `CallerFailure`, never retried. After the lock nothing else can be refused in WAL
   * mode (COMMIT appends to the log under the lock already held).
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
        return (Option.isSome(open) ? locked : Effect.zipRight(turn, waitForLock(sql.withTransaction(locked)))).pipe(
          Effect.mapError((error) =>
            error instanceof CallerFailure
              ? error.error
              : error._tag === "SqlError"
              ? fromSqlError("transaction")(error)
              : error
          ),
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
