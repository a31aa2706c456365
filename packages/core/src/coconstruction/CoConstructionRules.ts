/**
 * The co-construction rules as pure functions: `(context, command) → Either<changes,
 * RuleViolation>`, with stable rule ids (listed in docs/rules.md with their sources).
 * The context is what the service read for the command: the rows the rule needs and
 * whether the grids the command names are valid at their level on its day.
 *
 * The 双报到 enrolments: a work unit enrols with one street at a time, an in-service
 * party member with exactly one community at a time, each with a dated history of
 * transfers and withdrawal. Enrolment writes no membership: a member's own branch stays
 * where it is. Then 一协议两清单: an agreement between a party organisation and an
 * enrolled unit for a term; the community's needs and the unit's resources; projects
 * that give resources to needs, never past a resource's capacity or a need's quantity,
 * never outside the agreement's term; and their progress. And volunteering: teams
 * bound to grids, posts in the policy's categories, and members' claims (认领) on
 * posts, never past a post's capacity on any day. And joint meetings (党建联席会议) of a
 * street with its enrolled units, whose decisions become tasks tracked to completion.
 *
 * @since 0.3.0
 */
import { Either } from "effect"
import type { Tenant } from "../access/Tenant.js"
import { refuse, type RuleViolation } from "../errors/RuleViolation.js"
import type { IsoDate } from "../time/IsoDate.js"
import * as Changes from "./CoConstructionChanges.js"
import { enrolledUntil } from "./CoConstructionInvariants.js"
import type { Organisation } from "../organisation/Organisation.js"
import type { Agreement } from "./Agreement.js"
import type { CoConstructionConfigShape } from "./CoConstructionConfig.js"
import type {
  ClaimPost,
  CompleteTask,
  EnrolMember,
  HoldJointMeeting,
  FormTeam,
  OpenPost,
  WithdrawClaim,
  EnrolUnit,
  ListNeed,
  ListResource,
  ReportProgress,
  SignAgreement,
  StartProject,
  TransferEnrolment,
  TransferUnit,
  WithdrawMember,
  WithdrawUnit
} from "./CoConstructionCommand.js"
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"
import type { Need } from "./Need.js"
import type { Allocation, Progress, Project } from "./Project.js"
import type { Resource } from "./Resource.js"
import type { JointMeeting, Task } from "./JointMeeting.js"
import { type Claim, peakFrom, type Post, type Team } from "./Volunteering.js"

/**
 * A rule's outcome: the facts to write, or the refusal naming its rule.
 *
 * @since 0.3.0
 * @category models
 */
export type Result = Either.Either<Changes.CoConstructionChanges, RuleViolation>

const violation = refuse

const validAt = (row: { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }, at: IsoDate) =>
  row.validFrom <= at && (row.validTo === null || at < row.validTo)

/** A row running on or after the day: valid then, or beginning later. */
const runningFrom = (row: { readonly validTo: IsoDate | null }, at: IsoDate) => row.validTo === null || row.validTo > at

/** The row valid on the day, refused when none is or when a later row was recorded. */
const current = <A extends { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }>(
  rows: ReadonlyArray<A>,
  at: IsoDate,
  rules: { readonly exists: string; readonly backdated: string },
  field: string,
  what: string,
  absent = "is not enrolled",
  /**
   * Whether a recorded end after the day is a later change (an enrolment's withdrawal).
   * A claim's end may come from its member's enrolment: ending it sooner is no backdating.
   */
  endIsChange = true
): Either.Either<A, RuleViolation> => {
  // A withdrawal recorded for a later day is a later change too. The refusal gives no
  // day: the change may lie outside the actor's scope.
  if (rows.some((r) => r.validFrom > at || (endIsChange && r.validTo !== null && r.validTo > at && r.validFrom <= at))) {
    return violation(rules.backdated, "at", `${what} has a change recorded after ${at}; record changes in the order they happened`)
  }
  const row = rows.find((r) => validAt(r, at))
  return row === undefined ? violation(rules.exists, field, `${what} ${absent} on ${at}`) : Either.right(row)
}

// ------------------------------------------------------------------ units

const unitRules = { exists: "unit-enrolment.exists", backdated: "unit-enrolment.backdated" } as const

