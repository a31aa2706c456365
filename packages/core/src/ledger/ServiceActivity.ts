/**
 * A volunteer service activity (志愿服务活动): what 第七条 asks a record to name besides
 * the volunteer — the activity's name, category, organiser and person in charge, where
 * it is held (a service point in a grid). Its entries are the sessions volunteers gave
 * to it. An activity may belong to a programme such as 五社联动. Written once.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { TeamId } from "../coconstruction/Volunteering.js"
import { GridCode } from "../grid/Grid.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * An activity id, chosen by the platform.
 *
 * @since 0.4.0
 * @category schemas
 */
export const ActivityId = Text.Id.pipe(Schema.brand("ActivityId"))

/**
 * @since 0.4.0
 * @category models
 */
export type ActivityId = typeof ActivityId.Type

/**
 * @since 0.4.0
 * @category schemas
 */
export const ServiceActivity = Schema.Struct({
  tenant: Tenant,
  id: ActivityId,
  name: Text.Line(200),
  /** A key of the ledger policy's service categories. */
  category: Text.Id,
  /** A programme the activity belongs to (`wushe`: 五社联动), or null. */
  programme: Schema.NullOr(Text.Id),
  /** The organising unit (组织单位), which records the service. */
  organiser: Text.Name,
  /** The person in charge (负责人). */
  personInCharge: Text.Name,
  /** The grid where it is held. */
  gridCode: GridCode,
  /** The service point (服务站点), a platform's id. */
  servicePoint: Text.Id,
  /** The volunteer team that runs it, when one does. */
  teamId: Schema.NullOr(TeamId),
  registeredOn: IsoDate
})

/**
 * @since 0.4.0
 * @category models
 */
export interface ServiceActivity extends Schema.Schema.Type<typeof ServiceActivity> {}
