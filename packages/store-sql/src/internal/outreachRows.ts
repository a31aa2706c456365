/**
 * The outreach domain's rows: how each table's row is read back into a value (integers
 * from PostgreSQL's strings, nulls kept, a station's schedule, facilities and study
 * corner checked JSON — a message naming what cannot be read when one is corrupt) and
 * the columns each value is written to.
 *
 * @internal
 */
import type { Grid, Liaison, NewEmployment, Organisation, PracticalMatter, Station, Tenant } from "@jiceng/core"
import type { Columns } from "./queries.js"
import { date, dateOrNull, isObject, parseJson, toNumber } from "./rows.js"

type Int = number | string | bigint

const tenantOf = (row: { readonly tenant: string }) => row.tenant as Tenant.Tenant

/** @internal */
export interface LinkRow {
  readonly tenant: string
  readonly id: string
  readonly grid_code: string
  readonly leader_id: string
  readonly target_id: string
  readonly target_kind: string
  readonly valid_from: string
  readonly valid_to: string | null
}

/** @internal */
export const toLink = (row: LinkRow): Liaison.Link => ({
  tenant: tenantOf(row),
  id: row.id as Liaison.LinkId,
  gridCode: row.grid_code as Grid.GridCode,
  leaderId: row.leader_id,
  targetId: row.target_id,
  targetKind: row.target_kind as Liaison.TargetKind,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to)
})

/** @internal */
export const linkValues: Columns<Liaison.Link> = [
  ["tenant", (l) => l.tenant],
  ["id", (l) => l.id],
  ["grid_code", (l) => l.gridCode],
  ["leader_id", (l) => l.leaderId],
  ["target_id", (l) => l.targetId],
  ["target_kind", (l) => l.targetKind],
  ["valid_from", (l) => l.validFrom],
  ["valid_to", (l) => l.validTo]
]

/** @internal */
export interface ContactRow {
  readonly tenant: string
  readonly id: string
  readonly link_id: string
  readonly leader_id: string
  readonly target_id: string
  readonly kind: string
  readonly on_day: string
}

/** @internal */
export const toContact = (row: ContactRow): Liaison.Contact => ({
  tenant: tenantOf(row),
  id: row.id as Liaison.ContactId,
  linkId: row.link_id as Liaison.LinkId,
  leaderId: row.leader_id,
  targetId: row.target_id,
  kind: row.kind as Liaison.ContactKind,
  on: date(row.on_day)
})

/** @internal */
export const contactValues: Columns<Liaison.Contact> = [
  ["tenant", (c) => c.tenant],
  ["id", (c) => c.id],
  ["link_id", (c) => c.linkId],
  ["leader_id", (c) => c.leaderId],
  ["target_id", (c) => c.targetId],
  ["kind", (c) => c.kind],
  ["on_day", (c) => c.on]
]

/** @internal */
export interface ProblemRow {
  readonly tenant: string
  readonly id: string
  readonly link_id: string
  readonly raised_on: string
  readonly summary: string
  readonly resolved_on: string | null
  readonly resolution: string | null
}

/** @internal */
export const toProblem = (row: ProblemRow): Liaison.Problem => ({
  tenant: tenantOf(row),
  id: row.id as Liaison.ProblemId,
  linkId: row.link_id as Liaison.LinkId,
  raisedOn: date(row.raised_on),
  summary: row.summary,
  resolvedOn: dateOrNull(row.resolved_on),
  resolution: row.resolution
})

/** @internal */
export const problemValues: Columns<Liaison.Problem> = [
  ["tenant", (p) => p.tenant],
  ["id", (p) => p.id],
  ["link_id", (p) => p.linkId],
  ["raised_on", (p) => p.raisedOn],
  ["summary", (p) => p.summary],
  ["resolved_on", (p) => p.resolvedOn],
  ["resolution", (p) => p.resolution]
]

/** @internal */
export interface BatchRow {
  readonly tenant: string
  readonly id: string
  readonly grid_code: string
  readonly number: Int
  readonly name: string
  readonly from_day: string
  readonly to_day: string
}

