/**
 * The member-development commands: opening a track on a ladder and recording its steps,
 * extensions and cancellation; the community workforce (hires, recruitment plans,
 * training, qualifications, career moves); recognition with its letters of good news,
 * and sending them.
 * Every command is a `Schema.TaggedClass`, so input from a request decodes to it or fails
 * with a `ValidationError` naming the field.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import { Phone } from "../identifiers/Phone.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { MoveId, MoveKind, Post, SessionId, WorkerId } from "./CommunityWorker.js"
import { Duration, Evidence, PersonId, TrackId } from "./Pathway.js"
import { Education, Level } from "./Qualification.js"
import { HonourId, HonourKind, SiteLevel } from "./Recognition.js"

/**
 * Opens a track: a person on a ladder, under the organisation that develops them, with
 * the ladder's first step (for the party ladder, the application 递交入党申请书).
 *
 * @since 0.5.0
 * @category commands
 */
export class OpenTrack extends Schema.TaggedClass<OpenTrack>()("OpenTrack", {
  id: TrackId,
  ladder: Text.Id,
  person: PersonId,
  name: Text.Name,
  birthDate: Schema.optionalWith(Schema.NullOr(IsoDate), { default: () => null }),
  organisationId: OrganisationId,
  on: IsoDate,
  evidence: Schema.optionalWith(Evidence, { default: () => ({}) })
}) {}

/**
 * Records a step of a track's ladder.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordStep extends Schema.TaggedClass<RecordStep>()("RecordStep", {
  trackId: TrackId,
  step: Text.Id,
  on: IsoDate,
  evidence: Schema.optionalWith(Evidence, { default: () => ({}) })
}) {}

/**
 * Extends a window of a track (probation, by six months to a year, once).
 *
 * @since 0.5.0
 * @category commands
 */
export class ExtendWindow extends Schema.TaggedClass<ExtendWindow>()("ExtendWindow", {
  trackId: TrackId,
  window: Text.Id,
  on: IsoDate,
  length: Duration,
  evidence: Schema.optionalWith(Evidence, { default: () => ({}) })
}) {}

/**
 * Ends a track before its last step, with the reason (and, during probation, the
 * meeting's vote and the approval).
 *
 * @since 0.5.0
 * @category commands
 */
export class CancelTrack extends Schema.TaggedClass<CancelTrack>()("CancelTrack", {
  trackId: TrackId,
  on: IsoDate,
  reason: Text.Line(500),
  evidence: Schema.optionalWith(Evidence, { default: () => ({}) })
}) {}

/**
 * A community worker is hired.
 *
 * @since 0.5.0
 * @category commands
 */
export class HireWorker extends Schema.TaggedClass<HireWorker>()("HireWorker", {
  id: WorkerId,
  name: Text.Name,
  phone: Schema.optionalWith(Schema.NullOr(Phone), { default: () => null }),
  communityCode: GridCode,
  post: Post,
  hiredOn: IsoDate,
  education: Education,
  socialWorkSince: Schema.optionalWith(Schema.NullOr(IsoDate), { default: () => null }),
}) {}

/**
 * Sets the recruitment plan of a grid for a year (a later plan replaces it).
 *
 * @since 0.5.0
 * @category commands
 */
export class PlanRecruitment extends Schema.TaggedClass<PlanRecruitment>()("PlanRecruitment", {
  gridCode: GridCode,
  year: Schema.Int.pipe(Schema.between(2000, 2100)),
  planned: Schema.Int.pipe(Schema.between(0, 100_000))
}) {}

/**
 * Records a training session with the workers who attended it.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordTraining extends Schema.TaggedClass<RecordTraining>()("RecordTraining", {
  id: SessionId,
  title: Text.Name,
  gridCode: GridCode,
  from: IsoDate,
  to: IsoDate,
  hours: Schema.Int.pipe(Schema.between(1, 1000)),
  attendees: Schema.Array(WorkerId).pipe(Schema.maxItems(5_000))
}) {}

/**
 * Records a social-work qualification a worker obtained; the policy's eligibility is
 * checked on the day.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordQualification extends Schema.TaggedClass<RecordQualification>()("RecordQualification", {
  workerId: WorkerId,
  level: Level,
  obtainedOn: IsoDate,
  certificate: Schema.optionalWith(Schema.NullOr(Text.Id), { default: () => null }),
}) {}

/**
 * Records a career move of a worker.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordCareerMove extends Schema.TaggedClass<RecordCareerMove>()("RecordCareerMove", {
  id: MoveId,
  workerId: WorkerId,
  kind: MoveKind,
  on: IsoDate,
  note: Schema.optionalWith(Schema.NullOr(Text.Line(500)), { default: () => null }),
}) {}

/**
 * Awards an honour; a member's may carry a letter of good news to their hometown party
 * organisation.
 *
 * @since 0.5.0
 * @category commands
 */
export class Recognise extends Schema.TaggedClass<Recognise>()("Recognise", {
  id: HonourId,
  kind: HonourKind,
  memberId: Schema.optionalWith(Schema.NullOr(Text.Id), { default: () => null }),
  organisationId: OrganisationId,
  stars: Schema.optionalWith(Schema.NullOr(Schema.Int.pipe(Schema.between(1, 5))), { default: () => null }),
  level: Schema.optionalWith(Schema.NullOr(SiteLevel), { default: () => null }),
  criteria: Text.Line(500),
  awardedBy: Text.Name,
  awardedOn: IsoDate,
  letter: Schema.optionalWith(Schema.NullOr(Schema.Struct({ hometown: Text.Name, address: Text.Address })), { default: () => null }),
}) {}

/**
 * Sends the pending letters of good news (喜报) of honours on a day: each is marked sent
 * and raises its `development.honour-letter` notification to the member's hometown
 * party organisation. Each honour is named once (`recognition.letter-ids`), at most a
 * thousand in one command.
 *
 * @since 0.6.0
 * @category commands
 */
export class SendHonourLetters extends Schema.TaggedClass<SendHonourLetters>()("SendHonourLetters", {
  honourIds: Schema.Array(HonourId).pipe(
    Schema.minItems(1),
    Schema.maxItems(1000),
    Schema.filter((ids) => new Set(ids).size === ids.length || "recognition.letter-ids: each honour is named once")
  ),
  on: IsoDate
}) {}

/**
 * @since 0.5.0
 * @category schemas
 */
export const DevelopmentCommand = Schema.Union(
  OpenTrack,
  RecordStep,
  ExtendWindow,
  CancelTrack,
  HireWorker,
  PlanRecruitment,
  RecordTraining,
  RecordQualification,
  RecordCareerMove,
  Recognise,
  SendHonourLetters
)

/**
 * @since 0.5.0
 * @category models
 */
export type DevelopmentCommand = typeof DevelopmentCommand.Type

/**
 * What a caller passes for a command: plain strings, decoded by the service.
 *
 * @since 0.5.0
 * @category models
 */
export type Input = typeof DevelopmentCommand.Encoded
