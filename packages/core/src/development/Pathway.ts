/**
 * The pathway engine of member development: a ladder is data — stages, numbered steps,
 * the guards each step must pass (minimum dwell times, deadlines, prerequisites,
 * documents, named people, votes, training), and windows such as probation that open at
 * one step and are closed by another — and a track is one person on one ladder with the
 * dated history of every event and who recorded it. Every ladder (the party ladder, the
 * talent chain of new-employment groups, one a platform defines) runs through the same
 * two pure functions: `advance` (a new track, or a `RuleViolation` naming the rule and
 * its source) and `due` (what is due or overdue on a day).
 *
 * The facts a guard needs from outside the track — how many full members the branch had
 * on the day of a vote, whether a named person was a full member, whether the person had
 * reached a step of another ladder — come in as `Facts`, which the service reads from the
 * stores before it calls `advance`.
 *
 * @since 0.5.0
 */
import { Either, Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import * as RuleViolation from "../errors/RuleViolation.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Vote from "../organisation/Vote.js"
import * as Text from "../text/Text.js"
import * as IsoDate from "../time/IsoDate.js"

const Count = Schema.Int.pipe(Schema.nonNegative())

/**
 * A length of time in whole years (to 100), months (to 1,200) and days (to 36,600);
 * "one year from" a day is the same day a year later (`IsoDate.addMonths`).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Duration = Schema.Struct({
  years: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 100)), { exact: true }),
  months: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 1_200)), { exact: true }),
  days: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 36_600)), { exact: true })
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Duration extends Schema.Schema.Type<typeof Duration> {}

/** The day a duration after (`sign` 1) or before (`sign` -1) another. */
const shift = (day: IsoDate.IsoDate, d: Duration, sign: 1 | -1): IsoDate.IsoDate => {
  const months = (d.years ?? 0) * 12 + (d.months ?? 0)
  const shifted = months === 0 ? day : IsoDate.addMonths(day, sign * months)
  return d.days === undefined || d.days === 0 ? shifted : IsoDate.addDays(shifted, sign * d.days)
}

/**
 * The day a duration after another.
 *
 * @since 0.5.0
 * @category utils
 */
export const plus = (day: IsoDate.IsoDate, d: Duration): IsoDate.IsoDate => shift(day, d, 1)

/**
 * The day a duration before another.
 *
 * @since 0.5.0
 * @category utils
 */
export const minus = (day: IsoDate.IsoDate, d: Duration): IsoDate.IsoDate => shift(day, d, -1)

/**
 * A duration as words: "1 year", "6 months", "1 year 2 months".
 *
 * @since 0.5.0
 * @category utils
 */
export const describe = (d: Duration): string => {
  const parts: Array<string> = []
  const unit = (n: number | undefined, word: string) => {
    if (n !== undefined && n > 0) parts.push(`${n} ${word}${n === 1 ? "" : "s"}`)
  }
  unit(d.years, "year")
  unit(d.months, "month")
  unit(d.days, "day")
  return parts.length === 0 ? "0 days" : parts.join(" ")
}

/**
 * The rule a guard enforces and where it comes from, as a violation names them.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Source = {
  /** A stable rule id, such as `party.activist-year` (docs/rules.md lists them). */
  rule: Schema.String,
  /** The published rule, such as 《中国共产党发展党员工作细则》第十三条, or the policy it defaults. */
  source: Schema.String
}

/**
 * The person is at least `years` old on the day (their birth date is a fact).
 *
 * @since 0.5.0
 * @category guards
 */
export const MinimumAge = Schema.TaggedStruct("MinimumAge", { ...Source, years: Count })

/**
 * At least `length` has passed since the day `since` was recorded.
 *
 * @since 0.5.0
 * @category guards
 */
export const MinimumDwell = Schema.TaggedStruct("MinimumDwell", { ...Source, since: Text.Id, length: Duration })

/**
 * The step is due within `within` of the day `since` was recorded. Recorded later, it is
 * marked late; where `limit` is set, a step beyond `within` must give its special reason
 * and may not go beyond `limit`.
 *
 * @since 0.5.0
 * @category guards
 */
export const Deadline = Schema.TaggedStruct("Deadline", {
  ...Source,
  since: Text.Id,
  within: Duration,
  limit: Schema.NullOr(Duration)
})

/**
 * The event names each of these documents.
 *
 * @since 0.5.0
 * @category guards
 */
export const Documents = Schema.TaggedStruct("Documents", { ...Source, names: Schema.Array(Text.Name) })

/**
 * The event names between `min` and `max` distinct people in `role`, each a full member
 * on the day — and, where `undisciplined`, not under 留党察看 on it.
 *
 * @since 0.5.0
 * @category guards
 */
