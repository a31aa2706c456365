/**
 * The demand domain's repository port: visits, and demands with their events. Its
 * writes join the `Transactor`'s transaction.
 *
 * @since 0.5.0
 */
import { Context } from "effect"
import type { DemandRepository } from "./DemandRepository.js"
import type { VisitRepository } from "./VisitRepository.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface DemandStoreShape {
  readonly visits: VisitRepository
  readonly demands: DemandRepository
}

/**
 * @since 0.5.0
 * @category tags
 */
export class DemandStore extends Context.Tag("@jiceng/core/DemandStore")<DemandStore, DemandStoreShape>() {}
