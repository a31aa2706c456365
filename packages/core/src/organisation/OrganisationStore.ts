/**
 * The organisation domain's repository port: organisation versions, members with their
 * memberships, participations, dues and measures, and meetings. Its writes join the
 * `Transactor`'s transaction.
 *
 * @since 0.2.0
 */
import { Context } from "effect"
import type { MeetingRepository } from "./MeetingRepository.js"
import type { MemberRepository } from "./MemberRepository.js"
import type { OrganisationRepository } from "./OrganisationRepository.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface OrganisationStoreShape {
  readonly organisations: OrganisationRepository
  readonly members: MemberRepository
  readonly meetings: MeetingRepository
}

/**
 * @since 0.2.0
 * @category tags
 */
export class OrganisationStore extends Context.Tag("@jiceng/core/OrganisationStore")<OrganisationStore, OrganisationStoreShape>() {}
