import type { AuditEntry, Grid, IsoDate, Place, Tenant, Worker } from "@jiceng/core"
import type { Columns } from "./queries.js"

/** @internal */
export interface GridRow {
  readonly tenant: string
  readonly id: string
  readonly code: string
  readonly parent_code: string | null
  readonly level: number | string
  readonly name: string
  readonly valid_from: string
  readonly valid_to: string | null
  readonly change: string
  /** From the LEFT JOIN on grid_lineage: one row per predecessor, null when none. */
  readonly predecessor_id: string | null
}

/** @internal */
export interface PlaceRow {
  readonly tenant: string
  readonly id: string
  readonly kind: string
  readonly name: string
  readonly address: string | null
  readonly credit_code: string | null
}

/** @internal */
export interface LinkRow {
  readonly tenant: string
  readonly place_id: string
  readonly grid_code: string
  readonly valid_from: string
  readonly valid_to: string | null
}

/** @internal */
export interface WorkerRow {
  readonly tenant: string
  readonly id: string
  readonly name: string
  readonly phone: string | null
  readonly citizen_id: string | null
}

/** @internal */
export interface TermRow {
  readonly tenant: string
  readonly worker_id: string
  readonly valid_from: string
  readonly valid_to: string | null
  readonly category: string
  readonly community_code: string
  readonly employment: string
  readonly change: string
}

/** @internal */
export interface AssignmentRow {
  readonly tenant: string
  readonly id: string
  readonly worker_id: string
  readonly grid_code: string
  readonly post: string
  readonly responsible: number | string | boolean
  readonly duties: string
  readonly valid_from: string
  readonly valid_to: string | null
}

/** @internal */
export interface AuditRow {
  readonly tenant: string
  readonly seq: number | string | bigint
  readonly at_ms: number | string | bigint
  readonly actor: string
  readonly action: string
  readonly target: string
  readonly detail: string
}

/**
 * PostgreSQL returns `bigint` (and `count(*)`) as strings; SQLite returns numbers.
 *
 * @internal
 */
export const toNumber = (value: number | string | bigint | boolean): number => Number(value)

const date = (value: string): IsoDate.IsoDate => value as IsoDate.IsoDate
const dateOrNull = (value: string | null): IsoDate.IsoDate | null => value === null ? null : date(value)

/**
 * Folds the rows of a grids ⟕ grid_lineage query, ordered so that the rows of one
 * version are adjacent and its predecessors come in `ordinal` order, into versions.
 *
 * @internal
 */
export const toGrids = (rows: ReadonlyArray<GridRow>): ReadonlyArray<Grid.Grid> => {
  const out: Array<Grid.Grid> = []
  let current: { readonly row: GridRow; readonly predecessors: Array<Grid.GridId> } | undefined
  const flush = () => {
    if (current === undefined) return
    const { predecessors, row } = current
    out.push({
      tenant: row.tenant as Tenant.Tenant,
      id: row.id as Grid.GridId,
      code: row.code as Grid.GridCode,
      parentCode: row.parent_code as Grid.GridCode | null,
      level: toNumber(row.level),
      name: row.name,
      validFrom: date(row.valid_from),
      validTo: dateOrNull(row.valid_to),
      change: row.change as Grid.GridChange,
      predecessors
    })
  }
  for (const row of rows) {
    if (current === undefined || current.row.id !== row.id) {
      flush()
      current = { row, predecessors: [] }
    }
    if (row.predecessor_id !== null) current.predecessors.push(row.predecessor_id as Grid.GridId)
  }
  flush()
  return out
}

/** @internal */
export const toPlace = (row: PlaceRow): Place.Place => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Place.PlaceId,
  kind: row.kind as Place.PlaceKind,
  name: row.name,
  address: row.address,
  creditCode: row.credit_code
})

/** @internal */
export const toLink = (row: LinkRow): Place.PlaceLink => ({
  tenant: row.tenant as Tenant.Tenant,
  placeId: row.place_id as Place.PlaceId,
  gridCode: row.grid_code as Grid.GridCode,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to)
})

/** @internal */
export const toWorker = (row: WorkerRow): Worker.Worker => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Worker.WorkerId,
  name: row.name,
  phone: row.phone,
  citizenId: row.citizen_id
})

/** @internal */
export const toTerm = (row: TermRow): Worker.WorkerTerm => ({
  tenant: row.tenant as Tenant.Tenant,
  workerId: row.worker_id as Worker.WorkerId,
  category: row.category,
  communityCode: row.community_code as Grid.GridCode,
  employment: row.employment as Worker.Employment,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to),
  change: row.change as Worker.TermChange
})

