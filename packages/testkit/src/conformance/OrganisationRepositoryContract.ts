/**
 * The Store conformance suite of the organisation domain's repositories: every method
 * of the organisation, member and meeting repositories checked against its documented
 * behaviour — what comes back and in which order, the same-day contract of the `close`
 * methods, keys that must be new, tenant isolation, reads by more keys than one SQL
 * statement may carry, and properties that random rows come back as they were written.
 * Every store adapter runs it:
 *
 * ```ts
 * organisationRepositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 300,000 on, beyond the
 * ranges the other suites draw from), so the whole suite shares one store.
 *
 * @since 0.2.0
 */
import { describe, expect, layer } from "@effect/vitest"
import {
  type Grid,
  IsoDate,
  type Meeting,
  type Member,
  type Organisation,
  type Store,
  Tenant,
  Vote
} from "@jiceng/core"
import { Effect, FastCheck, type Layer } from "effect"
import * as StorePorts from "./StorePorts.js"
import { many, sortBy, spread } from "./contractKeys.js"
import * as Tenants from "./Tenants.js"

const day = IsoDate.unsafeMake

interface OrganisationSpec {
  readonly to?: string | null
  readonly parent?: string | null
  readonly kind?: Organisation.OrganisationKind
  readonly name?: string
  readonly sector?: string
  readonly grids?: ReadonlyArray<string>
  readonly hasCommittee?: boolean
  readonly task?: Organisation.Task | null
  readonly change?: Organisation.OrganisationChange
  readonly predecessors?: ReadonlyArray<string>
}

const organisation = (t: Tenant.Tenant, id: string, from: string, spec: OrganisationSpec = {}): Organisation.Organisation => ({
  tenant: t,
  id: id as Organisation.OrganisationId,
  kind: spec.kind ?? "branch",
  name: spec.name ?? `党支部 ${id}`,
  parentId: (spec.parent ?? null) as Organisation.OrganisationId | null,
  sector: spec.sector ?? "community",
  grids: (spec.grids ?? []) as ReadonlyArray<Grid.GridCode>,
  hasCommittee: spec.hasCommittee ?? false,
  task: spec.task ?? null,
  validFrom: day(from),
  validTo: spec.to === undefined || spec.to === null ? null : day(spec.to),
  change: spec.change ?? "form",
  predecessors: (spec.predecessors ?? []) as ReadonlyArray<Organisation.OrganisationId>
})

const member = (t: Tenant.Tenant, id: string, name = `党员 ${id}`): Member.Member => ({
  tenant: t,
  id: id as Member.MemberId,
  name,
  phone: "13800000000",
  citizenId: null
})

const membership = (
  t: Tenant.Tenant,
  memberId: string,
  organisationId: string,
  from: string,
  to: string | null = null,
  standing: Member.Standing = "full"
): Member.Membership => ({
  tenant: t,
  memberId: memberId as Member.MemberId,
  organisationId: organisationId as Organisation.OrganisationId,
  standing,
  validFrom: day(from),
  validTo: to === null ? null : day(to),
  change: "admit"
})

const participation = (
  t: Tenant.Tenant,
  memberId: string,
  organisationId: string,
  from: string,
  to: string | null = null
): Member.Participation => ({
  tenant: t,
  memberId: memberId as Member.MemberId,
  organisationId: organisationId as Organisation.OrganisationId,
  validFrom: day(from),
  validTo: to === null ? null : day(to)
})

const dues = (t: Tenant.Tenant, memberId: string, organisationId: string, month: string, amountFen = 5_000): Member.Dues => ({
  tenant: t,
  memberId: memberId as Member.MemberId,
  organisationId: organisationId as Organisation.OrganisationId,
  month: month as Member.Month,
  amountFen,
  paidOn: day(`${month}-15`)
})

const discipline = (
  t: Tenant.Tenant,
  memberId: string,
  organisationId: string,
  measure: Member.Measure,
  on: string
): Member.Discipline => ({
  tenant: t,
  memberId: memberId as Member.MemberId,
  organisationId: organisationId as Organisation.OrganisationId,
  measure,
  decidedOn: day(on),
  // A 留党察看 of one year, so that the column round-trips a date as well as null.
  endsOn: measure === "probation" ? day(`${Number(on.slice(0, 4)) + 1}${on.slice(4)}`) : null
})

const meeting = (
  t: Tenant.Tenant,
  id: string,
  organisationId: string,
  date: string,
  spec: { readonly attendees?: ReadonlyArray<string>; readonly votes?: ReadonlyArray<Meeting.Vote> } = {}
): Meeting.Meeting => ({
  tenant: t,
  id: id as Meeting.MeetingId,
  organisationId: organisationId as Organisation.OrganisationId,
  kind: "general_meeting",
  date: day(date),
  topic: `会议 ${id}`,
  attendees: (spec.attendees ?? []) as ReadonlyArray<Member.MemberId>,
  votes: spec.votes ?? []
})

const byVersion = [(o: Organisation.Organisation) => o.id, (o: Organisation.Organisation) => o.validFrom] as const
const byMembership = [(m: Member.Membership) => m.memberId, (m: Member.Membership) => m.validFrom] as const
const byParticipation = [
  (p: Member.Participation) => p.memberId,
  (p: Member.Participation) => p.organisationId,
  (p: Member.Participation) => p.validFrom
] as const
const byDues = [(d: Member.Dues) => d.memberId, (d: Member.Dues) => d.month] as const
const byDiscipline = [
  (d: Member.Discipline) => d.memberId,
  (d: Member.Discipline) => d.decidedOn,
  (d: Member.Discipline) => d.measure
] as const
const byDate = [(m: Meeting.Meeting) => m.date, (m: Meeting.Meeting) => m.id] as const

const valid = (at: IsoDate.IsoDate) => (row: { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }) =>
  IsoDate.within(at, row.validFrom, row.validTo)

