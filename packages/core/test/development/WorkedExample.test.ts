/**
 * The worked example of docs/development.md, run as written: 张三 from the application
 * to full membership in 明珠社区党支部, what is due along the way, and the day party
 * standing counts from.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  Development,
  type DevelopmentCommand,
  DevelopmentConfig,
  GridConfig,
  type GridCommand,
  Grids,
  MemoryStore,
  type OrganisationCommand,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { Effect, Layer, TestClock } from "effect"

const tenant = "131102"
const layer = Layer.mergeAll(Development.layer, Organisations.layer, Grids.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), OrganisationConfig.layer(), DevelopmentConfig.layer()))
)

const grids: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2020-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2020-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2020-01-01" }
]
const organisations: ReadonlyArray<OrganisationCommand.Input> = [
  { _tag: "FormOrganisation", id: "hx", kind: "committee", name: "河西街道党工委", parentId: null, sector: "community", grids: ["131102001"], validFrom: "2020-01-01" },
  { _tag: "FormOrganisation", id: "mz", kind: "branch", name: "明珠社区党支部", parentId: "hx", sector: "community", grids: ["131102001001"], validFrom: "2020-01-01" },
  ...["f1", "f2", "f3", "f4", "f5", "f6", "f7"].map((memberId, i): OrganisationCommand.Input => ({
    _tag: "ArriveMember", memberId, organisationId: "mz", standing: "full", name: `党员${i + 1}`, at: "2020-01-01"
  }))
]

/** docs/development.md, "A worked example": the 25 steps. */
export const path: ReadonlyArray<DevelopmentCommand.Input> = [
  { _tag: "OpenTrack", id: "t1", ladder: "party", person: "p-1", name: "张三", birthDate: "1995-05-20", organisationId: "mz", on: "2022-03-01", evidence: { documents: ["入党申请书"] } },
  { _tag: "RecordStep", trackId: "t1", step: "talk", on: "2022-03-20" },
  { _tag: "RecordStep", trackId: "t1", step: "activist", on: "2022-04-15", evidence: { note: "党员推荐" } },
  { _tag: "RecordStep", trackId: "t1", step: "activist-filing", on: "2022-04-20" },
  { _tag: "RecordStep", trackId: "t1", step: "contacts", on: "2022-04-20", evidence: { people: [{ role: "contact", id: "f1" }, { role: "contact", id: "f2" }] } },
  { _tag: "RecordStep", trackId: "t1", step: "cultivation", on: "2022-10-15" },
  { _tag: "RecordStep", trackId: "t1", step: "candidate", on: "2023-04-15" },
  { _tag: "RecordStep", trackId: "t1", step: "candidate-filing", on: "2023-04-20" },
  { _tag: "RecordStep", trackId: "t1", step: "introducers", on: "2023-04-25", evidence: { people: [{ role: "introducer", id: "f3" }, { role: "introducer", id: "f4" }] } },
  { _tag: "RecordStep", trackId: "t1", step: "political-review", on: "2023-05-20", evidence: { passed: true, documents: ["政治审查报告"] } },
  { _tag: "RecordStep", trackId: "t1", step: "training", on: "2023-05-22", evidence: { training: { days: 3, hours: 24 } } },
  { _tag: "RecordStep", trackId: "t1", step: "committee-review", on: "2023-06-01", evidence: { passed: true } },
  { _tag: "RecordStep", trackId: "t1", step: "pre-review", on: "2023-06-10", evidence: { passed: true } },
  { _tag: "RecordStep", trackId: "t1", step: "volunteer-form", on: "2023-06-15", evidence: { documents: ["入党志愿书"] } },
  { _tag: "RecordStep", trackId: "t1", step: "admission-meeting", on: "2023-06-28", evidence: { vote: { present: 7, yes: 7, no: 0, abstain: 0 } } },
  { _tag: "RecordStep", trackId: "t1", step: "approval-talk", on: "2023-07-10" },
  { _tag: "RecordStep", trackId: "t1", step: "approval", on: "2023-08-15", evidence: { passed: true } },
  { _tag: "RecordStep", trackId: "t1", step: "approval-filing", on: "2023-08-20" },
  { _tag: "RecordStep", trackId: "t1", step: "placement", on: "2023-08-20" },
  { _tag: "RecordStep", trackId: "t1", step: "oath", on: "2023-09-01" },
  { _tag: "RecordStep", trackId: "t1", step: "probation-education", on: "2023-12-01" },
  { _tag: "RecordStep", trackId: "t1", step: "conversion-application", on: "2024-06-10", evidence: { documents: ["转正申请书"] } },
  { _tag: "RecordStep", trackId: "t1", step: "conversion-meeting", on: "2024-06-28", evidence: { vote: { present: 6, yes: 6, no: 0, abstain: 0 } } },
  { _tag: "RecordStep", trackId: "t1", step: "conversion-approval", on: "2024-07-20", evidence: { passed: true } },
  { _tag: "RecordStep", trackId: "t1", step: "archive", on: "2024-08-01" }
]

