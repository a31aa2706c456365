/**
 * The emergency domain's repository port: activations with their rosters and temporary
 * branches, and vanguard teams. Its writes join the `Transactor`'s transaction.
 *
 * @since 0.5.0
 */
import { Context } from "effect"
import type { ActivationRepository } from "./ActivationRepository.js"
import type { VanguardRepository } from "./VanguardRepository.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface EmergencyStoreShape {
  readonly activations: ActivationRepository
  readonly vanguard: VanguardRepository
}

/**
 * @since 0.5.0
 * @category tags
 */
export class EmergencyStore extends Context.Tag("@jiceng/core/EmergencyStore")<EmergencyStore, EmergencyStoreShape>() {}
