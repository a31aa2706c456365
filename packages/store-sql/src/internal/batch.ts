import type * as SqlClient from "@effect/sql/SqlClient"

/** Rows per INSERT never exceed this, whatever the parameter budget allows. */
const maxRowsPerStatement = 5_000

/**
 * Bound parameters one statement may carry: SQLite's default `SQLITE_MAX_VARIABLE_NUMBER`
 * is 32766 (better-sqlite3 is built with it), PostgreSQL's wire protocol allows 65535.
 * Other dialects get the old SQLite limit.
 *
 * @internal
 */
export const maxParameters = (sql: SqlClient.SqlClient): number =>
  sql.onDialectOrElse({ pg: () => 65_535, sqlite: () => 32_766, orElse: () => 999 })

/**
 * Splits `items` so that a statement binding `parametersPerItem` values per item (plus
 * `fixedParameters` once) stays within the dialect's limit.
 *
 * @internal
 */
/**
 * The rows a statement holds for items of this many parameters: the most under the
 * driver's parameter limit, at most 5,000.
 *
 * @internal
 */
export const rowsPerStatement = (sql: SqlClient.SqlClient, parametersPerItem: number, fixedParameters = 0): number =>
  Math.max(1, Math.min(maxRowsPerStatement, Math.floor((maxParameters(sql) - fixedParameters) / parametersPerItem)))

/**
 * Statement sizes for `total` rows: full statements of `size`, then the rest in powers of
 * two, so that a store prepares a few statement shapes once and reuses them, whatever
 * the batches' lengths.
 *
 * @internal
 */
export const statementSizes = (total: number, size: number): Array<number> => {
  const out: Array<number> = []
  let left = total
  while (left >= size) {
    out.push(size)
    left -= size
  }
  for (let piece = 1 << Math.floor(Math.log2(Math.max(1, size))); left > 0; piece >>= 1) {
    if (piece <= left) {
      out.push(piece)
      left -= piece
    }
  }
  return out
}

export const chunks = <A>(
  sql: SqlClient.SqlClient,
  items: ReadonlyArray<A>,
  parametersPerItem: number,
  fixedParameters = 0
): ReadonlyArray<ReadonlyArray<A>> => {
  const size = rowsPerStatement(sql, parametersPerItem, fixedParameters)
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * The last item per key, in first-seen order: an upsert statement may not touch one
 * row twice (PostgreSQL refuses), and the last write of a batch wins.
 *
 * @internal
 */
export const lastByKey = <A>(items: ReadonlyArray<A>, key: (a: A) => string): ReadonlyArray<A> => {
  const byKey = new Map<string, A>()
  for (const item of items) byKey.set(key(item), item)
  return Array.from(byKey.values())
}

/**
 * Orders strings as SQLite's BINARY and PostgreSQL's "C" collation do: by UTF-8 bytes,
 * i.e. by code point (JavaScript's `<` compares UTF-16 units, which differs above U+FFFF).
 *
 * @internal
 */
export const compareBytes = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!
    const y = b.codePointAt(i)!
    if (x !== y) return x < y ? -1 : 1
    if (x > 0xffff) i++
  }
  return a.length - b.length
}
