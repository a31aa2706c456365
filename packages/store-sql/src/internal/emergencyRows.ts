/**
 * The emergency domain's rows: how each table's row is read back into a value
 * (integers from PostgreSQL's strings, nulls kept, the JSON lists of an activation's
 * communities and a team's compounds and members checked — a message naming what cannot
 * be read when one is corrupt) and the columns each value is written to.
 *
 * @internal
 */
import type { Activation, Grid, Member, Organisation, Tenant } from "@jiceng/core"
import type { Columns } from "./queries.js"
import { date, dateOrNull, isObject, isStrings, parseJson, toNumber } from "./rows.js"

type Int = number | string | bigint

/** @internal */
export interface ActivationRow {
  readonly tenant: string
  readonly id: string
  readonly grid_code: string
  readonly task: string
  /** A JSON array of community codes. */
  readonly communities: string
  readonly activated_on: string
  readonly deactivated_on: string | null
}

/** @internal */
export interface EnlistmentRow {
  readonly tenant: string
  readonly activation_id: string
  readonly kind: string
  readonly person_id: string
  readonly community_code: string
  readonly organisation_id: string
  readonly compound_code: string | null
  readonly branch_id: string | null
  readonly standing: string | null
}

/** @internal */
export interface BranchRow {
  readonly tenant: string
  readonly activation_id: string
  readonly organisation_id: string
  readonly community_code: string
  readonly compound_code: string | null
  readonly members: Int
  readonly full_members: Int
}

/** @internal */
export interface TeamRow {
  readonly tenant: string
  readonly id: string
  readonly activation_id: string
  readonly name: string
  readonly former_kind: string
  readonly formed_by: string
  /** A JSON array of `{ code, residents }`. */
  readonly compounds: string
  readonly staff: Int
  /** A JSON array of member ids. */
  readonly members: string
  readonly formed_on: string
}

const isCovered = (value: unknown): value is ReadonlyArray<Activation.Covered> =>
  Array.isArray(value) && value.every((c) => isObject(c) && typeof c["code"] === "string" && typeof c["residents"] === "number")

/** @internal */
export const toActivation = (row: ActivationRow): Activation.Activation | string => {
  const communities = parseJson(row.communities, isStrings<Grid.GridCode>)
  if (communities === undefined) return `activation ${row.id}: communities is not a JSON array of codes`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Activation.ActivationId,
    gridCode: row.grid_code as Grid.GridCode,
    task: row.task,
    communities,
    activatedOn: date(row.activated_on),
    deactivatedOn: dateOrNull(row.deactivated_on)
  }
}

/** @internal */
export const toEnlistment = (row: EnlistmentRow): Activation.Enlistment => ({
  tenant: row.tenant as Tenant.Tenant,
  activationId: row.activation_id as Activation.ActivationId,
  kind: row.kind as Activation.PersonKind,
  personId: row.person_id,
  communityCode: row.community_code as Grid.GridCode,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  compoundCode: row.compound_code as Grid.GridCode | null,
  branchId: row.branch_id as Organisation.OrganisationId | null,
  standing: row.standing as Member.Standing | null
})

/** @internal */
export const toBranch = (row: BranchRow): Activation.EmergencyBranch => ({
  tenant: row.tenant as Tenant.Tenant,
  activationId: row.activation_id as Activation.ActivationId,
  organisationId: row.organisation_id as Organisation.OrganisationId,
  communityCode: row.community_code as Grid.GridCode,
  compoundCode: row.compound_code as Grid.GridCode | null,
  members: toNumber(row.members),
  fullMembers: toNumber(row.full_members)
})

/** @internal */
export const toTeam = (row: TeamRow): Activation.VanguardTeam | string => {
  const compounds = parseJson(row.compounds, isCovered)
  if (compounds === undefined) return `team ${row.id}: compounds is not a JSON array of { code, residents }`
  const members = parseJson(row.members, isStrings<Member.MemberId>)
  if (members === undefined) return `team ${row.id}: members is not a JSON array of ids`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id as Activation.TeamId,
    activationId: row.activation_id as Activation.ActivationId,
    name: row.name,
    formerKind: row.former_kind as Activation.FormerKind,
    formedBy: row.formed_by,
    compounds,
    staff: toNumber(row.staff),
    members,
    formedOn: date(row.formed_on)
  }
}

/** @internal */
export const activationValues: Columns<Activation.Activation> = [
  ["tenant", (a) => a.tenant],
  ["id", (a) => a.id],
  ["grid_code", (a) => a.gridCode],
  ["task", (a) => a.task],
  ["communities", (a) => JSON.stringify(a.communities)],
  ["activated_on", (a) => a.activatedOn],
  ["deactivated_on", (a) => a.deactivatedOn]
]

/** @internal */
export const enlistmentValues: Columns<Activation.Enlistment> = [
  ["tenant", (r) => r.tenant],
  ["activation_id", (r) => r.activationId],
  ["kind", (r) => r.kind],
  ["person_id", (r) => r.personId],
  ["community_code", (r) => r.communityCode],
  ["organisation_id", (r) => r.organisationId],
  ["compound_code", (r) => r.compoundCode],
  ["branch_id", (r) => r.branchId],
  ["standing", (r) => r.standing]
]

/** @internal */
export const branchValues: Columns<Activation.EmergencyBranch> = [
  ["tenant", (b) => b.tenant],
  ["activation_id", (b) => b.activationId],
  ["organisation_id", (b) => b.organisationId],
  ["community_code", (b) => b.communityCode],
  ["compound_code", (b) => b.compoundCode],
  ["members", (b) => b.members],
  ["full_members", (b) => b.fullMembers]
]

/** @internal */
export const teamValues: Columns<Activation.VanguardTeam> = [
  ["tenant", (t) => t.tenant],
  ["id", (t) => t.id],
  ["activation_id", (t) => t.activationId],
  ["name", (t) => t.name],
  ["former_kind", (t) => t.formerKind],
  ["formed_by", (t) => t.formedBy],
  ["compounds", (t) => JSON.stringify(t.compounds)],
  ["staff", (t) => t.staff],
  ["members", (t) => JSON.stringify(t.members)],
  ["formed_on", (t) => t.formedOn]
]
