/**
 * Random outreach command sequences for the conformance suites: links of two leaders to
 * enterprises (valid and invalid credit codes), communities and residents, ended,
 * contacted and visited, with problems raised and resolved; two batches of practical
 * matters of branches (and of a committee, and of an unknown organisation) moved through
 * their states; stations of every kind with schedules and facilities inside and outside
 * their rules, equipped, closed and used (by members studying, too); new-employment
 * groups, their counts and members — over the organisation intents' scaffold (branch b1
 * in street 001 with members m1–m3, branch b3 in street 002 with m4). Days range from
 * 2023 to past the suites' today, so that dates in the future are refused too.
 *
 * @since 0.5.0
 */
import { Actor, AuditLog, type Grids, IsoDate, type Organisations, type Outreach, type OutreachChanges, OutreachService, OutreachStore, type Store, type StoreError } from "@jiceng/core"
import { Effect, FastCheck as fc } from "effect"
import * as Outcomes from "./Outcomes.js"
import { creditCode } from "./GridIntents.js"
import * as OrganisationIntents from "./OrganisationIntents.js"

/**
 * The suites' today.
 *
 * @since 0.5.0
 * @category constants
 */
export const todayMs = Date.parse("2025-06-30T00:00:00Z")

/**
 * An intent: what to do, by index into the scaffold's grids, organisations, members and
 * the intents' own ids, resolved for a tenant by {@link resolve}.
 *
 * @since 0.5.0
 * @category models
 */
export type Intent =
  | { readonly kind: "link"; readonly id: number; readonly leader: number; readonly target: number; readonly grid: number; readonly day: number }
  | { readonly kind: "end"; readonly link: number; readonly day: number }
  | { readonly kind: "contact"; readonly id: number; readonly link: number; readonly visit: boolean; readonly day: number }
  | { readonly kind: "problem"; readonly id: number; readonly link: number; readonly day: number }
  | { readonly kind: "resolve"; readonly problem: number; readonly day: number }
  | { readonly kind: "batch"; readonly id: number; readonly grid: number; readonly number: number; readonly day: number; readonly length: number }
  | { readonly kind: "matter"; readonly id: number; readonly batch: number; readonly organisation: number; readonly day: number }
  | { readonly kind: "advance"; readonly matter: number; readonly to: number; readonly day: number; readonly reason: boolean }
  | {
    readonly kind: "station"
    readonly id: number
    readonly station: number
    readonly grid: number
    readonly organisation: number | null
    readonly hours: number
    readonly facility: number
    readonly corner: boolean
    readonly day: number
  }
  | { readonly kind: "equip"; readonly station: number; readonly facility: number; readonly hours: number; readonly corner: boolean | null }
  | { readonly kind: "close"; readonly station: number; readonly day: number }
  | { readonly kind: "use"; readonly id: number; readonly station: number; readonly user: number; readonly count: number; readonly member: number | null; readonly day: number }
  | { readonly kind: "group"; readonly id: number; readonly group: number; readonly grid: number; readonly organisation: number; readonly workers: number; readonly day: number }
  | { readonly kind: "count"; readonly group: number; readonly workers: number }
  | { readonly kind: "join"; readonly group: number; readonly member: number; readonly day: number }

const index = (max: number) => fc.integer({ min: 0, max })
/** Days from 2023-01-01: mostly before today (2025-06-30), a few after. */
const day = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 910 }) }, { weight: 1, arbitrary: fc.integer({ min: 911, max: 1100 }) })

const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("link" as const), id: index(3), leader: index(1), target: index(4), grid: index(3), day }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("end" as const), link: index(3), day }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("contact" as const), id: index(7), link: index(3), visit: fc.boolean(), day }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("problem" as const), id: index(3), link: index(3), day }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("resolve" as const), problem: index(3), day }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("batch" as const), id: index(1), grid: index(2), number: fc.integer({ min: 1, max: 2 }), day, length: fc.integer({ min: -5, max: 600 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("matter" as const), id: index(4), batch: index(1), organisation: index(3), day }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), matter: index(4), to: index(2), day, reason: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("station" as const),
      id: index(2),
      station: index(4),
      grid: index(3),
      organisation: fc.option(index(3), { nil: null }),
      hours: index(5),
      facility: index(5),
      corner: fc.boolean(),
      day
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("equip" as const), station: index(2), facility: index(5), hours: index(5), corner: fc.option(fc.boolean(), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("close" as const), station: index(2), day }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("use" as const),
      id: index(7),
      station: index(2),
      user: index(5),
      count: fc.constantFrom(1, 1, 3, 12),
      member: fc.option(index(3), { nil: null }),
      day
    })
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("group" as const), id: index(2), group: index(4), grid: index(3), organisation: index(3), workers: fc.integer({ min: 0, max: 500 }), day }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("count" as const), group: index(2), workers: fc.integer({ min: 0, max: 900 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("join" as const), group: index(2), member: index(3), day }) }
)

