/**
 * The Store port on `@effect/sql`: every repository of `@jiceng/core` written once
 * against the generic `SqlClient`, so the database is chosen by the client layer the
 * application provides (`@jiceng/store-sqlite`, `@jiceng/store-postgres`).
 *
 * - Subtrees are code ranges, `code >= root AND code < root || ':'` (':' sorts right
 *   after '9'), answered from the `(tenant, code, valid_from)` indexes.
 * - Writes insert many rows per statement, chunked under the dialect's parameter limit.
 * - `transaction(tenant, …)` serialises the writes of a tenant: on PostgreSQL with
 *   `pg_advisory_xact_lock(hashtext(tenant))`; on SQLite by taking the database's write
 *   lock as the first statement, which makes the transaction `BEGIN IMMEDIATE`.
 * - `close`, `closeLinks` and `closeAssignments` end open rows only: an end once
 *   recorded is history and is never moved.
 * - Driver failures surface as core's `StoreError`, naming the operation.
 *
 * @since 0.1.0
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type * as Statement from "@effect/sql/Statement"
import type {
  AuditEntry,
  AuditLog,
  Grid,
  GridRepository,
  IsoDate,
  Place,
  PlaceRepository,
  Tenant,
  Worker,
  WorkerRepository
} from "@jiceng/core"
import { Store, StoreError } from "@jiceng/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { chunks, compareBytes, lastByKey } from "./internal/batch.js"
import { corruptRow, fromSqlError } from "./internal/errors.js"
import * as Rows from "./internal/rows.js"
import * as Migrations from "./Migrations.js"

/** The exclusive upper bound of a subtree's code range: ':' is the byte after '9'. */
const upperBound = (root: string): string => `${root}:`

/** Keeps a failure of the caller's effect apart from the store's own SQL failures. */
class CallerFailure<E> {
  constructor(readonly error: E) {}
}