/**
 * A work unit enrols with a street. Rules: `unit-enrolment.street` (a grid of the
 * street level valid on the day), `unit-enrolment.once` (one street at a time: no
 * enrolment running on or after the day; transfer it instead).
 *
 * @since 0.3.0
 * @category rules
 */
export const enrolUnit = (
  tenant: Tenant,
  context: {
    /** Every enrolment row of the unit. */
    readonly enrolments: ReadonlyArray<UnitEnrolment>
    /** Whether the street code is a grid of the street level valid on the day. */
    readonly streetValid: boolean
  },
  command: EnrolUnit
): Result => {
  if (!context.streetValid) {
    return violation("unit-enrolment.street", "streetCode", `${command.streetCode} is no street valid on ${command.at}`)
  }
  if (context.enrolments.some((e) => runningFrom(e, command.at))) {
    return violation(
      "unit-enrolment.once",
      "creditCode",
      `${command.creditCode} is enrolled with a street on or after ${command.at}: a unit enrols with one street at a time (transfer it instead)`
    )
  }
  return Either.right(Changes.make({
    newUnitEnrolments: [{
      tenant,
      creditCode: command.creditCode,
      name: command.name,
      streetCode: command.streetCode,
      validFrom: command.at,
      validTo: null,
      change: "enrol"
    }]
  }))
}

/**
 * A unit's enrolment moves to another street. Rules: `unit-enrolment.exists`,
 * `unit-enrolment.backdated` (no later change recorded), `unit-enrolment.transfer-same`,
 * `unit-enrolment.street`.
 *
 * @since 0.3.0
 * @category rules
 */
export const transferUnit = (
  context: { readonly enrolments: ReadonlyArray<UnitEnrolment>; readonly streetValid: boolean },
  command: TransferUnit
): Result =>
  Either.flatMap(current(context.enrolments, command.at, unitRules, "creditCode", command.creditCode), (row) => {
    if (row.streetCode === command.streetCode) {
      return violation("unit-enrolment.transfer-same", "streetCode", `${command.creditCode} is enrolled with ${command.streetCode} already`)
    }
    if (!context.streetValid) {
      return violation("unit-enrolment.street", "streetCode", `${command.streetCode} is no street valid on ${command.at}`)
    }
    return Either.right(Changes.make({
      at: command.at,
      endUnitEnrolments: [{ creditCode: row.creditCode, validFrom: row.validFrom }],
      newUnitEnrolments: [{
        ...row,
        streetCode: command.streetCode,
        validFrom: command.at,
        // Open: a row ended later was refused above (a withdrawal is a later change).
        validTo: row.validTo,
        // A correction on the row's first day keeps how it began.
        change: row.validFrom === command.at ? row.change : "transfer"
      }]
    }))
  })

/**
 * A unit's enrolment ends. Rules: `unit-enrolment.exists`, `unit-enrolment.backdated`.
 *
 * @since 0.3.0
 * @category rules
 */
export const withdrawUnit = (context: { readonly enrolments: ReadonlyArray<UnitEnrolment> }, command: WithdrawUnit): Result =>
  Either.map(current(context.enrolments, command.at, unitRules, "creditCode", command.creditCode), (row) =>
    Changes.make({ at: command.at, endUnitEnrolments: [{ creditCode: row.creditCode, validFrom: row.validFrom }] }))

// ------------------------------------------------------------------ members

const memberRules = { exists: "enrolment.exists", backdated: "enrolment.backdated" } as const

/**
 * An in-service party member enrols with the community where they live. Rules:
 * `enrolment.community` (a grid of the community level valid on the day),
 * `enrolment.one-community` (exactly one community at a time: no enrolment running on
 * or after the day; transfer it instead), `enrolment.home` (a member of the tenant's
 * branches on the day names no other organisation; anyone else names theirs),
 * `enrolment.interest` (the category the member would rather serve in is one of the
 * policy's).
 *
 * @since 0.3.0
 * @category rules
 */
