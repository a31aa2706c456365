/**
 * The Store conformance suite of the volunteer ledger's repositories (`LedgerStore`):
 * every method of the registry, entry, points and certificate repositories checked
 * against its documented behaviour — what comes back and in which order, the writes
 * that must be refused (and then write nothing), the chain head kept beside the
 * entries, sessions that leave out reversed entries, totals grouped with nulls first,
 * tenant isolation, transactions that roll back, reads by more keys than one SQL
 * statement may carry, and a differential property: random appends with random
 * corrections give the `totals`, `sessions` and `ofVolunteers` that a plain computation
 * over the appended entries gives. Every store adapter runs it:
 *
 * ```ts
 * ledgerRepositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 330,000 on: beyond the
 * co-construction contract's from 320,000, and below 333,234, where the codes wrap round
 * into the range `Tenants.fresh` draws from), so the whole suite shares one store.
 *
 * @since 0.4.0
 */
import { describe, expect, layer } from "@effect/vitest"
import {
  type Certificate,
  type HashChain,
  IsoDate,
  LedgerEntry,
  LedgerStore,
  type LedgerVolunteer,
  LocalMinute,
  type PointMovement,
  Rollup,
  type ServiceActivity,
  type Store,
  Tenant,
  Transactor
} from "@jiceng/core"
import { Arbitrary, Effect, FastCheck, type Layer } from "effect"
import { compareCodePoints, many, sortBy, spread } from "./contractKeys.js"
import * as Tenants from "./Tenants.js"

type Entry = LedgerEntry.LedgerEntry

/** A value's fields with brands taken off, each optional: what a test overrides. */
type Widen<V> = V extends string ? string : V
type Over<A> = { readonly [K in keyof A]?: Widen<A[K]> }

/** The ledger repositories and the transaction of the store in context. */
const ports = Effect.map(
  Effect.all([LedgerStore.LedgerStore, Transactor.Transactor]),
  ([store, transactor]) => ({ ...store, transaction: transactor.transaction })
)

const day = IsoDate.unsafeMake
const minute = LocalMinute.unsafeMake

/**
 * Text that JSON or a naive list encoding must escape, in several scripts (and outside
 * the Basic Multilingual Plane).
 */
const awkward = ["𠀀", "a\"b", "c\\d", "[]", "null", "x,y", "{\"k\":1}", "'", "中文", "é", "\u2028"]

// ------------------------------------------------------------------------ rows

const volunteer = (t: Tenant.Tenant, id: string, over: Over<LedgerVolunteer.LedgerVolunteer> = {}) =>
  ({
    tenant: t,
    id,
    name: `志愿者 ${id}`,
    citizenId: null,
    phone: null,
    gridCode: `${t}001001`,
    skills: [],
    categories: [],
    memberId: null,
    unitCreditCode: null,
    registeredOn: "2024-01-01",
    ...over
  }) as LedgerVolunteer.LedgerVolunteer

const consent = (t: Tenant.Tenant, volunteerId: string, on: string, given: boolean) =>
  ({ tenant: t, volunteerId, on, given }) as LedgerVolunteer.Consent

const activity = (t: Tenant.Tenant, id: string, over: Over<ServiceActivity.ServiceActivity> = {}) =>
  ({
    tenant: t,
    id,
    name: `活动 ${id}`,
    category: "elderly",
    programme: null,
    organiser: "河西街道党工委",
    personInCharge: "张三",
    gridCode: `${t}001001`,
    servicePoint: "sp1",
    teamId: null,
    registeredOn: "2024-01-01",
    ...over
  }) as ServiceActivity.ServiceActivity

/** A session (a service entry) at a seq, under the key `key-<seq>`. */
const session = (t: Tenant.Tenant, seq: number, over: Over<Entry> = {}): Entry =>
  ({
    tenant: t,
    seq,
    key: `key-${seq}`,
    part: 0,
    fingerprint: `fp-${seq}`,
    kind: "service",
    volunteerId: "v1",
    activityId: "act1",
    teamId: null,
    postId: null,
    servicePoint: "sp1",
    gridCode: `${t}001001`,
    category: "elderly",
    programme: null,
    unitCreditCode: null,
    startsAt: "2024-03-01T09:00",
    endsAt: "2024-03-01T11:00",
    minutes: 120,
    content: `服务 ${seq}`,
    residentsServed: 2,
    mattersDone: 1,
    points: 10,
    organiser: "河西街道党工委",
    personInCharge: "张三",
    recorder: "worker-1",
    recordedOn: "2024-03-02",
    late: false,
    reverses: null,
    replaces: null,
    reason: null,
    requester: null,
    hash: `hash-${seq}`,
    ...over
  }) as Entry

/** The reversal of an entry at a seq: its figures negated, under the key `key-<seq>`. */
const reversal = (of: Entry, seq: number, over: Over<Entry> = {}): Entry =>
  ({
    ...of,
    seq,
    key: `key-${seq}`,
    part: 0,
    fingerprint: `fp-${seq}`,
    kind: "reversal",
    // `0 - x`, not `-x`: a zero negated is -0, which no SQL store gives back.
    minutes: 0 - of.minutes,
    residentsServed: 0 - of.residentsServed,
    mattersDone: 0 - of.mattersDone,
    points: 0 - of.points,
    reverses: of.seq,
    replaces: null,
    reason: "时长记错",
    requester: "本人",
    hash: `hash-${seq}`,
    ...over
  }) as Entry

/** The replacement of an entry at a seq, the second part of the correction `fix`. */
const replacement = (of: Entry, fix: Entry, seq: number, over: Over<Entry> = {}): Entry =>
  ({
    ...of,
    seq,
    key: fix.key,
    part: 1,
    fingerprint: fix.fingerprint,
    kind: "service",
    reverses: null,
    replaces: of.seq,
    reason: fix.reason,
    requester: fix.requester,
    hash: `hash-${seq}`,
    ...over
  }) as Entry

const movement = (t: Tenant.Tenant, key: string, over: Over<PointMovement.PointMovement> = {}) =>
  ({
    tenant: t,
    key,
    fingerprint: `fp-${key}`,
    volunteerId: "v1",
    kind: "redeem",
    points: -10,
    on: "2024-03-01",
    reason: "兑换洗衣液",
    recorder: "worker-1",
    ...over
  }) as PointMovement.PointMovement

