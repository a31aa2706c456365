/**
 * The CoConstructions service over the memory store: the worked example of
 * docs/coconstruction.md (双报到, an agreement, its two lists, a project, teams and
 * posts, a joint meeting, and two explained matches), then refusals that write nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  type CoConstructionCommand,
  CoConstructionConfig,
  CoConstructions,
  CoConstructionStore,
  GridConfig,
  type GridCommand,
  Grids,
  MemoryStore,
  type OrganisationCommand,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { StorePorts } from "@jiceng/testkit"
import { Effect, Either, Layer, TestClock } from "effect"

const tenant = "131102"
const admin = Actor.system(tenant)
const hexi = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: "131102001" })
const hedong = Actor.make({ id: "河东街道组织员", tenant, roles: ["party_organiser"], scope: "131102002" })
const viewer = Actor.make({ id: "查看者", tenant, roles: ["viewer"], scope: tenant })

const layer = Layer.mergeAll(CoConstructions.layer, Organisations.layer, Grids.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer()))
)

const power = "91131102MA0000001B"
const hospital = "91131102MA0000002E"

const grids: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002", name: "河东街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001002", name: "幸福社区", parentCode: "131102001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002001", name: "锦华社区", parentCode: "131102002", validFrom: "2023-01-01" }
]

const organisations: ReadonlyArray<OrganisationCommand.Input> = [
  { _tag: "FormOrganisation", id: "hx", kind: "committee", name: "河西街道党工委", parentId: null, sector: "community", grids: ["131102001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "mz", kind: "committee", name: "明珠社区党委", parentId: "hx", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" }
]

/** The worked example: every command of docs/coconstruction.md, in order. */
export const workedExample: ReadonlyArray<CoConstructionCommand.Input> = [
  // 双报到: two units with 河西街道, three in-service members with 明珠社区.
  { _tag: "EnrolUnit", creditCode: power, name: "国网衡水供电公司", streetCode: "131102001", at: "2024-01-05" },
  { _tag: "EnrolUnit", creditCode: hospital, name: "桃城区人民医院", streetCode: "131102001", at: "2024-01-08" },
  { _tag: "EnrolMember", memberId: "p1", communityCode: "131102001001", unitCreditCode: power, homeOrganisation: "国网衡水供电公司机关党支部", skills: ["electrician"], interest: "living", at: "2024-01-10" },
  { _tag: "EnrolMember", memberId: "p2", communityCode: "131102001001", unitCreditCode: hospital, homeOrganisation: "桃城区人民医院第一党支部", skills: ["medicine"], interest: "care", at: "2024-01-12" },
  { _tag: "EnrolMember", memberId: "p3", communityCode: "131102001001", homeOrganisation: "市直机关某党支部", at: "2024-01-15" },
  // 一协议: 明珠社区党委 and the power company's 党委, for a year, with the four pillars.
  {
    _tag: "SignAgreement",
    id: "a1",
    organisationId: "mz",
    unitCreditCode: power,
    unitOrganisation: "国网衡水供电公司党委",
    from: "2024-02-01",
    to: "2025-02-01",
    commitments: {
      organisation: ["每季度联合开展一次主题党日"],
      members: ["在职党员到明珠社区报到并认领岗位"],
      resources: ["开放职工活动中心供社区使用"],
      matters: ["为老旧小区检修入户线路"]
    }
  },
  // 两清单: the communities' needs, the units' resources.
  { _tag: "ListNeed", id: "n1", gridCode: "131102001001", category: "electric", title: "老旧小区线路检修", quantity: 12, priority: 5, skills: ["electrician"], at: "2024-02-10" },
  { _tag: "ListNeed", id: "n2", gridCode: "131102001001", category: "health", title: "独居老人健康随访", quantity: 30, priority: 8, skills: ["medicine"], at: "2024-02-10" },
  { _tag: "ListNeed", id: "n3", gridCode: "131102001002", category: "health", title: "社区义诊", quantity: 10, priority: 2, skills: ["medicine"], at: "2024-02-12" },
  { _tag: "ListResource", id: "r1", unitCreditCode: power, gridCode: "131102001", category: "electric", title: "供电服务队", capacity: 20, skills: ["electrician"], at: "2024-02-15" },
  { _tag: "ListResource", id: "r2", unitCreditCode: hospital, gridCode: "131102001", category: "health", title: "家庭医生团队", capacity: 20, skills: ["medicine", "nursing"], at: "2024-02-15" },
  // A project gives 12 of the power company's units to the wiring need, and is completed.
  { _tag: "StartProject", id: "pr1", agreementId: "a1", title: "明珠社区老旧线路改造", weight: 2, allocations: [{ needId: "n1", resourceId: "r1", units: 12 }], from: "2024-03-01", to: "2024-09-01" },
  { _tag: "ReportProgress", projectId: "pr1", on: "2024-05-31", percent: 60 },
  { _tag: "ReportProgress", projectId: "pr1", on: "2024-06-30", percent: 100 },
  // Volunteering: a team for 明珠社区 and three posts.
  { _tag: "FormTeam", id: "t1", name: "明珠社区志愿服务队", gridCode: "131102001001", at: "2024-01-01" },
  { _tag: "OpenPost", id: "ps1", teamId: "t1", title: "政策宣讲员", category: "policy", capacity: 2, at: "2024-02-01" },
  { _tag: "OpenPost", id: "ps2", teamId: "t1", title: "独居老人照护", category: "care", skills: ["medicine"], capacity: 1, at: "2024-02-01" },
  { _tag: "OpenPost", id: "ps3", teamId: "t1", title: "电路义务维修", category: "living", skills: ["electrician"], capacity: 1, at: "2024-02-01" },
  // A joint meeting of 河西街道 with both units: one decision, a task, completed.
  {
    _tag: "HoldJointMeeting",
    id: "jm1",
    streetCode: "131102001",
    date: "2024-04-10",
    topic: "2024年第二季度党建联席会议",
    units: [power, hospital],
    decisions: [{ taskId: "tk1", text: "供电公司为明珠社区检修入户线路", unitCreditCode: power, due: "2024-06-30" }]
  },
  { _tag: "CompleteTask", taskId: "tk1", at: "2024-06-20" }
]

