/**
 * The organisation repository: the part of the `OrganisationStore` port that keeps
 * organisation versions.
 *
 * @since 0.2.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Organisation, OrganisationId, VersionKey } from "./Organisation.js"

/**
 * @since 0.2.0
 * @category ports
 */
export interface OrganisationRepository {
  /** Inserts new versions; a version whose key exists fails. */
  readonly insert: (versions: ReadonlyArray<Organisation>) => Effect.Effect<void, StoreError>
  /**
   * Ends versions on a day: sets `validTo` where it is open or later (an earlier end
   * stays). A version beginning on or after that day is removed: it was superseded
   * before it took effect (a same-day correction).
   */
  readonly close: (tenant: Tenant, keys: ReadonlyArray<VersionKey>, validTo: IsoDate) => Effect.Effect<void, StoreError>
  /** Every version of any of the ids, ordered by id then validFrom. */
  readonly versionsOf: (tenant: Tenant, ids: ReadonlyArray<OrganisationId>) => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
  /** Every version whose parent is any of the ids, ordered by id then validFrom. */
  readonly childrenOf: (tenant: Tenant, ids: ReadonlyArray<OrganisationId>) => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
  /** The versions valid on a day, ordered by id. */
  readonly at: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
  /** Every version ever recorded, ordered by id then validFrom (exports, verification, compliance). */
  readonly history: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
}
