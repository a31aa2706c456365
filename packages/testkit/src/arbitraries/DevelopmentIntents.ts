/**
 * Random member-development command sequences for the conformance suites: four party
 * tracks walking the path of `PartyPath` (mostly in order, with days moved, votes short
 * of a quorum or a majority, introducers who may not introduce, evidence left out),
 * extensions and cancellations, two talent-chain tracks, and the workforce and
 * recognition commands (letters of good news sent among them) with fields inside and
 * outside their rules — over the organisation
 * intents' scaffold (branch b1 in street 001 with five more full members and one under
 * 留党察看; branch b3 in street 002).
 *
 * @since 0.5.0
 */
import {
  Actor,
  AuditLog,
  type Development,
  type DevelopmentChanges,
  DevelopmentService,
  DevelopmentStore,
  type Grids,
  IsoDate,
  Organisations,
  PartyLadder,
  type Store,
  type StoreError,
  TalentChain
} from "@jiceng/core"
import { Effect, FastCheck as fc } from "effect"
import * as Outcomes from "./Outcomes.js"
import * as OrganisationIntents from "./OrganisationIntents.js"
import * as PartyPath from "./PartyPath.js"

/**
 * The suites' today: two years after the organisation intents', so that party tracks
 * begun after their scaffold (2023) can reach full membership.
 *
 * @since 0.5.0
 * @category constants
 */
export const todayMs = Date.parse("2026-12-31T00:00:00Z")

/**
 * An intent: what to do, by index into the scaffold's people, tracks and days, resolved
 * for a tenant by {@link resolve}.
 *
 * @since 0.5.0
 * @category models
 */
export type Intent =
  | {
    readonly kind: "party"
    readonly track: number
    readonly step: number
    readonly shift: number
    /** 0: a passing vote; 1: no quorum; 2: no majority; 3: more present than entitled. */
    readonly vote: number
    /** 0: full members; 1: a probationary member; 2: one under 留党察看; 3: nobody known. */
    readonly people: number
    readonly evidence: boolean
  }
  | { readonly kind: "extend"; readonly track: number; readonly months: number; readonly approved: boolean }
  | { readonly kind: "cancel"; readonly track: number; readonly vote: boolean; readonly shift: number }
  | { readonly kind: "talent"; readonly track: number; readonly step: number; readonly shift: number }
  | { readonly kind: "hire"; readonly worker: number; readonly community: number; readonly year: number; readonly degree: number; readonly socialWork: boolean }
  | { readonly kind: "plan"; readonly grid: number; readonly year: number; readonly planned: number }
  | { readonly kind: "training"; readonly session: number; readonly attendees: ReadonlyArray<number>; readonly length: number; readonly month: number }
  | { readonly kind: "qualify"; readonly worker: number; readonly level: number; readonly year: number }
  | { readonly kind: "move"; readonly id: number; readonly worker: number; readonly move: number; readonly year: number }
  | {
    readonly kind: "recognise"
    readonly id: number
    readonly honour: number
    readonly member: number
    readonly stars: number | null
    readonly level: number | null
    readonly letter: boolean
    readonly organisation: number
  }
  /** Letters sent: of honours h0–h3 (4: an unknown one), perhaps one twice, on a day before, on or after the award, or in the future. */
  | { readonly kind: "send"; readonly honours: ReadonlyArray<number>; readonly day: number }

const index = (max: number) => fc.integer({ min: 0, max })
const shift = fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1, -40, 40)

