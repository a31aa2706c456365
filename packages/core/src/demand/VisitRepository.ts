/**
 * The visit repository: the part of the `DemandStore` port that keeps 走访 visits.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { PlaceId } from "../grid/Place.js"
import type { Visit, VisitId } from "./Visit.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface VisitRepository {
  /** Inserts visits; a visit whose id exists fails. */
  readonly addVisits: (visits: ReadonlyArray<Visit>) => Effect.Effect<void, StoreError>
  /** The visits of the ids that exist, ordered by id. */
  readonly visitsOf: (tenant: Tenant, ids: ReadonlyArray<VisitId>) => Effect.Effect<ReadonlyArray<Visit>, StoreError>
  /** The visits whose grid lies in a subtree, ordered by minute then id. */
  readonly visitsIn: (tenant: Tenant, root: string) => Effect.Effect<ReadonlyArray<Visit>, StoreError>
  /** The visits to any of the places, ordered by place id, minute, then id. */
  readonly visitsTo: (tenant: Tenant, places: ReadonlyArray<PlaceId>) => Effect.Effect<ReadonlyArray<Visit>, StoreError>
}
