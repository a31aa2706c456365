/**
 * The commands that change party organisations, their members and their
 * organisational life. Each is a Schema, so input from JSON, CSV rows or HTTP bodies
 * decodes into it or fails with a ValidationError naming the field (and row). Every
 * string is bounded and one line of printable text (`Text`); unknown keys are refused.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import * as CitizenId from "../identifiers/CitizenId.js"
import * as Phone from "../identifiers/Phone.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { Measure, MemberId, Month, Standing } from "./Member.js"
import { MeetingId, MeetingKind } from "./Meeting.js"
import { OrganisationId, OrganisationKind, Task } from "./Organisation.js"

/**
 * Forms an organisation from a day on, under its parent (none: one of the tenant's top
 * organisations), in a sector, serving grids. A temporary branch names its task, and
 * may name the day the task ends (`validTo`), when it dissolves.
 *
 * @since 0.2.0
 * @category commands
 */
export class FormOrganisation extends Schema.TaggedClass<FormOrganisation>()("FormOrganisation", {
  id: OrganisationId,
  kind: OrganisationKind,
  name: Text.Name,
  parentId: Schema.NullOr(OrganisationId),
  sector: Text.Id,
  grids: Schema.optionalWith(Schema.Array(GridCode).pipe(Schema.maxItems(1000)), { default: () => [] }),
  hasCommittee: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  task: Schema.optionalWith(Schema.NullOr(Task), { default: () => null }),
  validFrom: IsoDate,
  /** Optional planned end (a temporary branch's task). */
  validTo: Schema.optionalWith(Schema.NullOr(IsoDate), { default: () => null })
}) {}

/**
 * Renames an organisation from a day on (on the day its version began: corrects it).
 *
 * @since 0.2.0
 * @category commands
 */
export class RenameOrganisation extends Schema.TaggedClass<RenameOrganisation>()("RenameOrganisation", {
  id: OrganisationId,
  name: Text.Name,
  at: IsoDate
}) {}

/**
 * Records that a branch set up its branch committee (支部委员会), or stood it down, from
 * a day on.
 *
 * @since 0.2.0
 * @category commands
 */
export class SetCommittee extends Schema.TaggedClass<SetCommittee>()("SetCommittee", {
  id: OrganisationId,
  hasCommittee: Schema.Boolean,
  at: IsoDate
}) {}

/**
 * Merges two or more organisations of one kind, parent and sector into a new one from
 * a day on: the sources end, their members and participants go over, the new one
 * serves every grid they served.
 *
 * @since 0.2.0
 * @category commands
 */
export class MergeOrganisations extends Schema.TaggedClass<MergeOrganisations>()("MergeOrganisations", {
  ids: Schema.Array(OrganisationId).pipe(Schema.minItems(2), Schema.maxItems(100)),
  into: Schema.Struct({ id: OrganisationId, name: Text.Name }),
  at: IsoDate
}) {}

/**
 * Dissolves an organisation on a day. A branch's members must have been transferred
 * first, and no organisation may be left under it; a temporary branch's participants
 * leave with it.
 *
 * @since 0.2.0
 * @category commands
 */
export class DissolveOrganisation extends Schema.TaggedClass<DissolveOrganisation>()("DissolveOrganisation", {
  id: OrganisationId,
  at: IsoDate
}) {}

const personal = {
  name: Text.Name,
  phone: Schema.optionalWith(Schema.NullOr(Phone.Phone), { default: () => null }),
  citizenId: Schema.optionalWith(Schema.NullOr(CitizenId.CitizenId), { default: () => null })
}

/**
 * Admits a probationary member (预备党员) into a branch on the day the branch general
 * meeting passed the admission; records their identity and contact data.
 *
 * @since 0.2.0
 * @category commands
 */
export class AdmitMember extends Schema.TaggedClass<AdmitMember>()("AdmitMember", {
  memberId: MemberId,
  organisationId: OrganisationId,
  ...personal,
  at: IsoDate
}) {}

/**
 * A member whose organisational relationship arrives from outside the tenant (转入),
 * with the standing they arrive with.
 *
 * @since 0.2.0
 * @category commands
 */
export class ArriveMember extends Schema.TaggedClass<ArriveMember>()("ArriveMember", {
  memberId: MemberId,
  organisationId: OrganisationId,
  standing: Standing,
  ...personal,
  at: IsoDate
}) {}

/**
 * Transfers a member's organisational relationship to another of the tenant's branches
 * from a day on (组织关系转接), keeping their standing.
 *
 * @since 0.2.0
 * @category commands
 */
