/**
 * The emergency rules (平急两用): pure functions from policy, the state of the day (read
 * by the service) and the command to a plan — the emergency store's rows and the
 * organisation commands that carry it out through the organisation domain's own rules —
 * or the first rule the command breaks. Activation and deactivation are inverse plans:
 * one forms temporary branches and has members join them, the other dissolves them
 * (their participants leave with them); neither touches a grid assignment or a
 * membership. docs/rules.md lists every rule with its source.
 *
 * @since 0.5.0
 */
import { Either } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { GridCode } from "../grid/Grid.js"
import * as RuleViolation from "../errors/RuleViolation.js"
import type { Standing } from "../organisation/Member.js"
import type { MemberId } from "../organisation/Member.js"
import type { Organisation } from "../organisation/Organisation.js"
import { DissolveOrganisation, FormOrganisation, JoinTemporary } from "../organisation/OrganisationCommand.js"
import type { OrganisationCommand } from "../organisation/OrganisationCommand.js"
import * as Text from "../text/Text.js"
import type { IsoDate } from "../time/IsoDate.js"
import {
  type Activation,
  activeOn,
  branchId,
  type EmergencyBranch,
  type Enlistment,
  overlaps,
  type VanguardTeam
} from "./Activation.js"
import type * as Changes from "./EmergencyChanges.js"
import type { ActivateEmergency, DeactivateEmergency, FormVanguardTeam } from "./EmergencyCommand.js"
import type { EmergencyConfigShape } from "./EmergencyConfig.js"

const refuse = RuleViolation.refuse

/**
 * The source of the branch threshold, carried by the refusals and plans that use it.
 *
 * @since 0.5.0
 * @category constants
 */
export const branchSource = "《中国共产党支部工作条例（试行）》第四条：有正式党员3人以上的，应当成立党支部"

/**
 * The source of emergency mode itself.
 *
 * @since 0.5.0
 * @category constants
 */
export const articleSource = "桃城区：采取“平急两用”办法，将市、区直报到党员和四、五级网格员统一归社区党组织管理，建立临时党支部"

/**
 * A plan: the emergency store's rows to write, and the organisation commands that carry
 * it out, in order, through the organisation domain's rules.
 *
 * @since 0.5.0
 * @category models
 */
export interface Plan {
  readonly changes: Omit<Changes.EmergencyChanges, "organisation">
  readonly commands: ReadonlyArray<OrganisationCommand>
}

/**
 * A community as the activation finds it on the day.
 *
 * @since 0.5.0
 * @category models
 */
export interface Community {
  readonly code: string
  readonly name: string
  /** The community party organisation serving the community grid on the day, if any. */
  readonly organisation: Organisation | undefined
  /** Its compounds (L4) valid on the day, by code. */
  readonly compounds: ReadonlyArray<{ readonly code: string; readonly name: string }>
  /** The workers assigned to its staffed (L4/L5) grids on the day, each once, by id. */
  readonly workers: ReadonlyArray<string>
  /** The members enrolled with it on the day (双报到), each once, by id, with the standing the rules can read (null: none). */
  readonly members: ReadonlyArray<{ readonly memberId: string; readonly standing: Standing | null }>
}

/**
 * What an activation needs: today, every activation of the tenant, the grid named
 * (valid on the day, with its level: `street` or `community` or another), and the
 * communities it covers.
 *
 * @since 0.5.0
 * @category models
 */
export interface ActivationContext {
  readonly today: IsoDate
  readonly activations: ReadonlyArray<Activation>
  readonly grid: { readonly level: string; readonly name: string } | undefined
  readonly communities: ReadonlyArray<Community>
}

/**
 * A branch's name: its first 100 characters counted in code points (as `Text.Name`
 * counts them, so no surrogate pair is split), trimmed, so a cut never leaves white
 * space at the end. The name begins with the task, itself a name, so something
 * visible remains.
 *
 * @since 0.5.0
 * @category rules
 */
