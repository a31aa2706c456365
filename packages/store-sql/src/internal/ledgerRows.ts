/**
 * The volunteer ledger's rows: how each table's row is read back into a value (without
 * Schema, for speed, but faithfully: booleans from 0 and 1, integers from PostgreSQL's
 * strings, nulls kept, JSON arrays checked — a message naming what cannot be read when
 * one is corrupt) and the columns each value is written to.
 *
 * @internal
 */
import type {
  Certificate,
  CreditCode,
  Grid,
  HashChain,
  Idempotency,
  LedgerEntry,
  LedgerVolunteer,
  LocalMinute,
  Member,
  PointMovement,
  Rollup,
  ServiceActivity,
  Tenant,
  Volunteering
} from "@jiceng/core"
import type { Columns } from "./queries.js"
import { date, isObject, isStrings, parseJson, toNumber } from "./rows.js"

type Int = number | string | bigint

/** @internal */
export interface VolunteerRow {
  readonly tenant: string
  readonly id: string
  readonly name: string
  readonly citizen_id: string | null
  readonly phone: string | null
  readonly grid_code: string
  /** A JSON array of skill keys. */
  readonly skills: string
  /** A JSON array of category keys. */
  readonly categories: string
  readonly member_id: string | null
  readonly unit_credit_code: string | null
  readonly registered_on: string
}

/** @internal */
export interface ConsentRow {
  readonly tenant: string
  readonly volunteer_id: string
  readonly on_day: string
  /** 1 given, 0 withdrawn. */
  readonly given: Int
}

/** @internal */
export interface ActivityRow {
  readonly tenant: string
  readonly id: string
  readonly name: string
  readonly category: string
  readonly programme: string | null
  readonly organiser: string
  readonly person_in_charge: string
  readonly grid_code: string
  readonly service_point: string
  readonly team_id: string | null
  readonly registered_on: string
}

/** @internal */
export interface EntryRow {
  readonly tenant: string
  readonly seq: Int
  readonly key: string
  readonly part: Int
  readonly fingerprint: string
  readonly kind: string
  readonly volunteer_id: string
  readonly activity_id: string
  readonly team_id: string | null
  readonly post_id: string | null
  readonly service_point: string
  readonly grid_code: string
  readonly category: string
  readonly programme: string | null
  readonly unit_credit_code: string | null
  readonly starts_at: string
  readonly ends_at: string
  readonly minutes: Int
  readonly content: string
  readonly residents_served: Int
  readonly matters_done: Int
  readonly points: Int
  readonly organiser: string
  readonly person_in_charge: string
  readonly recorder: string
  readonly recorded_on: string
  /** 1 late, 0 in time. */
  readonly late: Int
  readonly reverses: Int | null
  readonly replaces: Int | null
  readonly reason: string | null
  readonly requester: string | null
  readonly hash: string
}

/** @internal */
export interface HeadRow {
  readonly tenant: string
  readonly seq: Int
  readonly hash: string
}

/** @internal */
export interface MovementRow {
  readonly tenant: string
  readonly key: string
  readonly fingerprint: string
  readonly volunteer_id: string
  readonly kind: string
  readonly points: Int
  readonly on_day: string
  readonly reason: string
  readonly recorder: string
}

/** @internal */
export interface CertificateRow {
  readonly tenant: string
  readonly key: string
  readonly code: string
  readonly fingerprint: string
  readonly volunteer_id: string
  readonly from_day: string
  readonly to_day: string
  readonly minutes: Int
  readonly entries: Int
  readonly activities: Int
  /** A JSON array of `{ category, minutes, entries }`, ordered by category. */
  readonly categories: string
  /** A JSON array of organising units' names. */
  readonly recorded_by: string
  readonly issuer: string
  readonly as_of_seq: Int
  readonly chain_hash: string
  readonly issued_on: string
  readonly issued_by: string
  /** 1 when personal data may be printed. */
  readonly disclose: Int
  /** SHA-256 of the volunteer's name and ID number when issued. */
  readonly holder: string
}

/**
 * A row of `totals`: the group's keys as `k0`, `k1`, … and its sums.
 *
 * @internal
 */
export interface TotalsRow {
  readonly [key: `k${number}`]: string | null
  readonly minutes: Int | null
  readonly entries: Int | null
  readonly residents_served: Int | null
  readonly matters_done: Int | null
  readonly points: Int | null
}