/**
 * Builds the Store on the `SqlClient` in context (SQLite or PostgreSQL). The client's
 * name transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Store.StoreShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const fail = fromSqlError

  // ---------------------------------------------------------------- fragments

  const inSubtree = (column: string, root: string): Statement.Fragment =>
    sql`${sql.literal(column)} >= ${root} AND ${sql.literal(column)} < ${upperBound(root)}`

  /** `[valid_from, valid_to)` contains `at`; `prefix` is a table alias with its dot. */
  const validAt = (prefix: string, at: IsoDate.IsoDate): Statement.Fragment =>
    sql`${sql.literal(`${prefix}valid_from`)} <= ${at} AND (${sql.literal(`${prefix}valid_to`)} IS NULL OR ${
      sql.literal(`${prefix}valid_to`)
    } > ${at})`

  /** Runs write statements atomically: one statement as is, several in a (nested) transaction. */
  const writeAll = (statements: ReadonlyArray<Effect.Effect<unknown, SqlError>>): Effect.Effect<void, SqlError> => {
    if (statements.length === 0) return Effect.void
    const all = Effect.forEach(statements, (statement) => statement, { discard: true })
    return statements.length === 1 ? all : sql.withTransaction(all)
  }

  /** Ends rows on a day by id: sets valid_to where it is open or later (an earlier end stays). */
  const closeById = (
    table: "grids" | "assignments",
    tenant: Tenant.Tenant,
    ids: ReadonlyArray<string>,
    validTo: IsoDate.IsoDate
  ): Effect.Effect<void, StoreError.StoreError> =>
    writeAll(
      chunks(sql, ids, 1, 3).map((chunk) =>
        sql`UPDATE ${sql(table)} SET valid_to = ${validTo}
WHERE tenant = ${tenant} AND (valid_to IS NULL OR valid_to > ${validTo}) AND id IN ${sql.in(chunk)}`
      )
    ).pipe(Effect.mapError(fail(`${table === "grids" ? "grids.close" : "workers.closeAssignments"}`)))

  /** Inserts rows keyed by (tenant, id), replacing every other column of existing ones. */
  const upsert = (
    table: "places" | "workers",
    rows: ReadonlyArray<{ readonly tenant: string; readonly id: string } & Record<string, unknown>>
  ): Effect.Effect<void, SqlError> => {
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

  // --------------------------------------------------------------------- grids

  const selectGrids = (where: Statement.Fragment, orderBy: string) =>
    sql<Rows.GridRow>`SELECT g.tenant, g.id, g.code, g.parent_code, g.level, g.name, g.valid_from, g.valid_to,
  g.change, l.predecessor_id
FROM grids g LEFT JOIN grid_lineage l ON l.tenant = g.tenant AND l.grid_id = g.id
WHERE ${where}
ORDER BY ${sql.literal(orderBy)}, l.ordinal`.pipe(Effect.map(Rows.toGrids))

  const latestStartInSubtree = (table: string, column: string, tenant: Tenant.Tenant, root: string) =>
    sql<{ readonly latest_from: string | null }>`SELECT max(valid_from) AS latest_from
FROM ${sql.literal(table)}
WHERE tenant = ${tenant} AND ${inSubtree(column, root)}`.pipe(
      Effect.map(([row]) => Option.fromNullable(row?.latest_from as IsoDate.IsoDate | null | undefined))
    )

  const grids: GridRepository.GridRepository = {
    insert: Effect.fn("SqlStore.grids.insert")(function*(versions: ReadonlyArray<Grid.Grid>) {
      const rows = versions.map((g) => ({
        tenant: g.tenant,
        id: g.id,
        code: g.code,
        parent_code: g.parentCode,
        level: g.level,
        name: g.name,
        valid_from: g.validFrom,
        valid_to: g.validTo,
        change: g.change
      }))
      const lineage = versions.flatMap((g) =>
        g.predecessors.map((predecessor, ordinal) => ({
          tenant: g.tenant,
          grid_id: g.id,
          ordinal,
          predecessor_id: predecessor
        }))
      )
      yield* writeAll([
        ...chunks(sql, rows, 9).map((chunk) => sql`INSERT INTO grids ${sql.insert(chunk)}`),
        ...chunks(sql, lineage, 4).map((chunk) => sql`INSERT INTO grid_lineage ${sql.insert(chunk)}`)
      ])
    }, Effect.mapError(fail("grids.insert"))),

    close: (tenant, ids, validTo) => closeById("grids", tenant, ids, validTo),

    byId: Effect.fn("SqlStore.grids.byId")(function*(tenant: Tenant.Tenant, id: Grid.GridId) {
      const found = yield* selectGrids(sql`g.tenant = ${tenant} AND g.id = ${id}`, "g.id")
      return Option.fromNullable(found[0])
    }, Effect.mapError(fail("grids.byId"))),

    at: Effect.fn("SqlStore.grids.at")(function*(tenant: Tenant.Tenant, code: string, at: IsoDate.IsoDate) {
      const found = yield* selectGrids(
        sql`g.tenant = ${tenant} AND g.code = ${code} AND ${validAt("g.", at)}`,
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
          inSubtree("g.code", root),
          validAt("g.", at),
          ...(level === undefined ? [] : [sql`g.level = ${level}`])
        ]),
        "g.code, g.valid_from"
      ).pipe(Effect.mapError(fail("grids.subtree")), Effect.withSpan("SqlStore.grids.subtree")),

    countByLevel: (tenant, root, at) =>
      sql<{ readonly level: number | string; readonly count: number | string }>`SELECT
  level, CAST(count(*) AS INTEGER) AS count
FROM grids
WHERE tenant = ${tenant} AND ${inSubtree("code", root)} AND ${validAt("", at)}
GROUP BY level
ORDER BY level`.pipe(
        Effect.map((rows) => rows.map((row) => ({ level: Rows.toNumber(row.level), count: Rows.toNumber(row.count) }))),
        Effect.mapError(fail("grids.countByLevel")),
        Effect.withSpan("SqlStore.grids.countByLevel")
      ),

    history: (tenant, root) =>
      selectGrids(sql`g.tenant = ${tenant} AND ${inSubtree("g.code", root)}`, "g.code, g.valid_from").pipe(
        Effect.mapError(fail("grids.history")),
        Effect.withSpan("SqlStore.grids.history")
      ),

    successors: (tenant, id) =>
      selectGrids(
        sql`g.tenant = ${tenant} AND g.id IN (
  SELECT grid_id FROM grid_lineage WHERE tenant = ${tenant} AND predecessor_id = ${id})`,
        "g.id"
      ).pipe(Effect.mapError(fail("grids.successors")), Effect.withSpan("SqlStore.grids.successors")),

    latestStart: (tenant, root) =>
      latestStartInSubtree("grids", "code", tenant, root).pipe(
        Effect.mapError(fail("grids.latestStart")),
        Effect.withSpan("SqlStore.grids.latestStart")
      )
  }

  // -------------------------------------------------------------------- places

  const linkColumns = sql.literal("l.tenant, l.place_id, l.grid_code, l.valid_from, l.valid_to")

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
      const rows = lastByKey(input, (p) => `${p.tenant}/${p.id}`).map((p) => ({
        tenant: p.tenant,
        id: p.id,
        kind: p.kind,
        name: p.name,
        address: p.address
      }))
      yield* upsert("places", rows)
    }, Effect.mapError(fail("places.put"))),

    get: Effect.fn("SqlStore.places.get")(function*(tenant: Tenant.Tenant, id: Place.PlaceId) {
      const rows = yield* sql<Rows.PlaceRow>`SELECT tenant, id, kind, name, address
FROM places WHERE tenant = ${tenant} AND id = ${id}`
      return Option.map(Option.fromNullable(rows[0]), Rows.toPlace)
    }, Effect.mapError(fail("places.get"))),

    link: Effect.fn("SqlStore.places.link")(function*(links: ReadonlyArray<Place.PlaceLink>) {
      const rows = links.map((l) => ({
        tenant: l.tenant,
        place_id: l.placeId,
        grid_code: l.gridCode,
        valid_from: l.validFrom,
        valid_to: l.validTo
      }))
      yield* writeAll(chunks(sql, rows, 5).map((chunk) => sql`INSERT INTO place_links ${sql.insert(chunk)}`))
    }, Effect.mapError(fail("places.link"))),

    closeLinks: Effect.fn("SqlStore.places.closeLinks")(
      function*(tenant: Tenant.Tenant, keys: ReadonlyArray<PlaceRepository.LinkKey>, validTo: IsoDate.IsoDate) {
        yield* writeAll(
          chunks(sql, keys, 2, 3).map((chunk) =>
            sql`UPDATE place_links SET valid_to = ${validTo}
WHERE tenant = ${tenant} AND (valid_to IS NULL OR valid_to > ${validTo}) AND (place_id, valid_from) IN (VALUES ${
              sql.join(", ", false)(chunk.map((key) => sql`(${key.placeId}, ${key.validFrom})`))
            })`
          )
        )
      },
      Effect.mapError(fail("places.closeLinks"))
    ),

    linkAt: (tenant, id, at) =>
      selectLinks("linkAt", sql`l.tenant = ${tenant} AND l.place_id = ${id} AND ${validAt("l.", at)}`, "l.valid_from DESC")
        .pipe(Effect.map((links) => Option.fromNullable(links[0]))),

    links: (tenant, id) => selectLinks("links", sql`l.tenant = ${tenant} AND l.place_id = ${id}`, "l.valid_from"),

    linksInSubtree: (tenant, root, at) =>
      selectLinks(
        "linksInSubtree",
        sql`l.tenant = ${tenant} AND ${inSubtree("l.grid_code", root)} AND ${validAt("l.", at)}`,
        "l.grid_code, l.place_id"
      ),

    history: (tenant, root) =>
      selectLinks("history", sql`l.tenant = ${tenant} AND ${inSubtree("l.grid_code", root)}`, "l.place_id, l.valid_from"),

    countInSubtree: (tenant, root, at) =>
      sql<{ readonly count: number | string }>`SELECT CAST(count(*) AS INTEGER) AS count
FROM place_links l
WHERE l.tenant = ${tenant} AND ${inSubtree("l.grid_code", root)} AND ${validAt("l.", at)}`.pipe(
        Effect.map(([row]) => row === undefined ? 0 : Rows.toNumber(row.count)),
        Effect.mapError(fail("places.countInSubtree")),
        Effect.withSpan("SqlStore.places.countInSubtree")
      ),

    countByKind: (tenant, root, at) =>
      sql<{ readonly kind: string; readonly count: number | string }>`SELECT
  p.kind, CAST(count(*) AS INTEGER) AS count
FROM place_links l JOIN places p ON p.tenant = l.tenant AND p.id = l.place_id
WHERE l.tenant = ${tenant} AND ${inSubtree("l.grid_code", root)} AND ${validAt("l.", at)}
GROUP BY p.kind
ORDER BY p.kind`.pipe(
        Effect.map((rows) =>
          rows.map((row) => ({ kind: row.kind as Place.PlaceKind, count: Rows.toNumber(row.count) }))
        ),
        Effect.mapError(fail("places.countByKind")),
        Effect.withSpan("SqlStore.places.countByKind")
      ),

    latestStart: (tenant, root) =>
      latestStartInSubtree("place_links", "grid_code", tenant, root).pipe(
        Effect.mapError(fail("places.latestStart")),
        Effect.withSpan("SqlStore.places.latestStart")
      )
  }

  // ------------------------------------------------------------------- workers

  const workerColumns = sql.literal("tenant, id, name, category, community_code, phone, citizen_id")
  const assignmentColumns = sql.literal(
    "a.tenant, a.id, a.worker_id, a.grid_code, a.post, a.is_primary, a.duties, a.valid_from, a.valid_to"
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
      const rows = lastByKey(input, (w) => `${w.tenant}/${w.id}`).map((w) => ({
        tenant: w.tenant,
        id: w.id,
        name: w.name,
        category: w.category,
        community_code: w.communityCode,
        phone: w.phone,
        citizen_id: w.citizenId
      }))
      yield* upsert("workers", rows)
    }, Effect.mapError(fail("workers.put"))),

    get: Effect.fn("SqlStore.workers.get")(function*(tenant: Tenant.Tenant, id: Worker.WorkerId) {
      const rows = yield* sql<Rows.WorkerRow>`SELECT ${workerColumns}
FROM workers WHERE tenant = ${tenant} AND id = ${id}`
      return Option.map(Option.fromNullable(rows[0]), Rows.toWorker)
    }, Effect.mapError(fail("workers.get"))),

    getMany: Effect.fn("SqlStore.workers.getMany")(
      function*(tenant: Tenant.Tenant, ids: ReadonlyArray<Worker.WorkerId>) {
        const parts = yield* Effect.forEach(
          chunks(sql, Array.from(new Set(ids)), 1, 1),
          (chunk) =>
            sql<Rows.WorkerRow>`SELECT ${workerColumns}
FROM workers WHERE tenant = ${tenant} AND id IN ${sql.in(chunk)}
ORDER BY id`
        )
        const rows = parts.length === 1 ? parts[0]! : parts.flat().sort((a, b) => compareBytes(a.id, b.id))
        return rows.map(Rows.toWorker)
      },
      Effect.mapError(fail("workers.getMany"))
    ),

    assign: Effect.fn("SqlStore.workers.assign")(function*(assignments: ReadonlyArray<Worker.Assignment>) {
      const rows = assignments.map((a) => ({
        tenant: a.tenant,
        id: a.id,
        worker_id: a.workerId,
        grid_code: a.gridCode,
        post: a.post,
        is_primary: a.primary ? 1 : 0,
        duties: JSON.stringify(a.duties),
        valid_from: a.validFrom,
        valid_to: a.validTo
      }))
      yield* writeAll(chunks(sql, rows, 9).map((chunk) => sql`INSERT INTO assignments ${sql.insert(chunk)}`))
    }, Effect.mapError(fail("workers.assign"))),

    closeAssignments: (tenant, ids, validTo) => closeById("assignments", tenant, ids, validTo),

    assignmentsInSubtree: (tenant, root, at) =>
      selectAssignments(
        "assignmentsInSubtree",
        sql`a.tenant = ${tenant} AND ${inSubtree("a.grid_code", root)} AND ${validAt("a.", at)}`,
        "a.grid_code, a.id"
      ),

    assignmentsOfGrid: (tenant, gridCode) =>
      selectAssignments("assignmentsOfGrid", sql`a.tenant = ${tenant} AND a.grid_code = ${gridCode}`),

    history: (tenant, root) =>
      selectAssignments("history", sql`a.tenant = ${tenant} AND ${inSubtree("a.grid_code", root)}`),

    assignment: (tenant, id) =>
      selectAssignments("assignment", sql`a.tenant = ${tenant} AND a.id = ${id}`).pipe(
        Effect.map((found) => Option.fromNullable(found[0]))
      ),

    assignmentsOfWorker: (tenant, id) =>
      selectAssignments("assignmentsOfWorker", sql`a.tenant = ${tenant} AND a.worker_id = ${id}`),

    assignmentsOf: (tenant, id, at) =>
      selectAssignments("assignmentsOf", sql`a.tenant = ${tenant} AND a.worker_id = ${id} AND ${validAt("a.", at)}`),

    countByCategory: (tenant, root, at) =>
      sql<{ readonly category: string; readonly count: number | string }>`SELECT
  w.category, CAST(count(DISTINCT a.worker_id) AS INTEGER) AS count
FROM assignments a JOIN workers w ON w.tenant = a.tenant AND w.id = a.worker_id
WHERE a.tenant = ${tenant} AND ${inSubtree("a.grid_code", root)} AND ${validAt("a.", at)}
GROUP BY w.category
ORDER BY w.category`.pipe(
        Effect.map((rows) => rows.map((row) => ({ category: row.category, count: Rows.toNumber(row.count) }))),
        Effect.mapError(fail("workers.countByCategory")),
        Effect.withSpan("SqlStore.workers.countByCategory")
      ),

    latestStart: (tenant, root) =>
      latestStartInSubtree("assignments", "grid_code", tenant, root).pipe(
        Effect.mapError(fail("workers.latestStart")),
        Effect.withSpan("SqlStore.workers.latestStart")
      )
  }

  // --------------------------------------------------------------- transaction

  /** Tenants whose lock the current transaction holds. */
  const lockedTenants = FiberRef.unsafeMake<ReadonlySet<string>>(new Set())

  /**
   * Serialises the writers of one tenant until commit. PostgreSQL: a transaction-scoped
   * advisory lock on the tenant. SQLite has one writer per database: a write that
   * touches no row takes its write lock now rather than at the first real write, so a
   * transaction never reads a snapshot that another process's commit makes stale
   * (`BEGIN IMMEDIATE`, which @effect/sql-sqlite-node does not let us configure).
   */

  const lockTenant = (tenant: Tenant.Tenant): Effect.Effect<void, SqlError> =>
    sql.onDialectOrElse({
      pg: () => sql`SELECT pg_advisory_xact_lock(hashtext(${tenant}))`,
      sqlite: () => sql`UPDATE audit_log SET seq = seq WHERE 0`,
      orElse: () => Effect.void
    }).pipe(Effect.asVoid)

  /**
   * The outermost call opens the transaction; a nested call joins it, as the port says
   * (no savepoint: what a nested call wrote stays part of the outer transaction even if
   * the outer one recovers from the nested failure, exactly as in the memory store).
   * A nested call still takes its tenant's lock, which may be another tenant's.
   */
  const transaction = <A, E, R>(
    tenant: Tenant.Tenant,
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | StoreError.StoreError, R> =>
    Effect.flatMap(Effect.all([Effect.serviceOption(SqlClient.TransactionConnection), FiberRef.get(lockedTenants)]), ([open, held]) => {
      const body = Effect.mapError(self, (error) => new CallerFailure(error))
      // A tenant locked once stays locked until commit: nested calls skip the statement.
      const locked = Option.isSome(open) && held.has(tenant)
        ? body
        : Effect.zipRight(lockTenant(tenant), Effect.locally(body, lockedTenants, new Set([...(Option.isSome(open) ? held : []), tenant])))
      return (Option.isSome(open) ? locked : sql.withTransaction(locked)).pipe(
        Effect.mapError((error) => error instanceof CallerFailure ? error.error : fail("transaction")(error)),
        Effect.withSpan("SqlStore.transaction", { attributes: { tenant } })
      )
    })

  // --------------------------------------------------------------------- audit

  const auditColumns = sql.literal("tenant, seq, at_ms, actor, action, target, detail")

  const audit: AuditLog.AuditLog = {
    append: (entry) =>
      transaction(
        entry.tenant,
        Effect.gen(function*() {
          const atMs = yield* Clock.currentTimeMillis
          // One statement numbers and inserts: the tenant's lock keeps other transactions
          // out, and a statement sees every earlier one of its own transaction, so seqs
          // stay gap-free even around savepoints or several appends in flight.
          const rows = yield* sql<{ readonly seq: number | string }>`INSERT INTO audit_log (${auditColumns})
SELECT CAST(${entry.tenant} AS TEXT), coalesce(max(seq), 0) + 1, CAST(${atMs} AS BIGINT), CAST(${entry.actor} AS TEXT),
  CAST(${entry.action} AS TEXT), CAST(${entry.target} AS TEXT), CAST(${entry.detail} AS TEXT)
FROM audit_log WHERE tenant = ${entry.tenant}
RETURNING seq`
          const appended: AuditEntry.AuditEntry = {
            tenant: entry.tenant,
            seq: Rows.toNumber(rows[0]!.seq),
            atMs,
            actor: entry.actor,
            action: entry.action,
            target: entry.target,
            detail: entry.detail
          }
          return appended
        }).pipe(Effect.mapError(fail("audit.append")))
      ).pipe(Effect.withSpan("SqlStore.audit.append")),

    list: (tenant, { afterSeq, limit }) =>
      limit <= 0
        ? Effect.succeed([])
        : sql<Rows.AuditRow>`SELECT ${auditColumns}
FROM audit_log
WHERE tenant = ${tenant} AND seq > ${afterSeq}
ORDER BY seq
LIMIT ${Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER}`.pipe(
          Effect.map((rows) => rows.map(Rows.toAuditEntry)),
          Effect.mapError(fail("audit.list")),
          Effect.withSpan("SqlStore.audit.list")
        )
  }

  return { grids, places, workers, audit, transaction }
})

