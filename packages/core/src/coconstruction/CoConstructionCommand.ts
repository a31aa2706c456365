/**
 * The co-construction commands (共驻共建): what a platform asks the `CoConstruction`
 * service to do: the 双报到 enrolments of work units and in-service party members, and
 * 一协议两清单 — agreements, the needs and resources lists, and the projects that link
 * them, with their progress. Every command is a `Schema.TaggedClass`, so input from a request decodes to
 * it or fails with a `ValidationError` naming the field.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { MemberId } from "../organisation/Member.js"
import { OrganisationId } from "../organisation/Organisation.js"
import { AgreementId, Commitments } from "./Agreement.js"
import { NeedId } from "./Need.js"
import { Allocation, ProjectId } from "./Project.js"
import { ResourceId } from "./Resource.js"
import { JointMeetingId, TaskId } from "./JointMeeting.js"
import { PostId, TeamId } from "./Volunteering.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A work unit enrols with the street where it lies (单位到街道报到).
 *
 * @since 0.3.0
 * @category commands
 */
export class EnrolUnit extends Schema.TaggedClass<EnrolUnit>()("EnrolUnit", {
  creditCode: CreditCode,
  name: Text.Name,
  streetCode: GridCode,
  at: IsoDate
}) {}

/**
 * A work unit's enrolment moves to another street (the unit moved).
 *
 * @since 0.3.0
 * @category commands
 */
export class TransferUnit extends Schema.TaggedClass<TransferUnit>()("TransferUnit", {
  creditCode: CreditCode,
  streetCode: GridCode,
  at: IsoDate
}) {}

/**
 * A work unit's enrolment ends.
 *
 * @since 0.3.0
 * @category commands
 */
export class WithdrawUnit extends Schema.TaggedClass<WithdrawUnit>()("WithdrawUnit", {
  creditCode: CreditCode,
  at: IsoDate
}) {}

/**
 * An in-service party member enrols with the community where they live (党员到社区报到).
 * A member of one of the tenant's branches is known by their membership; one whose
 * organisational relationship lies outside the tenant names their own organisation.
 *
 * @since 0.3.0
 * @category commands
 */
export class EnrolMember extends Schema.TaggedClass<EnrolMember>()("EnrolMember", {
  memberId: MemberId,
  communityCode: GridCode,
  /** The work unit the member comes from, when known. */
  unitCreditCode: Schema.optionalWith(Schema.NullOr(CreditCode), { default: () => null }),
  /** The member's own party organisation, when it lies outside the tenant. */
  homeOrganisation: Schema.optionalWith(Schema.NullOr(Text.Name), { default: () => null }),
  /** Profession and skills the member offers (职业特长), matched against posts' required skills. */
  skills: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(50)), { default: () => [] }),
  /** The post category the member would rather serve in (a key of the policy's), when they said. */
  interest: Schema.optionalWith(Schema.NullOr(Text.Id), { default: () => null }),
  at: IsoDate
}) {}

/**
 * A member's enrolment moves to another community (they moved house).
 *
 * @since 0.3.0
 * @category commands
 */
export class TransferEnrolment extends Schema.TaggedClass<TransferEnrolment>()("TransferEnrolment", {
  memberId: MemberId,
  communityCode: GridCode,
  at: IsoDate
}) {}

/**
 * A member's enrolment ends (they retired, left the district …).
 *
 * @since 0.3.0
 * @category commands
 */
export class WithdrawMember extends Schema.TaggedClass<WithdrawMember>()("WithdrawMember", {
  memberId: MemberId,
  at: IsoDate
}) {}

const noCommitments = () => ({ organisation: [], members: [], resources: [], matters: [] })

/**
 * A street's or community's party organisation signs an agreement (共建协议) with an
 * enrolled unit's party organisation, for a term `[from, to)`.
 *
 * @since 0.3.0
 * @category commands
 */
export class SignAgreement extends Schema.TaggedClass<SignAgreement>()("SignAgreement", {
  id: AgreementId,
  organisationId: OrganisationId,
  unitCreditCode: CreditCode,
  unitOrganisation: Text.Name,
  from: IsoDate,
  to: IsoDate,
  commitments: Schema.optionalWith(Commitments, { default: noCommitments })
}) {}

/**
 * A community lists a need (需求清单).
 *
 * @since 0.3.0
 * @category commands
 */
export class ListNeed extends Schema.TaggedClass<ListNeed>()("ListNeed", {
  id: NeedId,
  gridCode: GridCode,
  category: Text.Id,
  title: Text.Line(200),
  quantity: Schema.Int.pipe(Schema.between(1, 1_000_000)),
  priority: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 100)), { default: () => 0 }),
  skills: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(20)), { default: () => [] }),
  at: IsoDate
}) {}

/**
 * An enrolled unit lists a resource (资源清单).
 *
 * @since 0.3.0
 * @category commands
 */
