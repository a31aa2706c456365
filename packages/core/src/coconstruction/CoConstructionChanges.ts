/**
 * What a co-construction command wrote: the facts a rule produced from state and
 * command. Ending a row on a day sets its `validTo`; a row that begins on that day (or
 * later) is removed instead, having been superseded before it took effect — the same
 * contract as the organisation domain's.
 *
 * @since 0.3.0
 */
import type { CreditCode } from "../identifiers/CreditCode.js"
import type { MemberId } from "../organisation/Member.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Agreement } from "./Agreement.js"
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"
import type { Need } from "./Need.js"
import type { Progress, Project } from "./Project.js"
import type { Resource } from "./Resource.js"
import type { JointMeeting, Task } from "./JointMeeting.js"
import type { Claim, Post, PostId, Team } from "./Volunteering.js"

/**
 * The key of a unit's enrolment row.
 *
 * @since 0.3.0
 * @category models
 */
export interface UnitEnrolmentKey {
  readonly creditCode: CreditCode
  readonly validFrom: IsoDate
}

/**
 * The key of a member's enrolment row.
 *
 * @since 0.3.0
 * @category models
 */
export interface MemberEnrolmentKey {
  readonly memberId: MemberId
  readonly validFrom: IsoDate
}

/**
 * The key of a claim row.
 *
 * @since 0.3.0
 * @category models
 */
export interface ClaimKey {
  readonly postId: PostId
  readonly memberId: MemberId
  readonly validFrom: IsoDate
}

/**
 * @since 0.3.0
 * @category models
 */
export interface CoConstructionChanges {
  readonly endUnitEnrolments: ReadonlyArray<UnitEnrolmentKey>
  readonly newUnitEnrolments: ReadonlyArray<UnitEnrolment>
  readonly endMemberEnrolments: ReadonlyArray<MemberEnrolmentKey>
  readonly newMemberEnrolments: ReadonlyArray<MemberEnrolment>
  readonly agreements: ReadonlyArray<Agreement>
  readonly needs: ReadonlyArray<Need>
  readonly resources: ReadonlyArray<Resource>
  readonly projects: ReadonlyArray<Project>
  readonly progress: ReadonlyArray<Progress>
  readonly teams: ReadonlyArray<Team>
  readonly posts: ReadonlyArray<Post>
  readonly endClaims: ReadonlyArray<ClaimKey>
  readonly newClaims: ReadonlyArray<Claim>
  readonly jointMeetings: ReadonlyArray<JointMeeting>
  /** Tasks decided, or a task as completed (it replaces the open one). */
  readonly tasks: ReadonlyArray<Task>
  /** The day every `end*` takes effect. */
  readonly at: IsoDate | null
}

/**
 * @since 0.3.0
 * @category constructors
 */
export const empty: CoConstructionChanges = {
  endUnitEnrolments: [],
  newUnitEnrolments: [],
  endMemberEnrolments: [],
  newMemberEnrolments: [],
  agreements: [],
  needs: [],
  resources: [],
  projects: [],
  progress: [],
  teams: [],
  posts: [],
  endClaims: [],
  newClaims: [],
  jointMeetings: [],
  tasks: [],
  at: null
}

/**
 * @since 0.3.0
 * @category constructors
 */
export const make = (changes: Partial<CoConstructionChanges>): CoConstructionChanges => ({ ...empty, ...changes })
