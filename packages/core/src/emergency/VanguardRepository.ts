/**
 * The vanguard repository: the part of the `EmergencyStore` port that keeps the
 * vanguard teams (先锋队) formed during activations.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ActivationId, TeamId, VanguardTeam } from "./Activation.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface VanguardRepository {
  /** Inserts teams; a team whose id exists fails. */
  readonly addTeams: (rows: ReadonlyArray<VanguardTeam>) => Effect.Effect<void, StoreError>
  /** The teams of the ids that exist, ordered by id. */
  readonly teamsOf: (tenant: Tenant, ids: ReadonlyArray<TeamId>) => Effect.Effect<ReadonlyArray<VanguardTeam>, StoreError>
  /** The teams of any of the activations, ordered by activation then id. */
  readonly teamsIn: (tenant: Tenant, ids: ReadonlyArray<ActivationId>) => Effect.Effect<ReadonlyArray<VanguardTeam>, StoreError>
}