export class TransferMember extends Schema.TaggedClass<TransferMember>()("TransferMember", {
  memberId: MemberId,
  organisationId: OrganisationId,
  at: IsoDate
}) {}

/**
 * A member's organisational relationship leaves the tenant (转出) on a day.
 *
 * @since 0.2.0
 * @category commands
 */
export class DepartMember extends Schema.TaggedClass<DepartMember>()("DepartMember", {
  memberId: MemberId,
  at: IsoDate
}) {}

/**
 * Converts a probationary member to full membership (转正) from a day on.
 *
 * @since 0.2.0
 * @category commands
 */
export class ConvertMember extends Schema.TaggedClass<ConvertMember>()("ConvertMember", {
  memberId: MemberId,
  at: IsoDate
}) {}

/**
 * A member takes part in a temporary branch from a day on; their membership stays
 * with their own branch.
 *
 * @since 0.2.0
 * @category commands
 */
export class JoinTemporary extends Schema.TaggedClass<JoinTemporary>()("JoinTemporary", {
  memberId: MemberId,
  organisationId: OrganisationId,
  at: IsoDate
}) {}

/**
 * A member stops taking part in a temporary branch on a day.
 *
 * @since 0.2.0
 * @category commands
 */
export class LeaveTemporary extends Schema.TaggedClass<LeaveTemporary>()("LeaveTemporary", {
  memberId: MemberId,
  organisationId: OrganisationId,
  at: IsoDate
}) {}

/**
 * Records dues (党费) a member paid their branch for a month, in fen.
 *
 * @since 0.2.0
 * @category commands
 */
export class RecordDues extends Schema.TaggedClass<RecordDues>()("RecordDues", {
  memberId: MemberId,
  organisationId: OrganisationId,
  month: Month,
  amountFen: Schema.Int.pipe(Schema.between(0, 100_000_000)),
  paidOn: IsoDate
}) {}

/**
 * Records a disciplinary measure a branch decided on one of its members. Expulsion
 * ends the membership that day.
 *
 * @since 0.2.0
 * @category commands
 */
export class RecordDiscipline extends Schema.TaggedClass<RecordDiscipline>()("RecordDiscipline", {
  memberId: MemberId,
  organisationId: OrganisationId,
  measure: Measure,
  at: IsoDate,
  /** A 留党察看's term: one or two years (党章 第四十条); only for `probation`. */
  years: Schema.optionalWith(Schema.NullOr(Schema.Literal(1, 2)), { default: () => null })
}) {}

/**
 * A vote as a meeting's minutes give it: the motion and the ballots cast.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Ballots = Schema.Struct({
  motion: Text.Line(200),
  yes: Schema.Int.pipe(Schema.between(0, 100_000)),
  no: Schema.Int.pipe(Schema.between(0, 100_000)),
  abstain: Schema.Int.pipe(Schema.between(0, 100_000))
})

/**
 * Records a meeting held on a day: its kind, topic, the members present and the votes
 * taken (at a branch general meeting only).
 *
 * @since 0.2.0
 * @category commands
 */
export class RecordMeeting extends Schema.TaggedClass<RecordMeeting>()("RecordMeeting", {
  id: MeetingId,
  organisationId: OrganisationId,
  kind: MeetingKind,
  date: IsoDate,
  topic: Text.Line(200),
  attendees: Schema.Array(MemberId).pipe(Schema.maxItems(10_000)),
  votes: Schema.optionalWith(Schema.Array(Ballots).pipe(Schema.maxItems(100)), { default: () => [] })
}) {}

/**
 * Every organisation command.
 *
 * @since 0.2.0
 * @category commands
 */
export const OrganisationCommand = Schema.Union(
  FormOrganisation,
  RenameOrganisation,
  SetCommittee,
  MergeOrganisations,
  DissolveOrganisation,
  AdmitMember,
  ArriveMember,
  TransferMember,
  DepartMember,
  ConvertMember,
  JoinTemporary,
  LeaveTemporary,
  RecordDues,
  RecordDiscipline,
  RecordMeeting
)

/**
 * @since 0.2.0
 * @category models
 */
export type OrganisationCommand = typeof OrganisationCommand.Type

/**
 * What a caller passes for a command: plain strings, numbers and booleans, decoded by
 * the service.
 *
 * @since 0.2.0
 * @category models
 */
export type Input = typeof OrganisationCommand.Encoded
