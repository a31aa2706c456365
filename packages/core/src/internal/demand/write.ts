/**
 * Writes what a demand rule returned: every change is an insert, and the notifications
 * its events raise (`notices.ts`) go to the outbox in the same transaction. The shared
 * write side (`internal/commands.ts` `makePlain`) runs it for one command and for a batch.
 *
 * @internal
 */
import type { DemandChanges } from "../../demand/DemandChanges.js"
import type { DemandStoreShape } from "../../demand/DemandStore.js"
import type { Raiser } from "../../notify/Notify.js"
import * as Notices from "./notices.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: DemandStoreShape, changes: DemandChanges, raise: Raiser) {
  if (changes.visits.length > 0) yield* store.visits.addVisits(changes.visits)
  if (changes.demands.length > 0) yield* store.demands.addDemands(changes.demands)
  if (changes.events.length > 0) {
    yield* store.demands.addEvents(changes.events)
    yield* raise((lang) => Notices.of(changes.events, lang))
  }
}
