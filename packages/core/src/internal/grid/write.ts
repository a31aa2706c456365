/**
 * Writes what a rule returned: ends first (a row begun that day is removed), then inserts.
 *
 * @internal
 */
import { Effect } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import type { StoreError } from "../../errors/StoreError.js"
import type { Changes } from "../../grid/Changes.js"
import type { GridStoreShape } from "../../grid/GridStore.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: GridStoreShape, tenant: Tenant, changes: Changes) {
  const at = changes.at
  if (at !== null && changes.endGrids.length > 0) yield* store.grids.close(tenant, changes.endGrids, at)
  if (changes.newGrids.length > 0) yield* store.grids.insert(changes.newGrids)
  if (changes.places.length > 0) yield* store.places.put(changes.places)
  if (at !== null && changes.endLinks.length > 0) yield* store.places.closeLinks(tenant, changes.endLinks, at)
  if (changes.newLinks.length > 0) yield* store.places.link(changes.newLinks)
  if (changes.workers.length > 0) yield* store.workers.put(changes.workers)
  if (at !== null && changes.endTerms.length > 0) yield* store.workers.closeTerms(tenant, changes.endTerms, at)
  if (changes.newTerms.length > 0) yield* store.workers.addTerms(changes.newTerms)
  if (at !== null && changes.endAssignments.length > 0) {
    yield* store.workers.closeAssignments(tenant, changes.endAssignments, at)
  }
  if (changes.newAssignments.length > 0) yield* store.workers.assign(changes.newAssignments)
}

/** @internal */
export const write = (store: GridStoreShape, tenant: Tenant, changes: Changes): Effect.Effect<void, StoreError> =>
  Effect.gen(function*() {
    yield* writeSteps(store, tenant, changes)
  })
