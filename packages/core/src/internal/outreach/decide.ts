/**
 * One outreach command's decision inside its transaction: load the records it names
 * (and, for a matter, a group or a use, the facts of the organisation store), check that
 * every grid it touches lies in the actor's scope, call the pure rule, return the rows
 * to write.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import * as Actor from "../../access/Actor.js"
import type { Tenant } from "../../access/Tenant.js"
import { type GridCode, validAt } from "../../grid/Grid.js"
import type { GridRepository } from "../../grid/GridRepository.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import type { MemberId } from "../../organisation/Member.js"
import type { OrganisationId } from "../../organisation/Organisation.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import type { OutreachCommand } from "../../outreach/OutreachCommand.js"
import type { OutreachConfigShape } from "../../outreach/OutreachConfig.js"
import * as Rules from "../../outreach/OutreachRules.js"
import type { OutreachStoreShape } from "../../outreach/OutreachStore.js"
import * as IsoDate from "../../time/IsoDate.js"
import { reachOf, servingWithin } from "../organisation/decide.js"
import { guardCodes as guard, seenFrom } from "../scope.js"

/** @internal */
export const make = (
  store: OutreachStoreShape,
  organisations: Pick<OrganisationStoreShape, "organisations" | "members">,
  grids: { readonly grids: Pick<GridRepository, "versionsOf"> },
  config: OutreachConfigShape,
  /** The grid policy's levels: a village or community is a grid of the community level. */
  scheme: LevelScheme.LevelScheme,
  /** The day the rules take as today (the batch path reads the clock once per batch). */
  today: Effect.Effect<IsoDate.IsoDate> = IsoDate.today
) => {
  const communityLevel = LevelScheme.communityLevel(scheme)
  const isCommunity = (code: string) => Option.getOrElse(LevelScheme.levelOfCode(scheme, code), () => -1) === communityLevel
  const { groups, liaison, matters, stations } = store

  const gridValid = function*(tenant: Tenant, code: string, on: IsoDate.IsoDate) {
    const versions = yield* grids.grids.versionsOf(tenant, [code as GridCode])
    return versions.some((v) => validAt(v, on))
  }

  /** An organisation's versions, the grids it reaches (the tenant's root when it is unknown) and what it is on a day. */
  const organisation = function*(tenant: Tenant, id: string, on: IsoDate.IsoDate) {
    const versions = yield* organisations.organisations.versionsOf(tenant, [id as OrganisationId])
    const current = versions.find((v) => validAt(v, on))
    return {
      reach: versions.length === 0 ? [tenant as string] : reachOf(versions),
      facts: { valid: current !== undefined, kind: current?.kind as string | undefined }
    }
  }

  /** What an organisation is on a day, as the actor may know it: one outside their scope counts as none. */
  const organisationInScope = function*(actor: Actor.Actor, id: string, on: IsoDate.IsoDate) {
    const found = yield* organisation(actor.tenant, id, on)
    return found.reach.every((code) => Actor.covers(actor, code)) ? found.facts : { valid: false, kind: undefined }
  }

  /**
   * Whether the member has a membership on the day in an organisation of the actor's
   * scope: a member elsewhere counts as none, so the answer is the one an unknown id gets.
   */
  const memberInScope = function*(actor: Actor.Actor, id: MemberId, on: IsoDate.IsoDate) {
    const memberships = (yield* organisations.members.membershipsOf(actor.tenant, [id])).filter((m) => IsoDate.within(on, m.validFrom, m.validTo))
    if (memberships.length === 0) return false
    const ids = Array.from(new Set(memberships.map((m) => m.organisationId as string)))
    const versions = yield* organisations.organisations.versionsOf(actor.tenant, ids as unknown as ReadonlyArray<OrganisationId>)
    return servingWithin(actor.tenant, ids, versions, (code) => Actor.covers(actor, code)).size > 0
  }

  /**
   * A record as the actor's scope sees it: none when it does not exist or its grids lie
   * wholly outside the scope (no grid of it overlaps the scope), so such a record gets the
   * answer an unknown id gets. One that overlaps the scope without lying in it (a grid
   * above the scope) is seen, and the scope check refuses a write to it as `Forbidden`.
   */
  const seen = <A>(actor: Actor.Actor, found: A | undefined, codes: (a: A) => ReadonlyArray<string>): A | undefined =>
    found !== undefined && seenFrom(actor, codes(found)) ? found : undefined

  const linkOf = function*(actor: Actor.Actor, id: string) {
    return seen(actor, (yield* liaison.linksOf(actor.tenant, [id as never]))[0], (l) => [l.gridCode])
  }
  const stationOf = function*(actor: Actor.Actor, id: string) {
    return seen(actor, (yield* stations.stationsOf(actor.tenant, [id as never]))[0], (s) => [s.gridCode])
  }
  const groupOf = function*(actor: Actor.Actor, id: string) {
    return seen(actor, (yield* groups.groupsOf(actor.tenant, [id as never]))[0], (g) => [g.gridCode])
  }

  /**
   * The decision as a generator of effects and rule results: run by `Effect.gen` for one
   * command (`Commands.makePlain`) or driven by the batch path. A record the command names that lies
   * wholly outside the scope gets the answer an unknown id gets (`outreach.known`); one
   * that overlaps the scope without lying in it is refused as `Forbidden` naming the
   * record only. Only an id taken (`outreach.id-taken`) answers tenant-wide.
   */
  const steps = function*(actor: Actor.Actor, command: OutreachCommand) {
    const tenant = actor.tenant
    const base = (taken: boolean): Rules.Base => ({ tenant, today: day, config, taken })
    const day = yield* today
    switch (command._tag) {
      case "LinkLeader": {
        const taken = (yield* liaison.linksOf(tenant, [command.id])).length > 0
        const valid = yield* gridValid(tenant, command.gridCode, command.from)
        // The leader's links outside the scope count as none (their targets and days stay unsaid).
        const links = (yield* liaison.linksFor(tenant, [command.leaderId])).filter((l) => Actor.covers(actor, l.gridCode))
        return yield* Rules.linkLeader(base(taken), { gridValid: valid, links, community: isCommunity(command.gridCode) }, command)
      }
      case "EndLink": {
        const link = yield* linkOf(actor, command.linkId)
        if (link !== undefined) yield* guard(actor, command._tag, command.linkId, [link.gridCode])
        const contacts = link === undefined ? [] : yield* liaison.contactsFor(tenant, [link.id])
        const problems = link === undefined ? [] : (yield* liaison.problems(tenant)).filter((p) => p.linkId === link.id)
        const days = [...contacts.map((c) => c.on), ...problems.map((p) => p.raisedOn)].sort()
        return yield* Rules.endLink(base(false), link, days.at(-1), command)
      }
      case "RecordContact":
      case "RaiseProblem": {
        const link = yield* linkOf(actor, command.linkId)
        if (link !== undefined) yield* guard(actor, command._tag, command.id, [link.gridCode])
        if (command._tag === "RecordContact") {
          const taken = (yield* liaison.contactsOf(tenant, [command.id])).length > 0
          return yield* Rules.recordContact(base(taken), link, command)
        }
        const taken = (yield* liaison.problemsOf(tenant, [command.id])).length > 0
        return yield* Rules.raiseProblem(base(taken), link, command)
      }
      case "ResolveProblem": {
        const [found] = yield* liaison.problemsOf(tenant, [command.problemId])
        // A problem's link exists (it was raised under it); its grid is the problem's.
        const link = found === undefined ? undefined : yield* linkOf(actor, found.linkId)
        const problem = link === undefined ? undefined : found
        if (link !== undefined) yield* guard(actor, command._tag, command.problemId, [link.gridCode])
        return yield* Rules.resolveProblem(base(false), problem, command)
      }
      case "OpenBatch": {
        const taken = (yield* matters.batchesOf(tenant, [command.id])).length > 0
        const valid = yield* gridValid(tenant, command.gridCode, command.from)
        const batches = yield* matters.batches(tenant)
        return yield* Rules.openBatch(base(taken), { gridValid: valid, batches }, command)
      }
      case "AddMatter": {
        const taken = (yield* matters.mattersOf(tenant, [command.id])).length > 0
        const { facts, reach } = yield* organisation(tenant, command.organisationId, command.on)
        yield* guard(actor, command._tag, command.id, reach)
        // A batch of the scope or of a grid above it (the district's batch lists the street's
        // matters); one of another subtree counts as none, its days unsaid.
        const batch = seen(actor, (yield* matters.batchesOf(tenant, [command.batchId]))[0], (b) => [b.gridCode])
        const withinBatch = batch === undefined || reach.every((code) => code.startsWith(batch.gridCode))
        return yield* Rules.addMatter(base(taken), { batch, organisation: facts, withinBatch }, command)
      }
      case "AdvanceMatter": {
        const [found] = yield* matters.mattersOf(tenant, [command.matterId])
        const reach = found === undefined ? [] : (yield* organisation(tenant, found.organisationId, command.on)).reach
        // A matter of a branch serving wholly elsewhere counts as none.
        const matter = seen(actor, found, () => reach)
        if (matter !== undefined) yield* guard(actor, command._tag, command.matterId, reach)
        return yield* Rules.advanceMatter(base(false), matter, command)
      }
      case "OpenStation": {
        const taken = (yield* stations.stationsOf(tenant, [command.id])).length > 0
        const valid = yield* gridValid(tenant, command.gridCode, command.on)
        const facts = command.organisationId === null ? undefined : yield* organisationInScope(actor, command.organisationId, command.on)
        return yield* Rules.openStation(base(taken), { gridValid: valid, organisation: facts }, command)
      }
      case "EquipStation":
      case "CloseStation": {
        const station = yield* stationOf(actor, command.stationId)
        if (station !== undefined) yield* guard(actor, command._tag, command.stationId, [station.gridCode])
        if (command._tag === "EquipStation") return yield* Rules.equipStation(base(false), station, command)
        const uses = station === undefined ? [] : yield* stations.usesFor(tenant, [station.id])
        return yield* Rules.closeStation(base(false), station, uses.at(-1)?.on, command)
      }
      case "RecordUse": {
        const taken = (yield* stations.usesOf(tenant, [command.id])).length > 0
        const station = yield* stationOf(actor, command.stationId)
        if (station !== undefined) yield* guard(actor, command._tag, command.id, [station.gridCode])
        const memberKnown = command.memberId === null ? false : yield* memberInScope(actor, command.memberId, command.on)
        return yield* Rules.recordUse(base(taken), { station, memberKnown }, command)
      }
      case "RegisterGroup": {
        const taken = (yield* groups.groupsOf(tenant, [command.id])).length > 0
        const valid = yield* gridValid(tenant, command.gridCode, command.on)
        const facts = yield* organisationInScope(actor, command.organisationId, command.on)
        return yield* Rules.registerGroup(base(taken), { gridValid: valid, organisation: facts }, command)
      }
      case "CountWorkers":
      case "JoinGroup": {
        const group = yield* groupOf(actor, command.groupId)
        if (group !== undefined) yield* guard(actor, command._tag, command.groupId, [group.gridCode])
        if (command._tag === "CountWorkers") return yield* Rules.countWorkers(group, command)
        const memberKnown = yield* memberInScope(actor, command.memberId, command.on)
        const members = group === undefined ? [] : yield* groups.membersOf(tenant, [group.id])
        return yield* Rules.joinGroup(base(false), { group, memberKnown, members }, command)
      }
    }
  }

  return { steps }
}
