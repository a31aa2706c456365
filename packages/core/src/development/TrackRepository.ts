/**
 * The track repository: the part of the `DevelopmentStore` port that keeps tracks (who,
 * on which ladder, under which organisation) and their events, append-only.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Event, PersonId, TrackHeader, TrackId } from "./Pathway.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface TrackRepository {
  /** Inserts tracks; a track whose id exists fails. */
  readonly addTracks: (tracks: ReadonlyArray<TrackHeader>) => Effect.Effect<void, StoreError>
  /** Appends events; an event whose key (track, seq) exists fails, so two writers never both append the same seq. */
  readonly addEvents: (events: ReadonlyArray<Event>) => Effect.Effect<void, StoreError>
  /** The tracks of the ids that exist, ordered by id. */
  readonly tracksOf: (tenant: Tenant, ids: ReadonlyArray<TrackId>) => Effect.Effect<ReadonlyArray<TrackHeader>, StoreError>
  /** Every track of any of the people, ordered by id. */
  readonly tracksFor: (tenant: Tenant, people: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<TrackHeader>, StoreError>
  /** Every track of the tenant, ordered by id. */
  readonly tracks: (tenant: Tenant) => Effect.Effect<ReadonlyArray<TrackHeader>, StoreError>
  /** The events of any of the tracks, ordered by track then seq. */
  readonly eventsOf: (tenant: Tenant, ids: ReadonlyArray<TrackId>) => Effect.Effect<ReadonlyArray<Event>, StoreError>
  /** Every event of the tenant, ordered by track then seq. */
  readonly events: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Event>, StoreError>
}
