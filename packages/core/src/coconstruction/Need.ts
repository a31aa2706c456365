/**
 * A community's needs list (需求清单, one of the 两清单): what the community asks of the
 * units it builds with — a category, a quantity in whole units, a priority and the
 * skills it calls for.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A need id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const NeedId = Text.Id.pipe(Schema.brand("NeedId"))

/**
 * @since 0.3.0
 * @category models
 */
export type NeedId = typeof NeedId.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const Need = Schema.Struct({
  tenant: Tenant,
  id: NeedId,
  /** The community (or a grid under it) where the need arises. */
  gridCode: GridCode,
  /** A key of the policy's categories. */
  category: Text.Id,
  title: Text.Line(200),
  /** Whole units wanted (people, sessions, items …). */
  quantity: Schema.Int.pipe(Schema.between(1, 1_000_000)),
  /** Higher first. */
  priority: Schema.Int.pipe(Schema.between(0, 100)),
  skills: Schema.Array(Text.Id).pipe(Schema.maxItems(20)),
  listedOn: IsoDate
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Need extends Schema.Schema.Type<typeof Need> {}
