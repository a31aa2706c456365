import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  GridConfig,
  Grids,
  MemoryStore,
  OrganisationConfig,
  OrganisationInvariants,
  Organisations,
  OrganisationStore
} from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as District from "../src/district/District.js"
import * as Party from "../src/district/Party.js"

type Command = Party.Command
type Form = Extract<Command, { _tag: "FormOrganisation" }>
type RecordMeeting = Extract<Command, { _tag: "RecordMeeting" }>

const forms = (p: Party.GeneratedParty): Array<Form> => p.commands.filter((c): c is Form => c._tag === "FormOrganisation")
const meetings = (p: Party.GeneratedParty): Array<RecordMeeting> =>
  p.commands.filter((c): c is RecordMeeting => c._tag === "RecordMeeting")
const count = (p: Party.GeneratedParty, kind: string, sector: string): number =>
  p.summary.organisations.find((o) => o.kind === kind && o.sector === sector)?.count ?? 0

/** The day a command takes effect. */
const dayOf = (c: Command): string =>
  "validFrom" in c ? c.validFrom : "date" in c ? c.date : "at" in c ? c.at : "paidOn" in c ? c.paidOn : ""

// The full district's layout is cheap (no commands are made); its party, about 21,000 commands.
const taocheng = District.plan()
const party = Party.generate(taocheng)

// A scaled-down 桃城区 for the store: a few thousand commands.
const scaled = { seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 600 }