export const nameOf = (name: string): string => {
  const points = Array.from(name)
  return points.length <= 100 ? name : points.slice(0, 100).join("").trimEnd()
}

/**
 * The activations a new one for `gridCode` from `on` would meet: refused while one
 * covering the same ground is active (`emergency.overlap`), and before the last
 * deactivation of one covering it (`emergency.backdated`).
 *
 * @since 0.5.0
 * @category rules
 */
export const overlap = (
  activations: ReadonlyArray<Activation>,
  gridCode: string,
  on: IsoDate
): Either.Either<void, RuleViolation.RuleViolation> => {
  const mine = activations.filter((a) => overlaps(a.gridCode, gridCode))
  const active = mine.find((a) => a.deactivatedOn === null)
  if (active !== undefined) {
    return refuse(
      "emergency.overlap",
      "gridCode",
      `${active.id} for ${active.gridCode} is active since ${active.activatedOn}: deactivate it before activating ${gridCode}`,
      articleSource
    )
  }
  const later = mine.find((a) => a.deactivatedOn !== null && a.deactivatedOn > on)
  return later === undefined ? Either.void : refuse(
    "emergency.backdated",
    "on",
    `${later.id} for ${later.gridCode} was active until ${later.deactivatedOn}, after ${on}: an activation is dated after the last one it overlaps`
  )
}

/**
 * Activates emergency mode. Rules: `emergency.id-unique`, `emergency.future`,
 * `emergency.grid` (a street or a community valid on the day, with communities),
 * `emergency.overlap` and `emergency.backdated` (no nesting: see `overlap`),
 * `emergency.community-organisation` (each community is served by a party organisation
 * to put its people under), `emergency.placement` (a placement names a member enrolled
 * with one of the communities and a compound of that community, each member once),
 * `emergency.branch-command` (each branch's organisation command decodes: its id
 * `<activation>:<grid>` an organisation id of at most 64 characters; its name, cut by
 * `nameOf`, always does).
 * The plan: every worker and enrolled member on the roster; a temporary branch per
 * compound where at least `minFullMembers` full members are placed (`emergency.branch`);
 * the community's other members with a readable membership in one joint temporary
 * branch; each branch formed under the community organisation and joined through the
 * organisation domain's `FormOrganisation` and `JoinTemporary`.
 *
 * @since 0.5.0
 * @category rules
 */
