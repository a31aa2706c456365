/**
 * Random emergency-mode (平急两用) districts and command sequences for the conformance
 * suites: a small district (one or two streets, communities with compounds and blocks,
 * grid workers on them, a community party branch serving most communities, members of
 * the tenant's branches — full or probationary — and members from outside it, all
 * enrolled with their communities, 双报到), written through the Grids, Organisations and
 * CoConstructions services; then activations of a community or a street (with
 * placements by compound), deactivations and vanguard teams, by index into the
 * district and with days inside and outside the rules.
 *
 * @since 0.5.0
 */
import {
  Actor,
  AuditLog,
  CoConstructions,
  CoConstructionStore,
  type Emergency,
  type EmergencyChanges,
  EmergencyService,
  EmergencyStore,
  GridStore,
  Grids,
  IsoDate,
  OrganisationStore,
  Organisations,
  type Store,
  type StoreError
} from "@jiceng/core"
import { Effect, Either, FastCheck as fc } from "effect"

/**
 * The suites' today.
 *
 * @since 0.5.0
 * @category constants
 */
export const todayMs = Date.parse("2026-12-31T00:00:00Z")

/**
 * A member of a community: of the tenant's branches (full or probationary), or from
 * outside it (enrolled with a `homeOrganisation`); and the compound (by index) they are
 * placed in when an activation places members (none beyond the community's compounds).
 *
 * @since 0.5.0
 * @category models
 */
export interface MemberSpec {
  readonly standing: "full" | "probationary" | "outside"
  readonly compound: number
}

/**
 * A community: its street, compounds (each with blocks), grid workers, whether a
 * community party branch serves it, and its members.
 *
 * @since 0.5.0
 * @category models
 */
export interface CommunitySpec {
  readonly street: number
  readonly compounds: ReadonlyArray<number>
  readonly workers: number
  readonly organised: boolean
  readonly members: ReadonlyArray<MemberSpec>
}

/**
 * A random district.
 *
 * @since 0.5.0
 * @category models
 */
export interface District {
  readonly communities: ReadonlyArray<CommunitySpec>
}

/**
 * An intent, by index into the district, resolved for a tenant by {@link resolve}.
 *
 * @since 0.5.0
 * @category models
 */
export type Intent =
  | { readonly kind: "activate"; readonly id: number; readonly street: boolean; readonly target: number; readonly day: number; readonly place: boolean }
  | { readonly kind: "deactivate"; readonly id: number; readonly day: number }
  | {
    readonly kind: "team"
    readonly id: number
    readonly activation: number
    readonly compounds: ReadonlyArray<number>
    readonly residents: number
    readonly staff: number
    readonly members: number
    readonly company: boolean
    readonly day: number
  }

const member: fc.Arbitrary<MemberSpec> = fc.record({
  standing: fc.constantFrom("full", "full", "full", "probationary", "outside") as fc.Arbitrary<MemberSpec["standing"]>,
  compound: fc.integer({ min: 0, max: 3 })
})

const community: fc.Arbitrary<CommunitySpec> = fc.record({
  street: fc.integer({ min: 0, max: 1 }),
  compounds: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 3 }),
  workers: fc.integer({ min: 0, max: 4 }),
  organised: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  members: fc.array(member, { maxLength: 9 })
})

/**
 * A random district: one to four communities in one or two streets.
 *
 * @since 0.5.0
 * @category arbitraries
 */
export const district: fc.Arbitrary<District> = fc.record({ communities: fc.array(community, { minLength: 1, maxLength: 4 }) })

const intent: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("activate" as const),
      id: fc.integer({ min: 0, max: 3 }),
      street: fc.boolean(),
      target: fc.integer({ min: 0, max: 3 }),
      day: fc.integer({ min: -10, max: 40 }),
      place: fc.boolean()
    })
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("deactivate" as const), id: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: -3, max: 40 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("team" as const),
      id: fc.integer({ min: 0, max: 5 }),
      activation: fc.integer({ min: 0, max: 3 }),
      compounds: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 3 }),
      residents: fc.integer({ min: 0, max: 3 }),
      staff: fc.integer({ min: 0, max: 40 }),
      members: fc.integer({ min: 0, max: 3 }),
      company: fc.boolean(),
      day: fc.integer({ min: -3, max: 40 })
    })
  }
)

/** An episode: an activation, teams formed while it is active, and mostly its deactivation. */
const episode: fc.Arbitrary<ReadonlyArray<Intent>> = fc.record({
  activate: intent.filter((i) => i.kind === "activate"),
  teams: fc.array(intent.filter((i) => i.kind === "team"), { maxLength: 3 }),
  length: fc.integer({ min: 1, max: 8 }),
  end: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
}).map(({ activate, end, length, teams }) => {
  if (activate.kind !== "activate") return []
  const steps: Array<Intent> = [activate]
  teams.forEach((t, i) => steps.push({ ...t, activation: activate.id, day: activate.day + Math.min(i, length - 1) } as Intent))
  if (end) steps.push({ kind: "deactivate", id: activate.id, day: activate.day + length })
  return steps
})

