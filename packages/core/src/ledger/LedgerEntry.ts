/**
 * A ledger entry (台账条目): one volunteer's session in one activity, or the reversal of
 * one. Entries are appended, never edited or deleted; each has its place (`seq`, from 1
 * without gaps in the tenant's commit order) and its link in the tenant's hash chain.
 * Minutes are integers (hours are only a display); a session across midnight counts
 * from its start to its end. A correction (第十三条) appends a reversal — the original's
 * minutes, residents, matters and points negated — and, when the service was given
 * differently, a replacement that names the original, so every sum over entries is the
 * corrected figure.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { PostId, TeamId } from "../coconstruction/Volunteering.js"
import { GridCode } from "../grid/Grid.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { IdempotencyKey } from "../idempotency/Idempotency.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { LocalMinute } from "../time/LocalMinute.js"
import { VolunteerId } from "./LedgerVolunteer.js"
import { ActivityId } from "./ServiceActivity.js"

/**
 * `service`: a session given; `reversal`: the undoing of one (a correction).
 *
 * @since 0.4.0
 * @category schemas
 */
export const EntryKind = Schema.Literal("service", "reversal")

/**
 * @since 0.4.0
 * @category models
 */
export type EntryKind = typeof EntryKind.Type

/**
 * @since 0.4.0
 * @category schemas
 */
export const LedgerEntry = Schema.Struct({
  tenant: Tenant,
  /** The entry's place in the tenant's ledger: 1, 2, 3, … in commit order. */
  seq: Schema.Int.pipe(Schema.positive()),
  /** The idempotency key of the write that appended it. */
  key: IdempotencyKey,
  /** Its place among the entries of that write: 0, or 1 for a correction's replacement. */
  part: Schema.Int.pipe(Schema.between(0, 1)),
  /** The fingerprint of that write (SHA-256 of its canonical command). */
  fingerprint: Schema.String,
  kind: EntryKind,
  volunteerId: VolunteerId,
  activityId: ActivityId,
  teamId: Schema.NullOr(TeamId),
  postId: Schema.NullOr(PostId),
  servicePoint: Text.Id,
  gridCode: GridCode,
  /** The activity's category, as recorded. */
  category: Text.Id,
  /** The activity's programme, as recorded. */
  programme: Schema.NullOr(Text.Id),
  /** The volunteer's work unit, as recorded. */
  unitCreditCode: Schema.NullOr(CreditCode),
  startsAt: LocalMinute,
  endsAt: LocalMinute,
  /** Minutes of service: positive for a session, the negation of the original's for a reversal. */
  minutes: Schema.Int,
  content: Text.Line(500),
  residentsServed: Schema.Int,
  /** Practical matters done (实事). */
  mattersDone: Schema.Int,
  /** Points (志愿积分) earned by the policy's rule; negated by a reversal. */
  points: Schema.Int,
  organiser: Text.Name,
  personInCharge: Text.Name,
  /** Who recorded it (the actor). */
  recorder: Text.Id,
  /** The day it was recorded (China Standard Time). */
  recordedOn: IsoDate,
  /** Recorded after the deadline of 第十一条 (10 working days after the session's end). */
  late: Schema.Boolean,
  /** For a reversal: the entry it undoes. */
  reverses: Schema.NullOr(Schema.Int),
  /** For a replacement: the entry it corrects. */
  replaces: Schema.NullOr(Schema.Int),
  /** For a correction: why, and who asked (第十三条: the volunteer, usually). */
  reason: Schema.NullOr(Text.Line(500)),
  requester: Schema.NullOr(Text.Name),
  /** SHA-256 (hex) of the previous entry's hash and this entry's fields. */
  hash: Schema.String
})

/**
 * @since 0.4.0
 * @category models
 */
export interface LedgerEntry extends Schema.Schema.Type<typeof LedgerEntry> {}

/**
 * An entry's stored fields but its hash, in a fixed order: what its link hashes. Every
 * field is in it, so changing any of them by hand breaks the chain at that entry.
 *
 * @since 0.4.0
 * @category utils
 */
export const chainFields = (e: Omit<LedgerEntry, "hash">): string =>
  JSON.stringify([
    e.tenant,
    e.seq,
    e.key,
    e.part,
    e.fingerprint,
    e.kind,
    e.volunteerId,
    e.activityId,
    e.teamId,
    e.postId,
    e.servicePoint,
    e.gridCode,
    e.category,
    e.programme,
    e.unitCreditCode,
    e.startsAt,
    e.endsAt,
    e.minutes,
    e.content,
    e.residentsServed,
    e.mattersDone,
    e.points,
    e.organiser,
    e.personInCharge,
    e.recorder,
    e.recordedOn,
    e.late,
    e.reverses,
    e.replaces,
    e.reason,
    e.requester
  ])

/**
 * The sign an entry counts with: +1 a session, −1 a reversal.
 *
 * @since 0.4.0
 * @category getters
 */
export const sign = (e: Pick<LedgerEntry, "kind">): 1 | -1 => (e.kind === "service" ? 1 : -1)
