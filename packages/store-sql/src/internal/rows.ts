import type {
  AuditEntry,
  Grid,
  IsoDate,
  Meeting,
  Member,
  Organisation,
  Place,
  Tenant,
  Worker
} from "@jiceng/core"
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

/** @internal */
export const date = (value: string): IsoDate.IsoDate => value as IsoDate.IsoDate
/** @internal */
export const dateOrNull = (value: string | null): IsoDate.IsoDate | null => value === null ? null : date(value)

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

/** A person's identity and contact data: a worker's or a member's, kept alike. */
const toPerson = <Id extends string>(row: WorkerRow) => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Id,
  name: row.name,
  phone: row.phone,
  citizenId: row.citizen_id
})

/** @internal */
export const toWorker = (row: WorkerRow): Worker.Worker => toPerson<Worker.WorkerId>(row)

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

/** @internal */
export interface OrganisationRow {
  readonly tenant: string
  readonly id: string
  readonly valid_from: string
  readonly kind: string
  readonly name: string
  readonly parent_id: string | null
  readonly sector: string
  /** A JSON array of grid codes. */
  readonly grids: string
  readonly has_committee: number | string | boolean
  /** A JSON object `{ kind, name }`, or null. */
  readonly task: string | null
  readonly valid_to: string | null
  readonly change: string
  /** A JSON array of organisation ids. */
  readonly predecessors: string
}

/** @internal */
export interface MembershipRow {
  readonly tenant: string
  readonly member_id: string
  readonly valid_from: string
  readonly organisation_id: string
  readonly standing: string
  readonly valid_to: string | null
  readonly change: string
}

/** @internal */
export interface ParticipationRow {
  readonly tenant: string
  readonly member_id: string
  readonly organisation_id: string
  readonly valid_from: string
  readonly valid_to: string | null
}

/** @internal */
export interface DuesRow {
  readonly tenant: string
  readonly member_id: string
  readonly month: string
  readonly organisation_id: string
  readonly amount_fen: number | string | bigint
  readonly paid_on: string
}

/** @internal */
export interface DisciplineRow {
  readonly tenant: string
  readonly member_id: string
  readonly decided_on: string
  readonly measure: string
  readonly organisation_id: string
  readonly ends_on: string | null
}

/** @internal */
export interface MeetingRow {
  readonly tenant: string
  readonly id: string
  readonly organisation_id: string
  readonly kind: string
  readonly date: string
  readonly topic: string
  /** A JSON array of member ids. */
  readonly attendees: string
  /** A JSON array of `{ motion, tally }`. */
  readonly votes: string
}

/**
 * JSON text that `is` accepts, or undefined (a corrupt row).
 *
 * @internal
 */
export const parseJson = <A>(json: string, is: (value: unknown) => value is A): A | undefined => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  return is(value) ? value : undefined
}

/** @internal */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null

/** @internal */
export const isStrings = <A extends string>(value: unknown): value is ReadonlyArray<A> =>
  Array.isArray(value) && value.every((x) => typeof x === "string")

const isTask = (value: unknown): value is Organisation.Task | null =>
  value === null || (isObject(value) && typeof value["kind"] === "string" && typeof value["name"] === "string")

const isVotes = (value: unknown): value is ReadonlyArray<Meeting.Vote> =>
  Array.isArray(value) && value.every((v) => isObject(v) && typeof v["motion"] === "string" && isObject(v["tally"]))

/**
 * An organisation version, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toOrganisation = (row: OrganisationRow): Organisation.Organisation | string => {
  const grids = parseJson(row.grids, isStrings<Grid.GridCode>)
  const predecessors = parseJson(row.predecessors, isStrings<Organisation.OrganisationId>)
  const task = row.task === null ? null : parseJson(row.task, isTask)
  if (grids === undefined) return `organisation ${row.id}@${row.valid_from}: grids are not a JSON array of strings`
  if (predecessors === undefined) {
    return `organisation ${row.id}@${row.valid_from}: predecessors are not a JSON array of strings`
  }
  if (task === undefined) return `organisation ${row.id}@${row.valid_from}: task is not a JSON object of kind and name`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Organisation.OrganisationId,
    kind: row.kind as Organisation.OrganisationKind,
    name: row.name,
    parentId: row.parent_id as Organisation.OrganisationId | null,
    sector: row.sector,
    grids,
    hasCommittee: toNumber(row.has_committee) !== 0,
    task,
    validFrom: date(row.valid_from),
    validTo: dateOrNull(row.valid_to),
    change: row.change as Organisation.OrganisationChange,
    predecessors
  }
}

/** @internal */
export const toMember = (row: WorkerRow): Member.Member => toPerson<Member.MemberId>(row)

/** @internal */
export const toMembership = (row: MembershipRow): Member.Membership => ({
  tenant: row.tenant as Tenant.Tenant,
  memberId: row.member_id as Member.MemberId,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  standing: row.standing as Member.Standing,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to),
  change: row.change as Member.MembershipChange
})

