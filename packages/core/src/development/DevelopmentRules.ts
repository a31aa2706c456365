/**
 * The member-development rules: pure functions from policy, the state a command needs
 * (read by the service) and the command to the facts to write, or the first rule the
 * command breaks. A track's events go through the pathway engine (`Pathway.advance`);
 * the workforce and recognition have their own rules here. docs/rules.md lists every
 * rule with its source.
 *
 * @since 0.5.0
 */
import { Either } from "effect"
import type { Tenant } from "../access/Tenant.js"
import * as RuleViolation from "../errors/RuleViolation.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { CommunityWorker, Holding } from "./CommunityWorker.js"
import { moveLabels } from "./CommunityWorker.js"
import type * as Command from "./DevelopmentCommand.js"
import type { DevelopmentChanges } from "./DevelopmentChanges.js"
import * as Changes from "./DevelopmentChanges.js"
import * as Pathway from "./Pathway.js"
import * as Qualification from "./Qualification.js"
import { type Honour, type HonourLetter, kindLabels } from "./Recognition.js"

type Result = Either.Either<DevelopmentChanges, RuleViolation.RuleViolation>

const refuse = RuleViolation.refuse
const ok = (changes: Partial<DevelopmentChanges>): Result => Either.right(Changes.make(changes))

/**
 * What a track command needs: the ladder, the track (or whether the id is taken), the
 * facts of the day, and who records it on which day.
 *
 * @since 0.5.0
 * @category models
 */
export interface TrackContext {
  readonly ladder: Pathway.Ladder | undefined
  readonly track: Pathway.Track | undefined
  /** For a track to open: the person's track on the ladder that is not cancelled, if any. */
  readonly personTrack?: string | undefined
  /** For a track to open: whether its organisation exists on the day, and is a temporary branch. */
  readonly organisation?: { readonly valid: boolean; readonly kind: string | undefined } | undefined
  readonly facts: Pathway.Facts
  readonly recorder: Pathway.Recorder
}

const recorded = (result: Either.Either<{ readonly event: Pathway.Event }, RuleViolation.RuleViolation>): Result =>
  Either.map(result, ({ event }) => Changes.make({ events: [event] }))

/**
 * Opens a track with its ladder's first step. Rules: `development.track-id` (an id
 * names one track), `development.ladder` (a ladder of the configuration),
 * `development.person-track` (one track a person on a ladder, unless cancelled),
 * `development.organisation` (an organisation that exists on the day and is not a
 * temporary branch, which admits no members), then the engine's and the first step's
 * (`party.age` for the party ladder).
 *
 * @since 0.5.0
 * @category rules
 */
export const openTrack = (tenant: Tenant, context: TrackContext, command: Command.OpenTrack): Result => {
  if (context.track !== undefined) return refuse("development.track-id", "id", `a track ${command.id} exists`)
  const ladder = context.ladder
  if (ladder === undefined) return refuse("development.ladder", "ladder", `no ladder ${command.ladder} is configured`)
  if (context.personTrack !== undefined) {
    return refuse("development.person-track", "person", `${command.person} has a track on ${ladder.id} already, not cancelled by ${command.on}`)
  }
  if (context.organisation !== undefined && !context.organisation.valid) {
    return refuse("development.organisation", "organisationId", `no organisation ${command.organisationId} on ${command.on}`)
  }
  const kind = context.organisation?.kind
  if (kind === "temporary_branch") {
    return refuse("development.organisation", "organisationId", `${command.organisationId} is a temporary branch: it admits no members`, "《中国共产党支部工作条例（试行）》 (临时党支部)")
  }
  if (kind !== undefined && ladder.organisationKinds !== undefined && !ladder.organisationKinds.includes(kind)) {
    return refuse("development.organisation", "organisationId", `a track on ${ladder.id} is opened under ${ladder.organisationKinds.join(" or ")}, not a ${kind}`, ladder.source)
  }
  const header: Pathway.TrackHeader = {
    tenant,
    id: command.id,
    ladder: ladder.id,
    person: command.person,
    name: command.name,
    birthDate: command.birthDate,
    organisationId: command.organisationId
  }
  const first = ladder.steps[0]!
  return Either.map(
    Pathway.advance(ladder, Pathway.open(header), { kind: "step", step: first.id, on: command.on, evidence: command.evidence }, context.facts, context.recorder),
    ({ event }) => Changes.make({ tracks: [header], events: [event] })
  )
}

