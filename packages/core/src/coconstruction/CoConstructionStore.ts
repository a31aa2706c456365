/**
 * The co-construction domain's repository port: 双报到 enrolments, 一协议两清单
 * (agreements, needs, resources, projects and progress), volunteer teams, posts and
 * claims, and joint meetings with their tasks. Its writes join the `Transactor`'s
 * transaction.
 *
 * @since 0.3.0
 */
import { Context } from "effect"
import type { AgreementRepository } from "./AgreementRepository.js"
import type { EnrolmentRepository } from "./EnrolmentRepository.js"
import type { JointMeetingRepository } from "./JointMeetingRepository.js"
import type { VolunteerRepository } from "./VolunteerRepository.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface CoConstructionStoreShape {
  readonly enrolments: EnrolmentRepository
  readonly agreements: AgreementRepository
  readonly volunteers: VolunteerRepository
  readonly jointMeetings: JointMeetingRepository
}

/**
 * @since 0.3.0
 * @category tags
 */
export class CoConstructionStore
  extends Context.Tag("@jiceng/core/CoConstructionStore")<CoConstructionStore, CoConstructionStoreShape>()
{}
