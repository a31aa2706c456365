/**
 * The demand commands: recording a visit (with the demands it collected), taking in a
 * demand, its transitions (assign, start, resolve, reopen, close after the return visit,
 * reject, mark a duplicate) and the escalation sweep. Every command is a
 * `Schema.TaggedClass`, so input from a request decodes to it or fails with a
 * `ValidationError` naming the field.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { GridCode } from "../grid/Grid.js"
import { PlaceId } from "../grid/Place.js"
import { WorkerId } from "../grid/Worker.js"
import * as Text from "../text/Text.js"
import { LocalMinute } from "../time/LocalMinute.js"
import { DemandId, Latitude, Longitude, Source } from "./Demand.js"
import { Satisfaction } from "./DemandState.js"
import { Target, VisitId } from "./Visit.js"

/**
 * What a demand says, as a visit collects it or an intake takes it in.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Collected = Schema.Struct({
  id: DemandId,
  /** The grid where it arises; for a demand collected on a visit, the visit's by default. */
  gridCode: Schema.optional(GridCode),
  category: Text.Id,
  description: Text.Line(1000),
  address: Schema.optionalWith(Schema.NullOr(Text.Address), { default: () => null }),
  lat: Schema.optionalWith(Schema.NullOr(Latitude), { default: () => null }),
  long: Schema.optionalWith(Schema.NullOr(Longitude), { default: () => null })
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Collected extends Schema.Schema.Type<typeof Collected> {}

/**
 * Records a worker's visit to a place of a grid, and takes in the demands it collected
 * (source `visit`) in the same transaction.
 *
 * @since 0.5.0
 * @category commands
 */
export class RecordVisit extends Schema.TaggedClass<RecordVisit>()("RecordVisit", {
  id: VisitId,
  workerId: WorkerId,
  gridCode: GridCode,
  target: Target,
  placeId: Schema.optionalWith(Schema.NullOr(PlaceId), { default: () => null }),
  at: LocalMinute,
  updated: Schema.optionalWith(Schema.Array(Text.Line(100)).pipe(Schema.maxItems(20)), { default: () => [] }),
  demands: Schema.optionalWith(Schema.Array(Collected).pipe(Schema.maxItems(20)), { default: () => [] })
}) {}

/**
 * Takes in a demand raised by a door-knocking campaign, a resident or the hotline: it
 * is routed to the responsible worker of its grid.
 *
 * @since 0.5.0
 * @category commands
 */
export class IntakeDemand extends Schema.TaggedClass<IntakeDemand>()("IntakeDemand", {
  id: DemandId,
  gridCode: GridCode,
  category: Text.Id,
  source: Source.pipe(Schema.filter((s) => s !== "visit" || "demand.source: a demand collected on a visit comes with RecordVisit")),
  description: Text.Line(1000),
  address: Schema.optionalWith(Schema.NullOr(Text.Address), { default: () => null }),
  lat: Schema.optionalWith(Schema.NullOr(Latitude), { default: () => null }),
  long: Schema.optionalWith(Schema.NullOr(Longitude), { default: () => null }),
  requestedAt: LocalMinute
}) {}

/**
 * Assigns a demand to a worker (交办), or hands it to another.
 *
 * @since 0.5.0
 * @category commands
 */
export class AssignDemand extends Schema.TaggedClass<AssignDemand>()("AssignDemand", {
  demandId: DemandId,
  workerId: WorkerId,
  at: LocalMinute
}) {}

/**
 * The assignee starts on it (办理中).
 *
 * @since 0.5.0
 * @category commands
 */
export class StartDemand extends Schema.TaggedClass<StartDemand>()("StartDemand", {
  demandId: DemandId,
  at: LocalMinute
}) {}

/**
 * It is resolved (办结), with what was done.
 *
 * @since 0.5.0
 * @category commands
 */
export class ResolveDemand extends Schema.TaggedClass<ResolveDemand>()("ResolveDemand", {
  demandId: DemandId,
  at: LocalMinute,
  note: Schema.optionalWith(Schema.NullOr(Text.Line(500)), { default: () => null })
}) {}

/**
 * A resolved demand goes back into progress (the result did not hold), with the reason.
 *
 * @since 0.5.0
 * @category commands
 */
export class ReopenDemand extends Schema.TaggedClass<ReopenDemand>()("ReopenDemand", {
  demandId: DemandId,
  at: LocalMinute,
  reason: Text.Line(500)
}) {}

/**
 * Closes a resolved demand after the return visit (回访), with the resident's
 * satisfaction; without it the closing is refused (`demand.return-visit`).
 *
 * @since 0.5.0
 * @category commands
 */
export class CloseDemand extends Schema.TaggedClass<CloseDemand>()("CloseDemand", {
  demandId: DemandId,
  at: LocalMinute,
  satisfaction: Schema.optionalWith(Schema.NullOr(Satisfaction), { default: () => null }),
  note: Schema.optionalWith(Schema.NullOr(Text.Line(500)), { default: () => null })
}) {}

/**
 * Refuses a demand as not this grid's responsibility (不属于本网格职责), with the reason.
 *
 * @since 0.5.0
 * @category commands
 */
export class RejectDemand extends Schema.TaggedClass<RejectDemand>()("RejectDemand", {
  demandId: DemandId,
  at: LocalMinute,
  reason: Text.Line(500)
}) {}

/**
 * Folds a demand into another of the tenant (重复诉求).
 *
 * @since 0.5.0
 * @category commands
 */
export class MarkDuplicate extends Schema.TaggedClass<MarkDuplicate>()("MarkDuplicate", {
  demandId: DemandId,
  of: DemandId,
  at: LocalMinute
}) {}

/**
 * The escalation sweep: records every escalation of the actor's scope due by `asOf` and
 * not yet recorded, so that however often it runs, each overdue demand goes up each
 * level once.
 *
 * @since 0.5.0
 * @category commands
 */
export class EscalateOverdue extends Schema.TaggedClass<EscalateOverdue>()("EscalateOverdue", {
  asOf: LocalMinute
}) {}

/**
 * @since 0.5.0
 * @category commands
 */
export const DemandCommand = Schema.Union(
  RecordVisit,
  IntakeDemand,
  AssignDemand,
  StartDemand,
  ResolveDemand,
  ReopenDemand,
  CloseDemand,
  RejectDemand,
  MarkDuplicate,
  EscalateOverdue
)

/**
 * @since 0.5.0
 * @category models
 */
export type DemandCommand = typeof DemandCommand.Type

/**
 * What a caller passes for a command: plain strings, decoded by the service.
 *
 * @since 0.5.0
 * @category models
 */
export type Input = typeof DemandCommand.Encoded
