/**
 * The member-development domain's rows: how each table's row is read back into a value
 * (booleans from 0 and 1, integers from PostgreSQL's strings, nulls kept, an event's
 * evidence and length checked JSON — a message naming what cannot be read when one is
 * corrupt) and the columns each value is written to.
 *
 * @internal
 */
import type {
  CommunityWorker,
  Grid,
  Organisation,
  Pathway,
  Qualification,
  Recognition,
  Tenant
} from "@jiceng/core"
import type { Columns } from "./queries.js"
import { date, dateOrNull, isObject, isStrings, parseJson, toNumber } from "./rows.js"

type Int = number | string | bigint

/** @internal */
export interface TrackRow {
  readonly tenant: string
  readonly id: string
  readonly ladder: string
  readonly person: string
  readonly name: string
  readonly birth_date: string | null
  readonly organisation_id: string
}

/** @internal */
export interface EventRow {
  readonly tenant: string
  readonly track_id: string
  readonly seq: Int
  readonly kind: string
  readonly step: string | null
  readonly on_day: string
  /** A JSON object `{ years?, months?, days? }`, or null. */
  readonly length: string | null
  readonly reason: string | null
  /** A JSON object of the evidence's fields that are present. */
  readonly evidence: string
  /** 1 late, 0 on time. */
  readonly late: Int
  readonly recorded_by: string
  readonly recorded_on: string
}

/** @internal */
export interface WorkerRow {
  readonly tenant: string
  readonly id: string
  readonly name: string
  readonly phone: string | null
  readonly community_code: string
  readonly post: string
  readonly hired_on: string
  readonly education_degree: string
  /** 1 when the degree is in social work, else 0. */
  readonly education_social_work: Int
  readonly social_work_since: string | null
}

/** @internal */
export interface PlanRow {
  readonly tenant: string
  readonly grid_code: string
  readonly year: Int
  readonly planned: Int
}

/** @internal */
export interface SessionRow {
  readonly tenant: string
  readonly id: string
  readonly title: string
  readonly grid_code: string
  readonly from_day: string
  readonly to_day: string
  readonly hours: Int
}

/** @internal */
export interface AttendanceRow {
  readonly tenant: string
  readonly session_id: string
  readonly worker_id: string
}

/** @internal */
export interface HoldingRow {
  readonly tenant: string
  readonly worker_id: string
  readonly level: string
  readonly obtained_on: string
  readonly certificate: string | null
  readonly route: string
}

/** @internal */
export interface MoveRow {
  readonly tenant: string
  readonly id: string
  readonly worker_id: string
  readonly kind: string
  readonly on_day: string
  readonly note: string | null
}

/** @internal */
export interface HonourRow {
  readonly tenant: string
  readonly id: string
  readonly kind: string
  readonly member_id: string | null
  readonly organisation_id: string
  readonly stars: Int | null
  readonly level: string | null
  readonly criteria: string
  readonly awarded_by: string
  readonly awarded_on: string
}

/** @internal */
export interface LetterRow {
  readonly tenant: string
  readonly honour_id: string
  readonly member_id: string
  readonly hometown: string
  readonly address: string
  readonly status: string
  readonly created_on: string
  readonly sent_on: string | null
}

// ------------------------------------------------------------------ JSON fields

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/** Whether an object's fields `names` are each absent or pass `is`. */
const optional = (value: Record<string, unknown>, names: ReadonlyArray<string>, is: (x: unknown) => boolean): boolean =>
  names.every((name) => value[name] === undefined || is(value[name]))

/** An object whose fields `names` are all counts. */
const counts = (names: ReadonlyArray<string>) => (value: unknown): boolean =>
  isObject(value) && names.every((name) => isCount(value[name]))

const isText = (value: unknown): boolean => typeof value === "string"

const isPeople = (value: unknown): boolean =>
  Array.isArray(value) && value.every((p) => isObject(p) && typeof p["role"] === "string" && typeof p["id"] === "string")

const isEvidence = (value: unknown): value is Pathway.Evidence =>
  isObject(value) &&
  optional(value, ["documents"], isStrings) &&
  optional(value, ["people"], isPeople) &&
  optional(value, ["vote"], counts(["present", "yes", "no", "abstain"])) &&
  optional(value, ["training"], counts(["days", "hours"])) &&
  optional(value, ["passed"], (x) => typeof x === "boolean") &&
  optional(value, ["special", "note"], isText)

const isDuration = (value: unknown): value is Pathway.Duration =>
  isObject(value) && optional(value, ["years", "months", "days"], isCount)

/**
 * An event's evidence as JSON: the fields the schema names, those present only (a value
 * carrying more keys writes only these).
 *
 * @internal
 */
