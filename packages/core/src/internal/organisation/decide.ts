/**
 * One organisation command's decision inside its transaction: load the context the
 * rule needs, check that what it touches lies in the actor's scope, call the pure rule,
 * return the facts to write.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import * as Actor from "../../access/Actor.js"
import type { Forbidden } from "../../errors/Forbidden.js"
import type { RuleViolation } from "../../errors/RuleViolation.js"
import type { StoreError } from "../../errors/StoreError.js"
import { validAt } from "../../grid/Grid.js"
import type { GridRepository } from "../../grid/GridRepository.js"
import type { Membership, Participation } from "../../organisation/Member.js"
import type { MemberId } from "../../organisation/Member.js"
import type { MeetingId } from "../../organisation/Meeting.js"
import type { Organisation, OrganisationId } from "../../organisation/Organisation.js"
import type { OrganisationChanges } from "../../organisation/OrganisationChanges.js"
import type { OrganisationCommand } from "../../organisation/OrganisationCommand.js"
import type { OrganisationConfigShape } from "../../organisation/OrganisationConfig.js"
import * as Rules from "../../organisation/OrganisationRules.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import * as IsoDate from "../../time/IsoDate.js"
import { guardCodes } from "../scope.js"
import { groupBy } from "../groupBy.js"

const within = (row: { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }, at: IsoDate.IsoDate) =>
  IsoDate.within(at, row.validFrom, row.validTo)

/**
 * The grid codes an organisation's versions serve: where it lies, for the scope. One
 * that serves no grid lies at the tenant's root (only a district-wide actor reaches it).
 */
export const reachOf = (versions: ReadonlyArray<Organisation>): ReadonlyArray<string> =>
  versions.flatMap((v): ReadonlyArray<string> => (v.grids.length > 0 ? v.grids : [v.tenant]))

/**
 * Of the organisation ids, those whose versions (among `versions`) serve only grids that
 * `inside` accepts; an id with no versions lies at the tenant's root.
 */
export const servingWithin = (
  tenant: string,
  ids: ReadonlyArray<string>,
  versions: ReadonlyArray<Organisation>,
  inside: (code: string) => boolean
): ReadonlySet<string> => {
  const byId = groupBy(versions, (v) => v.id)
  return new Set(ids.filter((id) => {
    const mine = byId.get(id) ?? []
    return (mine.length === 0 ? [tenant] : reachOf(mine)).every(inside)
  }))
}

