/**
 * The Development service over the memory store: a member's whole party track with the
 * facts of each day read from the organisation store (the branch's voters, the
 * introducers' standing), what is due, the pipeline, members developed, the talent
 * chain's share, the community workforce and recognition; then refusals that write
 * nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  AuditLog,
  CommunityWorkerLadder,
  Development,
  DevelopmentConfig,
  type DevelopmentCommand,
  GridConfig,
  type GridCommand,
  Grids,
  MemoryStore,
  type OrganisationCommand,
  OrganisationConfig,
  Organisations,
  PartyLadder,
  TalentChain
} from "@jiceng/core"
import { PartyPath } from "@jiceng/testkit"
import { Effect, Either, Layer, TestClock } from "effect"

const tenant = "131102"
const admin = Actor.system(tenant)
const hexi = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: "131102001" })
const hedong = Actor.make({ id: "河东街道组织员", tenant, roles: ["party_organiser"], scope: "131102002" })
const viewer = Actor.make({ id: "查看者", tenant, roles: ["viewer"], scope: tenant })

const layer = Layer.mergeAll(Development.layer, Organisations.layer, Grids.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), OrganisationConfig.layer(), DevelopmentConfig.layer()))
)

const grids: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2018-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2018-01-01" },
  { _tag: "CreateGrid", code: "131102002", name: "河东街道", parentCode: "131102", validFrom: "2018-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2018-01-01" },
  { _tag: "CreateGrid", code: "131102002001", name: "锦华社区", parentCode: "131102002", validFrom: "2018-01-01" }
]

/** 明珠社区's branch with seven full members and one under 留党察看; one probationary member. */
const organisations: ReadonlyArray<OrganisationCommand.Input> = [
  { _tag: "FormOrganisation", id: "hx", kind: "committee", name: "河西街道党工委", parentId: null, sector: "community", grids: ["131102001"], validFrom: "2018-01-01" },
  { _tag: "FormOrganisation", id: "mz", kind: "branch", name: "明珠社区党支部", parentId: "hx", sector: "community", grids: ["131102001001"], validFrom: "2018-01-01" },
  { _tag: "FormOrganisation", id: "hd", kind: "committee", name: "河东街道党工委", parentId: null, sector: "community", grids: ["131102002"], validFrom: "2018-01-01" },
  { _tag: "FormOrganisation", id: "jh", kind: "branch", name: "锦华社区党支部", parentId: "hd", sector: "community", grids: ["131102002001"], validFrom: "2018-01-01" },
  ...Array.from({ length: 7 }, (_, i): OrganisationCommand.Input => ({ _tag: "ArriveMember", memberId: `f${i + 1}`, organisationId: "mz", standing: "full", name: `党员${i + 1}`, at: "2018-06-01" })),
  { _tag: "ArriveMember", memberId: "x1", organisationId: "mz", standing: "full", name: "党员X", at: "2018-06-01" },
  { _tag: "RecordDiscipline", memberId: "x1", organisationId: "mz", measure: "probation", at: "2019-01-10", years: 2 },
  { _tag: "ArriveMember", memberId: "w-1", organisationId: "mz", standing: "full", name: "王一", at: "2021-07-01" },
  { _tag: "ArriveMember", memberId: "j1", organisationId: "jh", standing: "full", name: "锦华党员", at: "2018-06-01" },
  { _tag: "FormOrganisation", id: "lt", kind: "temporary_branch", name: "明珠花园临时党支部", parentId: "hx", sector: "community", grids: ["131102001001"], validFrom: "2020-01-01", task: { kind: "compound", name: "明珠花园" } }
]

const person: PartyPath.Person = { trackId: "t1", person: "p-1", name: "张三", birthDate: "1995-05-20", organisationId: "mz" }
/** Seven entitled (x1 is under 留党察看 in 2020–2021): six present, five yes. */
const names: PartyPath.Names = { contacts: ["f1"], introducers: ["f2", "f3"], vote: { present: 6, yes: 5, no: 1, abstain: 0 } }
const applied = "2019-03-01"

const setUp = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
  yield* (yield* Grids.Grids).executeAll(admin, grids)
  yield* (yield* Organisations.Organisations).executeAll(admin, organisations)
  return yield* Development.Development
})