/** Records the other intents name, within their rules and in order, so that later intents find them. */
const setup: fc.Arbitrary<ReadonlyArray<Intent>> = fc.tuple(
  fc.array(fc.record({ kind: fc.constant("link" as const), id: index(3), leader: index(1), target: fc.constantFrom(0, 2, 3), grid: index(2), day: index(300) }), { maxLength: 3 }),
  fc.array(fc.record({ kind: fc.constant("batch" as const), id: index(1), grid: fc.constant(0), number: fc.integer({ min: 1, max: 2 }), day: index(300), length: fc.integer({ min: 300, max: 700 }) }), { maxLength: 2 }),
  fc.array(fc.record({ kind: fc.constant("matter" as const), id: index(4), batch: index(1), organisation: index(1), day: fc.integer({ min: 300, max: 600 }) }), { maxLength: 3 }),
  fc.array(fc.record({ kind: fc.constant("advance" as const), matter: index(4), to: fc.constant(0), day: fc.integer({ min: 600, max: 700 }), reason: fc.constant(false) }), { maxLength: 2 }),
  fc.array(fc.record({ kind: fc.constant("problem" as const), id: index(3), link: index(3), day: fc.integer({ min: 300, max: 600 }) }), { maxLength: 2 }),
  fc.array(
    fc.record({
      kind: fc.constant("station" as const),
      id: index(2),
      station: index(4),
      grid: index(2),
      organisation: fc.option(index(2), { nil: null }),
      hours: index(3),
      facility: index(4),
      corner: fc.boolean(),
      day: index(300)
    }),
    { maxLength: 2 }
  ),
  fc.array(fc.record({ kind: fc.constant("group" as const), id: index(2), group: index(4), grid: index(2), organisation: index(2), workers: fc.integer({ min: 0, max: 500 }), day: index(300) }), { maxLength: 2 })
).map((parts) => parts.flat() as ReadonlyArray<Intent>)

/**
 * Sequences of intents, up to `max` long: a few records set up within their rules, then
 * intents of every kind.
 *
 * @since 0.5.0
 * @category arbitraries
 */
export const intents = (max = 30): fc.Arbitrary<ReadonlyArray<Intent>> =>
  fc.tuple(setup, fc.array(intent, { minLength: 1, maxLength: max, size: "medium" })).map(([first, rest]) => [...first, ...rest].slice(0, Math.max(max, 1)))

const pick = <A>(items: ReadonlyArray<A>, i: number): A => items[i % items.length]!
const dayOf = (n: number) => IsoDate.addDays(IsoDate.unsafeMake("2023-01-01"), n)

/** Grids: the scaffold's communities in both streets, and one that does not exist. */
const grids = (tenant: string) => [`${tenant}001001`, `${tenant}001002`, `${tenant}002001`, `${tenant}001009`]
/** Organisations: two branches, a committee, and one that does not exist. */
const organisations = ["b1", "b3", "c1", "zz"]
/** Members: of b1, b1, b3, and one that does not exist. */
const members = ["m1", "m2", "m4", "mx"]
const userKinds = ["courier", "delivery_rider", "ride_hailing_driver", "truck_driver", "live_streamer", "resident"]
const stationKinds = ["love_station", "bee_station", "drivers_home", "ride_hailing_station", "party_service_station"]
const groupKinds = ["courier", "delivery_rider", "ride_hailing_driver", "truck_driver", "live_streamer"]
/** Facilities: sound ones, and one outside the configured list. */
const facilities = [{ dc_charger: 32, ac_charger: 10, car_wash: 1 }, { air_conditioner: 2, tv: 1 }, { tea_bar: 1, medicine_kit: 1, rest_chair: 12 }, {}, { vending_machine: 1 }, { jacuzzi: 1 }]

