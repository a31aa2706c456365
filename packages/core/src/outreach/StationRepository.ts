/**
 * The station repository: the part of the `OutreachStore` port that keeps stations and
 * the records of their use.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Station, StationId, Use, UseId } from "./Station.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface StationRepository {
  /** Inserts stations or replaces those of the same id. */
  readonly putStations: (stations: ReadonlyArray<Station>) => Effect.Effect<void, StoreError>
  /** The stations of the ids that exist, ordered by id. */
  readonly stationsOf: (tenant: Tenant, ids: ReadonlyArray<StationId>) => Effect.Effect<ReadonlyArray<Station>, StoreError>
  /** Every station, ordered by id. */
  readonly stations: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Station>, StoreError>
  /** Inserts uses; a use whose id exists fails. */
  readonly addUses: (uses: ReadonlyArray<Use>) => Effect.Effect<void, StoreError>
  /** The uses of the ids that exist, ordered by id. */
  readonly usesOf: (tenant: Tenant, ids: ReadonlyArray<UseId>) => Effect.Effect<ReadonlyArray<Use>, StoreError>
  /** The uses of the stations, ordered by station, day, id. */
  readonly usesFor: (tenant: Tenant, stations: ReadonlyArray<StationId>) => Effect.Effect<ReadonlyArray<Use>, StoreError>
  /** Every use, ordered by day, then id. */
  readonly uses: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Use>, StoreError>
}