export const People = Schema.TaggedStruct("People", {
  ...Source,
  role: Text.Id,
  min: Count,
  max: Count,
  undisciplined: Schema.Boolean
})

/**
 * A vote of the branch general meeting: more than half of the members entitled (the
 * branch's full members on the day) present (`quorum`), and yes from more than half of
 * those entitled (`majority`) — `Vote.passes`.
 *
 * @since 0.5.0
 * @category guards
 */
export const VoteGuard = Schema.TaggedStruct("Vote", {
  quorum: Schema.Struct(Source),
  majority: Schema.Struct(Source)
})

/**
 * Training of at least `days` days or at least `hours` class hours.
 *
 * @since 0.5.0
 * @category guards
 */
export const Training = Schema.TaggedStruct("Training", { ...Source, days: Count, hours: Count })

/**
 * The event records a favourable outcome (a review passed, an approval granted).
 *
 * @since 0.5.0
 * @category guards
 */
export const Outcome = Schema.TaggedStruct("Outcome", Source)

/**
 * The window has run its length (with its extensions) by the day.
 *
 * @since 0.5.0
 * @category guards
 */
export const WindowEnded = Schema.TaggedStruct("WindowEnded", { ...Source, window: Text.Id })

/**
 * The person had recorded `step` on a track of `ladder` by the day, and that track was
 * not cancelled.
 *
 * @since 0.5.0
 * @category guards
 */
export const Reached = Schema.TaggedStruct("Reached", { ...Source, ladder: Text.Id, step: Text.Id })

/**
 * The person was a party member (full or probationary) on the day.
 *
 * @since 0.5.0
 * @category guards
 */
export const PartyMember = Schema.TaggedStruct("PartyMember", Source)

/**
 * The person holds a social-work qualification level (`Qualification.Level`) by the day,
 * on the community workforce's records.
 *
 * @since 0.5.0
 * @category guards
 */
export const Qualified = Schema.TaggedStruct("Qualified", { ...Source, level: Text.Id })

/**
 * The person has attended at least `hours` class hours of training by the day, on the
 * community workforce's records.
 *
 * @since 0.5.0
 * @category guards
 */
export const ClassHours = Schema.TaggedStruct("ClassHours", { ...Source, hours: Count })

/**
 * @since 0.5.0
 * @category schemas
 */
export const Guard = Schema.Union(
  MinimumAge,
  MinimumDwell,
  Deadline,
  Documents,
  People,
  VoteGuard,
  Training,
  Outcome,
  WindowEnded,
  Reached,
  PartyMember,
  Qualified,
  ClassHours
)

/**
 * @since 0.5.0
 * @category models
 */
export type Guard = typeof Guard.Type

/**
 * A label in Chinese and English.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Label = Schema.Struct({ zh: Text.Name, en: Text.Name })

/**
 * @since 0.5.0
 * @category schemas
 */
export const Stage = Schema.Struct({ id: Text.Id, label: Label })

/**
 * One step of a ladder: its number, the stage the track is in once it is recorded, the
 * steps that must come before it, and its guards.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Step = Schema.Struct({
  id: Text.Id,
  number: Schema.Int.pipe(Schema.positive()),
  stage: Text.Id,
  label: Label,
  after: Schema.Array(Text.Id),
  guards: Schema.Array(Guard),
  /** Recording it ends the track as completed. */
  completes: Schema.optional(Schema.Boolean),
  /** Once it is recorded the track's outcome is settled: no cancellation (the conversion's approval). */
  settles: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Step extends Schema.Schema.Type<typeof Step> {}

/**
 * A period that a step opens and another closes (probation): the step from which it
 * binds, the step due at its end, its length, how it may be extended (at its end, before
 * that step), what a cancellation while it binds needs, and when `due` speaks of it.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Window = Schema.Struct({
  id: Text.Id,
  label: Label,
  /** The step whose day the period counts from (the admission meeting). */
  opens: Text.Id,
  /** The step from which the period binds: extension and its cancellation guards apply (the approval). */
  inForce: Text.Id,
  /** The step due at the period's end (the conversion meeting): `due` speaks of it; an extension comes before it. */
  decides: Text.Id,
  /** The step that ends the period (the conversion's approval). */
  closes: Text.Id,
  length: Duration,
  extension: Schema.NullOr(Schema.Struct({
    ...Source,
    times: Count,
    min: Duration,
    max: Duration,
    /** How long before the period's end an extension may first be decided. */
    from: Duration,
    guards: Schema.Array(Guard)
  })),
  /** What a cancellation while the window binds needs (a vote and approval for probation). */
  cancel: Schema.Array(Guard),
  /** `due` lists the window as ending from this long before its end. */
  notice: Duration,
  /** The deciding step is due within this of the window's end. */
  decideWithin: Duration,
  decideSource: Schema.Struct(Source)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Window extends Schema.Schema.Type<typeof Window> {}