export const enrolMember = (
  config: CoConstructionConfigShape,
  tenant: Tenant,
  context: {
    /** Every enrolment row of the member. */
    readonly enrolments: ReadonlyArray<MemberEnrolment>
    /** Whether the community code is a grid of the community level valid on the day. */
    readonly communityValid: boolean
    /** Whether the member holds a membership in one of the tenant's branches on the day. */
    readonly memberOfTenant: boolean
  },
  command: EnrolMember
): Result => {
  if (!context.communityValid) {
    return violation("enrolment.community", "communityCode", `${command.communityCode} is no community valid on ${command.at}`)
  }
  if (context.enrolments.some((e) => runningFrom(e, command.at))) {
    return violation(
      "enrolment.one-community",
      "memberId",
      // Which community is not said: it may lie outside the actor's scope.
      `${command.memberId} is enrolled with a community on or after ${command.at}: a member enrols with one community at a time (transfer instead)`
    )
  }
  if (context.memberOfTenant && command.homeOrganisation !== null) {
    return violation(
      "enrolment.home",
      "homeOrganisation",
      `${command.memberId} belongs to one of the tenant's branches on ${command.at}: their organisation is known`
    )
  }
  if (!context.memberOfTenant && command.homeOrganisation === null) {
    return violation(
      "enrolment.home",
      "homeOrganisation",
      `${command.memberId} belongs to none of the tenant's branches on ${command.at}: name their own party organisation`
    )
  }
  if (command.interest !== null && !config.postCategories.some((c) => c.key === command.interest)) {
    return violation("enrolment.interest", "interest", `${command.interest} is no post category of the policy`)
  }
  return Either.right(Changes.make({
    newMemberEnrolments: [{
      tenant,
      memberId: command.memberId,
      communityCode: command.communityCode,
      unitCreditCode: command.unitCreditCode,
      homeOrganisation: command.homeOrganisation,
      skills: Array.from(new Set(command.skills)),
      interest: command.interest,
      validFrom: command.at,
      validTo: null,
      change: "enrol"
    }]
  }))
}

/**
 * A member's enrolment moves to another community. Rules: `enrolment.exists`,
 * `enrolment.backdated`, `enrolment.transfer-same`, `enrolment.community`.
 *
 * @since 0.3.0
 * @category rules
 */
export const transferEnrolment = (
  context: { readonly enrolments: ReadonlyArray<MemberEnrolment>; readonly communityValid: boolean },
  command: TransferEnrolment
): Result =>
  Either.flatMap(current(context.enrolments, command.at, memberRules, "memberId", command.memberId), (row) => {
    if (row.communityCode === command.communityCode) {
      return violation("enrolment.transfer-same", "communityCode", `${command.memberId} is enrolled with ${command.communityCode} already`)
    }
    if (!context.communityValid) {
      return violation("enrolment.community", "communityCode", `${command.communityCode} is no community valid on ${command.at}`)
    }
    return Either.right(Changes.make({
      at: command.at,
      endMemberEnrolments: [{ memberId: row.memberId, validFrom: row.validFrom }],
      newMemberEnrolments: [{
        ...row,
        communityCode: command.communityCode,
        validFrom: command.at,
        validTo: row.validTo,
        change: row.validFrom === command.at ? row.change : "transfer"
      }]
    }))
  })

/**
 * A member's enrolment ends. Rules: `enrolment.exists`, `enrolment.backdated`. Their
 * claims on posts end with it: those running on the day end then, and one beginning on
 * or after it is removed.
 *
 * @since 0.3.0
 * @category rules
 */
export const withdrawMember = (
  context: {
    readonly enrolments: ReadonlyArray<MemberEnrolment>
    /** The member's claims (default none). */
    readonly claims?: ReadonlyArray<Claim>
  },
  command: WithdrawMember
): Result =>
  Either.map(current(context.enrolments, command.at, memberRules, "memberId", command.memberId), (row) =>
    Changes.make({
      at: command.at,
      endMemberEnrolments: [{ memberId: row.memberId, validFrom: row.validFrom }],
      endClaims: (context.claims ?? [])
        .filter((c) => c.memberId === command.memberId && runningFrom(c, command.at))
        .map((c) => ({ postId: c.postId, memberId: c.memberId, validFrom: c.validFrom }))
    }))

// ------------------------------------------------------------------ agreements and lists

/** Whether a unit is enrolled with a street on a day. */
const enrolledOn = (enrolments: ReadonlyArray<UnitEnrolment>, at: IsoDate) => enrolments.some((e) => validAt(e, at))