export const evidenceJson = ({ documents, note, passed, people, special, training, vote }: Pathway.Evidence): string =>
  JSON.stringify({
    documents,
    people: people?.map(({ id, role }) => ({ role, id })),
    vote: vote && { present: vote.present, yes: vote.yes, no: vote.no, abstain: vote.abstain },
    training: training && { days: training.days, hours: training.hours },
    passed,
    special,
    note
  })

/**
 * A length as JSON (its parts that are present), or null.
 *
 * @internal
 */
export const durationJson = (d: Pathway.Duration | null): string | null =>
  d === null ? null : JSON.stringify({ years: d.years, months: d.months, days: d.days })

// ------------------------------------------------------------------ readers

/** @internal */
export const toTrack = (row: TrackRow): Pathway.TrackHeader => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Pathway.TrackId,
  ladder: row.ladder,
  person: row.person as Pathway.PersonId,
  name: row.name,
  birthDate: dateOrNull(row.birth_date),
  organisationId: row.organisation_id as Organisation.OrganisationId
})

/**
 * An event, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toEvent = (row: EventRow): Pathway.Event | string => {
  const what = `event ${row.track_id}#${row.seq}`
  const evidence = parseJson(row.evidence, isEvidence)
  if (evidence === undefined) return `${what}: evidence is not a JSON object of documents, people, vote, training and notes`
  const length = row.length === null ? null : parseJson(row.length, isDuration)
  if (length === undefined) return `${what}: length is not a JSON object of years, months and days`
  return {
    tenant: row.tenant as Tenant.Tenant,
    trackId: row.track_id as Pathway.TrackId,
    seq: toNumber(row.seq),
    kind: row.kind as Pathway.Event["kind"],
    step: row.step,
    on: date(row.on_day),
    length,
    reason: row.reason,
    evidence,
    late: toNumber(row.late) !== 0,
    recordedBy: row.recorded_by,
    recordedOn: date(row.recorded_on)
  }
}

/** @internal */
export const toWorker = (row: WorkerRow): CommunityWorker.CommunityWorker => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as CommunityWorker.WorkerId,
  name: row.name,
  phone: row.phone,
  communityCode: row.community_code as Grid.GridCode,
  post: row.post as CommunityWorker.Post,
  hiredOn: date(row.hired_on),
  education: {
    degree: row.education_degree as Qualification.Degree,
    socialWork: toNumber(row.education_social_work) !== 0
  },
  socialWorkSince: dateOrNull(row.social_work_since)
})

/** @internal */
export const toPlan = (row: PlanRow): CommunityWorker.RecruitmentPlan => ({
  tenant: row.tenant as Tenant.Tenant,
  gridCode: row.grid_code as Grid.GridCode,
  year: toNumber(row.year),
  planned: toNumber(row.planned)
})

/** @internal */
export const toSession = (row: SessionRow): CommunityWorker.TrainingSession => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as CommunityWorker.SessionId,
  title: row.title,
  gridCode: row.grid_code as Grid.GridCode,
  from: date(row.from_day),
  to: date(row.to_day),
  hours: toNumber(row.hours)
})

/** @internal */
export const toAttendance = (row: AttendanceRow): CommunityWorker.Attendance => ({
  tenant: row.tenant as Tenant.Tenant,
  sessionId: row.session_id as CommunityWorker.SessionId,
  workerId: row.worker_id as CommunityWorker.WorkerId
})

/** @internal */
export const toHolding = (row: HoldingRow): CommunityWorker.Holding => ({
  tenant: row.tenant as Tenant.Tenant,
  workerId: row.worker_id as CommunityWorker.WorkerId,
  level: row.level as Qualification.Level,
  obtainedOn: date(row.obtained_on),
  certificate: row.certificate,
  route: row.route
})

/** @internal */
export const toMove = (row: MoveRow): CommunityWorker.CareerMove => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as CommunityWorker.MoveId,
  workerId: row.worker_id as CommunityWorker.WorkerId,
  kind: row.kind as CommunityWorker.MoveKind,
  on: date(row.on_day),
  note: row.note
})

/** @internal */
export const toHonour = (row: HonourRow): Recognition.Honour => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Recognition.HonourId,
  kind: row.kind as Recognition.HonourKind,
  memberId: row.member_id,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  stars: row.stars === null ? null : toNumber(row.stars),
  level: row.level as Recognition.SiteLevel | null,
  criteria: row.criteria,
  awardedBy: row.awarded_by,
  awardedOn: date(row.awarded_on)
})

