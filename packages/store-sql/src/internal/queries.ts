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
import { chunks } from "./batch.js"

/** The exclusive upper bound of a subtree's code range: ':' is the byte after '9'. */
const upperBound = (root: string): string => `${root}:`

/** @internal */
export interface Queries {
  /** `column` lies in the subtree of `root`: a code range, served by an index. */
  readonly inSubtree: (column: string, root: string) => Statement.Fragment
  /** `[valid_from, valid_to)` contains `at`; `prefix` is a table alias with its dot. */
  readonly validAt: (prefix: string, at: IsoDate.IsoDate) => Statement.Fragment
  /** Runs write statements atomically: one statement as is, several in a (nested) transaction. */
  readonly writeAll: (statements: ReadonlyArray<Effect.Effect<unknown, SqlError>>) => Effect.Effect<void, SqlError>
  /** Inserts rows, chunked under the dialect's parameter limit. */
  readonly insert: (table: string, rows: ReadonlyArray<Record<string, unknown>>) => Effect.Effect<void, SqlError>
  /** Inserts rows keyed by (tenant, id), replacing every other column of existing ones. */
  readonly upsert: (
    table: string,
    rows: ReadonlyArray<{ readonly tenant: string; readonly id: string } & Record<string, unknown>>
  ) => Effect.Effect<void, SqlError>
  /** Ends rows on a day by id: sets valid_to where it is open or later (an earlier end stays). */
  readonly closeById: (
    table: string,
    tenant: string,
    ids: ReadonlyArray<string>,
    validTo: IsoDate.IsoDate
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

  const insert: Queries["insert"] = (table, rows) => {
    const first = rows[0]
    if (first === undefined) return Effect.void
    return writeAll(
      chunks(sql, rows, Object.keys(first).length).map((chunk) => sql`INSERT INTO ${sql(table)} ${sql.insert(chunk)}`)
    )
  }

  const upsert: Queries["upsert"] = (table, rows) => {
    const first = rows[0]
    if (first === undefined) return Effect.void
    const columns = Object.keys(first)
    const update = columns.filter((c) => c !== "tenant" && c !== "id").map((c) => `${c} = excluded.${c}`)
    return writeAll(
      chunks(sql, rows, columns.length).map((chunk) =>
        sql`INSERT INTO ${sql(table)} ${sql.insert(chunk)}
ON CONFLICT (tenant, id) DO UPDATE SET ${sql.literal(update.join(", "))}`
      )
    )
  }

  const closeById: Queries["closeById"] = (table, tenant, ids, validTo) =>
    writeAll(
      chunks(sql, ids, 1, 3).map((chunk) =>
        sql`UPDATE ${sql(table)} SET valid_to = ${validTo}
WHERE tenant = ${tenant} AND (valid_to IS NULL OR valid_to > ${validTo}) AND id IN ${sql.in(chunk)}`
      )
    )

  const latestStartInSubtree: Queries["latestStartInSubtree"] = (table, column, tenant, root) =>
    sql<{ readonly latest_from: string | null }>`SELECT max(valid_from) AS latest_from
FROM ${sql.literal(table)}
WHERE tenant = ${tenant} AND ${inSubtree(column, root)}`.pipe(
      Effect.map(([row]) => Option.fromNullable(row?.latest_from as IsoDate.IsoDate | null | undefined))
    )

  return { inSubtree, validAt, writeAll, insert, upsert, closeById, latestStartInSubtree }
}
