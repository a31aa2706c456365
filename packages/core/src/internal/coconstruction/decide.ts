/**
 * One co-construction command's decision inside its transaction: load the context the
 * rule needs, check that every grid it touches lies in the actor's scope, call the pure
 * rule, return the facts to write.
 *
 * @internal
 */
import { Effect } from "effect"
import * as Actor from "../../access/Actor.js"
import type { Tenant } from "../../access/Tenant.js"
import type { AgreementId } from "../../coconstruction/Agreement.js"
import type { CoConstructionCommand } from "../../coconstruction/CoConstructionCommand.js"
import type { CoConstructionConfigShape } from "../../coconstruction/CoConstructionConfig.js"
import * as Rules from "../../coconstruction/CoConstructionRules.js"
import type { CoConstructionStoreShape } from "../../coconstruction/CoConstructionStore.js"
import type { JointMeetingId, TaskId } from "../../coconstruction/JointMeeting.js"
import type { Need, NeedId } from "../../coconstruction/Need.js"
import type { Resource, ResourceId } from "../../coconstruction/Resource.js"
import { type GridCode, validAt } from "../../grid/Grid.js"
import type { GridRepository } from "../../grid/GridRepository.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import type { CreditCode } from "../../identifiers/CreditCode.js"
import type { MemberId } from "../../organisation/Member.js"
import type { Organisation, OrganisationId } from "../../organisation/Organisation.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import * as IsoDate from "../../time/IsoDate.js"
import { reachOf } from "../organisation/decide.js"
import { guardCodes as guard } from "../scope.js"

const within = (row: { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }, at: IsoDate.IsoDate) =>
  IsoDate.within(at, row.validFrom, row.validTo)

/** The code lengths of the street and community levels of a scheme. */
export const levelLengths = (scheme: LevelScheme.LevelScheme) => {
  const community = LevelScheme.communityLevel(scheme)
  return { street: LevelScheme.codeLength(scheme, community - 1), community: LevelScheme.codeLength(scheme, community) }
}