const ruleOf = <A>(e: Either.Either<A, { readonly _tag: string; readonly rule?: string }>) =>
  Either.isLeft(e) ? (e.left.rule ?? e.left._tag) : "ok"

describe("Development", () => {
  it.effect("a party track from application to full membership, with the facts of each day from the organisation store", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      yield* development.executeAll(hexi, PartyPath.commands(person, applied as never, names))
      const track = yield* development.track(viewer, "t1")
      expect(track?.status).toBe("completed")
      expect(track?.stage).toBe(PartyLadder.stages.full)
      expect(track?.events.length).toBe(25)
      expect(track?.birthDate).toBe(null)
      const meeting = PartyPath.dayOf(PartyLadder.steps.admissionMeeting, applied as never)
      expect(track?.standingFrom).toBe(IsoDateAddYear(meeting))
      expect((yield* development.track(admin, "t1"))?.birthDate).toBe("1995-05-20")
      const audit = yield* (yield* AuditLog.AuditLog).list(tenant as never, { afterSeq: 0, limit: 100_000 })
      expect(audit.some((e) => e.action === "ReadTrackPii" && e.target === "t1")).toBe(true)
      expect(audit.filter((e) => e.action === "RecordStep").every((e) => !e.detail.includes("张三"))).toBe(true)
      expect(audit.filter((e) => e.action === "OpenTrack").every((e) => !e.detail.includes("张三") && !e.detail.includes("1995"))).toBe(true)
    }).pipe(Effect.provide(layer)))

  it.effect("votes count the branch's full members on the day, less those under 留党察看; introducers must be full and undisciplined", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      const upTo = (until: string, n: PartyPath.Names = names) => PartyPath.commands({ ...person, trackId: `t-${until}`, person: `p-${until}` }, applied as never, n, { until })
      // Eight full members on the roll, one suspended: seven entitled, so seven present is possible, eight is not.
      const tooMany = { ...names, vote: { present: 8, yes: 8, no: 0, abstain: 0 } }
      yield* development.executeAll(hexi, upTo(PartyLadder.steps.admissionMeeting))
      const meeting = PartyPath.dayOf(PartyLadder.steps.admissionMeeting, applied as never)
      const vote = (v: PartyPath.Names["vote"]) =>
        development.execute(hexi, { _tag: "RecordStep", trackId: `t-${PartyLadder.steps.admissionMeeting}`, step: PartyLadder.steps.admissionMeeting, on: meeting, evidence: { vote: v } }).pipe(Effect.either)
      expect(ruleOf(yield* vote(tooMany.vote))).toBe("pathway.vote-count")
      expect(ruleOf(yield* vote({ present: 3, yes: 3, no: 0, abstain: 0 }))).toBe("party.quorum")
      expect(ruleOf(yield* vote({ present: 7, yes: 3, no: 4, abstain: 0 }))).toBe("party.majority")
      const introduce = (ids: readonly [string, string]) =>
        development.executeAll(hexi, upTo(PartyLadder.steps.committeeReview, { ...names, introducers: ids })).pipe(Effect.either)
      expect(ruleOf(yield* introduce(["f1", "x1"]))).toBe("party.introducers")
      expect(ruleOf(yield* introduce(["f1", "nobody"]))).toBe("party.introducers")
      const refused = yield* introduce(["f1", "x1"])
      expect(Either.isLeft(refused) && refused.left._tag === "RuleViolation" && refused.left.row).toBe(9)
    }).pipe(Effect.provide(layer)))

  it.effect("due, pipeline and members developed, as of a day", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      yield* development.executeAll(hexi, [
        ...PartyPath.commands(person, applied as never, names),
        ...PartyPath.commands({ ...person, trackId: "t2", person: "p-2" }, "2024-10-01" as never, names, { until: PartyLadder.steps.talk }),
        ...PartyPath.commands({ ...person, trackId: "t3", person: "p-3" }, "2022-09-01" as never, names, { asOf: "2023-12-15" })
      ])
      const due = yield* development.due(viewer, { at: "2024-12-31" })
      expect(due.map((d) => [d.trackId, d.step, d.state])).toEqual([
        ["t3", PartyLadder.steps.approval, "overdue"],
        ["t2", PartyLadder.steps.talk, "overdue"],
        ["t3", PartyLadder.steps.conversionMeeting, "due"]
      ])
      const pipeline = yield* development.pipeline(viewer, { at: "2024-12-31" })
      expect(pipeline.stages.map((st) => st.count)).toEqual([1, 0, 1, 0, 0])
      expect(pipeline.completed).toBe(1)
      const developed = yield* development.developed(viewer, { from: "2020-01-01", to: "2021-12-31" })
      expect(developed.tracks).toEqual(["t1"])
      expect((yield* development.developed(hedong, { from: "2020-01-01", to: "2021-12-31" })).count).toBe(0)
    }).pipe(Effect.provide(layer)))

  it.effect("the talent chain: the share of middle managers who are party members", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      const chain = (trackId: string, who: string, member: boolean): ReadonlyArray<DevelopmentCommand.Input> => [
        { _tag: "OpenTrack", id: trackId, ladder: TalentChain.id, person: who, name: who, organisationId: "mz", on: "2021-01-01" },
        { _tag: "RecordStep", trackId, step: TalentChain.steps.outstanding, on: "2021-06-01" },
        ...(member ? [{ _tag: "RecordStep", trackId, step: TalentChain.steps.member, on: "2021-08-01" } as const] : []),
        { _tag: "RecordStep", trackId, step: TalentChain.steps.manager, on: "2022-03-01" }
      ]
      yield* development.executeAll(hexi, [...chain("c1", "w-1", true), ...chain("c2", "w-2", false)])
      const refused = yield* development.execute(hexi, { _tag: "RecordStep", trackId: "c2", step: TalentChain.steps.member, on: "2022-04-01" }).pipe(Effect.either)
      expect(ruleOf(refused)).toBe("talent.member")
      const talent = yield* development.talent(viewer, { at: "2024-12-31" })
      expect([talent.managers, talent.memberManagers, talent.share]).toEqual([2, 1, 0.5])
      // j1, a member of 锦华社区党支部 (河东), manages in 明珠社区: a member to the district, not to 河西.
      yield* development.executeAll(admin, chain("c3", "j1", false))
      expect((yield* development.talent(viewer, { at: "2024-12-31" })).memberManagers).toBe(2)
      expect((yield* development.talent(hexi, { at: "2024-12-31" })).memberManagers).toBe(1)
      expect((yield* development.talent(viewer, { at: "2022-01-01" })).managers).toBe(0)
    }).pipe(Effect.provide(layer)))

  it.effect("the community workforce: plans against hires, training person-times, qualifications by eligibility, career moves", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      const hire = (id: string, community: string, hiredOn: string, degree: "bachelor" | "associate", since: string): DevelopmentCommand.Input => ({
        _tag: "HireWorker", id, name: `社工${id}`, phone: "13800138000", communityCode: community, post: "worker", hiredOn,
        education: { degree, socialWork: true }, socialWorkSince: since
      })
      yield* development.executeAll(admin, [
        { _tag: "PlanRecruitment", gridCode: "131102", year: 2022, planned: 3 },
        { _tag: "PlanRecruitment", gridCode: "131102", year: 2023, planned: 2 },
        hire("s1", "131102001001", "2022-03-01", "bachelor", "2019-01-01"),
        hire("s2", "131102001001", "2022-05-01", "associate", "2022-05-01"),
        hire("s3", "131102002001", "2023-02-01", "bachelor", "2023-02-01"),
        { _tag: "RecordTraining", id: "k1", title: "社区工作者专业能力培训班第一期", gridCode: "131102", from: "2023-04-01", to: "2023-04-03", hours: 24, attendees: ["s1", "s2", "s3"] },
        { _tag: "RecordTraining", id: "k2", title: "第二期", gridCode: "131102", from: "2023-09-01", to: "2023-09-02", hours: 16, attendees: ["s1", "s3"] },
        { _tag: "RecordQualification", workerId: "s1", level: "intermediate", obtainedOn: "2022-11-01" },
        { _tag: "RecordQualification", workerId: "s2", level: "assistant", obtainedOn: "2024-06-01" },
        { _tag: "RecordCareerMove", id: "m1", workerId: "s1", kind: "elected-director", on: "2024-01-15" }
      ])
      const all = yield* development.workforce(viewer, { at: "2024-12-31" })
      expect(all.plans).toEqual([{ gridCode: "131102", year: 2022, planned: 3, hired: 2 }, { gridCode: "131102", year: 2023, planned: 2, hired: 1 }])
      expect(all.training).toEqual({ sessions: 2, personTimes: 5, classHours: 104 })
      expect(all.qualifications).toEqual({ assistant: 1, intermediate: 1, senior: 0 })
      expect(all.moves["elected-director"]).toBe(1)
      const west = yield* development.workforce(hexi, { at: "2024-12-31" })
      expect([west.workers, west.training.personTimes]).toEqual([2, 3])
      // s3 has a social-work bachelor and 1 year: not yet eligible for 社会工作师 (3 years).
      const early = yield* development.execute(admin, { _tag: "RecordQualification", workerId: "s3", level: "intermediate", obtainedOn: "2024-03-01" }).pipe(Effect.either)
      expect(ruleOf(early)).toBe("qualification.eligibility")
      expect(ruleOf(yield* development.execute(admin, { _tag: "RecordCareerMove", id: "m2", workerId: "s1", kind: "elected-director", on: "2024-02-01" }).pipe(Effect.either))).toBe("career.once")
      const roster = yield* development.workers(viewer, { at: "2024-12-31" })
      expect(roster.map((w) => w.phone)).toEqual(["138****8000", "138****8000", "138****8000"])
      expect(roster[0]?.qualifications).toEqual(["intermediate"])
      expect(roster.map((w) => w.moves)).toEqual([["elected-director"], [], []])
    }).pipe(Effect.provide(layer)))

  it.effect("the community worker's channel: the facts of each step from the workforce's records (class hours, qualifications)", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      yield* development.executeAll(admin, [
        { _tag: "HireWorker", id: "s1", name: "社工一", communityCode: "131102001001", post: "worker", hiredOn: "2022-03-01", education: { degree: "bachelor", socialWork: true }, socialWorkSince: "2019-01-01" },
        { _tag: "OpenTrack", id: "cw1", ladder: CommunityWorkerLadder.id, person: "s1", name: "社工一", organisationId: "mz", on: "2022-03-01" },
        { _tag: "RecordTraining", id: "k1", title: "第一期", gridCode: "131102", from: "2022-04-01", to: "2022-04-02", hours: 16, attendees: ["s1"] }
      ])
      const step = (step: string, on: string, evidence = {}) =>
        development.execute(admin, { _tag: "RecordStep", trackId: "cw1", step, on, evidence }).pipe(Effect.either)
      expect(ruleOf(yield* step(CommunityWorkerLadder.steps.trained, "2022-05-01"))).toBe("worker.trained")
      yield* development.execute(admin, { _tag: "RecordTraining", id: "k2", title: "第二期", gridCode: "131102", from: "2022-06-01", to: "2022-06-01", hours: 8, attendees: ["s1"] })
      expect(ruleOf(yield* step(CommunityWorkerLadder.steps.trained, "2022-05-31"))).toBe("worker.trained")
      expect(ruleOf(yield* step(CommunityWorkerLadder.steps.trained, "2022-06-01"))).toBe("ok")
      expect(ruleOf(yield* step(CommunityWorkerLadder.steps.intermediate, "2022-12-01"))).toBe("worker.qualified")
      yield* development.execute(admin, { _tag: "RecordQualification", workerId: "s1", level: "intermediate", obtainedOn: "2022-11-20" })
      expect(ruleOf(yield* step(CommunityWorkerLadder.steps.intermediate, "2022-12-01"))).toBe("ok")
      const pipeline = yield* development.pipeline(viewer, { ladder: CommunityWorkerLadder.id })
      expect(pipeline.stages.map((st) => [st.stage, st.count])).toEqual([["worker", 0], ["certified", 0], ["intermediate", 1], ["leader", 0]])
    }).pipe(Effect.provide(layer)))

  it.effect("recognition: honours by kind, stars and site level, and letters of good news pending delivery", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      yield* development.executeAll(hexi, [
        { _tag: "Recognise", id: "h1", kind: "star-merchant", memberId: "f1", organisationId: "mz", stars: 5, criteria: "诚信经营、服务群众", awardedBy: "区委组织部", awardedOn: "2023-12-01", letter: { hometown: "某村党支部", address: "某省某县某镇某村" } },
        { _tag: "Recognise", id: "h2", kind: "mobile-vanguard", memberId: "f2", organisationId: "mz", criteria: "奉献在商城", awardedBy: "区委组织部", awardedOn: "2023-12-01" },
        { _tag: "Recognise", id: "h3", kind: "model-site", organisationId: "mz", level: "city", criteria: "双强六好", awardedBy: "市委组织部", awardedOn: "2023-12-20" }
      ])
      const honours = yield* development.honours(viewer, { from: "2023-01-01", to: "2024-01-01" })
      expect(honours.byKind).toEqual({ "mobile-vanguard": 1, "star-merchant": 1, "model-site": 1 })
      expect(honours.sites).toEqual({ district: 0, city: 1 })
      expect(honours.stars[5]).toBe(1)
      expect(honours.letters).toEqual({ pending: 1, sent: 0 })
      expect((yield* development.letters(viewer)).map((l) => [l.honourId, l.status])).toEqual([["h1", "pending"]])
      const refusals = [
        { _tag: "Recognise", id: "h4", kind: "star-merchant", memberId: "f1", organisationId: "mz", criteria: "x", awardedBy: "x", awardedOn: "2023-12-01" },
        { _tag: "Recognise", id: "h4", kind: "model-site", memberId: "f1", organisationId: "mz", level: "city", criteria: "x", awardedBy: "x", awardedOn: "2023-12-01" },
        { _tag: "Recognise", id: "h4", kind: "mobile-vanguard", memberId: "nobody", organisationId: "mz", criteria: "x", awardedBy: "x", awardedOn: "2023-12-01" },
        { _tag: "Recognise", id: "h4", kind: "model-site", organisationId: "mz", level: "city", criteria: "x", awardedBy: "x", awardedOn: "2023-12-01", letter: { hometown: "x", address: "x" } }
      ] as const
      const rules = []
      for (const c of refusals) rules.push(ruleOf(yield* development.execute(hexi, c).pipe(Effect.either)))
      expect(rules).toEqual(["recognition.stars", "recognition.subject", "recognition.member", "recognition.letter"])
    }).pipe(Effect.provide(layer)))

  it.effect("facts are told only within scope: a member or a worker of another street counts as unknown, the same answer on any day", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      const refusal = (introducer: string) =>
        Effect.map(
          development.executeAll(hexi, PartyPath.commands(person, applied as never, { ...names, introducers: ["f1", introducer] }, { until: PartyLadder.steps.committeeReview })).pipe(Effect.flip),
          (e) => [e._tag, (e as { readonly rule?: string }).rule, e.message.replaceAll(introducer, "X")]
        )
      // j1 is a full member of 锦华社区党支部 (河东) from 2018-06-01: to 河西 the same as an id nobody has.
      expect(yield* refusal("j1")).toEqual(yield* refusal("nobody"))
      expect((yield* refusal("j1"))[1]).toBe("party.introducers")
      const honour = (memberId: string, awardedOn: string) =>
        Effect.map(
          development.execute(hexi, { _tag: "Recognise", id: "hj", kind: "mobile-vanguard", memberId, organisationId: "mz", criteria: "x", awardedBy: "x", awardedOn }).pipe(Effect.flip),
          (e) => [e._tag, (e as { readonly rule?: string }).rule, e.message.replaceAll(memberId, "X")]
        )
      for (const day of ["2018-05-31", "2018-06-01", "2023-01-01"]) expect(yield* honour("j1", day)).toEqual(yield* honour("nobody", day))
      // A worker of 河东 on a channel under 明珠社区: no records to see, as for an unknown worker.
      yield* development.executeAll(admin, [
        { _tag: "HireWorker", id: "jw", name: "锦华社工", communityCode: "131102002001", post: "worker", hiredOn: "2022-03-01", education: { degree: "bachelor", socialWork: true } },
        { _tag: "RecordTraining", id: "kj", title: "培训", gridCode: "131102002", from: "2022-03-10", to: "2022-03-13", hours: 32, attendees: ["jw"] }
      ])
      const channel = (who: string) =>
        Effect.gen(function*() {
          yield* development.execute(hexi, { _tag: "OpenTrack", id: `cw-${who}`, ladder: CommunityWorkerLadder.id, person: who, name: "x", organisationId: "mz", on: "2022-04-01" })
          const e = yield* development.execute(hexi, { _tag: "RecordStep", trackId: `cw-${who}`, step: CommunityWorkerLadder.steps.trained, on: "2022-05-01" }).pipe(Effect.flip)
          return [e._tag, (e as { readonly rule?: string }).rule, e.message.replaceAll(who, "X")]
        })
      expect(yield* channel("jw")).toEqual(yield* channel("nobody"))
    }).pipe(Effect.provide(layer)))

  it.effect("development.person-track and development.organisation: one track a person on a ladder; an organisation of the day, not a temporary branch", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      const open = (id: string, who: string, organisationId: string, on: string) =>
        development.execute(hexi, { _tag: "OpenTrack", id, ladder: "party", person: who, name: "某", birthDate: "1990-01-01", organisationId, on, evidence: { documents: ["入党申请书"] } }).pipe(Effect.either)
      expect(ruleOf(yield* open("a1", "p-9", "mz", "2021-01-01"))).toBe("ok")
      expect(ruleOf(yield* open("a2", "p-9", "mz", "2021-02-01"))).toBe("development.person-track")
      yield* development.execute(hexi, { _tag: "CancelTrack", trackId: "a1", on: "2021-03-01", reason: "本人撤回" })
      expect(ruleOf(yield* open("a2", "p-9", "mz", "2021-02-15"))).toBe("development.person-track")
      expect(ruleOf(yield* open("a2", "p-9", "mz", "2021-04-01"))).toBe("ok")
      expect(ruleOf(yield* development.execute(admin, { _tag: "OpenTrack", id: "a6", ladder: "party", person: "p-5", name: "某", birthDate: "1990-01-01", organisationId: "hx", on: "2021-04-01", evidence: { documents: ["入党申请书"] } }).pipe(Effect.either))).toBe("development.organisation")
      expect(ruleOf(yield* open("a3", "p-8", "nope", "2021-04-01"))).toBe("Forbidden")
      expect(ruleOf(yield* development.execute(admin, { _tag: "OpenTrack", id: "a3", ladder: "party", person: "p-8", name: "某", birthDate: "1990-01-01", organisationId: "nope", on: "2021-04-01", evidence: { documents: ["入党申请书"] } }).pipe(Effect.either))).toBe("development.organisation")
      expect(ruleOf(yield* open("a4", "p-7", "mz", "2017-04-01"))).toBe("development.organisation")
      expect(ruleOf(yield* open("a5", "p-6", "lt", "2021-04-01"))).toBe("development.organisation")
    }).pipe(Effect.provide(layer)))

  it.effect("refusals write nothing: scope, role, bad input naming the field, a batch all or nothing", () =>
    Effect.gen(function*() {
      const development = yield* setUp
      const audit = yield* AuditLog.AuditLog
      const before = (yield* audit.list(tenant as never, { afterSeq: 0, limit: 100_000 })).length
      const commands = PartyPath.commands(person, applied as never, names, { until: PartyLadder.steps.activist })
      expect(ruleOf(yield* development.executeAll(hedong, commands).pipe(Effect.either))).toBe("Forbidden")
      expect(ruleOf(yield* development.executeAll(viewer, commands).pipe(Effect.either))).toBe("Forbidden")
      const bad = yield* development.execute(hexi, { ...commands[0]!, on: "2019-02-30" } as never).pipe(Effect.either)
      expect(Either.isLeft(bad) && bad.left._tag === "ValidationError" && bad.left.field).toBe("on")
      const young = yield* development.execute(hexi, { ...commands[0]!, birthDate: "2005-01-01" } as never).pipe(Effect.either)
      expect(Either.isLeft(young) && young.left._tag === "RuleViolation" && [young.left.rule, young.left.source]).toEqual(["party.age", "《中国共产党发展党员工作细则》第五条"])
      const halfBad = yield* development.executeAll(hexi, [...commands, { _tag: "RecordStep", trackId: "t1", step: "talk", on: "2019-03-05" }]).pipe(Effect.either)
      expect(ruleOf(halfBad)).toBe("pathway.once")
      expect(yield* development.tracks(viewer)).toEqual([])
      expect((yield* audit.list(tenant as never, { afterSeq: 0, limit: 100_000 })).length).toBe(before)
    }).pipe(Effect.provide(layer)))
})

const IsoDateAddYear = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`