export const activate = (
  config: Pick<EmergencyConfigShape, "minFullMembers">,
  tenant: Tenant,
  context: ActivationContext,
  command: ActivateEmergency
): Either.Either<Plan, RuleViolation.RuleViolation> => {
  const { on } = command
  if (context.activations.some((a) => a.id === command.id)) {
    return refuse("emergency.id-unique", "id", `${command.id} was used for an activation already; an id is for life`)
  }
  if (on > context.today) return refuse("emergency.future", "on", `${on} is after today (${context.today}): an activation is dated when it happens`)
  if (context.grid === undefined) return refuse("emergency.grid", "gridCode", `no grid ${command.gridCode} is valid on ${on}`)
  if (context.grid.level !== "street" && context.grid.level !== "community") {
    return refuse("emergency.grid", "gridCode", `${command.gridCode} is a ${context.grid.level}: emergency mode is activated for a street or a community`, articleSource)
  }
  if (context.communities.length === 0) return refuse("emergency.grid", "gridCode", `no community lies in ${command.gridCode} on ${on}`)
  const clash = overlap(context.activations, command.gridCode, on)
  if (Either.isLeft(clash)) return Either.left(clash.left)
  const leaderless = context.communities.find((c) => c.organisation === undefined)
  if (leaderless !== undefined) {
    return refuse(
      "emergency.community-organisation",
      "gridCode",
      `no party organisation serves community ${leaderless.code} on ${on}: its people are put under the community party organisation`,
      articleSource
    )
  }
  // Placements: a member enrolled with one of the communities, in a compound of it, once.
  const communityOf = new Map<string, Community>()
  for (const c of context.communities) for (const m of c.members) communityOf.set(m.memberId, c)
  const placed = new Map<string, string>()
  for (const p of command.placements) {
    if (placed.has(p.memberId)) return refuse("emergency.placement", "placements", `${p.memberId} is placed twice`)
    const community = communityOf.get(p.memberId)
    if (community === undefined) {
      return refuse("emergency.placement", "placements", `${p.memberId} is not enrolled with a community of ${command.gridCode} on ${on}`)
    }
    if (!community.compounds.some((c) => c.code === p.compoundCode)) {
      return refuse("emergency.placement", "placements", `${p.compoundCode} is no compound of ${community.code}, where ${p.memberId} is enrolled, on ${on}`)
    }
    placed.set(p.memberId, p.compoundCode)
  }

  const roster: Array<Enlistment> = []
  const branches: Array<EmergencyBranch> = []
  const commands: Array<OrganisationCommand> = []
  // The first field of a branch's organisation command that would not decode: the plan
  // is refused naming it rather than throwing a ParseError.
  let undecodable: Either.Either<never, RuleViolation.RuleViolation> | undefined
  const form = (community: Community, organisation: Organisation, compound: { readonly code: string; readonly name: string } | null, people: ReadonlyArray<{ readonly memberId: string; readonly standing: Standing | null }>) => {
    const id = branchId(command.id, compound?.code ?? community.code)
    const name = nameOf(compound === null ? `${command.task}联合临时党支部（${community.name}）` : `${command.task}临时党支部（${community.name}${compound.name}）`)
    const idProblem = Text.problem(id, 64)
    const nameProblem = Text.problem(name, 100)
    if (idProblem !== undefined || nameProblem !== undefined) {
      undecodable ??= idProblem !== undefined
        ? refuse("emergency.branch-command", "id", `the temporary branch ${command.id}:<grid> of ${compound?.code ?? community.code} is no organisation id (${idProblem}): choose a shorter activation id`)
        : refuse("emergency.branch-command", "task", `the temporary branch of ${compound?.code ?? community.code} gets no valid name from the task (${nameProblem})`)
      return id
    }
    commands.push(
      new FormOrganisation({
        id,
        kind: "temporary_branch",
        name,
        parentId: organisation.id,
        sector: organisation.sector,
        grids: [(compound?.code ?? community.code) as GridCode],
        hasCommittee: false,
        task: { kind: compound === null ? "emergency" : "compound", name: command.task },
        validFrom: on,
        validTo: null
      })
    )
    for (const p of people) commands.push(new JoinTemporary({ memberId: p.memberId as MemberId, organisationId: id, at: on }))
    branches.push({
      tenant,
      activationId: command.id,
      organisationId: id,
      communityCode: community.code as EmergencyBranch["communityCode"],
      compoundCode: (compound?.code ?? null) as EmergencyBranch["compoundCode"],
      members: people.length,
      fullMembers: people.filter((p) => p.standing === "full").length
    })
    return id
  }
  for (const community of context.communities) {
    const organisation = community.organisation!
    const enlist = (kind: Enlistment["kind"], personId: string, rest: Pick<Enlistment, "compoundCode" | "branchId" | "standing">) =>
      roster.push({
        tenant,
        activationId: command.id,
        kind,
        personId: personId as Enlistment["personId"],
        communityCode: community.code as Enlistment["communityCode"],
        organisationId: organisation.id,
        ...rest
      })
    for (const w of community.workers) enlist("worker", w, { compoundCode: null, branchId: null, standing: null })
    // Members the organisation rules can read join a branch: of their compound where
    // enough full members are placed there, else the community's joint branch.
    const joinable = community.members.filter((m) => m.standing !== null)
    const branchOf = new Map<string, string>()
    const joint: Array<(typeof joinable)[number]> = []
    for (const compound of community.compounds) {
      const here = joinable.filter((m) => placed.get(m.memberId) === compound.code)
      if (here.filter((m) => m.standing === "full").length >= config.minFullMembers) {
        const id = form(community, organisation, compound, here)
        for (const m of here) branchOf.set(m.memberId, id)
      }
    }
    for (const m of joinable) if (!branchOf.has(m.memberId)) joint.push(m)
    if (joint.length > 0) {
      const id = form(community, organisation, null, joint)
      for (const m of joint) branchOf.set(m.memberId, id)
    }
    for (const m of community.members) {
      enlist("member", m.memberId, {
        compoundCode: (placed.get(m.memberId) ?? null) as Enlistment["compoundCode"],
        branchId: (branchOf.get(m.memberId) ?? null) as Enlistment["branchId"],
        standing: m.standing
      })
    }
  }
  if (undecodable !== undefined) return undecodable
  return Either.right({
    changes: {
      activations: [{
        tenant,
        id: command.id,
        gridCode: command.gridCode,
        task: command.task,
        communities: context.communities.map((c) => c.code as GridCode),
        activatedOn: on,
        deactivatedOn: null
      }],
      roster,
      branches,
      teams: []
    },
    commands
  })
}