/** @internal */
export const toBatch = (row: BatchRow): PracticalMatter.Batch => ({
  tenant: tenantOf(row),
  id: row.id as PracticalMatter.BatchId,
  gridCode: row.grid_code as Grid.GridCode,
  number: toNumber(row.number),
  name: row.name,
  from: date(row.from_day),
  to: date(row.to_day)
})

/** @internal */
export const batchValues: Columns<PracticalMatter.Batch> = [
  ["tenant", (b) => b.tenant],
  ["id", (b) => b.id],
  ["grid_code", (b) => b.gridCode],
  ["number", (b) => b.number],
  ["name", (b) => b.name],
  ["from_day", (b) => b.from],
  ["to_day", (b) => b.to]
]

/** @internal */
export interface MatterRow {
  readonly tenant: string
  readonly id: string
  readonly batch_id: string
  readonly organisation_id: string
  readonly title: string
  readonly state: string
  readonly planned_on: string
  readonly started_on: string | null
  readonly completed_on: string | null
  readonly dropped_on: string | null
  readonly reason: string | null
}

/** @internal */
export const toMatter = (row: MatterRow): PracticalMatter.Matter => ({
  tenant: tenantOf(row),
  id: row.id as PracticalMatter.MatterId,
  batchId: row.batch_id as PracticalMatter.BatchId,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  title: row.title,
  state: row.state as PracticalMatter.MatterState,
  plannedOn: date(row.planned_on),
  startedOn: dateOrNull(row.started_on),
  completedOn: dateOrNull(row.completed_on),
  droppedOn: dateOrNull(row.dropped_on),
  reason: row.reason
})

/** @internal */
export const matterValues: Columns<PracticalMatter.Matter> = [
  ["tenant", (m) => m.tenant],
  ["id", (m) => m.id],
  ["batch_id", (m) => m.batchId],
  ["organisation_id", (m) => m.organisationId],
  ["title", (m) => m.title],
  ["state", (m) => m.state],
  ["planned_on", (m) => m.plannedOn],
  ["started_on", (m) => m.startedOn],
  ["completed_on", (m) => m.completedOn],
  ["dropped_on", (m) => m.droppedOn],
  ["reason", (m) => m.reason]
]

/** @internal */
export interface StationRow {
  readonly tenant: string
  readonly id: string
  readonly name: string
  readonly kind: string
  readonly grid_code: string
  readonly address: string
  readonly organisation_id: string | null
  /** A JSON object: each weekday's intervals. */
  readonly hours: string
  /** A JSON object: each facility's count. */
  readonly facilities: string
  /** A JSON object `{ books, titles }`, or null. */
  readonly study_corner: string | null
  readonly opened_on: string
  readonly closed_on: string | null
}

const isHours = (value: unknown): value is Station.OpeningHours =>
  isObject(value) && ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].every((d) =>
    Array.isArray(value[d]) && (value[d] as ReadonlyArray<unknown>).every((i) => isObject(i) && typeof i["from"] === "string" && typeof i["to"] === "string")
  )
const isFacilities = (value: unknown): value is Station.Facilities =>
  isObject(value) && Object.values(value).every((n) => typeof n === "number" && Number.isInteger(n))
const isCorner = (value: unknown): value is Station.StudyCorner =>
  isObject(value) && typeof value["books"] === "number" && Array.isArray(value["titles"]) &&
  (value["titles"] as ReadonlyArray<unknown>).every((t) => typeof t === "string")

