/**
 * The emergency rules (平急两用) as pure functions, each property named after its rule:
 * the first rule a command breaks, or the plan it gives — the roster, the temporary
 * branches and the organisation commands that carry them out.
 */
import { describe, expect, it } from "@effect/vitest"
import { type Activation, EmergencyCommand, EmergencyRules, IsoDate, type Organisation, Text } from "@jiceng/core"
import { Either, FastCheck as fc, Schema } from "effect"

const tenant = "131102" as Activation.Activation["tenant"]
const d = IsoDate.unsafeMake
const today = d("2024-12-31")
const ruleOf = (e: Either.Either<unknown, { readonly rule: string }>) => (Either.isLeft(e) ? e.left.rule : "ok")
const decode = <A, I>(schema: Schema.Schema<A, I>) => (input: I) => Schema.decodeUnknownSync(schema)(input)
const config = { minFullMembers: 3 }

const organisation = (id: string, code: string): Organisation.Organisation => ({
  tenant,
  id: id as Organisation.OrganisationId,
  kind: "branch",
  name: `${id}党支部`,
  parentId: "dw" as Organisation.OrganisationId,
  sector: "community",
  grids: [code as Organisation.Organisation["grids"][number]],
  hasCommittee: false,
  task: null,
  validFrom: d("2020-01-01"),
  validTo: null,
  change: "form",
  predecessors: []
})

const activation = (id: string, gridCode: string, activatedOn: string, deactivatedOn: string | null): Activation.Activation => ({
  tenant,
  id: id as Activation.ActivationId,
  gridCode: gridCode as Activation.Activation["gridCode"],
  task: "防汛",
  communities: [],
  activatedOn: d(activatedOn),
  deactivatedOn: deactivatedOn === null ? null : d(deactivatedOn)
})

type Standing = "full" | "probationary" | null
/** A community's spec: members (standing, compound index or none), workers, compounds. */
const communityArb = fc.record({
  compounds: fc.integer({ min: 1, max: 3 }),
  workers: fc.integer({ min: 0, max: 3 }),
  organised: fc.boolean(),
  members: fc.array(fc.record({ standing: fc.constantFrom<Standing>("full", "full", "probationary", null), compound: fc.integer({ min: 0, max: 3 }) }), {
    maxLength: 10
  })
})
type CommunitySpec = typeof communityArb extends fc.Arbitrary<infer A> ? A : never

const communities = (specs: ReadonlyArray<CommunitySpec>, organised = true): Array<EmergencyRules.Community> =>
  specs.map((s, i) => {
    const code = `131102001${String(i + 1).padStart(3, "0")}`
    return {
      code,
      name: `社区${i}`,
      organisation: organised || s.organised ? organisation(`c${i}`, code) : undefined,
      compounds: Array.from({ length: s.compounds }, (_, k) => ({ code: `${code}001${String(k + 1).padStart(3, "0")}`, name: `${k + 1}号小区` })),
      workers: Array.from({ length: s.workers }, (_, w) => `w${i}_${w}`),
      members: s.members.map((m, k) => ({ memberId: `m${i}_${k}`, standing: m.standing }))
    }
  })

/** Placements of the members whose compound index exists. */
const placementsOf = (cs: ReadonlyArray<EmergencyRules.Community>, specs: ReadonlyArray<CommunitySpec>) =>
  cs.flatMap((c, i) => specs[i]!.members.flatMap((m, k) => (m.compound < c.compounds.length ? [{ memberId: `m${i}_${k}`, compoundCode: c.compounds[m.compound]!.code }] : [])))

const activate = (placements: ReadonlyArray<{ readonly memberId: string; readonly compoundCode: string }>, on = "2024-06-01", gridCode = "131102001", id = "a1") =>
  decode(EmergencyCommand.ActivateEmergency)({ _tag: "ActivateEmergency", id, gridCode, task: "防汛", on, placements })

