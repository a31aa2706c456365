/**
 * A 走访 visit: a grid worker's visit to a household, a merchant or a work unit on a
 * minute, what information it brought up to date, and the demands (诉求) it collected.
 * The visited place is named by its id where the grid store knows it (入格), so that
 * coverage can tell which households were not visited.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { PlaceId, type PlaceKind } from "../grid/Place.js"
import { WorkerId } from "../grid/Worker.js"
import * as Text from "../text/Text.js"
import { LocalMinute } from "../time/LocalMinute.js"

/**
 * What was visited: a household (住户), a merchant (商户) or a work unit (辖区单位).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Target = Schema.Literal("household", "merchant", "unit")

/**
 * @since 0.5.0
 * @category models
 */
export type Target = typeof Target.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const targetLabels: Readonly<Record<Target, { readonly zh: string; readonly en: string }>> = {
  household: { zh: "住户", en: "household" },
  merchant: { zh: "商户", en: "merchant" },
  unit: { zh: "辖区单位", en: "work unit" }
}

/**
 * The place kinds a visit's target may name: a unit is a work unit or an office building.
 *
 * @since 0.5.0
 * @category constants
 */
export const placeKinds: Readonly<Record<Target, ReadonlyArray<PlaceKind>>> = {
  household: ["household"],
  merchant: ["merchant"],
  unit: ["work_unit", "office_building"]
}

/**
 * A visit id, chosen by the platform.
 *
 * @since 0.5.0
 * @category schemas
 */
export const VisitId = Text.Id.pipe(Schema.brand("VisitId"))

/**
 * @since 0.5.0
 * @category models
 */
export type VisitId = typeof VisitId.Type

/**
 * A visit as recorded. `updated` names the information it refreshed (人口信息, 联系方式,
 * 房屋用途 …), never the values, which live with the place; `demands` are the ids of the
 * demands it collected, taken in with it.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Visit = Schema.Struct({
  tenant: Tenant,
  id: VisitId,
  workerId: WorkerId,
  gridCode: GridCode,
  target: Target,
  /** The place visited, when the grid store knows it; null for a place not registered. */
  placeId: Schema.NullOr(PlaceId),
  at: LocalMinute,
  updated: Schema.Array(Text.Line(100)),
  demands: Schema.Array(Text.Id)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Visit extends Schema.Schema.Type<typeof Visit> {}