/**
 * A ladder: data that the engine runs.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Ladder = Schema.Struct({
  id: Text.Id,
  label: Label,
  /** The published rule the ladder follows. */
  source: Schema.String,
  stages: Schema.Array(Stage),
  /** The kinds of organisation a track may be opened under (any, when left out). */
  organisationKinds: Schema.optional(Schema.Array(Text.Id)),
  /** In their order; the first starts a track. */
  steps: Schema.Array(Step),
  windows: Schema.Array(Window)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Ladder extends Schema.Schema.Type<typeof Ladder> {}

/**
 * A track id, chosen by the platform.
 *
 * @since 0.5.0
 * @category schemas
 */
export const TrackId = Text.Id.pipe(Schema.brand("TrackId"))

/**
 * @since 0.5.0
 * @category models
 */
export type TrackId = typeof TrackId.Type

/**
 * A person on a ladder, by the platform's id (a party member's id once admitted).
 *
 * @since 0.5.0
 * @category schemas
 */
export const PersonId = Text.Id.pipe(Schema.brand("PersonId"))

/**
 * @since 0.5.0
 * @category models
 */
export type PersonId = typeof PersonId.Type

/**
 * A person named by an event, in a role (`contact` 培养联系人, `introducer` 入党介绍人).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Named = Schema.Struct({ role: Text.Id, id: Text.Id })

/**
 * What an event brings with it for its guards.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Evidence = Schema.Struct({
  documents: Schema.optionalWith(Schema.Array(Text.Name).pipe(Schema.maxItems(20)), { exact: true }),
  people: Schema.optionalWith(Schema.Array(Named).pipe(Schema.maxItems(10)), { exact: true }),
  /** The meeting's count: members present, yes, no and abstentions. */
  vote: Schema.optionalWith(
    Schema.Struct({
      present: Count,
      yes: Count,
      no: Count,
      abstain: Count,
      /** Opinions in writing from members entitled who could not attend, handed in before the meeting: counted in the votes. */
      written: Schema.optionalWith(Schema.Struct({ yes: Count, no: Count, abstain: Count }), { exact: true })
    }),
    { exact: true }
  ),
  training: Schema.optionalWith(Schema.Struct({ days: Count, hours: Count }), { exact: true }),
  /** A review passed or an approval granted (true), or not (false). */
  passed: Schema.optionalWith(Schema.Boolean, { exact: true }),
  /** Why a step comes after its deadline, where the rule allows it in special cases. */
  special: Schema.optionalWith(Text.Line(200), { exact: true }),
  note: Schema.optionalWith(Text.Line(500), { exact: true })
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Evidence extends Schema.Schema.Type<typeof Evidence> {}

/**
 * An event as recorded: a step, an extension of a window, or the track's cancellation.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Event = Schema.Struct({
  tenant: Tenant,
  trackId: TrackId,
  /** 1, 2, 3 … in the order recorded. */
  seq: Schema.Int.pipe(Schema.positive()),
  kind: Schema.Literal("step", "extend", "cancel"),
  /** The step recorded, or the window extended; null for a cancellation. */
  step: Schema.NullOr(Text.Id),
  /** The day it happened. */
  on: IsoDate.IsoDate,
  /** An extension's length. */
  length: Schema.NullOr(Duration),
  /** A cancellation's reason. */
  reason: Schema.NullOr(Text.Line(500)),
  evidence: Evidence,
  /** Recorded after its deadline. */
  late: Schema.Boolean,
  recordedBy: Schema.String,
  recordedOn: IsoDate.IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Event extends Schema.Schema.Type<typeof Event> {}

/**
 * A track as it was opened: who, on which ladder, under which organisation.
 *
 * @since 0.5.0
 * @category schemas
 */
export const TrackHeader = Schema.Struct({
  tenant: Tenant,
  id: TrackId,
  ladder: Text.Id,
  person: PersonId,
  /** Personal data: shown to those who may read tracks. */
  name: Text.Name,
  /** Personal data, for the age rule. */
  birthDate: Schema.NullOr(IsoDate.IsoDate),
  /** The organisation (party branch, enterprise branch) that develops the person. */
  organisationId: OrganisationId
})

/**
 * @since 0.5.0
 * @category models
 */
export interface TrackHeader extends Schema.Schema.Type<typeof TrackHeader> {}

/**
 * A window as it stands on a track.
 *
 * @since 0.5.0
 * @category models
 */
export interface OpenWindow {
  readonly id: string
  readonly opensOn: IsoDate.IsoDate
  readonly endsOn: IsoDate.IsoDate
  readonly extensions: number
  /** The day its closing step was recorded; null while open. */
  readonly closedOn: IsoDate.IsoDate | null
}

