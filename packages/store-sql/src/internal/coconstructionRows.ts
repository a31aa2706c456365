/**
 * The co-construction domain's rows: how each table's row is read back into a value (a
 * message naming what cannot be read when a JSON column is corrupt) and the columns
 * each value is written to.
 *
 * @internal
 */
import type {
  Agreement,
  CreditCode,
  Enrolment,
  Grid,
  JointMeeting,
  Member,
  Need,
  Organisation,
  Project,
  Resource,
  Tenant,
  Volunteering
} from "@jiceng/core"
import type { Columns } from "./queries.js"
import { date, dateOrNull, isObject, isStrings, parseJson, toNumber } from "./rows.js"

type Int = number | string | bigint

/** @internal */
export interface UnitEnrolmentRow {
  readonly tenant: string
  readonly credit_code: string
  readonly valid_from: string
  readonly name: string
  readonly street_code: string
  readonly valid_to: string | null
  readonly change: string
}

/** @internal */
export interface MemberEnrolmentRow {
  readonly tenant: string
  readonly member_id: string
  readonly valid_from: string
  readonly community_code: string
  readonly unit_credit_code: string | null
  readonly home_organisation: string | null
  /** A JSON array of skill keys. */
  readonly skills: string
  readonly interest: string | null
  readonly valid_to: string | null
  readonly change: string
}

/** @internal */
export interface AgreementRow {
  readonly tenant: string
  readonly id: string
  readonly organisation_id: string
  readonly unit_credit_code: string
  readonly unit_organisation: string
  readonly from_day: string
  readonly to_day: string
  /** A JSON object of the four pillars, each an array of lines. */
  readonly commitments: string
}

/** @internal */
export interface NeedRow {
  readonly tenant: string
  readonly id: string
  readonly grid_code: string
  readonly category: string
  readonly title: string
  readonly quantity: Int
  readonly priority: Int
  /** A JSON array of skill keys. */
  readonly skills: string
  readonly listed_on: string
}

/** @internal */
export interface ResourceRow {
  readonly tenant: string
  readonly id: string
  readonly unit_credit_code: string
  readonly grid_code: string
  readonly category: string
  readonly title: string
  readonly capacity: Int
  /** A JSON array of skill keys. */
  readonly skills: string
  readonly listed_on: string
}

/** @internal */
export interface ProjectRow {
  readonly tenant: string
  readonly id: string
  readonly agreement_id: string
  readonly title: string
  readonly weight: Int
  /** A JSON array of `{ needId, resourceId, units }`, in the order given. */
  readonly allocations: string
  readonly from_day: string
  readonly to_day: string
}

/** @internal */
export interface AllocationRow {
  readonly tenant: string
  readonly project_id: string
  readonly need_id: string
  readonly resource_id: string
  readonly units: Int
}

/** @internal */
export interface ProgressRow {
  readonly tenant: string
  readonly project_id: string
  readonly on_day: string
  readonly percent: Int
}

/** @internal */
export interface TeamRow {
  readonly tenant: string
  readonly id: string
  readonly name: string
  readonly grid_code: string
  readonly valid_from: string
  readonly valid_to: string | null
}

/** @internal */
export interface PostRow {
  readonly tenant: string
  readonly id: string
  readonly team_id: string
  readonly title: string
  readonly category: string
  /** A JSON array of skill keys. */
  readonly skills: string
  readonly capacity: Int
  readonly opened_on: string
}

/** @internal */
export interface ClaimRow {
  readonly tenant: string
  readonly post_id: string
  readonly member_id: string
  readonly valid_from: string
  readonly valid_to: string | null
}

/** @internal */
export interface JointMeetingRow {
  readonly tenant: string
  readonly id: string
  readonly street_code: string
  readonly date: string
  readonly topic: string
  /** A JSON array of credit codes. */
  readonly units: string
}

/** @internal */
export interface TaskRow {
  readonly tenant: string
  readonly id: string
  readonly meeting_id: string
  readonly text: string
  readonly unit_credit_code: string | null
  readonly due: string
  readonly completed_on: string | null
}

const pillars = ["organisation", "members", "resources", "matters"] as const

