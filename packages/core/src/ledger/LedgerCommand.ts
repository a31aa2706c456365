/**
 * The volunteer ledger's commands: registering volunteers and activities, consent,
 * recording service (the append), corrections, points and certificates. Every write
 * that adds to the ledger carries an idempotency `key`: sent again with the same
 * content it returns what the first write did; with other content it is an
 * `IdempotencyConflict`. Registrations are idempotent by their id the same way.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { PostId, TeamId } from "../coconstruction/Volunteering.js"
import { GridCode } from "../grid/Grid.js"
import { CitizenId } from "../identifiers/CitizenId.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { Phone } from "../identifiers/Phone.js"
import { IdempotencyKey } from "../idempotency/Idempotency.js"
import { MemberId } from "../organisation/Member.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { LocalMinute } from "../time/LocalMinute.js"
import { VolunteerId } from "./LedgerVolunteer.js"
import { ActivityId } from "./ServiceActivity.js"

/**
 * Registers a volunteer (第五条's fields).
 *
 * @since 0.4.0
 * @category commands
 */
export class RegisterVolunteer extends Schema.TaggedClass<RegisterVolunteer>()("RegisterVolunteer", {
  id: VolunteerId,
  name: Text.Name,
  citizenId: Schema.optionalWith(Schema.NullOr(CitizenId), { default: () => null }),
  phone: Schema.optionalWith(Schema.NullOr(Phone), { default: () => null }),
  gridCode: GridCode,
  skills: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(20)), { default: () => [] }),
  categories: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(20)), { default: () => [] }),
  memberId: Schema.optionalWith(Schema.NullOr(MemberId), { default: () => null }),
  unitCreditCode: Schema.optionalWith(Schema.NullOr(CreditCode), { default: () => null }),
  registeredOn: IsoDate
}) {}

/**
 * Records a volunteer's consent to disclose their personal data (第十六条), or its
 * withdrawal, from a day.
 *
 * @since 0.4.0
 * @category commands
 */
export class RecordConsent extends Schema.TaggedClass<RecordConsent>()("RecordConsent", {
  volunteerId: VolunteerId,
  given: Schema.Boolean,
  on: IsoDate
}) {}

/**
 * Registers a service activity.
 *
 * @since 0.4.0
 * @category commands
 */
export class RegisterActivity extends Schema.TaggedClass<RegisterActivity>()("RegisterActivity", {
  id: ActivityId,
  name: Text.Line(200),
  category: Text.Id,
  programme: Schema.optionalWith(Schema.NullOr(Text.Id), { default: () => null }),
  organiser: Text.Name,
  personInCharge: Text.Name,
  gridCode: GridCode,
  servicePoint: Text.Id,
  teamId: Schema.optionalWith(Schema.NullOr(TeamId), { default: () => null }),
  registeredOn: IsoDate
}) {}

/**
 * A session of service, as a recorder enters it: who, in which activity, from when to
 * when, what was done. The grid and service point default to the activity's, the team
 * to the activity's team.
 *
 * @since 0.4.0
 * @category schemas
 */
export const Session = Schema.Struct({
  volunteerId: VolunteerId,
  activityId: ActivityId,
  teamId: Schema.optionalWith(Schema.NullOr(TeamId), { default: () => null }),
  postId: Schema.optionalWith(Schema.NullOr(PostId), { default: () => null }),
  servicePoint: Schema.optionalWith(Schema.NullOr(Text.Id), { default: () => null }),
  gridCode: Schema.optionalWith(Schema.NullOr(GridCode), { default: () => null }),
  startsAt: LocalMinute,
  endsAt: LocalMinute,
  content: Text.Line(500),
  residentsServed: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 1_000_000)), { default: () => 0 }),
  mattersDone: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 100_000)), { default: () => 0 })
})

/**
 * @since 0.4.0
 * @category models
 */
export interface Session extends Schema.Schema.Type<typeof Session> {}

/**
 * Appends a session to the ledger (the idempotent write).
 *
 * @since 0.4.0
 * @category commands
 */
export class RecordService extends Schema.TaggedClass<RecordService>()("RecordService", {
  key: IdempotencyKey,
  ...Session.fields
}) {}

/**
 * Corrects an entry (第十三条): a reversal of it, and, unless the session did not take
 * place, a replacement with the session as it was. An entry is reversed once; a
 * reversal is not reversed (correct its replacement instead).
 *
 * @since 0.4.0
 * @category commands
 */
export class CorrectEntry extends Schema.TaggedClass<CorrectEntry>()("CorrectEntry", {
  key: IdempotencyKey,
  /** The entry corrected. */
  seq: Schema.Int.pipe(Schema.positive()),
  reason: Text.Line(500),
  /** Who asked (the volunteer, after the organisation verified it). */
  requester: Text.Name,
  replacement: Schema.optionalWith(Schema.NullOr(Session), { default: () => null })
}) {}

/**
 * Redeems a volunteer's points (兑换), never beyond what is available on the day.
 *
 * @since 0.4.0
 * @category commands
 */
export class RedeemPoints extends Schema.TaggedClass<RedeemPoints>()("RedeemPoints", {
  key: IdempotencyKey,
  volunteerId: VolunteerId,
  points: Schema.Int.pipe(Schema.between(1, 100_000_000)),
  on: IsoDate,
  reason: Text.Line(500)
}) {}

/**
 * Writes off a volunteer's points that expired by a day (when the policy lets points
 * expire), so the balance is again the sum of the movements.
 *
 * @since 0.4.0
 * @category commands
 */
export class ExpirePoints extends Schema.TaggedClass<ExpirePoints>()("ExpirePoints", {
  key: IdempotencyKey,
  volunteerId: VolunteerId,
  asOf: IsoDate
}) {}

/**
 * Issues a certificate of a volunteer's service over a period (第十四–十五条), to be
 * verified by its code (第十七条). `disclose` prints the volunteer's personal data, which
 * needs their consent on the day (第十六条).
 *
 * @since 0.4.0
 * @category commands
 */
export class IssueCertificate extends Schema.TaggedClass<IssueCertificate>()("IssueCertificate", {
  key: IdempotencyKey,
  volunteerId: VolunteerId,
  from: IsoDate,
  to: IsoDate,
  disclose: Schema.optionalWith(Schema.Boolean, { default: () => false })
}) {}

/**
 * @since 0.4.0
 * @category commands
 */
export const LedgerCommand = Schema.Union(
  RegisterVolunteer,
  RecordConsent,
  RegisterActivity,
  RecordService,
  CorrectEntry,
  RedeemPoints,
  ExpirePoints,
  IssueCertificate
)

/**
 * @since 0.4.0
 * @category commands
 */
export type LedgerCommand = typeof LedgerCommand.Type

/**
 * A command as a request gives it (its encoded form; the `_tag` names the command).
 *
 * @since 0.4.0
 * @category commands
 */
export type Input = typeof LedgerCommand.Encoded