/**
 * A track: its header, its events in order, and what they add up to.
 *
 * @since 0.5.0
 * @category models
 */
export interface Track extends TrackHeader {
  readonly events: ReadonlyArray<Event>
  readonly status: "active" | "completed" | "cancelled"
  /** The stage of the furthest step recorded; null before the first. */
  readonly stage: string | null
  /** The day each recorded step happened. */
  readonly recorded: ReadonlyMap<string, IsoDate.IsoDate>
  readonly windows: ReadonlyArray<OpenWindow>
  /** The day of the cancellation, if any. */
  readonly cancelledOn: IsoDate.IsoDate | null
}

/**
 * What the service read from the stores for one event, on its day.
 *
 * @since 0.5.0
 * @category models
 */
export interface Facts {
  /** The full members of the track's organisation on the day (those entitled to vote). */
  readonly entitled: number | null
  /** Each person the event names: whether a full member on the day, and under 留党察看. */
  readonly people: ReadonlyMap<string, { readonly full: boolean; readonly disciplined: boolean }>
  /** `ladder/step` the person had reached by the day on a track not cancelled. */
  readonly reached: ReadonlySet<string>
  /** The person was a party member on the day. */
  readonly member: boolean
  /** The social-work levels the person held by the day (as a community worker). */
  readonly qualifications: ReadonlySet<string>
  /** The class hours of training the person attended by the day (as a community worker). */
  readonly classHours: number
}

/**
 * Facts that name nobody and no vote: for an event whose guards need none.
 *
 * @since 0.5.0
 * @category constructors
 */
export const noFacts: Facts = { entitled: null, people: new Map(), reached: new Set(), member: false, qualifications: new Set(), classHours: 0 }

/**
 * An event to record, before its guards have been checked.
 *
 * @since 0.5.0
 * @category models
 */
export type Input =
  | { readonly kind: "step"; readonly step: string; readonly on: IsoDate.IsoDate; readonly evidence: Evidence }
  | { readonly kind: "extend"; readonly window: string; readonly on: IsoDate.IsoDate; readonly length: Duration; readonly evidence: Evidence }
  | { readonly kind: "cancel"; readonly on: IsoDate.IsoDate; readonly reason: string; readonly evidence: Evidence }

/**
 * Who records the event, and the day it is recorded (no event lies after it).
 *
 * @since 0.5.0
 * @category models
 */
export interface Recorder {
  readonly by: string
  readonly on: IsoDate.IsoDate
}

/**
 * The ladder's step of an id.
 *
 * @since 0.5.0
 * @category utils
 */
export const stepOf = (ladder: Ladder, id: string): Step | undefined => ladder.steps.find((s) => s.id === id)

const fail = RuleViolation.refuse

/**
 * A track with no events yet.
 *
 * @since 0.5.0
 * @category constructors
 */
export const open = (header: TrackHeader): Track => ({
  ...header,
  events: [],
  status: "active",
  stage: null,
  recorded: new Map(),
  windows: [],
  cancelledOn: null
})

/**
 * The track with one more event, already checked: what `advance` returns and what
 * `replay` folds.
 *
 * @since 0.5.0
 * @category constructors
 */
export const apply = (ladder: Ladder, track: Track, event: Event): Track => {
  const recorded = new Map(track.recorded)
  let windows = track.windows
  let status = track.status
  let stage = track.stage
  let cancelledOn = track.cancelledOn
  switch (event.kind) {
    case "step": {
      const step = event.step as string
      recorded.set(step, event.on)
      const spec = stepOf(ladder, step)
      const furthest = Math.max(0, ...Array.from(track.recorded.keys(), (id) => stepOf(ladder, id)?.number ?? 0))
      if (spec !== undefined && spec.number >= furthest) stage = spec.stage
      if (spec?.completes === true) status = "completed"
      windows = windows.map((w) => (ladder.windows.find((s) => s.id === w.id)?.closes === step && w.closedOn === null ? { ...w, closedOn: event.on } : w))
      for (const spec of ladder.windows) {
        if (spec.opens === step) windows = [...windows, { id: spec.id, opensOn: event.on, endsOn: plus(event.on, spec.length), extensions: 0, closedOn: null }]
      }
      break
    }
    case "extend":
      windows = windows.map((w) => (w.id === event.step ? { ...w, endsOn: plus(w.endsOn, event.length ?? {}), extensions: w.extensions + 1 } : w))
      break
    case "cancel":
      status = "cancelled"
      cancelledOn = event.on
      break
  }
  return { ...track, events: [...track.events, event], recorded, windows, status, stage, cancelledOn }
}

/**
 * A track from its header and its events, in seq order.
 *
 * @since 0.5.0
 * @category constructors
 */