/**
 * Signs an agreement. Rules: `agreement.id-unique`, `agreement.term` (it ends after it
 * begins), `agreement.organisation` (one of the tenant's party organisations, no
 * temporary branch, on the first day of the term), `agreement.unit-enrolled` (the unit
 * is enrolled with a street on that day: 双报到 comes first).
 *
 * @since 0.3.0
 * @category rules
 */
export const signAgreement = (
  tenant: Tenant,
  context: {
    readonly idUsed: boolean
    /** Every version of the organisation. */
    readonly organisation: ReadonlyArray<Organisation>
    /** Every enrolment row of the unit. */
    readonly unitEnrolments: ReadonlyArray<UnitEnrolment>
  },
  command: SignAgreement
): Result => {
  if (context.idUsed) return violation("agreement.id-unique", "id", `agreement ${command.id} was signed already; an id is for life`)
  if (command.to <= command.from) return violation("agreement.term", "to", `the term ends on ${command.to}, not after ${command.from}`)
  const organisation = context.organisation.find((v) => validAt(v, command.from))
  if (organisation === undefined || organisation.kind === "temporary_branch") {
    return violation(
      "agreement.organisation",
      "organisationId",
      `${command.organisationId} is no party organisation of the tenant on ${command.from} that can sign (a temporary branch cannot)`
    )
  }
  if (!enrolledOn(context.unitEnrolments, command.from)) {
    return violation("agreement.unit-enrolled", "unitCreditCode", `${command.unitCreditCode} is not enrolled with a street on ${command.from}`)
  }
  return Either.right(Changes.make({
    agreements: [{
      tenant,
      id: command.id,
      organisationId: command.organisationId,
      unitCreditCode: command.unitCreditCode,
      unitOrganisation: command.unitOrganisation,
      from: command.from,
      to: command.to,
      commitments: command.commitments
    }]
  }))
}

/**
 * Lists a community's need. Rules: `need.id-unique`, `need.grid` (a grid valid on the
 * day, at the community level or below).
 *
 * @since 0.3.0
 * @category rules
 */
export const listNeed = (
  tenant: Tenant,
  context: { readonly idUsed: boolean; readonly gridValid: boolean },
  command: ListNeed
): Result => {
  if (context.idUsed) return violation("need.id-unique", "id", `need ${command.id} was listed already; an id is for life`)
  if (!context.gridValid) return violation("need.grid", "gridCode", `${command.gridCode} is no community or grid under one valid on ${command.at}`)
  const { at, _tag, ...need } = command
  return Either.right(Changes.make({ needs: [{ tenant, ...need, listedOn: at }] }))
}

/**
 * Lists a unit's resource. Rules: `resource.id-unique`, `resource.unit-enrolled` (the
 * unit is enrolled with a street on the day), `resource.grid` (a grid valid on the day).
 *
 * @since 0.3.0
 * @category rules
 */
export const listResource = (
  tenant: Tenant,
  context: { readonly idUsed: boolean; readonly unitEnrolments: ReadonlyArray<UnitEnrolment>; readonly gridValid: boolean },
  command: ListResource
): Result => {
  if (context.idUsed) return violation("resource.id-unique", "id", `resource ${command.id} was listed already; an id is for life`)
  if (!enrolledOn(context.unitEnrolments, command.at)) {
    return violation("resource.unit-enrolled", "unitCreditCode", `${command.unitCreditCode} is not enrolled with a street on ${command.at}`)
  }
  if (!context.gridValid) return violation("resource.grid", "gridCode", `${command.gridCode} is no grid valid on ${command.at}`)
  const { at, _tag, ...resource } = command
  return Either.right(Changes.make({ resources: [{ tenant, ...resource, listedOn: at }] }))
}

// ------------------------------------------------------------------ projects

