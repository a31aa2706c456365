/**
 * Writes what an emergency rule returned to the emergency store (the organisation
 * domain's changes were written by that domain's own steps while deciding): activations
 * set, roster rows, branches and teams inserted.
 *
 * @internal
 */
import { Effect } from "effect"
import type { EmergencyChanges } from "../../emergency/EmergencyChanges.js"
import type { EmergencyStoreShape } from "../../emergency/EmergencyStore.js"
import type { StoreError } from "../../errors/StoreError.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: EmergencyStoreShape, changes: EmergencyChanges) {
  const { activations, vanguard } = store
  if (changes.activations.length > 0) yield* activations.putActivations(changes.activations)
  if (changes.roster.length > 0) yield* activations.addRoster(changes.roster)
  if (changes.branches.length > 0) yield* activations.addBranches(changes.branches)
  if (changes.teams.length > 0) yield* vanguard.addTeams(changes.teams)
}

/** @internal */
export const write = (store: EmergencyStoreShape, changes: EmergencyChanges): Effect.Effect<void, StoreError> =>
  Effect.gen(function*() {
    yield* writeSteps(store, changes)
  })
