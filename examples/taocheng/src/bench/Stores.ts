/**
 * The store a phase works on, and running a phase's program: a SQLite file or a
 * PostgreSQL schema as jiceng's Store (with its `SqlClient`, for the phase's own
 * queries), and a program's failure as an Error with its cause printed.
 *
 * @since 0.4.0
 */
import type { Store } from "@jiceng/core"
import { PostgresStore } from "@jiceng/store-postgres"
import { SqliteStore } from "@jiceng/store-sqlite"
import type { SqlClient } from "@effect/sql"
import { Cause, Effect, Exit, Layer } from "effect"
import type { Backend } from "./Phases.js"
import * as Postgres from "./Postgres.js"

/**
 * The Store on a backend, migrated (a PostgreSQL schema is created when missing).
 *
 * @since 0.4.0
 */
export const layer = (backend: Backend): Layer.Layer<Store.Store | SqlClient.SqlClient, unknown> =>
  backend.kind === "sqlite"
    ? SqliteStore.layer({ filename: backend.file })
    : PostgresStore.layer({ url: backend.url, schema: backend.schema })

/**
 * SQL written with `?` placeholders, as the backend's driver wants it (PostgreSQL's
 * `$1, $2, …`).
 *
 * @since 0.4.0
 */
export const text = (backend: Backend, sql: string): string => (backend.kind === "pg" ? Postgres.numbered(sql) : sql)

/**
 * Runs a program; its failure rejects with the cause printed.
 *
 * @since 0.4.0
 */
export const run = <A>(effect: Effect.Effect<A, unknown>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    throw new Error(Cause.pretty(exit.cause))
  })

/**
 * Creates a backend's schema — every table and index of the Store, empty — by opening
 * the Store once (its migrations run) and closing it.
 *
 * @since 0.4.0
 */
export const migrate = (backend: Backend): Promise<void> => run(Effect.scoped(Effect.asVoid(Layer.build(layer(backend)))))