/**
 * Starts a project. Rules: `project.id-unique`, `project.agreement` (it exists),
 * `project.term` (its span `[from, to)` is not empty and lies inside the agreement's
 * term), `project.unit-enrolled` (the agreement's unit is enrolled with a street on
 * the project's start), `project.organisation` (the agreement's organisation exists on
 * the project's start), `project.allocation-once` (a need and a resource are paired once),
 * `project.need` (each need exists, listed by the project's start, and lies under a
 * grid the agreement's organisation serves), `project.resource` (each resource exists,
 * listed by the start, and is the agreement's unit's), `project.quantity` (no need gets
 * more units than it asks for, over every project) and `project.capacity` (no resource
 * gives more units than its capacity, over every project).
 *
 * @since 0.3.0
 * @category rules
 */
export const startProject = (
  tenant: Tenant,
  context: {
    readonly idUsed: boolean
    readonly agreement: Agreement | undefined
    /**
     * The grids the agreement's organisation serves on the project's start (none: the
     * whole tenant), or null when it does not exist that day (dissolved, or not yet formed).
     */
    readonly organisationGrids: ReadonlyArray<string> | null
    /** The needs and resources the command names, those that exist. */
    readonly needs: ReadonlyArray<Need>
    readonly resources: ReadonlyArray<Resource>
    /** Every allocation of other projects to those needs or from those resources. */
    readonly allocated: ReadonlyArray<Allocation>
    /** The enrolment rows of the agreement's unit (default: enrolled throughout). */
    readonly unitEnrolments?: ReadonlyArray<UnitEnrolment>
  },
  command: StartProject
): Result => {
  if (context.idUsed) return violation("project.id-unique", "id", `project ${command.id} was started already; an id is for life`)
  const agreement = context.agreement
  if (agreement === undefined) return violation("project.agreement", "agreementId", `no agreement ${command.agreementId}`)
  if (command.to <= command.from) return violation("project.term", "to", `the project ends on ${command.to}, not after ${command.from}`)
  if (command.from < agreement.from || command.to > agreement.to) {
    return violation(
      "project.term",
      command.from < agreement.from ? "from" : "to",
      `the project runs ${command.from}–${command.to}, outside the agreement's term ${agreement.from}–${agreement.to}`
    )
  }
  if (context.unitEnrolments !== undefined && !enrolledOn(context.unitEnrolments, command.from)) {
    return violation(
      "project.unit-enrolled",
      "from",
      `${agreement.unitCreditCode}, the agreement's unit, is enrolled with no street on ${command.from}: no project starts with it`
    )
  }
  const grids = context.organisationGrids
  if (grids === null) {
    return violation(
      "project.organisation",
      "from",
      `${agreement.organisationId}, the agreement's organisation, does not exist on ${command.from}: no project starts under it`
    )
  }
  const pairs = new Set<string>()
  for (const [i, a] of command.allocations.entries()) {
    const key = `${a.needId}\u0000${a.resourceId}`
    if (pairs.has(key)) return violation("project.allocation-once", `allocations.${i}`, `${a.needId} and ${a.resourceId} are paired twice`)
    pairs.add(key)
  }
  const needs = new Map(context.needs.map((n) => [n.id as string, n]))
  const resources = new Map(context.resources.map((r) => [r.id as string, r]))
  const served = (code: string) => grids.length === 0 || grids.some((g) => code.startsWith(g))
  for (const [i, a] of command.allocations.entries()) {
    const need = needs.get(a.needId)
    if (need === undefined || need.listedOn > command.from) {
      return violation("project.need", `allocations.${i}.needId`, `no need ${a.needId} is listed by ${command.from}`)
    }
    if (!served(need.gridCode)) {
      return violation("project.need", `allocations.${i}.needId`, `${a.needId} arises in ${need.gridCode}, which ${agreement.organisationId} does not serve`)
    }
    const resource = resources.get(a.resourceId)
    if (resource === undefined || resource.listedOn > command.from) {
      return violation("project.resource", `allocations.${i}.resourceId`, `no resource ${a.resourceId} is listed by ${command.from}`)
    }
    if (resource.unitCreditCode !== agreement.unitCreditCode) {
      return violation("project.resource", `allocations.${i}.resourceId`, `${a.resourceId} is not ${agreement.unitCreditCode}'s, the agreement's unit`)
    }
  }
  // Units over every project, this one's in order: the refusal names the allocation
  // that goes past the quantity or the capacity.
  const toNeed = new Map<string, number>()
  const fromResource = new Map<string, number>()
  for (const a of context.allocated) {
    toNeed.set(a.needId, (toNeed.get(a.needId) ?? 0) + a.units)
    fromResource.set(a.resourceId, (fromResource.get(a.resourceId) ?? 0) + a.units)
  }
  for (const [i, a] of command.allocations.entries()) {
    const need = needs.get(a.needId)!
    const wanted = (toNeed.get(a.needId) ?? 0) + a.units
    toNeed.set(a.needId, wanted)
    if (wanted > need.quantity) {
      return violation("project.quantity", `allocations.${i}.units`, `${a.needId} asks for ${need.quantity} units; projects would give it ${wanted}`)
    }
    const resource = resources.get(a.resourceId)!
    const given = (fromResource.get(a.resourceId) ?? 0) + a.units
    fromResource.set(a.resourceId, given)
    if (given > resource.capacity) {
      return violation("project.capacity", `allocations.${i}.units`, `${a.resourceId} has a capacity of ${resource.capacity} units; projects would take ${given}`)
    }
  }
  const { _tag, ...project } = command
  return Either.right(Changes.make({ projects: [{ tenant, ...project }] }))
}

