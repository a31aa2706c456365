/**
 * The emergency service's reads: an activation seen from a subtree (its communities
 * inside it, its teams' compounds inside it), its roster with names and phones (masked
 * unless `pii:read`, an unmasked read audited without the data), its branches with their
 * participants, and coverage per activation and over a period.
 *
 * @internal
 */
import { Effect, Schema } from "effect"
import type { AccessPolicyShape } from "../../access/AccessPolicy.js"
import * as Actor from "../../access/Actor.js"
import { piiRead } from "../../access/Permission.js"
import type { AuditLogShape } from "../../audit/AuditLog.js"
import { type Activation, ActivationId, activeOn, overlaps, type VanguardTeam } from "../../emergency/Activation.js"
import * as EmergencyPermission from "../../emergency/EmergencyPermission.js"
import type { BranchView, Coverage, EmergencyShape, RosterEntry } from "../../emergency/EmergencyService.js"
import * as Decode from "../../errors/Decode.js"
import { GridCode } from "../../grid/Grid.js"
import type { WorkerId } from "../../grid/Worker.js"
import * as Phone from "../../identifiers/Phone.js"
import type { MemberId } from "../../organisation/Member.js"
import type { TransactorShape } from "../../store/Transactor.js"
import * as IsoDate from "../../time/IsoDate.js"
import type { Ports } from "./decide.js"
import * as Period from "../period.js"

const ReadArguments = Schema.Struct({ root: Schema.optional(GridCode), at: Schema.optional(IsoDate.IsoDate) })
const PeriodArguments = Schema.Struct({ root: Schema.optional(GridCode), from: IsoDate.IsoDate, to: IsoDate.IsoDate })

type Reads = Pick<EmergencyShape, "activations" | "activation" | "roster" | "branches" | "teams" | "coverage" | "coverageOver">

