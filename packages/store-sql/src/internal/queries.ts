/**
 * Query fragments and write helpers every domain module of the SQL store shares.
 *
 * @internal
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type * as Statement from "@effect/sql/Statement"
import type { IsoDate } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { chunks, rowsPerStatement, statementSizes } from "./batch.js"

/** The exclusive upper bound of a subtree's code range: ':' is the byte after '9'. */
const upperBound = (root: string): string => `${root}:`

/**
 * A table's columns, each with its value for an item (given the item's place in the
 * list written).
 *
 * @internal
 */
export type Columns<A> = ReadonlyArray<readonly [column: string, value: (item: A, index: number) => unknown]>

/** @internal */
export interface Queries {
  /** `column` lies in the subtree of `root`: a code range, served by an index. */
  readonly inSubtree: (column: string, root: string) => Statement.Fragment
  /** `[valid_from, valid_to)` contains `at`; `prefix` is a table alias with its dot. */
  readonly validAt: (prefix: string, at: IsoDate.IsoDate) => Statement.Fragment
  /** Runs write statements atomically: one statement as is, several in a (nested) transaction. */
  readonly writeAll: (statements: ReadonlyArray<Effect.Effect<unknown, SqlError>>) => Effect.Effect<void, SqlError>
  /**
   * The multi-row statements that insert items, chunked under the dialect's parameter
   * limit, each item's values taken straight into the parameters by `columns` (no row
   * record per item), with a clause after.
   */
  readonly inserts: <A>(
    table: string,
    columns: Columns<A>,
    items: ReadonlyArray<A>,
    suffix?: string
  ) => ReadonlyArray<Effect.Effect<unknown, SqlError>>
  /** Inserts items, chunked under the dialect's parameter limit. */
  readonly insert: <A>(table: string, columns: Columns<A>, items: ReadonlyArray<A>) => Effect.Effect<void, SqlError>
  /** Inserts items keyed by (tenant, id), replacing every other column of existing rows. */
  readonly upsert: <A>(table: string, columns: Columns<A>, items: ReadonlyArray<A>) => Effect.Effect<void, SqlError>
  /**
   * Ends rows on a day by key (one or more key columns, the tenant aside): sets valid_to
   * where it is open or later (an earlier end stays); a row beginning on or after the
   * day is removed, after `dependents` (statements deleting what refers to the removed
   * rows, given the condition selecting them).
   */
  readonly close: (
    table: string,
    tenant: string,
    columns: ReadonlyArray<string>,
    keys: ReadonlyArray<ReadonlyArray<string>>,
    validTo: IsoDate.IsoDate,
    dependents?: (removed: Statement.Fragment) => ReadonlyArray<Effect.Effect<unknown, SqlError>>
  ) => Effect.Effect<void, SqlError>
  /** The latest `valid_from` in a table whose `column` lies in a subtree. */
  readonly latestStartInSubtree: (
    table: string,
    column: string,
    tenant: string,
    root: string
  ) => Effect.Effect<Option.Option<IsoDate.IsoDate>, SqlError>
}