const isCommitments = (value: unknown): value is Agreement.Commitments =>
  isObject(value) && pillars.every((pillar) => isStrings(value[pillar]))

const isAllocations = (value: unknown): value is ReadonlyArray<Project.Allocation> =>
  Array.isArray(value) &&
  value.every((a) =>
    isObject(a) && typeof a["needId"] === "string" && typeof a["resourceId"] === "string" &&
    Number.isSafeInteger(a["units"])
  )

const notStrings = (what: string, column: string) => `${what}: ${column} are not a JSON array of strings`

// ------------------------------------------------------------------ readers

/** @internal */
export const toUnitEnrolment = (row: UnitEnrolmentRow): Enrolment.UnitEnrolment => ({
  tenant: row.tenant as Tenant.Tenant,
  creditCode: row.credit_code as CreditCode.CreditCode,
  name: row.name,
  streetCode: row.street_code as Grid.GridCode,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to),
  change: row.change as Enrolment.EnrolmentChange
})

/**
 * A member's enrolment, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toMemberEnrolment = (row: MemberEnrolmentRow): Enrolment.MemberEnrolment | string => {
  const skills = parseJson(row.skills, isStrings<string>)
  if (skills === undefined) return notStrings(`member enrolment ${row.member_id}@${row.valid_from}`, "skills")
  return {
    tenant: row.tenant as Tenant.Tenant,
    memberId: row.member_id as Member.MemberId,
    communityCode: row.community_code as Grid.GridCode,
    unitCreditCode: row.unit_credit_code as CreditCode.CreditCode | null,
    homeOrganisation: row.home_organisation,
    skills,
    interest: row.interest,
    validFrom: date(row.valid_from),
    validTo: dateOrNull(row.valid_to),
    change: row.change as Enrolment.EnrolmentChange
  }
}

/**
 * An agreement, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toAgreement = (row: AgreementRow): Agreement.Agreement | string => {
  const commitments = parseJson(row.commitments, isCommitments)
  if (commitments === undefined) {
    return `agreement ${row.id}: commitments are not a JSON object of the four pillars' lines`
  }
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Agreement.AgreementId,
    organisationId: row.organisation_id as Organisation.OrganisationId,
    unitCreditCode: row.unit_credit_code as CreditCode.CreditCode,
    unitOrganisation: row.unit_organisation,
    from: date(row.from_day),
    to: date(row.to_day),
    commitments
  }
}

/**
 * A need, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toNeed = (row: NeedRow): Need.Need | string => {
  const skills = parseJson(row.skills, isStrings<string>)
  if (skills === undefined) return notStrings(`need ${row.id}`, "skills")
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Need.NeedId,
    gridCode: row.grid_code as Grid.GridCode,
    category: row.category,
    title: row.title,
    quantity: toNumber(row.quantity),
    priority: toNumber(row.priority),
    skills,
    listedOn: date(row.listed_on)
  }
}

/**
 * A resource, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toResource = (row: ResourceRow): Resource.Resource | string => {
  const skills = parseJson(row.skills, isStrings<string>)
  if (skills === undefined) return notStrings(`resource ${row.id}`, "skills")
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Resource.ResourceId,
    unitCreditCode: row.unit_credit_code as CreditCode.CreditCode,
    gridCode: row.grid_code as Grid.GridCode,
    category: row.category,
    title: row.title,
    capacity: toNumber(row.capacity),
    skills,
    listedOn: date(row.listed_on)
  }
}

/**
 * A project with its allocations, or a message naming what in its JSON columns cannot
 * be read.
 *
 * @internal
 */
export const toProject = (row: ProjectRow): Project.Project | string => {
  const allocations = parseJson(row.allocations, isAllocations)
  if (allocations === undefined) {
    return `project ${row.id}: allocations are not a JSON array of needs, resources and units`
  }
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Project.ProjectId,
    agreementId: row.agreement_id as Agreement.AgreementId,
    title: row.title,
    weight: toNumber(row.weight),
    allocations,
    from: date(row.from_day),
    to: date(row.to_day)
  }
}

