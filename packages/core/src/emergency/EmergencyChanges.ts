/**
 * What an emergency command wrote: the emergency store's rows, and the organisation
 * domain's changes it made through that domain's rules (temporary branches formed and
 * joined, or dissolved), in the order they were applied. Plain JSON data, so that a keyed
 * command's result can be recorded and replayed.
 *
 * @since 0.5.0
 */
import type { OrganisationChanges } from "../organisation/OrganisationChanges.js"
import type { Activation, EmergencyBranch, Enlistment, VanguardTeam } from "./Activation.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface EmergencyChanges {
  /** Activations set: each replaces the activation of its id (a deactivation sets its end). */
  readonly activations: ReadonlyArray<Activation>
  readonly roster: ReadonlyArray<Enlistment>
  readonly branches: ReadonlyArray<EmergencyBranch>
  readonly teams: ReadonlyArray<VanguardTeam>
  /** The organisation domain's changes, already written in the same transaction. */
  readonly organisation: ReadonlyArray<OrganisationChanges>
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const empty: EmergencyChanges = { activations: [], roster: [], branches: [], teams: [], organisation: [] }

/**
 * @since 0.5.0
 * @category constructors
 */
export const make = (changes: Partial<EmergencyChanges>): EmergencyChanges => ({ ...empty, ...changes })
