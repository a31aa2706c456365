/**
 * The party ladder through the pathway engine: every time and vote rule of
 * 《中国共产党发展党员工作细则》 exactly at its boundary, the order of the 25 steps,
 * probation with its extension and cancellation, and what `due` reports.
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, PartyLadder, Pathway } from "@jiceng/core"
import { PartyPath } from "@jiceng/testkit"
import { Either, FastCheck as fc, Schema } from "effect"

const ladder = PartyLadder.make()
const s = PartyLadder.steps
const d = IsoDate.unsafeMake
const add = IsoDate.addDays

const header: Pathway.TrackHeader = {
  tenant: "t" as Pathway.TrackHeader["tenant"],
  id: "track-1" as Pathway.TrackId,
  ladder: PartyLadder.id,
  person: "p-1" as Pathway.PersonId,
  name: "张三",
  birthDate: d("1990-05-20"),
  organisationId: "branch-1" as Pathway.TrackHeader["organisationId"]
}

/** Members of the branch: f1…f9 full, p1 probationary, x1 full but under 留党察看. */
const people = new Map<string, { full: boolean; disciplined: boolean }>([
  ...Array.from({ length: 9 }, (_, i) => [`f${i + 1}`, { full: true, disciplined: false }] as const),
  ["p1", { full: false, disciplined: false }],
  ["x1", { full: true, disciplined: true }]
])
const facts: Pathway.Facts = { ...Pathway.noFacts, entitled: 9, people }
const recorder = (on: IsoDate.IsoDate): Pathway.Recorder => ({ by: "clerk", on: add(on, 400) })
const yes = { vote: { present: 7, yes: 6, no: 1, abstain: 0 } }

const names: PartyPath.Names = { contacts: ["f1"], introducers: ["f1", "f2"], vote: yes.vote }
const evidenceFor = (step: string) => PartyPath.evidence(step, names)
const schedule = PartyPath.schedule

const step = (step: string, on: IsoDate.IsoDate, evidence: Pathway.Evidence = evidenceFor(step)): Pathway.Input => ({ kind: "step", step, on, evidence })

const advance = (track: Pathway.Track, input: Pathway.Input, f: Pathway.Facts = facts) =>
  Pathway.advance(ladder, track, input, f, recorder(input.on))

/** The track after the steps of the schedule up to (not including) `until`. */
const upTo = (until: string | null, applied: IsoDate.IsoDate = d("2020-03-01")) => {
  let track = Pathway.open(header)
  for (const [id, on] of schedule(applied)) {
    if (id === until) break
    const result = advance(track, step(id, on))
    if (Either.isLeft(result)) throw new Error(`${id}: ${result.left.message}`)
    track = result.right.track
  }
  return track
}

const dayOf = (id: string, applied: IsoDate.IsoDate = d("2020-03-01")) => schedule(applied).find(([s]) => s === id)![1]
const ruleOf = (e: Either.Either<unknown, { readonly rule: string }>) => (Either.isLeft(e) ? e.left.rule : "ok")
const dayArb = fc.integer({ min: 0, max: 20_000 }).map((n) => add(d("1990-01-01"), n))
/** An application day from 2010, when the person of the header is over 18. */
const appliedArb = fc.integer({ min: 0, max: 10_000 }).map((n) => add(d("2010-01-01"), n))

