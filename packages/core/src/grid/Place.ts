/**
 * Places registered in grids (入格): residential buildings, office buildings, work
 * units, merchants and households. A place belongs to exactly one grid at a time, at
 * the level its kind calls for (configurable: `GridConfig.placeLevels`); its links
 * carry validity intervals like grids do, so where it was on any day is known.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { IsoDate } from "../time/IsoDate.js"
import * as Text from "../text/Text.js"
import { GridCode } from "./Grid.js"

/**
 * - `residential_building`: a residential building or courtyard (居民楼院), which spans
 *   several blocks (单元), so it is registered in a compound (小区);
 * - `office_building`: a commercial office building (商务楼宇);
 * - `work_unit`: a work unit of the jurisdiction (辖区单位), identified by its 统一社会信用代码;
 * - `merchant`: a shop or stall (商户);
 * - `household`: a resident household (住户), registered in a block (单元).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PlaceKind = Schema.Literal("residential_building", "office_building", "work_unit", "merchant", "household")

/**
 * @since 0.1.0
 * @category models
 */
export type PlaceKind = typeof PlaceKind.Type

/**
 * @since 0.1.0
 * @category labels
 */
export const placeKindLabels: Readonly<Record<PlaceKind, { readonly zh: string; readonly en: string }>> = {
  residential_building: { zh: "居民楼院", en: "Residential building" },
  office_building: { zh: "商务楼宇", en: "Office building" },
  work_unit: { zh: "辖区单位", en: "Work unit" },
  merchant: { zh: "商户", en: "Merchant" },
  household: { zh: "住户", en: "Household" }
}

/**
 * A place id, chosen by the platform (its own household or merchant number).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PlaceId = Text.Id.pipe(Schema.brand("PlaceId"))

/**
 * @since 0.1.0
 * @category models
 */
export type PlaceId = typeof PlaceId.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Place = Schema.Struct({
  tenant: Tenant,
  id: PlaceId,
  kind: PlaceKind,
  /** A household's name is personal data: masked unless the reader holds `pii:read`. */
  name: Schema.String,
  /** Personal data for households: masked unless the reader holds `pii:read`. */
  address: Schema.NullOr(Schema.String),
  /** The 统一社会信用代码 (GB 32100): required of a work unit, refused for a household, optional otherwise. */
  creditCode: Schema.NullOr(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Place extends Schema.Schema.Type<typeof Place> {}

/**
 * A place's membership of one grid over an interval.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PlaceLink = Schema.Struct({
  tenant: Tenant,
  placeId: PlaceId,
  gridCode: GridCode,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface PlaceLink extends Schema.Schema.Type<typeof PlaceLink> {}