/**
 * A district and up to `max` intents on it: single intents and episodes (an activation,
 * teams while it is active, mostly its deactivation).
 *
 * @since 0.5.0
 * @category arbitraries
 */
export const intents = (max = 12): fc.Arbitrary<{ readonly district: District; readonly intents: ReadonlyArray<Intent> }> =>
  fc.record({
    district,
    intents: fc.array(fc.oneof({ weight: 1, arbitrary: intent.map((i): ReadonlyArray<Intent> => [i]) }, { weight: 2, arbitrary: episode }), {
      minLength: 1,
      maxLength: max
    }).map((groups) => groups.flat().slice(0, max + 4))
  })

/** The day grids, branches and members begin; enrolments a day later; activations from `base`. */
const start = IsoDate.unsafeMake("2024-01-01")
const base = IsoDate.unsafeMake("2024-03-01")

/**
 * The day of an intent: `base` plus `day` weeks (before it, for a negative day, is the
 * scaffold's month).
 *
 * @since 0.5.0
 * @category utils
 */
export const dayOf = (day: number): IsoDate.IsoDate => IsoDate.addDays(base, 7 * day)

const pad = (n: number) => String(n + 1).padStart(3, "0")

/**
 * The codes of a district for a tenant: streets, communities, compounds (with their
 * blocks), in order.
 *
 * @since 0.5.0
 * @category utils
 */
export const codes = (tenant: string, d: District) => {
  const streets = [`${tenant}001`, `${tenant}002`]
  const perStreet = [0, 0]
  const communities = d.communities.map((c, index) => {
    const street = streets[c.street]!
    const code = `${street}${pad(perStreet[c.street]!++)}`
    const sector = `${code}001`
    const compounds = c.compounds.map((blocks, k) => {
      const compound = `${sector}${pad(k)}`
      return { code: compound, blocks: Array.from({ length: blocks }, (_, b) => `${compound}${pad(b)}`) }
    })
    return { index, code, street, sector, compounds, spec: c }
  })
  return { streets: streets.filter((_, i) => d.communities.some((c) => c.street === i)), communities }
}

/** A member's id: community and index. */
const memberId = (c: number, k: number) => `m${c}_${k}`

/**
 * The district's commands: grids, workers and assignments (Grids); the district
 * committee, community branches and a branch for members of unorganised communities,
 * members' arrivals (Organisations); enrolments (CoConstructions).
 *
 * @since 0.5.0
 * @category running
 */
export const scaffold = (tenant: string, d: District) => {
  const { communities, streets } = codes(tenant, d)
  const grid = (code: string, name: string, parentCode: string | null) => ({ _tag: "CreateGrid", code, name, parentCode, validFrom: start })
  const grids: Array<unknown> = [grid(tenant, "测试区", null), ...streets.map((s, i) => grid(s, `街道${i + 1}`, tenant))]
  const organisations: Array<unknown> = [
    { _tag: "FormOrganisation", id: "dw", kind: "committee", name: "区委", parentId: null, sector: "community", validFrom: start },
    { _tag: "FormOrganisation", id: "jg", kind: "branch", name: "机关党支部", parentId: "dw", sector: "organ", validFrom: start }
  ]
  const enrolments: Array<unknown> = []
  communities.forEach((c, i) => {
    grids.push(grid(c.code, `社区${i + 1}`, c.code.slice(0, -3)), grid(c.sector, "一片区", c.code))
    const staffed: Array<string> = []
    for (const [k, compound] of c.compounds.entries()) {
      grids.push(grid(compound.code, `${k + 1}号小区`, c.sector))
      staffed.push(compound.code)
      for (const [b, block] of compound.blocks.entries()) {
        grids.push(grid(block, `${b + 1}单元`, compound.code))
        staffed.push(block)
      }
    }
    for (let w = 0; w < c.spec.workers; w++) {
      grids.push({ _tag: "RegisterWorker", id: `w${i}_${w}`, name: `网格员${i}${w}`, category: "community_worker", communityCode: c.code, employment: "full_time", phone: `1380000${String(i * 10 + w).padStart(4, "0")}`, at: start })
      grids.push({ _tag: "AssignWorker", workerId: `w${i}_${w}`, gridCode: staffed[w % staffed.length], post: "网格员", responsible: w < staffed.length, duties: ["巡查"], at: start })
    }
    const home = c.spec.organised ? `c${i}` : "jg"
    if (c.spec.organised) {
      organisations.push({ _tag: "FormOrganisation", id: home, kind: "branch", name: `社区${i + 1}党支部`, parentId: "dw", sector: "community", grids: [c.code], validFrom: start })
    }
    c.spec.members.forEach((m, k) => {
      const id = memberId(i, k)
      if (m.standing !== "outside") {
        organisations.push({ _tag: "ArriveMember", memberId: id, organisationId: home, standing: m.standing, name: `党员${i}${k}`, phone: `1390000${String(i * 10 + k).padStart(4, "0")}`, at: start })
      }
      enrolments.push({
        _tag: "EnrolMember",
        memberId: id,
        communityCode: c.code,
        ...(m.standing === "outside" ? { homeOrganisation: "市直机关党支部" } : {}),
        at: IsoDate.addDays(start, 1)
      })
    })
  })
  return { grids, organisations, enrolments }
}

