/**
 * The grid policy a deployment runs with: its level scheme, worker categories, the
 * levels whose grids must each have a responsible worker, and the levels each kind of
 * place is registered at. Provided as a service so that a platform configures it once.
 *
 * @since 0.1.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import { defaultScheme, LevelScheme } from "./LevelScheme.js"
import { PlaceKind } from "./Place.js"
import { defaultCategories, WorkerCategory } from "./WorkerCategory.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface GridConfigShape {
  readonly scheme: LevelScheme
  readonly workerCategories: ReadonlyArray<WorkerCategory>
  /**
   * Keys of the levels whose active grids each need exactly one responsible worker
   * (定格定人定岗定责): by default 小区 and 单元, the article's 四、五级网格.
   */
  readonly staffedLevels: ReadonlyArray<string>
  /** For each kind of place, the keys of the levels it may be registered at (入格). */
  readonly placeLevels: Readonly<Record<PlaceKind, ReadonlyArray<string>>>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class GridConfig extends Context.Tag("@jiceng/core/GridConfig")<GridConfig, GridConfigShape>() {}

/**
 * The default policy: the five-level scheme, 13 worker categories, responsible
 * workers in every 小区 and 单元, and places registered where they sit — a household
 * in a 单元, a residential building in a 小区 (it spans several 单元), a work unit, an
 * office building or a merchant in a 小区 or a 片区.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaults: GridConfigShape = {
  scheme: defaultScheme,
  workerCategories: defaultCategories,
  staffedLevels: ["compound", "block"],
  placeLevels: {
    household: ["block"],
    residential_building: ["compound"],
    office_building: ["compound", "sector"],
    work_unit: ["compound", "sector"],
    merchant: ["compound", "sector"]
  }
}

/**
 * A configuration from a partial one. Left out, the staffed levels and each kind's
 * levels are the defaults' keys that the scheme has, or else its lowest level (a
 * custom scheme without 小区 and 单元 still gets a working default).
 *
 * @since 0.2.0
 * @category policy
 */
export const make = (config: Partial<GridConfigShape> = {}): GridConfigShape => {
  const scheme = config.scheme ?? defaults.scheme
  const keys = scheme.levels.map((l) => l.key)
  const lowest = keys[keys.length - 1] ?? ""
  const present = (list: ReadonlyArray<string>) => {
    const kept = list.filter((key) => keys.includes(key))
    return kept.length > 0 ? kept : [lowest]
  }
  return validate({
    scheme,
    workerCategories: config.workerCategories ?? defaults.workerCategories,
    staffedLevels: config.staffedLevels ?? present(defaults.staffedLevels),
    placeLevels: config.placeLevels ?? (Object.fromEntries(
      Object.entries(defaults.placeLevels).map(([kind, levels]) => [kind, present(levels)])
    ) as unknown as GridConfigShape["placeLevels"])
  })
}

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (config: Partial<GridConfigShape> = {}): Layer.Layer<GridConfig> =>
  Layer.succeed(GridConfig, make(config))

const Shape = Schema.Struct({
  scheme: LevelScheme,
  workerCategories: Schema.Array(WorkerCategory),
  staffedLevels: Schema.Array(Schema.String),
  placeLevels: Schema.Struct(
    Object.fromEntries(PlaceKind.literals.map((kind) => [kind, Schema.Array(Schema.String).pipe(Schema.minItems(1))]))
  )
}).pipe(
  Schema.filter(({ placeLevels, scheme, staffedLevels, workerCategories }) => {
    if (new Set(workerCategories.map((c) => c.key)).size !== workerCategories.length) {
      return { path: ["workerCategories"], message: "worker-category.keys: category keys must be distinct" }
    }
    const keys = scheme.levels.map((l) => l.key)
    const unknown = (list: ReadonlyArray<string>) => list.find((key) => !keys.includes(key))
    const staffed = unknown(staffedLevels)
    if (staffed !== undefined) {
      return { path: ["staffedLevels"], message: `grid-config.level: ${staffed} is not a level of the scheme (${keys.join(", ")})` }
    }
    for (const [kind, levels] of Object.entries(placeLevels)) {
      const bad = unknown(levels as ReadonlyArray<string>)
      if (bad !== undefined) {
        return { path: ["placeLevels", kind], message: `grid-config.level: ${bad} is not a level of the scheme (${keys.join(", ")})` }
      }
    }
    return true
  })
)

/**
 * Checks a configuration: the level scheme's rules (`level-scheme.*`: a 6-digit root,
 * at most 36 digits in all, region-coded levels where the 统计用区划代码 puts them),
 * distinct, labelled worker categories, and staffed and place levels that the scheme
 * has (`grid-config.level`). A configuration is code, not input, so a bad one throws
 * the `ValidationError` (naming the field) when the layer is made.
 *
 * @since 0.1.0
 * @category policy
 */
export const validate = (config: GridConfigShape): GridConfigShape =>
  Either.match(Decode.decodeEither(Shape, config), {
    onLeft: (error) => {
      throw error
    },
    onRight: () => config
  })

/**
 * The level indexes a list of level keys names.
 *
 * @since 0.2.0
 * @category getters
 */
export const levelsOf = (scheme: LevelScheme, keys: ReadonlyArray<string>): ReadonlyArray<number> =>
  scheme.levels.flatMap((level, index) => (keys.includes(level.key) ? [index] : []))
