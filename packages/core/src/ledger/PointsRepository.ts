/**
 * The points repository: the part of the `LedgerStore` port that keeps redemptions and
 * expiries of points (earnings are on the entries). Written once.
 *
 * @since 0.4.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IdempotencyKey } from "../idempotency/Idempotency.js"
import type { VolunteerId } from "./LedgerVolunteer.js"
import type { PointMovement } from "./PointMovement.js"

/**
 * @since 0.4.0
 * @category ports
 */
export interface PointsRepository {
  /** Inserts movements; a key that exists fails. */
  readonly addMovements: (rows: ReadonlyArray<PointMovement>) => Effect.Effect<void, StoreError>
  /** The movements written under any of the keys, ordered by key. */
  readonly movementsByKeys: (tenant: Tenant, keys: ReadonlyArray<IdempotencyKey>) => Effect.Effect<ReadonlyArray<PointMovement>, StoreError>
  /** The movements of any of the volunteers, ordered by volunteer, day, then key. */
  readonly movementsOf: (tenant: Tenant, ids: ReadonlyArray<VolunteerId>) => Effect.Effect<ReadonlyArray<PointMovement>, StoreError>
}