const known = (context: TrackContext, id: string) =>
  context.track === undefined || context.ladder === undefined
    ? refuse("development.track-unknown", "trackId", `no track ${id}`)
    : Either.right({ track: context.track, ladder: context.ladder })

/**
 * Records a step. Rules: `development.track-unknown`, then the engine's and the step's.
 *
 * @since 0.5.0
 * @category rules
 */
export const recordStep = (context: TrackContext, command: Command.RecordStep): Result =>
  Either.flatMap(known(context, command.trackId), ({ ladder, track }) =>
    recorded(Pathway.advance(ladder, track, { kind: "step", step: command.step, on: command.on, evidence: command.evidence }, context.facts, context.recorder)))

/**
 * Extends a window. Rules: `development.track-unknown`, then the engine's and the
 * window's (`party.probation-extension`, the meeting's vote and the approval).
 *
 * @since 0.5.0
 * @category rules
 */
export const extendWindow = (context: TrackContext, command: Command.ExtendWindow): Result =>
  Either.flatMap(known(context, command.trackId), ({ ladder, track }) =>
    recorded(Pathway.advance(
      ladder,
      track,
      { kind: "extend", window: command.window, on: command.on, length: command.length, evidence: command.evidence },
      context.facts,
      context.recorder
    )))

/**
 * Cancels a track. Rules: `development.track-unknown`, then the engine's and, while a
 * window is open, its cancellation guards (for probation: the meeting's vote and the
 * approval, 第三十二条).
 *
 * @since 0.5.0
 * @category rules
 */
export const cancelTrack = (context: TrackContext, command: Command.CancelTrack): Result =>
  Either.flatMap(known(context, command.trackId), ({ ladder, track }) =>
    recorded(Pathway.advance(ladder, track, { kind: "cancel", on: command.on, reason: command.reason, evidence: command.evidence }, context.facts, context.recorder)))

const future = (rule: string, field: string, day: IsoDate, today: IsoDate): Result | undefined =>
  day > today ? refuse(rule, field, `${day} lies after today, ${today}`) : undefined

/**
 * Hires a worker. Rules: `workforce.worker-id`, `workforce.community` (a community-level
 * grid valid on the day of hire), `workforce.future` (neither the hire nor the start of
 * social work after today).
 *
 * @since 0.5.0
 * @category rules
 */
export const hireWorker = (
  tenant: Tenant,
  context: { readonly exists: boolean; readonly communityValid: boolean; readonly today: IsoDate },
  command: Command.HireWorker
): Result => {
  if (context.exists) return refuse("workforce.worker-id", "id", `a worker ${command.id} exists`)
  if (!context.communityValid) {
    return refuse("workforce.community", "communityCode", `${command.communityCode} is not a community valid on ${command.hiredOn}`)
  }
  const late = future("workforce.future", "hiredOn", command.hiredOn, context.today) ??
    (command.socialWorkSince === null ? undefined : future("workforce.future", "socialWorkSince", command.socialWorkSince, context.today))
  if (late !== undefined) return late
  const { _tag, ...fields } = command
  return ok({ workers: [{ tenant, ...fields }] })
}

/**
 * Sets a recruitment plan. Rule: `workforce.plan-grid` (a grid of the tenant).
 *
 * @since 0.5.0
 * @category rules
 */
export const planRecruitment = (tenant: Tenant, context: { readonly gridExists: boolean }, command: Command.PlanRecruitment): Result =>
  context.gridExists
    ? ok({ plans: [{ tenant, gridCode: command.gridCode, year: command.year, planned: command.planned }] })
    : refuse("workforce.plan-grid", "gridCode", `no grid ${command.gridCode}`)

/**
 * Records a training session. Rules: `training.id`, `training.grid`, `training.dates`
 * (from not after to), `workforce.future`, `training.attendee-once` (one person-time a
 * worker a session), `training.attendee` (a worker hired by the session's last day).
 *
 * @since 0.5.0
 * @category rules
 */
