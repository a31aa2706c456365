/**
 * One emergency command's decision inside its transaction: check the scope of the grid
 * it names, load the state of the day from the grid, organisation and co-construction
 * ports, call the pure rule for its plan, then carry out the plan's organisation commands
 * one by one through the organisation domain's own decision and writes (each sees the
 * ones before it), so the organisation store's invariants hold; a refusal anywhere
 * fails the transaction and nothing is written.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import * as Actor from "../../access/Actor.js"
import type { CoConstructionStoreShape } from "../../coconstruction/CoConstructionStore.js"
import { type ActivationId, type Activation, activeOn, overlaps } from "../../emergency/Activation.js"
import type { EmergencyChanges } from "../../emergency/EmergencyChanges.js"
import type { EmergencyCommand } from "../../emergency/EmergencyCommand.js"
import type { EmergencyConfigShape } from "../../emergency/EmergencyConfig.js"
import * as Rules from "../../emergency/EmergencyRules.js"
import type { EmergencyStoreShape } from "../../emergency/EmergencyStore.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import type { MemberId } from "../../organisation/Member.js"
import type { Organisation, OrganisationId } from "../../organisation/Organisation.js"
import type { OrganisationChanges } from "../../organisation/OrganisationChanges.js"
import type { OrganisationCommand } from "../../organisation/OrganisationCommand.js"
import type { OrganisationConfigShape } from "../../organisation/OrganisationConfig.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import * as IsoDate from "../../time/IsoDate.js"
import { compareStrings } from "../compareStrings.js"
import * as OrganisationDecide from "../organisation/decide.js"
import { writeSteps as organisationWrites } from "../organisation/write.js"
import { guardCodes } from "../scope.js"

/** @internal */
export interface Ports {
  readonly store: EmergencyStoreShape
  readonly organisations: OrganisationStoreShape
  readonly grids: GridStoreShape
  readonly coconstruction: CoConstructionStoreShape
}

/** @internal */
export interface Policies {
  readonly config: EmergencyConfigShape
  readonly organisation: OrganisationConfigShape
  readonly scheme: LevelScheme.LevelScheme
  /** Level keys whose grid workers an activation puts on the roster (the grid policy's staffed levels). */
  readonly staffedLevels: ReadonlyArray<string>
}