/** What a `close` of `keys` on `validTo` leaves of `rows` (the documented contract, naively). */
const closed = <A extends { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }>(
  rows: ReadonlyArray<A>,
  hit: (row: A) => boolean,
  validTo: IsoDate.IsoDate
): Array<A> =>
  rows.flatMap((row) =>
    !hit(row)
      ? [row]
      : row.validFrom >= validTo
      ? []
      : row.validTo === null || row.validTo > validTo
      ? [{ ...row, validTo }]
      : [row]
  )

/**
 * Registers the organisation repository conformance tests of a Store layer. The layer
 * is built once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.2.0
 * @category conformance
 */
export const organisationRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  let lastTenant = 300_000
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): Tenant.Tenant => Tenant.make(Tenants.nth(lastTenant++))

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: organisation repository contract`, (it) => {
    // ------------------------------------------------------------ organisations

    describe("organisations", () => {
      /** A committee over a general branch over two branches; a temporary branch; a merge. */
      const seed = (t: Tenant.Tenant) => {
        const rows = [
          organisation(t, "w", "2020-01-01", { kind: "committee", hasCommittee: true, name: "街道党工委", sector: "street" }),
          organisation(t, "g", "2020-01-01", { kind: "general_branch", parent: "w", hasCommittee: true }),
          organisation(t, "b1", "2020-01-01", { parent: "g", to: "2022-01-01", grids: [`${t}002`, `${t}001`] }),
          organisation(t, "b1", "2022-01-01", { parent: "g", name: "新名", change: "rename", grids: [`${t}001`] }),
          organisation(t, "b2", "2020-01-01", { parent: "g", to: "2023-01-01", hasCommittee: true }),
          organisation(t, "b3", "2020-01-01", { parent: "w", to: "2023-01-01" }),
          // Predecessors deliberately not in id order: their order is data.
          organisation(t, "m", "2023-01-01", { parent: "w", kind: "joint_branch", change: "merge", predecessors: ["b3", "b2"] }),
          organisation(t, "tmp", "2021-06-01", {
            parent: "b1",
            kind: "temporary_branch",
            sector: "property",
            task: { kind: "compound", name: "阳光小区" },
            to: "2021-09-01"
          })
        ]
        return rows
      }

      it.effect("insert and history: every field back as written (booleans, nulls, lists in order), by id then validFrom", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = seed(t)
          yield* store.organisations.insert([...rows].reverse())
          const history = yield* store.organisations.history(t)
          expect(history).toEqual(sortBy(rows, ...byVersion))
          expect(history.map((o) => `${o.id}@${o.validFrom}`)).toEqual([
            "b1@2020-01-01",
            "b1@2022-01-01",
            "b2@2020-01-01",
            "b3@2020-01-01",
            "g@2020-01-01",
            "m@2023-01-01",
            "tmp@2021-06-01",
            "w@2020-01-01"
          ])
          expect(typeof history[0]!.hasCommittee).toBe("boolean")
          expect(yield* store.organisations.history(freshTenant())).toEqual([])
        }))

      it.effect("versionsOf: every version of the ids, by id then validFrom; unknown ids left out, repeated ones once", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = seed(t)
          yield* store.organisations.insert(rows)
          const ids = ["tmp", "b1", "nope", "b1", "g"] as Array<Organisation.OrganisationId>
          expect(yield* store.organisations.versionsOf(t, ids)).toEqual(
            sortBy(rows.filter((o) => ["tmp", "b1", "g"].includes(o.id)), ...byVersion)
          )
          expect(yield* store.organisations.versionsOf(t, [])).toEqual([])
        }))

      it.effect("childrenOf: every version whose parent is any of the ids, by id then validFrom", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = seed(t)
          yield* store.organisations.insert(rows)
          const children = yield* store.organisations.childrenOf(t, ["w", "b1"] as Array<Organisation.OrganisationId>)
          expect(children.map((o) => `${o.id}@${o.validFrom}`)).toEqual([
            "b3@2020-01-01",
            "g@2020-01-01",
            "m@2023-01-01",
            "tmp@2021-06-01"
          ])
          expect(yield* store.organisations.childrenOf(t, ["g"] as Array<Organisation.OrganisationId>)).toEqual(
            sortBy(rows.filter((o) => o.parentId === "g"), ...byVersion)
          )
          // A top organisation is no one's child; leaves have none.
          expect(yield* store.organisations.childrenOf(t, ["m", "tmp"] as Array<Organisation.OrganisationId>)).toEqual([])
          expect(yield* store.organisations.childrenOf(t, [])).toEqual([])
        }))

      it.effect("at: the versions valid on a day, by id, intervals half-open", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = seed(t)
          yield* store.organisations.insert(rows)
          const idsAt = (on: string) => Effect.map(store.organisations.at(t, day(on)), (os) => os.map((o) => `${o.id}@${o.validFrom}`))
          expect(yield* idsAt("2019-12-31")).toEqual([])
          expect(yield* idsAt("2020-01-01")).toEqual(["b1@2020-01-01", "b2@2020-01-01", "b3@2020-01-01", "g@2020-01-01", "w@2020-01-01"])
          expect(yield* idsAt("2021-08-31")).toContain("tmp@2021-06-01")
          expect(yield* idsAt("2021-09-01")).not.toContain("tmp@2021-06-01")
          expect(yield* idsAt("2021-12-31")).toContain("b1@2020-01-01")
          expect(yield* idsAt("2022-01-01")).toEqual(["b1@2022-01-01", "b2@2020-01-01", "b3@2020-01-01", "g@2020-01-01", "w@2020-01-01"])
          expect(yield* idsAt("2023-01-01")).toEqual(["b1@2022-01-01", "g@2020-01-01", "m@2023-01-01", "w@2020-01-01"])
          expect(yield* store.organisations.at(t, day("2023-01-01"))).toEqual(
            sortBy(rows.filter(valid(day("2023-01-01"))), ...byVersion)
          )
        }))

      it.effect("close: ends open versions, shortens later ends, keeps earlier ends, removes versions beginning on or after the day", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const open = organisation(t, "a", "2020-01-01")
          const later = organisation(t, "b", "2020-01-01", { to: "2030-01-01" })
          const earlier = organisation(t, "c", "2020-01-01", { to: "2021-01-01" })
          const sameDay = organisation(t, "d", "2024-01-01")
          const afterDay = organisation(t, "e", "2025-01-01", { to: "2026-01-01" })
          const untouched = organisation(t, "f", "2020-01-01")
          yield* store.organisations.insert([open, later, earlier, sameDay, afterDay, untouched])
          yield* store.organisations.close(
            t,
            [open, later, earlier, sameDay, afterDay, organisation(t, "zz", "2020-01-01")].map((o) => ({
              id: o.id,
              validFrom: o.validFrom
            })),
            day("2024-01-01")
          )
          expect(yield* store.organisations.history(t)).toEqual([
            { ...open, validTo: day("2024-01-01") },
            { ...later, validTo: day("2024-01-01") },
            earlier,
            untouched
          ])
          // Closing again, later, moves no recorded end.
          yield* store.organisations.close(t, [{ id: open.id, validFrom: open.validFrom }], day("2025-01-01"))
          expect((yield* store.organisations.versionsOf(t, [open.id]))[0]!.validTo).toBe("2024-01-01")
          yield* store.organisations.close(t, [], day("2025-01-01"))
        }))
    })

    // ------------------------------------------------------------------ members

    describe("members", () => {
      it.effect("put registers or replaces identity and contact data; getMany by id, unknown left out", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          yield* store.members.put([member(t, "m2"), member(t, "m1"), { ...member(t, "m3"), phone: null, citizenId: null }])
          yield* store.members.put([{ ...member(t, "m2"), name: "改名" }, { ...member(t, "m1"), citizenId: "130102199001011234" }])
          // The last write of a batch wins.
          yield* store.members.put([member(t, "m4", "先"), member(t, "m4", "后")])
          const ids = ["m4", "m3", "zz", "m1", "m2", "m1"] as Array<Member.MemberId>
          expect(yield* store.members.getMany(t, ids)).toEqual([
            { ...member(t, "m1"), citizenId: "130102199001011234" },
            { ...member(t, "m2"), name: "改名" },
            { ...member(t, "m3"), phone: null, citizenId: null },
            member(t, "m4", "后")
          ])
          expect(yield* store.members.getMany(t, [])).toEqual([])
        }))

      it.effect("memberships: of members and in organisations by member then validFrom; at a day, half-open", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            membership(t, "m2", "b1", "2020-01-01", "2021-01-01", "probationary"),
            membership(t, "m2", "b1", "2021-01-01", "2022-01-01"),
            membership(t, "m2", "b2", "2022-01-01"),
            membership(t, "m1", "b2", "2020-06-01"),
            membership(t, "m3", "b3", "2020-01-01")
          ]
          yield* store.members.addMemberships(rows)
          expect(yield* store.members.membershipsOf(t, ["m2", "m1", "zz"] as Array<Member.MemberId>)).toEqual([
            rows[3],
            rows[0],
            rows[1],
            rows[2]
          ])
          expect(yield* store.members.membershipsIn(t, ["b2", "b1"] as Array<Organisation.OrganisationId>)).toEqual([
            rows[3],
            rows[0],
            rows[1],
            rows[2]
          ])
          expect(yield* store.members.membershipsIn(t, ["b3"] as Array<Organisation.OrganisationId>)).toEqual([rows[4]])
          expect(yield* store.members.membershipsAt(t, day("2021-01-01"))).toEqual([rows[3], rows[1], rows[4]])
          expect(yield* store.members.membershipsAt(t, day("2019-12-31"))).toEqual([])
          expect(yield* store.members.membershipsOf(t, [])).toEqual([])
          expect(yield* store.members.membershipsIn(t, [])).toEqual([])
        }))

      it.effect("closeMemberships: the same-day contract of close", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            membership(t, "a", "b", "2020-01-01"),
            membership(t, "b", "b", "2020-01-01", "2030-01-01"),
            membership(t, "c", "b", "2020-01-01", "2021-01-01"),
            membership(t, "d", "b", "2024-01-01"),
            membership(t, "e", "b", "2024-02-01"),
            membership(t, "f", "b", "2020-01-01")
          ]
          yield* store.members.addMemberships(rows)
          yield* store.members.closeMemberships(
            t,
            rows.slice(0, 5).map((m) => ({ memberId: m.memberId, validFrom: m.validFrom })),
            day("2024-01-01")
          )
          expect(yield* store.members.membershipsIn(t, ["b"] as Array<Organisation.OrganisationId>)).toEqual(
            closed(rows, (m) => m.memberId !== "f", day("2024-01-01"))
          )
          expect((yield* store.members.membershipsIn(t, ["b"] as Array<Organisation.OrganisationId>)).map((m) => m.memberId))
            .toEqual(["a", "b", "c", "f"])
        }))

      it.effect("participations: of, in (member, organisation, validFrom), at; closeParticipations' same-day contract", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            participation(t, "m1", "t2", "2021-01-01"),
            participation(t, "m1", "t1", "2021-03-01", "2021-06-01"),
            participation(t, "m1", "t1", "2021-01-01", "2021-02-01"),
            participation(t, "m2", "t1", "2021-01-01"),
            participation(t, "m3", "t1", "2021-05-01")
          ]
          yield* store.members.addParticipations(rows)
          const ordered = sortBy(rows, ...byParticipation)
          expect(yield* store.members.participationsOf(t, ["m3", "m1", "m2"] as Array<Member.MemberId>)).toEqual(ordered)
          expect(yield* store.members.participationsIn(t, ["t1"] as Array<Organisation.OrganisationId>)).toEqual(
            ordered.filter((p) => p.organisationId === "t1")
          )
          expect(yield* store.members.participationsAt(t, day("2021-03-01"))).toEqual([rows[1], rows[0], rows[3]])
          const keys = [rows[0]!, rows[1]!, rows[4]!].map((p) => ({
            memberId: p.memberId,
            organisationId: p.organisationId,
            validFrom: p.validFrom
          }))
          yield* store.members.closeParticipations(t, keys, day("2021-05-01"))
          expect(yield* store.members.participationsOf(t, ["m1", "m2", "m3"] as Array<Member.MemberId>)).toEqual(
            closed(ordered, (p) => keys.some((k) => k.memberId === p.memberId && k.organisationId === p.organisationId && k.validFrom === p.validFrom), day("2021-05-01"))
          )
          expect(yield* store.members.participationsOf(t, ["m3"] as Array<Member.MemberId>)).toEqual([])
          expect(yield* store.members.participationsIn(t, [])).toEqual([])
        }))

      it.effect("dues: of members and in organisations by member then month; amounts beyond 32 bits", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            dues(t, "m2", "b1", "2024-02"),
            dues(t, "m2", "b1", "2024-01", 0),
            dues(t, "m1", "b2", "2024-01", 5_000_000_000),
            dues(t, "m2", "b2", "2024-03", 1)
          ]
          yield* store.members.addDues(rows)
          expect(yield* store.members.duesOf(t, ["m2", "m1"] as Array<Member.MemberId>)).toEqual(sortBy(rows, ...byDues))
          expect(yield* store.members.duesIn(t, ["b2"] as Array<Organisation.OrganisationId>)).toEqual([rows[2], rows[3]])
          expect(yield* store.members.duesIn(t, ["b1", "zz"] as Array<Organisation.OrganisationId>)).toEqual([rows[1], rows[0]])
          expect(yield* store.members.duesOf(t, [])).toEqual([])
        }))

      it.effect("discipline: by member, day, then measure; several measures a day, not the same one twice", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            discipline(t, "m1", "b1", "warning", "2024-03-01"),
            discipline(t, "m1", "b1", "removal_from_post", "2024-03-01"),
            discipline(t, "m1", "b1", "serious_warning", "2023-03-01"),
            discipline(t, "m0", "b2", "expulsion", "2024-01-01")
          ]
          yield* store.members.addDiscipline(rows)
          expect(yield* store.members.disciplineOf(t, ["m1", "m0"] as Array<Member.MemberId>)).toEqual([
            rows[3],
            rows[2],
            rows[1],
            rows[0]
          ])
          expect(yield* store.members.disciplineIn(t, ["b1"] as Array<Organisation.OrganisationId>)).toEqual([
            rows[2],
            rows[1],
            rows[0]
          ])
          const error = yield* Effect.flip(store.members.addDiscipline([{ ...rows[0]!, organisationId: "b2" as Organisation.OrganisationId }]))
          expect(error).toMatchObject({ _tag: "StoreError" })
          expect(yield* store.members.disciplineIn(t, [])).toEqual([])
        }))
    })

    // ----------------------------------------------------------------- meetings

    describe("meetings", () => {
      const votes = [
        { motion: "接收预备党员", tally: Vote.tally(9, 7, { yes: 6, no: 1, abstain: 0 }) },
        { motion: "表决 \"引号\" \\ 反斜杠", tally: Vote.tally(9, 4, { yes: 4, no: 0, abstain: 0 }) }
      ]

      it.effect("add and getMany: attendees and votes back as written, by id, unknown left out", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            meeting(t, "mt2", "b1", "2024-03-01", { attendees: ["m1", "m2", "m3"], votes }),
            meeting(t, "mt1", "b1", "2024-03-01"),
            { ...meeting(t, "mt3", "b2", "2024-01-01"), kind: "life_meeting" as const, topic: "" }
          ]
          yield* store.meetings.add(rows)
          const got = yield* store.meetings.getMany(t, ["mt3", "mt2", "zz", "mt1"] as Array<Meeting.MeetingId>)
          expect(got).toEqual([rows[1], rows[0], rows[2]])
          expect(got[1]!.votes[0]!.tally.passed).toBe(true)
          expect(got[1]!.votes[1]!.tally.quorate).toBe(false)
          expect(yield* store.meetings.getMany(t, [])).toEqual([])
        }))

      it.effect("meetingsIn and between [from, to): by date then id", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = [
            meeting(t, "c", "b1", "2024-02-01"),
            meeting(t, "a", "b1", "2024-02-01"),
            meeting(t, "b", "b2", "2024-01-01"),
            meeting(t, "d", "b2", "2024-03-01"),
            meeting(t, "e", "b3", "2023-12-31")
          ]
          yield* store.meetings.add(rows)
          expect(yield* store.meetings.meetingsIn(t, ["b2", "b1"] as Array<Organisation.OrganisationId>)).toEqual([
            rows[2],
            rows[1],
            rows[0],
            rows[3]
          ])
          expect(yield* store.meetings.between(t, day("2024-01-01"), day("2024-03-01"))).toEqual([rows[2], rows[1], rows[0]])
          expect(yield* store.meetings.between(t, day("2023-01-01"), day("2025-01-01"))).toEqual(sortBy(rows, ...byDate))
          expect(yield* store.meetings.between(t, day("2024-02-02"), day("2024-02-02"))).toEqual([])
          expect(yield* store.meetings.between(t, day("2024-03-02"), day("2024-01-01"))).toEqual([])
          expect(yield* store.meetings.meetingsIn(t, [])).toEqual([])
        }))
    })

    // ----------------------------------------------------------- keys, tenants

    describe("keys and tenants", () => {
      it.effect("rows with an existing key, or a key twice in a batch, fail with a StoreError and write nothing of the batch", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const o = organisation(t, "o", "2020-01-01")
          const ms = membership(t, "m", "o", "2020-01-01")
          const p = participation(t, "m", "o", "2020-01-01")
          const d = dues(t, "m", "o", "2024-01")
          const x = discipline(t, "m", "o", "warning", "2024-01-01")
          const mt = meeting(t, "mt", "o", "2024-01-01")
          yield* store.organisations.insert([o])
          yield* store.members.addMemberships([ms])
          yield* store.members.addParticipations([p])
          yield* store.members.addDues([d])
          yield* store.members.addDiscipline([x])
          yield* store.meetings.add([mt])
          const refused = [
            store.organisations.insert([organisation(t, "o2", "2020-01-01"), { ...o, name: "重名" }]),
            store.organisations.insert([organisation(t, "o3", "2020-01-01"), organisation(t, "o3", "2020-01-01")]),
            store.members.addMemberships([membership(t, "m2", "o", "2020-01-01"), { ...ms, organisationId: "o9" as Organisation.OrganisationId }]),
            store.members.addParticipations([participation(t, "m2", "o", "2020-01-01"), { ...p, validTo: day("2021-01-01") }]),
            store.members.addDues([dues(t, "m2", "o", "2024-01"), { ...d, amountFen: 1 }]),
            store.members.addDiscipline([discipline(t, "m2", "o", "warning", "2024-01-01"), x]),
            store.meetings.add([meeting(t, "mt2", "o", "2024-01-01"), { ...mt, topic: "重名" }])
          ]
          for (const write of refused) {
            const error = yield* Effect.flip(write)
            expect(error).toMatchObject({ _tag: "StoreError" })
            expect(error.message).not.toContain("重名")
          }
          expect(yield* store.organisations.history(t)).toEqual([o])
          expect(yield* store.members.membershipsIn(t, [o.id])).toEqual([ms])
          expect(yield* store.members.participationsIn(t, [o.id])).toEqual([p])
          expect(yield* store.members.duesIn(t, [o.id])).toEqual([d])
          expect(yield* store.members.disciplineIn(t, [o.id])).toEqual([x])
          expect(yield* store.meetings.meetingsIn(t, [o.id])).toEqual([mt])
        }))

      it.effect("writes in a transaction that fails leave nothing", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const o = organisation(t, "o", "2020-01-01")
          yield* store.organisations.insert([o])
          const failed = yield* Effect.flip(store.transaction(
            t,
            Effect.gen(function*() {
              yield* store.organisations.close(t, [{ id: o.id, validFrom: o.validFrom }], day("2021-01-01"))
              yield* store.members.put([member(t, "m")])
              yield* store.members.addMemberships([membership(t, "m", "o", "2020-01-01")])
              yield* store.meetings.add([meeting(t, "mt", "o", "2020-02-01")])
              return yield* Effect.fail("no" as const)
            })
          ))
          expect(failed).toBe("no")
          expect(yield* store.organisations.history(t)).toEqual([o])
          expect(yield* store.members.getMany(t, ["m"] as Array<Member.MemberId>)).toEqual([])
          expect(yield* store.members.membershipsOf(t, ["m"] as Array<Member.MemberId>)).toEqual([])
          expect(yield* store.meetings.between(t, day("2020-01-01"), day("2021-01-01"))).toEqual([])
        }))

      it.effect("the same ids in two tenants never mix", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const [t, u] = [freshTenant(), freshTenant()]
          const write = (tenant: Tenant.Tenant, name: string) =>
            Effect.gen(function*() {
              yield* store.organisations.insert([organisation(tenant, "o", "2020-01-01", { name }), organisation(tenant, "c", "2020-01-01", { parent: "o", name })])
              yield* store.members.put([member(tenant, "m", name)])
              yield* store.members.addMemberships([membership(tenant, "m", "o", "2020-01-01")])
              yield* store.members.addParticipations([participation(tenant, "m", "c", "2020-01-01")])
              yield* store.members.addDues([dues(tenant, "m", "o", "2024-01")])
              yield* store.members.addDiscipline([discipline(tenant, "m", "o", "warning", "2024-01-01")])
              yield* store.meetings.add([{ ...meeting(tenant, "mt", "o", "2024-01-01"), topic: name }])
            })
          yield* write(t, "甲")
          yield* write(u, "乙")
          yield* store.organisations.close(u, [{ id: "o" as Organisation.OrganisationId, validFrom: day("2020-01-01") }], day("2020-01-01"))
          yield* store.members.closeMemberships(u, [{ memberId: "m" as Member.MemberId, validFrom: day("2020-01-01") }], day("2021-01-01"))
          const o = ["o"] as Array<Organisation.OrganisationId>
          const m = ["m"] as Array<Member.MemberId>
          expect((yield* store.organisations.history(t)).map((x) => x.name)).toEqual(["甲", "甲"])
          expect((yield* store.organisations.history(u)).map((x) => x.id)).toEqual(["c"])
          expect((yield* store.organisations.childrenOf(t, o)).map((x) => x.tenant)).toEqual([t])
          expect((yield* store.members.getMany(t, m)).map((x) => x.name)).toEqual(["甲"])
          expect((yield* store.members.membershipsOf(t, m)).map((x) => [x.tenant, x.validTo])).toEqual([[t, null]])
          expect((yield* store.members.membershipsAt(t, day("2022-01-01"))).map((x) => x.tenant)).toEqual([t])
          expect(yield* store.members.membershipsAt(u, day("2022-01-01"))).toEqual([])
          for (const tenant of [t, u]) {
            expect((yield* store.members.participationsIn(tenant, ["c"] as Array<Organisation.OrganisationId>)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.members.duesOf(tenant, m)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.members.disciplineOf(tenant, m)).map((x) => x.tenant)).toEqual([tenant])
          }
          expect((yield* store.meetings.getMany(t, ["mt"] as Array<Meeting.MeetingId>)).map((x) => x.topic)).toEqual(["甲"])
          expect((yield* store.meetings.between(u, day("2024-01-01"), day("2024-01-02"))).map((x) => x.topic)).toEqual(["乙"])
        }))
    })

    // ---------------------------------------------------------------- many keys

    describe("many keys", () => {
      // More keys than one SQLite statement's parameters (32,766), so a store that
      // chunks merges the chunks in order; the known ids stand at both ends and in the
      // middle of the list, in reverse order.
      it.effect("every read by keys takes 40,000 keys and answers in its order", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const orgIds = ["o1", "o2", "o3", "o4", "o5"]
          const memberIds = ["m1", "m2", "m3", "m4", "m5"]
          const organisations = orgIds.flatMap((id, i) => [
            organisation(t, id, "2020-01-01", { to: "2021-01-01", parent: orgIds[(i + 1) % orgIds.length]! }),
            organisation(t, id, "2021-01-01", { parent: orgIds[(i + 2) % orgIds.length]! })
          ])
          const memberships = memberIds.flatMap((id, i) => [
            membership(t, id, orgIds[i]!, "2020-01-01", "2021-01-01"),
            membership(t, id, orgIds[(i + 1) % orgIds.length]!, "2021-01-01")
          ])
          const participations = memberIds.map((id, i) => participation(t, id, orgIds[(i + 3) % orgIds.length]!, "2020-01-01"))
          const paid = memberIds.flatMap((id, i) => [dues(t, id, orgIds[i]!, "2024-02"), dues(t, id, orgIds[4 - i]!, "2024-01")])
          const measures = memberIds.map((id, i) => discipline(t, id, orgIds[4 - i]!, "warning", "2024-01-01"))
          const meetings = orgIds.flatMap((id, i) => [
            meeting(t, `mt${i}a`, id, `2024-0${5 - i}-01`),
            meeting(t, `mt${i}b`, id, `2024-0${i + 1}-01`)
          ])
          yield* store.organisations.insert(organisations)
          yield* store.members.put(memberIds.map((id) => member(t, id)))
          yield* store.members.addMemberships(memberships)
          yield* store.members.addParticipations(participations)
          yield* store.members.addDues(paid)
          yield* store.members.addDiscipline(measures)
          yield* store.meetings.add(meetings)
          const orgKeys = spread<Organisation.OrganisationId>(orgIds)
          const memberKeys = spread<Member.MemberId>(memberIds)
          expect(orgKeys.length).toBe(many)

          expect(yield* store.organisations.versionsOf(t, orgKeys)).toEqual(sortBy(organisations, ...byVersion))
          expect(yield* store.organisations.childrenOf(t, orgKeys)).toEqual(sortBy(organisations, ...byVersion))
          expect(yield* store.members.getMany(t, memberKeys)).toEqual(memberIds.map((id) => member(t, id)))
          expect(yield* store.members.membershipsOf(t, memberKeys)).toEqual(sortBy(memberships, ...byMembership))
          expect(yield* store.members.membershipsIn(t, orgKeys)).toEqual(sortBy(memberships, ...byMembership))
          expect(yield* store.members.participationsOf(t, memberKeys)).toEqual(sortBy(participations, ...byParticipation))
          expect(yield* store.members.participationsIn(t, orgKeys)).toEqual(sortBy(participations, ...byParticipation))
          expect(yield* store.members.duesOf(t, memberKeys)).toEqual(sortBy(paid, ...byDues))
          expect(yield* store.members.duesIn(t, orgKeys)).toEqual(sortBy(paid, ...byDues))
          expect(yield* store.members.disciplineOf(t, memberKeys)).toEqual(sortBy(measures, ...byDiscipline))
          expect(yield* store.members.disciplineIn(t, orgKeys)).toEqual(sortBy(measures, ...byDiscipline))
          expect(yield* store.meetings.getMany(t, spread<Meeting.MeetingId>(meetings.map((m) => m.id)))).toEqual(
            sortBy(meetings, (m) => m.id)
          )
          expect(yield* store.meetings.meetingsIn(t, orgKeys)).toEqual(sortBy(meetings, ...byDate))
        }), { timeout: 120_000 })

      it.effect("writes, closes and reads 20,000 rows a call (more than one statement's parameters)", () =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const size = 20_000
          const ids = Array.from({ length: size }, (_, i) => `m${String(i).padStart(5, "0")}`)
          const memberships = ids.map((id, i) => membership(t, id, `o${i % 3}`, "2020-01-01"))
          yield* store.members.put(ids.map((id) => member(t, id)))
          yield* store.members.addMemberships(memberships)
          expect(yield* store.members.getMany(t, ids as Array<Member.MemberId>)).toHaveLength(size)
          expect(yield* store.members.membershipsIn(t, ["o0", "o1", "o2"] as Array<Organisation.OrganisationId>)).toEqual(memberships)
          yield* store.members.closeMemberships(t, memberships.map((m) => ({ memberId: m.memberId, validFrom: m.validFrom })), day("2022-01-01"))
          expect(yield* store.members.membershipsAt(t, day("2022-01-01"))).toEqual([])
          expect(yield* store.members.membershipsAt(t, day("2021-12-31"))).toHaveLength(size)
        }), { timeout: 120_000 })
    })

    // --------------------------------------------------------------- properties

    describe("properties", () => {
      // Ids and text that sort differently by UTF-16 unit and by code point, and that
      // JSON must escape.
      const id = FastCheck.constantFrom("a", "b", "B", "ab", "a b", "é", "中", "𠀀", "\uFFFD", "z")
      const text = FastCheck.array(FastCheck.constantFrom("a", "中", "𠀀", "'", "\"", "\\", " ", "é", "%", "_", "\u00a0"), {
        maxLength: 6
      }).map((cs) => cs.join(""))
      const epoch = day("2020-01-01")
      const date = FastCheck.integer({ min: 0, max: 60 }).map((n) => IsoDate.addDays(epoch, n))
      const interval = FastCheck.tuple(FastCheck.integer({ min: 0, max: 40 }), FastCheck.option(FastCheck.integer({ min: 1, max: 20 }), { nil: null }))
        .map(([from, length]) => ({
          validFrom: IsoDate.addDays(epoch, from),
          validTo: length === null ? null : IsoDate.addDays(epoch, from + length)
        }))
      const tally = FastCheck.record({
        entitled: FastCheck.nat(20),
        present: FastCheck.nat(20),
        yes: FastCheck.nat(20),
        no: FastCheck.nat(20),
        abstain: FastCheck.nat(20)
      }).map((n) => Vote.tally(n.entitled, n.present, n))

      const tenantRows = FastCheck.record({
        organisations: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            interval,
            kind: FastCheck.constantFrom<Organisation.OrganisationKind>("committee", "general_branch", "branch", "joint_branch", "temporary_branch"),
            name: text,
            parent: FastCheck.option(id, { nil: null }),
            sector: text,
            grids: FastCheck.array(text, { maxLength: 3 }),
            hasCommittee: FastCheck.boolean(),
            task: FastCheck.option(FastCheck.record({ kind: FastCheck.constantFrom<Organisation.TaskKind>("compound", "project", "emergency"), name: text }), { nil: null }),
            change: FastCheck.constantFrom<Organisation.OrganisationChange>("form", "rename", "committee", "merge"),
            predecessors: FastCheck.array(id, { maxLength: 3 })
          }),
          { selector: (o) => `${o.id} ${o.interval.validFrom}`, maxLength: 12 }
        ),
        members: FastCheck.uniqueArray(
          FastCheck.record({ id, name: text, phone: FastCheck.option(text, { nil: null }), citizenId: FastCheck.option(text, { nil: null }) }),
          { selector: (m) => m.id, maxLength: 8 }
        ),
        memberships: FastCheck.uniqueArray(
          FastCheck.record({
            member: id,
            organisation: id,
            interval,
            standing: FastCheck.constantFrom<Member.Standing>("probationary", "full"),
            change: FastCheck.constantFrom<Member.MembershipChange>("admit", "arrive", "transfer", "convert", "merge")
          }),
          { selector: (m) => `${m.member} ${m.interval.validFrom}`, maxLength: 12 }
        ),
        participations: FastCheck.uniqueArray(
          FastCheck.record({ member: id, organisation: id, interval }),
          { selector: (p) => `${p.member} ${p.organisation} ${p.interval.validFrom}`, maxLength: 12 }
        ),
        dues: FastCheck.uniqueArray(
          FastCheck.record({
            member: id,
            organisation: id,
            month: FastCheck.integer({ min: 1, max: 12 }).map((m) => `2024-${String(m).padStart(2, "0")}`),
            amountFen: FastCheck.oneof(FastCheck.nat(100_000), FastCheck.constant(Number.MAX_SAFE_INTEGER)),
            paidOn: date
          }),
          { selector: (d) => `${d.member} ${d.month}`, maxLength: 12 }
        ),
        discipline: FastCheck.uniqueArray(
          FastCheck.record({
            member: id,
            organisation: id,
            measure: FastCheck.constantFrom<Member.Measure>("warning", "serious_warning", "removal_from_post", "probation", "expulsion"),
            decidedOn: FastCheck.integer({ min: 0, max: 3 }).map((n) => IsoDate.addDays(epoch, n))
          }),
          { selector: (d) => `${d.member} ${d.decidedOn} ${d.measure}`, maxLength: 12 }
        ),
        meetings: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            organisation: id,
            kind: FastCheck.constantFrom<Meeting.MeetingKind>("general_meeting", "committee_meeting", "group_meeting", "party_lesson", "theme_day", "life_meeting"),
            date,
            topic: text,
            attendees: FastCheck.uniqueArray(id, { maxLength: 4 }),
            votes: FastCheck.array(FastCheck.record({ motion: text, tally }), { maxLength: 2 })
          }),
          { selector: (m) => m.id, maxLength: 8 }
        ),
        day: date,
        to: date,
        keys: FastCheck.array(id, { maxLength: 4 })
      })

      type Input = typeof tenantRows extends FastCheck.Arbitrary<infer A> ? A : never

      /** The input as the port's rows of a tenant. */
      const rowsOf = (t: Tenant.Tenant, input: Input) => ({
        organisations: input.organisations.map((o) =>
          organisation(t, o.id, o.interval.validFrom, {
            to: o.interval.validTo,
            kind: o.kind,
            name: o.name,
            parent: o.parent,
            sector: o.sector,
            grids: o.grids,
            hasCommittee: o.hasCommittee,
            task: o.task,
            change: o.change,
            predecessors: o.predecessors
          })
        ),
        members: input.members.map((m): Member.Member => ({ ...member(t, m.id, m.name), phone: m.phone, citizenId: m.citizenId })),
        memberships: input.memberships.map((m): Member.Membership => ({
          ...membership(t, m.member, m.organisation, m.interval.validFrom, m.interval.validTo, m.standing),
          change: m.change
        })),
        participations: input.participations.map((p) =>
          participation(t, p.member, p.organisation, p.interval.validFrom, p.interval.validTo)
        ),
        dues: input.dues.map((d): Member.Dues => ({ ...dues(t, d.member, d.organisation, d.month, d.amountFen), paidOn: d.paidOn })),
        discipline: input.discipline.map((d) => discipline(t, d.member, d.organisation, d.measure, d.decidedOn)),
        meetings: input.meetings.map((m): Meeting.Meeting => ({
          ...meeting(t, m.id, m.organisation, m.date, { attendees: m.attendees, votes: m.votes }),
          kind: m.kind,
          topic: m.topic
        }))
      })

      /** Writes the input's rows under a fresh tenant. */
      const written = (input: Input) =>
        Effect.gen(function*() {
          const store = yield* StorePorts.all
          const t = freshTenant()
          const rows = rowsOf(t, input)
          yield* store.organisations.insert(rows.organisations)
          yield* store.members.put(rows.members)
          yield* store.members.addMemberships(rows.memberships)
          yield* store.members.addParticipations(rows.participations)
          yield* store.members.addDues(rows.dues)
          yield* store.members.addDiscipline(rows.discipline)
          yield* store.meetings.add(rows.meetings)
          return { t, rows }
        })

      it.effect.prop(
        "random rows come back as written, from every read, in its order",
        { input: tenantRows },
        ({ input }) =>
          Effect.gen(function*() {
            const store = yield* StorePorts.all
            const { rows, t } = yield* written(input)
            const keys = input.keys
            const hasKey = (k: string) => keys.includes(k)
            const at = input.day

            expect(yield* store.organisations.history(t)).toEqual(sortBy(rows.organisations, ...byVersion))
            expect(yield* store.organisations.at(t, at)).toEqual(sortBy(rows.organisations.filter(valid(at)), ...byVersion))
            expect(yield* store.organisations.versionsOf(t, keys as Array<Organisation.OrganisationId>)).toEqual(
              sortBy(rows.organisations.filter((o) => hasKey(o.id)), ...byVersion)
            )
            expect(yield* store.organisations.childrenOf(t, keys as Array<Organisation.OrganisationId>)).toEqual(
              sortBy(rows.organisations.filter((o) => o.parentId !== null && hasKey(o.parentId)), ...byVersion)
            )
            expect(yield* store.members.getMany(t, keys as Array<Member.MemberId>)).toEqual(
              sortBy(rows.members.filter((m) => hasKey(m.id)), (m) => m.id)
            )
            const memberKeys = keys as Array<Member.MemberId>
            const orgKeys = keys as Array<Organisation.OrganisationId>
            expect(yield* store.members.membershipsOf(t, memberKeys)).toEqual(
              sortBy(rows.memberships.filter((m) => hasKey(m.memberId)), ...byMembership)
            )
            expect(yield* store.members.membershipsIn(t, orgKeys)).toEqual(
              sortBy(rows.memberships.filter((m) => hasKey(m.organisationId)), ...byMembership)
            )
            expect(yield* store.members.membershipsAt(t, at)).toEqual(sortBy(rows.memberships.filter(valid(at)), ...byMembership))
            expect(yield* store.members.participationsOf(t, memberKeys)).toEqual(
              sortBy(rows.participations.filter((p) => hasKey(p.memberId)), ...byParticipation)
            )
            expect(yield* store.members.participationsIn(t, orgKeys)).toEqual(
              sortBy(rows.participations.filter((p) => hasKey(p.organisationId)), ...byParticipation)
            )
            expect(yield* store.members.participationsAt(t, at)).toEqual(
              sortBy(rows.participations.filter(valid(at)), ...byParticipation)
            )
            expect(yield* store.members.duesOf(t, memberKeys)).toEqual(sortBy(rows.dues.filter((d) => hasKey(d.memberId)), ...byDues))
            expect(yield* store.members.duesIn(t, orgKeys)).toEqual(
              sortBy(rows.dues.filter((d) => hasKey(d.organisationId)), ...byDues)
            )
            expect(yield* store.members.disciplineOf(t, memberKeys)).toEqual(
              sortBy(rows.discipline.filter((d) => hasKey(d.memberId)), ...byDiscipline)
            )
            expect(yield* store.members.disciplineIn(t, orgKeys)).toEqual(
              sortBy(rows.discipline.filter((d) => hasKey(d.organisationId)), ...byDiscipline)
            )
            expect(yield* store.meetings.getMany(t, keys as Array<Meeting.MeetingId>)).toEqual(
              sortBy(rows.meetings.filter((m) => hasKey(m.id)), (m) => m.id)
            )
            expect(yield* store.meetings.meetingsIn(t, orgKeys)).toEqual(
              sortBy(rows.meetings.filter((m) => hasKey(m.organisationId)), ...byDate)
            )
            expect(yield* store.meetings.between(t, input.day, input.to)).toEqual(
              sortBy(rows.meetings.filter((m) => m.date >= input.day && m.date < input.to), ...byDate)
            )
            // Everything, all at once.
            expect(yield* store.members.getMany(t, rows.members.map((m) => m.id))).toEqual(sortBy(rows.members, (m) => m.id))
            expect(yield* store.meetings.getMany(t, rows.meetings.map((m) => m.id))).toEqual(sortBy(rows.meetings, (m) => m.id))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )

      it.effect.prop(
        "close, closeMemberships and closeParticipations agree with the documented contract",
        { input: tenantRows },
        ({ input }) =>
          Effect.gen(function*() {
            const store = yield* StorePorts.all
            const { rows, t } = yield* written(input)
            // Close the rows of the drawn ids (and a key that names no row) on the drawn day.
            const hit = (k: string) => input.keys.includes(k)
            const on = input.day
            yield* store.organisations.close(
              t,
              [...rows.organisations.filter((o) => hit(o.id)), organisation(t, "none", "2020-01-01")].map((o) => ({
                id: o.id,
                validFrom: o.validFrom
              })),
              on
            )
            yield* store.members.closeMemberships(
              t,
              rows.memberships.filter((m) => hit(m.memberId)).map((m) => ({ memberId: m.memberId, validFrom: m.validFrom })),
              on
            )
            yield* store.members.closeParticipations(
              t,
              rows.participations.filter((p) => hit(p.organisationId)).map((p) => ({
                memberId: p.memberId,
                organisationId: p.organisationId,
                validFrom: p.validFrom
              })),
              on
            )
            expect(yield* store.organisations.history(t)).toEqual(
              sortBy(closed(rows.organisations, (o) => hit(o.id), on), ...byVersion)
            )
            expect(yield* store.members.membershipsAt(t, input.to)).toEqual(
              sortBy(closed(rows.memberships, (m) => hit(m.memberId), on).filter(valid(input.to)), ...byMembership)
            )
            const everyone = rows.participations.map((p) => p.memberId)
            expect(yield* store.members.participationsOf(t, everyone)).toEqual(
              sortBy(closed(rows.participations, (p) => hit(p.organisationId), on), ...byParticipation)
            )
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )
    })
  })
}