export const recordTraining = (
  tenant: Tenant,
  context: {
    readonly exists: boolean
    readonly gridExists: boolean
    readonly workers: ReadonlyMap<string, CommunityWorker>
    readonly today: IsoDate
  },
  command: Command.RecordTraining
): Result => {
  if (context.exists) return refuse("training.id", "id", `a session ${command.id} exists`)
  if (!context.gridExists) return refuse("training.grid", "gridCode", `no grid ${command.gridCode}`)
  if (command.from > command.to) return refuse("training.dates", "to", `${command.to} comes before ${command.from}`)
  const late = future("workforce.future", "to", command.to, context.today)
  if (late !== undefined) return late
  const seen = new Set<string>()
  for (const [i, id] of command.attendees.entries()) {
    if (seen.has(id)) return refuse("training.attendee-once", `attendees[${i}]`, `${id} is listed twice`)
    seen.add(id)
    const worker = context.workers.get(id)
    if (worker === undefined || worker.hiredOn > command.to) {
      return refuse("training.attendee", `attendees[${i}]`, `${id} is not a worker hired by ${command.to}`)
    }
  }
  const { _tag, attendees, ...fields } = command
  return ok({
    sessions: [{ tenant, ...fields }],
    attendance: attendees.map((workerId) => ({ tenant, sessionId: command.id, workerId }))
  })
}

/**
 * Records a qualification. Rules: `workforce.worker-unknown`, `workforce.future`,
 * `qualification.once` (a level is obtained once), `qualification.eligibility` (a route
 * of the policy met on the day, with the levels held before it).
 *
 * @since 0.5.0
 * @category rules
 */
export const recordQualification = (
  tenant: Tenant,
  policy: Qualification.Policy,
  context: { readonly worker: CommunityWorker | undefined; readonly holdings: ReadonlyArray<Holding>; readonly today: IsoDate },
  command: Command.RecordQualification
): Result => {
  const worker = context.worker
  if (worker === undefined) return refuse("workforce.worker-unknown", "workerId", `no worker ${command.workerId}`)
  const late = future("workforce.future", "obtainedOn", command.obtainedOn, context.today)
  if (late !== undefined) return late
  if (context.holdings.some((h) => h.level === command.level)) {
    return refuse("qualification.once", "level", `${command.workerId} holds ${Qualification.levelLabels[command.level].zh} already`)
  }
  const applicant: Qualification.Applicant = {
    education: worker.education,
    socialWorkSince: worker.socialWorkSince,
    holdings: context.holdings.filter((h) => h.obtainedOn < command.obtainedOn).map((h) => ({ level: h.level, obtainedOn: h.obtainedOn }))
  }
  return Either.map(Qualification.eligible(policy, command.level, applicant, command.obtainedOn), (route) =>
    Changes.make({
      holdings: [{
        tenant,
        workerId: command.workerId,
        level: command.level,
        obtainedOn: command.obtainedOn,
        certificate: command.certificate,
        route: route.source ?? "the policy"
      }]
    }))
}

/**
 * Records a career move. Rules: `career.id`, `workforce.worker-unknown`,
 * `career.after-hire` (not before the worker was hired), `workforce.future`,
 * `career.once` (each kind of move once a worker).
 *
 * @since 0.5.0
 * @category rules
 */
export const recordCareerMove = (
  tenant: Tenant,
  context: {
    readonly exists: boolean
    readonly worker: CommunityWorker | undefined
    readonly moves: ReadonlyArray<{ readonly kind: string }>
    readonly today: IsoDate
  },
  command: Command.RecordCareerMove
): Result => {
  if (context.exists) return refuse("career.id", "id", `a move ${command.id} exists`)
  const worker = context.worker
  if (worker === undefined) return refuse("workforce.worker-unknown", "workerId", `no worker ${command.workerId}`)
  if (command.on < worker.hiredOn) return refuse("career.after-hire", "on", `${command.workerId} was hired on ${worker.hiredOn}`)
  const late = future("workforce.future", "on", command.on, context.today)
  if (late !== undefined) return late
  if (context.moves.some((m) => m.kind === command.kind)) {
    return refuse("career.once", "kind", `${command.workerId} has a move ${moveLabels[command.kind].zh} already`)
  }
  const { _tag, ...fields } = command
  return ok({ moves: [{ tenant, ...fields }] })
}

/**
 * Awards an honour. Rules: `recognition.id`, `recognition.subject` (流动先锋 and 星级经营户
 * name a member, a site does not), `recognition.stars` (1–5 for a star merchant only),
 * `recognition.level` (district or city for a site only), `recognition.letter` (a
 * letter of good news for a member's honour only), `recognition.future`,
 * `recognition.organisation` (the organisation exists on the day), `recognition.member`
 * (the member belongs to the tenant's party on the day).
 *
 * @since 0.5.0
 * @category rules
 */