describe("Party.generate", () => {
  it("forms the article's organisations exactly: 114 两新, 16 物业, 6 新就业群体, 341 临时党支部", () => {
    const newEconomy = count(party, "branch", "new_economy") + count(party, "joint_branch", "new_economy")
    expect(newEconomy).toBe(Party.article.newEconomy)
    expect(count(party, "joint_branch", "new_economy")).toBeGreaterThan(0)
    expect(count(party, "branch", "property") + count(party, "joint_branch", "property")).toBe(Party.article.property)
    expect(count(party, "branch", "new_employment")).toBe(Party.article.newEmployment)
    expect(count(party, "temporary_branch", "community")).toBe(Party.article.temporaryBranches)
    // The 16 property organisations serve the article's 65 红色物业 compounds, each one.
    const red = forms(party).filter((f) => f.sector === "property").flatMap((f) => f.grids ?? [])
    expect(red.length).toBe(Party.article.redPropertyCompounds)
    expect(new Set(red).size).toBe(Party.article.redPropertyCompounds)
    // A 党工委 per street, a 党委 per community, 2–4 branches per community.
    expect(count(party, "committee", "community")).toBe(taocheng.options.streets.length + taocheng.options.communities)
    const community = count(party, "branch", "community") + count(party, "joint_branch", "community")
    expect(community).toBeGreaterThanOrEqual(2 * taocheng.options.communities)
    expect(community).toBeLessThanOrEqual(4 * taocheng.options.communities)
    expect(count(party, "joint_branch", "community")).toBeGreaterThan(0)
    // Summary and commands agree.
    expect(party.summary.commands.FormOrganisation).toBe(forms(party).length)
    expect(party.summary.organisations.reduce((s, o) => s + o.count, 0)).toBe(forms(party).length)
  })

  it("builds the tree on the district: parents first, grids of the district, temporary branches in distinct compounds", () => {
    const layout = District.layout(taocheng)
    const gridCodes = new Set([
      ...layout.tree.streets,
      ...layout.tree.communities,
      ...layout.tree.sectors,
      ...layout.tree.compounds
    ].map((n) => n.code))
    const formed = new Map<string, Form>()
    const bad: Array<string> = []
    for (const f of forms(party)) {
      if (f.parentId !== null && !formed.has(f.parentId)) bad.push(`${f.id}: parent ${f.parentId} not formed before`)
      if (f.parentId === null && f.kind !== "committee") bad.push(`${f.id}: no parent`)
      for (const g of f.grids ?? []) if (!gridCodes.has(g)) bad.push(`${f.id}: unknown grid ${g}`)
      // Every organisation lies in its parent's street (the scope an actor of the street reaches).
      const parent = f.parentId === null ? undefined : formed.get(f.parentId)
      if (parent !== undefined) {
        const street = (parent.grids ?? [])[0]!.slice(0, 9)
        if (!(f.grids ?? []).every((g) => g.startsWith(street))) bad.push(`${f.id} lies outside ${street}`)
      }
      formed.set(f.id, f)
    }
    expect(bad).toEqual([])
    const temporary = forms(party).filter((f) => f.kind === "temporary_branch")
    expect(new Set(temporary.map((f) => f.grids![0])).size).toBe(341)
    for (const t of temporary) {
      expect(t.task?.kind).toBe("compound")
      expect(formed.get(t.parentId!)?.grids).toEqual([t.grids![0]!.slice(0, 12)])
      expect(t.validTo).toBe("2024-01-01")
    }
    // The street committees serve the streets, the community committees their communities.
    expect(forms(party).filter((f) => f.parentId === null).map((f) => f.name)).toEqual(
      District.taochengStreets.map((s) => `${s.name}党工委`)
    )
  })

  it("is deterministic: the same district and options give the same commands, byte for byte", () => {
    const again = Party.generate(District.plan())
    expect(JSON.stringify(again.commands)).toBe(JSON.stringify(party.commands))
    expect(again.summary).toEqual(party.summary)
    const other = Party.generate(taocheng, { seed: 7 })
    expect(JSON.stringify(other.commands)).not.toBe(JSON.stringify(party.commands))
    // The article's counts do not depend on the seed.
    expect(count(other, "temporary_branch", "community")).toBe(341)
  })

  it("orders commands by day, nothing backdated, every meeting in the year and before today", () => {
    const days = party.commands.map(dayOf)
    expect(days.every((d, i) => d !== "" && (i === 0 || d >= days[i - 1]!))).toBe(true)
    expect(days[0]).toBe("2023-01-01")
    expect(meetings(party).every((m) => m.date > "2023-01-01" && m.date <= "2023-12-31")).toBe(true)
    expect(new Set(meetings(party).map((m) => m.id)).size).toBe(meetings(party).length)
  })

  it("holds a year of 三会一课, a few meetings missing, votes with a quorum at general meetings", () => {
    const m = party.summary.meetings
    expect(m.held + m.missing).toBe(m.due)
    expect(m.missing).toBeGreaterThan(0)
    expect(m.missing / m.due).toBeLessThan(0.03)
    expect(m.held).toBe(meetings(party).length)
    const voted = meetings(party).filter((x) => (x.votes ?? []).length > 0)
    expect(voted.length).toBeGreaterThan(0)
    expect(voted.every((x) => x.kind === "general_meeting")).toBe(true)
    expect(m.votes).toBe(voted.reduce((s, x) => s + x.votes!.length, 0))
    const kinds = new Set(meetings(party).map((x) => x.kind))
    expect([...kinds].sort()).toEqual(Object.keys(OrganisationConfig.defaults.meetings).sort())
  })

  it("gives the size check something real: a few branches under 3 full members, a few of 7+ without a committee", () => {
    const rules = (rule: string) => party.summary.alerts.filter((a) => a.rule === rule).length
    expect(rules("branch.min-full-members")).toBeGreaterThanOrEqual(3)
    expect(rules("branch.min-full-members")).toBeLessThanOrEqual(5)
    expect(rules("branch.committee-required")).toBeGreaterThanOrEqual(2)
    expect(rules("branch.committee-required")).toBeLessThanOrEqual(4)
    expect(party.summary.alerts.length).toBe(rules("branch.min-full-members") + rules("branch.committee-required"))
    // Most branches of 7+ have a committee, from the start or elected in the year.
    expect(party.summary.commands.SetCommittee).toBeGreaterThanOrEqual(2)
    expect(party.summary.conversions).toBeGreaterThan(0)
    expect(party.summary.admissions).toBeGreaterThan(0)
  })

  it("scales the article's figures with the compounds, and refuses what cannot fit", () => {
    const small = District.generate(scaled)
    const p = Party.generate(small)
    expect(p.options.temporaryBranches).toBe(Math.round((341 * 30) / 355))
    expect(p.options.newEconomy).toBe(Math.round((114 * 30) / 355))
    expect(count(p, "temporary_branch", "community")).toBe(p.options.temporaryBranches)
    expect(() => Party.generate(small, { temporaryBranches: 31 })).toThrow(/31: the district has 30 compounds/)
    expect(() => Party.generate(small, { property: 5, redPropertyCompounds: 4 })).toThrow(RangeError)
    expect(() => Party.generate(small, { communityMembers: [2, 10] })).toThrow(RangeError)
  })
})

const memory = Layer.mergeAll(Grids.layer, Organisations.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)

/** Everything the store holds of the tenant's organisations, as the invariants read it. */
const history = (tenant: string) =>
  Effect.gen(function*() {
    const store = yield* OrganisationStore.OrganisationStore
    const t = tenant as Parameters<typeof store.organisations.history>[0]
    const organisations = yield* store.organisations.history(t)
    const ids = Array.from(new Set(organisations.map((o) => o.id)))
    return {
      organisations,
      memberships: yield* store.members.membershipsIn(t, ids),
      participations: yield* store.members.participationsIn(t, ids),
      dues: yield* store.members.duesIn(t, ids),
      discipline: yield* store.members.disciplineIn(t, ids),
      meetings: yield* store.meetings.meetingsIn(t, ids)
    }
  })

