/**
 * A co-construction agreement (共建协议, the 一协议 of 一协议两清单) between a street or
 * community party organisation and a work unit's party organisation, for a term, with
 * the commitments of the four pillars: 组织联建 (organisations built together), 党员联管
 * (members managed together), 资源联享 (resources shared) and 实事联办 (practical matters
 * done together). Projects run under it, inside its term.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * An agreement id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AgreementId = Text.Id.pipe(Schema.brand("AgreementId"))

/**
 * @since 0.3.0
 * @category models
 */
export type AgreementId = typeof AgreementId.Type

/**
 * The four pillars of 四联共建.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Pillar = Schema.Literal("organisation", "members", "resources", "matters")

/**
 * @since 0.3.0
 * @category models
 */
export type Pillar = typeof Pillar.Type

/**
 * @since 0.3.0
 * @category labels
 */
export const pillarLabels: Readonly<Record<Pillar, { readonly zh: string; readonly en: string }>> = {
  organisation: { zh: "组织联建", en: "organisations built together" },
  members: { zh: "党员联管", en: "members managed together" },
  resources: { zh: "资源联享", en: "resources shared" },
  matters: { zh: "实事联办", en: "practical matters done together" }
}

/**
 * Each pillar's commitments, one line each (at most 50 a pillar).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Commitments = Schema.Struct({
  organisation: Schema.Array(Text.Line(200)).pipe(Schema.maxItems(50)),
  members: Schema.Array(Text.Line(200)).pipe(Schema.maxItems(50)),
  resources: Schema.Array(Text.Line(200)).pipe(Schema.maxItems(50)),
  matters: Schema.Array(Text.Line(200)).pipe(Schema.maxItems(50))
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Commitments extends Schema.Schema.Type<typeof Commitments> {}

/**
 * @since 0.3.0
 * @category schemas
 */
export const Agreement = Schema.Struct({
  tenant: Tenant,
  id: AgreementId,
  /** The street's or community's party organisation (one of the tenant's). */
  organisationId: OrganisationId,
  /** The work unit, enrolled with a street (双报到) on the day the term begins. */
  unitCreditCode: CreditCode,
  /** The unit's party organisation, by name (it may lie outside the tenant). */
  unitOrganisation: Text.Name,
  /** The term, half-open `[from, to)`. */
  from: IsoDate,
  to: IsoDate,
  commitments: Commitments
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Agreement extends Schema.Schema.Type<typeof Agreement> {}