/** What a defect (a migration's own failure, which the migrator raises as one) says. */
const describe = (defect: unknown): string => {
  if (!(defect instanceof Error)) return String(defect)
  const cause = (defect as { readonly cause?: unknown }).cause
  return cause === undefined ? defect.message : `${defect.message}: ${describe(cause)}`
}

/**
 * Runs the schema migrations (`Migrations`) on the `SqlClient` in context; migrations
 * already applied are skipped. Returns the ones it ran. Every failure is a
 * `StoreError`, a failing migration's too. Processes starting together on a fresh
 * database race to create the migrations table: the loser retries, then finds the
 * migrations done (or waits for them on the table's lock).
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  StoreError.StoreError,
  SqlClient.SqlClient
> = Migrator.make({})({ loader: Migrations.loader, table: Migrations.table }).pipe(
  Effect.mapError((error) =>
    error._tag === "SqlError" ? fromSqlError("migrate")(error) : new StoreError.StoreError({
      operation: "migrate",
      message: error.message,
      cause: error
    })
  ),
  // Only a failure to set up is retried; a failing migration is a defect of the migrator.
  Effect.retry({ times: 3, schedule: Schedule.spaced("200 millis") }),
  Effect.catchAllDefect((defect) =>
    Effect.fail(new StoreError.StoreError({ operation: "migrate", message: describe(defect), cause: defect }))
  ),
  Effect.withSpan("SqlStore.migrate")
)

/**
 * The Store on the `SqlClient` in context, which must already be migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Store.Store, never, SqlClient.SqlClient> = Layer.effect(Store.Store, make)

/**
 * The Store on the `SqlClient` in context, after running the migrations.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMigrated: Layer.Layer<Store.Store, StoreError.StoreError, SqlClient.SqlClient> = Layer.effect(
  Store.Store,
  Effect.zipRight(migrate, make)
)