const certificate = (t: Tenant.Tenant, key: string, code: string, over: Over<Certificate.Certificate> = {}) =>
  ({
    tenant: t,
    code,
    key,
    fingerprint: `fp-${key}`,
    volunteerId: "v1",
    from: "2024-01-01",
    to: "2024-12-31",
    minutes: 600,
    entries: 4,
    activities: 2,
    categories: [{ category: "elderly", minutes: 600, entries: 4 }],
    recordedBy: ["河西街道党工委"],
    issuer: "桃城区志愿服务联合会",
    asOfSeq: 12,
    chainHash: "abc",
    issuedOn: "2025-01-02",
    issuedBy: "worker-1",
    disclose: false,
    holder: "d".repeat(64),
    ...over
  }) as Certificate.Certificate

const head = (e: Entry): HashChain.Head => ({ seq: e.seq, hash: e.hash })

/** Totals as a test writes them: keys then minutes, sessions, residents, matters, points. */
const row = (keys: ReadonlyArray<string | null>, ...[minutes, entries, residentsServed, mattersDone, points]: ReadonlyArray<number>) =>
  ({ keys, minutes, entries, residentsServed, mattersDone, points }) as Rollup.TotalsRow

// ------------------------------------------------------------------ references

/** Keys in the order the port documents: null first, then code-point order. */
const compareKeys = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number => {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? null, b[i] ?? null]
    const c = x === null ? (y === null ? 0 : -1) : y === null ? 1 : compareCodePoints(x, y)
    if (c !== 0) return c
  }
  return 0
}

/** What `totals` should answer, computed naively: each group's entries filtered out of all. */
const expectedTotals = (entries: ReadonlyArray<Entry>, query: Rollup.TotalsQuery): Array<Rollup.TotalsRow> => {
  const inPeriod = entries.filter((e) => {
    const on = LocalMinute.dayOf(e.startsAt)
    return on >= query.from && on <= query.to
  })
  const keysOf = (e: Entry) =>
    query.by.map((d) =>
      d === "month"
        ? e.startsAt.slice(0, 7)
        : d === "gridCode" && query.gridCodeLength !== undefined
        ? e.gridCode.slice(0, query.gridCodeLength)
        : e[d]
    )
  const groups = query.by.length === 0
    ? [[]]
    : Array.from(new Map(inPeriod.map((e) => [JSON.stringify(keysOf(e)), keysOf(e)] as const)).values())
  return [...groups].sort(compareKeys).map((keys) => {
    const members = inPeriod.filter((e) => JSON.stringify(keysOf(e)) === JSON.stringify(keys))
    const sums = Rollup.sum(members.map((e) => ({
      minutes: e.minutes,
      entries: LedgerEntry.sign(e),
      residentsServed: e.residentsServed,
      mattersDone: e.mattersDone,
      points: e.points
    })))
    return { keys, ...sums }
  })
}

/** What `sessions` should answer, computed naively. */
const expectedSessions = (
  entries: ReadonlyArray<Entry>,
  volunteers: ReadonlyArray<string>,
  from: string,
  to: string
): Array<Entry> => {
  const reversed = new Set(entries.flatMap((e) => (e.reverses === null ? [] : [e.reverses])))
  return sortBy(
    entries.filter((e) =>
      e.kind === "service" && volunteers.includes(e.volunteerId) && e.startsAt < to && e.endsAt > from &&
      !reversed.has(e.seq)
    ),
    (e) => e.volunteerId,
    (e) => e.startsAt,
    (e) => String(e.seq).padStart(12, "0")
  )
}

/**
 * Registers the ledger repository conformance tests of a Store layer. The layer is
 * built once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.4.0
 * @category conformance
 */