const isCategoryTimes = (value: unknown): value is ReadonlyArray<Certificate.CategoryTime> =>
  Array.isArray(value) &&
  value.every((t) =>
    isObject(t) && typeof t["category"] === "string" && Number.isSafeInteger(t["minutes"]) &&
    Number.isSafeInteger(t["entries"])
  )

const notStrings = (what: string, column: string) => `${what}: ${column} are not a JSON array of strings`

const intOrNull = (value: Int | null): number | null => (value === null ? null : toNumber(value))

// ------------------------------------------------------------------ readers

/**
 * A volunteer, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toVolunteer = (row: VolunteerRow): LedgerVolunteer.LedgerVolunteer | string => {
  const skills = parseJson(row.skills, isStrings<string>)
  const categories = parseJson(row.categories, isStrings<string>)
  if (skills === undefined) return notStrings(`volunteer ${row.id}`, "skills")
  if (categories === undefined) return notStrings(`volunteer ${row.id}`, "categories")
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as LedgerVolunteer.VolunteerId,
    name: row.name,
    citizenId: row.citizen_id as LedgerVolunteer.LedgerVolunteer["citizenId"],
    phone: row.phone as LedgerVolunteer.LedgerVolunteer["phone"],
    gridCode: row.grid_code as Grid.GridCode,
    skills,
    categories,
    memberId: row.member_id as Member.MemberId | null,
    unitCreditCode: row.unit_credit_code as CreditCode.CreditCode | null,
    registeredOn: date(row.registered_on)
  }
}

/** @internal */
export const toConsent = (row: ConsentRow): LedgerVolunteer.Consent => ({
  tenant: row.tenant as Tenant.Tenant,
  volunteerId: row.volunteer_id as LedgerVolunteer.VolunteerId,
  on: date(row.on_day),
  given: toNumber(row.given) !== 0
})

/** @internal */
export const toActivity = (row: ActivityRow): ServiceActivity.ServiceActivity => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as ServiceActivity.ActivityId,
  name: row.name,
  category: row.category,
  programme: row.programme,
  organiser: row.organiser,
  personInCharge: row.person_in_charge,
  gridCode: row.grid_code as Grid.GridCode,
  servicePoint: row.service_point,
  teamId: row.team_id as Volunteering.TeamId | null,
  registeredOn: date(row.registered_on)
})

/** @internal */
export const toEntry = (row: EntryRow): LedgerEntry.LedgerEntry => ({
  tenant: row.tenant as Tenant.Tenant,
  seq: toNumber(row.seq),
  key: row.key as Idempotency.IdempotencyKey,
  part: toNumber(row.part),
  fingerprint: row.fingerprint,
  kind: row.kind as LedgerEntry.EntryKind,
  volunteerId: row.volunteer_id as LedgerVolunteer.VolunteerId,
  activityId: row.activity_id as ServiceActivity.ActivityId,
  teamId: row.team_id as Volunteering.TeamId | null,
  postId: row.post_id as Volunteering.PostId | null,
  servicePoint: row.service_point,
  gridCode: row.grid_code as Grid.GridCode,
  category: row.category,
  programme: row.programme,
  unitCreditCode: row.unit_credit_code as CreditCode.CreditCode | null,
  startsAt: row.starts_at as LocalMinute.LocalMinute,
  endsAt: row.ends_at as LocalMinute.LocalMinute,
  minutes: toNumber(row.minutes),
  content: row.content,
  residentsServed: toNumber(row.residents_served),
  mattersDone: toNumber(row.matters_done),
  points: toNumber(row.points),
  organiser: row.organiser,
  personInCharge: row.person_in_charge,
  recorder: row.recorder,
  recordedOn: date(row.recorded_on),
  late: toNumber(row.late) !== 0,
  reverses: intOrNull(row.reverses),
  replaces: intOrNull(row.replaces),
  reason: row.reason,
  requester: row.requester,
  hash: row.hash
})

/** @internal */
export const toHead = (row: HeadRow): HashChain.Head => ({ seq: toNumber(row.seq), hash: row.hash })

