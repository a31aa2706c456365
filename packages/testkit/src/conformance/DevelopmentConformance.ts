/**
 * The member-development domain's service-level conformance suite every Store adapter
 * runs:
 *
 * - random command sequences through `Development.execute`: every refusal leaves every
 *   table and the audit log as they were, every success writes exactly one audit entry,
 *   a track's events are numbered 1, 2, 3 … and replay on its ladder, no event comes
 *   before a step it needs, and the audit log keeps no name, birth date or phone;
 * - the results command by command (the changes, or the refusal's rule and field), the
 *   tables and every read's answers equal the memory store's after the same commands
 *   (the differential property);
 * - a batch gives what the same commands give one by one: the history, or the first
 *   refusal naming its row and nothing written;
 * - scope: an actor of street 002 may not touch branch b1's tracks, workers or honours,
 *   and reads nothing of them; bad input is a `ValidationError` naming the field, and
 *   writes nothing.
 *
 * Its tenants are its own (`Tenants.nth` from 210,000 to 240,000).
 *
 * @since 0.5.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Development, DevelopmentConfig, MemoryStore, type Pathway, PartyLadder, type Store } from "@jiceng/core"
import { Effect, Either, FastCheck as fc, type Layer, TestClock } from "effect"
import * as DevelopmentIntents from "../arbitraries/DevelopmentIntents.js"
import { parityProperties } from "./parity.js"
import { freshTenant, over, sharedStore } from "./developmentSupport.js"
import { propertyRuns, type SuiteOptions } from "./support.js"

export {
  /**
   * The Development, Organisations and Grids services over a store, with the default
   * configurations.
   *
   * @since 0.5.0
   * @category layers
   */
  developmentOver
} from "./developmentSupport.js"

/** Every command kind the service has. */
const kinds = [
  "OpenTrack",
  "RecordStep",
  "ExtendWindow",
  "CancelTrack",
  "HireWorker",
  "PlanRecruitment",
  "RecordTraining",
  "RecordQualification",
  "RecordCareerMove",
  "Recognise",
  "SendHonourLetters"
]

interface Tables {
  readonly tracks: ReadonlyArray<Pathway.TrackHeader>
  readonly events: ReadonlyArray<Pathway.Event>
  readonly audit: ReadonlyArray<{ readonly seq: number; readonly action: string; readonly detail: string }>
}

const ladders = DevelopmentConfig.ladders(DevelopmentConfig.defaults)

/** The facts every history must show, whatever the commands. */
const breaches = (h: Tables): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const header of h.tracks) {
    const events = h.events.filter((e) => e.trackId === header.id)
    if (events.some((e, i) => e.seq !== i + 1)) out.push(`${header.id}: events not numbered 1, 2, 3 …`)
    const ladder = ladders.get(header.ladder)
    if (ladder === undefined) {
      out.push(`${header.id}: unknown ladder ${header.ladder}`)
      continue
    }
    const days = new Map(events.filter((e) => e.kind === "step").map((e) => [e.step as string, e.on]))
    for (const e of events.filter((x) => x.kind === "step")) {
      const step = ladder.steps.find((s) => s.id === e.step)
      for (const before of step?.after ?? []) {
        const day = days.get(before)
        if (day === undefined || day > e.on) out.push(`${header.id}: ${e.step} on ${e.on} before ${before}`)
      }
    }
    if (events[0]?.step !== ladder.steps[0]?.id) out.push(`${header.id}: does not begin with ${ladder.steps[0]?.id}`)
    const closing = events.findIndex((e) => e.kind === "cancel" || ladder.steps.find((s) => s.id === e.step)?.completes === true)
    if (closing >= 0 && closing < events.length - 1) out.push(`${header.id}: an event after the track was closed`)
  }
  for (const entry of h.audit.filter((e) => kinds.includes(e.action))) {
    if (/"(name|birthDate|phone)":/.test(entry.detail)) out.push(`audit ${entry.seq} keeps personal data: ${entry.detail}`)
  }
  return out
}

const tables = (tenant: string) => Effect.map(DevelopmentIntents.history(tenant), (h) => h as Tables)

/**
 * Registers the suites for one store.
 *
 * @since 0.5.0
 * @category suites
 */