export const ledgerRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  let lastTenant = 330_000
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): Tenant.Tenant => Tenant.make(Tenants.nth(lastTenant++))

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: ledger repository contract`, (it) => {
    // ------------------------------------------------------------------ registry

    describe("registry", () => {
      it.effect("addVolunteers, volunteersOf and volunteers: every field back as written, by id; unknown left out, repeated once", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            volunteer(t, "v2", {
              citizenId: "131102199001011234",
              phone: "13800000000",
              skills: awkward,
              categories: ["elderly", "children"],
              memberId: "m1",
              unitCreditCode: "91131100MA0000000X",
              name: "王 \"小\" 𠀀"
            }),
            volunteer(t, "v1", { gridCode: `${t}002001`, registeredOn: "2024-02-29" }),
            volunteer(t, "v10", { skills: ["z", "a"] })
          ]
          yield* store.registry.addVolunteers(rows)
          const got = yield* store.registry.volunteersOf(t, ["v2", "zz", "v1", "v2"] as Array<LedgerVolunteer.VolunteerId>)
          expect(got).toEqual([rows[1], rows[0]])
          expect(got[1]!.skills).toEqual(awkward)
          expect(yield* store.registry.volunteers(t)).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* store.registry.volunteersOf(t, [])).toEqual([])
          expect(yield* store.registry.volunteers(freshTenant())).toEqual([])
          // By ID number: the volunteers holding any of them, by id; none for unknown numbers.
          expect(yield* store.registry.volunteersWithCitizenIds(t, ["131102199001011234", "110101190001011009"])).toEqual([rows[0]])
          expect(yield* store.registry.volunteersWithCitizenIds(t, [])).toEqual([])
          expect(yield* store.registry.volunteersWithCitizenIds(freshTenant(), ["131102199001011234"])).toEqual([])
        }))

      it.effect("putConsents replaces the record of the same volunteer and day (the last of a batch wins); consentsOf by volunteer then day", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          yield* store.registry.putConsents([
            consent(t, "v2", "2024-03-01", true),
            consent(t, "v1", "2024-02-01", true),
            consent(t, "v1", "2024-01-01", false),
            consent(t, "v10", "2024-01-01", true)
          ])
          yield* store.registry.putConsents([
            consent(t, "v1", "2024-02-01", false),
            consent(t, "v2", "2024-04-01", true),
            consent(t, "v1", "2024-02-01", true),
            consent(t, "v2", "2024-04-01", false)
          ])
          const ids = ["v2", "zz", "v1", "v10", "v2"] as Array<LedgerVolunteer.VolunteerId>
          expect(yield* store.registry.consentsOf(t, ids)).toEqual([
            consent(t, "v1", "2024-01-01", false),
            consent(t, "v1", "2024-02-01", true),
            consent(t, "v10", "2024-01-01", true),
            consent(t, "v2", "2024-03-01", true),
            consent(t, "v2", "2024-04-01", false)
          ])
          yield* store.registry.putConsents([])
          expect(yield* store.registry.consentsOf(t, [])).toEqual([])
          expect(yield* store.registry.consentsOf(freshTenant(), ids)).toEqual([])
        }))

      it.effect("addActivities, activitiesOf and activities: every field back as written, by id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            activity(t, "a2", { programme: "wushe", teamId: "team1", name: "助老 \"食堂\" 𠀀", servicePoint: "驿站" }),
            activity(t, "a1", { category: "children", gridCode: `${t}002`, registeredOn: "2024-02-29" }),
            activity(t, "a10")
          ]
          yield* store.registry.addActivities(rows)
          expect(yield* store.registry.activitiesOf(t, ["a10", "zz", "a2", "a10"] as Array<ServiceActivity.ActivityId>)).toEqual([
            rows[2],
            rows[0]
          ])
          expect(yield* store.registry.activities(t)).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* store.registry.activitiesOf(t, [])).toEqual([])
          expect(yield* store.registry.activities(freshTenant())).toEqual([])
        }))
    })

    // ------------------------------------------------------------------- entries

    describe("entries", () => {
      it.effect("head is null before the first entry; append stores every field, and the last entry's seq and hash as the head", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          expect(yield* store.entries.head(t)).toBeNull()
          expect(yield* store.entries.page(t, 0, 10)).toEqual([])
          const first = session(t, 1, {
            teamId: "team1",
            postId: "post1",
            programme: "wushe",
            unitCreditCode: "91131100MA0000000X",
            content: "陪伴 \"老人\" \\ 𠀀 [x,y] \u2028",
            late: true,
            startsAt: "2024-02-29T23:30",
            endsAt: "2024-03-01T01:15",
            minutes: 105,
            residentsServed: 0,
            mattersDone: 0,
            points: 0
          })
          const second = session(t, 2, { volunteerId: "v2", residentsServed: 1_000_000, points: 2_000_000, content: "NULL", reason: "" })
          yield* store.entries.append(t, [first, second])
          expect(yield* store.entries.head(t)).toEqual(head(second))
          const fix = reversal(first, 3)
          const fixed = replacement(first, fix, 4, { minutes: 100, endsAt: "2024-03-01T01:10" })
          yield* store.entries.append(t, [fix, fixed])
          expect(yield* store.entries.head(t)).toEqual(head(fixed))
          const all = yield* store.entries.page(t, 0, 10)
          expect(all).toEqual([first, second, fix, fixed])
          expect(all[0]!.late).toBe(true)
          expect(all[1]!.late).toBe(false)
          expect(all[2]!.reverses).toBe(1)
          expect(all[3]!.replaces).toBe(1)
          yield* store.entries.append(t, [])
          expect(yield* store.entries.head(t)).toEqual(head(fixed))
          expect(yield* store.entries.head(freshTenant())).toBeNull()
        }))

      it.effect("append refuses a seq not following the head, a gap, a seq or a key and part that exists or comes twice, another tenant's entry, and writes nothing", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const secret = "秘密的内容"
          const refusedOnEmpty = yield* Effect.flip(store.entries.append(t, [session(t, 2)]))
          expect(refusedOnEmpty).toMatchObject({ _tag: "StoreError" })
          expect(yield* store.entries.head(t)).toBeNull()
          const first = session(t, 1)
          yield* store.entries.append(t, [first])
          const refused = [
            [session(t, 1, { key: "other" })],
            [session(t, 3)],
            [session(t, 2), session(t, 4)],
            [session(t, 2), session(t, 3), session(t, 2, { key: "again" })],
            [session(t, 2, { key: first.key, content: secret })],
            [session(t, 2, { key: "twice" }), session(t, 3, { key: "twice", content: secret })],
            [session(t, 2), { ...session(t, 3), tenant: freshTenant() }]
          ]
          for (const entries of refused) {
            const error = yield* Effect.flip(store.entries.append(t, entries))
            expect(error).toMatchObject({ _tag: "StoreError" })
            expect(error.message).not.toContain(secret)
            expect(yield* store.entries.head(t)).toEqual(head(first))
            expect(yield* store.entries.page(t, 0, 10)).toEqual([first])
            expect(yield* store.entries.byKeys(t, ["key-2", "key-3", "twice", "again"] as never)).toEqual([])
          }
          // Another part of an existing key is another entry.
          const second = session(t, 2, { key: first.key, part: 1 })
          yield* store.entries.append(t, [second])
          expect(yield* store.entries.byKeys(t, [first.key])).toEqual([first, second])
        }))

      it.effect("an append of thousands of entries (several statements) refused by its last one writes none of them", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const first = session(t, 1)
          yield* store.entries.append(t, [first])
          const batch = Array.from({ length: 5_000 }, (_, i) => session(t, i + 2, { volunteerId: `v${i % 7}` }))
          const clash = [...batch.slice(0, -1), { ...batch[batch.length - 1]!, key: first.key }]
          expect(yield* Effect.flip(store.entries.append(t, clash))).toMatchObject({ _tag: "StoreError" })
          expect(yield* store.entries.head(t)).toEqual(head(first))
          expect(yield* store.entries.page(t, 0, 10)).toEqual([first])
          yield* store.entries.append(t, batch)
          expect(yield* store.entries.head(t)).toEqual(head(batch[batch.length - 1]!))
          expect(yield* store.entries.page(t, 0, 10_000)).toEqual([first, ...batch])
        }))

      it.effect("byKeys (by seq), bySeqs (by seq) and reversalsOf (by seq): unknown left out, repeated once", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const [a, b, c] = [session(t, 1), session(t, 2, { volunteerId: "v2" }), session(t, 3)]
          const fixA = reversal(a, 4)
          const newA = replacement(a, fixA, 5)
          const fixC = reversal(c, 6, { key: "甲" })
          const fixNewA = reversal(newA, 7)
          const all = [a, b, c, fixA, newA, fixC, fixNewA]
          yield* store.entries.append(t, all.slice(0, 4))
          yield* store.entries.append(t, all.slice(4))
          expect(yield* store.entries.byKeys(t, ["甲", "zz", fixA.key, a.key, fixA.key] as never)).toEqual([a, fixA, newA, fixC])
          expect(yield* store.entries.byKeys(t, [])).toEqual([])
          expect(yield* store.entries.bySeqs(t, [7, 0, -1, 2, 99, 7, 1.5])).toEqual([b, fixNewA])
          expect(yield* store.entries.bySeqs(t, [])).toEqual([])
          expect(yield* store.entries.reversalsOf(t, [5, 3, 2, 1, 42, 3])).toEqual([fixA, fixC, fixNewA])
          expect(yield* store.entries.reversalsOf(t, [2])).toEqual([])
          expect(yield* store.entries.reversalsOf(freshTenant(), [1])).toEqual([])
        }))

      it.effect("sessions: service entries not reversed, overlapping [from, to) (touching left out), of any of the volunteers, by volunteer then start", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const at = (volunteerId: string, seq: number, startsAt: string, endsAt: string) =>
            session(t, seq, { volunteerId, startsAt, endsAt })
          const e1 = at("v2", 1, "2024-03-01T09:00", "2024-03-01T11:00")
          const e2 = at("v1", 2, "2024-03-01T10:00", "2024-03-01T12:00")
          const e3 = at("v10", 3, "2024-03-01T08:00", "2024-03-01T09:00")
          const e4 = at("中", 4, "2024-03-01T23:00", "2024-03-02T01:00")
          const e5 = at("𠀀", 5, "2024-03-01T12:00", "2024-03-01T13:00")
          const e6 = at("v2", 6, "2024-03-01T13:00", "2024-03-01T14:00")
          const e7 = reversal(e6, 7)
          const e8 = replacement(e6, e7, 8, { startsAt: "2024-03-01T13:30", endsAt: "2024-03-01T14:30" })
          const e9 = at("v2", 9, "2024-03-01T07:00", "2024-03-01T10:00")
          yield* store.entries.append(t, [e1, e2, e3, e4, e5, e6, e7, e8, e9])
          const everyone = ["v2", "v10", "中", "𠀀", "v1", "zz", "v2"] as Array<LedgerVolunteer.VolunteerId>
          expect(yield* store.entries.sessions(t, everyone, minute("2024-03-01T09:00"), minute("2024-03-01T12:00"))).toEqual([e2, e9, e1])
          expect(yield* store.entries.sessions(t, everyone, minute("2024-03-01T11:30"), minute("2024-03-02T00:30"))).toEqual([
            e2,
            e8,
            e4,
            e5
          ])
          expect(yield* store.entries.sessions(t, ["v2"] as Array<LedgerVolunteer.VolunteerId>, minute("2024-03-01T13:00"), minute("2024-03-01T13:30"))).toEqual([])
          expect(yield* store.entries.sessions(t, [], minute("2024-01-01T00:00"), minute("2025-01-01T00:00"))).toEqual([])
          expect(yield* store.entries.sessions(freshTenant(), everyone, minute("2024-01-01T00:00"), minute("2025-01-01T00:00"))).toEqual([])
        }))

      it.effect("page: at most limit entries after a seq, in seq order", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const entries = Array.from({ length: 7 }, (_, i) => session(t, i + 1))
          yield* store.entries.append(t, entries.slice(0, 3))
          yield* store.entries.append(t, entries.slice(3))
          expect(yield* store.entries.page(t, 0, 3)).toEqual(entries.slice(0, 3))
          expect(yield* store.entries.page(t, 3, 3)).toEqual(entries.slice(3, 6))
          expect(yield* store.entries.page(t, 6, 3)).toEqual(entries.slice(6))
          expect(yield* store.entries.page(t, 7, 3)).toEqual([])
          expect(yield* store.entries.page(t, 2, 100)).toEqual(entries.slice(2))
          expect(yield* store.entries.page(t, -5, 2)).toEqual(entries.slice(0, 2))
          expect(yield* store.entries.page(t, 0, 0)).toEqual([])
          expect(yield* store.entries.page(t, 0, -1)).toEqual([])
        }))

      it.effect("ofVolunteers: the entries (reversals too) of any of the volunteers starting on a day from..to, both included, null unbounded; by seq", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const e1 = session(t, 1, { startsAt: "2024-02-29T23:30", endsAt: "2024-03-01T00:30" })
          const e2 = session(t, 2, { volunteerId: "v2", startsAt: "2024-03-01T00:00", endsAt: "2024-03-01T01:00" })
          const e3 = session(t, 3, { startsAt: "2024-03-31T23:59", endsAt: "2024-04-01T01:00" })
          const e4 = reversal(e3, 4)
          const e5 = session(t, 5, { volunteerId: "v3", startsAt: "2024-04-01T00:00", endsAt: "2024-04-01T01:00" })
          yield* store.entries.append(t, [e1, e2, e3, e4, e5])
          const ids = (...xs: Array<string>) => xs as Array<LedgerVolunteer.VolunteerId>
          expect(yield* store.entries.ofVolunteers(t, ids("v2", "v1", "v2"), day("2024-03-01"), day("2024-03-31"))).toEqual([e2, e3, e4])
          expect(yield* store.entries.ofVolunteers(t, ids("v1"), null, null)).toEqual([e1, e3, e4])
          expect(yield* store.entries.ofVolunteers(t, ids("v3", "v1"), day("2024-03-31"), null)).toEqual([e3, e4, e5])
          expect(yield* store.entries.ofVolunteers(t, ids("v1", "v3"), null, day("2024-02-29"))).toEqual([e1])
          expect(yield* store.entries.ofVolunteers(t, ids("v1"), day("2024-04-01"), day("2024-03-01"))).toEqual([])
          expect(yield* store.entries.ofVolunteers(t, [], null, null)).toEqual([])
        }))

      it.effect("totals: one row without dimensions (zeros over none); groups by dimensions in key order, nulls first; reversals count −1; both days included; grid codes cut to a length", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const [g1, g2] = [`${t}001001`, `${t}001002`]
          const e1 = session(t, 1, { teamId: "t1", gridCode: g1 })
          const e2 = session(t, 2, {
            volunteerId: "v2",
            gridCode: g2,
            category: "children",
            programme: "wushe",
            unitCreditCode: "91131100MA0000000X",
            activityId: "act2",
            servicePoint: "驿站",
            startsAt: "2024-03-31T23:00",
            endsAt: "2024-04-01T00:00",
            minutes: 60,
            residentsServed: 5,
            mattersDone: 0,
            points: 6
          })
          const e3 = session(t, 3, { teamId: "t1", startsAt: "2024-04-01T08:00", endsAt: "2024-04-01T08:30", minutes: 30, residentsServed: 1, points: 3 })
          const e4 = reversal(e1, 4)
          const e5 = replacement(e1, e4, 5, { minutes: 90, endsAt: "2024-03-01T10:30", points: 9 })
          const e6 = session(t, 6, { volunteerId: "v3", startsAt: "2024-02-29T23:00", endsAt: "2024-03-01T00:00", minutes: 60, points: 6 })
          const e7 = session(t, 7, { volunteerId: "v4", startsAt: "2024-03-10T09:00" })
          const e8 = reversal(e7, 8)
          yield* store.entries.append(t, [e1, e2, e3, e4, e5, e6, e7, e8])
          const march = { from: day("2024-03-01"), to: day("2024-03-31") }
          expect(yield* store.entries.totals(t, { ...march, by: [] })).toEqual([row([], 150, 2, 7, 1, 15)])
          expect(yield* store.entries.totals(t, { ...march, by: ["teamId"] })).toEqual([
            row([null], 60, 1, 5, 0, 6),
            row(["t1"], 90, 1, 2, 1, 9)
          ])
          expect(yield* store.entries.totals(t, { ...march, by: ["volunteerId"] })).toEqual([
            row(["v1"], 90, 1, 2, 1, 9),
            row(["v2"], 60, 1, 5, 0, 6),
            row(["v4"], 0, 0, 0, 0, 0)
          ])
          expect(yield* store.entries.totals(t, { from: day("2024-02-01"), to: day("2024-04-30"), by: ["month", "gridCode"] })).toEqual([
            row(["2024-02", g1], 60, 1, 2, 1, 6),
            row(["2024-03", g1], 90, 1, 2, 1, 9),
            row(["2024-03", g2], 60, 1, 5, 0, 6),
            row(["2024-04", g1], 30, 1, 1, 1, 3)
          ])
          expect(
            yield* store.entries.totals(t, { ...march, by: ["programme", "category", "unitCreditCode", "activityId", "servicePoint"] })
          ).toEqual([
            row([null, "elderly", null, "act1", "sp1"], 90, 1, 2, 1, 9),
            row(["wushe", "children", "91131100MA0000000X", "act2", "驿站"], 60, 1, 5, 0, 6)
          ])
          expect(yield* store.entries.totals(t, { from: day("2024-04-01"), to: day("2024-04-01"), by: ["category"] })).toEqual([
            row(["elderly"], 30, 1, 1, 1, 3)
          ])
          // Grid codes cut to a length: a street's 9 digits group both communities; a code
          // shorter than the length stays whole.
          const street = `${t}001`
          expect(yield* store.entries.totals(t, { ...march, by: ["gridCode", "category"], gridCodeLength: street.length })).toEqual([
            row([street, "children"], 60, 1, 5, 0, 6),
            row([street, "elderly"], 90, 1, 2, 1, 9)
          ])
          expect(yield* store.entries.totals(t, { ...march, by: ["category", "gridCode"], gridCodeLength: 40 })).toEqual([
            row(["children", g2], 60, 1, 5, 0, 6),
            row(["elderly", g1], 90, 1, 2, 1, 9)
          ])
          expect(yield* store.entries.totals(t, { ...march, by: ["teamId"], gridCodeLength: 3 })).toEqual([
            row([null], 60, 1, 5, 0, 6),
            row(["t1"], 90, 1, 2, 1, 9)
          ])
          for (const bad of [0, -9, 1.5, Number.NaN]) {
            const refused = yield* Effect.flip(store.entries.totals(t, { ...march, by: ["gridCode"], gridCodeLength: bad }))
            expect(refused).toMatchObject({ _tag: "StoreError", operation: "entries.totals" })
          }
          expect(yield* store.entries.totals(t, { from: day("2030-01-01"), to: day("2030-12-31"), by: [] })).toEqual([row([], 0, 0, 0, 0, 0)])
          expect(yield* store.entries.totals(t, { from: day("2030-01-01"), to: day("2030-12-31"), by: ["gridCode"] })).toEqual([])
          expect(yield* store.entries.totals(freshTenant(), { ...march, by: ["gridCode"] })).toEqual([])
        }))
    })

    // ------------------------------------------------- points and certificates

    describe("points and certificates", () => {
      it.effect("addMovements: movementsByKeys by key, movementsOf by volunteer, day, then key; a key that exists, or twice, fails and writes nothing", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            movement(t, "k3", { volunteerId: "v2", on: "2024-03-01" }),
            movement(t, "k2", { on: "2024-04-01", kind: "expire", points: -1_000_000, reason: "过期 \"积分\" 𠀀" }),
            movement(t, "k1", { on: "2024-04-01" }),
            movement(t, "k10", { on: "2024-02-01" })
          ]
          yield* store.points.addMovements(rows)
          expect(yield* store.points.movementsByKeys(t, ["k3", "zz", "k1", "k10", "k3"] as never)).toEqual([rows[2], rows[3], rows[0]])
          expect(yield* store.points.movementsOf(t, ["v2", "v1", "zz"] as Array<LedgerVolunteer.VolunteerId>)).toEqual([
            rows[3],
            rows[2],
            rows[1],
            rows[0]
          ])
          for (const batch of [[movement(t, "k4"), { ...rows[0]!, reason: "重名" }], [movement(t, "k5"), movement(t, "k5")]]) {
            const error = yield* Effect.flip(store.points.addMovements(batch))
            expect(error).toMatchObject({ _tag: "StoreError" })
            expect(error.message).not.toContain("重名")
          }
          expect(yield* store.points.movementsByKeys(t, ["k4", "k5", "k3"] as never)).toEqual([rows[0]])
          expect(yield* store.points.movementsByKeys(t, [])).toEqual([])
          expect(yield* store.points.movementsOf(t, [])).toEqual([])
        }))

      it.effect("addCertificates: certificatesByKeys by key, certificatesOf by code; a key or a code that exists, or twice, fails and writes nothing", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            certificate(t, "k2", "BBBB-0000-0000-0001", {
              categories: [
                { category: "children", minutes: 60, entries: 1 },
                { category: "elderly", minutes: 2_000_000_000, entries: 100_000 }
              ],
              recordedBy: awkward,
              disclose: true,
              minutes: 2_000_000_060
            }),
            certificate(t, "k1", "CCCC-0000-0000-0001", { categories: [], recordedBy: [], volunteerId: "v2" }),
            certificate(t, "k10", "AAAA-0000-0000-0001")
          ]
          yield* store.certificates.addCertificates(rows)
          expect(yield* store.certificates.certificatesByKeys(t, ["k2", "zz", "k1", "k2"] as never)).toEqual([rows[1], rows[0]])
          const byCode = yield* store.certificates.certificatesOf(t, ["CCCC-0000-0000-0001", "zz", "AAAA-0000-0000-0001", "BBBB-0000-0000-0001"])
          expect(byCode).toEqual([rows[2], rows[0], rows[1]])
          expect(byCode[1]!.recordedBy).toEqual(awkward)
          const refused = [
            [certificate(t, "k3", "DDDD-0000-0000-0001"), { ...rows[0]!, code: "EEEE-0000-0000-0001", issuer: "重名" }],
            [certificate(t, "k4", "FFFF-0000-0000-0001"), certificate(t, "k5", rows[1]!.code, { issuer: "重名" })],
            [certificate(t, "k6", "GGGG-0000-0000-0001"), certificate(t, "k6", "HHHH-0000-0000-0001")],
            [certificate(t, "k7", "JJJJ-0000-0000-0001"), certificate(t, "k8", "JJJJ-0000-0000-0001")]
          ]
          for (const batch of refused) {
            const error = yield* Effect.flip(store.certificates.addCertificates(batch))
            expect(error).toMatchObject({ _tag: "StoreError" })
            expect(error.message).not.toContain("重名")
          }
          expect(yield* store.certificates.certificatesByKeys(t, ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k10"] as never)).toEqual([
            rows[1],
            rows[2],
            rows[0]
          ])
          expect(yield* store.certificates.certificatesOf(t, ["DDDD-0000-0000-0001", "EEEE-0000-0000-0001", "JJJJ-0000-0000-0001"])).toEqual([])
          expect(yield* store.certificates.certificatesOf(t, [])).toEqual([])
          // A code is unique within a tenant: another tenant may hold the same one.
          const u = freshTenant()
          const elsewhere = certificate(u, "k1", rows[0]!.code)
          yield* store.certificates.addCertificates([elsewhere])
          expect(yield* store.certificates.certificatesOf(u, [rows[0]!.code])).toEqual([elsewhere])
        }))
    })

    // --------------------------------------------------- tenants, transactions

    describe("tenants and transactions", () => {
      it.effect("writes in a transaction that fails leave nothing, and the next append follows the head as stored", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const first = session(t, 1)
          const report = consent(t, "v1", "2024-01-01", true)
          yield* store.entries.append(t, [first])
          yield* store.registry.putConsents([report])
          const failed = yield* Effect.flip(store.transaction(
            t,
            Effect.gen(function*() {
              yield* store.entries.append(t, [session(t, 2), session(t, 3)])
              yield* store.entries.append(t, [session(t, 4)])
              // Inside the transaction its own writes are read back.
              expect(yield* store.entries.head(t)).toEqual(head(session(t, 4)))
              expect((yield* store.entries.page(t, 0, 10)).length).toBe(4)
              yield* store.registry.addVolunteers([volunteer(t, "v1")])
              yield* store.registry.putConsents([{ ...report, given: false }, consent(t, "v2", "2024-01-01", true)])
              yield* store.registry.addActivities([activity(t, "a1")])
              yield* store.points.addMovements([movement(t, "m1")])
              yield* store.certificates.addCertificates([certificate(t, "c1", "AAAA-AAAA-AAAA-AAAA")])
              return yield* Effect.fail("no" as const)
            })
          ))
          expect(failed).toBe("no")
          expect(yield* store.entries.head(t)).toEqual(head(first))
          expect(yield* store.entries.page(t, 0, 10)).toEqual([first])
          expect(yield* store.entries.byKeys(t, ["key-2", "key-4"] as never)).toEqual([])
          expect(yield* store.entries.sessions(t, ["v1"] as never, minute("2024-01-01T00:00"), minute("2025-01-01T00:00"))).toEqual([first])
          expect(yield* store.registry.volunteers(t)).toEqual([])
          expect(yield* store.registry.consentsOf(t, ["v1", "v2"] as never)).toEqual([report])
          expect(yield* store.registry.activities(t)).toEqual([])
          expect(yield* store.points.movementsByKeys(t, ["m1"] as never)).toEqual([])
          expect(yield* store.certificates.certificatesByKeys(t, ["c1"] as never)).toEqual([])
          // The seqs the failed transaction used are free again, under other content.
          const next = [session(t, 2, { volunteerId: "v9", content: "重记" }), session(t, 3, { volunteerId: "v9" })]
          yield* store.entries.append(t, next)
          expect(yield* store.entries.page(t, 0, 10)).toEqual([first, ...next])
          expect(yield* store.entries.ofVolunteers(t, ["v9", "v1"] as never, null, null)).toEqual([first, ...next])
          expect(yield* store.entries.head(t)).toEqual(head(next[1]!))
        }))

      it.effect("the same keys and seqs in two tenants never mix", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const [t, u] = [freshTenant(), freshTenant()]
          const write = (tenant: Tenant.Tenant, name: string) =>
            Effect.gen(function*() {
              const first = session(tenant, 1, { content: name, minutes: name === "甲" ? 10 : 20 })
              yield* store.entries.append(tenant, [first, reversal(first, 2, { reason: name })])
              yield* store.registry.addVolunteers([volunteer(tenant, "v1", { name })])
              yield* store.registry.putConsents([consent(tenant, "v1", "2024-01-01", name === "甲")])
              yield* store.registry.addActivities([activity(tenant, "act1", { name })])
              yield* store.points.addMovements([movement(tenant, "m1", { reason: name })])
              yield* store.certificates.addCertificates([certificate(tenant, "c1", "AAAA-AAAA-AAAA-AAAA", { issuer: name })])
            })
          yield* write(t, "甲")
          yield* write(u, "乙")
          yield* store.entries.append(u, [session(u, 3, { content: "乙" })])
          expect(yield* store.entries.head(t)).toEqual({ seq: 2, hash: "hash-2" })
          expect(yield* store.entries.head(u)).toEqual({ seq: 3, hash: "hash-3" })
          for (const [tenant, name] of [[t, "甲"], [u, "乙"]] as const) {
            const mine = (rows: ReadonlyArray<{ readonly tenant: string }>) => rows.every((r) => r.tenant === tenant)
            const entries = yield* store.entries.page(tenant, 0, 10)
            expect(mine(entries) && entries[0]!.content === name).toBe(true)
            expect(mine(yield* store.entries.byKeys(tenant, ["key-1", "key-2"] as never))).toBe(true)
            expect(mine(yield* store.entries.bySeqs(tenant, [1, 2]))).toBe(true)
            expect(mine(yield* store.entries.reversalsOf(tenant, [1]))).toBe(true)
            expect(mine(yield* store.entries.ofVolunteers(tenant, ["v1"] as never, null, null))).toBe(true)
            expect((yield* store.entries.totals(tenant, { from: day("2024-01-01"), to: day("2024-12-31"), by: [] }))[0]!.entries).toBe(
              name === "甲" ? 0 : 1
            )
            expect((yield* store.registry.volunteers(tenant)).map((v) => [v.tenant, v.name])).toEqual([[tenant, name]])
            expect((yield* store.registry.consentsOf(tenant, ["v1"] as never)).map((c) => [c.tenant, c.given])).toEqual([[tenant, name === "甲"]])
            expect((yield* store.registry.activitiesOf(tenant, ["act1"] as never)).map((a) => [a.tenant, a.name])).toEqual([[tenant, name]])
            expect((yield* store.points.movementsOf(tenant, ["v1"] as never)).map((m) => [m.tenant, m.reason])).toEqual([[tenant, name]])
            expect((yield* store.certificates.certificatesOf(tenant, ["AAAA-AAAA-AAAA-AAAA"])).map((c) => [c.tenant, c.issuer])).toEqual([
              [tenant, name]
            ])
          }
          expect(yield* store.entries.sessions(t, ["v1"] as never, minute("2024-01-01T00:00"), minute("2025-01-01T00:00"))).toEqual([])
          expect((yield* store.entries.sessions(u, ["v1"] as never, minute("2024-01-01T00:00"), minute("2025-01-01T00:00"))).map((e) => e.seq)).toEqual([3])
        }))
    })

    // ---------------------------------------------------------------- many keys

    describe("many keys", () => {
      it.effect("every read by keys takes 40,000 keys and answers in its order", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const ids = ["v1", "v2", "v3", "中", "𠀀"]
          const sessions = ids.flatMap((v, i) => [
            session(t, 2 * i + 1, { volunteerId: v, startsAt: "2024-03-02T09:00", endsAt: "2024-03-02T10:00" }),
            session(t, 2 * i + 2, { volunteerId: v, startsAt: "2024-03-01T09:00", endsAt: "2024-03-01T10:00" })
          ])
          const fixes = sessions.slice(0, 3).map((e, i) => reversal(e, 11 + i))
          const entries = [...sessions, ...fixes]
          yield* store.entries.append(t, entries)
          const keys = entries.map((e) => e.key)
          expect(spread(keys).length).toBe(many)
          expect(yield* store.entries.byKeys(t, spread(keys))).toEqual(entries)
          const seqs = spread<string>(entries.map((e) => String(e.seq))).map((s, i) => (s.startsWith("unknown") ? 1_000 + i : Number(s)))
          expect(yield* store.entries.bySeqs(t, seqs)).toEqual(entries)
          expect(yield* store.entries.reversalsOf(t, seqs)).toEqual(fixes)
          expect(yield* store.entries.sessions(t, spread(ids), minute("2024-01-01T00:00"), minute("2025-01-01T00:00"))).toEqual(
            expectedSessions(entries, ids, "2024-01-01T00:00", "2025-01-01T00:00")
          )
          expect(yield* store.entries.ofVolunteers(t, spread(ids), day("2024-03-01"), day("2024-03-01"))).toEqual(
            entries.filter((e) => e.startsAt.startsWith("2024-03-01"))
          )

          const volunteers = ids.map((id) => volunteer(t, id))
          const consents = ids.flatMap((id) => [consent(t, id, "2024-02-01", false), consent(t, id, "2024-01-01", true)])
          const activities = ids.map((id) => activity(t, id))
          const movements = ids.flatMap((id) => [movement(t, `${id}-b`, { volunteerId: id }), movement(t, `${id}-a`, { volunteerId: id })])
          const certificates = ids.map((id, i) => certificate(t, id, `${5 - i}AAA-AAAA-AAAA-AAAA`, { volunteerId: id }))
          yield* store.registry.addVolunteers(volunteers)
          yield* store.registry.putConsents(consents)
          yield* store.registry.addActivities(activities)
          yield* store.points.addMovements(movements)
          yield* store.certificates.addCertificates(certificates)
          const byId = (r: { readonly id: string }) => r.id
          expect(yield* store.registry.volunteersOf(t, spread(ids))).toEqual(sortBy(volunteers, byId))
          expect(yield* store.registry.consentsOf(t, spread(ids))).toEqual(sortBy(consents, (c) => c.volunteerId, (c) => c.on))
          expect(yield* store.registry.activitiesOf(t, spread(ids))).toEqual(sortBy(activities, byId))
          expect(yield* store.points.movementsByKeys(t, spread(movements.map((m) => m.key)))).toEqual(sortBy(movements, (m) => m.key))
          expect(yield* store.points.movementsOf(t, spread(ids))).toEqual(sortBy(movements, (m) => m.volunteerId, (m) => m.on, (m) => m.key))
          expect(yield* store.certificates.certificatesByKeys(t, spread(ids))).toEqual(sortBy(certificates, (c) => c.key))
          expect(yield* store.certificates.certificatesOf(t, spread(certificates.map((c) => c.code)))).toEqual(sortBy(certificates, (c) => c.code))
        }))
    })

    // ---------------------------------------------------------------- properties

    describe("properties", () => {
      const volunteers = ["v1", "v2", "v10", "中", "𠀀"]
      /** The first day of the drawn sessions: a leap month's end, so periods cross months. */
      const base = day("2024-02-20")
      const minuteOf = (days: number, minuteOfDay: number): LocalMinute.LocalMinute =>
        LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(LocalMinute.startOfDay(IsoDate.addDays(base, days))) + minuteOfDay)

      const nullable = <A>(arbitrary: FastCheck.Arbitrary<A>) => FastCheck.option(arbitrary, { nil: null })
      const sessionDraw = FastCheck.record({
        volunteerId: FastCheck.constantFrom(...volunteers),
        activityId: FastCheck.constantFrom("a1", "a2"),
        teamId: nullable(FastCheck.constantFrom("t1", "t2")),
        servicePoint: FastCheck.constantFrom("sp1", "驿站"),
        grid: FastCheck.constantFrom("001", "001001", "001002", "002001"),
        category: FastCheck.constantFrom("elderly", "children", "环境"),
        programme: nullable(FastCheck.constant("wushe")),
        unitCreditCode: nullable(FastCheck.constantFrom("91131100MA0000000X", "91131100MA0000001Y")),
        day: FastCheck.integer({ min: 0, max: 60 }),
        start: FastCheck.integer({ min: 0, max: 24 * 60 - 1 }),
        length: FastCheck.integer({ min: 1, max: 600 }),
        residentsServed: FastCheck.integer({ min: 0, max: 50 }),
        mattersDone: FastCheck.integer({ min: 0, max: 5 }),
        points: FastCheck.integer({ min: 0, max: 100 }),
        late: FastCheck.boolean()
      })
      const step = FastCheck.oneof(
        { arbitrary: sessionDraw.map((draw) => ({ _tag: "session" as const, draw })), weight: 4 },
        {
          arbitrary: FastCheck.record({ pick: FastCheck.nat(), replace: FastCheck.option(sessionDraw, { nil: null }) }).map((c) => ({
            _tag: "correct" as const,
            ...c
          })),
          weight: 1
        }
      )
      const window = FastCheck.record({
        volunteers: FastCheck.subarray(volunteers),
        fromDay: FastCheck.integer({ min: -1, max: 62 }),
        fromMinute: FastCheck.integer({ min: 0, max: 24 * 60 - 1 }),
        length: FastCheck.integer({ min: 0, max: 5 * 24 * 60 })
      })
      const query = FastCheck.record({
        from: FastCheck.integer({ min: -2, max: 62 }),
        days: FastCheck.integer({ min: 0, max: 70 }),
        by: FastCheck.array(Arbitrary.make(Rollup.Dimension), { maxLength: 3 }),
        gridCodeLength: FastCheck.option(FastCheck.integer({ min: 1, max: 16 }), { nil: undefined })
      })
      const plan = FastCheck.record({
        steps: FastCheck.array(step, { maxLength: 60 }),
        cuts: FastCheck.array(FastCheck.nat({ max: 60 }), { maxLength: 4 }),
        queries: FastCheck.array(query, { minLength: 1, maxLength: 4 }),
        windows: FastCheck.array(window, { minLength: 1, maxLength: 3 })
      })
      type Plan = typeof plan extends FastCheck.Arbitrary<infer A> ? A : never
      type Draw = typeof sessionDraw extends FastCheck.Arbitrary<infer A> ? A : never

      /** The plan's entries for a tenant, seqs from 1: sessions, and corrections of sessions still standing. */
      const entriesOf = (t: Tenant.Tenant, steps: Plan["steps"]): Array<Entry> => {
        const entries: Array<Entry> = []
        const standing: Array<Entry> = []
        const drawn = (seq: number, { day, grid, length, start, ...fields }: Draw, over: Over<Entry> = {}): Entry => {
          const startsAt = minuteOf(day, start)
          return session(t, seq, {
            ...fields,
            gridCode: `${t}${grid}`,
            startsAt,
            endsAt: LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(startsAt) + length),
            minutes: length,
            ...over
          })
        }
        for (const s of steps) {
          const seq = entries.length + 1
          if (s._tag === "session") {
            const e = drawn(seq, s.draw)
            entries.push(e)
            standing.push(e)
          } else if (standing.length > 0) {
            const [original] = standing.splice(s.pick % standing.length, 1)
            const fix = reversal(original!, seq)
            entries.push(fix)
            if (s.replace !== null) {
              const e = drawn(seq + 1, s.replace, { key: fix.key, part: 1, fingerprint: fix.fingerprint, replaces: original!.seq })
              entries.push(e)
              standing.push(e)
            }
          }
        }
        return entries
      }

      it.effect.prop(
        "random appends with random corrections: page, totals, sessions and ofVolunteers agree with a plain computation over the entries",
        { plan },
        ({ plan }) =>
          Effect.gen(function*() {
            const store = yield* ports
            const t = freshTenant()
            const entries = entriesOf(t, plan.steps)
            const cuts = Array.from(new Set([0, ...plan.cuts.filter((c) => c < entries.length), entries.length])).sort((a, b) => a - b)
            for (let i = 0; i + 1 < cuts.length; i++) yield* store.entries.append(t, entries.slice(cuts[i], cuts[i + 1]))
            expect(yield* store.entries.page(t, 0, entries.length + 1)).toEqual(entries)
            expect(yield* store.entries.head(t)).toEqual(entries.length === 0 ? null : head(entries[entries.length - 1]!))
            for (const q of plan.queries) {
              const totalsQuery = {
                from: IsoDate.addDays(base, q.from),
                to: IsoDate.addDays(base, q.from + q.days),
                by: q.by,
                gridCodeLength: q.gridCodeLength
              }
              expect(yield* store.entries.totals(t, totalsQuery)).toEqual(expectedTotals(entries, totalsQuery))
            }
            for (const w of plan.windows) {
              const from = minuteOf(w.fromDay, w.fromMinute)
              const to = LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(from) + w.length)
              const ids = w.volunteers as Array<LedgerVolunteer.VolunteerId>
              expect(yield* store.entries.sessions(t, ids, from, to)).toEqual(expectedSessions(entries, w.volunteers, from, to))
              const [first, last] = [LocalMinute.dayOf(from), LocalMinute.dayOf(to)]
              expect(yield* store.entries.ofVolunteers(t, ids, first, last)).toEqual(
                entries.filter((e) => w.volunteers.includes(e.volunteerId) && LocalMinute.dayOf(e.startsAt) >= first && LocalMinute.dayOf(e.startsAt) <= last)
              )
            }
          }),
        { timeout: 120_000, fastCheck: { numRuns: 40 } }
      )

      it.effect.prop(
        "random volunteers, consents and certificates come back as written",
        {
          rows: FastCheck.record({
            volunteers: FastCheck.uniqueArray(
              FastCheck.record({
                id: FastCheck.constantFrom(...volunteers, "v3"),
                skills: FastCheck.array(FastCheck.constantFrom(...awkward), { maxLength: 4 }),
                categories: FastCheck.array(FastCheck.constantFrom("elderly", "环境"), { maxLength: 2 }),
                phone: nullable(FastCheck.constant("13800000000")),
                memberId: nullable(FastCheck.constant("m1"))
              }),
              { selector: (v) => v.id }
            ),
            consents: FastCheck.array(
              FastCheck.record({ volunteerId: FastCheck.constantFrom(...volunteers), on: FastCheck.integer({ min: 0, max: 3 }), given: FastCheck.boolean() }),
              { maxLength: 12 }
            ),
            certificates: FastCheck.uniqueArray(
              FastCheck.record({
                key: FastCheck.constantFrom("c1", "c2", "中", "𠀀"),
                categories: FastCheck.uniqueArray(
                  FastCheck.record({
                    category: FastCheck.constantFrom(...awkward),
                    minutes: FastCheck.integer({ min: -1_000, max: 2_000_000_000 }),
                    entries: FastCheck.integer({ min: -10, max: 100_000 })
                  }),
                  { selector: (c) => c.category, maxLength: 4 }
                ),
                recordedBy: FastCheck.array(FastCheck.constantFrom(...awkward), { maxLength: 3 }),
                disclose: FastCheck.boolean()
              }),
              { selector: (c) => c.key }
            )
          })
        },
        ({ rows }) =>
          Effect.gen(function*() {
            const store = yield* ports
            const t = freshTenant()
            const vs = rows.volunteers.map((v) => volunteer(t, v.id, v))
            const cs = rows.consents.map((c) => consent(t, c.volunteerId, IsoDate.addDays(base, c.on), c.given))
            const certs = rows.certificates.map((c, i) => certificate(t, c.key, `CODE-${i}`, c))
            yield* store.registry.addVolunteers(vs)
            yield* store.registry.putConsents(cs)
            yield* store.certificates.addCertificates(certs)
            const lastConsents = Array.from(new Map(cs.map((c) => [`${c.volunteerId} ${c.on}`, c] as const)).values())
            expect(yield* store.registry.volunteers(t)).toEqual(sortBy(vs, (v) => v.id))
            expect(yield* store.registry.consentsOf(t, volunteers as never)).toEqual(sortBy(lastConsents, (c) => c.volunteerId, (c) => c.on))
            expect(yield* store.certificates.certificatesByKeys(t, certs.map((c) => c.key))).toEqual(sortBy(certs, (c) => c.key))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )
    })
  })
}