/** @internal */
export const toMovement = (row: MovementRow): PointMovement.PointMovement => ({
  tenant: row.tenant as Tenant.Tenant,
  key: row.key as Idempotency.IdempotencyKey,
  fingerprint: row.fingerprint,
  volunteerId: row.volunteer_id as LedgerVolunteer.VolunteerId,
  kind: row.kind as PointMovement.MovementKind,
  points: toNumber(row.points),
  on: date(row.on_day),
  reason: row.reason,
  recorder: row.recorder
})

/**
 * A certificate, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toCertificate = (row: CertificateRow): Certificate.Certificate | string => {
  const categories = parseJson(row.categories, isCategoryTimes)
  const recordedBy = parseJson(row.recorded_by, isStrings<string>)
  if (categories === undefined) {
    return `certificate ${row.key}: categories are not a JSON array of categories, minutes and entries`
  }
  if (recordedBy === undefined) return notStrings(`certificate ${row.key}`, "recorded_by")
  return {
    tenant: row.tenant as Tenant.Tenant,
    code: row.code,
    key: row.key as Idempotency.IdempotencyKey,
    fingerprint: row.fingerprint,
    volunteerId: row.volunteer_id as LedgerVolunteer.VolunteerId,
    from: date(row.from_day),
    to: date(row.to_day),
    minutes: toNumber(row.minutes),
    entries: toNumber(row.entries),
    activities: toNumber(row.activities),
    categories,
    recordedBy,
    issuer: row.issuer,
    asOfSeq: toNumber(row.as_of_seq),
    chainHash: row.chain_hash,
    issuedOn: date(row.issued_on),
    issuedBy: row.issued_by,
    disclose: toNumber(row.disclose) !== 0,
    holder: row.holder
  }
}

/**
 * A group of `totals` with `dimensions` keys; sums are null where SQL summed no row.
 *
 * @internal
 */
export const toTotals = (dimensions: number) => (row: TotalsRow): Rollup.TotalsRow => {
  const keys: Array<string | null> = new Array(dimensions)
  for (let i = 0; i < dimensions; i++) keys[i] = row[`k${i}`] ?? null
  return {
    keys,
    minutes: toNumber(row.minutes ?? 0),
    entries: toNumber(row.entries ?? 0),
    residentsServed: toNumber(row.residents_served ?? 0),
    mattersDone: toNumber(row.matters_done ?? 0),
    points: toNumber(row.points ?? 0)
  }
}

/**
 * The column (or expression) of each dimension: `month` is the `YYYY-MM` of the start.
 *
 * @internal
 */
export const dimensionColumns: Record<Rollup.Dimension, string> = {
  gridCode: "grid_code",
  teamId: "team_id",
  unitCreditCode: "unit_credit_code",
  category: "category",
  programme: "programme",
  volunteerId: "volunteer_id",
  activityId: "activity_id",
  servicePoint: "service_point",
  month: "substr(starts_at, 1, 7)"
}

/**
 * The column (or expression) of a dimension in `totals`: the grid code's first
 * `gridCodeLength` characters when given (a positive whole number, checked by the caller).
 *
 * @internal
 */
export const dimensionColumn = (dimension: Rollup.Dimension, gridCodeLength: number | undefined): string =>
  dimension === "gridCode" && gridCodeLength !== undefined
    ? `substr(grid_code, 1, ${gridCodeLength})`
    : dimensionColumns[dimension]

// ------------------------------------------------- columns: the readers' inverse

/** @internal */
export const volunteerValues: Columns<LedgerVolunteer.LedgerVolunteer> = [
  ["tenant", (v) => v.tenant],
  ["id", (v) => v.id],
  ["name", (v) => v.name],
  ["citizen_id", (v) => v.citizenId],
  ["phone", (v) => v.phone],
  ["grid_code", (v) => v.gridCode],
  ["skills", (v) => JSON.stringify(v.skills)],
  ["categories", (v) => JSON.stringify(v.categories)],
  ["member_id", (v) => v.memberId],
  ["unit_credit_code", (v) => v.unitCreditCode],
  ["registered_on", (v) => v.registeredOn]
]

/** @internal */
export const consentValues: Columns<LedgerVolunteer.Consent> = [
  ["tenant", (c) => c.tenant],
  ["volunteer_id", (c) => c.volunteerId],
  ["on_day", (c) => c.on],
  ["given", (c) => (c.given ? 1 : 0)]
]