/** Checks the service's answers against the generator's summary. */
const readBack = (p: Party.GeneratedParty) =>
  Effect.gen(function*() {
    const service = yield* Organisations.Organisations
    const actor = Actor.system(p.tenant)
    const at = p.summary.at
    const kinds = yield* service.countByKind(actor, { at })
    expect(kinds).toEqual(p.summary.organisations)
    const members = yield* service.countMembers(actor, { at })
    const sum = (k: "full" | "probationary" | "participants") => members.reduce((s, m) => s + m[k], 0)
    expect({ full: sum("full"), probationary: sum("probationary"), participants: sum("participants") }).toEqual(p.summary.members)
    for (const [street, expected] of Object.entries(p.summary.membersByStreet)) {
      const inStreet = yield* service.countMembers(actor, { at, root: street })
      const s = (k: "full" | "probationary" | "participants") => inStreet.reduce((n, m) => n + m[k], 0)
      expect({ full: s("full"), probationary: s("probationary"), participants: s("participants") }).toEqual(expected)
    }
    const alerts = yield* service.check(actor, { at })
    expect(alerts.map((a) => ({ organisationId: a.organisationId, rule: a.rule }))).toEqual(p.summary.alerts)
    const year = p.summary.year
    const report = yield* service.compliance(actor, { from: `${year}-01-01`, to: `${year + 1}-01-01` })
    expect([report.summary.due, report.summary.held, report.summary.missing]).toEqual([
      p.summary.meetings.due,
      p.summary.meetings.held,
      p.summary.meetings.missing
    ])
    expect(OrganisationInvariants.breaches(yield* history(p.tenant))).toEqual([])
    return kinds
  })

describe("Party.apply", () => {
  // Live: meetings are refused after today, and the test clock starts in 1970.
  it.live("the Organisations service accepts every command of a scaled-down district, and reads back the summary", () =>
    Effect.gen(function*() {
      const district = District.generate(scaled)
      yield* District.apply(district)
      const p = Party.generate(district)
      // A small batch size so that several transactions run.
      yield* Party.apply(p, { batchSize: 777 })
      yield* readBack(p)
    }).pipe(Effect.provide(memory)))

  it.live("the full 桃城区: every command accepted, 114 / 16 / 6 / 341 read back through the service", () =>
    Effect.gen(function*() {
      yield* District.apply(taocheng, { batchSize: 20_000 })
      yield* Party.apply(party, { batchSize: 5_000 })
      const kinds = yield* readBack(party)
      const of = (kind: string, sector: string) => kinds.find((k) => k.kind === kind && k.sector === sector)?.count ?? 0
      expect(of("branch", "new_economy") + of("joint_branch", "new_economy")).toBe(114)
      expect(of("branch", "property")).toBe(16)
      expect(of("branch", "new_employment")).toBe(6)
      expect(of("temporary_branch", "community")).toBe(341)
    }).pipe(Effect.provide(memory)), 300_000)

  it.live("a district that starts mid-year: only the slots after its start are due, and every command is accepted", () =>
    Effect.gen(function*() {
      for (const validFrom of ["2022-08-17", "2022-12-31"]) {
        const district = District.generate({ ...scaled, validFrom })
        const p = Party.generate(district)
        expect(p.summary.year).toBe(2022)
        expect(p.commands.every((c) => dayOf(c) >= validFrom)).toBe(true)
        // A fresh store for each: the same tenant.
        yield* Effect.gen(function*() {
          yield* District.apply(district)
          yield* Party.apply(p)
          yield* readBack(p)
        }).pipe(Effect.provide(memory))
      }
    }))

  it.live("numbers a refused command by its row in the whole list", () =>
    Effect.gen(function*() {
      const district = District.generate(scaled)
      yield* District.apply(district)
      const p = Party.generate(district)
      const row = 1500
      const commands = p.commands.map((c, i) => (i === row - 1 ? { ...c, _tag: "RecordMeeting", date: "2999-01-01" } as Command : c))
      const error = yield* Effect.flip(Party.apply({ tenant: p.tenant, commands }, { batchSize: 1000 }))
      expect(error._tag === "ValidationError" || error._tag === "RuleViolation" ? error.row : undefined).toBe(row)
    }).pipe(Effect.provide(memory)))
})