describe("docs/development.md: the worked example", () => {
  it.effect("from application to full membership", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
      const admin = Actor.system(tenant)
      yield* (yield* Grids.Grids).executeAll(admin, grids)
      yield* (yield* Organisations.Organisations).executeAll(admin, organisations)
      const development = yield* Development.Development
      const organiser = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: "131102001" })
      const upTo = (step: string) => path.slice(0, path.findIndex((c) => c._tag === "RecordStep" && c.step === step))

      // Up to the admission meeting: the approval is due within three months of it.
      yield* development.executeAll(organiser, upTo("approval-talk"))
      expect((yield* development.due(organiser, { at: "2023-07-31" })).map((d) => [d.step, d.state, d.dueOn])).toEqual([["approval", "due", "2023-09-28"]])
      // Through the probation education: a month before probation ends, it is ending; the conversion decision is due a month after it.
      yield* development.executeAll(organiser, path.slice(upTo("approval-talk").length, upTo("conversion-application").length))
      expect((yield* development.due(organiser, { at: "2024-06-01" })).map((d) => [d.step, d.state, d.endsOn, d.dueOn])).toEqual([
        ["conversion-meeting", "ending", "2024-06-28", "2024-07-28"]
      ])
      yield* development.execute(organiser, path[upTo("conversion-application").length]!)
      const meeting = path[upTo("conversion-meeting").length] as DevelopmentCommand.Input & { readonly _tag: "RecordStep" }
      const early = yield* Effect.flip(development.execute(organiser, { ...meeting, on: "2024-06-27" }))
      expect(early._tag === "RuleViolation" && [early.rule, early.source]).toEqual(["party.probation-year", "《中国共产党发展党员工作细则》第三十二条"])
      const short = yield* Effect.flip(development.execute(organiser, { ...meeting, evidence: { vote: { present: 3, yes: 3, no: 0, abstain: 0 } } }))
      expect(short._tag === "RuleViolation" && [short.rule, short.source]).toEqual(["party.quorum", "《中国共产党发展党员工作细则》第三十三条"])
      yield* development.executeAll(organiser, path.slice(upTo("conversion-meeting").length))

      const track = yield* development.track(organiser, "t1")
      expect([track?.status, track?.stage, track?.standingFrom]).toEqual(["completed", "full", "2024-06-28"])
      expect(track?.events.map((e) => [e.seq, e.label, e.on, e.late]).slice(0, 3)).toEqual([
        [1, "递交入党申请书", "2022-03-01", false],
        [2, "党组织派人谈话", "2022-03-20", false],
        [3, "推荐和确定入党积极分子", "2022-04-15", false]
      ])
      expect(yield* development.due(organiser, { at: "2024-12-31" })).toEqual([])
      expect((yield* development.developed(organiser, { from: "2023-01-01", to: "2024-01-01" })).count).toBe(1)
    }).pipe(Effect.provide(layer)))
  it.effect("party.quorum: the member voted on is not among those entitled, even when the roll shows them converted that day", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
      const admin = Actor.system(tenant)
      yield* (yield* Grids.Grids).executeAll(admin, grids)
      const organisationService = yield* Organisations.Organisations
      yield* organisationService.executeAll(admin, organisations)
      const development = yield* Development.Development
      const meetingAt = path.findIndex((c) => c._tag === "RecordStep" && c.step === "conversion-meeting")
      yield* development.executeAll(admin, path.slice(0, meetingAt))
      // The roll: admitted on the admission meeting's day, converted on the day probation ended.
      yield* organisationService.executeAll(admin, [
        { _tag: "AdmitMember", memberId: "p-1", organisationId: "mz", name: "张三", at: "2023-06-28" },
        { _tag: "ConvertMember", memberId: "p-1", at: "2024-06-28" }
      ])
      // Seven others entitled: four present and voting yes is a quorum and a majority (it would not be of eight).
      const meeting = path[meetingAt] as DevelopmentCommand.Input & { readonly _tag: "RecordStep" }
      yield* development.execute(admin, { ...meeting, evidence: { vote: { present: 4, yes: 4, no: 0, abstain: 0 } } })
      expect((yield* development.track(admin, "t1"))?.events.at(-1)?.step).toBe("conversion-meeting")
    }).pipe(Effect.provide(layer)))
})
