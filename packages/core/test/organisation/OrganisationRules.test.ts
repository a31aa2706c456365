/**
 * The organisation rules against a reference model (`model.ts`): random command
 * sequences never produce a history that breaks an invariant, every refusal names a
 * known rule, and one property per rule crafts a command that breaks it — each time
 * rule at its boundary (the day before, the day, the day after).
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, OrganisationCommand, OrganisationInvariants, OrganisationRules, Vote } from "@jiceng/core"
import { Either, FastCheck as fc, Schema } from "effect"
import { GridConformance } from "@jiceng/testkit/vitest"
import * as Model from "./model.js"

/** More runs under `npm run test:long`. */
const long = { fastCheck: { numRuns: 200 * GridConformance.longFactor() } }

const decode = Schema.decodeUnknownSync(OrganisationCommand.OrganisationCommand)

/** Every rule id the organisation rules may refuse with. */
const known = new Set([
  "organisation.id-unique",
  "organisation.interval",
  "organisation.parent-exists",
  "organisation.parent-kind",
  "organisation.within-parent",
  "organisation.sector",
  "organisation.task",
  "organisation.grid-exists",
  "organisation.exists",
  "organisation.backdated",
  "organisation.rename-unchanged",
  "organisation.committee-kind",
  "organisation.committee-unchanged",
  "organisation.merge-distinct",
  "organisation.merge-compatible",
  "organisation.merge-children",
  "organisation.dissolve-members",
  "organisation.dissolve-children",
  "temporary-branch.no-members",
  "temporary-branch.no-dues",
  "temporary-branch.no-discipline",
  "membership.kind",
  "membership.organisation-ends",
  "membership.one-branch",
  "membership.exists",
  "membership.backdated",
  "membership.transfer-same",
  "membership.convert-standing",
  "membership.convert-admission-day",
  "membership.probation-year",
  "membership.future",
  "participation.temporary",
  "participation.member",
  "participation.once",
  "participation.backdated",
  "participation.exists",
  "dues.own-branch",
  "dues.future",
  "dues.advance",
  "dues.once",
  "discipline.own-branch",
  "discipline.future",
  "discipline.expulsion-first-day",
  "discipline.probation-years",
  "discipline.once",
  "discipline.backdated",
  "meeting.id-unique",
  "meeting.future",
  "meeting.committee",
  "meeting.attendee-once",
  "meeting.attendee",
  "vote.meeting-kind",
  "vote.count",
  "vote.quorum"
])

/** A district committee, a community committee under it and a branch: the scaffold of most properties. */
const scaffold = [
  { _tag: "FormOrganisation", id: "top", kind: "committee", name: "区委", parentId: null, sector: "organ", validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "c1", kind: "committee", name: "社区党委", parentId: "top", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "b1", kind: "branch", name: "第一支部", parentId: "c1", sector: "community", validFrom: "2023-06-01" },
  { _tag: "FormOrganisation", id: "b2", kind: "branch", name: "第二支部", parentId: "c1", sector: "community", validFrom: "2023-06-01" },
  {
    _tag: "FormOrganisation",
    id: "t1",
    kind: "temporary_branch",
    name: "锦绣花园临时党支部",
    parentId: "c1",
    sector: "community",
    task: { kind: "compound", name: "锦绣花园" },
    validFrom: "2024-02-01",
    validTo: "2024-12-01"
  }
].map((input) => decode(input))

const start = Model.run(scaffold)

const accept = (h: Model.History, input: unknown): Model.History => {
  const result = Model.decide(h, decode(input))
  if (Either.isLeft(result)) throw new Error(`refused: ${result.left.rule}: ${result.left.message}`)
  return Model.write(h, result.right)
}

const refusal = (h: Model.History, input: unknown) => {
  const result = Model.decide(h, decode(input))
  if (Either.isRight(result)) throw new Error(`accepted ${JSON.stringify(input)}`)
  return result.left
}

const day = (d: string, n: number) => IsoDate.addDays(IsoDate.unsafeMake(d), n)

/** A today past the model's, for conversions a year after admissions of 2024. */
const later = IsoDate.unsafeMake("2026-12-31")

/** `n` full members of b1 from 2024-01-01. */
const withMembers = (n: number, branch = "b1") =>
  Array.from({ length: n }, (_, i) => i).reduce(
    (h, i) =>
      accept(h, { _tag: "ArriveMember", memberId: `${branch}-m${i}`, organisationId: branch, standing: "full", name: `党员${i}`, at: "2024-01-01" }),
    start.history
  )

