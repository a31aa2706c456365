/**
 * The grid policy a deployment runs with: its level scheme and worker categories.
 * Provided as a service so that a platform configures it once.
 *
 * @since 0.1.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import { defaultScheme, LevelScheme } from "./LevelScheme.js"
import { defaultCategories, WorkerCategory } from "./WorkerCategory.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface GridConfigShape {
  readonly scheme: LevelScheme
  readonly workerCategories: ReadonlyArray<WorkerCategory>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class GridConfig extends Context.Tag("@jiceng/core/GridConfig")<GridConfig, GridConfigShape>() {}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaults: GridConfigShape = { scheme: defaultScheme, workerCategories: defaultCategories }

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (config: Partial<GridConfigShape> = {}): Layer.Layer<GridConfig> =>
  Layer.succeed(GridConfig, validate({ ...defaults, ...config }))

const Shape = Schema.Struct({ scheme: LevelScheme, workerCategories: Schema.Array(WorkerCategory) }).pipe(
  Schema.filter(({ workerCategories }) =>
    new Set(workerCategories.map((c) => c.key)).size === workerCategories.length ||
    { path: ["workerCategories"], message: "worker-category.keys: category keys must be distinct" }
  )
)

/**
 * Checks a configuration: the level scheme's rules (`level-scheme.*`: a 6-digit root,
 * at most 36 digits in all, region-coded levels where the 统计用区划代码 puts them) and
 * distinct, labelled worker categories. A configuration is code, not input, so a bad
 * one throws the `ValidationError` (naming the field) when the layer is made.
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
