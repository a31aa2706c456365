/**
 * How a domain module's repository methods read and write their tables: a table's
 * reading (columns, row reader, list order), and a method's write, list and list by many
 * keys, each mapping driver failures and corrupt rows to core's `StoreError` and traced
 * as `SqlStore.<repository>.<method>`.
 *
 * @internal
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type * as Statement from "@effect/sql/Statement"
import type { StoreError, Tenant } from "@jiceng/core"
import * as Effect from "effect/Effect"
import { compareBytes } from "./batch.js"
import { corruptRow, fromSqlError } from "./errors.js"
import type * as Queries from "./queries.js"

/**
 * How one table is read: its columns, its row reader and the order of its lists.
 *
 * @internal
 */
export interface Reading<Row extends object, A> {
  readonly table: string
  readonly columns: Queries.Columns<A>
  /** A value, or a message naming what in the row cannot be read. */
  readonly read: (row: Row) => A | string
  /** The columns every list of the table is ordered by. */
  readonly order: ReadonlyArray<string>
}

/** @internal */
export const reading = <Row extends object, A>(
  table: string,
  columns: Queries.Columns<A>,
  read: (row: Row) => A | string,
  ...order: ReadonlyArray<string>
): Reading<Row, A> => ({ table, columns, read, order })

/**
 * The order of values by columns, as the database sorts the rows (by the column mappings
 * they are written with): integers as numbers — an event's seq 2 before its seq 10 —
 * and text by its bytes.
 */
const orderOf = <A>(columns: Queries.Columns<A>, order: ReadonlyArray<string>) => {
  const values = order.map((column) => columns.find(([name]) => name === column)![1])
  return (a: A, b: A): number => {
    for (const value of values) {
      const x = value(a, 0)
      const y = value(b, 0)
      const c = typeof x === "number" && typeof y === "number" ? x - y : compareBytes(String(x), String(y))
      if (c !== 0) return c
    }
    return 0
  }
}

/** @internal */
export interface Repository {
  /** A write as one repository method (`<repository>.<method>`). */
  readonly write: (operation: string, effect: Effect.Effect<void, SqlError>) => Effect.Effect<void, StoreError.StoreError>
  /** The rows of a table matching a condition, in the table's order (the first `limit`), as values. */
  readonly select: <Row extends object, A>(
    operation: string,
    reading: Reading<Row, A>,
    where: Statement.Fragment,
    limit?: number
  ) => Effect.Effect<ReadonlyArray<A>, StoreError.StoreError>
  /** A list as one repository method: the rows of a tenant matching a condition. */
  readonly list: <Row extends object, A>(
    operation: string,
    reading: Reading<Row, A>
  ) => (tenant: Tenant.Tenant, where: Statement.Fragment) => Effect.Effect<ReadonlyArray<A>, StoreError.StoreError>
  /** A list by many keys as one repository method: the rows whose `column` is any of `keys`. */
  readonly anyOf: <Row extends object, A>(
    operation: string,
    reading: Reading<Row, A>,
    column: string
  ) => (tenant: Tenant.Tenant, keys: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<A>, StoreError.StoreError>
}

/**
 * The repository helpers on a client (its name transforms already bypassed) and its
 * queries.
 *
 * @internal
 */
export const make = (sql: SqlClient.SqlClient, q: Queries.Queries): Repository => {
  const write: Repository["write"] = (operation, effect) =>
    effect.pipe(Effect.mapError(fromSqlError(operation)), Effect.withSpan(`SqlStore.${operation}`))

  const select: Repository["select"] = <Row extends object, A>(
    operation: string,
    reading: Reading<Row, A>,
    where: Statement.Fragment,
    limit?: number
  ) =>
    sql<Row>`SELECT ${sql.literal(reading.columns.map(([column]) => column).join(", "))}
FROM ${sql.literal(reading.table)}
WHERE ${where}
ORDER BY ${sql.literal(reading.order.join(", "))}${limit === undefined ? sql.literal("") : sql`
LIMIT ${limit}`}`.pipe(
      Effect.mapError(fromSqlError(operation)),
      Effect.flatMap((rows) =>
        Effect.forEach(rows, (row) => {
          const value = reading.read(row)
          return typeof value === "string" ? Effect.fail(corruptRow(operation, value)) : Effect.succeed(value)
        })
      )
    )

  const list: Repository["list"] = (operation, reading) => (tenant, where) =>
    select(operation, reading, sql`tenant = ${tenant} AND ${where}`).pipe(Effect.withSpan(`SqlStore.${operation}`))

  const anyOf: Repository["anyOf"] = (operation, reading, column) => (tenant, keys) =>
    q.selectIn(
      keys,
      1,
      (chunk) => select(operation, reading, sql`tenant = ${tenant} AND ${q.keyIn(column, chunk)}`),
      orderOf(reading.columns, reading.order)
    ).pipe(Effect.withSpan(`SqlStore.${operation}`))

  return { write, select, list, anyOf }
}
