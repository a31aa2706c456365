/**
 * The Store conformance suite of the co-construction domain's repositories: every
 * method of the enrolment, agreement, volunteer and joint meeting repositories checked
 * against its documented behaviour — what comes back and in which order, the same-day
 * contract of the `close` methods, keys that must be new, progress reports and tasks
 * replaced by key, projects' allocations read by need and by resource, tenant
 * isolation, reads by more keys than one SQL statement may carry, and properties that
 * random rows come back as they were written. Every store adapter runs it:
 *
 * ```ts
 * coConstructionRepositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 320,000 on: beyond the
 * organisation contract's first thousands from 300,000, and below 333,234, where the
 * codes wrap round into the range `Tenants.fresh` draws from), so the whole suite shares
 * one store.
 *
 * @since 0.3.0
 */
import { describe, expect, layer } from "@effect/vitest"
import {
  type Agreement,
  CoConstructionStore,
  type CreditCode,
  type Enrolment,
  type Grid,
  IsoDate,
  type JointMeeting,
  type Member,
  type Need,
  type Organisation,
  Project,
  type Resource,
  type Store,
  Tenant,
  Transactor,
  type Volunteering
} from "@jiceng/core"
import { Effect, FastCheck, type Layer } from "effect"
import { awkward, expectInOrder, lastWins, many, sortBy, spread } from "./contractKeys.js"
import * as Tenants from "./Tenants.js"

const day = IsoDate.unsafeMake

type Interval = { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }

/** The co-construction repositories and the transaction of the store in context. */
const ports = Effect.map(
  Effect.all([CoConstructionStore.CoConstructionStore, Transactor.Transactor]),
  ([store, transactor]) => ({ ...store, transaction: transactor.transaction })
)

// ------------------------------------------------------------------------ rows

const cc = (code: string) => code as CreditCode.CreditCode
const grid = (code: string) => code as Grid.GridCode
const memberId = (id: string) => id as Member.MemberId
const until = (to: string | null | undefined): IsoDate.IsoDate | null => (to === undefined || to === null ? null : day(to))

const unit = (
  t: Tenant.Tenant,
  code: string,
  from: string,
  spec: { readonly to?: string | null; readonly name?: string; readonly street?: string; readonly change?: Enrolment.EnrolmentChange } = {}
): Enrolment.UnitEnrolment => ({
  tenant: t,
  creditCode: cc(code),
  name: spec.name ?? `单位 ${code}`,
  streetCode: grid(spec.street ?? `${t}001`),
  validFrom: day(from),
  validTo: until(spec.to),
  change: spec.change ?? "enrol"
})

interface MemberEnrolmentSpec {
  readonly to?: string | null
  readonly community?: string
  readonly unit?: string | null
  readonly home?: string | null
  readonly skills?: ReadonlyArray<string>
  readonly interest?: string | null
  readonly change?: Enrolment.EnrolmentChange
}

const enrolment = (t: Tenant.Tenant, id: string, from: string, spec: MemberEnrolmentSpec = {}): Enrolment.MemberEnrolment => ({
  tenant: t,
  memberId: memberId(id),
  communityCode: grid(spec.community ?? `${t}001001`),
  unitCreditCode: spec.unit === undefined || spec.unit === null ? null : cc(spec.unit),
  homeOrganisation: spec.home ?? null,
  skills: spec.skills ?? [],
  interest: spec.interest ?? null,
  validFrom: day(from),
  validTo: until(spec.to),
  change: spec.change ?? "enrol"
})

const noCommitments: Agreement.Commitments = { organisation: [], members: [], resources: [], matters: [] }

const agreement = (
  t: Tenant.Tenant,
  id: string,
  spec: {
    readonly organisation?: string
    readonly unit?: string
    readonly unitOrganisation?: string
    readonly from?: string
    readonly to?: string
    readonly commitments?: Agreement.Commitments
  } = {}
): Agreement.Agreement => ({
  tenant: t,
  id: id as Agreement.AgreementId,
  organisationId: (spec.organisation ?? "street") as Organisation.OrganisationId,
  unitCreditCode: cc(spec.unit ?? "u1"),
  unitOrganisation: spec.unitOrganisation ?? `机关党支部 ${id}`,
  from: day(spec.from ?? "2024-01-01"),
  to: day(spec.to ?? "2026-01-01"),
  commitments: spec.commitments ?? noCommitments
})

const need = (
  t: Tenant.Tenant,
  id: string,
  spec: { readonly grid?: string; readonly category?: string; readonly title?: string; readonly quantity?: number; readonly priority?: number; readonly skills?: ReadonlyArray<string>; readonly on?: string } = {}
): Need.Need => ({
  tenant: t,
  id: id as Need.NeedId,
  gridCode: grid(spec.grid ?? `${t}001001`),
  category: spec.category ?? "elderly",
  title: spec.title ?? `需求 ${id}`,
  quantity: spec.quantity ?? 3,
  priority: spec.priority ?? 50,
  skills: spec.skills ?? [],
  listedOn: day(spec.on ?? "2024-01-01")
})

const resource = (
  t: Tenant.Tenant,
  id: string,
  spec: { readonly unit?: string; readonly grid?: string; readonly category?: string; readonly title?: string; readonly capacity?: number; readonly skills?: ReadonlyArray<string>; readonly on?: string } = {}
): Resource.Resource => ({
  tenant: t,
  id: id as Resource.ResourceId,
  unitCreditCode: cc(spec.unit ?? "u1"),
  gridCode: grid(spec.grid ?? `${t}001`),
  category: spec.category ?? "elderly",
  title: spec.title ?? `资源 ${id}`,
  capacity: spec.capacity ?? 10,
  skills: spec.skills ?? [],
  listedOn: day(spec.on ?? "2024-01-01")
})

/** An allocation written `need/resource/units`. */
const allocation = (spec: string): Project.Allocation => {
  const [needId, resourceId, units] = spec.split("/")
  return { needId: needId as Need.NeedId, resourceId: resourceId as Resource.ResourceId, units: Number(units) }
}

const project = (
  t: Tenant.Tenant,
  id: string,
  allocations: ReadonlyArray<string | Project.Allocation>,
  spec: { readonly agreement?: string; readonly title?: string; readonly weight?: number; readonly from?: string; readonly to?: string } = {}
): Project.Project => ({
  tenant: t,
  id: id as Project.ProjectId,
  agreementId: (spec.agreement ?? "a1") as Agreement.AgreementId,
  title: spec.title ?? `项目 ${id}`,
  weight: spec.weight ?? 1,
  allocations: allocations.map((a) => (typeof a === "string" ? allocation(a) : a)),
  from: day(spec.from ?? "2024-01-01"),
  to: day(spec.to ?? "2025-01-01")
})

const progress = (t: Tenant.Tenant, projectId: string, on: string, percent: number): Project.Progress => ({
  tenant: t,
  projectId: projectId as Project.ProjectId,
  on: day(on),
  percent
})

const team = (t: Tenant.Tenant, id: string, from: string, to: string | null = null, name = `志愿服务队 ${id}`): Volunteering.Team => ({
  tenant: t,
  id: id as Volunteering.TeamId,
  name,
  gridCode: grid(`${t}001001`),
  validFrom: day(from),
  validTo: until(to)
})

const post = (
  t: Tenant.Tenant,
  id: string,
  spec: { readonly team?: string; readonly title?: string; readonly category?: string; readonly skills?: ReadonlyArray<string>; readonly capacity?: number; readonly on?: string } = {}
): Volunteering.Post => ({
  tenant: t,
  id: id as Volunteering.PostId,
  teamId: (spec.team ?? "team") as Volunteering.TeamId,
  title: spec.title ?? `岗位 ${id}`,
  category: spec.category ?? "elderly",
  skills: spec.skills ?? [],
  capacity: spec.capacity ?? 2,
  openedOn: day(spec.on ?? "2021-01-01")
})

const claim = (t: Tenant.Tenant, postId: string, member: string, from: string, to: string | null = null): Volunteering.Claim => ({
  tenant: t,
  postId: postId as Volunteering.PostId,
  memberId: memberId(member),
  validFrom: day(from),
  validTo: until(to)
})

const jointMeeting = (
  t: Tenant.Tenant,
  id: string,
  date: string,
  spec: { readonly street?: string; readonly topic?: string; readonly units?: ReadonlyArray<string> } = {}
): JointMeeting.JointMeeting => ({
  tenant: t,
  id: id as JointMeeting.JointMeetingId,
  streetCode: grid(spec.street ?? `${t}001`),
  date: day(date),
  topic: spec.topic ?? `联席会议 ${id}`,
  units: (spec.units ?? []).map(cc)
})

const task = (
  t: Tenant.Tenant,
  id: string,
  meetingId: string,
  due: string,
  spec: { readonly text?: string; readonly unit?: string | null; readonly completedOn?: string | null } = {}
): JointMeeting.Task => ({
  tenant: t,
  id: id as JointMeeting.TaskId,
  meetingId: meetingId as JointMeeting.JointMeetingId,
  text: spec.text ?? `任务 ${id}`,
  unitCreditCode: spec.unit === undefined ? cc("u1") : spec.unit === null ? null : cc(spec.unit),
  due: day(due),
  completedOn: until(spec.completedOn)
})

// ---------------------------------------------------------------------- orders

