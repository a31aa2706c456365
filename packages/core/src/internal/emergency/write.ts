/**
 * Writes what an emergency rule returned to the emergency store (the organisation
 * domain's changes were written by that domain's own steps while deciding): activations
 * set, roster rows, branches and teams inserted; an activation or a deactivation raises
 * its notification (`notices.ts`) in the same transaction.
 *
 * @internal
 */
import type { YieldWrap } from "effect/Utils"
import type { Activation } from "../../emergency/Activation.js"
import type { EmergencyChanges } from "../../emergency/EmergencyChanges.js"
import type { EmergencyStoreShape } from "../../emergency/EmergencyStore.js"
import type { Raiser } from "../../notify/Notify.js"
import * as Notices from "./notices.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(
  store: EmergencyStoreShape,
  changes: EmergencyChanges,
  raise: Raiser,
  /** What a notice says beyond the changes (read only when notifications are raised). */
  noticeFacts: (activation: Activation) => Generator<YieldWrap<any>, Notices.Facts, any>
) {
  const { activations, vanguard } = store
  if (changes.activations.length > 0) yield* activations.putActivations(changes.activations)
  if (changes.roster.length > 0) yield* activations.addRoster(changes.roster)
  if (changes.branches.length > 0) yield* activations.addBranches(changes.branches)
  if (changes.teams.length > 0) yield* vanguard.addTeams(changes.teams)
  if (raise.active) {
    for (const activation of changes.activations) {
      const facts = yield* noticeFacts(activation)
      yield* raise((lang) => Notices.of(activation, changes, facts, lang))
    }
  }
}