const context = (cs: ReadonlyArray<EmergencyRules.Community>, fields: Partial<EmergencyRules.ActivationContext> = {}): EmergencyRules.ActivationContext => ({
  today,
  activations: [],
  grid: { level: "street", name: "河西街道" },
  communities: cs,
  ...fields
})

describe("EmergencyRules", () => {
  it.prop("emergency.branch: a compound gets its own temporary branch exactly when minFullMembers full members are placed there; every other readable member joins the community's joint branch", [
    fc.array(communityArb, { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 1, max: 4 })
  ], ([specs, min]) => {
    const cs = communities(specs)
    const plan = EmergencyRules.activate({ minFullMembers: min }, tenant, context(cs), activate(placementsOf(cs, specs)))
    expect(Either.isRight(plan)).toBe(true)
    if (Either.isLeft(plan)) return
    const { branches, roster } = plan.right.changes
    for (const [i, c] of cs.entries()) {
      for (const [k, compound] of c.compounds.entries()) {
        const full = specs[i]!.members.filter((m) => m.compound === k && m.standing === "full").length
        const formed = branches.filter((b) => b.compoundCode === compound.code)
        expect(formed.length, compound.code).toBe(full >= min ? 1 : 0)
        if (formed.length === 1) expect(formed[0]!.fullMembers).toBe(full)
      }
      const own = new Set<string>(branches.filter((b) => b.compoundCode !== null && b.communityCode === c.code).map((b) => b.compoundCode as string))
      const jointMembers = specs[i]!.members.filter((m) => m.standing !== null && !own.has(c.compounds[m.compound]?.code ?? "")).length
      expect(branches.filter((b) => b.communityCode === c.code && b.compoundCode === null).map((b) => b.members)).toEqual(jointMembers > 0 ? [jointMembers] : [])
    }
    // Each readable member is in exactly one branch; a member whose membership cannot be read in none.
    for (const r of roster.filter((x) => x.kind === "member")) expect(r.branchId === null).toBe(r.standing === null)
    expect(branches.reduce((n, b) => n + b.members, 0)).toBe(roster.filter((r) => r.kind === "member" && r.standing !== null).length)
    // Carried out by the organisation domain: one FormOrganisation per branch under the community organisation, one JoinTemporary per member.
    const commands = plan.right.commands
    expect(commands.filter((c) => c._tag === "FormOrganisation").map((c) => c._tag === "FormOrganisation" && [c.id, c.kind, c.parentId])).toEqual(
      branches.map((b) => [b.organisationId, "temporary_branch", roster.find((r) => r.communityCode === b.communityCode)?.organisationId ?? `c${cs.findIndex((c) => c.code === b.communityCode)}`])
    )
    expect(commands.filter((c) => c._tag === "JoinTemporary").length).toBe(branches.reduce((n, b) => n + b.members, 0))
  })

  it.prop("emergency.roster: every L4/L5 worker and every enrolled member of the covered communities is on the roster once, under their community's organisation", [
    fc.array(communityArb, { minLength: 1, maxLength: 3 })
  ], ([specs]) => {
    const cs = communities(specs)
    const plan = EmergencyRules.activate(config, tenant, context(cs), activate([]))
    expect(Either.isRight(plan)).toBe(true)
    if (Either.isLeft(plan)) return
    const roster = plan.right.changes.roster
    const expected = cs.flatMap((c) => [...c.workers.map((w) => `worker/${w}/${c.organisation!.id}`), ...c.members.map((m) => `member/${m.memberId}/${c.organisation!.id}`)])
    expect(roster.map((r) => `${r.kind}/${r.personId}/${r.organisationId}`)).toEqual(expected)
    expect(plan.right.changes.activations.map((a) => a.communities)).toEqual([cs.map((c) => c.code)])
  })

  it.prop("emergency.community-organisation: refused when a covered community has no party organisation serving it", [
    fc.array(communityArb, { minLength: 1, maxLength: 3 })
  ], ([specs]) => {
    const cs = communities(specs, false)
    const result = EmergencyRules.activate(config, tenant, context(cs), activate([]))
    expect(ruleOf(result)).toBe(specs.every((s) => s.organised) ? "ok" : "emergency.community-organisation")
  })

  it.prop("emergency.placement: a placement names a member enrolled with a covered community and a compound of it, each member once", [
    fc.array(communityArb, { minLength: 1, maxLength: 2 }),
    fc.constantFrom("ok", "twice", "stranger", "elsewhere")
  ], ([specs, how]) => {
    const cs = communities(specs)
    const placements = placementsOf(cs, specs)
    const member = cs.find((c) => c.members.length > 0)
    if (member === undefined) return
    const someone = member.members[0]!.memberId
    const extra = how === "twice"
      ? [{ memberId: someone, compoundCode: member.compounds[0]!.code }, { memberId: someone, compoundCode: member.compounds[0]!.code }]
      : how === "stranger"
      ? [{ memberId: "nobody", compoundCode: member.compounds[0]!.code }]
      : how === "elsewhere"
      ? [{ memberId: someone, compoundCode: "131102009001001001" }]
      : []
    const mine = placements.filter((p) => how === "ok" || p.memberId !== someone)
    const result = EmergencyRules.activate(config, tenant, context(cs), activate([...mine, ...extra]))
    expect(ruleOf(result)).toBe(how === "ok" ? "ok" : "emergency.placement")
  })

  it.prop("emergency.grid, emergency.future, emergency.id-unique: a street or community valid on the day, not after today, a new id", [
    fc.constantFrom("street", "community", "sector", "none"),
    fc.integer({ min: -3, max: 3 }),
    fc.boolean()
  ], ([level, shift, used]) => {
    const cs = communities([{ compounds: 1, workers: 1, organised: true, members: [] }])
    const on = IsoDate.addDays(today, shift)
    const result = EmergencyRules.activate(config, tenant, context(cs, {
      grid: level === "none" ? undefined : { level, name: "x" },
      activations: used ? [activation("a1", "131102002", "2020-01-01", "2020-02-01")] : []
    }), activate([], on))
    expect(ruleOf(result)).toBe(used ? "emergency.id-unique" : on > today ? "emergency.future" : level === "street" || level === "community" ? "ok" : "emergency.grid")
  })

  it.prop("emergency.overlap, emergency.backdated: no activation while one covering the same ground (the grid, a street above it, a community below it) is active, nor dated before the last deactivation of one", [
    fc.constantFrom("131102001", "131102001001", "131102001002", "131102002"),
    fc.constantFrom("131102001", "131102001001", "131102002001"),
    fc.option(fc.integer({ min: -3, max: 3 }), { nil: null })
  ], ([existing, gridCode, ended]) => {
    const on = d("2024-06-01")
    const other = activation("a0", existing, "2024-01-01", ended === null ? null : IsoDate.addDays(on, ended))
    const cs = communities([{ compounds: 1, workers: 0, organised: true, members: [] }])
    const result = EmergencyRules.activate(config, tenant, context(cs, { activations: [other] }), activate([], on, gridCode))
    const covers = existing.startsWith(gridCode) || gridCode.startsWith(existing)
    expect(ruleOf(result)).toBe(!covers ? "ok" : ended === null ? "emergency.overlap" : ended > 0 ? "emergency.backdated" : "ok")
  })

  it.prop("emergency.exists, emergency.active, emergency.future, emergency.deactivate-after, emergency.backdated: a deactivation; emergency.restore: it dissolves exactly the activation's branches still valid on its day (one an organiser dissolved or merged away since is left as it is)", [
    fc.boolean(),
    fc.boolean(),
    fc.integer({ min: -3, max: 5 }),
    fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
    fc.array(fc.boolean(), { maxLength: 4 })
  ], ([exists, ended, shift, teamDay, stillValid]) => {
    const branchCount = stillValid.length
    const a = activation("a1", "131102001", "2024-06-01", ended ? "2024-06-03" : null)
    const on = IsoDate.addDays(a.activatedOn, shift)
    const branches = Array.from({ length: branchCount }, (_, i): Activation.EmergencyBranch => ({
      tenant,
      activationId: a.id,
      organisationId: `a1:${i}` as Organisation.OrganisationId,
      communityCode: "131102001001" as Activation.EmergencyBranch["communityCode"],
      compoundCode: null,
      members: 1,
      fullMembers: 1
    }))
    const teams = teamDay === null ? [] : [{ formedOn: IsoDate.addDays(a.activatedOn, teamDay), id: "t1" } as Activation.VanguardTeam]
    const command = decode(EmergencyCommand.DeactivateEmergency)({ _tag: "DeactivateEmergency", id: "a1", on })
    const validOnDay = new Set<string>(branches.filter((_, i) => stillValid[i]).map((b) => b.organisationId))
    const result = EmergencyRules.deactivate({ today: d("2024-06-04"), activation: exists ? a : undefined, branches, validOnDay, teams }, command)
    const expected = !exists
      ? "emergency.exists"
      : ended
      ? "emergency.active"
      : shift > 3
      ? "emergency.future"
      : shift <= 0
      ? "emergency.deactivate-after"
      : teamDay !== null && teamDay > shift
      ? "emergency.backdated"
      : "ok"
    expect(ruleOf(result)).toBe(expected)
    if (Either.isRight(result)) {
      expect(result.right.commands.map((c) => c._tag === "DissolveOrganisation" && [c.id, c.at])).toEqual(
        branches.filter((_, i) => stillValid[i]).map((b) => [b.organisationId, on])
      )
      expect(result.right.changes.activations).toEqual([{ ...a, deactivatedOn: on }])
      expect(result.right.changes.roster).toEqual([])
    }
  })

  /** A name as `Text.Name` decodes it, of up to 100 code points: astral, CJK, Latin and white space characters. */
  const nameArb = fc.array(fc.constantFrom("a", "𠀀", "𠀀", " ", "字", "é", "\u3000"), { minLength: 1, maxLength: 100 })
    .map((cs) => cs.join("").trim())
    .filter((s) => Text.problem(s, 100) === undefined)

  it.prop("emergency.branch-command: each branch's organisation command decodes whatever the task's and the grids' names (cut to 100 code points, trimmed); an id too long for an organisation id is refused naming the field, never a ParseError", [
    fc.oneof(nameArb, fc.constant("a" + "𠀀".repeat(99)), fc.constant("x".repeat(90))),
    fc.oneof(nameArb, fc.constant("甲 乙")),
    nameArb,
    fc.constantFrom("a1", "x".repeat(32)),
    fc.constantFrom(18, 36),
    fc.integer({ min: 0, max: 4 })
  ], ([task, communityName, compoundName, id, codeLength, full]) => {
    const code = "131102001001"
    const compound = code.padEnd(codeLength, "1")
    const c: EmergencyRules.Community = {
      code,
      name: communityName,
      organisation: organisation("c0", code),
      compounds: [{ code: compound, name: compoundName }],
      workers: [],
      members: Array.from({ length: full + 1 }, (_, k) => ({ memberId: `m${k}`, standing: "full" as const }))
    }
    // The first `full` members are placed in the compound, the last one is not: a joint branch always, a compound branch from three.
    const placements = c.members.slice(0, full).map((m) => ({ memberId: m.memberId, compoundCode: compound }))
    const command = decode(EmergencyCommand.ActivateEmergency)({ _tag: "ActivateEmergency", id, gridCode: code, task, on: "2024-06-01", placements })
    const result = EmergencyRules.activate(config, tenant, context([c], { grid: { level: "community", name: communityName } }), command)
    const tooLong = full >= 3 && id.length + 1 + codeLength > 64
    expect(ruleOf(result)).toBe(tooLong ? "emergency.branch-command" : "ok")
    if (Either.isLeft(result)) {
      expect(result.left.field).toBe("id")
      return
    }
    // Compound branches are formed first, then the joint branch.
    const names = [...(full >= 3 ? [`${task}临时党支部（${communityName}${compoundName}）`] : []), `${task}联合临时党支部（${communityName}）`]
    const formed = result.right.commands.flatMap((x) => (x._tag === "FormOrganisation" ? [x.name] : []))
    expect(formed.length).toBe(names.length)
    for (const [i, name] of formed.entries()) {
      expect(Text.problem(name, 100)).toBeUndefined()
      // A prefix of the whole name, cut between code points only where it is longer than 100.
      expect(names[i]!.startsWith(name)).toBe(true)
      if (Array.from(names[i]!).length <= 100) expect(name).toBe(names[i])
    }
  })

  const teamArb = fc.record({
    used: fc.boolean(),
    active: fc.constantFrom("active", "ended", "missing"),
    shift: fc.integer({ min: -2, max: 2 }),
    compounds: fc.array(fc.constantFrom("c1", "c2", "c3", "x"), { minLength: 1, maxLength: 3 }),
    residents: fc.integer({ min: 0, max: 2 }),
    organisation: fc.boolean(),
    formerExists: fc.boolean(),
    members: fc.array(fc.constantFrom("m1", "m2", "stranger"), { maxLength: 3 }),
    staff: fc.integer({ min: 0, max: 3 })
  })

  it.prop("emergency.team-id-unique, emergency.future, emergency.team-active, emergency.team-compounds, emergency.team-residents, emergency.team-organisation, emergency.team-members: a vanguard team", [teamArb], ([t]) => {
    const a = activation("a1", "131102001", "2024-06-01", t.active === "ended" ? "2024-06-10" : null)
    const on = t.shift > 0 ? IsoDate.addDays(today, t.shift) : IsoDate.addDays(d("2024-06-12"), t.shift)
    const code = (c: string) => `131102001001001${c === "x" ? "009" : c === "c1" ? "001" : c === "c2" ? "002" : "003"}`
    // Another team gave c1 100 residents.
    const other = { id: "t0", compounds: [{ code: code("c1"), residents: 100 }], formedOn: a.activatedOn } as unknown as Activation.VanguardTeam
    const figure = (c: string) => (c === "c1" ? 100 * t.residents : 50)
    const command = decode(EmergencyCommand.FormVanguardTeam)({
      _tag: "FormVanguardTeam",
      id: "t1",
      activationId: "a1",
      name: "先锋队",
      formerKind: t.organisation ? "organisation" : "company",
      formedBy: "dw",
      compounds: t.compounds.map((c) => ({ code: code(c), residents: figure(c) })),
      staff: t.staff,
      members: t.members,
      on
    })
    const result = EmergencyRules.formTeam(tenant, {
      today,
      activation: t.active === "missing" ? undefined : a,
      idUsed: t.used,
      compounds: new Set(["c1", "c2", "c3"].map(code)),
      teams: [other],
      formerExists: t.formerExists,
      members: new Set(["m1", "m2"])
    }, command)
    const expected = t.used
      ? "emergency.team-id-unique"
      : on > today
      ? "emergency.future"
      : t.active !== "active"
      ? "emergency.team-active"
      : new Set(t.compounds).size !== t.compounds.length || t.compounds.includes("x")
      ? "emergency.team-compounds"
      : t.compounds.includes("c1") && t.residents !== 1
      ? "emergency.team-residents"
      : t.organisation && !t.formerExists
      ? "emergency.team-organisation"
      : new Set(t.members).size !== t.members.length || t.members.includes("stranger") || t.members.length > t.staff
      ? "emergency.team-members"
      : "ok"
    expect(ruleOf(result)).toBe(expected)
    if (Either.isRight(result)) expect(result.right.changes.teams.map((x) => [x.id, x.compounds.length, x.formedOn])).toEqual([["t1", t.compounds.length, on]])
  })
})
