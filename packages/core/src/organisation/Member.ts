/**
 * Party members (党员) and where their membership lies. A member's identity and contact
 * data (`Member`) are kept as they are now; their organisational relationship
 * (组织关系) is a history of `Membership` rows — one branch at a time, full or
 * probationary, each row from the day it began to the day it ended — so a past day's
 * rolls stay what they were. Taking part in a temporary branch (`Participation`) leaves
 * the membership where it is.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { OrganisationId } from "./Organisation.js"

/**
 * A member id, chosen by the platform.
 *
 * @since 0.2.0
 * @category schemas
 */
export const MemberId = Text.Id.pipe(Schema.brand("MemberId"))

/**
 * @since 0.2.0
 * @category models
 */
export type MemberId = typeof MemberId.Type

/**
 * A member's identity and contact data, as they are now.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Member = Schema.Struct({
  tenant: Tenant,
  id: MemberId,
  /** Personal data: shown on rolls to those who may read members, never in the audit log. */
  name: Schema.String,
  /** Personal data: masked unless the reader holds `pii:read`. */
  phone: Schema.NullOr(Schema.String),
  /** Personal data: masked unless the reader holds `pii:read`. */
  citizenId: Schema.NullOr(Schema.String)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Member extends Schema.Schema.Type<typeof Member> {}

/**
 * A member's standing: 预备党员 (`probationary`) until converted, then 正式党员 (`full`).
 * Only full members vote, and only full members count towards a branch's size.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Standing = Schema.Literal("probationary", "full")

/**
 * @since 0.2.0
 * @category models
 */
export type Standing = typeof Standing.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const standingLabels: Readonly<Record<Standing, { readonly zh: string; readonly en: string }>> = {
  probationary: { zh: "预备党员", en: "probationary member" },
  full: { zh: "正式党员", en: "full member" }
}

/**
 * How a membership row began: admitted by the branch (`admit`), arrived from an
 * organisation outside the tenant (`arrive`, 转入), transferred from another of the
 * tenant's branches (`transfer`), converted to full membership (`convert`), or carried
 * into the organisation its branch merged into (`merge`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const MembershipChange = Schema.Literal("admit", "arrive", "transfer", "convert", "merge")

/**
 * @since 0.2.0
 * @category models
 */
export type MembershipChange = typeof MembershipChange.Type

/**
 * A stretch of a member's organisational relationship: one branch, one standing.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Membership = Schema.Struct({
  tenant: Tenant,
  memberId: MemberId,
  organisationId: OrganisationId,
  standing: Standing,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate),
  change: MembershipChange
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Membership extends Schema.Schema.Type<typeof Membership> {}

/**
 * The key of a membership row.
 *
 * @since 0.2.0
 * @category models
 */
export interface MembershipKey {
  readonly memberId: MemberId
  readonly validFrom: IsoDate
}

/**
 * A member taking part in a temporary branch, from a day to a day; their membership
 * stays with their own branch.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Participation = Schema.Struct({
  tenant: Tenant,
  memberId: MemberId,
  organisationId: OrganisationId,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Participation extends Schema.Schema.Type<typeof Participation> {}

/**
 * The key of a participation row.
 *
 * @since 0.2.0
 * @category models
 */
export interface ParticipationKey {
  readonly memberId: MemberId
  readonly organisationId: OrganisationId
  readonly validFrom: IsoDate
}

/**
 * A month, `YYYY-MM`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Month = Schema.String.pipe(
  Schema.filter((s) => {
    const m = /^(\d{4})-(\d{2})$/.exec(s)
    return (m !== null && Number(m[1]) >= 1 && Number(m[2]) >= 1 && Number(m[2]) <= 12) ||
      "month.format: expected YYYY-MM (a month of a year from 0001)"
  }),
  Schema.brand("Month")
)

/**
 * @since 0.2.0
 * @category models
 */
export type Month = typeof Month.Type

/**
 * Dues (党费) a member paid their branch for a month, in fen (分).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Dues = Schema.Struct({
  tenant: Tenant,
  memberId: MemberId,
  organisationId: OrganisationId,
  month: Month,
  amountFen: Schema.Int.pipe(Schema.nonNegative()),
  paidOn: IsoDate
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Dues extends Schema.Schema.Type<typeof Dues> {}

/**
 * The disciplinary measures of the Party (党纪处分), from the mildest.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Measure = Schema.Literal("warning", "serious_warning", "removal_from_post", "probation", "expulsion")

/**
 * @since 0.2.0
 * @category models
 */
export type Measure = typeof Measure.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const measureLabels: Readonly<Record<Measure, { readonly zh: string; readonly en: string }>> = {
  warning: { zh: "警告", en: "warning" },
  serious_warning: { zh: "严重警告", en: "serious warning" },
  removal_from_post: { zh: "撤销党内职务", en: "removal from Party posts" },
  probation: { zh: "留党察看", en: "probation within the Party" },
  expulsion: { zh: "开除党籍", en: "expulsion" }
}

/**
 * A disciplinary measure decided by the member's branch on a day. Expulsion ends the
 * membership that day. 留党察看 (`probation`) lasts one or two years: from `decidedOn`
 * to `endsOn` the member keeps their membership but has no vote (党章 第四十条).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Discipline = Schema.Struct({
  tenant: Tenant,
  memberId: MemberId,
  organisationId: OrganisationId,
  measure: Measure,
  decidedOn: IsoDate,
  /** The day a 留党察看 ends (one or two years on); null for every other measure. */
  endsOn: Schema.NullOr(IsoDate)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Discipline extends Schema.Schema.Type<typeof Discipline> {}
