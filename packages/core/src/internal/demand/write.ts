/**
 * Writes what a demand rule returned: every change is an insert.
 *
 * @internal
 */
import { Effect } from "effect"
import type { DemandChanges } from "../../demand/DemandChanges.js"
import type { DemandStoreShape } from "../../demand/DemandStore.js"
import type { StoreError } from "../../errors/StoreError.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: DemandStoreShape, changes: DemandChanges) {
  if (changes.visits.length > 0) yield* store.visits.addVisits(changes.visits)
  if (changes.demands.length > 0) yield* store.demands.addDemands(changes.demands)
  if (changes.events.length > 0) yield* store.demands.addEvents(changes.events)
}

/** @internal */
export const write = (store: DemandStoreShape, changes: DemandChanges): Effect.Effect<void, StoreError> =>
  Effect.gen(function*() {
    yield* writeSteps(store, changes)
  })