export const replay = (ladder: Ladder, header: TrackHeader, events: ReadonlyArray<Event>): Track =>
  events.reduce((track, event) => apply(ladder, track, event), open(header))

/** The age in whole years on a day. */
const ageOn = (birthDate: IsoDate.IsoDate, on: IsoDate.IsoDate) => {
  let years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4))
  if (on.slice(5) < birthDate.slice(5)) years -= 1
  return years
}

/**
 * Whether the event passes one guard; the violation names the guard's rule and source.
 * `late` comes back true when a deadline has passed.
 */
const check = (
  guard: Guard,
  track: Track,
  on: IsoDate.IsoDate,
  evidence: Evidence,
  facts: Facts
): Either.Either<{ readonly late: boolean }, RuleViolation.RuleViolation> => {
  const ok = Either.right({ late: false })
  switch (guard._tag) {
    case "MinimumAge": {
      if (track.birthDate === null) return fail(guard.rule, "birthDate", `the age rule needs ${track.person}'s birth date (${guard.source})`, guard.source)
      const age = ageOn(track.birthDate, on)
      return age >= guard.years ? ok : fail(guard.rule, "on", `${track.person} is ${age} on ${on}: at least ${guard.years} (${guard.source})`, guard.source)
    }
    case "MinimumDwell": {
      const since = track.recorded.get(guard.since)
      if (since === undefined) return fail(guard.rule, "step", `${guard.since} has not been recorded: the time counts from it (${guard.source})`, guard.source)
      const from = plus(since, guard.length)
      return on >= from
        ? ok
        : fail(guard.rule, "on", `at least ${describe(guard.length)} from ${guard.since} on ${since}: not before ${from} (${guard.source})`, guard.source)
    }
    case "Deadline": {
      const since = track.recorded.get(guard.since)
      if (since === undefined) return ok
      const due = plus(since, guard.within)
      if (on <= due) return ok
      if (guard.limit === null) return Either.right({ late: true })
      const limit = plus(since, guard.limit)
      if (on > limit) {
        return fail(guard.rule, "on", `due within ${describe(guard.within)} of ${since} (${due}), at most ${describe(guard.limit)} (${limit}) in special cases (${guard.source})`, guard.source)
      }
      return evidence.special === undefined
        ? fail(guard.rule, "evidence.special", `due within ${describe(guard.within)} of ${since} (${due}); later, up to ${limit}, only in a special case, whose reason must be given (${guard.source})`, guard.source)
        : Either.right({ late: true })
    }
    case "Documents": {
      const given = new Set(evidence.documents ?? [])
      const missing = guard.names.filter((n) => !given.has(n))
      return missing.length === 0 ? ok : fail(guard.rule, "evidence.documents", `missing ${missing.join("、")} (${guard.source})`, guard.source)
    }
    case "People": {
      const named = (evidence.people ?? []).filter((p) => p.role === guard.role).map((p) => p.id)
      const distinct = new Set(named)
      if (distinct.size !== named.length) return fail(guard.rule, "evidence.people", `a ${guard.role} is named twice (${guard.source})`, guard.source)
      if (named.includes(track.person)) return fail(guard.rule, "evidence.people", `${track.person} cannot be their own ${guard.role} (${guard.source})`, guard.source)
      if (named.length < guard.min || named.length > guard.max) {
        const wanted = guard.min === guard.max ? `${guard.min}` : `${guard.min} to ${guard.max}`
        return fail(guard.rule, "evidence.people", `${wanted} ${guard.role}s, ${named.length} named (${guard.source})`, guard.source)
      }
      for (const id of named) {
        const person = facts.people.get(id)
        if (person === undefined || !person.full) {
          return fail(guard.rule, "evidence.people", `${guard.role} ${id} is not a full member on ${on} (${guard.source})`, guard.source)
        }
        if (guard.undisciplined && person.disciplined) {
          return fail(guard.rule, "evidence.people", `${guard.role} ${id} is under 留党察看 on ${on} (${guard.source})`, guard.source)
        }
      }
      return ok
    }
    case "Vote": {
      const vote = evidence.vote
      if (vote === undefined) return fail(guard.majority.rule, "evidence.vote", `the meeting's vote must be recorded (${guard.majority.source})`, guard.majority.source)
      const entitled = facts.entitled ?? 0
      if (vote.present > entitled) {
        return fail("pathway.vote-count", "evidence.vote.present", `${vote.present} present, but the branch had ${entitled} full members on ${on}`)
      }
      if (vote.yes + vote.no + vote.abstain > vote.present) {
        return fail("pathway.vote-count", "evidence.vote", `${vote.yes + vote.no + vote.abstain} votes from ${vote.present} present`)
      }
      const written = vote.written ?? { yes: 0, no: 0, abstain: 0 }
      if (vote.present + written.yes + written.no + written.abstain > entitled) {
        return fail("pathway.vote-count", "evidence.vote.written", `${written.yes + written.no + written.abstain} written opinions and ${vote.present} present, of ${entitled} entitled on ${on}`)
      }
      if (!Vote.quorate(entitled, vote.present)) {
        return fail(guard.quorum.rule, "evidence.vote.present", `${vote.present} of ${entitled} full members present: more than half must be (${guard.quorum.source})`, guard.quorum.source)
      }
      const yes = vote.yes + written.yes
      return Vote.passes(entitled, vote.present, yes)
        ? ok
        : fail(guard.majority.rule, "evidence.vote.yes", `${yes} yes of ${entitled} entitled: more than half of those entitled must vote yes (${guard.majority.source})`, guard.majority.source)
    }
    case "Training": {
      const t = evidence.training
      return t !== undefined && (t.days >= guard.days || t.hours >= guard.hours)
        ? ok
        : fail(guard.rule, "evidence.training", `at least ${guard.days} days or ${guard.hours} class hours (${guard.source})`, guard.source)
    }
    case "Outcome":
      return evidence.passed === true ? ok : fail(guard.rule, "evidence.passed", `the step records a favourable outcome only (${guard.source})`, guard.source)
    case "WindowEnded": {
      const window = track.windows.find((w) => w.id === guard.window)
      if (window === undefined) return fail(guard.rule, "step", `${guard.window} has not begun (${guard.source})`, guard.source)
      return on >= window.endsOn ? ok : fail(guard.rule, "on", `${guard.window} runs to ${window.endsOn} (${guard.source})`, guard.source)
    }
    case "Reached":
      return facts.reached.has(`${guard.ladder}/${guard.step}`)
        ? ok
        : fail(guard.rule, "person", `${track.person} has not reached ${guard.ladder}/${guard.step} by ${on} (${guard.source})`, guard.source)
    case "PartyMember":
      return facts.member ? ok : fail(guard.rule, "person", `${track.person} is not a party member on ${on} (${guard.source})`, guard.source)
    case "Qualified":
      return facts.qualifications.has(guard.level)
        ? ok
        : fail(guard.rule, "person", `${track.person} holds no ${guard.level} qualification by ${on} (${guard.source})`, guard.source)
    case "ClassHours":
      return facts.classHours >= guard.hours
        ? ok
        : fail(guard.rule, "person", `${track.person} attended ${facts.classHours} class hours by ${on}: at least ${guard.hours} (${guard.source})`, guard.source)
  }
}

