/**
 * A grid (网格) version. A grid keeps its code while only its name changes; every
 * change is a new version with a validity interval `[validFrom, validTo)` and the
 * versions it came from (lineage), so a record dated t resolves to the grid valid at t.
 * The tree lives in the codes: a child's code is its parent's code plus one segment,
 * so a subtree is a code prefix, which every store answers from an index.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { IsoDate, isValid as isValidDate } from "../time/IsoDate.js"

/**
 * A grid code: digits, the parent's code plus this level's segment.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GridCode = Schema.String.pipe(
  Schema.filter((s) => /^\d{6,36}$/.test(s) || "grid.code-format: expected 6 to 36 digits"),
  Schema.brand("GridCode")
)

/**
 * @since 0.1.0
 * @category models
 */
export type GridCode = typeof GridCode.Type

/**
 * A version id: `code@validFrom`. Two versions of one code never share a start day,
 * so the id is unique and the same in every store.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GridId = Schema.String.pipe(
  Schema.filter((s) => {
    const at = s.indexOf("@")
    return (/^\d{6,36}@\d{4}-\d{2}-\d{2}$/.test(s) && isValidDate(s.slice(at + 1))) ||
      "grid.id-format: expected code@YYYY-MM-DD (a grid code and its version's first day)"
  }),
  Schema.brand("GridId")
)

/**
 * @since 0.1.0
 * @category models
 */
export type GridId = typeof GridId.Type

/**
 * How a version came to be.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GridChange = Schema.Literal("create", "rename", "move", "split", "merge")

/**
 * @since 0.1.0
 * @category models
 */
export type GridChange = typeof GridChange.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Grid = Schema.Struct({
  tenant: Tenant,
  id: GridId,
  code: GridCode,
  parentCode: Schema.NullOr(GridCode),
  level: Schema.Int.pipe(Schema.nonNegative()),
  name: Schema.String,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate),
  change: GridChange,
  /** Versions this one replaces: the same code's previous version, a split's source, a merge's sources. */
  predecessors: Schema.Array(GridId)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Grid extends Schema.Schema.Type<typeof Grid> {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const makeId = (code: string, validFrom: string): GridId => `${code}@${validFrom}` as GridId

/**
 * Whether the version is valid on a day.
 *
 * @since 0.1.0
 * @category predicates
 */
export const validAt = (grid: Pick<Grid, "validFrom" | "validTo">, at: IsoDate): boolean =>
  grid.validFrom <= at && (grid.validTo === null || at < grid.validTo)

/**
 * Whether `code` is `root` or below it.
 *
 * @since 0.1.0
 * @category predicates
 */
export const inSubtree = (root: string, code: string): boolean => code.startsWith(root)
