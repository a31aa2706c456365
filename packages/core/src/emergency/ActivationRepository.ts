/**
 * The activation repository: the part of the `EmergencyStore` port that keeps
 * activations, their rosters and the temporary branches they formed.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Activation, ActivationId, EmergencyBranch, Enlistment } from "./Activation.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface ActivationRepository {
  /** Inserts activations or replaces those of the same id (a deactivation sets the end). */
  readonly putActivations: (rows: ReadonlyArray<Activation>) => Effect.Effect<void, StoreError>
  /** The activations of the ids that exist, ordered by id. */
  readonly activationsOf: (tenant: Tenant, ids: ReadonlyArray<ActivationId>) => Effect.Effect<ReadonlyArray<Activation>, StoreError>
  /** Every activation of the tenant, ordered by id (a district has a few a year). */
  readonly activations: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Activation>, StoreError>
  /** Inserts roster rows; a row whose key (activation, kind, person) exists fails. */
  readonly addRoster: (rows: ReadonlyArray<Enlistment>) => Effect.Effect<void, StoreError>
  /** The roster rows of any of the activations, ordered by activation, kind, person. */
  readonly rosterOf: (tenant: Tenant, ids: ReadonlyArray<ActivationId>) => Effect.Effect<ReadonlyArray<Enlistment>, StoreError>
  /** Inserts branch rows; a row whose key (activation, organisation) exists fails. */
  readonly addBranches: (rows: ReadonlyArray<EmergencyBranch>) => Effect.Effect<void, StoreError>
  /** The branches of any of the activations, ordered by activation then organisation. */
  readonly branchesOf: (tenant: Tenant, ids: ReadonlyArray<ActivationId>) => Effect.Effect<ReadonlyArray<EmergencyBranch>, StoreError>
}
