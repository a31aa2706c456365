/**
 * Writes what an organisation rule returned: ends first (a row begun that day is
 * removed), then inserts and appends.
 *
 * @internal
 */
import { Effect } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import type { StoreError } from "../../errors/StoreError.js"
import type { OrganisationChanges } from "../../organisation/OrganisationChanges.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: OrganisationStoreShape, tenant: Tenant, changes: OrganisationChanges) {
  const { meetings, members, organisations } = store
  const at = changes.at
  if (at !== null && changes.endOrganisations.length > 0) yield* organisations.close(tenant, changes.endOrganisations, at)
  if (changes.newOrganisations.length > 0) yield* organisations.insert(changes.newOrganisations)
  if (changes.members.length > 0) yield* members.put(changes.members)
  if (at !== null && changes.endMemberships.length > 0) yield* members.closeMemberships(tenant, changes.endMemberships, at)
  if (changes.newMemberships.length > 0) yield* members.addMemberships(changes.newMemberships)
  if (at !== null && changes.endParticipations.length > 0) yield* members.closeParticipations(tenant, changes.endParticipations, at)
  if (changes.newParticipations.length > 0) yield* members.addParticipations(changes.newParticipations)
  if (changes.dues.length > 0) yield* members.addDues(changes.dues)
  if (changes.discipline.length > 0) yield* members.addDiscipline(changes.discipline)
  if (changes.meetings.length > 0) yield* meetings.add(changes.meetings)
}

/** @internal */
export const write = (store: OrganisationStoreShape, tenant: Tenant, changes: OrganisationChanges): Effect.Effect<void, StoreError> =>
  Effect.gen(function*() {
    yield* writeSteps(store, tenant, changes)
  })
