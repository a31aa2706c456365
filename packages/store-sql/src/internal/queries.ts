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
import { chunks, compareBytes, rowsPerStatement, statementSizes } from "./batch.js"

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
  /**
   * The statements that insert many items, for a bulk path: on PostgreSQL each binds one
   * array a column (`INSERT … SELECT * FROM unnest($1::text[], $2::bigint[], …)`, at most
   * 5,000 rows a statement), so its text is short and the same whatever the number of
   * rows, where a multi-row VALUES of 65,535 parameters is parsed and planned on every
   * execution (a third of the insert's time); `types` names each column's PostgreSQL
   * type but text. Elsewhere the multi-row INSERTs of `inserts`.
   */
  readonly bulkInserts: <A>(
    table: string,
    columns: Columns<A>,
    types: Readonly<Record<string, string>>,
    items: ReadonlyArray<A>
  ) => ReadonlyArray<Effect.Effect<unknown, SqlError>>
  /** Inserts items, chunked under the dialect's parameter limit. */
  readonly insert: <A>(table: string, columns: Columns<A>, items: ReadonlyArray<A>) => Effect.Effect<void, SqlError>
  /**
   * Inserts items keyed by `key` (the table's primary key, (tenant, id) unless given),
   * replacing every other column of existing rows.
   */
  readonly upsert: <A>(
    table: string,
    columns: Columns<A>,
    items: ReadonlyArray<A>,
    key?: ReadonlyArray<string>
  ) => Effect.Effect<void, SqlError>
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
  /**
   * A query over many keys, run in chunks under the driver's parameter limit (`fixed`:
   * the parameters besides the keys) and merged in the order the query sorts by. On
   * PostgreSQL the keys go as one parameter (`keyIn`), in one query.
   */
  readonly selectIn: <K extends string, A, E>(
    keys: ReadonlyArray<K>,
    fixed: number,
    query: (chunk: ReadonlyArray<K>) => Effect.Effect<ReadonlyArray<A>, E>,
    order: (a: A, b: A) => number
  ) => Effect.Effect<ReadonlyArray<A>, E>
  /**
   * `column IN (…)`: on PostgreSQL one text parameter split in the query (a list of
   * thousands of parameters is parsed and planned on every call), elsewhere a list.
   */
  readonly keyIn: (column: string, keys: ReadonlyArray<string>) => Statement.Fragment
  /** `column IN (…)` of integers (written as digits): on PostgreSQL one parameter cast to `bigint[]`. */
  readonly intIn: (column: string, values: ReadonlyArray<string>) => Statement.Fragment
  /** The order of rows by string fields, as the byte-ordered columns sort them. */
  readonly byKeys: <A>(...fields: ReadonlyArray<(a: A) => string>) => (a: A, b: A) => number
  /** Rows of a table keyed by (tenant, id), by id, ordered by id; unknown ids left out. */
  readonly byIds: <Row extends { readonly id: string }>(
    table: string,
    columns: Statement.Fragment,
    tenant: string,
    ids: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<Row>, SqlError>
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

  const unnest = <A>(
    table: string,
    columns: Columns<A>,
    types: Readonly<Record<string, string>>,
    items: ReadonlyArray<A>
  ): ReadonlyArray<Effect.Effect<unknown, SqlError>> => {
    const names = columns.map(([name]) => name)
    const values = columns.map(([, value]) => value)
    const text = `INSERT INTO ${table} (${names.join(", ")})
SELECT * FROM unnest(${names.map((name, i) => `$${i + 1}::${types[name] ?? "text"}[]`).join(", ")})`
    const size = rowsPerStatement(sql, 1, values.length)
    const statements: Array<Effect.Effect<unknown, SqlError>> = []
    for (let at = 0; at < items.length; at += size) {
      const end = Math.min(items.length, at + size)
      const arrays = values.map(() => new Array<unknown>(end - at))
      for (let r = at; r < end; r++) {
        const item = items[r]!
        for (let c = 0; c < values.length; c++) arrays[c]![r - at] = values[c]!(item, r)
      }
      statements.push(sql.unsafe(text, arrays))
    }
    return statements
  }

  const bulkInserts: Queries["bulkInserts"] = (table, columns, types, items) =>
    sql.onDialectOrElse({
      pg: () => unnest(table, columns, types, items),
      orElse: () => inserts(table, columns, items)
    })

  const insert: Queries["insert"] = (table, columns, items) => writeAll(inserts(table, columns, items))

  const upsert: Queries["upsert"] = (table, columns, items, key = ["tenant", "id"]) => {
    const update = columns.flatMap(([c]) => (key.includes(c) ? [] : [`${c} = excluded.${c}`]))
    return writeAll(inserts(table, columns, items, `\nON CONFLICT (${key.join(", ")}) DO UPDATE SET ${update.join(", ")}`))
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

  // Ids and codes are Text: they never hold a control character, so U+001F separates them.
  const separator = "\u001f"
  /** Whether keys can go as one text parameter (PostgreSQL, none holding the separator). */
  const oneParameter = (keys: ReadonlyArray<string>): boolean =>
    sql.onDialectOrElse({ pg: () => true, orElse: () => false }) && keys.every((k) => k.length > 0 && !k.includes(separator))

  const selectIn: Queries["selectIn"] = (keys, fixed, query, order) => {
    const unique = Array.from(new Set(keys))
    const parts = oneParameter(unique) ? (unique.length === 0 ? [] : [unique]) : chunks(sql, unique, 1, fixed)
    return Effect.map(
      Effect.forEach(parts, query),
      (found) => found.length === 1 ? found[0]! : found.flat().sort(order)
    )
  }

  const anyKey: Queries["keyIn"] = (column, keys) =>
    oneParameter(keys)
      ? sql`${sql.literal(column)} = ANY(string_to_array(${keys.join(separator)}, chr(31)))`
      : sql`${sql.literal(column)} IN ${sql.in(keys)}`

  const intIn: Queries["intIn"] = (column, values) =>
    sql.onDialectOrElse({
      pg: () => sql`${sql.literal(column)} = ANY(CAST(string_to_array(${values.join(",")}, ',') AS bigint[]))`,
      orElse: () => sql`${sql.literal(column)} IN ${sql.in(values.map(Number))}`
    })

  const byKeys: Queries["byKeys"] = (...fields) => (a, b) => {
    for (const field of fields) {
      const c = compareBytes(field(a), field(b))
      if (c !== 0) return c
    }
    return 0
  }

  const byIds: Queries["byIds"] = <Row extends { readonly id: string }>(
    table: string,
    columns: Statement.Fragment,
    tenant: string,
    ids: ReadonlyArray<string>
  ) =>
    selectIn(
      ids,
      1,
      (chunk) => sql<Row>`SELECT ${columns} FROM ${sql(table)} WHERE tenant = ${tenant} AND ${anyKey("id", chunk)} ORDER BY id`,
      byKeys((row) => row.id)
    )

  return {
    inSubtree,
    validAt,
    writeAll,
    inserts,
    bulkInserts,
    insert,
    upsert,
    close,
    selectIn,
    keyIn: anyKey,
    intIn,
    byKeys,
    byIds,
    latestStartInSubtree
  }
}
