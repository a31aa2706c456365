/**
 * Column types and table options per dialect: the only differences between the
 * SQLite and PostgreSQL schemas.
 *
 * @internal
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/** @internal */
export interface ColumnTypes {
  /** Text compared byte by byte. */
  readonly text: string
  readonly int: string
  readonly bigint: string
  /** Appended to `CREATE TABLE (…)`. */
  readonly tableOptions: string
}

export const pgTypes: ColumnTypes = { text: `text COLLATE "C"`, int: "integer", bigint: "bigint", tableOptions: "" }

// WITHOUT ROWID clusters a table by its primary key, so rows of one tenant (and one
// grid or place) sit together on disk and a key lookup needs no second b-tree.
export const sqliteTypes: ColumnTypes = { text: "TEXT", int: "INTEGER", bigint: "INTEGER", tableOptions: " WITHOUT ROWID" }

/**
 * The column types of the client's dialect (PostgreSQL, else SQLite's).
 *
 * @internal
 */
export const columnTypes = (sql: SqlClient.SqlClient): ColumnTypes =>
  sql.onDialectOrElse({ pg: () => pgTypes, orElse: () => sqliteTypes })

/**
 * A migration of DDL statements written once for every dialect: `build` gets the
 * client's column types, the statements run in order.
 *
 * @internal
 */
export const ddl = (
  build: (types: ColumnTypes) => ReadonlyArray<string>
): Effect.Effect<void, unknown, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.forEach(build(columnTypes(sql)), (statement) => sql.unsafe(statement).raw, { discard: true }))