export const recognise = (
  tenant: Tenant,
  context: {
    readonly exists: boolean
    readonly organisationValid: boolean
    readonly memberOnDay: boolean
    readonly today: IsoDate
  },
  command: Command.Recognise
): Result => {
  if (context.exists) return refuse("recognition.id", "id", `an honour ${command.id} exists`)
  const site = command.kind === "model-site"
  const label = kindLabels[command.kind].zh
  if (site !== (command.memberId === null)) {
    return refuse("recognition.subject", "memberId", site ? `a ${label} honours an organisation, not a member` : `a ${label} names the member honoured`)
  }
  if ((command.kind === "star-merchant") !== (command.stars !== null)) {
    return refuse("recognition.stars", "stars", command.stars === null ? `a ${label} is rated 1 to 5 stars` : `only a star merchant has stars`)
  }
  if (site !== (command.level !== null)) {
    return refuse("recognition.level", "level", site ? `a ${label} is of the district or the city level` : `only a demonstration site has a level`)
  }
  if (site && command.letter !== null) return refuse("recognition.letter", "letter", "a letter of good news goes to a member's hometown")
  const late = future("recognition.future", "awardedOn", command.awardedOn, context.today)
  if (late !== undefined) return late
  if (!context.organisationValid) {
    return refuse("recognition.organisation", "organisationId", `no organisation ${command.organisationId} on ${command.awardedOn}`)
  }
  if (!site && !context.memberOnDay) {
    return refuse("recognition.member", "memberId", `${command.memberId} is not a party member of the tenant on ${command.awardedOn}`)
  }
  const { _tag, letter, ...fields } = command
  return ok({
    honours: [{ tenant, ...fields }],
    letters: letter === null || command.memberId === null
      ? []
      : [{ tenant, honourId: command.id, memberId: command.memberId, hometown: letter.hometown, address: letter.address, status: "pending", createdOn: context.today, sentOn: null }]
  })
}

/**
 * What sending letters needs: today, the honours named that the actor's scope sees (one
 * lying wholly elsewhere counts as unknown), and their letters.
 *
 * @since 0.6.0
 * @category models
 */
export interface LettersContext {
  readonly today: IsoDate
  readonly honours: ReadonlyArray<Honour>
  readonly letters: ReadonlyArray<HonourLetter>
}

/**
 * Sends letters of good news. Rules: `recognition.future` (not dated after today),
 * `recognition.letter-honour` (each id an honour seen from the actor's scope),
 * `recognition.letter-none` (the honour has a letter), `recognition.letter-sent-once`
 * (the letter is pending: a letter is sent once), `recognition.letter-date` (not
 * before the honour was awarded). Each honour is named once (`recognition.letter-ids`,
 * checked when the command is decoded, and again here).
 *
 * @since 0.6.0
 * @category rules
 */
export const sendLetters = (context: LettersContext, command: Command.SendHonourLetters): Result => {
  if (new Set(command.honourIds).size !== command.honourIds.length) return refuse("recognition.letter-ids", "honourIds", "each honour is named once")
  const late = future("recognition.future", "on", command.on, context.today)
  if (late !== undefined) return late
  const honours = new Map(context.honours.map((h) => [h.id as string, h]))
  const letters = new Map(context.letters.map((l) => [l.honourId as string, l]))
  const sent: Array<HonourLetter> = []
  for (const id of command.honourIds) {
    const honour = honours.get(id)
    if (honour === undefined) return refuse("recognition.letter-honour", "honourIds", `no honour ${id} exists`)
    const letter = letters.get(id)
    if (letter === undefined) return refuse("recognition.letter-none", "honourIds", `honour ${id} carries no letter of good news`)
    if (letter.status === "sent") {
      return refuse("recognition.letter-sent-once", "honourIds", `the letter of honour ${id} was sent${letter.sentOn === null ? "" : ` on ${letter.sentOn}`}: a letter is sent once`)
    }
    if (command.on < honour.awardedOn) {
      return refuse("recognition.letter-date", "on", `honour ${id} was awarded on ${honour.awardedOn}: its letter is sent on that day or later`)
    }
    sent.push({ ...letter, status: "sent", sentOn: command.on })
  }
  return ok({ sentLetters: sent })
}
