/**
 * The pathway engine over the three shipped ladders (the party ladder, the talent chain,
 * the community worker's channel): random event sequences with random evidence and facts
 * never yield a track that breaks a rule — every step after its prerequisites, every
 * event passing its guards again when replayed with the facts it had, nothing after a
 * track closes — and the workforce guards at their boundaries.
 */
import { describe, expect, it } from "@effect/vitest"
import { CommunityWorkerLadder, DevelopmentConfig, IsoDate, PartyLadder, Pathway, TalentChain } from "@jiceng/core"
import { Either, FastCheck as fc } from "effect"

const ladders = DevelopmentConfig.ladders(DevelopmentConfig.defaults)
const d = IsoDate.unsafeMake

const header = (ladder: string): Pathway.TrackHeader => ({
  tenant: "t" as Pathway.TrackHeader["tenant"],
  id: "track" as Pathway.TrackId,
  ladder,
  person: "p" as Pathway.PersonId,
  name: "某",
  birthDate: d("1990-01-01"),
  organisationId: "o" as Pathway.TrackHeader["organisationId"]
})

const evidenceArb: fc.Arbitrary<Pathway.Evidence> = fc.record({
  documents: fc.subarray(["入党申请书", "入党志愿书", "转正申请书", "任职文件"]),
  people: fc.subarray([{ role: "contact", id: "f1" }, { role: "introducer", id: "f1" }, { role: "introducer", id: "f2" }, { role: "introducer", id: "x1" }]),
  vote: fc.record({ present: fc.integer({ min: 0, max: 9 }), yes: fc.integer({ min: 0, max: 9 }), no: fc.constant(0), abstain: fc.constant(0) }),
  training: fc.record({ days: fc.integer({ min: 0, max: 5 }), hours: fc.integer({ min: 0, max: 30 }) }),
  passed: fc.boolean()
}, { requiredKeys: [] }).map((e) => (e.vote === undefined ? e : { ...e, vote: { ...e.vote, yes: Math.min(e.vote.yes, e.vote.present) } }))

const factsArb: fc.Arbitrary<Pathway.Facts> = fc.record({
  entitled: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
  people: fc.constant(new Map([["f1", { full: true, disciplined: false }], ["f2", { full: true, disciplined: false }], ["x1", { full: true, disciplined: true }]])),
  reached: fc.subarray(["party/approval"]).map((r) => new Set(r)),
  member: fc.boolean(),
  qualifications: fc.subarray(["assistant", "intermediate"]).map((q) => new Set(q)),
  classHours: fc.integer({ min: 0, max: 40 })
})

const inputArb = (ladder: Pathway.Ladder): fc.Arbitrary<{ readonly input: Pathway.Input; readonly facts: Pathway.Facts }> =>
  fc.record({
    kind: fc.constantFrom("step", "step", "step", "step", "step", "step", "extend", "cancel"),
    step: fc.constantFrom(...ladder.steps.map((s) => s.id)),
    gap: fc.integer({ min: 0, max: 400 }),
    months: fc.integer({ min: 3, max: 14 }),
    evidence: evidenceArb,
    facts: factsArb
  }).map(({ evidence, facts, gap, kind, months, step }) => ({
    facts,
    input: kind === "step"
      ? { kind, step, on: d("2020-01-01"), evidence, gap } as never
      : kind === "extend"
      ? { kind, window: "probation", on: d("2020-01-01"), length: { months }, evidence, gap } as never
      : { kind, on: d("2020-01-01"), reason: "理由", evidence, gap } as never
  }))