/** @internal */
export const toLetter = (row: LetterRow): Recognition.HonourLetter => ({
  tenant: row.tenant as Tenant.Tenant,
  honourId: row.honour_id as Recognition.HonourId,
  memberId: row.member_id,
  hometown: row.hometown,
  address: row.address,
  status: row.status as Recognition.HonourLetter["status"],
  createdOn: date(row.created_on),
  sentOn: row.sent_on === null ? null : date(row.sent_on)
})

// ------------------------------------------------- columns: the readers' inverse

/** @internal */
export const trackValues: Columns<Pathway.TrackHeader> = [
  ["tenant", (t) => t.tenant],
  ["id", (t) => t.id],
  ["ladder", (t) => t.ladder],
  ["person", (t) => t.person],
  ["name", (t) => t.name],
  ["birth_date", (t) => t.birthDate],
  ["organisation_id", (t) => t.organisationId]
]

/** @internal */
export const eventValues: Columns<Pathway.Event> = [
  ["tenant", (e) => e.tenant],
  ["track_id", (e) => e.trackId],
  ["seq", (e) => e.seq],
  ["kind", (e) => e.kind],
  ["step", (e) => e.step],
  ["on_day", (e) => e.on],
  ["length", (e) => durationJson(e.length)],
  ["reason", (e) => e.reason],
  ["evidence", (e) => evidenceJson(e.evidence)],
  ["late", (e) => (e.late ? 1 : 0)],
  ["recorded_by", (e) => e.recordedBy],
  ["recorded_on", (e) => e.recordedOn]
]

/** @internal */
export const workerValues: Columns<CommunityWorker.CommunityWorker> = [
  ["tenant", (w) => w.tenant],
  ["id", (w) => w.id],
  ["name", (w) => w.name],
  ["phone", (w) => w.phone],
  ["community_code", (w) => w.communityCode],
  ["post", (w) => w.post],
  ["hired_on", (w) => w.hiredOn],
  ["education_degree", (w) => w.education.degree],
  ["education_social_work", (w) => (w.education.socialWork ? 1 : 0)],
  ["social_work_since", (w) => w.socialWorkSince]
]

/** @internal */
export const planValues: Columns<CommunityWorker.RecruitmentPlan> = [
  ["tenant", (p) => p.tenant],
  ["grid_code", (p) => p.gridCode],
  ["year", (p) => p.year],
  ["planned", (p) => p.planned]
]

/** @internal */
export const sessionValues: Columns<CommunityWorker.TrainingSession> = [
  ["tenant", (s) => s.tenant],
  ["id", (s) => s.id],
  ["title", (s) => s.title],
  ["grid_code", (s) => s.gridCode],
  ["from_day", (s) => s.from],
  ["to_day", (s) => s.to],
  ["hours", (s) => s.hours]
]

/** @internal */
export const attendanceValues: Columns<CommunityWorker.Attendance> = [
  ["tenant", (a) => a.tenant],
  ["session_id", (a) => a.sessionId],
  ["worker_id", (a) => a.workerId]
]

/** @internal */
export const holdingValues: Columns<CommunityWorker.Holding> = [
  ["tenant", (h) => h.tenant],
  ["worker_id", (h) => h.workerId],
  ["level", (h) => h.level],
  ["obtained_on", (h) => h.obtainedOn],
  ["certificate", (h) => h.certificate],
  ["route", (h) => h.route]
]

/** @internal */
export const moveValues: Columns<CommunityWorker.CareerMove> = [
  ["tenant", (m) => m.tenant],
  ["id", (m) => m.id],
  ["worker_id", (m) => m.workerId],
  ["kind", (m) => m.kind],
  ["on_day", (m) => m.on],
  ["note", (m) => m.note]
]

/** @internal */
export const honourValues: Columns<Recognition.Honour> = [
  ["tenant", (h) => h.tenant],
  ["id", (h) => h.id],
  ["kind", (h) => h.kind],
  ["member_id", (h) => h.memberId],
  ["organisation_id", (h) => h.organisationId],
  ["stars", (h) => h.stars],
  ["level", (h) => h.level],
  ["criteria", (h) => h.criteria],
  ["awarded_by", (h) => h.awardedBy],
  ["awarded_on", (h) => h.awardedOn]
]

/** @internal */
export const letterValues: Columns<Recognition.HonourLetter> = [
  ["tenant", (l) => l.tenant],
  ["honour_id", (l) => l.honourId],
  ["member_id", (l) => l.memberId],
  ["hometown", (l) => l.hometown],
  ["address", (l) => l.address],
  ["status", (l) => l.status],
  ["created_on", (l) => l.createdOn],
  ["sent_on", (l) => l.sentOn]
]
