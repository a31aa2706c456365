import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructionConfig,
  CoConstructionInvariants,
  CoConstructions,
  CoConstructionStore,
  GridConfig,
  Grids,
  MemoryStore,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as CoConstruction from "../src/district/CoConstruction.js"
import * as District from "../src/district/District.js"
import * as Party from "../src/district/Party.js"

type Command = CoConstruction.Command
type Of<T extends Command["_tag"]> = Extract<Command, { _tag: T }>

const of = <T extends Command["_tag"]>(c: CoConstruction.GeneratedCoConstruction, tag: T): Array<Of<T>> =>
  c.commands.filter((x): x is Of<T> => x._tag === tag)

/** The day a command takes effect. */
const dayOf = (c: Command): string =>
  "at" in c ? c.at : "date" in c ? c.date : "on" in c ? c.on : "from" in c ? c.from : ""

// The full district's layout and party (about 21,000 commands), then its co-construction.
const taocheng = District.plan()
const party = Party.generate(taocheng)
const co = CoConstruction.generate(taocheng, party)

// A scaled-down 桃城区 for the store, as Party's tests use.
const scaled = { seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 600 }

describe("CoConstruction.generate", () => {
  it("takes the article's figures: 197 units, 11,615 members, 490 teams, 100 posts in 8 categories, 46 meetings, 353 projects completed", () => {
    expect(of(co, "EnrolUnit").length).toBe(CoConstruction.article.units)
    expect(of(co, "EnrolMember").length).toBe(CoConstruction.article.members)
    expect(of(co, "FormTeam").length).toBe(CoConstruction.article.teams)
    const posts = of(co, "OpenPost")
    expect(posts.length).toBe(CoConstruction.article.posts)
    expect(new Set(posts.map((p) => p.category)).size).toBe(CoConstruction.article.postCategories)
    // The two categories the article names get twice the posts of each of the others.
    const byCategory = Object.fromEntries(co.summary.postsByCategory.map((c) => [c.category, c.posts]))
    expect([byCategory.policy, byCategory.living, byCategory.care]).toEqual([20, 20, 10])
    const meetings = of(co, "HoldJointMeeting")
    expect(meetings.length).toBe(CoConstruction.article.jointMeetings)
    expect(new Set(meetings.map((m) => m.streetCode)).size).toBe(4)
    expect(Object.values(co.summary.jointMeetingsByStreet).reduce((a, b) => a + b, 0)).toBe(46)
    // Completed: the last report says 100; the others run past the year.
    const last = new Map<string, number>()
    for (const r of of(co, "ReportProgress")) last.set(r.projectId, r.percent)
    const projects = of(co, "StartProject")
    expect(projects.filter((p) => last.get(p.id) === 100).length).toBe(CoConstruction.article.projects)
    expect(co.summary.projects).toEqual({ completed: 353, inProgress: projects.length - 353 })
    expect(co.summary.projects.inProgress).toBeGreaterThan(0)
    for (const p of projects.filter((p) => last.get(p.id) !== 100)) expect(p.to > co.summary.at).toBe(true)
  })

  it("enrols the district's work units with the streets they lie in, and members mostly from them", () => {
    const layout = District.layout(taocheng)
    const units = of(co, "EnrolUnit")
    expect(units.map((u) => u.creditCode).sort()).toEqual(layout.workUnits.map((u) => u.creditCode).sort())
    for (const u of units) {
      const placed = layout.workUnits.find((w) => w.creditCode === u.creditCode)!
      expect(placed.sectorCode.startsWith(u.streetCode)).toBe(true)
    }
    const members = of(co, "EnrolMember")
    const communities = new Set(layout.tree.communities.map((c) => c.code))
    expect(members.every((m) => communities.has(m.communityCode))).toBe(true)
    expect(new Set(members.map((m) => m.memberId)).size).toBe(members.length)
    // Members of the tenant's 两新 branches name no organisation; the others name their unit's.
    const partyMembers = new Set(party.commands.flatMap((c) => (c._tag === "ArriveMember" ? [c.memberId] : [])))
    const tenant = members.filter((m) => partyMembers.has(m.memberId))
    expect(tenant.length).toBe(co.summary.members.ofTenant)
    expect(tenant.length).toBeGreaterThan(100)
    expect(tenant.every((m) => m.homeOrganisation === undefined && m.unitCreditCode === undefined)).toBe(true)
    const outside = members.filter((m) => !partyMembers.has(m.memberId))
    expect(outside.every((m) => m.homeOrganisation !== undefined && m.unitCreditCode !== undefined)).toBe(true)
    expect(outside.length / members.length).toBeGreaterThan(0.9)
    // Some record skills and an interest, every interest a category of the policy.
    expect(co.summary.members.withSkills / members.length).toBeGreaterThan(0.3)
    const keys = new Set(CoConstructionConfig.defaults.postCategories.map((c) => c.key))
    expect(members.filter((m) => m.interest !== undefined).every((m) => keys.has(m.interest!))).toBe(true)
  })

  it("signs agreements with the party's street 党工委 and community 党委, with the four pillars", () => {
    const committees = new Set(party.commands.flatMap((c) => (c._tag === "FormOrganisation" && c.kind === "committee" ? [c.id] : [])))
    const agreements = of(co, "SignAgreement")
    expect(agreements.length).toBe(197)
    expect(agreements.every((a) => committees.has(a.organisationId))).toBe(true)
    expect(co.summary.agreements.byCommunity).toBeGreaterThan(co.summary.agreements.byStreet)
    for (const a of agreements) {
      const c = a.commitments!
      expect([c.organisation.length, c.members.length, c.resources.length, c.matters.length].every((n) => n > 0)).toBe(true)
    }
    // Needs beyond what projects take, and resources with room: matching has work to do.
    expect(co.summary.needs.quantity).toBeGreaterThan(co.summary.needs.allocated)
    expect(co.summary.resources.capacity).toBeGreaterThan(co.summary.resources.allocated)
    expect(co.summary.needs.allocated).toBe(co.summary.resources.allocated)
  })

  it("is deterministic, orders commands by day inside the year, and the article's counts do not depend on the seed", () => {
    const again = CoConstruction.generate(District.plan(), Party.generate(District.plan()))
    expect(JSON.stringify(again.commands)).toBe(JSON.stringify(co.commands))
    expect(again.summary).toEqual(co.summary)
    const days = co.commands.map(dayOf)
    expect(days.every((d, i) => d !== "" && (i === 0 || d >= days[i - 1]!))).toBe(true)
    expect(days[0]! >= "2023-01-01" && days.at(-1)! <= "2023-12-31").toBe(true)
    const other = CoConstruction.generate(taocheng, party, { seed: 7 })
    expect(JSON.stringify(other.commands)).not.toBe(JSON.stringify(co.commands))
    expect(other.summary.projects.completed).toBe(353)
    expect(of(other, "EnrolMember").length).toBe(11_615)
  })

  it("scales the article's figures with the compounds, and refuses what cannot fit", () => {
    const small = District.generate(scaled)
    const p = Party.generate(small)
    const c = CoConstruction.generate(small, p)
    expect(c.options.members).toBe(Math.round((11_615 * 30) / 355))
    expect(c.options.teams).toBe(Math.round((490 * 30) / 355))
    expect(c.options.projects).toBe(Math.round((353 * 30) / 355))
    expect(c.options.jointMeetings).toBe(46)
    expect(of(c, "EnrolMember").length).toBe(c.options.members)
    expect(() => CoConstruction.generate(small, p, { units: 198 })).toThrow(/198: the district has 197 work units/)
    expect(() => CoConstruction.generate(small, p, { agreements: 5, units: 4 })).toThrow(RangeError)
    expect(() => CoConstruction.generate(small, p, { teams: 1_000 })).toThrow(RangeError)
    expect(() => CoConstruction.generate(small, p, { postCapacity: [0, 3] })).toThrow(RangeError)
    expect(() => CoConstruction.generate(small, { commands: [] })).toThrow(/no 党工委/)
  })
})