/** @internal */
export const make = (
  ports: Ports,
  deps: { readonly policy: AccessPolicyShape; readonly transactor: TransactorShape; readonly audit: Pick<AuditLogShape, "append"> }
): Reads => {
  const { grids, organisations, store } = ports
  const { audit, policy, transactor } = deps

  /** The read options resolved against the actor: subtree, day, permission. */
  const readScope = <A extends { readonly root?: string | undefined }>(actor: Actor.Actor, input: unknown, schema: Schema.Schema<A, any>) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
      const root: string = options.root ?? actor.scope
      yield* Actor.authorize(actor, EmergencyPermission.read, "read", [root], policy)
      const at = ((options as { readonly at?: IsoDate.IsoDate }).at) ?? (yield* IsoDate.today)
      return { tenant: actor.tenant, root, at, options }
    })
  type Scope = Effect.Effect.Success<ReturnType<typeof readScope>>

  /** The activation of an id as the subtree sees it: its communities inside it; none when it lies elsewhere. */
  const seen = (s: Scope, id: unknown) =>
    Effect.gen(function*() {
      const activationId = yield* Decode.decode(ActivationId, id, { field: "id" })
      const found = (yield* store.activations.activationsOf(s.tenant, [activationId]))[0]
      return found === undefined || !overlaps(found.gridCode, s.root) ? null : within(s, found)
    })
  const within = (s: Scope, a: Activation): Activation => ({ ...a, communities: a.communities.filter((c) => c.startsWith(s.root)) })

  /** A team with only the compounds inside the subtree; none when it has none there. */
  const teamWithin = (s: Scope, t: VanguardTeam): ReadonlyArray<VanguardTeam> => {
    const compounds = t.compounds.filter((c) => c.code.startsWith(s.root))
    return compounds.length === 0 ? [] : [{ ...t, compounds }]
  }

  const rosterOf = (s: Scope, a: Activation) =>
    Effect.map(store.activations.rosterOf(s.tenant, [a.id]), (rows) => rows.filter((r) => a.communities.includes(r.communityCode)))
  const branchesOf = (s: Scope, a: Activation) =>
    Effect.map(store.activations.branchesOf(s.tenant, [a.id]), (rows) => rows.filter((b) => a.communities.includes(b.communityCode)))
  const teamsOf = (s: Scope, a: Activation) =>
    Effect.map(store.vanguard.teamsIn(s.tenant, [a.id]), (rows) => rows.flatMap((t) => teamWithin(s, t)))

  const zero: Coverage = {
    activations: 0,
    teams: 0,
    compounds: 0,
    residents: 0,
    staff: 0,
    teamMembers: 0,
    workers: 0,
    members: 0,
    membersWithStanding: 0,
    compoundBranches: 0,
    jointBranches: 0,
    branchMembers: 0
  }
  const plus = (a: Coverage, b: Coverage): Coverage =>
    Object.fromEntries(Object.keys(zero).map((k) => [k, a[k as keyof Coverage] + b[k as keyof Coverage]])) as unknown as Coverage

  /** One activation's coverage inside the subtree: each compound once, with the residents its teams gave. */
  const coverageOf = (s: Scope, a: Activation) =>
    Effect.gen(function*() {
      const roster = yield* rosterOf(s, a)
      const branches = yield* branchesOf(s, a)
      const teams = yield* teamsOf(s, a)
      const residents = new Map<string, number>()
      for (const t of teams) for (const c of t.compounds) if (!residents.has(c.code)) residents.set(c.code, c.residents)
      const members = roster.filter((r) => r.kind === "member")
      return {
        activations: 1,
        teams: teams.length,
        compounds: residents.size,
        residents: Array.from(residents.values()).reduce((sum, n) => sum + n, 0),
        staff: teams.reduce((sum, t) => sum + t.staff, 0),
        teamMembers: teams.reduce((sum, t) => sum + t.members.length, 0),
        workers: roster.length - members.length,
        members: members.length,
        membersWithStanding: members.filter((m) => m.standing !== null).length,
        compoundBranches: branches.filter((b) => b.compoundCode !== null).length,
        jointBranches: branches.filter((b) => b.compoundCode === null).length,
        branchMembers: branches.reduce((sum, b) => sum + b.members, 0)
      } satisfies Coverage
    })

  return {
    activations: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        return (yield* store.activations.activations(s.tenant))
          .filter((a) => overlaps(a.gridCode, s.root) && activeOn(a, s.at))
          .map((a) => within(s, a))
      }).pipe(Effect.withSpan("Emergency.activations")),
    activation: (actor, id, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        return yield* seen(s, id)
      }).pipe(Effect.withSpan("Emergency.activation")),
    roster: (actor, id, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const a = yield* seen(s, id)
        if (a === null) return []
        const rows = yield* rosterOf(s, a)
        const workerIds = rows.filter((r) => r.kind === "worker").map((r) => r.personId as string as WorkerId)
        // A member's identity only where the rules could read their membership (in scope).
        const memberIds = rows.filter((r) => r.kind === "member" && r.standing !== null).map((r) => r.personId as string as MemberId)
        const people = new Map<string, { readonly name: string; readonly phone: string | null }>()
        for (const w of workerIds.length === 0 ? [] : yield* grids.workers.getMany(s.tenant, workerIds)) people.set(`worker/${w.id}`, w)
        for (const m of memberIds.length === 0 ? [] : yield* organisations.members.getMany(s.tenant, memberIds)) people.set(`member/${m.id}`, m)
        const unmasked = Actor.can(actor, piiRead, policy)
        const shown = rows.filter((r) => unmasked && (people.get(`${r.kind}/${r.personId}`)?.phone ?? null) !== null).map((r) => `${r.kind}/${r.personId}`)
        if (shown.length > 0) {
          yield* transactor.transaction(
            s.tenant,
            audit.append({ tenant: s.tenant, actor: actor.id, action: "ReadRosterPii", target: a.id, detail: JSON.stringify({ root: s.root, people: shown }) })
          )
        }
        return rows.map((r): RosterEntry => {
          const person = people.get(`${r.kind}/${r.personId}`)
          const phone = person?.phone ?? null
          return { ...r, name: person?.name ?? null, phone: phone === null || unmasked ? phone : Phone.maskStored(phone) }
        })
      }).pipe(Effect.withSpan("Emergency.roster")),
    branches: (actor, id, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const a = yield* seen(s, id)
        if (a === null) return []
        const branches = yield* branchesOf(s, a)
        const ids = branches.map((b) => b.organisationId)
        const versions = ids.length === 0 ? [] : yield* organisations.organisations.versionsOf(s.tenant, ids)
        const taking = ids.length === 0 ? [] : yield* organisations.members.participationsIn(s.tenant, ids)
        return branches.map((b): BranchView => ({
          ...b,
          name: versions.find((v) => v.id === b.organisationId)?.name ?? b.organisationId,
          participants: taking.filter((p) => p.organisationId === b.organisationId && IsoDate.within(s.at, p.validFrom, p.validTo)).map((p) => p.memberId)
        }))
      }).pipe(Effect.withSpan("Emergency.branches")),
    teams: (actor, id, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const a = yield* seen(s, id)
        return a === null ? [] : yield* teamsOf(s, a)
      }).pipe(Effect.withSpan("Emergency.teams")),
    coverage: (actor, id, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const a = yield* seen(s, id)
        return a === null ? null : yield* coverageOf(s, a)
      }).pipe(Effect.withSpan("Emergency.coverage")),
    coverageOver: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, PeriodArguments)
        const { from, to } = s.options
        const refused = Period.problem(from, to)
        if (refused !== undefined) return yield* refused
        const during = (yield* store.activations.activations(s.tenant))
          .filter((a) => overlaps(a.gridCode, s.root) && a.activatedOn < to && (a.deactivatedOn === null || a.deactivatedOn > from))
        let total = zero
        for (const a of during) total = plus(total, yield* coverageOf(s, within(s, a)))
        return total
      }).pipe(Effect.withSpan("Emergency.coverageOver"))
  }
}
