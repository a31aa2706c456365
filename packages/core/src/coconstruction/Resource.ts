/**
 * A unit's resources list (资源清单, the other of the 两清单): what a work unit offers —
 * a category, a capacity in whole units, and the skills it brings.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A resource id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ResourceId = Text.Id.pipe(Schema.brand("ResourceId"))

/**
 * @since 0.3.0
 * @category models
 */
export type ResourceId = typeof ResourceId.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const Resource = Schema.Struct({
  tenant: Tenant,
  id: ResourceId,
  unitCreditCode: CreditCode,
  /** Where the resource is offered from: the unit's grid. */
  gridCode: GridCode,
  /** A key of the policy's categories. */
  category: Text.Id,
  title: Text.Line(200),
  /** Whole units it can give in all (people, sessions, items …). */
  capacity: Schema.Int.pipe(Schema.between(1, 1_000_000)),
  skills: Schema.Array(Text.Id).pipe(Schema.maxItems(20)),
  listedOn: IsoDate
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Resource extends Schema.Schema.Type<typeof Resource> {}