const memory = Layer.mergeAll(Grids.layer, Organisations.layer, CoConstructions.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)

/** Everything the store holds of the tenant's co-construction, as the invariants read it. */
const history = (c: CoConstruction.GeneratedCoConstruction) =>
  Effect.gen(function*() {
    const store = yield* CoConstructionStore.CoConstructionStore
    const t = c.tenant as never
    const posts = yield* store.volunteers.posts(t)
    return {
      unitEnrolments: yield* store.enrolments.unitsOf(t, of(c, "EnrolUnit").map((u) => u.creditCode) as never),
      memberEnrolments: yield* store.enrolments.membersOf(t, of(c, "EnrolMember").map((m) => m.memberId) as never),
      agreements: yield* store.agreements.agreements(t),
      needs: yield* store.agreements.needs(t),
      resources: yield* store.agreements.resources(t),
      projects: yield* store.agreements.projects(t),
      posts,
      claims: posts.length === 0 ? [] : yield* store.volunteers.claimsOn(t, posts.map((p) => p.id))
    }
  })

/** Checks the service's answers against the generator's summary. */
const readBack = (c: CoConstruction.GeneratedCoConstruction) =>
  Effect.gen(function*() {
    const service = yield* CoConstructions.CoConstructions
    const actor = Actor.system(c.tenant)
    const at = c.summary.at
    const units = yield* service.countUnits(actor, { at })
    expect(Object.fromEntries(units.map((u) => [u.gridCode, u.count]))).toEqual(
      Object.fromEntries(Object.entries(c.summary.unitsByStreet).filter(([, n]) => n > 0))
    )
    const members = yield* service.countMembers(actor, { at })
    expect(Object.fromEntries(members.map((m) => [m.gridCode, m.count]))).toEqual(c.summary.membersByCommunity)
    expect((yield* service.teams(actor, { at })).length).toBe(c.summary.teams)
    const byCategory = yield* service.postsByCategory(actor, { at })
    expect(byCategory.map((x) => ({ category: x.category, posts: x.posts, capacity: x.capacity, claimed: x.claimed }))).toEqual(
      c.summary.postsByCategory
    )
    expect((yield* service.claims(actor, { at })).length).toBe(c.summary.claims)
    expect((yield* service.agreements(actor, { at })).length).toBe(c.summary.agreements.total)
    const projects = yield* service.projects(actor, { at })
    expect({ completed: projects.filter((p) => p.completed).length, inProgress: projects.filter((p) => !p.completed).length }).toEqual(
      c.summary.projects
    )
    const needs = yield* service.needs(actor, { at })
    expect({
      listed: needs.length,
      quantity: needs.reduce((n, x) => n + x.item.quantity, 0),
      allocated: needs.reduce((n, x) => n + x.allocated, 0)
    }).toEqual(c.summary.needs)
    const resources = yield* service.resources(actor, { at })
    expect({
      listed: resources.length,
      capacity: resources.reduce((n, x) => n + x.item.capacity, 0),
      allocated: resources.reduce((n, x) => n + x.allocated, 0)
    }).toEqual(c.summary.resources)
    const year = c.summary.year
    const meetings = yield* service.jointMeetings(actor, { from: `${year}-01-01`, to: `${year + 1}-01-01`, at })
    const byStreet: Record<string, number> = Object.fromEntries(Object.keys(c.summary.jointMeetingsByStreet).map((s) => [s, 0]))
    for (const m of meetings) byStreet[m.meeting.streetCode]!++
    expect(byStreet).toEqual(c.summary.jointMeetingsByStreet)
    const states = { completed: 0, open: 0, overdue: 0 }
    for (const m of meetings) for (const t of m.tasks) if (t.state !== "pending") states[t.state]++
    expect(states).toEqual(c.summary.tasks)
    expect(CoConstructionInvariants.breaches(yield* history(c))).toEqual([])
    // Matching has work to do on both sides.
    const needsMatch = yield* service.matchNeeds(actor, { at })
    expect(needsMatch.assignments.length).toBeGreaterThan(0)
    const postsMatch = yield* service.matchPosts(actor, { at })
    expect(postsMatch.assignments.length).toBeGreaterThan(0)
  })