describe("organisation rules", () => {
  it("the scaffold is accepted", () => {
    expect(start.outcomes.every(Either.isRight)).toBe(true)
  })

  it.prop("random command sequences never break an invariant, and every refusal names a known rule", [Model.commands], ([commands]) => {
    const { history, outcomes } = Model.run(commands, start.history)
    expect(OrganisationInvariants.breaches(history)).toEqual([])
    for (const outcome of outcomes) {
      if (Either.isLeft(outcome)) expect(known, outcome.left.message).toContain(outcome.left.rule)
    }
  }, long)

  it("the random commands are accepted often enough, of every kind, to test the invariants", () => {
    const accepted = new Map<string, number>()
    const refused = new Map<string, number>()
    for (const commands of fc.sample(Model.commands, { numRuns: 500, seed: 7 })) {
      const { outcomes } = Model.run(commands, start.history)
      outcomes.forEach((outcome, i) => {
        const counts = Either.isRight(outcome) ? accepted : refused
        const key = Either.isRight(outcome) ? commands[i]!._tag : outcome.left.rule
        counts.set(key, (counts.get(key) ?? 0) + 1)
      })
    }
    for (const tag of OrganisationCommand.OrganisationCommand.members.map((m) => m._tag)) {
      expect(accepted.get(tag) ?? 0, tag).toBeGreaterThan(0)
    }
    expect(refused.size).toBeGreaterThan(20)
  })

  it.prop("membership.one-branch: a member belongs to one branch at a time", [fc.constantFrom("b1", "b2"), fc.integer({ min: -1, max: 1 })], ([branch, offset]) => {
    const h = accept(start.history, { _tag: "AdmitMember", memberId: "m", organisationId: "b1", name: "张三", at: "2024-05-01" })
    const at = day("2024-05-01", offset)
    const error = refusal(h, { _tag: "AdmitMember", memberId: "m", organisationId: branch, name: "张三", at })
    // A membership from the day on blocks an admission on any day before its end.
    expect(error.rule).toBe("membership.one-branch")
    expect(error.field).toBe("memberId")
  })

  it.prop("temporary-branch.no-members, no-dues, no-discipline: refused with their rule ids", [fc.constantFrom("2024-02-01", "2024-05-01", "2024-11-30")], ([at]) => {
    const h = accept(start.history, { _tag: "ArriveMember", memberId: "m", organisationId: "b1", standing: "full", name: "张三", at: "2024-01-01" })
    expect(refusal(h, { _tag: "AdmitMember", memberId: "n", organisationId: "t1", name: "李四", at }).rule).toBe("temporary-branch.no-members")
    expect(refusal(h, { _tag: "ArriveMember", memberId: "n", organisationId: "t1", standing: "full", name: "李四", at }).rule).toBe(
      "temporary-branch.no-members"
    )
    expect(refusal(h, { _tag: "TransferMember", memberId: "m", organisationId: "t1", at }).rule).toBe("temporary-branch.no-members")
    expect(refusal(h, { _tag: "RecordDues", memberId: "m", organisationId: "t1", month: "2024-05", amountFen: 100, paidOn: at }).rule).toBe(
      "temporary-branch.no-dues"
    )
    expect(refusal(h, { _tag: "RecordDiscipline", memberId: "m", organisationId: "t1", measure: "warning", at }).rule).toBe(
      "temporary-branch.no-discipline"
    )
    // Taking part is how a member works in a temporary branch, keeping their own branch.
    const joined = accept(h, { _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at })
    expect(joined.memberships.filter((m) => m.memberId === "m").map((m) => m.organisationId)).toEqual(["b1"])
    expect(joined.participations.map((p) => [p.organisationId, p.validTo])).toEqual([["t1", "2024-12-01"]])
  })

  it.prop("a temporary branch exists from its first day to the day before its task's end", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const h = accept(start.history, { _tag: "ArriveMember", memberId: "m", organisationId: "b1", standing: "full", name: "张三", at: "2024-01-01" })
    for (const [edge, inside] of [["2024-02-01", offset >= 0], ["2024-12-01", offset < 0]] as const) {
      const result = Model.decide(h, decode({ _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at: day(edge, offset) }))
      if (inside) expect(Either.isRight(result)).toBe(true)
      else expect(Either.isLeft(result) && result.left.rule).toBe("organisation.exists")
    }
  })

  it.prop("organisation.dissolve-members: a branch with members does not dissolve; its members transferred, it does", [fc.integer({ min: 1, max: 4 })], ([n]) => {
    let h = withMembers(n)
    expect(refusal(h, { _tag: "DissolveOrganisation", id: "b1", at: "2024-06-01" }).rule).toBe("organisation.dissolve-members")
    for (let i = 0; i < n; i++) h = accept(h, { _tag: "TransferMember", memberId: `b1-m${i}`, organisationId: "b2", at: "2024-06-01" })
    h = accept(h, { _tag: "DissolveOrganisation", id: "b1", at: "2024-06-01" })
    expect(OrganisationInvariants.breaches(h)).toEqual([])
    expect(refusal(h, { _tag: "DissolveOrganisation", id: "c1", at: "2024-06-01" }).rule).toBe("organisation.dissolve-children")
  })

  it.prop("a dissolved temporary branch's participants leave with it", [fc.constantFrom("2024-04-01", "2024-06-30")], ([at]) => {
    let h = accept(start.history, { _tag: "ArriveMember", memberId: "m", organisationId: "b1", standing: "full", name: "张三", at: "2024-01-01" })
    h = accept(h, { _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at: "2024-02-01" })
    h = accept(h, { _tag: "DissolveOrganisation", id: "t1", at })
    expect(h.participations.map((p) => p.validTo)).toEqual([at])
    expect(h.memberships.map((m) => [m.organisationId, m.validTo])).toEqual([["b1", null]])
  })

  it.prop(
    "vote.quorum: a vote needs more than half of the full members present; it passes with yes from more than half of them",
    [fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.nat(12), fc.nat(12)],
    ([full, probationary, presentPick, yesPick]) => {
      let h = withMembers(full)
      for (let i = 0; i < probationary; i++) {
        h = accept(h, { _tag: "AdmitMember", memberId: `p${i}`, organisationId: "b1", name: `预备${i}`, at: "2024-01-01" })
      }
      const present = presentPick % (full + 1)
      const yes = Math.min(yesPick, present)
      // Probationary members attend but do not vote.
      const attendees = [...Array.from({ length: present }, (_, i) => `b1-m${i}`), ...Array.from({ length: probationary }, (_, i) => `p${i}`)]
      const input = {
        _tag: "RecordMeeting",
        id: "mt",
        organisationId: "b1",
        kind: "general_meeting",
        date: "2024-06-01",
        topic: "接收预备党员",
        attendees,
        votes: [{ motion: "接收张三为预备党员", yes, no: present - yes, abstain: 0 }]
      }
      const result = Model.decide(h, decode(input))
      if (2 * present > full) {
        if (Either.isLeft(result)) throw new Error(result.left.message)
        const tally = result.right.meetings[0]!.votes[0]!.tally
        expect(tally).toMatchObject({ entitled: full, present, yes, quorate: true, passed: 2 * yes > full })
        expect(tally.passed).toBe(Vote.passes(full, present, yes))
      } else {
        expect(Either.isLeft(result) && result.left.rule).toBe("vote.quorum")
      }
    }
  )

  it.prop("vote.count: no more ballots than full members present", [fc.integer({ min: 3, max: 8 }), fc.integer({ min: 1, max: 3 })], ([full, extra]) => {
    const h = withMembers(full)
    const attendees = Array.from({ length: full }, (_, i) => `b1-m${i}`)
    const error = refusal(h, {
      _tag: "RecordMeeting",
      id: "mt",
      organisationId: "b1",
      kind: "general_meeting",
      date: "2024-06-01",
      topic: "表决",
      attendees,
      votes: [{ motion: "决议", yes: full, no: extra, abstain: 0 }]
    })
    expect([error.rule, error.field]).toEqual(["vote.count", "votes.0"])
  })

  it.prop("vote.meeting-kind: votes only at a branch general meeting", [fc.constantFrom("theme_day", "party_lesson", "group_meeting")], ([kind]) => {
    const h = withMembers(3)
    expect(refusal(h, {
      _tag: "RecordMeeting",
      id: "mt",
      organisationId: "b1",
      kind,
      date: "2024-06-01",
      topic: "学习",
      attendees: ["b1-m0", "b1-m1"],
      votes: [{ motion: "决议", yes: 2, no: 0, abstain: 0 }]
    }).rule).toBe("vote.meeting-kind")
  })

  it.prop("meeting.future: a meeting after today is refused; today's is not", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const h = withMembers(3)
    const date = day(Model.today, offset)
    const result = Model.decide(h, decode({ _tag: "RecordMeeting", id: "mt", organisationId: "b1", kind: "theme_day", date, topic: "学习", attendees: [] }))
    if (offset > 0) expect(Either.isLeft(result) && result.left.rule).toBe("meeting.future")
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("meeting.attendee: a member counts from the day their membership begins", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const h = accept(withMembers(3), { _tag: "TransferMember", memberId: "b1-m0", organisationId: "b2", at: "2024-06-01" })
    const date = day("2024-06-01", offset)
    const atB2 = Model.decide(h, decode({ _tag: "RecordMeeting", id: "mt", organisationId: "b2", kind: "theme_day", date, topic: "学习", attendees: ["b1-m0"] }))
    const atB1 = Model.decide(h, decode({ _tag: "RecordMeeting", id: "mt", organisationId: "b1", kind: "theme_day", date, topic: "学习", attendees: ["b1-m0"] }))
    expect(Either.isRight(atB2)).toBe(offset >= 0)
    expect(Either.isRight(atB1)).toBe(offset < 0)
    if (Either.isLeft(atB2)) expect(atB2.left.rule).toBe("meeting.attendee")
  })

  it.prop("meeting.committee: a 支委会 needs a branch committee on the day", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const h = accept(withMembers(7), { _tag: "SetCommittee", id: "b1", hasCommittee: true, at: "2024-04-01" })
    const result = Model.decide(h, decode({ _tag: "RecordMeeting", id: "mt", organisationId: "b1", kind: "committee_meeting", date: day("2024-04-01", offset), topic: "支委会", attendees: [] }))
    if (offset < 0) expect(Either.isLeft(result) && result.left.rule).toBe("meeting.committee")
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("organisation.backdated: no change before a later recorded one", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const h = accept(start.history, { _tag: "RenameOrganisation", id: "b1", name: "先锋支部", at: "2024-05-01" })
    const result = Model.decide(h, decode({ _tag: "RenameOrganisation", id: "b1", name: "红旗支部", at: day("2024-05-01", offset) }))
    if (offset < 0) expect(Either.isLeft(result) && result.left.rule).toBe("organisation.backdated")
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("a rename on the version's first day corrects it", [fc.constantFrom("2023-06-01", "2024-02-01")], ([at]) => {
    let h = accept(start.history, { _tag: "RenameOrganisation", id: "b1", name: "先锋支部", at })
    h = accept(h, { _tag: "RenameOrganisation", id: "b1", name: "红旗支部", at })
    const versions = h.organisations.filter((o) => o.id === "b1")
    expect(versions.map((v) => [v.name, v.validFrom, v.change])).toEqual(
      at === "2023-06-01" ? [["红旗支部", at, "form"]] : [["第一支部", "2023-06-01", "form"], ["红旗支部", at, "rename"]]
    )
  })

  it.prop("membership.convert-standing, convert-admission-day and probation-year: a year of probation from the admission", [fc.integer({ min: 0, max: 800 }), fc.boolean()], ([days, transferred]) => {
    let h = accept(start.history, { _tag: "AdmitMember", memberId: "m", organisationId: "b1", name: "张三", at: "2024-01-01" })
    // A transfer during probation does not restart it.
    if (transferred && days > 100) h = accept(h, { _tag: "TransferMember", memberId: "m", organisationId: "b2", at: "2024-03-01" })
    const at = day("2024-01-01", days)
    // Conversions after the model's today: rule on a day past them.
    const result = Model.decideWith(Model.config, h, decode({ _tag: "ConvertMember", memberId: "m", at }), later)
    if (days === 0) expect(Either.isLeft(result) && result.left.rule).toBe("membership.convert-admission-day")
    else if (at < "2025-01-01") expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["membership.probation-year", "at"])
    else {
      const converted = Model.write(h, Either.getOrThrow(Model.decideWith(Model.config, h, decode({ _tag: "ConvertMember", memberId: "m", at }), later)))
      expect(converted.memberships.map((m) => [m.standing, m.validTo === null ? null : "ended"]).at(-1)).toEqual(["full", null])
      expect(converted.memberships.filter((m) => m.standing === "probationary").every((m) => m.validTo !== null)).toBe(true)
      const again = Model.decideWith(Model.config, converted, decode({ _tag: "ConvertMember", memberId: "m", at }), later)
      expect(Either.isLeft(again) && again.left.rule).toBe("membership.convert-standing")
    }
  })

  it.prop("membership.probation-year: admitted on 29 February, a member converts from 1 March next year", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const h = accept(start.history, { _tag: "AdmitMember", memberId: "m", organisationId: "b1", name: "张三", at: "2024-02-29" })
    const result = Model.decideWith(Model.config, h, decode({ _tag: "ConvertMember", memberId: "m", at: day("2025-03-01", offset) }), later)
    if (offset < 0) expect(Either.isLeft(result) && result.left.rule).toBe("membership.probation-year")
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("merge: members and participants go over with their standing", [fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })], ([a, b]) => {
    let h = withMembers(a)
    for (let i = 0; i < b; i++) {
      h = accept(h, { _tag: "ArriveMember", memberId: `b2-m${i}`, organisationId: "b2", standing: i % 2 === 0 ? "full" : "probationary", name: `党员${i}`, at: "2024-01-01" })
    }
    h = accept(h, { _tag: "MergeOrganisations", ids: ["b1", "b2"], into: { id: "b3", name: "联合支部" }, at: "2024-07-01" })
    expect(OrganisationInvariants.breaches(h)).toEqual([])
    const now = Model.onDay(h, "2024-07-01")
    expect(now.memberships.filter((m) => m.organisationId === "b3").length).toBe(a + b)
    expect(now.organisations.find((o) => o.id === "b3")?.predecessors).toEqual(["b1", "b2"])
    expect(now.organisations.some((o) => o.id === "b1" || o.id === "b2")).toBe(false)
  })

  /**
   * The rules without a property of their own above: for each, a history (from the
   * scaffold) and a command made to break it on a random day of 2024 where it applies.
   */
  const member = { _tag: "ArriveMember", memberId: "m", organisationId: "b1", standing: "full", name: "张三", at: "2024-01-01" }
  const crafted: ReadonlyArray<{
    readonly rule: string
    readonly field: string
    readonly given?: ReadonlyArray<unknown>
    /** The day lies inside the temporary branch's task. */
    readonly window?: boolean
    readonly command: (day: string) => unknown
  }> = [
    {
      rule: "organisation.id-unique",
      field: "id",
      command: (day) => ({ _tag: "FormOrganisation", id: "b1", kind: "branch", name: "又一支部", parentId: "c1", sector: "community", validFrom: day })
    },
    {
      rule: "organisation.interval",
      field: "validTo",
      command: (day) => ({ _tag: "FormOrganisation", id: "x", kind: "branch", name: "支部", parentId: "c1", sector: "community", validFrom: day, validTo: day })
    },
    {
      rule: "organisation.parent-exists",
      field: "parentId",
      command: (day) => ({ _tag: "FormOrganisation", id: "x", kind: "branch", name: "支部", parentId: "nowhere", sector: "community", validFrom: day })
    },
    {
      rule: "organisation.sector",
      field: "sector",
      command: (day) => ({ _tag: "FormOrganisation", id: "x", kind: "branch", name: "支部", parentId: "c1", sector: "elsewhere", validFrom: day })
    },
    {
      rule: "organisation.task",
      field: "task",
      command: (day) => ({ _tag: "FormOrganisation", id: "x", kind: "temporary_branch", name: "临时", parentId: "c1", sector: "community", validFrom: day })
    },
    {
      rule: "organisation.grid-exists",
      field: "grids",
      command: (day) => ({ _tag: "FormOrganisation", id: "x", kind: "branch", name: "支部", parentId: "c1", sector: "community", grids: ["131102009"], validFrom: day })
    },
    { rule: "organisation.exists", field: "id", command: (day) => ({ _tag: "RenameOrganisation", id: "nowhere", name: "名", at: day }) },
    { rule: "organisation.rename-unchanged", field: "name", command: (day) => ({ _tag: "RenameOrganisation", id: "b1", name: "第一支部", at: day }) },
    { rule: "organisation.committee-kind", field: "id", command: (day) => ({ _tag: "SetCommittee", id: "c1", hasCommittee: false, at: day }) },
    { rule: "organisation.committee-unchanged", field: "hasCommittee", command: (day) => ({ _tag: "SetCommittee", id: "b1", hasCommittee: false, at: day }) },
    { rule: "organisation.merge-distinct", field: "ids", command: (day) => ({ _tag: "MergeOrganisations", ids: ["b1", "b1"], into: { id: "x", name: "合" }, at: day }) },
    { rule: "organisation.merge-compatible", field: "ids", command: (day) => ({ _tag: "MergeOrganisations", ids: ["b1", "c1"], into: { id: "x", name: "合" }, at: day }) },
    {
      rule: "organisation.merge-children",
      field: "ids",
      given: [{ _tag: "FormOrganisation", id: "c2", kind: "committee", name: "另一党委", parentId: "top", sector: "community", validFrom: "2023-01-01" }],
      command: (day) => ({ _tag: "MergeOrganisations", ids: ["c1", "c2"], into: { id: "x", name: "合" }, at: day })
    },
    { rule: "membership.kind", field: "organisationId", command: (day) => ({ _tag: "AdmitMember", memberId: "n", organisationId: "c1", name: "李四", at: day }) },
    {
      rule: "membership.organisation-ends",
      field: "organisationId",
      given: [{ _tag: "FormOrganisation", id: "b9", kind: "branch", name: "项目支部", parentId: "c1", sector: "community", validFrom: "2023-06-01", validTo: "2025-06-01" }],
      command: (day) => ({ _tag: "AdmitMember", memberId: "n", organisationId: "b9", name: "李四", at: day })
    },
    { rule: "membership.exists", field: "memberId", command: (day) => ({ _tag: "ConvertMember", memberId: "nobody", at: day }) },
    { rule: "membership.transfer-same", field: "organisationId", given: [member], command: (day) => ({ _tag: "TransferMember", memberId: "m", organisationId: "b1", at: day }) },
    {
      rule: "membership.backdated",
      field: "at",
      given: [member, { _tag: "TransferMember", memberId: "m", organisationId: "b2", at: "2025-01-01" }],
      command: (day) => ({ _tag: "DepartMember", memberId: "m", at: day })
    },
    { rule: "participation.temporary", field: "organisationId", given: [member], command: (day) => ({ _tag: "JoinTemporary", memberId: "m", organisationId: "b2", at: day }) },
    { rule: "participation.member", field: "memberId", window: true, command: (day) => ({ _tag: "JoinTemporary", memberId: "nobody", organisationId: "t1", at: day }) },
    {
      rule: "participation.once",
      field: "memberId",
      given: [member, { _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at: "2024-02-01" }],
      window: true,
      command: (day) => ({ _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at: day })
    },
    {
      rule: "participation.backdated",
      field: "at",
      given: [member, { _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at: "2024-11-30" }],
      window: true,
      command: (day) => ({ _tag: "LeaveTemporary", memberId: "m", organisationId: "t1", at: day < "2024-11-30" ? day : "2024-11-29" })
    },
    { rule: "participation.exists", field: "memberId", given: [member], command: (day) => ({ _tag: "LeaveTemporary", memberId: "m", organisationId: "t1", at: day }) },
    {
      rule: "dues.future",
      field: "paidOn",
      given: [member],
      command: () => ({ _tag: "RecordDues", memberId: "m", organisationId: "b1", month: "2025-01", amountFen: 100, paidOn: "2025-01-01" })
    },
    { rule: "discipline.own-branch", field: "organisationId", given: [member], command: (day) => ({ _tag: "RecordDiscipline", memberId: "m", organisationId: "b2", measure: "warning", at: day }) },
    { rule: "discipline.future", field: "at", given: [member], command: () => ({ _tag: "RecordDiscipline", memberId: "m", organisationId: "b1", measure: "warning", at: "2025-01-01" }) },
    {
      rule: "discipline.expulsion-first-day",
      field: "at",
      command: (day) => ({ _tag: "RecordDiscipline", memberId: "n", organisationId: "b1", measure: "expulsion", at: day }),
      given: []
    },
    {
      rule: "meeting.id-unique",
      field: "id",
      given: [{ _tag: "RecordMeeting", id: "mt", organisationId: "b1", kind: "theme_day", date: "2024-01-01", topic: "学习", attendees: [] }],
      command: (day) => ({ _tag: "RecordMeeting", id: "mt", organisationId: "b1", kind: "theme_day", date: day, topic: "学习", attendees: [] })
    },
    { rule: "meeting.attendee-once", field: "attendees", given: [member], command: (day) => ({ _tag: "RecordMeeting", id: "mt", organisationId: "b1", kind: "theme_day", date: day, topic: "学习", attendees: ["m", "m"] }) }
  ]

  for (const c of crafted) {
    it.prop(`${c.rule}: refused, naming ${c.field}`, [fc.integer({ min: 1, max: 365 })], ([n]) => {
      // A day of 2024 (inside the temporary branch's task where the rule needs it).
      let at = day("2024-01-01", n - 1)
      if (c.window === true) at = day("2024-02-01", n % 300)
      let h = (c.given ?? []).reduce<Model.History>((history, input) => accept(history, input), start.history)
      if (c.rule === "discipline.expulsion-first-day") {
        h = accept(h, { _tag: "ArriveMember", memberId: "n", organisationId: "b1", standing: "full", name: "李四", at })
      }
      const error = refusal(h, c.command(at))
      expect([error.rule, error.field]).toEqual([c.rule, c.field])
    })
  }

  it.prop("organisation.parent-kind: a branch sits under a 党委 or 党总支", [fc.constantFrom("b1", "t1")], ([parent]) => {
    expect(refusal(start.history, { _tag: "FormOrganisation", id: "x", kind: "branch", name: "支部", parentId: parent, sector: "community", validFrom: "2024-04-01" }).rule)
      .toBe("organisation.parent-kind")
  })

  it.prop("organisation.within-parent: under a temporary branch, nothing outlives its task", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    // Only a 党委 or 党总支 leads branches; a temporary branch leads none, so use a planned end on a 党委.
    const h = accept(start.history, { _tag: "FormOrganisation", id: "c2", kind: "committee", name: "项目党委", parentId: "top", sector: "organ", validFrom: "2024-01-01", validTo: "2024-12-01" })
    const result = Model.decide(h, decode({ _tag: "FormOrganisation", id: "x", kind: "branch", name: "支部", parentId: "c2", sector: "organ", validFrom: "2024-02-01", validTo: day("2024-12-01", offset) }))
    if (offset > 0) expect(Either.isLeft(result) && result.left.rule).toBe("organisation.within-parent")
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("dues.once and dues.own-branch", [fc.constantFrom("b1", "b2")], ([branch]) => {
    const h = withMembers(1)
    const input = { _tag: "RecordDues", memberId: "b1-m0", organisationId: branch, month: "2024-05", amountFen: 2000, paidOn: "2024-05-10" }
    if (branch === "b2") expect(refusal(h, input).rule).toBe("dues.own-branch")
    else expect(refusal(accept(h, input), input).rule).toBe("dues.once")
  })

  it.prop("a recorded meeting fixes its roll: a change to it dated before the meeting is refused; on its day or after, it follows the meeting", [
    fc.integer({ min: 0, max: 170 }),
    fc.integer({ min: -1, max: 1 }),
    fc.constantFrom("admit", "arrive", "transfer-out", "transfer-in", "depart", "convert", "expel", "join", "leave")
  ], ([n, offset, change]) => {
    // Inside the temporary branch's task, and a year after p's admission.
    const meetingDay = day("2024-06-01", n)
    const at = day(meetingDay, offset)
    let h = withMembers(3)
    h = accept(h, { _tag: "ArriveMember", memberId: "q", organisationId: "b2", standing: "full", name: "王五", at: "2024-01-01" })
    h = accept(h, { _tag: "AdmitMember", memberId: "p", organisationId: "b1", name: "赵六", at: "2023-06-01" })
    h = accept(h, { _tag: "JoinTemporary", memberId: "b1-m1", organisationId: "t1", at: "2024-02-01" })
    // A general meeting of b1 with a vote, and a meeting of the temporary branch.
    h = accept(h, {
      _tag: "RecordMeeting", id: "g", organisationId: "b1", kind: "general_meeting", date: meetingDay, topic: "决议",
      attendees: ["b1-m0", "b1-m1", "b1-m2"], votes: [{ motion: "决议", yes: 3, no: 0, abstain: 0 }]
    })
    h = accept(h, { _tag: "RecordMeeting", id: "t", organisationId: "t1", kind: "theme_day", date: meetingDay, topic: "学习", attendees: ["b1-m1"] })
    const command = {
      admit: { _tag: "AdmitMember", memberId: "n", organisationId: "b1", name: "李四", at },
      arrive: { _tag: "ArriveMember", memberId: "n", organisationId: "b1", standing: "full", name: "李四", at },
      "transfer-out": { _tag: "TransferMember", memberId: "b1-m0", organisationId: "b2", at },
      "transfer-in": { _tag: "TransferMember", memberId: "q", organisationId: "b1", at },
      depart: { _tag: "DepartMember", memberId: "b1-m0", at },
      convert: { _tag: "ConvertMember", memberId: "p", at },
      expel: { _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b1", measure: "expulsion", at },
      join: { _tag: "JoinTemporary", memberId: "b1-m2", organisationId: "t1", at },
      leave: { _tag: "LeaveTemporary", memberId: "b1-m1", organisationId: "t1", at }
    }[change]
    const result = Model.decide(h, decode(command))
    // On the meeting's day a change follows the meeting: the admission, conversion or
    // expulsion it decided.
    if (offset >= 0) {
      expect(Either.isRight(result), JSON.stringify(result)).toBe(true)
      if (Either.isRight(result)) expect(OrganisationInvariants.breaches(Model.write(h, result.right))).toEqual([])
    } else {
      const rule = change === "join" || change === "leave" ? "participation.backdated" : "membership.backdated"
      expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual([rule, "at"])
    }
  })

  it.prop("a merge keeps within the parent's planned end, takes a shared participant once, and keeps a same-day admission", [
    fc.constantFrom("2024-03-01", "2024-07-01", "2024-11-30")
  ], ([at]) => {
    // Under a 党委 with a planned end: the merged branch ends by then too.
    let h = accept(start.history, { _tag: "FormOrganisation", id: "c2", kind: "committee", name: "项目党委", parentId: "top", sector: "organ", validFrom: "2023-01-01", validTo: "2026-01-01" })
    for (const id of ["x1", "x2"]) {
      h = accept(h, { _tag: "FormOrganisation", id, kind: "branch", name: `项目支部${id}`, parentId: "c2", sector: "organ", validFrom: "2023-06-01", validTo: "2026-01-01" })
    }
    h = accept(h, { _tag: "MergeOrganisations", ids: ["x1", "x2"], into: { id: "x12", name: "合并支部" }, at })
    expect(h.organisations.find((o) => o.id === "x12")!.validTo).toBe("2026-01-01")
    // Two temporary branches sharing a participant: one participation in the merged one.
    h = accept(h, { _tag: "FormOrganisation", id: "t2", kind: "temporary_branch", name: "临时二", parentId: "c1", sector: "community", task: { kind: "project", name: "项目" }, validFrom: "2024-02-01", validTo: "2024-12-15" })
    h = accept(h, { _tag: "ArriveMember", memberId: "m", organisationId: "b1", standing: "full", name: "张三", at: "2024-01-01" })
    h = accept(h, { _tag: "JoinTemporary", memberId: "m", organisationId: "t1", at: "2024-02-01" })
    h = accept(h, { _tag: "JoinTemporary", memberId: "m", organisationId: "t2", at: "2024-02-01" })
    h = accept(h, { _tag: "MergeOrganisations", ids: ["t1", "t2"], into: { id: "t12", name: "合并临时" }, at })
    expect(h.participations.filter((p) => p.organisationId === "t12").map((p) => [p.memberId, p.validTo])).toEqual([["m", "2024-12-15"]])
    // Admitted on the day of the merge: still an admission, so probation lasts a year.
    h = accept(h, { _tag: "AdmitMember", memberId: "p", organisationId: "b2", name: "赵六", at })
    h = accept(h, { _tag: "MergeOrganisations", ids: ["b1", "b2"], into: { id: "b12", name: "合并支部" }, at })
    expect(h.memberships.find((m) => m.memberId === "p" && m.organisationId === "b12")!.change).toBe("admit")
    expect(refusal(h, { _tag: "ConvertMember", memberId: "p", at: day(at, 1) }).rule).toBe("membership.probation-year")
    expect(OrganisationInvariants.breaches(h)).toEqual([])
  })

  it.prop("meeting.attendee at a 党委: members of the branches under it, not of another 党委's", [
    fc.constantFrom("2024-03-01", "2024-07-01")
  ], ([date]) => {
    let h = withMembers(2)
    h = accept(h, { _tag: "FormOrganisation", id: "c3", kind: "committee", name: "另一社区党委", parentId: "top", sector: "community", validFrom: "2023-01-01" })
    h = accept(h, { _tag: "FormOrganisation", id: "b3", kind: "branch", name: "另一支部", parentId: "c3", sector: "community", validFrom: "2023-06-01" })
    h = accept(h, { _tag: "ArriveMember", memberId: "z", organisationId: "b3", standing: "full", name: "周七", at: "2024-01-01" })
    const meeting = (attendees: ReadonlyArray<string>) => ({ _tag: "RecordMeeting", id: "cm", organisationId: "c1", kind: "party_lesson", date, topic: "党课", attendees })
    accept(h, meeting(["b1-m0", "b1-m1"]))
    // Another committee's member is refused exactly as an unknown id is: nothing tells them apart.
    const stranger = refusal(h, meeting(["b1-m0", "z"]))
    const unknown = refusal(h, meeting(["b1-m0", "nobody"]))
    expect([stranger.rule, stranger.field]).toEqual(["meeting.attendee", "attendees"])
    expect(stranger.message.replace("z", "?")).toBe(unknown.message.replace("nobody", "?"))
  })

  it.prop("membership.future: an admission or conversion is dated by its meeting, never after today", [
    fc.integer({ min: -1, max: 1 }),
    fc.constantFrom("admit", "convert")
  ], ([offset, what]) => {
    // The model's today is 2024-12-31.
    const at = day(Model.today, offset)
    const h = accept(start.history, { _tag: "AdmitMember", memberId: "p", organisationId: "b1", name: "赵六", at: "2023-06-01" })
    const command = what === "admit"
      ? { _tag: "AdmitMember", memberId: "n", organisationId: "b1", name: "李四", at }
      : { _tag: "ConvertMember", memberId: "p", at }
    const result = Model.decide(h, decode(command))
    if (offset > 0) expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["membership.future", "at"])
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("a member under 留党察看 has no vote for its term (党章 第四十条): the quorum and majority count without them", [
    fc.constantFrom(1, 2),
    fc.integer({ min: -1, max: 1 })
  ], ([years, offset]) => {
    const decideLate = (h: Model.History, input: unknown) => Model.decideWith(Model.config, h, decode(input), later)
    // Five full members; two under 留党察看 from 2024-01-02 for one or two years.
    let h = withMembers(5)
    for (const id of ["b1-m3", "b1-m4"]) {
      h = Model.write(h, Either.getOrThrow(decideLate(h, { _tag: "RecordDiscipline", memberId: id, organisationId: "b1", measure: "probation", years, at: "2024-01-02" })))
    }
    const ends = years === 1 ? "2025-01-02" : "2026-01-02"
    expect(h.discipline.map((d) => d.endsOn)).toEqual([ends, ends])
    // A general meeting the day before the term ends, the day it ends, or the day after:
    // four present, two vote yes.
    const date = day(ends, offset)
    const result = decideLate(h, {
      _tag: "RecordMeeting", id: "g", organisationId: "b1", kind: "general_meeting", date, topic: "决议",
      attendees: ["b1-m0", "b1-m1", "b1-m3", "b1-m4"], votes: [{ motion: "决议", yes: 2, no: 0, abstain: 0 }]
    })
    const tally = Either.getOrThrow(result).meetings[0]!.votes[0]!.tally
    // While the term runs, 3 vote and 2 of them are present: quorate, passed. From its end
    // all 5 vote: 4 present, but 2 yes is no majority.
    if (offset < 0) expect(tally).toMatchObject({ entitled: 3, present: 2, passed: true })
    else expect(tally).toMatchObject({ entitled: 5, present: 4, passed: false })
    expect(OrganisationInvariants.breaches(Model.write(h, Either.getOrThrow(result)))).toEqual([])
  })

  it.prop("discipline.probation-years and discipline.backdated: a 留党察看 names its term, and is not dated before a vote it would change", [
    fc.integer({ min: -1, max: 1 })
  ], ([offset]) => {
    let h = withMembers(3)
    const refused = (input: unknown) => refusal(h, input)
    expect([refused({ _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b1", measure: "probation", at: "2024-05-01" })].map((e) => [e.rule, e.field]))
      .toEqual([["discipline.probation-years", "years"]])
    expect([refused({ _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b1", measure: "warning", years: 1, at: "2024-05-01" })].map((e) => [e.rule, e.field]))
      .toEqual([["discipline.probation-years", "years"]])
    h = accept(h, {
      _tag: "RecordMeeting", id: "g", organisationId: "b1", kind: "general_meeting", date: "2024-06-01", topic: "决议",
      attendees: ["b1-m0", "b1-m1"], votes: [{ motion: "决议", yes: 2, no: 0, abstain: 0 }]
    })
    const result = Model.decide(h, decode({ _tag: "RecordDiscipline", memberId: "b1-m2", organisationId: "b1", measure: "probation", years: 1, at: day("2024-06-01", offset) }))
    if (offset >= 0) expect(Either.isRight(result)).toBe(true)
    else expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["discipline.backdated", "at"])
  })

  it.prop("a 党委's meeting fixes the membership of those present: moving one out before it is refused", [
    fc.integer({ min: -1, max: 1 }),
    fc.constantFrom("transfer", "depart", "expel")
  ], ([offset, change]) => {
    let h = withMembers(3)
    h = accept(h, { _tag: "FormOrganisation", id: "c3", kind: "committee", name: "另一社区党委", parentId: "top", sector: "community", validFrom: "2023-01-01" })
    h = accept(h, { _tag: "FormOrganisation", id: "b3", kind: "branch", name: "另一支部", parentId: "c3", sector: "community", validFrom: "2023-06-01" })
    h = accept(h, { _tag: "RecordMeeting", id: "pl", organisationId: "c1", kind: "party_lesson", date: "2024-06-01", topic: "党课", attendees: ["b1-m0"] })
    const at = day("2024-06-01", offset)
    const command = {
      transfer: { _tag: "TransferMember", memberId: "b1-m0", organisationId: "b3", at },
      depart: { _tag: "DepartMember", memberId: "b1-m0", at },
      expel: { _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b1", measure: "expulsion", at }
    }[change]
    const result = Model.decide(h, decode(command))
    if (offset >= 0) {
      expect(Either.isRight(result)).toBe(true)
      if (Either.isRight(result)) expect(OrganisationInvariants.breaches(Model.write(h, result.right))).toEqual([])
    } else {
      expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["membership.backdated", "at"])
    }
  })

  it.prop("a 留党察看 is not dated before a later change of the membership, nor twice on a day; without its term it runs two years", [
    fc.constantFrom("2024-02-01", "2024-03-01")
  ], ([at]) => {
    let h = withMembers(3)
    h = accept(h, { _tag: "TransferMember", memberId: "b1-m0", organisationId: "b2", at: "2024-03-01" })
    // Before the transfer, decided by the branch of the day: it would change the new branch's votes.
    if (at < "2024-03-01") {
      const e = refusal(h, { _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b1", measure: "probation", years: 1, at })
      expect([e.rule, e.field]).toEqual(["discipline.backdated", "at"])
    } else {
      h = accept(h, { _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b2", measure: "probation", years: 1, at })
      const twice = refusal(h, { _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b2", measure: "probation", years: 2, at })
      expect([twice.rule, twice.field]).toEqual(["discipline.once", "measure"])
    }
    // A 留党察看 stored without its end (before terms were kept) counts as two years.
    const legacy = { tenant: Model.tenant, memberId: "x", organisationId: "b1", measure: "probation", decidedOn: "2024-02-29", endsOn: null } as never
    expect([
      OrganisationRules.underProbation(legacy, IsoDate.unsafeMake("2026-02-28")),
      OrganisationRules.underProbation(legacy, IsoDate.unsafeMake("2026-03-01"))
    ]).toEqual([true, false])
  })

  it.prop("dues.advance: paid up to the policy's months in advance; one month more is refused", [
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: -1, max: 1 })
  ], ([advance, offset]) => {
    const h = withMembers(1)
    // Paid in May 2024 for the month `advance + offset` months later (a month earlier when negative).
    const ahead = advance + offset
    const index = 2024 * 12 + 4 + ahead
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`
    const input = decode({ _tag: "RecordDues", memberId: "b1-m0", organisationId: "b1", month, amountFen: 2000, paidOn: "2024-05-10" })
    const result = Model.decideWith({ ...Model.config, duesAdvanceMonths: advance }, h, input)
    if (offset > 0) expect(Either.isLeft(result) && result.left).toMatchObject({ rule: "dues.advance", field: "month" })
    else expect(Either.isRight(result)).toBe(true)
  })

  it.prop("expulsion ends the membership and the member's participations that day", [fc.constantFrom("2024-04-01", "2024-08-31")], ([at]) => {
    let h = withMembers(1)
    h = accept(h, { _tag: "JoinTemporary", memberId: "b1-m0", organisationId: "t1", at: "2024-02-01" })
    h = accept(h, { _tag: "RecordDiscipline", memberId: "b1-m0", organisationId: "b1", measure: "expulsion", at })
    expect(h.memberships.map((m) => m.validTo)).toEqual([at])
    expect(h.participations.map((p) => p.validTo)).toEqual([at])
    expect(h.discipline.map((d) => d.measure)).toEqual(["expulsion"])
    expect(OrganisationInvariants.breaches(h)).toEqual([])
  })
})