/** @internal */
export const make = (
  store: CoConstructionStoreShape,
  organisations: Pick<OrganisationStoreShape, "organisations" | "members">,
  grids: { readonly grids: Pick<GridRepository, "versionsOf"> },
  config: CoConstructionConfigShape,
  scheme: LevelScheme.LevelScheme,
  /** The day the rules take as today (the batch path reads the clock once per batch). */
  today: Effect.Effect<IsoDate.IsoDate> = IsoDate.today
) => {
  const { agreements, enrolments, jointMeetings, volunteers } = store
  const lengths = levelLengths(scheme)

  /** Whether a grid of the code is valid on the day and its code satisfies `level`. */
  const gridValid = function*(tenant: Tenant, code: string, day: IsoDate.IsoDate, level: (code: string) => boolean) {
    if (!level(code)) return false
    const versions = yield* grids.grids.versionsOf(tenant, [code as GridCode])
    return versions.some((g) => validAt(g, day))
  }
  const isStreet = (code: string) => code.length === lengths.street
  const isCommunity = (code: string) => code.length === lengths.community
  const inCommunity = (code: string) => code.length >= lengths.community
  const anyLevel = () => true

  const versionsOf = (tenant: Tenant, id: OrganisationId) => organisations.organisations.versionsOf(tenant, [id])
  /** The grids an agreement's organisation reaches (the tenant's root when it is unknown). */
  const agreementReach = function*(tenant: Tenant, id: AgreementId) {
    const [agreement] = yield* agreements.agreementsOf(tenant, [id])
    if (agreement === undefined) return { agreement, versions: [] as ReadonlyArray<Organisation>, reach: [] as ReadonlyArray<string> }
    const versions = yield* versionsOf(tenant, agreement.organisationId)
    return { agreement, versions, reach: versions.length === 0 ? [tenant] : reachOf(versions) }
  }
  const unitsOf = (tenant: Tenant, codes: ReadonlyArray<CreditCode>) =>
    codes.length === 0 ? Effect.succeed([]) : enrolments.unitsOf(tenant, codes)
  const membersOf = (tenant: Tenant, id: MemberId) => enrolments.membersOf(tenant, [id])
  /**
   * The grids of a history's rows running on or after a day: those a change on that day
   * would touch, or that would make it backdated. All must lie in the actor's scope, so
   * that a refusal never tells of a row outside it.
   */
  const runningFrom = <A extends { readonly validTo: IsoDate.IsoDate | null }>(rows: ReadonlyArray<A>, at: IsoDate.IsoDate, code: (row: A) => string) =>
    rows.filter((r) => r.validTo === null || r.validTo > at).map(code)

  /**
   * The decision as a generator of store reads, refusals and rule results: run by the
   * Effect runtime for one command (`Commands.makePlain`) or driven by the batch path. Every effect it yields is
   * made when yielded.
   */
  const steps = function*(actor: Actor.Actor, command: CoConstructionCommand) {
    const tenant = actor.tenant
    const action = command._tag
    switch (command._tag) {
      case "EnrolUnit": {
        yield* guard(actor, action, command.creditCode, [command.streetCode])
        return yield* Rules.enrolUnit(tenant, {
          enrolments: yield* unitsOf(tenant, [command.creditCode]),
          streetValid: yield* gridValid(tenant, command.streetCode, command.at, isStreet)
        }, command)
      }
      case "TransferUnit": {
        const rows = yield* unitsOf(tenant, [command.creditCode])
        yield* guard(actor, action, command.creditCode, [...runningFrom(rows, command.at, (r) => r.streetCode), command.streetCode])
        return yield* Rules.transferUnit({
          enrolments: rows,
          streetValid: yield* gridValid(tenant, command.streetCode, command.at, isStreet)
        }, command)
      }
      case "WithdrawUnit": {
        const rows = yield* unitsOf(tenant, [command.creditCode])
        yield* guard(actor, action, command.creditCode, runningFrom(rows, command.at, (r) => r.streetCode))
        return yield* Rules.withdrawUnit({ enrolments: rows }, command)
      }
      case "EnrolMember": {
        yield* guard(actor, action, command.memberId, [command.communityCode])
        const memberships = yield* organisations.members.membershipsOf(tenant, [command.memberId])
        return yield* Rules.enrolMember(config, tenant, {
          enrolments: yield* membersOf(tenant, command.memberId),
          communityValid: yield* gridValid(tenant, command.communityCode, command.at, isCommunity),
          memberOfTenant: memberships.some((m) => within(m, command.at))
        }, command)
      }
      case "TransferEnrolment": {
        const rows = yield* membersOf(tenant, command.memberId)
        yield* guard(actor, action, command.memberId, [...runningFrom(rows, command.at, (r) => r.communityCode), command.communityCode])
        return yield* Rules.transferEnrolment({
          enrolments: rows,
          communityValid: yield* gridValid(tenant, command.communityCode, command.at, isCommunity)
        }, command)
      }
      case "WithdrawMember": {
        const rows = yield* membersOf(tenant, command.memberId)
        yield* guard(actor, action, command.memberId, runningFrom(rows, command.at, (r) => r.communityCode))
        return yield* Rules.withdrawMember({ enrolments: rows, claims: yield* volunteers.claimsOf(tenant, [command.memberId]) }, command)
      }
      case "SignAgreement": {
        const versions = yield* versionsOf(tenant, command.organisationId)
        yield* guard(actor, action, command.id, versions.length === 0 ? [] : reachOf(versions))
        return yield* Rules.signAgreement(tenant, {
          idUsed: (yield* agreements.agreementsOf(tenant, [command.id])).length > 0,
          organisation: versions,
          unitEnrolments: yield* unitsOf(tenant, [command.unitCreditCode])
        }, command)
      }
      case "ListNeed": {
        yield* guard(actor, action, command.id, [command.gridCode])
        return yield* Rules.listNeed(tenant, {
          idUsed: (yield* agreements.needsOf(tenant, [command.id])).length > 0,
          gridValid: yield* gridValid(tenant, command.gridCode, command.at, inCommunity)
        }, command)
      }
      case "ListResource": {
        yield* guard(actor, action, command.id, [command.gridCode])
        return yield* Rules.listResource(tenant, {
          idUsed: (yield* agreements.resourcesOf(tenant, [command.id])).length > 0,
          unitEnrolments: yield* unitsOf(tenant, [command.unitCreditCode]),
          gridValid: yield* gridValid(tenant, command.gridCode, command.at, anyLevel)
        }, command)
      }
      case "StartProject": {
        const { agreement, reach, versions } = yield* agreementReach(tenant, command.agreementId)
        yield* guard(actor, action, command.id, reach)
        const needIds = Array.from(new Set(command.allocations.map((a) => a.needId))) as ReadonlyArray<NeedId>
        const resourceIds = Array.from(new Set(command.allocations.map((a) => a.resourceId))) as ReadonlyArray<ResourceId>
        const needs: ReadonlyArray<Need> = yield* agreements.needsOf(tenant, needIds)
        const resources: ReadonlyArray<Resource> = yield* agreements.resourcesOf(tenant, resourceIds)
        // What it takes from and gives to must lie in the scope too: a resource's units
        // are its street's to give.
        yield* guard(actor, action, command.id, [...needs.map((n) => n.gridCode), ...resources.map((r) => r.gridCode)])
        const allocated = [
          ...(yield* agreements.allocationsTo(tenant, needIds)),
          ...(yield* agreements.allocationsFrom(tenant, resourceIds))
        ].filter((a) => a.projectId !== command.id)
        // Each allocation once, though it may have been read by its need and by its resource.
        const seen = new Set<string>()
        const distinct = allocated.filter((a) => {
          const key = `${a.projectId}\u0000${a.needId}\u0000${a.resourceId}`
          return seen.has(key) ? false : (seen.add(key), true)
        })
        const serving = versions.find((v) => within(v, command.from))
        return yield* Rules.startProject(tenant, {
          idUsed: (yield* agreements.projectsOf(tenant, [command.id])).length > 0,
          agreement,
          organisationGrids: serving === undefined ? null : serving.grids,
          needs,
          resources,
          allocated: distinct,
          unitEnrolments: agreement === undefined ? [] : yield* unitsOf(tenant, [agreement.unitCreditCode])
        }, command)
      }
      case "ReportProgress": {
        const [project] = yield* agreements.projectsOf(tenant, [command.projectId])
        if (project !== undefined) yield* guard(actor, action, command.projectId, (yield* agreementReach(tenant, project.agreementId)).reach)
        return yield* Rules.reportProgress(tenant, {
          project,
          reports: project === undefined ? [] : yield* agreements.progressOf(tenant, [project.id]),
          today: yield* today
        }, command)
      }
      case "FormTeam": {
        yield* guard(actor, action, command.id, [command.gridCode])
        return yield* Rules.formTeam(tenant, {
          idUsed: (yield* volunteers.teamsOf(tenant, [command.id])).length > 0,
          gridValid: yield* gridValid(tenant, command.gridCode, command.at, inCommunity)
        }, command)
      }
      case "OpenPost": {
        const [team] = yield* volunteers.teamsOf(tenant, [command.teamId])
        if (team !== undefined) yield* guard(actor, action, command.id, [team.gridCode])
        return yield* Rules.openPost(config, tenant, {
          idUsed: (yield* volunteers.postsOf(tenant, [command.id])).length > 0,
          team
        }, command)
      }
      case "ClaimPost":
      case "WithdrawClaim": {
        const [post] = yield* volunteers.postsOf(tenant, [command.postId])
        const [team] = post === undefined ? [] : yield* volunteers.teamsOf(tenant, [post.teamId])
        if (team !== undefined) yield* guard(actor, action, `${command.postId}/${command.memberId}`, [team.gridCode])
        const claims = yield* volunteers.claimsOn(tenant, [command.postId])
        if (command._tag === "WithdrawClaim") return yield* Rules.withdrawClaim({ claims }, command)
        // The member's community too: a claim reads what their enrolment recorded (skills).
        const enrolments = yield* membersOf(tenant, command.memberId)
        yield* guard(actor, action, `${command.postId}/${command.memberId}`, runningFrom(enrolments, command.at, (r) => r.communityCode))
        return yield* Rules.claimPost(tenant, { post, team, enrolments, claims }, command)
      }
      case "HoldJointMeeting": {
        yield* guard(actor, action, command.id, [command.streetCode])
        const taskIds = command.decisions.map((d) => d.taskId) as ReadonlyArray<TaskId>
        const used = taskIds.length === 0 ? [] : yield* jointMeetings.tasksOf(tenant, taskIds)
        return yield* Rules.holdJointMeeting(tenant, {
          idUsed: (yield* jointMeetings.getMany(tenant, [command.id])).length > 0,
          streetValid: yield* gridValid(tenant, command.streetCode, command.date, isStreet),
          unitEnrolments: yield* unitsOf(tenant, Array.from(new Set(command.units))),
          tasksUsed: new Set(used.map((t) => t.id)),
          today: yield* today
        }, command)
      }
      case "CompleteTask": {
        const [task] = yield* jointMeetings.tasksOf(tenant, [command.taskId])
        const [meeting] = task === undefined ? [] : yield* jointMeetings.getMany(tenant, [task.meetingId as JointMeetingId])
        if (meeting !== undefined) yield* guard(actor, action, command.taskId, [meeting.streetCode])
        return yield* Rules.completeTask({ task, meeting, today: yield* today }, command)
      }
    }
  }

  return { steps, lengths }
}