/**
 * What a deactivation needs: today, the activation (if the id exists and is seen from
 * the actor's scope), its branches, which of them are still valid on the deactivation's
 * day (by organisation id: one dissolved or merged away through the organisation domain
 * since is not), and its teams.
 *
 * @since 0.5.0
 * @category models
 */
export interface DeactivationContext {
  readonly today: IsoDate
  readonly activation: Activation | undefined
  readonly branches: ReadonlyArray<EmergencyBranch>
  readonly validOnDay: ReadonlySet<string>
  readonly teams: ReadonlyArray<VanguardTeam>
}

/**
 * Deactivates an activation: the inverse plan. Rules: `emergency.exists`,
 * `emergency.active` (not deactivated already), `emergency.future`,
 * `emergency.deactivate-after` (a day
 * after the activation's: the temporary records stay as history), `emergency.backdated`
 * (no team formed after the day). The plan: every temporary branch still valid on the
 * day dissolved on it through the organisation domain's `DissolveOrganisation` (its
 * participants leave with it) — one dissolved or merged away since the activation (by
 * an organiser, through the Organisations service) is left as it is, its participations
 * having ended with it — and the activation, with its roster and teams, ended on the day.
 *
 * @since 0.5.0
 * @category rules
 */
export const deactivate = (context: DeactivationContext, command: DeactivateEmergency): Either.Either<Plan, RuleViolation.RuleViolation> => {
  const a = context.activation
  if (a === undefined) return refuse("emergency.exists", "id", `no activation ${command.id} exists`)
  if (a.deactivatedOn !== null) return refuse("emergency.active", "id", `${a.id} was deactivated on ${a.deactivatedOn} already`)
  if (command.on > context.today) return refuse("emergency.future", "on", `${command.on} is after today (${context.today}): a deactivation is dated when it happens`)
  if (command.on <= a.activatedOn) {
    return refuse("emergency.deactivate-after", "on", `${a.id} was activated on ${a.activatedOn}: it is deactivated on a later day`)
  }
  const later = context.teams.find((t) => t.formedOn > command.on)
  if (later !== undefined) return refuse("emergency.backdated", "on", `team ${later.id} was formed on ${later.formedOn}, after ${command.on}`)
  return Either.right({
    changes: { activations: [{ ...a, deactivatedOn: command.on }], roster: [], branches: [], teams: [] },
    commands: context.branches.filter((b) => context.validOnDay.has(b.organisationId)).map((b) => new DissolveOrganisation({ id: b.organisationId, at: command.on }))
  })
}