/** @internal */
export const make = (
  store: OrganisationStoreShape,
  grids: { readonly grids: Pick<GridRepository, "versionsOf"> },
  config: OrganisationConfigShape,
  /** The day the rules take as today (the batch path reads the clock once per batch). */
  today: Effect.Effect<IsoDate.IsoDate> = IsoDate.today
) => {
  const { meetings, members, organisations } = store

  /** Every organisation it touches must lie in the actor's scope. */
  const guard = (actor: Actor.Actor, action: string, target: string, versions: ReadonlyArray<Organisation>) =>
    guardCodes(actor, action, target, reachOf(versions))

  const versionsOf = (tenant: Actor.Actor["tenant"], ids: ReadonlyArray<string>) =>
    ids.length === 0 ? Effect.succeed([]) : organisations.versionsOf(tenant, ids as ReadonlyArray<OrganisationId>)
  const membershipsOf = (tenant: Actor.Actor["tenant"], id: string) => members.membershipsOf(tenant, [id as MemberId])
  const participationsOf = (tenant: Actor.Actor["tenant"], id: string) => members.participationsOf(tenant, [id as MemberId])
  const recordsOf = function*(tenant: Actor.Actor["tenant"], id: string) {
    const dues = yield* members.duesOf(tenant, [id as MemberId])
    const discipline = yield* members.disciplineOf(tenant, [id as MemberId])
    return { dues, discipline }
  }

  /**
   * The meetings of the organisations a member change touches: the branch joined, the
   * member's branches and the temporary branches they take part in (the rule picks
   * those whose rolls it changes).
   */
  const heldIn = function*(
    tenant: Actor.Actor["tenant"],
    ids: ReadonlyArray<string>,
    rows: ReadonlyArray<{ readonly organisationId: string }>,
    /** With the 党委 and 党总支 above them: a change that takes the member out of a branch. */
    above = false
  ) {
    const seen = new Set<string>([...ids, ...rows.map((r) => r.organisationId)])
    for (let frontier = above ? Array.from(seen) : []; frontier.length > 0;) {
      const parents = (yield* versionsOf(tenant, frontier)).flatMap((v) => (v.parentId === null || seen.has(v.parentId) ? [] : [v.parentId]))
      frontier = Array.from(new Set<string>(parents))
      for (const id of frontier) seen.add(id)
    }
    const all = Array.from(seen) as ReadonlyArray<string> as ReadonlyArray<OrganisationId>
    return all.length === 0 ? [] : yield* meetings.meetingsIn(tenant, all)
  }

  /** The organisations of a member's memberships (for the scope of a command on the member). */
  const homesOf = (tenant: Actor.Actor["tenant"], rows: ReadonlyArray<Membership>) =>
    versionsOf(tenant, Array.from(new Set(rows.map((m) => m.organisationId))))

  /**
   * The decision as a generator of store reads, refusals and rule results: run by the
   * Effect runtime (`decide`), or driven synchronously by the batch path while its reads
   * are answered from memory. Every effect it yields is made when yielded.
   */
  const steps = function*(actor: Actor.Actor, command: OrganisationCommand) {
    const tenant = actor.tenant
    const action = command._tag
    switch (command._tag) {
      case "FormOrganisation": {
        const parent = command.parentId === null ? [] : yield* versionsOf(tenant, [command.parentId])
        const codes = Array.from(new Set(command.grids))
        yield* guardCodes(actor, action, command.id, codes.length > 0 ? codes : [tenant])
        // Its parent too: forming under another street's committee would bind that
        // committee (it could no longer dissolve) from outside its scope.
        yield* guard(actor, action, command.id, parent)
        const valid = (yield* grids.grids.versionsOf(tenant, codes)).filter((g) => validAt(g, command.validFrom))
        return yield* Rules.form(config, tenant, {
          sameId: yield* versionsOf(tenant, [command.id]),
          parent,
          gridsValid: new Set(valid.map((g) => g.code))
        }, command)
      }
      case "RenameOrganisation": {
        const versions = yield* versionsOf(tenant, [command.id])
        yield* guard(actor, action, command.id, versions)
        return yield* Rules.rename({ versions }, command)
      }
      case "SetCommittee": {
        const versions = yield* versionsOf(tenant, [command.id])
        yield* guard(actor, action, command.id, versions)
        return yield* Rules.setCommittee({ versions, meetings: yield* meetings.meetingsIn(tenant, [command.id]) }, command)
      }
      case "MergeOrganisations": {
        const all = yield* versionsOf(tenant, command.ids)
        yield* guard(actor, action, command.ids.join(","), all)
        const ids = command.ids as ReadonlyArray<OrganisationId>
        return yield* Rules.merge(tenant, {
          sources: new Map(command.ids.map((id) => [id, all.filter((v) => v.id === id)])),
          target: yield* versionsOf(tenant, [command.into.id]),
          children: yield* organisations.childrenOf(tenant, ids),
          memberships: yield* members.membershipsIn(tenant, ids),
          participations: yield* members.participationsIn(tenant, ids),
          dues: yield* members.duesIn(tenant, ids),
          discipline: yield* members.disciplineIn(tenant, ids),
          meetings: yield* meetings.meetingsIn(tenant, ids)
        }, command)
      }
      case "DissolveOrganisation": {
        const versions = yield* versionsOf(tenant, [command.id])
        yield* guard(actor, action, command.id, versions)
        const ids = [command.id]
        return yield* Rules.dissolve({
          versions,
          children: yield* organisations.childrenOf(tenant, ids),
          memberships: yield* members.membershipsIn(tenant, ids),
          participations: yield* members.participationsIn(tenant, ids),
          meetings: yield* meetings.meetingsIn(tenant, ids)
        }, command)
      }
      case "AdmitMember":
      case "ArriveMember": {
        const organisation = yield* versionsOf(tenant, [command.organisationId])
        yield* guard(actor, action, command.organisationId, organisation)
        const memberships = yield* membershipsOf(tenant, command.memberId)
        const held = yield* heldIn(tenant, [command.organisationId], [])
        return command._tag === "AdmitMember"
          ? yield* Rules.admit(tenant, { organisation, memberships, meetings: held, today: yield* today }, command)
          : yield* Rules.arrive(tenant, { organisation, memberships, meetings: held }, command)
      }
      case "TransferMember": {
        const organisation = yield* versionsOf(tenant, [command.organisationId])
        const memberships = yield* membershipsOf(tenant, command.memberId)
        // Both ends: the branch the member leaves and the one they join.
        yield* guard(actor, action, command.memberId, [...organisation, ...(yield* homesOf(tenant, memberships))])
        return yield* Rules.transfer({
          organisation,
          memberships,
          ...(yield* recordsOf(tenant, command.memberId)),
          meetings: yield* heldIn(tenant, [command.organisationId], memberships, true)
        }, command)
      }
      case "DepartMember": {
        const memberships = yield* membershipsOf(tenant, command.memberId)
        yield* guard(actor, action, command.memberId, yield* homesOf(tenant, memberships))
        const participations = yield* participationsOf(tenant, command.memberId)
        return yield* Rules.depart({
          memberships,
          participations,
          ...(yield* recordsOf(tenant, command.memberId)),
          meetings: yield* heldIn(tenant, [], [...memberships, ...participations], true)
        }, command)
      }
      case "ConvertMember": {
        const memberships = yield* membershipsOf(tenant, command.memberId)
        yield* guard(actor, action, command.memberId, yield* homesOf(tenant, memberships))
        return yield* Rules.convert({ memberships, meetings: yield* heldIn(tenant, [], memberships), today: yield* today }, command)
      }
      case "JoinTemporary":
      case "LeaveTemporary": {
        const organisation = yield* versionsOf(tenant, [command.organisationId])
        yield* guard(actor, action, command.organisationId, organisation)
        const participations = (yield* participationsOf(tenant, command.memberId)).filter(
          (p) => p.organisationId === command.organisationId
        )
        const held = yield* heldIn(tenant, [command.organisationId], [])
        return command._tag === "JoinTemporary"
          ? yield* Rules.joinTemporary(tenant, {
            organisation,
            memberships: yield* membershipsOf(tenant, command.memberId),
            participations,
            meetings: held
          }, command)
          : yield* Rules.leaveTemporary({ participations, meetings: held }, command)
      }
      case "RecordDues": {
        const organisation = yield* versionsOf(tenant, [command.organisationId])
        yield* guard(actor, action, command.organisationId, organisation)
        const paid = (yield* members.duesOf(tenant, [command.memberId])).find((d) => d.month === command.month)
        return yield* Rules.recordDues(config, tenant, {
          organisation,
          memberships: yield* membershipsOf(tenant, command.memberId),
          paid: Option.fromNullable(paid),
          today: yield* today
        }, command)
      }
      case "RecordDiscipline": {
        const organisation = yield* versionsOf(tenant, [command.organisationId])
        yield* guard(actor, action, command.organisationId, organisation)
        const memberships = yield* membershipsOf(tenant, command.memberId)
        const participations = yield* participationsOf(tenant, command.memberId)
        return yield* Rules.recordDiscipline(tenant, {
          organisation,
          memberships,
          participations,
          ...(yield* recordsOf(tenant, command.memberId)),
          meetings: yield* heldIn(tenant, [], [...memberships, ...participations], command.measure === "expulsion"),
          today: yield* today
        }, command)
      }
      case "RecordMeeting": {
        const organisation = yield* versionsOf(tenant, [command.organisationId])
        yield* guard(actor, action, command.organisationId, organisation)
        const ids = [command.organisationId]
        const roll = (yield* members.membershipsIn(tenant, ids)).filter((m) => within(m, command.date))
        // The measures of those who would vote: a 留党察看 suspends the vote.
        const full = command.votes.length === 0 ? [] : roll.filter((m) => m.standing === "full").map((m) => m.memberId)
        const attendees = command.attendees.length === 0 ? [] : yield* members.membershipsOf(tenant, command.attendees)
        // A 党委's or 党总支's meeting is attended by members of the branches under it.
        const leads = organisation.some((v) => within(v, command.date) && (v.kind === "committee" || v.kind === "general_branch"))
        const subtree = new Set<string>([command.organisationId])
        for (let frontier: ReadonlyArray<string> = leads && attendees.length > 0 ? [command.organisationId] : []; frontier.length > 0;) {
          const under = (yield* organisations.childrenOf(tenant, frontier as ReadonlyArray<OrganisationId>))
            .filter((o) => within(o, command.date) && !subtree.has(o.id))
          frontier = Array.from(new Set<string>(under.map((o) => o.id)))
          for (const id of frontier) subtree.add(id)
        }
        return yield* Rules.recordMeeting(tenant, {
          organisation,
          idUsed: (yield* meetings.getMany(tenant, [command.id as MeetingId])).length > 0,
          members: roll,
          participants: (yield* members.participationsIn(tenant, ids)).filter((p: Participation) => within(p, command.date)),
          attendeesMemberships: attendees.filter((m) => within(m, command.date)),
          discipline: full.length === 0 ? [] : yield* members.disciplineOf(tenant, full),
          subtree,
          today: yield* today
        }, command)
      }
    }
  }

  /** The decision as an Effect: the store's reads, the refusal or the facts to write. */
  const decide = (
    actor: Actor.Actor,
    command: OrganisationCommand
  ): Effect.Effect<OrganisationChanges, RuleViolation | Forbidden | StoreError> =>
    Effect.gen(function*() {
      return yield* steps(actor, command)
    })

  return { decide, steps }
}
