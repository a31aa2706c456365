/**
 * The grid domain on `@effect/sql`: its tables (as migrations) and every query of the
 * grid, place and worker repositories, written once against the generic `SqlClient`.
 *
 * - Subtrees are code ranges, `code >= root AND code < root || ':'` (':' sorts right
 *   after '9'), answered from the `(tenant, code, valid_from)` indexes.
 * - Writes insert many rows per statement, chunked under the dialect's parameter limit.
 * - `close`, `closeLinks`, `closeTerms` and `closeAssignments` end open rows only (an
 *   end once recorded is history and is never moved) and remove rows that begin on or
 *   after the day (same-day corrections), a grid version with its lineage.
 * - Driver failures surface as core's `StoreError`, naming the operation.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as Statement from "@effect/sql/Statement"
import type {
  Grid,
  GridRepository,
  IsoDate,
  Place,
  PlaceRepository,
  Tenant,
  Worker,
  WorkerRepository
} from "@jiceng/core"
import { GridStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { lastByKey } from "./internal/batch.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import { corruptRow, fromSqlError } from "./internal/errors.js"
import * as Queries from "./internal/queries.js"
import * as Rows from "./internal/rows.js"

/**
 * The table recording which of the grid domain's migrations ran.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_grid"

const gridTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
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
  credit_code ${text},
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
  phone ${text},
  citizen_id ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A worker has at most one term starting on a given day.
  `CREATE TABLE worker_terms (
  tenant ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  category ${text} NOT NULL,
  community_code ${text} NOT NULL,
  employment ${text} NOT NULL,
  change ${text} NOT NULL,
  PRIMARY KEY (tenant, worker_id, valid_from)
)${tableOptions}`,
  `CREATE INDEX worker_terms_community ON worker_terms (tenant, community_code, valid_from)`,
  `CREATE TABLE assignments (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  post ${text} NOT NULL,
  responsible ${int} NOT NULL,
  duties ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX assignments_grid ON assignments (tenant, grid_code, valid_from)`,
  `CREATE INDEX assignments_worker ON assignments (tenant, worker_id, valid_from)`
]

/**
 * The grid domain's schema: grids and their lineage, places and their links, workers,
 * their terms and their assignments. Every key and index leads with the tenant.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_grids": ddl(gridTables)
}

/**
 * Builds the grid repositories on the `SqlClient` in context. The client's name
 * transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<GridStore.GridStoreShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const q = Queries.make(sql)
  const fail = fromSqlError

  const { byKeys, keyIn, selectIn } = q

  // --------------------------------------------------------------------- grids

  const selectGrids = (where: Statement.Fragment, orderBy: string) =>
    sql<Rows.GridRow>`SELECT g.tenant, g.id, g.code, g.parent_code, g.level, g.name, g.valid_from, g.valid_to,
  g.change, l.predecessor_id
FROM grids g LEFT JOIN grid_lineage l ON l.tenant = g.tenant AND l.grid_id = g.id
WHERE ${where}
ORDER BY ${sql.literal(orderBy)}, l.ordinal`.pipe(Effect.map(Rows.toGrids))

  const grids: GridRepository.GridRepository = {
    insert: Effect.fn("SqlStore.grids.insert")(function*(versions: ReadonlyArray<Grid.Grid>) {
      const lineage = versions.flatMap((grid) => grid.predecessors.map((_, ordinal): Rows.Lineage => ({ grid, ordinal })))
      yield* q.writeAll([
        ...q.inserts("grids", Rows.gridValues, versions),
        ...q.inserts("grid_lineage", Rows.lineageValues, lineage)
      ])
    }, Effect.mapError(fail("grids.insert"))),

    close: (tenant, ids, validTo) =>
      q.close("grids", tenant, ["id"], ids.map((id) => [id]), validTo, (removed) => [
        sql`DELETE FROM grid_lineage WHERE tenant = ${tenant} AND grid_id IN (SELECT id FROM grids WHERE ${removed})`
      ]).pipe(Effect.mapError(fail("grids.close")), Effect.withSpan("SqlStore.grids.close")),

    byId: Effect.fn("SqlStore.grids.byId")(function*(tenant: Tenant.Tenant, id: Grid.GridId) {
      const found = yield* selectGrids(sql`g.tenant = ${tenant} AND g.id = ${id}`, "g.id")
      return Option.fromNullable(found[0])
    }, Effect.mapError(fail("grids.byId"))),

    at: Effect.fn("SqlStore.grids.at")(function*(tenant: Tenant.Tenant, code: string, at: IsoDate.IsoDate) {
      const found = yield* selectGrids(
        sql`g.tenant = ${tenant} AND g.code = ${code} AND ${q.validAt("g.", at)}`,
        "g.valid_from DESC"
      )
      return Option.fromNullable(found[0])
    }, Effect.mapError(fail("grids.at"))),

    versions: (tenant, code) =>
      selectGrids(sql`g.tenant = ${tenant} AND g.code = ${code}`, "g.valid_from").pipe(
        Effect.mapError(fail("grids.versions")),
        Effect.withSpan("SqlStore.grids.versions")
      ),

    subtree: (tenant, root, at, level) =>
      selectGrids(
        sql.and([
          sql`g.tenant = ${tenant}`,
          q.inSubtree("g.code", root),
          q.validAt("g.", at),
          ...(level === undefined ? [] : [sql`g.level = ${level}`])
        ]),
        "g.code, g.valid_from"
      ).pipe(Effect.mapError(fail("grids.subtree")), Effect.withSpan("SqlStore.grids.subtree")),

    countByLevel: (tenant, root, at) =>
      sql<{ readonly level: number | string; readonly count: number | string }>`SELECT
  level, CAST(count(*) AS INTEGER) AS count
FROM grids
WHERE tenant = ${tenant} AND ${q.inSubtree("code", root)} AND ${q.validAt("", at)}
GROUP BY level
ORDER BY level`.pipe(
        Effect.map((rows) => rows.map((row) => ({ level: Rows.toNumber(row.level), count: Rows.toNumber(row.count) }))),
        Effect.mapError(fail("grids.countByLevel")),
        Effect.withSpan("SqlStore.grids.countByLevel")
      ),

    history: (tenant, root) =>
      selectGrids(sql`g.tenant = ${tenant} AND ${q.inSubtree("g.code", root)}`, "g.code, g.valid_from").pipe(
        Effect.mapError(fail("grids.history")),
        Effect.withSpan("SqlStore.grids.history")
      ),

    successors: (tenant, id) =>
      selectGrids(
        sql`g.tenant = ${tenant} AND g.id IN (
  SELECT grid_id FROM grid_lineage WHERE tenant = ${tenant} AND predecessor_id = ${id})`,
        "g.id"
      ).pipe(Effect.mapError(fail("grids.successors")), Effect.withSpan("SqlStore.grids.successors")),

    versionsOf: (tenant, codes) =>
      selectIn(
        codes,
        1,
        (chunk) => selectGrids(sql`g.tenant = ${tenant} AND ${keyIn("g.code", chunk)}`, "g.code, g.valid_from"),
        byKeys((g) => g.code, (g) => g.validFrom)
      ).pipe(Effect.mapError(fail("grids.versionsOf")), Effect.withSpan("SqlStore.grids.versionsOf")),

    successorsOf: (tenant, ids) =>
      selectIn(
        ids,
        2,
        (chunk) =>
          selectGrids(
            sql`g.tenant = ${tenant} AND g.id IN (
  SELECT grid_id FROM grid_lineage WHERE tenant = ${tenant} AND ${keyIn("predecessor_id", chunk)})`,
            "g.id"
          ),
        byKeys((g) => g.id)
      ).pipe(
        // A version with predecessors in two chunks came back twice.
        Effect.map((found) => found.filter((g, i) => i === 0 || found[i - 1]!.id !== g.id)),
        Effect.mapError(fail("grids.successorsOf")),
        Effect.withSpan("SqlStore.grids.successorsOf")
      ),

    latestStart: (tenant, root) =>
      q.latestStartInSubtree("grids", "code", tenant, root).pipe(
        Effect.mapError(fail("grids.latestStart")),
        Effect.withSpan("SqlStore.grids.latestStart")
      )
  }

  // -------------------------------------------------------------------- places

  const linkColumns = sql.literal("l.tenant, l.place_id, l.grid_code, l.valid_from, l.valid_to")
  const placeColumns = sql.literal("tenant, id, kind, name, address, credit_code")

  /** Links matching a condition, ordered, as one repository method (`places.<method>`). */
  const selectLinks = (method: string, where: Statement.Fragment, orderBy: string) =>
    sql<Rows.LinkRow>`SELECT ${linkColumns}
FROM place_links l
WHERE ${where}
ORDER BY ${sql.literal(orderBy)}`.pipe(
      Effect.map((rows) => rows.map(Rows.toLink)),
      Effect.mapError(fail(`places.${method}`)),
      Effect.withSpan(`SqlStore.places.${method}`)
    )

  const places: PlaceRepository.PlaceRepository = {
    put: Effect.fn("SqlStore.places.put")(function*(input: ReadonlyArray<Place.Place>) {
      yield* q.upsert("places", Rows.placeValues, lastByKey(input, (p) => `${p.tenant}/${p.id}`))
    }, Effect.mapError(fail("places.put"))),

    get: Effect.fn("SqlStore.places.get")(function*(tenant: Tenant.Tenant, id: Place.PlaceId) {
      const rows = yield* sql<Rows.PlaceRow>`SELECT ${placeColumns}
FROM places WHERE tenant = ${tenant} AND id = ${id}`
      return Option.map(Option.fromNullable(rows[0]), Rows.toPlace)
    }, Effect.mapError(fail("places.get"))),

    getMany: Effect.fn("SqlStore.places.getMany")(
      function*(tenant: Tenant.Tenant, ids: ReadonlyArray<Place.PlaceId>) {
        const rows = yield* q.byIds<Rows.PlaceRow>("places", placeColumns, tenant, ids)
        return rows.map(Rows.toPlace)
      },
      Effect.mapError(fail("places.getMany"))
    ),

    link: Effect.fn("SqlStore.places.link")(function*(links: ReadonlyArray<Place.PlaceLink>) {
      yield* q.insert("place_links", Rows.linkValues, links)
    }, Effect.mapError(fail("places.link"))),

    closeLinks: (tenant, keys, validTo) =>
      q.close("place_links", tenant, ["place_id", "valid_from"], keys.map((k) => [k.placeId, k.validFrom]), validTo).pipe(
        Effect.mapError(fail("places.closeLinks")),
        Effect.withSpan("SqlStore.places.closeLinks")
      ),

    linkAt: (tenant, id, at) =>
      selectLinks("linkAt", sql`l.tenant = ${tenant} AND l.place_id = ${id} AND ${q.validAt("l.", at)}`, "l.valid_from DESC")
        .pipe(Effect.map((links) => Option.fromNullable(links[0]))),

    links: (tenant, id) => selectLinks("links", sql`l.tenant = ${tenant} AND l.place_id = ${id}`, "l.valid_from"),

    linksOf: (tenant, ids) =>
      selectIn(
        ids,
        1,
        (chunk) => selectLinks("linksOf", sql`l.tenant = ${tenant} AND ${keyIn("l.place_id", chunk)}`, "l.place_id, l.valid_from"),
        byKeys((l) => l.placeId, (l) => l.validFrom)
      ),

    linksInSubtree: (tenant, root, at) =>
      selectLinks(
        "linksInSubtree",
        sql`l.tenant = ${tenant} AND ${q.inSubtree("l.grid_code", root)} AND ${q.validAt("l.", at)}`,
        "l.grid_code, l.place_id"
      ),

    placesInSubtree: (tenant, root, at, kind) =>
      sql<Rows.PlaceRow & Rows.LinkRow>`SELECT ${linkColumns}, p.id, p.kind, p.name, p.address, p.credit_code
FROM place_links l JOIN places p ON p.tenant = l.tenant AND p.id = l.place_id
WHERE ${
        sql.and([
          sql`l.tenant = ${tenant}`,
          q.inSubtree("l.grid_code", root),
          q.validAt("l.", at),
          ...(kind === undefined ? [] : [sql`p.kind = ${kind}`])
        ])
      }
ORDER BY l.grid_code, l.place_id`.pipe(
        Effect.map((rows) => rows.map((row) => ({ place: Rows.toPlace(row), link: Rows.toLink(row) }))),
        Effect.mapError(fail("places.placesInSubtree")),
        Effect.withSpan("SqlStore.places.placesInSubtree")
      ),

    history: (tenant, root) =>
      selectLinks("history", sql`l.tenant = ${tenant} AND ${q.inSubtree("l.grid_code", root)}`, "l.place_id, l.valid_from"),

    countInSubtree: (tenant, root, at) =>
      sql<{ readonly count: number | string }>`SELECT CAST(count(*) AS INTEGER) AS count
FROM place_links l
WHERE l.tenant = ${tenant} AND ${q.inSubtree("l.grid_code", root)} AND ${q.validAt("l.", at)}`.pipe(
        Effect.map(([row]) => row === undefined ? 0 : Rows.toNumber(row.count)),
        Effect.mapError(fail("places.countInSubtree")),
        Effect.withSpan("SqlStore.places.countInSubtree")
      ),

    countByKind: (tenant, root, at) =>
      sql<{ readonly kind: string; readonly count: number | string }>`SELECT
  p.kind, CAST(count(*) AS INTEGER) AS count
FROM place_links l JOIN places p ON p.tenant = l.tenant AND p.id = l.place_id
WHERE l.tenant = ${tenant} AND ${q.inSubtree("l.grid_code", root)} AND ${q.validAt("l.", at)}
GROUP BY p.kind
ORDER BY p.kind`.pipe(
        Effect.map((rows) =>
          rows.map((row) => ({ kind: row.kind as Place.PlaceKind, count: Rows.toNumber(row.count) }))
        ),
        Effect.mapError(fail("places.countByKind")),
        Effect.withSpan("SqlStore.places.countByKind")
      ),

    latestStart: (tenant, root) =>
      q.latestStartInSubtree("place_links", "grid_code", tenant, root).pipe(
        Effect.mapError(fail("places.latestStart")),
        Effect.withSpan("SqlStore.places.latestStart")
      )
  }

  // ------------------------------------------------------------------- workers

  const workerColumns = sql.literal("tenant, id, name, phone, citizen_id")
  const termColumns = sql.literal(
    "t.tenant, t.worker_id, t.valid_from, t.valid_to, t.category, t.community_code, t.employment, t.change"
  )
  const assignmentColumns = sql.literal(
    "a.tenant, a.id, a.worker_id, a.grid_code, a.post, a.responsible, a.duties, a.valid_from, a.valid_to"
  )

  /** Terms matching a condition, ordered, as one repository method (`workers.<method>`). */
  const selectTerms = (method: string, where: Statement.Fragment, orderBy: string) =>
    sql<Rows.TermRow>`SELECT ${termColumns}
FROM worker_terms t
WHERE ${where}
ORDER BY ${sql.literal(orderBy)}`.pipe(
      Effect.map((rows) => rows.map(Rows.toTerm)),
      Effect.mapError(fail(`workers.${method}`)),
      Effect.withSpan(`SqlStore.workers.${method}`)
    )

  const toAssignments = (operation: string) => (rows: ReadonlyArray<Rows.AssignmentRow>) =>
    Effect.forEach(rows, (row) => {
      const duties = Rows.parseDuties(row.duties)
      return duties === undefined
        ? Effect.fail(corruptRow(operation, `assignment ${row.id}: duties are not a non-empty JSON array of strings`))
        : Effect.succeed(Rows.toAssignment(row, duties))
    })

  /** Assignments matching a condition, ordered, as one repository method (`workers.<method>`). */
  const selectAssignments = (method: string, where: Statement.Fragment, orderBy = "a.id") =>
    sql<Rows.AssignmentRow>`SELECT ${assignmentColumns}
FROM assignments a
WHERE ${where}
ORDER BY ${sql.literal(orderBy)}`.pipe(
      Effect.mapError(fail(`workers.${method}`)),
      Effect.flatMap(toAssignments(`workers.${method}`)),
      Effect.withSpan(`SqlStore.workers.${method}`)
    )

  const workers: WorkerRepository.WorkerRepository = {
    put: Effect.fn("SqlStore.workers.put")(function*(input: ReadonlyArray<Worker.Worker>) {
      yield* q.upsert("workers", Rows.workerValues, lastByKey(input, (w) => `${w.tenant}/${w.id}`))
    }, Effect.mapError(fail("workers.put"))),

    get: Effect.fn("SqlStore.workers.get")(function*(tenant: Tenant.Tenant, id: Worker.WorkerId) {
      const rows = yield* sql<Rows.WorkerRow>`SELECT ${workerColumns}
FROM workers WHERE tenant = ${tenant} AND id = ${id}`
      return Option.map(Option.fromNullable(rows[0]), Rows.toWorker)
    }, Effect.mapError(fail("workers.get"))),

    getMany: Effect.fn("SqlStore.workers.getMany")(
      function*(tenant: Tenant.Tenant, ids: ReadonlyArray<Worker.WorkerId>) {
        const rows = yield* q.byIds<Rows.WorkerRow>("workers", workerColumns, tenant, ids)
        return rows.map(Rows.toWorker)
      },
      Effect.mapError(fail("workers.getMany"))
    ),

    addTerms: Effect.fn("SqlStore.workers.addTerms")(function*(terms: ReadonlyArray<Worker.WorkerTerm>) {
      yield* q.insert("worker_terms", Rows.termValues, terms)
    }, Effect.mapError(fail("workers.addTerms"))),

    closeTerms: (tenant, keys, validTo) =>
      q.close("worker_terms", tenant, ["worker_id", "valid_from"], keys.map((k) => [k.workerId, k.validFrom]), validTo)
        .pipe(Effect.mapError(fail("workers.closeTerms")), Effect.withSpan("SqlStore.workers.closeTerms")),

    terms: (tenant, id) => selectTerms("terms", sql`t.tenant = ${tenant} AND t.worker_id = ${id}`, "t.valid_from"),

    termsAt: (tenant, ids, at) =>
      selectIn(
        ids,
        3,
        (chunk) =>
          selectTerms("termsAt", sql`t.tenant = ${tenant} AND ${keyIn("t.worker_id", chunk)} AND ${q.validAt("t.", at)}`, "t.worker_id"),
        byKeys((t) => t.workerId)
      ),

    termsOf: (tenant, ids) =>
      selectIn(
        ids,
        1,
        (chunk) => selectTerms("termsOf", sql`t.tenant = ${tenant} AND ${keyIn("t.worker_id", chunk)}`, "t.worker_id, t.valid_from"),
        byKeys((t) => t.workerId, (t) => t.validFrom)
      ),

    termsInSubtree: (tenant, root, at) =>
      selectTerms(
        "termsInSubtree",
        sql`t.tenant = ${tenant} AND ${q.inSubtree("t.community_code", root)} AND ${q.validAt("t.", at)}`,
        "t.community_code, t.worker_id"
      ),

    termHistory: (tenant, root) =>
      selectTerms(
        "termHistory",
        sql`t.tenant = ${tenant} AND ${q.inSubtree("t.community_code", root)}`,
        "t.worker_id, t.valid_from"
      ),

    latestTermStart: (tenant, root) =>
      q.latestStartInSubtree("worker_terms", "community_code", tenant, root).pipe(
        Effect.mapError(fail("workers.latestTermStart")),
        Effect.withSpan("SqlStore.workers.latestTermStart")
      ),

    assign: Effect.fn("SqlStore.workers.assign")(function*(assignments: ReadonlyArray<Worker.Assignment>) {
      yield* q.insert("assignments", Rows.assignmentValues, assignments)
    }, Effect.mapError(fail("workers.assign"))),

    closeAssignments: (tenant, ids, validTo) =>
      q.close("assignments", tenant, ["id"], ids.map((id) => [id]), validTo).pipe(
        Effect.mapError(fail("workers.closeAssignments")),
        Effect.withSpan("SqlStore.workers.closeAssignments")
      ),

    assignmentsInSubtree: (tenant, root, at) =>
      selectAssignments(
        "assignmentsInSubtree",
        sql`a.tenant = ${tenant} AND ${q.inSubtree("a.grid_code", root)} AND ${q.validAt("a.", at)}`,
        "a.grid_code, a.id"
      ),

    assignmentsOfGrid: (tenant, gridCode) =>
      selectAssignments("assignmentsOfGrid", sql`a.tenant = ${tenant} AND a.grid_code = ${gridCode}`),

    assignmentsOfGrids: (tenant, gridCodes) =>
      selectIn(
        gridCodes,
        1,
        (chunk) => selectAssignments("assignmentsOfGrids", sql`a.tenant = ${tenant} AND ${keyIn("a.grid_code", chunk)}`),
        byKeys((a) => a.id)
      ),

    assignmentsOfWorkers: (tenant, ids) =>
      selectIn(
        ids,
        1,
        (chunk) => selectAssignments("assignmentsOfWorkers", sql`a.tenant = ${tenant} AND ${keyIn("a.worker_id", chunk)}`),
        byKeys((a) => a.id)
      ),

    history: (tenant, root) =>
      selectAssignments("history", sql`a.tenant = ${tenant} AND ${q.inSubtree("a.grid_code", root)}`),

    assignment: (tenant, id) =>
      selectAssignments("assignment", sql`a.tenant = ${tenant} AND a.id = ${id}`).pipe(
        Effect.map((found) => Option.fromNullable(found[0]))
      ),

    assignmentsOfWorker: (tenant, id) =>
      selectAssignments("assignmentsOfWorker", sql`a.tenant = ${tenant} AND a.worker_id = ${id}`),

    assignmentsOf: (tenant, id, at) =>
      selectAssignments("assignmentsOf", sql`a.tenant = ${tenant} AND a.worker_id = ${id} AND ${q.validAt("a.", at)}`),

    countByCategory: (tenant, root, at) =>
      sql<{ readonly category: string; readonly count: number | string }>`SELECT
  t.category, CAST(count(DISTINCT a.worker_id) AS INTEGER) AS count
FROM assignments a JOIN worker_terms t ON t.tenant = a.tenant AND t.worker_id = a.worker_id AND ${q.validAt("t.", at)}
WHERE a.tenant = ${tenant} AND ${q.inSubtree("a.grid_code", root)} AND ${q.validAt("a.", at)}
GROUP BY t.category
ORDER BY t.category`.pipe(
        Effect.map((rows) => rows.map((row) => ({ category: row.category, count: Rows.toNumber(row.count) }))),
        Effect.mapError(fail("workers.countByCategory")),
        Effect.withSpan("SqlStore.workers.countByCategory")
      ),

    latestStart: (tenant, root) =>
      q.latestStartInSubtree("assignments", "grid_code", tenant, root).pipe(
        Effect.mapError(fail("workers.latestStart")),
        Effect.withSpan("SqlStore.workers.latestStart")
      )
  }

  return { grids, places, workers }
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<GridStore.GridStore, never, SqlClient.SqlClient> = Layer.effect(GridStore.GridStore, make)
