/**
 * The commands that change grids, places and workers. Each is a Schema, so input
 * from JSON, CSV rows or HTTP bodies decodes into it or fails with a
 * ValidationError naming the field (and row). Every string is bounded and one line of
 * printable text (`Text`); unknown keys are refused.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CitizenId from "../identifiers/CitizenId.js"
import * as CreditCode from "../identifiers/CreditCode.js"
import * as Phone from "../identifiers/Phone.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { GridCode } from "./Grid.js"
import { PlaceId, PlaceKind } from "./Place.js"
import { AssignmentId, Employment, WorkerId } from "./Worker.js"

/**
 * Creates a grid. The root (the district) has no parent and its code is the tenant;
 * every other grid names its parent, and its code is the parent's code plus one
 * segment of the child level's width.
 *
 * @since 0.1.0
 * @category commands
 */
export class CreateGrid extends Schema.TaggedClass<CreateGrid>()("CreateGrid", {
  code: GridCode,
  name: Text.Name,
  parentCode: Schema.NullOr(GridCode),
  /** Optional: when given it must equal the parent's level + 1 (0 for the root). */
  level: Schema.optional(Schema.Int),
  validFrom: IsoDate,
  /** Optional planned end. */
  validTo: Schema.optional(Schema.NullOr(IsoDate))
}) {}

/**
 * Renames a grid from a day on: a new version with the same code. On the day the
 * version began, the rename corrects that version's name.
 *
 * @since 0.1.0
 * @category commands
 */
export class RenameGrid extends Schema.TaggedClass<RenameGrid>()("RenameGrid", {
  code: GridCode,
  name: Text.Name,
  at: IsoDate
}) {}

/**
 * Moves a grid (and its subtree) under another parent of the same level from a day
 * on. Codes encode the path, so the grid and every descendant get new codes: the
 * new parent's code plus `segment` (default: the old last segment).
 *
 * @since 0.1.0
 * @category commands
 */
export class MoveGrid extends Schema.TaggedClass<MoveGrid>()("MoveGrid", {
  code: GridCode,
  newParentCode: GridCode,
  segment: Schema.optional(
    Schema.String.pipe(Schema.filter((s) => /^\d{1,12}$/.test(s) || "grid.segment-format: expected 1 to 12 digits"))
  ),
  at: IsoDate
}) {}

/**
 * @since 0.1.0
 * @category commands
 */
export const SplitPart = Schema.Struct({
  code: GridCode,
  name: Text.Name,
  /** Codes of the source's children that go into this part. */
  children: Schema.optionalWith(Schema.Array(GridCode).pipe(Schema.maxItems(1000)), { default: () => [] }),
  /** Places registered in the source itself that go into this part. */
  places: Schema.optionalWith(Schema.Array(PlaceId).pipe(Schema.maxItems(10_000)), { default: () => [] }),
  /**
   * When the source is a community: workers of the community that go into this part.
   * A worker whose assignments all lie in one part goes there unless named.
   */
  workers: Schema.optionalWith(Schema.Array(WorkerId).pipe(Schema.maxItems(10_000)), { default: () => [] })
})

/**
 * Splits a grid into two or more siblings from a day on. Every child and every place
 * of the source goes to exactly one part (and, for a community, every worker); the
 * source ends, the parts name it as their predecessor.
 *
 * @since 0.1.0
 * @category commands
 */
export class SplitGrid extends Schema.TaggedClass<SplitGrid>()("SplitGrid", {
  code: GridCode,
  at: IsoDate,
  parts: Schema.Array(SplitPart).pipe(Schema.minItems(2), Schema.maxItems(100))
}) {}

/**
 * Merges two or more sibling grids into a new one from a day on. Their children are
 * renumbered under the new grid in source order; their places and workers move into it.
 *
 * @since 0.1.0
 * @category commands
 */
export class MergeGrids extends Schema.TaggedClass<MergeGrids>()("MergeGrids", {
  codes: Schema.Array(GridCode).pipe(Schema.minItems(2), Schema.maxItems(100)),
  into: Schema.Struct({ code: GridCode, name: Text.Name }),
  at: IsoDate
}) {}

/**
 * Ends a grid that has no children and no places left on that day; its assignments
 * (and, for a community, its workers' terms) end too.
 *
 * @since 0.1.0
 * @category commands
 */
export class CloseGrid extends Schema.TaggedClass<CloseGrid>()("CloseGrid", {
  code: GridCode,
  at: IsoDate
}) {}

/**
 * Registers a place (or updates its attributes) and puts it into a grid of the level
 * its kind calls for from a day on (入格). A place already in a grid leaves it on that
 * day. A work unit carries its 统一社会信用代码.
 *
 * @since 0.1.0
 * @category commands
 */
export class PlacePlace extends Schema.TaggedClass<PlacePlace>()("PlacePlace", {
  id: PlaceId,
  kind: PlaceKind,
  name: Text.Name,
  address: Schema.optionalWith(Schema.NullOr(Text.Address), { default: () => null }),
  creditCode: Schema.optionalWith(Schema.NullOr(CreditCode.CreditCode), { default: () => null }),
  gridCode: GridCode,
  at: IsoDate
}) {}

/**
 * Registers a grid worker (or updates them) from a day on: identity and contact data,
 * and their term — category, community, employment — from `at`.
 *
 * @since 0.1.0
 * @category commands
 */
export class RegisterWorker extends Schema.TaggedClass<RegisterWorker>()("RegisterWorker", {
  id: WorkerId,
  name: Text.Name,
  category: Text.Id,
  communityCode: GridCode,
  employment: Employment,
  phone: Schema.optionalWith(Schema.NullOr(Phone.Phone), { default: () => null }),
  citizenId: Schema.optionalWith(Schema.NullOr(CitizenId.CitizenId), { default: () => null }),
  at: IsoDate
}) {}

/**
 * Assigns a worker to a grid with a post and duties from a day on; `responsible`
 * makes them the grid's responsible worker (网格长 / 责任网格员).
 *
 * @since 0.1.0
 * @category commands
 */
export class AssignWorker extends Schema.TaggedClass<AssignWorker>()("AssignWorker", {
  workerId: WorkerId,
  gridCode: GridCode,
  post: Text.Name,
  responsible: Schema.Boolean,
  duties: Schema.NonEmptyArray(Text.Name).pipe(Schema.maxItems(20)),
  at: IsoDate
}) {}

/**
 * Ends an assignment on a day (on the day it began: as if it never was).
 *
 * @since 0.1.0
 * @category commands
 */
export class EndAssignment extends Schema.TaggedClass<EndAssignment>()("EndAssignment", {
  id: AssignmentId,
  at: IsoDate
}) {}

/**
 * Every grid command.
 *
 * @since 0.1.0
 * @category commands
 */
export const GridCommand = Schema.Union(
  CreateGrid,
  RenameGrid,
  MoveGrid,
  SplitGrid,
  MergeGrids,
  CloseGrid,
  PlacePlace,
  RegisterWorker,
  AssignWorker,
  EndAssignment
)

/**
 * @since 0.1.0
 * @category models
 */
export type GridCommand = typeof GridCommand.Type

/**
 * What a caller passes for a command: plain strings, numbers and booleans, decoded by
 * the service.
 *
 * @since 0.1.0
 * @category models
 */
export type Input = typeof GridCommand.Encoded