/**
 * Reports a project's progress. Rules: `progress.project` (it exists), `progress.span`
 * (a day of its span `[from, to)`), `progress.future` (not after today), `progress.backdated`
 * (not before a later report), `progress.decrease` (completion never goes below an
 * earlier day's; a second report on one day replaces the first, so it may correct it).
 *
 * @since 0.3.0
 * @category rules
 */
export const reportProgress = (
  tenant: Tenant,
  context: {
    readonly project: Project | undefined
    /** The project's reports so far. */
    readonly reports: ReadonlyArray<Progress>
    readonly today: IsoDate
  },
  command: ReportProgress
): Result => {
  const project = context.project
  if (project === undefined) return violation("progress.project", "projectId", `no project ${command.projectId}`)
  if (command.on < project.from) return violation("progress.span", "on", `${command.projectId} starts on ${project.from}, after ${command.on}`)
  if (command.on >= project.to) {
    return violation("progress.span", "on", `${command.projectId} ran until ${project.to}; report its progress on a day of its span`)
  }
  if (command.on > context.today) return violation("progress.future", "on", `${command.on} is after today (${context.today})`)
  const later = context.reports.find((r) => r.on > command.on)
  if (later !== undefined) return violation("progress.backdated", "on", `${command.projectId} reported on ${later.on}, after ${command.on}`)
  // Against the reports of earlier days: a second report on one day replaces the first.
  const before = context.reports.reduce((m, r) => (r.on < command.on && r.percent > m ? r.percent : m), 0)
  if (command.percent < before) {
    return violation("progress.decrease", "percent", `${command.projectId} was ${before} % done already; progress does not go down`)
  }
  // A second report on one day replaces the first.
  return Either.right(Changes.make({ progress: [{ tenant, projectId: command.projectId, on: command.on, percent: command.percent }] }))
}

// ------------------------------------------------------------------ volunteering

/**
 * Forms a volunteer team for a grid. Rules: `team.id-unique`, `team.grid` (a community,
 * or a grid under one, valid on the day).
 *
 * @since 0.3.0
 * @category rules
 */
export const formTeam = (tenant: Tenant, context: { readonly idUsed: boolean; readonly gridValid: boolean }, command: FormTeam): Result => {
  if (context.idUsed) return violation("team.id-unique", "id", `team ${command.id} was formed already; an id is for life`)
  if (!context.gridValid) return violation("team.grid", "gridCode", `${command.gridCode} is no community or grid under one valid on ${command.at}`)
  return Either.right(Changes.make({
    teams: [{ tenant, id: command.id, name: command.name, gridCode: command.gridCode, validFrom: command.at, validTo: null }]
  }))
}

/**
 * Opens a post. Rules: `post.id-unique`, `post.team` (the team exists on the day),
 * `post.category` (a category of the policy).
 *
 * @since 0.3.0
 * @category rules
 */