const week = (intervals: ReadonlyArray<{ readonly from: string; readonly to: string }>, weekend: ReadonlyArray<{ readonly from: string; readonly to: string }> = intervals) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: weekend,
  sun: weekend
})
/** Schedules: sound ones, one that ends before it starts, one that overlaps. */
const schedules = [
  week([{ from: "00:00", to: "24:00" }]),
  week([{ from: "08:00", to: "12:00" }, { from: "14:00", to: "20:00" }], []),
  week([{ from: "07:30", to: "21:30" }]),
  week([{ from: "09:00", to: "18:00" }]),
  week([{ from: "18:00", to: "08:00" }]),
  week([{ from: "08:00", to: "12:00" }, { from: "11:00", to: "20:00" }])
]

/** The link's target by index: a valid credit code, one with a wrong check character, a community, residents. */
const target = (tenant: string, i: number, grid: string) => {
  const valid = creditCode(tenant, 7)
  return pick([
    { targetKind: "enterprise", targetId: valid },
    { targetKind: "enterprise", targetId: valid.slice(0, 17) + (valid.endsWith("0") ? "1" : "0") },
    { targetKind: "village_community", targetId: grid },
    { targetKind: "residents", targetId: "某小区居民" },
    { targetKind: "village_community", targetId: `${tenant}001001` }
  ], i)
}

/**
 * Turns an intent into a command input for a tenant.
 *
 * @since 0.5.0
 * @category resolution
 */
export const resolve = (tenant: string, i: Intent): unknown => {
  switch (i.kind) {
    case "link": {
      const gridCode = pick(grids(tenant), i.grid)
      return { _tag: "LinkLeader", id: `k${i.id}`, leaderId: `leader${i.leader}`, ...target(tenant, i.target, gridCode), gridCode, from: dayOf(i.day) }
    }
    case "end":
      return { _tag: "EndLink", linkId: `k${i.link}`, on: dayOf(i.day) }
    case "contact":
      return { _tag: "RecordContact", id: `c${i.id}`, linkId: `k${i.link}`, kind: i.visit ? "visit" : "contact", on: dayOf(i.day) }
    case "problem":
      return { _tag: "RaiseProblem", id: `p${i.id}`, linkId: `k${i.link}`, on: dayOf(i.day), summary: "充电桩不足" }
    case "resolve":
      return { _tag: "ResolveProblem", problemId: `p${i.problem}`, on: dayOf(i.day), how: "协调建设充电站" }
    case "batch":
      return {
        _tag: "OpenBatch",
        id: `batch${i.id}`,
        gridCode: pick([tenant, `${tenant}001`, `${tenant}009`], i.grid),
        number: i.number,
        name: `第${i.number}批实事`,
        from: dayOf(i.day),
        to: dayOf(i.day + i.length)
      }
    case "matter":
      return { _tag: "AddMatter", id: `mt${i.id}`, batchId: `batch${i.batch}`, organisationId: pick(organisations, i.organisation), title: "修缮休息点", on: dayOf(i.day) }
    case "advance":
      return { _tag: "AdvanceMatter", matterId: `mt${i.matter}`, to: pick(["in_progress", "done", "dropped"], i.to), on: dayOf(i.day), ...(i.reason ? { reason: "并入其他项目" } : {}) }
    case "station":
      return {
        _tag: "OpenStation",
        id: `st${i.id}`,
        name: `驿站${i.id}`,
        kind: pick(stationKinds, i.station),
        gridCode: pick(grids(tenant), i.grid),
        address: `兰山区北城新区某路${i.id + 1}号`,
        ...(i.organisation === null ? {} : { organisationId: pick(organisations, i.organisation) }),
        hours: pick(schedules, i.hours),
        facilities: pick(facilities, i.facility),
        ...(i.corner ? { studyCorner: { books: 120, titles: ["党的二十大报告学习辅导百问"] } } : {}),
        on: dayOf(i.day)
      }
    case "equip":
      return {
        _tag: "EquipStation",
        stationId: `st${i.station}`,
        facilities: pick(facilities, i.facility),
        hours: pick(schedules, i.hours),
        ...(i.corner === null ? {} : { studyCorner: i.corner ? { books: 60, titles: [] } : null })
      }
    case "close":
      return { _tag: "CloseStation", stationId: `st${i.station}`, on: dayOf(i.day) }
    case "use":
      return {
        _tag: "RecordUse",
        id: `u${i.id}`,
        stationId: `st${i.station}`,
        on: dayOf(i.day),
        userKind: pick(userKinds, i.user),
        count: i.count,
        ...(i.member === null ? {} : { memberId: pick(members, i.member) })
      }
    case "group":
      return {
        _tag: "RegisterGroup",
        id: `g${i.id}`,
        kind: pick(groupKinds, i.group),
        name: "网约车司机群体",
        gridCode: pick(grids(tenant), i.grid),
        organisationId: pick(organisations, i.organisation),
        workers: i.workers,
        on: dayOf(i.day)
      }
    case "count":
      return { _tag: "CountWorkers", groupId: `g${i.group}`, workers: i.workers }
    case "join":
      return { _tag: "JoinGroup", groupId: `g${i.group}`, memberId: pick(members, i.member), on: dayOf(i.day) }
  }
}