/** @internal */
export const make = (
  ports: Ports,
  policies: Policies,
  /** The day the rules take as today (the batch path reads the clock once per batch). */
  today: Effect.Effect<IsoDate.IsoDate> = IsoDate.today
) => {
  const { coconstruction, grids, organisations, store } = ports
  const { config, scheme } = policies
  const organisation = OrganisationDecide.make(organisations, grids, policies.organisation, today)
  const communityLevel = LevelScheme.communityLevel(scheme)
  const staffed = new Set(policies.staffedLevels.map((key) => scheme.levels.findIndex((l) => l.key === key)))
  const compoundLevel = scheme.levels.findIndex((l) => l.key === "compound")
  const levelOf = (code: string) => Option.getOrElse(LevelScheme.levelOfCode(scheme, code), () => -1)

  /** The organisation commands of a plan, each decided and written by the organisation domain in turn. */
  const carryOut = function*(actor: Actor.Actor, commands: ReadonlyArray<OrganisationCommand>) {
    const done: Array<OrganisationChanges> = []
    for (const command of commands) {
      const changes = yield* organisation.steps(actor, command)
      yield* organisationWrites(organisations, actor.tenant, changes)
      done.push(changes)
    }
    return done
  }

  /** Of the organisations, those that lie in the actor's scope (facts elsewhere count as none). */
  const inScope = function*(actor: Actor.Actor, ids: ReadonlyArray<string>) {
    const unique = Array.from(new Set(ids)) as Array<OrganisationId>
    const versions = unique.length === 0 ? [] : yield* organisations.organisations.versionsOf(actor.tenant, unique)
    const known = new Set<string>(versions.map((v) => v.id))
    return OrganisationDecide.servingWithin(actor.tenant, unique.filter((id) => known.has(id)), versions, (code) => Actor.covers(actor, code))
  }

  /** The memberships of the members valid on the day, in organisations of the actor's scope. */
  const membershipsOn = function*(actor: Actor.Actor, ids: ReadonlyArray<string>, on: IsoDate.IsoDate) {
    if (ids.length === 0) return []
    const rows = (yield* organisations.members.membershipsOf(actor.tenant, ids as ReadonlyArray<MemberId>)).filter((m) => IsoDate.within(on, m.validFrom, m.validTo))
    const visible = yield* inScope(actor, rows.map((m) => m.organisationId))
    return rows.filter((m) => visible.has(m.organisationId))
  }

  /** The community party organisation: of the kinds that lead a community serving its grid on the day, the first by kind then id. */
  const leaderOf = (valid: ReadonlyArray<Organisation>, code: string): Organisation | undefined =>
    valid
      .filter((o) => config.communityKinds.includes(o.kind) && o.grids.includes(code as Organisation["grids"][number]))
      .sort((a, b) => config.communityKinds.indexOf(a.kind) - config.communityKinds.indexOf(b.kind) || compareStrings(a.id, b.id))[0]

  /** The community party organisations of the communities on the day, each once, by id. */
  const leadersOn = function*(tenant: Actor.Actor["tenant"], codes: ReadonlyArray<string>, on: IsoDate.IsoDate) {
    const valid = yield* organisations.organisations.at(tenant, on)
    const found = new Map<string, Organisation>()
    for (const code of codes) {
      const leader = leaderOf(valid, code)
      if (leader !== undefined) found.set(leader.id, leader)
    }
    return Array.from(found.values()).sort((a, b) => compareStrings(a.id, b.id))
  }

  /**
   * What an activation's or a deactivation's notice says beyond its changes, on its day:
   * the community party organisations, the grid's name, the teams formed under it.
   */
  const noticeFacts = function*(activation: Activation) {
    const tenant = activation.tenant
    const on = activation.deactivatedOn ?? activation.activatedOn
    const grid = (yield* grids.grids.versionsOf(tenant, [activation.gridCode])).find((g) => IsoDate.within(on, g.validFrom, g.validTo))
    return {
      organisations: yield* leadersOn(tenant, activation.communities, on),
      gridName: grid?.name ?? null,
      teams: activation.deactivatedOn === null ? 0 : (yield* store.vanguard.teamsIn(tenant, [activation.id])).length
    }
  }

  /** The communities an activation of the grid covers on the day, as the rules read them. */
  const communitiesOf = function*(actor: Actor.Actor, gridCode: string, on: IsoDate.IsoDate) {
    const tenant = actor.tenant
    const subtree = yield* grids.grids.subtree(tenant, gridCode, on)
    const communities = subtree.filter((g) => g.level === communityLevel)
    if (communities.length === 0) return []
    const valid = yield* organisations.organisations.at(tenant, on)
    const assignments = yield* grids.workers.assignmentsInSubtree(tenant, gridCode, on)
    const enrolled = (yield* coconstruction.enrolments.membersAt(tenant, on)).filter((e) => e.communityCode.startsWith(gridCode))
    const memberships = yield* membershipsOn(actor, enrolled.map((e) => e.memberId), on)
    const standing = new Map(memberships.map((m) => [m.memberId as string, m.standing]))
    return communities.map((c): Rules.Community => ({
      code: c.code,
      name: c.name,
      organisation: leaderOf(valid, c.code),
      compounds: subtree.filter((g) => g.level === compoundLevel && g.code.startsWith(c.code)).map((g) => ({ code: g.code, name: g.name })),
      workers: Array.from(new Set(assignments.filter((a) => a.gridCode.startsWith(c.code) && staffed.has(levelOf(a.gridCode))).map((a) => a.workerId as string)))
        .sort(compareStrings),
      members: enrolled.filter((e) => e.communityCode === c.code).map((e) => ({ memberId: e.memberId as string, standing: standing.get(e.memberId) ?? null }))
        .sort((a, b) => compareStrings(a.memberId, b.memberId))
    }))
  }

  /**
   * The activation of an id as the actor's scope sees it: none when it does not exist or
   * its grid and the scope do not overlap (it lies wholly elsewhere), so such a record
   * gets the answer an unknown id gets. One that overlaps the scope is seen by the reads.
   */
  const seenActivation = function*(actor: Actor.Actor, id: ActivationId) {
    const found = (yield* store.activations.activationsOf(actor.tenant, [id]))[0] as Activation | undefined
    return found !== undefined && overlaps(found.gridCode, actor.scope) ? found : undefined
  }

  /**
   * The decision as a generator of store reads, refusals, rule results and the
   * organisation domain's steps: run by the Effect runtime for one command
   * (`Commands.makePlain`), or driven by the batch path. Every effect it yields is made
   * when yielded.
   */
  const steps = function*(actor: Actor.Actor, command: EmergencyCommand) {
    const tenant = actor.tenant
    const action = command._tag
    switch (command._tag) {
      case "ActivateEmergency": {
        yield* guardCodes(actor, action, command.id, [command.gridCode])
        const grid = (yield* grids.grids.versionsOf(tenant, [command.gridCode])).find((g) => IsoDate.within(command.on, g.validFrom, g.validTo))
        const plan = yield* Rules.activate(config, tenant, {
          today: yield* today,
          activations: yield* store.activations.activations(tenant),
          grid: grid === undefined ? undefined : { level: scheme.levels[grid.level]?.key ?? String(grid.level), name: grid.name },
          communities: grid === undefined ? [] : yield* communitiesOf(actor, command.gridCode, command.on)
        }, command)
        return { ...plan.changes, organisation: yield* carryOut(actor, plan.commands) } satisfies EmergencyChanges
      }
      case "DeactivateEmergency": {
        const activation = yield* seenActivation(actor, command.id)
        if (activation !== undefined) yield* guardCodes(actor, action, command.id, [activation.gridCode])
        const branches = activation === undefined ? [] : yield* store.activations.branchesOf(tenant, [command.id])
        // A branch an organiser dissolved or merged away since is no longer the plan's to dissolve.
        const versions = branches.length === 0 ? [] : yield* organisations.organisations.versionsOf(tenant, branches.map((b) => b.organisationId))
        const plan = yield* Rules.deactivate({
          today: yield* today,
          activation,
          branches,
          validOnDay: new Set(versions.filter((v) => IsoDate.within(command.on, v.validFrom, v.validTo)).map((v) => v.id)),
          teams: activation === undefined ? [] : yield* store.vanguard.teamsIn(tenant, [command.id])
        }, command)
        return { ...plan.changes, organisation: yield* carryOut(actor, plan.commands) } satisfies EmergencyChanges
      }
      case "FormVanguardTeam": {
        const activation = yield* seenActivation(actor, command.activationId)
        const on = command.on
        // The compounds of the activation's communities valid on the day.
        const compounds = new Set<string>()
        if (activation !== undefined && activeOn(activation, on)) {
          for (const c of activation.communities) {
            for (const g of yield* grids.grids.subtree(tenant, c, on, compoundLevel)) compounds.add(g.code)
          }
        }
        const former = command.formerKind === "organisation"
          ? yield* inScope(actor, [command.formedBy])
          : new Set<string>()
        const formerValid = former.size > 0
          ? (yield* organisations.organisations.versionsOf(tenant, [command.formedBy as OrganisationId])).some((v) => IsoDate.within(on, v.validFrom, v.validTo))
          : false
        const members = yield* membershipsOn(actor, command.members, on)
        return {
          ...(yield* Rules.formTeam(tenant, {
            today: yield* today,
            activation,
            idUsed: (yield* store.vanguard.teamsOf(tenant, [command.id])).length > 0,
            compounds,
            teams: activation === undefined ? [] : yield* store.vanguard.teamsIn(tenant, [command.activationId]),
            formerExists: formerValid,
            members: new Set(members.map((m) => m.memberId as string))
          }, command)).changes,
          organisation: []
        } satisfies EmergencyChanges
      }
    }
  }

  return { steps, noticeFacts }
}