const setUp = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
  yield* (yield* Grids.Grids).executeAll(admin, grids)
  yield* (yield* Organisations.Organisations).executeAll(admin, organisations)
  const service = yield* CoConstructions.CoConstructions
  yield* service.executeAll(hexi, workedExample)
  return service
})

/** Everything the co-construction store and the audit log hold for the tenant. */
const snapshot = Effect.gen(function*() {
  const store = yield* CoConstructionStore.CoConstructionStore
  const ports = yield* StorePorts.all
  const t = admin.tenant
  return {
    units: yield* store.enrolments.unitsOf(t, [power, hospital] as never),
    members: yield* store.enrolments.membersOf(t, ["p1", "p2", "p3", "p4"] as never),
    projects: yield* store.agreements.projects(t),
    progress: yield* store.agreements.progress(t),
    claims: yield* store.volunteers.claimsOn(t, ["ps1", "ps2", "ps3"] as never),
    audit: yield* ports.audit.list(t, { afterSeq: 0, limit: 100_000 })
  }
})

const refusedBy = (actor: Actor.Actor, input: unknown) =>
  Effect.gen(function*() {
    const service = yield* CoConstructions.CoConstructions
    const before = yield* snapshot
    const result = yield* Effect.either(service.executeUnknown(actor, input))
    expect(yield* snapshot).toEqual(before)
    if (Either.isRight(result)) throw new Error("expected a refusal")
    return result.left
  })

const at = "2024-12-31"