/** Every guard in order; the first refusal, or whether any made the event late. */
const checkAll = (
  guards: ReadonlyArray<Guard>,
  track: Track,
  on: IsoDate.IsoDate,
  evidence: Evidence,
  facts: Facts
): Either.Either<boolean, RuleViolation.RuleViolation> => {
  let late = false
  for (const guard of guards) {
    const result = check(guard, track, on, evidence, facts)
    if (Either.isLeft(result)) return Either.left(result.left)
    late = late || result.right.late
  }
  return Either.right(late)
}

/** A duration's length in days from a day, to compare two durations. */
const span = (from: IsoDate.IsoDate, d: Duration) => IsoDate.daysBetween(from, plus(from, d))

/**
 * Records one event on a track: the new track, or the first rule it breaks. Rules of
 * the engine itself: `pathway.closed` (a completed or cancelled track takes no more
 * events), `pathway.first` (a track begins with the ladder's first step),
 * `pathway.unknown-step`, `pathway.once` (a step is recorded once), `pathway.prerequisite`
 * (every step before it recorded, on or before its day), `pathway.future` (no event after
 * the day it is recorded), `pathway.window` (an extension names a window that binds and
 * whose deciding step is still to come),
 * the window's extension rule (no more extensions than it allows, of its lengths, decided
 * as the period ends), `pathway.settled` (no cancellation once a settling step is
 * recorded); then the step's (or window's) own guards.
 *
 * @since 0.5.0
 * @category rules
 */