describe("the party ladder", () => {
  it("is well formed: 25 steps in five stages, and the whole path passes", () => {
    expect(Pathway.problems(ladder)).toEqual([])
    expect(ladder.steps.map((x) => x.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    const track = upTo(null)
    expect(track.status).toBe("completed")
    expect(track.stage).toBe(PartyLadder.stages.full)
    expect(track.events.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(PartyLadder.standingFrom(track)).toBe(IsoDate.addMonths(dayOf(s.admissionMeeting), 12))
  })

  it.prop("pathway.replay: a track replayed from its events is the track advanced", [appliedArb], ([applied]) => {
    const track = upTo(null, applied)
    const again = Pathway.replay(ladder, header, track.events)
    expect(again.status).toBe(track.status)
    expect(again.stage).toBe(track.stage)
    expect(Array.from(again.recorded)).toEqual(Array.from(track.recorded))
    expect(again.windows).toEqual(track.windows)
  })

  it.prop("party.age: 18 on the day of the application, not a day before", [dayArb, fc.integer({ min: -3, max: 3 })], ([birth, offset]) => {
    const eighteen = IsoDate.addMonths(birth, 12 * 18)
    const applied = add(eighteen, offset)
    const result = advance(Pathway.open({ ...header, birthDate: birth }), step(s.application, applied))
    expect(ruleOf(result)).toBe(offset < 0 ? "party.age" : "ok")
  })

  it("party.age: the birth date is needed", () => {
    expect(ruleOf(advance(Pathway.open({ ...header, birthDate: null }), step(s.application, d("2020-01-01"))))).toBe("party.age")
  })

  it.prop("party.talk-within: on time up to a month after the application, late (still recorded) after", [appliedArb, fc.integer({ min: 0, max: 70 })], ([applied, gap]) => {
    const track = upTo(s.talk, applied)
    const on = add(applied, gap)
    const result = advance(track, step(s.talk, on))
    expect(Either.isRight(result)).toBe(true)
    if (Either.isRight(result)) expect(result.right.event.late).toBe(on > IsoDate.addMonths(applied, 1))
  })

  it.prop("party.activist-year: a candidate at least one year after the designation", [appliedArb, fc.integer({ min: -5, max: 5 })], ([applied, offset]) => {
    const track = upTo(s.candidate, applied)
    const on = add(IsoDate.addMonths(dayOf(s.activist, applied), 12), offset)
    expect(ruleOf(advance(track, step(s.candidate, on)))).toBe(offset < 0 ? "party.activist-year" : "ok")
  })

  const memberArb = fc.constantFrom("f1", "f2", "f3", "p1", "x1", "nobody", "p-1")

  it.prop("party.contacts: one or two full members", [fc.array(memberArb, { maxLength: 4 })], ([ids]) => {
    const track = upTo(s.contacts)
    const result = advance(track, step(s.contacts, dayOf(s.contacts), { people: ids.map((id) => ({ role: "contact", id })) }))
    const ok = ids.length >= 1 && ids.length <= 2 && new Set(ids).size === ids.length && ids.every((id) => people.get(id)?.full === true)
    expect(ruleOf(result)).toBe(ok ? "ok" : "party.contacts")
  })

  it.prop("party.introducers: exactly two full members, neither under 留党察看", [fc.array(memberArb, { maxLength: 4 })], ([ids]) => {
    const track = upTo(s.introducers)
    const result = advance(track, step(s.introducers, dayOf(s.introducers), { people: ids.map((id) => ({ role: "introducer", id })) }))
    const ok = ids.length === 2 && ids[0] !== ids[1] && ids.every((id) => people.get(id)?.full === true && people.get(id)?.disciplined === false)
    expect(ruleOf(result)).toBe(ok ? "ok" : "party.introducers")
  })

  it.prop("party.training: at least 3 days or 24 class hours", [fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })], ([days, hours]) => {
    const track = upTo(s.training)
    const result = advance(track, step(s.training, dayOf(s.training), { training: { days, hours } }))
    expect(ruleOf(result)).toBe(days >= 3 || hours >= 24 ? "ok" : "party.training")
  })

  it("party.political-review: no admission without passing it", () => {
    const track = upTo(s.politicalReview)
    expect(ruleOf(advance(track, step(s.politicalReview, dayOf(s.politicalReview), { passed: false })))).toBe("party.political-review")
    expect(ruleOf(advance(track, step(s.committeeReview, dayOf(s.committeeReview))))).toBe("pathway.prerequisite")
  })

  it.prop("party.quorum and party.majority: more than half of the full members present, yes from more than half of them", [
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 0, max: 12 })
  ], ([entitled, present, yesVotes]) => {
    const track = upTo(s.admissionMeeting)
    const vote = { present, yes: Math.min(yesVotes, present), no: present - Math.min(yesVotes, present), abstain: 0 }
    const result = advance(track, step(s.admissionMeeting, dayOf(s.admissionMeeting), { vote }), { ...facts, entitled })
    const expected = present > entitled
      ? "pathway.vote-count"
      : 2 * present <= entitled
      ? "party.quorum"
      : 2 * vote.yes <= entitled
      ? "party.majority"
      : "ok"
    expect(ruleOf(result)).toBe(expected)
  })

  it.prop("party.approval-within: 3 months after the meeting; to 6 only with a special reason", [
    fc.integer({ min: 0, max: 220 }),
    fc.boolean()
  ], ([gap, special]) => {
    const track = upTo(s.approval)
    const meeting = dayOf(s.admissionMeeting)
    const on = add(meeting, gap)
    const result = advance(track, step(s.approval, on, { passed: true, ...(special ? { special: "上级党委换届" } : {}) }))
    const within = on <= IsoDate.addMonths(meeting, 3)
    const limit = on <= IsoDate.addMonths(meeting, 6)
    const approvalTalk = dayOf(s.approvalTalk)
    expect(ruleOf(result)).toBe(on < approvalTalk ? "pathway.prerequisite" : within || (limit && special) ? "ok" : "party.approval-within")
    if (Either.isRight(result)) expect(result.right.event.late).toBe(!within)
  })

  it.prop("party.probation-year: the conversion meeting not before probation (with its extension) ends", [
    fc.integer({ min: -3, max: 3 }),
    fc.option(fc.integer({ min: 4, max: 14 }), { nil: undefined })
  ], ([offset, extension]) => {
    let track = upTo(s.conversionMeeting)
    const meeting = dayOf(s.admissionMeeting)
    let end = IsoDate.addMonths(meeting, 12)
    if (extension !== undefined) {
      const extended = advance(track, { kind: "extend", window: PartyLadder.probation, on: add(end, -5), length: { months: extension }, evidence: { ...yes, passed: true } })
      expect(ruleOf(extended)).toBe(extension >= 6 && extension <= 12 ? "ok" : "party.probation-extension")
      if (Either.isLeft(extended)) return
      track = extended.right.track
      end = IsoDate.addMonths(end, extension)
      const again = advance(track, { kind: "extend", window: PartyLadder.probation, on: add(end, -5), length: { months: 6 }, evidence: { ...yes, passed: true } })
      expect(ruleOf(again)).toBe("party.probation-extension")
    }
    expect(track.windows[0]!.endsOn).toBe(end)
    const result = advance(track, step(s.conversionMeeting, add(end, offset)))
    expect(ruleOf(result)).toBe(offset < 0 ? "party.probation-year" : "ok")
    if (Either.isRight(result) && offset >= 0) {
      let done = result.right.track
      for (const id of [s.conversionApproval, s.archive]) {
        const next = advance(done, step(id, add(end, 20)))
        if (Either.isLeft(next)) throw new Error(next.left.message)
        done = next.right.track
      }
      expect(PartyLadder.standingFrom(done)).toBe(end)
    }
  })

  it("cancellation: during probation it needs the meeting's vote and approval; before it, only a reason", () => {
    const candidate = upTo(s.introducers)
    expect(ruleOf(advance(candidate, { kind: "cancel", on: dayOf(s.introducers), reason: "本人申请撤回", evidence: {} }))).toBe("ok")
    const probationary = upTo(s.conversionMeeting)
    const on = dayOf(s.conversionMeeting)
    expect(ruleOf(advance(probationary, { kind: "cancel", on, reason: "不履行党员义务", evidence: {} }))).toBe("party.majority")
    expect(ruleOf(advance(probationary, { kind: "cancel", on, reason: "不履行党员义务", evidence: yes }))).toBe("party.approval")
    const cancelled = advance(probationary, { kind: "cancel", on, reason: "不履行党员义务", evidence: { ...yes, passed: true } })
    expect(ruleOf(cancelled)).toBe("ok")
    if (Either.isRight(cancelled)) {
      expect(cancelled.right.track.status).toBe("cancelled")
      expect(ruleOf(advance(cancelled.right.track, step(s.conversionMeeting, on)))).toBe("pathway.closed")
      expect(Pathway.due(ladder, cancelled.right.track, on)).toEqual([])
    }
  })

  it.prop("pathway.prerequisite and pathway.once: in any order of recording, a step lands only after its prerequisites, once", [
    fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 60 })
  ], ([picks]) => {
    const days = new Map(schedule(d("2020-03-01")))
    let track = upTo(s.talk)
    for (const index of picks) {
      const spec = ladder.steps[index]!
      const before = track.recorded.has(spec.id)
      const ready = spec.after.every((a) => track.recorded.has(a))
      const result = advance(track, step(spec.id, days.get(spec.id)!))
      if (before) expect(ruleOf(result)).toBe("pathway.once")
      else if (!ready) expect(ruleOf(result)).toBe("pathway.prerequisite")
      if (Either.isRight(result)) track = result.right.track
    }
    for (const id of track.recorded.keys()) {
      const spec = Pathway.stepOf(ladder, id)!
      for (const a of spec.after) expect(track.recorded.get(a)! <= track.recorded.get(id)!).toBe(true)
    }
  })

  it("pathway.first, pathway.future, pathway.unknown-step", () => {
    const empty = Pathway.open(header)
    expect(ruleOf(advance(empty, step(s.talk, d("2020-01-01"))))).toBe("pathway.first")
    expect(ruleOf(Pathway.advance(ladder, empty, step(s.application, d("2020-01-02")), facts, { by: "clerk", on: d("2020-01-01") }))).toBe("pathway.future")
    expect(ruleOf(advance(upTo(s.talk), step("no-such-step", d("2020-04-01"))))).toBe("pathway.unknown-step")
  })

  it.prop("due: the talk is due a month after the application, overdue the day after", [fc.integer({ min: 0, max: 60 })], ([gap]) => {
    const applied = d("2021-01-31")
    const track = upTo(s.talk, applied)
    const asOf = add(applied, gap)
    const items = Pathway.due(ladder, track, asOf)
    expect(items.map((i) => [i.step, i.state, i.dueOn])).toEqual([[s.talk, asOf > d("2021-03-01") ? "overdue" : "due", d("2021-03-01")]])
  })

  it.prop("due: probation ending a month before its end, the conversion decision due to a month after, then late", [fc.integer({ min: -60, max: 60 })], ([offset]) => {
    const track = upTo(s.conversionApplication)
    const end = IsoDate.addMonths(dayOf(s.admissionMeeting), 12)
    const asOf = add(end, offset)
    const window = Pathway.due(ladder, track, asOf).filter((i) => i.kind === "window")
    const state = asOf < IsoDate.addMonths(end, -1) ? null : asOf < end ? "ending" : asOf > IsoDate.addMonths(end, 1) ? "overdue" : "due"
    expect(window.map((i) => i.state)).toEqual(state === null ? [] : [state])
    if (state !== null) expect(window[0]!.step).toBe(s.conversionMeeting)
  })

  it("a violation names its rule and its source", () => {
    const result = advance(upTo(s.candidate), step(s.candidate, add(dayOf(s.cultivation), 1)))
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.rule).toBe("party.activist-year")
      expect(result.left.source).toBe("《中国共产党发展党员工作细则》第十三条")
    }
  })
  it("a refusal names the person by id, never by name", () => {
    const result = advance(Pathway.open({ ...header, birthDate: null }), step(s.application, d("2020-01-01")))
    expect(Either.isLeft(result) && result.left.message).toContain("p-1")
    expect(Either.isLeft(result) && result.left.message).not.toContain("张三")
  })

  it("durations are bounded: a length past a century is malformed input, not a crash", () => {
    expect(() => Schema.decodeUnknownSync(Pathway.Duration)({ years: 8000 })).toThrow()
    expect(() => Schema.decodeUnknownSync(Pathway.Duration)({ days: 4_000_000 })).toThrow()
    expect(Schema.decodeUnknownSync(Pathway.Duration)({ years: 1, months: 6 })).toEqual({ years: 1, months: 6 })
  })

  const extend = (track: Pathway.Track, on: IsoDate.IsoDate, months = 6) =>
    advance(track, { kind: "extend", window: PartyLadder.probation, on, length: { months }, evidence: { ...yes, passed: true } })
  const cancel = (track: Pathway.Track, on: IsoDate.IsoDate, evidence: Pathway.Evidence = {}) =>
    advance(track, { kind: "cancel", on, reason: "理由", evidence })

  it("party.cancel: before the higher committee approves the admission, a reason ends the track; once it binds, the vote and approval; after the conversion's approval, nothing", () => {
    const meeting = dayOf(s.admissionMeeting)
    expect(ruleOf(cancel(upTo(s.approvalTalk), meeting))).toBe("ok")
    expect(ruleOf(cancel(upTo(s.approval), add(meeting, 20)))).toBe("ok")
    const approved = upTo(s.approvalFiling)
    expect(ruleOf(cancel(approved, dayOf(s.approval)))).toBe("party.majority")
    const converting = upTo(s.conversionApproval)
    const convDay = dayOf(s.conversionMeeting)
    expect(ruleOf(cancel(converting, convDay))).toBe("party.majority")
    expect(ruleOf(cancel(converting, convDay, { ...yes, passed: true }))).toBe("ok")
    const settled = upTo(s.archive)
    expect(ruleOf(cancel(settled, dayOf(s.archive), { ...yes, passed: true }))).toBe("pathway.settled")
    expect(PartyLadder.standingFrom(settled)).toBe(IsoDate.addMonths(meeting, 12))
  })

  it.prop("party.probation-extension: decided as probation ends — from a month before its end to the day the conversion decision is due, whatever the length", [
    fc.integer({ min: -60, max: 400 }),
    fc.integer({ min: 6, max: 12 })
  ], ([offset, months]) => {
    const end = IsoDate.addMonths(dayOf(s.admissionMeeting), 12)
    const on = add(end, offset)
    const result = extend(upTo(s.conversionMeeting), on, months)
    const ok = on >= IsoDate.addMonths(end, -1) && on <= IsoDate.addMonths(end, 1)
    expect(ruleOf(result)).toBe(ok ? "ok" : "party.probation-extension")
  })

  it.prop("party.conversion-due: a conversion meeting held after the decision was due is recorded late", [fc.integer({ min: 0, max: 90 })], ([offset]) => {
    const end = IsoDate.addMonths(dayOf(s.admissionMeeting), 12)
    const on = add(end, offset)
    const result = advance(upTo(s.conversionMeeting), step(s.conversionMeeting, on))
    expect(Either.isRight(result) && result.right.event.late).toBe(on > IsoDate.addMonths(end, 1))
  })

  it("pathway.window: no extension before the admission is approved, nor once the conversion meeting has decided", () => {
    expect(ruleOf(extend(upTo(s.approval), add(dayOf(s.admissionMeeting), 5)))).toBe("pathway.window")
    expect(ruleOf(extend(upTo(s.conversionApproval), dayOf(s.conversionMeeting)))).toBe("pathway.window")
  })

  it.prop("party.majority with written opinions: those who could not attend and wrote beforehand are counted in the votes, not in the quorum", [
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 0, max: 9 })
  ], ([entitled, present, yesPresent, writtenYes]) => {
    const yesHere = Math.min(yesPresent, present)
    const vote = { present, yes: yesHere, no: present - yesHere, abstain: 0, written: { yes: writtenYes, no: 0, abstain: 0 } }
    const result = advance(upTo(s.admissionMeeting), step(s.admissionMeeting, dayOf(s.admissionMeeting), { vote }), { ...facts, entitled })
    const expected = present + writtenYes > entitled
      ? "pathway.vote-count"
      : 2 * present <= entitled
      ? "party.quorum"
      : 2 * (yesHere + writtenYes) <= entitled
      ? "party.majority"
      : "ok"
    expect(ruleOf(result)).toBe(expected)
  })

  it("a cancellation is not dated before any event of the track, whatever the order they were recorded in", () => {
    let track = upTo(s.placement)
    track = Either.getOrThrow(advance(track, step(s.oath, dayOf(s.oath)))).track
    track = Either.getOrThrow(advance(track, step(s.placement, add(dayOf(s.oath), -5)))).track
    const between = add(dayOf(s.oath), -1)
    expect(ruleOf(cancel(track, between, { ...yes, passed: true }))).toBe("pathway.prerequisite")
    expect(ruleOf(cancel(track, dayOf(s.oath), { ...yes, passed: true }))).toBe("ok")
  })
})