const byUnit = [(u: Enrolment.UnitEnrolment) => u.creditCode, (u: Enrolment.UnitEnrolment) => u.validFrom] as const
const byMember = [(m: Enrolment.MemberEnrolment) => m.memberId, (m: Enrolment.MemberEnrolment) => m.validFrom] as const
const byId = (row: { readonly id: string }) => row.id
const toNeed = [
  (a: Project.ProjectAllocation) => a.needId,
  (a: Project.ProjectAllocation) => a.projectId,
  (a: Project.ProjectAllocation) => a.resourceId
] as const
const fromResource = [
  (a: Project.ProjectAllocation) => a.resourceId,
  (a: Project.ProjectAllocation) => a.projectId,
  (a: Project.ProjectAllocation) => a.needId
] as const
const byReport = [(p: Project.Progress) => p.projectId, (p: Project.Progress) => p.on] as const
const onPost = [
  (c: Volunteering.Claim) => c.postId,
  (c: Volunteering.Claim) => c.memberId,
  (c: Volunteering.Claim) => c.validFrom
] as const
const ofMember = [
  (c: Volunteering.Claim) => c.memberId,
  (c: Volunteering.Claim) => c.postId,
  (c: Volunteering.Claim) => c.validFrom
] as const
const byDate = [(m: JointMeeting.JointMeeting) => m.date, byId] as const
const inMeeting = [(k: JointMeeting.Task) => k.meetingId, byId] as const

const valid = (at: IsoDate.IsoDate) => (row: Interval) => IsoDate.within(at, row.validFrom, row.validTo)

/** What a `close` of `keys` on `validTo` leaves of `rows` (the documented contract, naively). */
const closed = <A extends Interval>(rows: ReadonlyArray<A>, hit: (row: A) => boolean, validTo: IsoDate.IsoDate): Array<A> =>
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
 * Registers the co-construction repository conformance tests of a Store layer. The
 * layer is built once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.3.0
 * @category conformance
 */
