/**
 * The Store conformance suite of the outreach domain's repositories: every method of the
 * liaison, matter, station and group repositories checked against its documented
 * behaviour — what comes back and in which order, `put*` replacing the row of its id
 * (the last of a call winning), `add*` refusing a key that exists or is named twice
 * and writing none of the call, nulls kept apart from values, a station's schedule,
 * facilities and study corner back exactly as written (awkward text included), tenant
 * isolation, transactions that roll back, reads by more keys than one SQL statement may
 * carry, and a property that random stations and uses come back as written. Every store
 * adapter runs it:
 *
 * ```ts
 * outreachRepositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 284,000 to 285,000), so
 * the whole suite shares one store.
 *
 * @since 0.5.0
 */
import { describe, expect, layer } from "@effect/vitest"
import {
  type Grid,
  IsoDate,
  type Liaison,
  type NewEmployment,
  type Organisation,
  OutreachStore,
  type PracticalMatter,
  type Station,
  type Store,
  Tenant,
  Transactor
} from "@jiceng/core"
import { Effect, FastCheck as fc, type Layer } from "effect"
import { awkward, lastWins, many, sortBy, spread } from "./contractKeys.js"
import * as Tenants from "./Tenants.js"

const day = IsoDate.unsafeMake
type T = Tenant.Tenant

/** The outreach repositories and the transaction of the store in context. */
const ports = Effect.map(
  Effect.all([OutreachStore.OutreachStore, Transactor.Transactor]),
  ([store, transactor]) => ({ ...store, transaction: transactor.transaction })
)

const link = (t: T, id: string, spec: { readonly leader?: string; readonly to?: string | null; readonly target?: string } = {}): Liaison.Link => ({
  tenant: t,
  id: id as Liaison.LinkId,
  gridCode: `${t}001001` as Grid.GridCode,
  leaderId: spec.leader ?? "leader",
  targetId: spec.target ?? "91371302MA0000007X",
  targetKind: "enterprise",
  validFrom: day("2024-01-01"),
  validTo: spec.to === undefined || spec.to === null ? null : day(spec.to)
})

const contact = (t: T, id: string, linkId: string, on: string): Liaison.Contact => ({
  tenant: t,
  id: id as Liaison.ContactId,
  linkId: linkId as Liaison.LinkId,
  leaderId: "leader",
  targetId: "t",
  kind: "visit",
  on: day(on)
})

const problem = (t: T, id: string, resolved: string | null = null): Liaison.Problem => ({
  tenant: t,
  id: id as Liaison.ProblemId,
  linkId: "k1" as Liaison.LinkId,
  raisedOn: day("2024-02-01"),
  summary: `问题 ${id} "引号" 𠀀`,
  resolvedOn: resolved === null ? null : day(resolved),
  resolution: resolved === null ? null : "协调解决"
})

const batch = (t: T, id: string, number = 1): PracticalMatter.Batch => ({
  tenant: t,
  id: id as PracticalMatter.BatchId,
  gridCode: t as unknown as Grid.GridCode,
  number,
  name: `第${number}批`,
  from: day("2024-01-01"),
  to: day("2024-12-31")
})

const matter = (t: T, id: string, state: PracticalMatter.MatterState = "planned"): PracticalMatter.Matter => ({
  tenant: t,
  id: id as PracticalMatter.MatterId,
  batchId: "b1" as PracticalMatter.BatchId,
  organisationId: "branch" as Organisation.OrganisationId,
  title: "修缮休息点",
  state,
  plannedOn: day("2024-01-02"),
  startedOn: state === "planned" ? null : day("2024-02-01"),
  completedOn: state === "done" ? day("2024-03-01") : null,
  droppedOn: state === "dropped" ? day("2024-03-01") : null,
  reason: state === "dropped" ? "并入其他项目" : null
})

const week = (from: string, to: string): Station.OpeningHours => ({
  mon: [{ from, to }],
  tue: [{ from, to }],
  wed: [],
  thu: [{ from: "08:00", to: "12:00" }, { from, to }],
  fri: [{ from, to }],
  sat: [],
  sun: [{ from: "00:00", to: "24:00" }]
})

const station = (t: T, id: string, spec: Partial<Station.Station> = {}): Station.Station => ({
  tenant: t,
  id: id as Station.StationId,
  name: `驿站 ${id}`,
  kind: "ride_hailing_station",
  gridCode: `${t}001001` as Grid.GridCode,
  address: "北城新区 \"某路\" 1号",
  organisationId: null,
  hours: week("13:00", "20:00"),
  facilities: { dc_charger: 32, ac_charger: 10, car_wash: 1 },
  studyCorner: { books: 0, titles: [] },
  openedOn: day("2024-01-01"),
  closedOn: null,
  ...spec
})

