/**
 * The workforce and recognition rules as pure functions, each property named after its
 * rule: the first rule a command breaks, or the rows it writes.
 */
import { describe, expect, it } from "@effect/vitest"
import { CommunityWorker, DevelopmentCommand, DevelopmentRules, IsoDate, Qualification, Recognition } from "@jiceng/core"
import { Either, FastCheck as fc, Schema } from "effect"

const tenant = "131102" as CommunityWorker.CommunityWorker["tenant"]
const d = IsoDate.unsafeMake
const today = d("2024-12-31")
const ruleOf = (e: Either.Either<unknown, { readonly rule: string }>) => (Either.isLeft(e) ? e.left.rule : "ok")
const decode = <A, I>(schema: Schema.Schema<A, I>) => (input: I) => Schema.decodeUnknownSync(schema)(input)

const worker = (id: string, hiredOn: string): CommunityWorker.CommunityWorker => ({
  tenant,
  id: id as CommunityWorker.WorkerId,
  name: id,
  phone: null,
  communityCode: "131102001001" as CommunityWorker.CommunityWorker["communityCode"],
  post: "secretary",
  hiredOn: d(hiredOn),
  education: { degree: "bachelor", socialWork: true },
  socialWorkSince: d("2015-01-01")
})

const dayArb = fc.integer({ min: -400, max: 400 }).map((n) => IsoDate.addDays(today, n))

