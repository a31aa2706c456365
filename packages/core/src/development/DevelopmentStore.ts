/**
 * The member-development domain's repository port: tracks and their events, the
 * community workforce, and recognition. Its writes join the `Transactor`'s transaction.
 *
 * @since 0.5.0
 */
import { Context } from "effect"
import type { RecognitionRepository } from "./RecognitionRepository.js"
import type { TrackRepository } from "./TrackRepository.js"
import type { WorkforceRepository } from "./WorkforceRepository.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface DevelopmentStoreShape {
  readonly tracks: TrackRepository
  readonly workforce: WorkforceRepository
  readonly recognition: RecognitionRepository
}

/**
 * @since 0.5.0
 * @category tags
 */
export class DevelopmentStore extends Context.Tag("@jiceng/core/DevelopmentStore")<DevelopmentStore, DevelopmentStoreShape>() {}
