/**
 * The co-construction commands (共驻共建): what a platform asks the `CoConstruction`
 * service to do. So far the 双报到 enrolments of work units and in-service party
 * members. Every command is a `Schema.TaggedClass`, so input from a request decodes to
 * it or fails with a `ValidationError` naming the field.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { MemberId } from "../organisation/Member.js"
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
  WithdrawMember
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