const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("party" as const), track: index(3), step: index(24), shift, vote: fc.constantFrom(0, 0, 0, 0, 0, 1, 2, 3), people: fc.constantFrom(0, 0, 0, 0, 1, 2, 3), evidence: fc.constantFrom(true, true, true, true, true, false) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("extend" as const), track: index(3), months: fc.integer({ min: 4, max: 14 }), approved: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), track: index(3), vote: fc.boolean(), shift }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("talent" as const), track: index(1), step: index(3), shift }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("hire" as const), worker: index(2), community: fc.constantFrom(0, 0, 1, 2, 3), year: fc.constantFrom(2022, 2023, 2023, 2024, 2025, 2026, 2027), degree: index(4), socialWork: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("plan" as const), grid: index(2), year: fc.integer({ min: 2022, max: 2025 }), planned: index(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("training" as const), session: index(2), attendees: fc.array(index(5), { maxLength: 5 }), length: fc.integer({ min: -1, max: 3 }), month: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("qualify" as const), worker: index(2), level: fc.constantFrom(0, 0, 1, 2), year: fc.integer({ min: 2022, max: 2027 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("move" as const), id: index(3), worker: index(2), move: index(4), year: fc.integer({ min: 2022, max: 2027 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("recognise" as const),
      id: index(3),
      honour: index(2),
      member: index(3),
      stars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      level: fc.option(index(1), { nil: null }),
      letter: fc.boolean(),
      organisation: index(2)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("send" as const),
      honours: fc.array(fc.constantFrom(0, 0, 1, 1, 2, 3, 4), { minLength: 1, maxLength: 2 }),
      day: fc.constantFrom(0, 1, 2, 2, 2, 3)
    })
  }
)

/** A party track walked from its application through a step, perhaps then extended. */
const walk = fc.record({
  track: index(3),
  through: index(24),
  extend: fc.option(fc.integer({ min: 4, max: 14 }), { nil: null }),
  last: intent
})

/** A member's honour awarded with a letter, then letters sent (its own, perhaps with others). */
const letter = fc.record({ id: index(3), star: fc.boolean(), stars: fc.integer({ min: 1, max: 5 }), send: intent.filter((i) => i.kind === "send") })
  .map(({ id, send, star, stars }): ReadonlyArray<Intent> => [
    { kind: "recognise", id, honour: star ? 1 : 0, member: 0, stars: star ? stars : null, level: null, letter: true, organisation: 0 },
    send.kind === "send" ? { ...send, honours: [id, ...send.honours.filter((h) => h !== id)].slice(0, 2) } : send
  ])

/**
 * Sequences of intents: single intents of every kind, party tracks walked in their
 * ladder's order from the application through a step (the last one perturbed as a
 * single intent is), an extension of probation after some, and honours awarded with a
 * letter that is then sent.
 *
 * @since 0.5.0
 * @category arbitraries
 */
export const intents = (max = 30): fc.Arbitrary<ReadonlyArray<Intent>> =>
  fc.array(fc.oneof({ weight: 8, arbitrary: intent.map((i) => [i]) }, { weight: 1, arbitrary: letter }, {
    weight: 1,
    arbitrary: walk.map((w): ReadonlyArray<Intent> => {
      const steps: Array<Intent> = Array.from({ length: w.through + 1 }, (_, step) =>
        step === w.through && w.last.kind === "party"
          ? { ...w.last, track: w.track, step }
          : { kind: "party", track: w.track, step, shift: 0, vote: 0, people: 0, evidence: true })
      return w.extend === null ? steps : [...steps, { kind: "extend", track: w.track, months: w.extend, approved: true }]
    })
  }), { minLength: Math.min(5, max), maxLength: max }).map((groups) => groups.flat().slice(0, max + 25))

const trackIds = ["pt0", "pt1", "pt2", "pt3"] as const
/** Each party track's application day. */
const applied = (track: number) => IsoDate.addDays(IsoDate.unsafeMake("2023-01-10"), 97 * track)
const homes = ["b1", "b1", "b1", "b3"] as const
const names = (people: number): PartyPath.Names => {
  const odd = ["f1", "m3", "d1", "nobody"][people]!
  return { contacts: people === 0 ? ["f1"] : [odd], introducers: ["f2", people === 0 ? "f3" : odd], vote: { present: 5, yes: 4, no: 1, abstain: 0 } }
}
/** b1's entitled: six from 2023-06-01 (m1, m2, f1–f4; d1 under 留党察看), seven from 2025-06-01; b3's one (m4). */
const votes = [
  { present: 5, yes: 4, no: 1, abstain: 0 },
  { present: 2, yes: 2, no: 0, abstain: 0 },
  { present: 5, yes: 2, no: 3, abstain: 0 },
  { present: 30, yes: 30, no: 0, abstain: 0 }
]
const workers = ["w0", "w1", "w2", "w3", "w4"] as const
const degrees = ["secondary", "associate", "bachelor", "master", "doctor"] as const
const levels = ["assistant", "intermediate", "senior"] as const
const moves = ["model-secretary", "promoted", "civil-service", "establishment", "elected-director"] as const
const honours = ["mobile-vanguard", "star-merchant", "model-site"] as const
const members = ["m1", "f1", "m4", "nobody"] as const
const organisations = ["b1", "b3", "c1"] as const
const day = (year: number, month = 6, date = 1) => `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`

/**
 * Turns an intent into a command input for a tenant.
 *
 * @since 0.5.0
 * @category resolution
 */
export const resolve = (tenant: string, intent: Intent): unknown => {
  switch (intent.kind) {
    case "party": {
      const [step, on] = PartyPath.schedule(applied(intent.track))[intent.step]!
      const who: PartyPath.Person = {
        trackId: trackIds[intent.track]!,
        person: `p${intent.track}`,
        name: `申请人${intent.track}`,
        birthDate: "1998-04-01",
        organisationId: homes[intent.track]!
      }
      const command = PartyPath.commands(who, applied(intent.track), names(intent.people), {})[intent.step] as Record<string, unknown>
      const evidence = intent.evidence ? { ...(command.evidence as object), ...(step.endsWith("meeting") ? { vote: votes[intent.vote] } : {}) } : {}
      return { ...command, on: IsoDate.addDays(on, intent.shift), evidence }
    }
    case "extend":
      return {
        _tag: "ExtendWindow",
        trackId: trackIds[intent.track],
        window: PartyLadder.probation,
        on: PartyPath.dayOf(PartyLadder.steps.conversionApplication, applied(intent.track)),
        length: { months: intent.months },
        evidence: { vote: votes[0], passed: intent.approved }
      }
    case "cancel":
      return {
        _tag: "CancelTrack",
        trackId: trackIds[intent.track],
        on: IsoDate.addDays(PartyPath.dayOf(PartyLadder.steps.oath, applied(intent.track)), intent.shift),
        reason: "不再符合条件",
        evidence: intent.vote ? { vote: votes[0], passed: true } : {}
      }
    case "talent": {
      const step = TalentChain.make().steps[intent.step]!
      const on = IsoDate.addDays(IsoDate.unsafeMake(day(2023 + intent.step)), intent.shift)
      const trackId = `tc${intent.track}`
      return intent.step === 0
        ? { _tag: "OpenTrack", id: trackId, ladder: TalentChain.id, person: intent.track === 0 ? "m1" : "q1", name: "骑手", organisationId: "b1", on }
        : { _tag: "RecordStep", trackId, step: step.id, on }
    }
    case "hire":
      return {
        _tag: "HireWorker",
        id: workers[intent.worker],
        name: `社工${intent.worker}`,
        phone: "13912345678",
        communityCode: `${tenant}${["001001", "001002", "002001", "001"][intent.community]}`,
        post: intent.worker === 0 ? "secretary" : "worker",
        hiredOn: day(intent.year, 3),
        education: { degree: degrees[intent.degree], socialWork: intent.socialWork },
        socialWorkSince: day(intent.year - 2 * intent.degree, 3)
      }
    case "plan":
      return { _tag: "PlanRecruitment", gridCode: `${tenant}${["", "001", "009"][intent.grid]}`, year: intent.year, planned: intent.planned }
    case "training": {
      const from = day(2024, intent.month, 10)
      return {
        _tag: "RecordTraining",
        id: `k${intent.session}`,
        title: "社区工作者专业能力培训班",
        gridCode: `${tenant}${intent.session === 2 ? "002" : ""}`,
        from,
        to: IsoDate.addDays(IsoDate.unsafeMake(from), intent.length),
        hours: 8,
        attendees: intent.attendees.map((i) => workers[i] ?? "nobody")
      }
    }
    case "qualify":
      return { _tag: "RecordQualification", workerId: workers[intent.worker], level: levels[intent.level], obtainedOn: day(intent.year, 11) }
    case "move":
      return { _tag: "RecordCareerMove", id: `mv${intent.id}`, workerId: workers[intent.worker], kind: moves[intent.move], on: day(intent.year, 9) }
    case "recognise":
      return {
        _tag: "Recognise",
        id: `h${intent.id}`,
        kind: honours[intent.honour],
        memberId: intent.honour === 2 && intent.member === 0 ? null : members[intent.member],
        organisationId: organisations[intent.organisation],
        stars: intent.stars,
        level: intent.level === null ? null : ["district", "city"][intent.level],
        criteria: "评选标准",
        awardedBy: "区委组织部",
        awardedOn: "2024-05-01",
        letter: intent.letter ? { hometown: "老家村党支部", address: "某省某县某村" } : null
      }
    case "send":
      return {
        _tag: "SendHonourLetters",
        honourIds: intent.honours.map((i) => (i === 4 ? "nobody" : `h${i}`)),
        on: ["2024-04-30", "2024-05-01", "2024-06-15", "2027-06-01"][intent.day]
      }
  }
}

/**
 * The development scaffold, after the organisation intents' scaffold: four more full
 * members of b1 (f1–f4) and one under 留党察看 for two years from 2023-06-01 (d1).
 *
 * @since 0.5.0
 * @category resolution
 */
export const scaffold = (): ReadonlyArray<unknown> => [
  ...["f1", "f2", "f3", "f4", "d1"].map((memberId) => ({ _tag: "ArriveMember", memberId, organisationId: "b1", standing: "full", name: `党员${memberId}`, at: "2023-01-01" })),
  { _tag: "RecordDiscipline", memberId: "d1", organisationId: "b1", measure: "probation", at: "2023-06-01", years: 2 }
]

/**
 * Writes the grids, organisations and members the intents name.
 *
 * @since 0.5.0
 * @category running
 */
export const writeScaffold = (tenant: string): Effect.Effect<void, never, Grids.Grids | Organisations.Organisations> =>
  Effect.gen(function*() {
    yield* OrganisationIntents.writeScaffold(tenant)
    const organisations = yield* Organisations.Organisations
    yield* organisations.executeAllUnknown(Actor.system(tenant), scaffold()).pipe(Effect.orDie)
  })

/**
 * What the development tables and the audit log hold for a tenant.
 *
 * @since 0.5.0
 * @category running
 */
export const history = (tenant: string): Effect.Effect<unknown, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const store = yield* DevelopmentStore.DevelopmentStore
    const t = tenant as never
    return {
      tracks: yield* store.tracks.tracks(t),
      events: yield* store.tracks.events(t),
      workers: yield* store.workforce.workers(t),
      plans: yield* store.workforce.plans(t),
      sessions: yield* store.workforce.sessions(t),
      attendance: yield* store.workforce.attendance(t),
      holdings: yield* store.workforce.holdings(t),
      moves: yield* store.workforce.moves(t),
      honours: yield* store.recognition.honours(t),
      letters: yield* store.recognition.letters(t),
      audit: yield* (yield* AuditLog.AuditLog).list(t, { afterSeq: 0, limit: 1_000_000 })
    }
  })