export const advance = (
  ladder: Ladder,
  track: Track,
  input: Input,
  facts: Facts,
  recorder: Recorder
): Either.Either<{ readonly track: Track; readonly event: Event }, RuleViolation.RuleViolation> => {
  if (track.status !== "active") return fail("pathway.closed", "trackId", `${track.id} is ${track.status}: it takes no more events`)
  if (input.on > recorder.on) return fail("pathway.future", "on", `${input.on} lies after ${recorder.on}, the day it is recorded`)
  const first = ladder.steps[0]
  if (track.events.length === 0 && (input.kind !== "step" || input.step !== first?.id)) {
    return fail("pathway.first", "step", `a track on ${ladder.id} begins with ${first?.id} (${first?.label.zh})`)
  }
  const event = (kind: Event["kind"], step: string | null, late: boolean, extra: Partial<Pick<Event, "length" | "reason">> = {}): Event => ({
    tenant: track.tenant,
    trackId: track.id,
    seq: track.events.length + 1,
    kind,
    step,
    on: input.on,
    length: extra.length ?? null,
    reason: extra.reason ?? null,
    evidence: input.evidence,
    late,
    recordedBy: recorder.by,
    recordedOn: recorder.on
  })
  const done = (e: Event) => Either.right({ track: apply(ladder, track, e), event: e })
  switch (input.kind) {
    case "step": {
      const step = stepOf(ladder, input.step)
      if (step === undefined) return fail("pathway.unknown-step", "step", `${ladder.id} has no step ${input.step}`)
      if (track.recorded.has(step.id)) {
        return fail("pathway.once", "step", `${step.id} (${step.label.zh}) was recorded on ${track.recorded.get(step.id)}`)
      }
      for (const before of step.after) {
        const day = track.recorded.get(before)
        if (day === undefined) {
          const spec = stepOf(ladder, before)
          return fail("pathway.prerequisite", "step", `${step.id} (${step.label.zh}) comes after ${before} (${spec?.label.zh ?? before}), not yet recorded`)
        }
        if (input.on < day) return fail("pathway.prerequisite", "on", `${step.id} comes after ${before}, recorded on ${day}`)
      }
      // A window's deciding step held after the day it was due is late.
      const overdue = ladder.windows.some((spec) => {
        const window = track.windows.find((w) => w.id === spec.id)
        return spec.decides === step.id && window !== undefined && input.on > plus(window.endsOn, spec.decideWithin)
      })
      return Either.flatMap(checkAll(step.guards, track, input.on, input.evidence, facts), (late) => done(event("step", step.id, late || overdue)))
    }
    case "extend": {
      const spec = ladder.windows.find((w) => w.id === input.window)
      const window = track.windows.find((w) => w.id === input.window)
      if (spec === undefined || window === undefined || window.closedOn !== null) {
        return fail("pathway.window", "window", `${input.window} is not open on ${track.id}`)
      }
      if (!track.recorded.has(spec.inForce)) {
        return fail("pathway.window", "window", `${input.window} binds from ${spec.inForce} (${stepOf(ladder, spec.inForce)?.label.zh}), not yet recorded`)
      }
      const decided = track.recorded.get(spec.decides)
      if (decided !== undefined) {
        return fail("pathway.window", "window", `${spec.decides} (${stepOf(ladder, spec.decides)?.label.zh}) decided on ${decided}: ${input.window} is extended before it`)
      }
      const rule = spec.extension
      if (rule === null || window.extensions >= rule.times) {
        return fail(rule?.rule ?? "pathway.extension-once", "window", `${input.window} can be extended ${rule?.times ?? 0} time(s) (${rule?.source})`, rule?.source)
      }
      const days = span(window.endsOn, input.length)
      if (days < span(window.endsOn, rule.min) || days > span(window.endsOn, rule.max)) {
        return fail(rule.rule, "length", `an extension of ${describe(rule.min)} to ${describe(rule.max)}, not ${describe(input.length)} (${rule.source})`, rule.source)
      }
      // Decided as the period ends: from the extension's `from` before its end, to the day the deciding step is due.
      const from = minus(window.endsOn, rule.from)
      const until = plus(window.endsOn, spec.decideWithin)
      if (input.on < from || input.on > until) {
        return fail(rule.rule, "on", `${input.window} ends on ${window.endsOn}: an extension is decided as it ends, from ${from} to ${until} (${rule.source})`, rule.source)
      }
      return Either.flatMap(checkAll(rule.guards, track, input.on, input.evidence, facts), () => done(event("extend", spec.id, false, { length: input.length })))
    }
    case "cancel": {
      const settled = ladder.steps.find((st) => st.settles === true && track.recorded.has(st.id))
      if (settled !== undefined) {
        return fail("pathway.settled", "trackId", `${settled.id} (${settled.label.zh}) was recorded on ${track.recorded.get(settled.id)}: the track's outcome is settled`)
      }
      const binding = track.windows.filter((w) => w.closedOn === null)
      const guards = ladder.windows
        .filter((spec) => binding.some((w) => w.id === spec.id) && track.recorded.has(spec.inForce))
        .flatMap((spec) => spec.cancel)
      const latest = track.events.reduce((day, e) => (e.on > day ? e.on : day), "" as string)
      if (input.on < latest) return fail("pathway.prerequisite", "on", `the track has an event on ${latest}`)
      return Either.flatMap(checkAll(guards, track, input.on, input.evidence, facts), () => done(event("cancel", null, false, { reason: input.reason })))
    }
  }
}