/**
 * Writes the grids, organisations and members the intents name.
 *
 * @since 0.5.0
 * @category running
 */
export const writeScaffold = (tenant: string): Effect.Effect<void, never, Grids.Grids | Organisations.Organisations> =>
  OrganisationIntents.writeScaffold(tenant)

/**
 * What the outreach tables and the audit log hold for a tenant.
 *
 * @since 0.5.0
 * @category running
 */
export const history = (tenant: string): Effect.Effect<unknown, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const store = yield* OutreachStore.OutreachStore
    const t = tenant as never
    return {
      links: yield* store.liaison.links(t),
      contacts: yield* store.liaison.contacts(t),
      problems: yield* store.liaison.problems(t),
      batches: yield* store.matters.batches(t),
      matters: yield* store.matters.matters(t),
      stations: yield* store.stations.stations(t),
      uses: yield* store.stations.uses(t),
      groups: yield* store.groups.groups(t),
      members: yield* store.groups.members(t),
      audit: yield* (yield* AuditLog.AuditLog).list(t, { afterSeq: 0, limit: 1_000_000 })
    }
  })

/**
 * What happened to one command: its changes, or its refusal's tag, rule and field.
 *
 * @since 0.5.0
 * @category models
 */
export type Outcome = Outcomes.Outcome<OutreachChanges.OutreachChanges>

/**
 * Writes the scaffold, then runs intents one by one through `Outreach.execute` as the
 * tenant's system actor (or the actor given). Checks after every refusal that nothing
 * was written (dies otherwise) and returns what happened.
 *
 * @since 0.5.0
 * @category running
 */
export const run = (
  tenant: string,
  intents: ReadonlyArray<Intent>,
  options: { readonly checkRefusals?: boolean; readonly actor?: Actor.Actor; readonly scaffold?: boolean } = {}
): Effect.Effect<ReadonlyArray<Outcome>, StoreError.StoreError, Grids.Grids | Organisations.Organisations | Outreach.Outreach | Store.Store> =>
  Effect.gen(function*() {
    if (options.scaffold !== false) yield* writeScaffold(tenant)
    const service = yield* OutreachService.Outreach
    const actor = options.actor ?? Actor.system(tenant)
    return yield* Outcomes.runEach(
      intents.map((intent) => resolve(tenant, intent)),
      (command) => service.executeUnknown(actor, command),
      options.checkRefusals === false ? undefined : history(tenant)
    )
  })

/**
 * The answers the read side gives, as a viewer of the whole tenant (so no read of
 * personal data is audited) and as one of street 002: what stores must agree on.
 *
 * @since 0.5.0
 * @category running
 */
export const answers = (tenant: string): Effect.Effect<ReadonlyArray<unknown>, unknown, Outreach.Outreach | Store.Store> =>
  Effect.gen(function*() {
    const service = yield* OutreachService.Outreach
    const out: Array<unknown> = [yield* history(tenant)]
    for (const scope of [tenant, `${tenant}002`]) {
      const viewer = Actor.make({ id: "viewer", tenant, roles: ["viewer"], scope })
      for (const at of ["2023-06-30", "2024-12-31", "2025-06-30"]) {
        out.push({
          at,
          links: yield* service.links(viewer, { at }),
          matters: yield* service.matters(viewer, { at }),
          stations: yield* service.stations(viewer, { at }),
          groups: yield* service.groups(viewer, { at })
        })
      }
      const period = { from: "2023-01-01", to: "2025-07-01" }
      out.push(yield* service.compliance(viewer, period))
      out.push(yield* service.problems(viewer, period))
      out.push(yield* service.uses(viewer, period))
    }
    return out
  })
