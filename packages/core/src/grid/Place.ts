/**
 * Places registered in grids (入格): buildings, merchants, work units and households.
 * A place belongs to exactly one lowest-level grid at a time; its links carry
 * validity intervals like grids do, so where it was on any day is known.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { IsoDate } from "../time/IsoDate.js"
import { GridCode } from "./Grid.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const PlaceKind = Schema.Literal("building", "merchant", "work_unit", "household")

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
  building: { zh: "楼宇", en: "Building" },
  merchant: { zh: "商户", en: "Merchant" },
  work_unit: { zh: "辖区单位", en: "Work unit" },
  household: { zh: "住户", en: "Household" }
}

/**
 * A place id, chosen by the platform (its own household or merchant number).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PlaceId = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64), Schema.brand("PlaceId"))

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
  name: Schema.NonEmptyTrimmedString,
  /** Personal data for households: masked unless the reader holds `pii:read`. */
  address: Schema.NullOr(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Place extends Schema.Schema.Type<typeof Place> {}

/**
 * A place's membership of one lowest-level grid over an interval.
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