/**
 * What is due on a track on a day.
 *
 * @since 0.5.0
 * @category models
 */
export interface Due {
  readonly trackId: TrackId
  readonly person: PersonId
  /** The track's ladder and organisation, so a reminder of it is routed without reading the track again. */
  readonly ladder: string
  readonly organisationId: OrganisationId
  /** The step due (a window's deciding step for a window). */
  readonly step: string
  readonly label: string
  readonly kind: "deadline" | "window"
  /** A window's id (the party ladder's `probation`); null for a deadline. */
  readonly window: string | null
  /** `ending`: the window ends within its notice; `due`: by `dueOn`; `overdue`: after it. */
  readonly state: "ending" | "due" | "overdue"
  readonly dueOn: IsoDate.IsoDate
  /** A window's end. */
  readonly endsOn: IsoDate.IsoDate | null
  readonly rule: string
  readonly source: string
}

/**
 * What is due or overdue on an active track on a day: each step not yet recorded whose
 * deadline runs from a recorded step (the talk within a month of the application, the
 * higher committee's approval — due even while a step before it is still to come), and each open window from
 * its notice on (probation ending, then the conversion decision due and late).
 *
 * @since 0.5.0
 * @category rules
 */
export const due = (ladder: Ladder, track: Track, asOf: IsoDate.IsoDate): ReadonlyArray<Due> => {
  if (track.status !== "active") return []
  const out: Array<Due> = []
  for (const step of ladder.steps) {
    if (track.recorded.has(step.id)) continue
    for (const guard of step.guards) {
      if (guard._tag !== "Deadline") continue
      const since = track.recorded.get(guard.since)
      if (since === undefined) continue
      const dueOn = plus(since, guard.within)
      out.push({
        trackId: track.id,
        person: track.person,
        ladder: track.ladder,
        organisationId: track.organisationId,
        step: step.id,
        label: step.label.zh,
        kind: "deadline",
        window: null,
        state: asOf > dueOn ? "overdue" : "due",
        dueOn,
        endsOn: null,
        rule: guard.rule,
        source: guard.source
      })
    }
  }
  for (const window of track.windows) {
    const spec = ladder.windows.find((w) => w.id === window.id)
    if (spec === undefined || window.closedOn !== null || track.recorded.has(spec.decides) || asOf < minus(window.endsOn, spec.notice)) continue
    const dueOn = plus(window.endsOn, spec.decideWithin)
    out.push({
      trackId: track.id,
      person: track.person,
      ladder: track.ladder,
      organisationId: track.organisationId,
      step: spec.decides,
      label: stepOf(ladder, spec.decides)?.label.zh ?? spec.decides,
      kind: "window",
      window: window.id,
      state: asOf < window.endsOn ? "ending" : asOf > dueOn ? "overdue" : "due",
      dueOn,
      endsOn: window.endsOn,
      rule: spec.decideSource.rule,
      source: spec.decideSource.source
    })
  }
  return out
}

/**
 * Whether a ladder's data hangs together: unique stage and step ids, numbers in order,
 * every step's stage, prerequisites (earlier steps only) and guards' steps known, every
 * window's steps known. The messages name what is wrong; none means well formed.
 *
 * @since 0.5.0
 * @category rules
 */
export const problems = (ladder: Ladder): ReadonlyArray<string> => {
  const out: Array<string> = []
  const stages = new Set(ladder.stages.map((s) => s.id))
  if (stages.size !== ladder.stages.length) out.push(`${ladder.id}: a stage id is repeated`)
  const seen = new Set<string>()
  let number = 0
  if (ladder.steps.length === 0) out.push(`${ladder.id}: no steps`)
  for (const step of ladder.steps) {
    if (seen.has(step.id)) out.push(`${ladder.id}: step ${step.id} is repeated`)
    if (step.number <= number) out.push(`${ladder.id}: step ${step.id} is numbered ${step.number} after ${number}`)
    number = step.number
    if (!stages.has(step.stage)) out.push(`${ladder.id}: step ${step.id} is in an unknown stage ${step.stage}`)
    for (const before of step.after) if (!seen.has(before)) out.push(`${ladder.id}: step ${step.id} comes after ${before}, which is not an earlier step`)
    for (const guard of step.guards) {
      if ((guard._tag === "MinimumDwell" || guard._tag === "Deadline") && !seen.has(guard.since)) {
        out.push(`${ladder.id}: step ${step.id} counts from ${guard.since}, which is not an earlier step`)
      }
    }
    seen.add(step.id)
  }
  for (const w of ladder.windows) {
    if (![w.opens, w.inForce, w.decides, w.closes].every((step) => seen.has(step))) out.push(`${ladder.id}: window ${w.id} names an unknown step`)
  }
  return out
}