/**
 * A station, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toStation = (row: StationRow): Station.Station | string => {
  const hours = parseJson(row.hours, isHours)
  const facilities = parseJson(row.facilities, isFacilities)
  const studyCorner = row.study_corner === null ? null : parseJson(row.study_corner, isCorner)
  if (hours === undefined) return `station ${row.id}: hours are not a weekly schedule`
  if (facilities === undefined) return `station ${row.id}: facilities are not counts`
  if (studyCorner === undefined) return `station ${row.id}: study_corner is not a study corner`
  return {
    tenant: tenantOf(row),
    id: row.id as Station.StationId,
    name: row.name,
    kind: row.kind as Station.StationKind,
    gridCode: row.grid_code as Grid.GridCode,
    address: row.address,
    organisationId: row.organisation_id as Organisation.OrganisationId | null,
    hours,
    facilities,
    studyCorner,
    openedOn: date(row.opened_on),
    closedOn: dateOrNull(row.closed_on)
  }
}

/** @internal */
export const stationValues: Columns<Station.Station> = [
  ["tenant", (s) => s.tenant],
  ["id", (s) => s.id],
  ["name", (s) => s.name],
  ["kind", (s) => s.kind],
  ["grid_code", (s) => s.gridCode],
  ["address", (s) => s.address],
  ["organisation_id", (s) => s.organisationId],
  ["hours", (s) => JSON.stringify(s.hours)],
  ["facilities", (s) => JSON.stringify(s.facilities)],
  ["study_corner", (s) => (s.studyCorner === null ? null : JSON.stringify(s.studyCorner))],
  ["opened_on", (s) => s.openedOn],
  ["closed_on", (s) => s.closedOn]
]

/** @internal */
export interface UseRow {
  readonly tenant: string
  readonly id: string
  readonly station_id: string
  readonly on_day: string
  readonly user_kind: string
  readonly count: Int
  readonly member_id: string | null
}

/** @internal */
export const toUse = (row: UseRow): Station.Use => ({
  tenant: tenantOf(row),
  id: row.id as Station.UseId,
  stationId: row.station_id as Station.StationId,
  on: date(row.on_day),
  userKind: row.user_kind as Station.UserKind,
  count: toNumber(row.count),
  memberId: row.member_id as Station.Use["memberId"]
})

/** @internal */
export const useValues: Columns<Station.Use> = [
  ["tenant", (u) => u.tenant],
  ["id", (u) => u.id],
  ["station_id", (u) => u.stationId],
  ["on_day", (u) => u.on],
  ["user_kind", (u) => u.userKind],
  ["count", (u) => u.count],
  ["member_id", (u) => u.memberId]
]

/** @internal */
export interface GroupRow {
  readonly tenant: string
  readonly id: string
  readonly kind: string
  readonly name: string
  readonly grid_code: string
  readonly organisation_id: string
  readonly workers: Int
  readonly formed_on: string
}

/** @internal */
export const toGroup = (row: GroupRow): NewEmployment.Group => ({
  tenant: tenantOf(row),
  id: row.id as NewEmployment.GroupId,
  kind: row.kind as NewEmployment.GroupKind,
  name: row.name,
  gridCode: row.grid_code as Grid.GridCode,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  workers: toNumber(row.workers),
  formedOn: date(row.formed_on)
})

/** @internal */
export const groupValues: Columns<NewEmployment.Group> = [
  ["tenant", (g) => g.tenant],
  ["id", (g) => g.id],
  ["kind", (g) => g.kind],
  ["name", (g) => g.name],
  ["grid_code", (g) => g.gridCode],
  ["organisation_id", (g) => g.organisationId],
  ["workers", (g) => g.workers],
  ["formed_on", (g) => g.formedOn]
]

/** @internal */
export interface GroupMemberRow {
  readonly tenant: string
  readonly group_id: string
  readonly member_id: string
  readonly joined_on: string
}

/** @internal */
export const toGroupMember = (row: GroupMemberRow): NewEmployment.GroupMember => ({
  tenant: tenantOf(row),
  groupId: row.group_id as NewEmployment.GroupId,
  memberId: row.member_id as NewEmployment.GroupMember["memberId"],
  joinedOn: date(row.joined_on)
})

/** @internal */
export const groupMemberValues: Columns<NewEmployment.GroupMember> = [
  ["tenant", (m) => m.tenant],
  ["group_id", (m) => m.groupId],
  ["member_id", (m) => m.memberId],
  ["joined_on", (m) => m.joinedOn]
]
