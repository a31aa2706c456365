/**
 * What the memory store's domain modules share: a tenant's state as named tables, each
 * with its layout; reads of rows by the first part of their key; and writes of one
 * table that keep the SQL stores' contracts (a primary key refuses a row it has, a
 * close ends rows on a day).
 *
 * @internal
 */
import { Either, Option } from "effect"
import type { StoreError } from "../errors/StoreError.js"
import type { TenantCell } from "../store/MemoryTransactor.js"
import { type IsoDate, within } from "../time/IsoDate.js"
import { compareStrings } from "./compareStrings.js"
import * as SortedIndex from "./SortedIndex.js"
import * as Table from "./Table.js"

/** A layout of any row (a layout takes its row as an argument, so `never` admits every row). */
type AnyLayout = Table.Layout<never, string>

/** A domain's tables by name, as their layouts. */
export type Layouts = { readonly [name: string]: AnyLayout }

/** The row of a layout. */
export type RowOf<L> = L extends Table.Layout<infer A, infer _I> ? A : never

/** The tables of some layouts, by the same names. */
export type Tables<L extends Layouts> = {
  readonly [K in keyof L]: L[K] extends Table.Layout<infer A, infer I extends string> ? Table.Table<A, I> : never
}

/** A row with a validity period, which a close can end. */
interface Dated {
  readonly validFrom: IsoDate
  readonly validTo: IsoDate | null
}

/** The names of the tables whose rows have a validity period. */
type DatedNames<L extends Layouts> = { [K in keyof L]: RowOf<L[K]> extends Dated ? K : never }[keyof L]

/** An empty table for each layout. */
export const emptyTables = <L extends Layouts>(layouts: L): Tables<L> =>
  // Each name gets the table of its own layout, which the mapped type cannot follow.
  Object.fromEntries(Object.entries(layouts).map(([name, layout]) => [name, Table.empty(layout)])) as unknown as Tables<L>

/**
 * The writes of a tenant state's tables, each in one step of the cell (all-or-nothing,
 * joining the transaction), plus `insertNew` on a state to compose several tables' inserts.
 */
export const tableWrites = <L extends Layouts, S extends Tables<L>>(layouts: L, cell: TenantCell<S>) => {
  // `S[K]` is `Tables<L>[K]`, and `L[K]` a layout of `RowOf<L[K]>`, which TypeScript does not see through.
  const layoutOf = <K extends keyof L>(name: K) => layouts[name] as Table.Layout<RowOf<L[K]>, string>
  const tableOf = <K extends keyof L>(s: S, name: K) => s[name] as Table.Table<RowOf<L[K]>, string>
  const withTable = <K extends keyof L>(s: S, name: K, table: Table.Table<RowOf<L[K]>, string>): S => ({ ...s, [name]: table })

  /** Inserts rows that must be new into one table of a state, as a primary key would (`Table.insertNew`). */
  const insertNew = <K extends keyof L>(
    operation: string,
    name: K,
    s: S,
    rows: ReadonlyArray<RowOf<L[K]>>
  ): Either.Either<S, StoreError> =>
    Either.map(Table.insertNew(operation, layoutOf(name), tableOf(s, name), rows), (t) => withTable(s, name, t))

  return {
    insertNew,
    /** Inserts rows that must be new, each into its tenant's table. */
    insert: <K extends keyof L>(operation: string, name: K, rows: ReadonlyArray<RowOf<L[K]> & { readonly tenant: string }>) =>
      cell.modifyRows(rows, (s, mine) => insertNew(operation, name, s, mine)),
    /** Inserts rows or replaces those with their primary keys, each in its tenant's table. */
    put: <K extends keyof L>(name: K, rows: ReadonlyArray<RowOf<L[K]> & { readonly tenant: string }>) =>
      cell.modifyRows(rows, (s, mine) =>
        Either.right(withTable(s, name, Table.putAll(layoutOf(name), tableOf(s, name), mine)))),
    /** Ends rows of one table on a day, by primary key (the same-day contract of `Table.close`). */
    close: <K extends DatedNames<L>>(name: K, tenant: string, keys: ReadonlyArray<string>, validTo: IsoDate) =>
      cell.modify(tenant, (s) => {
        // Only a dated table's name is admitted, so its rows are `Dated`.
        const layout = layoutOf(name) as Table.Layout<Dated, string>
        const dated = Table.close(layout, tableOf(s, name) as Table.Table<Dated, string>, keys, validTo)
        return withTable(s, name, dated as Table.Table<RowOf<L[K]>, string>)
      })
  }
}

/** The distinct values, in first-seen order. */
export const unique = <A extends string>(xs: ReadonlyArray<A>): Array<A> => Array.from(new Set(xs))

/** Whether a row is valid on a day. */
export const validAt = (at: IsoDate) => (row: Dated): boolean => within(at, row.validFrom, row.validTo)

/** Rows whose key's first part is any of `ids`, in key order (the ids sorted as the keys are). */
export const withFirstOf = <A>(index: SortedIndex.SortedIndex<A>, ids: ReadonlyArray<string>): Array<A> =>
  unique(ids).sort(compareStrings).flatMap((id) => SortedIndex.withFirst(index, id))

/** The rows of the primary keys that exist, in key order. */
export const getMany = <A, I extends string>(table: Table.Table<A, I>, ids: ReadonlyArray<string>): Array<A> =>
  unique(ids).sort(compareStrings).flatMap((id) => Option.toArray(Table.get(table, id)))

/** Rows ordered by `order` (code-point order). */
export const sortedBy = <A>(rows: Array<A>, order: (row: A) => string): Array<A> =>
  rows.sort((a, b) => compareStrings(order(a), order(b)))
