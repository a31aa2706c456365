/**
 * 平急两用 emergency mode: an activation for a community or a street on a day, the
 * roster of the people it puts under the community party organisations (the L4/L5 grid
 * workers and the in-service members enrolled there, 双报到), the temporary branches it
 * forms (one per compound where enough full members serve, else one joint branch of the
 * community), and the vanguard teams (先锋队) formed while it is active. An activation
 * is a plan of changes; its deactivation applies the inverse plan.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { MemberId, Standing } from "../organisation/Member.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * An activation's id, chosen by the platform: up to 32 characters, so that the ids of
 * the temporary branches it forms (`<id>:<grid code>`) stay ids.
 *
 * @since 0.5.0
 * @category schemas
 */
export const ActivationId = Text.Line(32).pipe(Schema.brand("ActivationId"))

/**
 * @since 0.5.0
 * @category models
 */
export type ActivationId = typeof ActivationId.Type

/**
 * An activation: the grid it was activated for (a street or a community), the task
 * (疫情防控, 防汛 …), the communities it covers (the community itself, or the street's
 * communities on the day), the day it began and the day it ended (null while active).
 * Its roster, branches and teams end with it.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Activation = Schema.Struct({
  tenant: Tenant,
  id: ActivationId,
  gridCode: GridCode,
  task: Text.Name,
  communities: Schema.Array(GridCode),
  activatedOn: IsoDate,
  deactivatedOn: Schema.NullOr(IsoDate)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Activation extends Schema.Schema.Type<typeof Activation> {}

/**
 * Who is on a roster: a grid worker (网格员) or a party member (党员).
 *
 * @since 0.5.0
 * @category schemas
 */
export const PersonKind = Schema.Literal("worker", "member")

/**
 * @since 0.5.0
 * @category models
 */
export type PersonKind = typeof PersonKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const personKindLabels: Readonly<Record<PersonKind, { readonly zh: string; readonly en: string }>> = {
  worker: { zh: "网格员", en: "grid worker" },
  member: { zh: "报到党员", en: "enrolled member" }
}

/**
 * One person put under a community party organisation by an activation (统一归社区党组织管理),
 * for as long as it is active. A member carries the standing of the day (null when
 * their organisational relationship lies outside the tenant or the actor's scope: the
 * `homeOrganisation` of their enrolment), the compound they were placed in (null:
 * unplaced) and the temporary branch they take part in (null: none — a worker, or a
 * member with no membership the rules can read).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Enlistment = Schema.Struct({
  tenant: Tenant,
  activationId: ActivationId,
  kind: PersonKind,
  /** A worker's id or a member's id. */
  personId: Text.Id,
  communityCode: GridCode,
  /** The community party organisation the person is put under. */
  organisationId: OrganisationId,
  compoundCode: Schema.NullOr(GridCode),
  branchId: Schema.NullOr(OrganisationId),
  standing: Schema.NullOr(Standing)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Enlistment extends Schema.Schema.Type<typeof Enlistment> {}

/**
 * A temporary branch an activation formed: for a compound (`compoundCode`), or the joint
 * branch of a community's other members (`compoundCode` null), with the members that
 * joined it on the day and how many of them were full members.
 *
 * @since 0.5.0
 * @category schemas
 */
export const EmergencyBranch = Schema.Struct({
  tenant: Tenant,
  activationId: ActivationId,
  organisationId: OrganisationId,
  communityCode: GridCode,
  compoundCode: Schema.NullOr(GridCode),
  members: Schema.Int.pipe(Schema.nonNegative()),
  fullMembers: Schema.Int.pipe(Schema.nonNegative())
})

/**
 * @since 0.5.0
 * @category models
 */
export interface EmergencyBranch extends Schema.Schema.Type<typeof EmergencyBranch> {}

/**
 * The id of the temporary branch an activation forms for a compound or (joint) a community.
 *
 * @since 0.5.0
 * @category constructors
 */
export const branchId = (activation: string, gridCode: string): OrganisationId => `${activation}:${gridCode}` as OrganisationId

/**
 * A vanguard team's id, chosen by the platform.
 *
 * @since 0.5.0
 * @category schemas
 */
export const TeamId = Text.Id.pipe(Schema.brand("TeamId"))

/**
 * @since 0.5.0
 * @category models
 */
export type TeamId = typeof TeamId.Type

/**
 * Who forms a vanguard team: one of the tenant's party organisations, or a property
 * company (物业服务企业) by name.
 *
 * @since 0.5.0
 * @category schemas
 */
export const FormerKind = Schema.Literal("organisation", "company")

/**
 * @since 0.5.0
 * @category models
 */
export type FormerKind = typeof FormerKind.Type

/**
 * A compound a team covers and the residents living there, as the team reports them;
 * within one activation a compound has one residents figure.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Covered = Schema.Struct({
  code: GridCode,
  residents: Schema.Int.pipe(Schema.between(0, 1_000_000))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Covered extends Schema.Schema.Type<typeof Covered> {}

/**
 * A vanguard team (先锋队) formed during an activation: its former, the compounds and
 * residents it covers, its staff (职工) and the party members among them. It ends with
 * the activation.
 *
 * @since 0.5.0
 * @category schemas
 */
export const VanguardTeam = Schema.Struct({
  tenant: Tenant,
  id: TeamId,
  activationId: ActivationId,
  name: Text.Name,
  formerKind: FormerKind,
  /** An organisation id, or a company's name. */
  formedBy: Text.Name,
  compounds: Schema.Array(Covered),
  /** How many staff serve in the team, members included. */
  staff: Schema.Int.pipe(Schema.between(0, 100_000)),
  members: Schema.Array(MemberId),
  formedOn: IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface VanguardTeam extends Schema.Schema.Type<typeof VanguardTeam> {}

/**
 * Whether an activation is active on a day: begun, and not yet ended.
 *
 * @since 0.5.0
 * @category predicates
 */
export const activeOn = (activation: Pick<Activation, "activatedOn" | "deactivatedOn">, at: IsoDate): boolean =>
  activation.activatedOn <= at && (activation.deactivatedOn === null || at < activation.deactivatedOn)

/**
 * Whether two grids overlap: one is the other or lies inside it.
 *
 * @since 0.5.0
 * @category predicates
 */
export const overlaps = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a)
