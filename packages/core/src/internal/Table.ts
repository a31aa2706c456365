/**
 * A persistent table for the memory store: rows by primary key plus secondary
 * indexes, each a sorted index whose key the table's layout derives from the row, so
 * lookups and prefix ranges cost what they cost in a database, not a scan.
 *
 * @internal
 */
import { Either, Option } from "effect"
import { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import * as SortedIndex from "./SortedIndex.js"

/** How a table keys its rows: the primary key and one key per secondary index. */
export interface Layout<A, I extends string> {
  readonly primary: (row: A) => string
  readonly indexes: { readonly [K in I]: (row: A) => string }
}

/** @internal */
export interface Table<A, I extends string> {
  readonly rows: SortedIndex.SortedIndex<A>
  readonly by: { readonly [K in I]: SortedIndex.SortedIndex<A> }
}

const indexNames = <A, I extends string>(layout: Layout<A, I>): ReadonlyArray<I> => Object.keys(layout.indexes) as Array<I>

/** @internal */
export const empty = <A, I extends string>(layout: Layout<A, I>): Table<A, I> => ({
  rows: SortedIndex.empty(),
  by: Object.fromEntries(indexNames(layout).map((name) => [name, SortedIndex.empty<A>()])) as Table<A, I>["by"]
})

/** Inserts a row or replaces the one with its primary key (and that row's index entries). */
export const put = <A, I extends string>(layout: Layout<A, I>, table: Table<A, I>, row: A): Table<A, I> => {
  const k = layout.primary(row)
  const old = SortedIndex.get(table.rows, k)
  const by: { [K in I]: SortedIndex.SortedIndex<A> } = { ...table.by }
  for (const name of indexNames(layout)) {
    let index = by[name]
    if (Option.isSome(old)) index = SortedIndex.remove(index, layout.indexes[name](old.value))
    by[name] = SortedIndex.set(index, layout.indexes[name](row), row)
  }
  return { rows: SortedIndex.set(table.rows, k, row), by }
}

/** Inserts or replaces many rows. */
export const putAll = <A, I extends string>(
  layout: Layout<A, I>,
  table: Table<A, I>,
  rows: Iterable<A>
): Table<A, I> => {
  let result = table
  for (const row of rows) result = put(layout, result, row)
  return result
}

/** Replaces the row with a primary key by `f` of it; an unknown key changes nothing. */
export const modify = <A, I extends string>(
  layout: Layout<A, I>,
  table: Table<A, I>,
  k: string,
  f: (row: A) => A
): Table<A, I> =>
  Option.match(SortedIndex.get(table.rows, k), {
    onNone: () => table,
    onSome: (row) => put(layout, table, f(row))
  })

/** Removes the row with a primary key (and its index entries); an unknown key changes nothing. */
export const remove = <A, I extends string>(layout: Layout<A, I>, table: Table<A, I>, k: string): Table<A, I> =>
  Option.match(SortedIndex.get(table.rows, k), {
    onNone: () => table,
    onSome: (old) => {
      const by: { [K in I]: SortedIndex.SortedIndex<A> } = { ...table.by }
      for (const name of indexNames(layout)) by[name] = SortedIndex.remove(by[name], layout.indexes[name](old))
      return { rows: SortedIndex.remove(table.rows, k), by }
    }
  })

/** The row with a primary key. */
export const get = <A, I extends string>(table: Table<A, I>, k: string): Option.Option<A> =>
  SortedIndex.get(table.rows, k)

/**
 * Inserts rows that must be new, as a primary key makes them in the SQL stores: a key
 * already present (or twice in the batch) fails and writes nothing.
 */
export const insertNew = <A, I extends string>(
  operation: string,
  layout: Layout<A, I>,
  table: Table<A, I>,
  rows: ReadonlyArray<A>
): Either.Either<Table<A, I>, StoreError> => {
  const seen = new Set<string>()
  for (const row of rows) {
    const k = layout.primary(row)
    if (seen.has(k) || Option.isSome(get(table, k))) {
      return Either.left(new StoreError({ operation, message: `${operation}: a row with this key exists already` }))
    }
    seen.add(k)
  }
  return Either.right(putAll(layout, table, rows))
}

/**
 * Ends the rows with the given primary keys on a day: rows already ended earlier keep
 * their end; rows beginning on or after the day are removed (and reported to `removed`).
 */
export const close = <A extends { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }, I extends string>(
  layout: Layout<A, I>,
  table: Table<A, I>,
  keys: ReadonlyArray<string>,
  validTo: IsoDate,
  removed: (row: A) => void = () => {}
): Table<A, I> =>
  keys.reduce((t, k) =>
    Option.match(get(t, k), {
      onNone: () => t,
      onSome: (row) => {
        if (row.validFrom >= validTo) {
          removed(row)
          return remove(layout, t, k)
        }
        return row.validTo === null || row.validTo > validTo ? put(layout, t, { ...row, validTo }) : t
      }
    }), table)
