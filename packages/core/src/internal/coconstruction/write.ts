/**
 * Writes what a co-construction rule returned: ends first (a row begun that day is
 * removed), then inserts, replacements and appends; a post claimed raises its
 * notification (`notices.ts`) in the same transaction.
 *
 * @internal
 */
import type { Tenant } from "../../access/Tenant.js"
import type { CoConstructionChanges } from "../../coconstruction/CoConstructionChanges.js"
import type { CoConstructionStoreShape } from "../../coconstruction/CoConstructionStore.js"
import type { Raiser } from "../../notify/Notify.js"
import * as Notices from "./notices.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: CoConstructionStoreShape, tenant: Tenant, changes: CoConstructionChanges, raise: Raiser) {
  const { agreements, enrolments, jointMeetings, volunteers } = store
  const at = changes.at
  if (at !== null && changes.endUnitEnrolments.length > 0) yield* enrolments.closeUnits(tenant, changes.endUnitEnrolments, at)
  if (changes.newUnitEnrolments.length > 0) yield* enrolments.addUnits(changes.newUnitEnrolments)
  if (at !== null && changes.endMemberEnrolments.length > 0) yield* enrolments.closeMembers(tenant, changes.endMemberEnrolments, at)
  if (changes.newMemberEnrolments.length > 0) yield* enrolments.addMembers(changes.newMemberEnrolments)
  if (changes.agreements.length > 0) yield* agreements.addAgreements(changes.agreements)
  if (changes.needs.length > 0) yield* agreements.addNeeds(changes.needs)
  if (changes.resources.length > 0) yield* agreements.addResources(changes.resources)
  if (changes.projects.length > 0) yield* agreements.addProjects(changes.projects)
  if (changes.progress.length > 0) yield* agreements.putProgress(changes.progress)
  if (changes.teams.length > 0) yield* volunteers.addTeams(changes.teams)
  if (changes.posts.length > 0) yield* volunteers.addPosts(changes.posts)
  if (at !== null && changes.endClaims.length > 0) yield* volunteers.closeClaims(tenant, changes.endClaims, at)
  if (changes.newClaims.length > 0) {
    yield* volunteers.addClaims(changes.newClaims)
    if (raise.active) {
      const posts = yield* volunteers.postsOf(tenant, Array.from(new Set(changes.newClaims.map((c) => c.postId))))
      const teams = yield* volunteers.teamsOf(tenant, Array.from(new Set(posts.map((p) => p.teamId))))
      yield* raise((lang) => Notices.claimed(changes.newClaims, posts, teams, lang))
    }
  }
  if (changes.jointMeetings.length > 0) yield* jointMeetings.add(changes.jointMeetings)
  if (changes.tasks.length > 0) yield* jointMeetings.putTasks(changes.tasks)
}