/**
 * Writes the district through the Grids, Organisations and CoConstructions services as
 * the tenant's system actor.
 *
 * @since 0.5.0
 * @category running
 */
export const writeScaffold = (
  tenant: string,
  d: District
): Effect.Effect<void, never, Grids.Grids | Organisations.Organisations | CoConstructions.CoConstructions> =>
  Effect.gen(function*() {
    const s = scaffold(tenant, d)
    const admin = Actor.system(tenant)
    yield* (yield* Grids.Grids).executeAllUnknown(admin, s.grids).pipe(Effect.orDie)
    yield* (yield* Organisations.Organisations).executeAllUnknown(admin, s.organisations).pipe(Effect.orDie)
    if (s.enrolments.length > 0) yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(admin, s.enrolments).pipe(Effect.orDie)
  })

/**
 * An intent as a command for a tenant's district.
 *
 * @since 0.5.0
 * @category running
 */
export const resolve = (tenant: string, d: District, intent: Intent): unknown => {
  const { communities, streets } = codes(tenant, d)
  const compounds = communities.flatMap((c) => c.compounds.map((k) => k.code))
  switch (intent.kind) {
    case "activate": {
      const gridCode = intent.street ? streets[intent.target % streets.length]! : communities[intent.target % communities.length]!.code
      const placements = intent.place
        ? communities.filter((c) => c.code.startsWith(gridCode)).flatMap((c) =>
          c.spec.members.flatMap((m, k) => (m.compound < c.compounds.length ? [{ memberId: memberId(c.index, k), compoundCode: c.compounds[m.compound]!.code }] : []))
        )
        : []
      return { _tag: "ActivateEmergency", id: `a${intent.id}`, gridCode, task: "疫情防控", on: dayOf(intent.day), placements }
    }
    case "deactivate":
      return { _tag: "DeactivateEmergency", id: `a${intent.id}`, on: dayOf(intent.day) }
    case "team": {
      const members = communities.flatMap((c, i) => c.spec.members.map((_, k) => memberId(i, k))).slice(0, intent.members)
      return {
        _tag: "FormVanguardTeam",
        id: `t${intent.id}`,
        activationId: `a${intent.activation}`,
        name: `先锋队${intent.id}`,
        formerKind: intent.company ? "company" : "organisation",
        formedBy: intent.company ? "某物业服务有限公司" : "dw",
        compounds: Array.from(new Set(intent.compounds.map((k) => compounds[k % compounds.length]!))).map((code) => ({ code, residents: 100 * (intent.residents + (code.length % 3)) })),
        staff: intent.staff,
        members,
        on: dayOf(intent.day)
      }
    }
  }
}

/**
 * What the emergency tables, the organisation, grid-assignment and enrolment tables
 * and the audit log hold for a tenant's district: what a refusal must leave as it was.
 *
 * @since 0.5.0
 * @category running
 */
export const history = (tenant: string, d: District): Effect.Effect<Record<string, unknown>, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const store = yield* EmergencyStore.EmergencyStore
    const t = tenant as never
    const activations = yield* store.activations.activations(t)
    const ids = activations.map((a) => a.id)
    const teams = ids.length === 0 ? [] : yield* store.vanguard.teamsIn(t, ids)
    return {
      activations,
      roster: ids.length === 0 ? [] : yield* store.activations.rosterOf(t, ids),
      branches: ids.length === 0 ? [] : yield* store.activations.branchesOf(t, ids),
      teams,
      ...(yield* state(tenant, d, new Set())),
      audit: yield* (yield* AuditLog.AuditLog).list(t, { afterSeq: 0, limit: 1_000_000 })
    }
  })

/**
 * The state an activation must restore on deactivation: grid assignments and worker
 * terms, organisation versions, memberships, participations and enrolments — leaving out
 * the organisations named in `leaving` (an activation's temporary branches, which stay
 * as history) and participations in them.
 *
 * @since 0.5.0
 * @category running
 */