describe("DevelopmentRules", () => {
  it.prop("workforce.worker-id, workforce.community, workforce.future: a hire", [fc.boolean(), fc.boolean(), dayArb, fc.option(dayArb, { nil: null })], ([exists, valid, hiredOn, since]) => {
    const command = decode(DevelopmentCommand.HireWorker)({
      _tag: "HireWorker", id: "w", name: "社工", communityCode: "131102001001", post: "worker", hiredOn,
      education: { degree: "associate", socialWork: false }, socialWorkSince: since
    })
    const result = DevelopmentRules.hireWorker(tenant, { exists, communityValid: valid, today }, command)
    const expected = exists ? "workforce.worker-id" : !valid ? "workforce.community" : hiredOn > today || (since !== null && since > today) ? "workforce.future" : "ok"
    expect(ruleOf(result)).toBe(expected)
    if (Either.isRight(result)) expect(result.right.workers).toEqual([{ tenant, ...Object.fromEntries(Object.entries(command).filter(([k]) => k !== "_tag")) }])
  })

  it.prop("training.*: a session's dates, its attendees once each, hired by its last day; one person-time each", [
    fc.integer({ min: -5, max: 5 }),
    fc.array(fc.constantFrom("a", "b", "c", "late", "nobody"), { maxLength: 6 }),
    fc.boolean()
  ], ([length, attendees, exists]) => {
    const from = d("2024-06-10")
    const to = IsoDate.addDays(from, length)
    const workers = new Map([["a", worker("a", "2020-01-01")], ["b", worker("b", "2024-06-10")], ["c", worker("c", "2023-01-01")], ["late", worker("late", "2024-06-16")]])
    const command = decode(DevelopmentCommand.RecordTraining)({ _tag: "RecordTraining", id: "k", title: "培训班", gridCode: "131102", from, to, hours: 8, attendees })
    const result = DevelopmentRules.recordTraining(tenant, { exists, gridExists: true, workers, today }, command)
    const firstBad = attendees.findIndex((id, i) => attendees.indexOf(id) !== i || workers.get(id) === undefined || workers.get(id)!.hiredOn > to)
    const expected = exists
      ? "training.id"
      : length < 0
      ? "training.dates"
      : firstBad < 0
      ? "ok"
      : attendees.indexOf(attendees[firstBad]!) !== firstBad
      ? "training.attendee-once"
      : "training.attendee"
    expect(ruleOf(result)).toBe(expected)
    if (Either.isRight(result)) expect(result.right.attendance.length).toBe(attendees.length)
  })

  it.prop("qualification.once and qualification.eligibility: a level once, on a route met that day", [
    fc.constantFrom(...Qualification.Level.literals),
    fc.integer({ min: 0, max: 8 }),
    fc.subarray([...Qualification.Level.literals])
  ], ([level, years, held]) => {
    const obtainedOn = d("2024-06-01")
    const w = { ...worker("w", "2010-01-01"), socialWorkSince: IsoDate.addMonths(obtainedOn, -12 * years) }
    const holdings = held.map((l) => ({ tenant, workerId: w.id, level: l, obtainedOn: d("2012-01-01"), certificate: null, route: "" }))
    const command = decode(DevelopmentCommand.RecordQualification)({ _tag: "RecordQualification", workerId: "w", level, obtainedOn })
    const result = DevelopmentRules.recordQualification(tenant, Qualification.defaults, { worker: w, holdings, today }, command)
    const applicant = { education: w.education, socialWorkSince: w.socialWorkSince, holdings: holdings.map((h) => ({ level: h.level, obtainedOn: h.obtainedOn })) }
    const expected = held.includes(level)
      ? "qualification.once"
      : Either.isRight(Qualification.eligible(Qualification.defaults, level, applicant, obtainedOn))
      ? "ok"
      : "qualification.eligibility"
    expect(ruleOf(result)).toBe(expected)
    expect(ruleOf(DevelopmentRules.recordQualification(tenant, Qualification.defaults, { worker: undefined, holdings: [], today }, command))).toBe("workforce.worker-unknown")
  })

  it.prop("career.*: a move after the hire, not after today, each kind once a worker", [
    dayArb,
    fc.constantFrom(...CommunityWorker.MoveKind.literals),
    fc.subarray([...CommunityWorker.MoveKind.literals])
  ], ([on, kind, had]) => {
    const w = worker("w", "2024-03-01")
    const command = decode(DevelopmentCommand.RecordCareerMove)({ _tag: "RecordCareerMove", id: "m", workerId: "w", kind, on })
    const result = DevelopmentRules.recordCareerMove(tenant, { exists: false, worker: w, moves: had.map((k) => ({ kind: k })), today }, command)
    const expected = on < w.hiredOn ? "career.after-hire" : on > today ? "workforce.future" : had.includes(kind) ? "career.once" : "ok"
    expect(ruleOf(result)).toBe(expected)
  })

  it.prop("recognition.*: who is honoured, stars and levels where they belong, letters for members only", [
    fc.constantFrom(...Recognition.HonourKind.literals),
    fc.option(fc.constant("m1"), { nil: null }),
    fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    fc.option(fc.constantFrom(...Recognition.SiteLevel.literals), { nil: null }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean()
  ], ([kind, memberId, stars, level, letter, memberOnDay, organisationValid]) => {
    const command = decode(DevelopmentCommand.Recognise)({
      _tag: "Recognise", id: "h", kind, memberId, organisationId: "o", stars, level, criteria: "标准", awardedBy: "区委组织部", awardedOn: "2024-05-01",
      letter: letter ? { hometown: "某村党支部", address: "某县某村" } : null
    })
    const result = DevelopmentRules.recognise(tenant, { exists: false, organisationValid, memberOnDay, today }, command)
    const site = kind === "model-site"
    const expected = site !== (memberId === null)
      ? "recognition.subject"
      : (kind === "star-merchant") !== (stars !== null)
      ? "recognition.stars"
      : site !== (level !== null)
      ? "recognition.level"
      : site && letter
      ? "recognition.letter"
      : !organisationValid
      ? "recognition.organisation"
      : !site && !memberOnDay
      ? "recognition.member"
      : "ok"
    expect(ruleOf(result)).toBe(expected)
    if (Either.isRight(result)) expect(result.right.letters.map((l) => l.status)).toEqual(letter ? ["pending"] : [])
  })
})