export const openPost = (
  config: CoConstructionConfigShape,
  tenant: Tenant,
  context: { readonly idUsed: boolean; readonly team: Team | undefined },
  command: OpenPost
): Result => {
  if (context.idUsed) return violation("post.id-unique", "id", `post ${command.id} was opened already; an id is for life`)
  if (context.team === undefined || !validAt(context.team, command.at)) {
    return violation("post.team", "teamId", `no team ${command.teamId} on ${command.at}`)
  }
  if (!config.postCategories.some((c) => c.key === command.category)) {
    return violation(
      "post.category",
      "category",
      `${command.category} is not a post category of the policy (${config.postCategories.map((c) => c.key).join(", ")})`
    )
  }
  const { _tag, at, ...post } = command
  return Either.right(Changes.make({ posts: [{ tenant, ...post, openedOn: at }] }))
}

/**
 * A member claims a post. Rules: `claim.post` (opened by the day, its team there that
 * day), `claim.enrolled` (the member is enrolled with a community on the day: 双报到
 * first), `claim.skills` (the member has every skill the post asks for: recorded at
 * enrolment, or declared with the claim),
 * `claim.once` (no claim of theirs on the post running on or after the day) and
 * `claim.capacity` (on no day from this one on would the post have more claims than
 * its capacity). A claim ends where the member's enrolment does, when a withdrawal is
 * recorded already.
 *
 * @since 0.3.0
 * @category rules
 */
export const claimPost = (
  tenant: Tenant,
  context: {
    readonly post: Post | undefined
    readonly team: Team | undefined
    /** The member's enrolment rows. */
    readonly enrolments: ReadonlyArray<MemberEnrolment>
    /** Every claim on the post. */
    readonly claims: ReadonlyArray<Claim>
  },
  command: ClaimPost
): Result => {
  const post = context.post
  if (post === undefined || post.openedOn > command.at || context.team === undefined || !validAt(context.team, command.at)) {
    return violation("claim.post", "postId", `no post ${command.postId} is open on ${command.at}`)
  }
  const enrolment = context.enrolments.find((e) => validAt(e, command.at))
  if (enrolment === undefined) {
    return violation("claim.enrolled", "memberId", `${command.memberId} is enrolled with no community on ${command.at}`)
  }
  const missing = post.skills.filter((s) => !command.skills.includes(s) && !enrolment.skills.includes(s))
  if (missing.length > 0) {
    return violation("claim.skills", "skills", `${command.postId} asks for ${missing.join(", ")}, which ${command.memberId} did not declare`)
  }
  if (context.claims.some((c) => c.memberId === command.memberId && runningFrom(c, command.at))) {
    return violation("claim.once", "memberId", `${command.memberId} claims ${command.postId} on or after ${command.at} already`)
  }
  if (peakFrom(context.claims, command.at) + 1 > post.capacity) {
    return violation("claim.capacity", "postId", `${command.postId} takes ${post.capacity} volunteer(s) at a time; it is full on or after ${command.at}`)
  }
  return Either.right(Changes.make({
    newClaims: [{
      tenant,
      postId: command.postId,
      memberId: command.memberId,
      validFrom: command.at,
      // A claim runs while the member is enrolled: to a withdrawal recorded already.
      validTo: enrolledUntil(context.enrolments, enrolment)
    }]
  }))
}

/**
 * A member withdraws a claim. Rules: `claim.exists`, `claim.backdated` (no later claim
 * of theirs on the post recorded). A claim that ends already — with the member's
 * enrolment, or withdrawn for a later day — may be ended sooner.
 *
 * @since 0.3.0
 * @category rules
 */
export const withdrawClaim = (context: { readonly claims: ReadonlyArray<Claim> }, command: WithdrawClaim): Result =>
  context.claims.length === 0
    ? violation("claim.exists", "postId", `no claim on ${command.postId} is recorded`)
    : Either.map(
    current(
      context.claims.filter((c) => c.memberId === command.memberId),
      command.at,
      { exists: "claim.exists", backdated: "claim.backdated" },
      "memberId",
      `${command.memberId}'s claim on ${command.postId}`,
      "does not run",
      false
    ),
    (claim) => Changes.make({ at: command.at, endClaims: [{ postId: claim.postId, memberId: claim.memberId, validFrom: claim.validFrom }] })
  )

// ------------------------------------------------------------------ joint meetings

