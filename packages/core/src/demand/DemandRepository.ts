/**
 * The demand repository: the part of the `DemandStore` port that keeps demands and
 * their append-only events.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Demand, DemandEvent, DemandId } from "./Demand.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface DemandRepository {
  /** Inserts demands; a demand whose id exists fails. */
  readonly addDemands: (demands: ReadonlyArray<Demand>) => Effect.Effect<void, StoreError>
  /** The demands of the ids that exist, ordered by id. */
  readonly demandsOf: (tenant: Tenant, ids: ReadonlyArray<DemandId>) => Effect.Effect<ReadonlyArray<Demand>, StoreError>
  /** The demands whose grid lies in a subtree, ordered by id. */
  readonly demandsIn: (tenant: Tenant, root: string) => Effect.Effect<ReadonlyArray<Demand>, StoreError>
  /** Inserts events; an event whose demand and seq exist fails. */
  readonly addEvents: (events: ReadonlyArray<DemandEvent>) => Effect.Effect<void, StoreError>
  /** The events of the demands, ordered by demand id then seq. */
  readonly eventsOf: (tenant: Tenant, ids: ReadonlyArray<DemandId>) => Effect.Effect<ReadonlyArray<DemandEvent>, StoreError>
}
