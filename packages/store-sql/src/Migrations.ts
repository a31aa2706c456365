/**
 * The schema of the SQL stores as `@effect/sql` migrations, one definition for every
 * dialect: only the column types and table options differ (`sql.onDialectOrElse`).
 *
 * Every table carries `tenant` (the district's region code) first in its primary key
 * and in every index, so a PostgreSQL deployment can be sharded by it (Citus requires
 * the distribution column in every unique index). Subtree questions are code ranges,
 * `code >= root AND code < root || ':'`, answered by the `(tenant, code, …)` indexes;
 * on PostgreSQL the text columns are `COLLATE "C"` so that ranges and `ORDER BY` are
 * byte-ordered, like SQLite's default `BINARY` collation and like the memory store.
 *
 * @since 0.1.0
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/**
 * The table that records which migrations ran. It is not `effect_sql_migrations`, so
 * jiceng's migrations never mix with an application's own. The other tables have
 * plain names (`grids`, `places`, …): an application with tables of those names gives
 * the store a database file or PostgreSQL schema of its own.
 *
 * @since 0.1.0
 * @category constants
 */
export const table = "jiceng_migrations"

interface ColumnTypes {
  /** Text compared byte by byte. */
  readonly text: string
  readonly int: string
  readonly bigint: string
  /** Appended to `CREATE TABLE (…)`. */
  readonly tableOptions: string
}

const pgTypes: ColumnTypes = { text: `text COLLATE "C"`, int: "integer", bigint: "bigint", tableOptions: "" }

// WITHOUT ROWID clusters a table by its primary key, so rows of one tenant (and one
// grid or place) sit together on disk and a key lookup needs no second b-tree.
const sqliteTypes: ColumnTypes = { text: "TEXT", int: "INTEGER", bigint: "INTEGER", tableOptions: " WITHOUT ROWID" }

const grids = ({ bigint, int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE grids (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  code ${text} NOT NULL,
  parent_code ${text},
  level ${int} NOT NULL,
  name ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  change ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // Two versions of one code never share a start day: the backstop of the id scheme,
  // and the index of every subtree, as-of and versions query.
  `CREATE UNIQUE INDEX grids_code ON grids (tenant, code, valid_from)`,
  // Subtree queries filtered by level (e.g. every block grid of a street).
  `CREATE INDEX grids_level_code ON grids (tenant, level, code, valid_from)`,
  `CREATE TABLE grid_lineage (
  tenant ${text} NOT NULL,
  grid_id ${text} NOT NULL,
  ordinal ${int} NOT NULL,
  predecessor_id ${text} NOT NULL,
  PRIMARY KEY (tenant, grid_id, ordinal)
)${tableOptions}`,
  `CREATE INDEX grid_lineage_predecessor ON grid_lineage (tenant, predecessor_id, grid_id)`,
  `CREATE TABLE places (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  kind ${text} NOT NULL,
  name ${text} NOT NULL,
  address ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A place has at most one link starting on a given day: the key is the backstop.
  `CREATE TABLE place_links (
  tenant ${text} NOT NULL,
  place_id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, place_id, valid_from)
)${tableOptions}`,
  // Covering: subtree rollups read the index alone.
  `CREATE INDEX place_links_grid ON place_links (tenant, grid_code, valid_from, valid_to, place_id)`,
  `CREATE TABLE workers (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  category ${text} NOT NULL,
  community_code ${text} NOT NULL,
  phone ${text},
  citizen_id ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE assignments (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  post ${text} NOT NULL,
  is_primary ${int} NOT NULL,
  duties ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX assignments_grid ON assignments (tenant, grid_code, valid_from)`,
  `CREATE INDEX assignments_worker ON assignments (tenant, worker_id, valid_from)`,
  `CREATE TABLE audit_log (
  tenant ${text} NOT NULL,
  seq ${bigint} NOT NULL,
  at_ms ${bigint} NOT NULL,
  actor ${text} NOT NULL,
  action ${text} NOT NULL,
  target ${text} NOT NULL,
  detail ${text} NOT NULL,
  PRIMARY KEY (tenant, seq)
)${tableOptions}`
]

/**
 * The statements of `0001_grids` for a dialect.
 *
 * @since 0.1.0
 * @category migrations
 */
export const gridsStatements = (dialect: "pg" | "sqlite"): ReadonlyArray<string> =>
  grids(dialect === "pg" ? pgTypes : sqliteTypes)

/**
 * Grids, their lineage, places and their links, workers and their assignments, and
 * the audit log.
 *
 * @since 0.1.0
 * @category migrations
 */
export const grids0001: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const statements = gridsStatements(sql.onDialectOrElse({ pg: () => "pg" as const, orElse: () => "sqlite" as const }))
  for (const statement of statements) {
    yield* sql.unsafe(statement).raw
  }
})

/**
 * Every migration, by `id_name`.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_grids": grids0001
}

/**
 * The loader to give `Migrator.make(…)({ loader, table })`.
 *
 * @since 0.1.0
 * @category migrations
 */
export const loader: Migrator.Loader = Migrator.fromRecord(migrations)
