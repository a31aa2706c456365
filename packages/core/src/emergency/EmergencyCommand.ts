/**
 * The commands of emergency mode (平急两用). Each is a Schema, so input from JSON, CSV
 * rows or HTTP bodies decodes into it or fails with a ValidationError naming the field
 * (and row). Every string is bounded and one line of printable text; every array is
 * bounded; unknown keys are refused.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import { MemberId } from "../organisation/Member.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { ActivationId, Covered, FormerKind, TeamId } from "./Activation.js"

/**
 * Where an enrolled member serves during an activation: a compound of the community
 * they enrolled with. A member not placed serves in the community's joint branch.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Placement = Schema.Struct({
  memberId: MemberId,
  compoundCode: GridCode
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Placement extends Schema.Schema.Type<typeof Placement> {}

/**
 * Activates emergency mode for a community or a street on a day, for a task: puts the
 * L4/L5 grid workers and the enrolled in-service members of its communities under each
 * community's party organisation, and forms the temporary branches (per compound where
 * `minFullMembers` full members are placed there, else one joint branch per community)
 * through the organisation domain's rules.
 *
 * @since 0.5.0
 * @category commands
 */
export class ActivateEmergency extends Schema.TaggedClass<ActivateEmergency>()("ActivateEmergency", {
  id: ActivationId,
  gridCode: GridCode,
  task: Text.Name,
  on: IsoDate,
  placements: Schema.optionalWith(Schema.Array(Placement).pipe(Schema.maxItems(100_000)), { default: () => [] })
}) {}

/**
 * Deactivates an activation on a day: its temporary branches dissolve (their
 * participants leave with them) and its roster and teams end.
 *
 * @since 0.5.0
 * @category commands
 */
export class DeactivateEmergency extends Schema.TaggedClass<DeactivateEmergency>()("DeactivateEmergency", {
  id: ActivationId,
  on: IsoDate
}) {}

/**
 * Records a vanguard team (先锋队) formed during an active activation by a party
 * organisation or a property company, with the compounds and residents it covers, its
 * staff and the party members among them.
 *
 * @since 0.5.0
 * @category commands
 */
export class FormVanguardTeam extends Schema.TaggedClass<FormVanguardTeam>()("FormVanguardTeam", {
  id: TeamId,
  activationId: ActivationId,
  name: Text.Name,
  formerKind: FormerKind,
  formedBy: Text.Name,
  compounds: Schema.Array(Covered).pipe(Schema.minItems(1), Schema.maxItems(1000)),
  staff: Schema.Int.pipe(Schema.between(0, 100_000)),
  members: Schema.optionalWith(Schema.Array(MemberId).pipe(Schema.maxItems(10_000)), { default: () => [] }),
  on: IsoDate
}) {}

/**
 * Every emergency command.
 *
 * @since 0.5.0
 * @category commands
 */
export const EmergencyCommand = Schema.Union(ActivateEmergency, DeactivateEmergency, FormVanguardTeam)

/**
 * @since 0.5.0
 * @category models
 */
export type EmergencyCommand = typeof EmergencyCommand.Type

/**
 * What a caller passes for a command: plain strings and numbers, decoded by the service.
 *
 * @since 0.5.0
 * @category models
 */
export type Input = typeof EmergencyCommand.Encoded