/** @internal */
export const activityValues: Columns<ServiceActivity.ServiceActivity> = [
  ["tenant", (a) => a.tenant],
  ["id", (a) => a.id],
  ["name", (a) => a.name],
  ["category", (a) => a.category],
  ["programme", (a) => a.programme],
  ["organiser", (a) => a.organiser],
  ["person_in_charge", (a) => a.personInCharge],
  ["grid_code", (a) => a.gridCode],
  ["service_point", (a) => a.servicePoint],
  ["team_id", (a) => a.teamId],
  ["registered_on", (a) => a.registeredOn]
]

/** @internal */
export const entryValues: Columns<LedgerEntry.LedgerEntry> = [
  ["tenant", (e) => e.tenant],
  ["seq", (e) => e.seq],
  ["key", (e) => e.key],
  ["part", (e) => e.part],
  ["fingerprint", (e) => e.fingerprint],
  ["kind", (e) => e.kind],
  ["volunteer_id", (e) => e.volunteerId],
  ["activity_id", (e) => e.activityId],
  ["team_id", (e) => e.teamId],
  ["post_id", (e) => e.postId],
  ["service_point", (e) => e.servicePoint],
  ["grid_code", (e) => e.gridCode],
  ["category", (e) => e.category],
  ["programme", (e) => e.programme],
  ["unit_credit_code", (e) => e.unitCreditCode],
  ["starts_at", (e) => e.startsAt],
  ["ends_at", (e) => e.endsAt],
  ["minutes", (e) => e.minutes],
  ["content", (e) => e.content],
  ["residents_served", (e) => e.residentsServed],
  ["matters_done", (e) => e.mattersDone],
  ["points", (e) => e.points],
  ["organiser", (e) => e.organiser],
  ["person_in_charge", (e) => e.personInCharge],
  ["recorder", (e) => e.recorder],
  ["recorded_on", (e) => e.recordedOn],
  ["late", (e) => (e.late ? 1 : 0)],
  ["reverses", (e) => e.reverses],
  ["replaces", (e) => e.replaces],
  ["reason", (e) => e.reason],
  ["requester", (e) => e.requester],
  ["hash", (e) => e.hash]
]

/**
 * The PostgreSQL types of the entries' columns that are not text (for `bulkInserts`).
 *
 * @internal
 */
export const entryTypes: Readonly<Record<string, string>> = {
  seq: "bigint",
  part: "integer",
  minutes: "integer",
  residents_served: "integer",
  matters_done: "integer",
  points: "integer",
  late: "integer",
  reverses: "bigint",
  replaces: "bigint"
}

/** @internal */
export const headValues: Columns<HashChain.Head & { readonly tenant: string }> = [
  ["tenant", (h) => h.tenant],
  ["seq", (h) => h.seq],
  ["hash", (h) => h.hash]
]

/** @internal */
export const movementValues: Columns<PointMovement.PointMovement> = [
  ["tenant", (m) => m.tenant],
  ["key", (m) => m.key],
  ["fingerprint", (m) => m.fingerprint],
  ["volunteer_id", (m) => m.volunteerId],
  ["kind", (m) => m.kind],
  ["points", (m) => m.points],
  ["on_day", (m) => m.on],
  ["reason", (m) => m.reason],
  ["recorder", (m) => m.recorder]
]

/** @internal */
export const certificateValues: Columns<Certificate.Certificate> = [
  ["tenant", (c) => c.tenant],
  ["key", (c) => c.key],
  ["code", (c) => c.code],
  ["fingerprint", (c) => c.fingerprint],
  ["volunteer_id", (c) => c.volunteerId],
  ["from_day", (c) => c.from],
  ["to_day", (c) => c.to],
  ["minutes", (c) => c.minutes],
  ["entries", (c) => c.entries],
  ["activities", (c) => c.activities],
  // The fields of each category time in a fixed order, whatever the value's own.
  ["categories", (c) => JSON.stringify(c.categories.map((t) => ({ category: t.category, minutes: t.minutes, entries: t.entries })))],
  ["recorded_by", (c) => JSON.stringify(c.recordedBy)],
  ["issuer", (c) => c.issuer],
  ["as_of_seq", (c) => c.asOfSeq],
  ["chain_hash", (c) => c.chainHash],
  ["issued_on", (c) => c.issuedOn],
  ["issued_by", (c) => c.issuedBy],
  ["disclose", (c) => (c.disclose ? 1 : 0)],
  ["holder", (c) => c.holder]
]
