/**
 * Writes what a member-development rule returned: every change is an insert (a plan
 * replaces the plan of its grid and year).
 *
 * @internal
 */
import type { DevelopmentChanges } from "../../development/DevelopmentChanges.js"
import type { DevelopmentStoreShape } from "../../development/DevelopmentStore.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: DevelopmentStoreShape, changes: DevelopmentChanges) {
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
}