/** @internal */
export const make = (sql: SqlClient.SqlClient): Queries => {
  const inSubtree: Queries["inSubtree"] = (column, root) =>
    sql`${sql.literal(column)} >= ${root} AND ${sql.literal(column)} < ${upperBound(root)}`

  const validAt: Queries["validAt"] = (prefix, at) =>
    sql`${sql.literal(`${prefix}valid_from`)} <= ${at} AND (${sql.literal(`${prefix}valid_to`)} IS NULL OR ${
      sql.literal(`${prefix}valid_to`)
    } > ${at})`

  const writeAll: Queries["writeAll"] = (statements) => {
    if (statements.length === 0) return Effect.void
    const all = Effect.forEach(statements, (statement) => statement, { discard: true })
    return statements.length === 1 ? all : sql.withTransaction(all)
  }

  // Multi-row INSERTs written out here rather than through `sql.insert`: a statement of a
  // few thousand rows is written once per shape (and prepared once by the driver), only
  // its parameters change, which keeps a bulk write at the driver's own speed. The sizes
  // are the full statement and powers of two below it, so the shapes stay few.
  const placeholder = sql.onDialectOrElse({ pg: () => (n: number) => `$${n}`, orElse: () => (_: number) => "?" })
  const texts = new Map<string, string>()
  const insertText = (table: string, columns: ReadonlyArray<string>, rows: number, suffix: string): string => {
    const key = `${table}\u0000${columns.join(",")}\u0000${rows}\u0000${suffix}`
    let text = texts.get(key)
    if (text === undefined) {
      const tuples: Array<string> = []
      let n = 0
      for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(() => placeholder(++n)).join(", ")})`)
      text = `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}${suffix}`
      texts.set(key, text)
    }
    return text
  }

  const inserts: Queries["inserts"] = (table, columns, items, suffix = "") => {
    if (items.length === 0) return []
    const names = columns.map(([name]) => name)
    const values = columns.map(([, value]) => value)
    const width = values.length
    const statements: Array<Effect.Effect<unknown, SqlError>> = []
    let at = 0
    for (const size of statementSizes(items.length, rowsPerStatement(sql, width))) {
      const params: Array<unknown> = new Array(size * width)
      let i = 0
      for (let r = at; r < at + size; r++) {
        const item = items[r]!
        for (let c = 0; c < width; c++) params[i++] = values[c]!(item, r)
      }
      statements.push(sql.unsafe(insertText(table, names, size, suffix), params))
      at += size
    }
    return statements
  }

  const insert: Queries["insert"] = (table, columns, items) => writeAll(inserts(table, columns, items))

  const upsert: Queries["upsert"] = (table, columns, items) => {
    const update = columns.flatMap(([c]) => (c === "tenant" || c === "id" ? [] : [`${c} = excluded.${c}`]))
    return writeAll(inserts(table, columns, items, `\nON CONFLICT (tenant, id) DO UPDATE SET ${update.join(", ")}`))
  }

  const keyIn = (columns: ReadonlyArray<string>, keys: ReadonlyArray<ReadonlyArray<string>>): Statement.Fragment =>
    columns.length === 1
      ? sql`${sql(columns[0]!)} IN ${sql.in(keys.map((k) => k[0]!))}`
      : sql`(${sql.literal(columns.join(", "))}) IN (VALUES ${
        sql.join(", ", false)(keys.map((k) => sql`(${sql.join(", ", false)(k.map((v) => sql`${v}`))})`))
      })`

  const close: Queries["close"] = (table, tenant, columns, keys, validTo, dependents = () => []) =>
    writeAll(
      chunks(sql, keys, columns.length, 4).flatMap((chunk) => {
        const match = keyIn(columns, chunk)
        const removed = sql`tenant = ${tenant} AND valid_from >= ${validTo} AND ${match}`
        return [
          ...dependents(removed),
          sql`DELETE FROM ${sql(table)} WHERE ${removed}`,
          sql`UPDATE ${sql(table)} SET valid_to = ${validTo}
WHERE tenant = ${tenant} AND (valid_to IS NULL OR valid_to > ${validTo}) AND ${match}`
        ]
      })
    )

  const latestStartInSubtree: Queries["latestStartInSubtree"] = (table, column, tenant, root) =>
    sql<{ readonly latest_from: string | null }>`SELECT max(valid_from) AS latest_from
FROM ${sql.literal(table)}
WHERE tenant = ${tenant} AND ${inSubtree(column, root)}`.pipe(
      Effect.map(([row]) => Option.fromNullable(row?.latest_from as IsoDate.IsoDate | null | undefined))
    )

  return { inSubtree, validAt, writeAll, inserts, insert, upsert, close, latestStartInSubtree }
}
