/**
 * The outreach domain's repository port: 三联三服 links, contacts and problems;
 * 一支部一实事 batches and matters; stations and their use; new-employment groups and
 * their members. Its writes join the `Transactor`'s transaction.
 *
 * @since 0.5.0
 */
import { Context } from "effect"
import type { GroupRepository } from "./GroupRepository.js"
import type { LiaisonRepository } from "./LiaisonRepository.js"
import type { MatterRepository } from "./MatterRepository.js"
import type { StationRepository } from "./StationRepository.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface OutreachStoreShape {
  readonly liaison: LiaisonRepository
  readonly matters: MatterRepository
  readonly stations: StationRepository
  readonly groups: GroupRepository
}

/**
 * @since 0.5.0
 * @category tags
 */
export class OutreachStore extends Context.Tag("@jiceng/core/OutreachStore")<OutreachStore, OutreachStoreShape>() {}