/**
 * Duties are stored as a JSON array of strings; anything else is a corrupt row.
 *
 * @internal
 */
export const parseDuties = (json: string): readonly [string, ...Array<string>] | undefined => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((d) => typeof d === "string")) return undefined
  return value as [string, ...Array<string>]
}

/** @internal */
export const toAssignment = (row: AssignmentRow, duties: readonly [string, ...Array<string>]): Worker.Assignment => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Worker.AssignmentId,
  workerId: row.worker_id as Worker.WorkerId,
  gridCode: row.grid_code as Grid.GridCode,
  post: row.post,
  responsible: toNumber(row.responsible) !== 0,
  duties,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to)
})

/** @internal */
export const toAuditEntry = (row: AuditRow): AuditEntry.AuditEntry => ({
  tenant: row.tenant as Tenant.Tenant,
  seq: toNumber(row.seq),
  atMs: toNumber(row.at_ms),
  actor: row.actor,
  action: row.action,
  target: row.target,
  detail: row.detail
})

// The columns each domain value is written to: the inverse of the readers above.

/** @internal */
export const gridValues: Columns<Grid.Grid> = [
  ["tenant", (g) => g.tenant],
  ["id", (g) => g.id],
  ["code", (g) => g.code],
  ["parent_code", (g) => g.parentCode],
  ["level", (g) => g.level],
  ["name", (g) => g.name],
  ["valid_from", (g) => g.validFrom],
  ["valid_to", (g) => g.validTo],
  ["change", (g) => g.change]
]

/** One predecessor of a grid version, at its place in the version's list. @internal */
export interface Lineage {
  readonly grid: Grid.Grid
  readonly ordinal: number
}

/** @internal */
export const lineageValues: Columns<Lineage> = [
  ["tenant", (l) => l.grid.tenant],
  ["grid_id", (l) => l.grid.id],
  ["ordinal", (l) => l.ordinal],
  ["predecessor_id", (l) => l.grid.predecessors[l.ordinal]]
]

/** @internal */
export const placeValues: Columns<Place.Place> = [
  ["tenant", (p) => p.tenant],
  ["id", (p) => p.id],
  ["kind", (p) => p.kind],
  ["name", (p) => p.name],
  ["address", (p) => p.address],
  ["credit_code", (p) => p.creditCode]
]

/** @internal */
export const linkValues: Columns<Place.PlaceLink> = [
  ["tenant", (l) => l.tenant],
  ["place_id", (l) => l.placeId],
  ["grid_code", (l) => l.gridCode],
  ["valid_from", (l) => l.validFrom],
  ["valid_to", (l) => l.validTo]
]

/** @internal */
export const workerValues: Columns<Worker.Worker> = [
  ["tenant", (w) => w.tenant],
  ["id", (w) => w.id],
  ["name", (w) => w.name],
  ["phone", (w) => w.phone],
  ["citizen_id", (w) => w.citizenId]
]

/** @internal */
export const termValues: Columns<Worker.WorkerTerm> = [
  ["tenant", (t) => t.tenant],
  ["worker_id", (t) => t.workerId],
  ["valid_from", (t) => t.validFrom],
  ["valid_to", (t) => t.validTo],
  ["category", (t) => t.category],
  ["community_code", (t) => t.communityCode],
  ["employment", (t) => t.employment],
  ["change", (t) => t.change]
]

/** @internal */
export const assignmentValues: Columns<Worker.Assignment> = [
  ["tenant", (a) => a.tenant],
  ["id", (a) => a.id],
  ["worker_id", (a) => a.workerId],
  ["grid_code", (a) => a.gridCode],
  ["post", (a) => a.post],
  ["responsible", (a) => (a.responsible ? 1 : 0)],
  ["duties", (a) => JSON.stringify(a.duties)],
  ["valid_from", (a) => a.validFrom],
  ["valid_to", (a) => a.validTo]
]

/**
 * An audit entry's columns, numbered from `lastSeq` by its place in the list written and
 * stamped `atMs`.
 *
 * @internal
 */
export const auditValues = (lastSeq: number, atMs: number): Columns<AuditEntry.NewAuditEntry> => [
  ["tenant", (e) => e.tenant],
  ["seq", (_, index) => lastSeq + index + 1],
  ["at_ms", () => atMs],
  ["actor", (e) => e.actor],
  ["action", (e) => e.action],
  ["target", (e) => e.target],
  ["detail", (e) => e.detail]
]