/** @internal */
export const toParticipation = (row: ParticipationRow): Member.Participation => ({
  tenant: row.tenant as Tenant.Tenant,
  memberId: row.member_id as Member.MemberId,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to)
})

/** @internal */
export const toDues = (row: DuesRow): Member.Dues => ({
  tenant: row.tenant as Tenant.Tenant,
  memberId: row.member_id as Member.MemberId,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  month: row.month as Member.Month,
  amountFen: toNumber(row.amount_fen),
  paidOn: date(row.paid_on)
})

/** @internal */
export const toDiscipline = (row: DisciplineRow): Member.Discipline => ({
  tenant: row.tenant as Tenant.Tenant,
  memberId: row.member_id as Member.MemberId,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  measure: row.measure as Member.Measure,
  decidedOn: date(row.decided_on),
  endsOn: row.ends_on === null ? null : date(row.ends_on)
})

/**
 * A meeting, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toMeeting = (row: MeetingRow): Meeting.Meeting | string => {
  const attendees = parseJson(row.attendees, isStrings<Member.MemberId>)
  const votes = parseJson(row.votes, isVotes)
  if (attendees === undefined) return `meeting ${row.id}: attendees are not a JSON array of strings`
  if (votes === undefined) return `meeting ${row.id}: votes are not a JSON array of motions and tallies`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Meeting.MeetingId,
    organisationId: row.organisation_id as Organisation.OrganisationId,
    kind: row.kind as Meeting.MeetingKind,
    date: date(row.date),
    topic: row.topic,
    attendees,
    votes
  }
}

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

/** The columns of a person's identity and contact data (workers, members). */
const personValues: Columns<Worker.Worker | Member.Member> = [
  ["tenant", (p) => p.tenant],
  ["id", (p) => p.id],
  ["name", (p) => p.name],
  ["phone", (p) => p.phone],
  ["citizen_id", (p) => p.citizenId]
]

/** @internal */
export const workerValues: Columns<Worker.Worker> = personValues

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

/** @internal */
export const organisationValues: Columns<Organisation.Organisation> = [
  ["tenant", (o) => o.tenant],
  ["id", (o) => o.id],
  ["valid_from", (o) => o.validFrom],
  ["kind", (o) => o.kind],
  ["name", (o) => o.name],
  ["parent_id", (o) => o.parentId],
  ["sector", (o) => o.sector],
  ["grids", (o) => JSON.stringify(o.grids)],
  ["has_committee", (o) => (o.hasCommittee ? 1 : 0)],
  ["task", (o) => (o.task === null ? null : JSON.stringify(o.task))],
  ["valid_to", (o) => o.validTo],
  ["change", (o) => o.change],
  ["predecessors", (o) => JSON.stringify(o.predecessors)]
]

/** @internal */
export const memberValues: Columns<Member.Member> = personValues

/** @internal */
export const membershipValues: Columns<Member.Membership> = [
  ["tenant", (m) => m.tenant],
  ["member_id", (m) => m.memberId],
  ["valid_from", (m) => m.validFrom],
  ["organisation_id", (m) => m.organisationId],
  ["standing", (m) => m.standing],
  ["valid_to", (m) => m.validTo],
  ["change", (m) => m.change]
]

/** @internal */
export const participationValues: Columns<Member.Participation> = [
  ["tenant", (p) => p.tenant],
  ["member_id", (p) => p.memberId],
  ["organisation_id", (p) => p.organisationId],
  ["valid_from", (p) => p.validFrom],
  ["valid_to", (p) => p.validTo]
]

/** @internal */
export const duesValues: Columns<Member.Dues> = [
  ["tenant", (d) => d.tenant],
  ["member_id", (d) => d.memberId],
  ["month", (d) => d.month],
  ["organisation_id", (d) => d.organisationId],
  ["amount_fen", (d) => d.amountFen],
  ["paid_on", (d) => d.paidOn]
]

/** @internal */
export const disciplineValues: Columns<Member.Discipline> = [
  ["tenant", (d) => d.tenant],
  ["member_id", (d) => d.memberId],
  ["decided_on", (d) => d.decidedOn],
  ["measure", (d) => d.measure],
  ["organisation_id", (d) => d.organisationId],
  ["ends_on", (d) => d.endsOn]
]

/** @internal */
export const meetingValues: Columns<Meeting.Meeting> = [
  ["tenant", (m) => m.tenant],
  ["id", (m) => m.id],
  ["organisation_id", (m) => m.organisationId],
  ["kind", (m) => m.kind],
  ["date", (m) => m.date],
  ["topic", (m) => m.topic],
  ["attendees", (m) => JSON.stringify(m.attendees)],
  ["votes", (m) => JSON.stringify(m.votes)]
]