describe("CoConstruction.apply", () => {
  // Live: progress, meetings and completions are refused after today, and the test clock starts in 1970.
  it.live("the CoConstructions service accepts every command of a scaled-down district, and reads back the summary", () =>
    Effect.gen(function*() {
      const district = District.generate(scaled)
      yield* District.apply(district)
      const p = Party.generate(district)
      yield* Party.apply(p)
      const c = CoConstruction.generate(district, p)
      // A small batch size so that several transactions run.
      yield* CoConstruction.apply(c, { batchSize: 333 })
      yield* readBack(c)
    }).pipe(Effect.provide(memory)))

  it.live("a district that starts late in the year: every command dated from its start and accepted", () =>
    Effect.gen(function*() {
      for (const validFrom of ["2022-08-17", "2022-12-31"]) {
        const district = District.generate({ ...scaled, validFrom })
        const p = Party.generate(district)
        const c = CoConstruction.generate(district, p)
        expect(c.commands.every((x) => dayOf(x) >= validFrom && dayOf(x) <= "2022-12-31")).toBe(true)
        yield* Effect.gen(function*() {
          yield* District.apply(district)
          yield* Party.apply(p)
          yield* CoConstruction.apply(c)
          yield* readBack(c)
        }).pipe(Effect.provide(memory))
      }
    }))

  it.live("numbers a refused command by its row in the whole list", () =>
    Effect.gen(function*() {
      const district = District.generate(scaled)
      yield* District.apply(district)
      const p = Party.generate(district)
      yield* Party.apply(p)
      const c = CoConstruction.generate(district, p)
      const row = 700
      const commands = c.commands.map((x, i) => (i === row - 1 ? { _tag: "EnrolUnit", creditCode: "bad", name: "某单位", streetCode: "131102001", at: "2023-03-01" } as Command : x))
      const error = yield* Effect.flip(CoConstruction.apply({ tenant: c.tenant, commands }, { batchSize: 250 }))
      expect(error._tag === "ValidationError" || error._tag === "RuleViolation" ? error.row : undefined).toBe(row)
    }).pipe(Effect.provide(memory)))
})
