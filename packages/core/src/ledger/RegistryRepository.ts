/**
 * The registry repository: the part of the `LedgerStore` port that keeps registered
 * volunteers, their consent records and service activities. Volunteers and activities
 * are written once (an id is for life).
 *
 * @since 0.4.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Consent, LedgerVolunteer, VolunteerId } from "./LedgerVolunteer.js"
import type { ActivityId, ServiceActivity } from "./ServiceActivity.js"

/**
 * @since 0.4.0
 * @category ports
 */
export interface RegistryRepository {
  /** Inserts volunteers; an id that exists fails. */
  readonly addVolunteers: (rows: ReadonlyArray<LedgerVolunteer>) => Effect.Effect<void, StoreError>
  /** The volunteers of the ids that exist, ordered by id. */
  readonly volunteersOf: (tenant: Tenant, ids: ReadonlyArray<VolunteerId>) => Effect.Effect<ReadonlyArray<LedgerVolunteer>, StoreError>
  /** The volunteers registered with any of the ID numbers, ordered by id. */
  readonly volunteersWithCitizenIds: (
    tenant: Tenant,
    citizenIds: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<LedgerVolunteer>, StoreError>
  /** Every volunteer, ordered by id. */
  readonly volunteers: (tenant: Tenant) => Effect.Effect<ReadonlyArray<LedgerVolunteer>, StoreError>

  /** Records consents; one of the same volunteer and day replaces the earlier. */
  readonly putConsents: (rows: ReadonlyArray<Consent>) => Effect.Effect<void, StoreError>
  /** The consent records of any of the volunteers, ordered by volunteer then day. */
  readonly consentsOf: (tenant: Tenant, ids: ReadonlyArray<VolunteerId>) => Effect.Effect<ReadonlyArray<Consent>, StoreError>

  /** Inserts activities; an id that exists fails. */
  readonly addActivities: (rows: ReadonlyArray<ServiceActivity>) => Effect.Effect<void, StoreError>
  /** The activities of the ids that exist, ordered by id. */
  readonly activitiesOf: (tenant: Tenant, ids: ReadonlyArray<ActivityId>) => Effect.Effect<ReadonlyArray<ServiceActivity>, StoreError>
  /** Every activity, ordered by id. */
  readonly activities: (tenant: Tenant) => Effect.Effect<ReadonlyArray<ServiceActivity>, StoreError>
}