/**
 * What happened to one command: its changes, or its refusal's tag, rule and field.
 *
 * @since 0.5.0
 * @category models
 */
export type Outcome = Outcomes.Outcome<DevelopmentChanges.DevelopmentChanges>

/**
 * Writes the scaffold, then runs intents one by one through `Development.execute` as the
 * tenant's system actor (or the actor given). Checks after every refusal that nothing
 * was written (dies otherwise) and returns what happened.
 *
 * @since 0.5.0
 * @category running
 */
export const run = (
  tenant: string,
  intents: ReadonlyArray<Intent>,
  options: { readonly checkRefusals?: boolean; readonly actor?: Actor.Actor; readonly scaffold?: boolean } = {}
): Effect.Effect<ReadonlyArray<Outcome>, StoreError.StoreError, Grids.Grids | Organisations.Organisations | Development.Development | Store.Store> =>
  Effect.gen(function*() {
    if (options.scaffold !== false) yield* writeScaffold(tenant)
    const service = yield* DevelopmentService.Development
    const actor = options.actor ?? Actor.system(tenant)
    return yield* Outcomes.runEach(
      intents.map((intent) => resolve(tenant, intent)),
      (command) => service.executeUnknown(actor, command),
      options.checkRefusals === false ? undefined : history(tenant)
    )
  })

