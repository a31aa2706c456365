/**
 * The outreach commands: 三联三服 links, contacts and problems; 一支部一实事 batches and
 * matters; stations and their use; new-employment groups and their members. Every
 * command is a `Schema.TaggedClass`, so input from a request decodes to it or fails with
 * a `ValidationError` naming the field.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import { MemberId } from "../organisation/Member.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { ContactId, ContactKind, LinkId, ProblemId, TargetKind } from "./Liaison.js"
import { Group, GroupId, Workers } from "./NewEmployment.js"
import { Batch, BatchId, MatterId } from "./PracticalMatter.js"
import { Facilities, OpeningHours, StationId, StationKind, StudyCorner, UseId, UserKind } from "./Station.js"

/**
 * Links a leader to a target — an enterprise (its 统一社会信用代码 or a unit id), a
 * village or community (its grid code), or a group of residents — lying in `gridCode`,
 * from a day.
 *
 * @since 0.5.0
 * @category commands
 */
export class LinkLeader extends Schema.TaggedClass<LinkLeader>()("LinkLeader", {
  id: LinkId,
  leaderId: Text.Id,
  targetKind: TargetKind,
  targetId: Text.Id,
  gridCode: GridCode,
  from: IsoDate
}) {}

/**
 * Ends a link on a day (the link held until the day before).
 *
 * @since 0.5.0
 * @category commands
 */
export class EndLink extends Schema.TaggedClass<EndLink>()("EndLink", { linkId: LinkId, on: IsoDate }) {}

/**
 * Records a contact (联系) or a visit (走访) made under a link.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordContact extends Schema.TaggedClass<RecordContact>()("RecordContact", {
  id: ContactId,
  linkId: LinkId,
  kind: ContactKind,
  on: IsoDate
}) {}

/**
 * Records a problem raised under a link.
 *
 * @since 0.5.0
 * @category commands
 */
export class RaiseProblem extends Schema.TaggedClass<RaiseProblem>()("RaiseProblem", {
  id: ProblemId,
  linkId: LinkId,
  on: IsoDate,
  summary: Text.Line(500)
}) {}

/**
 * Records that a problem was resolved, on a day, and how.
 *
 * @since 0.5.0
 * @category commands
 */
export class ResolveProblem extends Schema.TaggedClass<ResolveProblem>()("ResolveProblem", {
  problemId: ProblemId,
  on: IsoDate,
  how: Text.Line(500)
}) {}

/**
 * Opens a batch of practical matters (第一批 …) for a grid, running `[from, to]`.
 *
 * @since 0.5.0
 * @category commands
 */
export class OpenBatch extends Schema.TaggedClass<OpenBatch>()("OpenBatch", Batch.omit("tenant").fields) {}

/**
 * Lists a branch's practical matter in a batch, planned on a day.
 *
 * @since 0.5.0
 * @category commands
 */
export class AddMatter extends Schema.TaggedClass<AddMatter>()("AddMatter", {
  id: MatterId,
  batchId: BatchId,
  organisationId: OrganisationId,
  title: Text.Line(200),
  on: IsoDate
}) {}

/**
 * Moves a matter on: in progress, done, or dropped (with a reason).
 *
 * @since 0.5.0
 * @category commands
 */
export class AdvanceMatter extends Schema.TaggedClass<AdvanceMatter>()("AdvanceMatter", {
  matterId: MatterId,
  to: Schema.Literal("in_progress", "done", "dropped"),
  on: IsoDate,
  reason: Schema.optionalWith(Schema.NullOr(Text.Line(500)), { default: () => null })
}) {}

/**
 * Opens a station: its kind, grid, exact address, the organisation running it, its
 * opening hours, facilities and study corner.
 *
 * @since 0.5.0
 * @category commands
 */
export class OpenStation extends Schema.TaggedClass<OpenStation>()("OpenStation", {
  id: StationId,
  name: Text.Name,
  kind: StationKind,
  gridCode: GridCode,
  address: Text.Address,
  organisationId: Schema.optionalWith(Schema.NullOr(OrganisationId), { default: () => null }),
  hours: OpeningHours,
  facilities: Schema.optionalWith(Facilities, { default: () => ({}) }),
  studyCorner: Schema.optionalWith(Schema.NullOr(StudyCorner), { default: () => null }),
  on: IsoDate
}) {}

/**
 * Changes what a station offers: its facilities, opening hours or study corner (each
 * given replaces the one recorded).
 *
 * @since 0.5.0
 * @category commands
 */
export class EquipStation extends Schema.TaggedClass<EquipStation>()("EquipStation", {
  stationId: StationId,
  hours: Schema.optional(OpeningHours),
  facilities: Schema.optional(Facilities),
  studyCorner: Schema.optional(Schema.NullOr(StudyCorner))
}) {}

/**
 * Closes a station on a day.
 *
 * @since 0.5.0
 * @category commands
 */
export class CloseStation extends Schema.TaggedClass<CloseStation>()("CloseStation", { stationId: StationId, on: IsoDate }) {}

/**
 * Records a day's use of a station: a count of users of a kind, or one member's study.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordUse extends Schema.TaggedClass<RecordUse>()("RecordUse", {
  id: UseId,
  stationId: StationId,
  on: IsoDate,
  userKind: UserKind,
  count: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100_000)), { default: () => 1 }),
  memberId: Schema.optionalWith(Schema.NullOr(MemberId), { default: () => null })
}) {}

/**
 * Registers a new-employment group with the party organisation serving it and its
 * count of workers.
 *
 * @since 0.5.0
 * @category commands
 */
export class RegisterGroup extends Schema.TaggedClass<RegisterGroup>()("RegisterGroup", {
  ...Group.pick("id", "kind", "name", "gridCode", "organisationId", "workers").fields,
  on: IsoDate
}) {}

/**
 * Records a group's count of workers anew.
 *
 * @since 0.5.0
 * @category commands
 */
export class CountWorkers extends Schema.TaggedClass<CountWorkers>()("CountWorkers", {
  groupId: GroupId,
  workers: Workers
}) {}

/**
 * Records a party member (of the organisation store) as one of a group's members.
 *
 * @since 0.5.0
 * @category commands
 */
export class JoinGroup extends Schema.TaggedClass<JoinGroup>()("JoinGroup", { groupId: GroupId, memberId: MemberId, on: IsoDate }) {}

/**
 * @since 0.5.0
 * @category schemas
 */
export const OutreachCommand = Schema.Union(
  LinkLeader,
  EndLink,
  RecordContact,
  RaiseProblem,
  ResolveProblem,
  OpenBatch,
  AddMatter,
  AdvanceMatter,
  OpenStation,
  EquipStation,
  CloseStation,
  RecordUse,
  RegisterGroup,
  CountWorkers,
  JoinGroup
)

/**
 * @since 0.5.0
 * @category models
 */
export type OutreachCommand = typeof OutreachCommand.Type

/**
 * What a caller passes for a command: plain strings, decoded by the service.
 *
 * @since 0.5.0
 * @category models
 */
export type Input = typeof OutreachCommand.Encoded