describe("CoConstructions", () => {
  it.effect("the worked example: enrolments, the agreement's progress, lists with what remains, posts, the meeting's task", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      expect(yield* service.countUnits(viewer, { at })).toEqual([{ gridCode: "131102001", count: 2 }])
      expect(yield* service.countMembers(viewer, { at })).toEqual([{ gridCode: "131102001001", count: 3 }])
      const [agreement] = yield* service.agreements(viewer, { at: "2024-07-01" })
      expect(agreement).toMatchObject({ running: true, projects: 1, progress: 100 })
      expect((yield* service.agreements(viewer, { at: "2024-06-01" }))[0]!.progress).toBe(60)
      expect((yield* service.needs(viewer, { at })).map((n) => [n.item.id, n.allocated, n.remaining])).toEqual([
        ["n1", 12, 0],
        ["n2", 0, 30],
        ["n3", 0, 10]
      ])
      expect((yield* service.resources(viewer, { at })).map((r) => [r.item.id, r.allocated, r.remaining])).toEqual([["r1", 12, 8], ["r2", 0, 20]])
      expect((yield* service.projects(viewer, { at })).map((p) => [p.project.id, p.percent, p.completed])).toEqual([["pr1", 100, true]])
      expect((yield* service.teams(viewer, { at })).map((t) => t.id)).toEqual(["t1"])
      const byCategory = yield* service.postsByCategory(viewer, { at })
      expect(byCategory.length).toBe(8)
      expect(byCategory.filter((c) => c.posts > 0).map((c) => [c.category, c.posts, c.capacity])).toEqual([
        ["policy", 1, 2],
        ["living", 1, 1],
        ["care", 1, 1]
      ])
      const [meeting] = yield* service.jointMeetings(viewer, { from: "2024-01-01", to: "2025-01-01", at: "2024-06-25" })
      expect(meeting!.tasks.map((t) => [t.task.id, t.state])).toEqual([["tk1", "completed"]])
      expect((yield* service.jointMeetings(viewer, { from: "2024-01-01", to: "2025-01-01", at: "2024-06-01" }))[0]!.tasks[0]!.state).toBe("open")
      // A street's actor sees its own street only.
      expect(yield* service.countUnits(hedong, { at })).toEqual([])
      const audit = yield* (yield* StorePorts.all).audit.list(admin.tenant, { afterSeq: 0, limit: 1000 })
      expect(audit.filter((e) => e.actor === hexi.id).length).toBe(workedExample.length)
      // A member's skills go to the audit log by count only.
      const enrolments = audit.filter((e) => e.action === "EnrolMember")
      expect(enrolments.map((e) => JSON.parse(e.detail).skills)).toEqual([1, 1, 0])
    }).pipe(Effect.provide(layer)))

  it.effect("matchNeeds: what remains of each list, each match explained", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const solution = yield* service.matchNeeds(viewer, { at })
      // n1 is served by its project; n2 gets the family doctors' 20 units, n3 none.
      expect(solution.assignments.map((a) => [a.demandId, a.supplyId, a.units, a.score])).toEqual([["n2", "r2", 20, 950]])
      expect(solution.assignments[0]!.terms.map((t) => [t.term, t.points, t.detail])).toEqual([
        ["category", 400, "health"],
        ["skills", 300, "1/1 skills"],
        ["distance", 170, "1 step"],
        ["priority", 80, "priority 8"]
      ])
      const [n2Rest, n3] = solution.unassigned
      expect([n2Rest!.demandId, n2Rest!.units, n3!.demandId, n3!.units, n3!.cause]).toEqual(["n2", 10, "n3", 10, "full"])
      expect(n3!.passedOver[0]).toMatchObject({ supplyId: "r2", score: 890, occupants: [{ demandId: "n2", units: 20, score: 950 }] })
      // n2 is not told that it is itself what fills r2.
      expect(n2Rest!.passedOver[0]).toMatchObject({ supplyId: "r2", occupants: [] })
      expect(n2Rest!.passedOver[0]!.reason.en).toBe("r2 is full: all 20 unit(s) already go to this demand")
      expect(solution.exact).toBe(true)
    }).pipe(Effect.provide(layer)))

  it.effect("matchPosts: idle enrolled members to free places, every required skill covered, their preferred category first", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const solution = yield* service.matchPosts(viewer, { at })
      expect(solution.assignments.map((a) => [a.demandId, a.supplyId])).toEqual([["p1", "ps3"], ["p2", "ps2"], ["p3", "ps1"]])
      // p3 said no category: the policy post serves at the cross-category credit.
      expect(solution.assignments[2]!.terms[0]).toMatchObject({ term: "category", value: 50 })
      // Claimed, p1 is no longer idle and ps3 no longer free.
      yield* service.execute(hexi, { _tag: "ClaimPost", postId: "ps3", memberId: "p1", at: "2024-12-01" })
      const after = yield* service.matchPosts(viewer, { at })
      expect(after.assignments.map((a) => [a.demandId, a.supplyId])).toEqual([["p2", "ps2"], ["p3", "ps1"]])
      expect((yield* service.claims(viewer, { at })).map((c) => [c.postId, c.memberId])).toEqual([["ps3", "p1"]])
    }).pipe(Effect.provide(layer)))

  it.effect("refusals write nothing: a second community, a claim over capacity, a project past a capacity or outside its term", () =>
    Effect.gen(function*() {
      yield* setUp
      const rule = (e: { readonly _tag: string }) => (e._tag === "RuleViolation" ? (e as unknown as { rule: string }).rule : e._tag)
      expect(rule(yield* refusedBy(hexi, { _tag: "EnrolMember", memberId: "p1", communityCode: "131102001002", homeOrganisation: "某支部", at: "2024-03-01" })))
        .toBe("enrolment.one-community")
      const service = yield* CoConstructions.CoConstructions
      yield* service.execute(hexi, { _tag: "ClaimPost", postId: "ps2", memberId: "p2", at: "2024-03-01" })
      expect(rule(yield* refusedBy(hexi, { _tag: "ClaimPost", postId: "ps2", memberId: "p3", skills: ["medicine"], at: "2024-04-01" }))).toBe("claim.capacity")
      expect(rule(yield* refusedBy(hexi, {
        _tag: "StartProject", id: "pr2", agreementId: "a1", title: "再改造", allocations: [{ needId: "n2", resourceId: "r1", units: 9 }], from: "2024-03-01", to: "2024-04-01"
      }))).toBe("project.capacity")
      expect(rule(yield* refusedBy(hexi, {
        _tag: "StartProject", id: "pr2", agreementId: "a1", title: "线路巡检", allocations: [{ needId: "n1", resourceId: "r1", units: 1 }], from: "2024-03-01", to: "2024-04-01"
      }))).toBe("project.quantity")
      expect(rule(yield* refusedBy(hexi, {
        _tag: "StartProject", id: "pr2", agreementId: "a1", title: "线路巡检", allocations: [{ needId: "n1", resourceId: "r1", units: 1 }], from: "2025-01-01", to: "2025-03-01"
      }))).toBe("project.term")
    }).pipe(Effect.provide(layer)))

  it.effect("bad input and scope: an invalid credit code names its field and row; another street's actor is Forbidden; nothing written", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const before = yield* snapshot
      const bad = yield* Effect.flip(service.executeAll(hexi, [
        { _tag: "EnrolUnit", creditCode: "91131102MA0000003H", name: "某公司", streetCode: "131102001", at: "2024-05-01" },
        { _tag: "EnrolUnit", creditCode: "91131102MA0000003X", name: "某公司", streetCode: "131102001", at: "2024-05-01" }
      ]))
      expect(bad._tag === "ValidationError" && [bad.field, bad.row]).toEqual(["creditCode", 2])
      const unknownOrganisation = yield* refusedBy(hexi, { ...workedExample[5]!, id: "a2", organisationId: "nowhere" } as never)
      expect(unknownOrganisation._tag === "RuleViolation" && unknownOrganisation.rule).toBe("agreement.organisation")
      const outside = yield* refusedBy(hedong, { _tag: "EnrolMember", memberId: "p9", communityCode: "131102001002", homeOrganisation: "某支部", at: "2024-05-01" })
      expect(outside._tag === "Forbidden" && outside.reason).toBe("scope")
      const role = yield* refusedBy(viewer, { _tag: "FormTeam", id: "t9", name: "队", gridCode: "131102001001", at: "2024-05-01" })
      expect(role._tag === "Forbidden" && role.reason).toBe("role")
      // A batch refused on its last row wrote none of the rows before it.
      const batch = yield* Effect.flip(service.executeAll(hexi, [
        { _tag: "EnrolUnit", creditCode: "91131102MA0000003H", name: "某公司", streetCode: "131102001", at: "2024-05-01" },
        { _tag: "EnrolUnit", creditCode: "91131102MA0000003H", name: "某公司", streetCode: "131102001", at: "2024-05-02" }
      ]))
      expect(batch._tag === "RuleViolation" && [batch.rule, batch.row]).toEqual(["unit-enrolment.once", 2])
      expect(yield* snapshot).toEqual(before)
    }).pipe(Effect.provide(layer)))

  it.effect("the example of docs/coconstruction-commands.md runs as written", () =>
    Effect.gen(function*() {
      // Imported here, so the test is one block appended to the file.
      const { readFileSync } = yield* Effect.promise(() => import("node:fs"))
      const { fileURLToPath } = yield* Effect.promise(() => import("node:url"))
      const page = readFileSync(fileURLToPath(new URL("../../../../docs/coconstruction-commands.md", import.meta.url)), "utf8")
      const block = /```ts\n[\s\S]*?= \[\n([\s\S]*?)\n\]\n```/.exec(page)![1]!
      const commands = new Function(`return [${block}]`)() as ReadonlyArray<CoConstructionCommand.Input>
      // Every command of the page, each at least once.
      expect(new Set(commands.map((c) => c._tag)).size).toBe(17)
      yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
      yield* (yield* Grids.Grids).executeAll(admin, grids)
      yield* (yield* Organisations.Organisations).executeAll(admin, organisations)
      const service = yield* CoConstructions.CoConstructions
      expect((yield* service.executeAll(admin, commands)).length).toBe(commands.length)
      // The hospital moved to 河西街道 and withdrew; p2 moved to 明珠社区 and withdrew.
      expect((yield* service.units(viewer, { at: "2024-06-01" })).map((u) => [u.creditCode, u.streetCode])).toEqual([
        [power, "131102001"],
        [hospital, "131102001"]
      ])
      expect((yield* service.units(viewer, { at })).map((u) => u.creditCode)).toEqual([power])
      expect((yield* service.members(viewer, { at: "2024-06-01" })).map((m) => [m.memberId, m.communityCode])).toEqual([
        ["p1", "131102001001"],
        ["p2", "131102001001"]
      ])
      expect((yield* service.members(viewer, { at })).map((m) => m.memberId)).toEqual(["p1"])
      expect((yield* service.projects(viewer, { at })).map((p) => [p.project.id, p.percent, p.completed])).toEqual([["pr1", 100, true]])
      expect((yield* service.claims(viewer, { at: "2024-05-01" })).map((c) => [c.postId, c.memberId])).toEqual([["ps1", "p1"], ["ps2", "p2"]])
      expect((yield* service.claims(viewer, { at })).map((c) => [c.postId, c.memberId])).toEqual([["ps1", "p1"]])
      const [meeting] = yield* service.jointMeetings(viewer, { from: "2024-01-01", to: "2025-01-01", at })
      expect(meeting!.tasks.map((t) => [t.task.id, t.state])).toEqual([["tk1", "completed"]])
    }).pipe(Effect.provide(layer)))
  it.effect("scope, from the outside review: resources given, changes before a later one, claims reading a member's skills — each Forbidden outside the scope, nothing written", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const third = "91131102MA0000003H"
      yield* service.executeAll(admin, [
        { _tag: "EnrolUnit", creditCode: third, name: "河东某公司", streetCode: "131102002", at: "2024-01-05" },
        { _tag: "ListResource", id: "r9", unitCreditCode: third, gridCode: "131102002", category: "electric", title: "河东供电队", capacity: 5, at: "2024-02-15" },
        { _tag: "FormTeam", id: "t9", name: "锦华社区志愿服务队", gridCode: "131102002001", at: "2024-01-01" },
        { _tag: "OpenPost", id: "ps9", teamId: "t9", title: "电路维修", category: "living", skills: ["electrician"], capacity: 1, at: "2024-02-01" }
      ])
      yield* service.executeAll(hexi, [
        { _tag: "SignAgreement", id: "a9", organisationId: "hx", unitCreditCode: third, unitOrganisation: "河东某公司党支部", from: "2024-02-01", to: "2025-02-01" },
        { _tag: "ListNeed", id: "n9", gridCode: "131102001001", category: "electric", title: "线路检修", quantity: 5, at: "2024-02-10" }
      ])
      const scope = (e: { readonly _tag: string }) => (e._tag === "Forbidden" ? (e as unknown as { reason: string }).reason : e._tag)
      // A resource of 河东 is not 河西's to give.
      expect(scope(yield* refusedBy(hexi, {
        _tag: "StartProject", id: "pr9", agreementId: "a9", title: "检修", allocations: [{ needId: "n9", resourceId: "r9", units: 5 }], from: "2024-03-01", to: "2024-04-01"
      }))).toBe("scope")
      // A change dated before one recorded in another street: Forbidden, not a refusal naming its day.
      const before = yield* refusedBy(hedong, { _tag: "WithdrawUnit", creditCode: power, at: "2024-01-01" })
      expect([scope(before), before.message.includes("2024-01-05")]).toEqual(["scope", false])
      expect(scope(yield* refusedBy(hedong, { _tag: "TransferEnrolment", memberId: "p1", communityCode: "131102002001", at: "2024-01-01" }))).toBe("scope")
      // Claiming 河东's post for a member of 明珠 would tell 河东 what p1 recorded.
      expect(scope(yield* refusedBy(hedong, { _tag: "ClaimPost", postId: "ps9", memberId: "p1", at: "2024-03-01" }))).toBe("scope")
      // A backdated refusal inside the scope gives no day either.
      const inside = yield* refusedBy(hexi, { _tag: "WithdrawUnit", creditCode: power, at: "2024-01-01" })
      expect(inside._tag === "RuleViolation" && [inside.rule, inside.message.includes("2024-01-05")]).toEqual(["unit-enrolment.backdated", false])
    }).pipe(Effect.provide(layer)))

  it.effect("claim.enrolled: a claim dated before a recorded withdrawal ends with the enrolment", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      yield* service.execute(hexi, { _tag: "WithdrawMember", memberId: "p2", at: "2024-07-01" })
      const [changes] = yield* service.executeAll(hexi, [{ _tag: "ClaimPost", postId: "ps2", memberId: "p2", at: "2024-06-01" }])
      expect(changes!.newClaims[0]).toMatchObject({ validFrom: "2024-06-01", validTo: "2024-07-01" })
      expect((yield* service.claims(viewer, { at: "2024-06-15" })).map((c) => c.memberId)).toEqual(["p2"])
      expect(yield* service.claims(viewer, { at: "2024-12-31" })).toEqual([])
      // The post is free again for someone else once p2's enrolment ended.
      yield* service.execute(hexi, { _tag: "EnrolMember", memberId: "p4", communityCode: "131102001001", homeOrganisation: "某支部", skills: ["medicine"], at: "2024-08-01" })
      yield* service.execute(hexi, { _tag: "ClaimPost", postId: "ps2", memberId: "p4", at: "2024-08-01" })
    }).pipe(Effect.provide(layer)))
  it.effect("matchings from the review: a community's actor matches against its street's resources; claims beginning later take their place and their member", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const mingzhu = Actor.make({ id: "明珠社区书记", tenant, roles: ["party_organiser"], scope: "131102001001" })
      // r2 is listed for 河西街道, above 明珠社区: it serves the community's n2.
      const solution = yield* service.matchNeeds(mingzhu, { at })
      expect(solution.assignments.map((a) => [a.demandId, a.supplyId, a.units])).toEqual([["n2", "r2", 20]])
      // The community's own reads stay its own: the street's resources are not listed.
      expect(yield* service.resources(mingzhu, { at })).toEqual([])
      // p1 claims 政策宣讲员 from next year: on 2024-12-31 p1 is not idle, and that post has one place left.
      yield* service.execute(hexi, { _tag: "ClaimPost", postId: "ps1", memberId: "p1", at: "2025-03-01" })
      yield* service.execute(hexi, { _tag: "ClaimPost", postId: "ps1", memberId: "p2", at: "2025-03-01" })
      const posts = yield* service.matchPosts(viewer, { at })
      // ps1 is full from 2025-03-01 on, so it is free on no day from 2024-12-31 on; p3 goes nowhere, p1 and p2 are taken.
      expect(posts.assignments.map((a) => [a.demandId, a.supplyId])).toEqual([])
      expect(posts.unassigned.map((u) => u.demandId)).toEqual(["p3"])
    }).pipe(Effect.provide(layer)))
})