/**
 * The answers the read side gives on a few days, as a viewer of the whole tenant (so no
 * read of personal data is audited) and as one of street 002: what stores must agree on.
 *
 * @since 0.5.0
 * @category running
 */
export const answers = (tenant: string): Effect.Effect<ReadonlyArray<unknown>, unknown, Development.Development | Store.Store> =>
  Effect.gen(function*() {
    const service = yield* DevelopmentService.Development
    const out: Array<unknown> = [yield* history(tenant)]
    for (const scope of [tenant, `${tenant}002`]) {
      const viewer = Actor.make({ id: "viewer", tenant, roles: ["viewer"], scope })
      for (const at of ["2023-06-30", "2024-12-31", "2026-12-31"]) {
        out.push({
          at,
          tracks: yield* service.tracks(viewer, { at }),
          due: yield* service.due(viewer, { at }),
          pipeline: yield* service.pipeline(viewer, { at }),
          talent: yield* service.talent(viewer, { at }),
          workforce: yield* service.workforce(viewer, { at }),
          workers: yield* service.workers(viewer, { at }),
          letters: yield* service.letters(viewer, { at })
        })
      }
      out.push(yield* service.developed(viewer, { from: "2023-01-01", to: "2027-01-01" }))
      out.push(yield* service.honours(viewer, { from: "2023-01-01", to: "2027-01-01" }))
    }
    return out
  })