export const coConstructionRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  let lastTenant = 320_000
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): Tenant.Tenant => Tenant.make(Tenants.nth(lastTenant++))

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: co-construction repository contract`, (it) => {
    // ---------------------------------------------------------------- enrolments

    describe("enrolments", () => {
      it.effect("addUnits and unitsOf: every field back as written, by credit code then validFrom; unknown left out, repeated once", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            unit(t, "u2", "2020-01-01", { to: "2022-01-01" }),
            unit(t, "u2", "2022-01-01", { street: `${t}002`, change: "transfer", name: "改名后的 \"单位\" 𠀀" }),
            unit(t, "u1", "2021-06-01"),
            unit(t, "u10", "2020-01-01", { to: "2021-01-01" })
          ]
          yield* store.enrolments.addUnits([...rows].reverse())
          expect(yield* store.enrolments.unitsOf(t, ["u2", "zz", "u1", "u2"].map(cc))).toEqual([rows[2], rows[0], rows[1]])
          expect(yield* store.enrolments.unitsOf(t, ["u10", "u2", "u1"].map(cc))).toEqual(sortBy(rows, ...byUnit))
          expect(yield* store.enrolments.unitsOf(t, [])).toEqual([])
          expect(yield* store.enrolments.unitsOf(freshTenant(), ["u1"].map(cc))).toEqual([])
        }))

      it.effect("unitsAt: the rows valid on a day, by credit code, intervals half-open", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            unit(t, "u2", "2020-01-01", { to: "2022-01-01" }),
            unit(t, "u2", "2022-01-01", { change: "transfer" }),
            unit(t, "u1", "2021-06-01"),
            unit(t, "u3", "2020-01-01", { to: "2021-06-01" })
          ]
          yield* store.enrolments.addUnits(rows)
          expect(yield* store.enrolments.unitsAt(t, day("2019-12-31"))).toEqual([])
          expect(yield* store.enrolments.unitsAt(t, day("2020-01-01"))).toEqual([rows[0], rows[3]])
          expect(yield* store.enrolments.unitsAt(t, day("2021-06-01"))).toEqual([rows[2], rows[0]])
          expect(yield* store.enrolments.unitsAt(t, day("2021-12-31"))).toEqual([rows[2], rows[0]])
          expect(yield* store.enrolments.unitsAt(t, day("2022-01-01"))).toEqual([rows[2], rows[1]])
        }))

      it.effect("closeUnits: ends open rows, shortens later ends, keeps earlier ends, removes rows beginning on or after the day", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const open = unit(t, "a", "2020-01-01")
          const later = unit(t, "b", "2020-01-01", { to: "2030-01-01" })
          const earlier = unit(t, "c", "2020-01-01", { to: "2021-01-01" })
          const sameDay = unit(t, "d", "2024-01-01")
          const afterDay = unit(t, "e", "2025-01-01", { to: "2026-01-01" })
          const untouched = unit(t, "f", "2020-01-01")
          const otherVersion = unit(t, "a", "2019-01-01", { to: "2020-01-01" })
          const rows = [open, later, earlier, sameDay, afterDay, untouched, otherVersion]
          yield* store.enrolments.addUnits(rows)
          yield* store.enrolments.closeUnits(
            t,
            [open, later, earlier, sameDay, afterDay, unit(t, "zz", "2020-01-01"), unit(t, "f", "2019-01-01")].map((u) => ({
              creditCode: u.creditCode,
              validFrom: u.validFrom
            })),
            day("2024-01-01")
          )
          const all = rows.map((u) => u.creditCode)
          expect(yield* store.enrolments.unitsOf(t, all)).toEqual([
            otherVersion,
            { ...open, validTo: day("2024-01-01") },
            { ...later, validTo: day("2024-01-01") },
            earlier,
            untouched
          ])
          // Closing again, later, moves no recorded end.
          yield* store.enrolments.closeUnits(t, [{ creditCode: open.creditCode, validFrom: open.validFrom }], day("2025-01-01"))
          expect((yield* store.enrolments.unitsOf(t, [open.creditCode]))[1]!.validTo).toBe("2024-01-01")
          yield* store.enrolments.closeUnits(t, [], day("2025-01-01"))
          expect(yield* store.enrolments.unitsAt(t, day("2024-01-01"))).toEqual([untouched])
        }))

      it.effect("addMembers and membersOf: skills in order, nulls and names back as written, by member then validFrom", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            enrolment(t, "m2", "2020-01-01", { to: "2023-01-01", unit: "u1", skills: ["医生", "法律"], interest: "medical" }),
            enrolment(t, "m2", "2023-01-01", {
              community: `${t}002001`,
              home: "市委办公室机关党支部",
              change: "transfer"
            }),
            enrolment(t, "m1", "2021-01-01", { skills: awkward, interest: "教育 \"辅导\"", unit: "u2" }),
            enrolment(t, "m10", "2021-01-01", { skills: ["z", "a"], home: "" })
          ]
          yield* store.enrolments.addMembers([...rows].reverse())
          const got = yield* store.enrolments.membersOf(t, ["m2", "zz", "m1", "m10", "m2"].map(memberId))
          expect(got).toEqual([rows[2], rows[3], rows[0], rows[1]])
          expect(got[0]!.skills).toEqual(awkward)
          expect(got[3]!.skills).toEqual([])
          expect(yield* store.enrolments.membersOf(t, [])).toEqual([])
        }))

      it.effect("membersAt: the rows valid on a day, by member, half-open", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            enrolment(t, "m2", "2020-01-01", { to: "2023-01-01" }),
            enrolment(t, "m2", "2023-01-01", { change: "transfer", skills: ["驾驶"] }),
            enrolment(t, "m1", "2021-01-01", { to: "2022-01-01" }),
            enrolment(t, "m3", "2023-01-02")
          ]
          yield* store.enrolments.addMembers(rows)
          expect(yield* store.enrolments.membersAt(t, day("2019-12-31"))).toEqual([])
          expect(yield* store.enrolments.membersAt(t, day("2021-01-01"))).toEqual([rows[2], rows[0]])
          expect(yield* store.enrolments.membersAt(t, day("2022-01-01"))).toEqual([rows[0]])
          expect(yield* store.enrolments.membersAt(t, day("2023-01-01"))).toEqual([rows[1]])
          expect(yield* store.enrolments.membersAt(t, day("2023-01-02"))).toEqual([rows[1], rows[3]])
        }))

      it.effect("closeMembers: the same-day contract of closeUnits", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            enrolment(t, "a", "2020-01-01"),
            enrolment(t, "b", "2020-01-01", { to: "2030-01-01" }),
            enrolment(t, "c", "2020-01-01", { to: "2021-01-01" }),
            enrolment(t, "d", "2024-01-01"),
            enrolment(t, "e", "2024-02-01"),
            enrolment(t, "f", "2020-01-01")
          ]
          yield* store.enrolments.addMembers(rows)
          yield* store.enrolments.closeMembers(
            t,
            [...rows.slice(0, 5), enrolment(t, "zz", "2020-01-01")].map((m) => ({ memberId: m.memberId, validFrom: m.validFrom })),
            day("2024-01-01")
          )
          const everyone = rows.map((m) => m.memberId)
          expect(yield* store.enrolments.membersOf(t, everyone)).toEqual(closed(rows, (m) => m.memberId !== "f", day("2024-01-01")))
          expect((yield* store.enrolments.membersOf(t, everyone)).map((m) => m.memberId)).toEqual(["a", "b", "c", "f"])
          yield* store.enrolments.closeMembers(t, [{ memberId: memberId("c"), validFrom: day("2020-01-01") }], day("2022-01-01"))
          expect((yield* store.enrolments.membersOf(t, [memberId("c")]))[0]!.validTo).toBe("2021-01-01")
        }))
    })

    // ---------------------------------------------------------------- agreements

    describe("agreements", () => {
      const commitments: Agreement.Commitments = {
        organisation: ["每季度联合召开一次组织生活会", "共建 \"红色\" 阵地"],
        members: ["在职党员到社区报到率 100%"],
        resources: awkward,
        matters: []
      }

      it.effect("addAgreements, agreementsOf and agreements: commitments back as written, by id; unknown left out", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            agreement(t, "a2", { commitments, unitOrganisation: "市供电公司第一党支部", from: "2024-03-01", to: "2027-03-01" }),
            agreement(t, "a1", { unit: "u2", organisation: "community" }),
            agreement(t, "a10", { commitments: { ...noCommitments, matters: ["一件实事"] } })
          ]
          yield* store.agreements.addAgreements(rows)
          const ids = ["a2", "zz", "a1", "a2"] as Array<Agreement.AgreementId>
          expect(yield* store.agreements.agreementsOf(t, ids)).toEqual([rows[1], rows[0]])
          expect(yield* store.agreements.agreements(t)).toEqual([rows[1], rows[2], rows[0]])
          expect((yield* store.agreements.agreementsOf(t, [rows[0]!.id]))[0]!.commitments).toEqual(commitments)
          expect(yield* store.agreements.agreementsOf(t, [])).toEqual([])
          expect(yield* store.agreements.agreements(freshTenant())).toEqual([])
        }))

      it.effect("addNeeds, needsOf and needs: skills, quantities and priorities at their bounds, by id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            need(t, "n2", { quantity: 1_000_000, priority: 100, skills: ["护理", "医生"], title: "老年人助餐 'A' \\ 区" }),
            need(t, "n1", { quantity: 1, priority: 0, category: "children", on: "2024-02-29" }),
            need(t, "n10", { skills: awkward })
          ]
          yield* store.agreements.addNeeds(rows)
          expect(yield* store.agreements.needsOf(t, ["n2", "zz", "n10", "n2"] as Array<Need.NeedId>)).toEqual([rows[2], rows[0]])
          expect(yield* store.agreements.needs(t)).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* store.agreements.needsOf(t, [])).toEqual([])
          expect(yield* store.agreements.needs(freshTenant())).toEqual([])
        }))

      it.effect("addResources, resourcesOf and resources: every field back as written, by id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            resource(t, "r2", { capacity: 1_000_000, skills: ["法律"], unit: "u9" }),
            resource(t, "r1", { capacity: 1, skills: awkward, title: "义诊 𠀀" }),
            resource(t, "r10")
          ]
          yield* store.agreements.addResources(rows)
          expect(yield* store.agreements.resourcesOf(t, ["r10", "r2", "zz"] as Array<Resource.ResourceId>)).toEqual([rows[2], rows[0]])
          expect(yield* store.agreements.resources(t)).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* store.agreements.resourcesOf(t, [])).toEqual([])
          expect(yield* store.agreements.resources(freshTenant())).toEqual([])
        }))

      it.effect("addProjects, projectsOf and projects: allocations in the order given, by id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            project(t, "p2", ["n2/r1/3", "n1/r2/1", "n1/r1/1000000"], { weight: 1000, title: "助老 \"食堂\"", agreement: "a2" }),
            project(t, "p1", ["n1/r1/2"], { weight: 1, from: "2024-06-01", to: "2024-06-02" }),
            project(t, "p10", ["n3/r3/1", "n2/r3/2"])
          ]
          yield* store.agreements.addProjects(rows)
          expect(yield* store.agreements.projectsOf(t, ["p2", "zz", "p1", "p2"] as Array<Project.ProjectId>)).toEqual([rows[1], rows[0]])
          expect(yield* store.agreements.projects(t)).toEqual([rows[1], rows[2], rows[0]])
          expect((yield* store.agreements.projectsOf(t, [rows[0]!.id]))[0]!.allocations.map((a) => a.needId)).toEqual(["n2", "n1", "n1"])
          expect(yield* store.agreements.projectsOf(t, [])).toEqual([])
          expect(yield* store.agreements.projects(freshTenant())).toEqual([])
        }))

      it.effect("allocationsTo (by need, project, resource) and allocationsFrom (by resource, project, need): the projects' allocations", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            project(t, "p2", ["n2/r1/3", "n1/r2/1", "n1/r1/1000000"]),
            project(t, "p1", ["n1/r1/2"]),
            project(t, "p3", ["n3/r3/1"])
          ]
          yield* store.agreements.addProjects(rows)
          const allocations = rows.flatMap(Project.allocationRows)
          const to = yield* store.agreements.allocationsTo(t, ["n2", "n1", "zz", "n1"] as Array<Need.NeedId>)
          expect(to.map((a) => `${a.needId} ${a.projectId} ${a.resourceId} ${a.units}`)).toEqual([
            "n1 p1 r1 2",
            "n1 p2 r1 1000000",
            "n1 p2 r2 1",
            "n2 p2 r1 3"
          ])
          expect(to).toEqual(sortBy(allocations.filter((a) => a.needId !== "n3"), ...toNeed))
          expect(to[0]).toEqual({ tenant: t, projectId: "p1", needId: "n1", resourceId: "r1", units: 2 })
          const from = yield* store.agreements.allocationsFrom(t, ["r1", "r2", "zz"] as Array<Resource.ResourceId>)
          expect(from.map((a) => `${a.resourceId} ${a.projectId} ${a.needId} ${a.units}`)).toEqual([
            "r1 p1 n1 2",
            "r1 p2 n1 1000000",
            "r1 p2 n2 3",
            "r2 p2 n1 1"
          ])
          expect(from).toEqual(sortBy(allocations.filter((a) => a.resourceId !== "r3"), ...fromResource))
          expect(yield* store.agreements.allocationsTo(t, [])).toEqual([])
          expect(yield* store.agreements.allocationsFrom(t, [])).toEqual([])
          expect(yield* store.agreements.allocationsTo(freshTenant(), ["n1"] as Array<Need.NeedId>)).toEqual([])
        }))

      it.effect("putProgress replaces the report of the same project and day (the last of a batch wins); progressOf and progress by project then day", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          yield* store.agreements.putProgress([
            progress(t, "p1", "2024-02-01", 10),
            progress(t, "p1", "2024-03-01", 20),
            progress(t, "p2", "2024-02-01", 5),
            progress(t, "p10", "2024-01-01", 0)
          ])
          yield* store.agreements.putProgress([
            progress(t, "p2", "2024-04-01", 50),
            progress(t, "p1", "2024-03-01", 30),
            progress(t, "p2", "2024-02-01", 7),
            progress(t, "p2", "2024-04-01", 60)
          ])
          const expected = [
            progress(t, "p1", "2024-02-01", 10),
            progress(t, "p1", "2024-03-01", 30),
            progress(t, "p10", "2024-01-01", 0),
            progress(t, "p2", "2024-02-01", 7),
            progress(t, "p2", "2024-04-01", 60)
          ]
          expect(yield* store.agreements.progress(t)).toEqual(expected)
          expect(yield* store.agreements.progressOf(t, ["p2", "zz", "p1", "p2"] as Array<Project.ProjectId>)).toEqual([
            expected[0],
            expected[1],
            expected[3],
            expected[4]
          ])
          yield* store.agreements.putProgress([progress(t, "p10", "2024-01-01", 100)])
          expect(yield* store.agreements.progressOf(t, ["p10"] as Array<Project.ProjectId>)).toEqual([progress(t, "p10", "2024-01-01", 100)])
          yield* store.agreements.putProgress([])
          expect(yield* store.agreements.progressOf(t, [])).toEqual([])
          expect(yield* store.agreements.progress(freshTenant())).toEqual([])
        }))
    })

    // ---------------------------------------------------------------- volunteers

    describe("volunteers", () => {
      it.effect("addTeams, teamsOf by id and teamsAt a day, half-open", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            team(t, "t2", "2020-01-01", "2022-01-01"),
            team(t, "t1", "2021-01-01", null, "“红马甲” 志愿服务队 𠀀"),
            team(t, "t3", "2023-01-01")
          ]
          yield* store.volunteers.addTeams(rows)
          expect(yield* store.volunteers.teamsOf(t, ["t3", "zz", "t1", "t3"] as Array<Volunteering.TeamId>)).toEqual([rows[1], rows[2]])
          expect(yield* store.volunteers.teamsAt(t, day("2019-12-31"))).toEqual([])
          expect(yield* store.volunteers.teamsAt(t, day("2021-01-01"))).toEqual([rows[1], rows[0]])
          expect(yield* store.volunteers.teamsAt(t, day("2022-01-01"))).toEqual([rows[1]])
          expect(yield* store.volunteers.teamsAt(t, day("2023-01-01"))).toEqual([rows[1], rows[2]])
          expect(yield* store.volunteers.teamsOf(t, [])).toEqual([])
        }))

      it.effect("addPosts, postsOf and posts: skills in order, capacity at its bounds, by id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            post(t, "s2", { skills: ["急救", "驾驶"], capacity: 10_000, team: "t1" }),
            post(t, "s1", { capacity: 1, title: "文明劝导 \"岗\"" }),
            post(t, "s10", { skills: awkward, category: "环境 保护" })
          ]
          yield* store.volunteers.addPosts(rows)
          expect(yield* store.volunteers.postsOf(t, ["s2", "zz", "s1", "s2"] as Array<Volunteering.PostId>)).toEqual([rows[1], rows[0]])
          expect(yield* store.volunteers.posts(t)).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* store.volunteers.postsOf(t, [])).toEqual([])
          expect(yield* store.volunteers.posts(freshTenant())).toEqual([])
        }))

      it.effect("claimsOn (post, member, validFrom), claimsOf (member, post, validFrom), claimsAt (post, member)", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            claim(t, "s1", "m2", "2021-06-01"),
            claim(t, "s1", "m2", "2021-01-01", "2021-06-01"),
            claim(t, "s1", "m1", "2021-03-01"),
            claim(t, "s2", "m1", "2021-01-01", "2021-02-01"),
            claim(t, "s2", "m3", "2021-05-01")
          ]
          yield* store.volunteers.addClaims(rows)
          expect(yield* store.volunteers.claimsOn(t, ["s2", "zz", "s1", "s2"] as Array<Volunteering.PostId>)).toEqual([
            rows[2],
            rows[1],
            rows[0],
            rows[3],
            rows[4]
          ])
          expect(yield* store.volunteers.claimsOf(t, ["m2", "m1", "zz"].map(memberId))).toEqual([rows[2], rows[3], rows[1], rows[0]])
          expect(yield* store.volunteers.claimsAt(t, day("2021-01-15"))).toEqual([rows[1], rows[3]])
          expect(yield* store.volunteers.claimsAt(t, day("2021-06-01"))).toEqual([rows[2], rows[0], rows[4]])
          expect(yield* store.volunteers.claimsAt(t, day("2020-12-31"))).toEqual([])
          expect(yield* store.volunteers.claimsOn(t, [])).toEqual([])
          expect(yield* store.volunteers.claimsOf(t, [])).toEqual([])
        }))

      it.effect("closeClaims: the same-day contract of closeUnits", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            claim(t, "s", "a", "2020-01-01"),
            claim(t, "s", "b", "2020-01-01", "2030-01-01"),
            claim(t, "s", "c", "2020-01-01", "2021-01-01"),
            claim(t, "s", "d", "2024-01-01"),
            claim(t, "s", "e", "2024-02-01"),
            claim(t, "s", "f", "2020-01-01"),
            // The same member's claim on another post, from the same day: another key.
            claim(t, "s2", "a", "2020-01-01")
          ]
          yield* store.volunteers.addClaims(rows)
          yield* store.volunteers.closeClaims(
            t,
            [...rows.slice(0, 5), claim(t, "zz", "a", "2020-01-01")].map((c) => ({
              postId: c.postId,
              memberId: c.memberId,
              validFrom: c.validFrom
            })),
            day("2024-01-01")
          )
          const hit = (c: Volunteering.Claim) => c.postId === "s" && c.memberId !== "f"
          expect(yield* store.volunteers.claimsOn(t, ["s", "s2"] as Array<Volunteering.PostId>)).toEqual(
            closed(rows, hit, day("2024-01-01"))
          )
          expect((yield* store.volunteers.claimsOn(t, ["s"] as Array<Volunteering.PostId>)).map((c) => c.memberId)).toEqual(["a", "b", "c", "f"])
          yield* store.volunteers.closeClaims(t, [{ postId: rows[0]!.postId, memberId: rows[0]!.memberId, validFrom: rows[0]!.validFrom }], day("2025-01-01"))
          expect((yield* store.volunteers.claimsOf(t, [memberId("a")]))[0]!.validTo).toBe("2024-01-01")
        }))
    })

    // ------------------------------------------------------------ joint meetings

    describe("joint meetings", () => {
      it.effect("add and getMany: units in the order given, by id, unknown left out", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            jointMeeting(t, "j2", "2024-03-01", { units: ["u2", "u1", "u10"] }),
            jointMeeting(t, "j1", "2024-03-01"),
            jointMeeting(t, "j10", "2024-01-01", { street: `${t}002`, topic: "议题 \"一\" \\ 𠀀 [x,y]", units: ["u1"] })
          ]
          yield* store.jointMeetings.add(rows)
          const got = yield* store.jointMeetings.getMany(t, ["j10", "j2", "zz", "j1", "j2"] as Array<JointMeeting.JointMeetingId>)
          expect(got).toEqual([rows[1], rows[2], rows[0]])
          expect(got[2]!.units).toEqual(["u2", "u1", "u10"])
          expect(got[0]!.units).toEqual([])
          expect(yield* store.jointMeetings.getMany(t, [])).toEqual([])
        }))

      it.effect("between [from, to): by date then id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = [
            jointMeeting(t, "c", "2024-02-01"),
            jointMeeting(t, "a", "2024-02-01"),
            jointMeeting(t, "b", "2024-01-01"),
            jointMeeting(t, "d", "2024-03-01"),
            jointMeeting(t, "e", "2023-12-31")
          ]
          yield* store.jointMeetings.add(rows)
          expect(yield* store.jointMeetings.between(t, day("2024-01-01"), day("2024-03-01"))).toEqual([rows[2], rows[1], rows[0]])
          expect(yield* store.jointMeetings.between(t, day("2023-01-01"), day("2025-01-01"))).toEqual(sortBy(rows, ...byDate))
          expect(yield* store.jointMeetings.between(t, day("2024-02-02"), day("2024-02-02"))).toEqual([])
          expect(yield* store.jointMeetings.between(t, day("2024-03-02"), day("2024-01-01"))).toEqual([])
          expect(yield* store.jointMeetings.between(freshTenant(), day("2023-01-01"), day("2025-01-01"))).toEqual([])
        }))

      it.effect("putTasks replaces a task of the same id (the last of a batch wins); tasksOf by id, tasksIn by meeting then id", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const k2 = task(t, "k2", "j1", "2024-04-01")
          const k1 = task(t, "k1", "j2", "2024-05-01", { text: "修缮 \"活动室\" 𠀀", unit: null })
          const k3 = task(t, "k3", "j1", "2024-04-15", { unit: "u2" })
          const k10 = task(t, "k10", "j10", "2024-06-01", { completedOn: "2024-05-01" })
          yield* store.jointMeetings.putTasks([k2, k1, k3, k10])
          const done = { ...k2, completedOn: day("2024-03-20") }
          yield* store.jointMeetings.putTasks([{ ...k3, completedOn: day("2024-04-01") }, done, { ...k3, text: "改后" }])
          const k3After = { ...k3, text: "改后" }
          expect(yield* store.jointMeetings.tasksOf(t, ["k3", "zz", "k2", "k1", "k10", "k3"] as Array<JointMeeting.TaskId>)).toEqual([
            k1,
            k10,
            done,
            k3After
          ])
          expect(yield* store.jointMeetings.tasksIn(t, ["j2", "j1", "zz"] as Array<JointMeeting.JointMeetingId>)).toEqual([done, k3After, k1])
          expect(yield* store.jointMeetings.tasksIn(t, ["j10"] as Array<JointMeeting.JointMeetingId>)).toEqual([k10])
          yield* store.jointMeetings.putTasks([])
          expect(yield* store.jointMeetings.tasksOf(t, [])).toEqual([])
          expect(yield* store.jointMeetings.tasksIn(t, [])).toEqual([])
        }))
    })

    // ----------------------------------------------------------- keys, tenants

    describe("keys and tenants", () => {
      it.effect("rows with an existing key, or a key twice in a batch, fail with a StoreError and write nothing of the batch", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const u = unit(t, "u", "2020-01-01")
          const m = enrolment(t, "m", "2020-01-01", { skills: ["a"] })
          const a = agreement(t, "a")
          const n = need(t, "n")
          const r = resource(t, "r")
          const p = project(t, "p", ["n/r/1"])
          const tm = team(t, "tm", "2020-01-01")
          const s = post(t, "s", { team: "tm" })
          const c = claim(t, "s", "m", "2021-01-01")
          const j = jointMeeting(t, "j", "2024-01-01", { units: ["u"] })
          yield* store.enrolments.addUnits([u])
          yield* store.enrolments.addMembers([m])
          yield* store.agreements.addAgreements([a])
          yield* store.agreements.addNeeds([n])
          yield* store.agreements.addResources([r])
          yield* store.agreements.addProjects([p])
          yield* store.volunteers.addTeams([tm])
          yield* store.volunteers.addPosts([s])
          yield* store.volunteers.addClaims([c])
          yield* store.jointMeetings.add([j])
          const refused = [
            store.enrolments.addUnits([unit(t, "u2", "2020-01-01"), { ...u, name: "重名", validTo: day("2021-01-01") }]),
            store.enrolments.addUnits([unit(t, "u3", "2020-01-01"), unit(t, "u3", "2020-01-01", { name: "重名" })]),
            store.enrolments.addMembers([enrolment(t, "m2", "2020-01-01"), { ...m, homeOrganisation: "重名", skills: ["b"] }]),
            store.enrolments.addMembers([enrolment(t, "m3", "2020-01-01"), enrolment(t, "m3", "2020-01-01", { home: "重名" })]),
            store.agreements.addAgreements([agreement(t, "a2"), { ...a, unitOrganisation: "重名" }]),
            store.agreements.addAgreements([agreement(t, "a3"), agreement(t, "a3", { unitOrganisation: "重名" })]),
            store.agreements.addNeeds([need(t, "n2"), { ...n, title: "重名" }]),
            store.agreements.addResources([resource(t, "r2"), { ...r, title: "重名" }]),
            // The refused batch's other project allocates from r and to n: none of it is written.
            store.agreements.addProjects([project(t, "p2", ["n/r/2", "n2/r2/1"]), { ...p, title: "重名" }]),
            store.agreements.addProjects([project(t, "p3", ["n/r/3"]), project(t, "p3", ["n/r/4"], { title: "重名" })]),
            store.volunteers.addTeams([team(t, "tm2", "2020-01-01"), { ...tm, name: "重名" }]),
            store.volunteers.addPosts([post(t, "s2"), { ...s, title: "重名" }]),
            store.volunteers.addClaims([claim(t, "s2", "m", "2021-01-01"), { ...c, validTo: day("2022-01-01") }]),
            store.volunteers.addClaims([claim(t, "s", "m3", "2021-01-01"), claim(t, "s", "m3", "2021-01-01")]),
            store.jointMeetings.add([jointMeeting(t, "j2", "2024-01-01"), { ...j, topic: "重名" }]),
            store.jointMeetings.add([jointMeeting(t, "j3", "2024-01-01"), jointMeeting(t, "j3", "2024-01-02", { topic: "重名" })])
          ]
          for (const write of refused) {
            const error = yield* Effect.flip(write)
            expect(error).toMatchObject({ _tag: "StoreError" })
            expect(error.message).not.toContain("重名")
          }
          expect(yield* store.enrolments.unitsOf(t, ["u", "u2", "u3"].map(cc))).toEqual([u])
          expect(yield* store.enrolments.unitsAt(t, day("2020-01-01"))).toEqual([u])
          expect(yield* store.enrolments.membersOf(t, ["m", "m2", "m3"].map(memberId))).toEqual([m])
          expect(yield* store.agreements.agreements(t)).toEqual([a])
          expect(yield* store.agreements.needs(t)).toEqual([n])
          expect(yield* store.agreements.resources(t)).toEqual([r])
          expect(yield* store.agreements.projects(t)).toEqual([p])
          expect(yield* store.agreements.allocationsTo(t, ["n", "n2"] as Array<Need.NeedId>)).toEqual(Project.allocationRows(p))
          expect(yield* store.agreements.allocationsFrom(t, ["r", "r2"] as Array<Resource.ResourceId>)).toEqual(Project.allocationRows(p))
          expect(yield* store.volunteers.teamsAt(t, day("2020-01-01"))).toEqual([tm])
          expect(yield* store.volunteers.posts(t)).toEqual([s])
          expect(yield* store.volunteers.claimsAt(t, day("2021-01-01"))).toEqual([c])
          expect(yield* store.volunteers.claimsOf(t, ["m", "m3"].map(memberId))).toEqual([c])
          expect(yield* store.jointMeetings.between(t, day("2024-01-01"), day("2025-01-01"))).toEqual([j])
        }))

      it.effect("writes in a transaction that fails leave nothing", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const u = unit(t, "u", "2020-01-01")
          const k = task(t, "k", "j", "2024-02-01")
          const report = progress(t, "p0", "2024-01-01", 10)
          yield* store.enrolments.addUnits([u])
          yield* store.agreements.putProgress([report])
          yield* store.jointMeetings.putTasks([k])
          const failed = yield* Effect.flip(store.transaction(
            t,
            Effect.gen(function*() {
              yield* store.enrolments.closeUnits(t, [{ creditCode: u.creditCode, validFrom: u.validFrom }], day("2021-01-01"))
              yield* store.enrolments.addMembers([enrolment(t, "m", "2020-01-01")])
              yield* store.agreements.addAgreements([agreement(t, "a")])
              yield* store.agreements.addNeeds([need(t, "n")])
              yield* store.agreements.addResources([resource(t, "r")])
              yield* store.agreements.addProjects([project(t, "p", ["n/r/1"])])
              yield* store.agreements.putProgress([progress(t, "p", "2024-01-01", 5), { ...report, percent: 90 }])
              yield* store.volunteers.addTeams([team(t, "tm", "2020-01-01")])
              yield* store.volunteers.addPosts([post(t, "s")])
              yield* store.volunteers.addClaims([claim(t, "s", "m", "2021-01-01")])
              yield* store.jointMeetings.add([jointMeeting(t, "j", "2024-01-01")])
              yield* store.jointMeetings.putTasks([{ ...k, completedOn: day("2024-01-15") }])
              return yield* Effect.fail("no" as const)
            })
          ))
          expect(failed).toBe("no")
          expect(yield* store.enrolments.unitsOf(t, [u.creditCode])).toEqual([u])
          expect(yield* store.enrolments.membersAt(t, day("2020-01-01"))).toEqual([])
          expect(yield* store.agreements.agreements(t)).toEqual([])
          expect(yield* store.agreements.needs(t)).toEqual([])
          expect(yield* store.agreements.resources(t)).toEqual([])
          expect(yield* store.agreements.projects(t)).toEqual([])
          expect(yield* store.agreements.allocationsTo(t, ["n"] as Array<Need.NeedId>)).toEqual([])
          expect(yield* store.agreements.progress(t)).toEqual([report])
          expect(yield* store.volunteers.teamsAt(t, day("2020-01-01"))).toEqual([])
          expect(yield* store.volunteers.posts(t)).toEqual([])
          expect(yield* store.volunteers.claimsAt(t, day("2021-01-01"))).toEqual([])
          expect(yield* store.jointMeetings.between(t, day("2024-01-01"), day("2025-01-01"))).toEqual([])
          expect(yield* store.jointMeetings.tasksOf(t, [k.id])).toEqual([k])
        }))

      it.effect("the same keys in two tenants never mix", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const [t, u] = [freshTenant(), freshTenant()]
          const write = (tenant: Tenant.Tenant, name: string) =>
            Effect.gen(function*() {
              yield* store.enrolments.addUnits([unit(tenant, "u", "2020-01-01", { name })])
              yield* store.enrolments.addMembers([enrolment(tenant, "m", "2020-01-01", { home: name, skills: [name] })])
              yield* store.agreements.addAgreements([agreement(tenant, "a", { unitOrganisation: name })])
              yield* store.agreements.addNeeds([need(tenant, "n", { title: name })])
              yield* store.agreements.addResources([resource(tenant, "r", { title: name })])
              yield* store.agreements.addProjects([project(tenant, "p", ["n/r/1"], { title: name })])
              yield* store.agreements.putProgress([progress(tenant, "p", "2024-01-01", name === "甲" ? 10 : 20)])
              yield* store.volunteers.addTeams([team(tenant, "tm", "2020-01-01", null, name)])
              yield* store.volunteers.addPosts([post(tenant, "s", { title: name })])
              yield* store.volunteers.addClaims([claim(tenant, "s", "m", "2021-01-01")])
              yield* store.jointMeetings.add([jointMeeting(tenant, "j", "2024-01-01", { topic: name })])
              yield* store.jointMeetings.putTasks([task(tenant, "k", "j", "2024-02-01", { text: name })])
            })
          yield* write(t, "甲")
          yield* write(u, "乙")
          // Closes and replacements in u touch nothing of t.
          yield* store.enrolments.closeUnits(u, [{ creditCode: cc("u"), validFrom: day("2020-01-01") }], day("2020-01-01"))
          yield* store.enrolments.closeMembers(u, [{ memberId: memberId("m"), validFrom: day("2020-01-01") }], day("2021-01-01"))
          yield* store.volunteers.closeClaims(u, [{ postId: "s" as Volunteering.PostId, memberId: memberId("m"), validFrom: day("2021-01-01") }], day("2021-01-01"))
          yield* store.agreements.putProgress([progress(u, "p", "2024-01-01", 30)])
          yield* store.jointMeetings.putTasks([task(u, "k", "j", "2024-02-01", { text: "乙", completedOn: "2024-01-10" })])

          expect((yield* store.enrolments.unitsOf(t, [cc("u")])).map((x) => [x.tenant, x.name, x.validTo])).toEqual([[t, "甲", null]])
          expect(yield* store.enrolments.unitsOf(u, [cc("u")])).toEqual([])
          expect((yield* store.enrolments.unitsAt(t, day("2022-01-01"))).map((x) => x.tenant)).toEqual([t])
          expect((yield* store.enrolments.membersOf(t, [memberId("m")])).map((x) => [x.tenant, x.skills, x.validTo])).toEqual([[t, ["甲"], null]])
          expect(yield* store.enrolments.membersAt(u, day("2022-01-01"))).toEqual([])
          expect((yield* store.enrolments.membersAt(t, day("2022-01-01"))).map((x) => x.tenant)).toEqual([t])
          for (const [tenant, name] of [[t, "甲"], [u, "乙"]] as const) {
            expect((yield* store.agreements.agreements(tenant)).map((x) => [x.tenant, x.unitOrganisation])).toEqual([[tenant, name]])
            expect((yield* store.agreements.agreementsOf(tenant, ["a"] as Array<Agreement.AgreementId>)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.agreements.needsOf(tenant, ["n"] as Array<Need.NeedId>)).map((x) => [x.tenant, x.title])).toEqual([[tenant, name]])
            expect((yield* store.agreements.needs(tenant)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.agreements.resourcesOf(tenant, ["r"] as Array<Resource.ResourceId>)).map((x) => [x.tenant, x.title])).toEqual([[tenant, name]])
            expect((yield* store.agreements.resources(tenant)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.agreements.projectsOf(tenant, ["p"] as Array<Project.ProjectId>)).map((x) => [x.tenant, x.title])).toEqual([[tenant, name]])
            expect((yield* store.agreements.projects(tenant)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.agreements.allocationsTo(tenant, ["n"] as Array<Need.NeedId>)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.agreements.allocationsFrom(tenant, ["r"] as Array<Resource.ResourceId>)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.volunteers.teamsOf(tenant, ["tm"] as Array<Volunteering.TeamId>)).map((x) => [x.tenant, x.name])).toEqual([[tenant, name]])
            expect((yield* store.volunteers.teamsAt(tenant, day("2024-01-01"))).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.volunteers.postsOf(tenant, ["s"] as Array<Volunteering.PostId>)).map((x) => [x.tenant, x.title])).toEqual([[tenant, name]])
            expect((yield* store.volunteers.posts(tenant)).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.jointMeetings.getMany(tenant, ["j"] as Array<JointMeeting.JointMeetingId>)).map((x) => [x.tenant, x.topic])).toEqual([[tenant, name]])
            expect((yield* store.jointMeetings.between(tenant, day("2024-01-01"), day("2024-01-02"))).map((x) => x.tenant)).toEqual([tenant])
            expect((yield* store.jointMeetings.tasksIn(tenant, ["j"] as Array<JointMeeting.JointMeetingId>)).map((x) => x.tenant)).toEqual([tenant])
          }
          expect((yield* store.agreements.progress(t)).map((x) => [x.tenant, x.percent])).toEqual([[t, 10]])
          expect((yield* store.agreements.progressOf(u, ["p"] as Array<Project.ProjectId>)).map((x) => [x.tenant, x.percent])).toEqual([[u, 30]])
          expect((yield* store.volunteers.claimsOn(t, ["s"] as Array<Volunteering.PostId>)).map((x) => [x.tenant, x.validTo])).toEqual([[t, null]])
          expect(yield* store.volunteers.claimsOf(u, [memberId("m")])).toEqual([])
          expect((yield* store.volunteers.claimsAt(t, day("2022-01-01"))).map((x) => x.tenant)).toEqual([t])
          expect((yield* store.jointMeetings.tasksOf(t, ["k"] as Array<JointMeeting.TaskId>)).map((x) => [x.tenant, x.completedOn])).toEqual([[t, null]])
          expect((yield* store.jointMeetings.tasksOf(u, ["k"] as Array<JointMeeting.TaskId>)).map((x) => [x.tenant, x.completedOn])).toEqual([[u, "2024-01-10"]])
        }))
    })

    // ---------------------------------------------------------------- many keys

    describe("many keys", () => {
      // More keys than one SQLite statement's parameters (32,766), so a store that
      // chunks merges the chunks in order; the known keys stand at both ends and in the
      // middle of the list, in reverse order.
      it.effect("every read by keys takes 40,000 keys and answers in its order", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const five = (prefix: string) => Array.from({ length: 5 }, (_, i) => `${prefix}${i + 1}`)
          const [codes, members, agreementIds, needIds, resourceIds, projectIds, teamIds, postIds, meetingIds, taskIds] = [
            "u", "m", "a", "n", "r", "p", "tm", "s", "j", "k"
          ].map(five) as [Array<string>, Array<string>, Array<string>, Array<string>, Array<string>, Array<string>, Array<string>, Array<string>, Array<string>, Array<string>]
          const units = codes.flatMap((c) => [unit(t, c, "2020-01-01", { to: "2021-01-01" }), unit(t, c, "2021-01-01", { change: "transfer" })])
          const enrolments = members.flatMap((m, i) => [
            enrolment(t, m, "2020-01-01", { to: "2021-01-01", skills: [`skill${i}`] }),
            enrolment(t, m, "2021-01-01", { change: "transfer" })
          ])
          const agreements = agreementIds.map((id) => agreement(t, id))
          const needs = needIds.map((id) => need(t, id))
          const resources = resourceIds.map((id) => resource(t, id))
          const projects = projectIds.map((id, i) =>
            project(t, id, [`${needIds[i]}/${resourceIds[4 - i]}/1`, `${needIds[(i + 1) % 5]}/${resourceIds[i]}/2`])
          )
          const reports = projectIds.flatMap((id, i) => [progress(t, id, "2024-02-01", 20 + i), progress(t, id, "2024-01-01", 10)])
          const teams = teamIds.map((id) => team(t, id, "2020-01-01"))
          const posts = postIds.map((id, i) => post(t, id, { team: teamIds[i]! }))
          const claims = postIds.flatMap((id, i) => [claim(t, id, members[i]!, "2021-01-01"), claim(t, id, members[4 - i]!, "2021-02-01")])
          const meetings = meetingIds.map((id, i) => jointMeeting(t, id, `2024-0${5 - i}-01`, { units: codes.slice(i) }))
          const tasks = taskIds.map((id, i) => task(t, id, meetingIds[4 - i]!, "2024-06-01"))
          yield* store.enrolments.addUnits(units)
          yield* store.enrolments.addMembers(enrolments)
          yield* store.agreements.addAgreements(agreements)
          yield* store.agreements.addNeeds(needs)
          yield* store.agreements.addResources(resources)
          yield* store.agreements.addProjects(projects)
          yield* store.agreements.putProgress(reports)
          yield* store.volunteers.addTeams(teams)
          yield* store.volunteers.addPosts(posts)
          yield* store.volunteers.addClaims(claims)
          yield* store.jointMeetings.add(meetings)
          yield* store.jointMeetings.putTasks(tasks)
          const allocations = projects.flatMap(Project.allocationRows)
          expect(spread(codes).length).toBe(many)

          expect(yield* store.enrolments.unitsOf(t, spread<CreditCode.CreditCode>(codes))).toEqual(sortBy(units, ...byUnit))
          expect(yield* store.enrolments.membersOf(t, spread<Member.MemberId>(members))).toEqual(sortBy(enrolments, ...byMember))
          expect(yield* store.agreements.agreementsOf(t, spread<Agreement.AgreementId>(agreementIds))).toEqual(agreements)
          expect(yield* store.agreements.needsOf(t, spread<Need.NeedId>(needIds))).toEqual(needs)
          expect(yield* store.agreements.resourcesOf(t, spread<Resource.ResourceId>(resourceIds))).toEqual(resources)
          expect(yield* store.agreements.projectsOf(t, spread<Project.ProjectId>(projectIds))).toEqual(projects)
          expect(yield* store.agreements.allocationsTo(t, spread<Need.NeedId>(needIds))).toEqual(sortBy(allocations, ...toNeed))
          expect(yield* store.agreements.allocationsFrom(t, spread<Resource.ResourceId>(resourceIds))).toEqual(
            sortBy(allocations, ...fromResource)
          )
          expect(yield* store.agreements.progressOf(t, spread<Project.ProjectId>(projectIds))).toEqual(sortBy(reports, ...byReport))
          expect(yield* store.volunteers.teamsOf(t, spread<Volunteering.TeamId>(teamIds))).toEqual(teams)
          expect(yield* store.volunteers.postsOf(t, spread<Volunteering.PostId>(postIds))).toEqual(posts)
          expect(yield* store.volunteers.claimsOn(t, spread<Volunteering.PostId>(postIds))).toEqual(sortBy(claims, ...onPost))
          expect(yield* store.volunteers.claimsOf(t, spread<Member.MemberId>(members))).toEqual(sortBy(claims, ...ofMember))
          expect(yield* store.jointMeetings.getMany(t, spread<JointMeeting.JointMeetingId>(meetingIds))).toEqual(meetings)
          expect(yield* store.jointMeetings.tasksOf(t, spread<JointMeeting.TaskId>(taskIds))).toEqual(tasks)
          expect(yield* store.jointMeetings.tasksIn(t, spread<JointMeeting.JointMeetingId>(meetingIds))).toEqual(sortBy(tasks, ...inMeeting))
        }), { timeout: 120_000 })

      it.effect("writes, replaces, closes and reads 20,000 rows a call (more than one statement's parameters)", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const size = 20_000
          const ids = Array.from({ length: size }, (_, i) => `x${String(i).padStart(5, "0")}`)
          const units = ids.map((id) => unit(t, id, "2020-01-01"))
          const claims = ids.map((id, i) => claim(t, `s${i % 3}`, id, "2020-01-01"))
          const reports = ids.map((id) => progress(t, id, "2024-01-01", 10))
          const tasks = ids.map((id, i) => task(t, id, `j${i % 3}`, "2024-06-01"))
          yield* store.enrolments.addUnits(units)
          yield* store.enrolments.addMembers(ids.map((id) => enrolment(t, id, "2020-01-01", { skills: ["a", "b"] })))
          yield* store.volunteers.addClaims(claims)
          yield* store.agreements.putProgress(reports)
          yield* store.jointMeetings.putTasks(tasks)
          // Twenty projects of a thousand allocations each: 20,000 allocation rows in one call.
          const projects = Array.from({ length: 20 }, (_, p) =>
            project(t, `p${String(p).padStart(2, "0")}`, Array.from({ length: 1000 }, (_, i) => `n${String(i).padStart(4, "0")}/r${p}/1`))
          )
          yield* store.agreements.addProjects(projects)

          expect(yield* store.enrolments.unitsOf(t, ids.map(cc))).toEqual(units)
          // A call refused by its last row writes none of the chunks before it.
          const refusedUnits = yield* Effect.flip(
            store.enrolments.addUnits([...ids.map((id) => unit(t, id, "2019-01-01", { to: "2020-01-01" })), units[0]!])
          )
          expect(refusedUnits).toMatchObject({ _tag: "StoreError" })
          const more = projects.map((p) => ({ ...p, id: `q${p.id}` as Project.ProjectId }))
          const refusedProjects = yield* Effect.flip(store.agreements.addProjects([...more, projects[0]!]))
          expect(refusedProjects).toMatchObject({ _tag: "StoreError" })
          expect(yield* store.enrolments.unitsOf(t, ids.map(cc))).toEqual(units)
          expect(yield* store.agreements.projectsOf(t, more.map((p) => p.id))).toEqual([])
          expect(yield* store.agreements.allocationsTo(t, ["n0000"] as Array<Need.NeedId>)).toHaveLength(20)
          yield* store.enrolments.closeUnits(t, units.map((u) => ({ creditCode: u.creditCode, validFrom: u.validFrom })), day("2022-01-01"))
          expect(yield* store.enrolments.unitsAt(t, day("2022-01-01"))).toEqual([])
          expect(yield* store.enrolments.unitsAt(t, day("2021-12-31"))).toHaveLength(size)
          yield* store.enrolments.closeMembers(t, ids.map((id) => ({ memberId: memberId(id), validFrom: day("2020-01-01") })), day("2020-01-01"))
          expect(yield* store.enrolments.membersOf(t, ids.map(memberId))).toEqual([])
          expect(yield* store.volunteers.claimsOn(t, ["s0", "s1", "s2"] as Array<Volunteering.PostId>)).toEqual(sortBy(claims, ...onPost))
          yield* store.volunteers.closeClaims(t, claims.map((c) => ({ postId: c.postId, memberId: c.memberId, validFrom: c.validFrom })), day("2021-01-01"))
          expect(yield* store.volunteers.claimsAt(t, day("2021-01-01"))).toEqual([])
          expect(yield* store.volunteers.claimsAt(t, day("2020-12-31"))).toHaveLength(size)
          yield* store.agreements.putProgress(reports.map((r) => ({ ...r, percent: 40 })))
          expect(yield* store.agreements.progress(t)).toEqual(reports.map((r) => ({ ...r, percent: 40 })))
          yield* store.jointMeetings.putTasks(tasks.map((k) => ({ ...k, completedOn: day("2024-05-01") })))
          expect(yield* store.jointMeetings.tasksOf(t, ids as Array<JointMeeting.TaskId>)).toEqual(
            tasks.map((k) => ({ ...k, completedOn: day("2024-05-01") }))
          )
          expect(yield* store.agreements.projects(t)).toEqual(projects)
          const allocations = projects.flatMap(Project.allocationRows)
          expect(yield* store.agreements.allocationsFrom(t, projects.map((_, p) => `r${p}`) as Array<Resource.ResourceId>)).toEqual(
            sortBy(allocations, ...fromResource)
          )
          expect(yield* store.agreements.allocationsTo(t, ["n0000", "n0999"] as Array<Need.NeedId>)).toHaveLength(40)
        }), { timeout: 120_000 })
    })

    // --------------------------------------------------------------- properties

    describe("properties", () => {
      // Ids and text that sort differently by UTF-16 unit and by code point, and that
      // JSON (or a list joined with commas) must escape.
      const id = FastCheck.constantFrom("a", "b", "B", "ab", "a b", "é", "中", "𠀀", "\uFFFD", "z", "a,b", "[\"x\"]")
      const text = FastCheck.array(
        FastCheck.constantFrom("a", "中", "𠀀", "'", "\"", "\\", " ", "é", "%", "_", "\u00a0", ",", "[", "]", "{", "}"),
        { maxLength: 6 }
      ).map((cs) => cs.join(""))
      const skills = FastCheck.uniqueArray(text, { maxLength: 4 })
      const lines = FastCheck.array(text, { maxLength: 3 })
      const epoch = day("2020-01-01")
      const date = FastCheck.integer({ min: 0, max: 60 }).map((n) => IsoDate.addDays(epoch, n))
      const interval = FastCheck.tuple(
        FastCheck.integer({ min: 0, max: 40 }),
        FastCheck.option(FastCheck.integer({ min: 1, max: 20 }), { nil: null })
      ).map(([from, length]): Interval => ({
        validFrom: IsoDate.addDays(epoch, from),
        validTo: length === null ? null : IsoDate.addDays(epoch, from + length)
      }))
      const quantity = FastCheck.oneof(FastCheck.integer({ min: 1, max: 1_000_000 }), FastCheck.constantFrom(1, 1_000_000))
      const change = FastCheck.constantFrom<Enrolment.EnrolmentChange>("enrol", "transfer")

      const tenantRows = FastCheck.record({
        units: FastCheck.uniqueArray(FastCheck.record({ code: id, interval, name: text, street: text, change }), {
          selector: (u) => `${u.code} ${u.interval.validFrom}`,
          maxLength: 10
        }),
        members: FastCheck.uniqueArray(
          FastCheck.record({
            member: id,
            interval,
            community: text,
            unit: FastCheck.option(id, { nil: null }),
            home: FastCheck.option(text, { nil: null }),
            skills,
            interest: FastCheck.option(text, { nil: null }),
            change
          }),
          { selector: (m) => `${m.member} ${m.interval.validFrom}`, maxLength: 10 }
        ),
        agreements: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            organisation: id,
            unit: id,
            unitOrganisation: text,
            from: date,
            to: date,
            commitments: FastCheck.record({ organisation: lines, members: lines, resources: lines, matters: lines })
          }),
          { selector: (a) => a.id, maxLength: 6 }
        ),
        needs: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            grid: text,
            category: text,
            title: text,
            quantity,
            priority: FastCheck.integer({ min: 0, max: 100 }),
            skills,
            on: date
          }),
          { selector: (n) => n.id, maxLength: 6 }
        ),
        resources: FastCheck.uniqueArray(
          FastCheck.record({ id, unit: id, grid: text, category: text, title: text, capacity: quantity, skills, on: date }),
          { selector: (r) => r.id, maxLength: 6 }
        ),
        projects: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            agreement: id,
            title: text,
            weight: FastCheck.integer({ min: 1, max: 1000 }),
            allocations: FastCheck.uniqueArray(FastCheck.record({ needId: id, resourceId: id, units: quantity }), {
              selector: (a) => `${a.needId} ${a.resourceId}`,
              minLength: 1,
              maxLength: 4
            }),
            from: date,
            to: date
          }),
          { selector: (p) => p.id, maxLength: 6 }
        ),
        progress: FastCheck.uniqueArray(
          FastCheck.record({ project: id, on: date, percent: FastCheck.integer({ min: 0, max: 100 }) }),
          { selector: (p) => `${p.project} ${p.on}`, maxLength: 10 }
        ),
        teams: FastCheck.uniqueArray(FastCheck.record({ id, interval, name: text }), { selector: (tm) => tm.id, maxLength: 6 }),
        posts: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            team: id,
            title: text,
            category: text,
            skills,
            capacity: FastCheck.oneof(FastCheck.integer({ min: 1, max: 10_000 }), FastCheck.constant(10_000)),
            on: date
          }),
          { selector: (s) => s.id, maxLength: 6 }
        ),
        claims: FastCheck.uniqueArray(FastCheck.record({ post: id, member: id, interval }), {
          selector: (c) => `${c.post} ${c.member} ${c.interval.validFrom}`,
          maxLength: 12
        }),
        meetings: FastCheck.uniqueArray(
          FastCheck.record({ id, street: text, date, topic: text, units: FastCheck.uniqueArray(id, { maxLength: 4 }) }),
          { selector: (j) => j.id, maxLength: 6 }
        ),
        tasks: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            meeting: id,
            text,
            unit: FastCheck.option(id, { nil: null }),
            due: date,
            completedOn: FastCheck.option(date, { nil: null })
          }),
          { selector: (k) => k.id, maxLength: 8 }
        ),
        day: date,
        to: date,
        keys: FastCheck.array(id, { maxLength: 4 })
      })

      type Input = typeof tenantRows extends FastCheck.Arbitrary<infer A> ? A : never

      /** The input as the port's rows of a tenant. */
      const rowsOf = (t: Tenant.Tenant, input: Input) => ({
        units: input.units.map((u) =>
          unit(t, u.code, u.interval.validFrom, { to: u.interval.validTo, name: u.name, street: u.street, change: u.change })
        ),
        members: input.members.map((m) =>
          enrolment(t, m.member, m.interval.validFrom, {
            to: m.interval.validTo,
            community: m.community,
            unit: m.unit,
            home: m.home,
            skills: m.skills,
            interest: m.interest,
            change: m.change
          })
        ),
        agreements: input.agreements.map((a) => agreement(t, a.id, a)),
        needs: input.needs.map((n) => need(t, n.id, n)),
        resources: input.resources.map((r) => resource(t, r.id, r)),
        projects: input.projects.map((p) =>
          project(
            t,
            p.id,
            p.allocations.map((a) => ({ needId: a.needId as Need.NeedId, resourceId: a.resourceId as Resource.ResourceId, units: a.units })),
            p
          )
        ),
        progress: input.progress.map((p) => progress(t, p.project, p.on, p.percent)),
        teams: input.teams.map((tm) => team(t, tm.id, tm.interval.validFrom, tm.interval.validTo, tm.name)),
        posts: input.posts.map((s) => post(t, s.id, s)),
        claims: input.claims.map((c) => claim(t, c.post, c.member, c.interval.validFrom, c.interval.validTo)),
        meetings: input.meetings.map((j) => jointMeeting(t, j.id, j.date, j)),
        tasks: input.tasks.map((k) => task(t, k.id, k.meeting, k.due, { text: k.text, unit: k.unit, completedOn: k.completedOn }))
      })

      /** Writes the input's rows under a fresh tenant. */
      const written = (input: Input) =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          const rows = rowsOf(t, input)
          yield* store.enrolments.addUnits(rows.units)
          yield* store.enrolments.addMembers(rows.members)
          yield* store.agreements.addAgreements(rows.agreements)
          yield* store.agreements.addNeeds(rows.needs)
          yield* store.agreements.addResources(rows.resources)
          yield* store.agreements.addProjects(rows.projects)
          yield* store.agreements.putProgress(rows.progress)
          yield* store.volunteers.addTeams(rows.teams)
          yield* store.volunteers.addPosts(rows.posts)
          yield* store.volunteers.addClaims(rows.claims)
          yield* store.jointMeetings.add(rows.meetings)
          yield* store.jointMeetings.putTasks(rows.tasks)
          return { t, rows }
        })

      it.effect.prop(
        "random rows come back as written, from every read, in its order",
        { input: tenantRows },
        ({ input }) =>
          Effect.gen(function*() {
            const store = yield* ports
            const { rows, t } = yield* written(input)
            const keys = input.keys
            const hasKey = (k: string) => keys.includes(k)
            const at = input.day
            const allocations = rows.projects.flatMap(Project.allocationRows)

            expect(yield* store.enrolments.unitsOf(t, keys.map(cc))).toEqual(sortBy(rows.units.filter((u) => hasKey(u.creditCode)), ...byUnit))
            expectInOrder(yield* store.enrolments.unitsAt(t, at), rows.units.filter(valid(at)), [byUnit[0]], [byUnit[1]])
            expect(yield* store.enrolments.membersOf(t, keys.map(memberId))).toEqual(
              sortBy(rows.members.filter((m) => hasKey(m.memberId)), ...byMember)
            )
            expectInOrder(yield* store.enrolments.membersAt(t, at), rows.members.filter(valid(at)), [byMember[0]], [byMember[1]])

            expect(yield* store.agreements.agreementsOf(t, keys as Array<Agreement.AgreementId>)).toEqual(
              sortBy(rows.agreements.filter((a) => hasKey(a.id)), byId)
            )
            expect(yield* store.agreements.agreements(t)).toEqual(sortBy(rows.agreements, byId))
            expect(yield* store.agreements.needsOf(t, keys as Array<Need.NeedId>)).toEqual(sortBy(rows.needs.filter((n) => hasKey(n.id)), byId))
            expect(yield* store.agreements.needs(t)).toEqual(sortBy(rows.needs, byId))
            expect(yield* store.agreements.resourcesOf(t, keys as Array<Resource.ResourceId>)).toEqual(
              sortBy(rows.resources.filter((r) => hasKey(r.id)), byId)
            )
            expect(yield* store.agreements.resources(t)).toEqual(sortBy(rows.resources, byId))
            expect(yield* store.agreements.projectsOf(t, keys as Array<Project.ProjectId>)).toEqual(
              sortBy(rows.projects.filter((p) => hasKey(p.id)), byId)
            )
            expect(yield* store.agreements.projects(t)).toEqual(sortBy(rows.projects, byId))
            expect(yield* store.agreements.allocationsTo(t, keys as Array<Need.NeedId>)).toEqual(
              sortBy(allocations.filter((a) => hasKey(a.needId)), ...toNeed)
            )
            expect(yield* store.agreements.allocationsFrom(t, keys as Array<Resource.ResourceId>)).toEqual(
              sortBy(allocations.filter((a) => hasKey(a.resourceId)), ...fromResource)
            )
            expect(yield* store.agreements.progressOf(t, keys as Array<Project.ProjectId>)).toEqual(
              sortBy(rows.progress.filter((p) => hasKey(p.projectId)), ...byReport)
            )
            expect(yield* store.agreements.progress(t)).toEqual(sortBy(rows.progress, ...byReport))

            expect(yield* store.volunteers.teamsOf(t, keys as Array<Volunteering.TeamId>)).toEqual(sortBy(rows.teams.filter((tm) => hasKey(tm.id)), byId))
            expect(yield* store.volunteers.teamsAt(t, at)).toEqual(sortBy(rows.teams.filter(valid(at)), byId))
            expect(yield* store.volunteers.postsOf(t, keys as Array<Volunteering.PostId>)).toEqual(sortBy(rows.posts.filter((s) => hasKey(s.id)), byId))
            expect(yield* store.volunteers.posts(t)).toEqual(sortBy(rows.posts, byId))
            expect(yield* store.volunteers.claimsOn(t, keys as Array<Volunteering.PostId>)).toEqual(
              sortBy(rows.claims.filter((c) => hasKey(c.postId)), ...onPost)
            )
            expect(yield* store.volunteers.claimsOf(t, keys.map(memberId))).toEqual(sortBy(rows.claims.filter((c) => hasKey(c.memberId)), ...ofMember))
            expectInOrder(yield* store.volunteers.claimsAt(t, at), rows.claims.filter(valid(at)), onPost.slice(0, 2), onPost.slice(2))

            expect(yield* store.jointMeetings.getMany(t, keys as Array<JointMeeting.JointMeetingId>)).toEqual(
              sortBy(rows.meetings.filter((j) => hasKey(j.id)), byId)
            )
            expect(yield* store.jointMeetings.between(t, input.day, input.to)).toEqual(
              sortBy(rows.meetings.filter((j) => j.date >= input.day && j.date < input.to), ...byDate)
            )
            expect(yield* store.jointMeetings.tasksOf(t, keys as Array<JointMeeting.TaskId>)).toEqual(sortBy(rows.tasks.filter((k) => hasKey(k.id)), byId))
            expect(yield* store.jointMeetings.tasksIn(t, keys as Array<JointMeeting.JointMeetingId>)).toEqual(
              sortBy(rows.tasks.filter((k) => hasKey(k.meetingId)), ...inMeeting)
            )
            // Everything, all at once.
            expect(yield* store.enrolments.unitsOf(t, rows.units.map((u) => u.creditCode))).toEqual(sortBy(rows.units, ...byUnit))
            expect(yield* store.enrolments.membersOf(t, rows.members.map((m) => m.memberId))).toEqual(sortBy(rows.members, ...byMember))
            expect(yield* store.volunteers.claimsOn(t, rows.claims.map((c) => c.postId))).toEqual(sortBy(rows.claims, ...onPost))
            expect(yield* store.jointMeetings.getMany(t, rows.meetings.map((j) => j.id))).toEqual(sortBy(rows.meetings, byId))
            expect(yield* store.jointMeetings.tasksOf(t, rows.tasks.map((k) => k.id))).toEqual(sortBy(rows.tasks, byId))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )

      it.effect.prop(
        "closeUnits, closeMembers and closeClaims agree with the documented contract",
        { input: tenantRows },
        ({ input }) =>
          Effect.gen(function*() {
            const store = yield* ports
            const { rows, t } = yield* written(input)
            // Close the rows of the drawn keys (and a key that names no row) on the drawn day.
            const hit = (k: string) => input.keys.includes(k)
            const on = input.day
            yield* store.enrolments.closeUnits(
              t,
              [...rows.units.filter((u) => hit(u.creditCode)), unit(t, "none", "2020-01-01")].map((u) => ({
                creditCode: u.creditCode,
                validFrom: u.validFrom
              })),
              on
            )
            yield* store.enrolments.closeMembers(
              t,
              rows.members.filter((m) => hit(m.memberId)).map((m) => ({ memberId: m.memberId, validFrom: m.validFrom })),
              on
            )
            yield* store.volunteers.closeClaims(
              t,
              rows.claims.filter((c) => hit(c.postId)).map((c) => ({ postId: c.postId, memberId: c.memberId, validFrom: c.validFrom })),
              on
            )
            const units = closed(rows.units, (u) => hit(u.creditCode), on)
            const members = closed(rows.members, (m) => hit(m.memberId), on)
            const claims = closed(rows.claims, (c) => hit(c.postId), on)
            expect(yield* store.enrolments.unitsOf(t, rows.units.map((u) => u.creditCode))).toEqual(sortBy(units, ...byUnit))
            expectInOrder(yield* store.enrolments.unitsAt(t, input.to), units.filter(valid(input.to)), [byUnit[0]], [byUnit[1]])
            expect(yield* store.enrolments.membersOf(t, rows.members.map((m) => m.memberId))).toEqual(sortBy(members, ...byMember))
            expectInOrder(yield* store.enrolments.membersAt(t, input.to), members.filter(valid(input.to)), [byMember[0]], [byMember[1]])
            expect(yield* store.volunteers.claimsOf(t, rows.claims.map((c) => c.memberId))).toEqual(sortBy(claims, ...ofMember))
            expectInOrder(yield* store.volunteers.claimsAt(t, input.to), claims.filter(valid(input.to)), onPost.slice(0, 2), onPost.slice(2))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )

      const batches = FastCheck.array(
        FastCheck.record({
          progress: FastCheck.array(
            FastCheck.record({
              project: FastCheck.constantFrom("p", "q", "中"),
              on: FastCheck.integer({ min: 0, max: 2 }).map((n) => IsoDate.addDays(epoch, n)),
              percent: FastCheck.integer({ min: 0, max: 100 })
            }),
            { maxLength: 5 }
          ),
          tasks: FastCheck.array(
            FastCheck.record({
              id: FastCheck.constantFrom("k", "l", "𠀀"),
              meeting: FastCheck.constantFrom("j", "i"),
              text,
              unit: FastCheck.option(id, { nil: null }),
              due: date,
              completedOn: FastCheck.option(date, { nil: null })
            }),
            { maxLength: 5 }
          )
        }),
        { minLength: 1, maxLength: 5 }
      )

      it.effect.prop(
        "putProgress and putTasks: after any batches, each key holds its last write",
        { batches },
        ({ batches }) =>
          Effect.gen(function*() {
            const store = yield* ports
            const t = freshTenant()
            const reports = batches.map((b) => b.progress.map((p) => progress(t, p.project, p.on, p.percent)))
            const tasks = batches.map((b) => b.tasks.map((k) => task(t, k.id, k.meeting, k.due, k)))
            for (let i = 0; i < batches.length; i++) {
              yield* store.agreements.putProgress(reports[i]!)
              yield* store.jointMeetings.putTasks(tasks[i]!)
            }
            const lastReports = lastWins(reports.flat(), (p) => `${p.projectId} ${p.on}`)
            const lastTasks = lastWins(tasks.flat(), (k) => k.id)
            expect(yield* store.agreements.progress(t)).toEqual(sortBy(lastReports, ...byReport))
            expect(yield* store.agreements.progressOf(t, ["q", "p", "中"] as Array<Project.ProjectId>)).toEqual(sortBy(lastReports, ...byReport))
            expect(yield* store.jointMeetings.tasksOf(t, ["𠀀", "l", "k"] as Array<JointMeeting.TaskId>)).toEqual(sortBy(lastTasks, byId))
            expect(yield* store.jointMeetings.tasksIn(t, ["j", "i"] as Array<JointMeeting.JointMeetingId>)).toEqual(
              sortBy(lastTasks, ...inMeeting)
            )
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )
    })
  })
}