export const developmentConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: SuiteOptions = {}
): void => {
  const { numRuns, propOptions } = propertyRuns(options, 25)
  const intents = DevelopmentIntents.intents(options.maxIntents ?? 30)
  describe(`${name}: member-development conformance`, () => {
    const provide = sharedStore(store)

    it.effect.prop(
      "random commands: refusals write nothing, one audit entry per success, tracks hang together, no personal data in the audit log",
      [intents],
      ([ops]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const outcomes = yield* DevelopmentIntents.run(tenant, ops)
          const history = yield* tables(tenant)
          expect(breaches(history)).toEqual([])
          const ok = outcomes.filter((o) => o.result === "ok")
          const mine = history.audit.filter((e) => kinds.includes(e.action))
          expect(mine.map((e) => e.action)).toEqual(ok.map((o) => (o.command as { readonly _tag: string })._tag))
          expect(history.audit.map((e) => e.seq)).toEqual(history.audit.map((_, i) => i + 1))
        })),
      propOptions
    )

    // Of the intents, not the store: on a memory store, so that it costs every store little.
    // Eighty sequences, so that rare successes (a career move after a hire, a track walked
    // to the end) do not hang on one seed's luck.
    it.effect("the random commands are accepted often enough, of every kind, and refused by many rules", () =>
      over(MemoryStore.layer)(Effect.gen(function*() {
        yield* TestClock.setTime(DevelopmentIntents.todayMs)
        const samples = fc.sample(intents, { numRuns: 80, seed: 7 })
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        let completed = 0
        for (const ops of samples) {
          const tenant = freshTenant()
          for (const o of yield* DevelopmentIntents.run(tenant, ops, { checkRefusals: false })) {
            const tag = (o.command as { readonly _tag: string })._tag
            if (o.result === "ok") accepted.set(tag, (accepted.get(tag) ?? 0) + 1)
            else refused.add(o.result.replace(/@.*/, ""))
          }
          const history = yield* tables(tenant)
          completed += history.events.filter((e) => e.step === PartyLadder.steps.archive).length
        }
        expect(kinds.filter((k) => (accepted.get(k) ?? 0) === 0)).toEqual([])
        expect(completed, "party tracks walked to the end").toBeGreaterThan(0)
        expect(refused.size, [...refused].sort().join("\n")).toBeGreaterThan(25)
      })), { timeout: 120_000 })

    parityProperties({
      intents,
      provide,
      freshTenant,
      run: (tenant, ops) => DevelopmentIntents.run(tenant, ops, { checkRefusals: false }),
      answers: DevelopmentIntents.answers,
      reference: over(MemoryStore.layer),
      history: DevelopmentIntents.history,
      writeScaffold: DevelopmentIntents.writeScaffold,
      executeAll: Effect.map(Development.Development, (service) => service.executeAllUnknown),
      differential: options.differential !== false,
      propOptions,
      batchRuns: Math.max(8, Math.ceil(numRuns / 2))
    })

    it.effect("scope: street 002's organiser may not touch branch b1's tracks, workers or honours, and reads none of them", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        const service = yield* Development.Development
        const admin = Actor.system(tenant)
        yield* DevelopmentIntents.writeScaffold(tenant)
        // Branch b1 (street 001): a track, a worker, an honour; b3 (street 002): a track.
        yield* service.executeAllUnknown(admin, [
          DevelopmentIntents.resolve(tenant, { kind: "party", track: 0, step: 0, shift: 0, vote: 0, people: 0, evidence: true }),
          DevelopmentIntents.resolve(tenant, { kind: "party", track: 3, step: 0, shift: 0, vote: 0, people: 0, evidence: true }),
          DevelopmentIntents.resolve(tenant, { kind: "hire", worker: 0, community: 0, year: 2024, degree: 2, socialWork: true }),
          DevelopmentIntents.resolve(tenant, { kind: "recognise", id: 0, honour: 0, member: 0, stars: null, level: null, letter: true, organisation: 0 })
        ]).pipe(Effect.orDie)
        const hedong = Actor.make({ id: "河东", tenant, roles: ["party_organiser"], scope: `${tenant}002` })
        const before = yield* DevelopmentIntents.history(tenant)
        const attempts: ReadonlyArray<unknown> = [
          { _tag: "OpenTrack", id: "x", ladder: "party", person: "px", name: "某", birthDate: "1990-01-01", organisationId: "b1", on: "2024-01-02", evidence: { documents: ["入党申请书"] } },
          { _tag: "RecordStep", trackId: "pt0", step: PartyLadder.steps.talk, on: "2023-01-20" },
          { _tag: "RecordQualification", workerId: "w0", level: "assistant", obtainedOn: "2024-06-01" },
          { _tag: "HireWorker", id: "wx", name: "某", communityCode: `${tenant}001001`, post: "worker", hiredOn: "2024-01-01", education: { degree: "bachelor", socialWork: true } },
          { _tag: "Recognise", id: "hx", kind: "mobile-vanguard", memberId: "m1", organisationId: "b1", criteria: "x", awardedBy: "x", awardedOn: "2024-05-01" },
          { _tag: "RecordTraining", id: "kx", title: "培训", gridCode: `${tenant}002`, from: "2024-01-01", to: "2024-01-02", hours: 4, attendees: ["w0"] }
        ]
        for (const command of attempts) {
          const result = yield* Effect.either(service.executeUnknown(hedong, command))
          const tag = (command as { readonly _tag: string })._tag
          expect(Either.isLeft(result) && result.left._tag, tag).toBe("Forbidden")
        }
        // An honour lying wholly outside the scope is answered as an unknown one.
        const send = yield* Effect.either(service.executeUnknown(hedong, { _tag: "SendHonourLetters", honourIds: ["h0"], on: "2024-06-01" }))
        expect(Either.isLeft(send) && [send.left._tag, (send.left as { readonly rule?: string }).rule]).toEqual(["RuleViolation", "recognition.letter-honour"])
        expect(yield* DevelopmentIntents.history(tenant)).toEqual(before)
        const viewer = Actor.make({ id: "河东查看", tenant, roles: ["viewer"], scope: `${tenant}002` })
        expect((yield* service.tracks(viewer)).map((t) => t.id)).toEqual(["pt3"])
        expect(yield* service.workers(viewer)).toEqual([])
        expect((yield* service.honours(viewer, { from: "2023-01-01", to: "2027-01-01" })).honours).toEqual([])
        expect(yield* service.letters(viewer)).toEqual([])
        const whole = Actor.make({ id: "区查看", tenant, roles: ["viewer"], scope: tenant })
        expect((yield* service.tracks(whole)).map((t) => t.id)).toEqual(["pt0", "pt3"])
        const outside = yield* Effect.either(service.tracks(viewer, { root: `${tenant}001` }))
        expect(Either.isLeft(outside) && outside.left._tag).toBe("Forbidden")
      })))

    it.effect("bad input is a ValidationError naming the field, and writes nothing", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* DevelopmentIntents.writeScaffold(tenant)
        const service = yield* Development.Development
        const admin = Actor.system(tenant)
        const before = yield* DevelopmentIntents.history(tenant)
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{ _tag: "OpenTrack", id: "t", ladder: "party", person: "p", name: "某", organisationId: "b1", on: "2024-02-30" }, "on"],
          [{ _tag: "OpenTrack", id: "", ladder: "party", person: "p", name: "某", organisationId: "b1", on: "2024-02-01" }, "id"],
          [{ _tag: "RecordStep", trackId: "t", step: "talk", on: "2024-02-01", evidence: { vote: { present: -1, yes: 0, no: 0, abstain: 0 } } }, "evidence.vote.present"],
          [{ _tag: "ExtendWindow", trackId: "t", window: "probation", on: "2024-02-01", length: { months: 1.5 } }, "length.months"],
          [{ _tag: "HireWorker", id: "w", name: "某", phone: "12345", communityCode: `${tenant}001001`, post: "worker", hiredOn: "2024-01-01", education: { degree: "bachelor", socialWork: true } }, "phone"],
          [{ _tag: "HireWorker", id: "w", name: "某", communityCode: `${tenant}001001`, post: "boss", hiredOn: "2024-01-01", education: { degree: "bachelor", socialWork: true } }, "post"],
          [{ _tag: "PlanRecruitment", gridCode: tenant, year: 1999, planned: 3 }, "year"],
          [{ _tag: "RecordQualification", workerId: "w", level: "master", obtainedOn: "2024-01-01" }, "level"],
          [{ _tag: "Recognise", id: "h", kind: "star-merchant", memberId: "m1", organisationId: "b1", stars: 6, criteria: "x", awardedBy: "x", awardedOn: "2024-01-01" }, "stars"],
          [{ _tag: "Recognise", id: "h", kind: "model-site", organisationId: "b1", level: "province", criteria: "x", awardedBy: "x", awardedOn: "2024-01-01" }, "level"],
          [{ _tag: "SendHonourLetters", honourIds: [], on: "2024-01-01" }, "honourIds"],
          [{ _tag: "SendHonourLetters", honourIds: ["h", "h"], on: "2024-01-01" }, "honourIds"],
          [{ _tag: "NoSuchCommand" }, "_tag"]
        ]
        for (const [command, field] of cases) {
          const result = yield* Effect.either(service.executeUnknown(admin, command))
          expect(Either.isLeft(result) && [result.left._tag, (result.left as { readonly field?: string }).field], JSON.stringify(command)).toEqual(["ValidationError", field])
        }
        expect(yield* DevelopmentIntents.history(tenant)).toEqual(before)
      })))
  })
}
