/**
 * New-employment groups (新就业群体): couriers, delivery riders, ride-hailing and truck
 * drivers, live-streamers, domestic workers — each group with the party organisation that serves it (a
 * branch such as 网约车司机群体综合党支部, or an industry committee), the party members
 * among it (by member id, from the organisation store) and a count of its workers.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { MemberId } from "../organisation/Member.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * The five groups of the 兰山区 article (五大群体) and domestic workers (家政服务员), whom
 * 桃城区's new-employment organisations serve too.
 *
 * @since 0.5.0
 * @category schemas
 */
export const GroupKind = Schema.Literal("courier", "delivery_rider", "ride_hailing_driver", "truck_driver", "live_streamer", "domestic_worker")

/**
 * @since 0.5.0
 * @category models
 */
export type GroupKind = typeof GroupKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const kindLabels: Readonly<Record<GroupKind, { readonly zh: string; readonly en: string }>> = {
  courier: { zh: "快递员", en: "courier" },
  delivery_rider: { zh: "外卖送餐员", en: "delivery rider" },
  ride_hailing_driver: { zh: "网约车司机", en: "ride-hailing driver" },
  truck_driver: { zh: "货车司机", en: "truck driver" },
  live_streamer: { zh: "网络主播", en: "live-streamer" },
  domestic_worker: { zh: "家政服务员", en: "domestic worker" }
}

/**
 * A group's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const GroupId = Text.Id.pipe(Schema.brand("GroupId"))

/**
 * @since 0.5.0
 * @category models
 */
export type GroupId = typeof GroupId.Type

/**
 * A group's count of workers.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Workers = Schema.Int.pipe(Schema.between(0, 10_000_000))

/**
 * A new-employment group where it works (`gridCode`), the party organisation serving it
 * and how many workers it counts.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Group = Schema.Struct({
  tenant: Tenant,
  id: GroupId,
  kind: GroupKind,
  name: Text.Name,
  gridCode: GridCode,
  organisationId: OrganisationId,
  workers: Workers,
  formedOn: IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Group extends Schema.Schema.Type<typeof Group> {}

/**
 * A party member of a group, from a day.
 *
 * @since 0.5.0
 * @category schemas
 */
export const GroupMember = Schema.Struct({
  tenant: Tenant,
  groupId: GroupId,
  memberId: MemberId,
  joinedOn: IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface GroupMember extends Schema.Schema.Type<typeof GroupMember> {}
