/**
 * 三联三服: leaders linked to enterprises (联系企业), villages and communities (联系村居)
 * and groups of residents (联系群众), to serve development, governance and livelihoods
 * (服务发展、服务治理、服务民生). A link is a leader's tie to one target from a day to a
 * day; a contact is one contact (联系) or visit (走访) made under it.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A link's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const LinkId = Text.Id.pipe(Schema.brand("LinkId"))

/**
 * @since 0.5.0
 * @category models
 */
export type LinkId = typeof LinkId.Type

/**
 * A contact's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const ContactId = Text.Id.pipe(Schema.brand("ContactId"))

/**
 * @since 0.5.0
 * @category models
 */
export type ContactId = typeof ContactId.Type

/**
 * A problem's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const ProblemId = Text.Id.pipe(Schema.brand("ProblemId"))

/**
 * @since 0.5.0
 * @category models
 */
export type ProblemId = typeof ProblemId.Type

/**
 * What a leader is linked to.
 *
 * @since 0.5.0
 * @category schemas
 */
export const TargetKind = Schema.Literal("enterprise", "village_community", "residents")

/**
 * @since 0.5.0
 * @category models
 */
export type TargetKind = typeof TargetKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const targetKindLabels: Readonly<Record<TargetKind, { readonly zh: string; readonly en: string }>> = {
  enterprise: { zh: "联系企业", en: "linked enterprise" },
  village_community: { zh: "联系村居", en: "linked village or community" },
  residents: { zh: "联系群众", en: "linked residents" }
}

/**
 * A leader's link to a target, `[validFrom, validTo)`. The target lies in `gridCode` (a
 * village or community is its own grid), which decides who may see and write the link.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Link = Schema.Struct({
  tenant: Tenant,
  id: LinkId,
  gridCode: GridCode,
  leaderId: Text.Id,
  targetId: Text.Id,
  targetKind: TargetKind,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Link extends Schema.Schema.Type<typeof Link> {}

/**
 * A contact (联系: a call, a meeting) or a visit (走访: going there).
 *
 * @since 0.5.0
 * @category schemas
 */
export const ContactKind = Schema.Literal("contact", "visit")

/**
 * @since 0.5.0
 * @category models
 */
export type ContactKind = typeof ContactKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const contactKindLabels: Readonly<Record<ContactKind, { readonly zh: string; readonly en: string }>> = {
  contact: { zh: "联系", en: "contact" },
  visit: { zh: "走访", en: "visit" }
}

/**
 * One contact or visit made by a leader to a target on a day.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Contact = Schema.Struct({
  tenant: Tenant,
  id: ContactId,
  linkId: LinkId,
  leaderId: Text.Id,
  targetId: Text.Id,
  kind: ContactKind,
  on: IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Contact extends Schema.Schema.Type<typeof Contact> {}

/**
 * A problem (问题) raised under a link — a bottleneck an enterprise, a village or
 * residents brought up — and, once resolved, the day and how.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Problem = Schema.Struct({
  tenant: Tenant,
  id: ProblemId,
  linkId: LinkId,
  raisedOn: IsoDate,
  summary: Text.Line(500),
  resolvedOn: Schema.NullOr(IsoDate),
  resolution: Schema.NullOr(Text.Line(500))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Problem extends Schema.Schema.Type<typeof Problem> {}