/** @internal */
export const toAllocation = (row: AllocationRow): Project.ProjectAllocation => ({
  tenant: row.tenant as Tenant.Tenant,
  projectId: row.project_id as Project.ProjectId,
  needId: row.need_id as Need.NeedId,
  resourceId: row.resource_id as Resource.ResourceId,
  units: toNumber(row.units)
})

/** @internal */
export const toProgress = (row: ProgressRow): Project.Progress => ({
  tenant: row.tenant as Tenant.Tenant,
  projectId: row.project_id as Project.ProjectId,
  on: date(row.on_day),
  percent: toNumber(row.percent)
})

/** @internal */
export const toTeam = (row: TeamRow): Volunteering.Team => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as Volunteering.TeamId,
  name: row.name,
  gridCode: row.grid_code as Grid.GridCode,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to)
})

/**
 * A post, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toPost = (row: PostRow): Volunteering.Post | string => {
  const skills = parseJson(row.skills, isStrings<string>)
  if (skills === undefined) return notStrings(`post ${row.id}`, "skills")
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Volunteering.PostId,
    teamId: row.team_id as Volunteering.TeamId,
    title: row.title,
    category: row.category,
    skills,
    capacity: toNumber(row.capacity),
    openedOn: date(row.opened_on)
  }
}

/** @internal */
export const toClaim = (row: ClaimRow): Volunteering.Claim => ({
  tenant: row.tenant as Tenant.Tenant,
  postId: row.post_id as Volunteering.PostId,
  memberId: row.member_id as Member.MemberId,
  validFrom: date(row.valid_from),
  validTo: dateOrNull(row.valid_to)
})

/**
 * A joint meeting, or a message naming what in its JSON columns cannot be read.
 *
 * @internal
 */
export const toJointMeeting = (row: JointMeetingRow): JointMeeting.JointMeeting | string => {
  const units = parseJson(row.units, isStrings<CreditCode.CreditCode>)
  if (units === undefined) return notStrings(`joint meeting ${row.id}`, "units")
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as JointMeeting.JointMeetingId,
    streetCode: row.street_code as Grid.GridCode,
    date: date(row.date),
    topic: row.topic,
    units
  }
}

/** @internal */
export const toTask = (row: TaskRow): JointMeeting.Task => ({
  tenant: row.tenant as Tenant.Tenant,
  id: row.id as JointMeeting.TaskId,
  meetingId: row.meeting_id as JointMeeting.JointMeetingId,
  text: row.text,
  unitCreditCode: row.unit_credit_code as CreditCode.CreditCode | null,
  due: date(row.due),
  completedOn: dateOrNull(row.completed_on)
})

// ------------------------------------------------- columns: the readers' inverse

/** @internal */
export const unitEnrolmentValues: Columns<Enrolment.UnitEnrolment> = [
  ["tenant", (e) => e.tenant],
  ["credit_code", (e) => e.creditCode],
  ["valid_from", (e) => e.validFrom],
  ["name", (e) => e.name],
  ["street_code", (e) => e.streetCode],
  ["valid_to", (e) => e.validTo],
  ["change", (e) => e.change]
]

/** @internal */
export const memberEnrolmentValues: Columns<Enrolment.MemberEnrolment> = [
  ["tenant", (e) => e.tenant],
  ["member_id", (e) => e.memberId],
  ["valid_from", (e) => e.validFrom],
  ["community_code", (e) => e.communityCode],
  ["unit_credit_code", (e) => e.unitCreditCode],
  ["home_organisation", (e) => e.homeOrganisation],
  ["skills", (e) => JSON.stringify(e.skills)],
  ["interest", (e) => e.interest],
  ["valid_to", (e) => e.validTo],
  ["change", (e) => e.change]
]

/** @internal */
export const agreementValues: Columns<Agreement.Agreement> = [
  ["tenant", (a) => a.tenant],
  ["id", (a) => a.id],
  ["organisation_id", (a) => a.organisationId],
  ["unit_credit_code", (a) => a.unitCreditCode],
  ["unit_organisation", (a) => a.unitOrganisation],
  ["from_day", (a) => a.from],
  ["to_day", (a) => a.to],
  // The pillars named one by one: a value with more keys writes only these.
  ["commitments", ({ commitments: c }) =>
    JSON.stringify({ organisation: c.organisation, members: c.members, resources: c.resources, matters: c.matters })]
]