const use = (t: T, id: string, on: string, member: string | null = null): Station.Use => ({
  tenant: t,
  id: id as Station.UseId,
  stationId: "s1" as Station.StationId,
  on: day(on),
  userKind: member === null ? "courier" : "resident",
  count: member === null ? 12 : 1,
  memberId: member as Station.Use["memberId"]
})

const group = (t: T, id: string, workers = 40): NewEmployment.Group => ({
  tenant: t,
  id: id as NewEmployment.GroupId,
  kind: "truck_driver",
  name: "货车司机",
  gridCode: `${t}001001` as Grid.GridCode,
  organisationId: "branch" as Organisation.OrganisationId,
  workers,
  formedOn: day("2024-01-01")
})

const member = (t: T, groupId: string, memberId: string): NewEmployment.GroupMember => ({
  tenant: t,
  groupId: groupId as NewEmployment.GroupId,
  memberId: memberId as NewEmployment.GroupMember["memberId"],
  joinedOn: day("2024-02-01")
})

const byId = (r: { readonly id: string }) => r.id

/**
 * Registers the outreach repository conformance tests of a Store layer. The layer is
 * built once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.5.0
 * @category conformance
 */
export const outreachRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  const nextTenant = Tenants.counted("outreach repository contract", 284_000, 1_000)
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): T => Tenant.make(nextTenant())

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: outreach repository contract`, (it) => {
    describe("rows", () => {
      it.effect("links, contacts and problems: back as written in their orders; put replaces by id, the last of a call winning", () =>
        Effect.gen(function*() {
          const { liaison } = yield* ports
          const t = freshTenant()
          const links = [link(t, "k2", { leader: "L2" }), link(t, "k1", { leader: "L1", to: "2024-06-01" }), link(t, "k10", { leader: "L1", target: "中文 é" })]
          yield* liaison.putLinks(links)
          expect(yield* liaison.links(t)).toEqual(sortBy(links, byId))
          expect(yield* liaison.linksOf(t, ["k2", "zz", "k1", "k2"] as never)).toEqual([links[1], links[0]])
          expect(yield* liaison.linksFor(t, ["L1"])).toEqual([links[1], links[2]])
          const ended = { ...links[0]!, validTo: day("2024-09-01") }
          yield* liaison.putLinks([{ ...links[0]!, leaderId: "被替换" }, ended])
          expect(yield* liaison.linksOf(t, ["k2"] as never)).toEqual([ended])
          expect(yield* liaison.linksFor(t, ["被替换"])).toEqual([])
          const contacts = [contact(t, "c3", "k2", "2024-01-05"), contact(t, "c1", "k1", "2024-03-01"), contact(t, "c2", "k1", "2024-02-01")]
          yield* liaison.addContacts(contacts)
          expect(yield* liaison.contacts(t)).toEqual([contacts[2], contacts[1], contacts[0]])
          expect(yield* liaison.contactsOf(t, ["c3", "c1", "cx"])).toEqual([contacts[1], contacts[0]])
          expect(yield* liaison.contactsFor(t, ["k1", "kx"] as never)).toEqual([contacts[2], contacts[1]])
          const problems = [problem(t, "p2"), problem(t, "p1", "2024-03-01")]
          yield* liaison.putProblems(problems)
          expect(yield* liaison.problems(t)).toEqual([problems[1], problems[0]])
          const resolved = problem(t, "p2", "2024-04-01")
          yield* liaison.putProblems([resolved])
          expect(yield* liaison.problemsOf(t, ["p2", "p9"] as never)).toEqual([resolved])
          expect(yield* liaison.links(freshTenant())).toEqual([])
        }))

      it.effect("batches, matters, stations, uses, groups and members: back as written in their orders, nulls kept", () =>
        Effect.gen(function*() {
          const { groups, matters, stations } = yield* ports
          const t = freshTenant()
          const batches = [batch(t, "b2", 2), batch(t, "b1", 1)]
          yield* matters.addBatches(batches)
          expect(yield* matters.batches(t)).toEqual([batches[1], batches[0]])
          expect(yield* matters.batchesOf(t, ["b2", "bx"] as never)).toEqual([batches[0]])
          const ms = [matter(t, "m3", "dropped"), matter(t, "m1"), matter(t, "m2", "done")]
          yield* matters.putMatters(ms)
          expect(yield* matters.matters(t)).toEqual(sortBy(ms, byId))
          const started = matter(t, "m1", "in_progress")
          yield* matters.putMatters([started])
          expect(yield* matters.mattersOf(t, ["m1"] as never)).toEqual([started])
          const ss = [
            station(t, "s2", { organisationId: "branch" as Organisation.OrganisationId, studyCorner: null, closedOn: day("2024-05-01"), facilities: {} }),
            station(t, "s1", { studyCorner: { books: 38, titles: awkward } })
          ]
          yield* stations.putStations(ss)
          expect(yield* stations.stations(t)).toEqual([ss[1], ss[0]])
          expect(yield* stations.stationsOf(t, ["s2", "s1", "sx"] as never)).toEqual([ss[1], ss[0]])
          const uses = [use(t, "u1", "2024-03-02"), use(t, "u2", "2024-03-01", "m1"), use(t, "u0", "2024-03-02")]
          yield* stations.addUses(uses)
          expect(yield* stations.uses(t)).toEqual([uses[1], uses[2], uses[0]])
          expect(yield* stations.usesOf(t, ["u2", "u0"] as never)).toEqual([uses[2], uses[1]])
          expect(yield* stations.usesFor(t, ["s1", "sx"] as never)).toEqual([uses[1], uses[2], uses[0]])
          const gs = [group(t, "g2"), group(t, "g1", 0)]
          yield* groups.putGroups(gs)
          yield* groups.putGroups([group(t, "g2", 20)])
          expect(yield* groups.groups(t)).toEqual([gs[1], group(t, "g2", 20)])
          const mm = [member(t, "g2", "m1"), member(t, "g1", "m2"), member(t, "g1", "m1")]
          yield* groups.addMembers(mm)
          expect(yield* groups.members(t)).toEqual([mm[2], mm[1], mm[0]])
          expect(yield* groups.membersOf(t, ["g2"] as never)).toEqual([mm[0]])
        }))
    })

    describe("keys and tenants", () => {
      it.effect("added rows with an existing key, or a key twice in a call, fail with a StoreError and write nothing of the call", () =>
        Effect.gen(function*() {
          const { groups, liaison, matters, stations } = yield* ports
          const t = freshTenant()
          const c = contact(t, "c", "k", "2024-01-01")
          const b = batch(t, "b")
          const u = use(t, "u", "2024-01-01")
          const m = member(t, "g", "m")
          yield* liaison.addContacts([c])
          yield* matters.addBatches([b])
          yield* stations.addUses([u])
          yield* groups.addMembers([m])
          const refused = [
            liaison.addContacts([contact(t, "c2", "k", "2024-01-01"), { ...c, on: day("2024-02-02") }]),
            liaison.addContacts([contact(t, "c3", "k", "2024-01-01"), contact(t, "c3", "k", "2024-01-02")]),
            matters.addBatches([batch(t, "b2"), { ...b, name: "重名" }]),
            stations.addUses([use(t, "u2", "2024-01-01"), { ...u, count: 2 }]),
            groups.addMembers([member(t, "g", "m2"), m]),
            groups.addMembers([member(t, "g", "m3"), member(t, "g", "m3")])
          ]
          for (const write of refused) {
            const error = yield* Effect.flip(write)
            expect(error._tag).toBe("StoreError")
            expect(error.message).not.toContain("重名")
          }
          expect(yield* liaison.contacts(t)).toEqual([c])
          expect(yield* matters.batches(t)).toEqual([b])
          expect(yield* stations.uses(t)).toEqual([u])
          expect(yield* groups.members(t)).toEqual([m])
        }))

      it.effect("writes in a transaction that fails leave nothing, a replacement included; tenants never mix", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const [t, other] = [freshTenant(), freshTenant()]
          yield* store.stations.putStations([station(t, "s1")])
          const failed = yield* Effect.either(store.transaction(
            t,
            Effect.gen(function*() {
              yield* store.stations.putStations([station(t, "s1", { closedOn: day("2024-02-01") }), station(t, "s2")])
              yield* store.liaison.putLinks([link(t, "k1")])
              yield* store.groups.addMembers([member(t, "g", "m")])
              return yield* Effect.fail("stop")
            })
          ))
          expect(failed._tag).toBe("Left")
          expect(yield* store.stations.stations(t)).toEqual([station(t, "s1")])
          expect(yield* store.liaison.links(t)).toEqual([])
          expect(yield* store.groups.members(t)).toEqual([])
          yield* store.stations.putStations([station(other, "s1", { name: "另一个" })])
          expect(yield* store.stations.stationsOf(t, ["s1"] as never)).toEqual([station(t, "s1")])
          expect(yield* store.stations.stationsOf(other, ["s1"] as never)).toEqual([station(other, "s1", { name: "另一个" })])
        }))

      it.effect("every read by keys takes 40,000 keys and answers in its order", () =>
        Effect.gen(function*() {
          const { groups, liaison, matters, stations } = yield* ports
          const t = freshTenant()
          const ids = (p: string) => Array.from({ length: 5 }, (_, i) => `${p}${i + 1}`)
          const links = ids("k").map((id, i) => link(t, id, { leader: `L${i % 2}` }))
          const ss = ids("s").map((id) => station(t, id))
          const gs = ids("g").map((id) => group(t, id))
          const mm = ids("g").flatMap((g) => [member(t, g, "m2"), member(t, g, "m1")])
          yield* liaison.putLinks(links)
          yield* liaison.putProblems(ids("p").map((id) => problem(t, id)))
          yield* matters.addBatches(ids("b").map((id, i) => batch(t, id, i + 1)))
          yield* matters.putMatters(ids("m").map((id) => matter(t, id)))
          yield* stations.putStations(ss)
          yield* stations.addUses(ids("u").map((id) => use(t, id, "2024-01-01")))
          yield* groups.putGroups(gs)
          yield* groups.addMembers(mm)
          expect(spread(ids("k")).length).toBe(many)
          expect(yield* liaison.linksOf(t, spread(ids("k")))).toEqual(links)
          expect(yield* liaison.linksFor(t, spread(["L0", "L1"]))).toEqual(links)
          yield* liaison.addContacts(ids("k").map((id, i) => contact(t, `c${i}`, id, "2024-01-01")))
          expect((yield* liaison.contactsFor(t, spread(ids("k")))).map((c) => c.linkId)).toEqual(ids("k"))
          expect((yield* liaison.problemsOf(t, spread(ids("p")))).map(byId)).toEqual(ids("p"))
          expect((yield* matters.batchesOf(t, spread(ids("b")))).map(byId)).toEqual(ids("b"))
          expect((yield* matters.mattersOf(t, spread(ids("m")))).map(byId)).toEqual(ids("m"))
          expect(yield* stations.stationsOf(t, spread(ids("s")))).toEqual(ss)
          expect((yield* stations.usesOf(t, spread(ids("u")))).map(byId)).toEqual(ids("u"))
          expect((yield* stations.usesFor(t, spread(["s1"]))).map(byId)).toEqual(ids("u"))
          expect(yield* groups.groupsOf(t, spread(ids("g")))).toEqual(gs)
          expect(yield* groups.membersOf(t, spread(ids("g")))).toEqual(sortBy(mm, (m) => m.groupId, (m) => m.memberId))
        }), { timeout: 120_000 })
    })

    describe("properties", () => {
      const text = fc.constantFrom(...awkward, "驿站", "")
      const clock = fc.integer({ min: 0, max: 24 * 60 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`)
      const interval = fc.record({ from: clock, to: clock })
      const dayArb = fc.integer({ min: 0, max: 2000 }).map((n) => IsoDate.addDays(day("2022-01-01"), n))
      const hours = fc.record({
        mon: fc.array(interval, { maxLength: 3 }),
        tue: fc.array(interval, { maxLength: 1 }),
        wed: fc.constant([]),
        thu: fc.array(interval, { maxLength: 2 }),
        fri: fc.array(interval, { maxLength: 1 }),
        sat: fc.array(interval, { maxLength: 1 }),
        sun: fc.array(interval, { maxLength: 1 })
      })
      const stationArb = fc.record({
        id: fc.constantFrom("s1", "s2", "s3", "站"),
        name: text.map((s) => `驿站${s}`),
        address: text.map((s) => `地址${s}`),
        organisationId: fc.option(text.map((s) => `o${s}` as Organisation.OrganisationId), { nil: null }),
        hours,
        facilities: fc.dictionary(fc.constantFrom("dc_charger", "tv", "中文", "a\"b"), fc.integer({ min: 1, max: 99 })),
        studyCorner: fc.option(fc.record({ books: fc.nat(1000), titles: fc.array(text, { maxLength: 3 }) }), { nil: null }),
        openedOn: dayArb,
        closedOn: fc.option(dayArb, { nil: null })
      })
      it.effect.prop("random stations come back as written; the last of an id wins", [fc.array(stationArb, { minLength: 1, maxLength: 6 })], ([rows]) =>
        Effect.gen(function*() {
          const { stations } = yield* ports
          const t = freshTenant()
          const written = rows.map((r) => station(t, r.id, { ...r, id: r.id as Station.StationId }))
          yield* stations.putStations(written)
          expect(yield* stations.stations(t)).toEqual(sortBy(lastWins(written, byId), byId))
        }), { fastCheck: { numRuns: 15 } })
    })
  })
}
