/**
 * Writes what a member-development rule returned: every change is an insert (a plan
 * replaces the plan of its grid and year) but letters sent, which are marked sent and
 * raise their notifications (`notices.ts`) in the same transaction.
 *
 * @internal
 */
import type { DevelopmentChanges } from "../../development/DevelopmentChanges.js"
import type { DevelopmentStoreShape } from "../../development/DevelopmentStore.js"
import type { Raiser } from "../../notify/Notify.js"
import type { MemberId } from "../../organisation/Member.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import * as Notices from "./notices.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(
  store: DevelopmentStoreShape,
  organisations: Pick<OrganisationStoreShape, "organisations" | "members">,
  changes: DevelopmentChanges,
  raise: Raiser
) {
  const { recognition, tracks, workforce } = store
  if (changes.tracks.length > 0) yield* tracks.addTracks(changes.tracks)
  if (changes.events.length > 0) yield* tracks.addEvents(changes.events)
  if (changes.workers.length > 0) yield* workforce.addWorkers(changes.workers)
  if (changes.plans.length > 0) yield* workforce.putPlans(changes.plans)
  if (changes.sessions.length > 0) yield* workforce.addSessions(changes.sessions)
  if (changes.attendance.length > 0) yield* workforce.addAttendance(changes.attendance)
  if (changes.holdings.length > 0) yield* workforce.addHoldings(changes.holdings)
  if (changes.moves.length > 0) yield* workforce.addMoves(changes.moves)
  if (changes.honours.length > 0) yield* recognition.addHonours(changes.honours)
  if (changes.letters.length > 0) yield* recognition.addLetters(changes.letters)
  const sent = changes.sentLetters
  if (sent.length > 0) {
    // One command's letters share their tenant and day.
    const { sentOn, tenant } = sent[0]!
    const ids = sent.map((l) => l.honourId)
    yield* recognition.markSent(tenant, ids, sentOn!)
    if (raise.active) {
      const honours = yield* recognition.honoursOf(tenant, ids)
      const members = yield* organisations.members.getMany(tenant, Array.from(new Set(sent.map((l) => l.memberId as MemberId))))
      const versions = yield* organisations.organisations.versionsOf(tenant, Array.from(new Set(honours.map((h) => h.organisationId))))
      yield* raise((lang) => Notices.honourLetters(sent, honours, members, versions, lang))
    }
  }
}
