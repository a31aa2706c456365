/**
 * The commands that change grids, places and workers. Each is a Schema, so input
 * from JSON, CSV rows or HTTP bodies decodes into it or fails with a
 * ValidationError naming the field (and row).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { IsoDate } from "../time/IsoDate.js"
import { GridCode } from "./Grid.js"
import { PlaceId, PlaceKind } from "./Place.js"
import { AssignmentId, WorkerId } from "./Worker.js"

const Name = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(100))

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
  name: Name,
  parentCode: Schema.NullOr(GridCode),
  /** Optional: when given it must equal the parent's level + 1 (0 for the root). */
  level: Schema.optional(Schema.Int),
  validFrom: IsoDate,
  /** Optional planned end. */
  validTo: Schema.optional(Schema.NullOr(IsoDate))
}) {}

/**
 * Renames a grid from a day on: a new version with the same code.
 *
 * @since 0.1.0
 * @category commands
 */
export class RenameGrid extends Schema.TaggedClass<RenameGrid>()("RenameGrid", {
  code: GridCode,
  name: Name,
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
  segment: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d+$/))),
  at: IsoDate
}) {}

/**
 * @since 0.1.0
 * @category commands
 */
export const SplitPart = Schema.Struct({
  code: GridCode,
  name: Name,
  /** Codes of the source's children that go into this part. */
  children: Schema.optionalWith(Schema.Array(GridCode), { default: () => [] }),
  /** Places of the source (a lowest-level grid) that go into this part. */
  places: Schema.optionalWith(Schema.Array(PlaceId), { default: () => [] })
})

/**
 * Splits a grid into two or more siblings from a day on. Every child and every place
 * of the source goes to exactly one part; the source ends, the parts name it as
 * their predecessor.
 *
 * @since 0.1.0
 * @category commands
 */
export class SplitGrid extends Schema.TaggedClass<SplitGrid>()("SplitGrid", {
  code: GridCode,
  at: IsoDate,
  parts: Schema.Array(SplitPart).pipe(Schema.minItems(2))
}) {}

/**
 * Merges two or more sibling grids into a new one from a day on. Their children are
 * renumbered under the new grid in source order; their places move into it.
 *
 * @since 0.1.0
 * @category commands
 */
export class MergeGrids extends Schema.TaggedClass<MergeGrids>()("MergeGrids", {
  codes: Schema.Array(GridCode).pipe(Schema.minItems(2)),
  into: Schema.Struct({ code: GridCode, name: Name }),
  at: IsoDate
}) {}

/**
 * Ends a grid that has no children and no places left on that day.
 *
 * @since 0.1.0
 * @category commands
 */
export class CloseGrid extends Schema.TaggedClass<CloseGrid>()("CloseGrid", {
  code: GridCode,
  at: IsoDate
}) {}

/**
 * Registers a place (or updates its attributes) and puts it into a lowest-level
 * grid from a day on (入格). A place already in a grid leaves it on that day.
 *
 * @since 0.1.0
 * @category commands
 */
export class PlacePlace extends Schema.TaggedClass<PlacePlace>()("PlacePlace", {
  id: PlaceId,
  kind: PlaceKind,
  name: Name,
  address: Schema.optionalWith(Schema.NullOr(Schema.String.pipe(Schema.maxLength(200))), { default: () => null }),
  gridCode: GridCode,
  at: IsoDate
}) {}

/**
 * Registers a grid worker (or updates their attributes).
 *
 * @since 0.1.0
 * @category commands
 */
export class RegisterWorker extends Schema.TaggedClass<RegisterWorker>()("RegisterWorker", {
  id: WorkerId,
  name: Name,
  category: Schema.NonEmptyTrimmedString,
  communityCode: GridCode,
  phone: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  citizenId: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
}) {}

/**
 * Assigns a worker to a grid with a post and duties from a day on.
 *
 * @since 0.1.0
 * @category commands
 */
export class AssignWorker extends Schema.TaggedClass<AssignWorker>()("AssignWorker", {
  workerId: WorkerId,
  gridCode: GridCode,
  post: Name,
  primary: Schema.Boolean,
  duties: Schema.NonEmptyArray(Schema.NonEmptyTrimmedString),
  at: IsoDate
}) {}

/**
 * Ends an assignment on a day.
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
 * What a caller passes for a command: plain strings and numbers, decoded by the
 * service (`Grids.execute` takes `unknown` for input from JSON, CSV or HTTP; annotate
 * a literal with this type to have the compiler check it).
 *
 * @since 0.1.0
 * @category models
 */
export type Input = typeof GridCommand.Encoded