/** @internal */
export const needValues: Columns<Need.Need> = [
  ["tenant", (n) => n.tenant],
  ["id", (n) => n.id],
  ["grid_code", (n) => n.gridCode],
  ["category", (n) => n.category],
  ["title", (n) => n.title],
  ["quantity", (n) => n.quantity],
  ["priority", (n) => n.priority],
  ["skills", (n) => JSON.stringify(n.skills)],
  ["listed_on", (n) => n.listedOn]
]

/** @internal */
export const resourceValues: Columns<Resource.Resource> = [
  ["tenant", (r) => r.tenant],
  ["id", (r) => r.id],
  ["unit_credit_code", (r) => r.unitCreditCode],
  ["grid_code", (r) => r.gridCode],
  ["category", (r) => r.category],
  ["title", (r) => r.title],
  ["capacity", (r) => r.capacity],
  ["skills", (r) => JSON.stringify(r.skills)],
  ["listed_on", (r) => r.listedOn]
]

/** @internal */
export const projectValues: Columns<Project.Project> = [
  ["tenant", (p) => p.tenant],
  ["id", (p) => p.id],
  ["agreement_id", (p) => p.agreementId],
  ["title", (p) => p.title],
  ["weight", (p) => p.weight],
  ["allocations", (p) =>
    JSON.stringify(p.allocations.map(({ needId, resourceId, units }) => ({ needId, resourceId, units })))],
  ["from_day", (p) => p.from],
  ["to_day", (p) => p.to]
]

/** @internal */
export const allocationValues: Columns<Project.ProjectAllocation> = [
  ["tenant", (a) => a.tenant],
  ["project_id", (a) => a.projectId],
  ["need_id", (a) => a.needId],
  ["resource_id", (a) => a.resourceId],
  ["units", (a) => a.units]
]

/** @internal */
export const progressValues: Columns<Project.Progress> = [
  ["tenant", (p) => p.tenant],
  ["project_id", (p) => p.projectId],
  ["on_day", (p) => p.on],
  ["percent", (p) => p.percent]
]

/** @internal */
export const teamValues: Columns<Volunteering.Team> = [
  ["tenant", (t) => t.tenant],
  ["id", (t) => t.id],
  ["name", (t) => t.name],
  ["grid_code", (t) => t.gridCode],
  ["valid_from", (t) => t.validFrom],
  ["valid_to", (t) => t.validTo]
]

/** @internal */
export const postValues: Columns<Volunteering.Post> = [
  ["tenant", (p) => p.tenant],
  ["id", (p) => p.id],
  ["team_id", (p) => p.teamId],
  ["title", (p) => p.title],
  ["category", (p) => p.category],
  ["skills", (p) => JSON.stringify(p.skills)],
  ["capacity", (p) => p.capacity],
  ["opened_on", (p) => p.openedOn]
]

/** @internal */
export const claimValues: Columns<Volunteering.Claim> = [
  ["tenant", (c) => c.tenant],
  ["post_id", (c) => c.postId],
  ["member_id", (c) => c.memberId],
  ["valid_from", (c) => c.validFrom],
  ["valid_to", (c) => c.validTo]
]

/** @internal */
export const jointMeetingValues: Columns<JointMeeting.JointMeeting> = [
  ["tenant", (m) => m.tenant],
  ["id", (m) => m.id],
  ["street_code", (m) => m.streetCode],
  ["date", (m) => m.date],
  ["topic", (m) => m.topic],
  ["units", (m) => JSON.stringify(m.units)]
]

/** @internal */
export const taskValues: Columns<JointMeeting.Task> = [
  ["tenant", (t) => t.tenant],
  ["id", (t) => t.id],
  ["meeting_id", (t) => t.meetingId],
  ["text", (t) => t.text],
  ["unit_credit_code", (t) => t.unitCreditCode],
  ["due", (t) => t.due],
  ["completed_on", (t) => t.completedOn]
]