/**
 * Records a joint meeting. Rules: `joint-meeting.id-unique`, `joint-meeting.future` (not
 * after today), `joint-meeting.street` (a grid of the street level valid on the day),
 * `joint-meeting.unit-once` and `joint-meeting.unit-enrolled` (each unit present once,
 * enrolled with that street on the day), `joint-meeting.task-id` (each decision's task
 * id new), `joint-meeting.due` (a task is not due before the meeting) and
 * `joint-meeting.task-unit` (a task's unit is one of the units present).
 *
 * @since 0.3.0
 * @category rules
 */
export const holdJointMeeting = (
  tenant: Tenant,
  context: {
    readonly idUsed: boolean
    readonly streetValid: boolean
    /** The enrolment rows of the units named. */
    readonly unitEnrolments: ReadonlyArray<UnitEnrolment>
    /** The task ids named that are in use. */
    readonly tasksUsed: ReadonlySet<string>
    readonly today: IsoDate
  },
  command: HoldJointMeeting
): Result => {
  if (context.idUsed) return violation("joint-meeting.id-unique", "id", `joint meeting ${command.id} was recorded already`)
  if (command.date > context.today) return violation("joint-meeting.future", "date", `${command.date} is after today (${context.today})`)
  if (!context.streetValid) return violation("joint-meeting.street", "streetCode", `${command.streetCode} is no street valid on ${command.date}`)
  const seen = new Set<string>()
  for (const [i, code] of command.units.entries()) {
    if (seen.has(code)) return violation("joint-meeting.unit-once", `units.${i}`, `${code} is listed twice`)
    seen.add(code)
    const enrolled = context.unitEnrolments.some((e) => e.creditCode === code && e.streetCode === command.streetCode && validAt(e, command.date))
    if (!enrolled) return violation("joint-meeting.unit-enrolled", `units.${i}`, `${code} is not enrolled with ${command.streetCode} on ${command.date}`)
  }
  const taskIds = new Set<string>()
  for (const [i, d] of command.decisions.entries()) {
    if (context.tasksUsed.has(d.taskId) || taskIds.has(d.taskId)) {
      return violation("joint-meeting.task-id", `decisions.${i}.taskId`, `task ${d.taskId} exists already; an id is for life`)
    }
    taskIds.add(d.taskId)
    if (d.due < command.date) return violation("joint-meeting.due", `decisions.${i}.due`, `${d.taskId} is due on ${d.due}, before the meeting`)
    if (d.unitCreditCode !== null && !seen.has(d.unitCreditCode)) {
      return violation("joint-meeting.task-unit", `decisions.${i}.unitCreditCode`, `${d.unitCreditCode} carries ${d.taskId} but was not at the meeting`)
    }
  }
  const meeting: JointMeeting = {
    tenant,
    id: command.id,
    streetCode: command.streetCode,
    date: command.date,
    topic: command.topic,
    units: [...command.units]
  }
  const tasks: Array<Task> = command.decisions.map((d) => ({
    tenant,
    id: d.taskId,
    meetingId: command.id,
    text: d.text,
    unitCreditCode: d.unitCreditCode,
    due: d.due,
    completedOn: null
  }))
  return Either.right(Changes.make({ jointMeetings: [meeting], tasks }))
}

/**
 * Completes a task. Rules: `task.exists`, `task.once` (not completed already),
 * `task.before-meeting` (not before the meeting that decided it), `task.future` (not
 * after today).
 *
 * @since 0.3.0
 * @category rules
 */
export const completeTask = (
  context: { readonly task: Task | undefined; readonly meeting: JointMeeting | undefined; readonly today: IsoDate },
  command: CompleteTask
): Result => {
  const { meeting, task } = context
  if (task === undefined || meeting === undefined) return violation("task.exists", "taskId", `no task ${command.taskId}`)
  if (task.completedOn !== null) return violation("task.once", "taskId", `${command.taskId} was completed on ${task.completedOn}`)
  if (command.at < meeting.date) return violation("task.before-meeting", "at", `${command.taskId} was decided on ${meeting.date}, after ${command.at}`)
  if (command.at > context.today) return violation("task.future", "at", `${command.at} is after today (${context.today})`)
  return Either.right(Changes.make({ tasks: [{ ...task, completedOn: command.at }] }))
}
