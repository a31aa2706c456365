/**
 * The meeting repository: the part of the `OrganisationStore` port that keeps the
 * meetings of organisational life.
 *
 * @since 0.2.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Meeting, MeetingId } from "./Meeting.js"
import type { OrganisationId } from "./Organisation.js"

/**
 * @since 0.2.0
 * @category ports
 */
export interface MeetingRepository {
  /** Records meetings (with their attendees and votes); a meeting whose id exists fails. */
  readonly add: (meetings: ReadonlyArray<Meeting>) => Effect.Effect<void, StoreError>
  /** The meetings of the ids that exist, ordered by id. */
  readonly getMany: (tenant: Tenant, ids: ReadonlyArray<MeetingId>) => Effect.Effect<ReadonlyArray<Meeting>, StoreError>
  /** Every meeting of any of the organisations, ordered by date then id. */
  readonly meetingsIn: (tenant: Tenant, ids: ReadonlyArray<OrganisationId>) => Effect.Effect<ReadonlyArray<Meeting>, StoreError>
  /** The meetings held in `[from, to)`, ordered by date then id. */
  readonly between: (tenant: Tenant, from: IsoDate, to: IsoDate) => Effect.Effect<ReadonlyArray<Meeting>, StoreError>
}
