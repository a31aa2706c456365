/**
 * Recognition (表彰): 流动先锋 (mobile vanguards), 共产党员星级经营户 (party-member
 * merchants rated one to five stars), and 双强六好 demonstration sites (党建示范点) at the
 * district or the city level — each with the criteria it met and the day it was awarded.
 * A member's honour may carry a letter of good news (喜报) to the party organisation of
 * their hometown, recorded here as pending until `SendHonourLetters` sends it (raising
 * its `development.honour-letter` notification).
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * @since 0.5.0
 * @category schemas
 */
export const HonourKind = Schema.Literal("mobile-vanguard", "star-merchant", "model-site")

/**
 * @since 0.5.0
 * @category models
 */
export type HonourKind = typeof HonourKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const kindLabels: Readonly<Record<HonourKind, { readonly zh: string; readonly en: string }>> = {
  "mobile-vanguard": { zh: "流动先锋", en: "mobile vanguard" },
  "star-merchant": { zh: "共产党员星级经营户", en: "party-member star merchant" },
  "model-site": { zh: "“双强六好”党建示范点", en: "双强六好 demonstration site" }
}

/**
 * A demonstration site's level.
 *
 * @since 0.5.0
 * @category schemas
 */
export const SiteLevel = Schema.Literal("district", "city")

/**
 * @since 0.5.0
 * @category models
 */
export type SiteLevel = typeof SiteLevel.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const siteLevelLabels: Readonly<Record<SiteLevel, { readonly zh: string; readonly en: string }>> = {
  district: { zh: "区级", en: "district level" },
  city: { zh: "市级", en: "city level" }
}

/**
 * An honour id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const HonourId = Text.Id.pipe(Schema.brand("HonourId"))

/**
 * @since 0.5.0
 * @category models
 */
export type HonourId = typeof HonourId.Type

/**
 * An honour: to a member (流动先锋, 星级经营户, by member id) or to an organisation (a
 * 双强六好 site). `organisationId` is the organisation the honour belongs under: the
 * member's branch, or the site itself; it places the honour in the grid tree for scope.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Honour = Schema.Struct({
  tenant: Tenant,
  id: HonourId,
  kind: HonourKind,
  /** The member honoured; null for a site. */
  memberId: Schema.NullOr(Text.Id),
  organisationId: OrganisationId,
  /** 1–5 for a star merchant; null otherwise. */
  stars: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 5))),
  /** The level of a demonstration site; null otherwise. */
  level: Schema.NullOr(SiteLevel),
  /** The criteria the honour recognises (评选标准 met). */
  criteria: Text.Line(500),
  /** Who awarded it (the district's organisation department, an industry committee). */
  awardedBy: Text.Name,
  awardedOn: IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Honour extends Schema.Schema.Type<typeof Honour> {}

/**
 * A letter of good news (喜报) to a member's hometown party organisation: pending until
 * it is sent (`SendHonourLetters`), which records the day and raises its notification.
 *
 * @since 0.5.0
 * @category schemas
 */
export const HonourLetter = Schema.Struct({
  tenant: Tenant,
  honourId: HonourId,
  memberId: Text.Id,
  /** The hometown party organisation, by name (it lies outside the tenant). */
  hometown: Text.Name,
  /** Its postal address. */
  address: Text.Address,
  status: Schema.Literal("pending", "sent"),
  createdOn: IsoDate,
  /** The day it was sent; null while pending. */
  sentOn: Schema.NullOr(IsoDate)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface HonourLetter extends Schema.Schema.Type<typeof HonourLetter> {}
