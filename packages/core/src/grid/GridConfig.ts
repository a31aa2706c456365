/**
 * The grid policy a deployment runs with: its level scheme and worker categories.
 * Provided as a service so that a platform configures it once.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import { defaultScheme, type LevelScheme } from "./LevelScheme.js"
import { defaultCategories, type WorkerCategory } from "./WorkerCategory.js"

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
  Layer.succeed(GridConfig, { ...defaults, ...config })
