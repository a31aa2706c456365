/**
 * 双报到 (dual reporting): a work unit enrols with the street where it lies, and an
 * in-service party member (在职党员) enrols with the community where they live. Each is a
 * history of rows from the day it began to the day it ended — one street at a time for
 * a unit, exactly one community at a time for a member — so a past day's figures stay
 * what they were. Enrolment never moves a member's own branch (组织关系): that is the
 * organisation domain's `Membership`, which enrolment leaves alone.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { MemberId } from "../organisation/Member.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * How an enrolment row began: the first enrolment (`enrol`), or a move to another
 * street or community (`transfer`).
 *
 * @since 0.3.0
 * @category schemas
 */
export const EnrolmentChange = Schema.Literal("enrol", "transfer")

/**
 * @since 0.3.0
 * @category models
 */
export type EnrolmentChange = typeof EnrolmentChange.Type

/**
 * A work unit's enrolment with a street (单位到街道报到), identified by its 统一社会信用代码.
 *
 * @since 0.3.0
 * @category schemas
 */
export const UnitEnrolment = Schema.Struct({
  tenant: Tenant,
  creditCode: CreditCode,
  /** The unit's name as enrolled. */
  name: Text.Name,
  /** A grid of the street level. */
  streetCode: GridCode,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate),
  change: EnrolmentChange
})

/**
 * @since 0.3.0
 * @category models
 */
export interface UnitEnrolment extends Schema.Schema.Type<typeof UnitEnrolment> {}

/**
 * An in-service party member's enrolment with the community where they live (党员到社区
 * 报到). A member of the tenant's own branches is known by their membership; one whose
 * organisational relationship lies outside the tenant (a city-level organ, say) names it
 * (`homeOrganisation`).
 *
 * @since 0.3.0
 * @category schemas
 */
export const MemberEnrolment = Schema.Struct({
  tenant: Tenant,
  memberId: MemberId,
  /** A grid of the community level. */
  communityCode: GridCode,
  /** The work unit the member comes from, when it is known. */
  unitCreditCode: Schema.NullOr(CreditCode),
  /** The member's own party organisation when it lies outside the tenant; null when it is one of the tenant's branches. */
  homeOrganisation: Schema.NullOr(Text.Name),
  /** Profession and skills the member offers (职业特长). */
  skills: Schema.Array(Text.Id),
  /** The post category the member would rather serve in, or null. */
  interest: Schema.NullOr(Text.Id),
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate),
  change: EnrolmentChange
})

/**
 * @since 0.3.0
 * @category models
 */
export interface MemberEnrolment extends Schema.Schema.Type<typeof MemberEnrolment> {}