/**
 * What a vanguard team needs: today, the activation (if it exists), whether the team id
 * was used, the activation's compounds valid on the day (code → community), the
 * activation's other teams, whether the forming organisation exists on the day (for an
 * organisation), and which of the listed members are members on the day (in scope).
 *
 * @since 0.5.0
 * @category models
 */
export interface TeamContext {
  readonly today: IsoDate
  readonly activation: Activation | undefined
  readonly idUsed: boolean
  readonly compounds: ReadonlySet<string>
  readonly teams: ReadonlyArray<VanguardTeam>
  readonly formerExists: boolean
  readonly members: ReadonlySet<string>
}

/**
 * Records a vanguard team. Rules: `emergency.team-id-unique`, `emergency.future`,
 * `emergency.team-active` (its activation active on the day), `emergency.team-compounds`
 * (distinct compounds of the activation's communities valid on the day),
 * `emergency.team-residents` (a compound another team of the activation covers has the
 * residents figure that team gave: coverage counts a compound once),
 * `emergency.team-organisation` (a forming organisation exists on the day),
 * `emergency.team-members` (distinct members of the tenant's organisations on the day,
 * no more than the staff).
 *
 * @since 0.5.0
 * @category rules
 */
export const formTeam = (
  tenant: Tenant,
  context: TeamContext,
  command: FormVanguardTeam
): Either.Either<Plan, RuleViolation.RuleViolation> => {
  const { on } = command
  if (context.idUsed) return refuse("emergency.team-id-unique", "id", `${command.id} was used for a team already`)
  if (on > context.today) return refuse("emergency.future", "on", `${on} is after today (${context.today})`)
  const a = context.activation
  if (a === undefined || !activeOn(a, on)) {
    return refuse("emergency.team-active", "activationId", `${command.activationId} is not active on ${on}`, articleSource)
  }
  const codes = command.compounds.map((c) => c.code)
  if (new Set(codes).size !== codes.length) return refuse("emergency.team-compounds", "compounds", "a compound is named twice")
  const outside = codes.find((code) => !context.compounds.has(code))
  if (outside !== undefined) {
    return refuse("emergency.team-compounds", "compounds", `${outside} is no compound of ${a.id}'s communities on ${on}`)
  }
  const figures = new Map<string, { readonly team: string; readonly residents: number }>()
  for (const t of context.teams) for (const c of t.compounds) if (!figures.has(c.code)) figures.set(c.code, { team: t.id, residents: c.residents })
  const differs = command.compounds.find((c) => figures.has(c.code) && figures.get(c.code)!.residents !== c.residents)
  if (differs !== undefined) {
    const other = figures.get(differs.code)!
    return refuse(
      "emergency.team-residents",
      "compounds",
      `${differs.code} has ${other.residents} residents as team ${other.team} gave them, not ${differs.residents}: a compound is counted once`
    )
  }
  if (command.formerKind === "organisation" && !context.formerExists) {
    return refuse("emergency.team-organisation", "formedBy", `no organisation ${command.formedBy} exists on ${on}`)
  }
  if (new Set(command.members).size !== command.members.length) return refuse("emergency.team-members", "members", "a member is named twice")
  const stranger = command.members.find((m) => !context.members.has(m))
  if (stranger !== undefined) return refuse("emergency.team-members", "members", `${stranger} is no member of the tenant's organisations on ${on}`)
  if (command.members.length > command.staff) {
    return refuse("emergency.team-members", "staff", `${command.members.length} members are more than the ${command.staff} staff they are counted among`)
  }
  return Either.right({
    changes: {
      activations: [],
      roster: [],
      branches: [],
      teams: [{
        tenant,
        id: command.id,
        activationId: command.activationId,
        name: command.name,
        formerKind: command.formerKind,
        formedBy: command.formedBy,
        compounds: command.compounds,
        staff: command.staff,
        members: command.members,
        formedOn: on
      }]
    },
    commands: []
  })
}