/** Runs inputs one after another (each `gap` days after the last), keeping what is accepted with the facts it had. */
const walk = (ladder: Pathway.Ladder, inputs: ReadonlyArray<{ readonly input: Pathway.Input & { readonly gap?: number }; readonly facts: Pathway.Facts }>) => {
  let track = Pathway.open(header(ladder.id))
  let day = d("2019-01-01")
  const accepted: Array<{ readonly input: Pathway.Input; readonly facts: Pathway.Facts }> = []
  for (const { facts, input } of inputs) {
    day = IsoDate.addDays(day, input.gap ?? 0)
    const dated = { ...input, on: day } as Pathway.Input
    const result = Pathway.advance(ladder, track, dated, facts, { by: "clerk", on: d("2030-01-01") })
    if (Either.isRight(result)) {
      track = result.right.track
      accepted.push({ input: dated, facts })
    } else if (track.status !== "active") {
      expect(result.left.rule).toBe("pathway.closed")
    }
  }
  return { track, accepted }
}

describe("Pathway", () => {
  it("the configuration runs three ladders on one engine, each well formed", () => {
    expect(Array.from(ladders.keys())).toEqual([PartyLadder.id, TalentChain.id, CommunityWorkerLadder.id])
    for (const ladder of ladders.values()) expect(Pathway.problems(ladder)).toEqual([])
  })

  for (const ladder of ladders.values()) {
    it.prop(`pathway.*: random events on the ${ladder.id} ladder never yield a track that breaks a rule`, [fc.array(inputArb(ladder), { maxLength: 80 })], ([inputs]) => {
      const { accepted, track } = walk(ladder, inputs)
      // Every step after its prerequisites, on or after their days.
      for (const [id, day] of track.recorded) {
        for (const before of Pathway.stepOf(ladder, id)!.after) expect(track.recorded.get(before)! <= day).toBe(true)
      }
      // Replayed with the facts each event had, every event passes again and the same track results.
      let again = Pathway.open(header(ladder.id))
      for (const { facts, input } of accepted) {
        const result = Pathway.advance(ladder, again, input, facts, { by: "clerk", on: d("2030-01-01") })
        expect(Either.isRight(result)).toBe(true)
        if (Either.isRight(result)) again = result.right.track
      }
      expect(again.events).toEqual(track.events)
      expect(Pathway.replay(ladder, header(ladder.id), track.events).recorded).toEqual(track.recorded)
      // Nothing after a track closes; extensions at most once, of 6 to 12 months.
      const closing = track.events.findIndex((e) => e.kind === "cancel" || Pathway.stepOf(ladder, e.step ?? "")?.completes === true)
      if (closing >= 0) expect(closing).toBe(track.events.length - 1)
      const extensions = track.events.filter((e) => e.kind === "extend")
      expect(extensions.length).toBeLessThanOrEqual(1)
      for (const e of extensions) expect(e.length!.months! >= 6 && e.length!.months! <= 12).toBe(true)
    })
  }

  it.prop("worker.trained and worker.qualified: the class hours and the level on the workforce's records by the day", [
    fc.integer({ min: 0, max: 48 }),
    fc.subarray(["assistant", "intermediate"])
  ], ([hours, levels]) => {
    const ladder = CommunityWorkerLadder.make()
    const facts = { ...Pathway.noFacts, classHours: hours, qualifications: new Set(levels) }
    const recorder = { by: "clerk", on: d("2030-01-01") }
    const step = (track: Pathway.Track, id: string, evidence: Pathway.Evidence = {}) =>
      Pathway.advance(ladder, track, { kind: "step", step: id, on: d("2024-01-01"), evidence }, facts, recorder)
    const hired = Either.getOrThrow(step(Pathway.open(header(ladder.id)), CommunityWorkerLadder.steps.recruited)).track
    const trained = step(hired, CommunityWorkerLadder.steps.trained)
    expect(Either.isRight(trained)).toBe(hours >= 24)
    if (Either.isLeft(trained)) {
      expect(trained.left.rule).toBe("worker.trained")
      return
    }
    for (const level of ["assistant", "intermediate"] as const) {
      const result = step(trained.right.track, CommunityWorkerLadder.steps[level])
      expect(Either.isRight(result) ? "ok" : result.left.rule).toBe(levels.includes(level) ? "ok" : "worker.qualified")
    }
  })
})