export const state = (tenant: string, d: District, leaving: ReadonlySet<string>): Effect.Effect<Record<string, unknown>, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const t = tenant as never
    const grids = yield* GridStore.GridStore
    const organisations = yield* OrganisationStore.OrganisationStore
    const enrolments = (yield* CoConstructionStore.CoConstructionStore).enrolments
    const members = codes(tenant, d).communities.flatMap((c, i) => c.spec.members.map((_, k) => memberId(i, k))) as unknown as ReadonlyArray<never>
    return {
      assignments: yield* grids.workers.history(t, tenant),
      terms: yield* grids.workers.termHistory(t, tenant),
      organisations: (yield* organisations.organisations.history(t)).filter((o) => !leaving.has(o.id)),
      memberships: members.length === 0 ? [] : yield* organisations.members.membershipsOf(t, members),
      participations: (members.length === 0 ? [] : yield* organisations.members.participationsOf(t, members)).filter((p) => !leaving.has(p.organisationId)),
      enrolments: members.length === 0 ? [] : yield* enrolments.membersOf(t, members)
    }
  })

/**
 * What happened to one command: its changes, or its refusal's tag, rule and field.
 *
 * @since 0.5.0
 * @category models
 */
export interface Outcome {
  readonly command: unknown
  readonly result: string
  readonly changes?: EmergencyChanges.EmergencyChanges
}

/** An error as an outcome: its tag, rule (or message) and field. */
const resultOf = (error: unknown): string => {
  const e = error as { readonly _tag: string; readonly rule?: string; readonly field?: string; readonly message: string }
  return `${e._tag}:${e.rule ?? e.message}@${e.field ?? ""}`
}

/**
 * Writes the district, then runs intents one by one through `Emergency.execute` as the
 * tenant's system actor (or the actor given). Checks after every refusal that nothing
 * was written in any domain's tables (dies otherwise) and returns what happened.
 *
 * @since 0.5.0
 * @category running
 */
export const run = (
  tenant: string,
  d: District,
  intents: ReadonlyArray<Intent>,
  options: { readonly checkRefusals?: boolean; readonly actor?: Actor.Actor; readonly scaffold?: boolean } = {}
): Effect.Effect<
  ReadonlyArray<Outcome>,
  StoreError.StoreError,
  Grids.Grids | Organisations.Organisations | CoConstructions.CoConstructions | Emergency.Emergency | Store.Store
> =>
  Effect.gen(function*() {
    if (options.scaffold !== false) yield* writeScaffold(tenant, d)
    const service = yield* EmergencyService.Emergency
    const actor = options.actor ?? Actor.system(tenant)
    const outcomes: Array<Outcome> = []
    for (const intent of intents) {
      const command = resolve(tenant, d, intent)
      const before = options.checkRefusals === false ? undefined : JSON.stringify(yield* history(tenant, d))
      const result = yield* Effect.either(service.executeUnknown(actor, command))
      if (Either.isLeft(result)) {
        if (before !== undefined && JSON.stringify(yield* history(tenant, d)) !== before) {
          return yield* Effect.die(new Error(`refused ${JSON.stringify(command)} (${resultOf(result.left)}) but the store changed`))
        }
        outcomes.push({ command, result: resultOf(result.left) })
      } else {
        outcomes.push({ command, result: "ok", changes: result.right })
      }
    }
    return outcomes
  })

/**
 * The answers the read side gives, as a viewer of the whole tenant and of street 002:
 * what stores must agree on.
 *
 * @since 0.5.0
 * @category running
 */
export const answers = (tenant: string, d: District): Effect.Effect<ReadonlyArray<unknown>, unknown, Emergency.Emergency | Store.Store> =>
  Effect.gen(function*() {
    const service = yield* EmergencyService.Emergency
    const out: Array<unknown> = [yield* history(tenant, d)]
    for (const scope of [tenant, `${tenant}002`]) {
      const viewer = Actor.make({ id: "viewer", tenant, roles: ["viewer"], scope })
      for (const day of [0, 20, 40]) out.push(yield* service.activations(viewer, { at: dayOf(day) }))
      for (const id of ["a0", "a1", "a2", "a3"]) {
        out.push({
          id,
          activation: yield* service.activation(viewer, id),
          roster: yield* service.roster(viewer, id),
          branches: yield* service.branches(viewer, id, { at: dayOf(10) }),
          teams: yield* service.teams(viewer, id),
          coverage: yield* service.coverage(viewer, id)
        })
      }
      out.push(yield* service.coverageOver(viewer, { from: dayOf(0), to: dayOf(41) }))
    }
    return out
  })
