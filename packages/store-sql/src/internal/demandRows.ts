/**
 * The demand domain's rows: how each table's row is read back into a value (integers
 * from PostgreSQL's strings, nulls kept, a point's degrees from their exact text, a
 * visit's lists checked JSON — a message naming what cannot be read when one is
 * corrupt) and the columns each value is written to.
 *
 * @internal
 */
import type { Demand, DemandState, Grid, LocalMinute, Place, Tenant, Visit, Worker } from "@jiceng/core"
import type { Columns } from "./queries.js"
import { isStrings, parseJson, toNumber } from "./rows.js"

type Int = number | string | bigint

/** @internal */
export interface VisitRow {
  readonly tenant: string
  readonly id: string
  readonly worker_id: string
  readonly grid_code: string
  readonly target: string
  readonly place_id: string | null
  readonly at_minute: string
  /** A JSON array of strings. */
  readonly updated: string
  /** A JSON array of demand ids. */
  readonly demands: string
}

/** @internal */
export interface DemandRow {
  readonly tenant: string
  readonly id: string
  readonly grid_code: string
  readonly category: string
  readonly source: string
  readonly visit_id: string | null
  readonly description: string
  readonly address: string | null
  /** Degrees as the shortest text that reads back as the same number. */
  readonly latitude: string | null
  readonly longitude: string | null
  readonly requested_at: string
  readonly deadline_at: string
}

/** @internal */
export interface EventRow {
  readonly tenant: string
  readonly demand_id: string
  readonly seq: Int
  readonly kind: string
  readonly at_minute: string
  readonly recorded_by: string
  readonly grid_code: string | null
  readonly assignee: string | null
  readonly note: string | null
  readonly satisfaction: string | null
  readonly duplicate_of: string | null
}

const minute = (value: string): LocalMinute.LocalMinute => value as LocalMinute.LocalMinute

/** A degree from its text, or undefined when it is not a finite number. */
const degrees = (value: string | null): number | null | undefined => {
  if (value === null) return null
  const n = Number(value)
  return value.trim() === "" || !Number.isFinite(n) ? undefined : n
}

/**
 * A visit, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toVisit = (row: VisitRow): Visit.Visit | string => {
  const updated = parseJson(row.updated, isStrings)
  const demands = parseJson(row.demands, isStrings)
  if (updated === undefined || demands === undefined) return `visit ${row.id}: updated and demands are not JSON arrays of strings`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Visit.VisitId,
    workerId: row.worker_id as Worker.WorkerId,
    gridCode: row.grid_code as Grid.GridCode,
    target: row.target as Visit.Target,
    placeId: row.place_id as Place.PlaceId | null,
    at: minute(row.at_minute),
    updated,
    demands
  }
}

/**
 * A demand, or a message naming a point that cannot be read.
 *
 * @internal
 */
export const toDemand = (row: DemandRow): Demand.Demand | string => {
  const lat = degrees(row.latitude)
  const long = degrees(row.longitude)
  if (lat === undefined || long === undefined) return `demand ${row.id}: latitude or longitude is not a number`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Demand.DemandId,
    gridCode: row.grid_code as Grid.GridCode,
    category: row.category,
    source: row.source as Demand.Source,
    visitId: row.visit_id as Visit.VisitId | null,
    description: row.description,
    address: row.address,
    lat,
    long,
    requestedAt: minute(row.requested_at),
    deadlineAt: minute(row.deadline_at)
  }
}

/** @internal */
export const toEvent = (row: EventRow): Demand.DemandEvent => ({
  tenant: row.tenant as Tenant.Tenant,
  demandId: row.demand_id as Demand.DemandId,
  seq: toNumber(row.seq),
  kind: row.kind as Demand.EventKind,
  at: minute(row.at_minute),
  by: row.recorded_by,
  gridCode: row.grid_code as Grid.GridCode | null,
  assignee: row.assignee as Worker.WorkerId | null,
  note: row.note,
  satisfaction: row.satisfaction as DemandState.Satisfaction | null,
  duplicateOf: row.duplicate_of as Demand.DemandId | null
})

/** @internal */
export const visitValues: Columns<Visit.Visit> = [
  ["tenant", (v) => v.tenant],
  ["id", (v) => v.id],
  ["worker_id", (v) => v.workerId],
  ["grid_code", (v) => v.gridCode],
  ["target", (v) => v.target],
  ["place_id", (v) => v.placeId],
  ["at_minute", (v) => v.at],
  ["updated", (v) => JSON.stringify(v.updated)],
  ["demands", (v) => JSON.stringify(v.demands)]
]

/** @internal */
export const demandValues: Columns<Demand.Demand> = [
  ["tenant", (d) => d.tenant],
  ["id", (d) => d.id],
  ["grid_code", (d) => d.gridCode],
  ["category", (d) => d.category],
  ["source", (d) => d.source],
  ["visit_id", (d) => d.visitId],
  ["description", (d) => d.description],
  ["address", (d) => d.address],
  ["latitude", (d) => (d.lat === null ? null : String(d.lat))],
  ["longitude", (d) => (d.long === null ? null : String(d.long))],
  ["requested_at", (d) => d.requestedAt],
  ["deadline_at", (d) => d.deadlineAt]
]

/** @internal */
export const eventValues: Columns<Demand.DemandEvent> = [
  ["tenant", (e) => e.tenant],
  ["demand_id", (e) => e.demandId],
  ["seq", (e) => e.seq],
  ["kind", (e) => e.kind],
  ["at_minute", (e) => e.at],
  ["recorded_by", (e) => e.by],
  ["grid_code", (e) => e.gridCode],
  ["assignee", (e) => e.assignee],
  ["note", (e) => e.note],
  ["satisfaction", (e) => e.satisfaction],
  ["duplicate_of", (e) => e.duplicateOf]
]
