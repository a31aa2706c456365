import type { AuditEntry, Grid, IsoDate, Place, Tenant, Worker } from "@jiceng/core"

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
