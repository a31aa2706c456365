/**
 * The demand domain on `@effect/sql`: its tables (as migrations) and every query of the
 * visit and demand repositories, written once against the generic `SqlClient`.
 *
 * - Tables are named `demand_*`. Minutes are text `YYYY-MM-DDTHH:mm` (China Standard
 *   Time), which sort as time does; an event's actor is `recorded_by` and its minute
 *   `at_minute` (`by` and `at` are SQL keywords).
 * - A point's degrees are text, the shortest that reads back as the same number, so a
 *   point comes back exactly as written on both dialects; a visit's updated fields and
 *   demand ids are JSON arrays.
 * - Every write inserts rows whose key must be new: a key that exists, or one named
 *   twice in a call, fails the call and writes none of it.
 * - Driver failures and unreadable rows surface as core's `StoreError`, naming the
 *   operation.
 *
 * @since 0.5.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { DemandRepository, Tenant, VisitRepository } from "@jiceng/core"
import { DemandStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ddl } from "./internal/columns.js"
import * as Rows from "./internal/demandRows.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of the demand domain's migrations ran.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_demand"

/**
 * The demand domain's schema: visits, demands and their events. Every key and index
 * leads with the tenant.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_demand": ddl(({ int, tableOptions, text }) => [
    `CREATE TABLE demand_visits (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  target ${text} NOT NULL,
  place_id ${text},
  at_minute ${text} NOT NULL,
  updated ${text} NOT NULL,
  demands ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
    `CREATE INDEX demand_visits_grid ON demand_visits (tenant, grid_code, id)`,
    `CREATE INDEX demand_visits_place ON demand_visits (tenant, place_id, at_minute, id)`,
    `CREATE TABLE demand_demands (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  category ${text} NOT NULL,
  source ${text} NOT NULL,
  visit_id ${text},
  description ${text} NOT NULL,
  address ${text},
  latitude ${text},
  longitude ${text},
  requested_at ${text} NOT NULL,
  deadline_at ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
    `CREATE INDEX demand_demands_grid ON demand_demands (tenant, grid_code, id)`,
    // Append-only: two writers never both append a demand's next seq.
    `CREATE TABLE demand_events (
  tenant ${text} NOT NULL,
  demand_id ${text} NOT NULL,
  seq ${int} NOT NULL,
  kind ${text} NOT NULL,
  at_minute ${text} NOT NULL,
  recorded_by ${text} NOT NULL,
  grid_code ${text},
  assignee ${text},
  note ${text},
  satisfaction ${text},
  duplicate_of ${text},
  PRIMARY KEY (tenant, demand_id, seq)
)${tableOptions}`
  ])
}

const { reading } = Repository

const visitReading = reading("demand_visits", Rows.visitValues, Rows.toVisit, "id")
const demandReading = reading("demand_demands", Rows.demandValues, Rows.toDemand, "id")
const eventReading = reading("demand_events", Rows.eventValues, Rows.toEvent, "demand_id", "seq")

/**
 * Builds the demand repositories on the `SqlClient` in context. The client's name
 * transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<DemandStore.DemandStoreShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const q = Queries.make(sql)
  const { anyOf, list, write } = Repository.make(sql, q)

  /** A method inserting rows whose keys must be new. */
  const add = <Row extends object, A>(operation: string, { columns, table }: Repository.Reading<Row, A>) => (rows: ReadonlyArray<A>) =>
    write(operation, q.insert(table, columns, rows))

  /** A method listing a tenant's rows of a grid subtree, in an order. */
  const inSubtree = <Row extends object, A>(operation: string, r: Repository.Reading<Row, A>) => (tenant: Tenant.Tenant, root: string) =>
    list(operation, r)(tenant, q.inSubtree("grid_code", root))

  const visits: VisitRepository.VisitRepository = {
    addVisits: add("visits.addVisits", visitReading),
    visitsOf: anyOf("visits.visitsOf", visitReading, "id"),
    visitsIn: inSubtree("visits.visitsIn", { ...visitReading, order: ["at_minute", "id"] }),
    visitsTo: anyOf("visits.visitsTo", { ...visitReading, order: ["place_id", "at_minute", "id"] }, "place_id")
  }

  const demands: DemandRepository.DemandRepository = {
    addDemands: add("demands.addDemands", demandReading),
    demandsOf: anyOf("demands.demandsOf", demandReading, "id"),
    demandsIn: inSubtree("demands.demandsIn", demandReading),
    addEvents: add("demands.addEvents", eventReading),
    eventsOf: anyOf("demands.eventsOf", eventReading, "demand_id")
  }

  return { visits, demands }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<DemandStore.DemandStore, never, SqlClient.SqlClient> = Layer.effect(DemandStore.DemandStore, make)
