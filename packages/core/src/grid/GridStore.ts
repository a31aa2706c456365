/**
 * The grid domain's repository port: grid versions, places and their 入格 links,
 * workers and their assignments. Its writes join the `Transactor`'s transaction.
 *
 * @since 0.2.0
 */
import { Context } from "effect"
import type { GridRepository } from "./GridRepository.js"
import type { PlaceRepository } from "./PlaceRepository.js"
import type { WorkerRepository } from "./WorkerRepository.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface GridStoreShape {
  readonly grids: GridRepository
  readonly places: PlaceRepository
  readonly workers: WorkerRepository
}

/**
 * @since 0.2.0
 * @category tags
 */
export class GridStore extends Context.Tag("@jiceng/core/GridStore")<GridStore, GridStoreShape>() {}