export class ListResource extends Schema.TaggedClass<ListResource>()("ListResource", {
  id: ResourceId,
  unitCreditCode: CreditCode,
  gridCode: GridCode,
  category: Text.Id,
  title: Text.Line(200),
  capacity: Schema.Int.pipe(Schema.between(1, 1_000_000)),
  skills: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(20)), { default: () => [] }),
  at: IsoDate
}) {}

/**
 * A project starts under an agreement, giving units of the unit's resources to the
 * community's needs.
 *
 * @since 0.3.0
 * @category commands
 */
export class StartProject extends Schema.TaggedClass<StartProject>()("StartProject", {
  id: ProjectId,
  agreementId: AgreementId,
  title: Text.Line(200),
  weight: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => 1 }),
  allocations: Schema.Array(Allocation).pipe(Schema.minItems(1), Schema.maxItems(1000)),
  from: IsoDate,
  to: IsoDate
}) {}

/**
 * A project reports its completion on a day, in whole percent (100: completed).
 *
 * @since 0.3.0
 * @category commands
 */
export class ReportProgress extends Schema.TaggedClass<ReportProgress>()("ReportProgress", {
  projectId: ProjectId,
  on: IsoDate,
  percent: Schema.Int.pipe(Schema.between(0, 100))
}) {}

/**
 * A volunteer team is formed for a grid (a community, or a grid under one).
 *
 * @since 0.3.0
 * @category commands
 */
export class FormTeam extends Schema.TaggedClass<FormTeam>()("FormTeam", {
  id: TeamId,
  name: Text.Name,
  gridCode: GridCode,
  at: IsoDate
}) {}

/**
 * A team opens a volunteer post in a category of the policy.
 *
 * @since 0.3.0
 * @category commands
 */
export class OpenPost extends Schema.TaggedClass<OpenPost>()("OpenPost", {
  id: PostId,
  teamId: TeamId,
  title: Text.Line(200),
  category: Text.Id,
  skills: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(20)), { default: () => [] }),
  capacity: Schema.Int.pipe(Schema.between(1, 10_000)),
  at: IsoDate
}) {}

/**
 * An enrolled member claims a post (认领). The skills the post asks for are those recorded
 * at the member's enrolment and any declared here.
 *
 * @since 0.3.0
 * @category commands
 */
export class ClaimPost extends Schema.TaggedClass<ClaimPost>()("ClaimPost", {
  postId: PostId,
  memberId: MemberId,
  skills: Schema.optionalWith(Schema.Array(Text.Id).pipe(Schema.maxItems(50)), { default: () => [] }),
  at: IsoDate
}) {}

/**
 * A member withdraws their claim on a post.
 *
 * @since 0.3.0
 * @category commands
 */
export class WithdrawClaim extends Schema.TaggedClass<WithdrawClaim>()("WithdrawClaim", {
  postId: PostId,
  memberId: MemberId,
  at: IsoDate
}) {}

/**
 * A decision of a joint meeting as recorded: the task it becomes.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Decision = Schema.Struct({
  taskId: TaskId,
  text: Text.Line(200),
  unitCreditCode: Schema.optionalWith(Schema.NullOr(CreditCode), { default: () => null }),
  due: IsoDate
})

/**
 * A street holds a joint meeting (党建联席会议) with enrolled units.
 *
 * @since 0.3.0
 * @category commands
 */
export class HoldJointMeeting extends Schema.TaggedClass<HoldJointMeeting>()("HoldJointMeeting", {
  id: JointMeetingId,
  streetCode: GridCode,
  date: IsoDate,
  topic: Text.Line(200),
  units: Schema.Array(CreditCode).pipe(Schema.maxItems(1000)),
  decisions: Schema.optionalWith(Schema.Array(Decision).pipe(Schema.maxItems(100)), { default: () => [] })
}) {}

/**
 * A joint meeting's task is completed.
 *
 * @since 0.3.0
 * @category commands
 */
export class CompleteTask extends Schema.TaggedClass<CompleteTask>()("CompleteTask", {
  taskId: TaskId,
  at: IsoDate
}) {}

/**
 * @since 0.3.0
 * @category commands
 */
export const CoConstructionCommand = Schema.Union(
  EnrolUnit,
  TransferUnit,
  WithdrawUnit,
  EnrolMember,
  TransferEnrolment,
  WithdrawMember,
  SignAgreement,
  ListNeed,
  ListResource,
  StartProject,
  ReportProgress,
  FormTeam,
  OpenPost,
  ClaimPost,
  WithdrawClaim,
  HoldJointMeeting,
  CompleteTask
)

/**
 * @since 0.3.0
 * @category models
 */
export type CoConstructionCommand = typeof CoConstructionCommand.Type

/**
 * What a caller passes for a command: plain strings, decoded by the service.
 *
 * @since 0.3.0
 * @category models
 */
export type Input = typeof CoConstructionCommand.Encoded
