/**
 * The place repository: places and their 入格 links to grids.
 *
 * @since 0.1.0
 */
import type { Effect, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Place, PlaceId, PlaceKind, PlaceLink } from "./Place.js"

/**
 * A link's key: a place has at most one link starting on a given day.
 *
 * @since 0.1.0
 * @category models
 */
export interface LinkKey {
  readonly placeId: PlaceId
  readonly validFrom: IsoDate
}

/**
 * @since 0.1.0
 * @category models
 */
export interface KindCount {
  readonly kind: PlaceKind
  readonly count: number
}

/**
 * A place with its link valid on a day: where it is registered then.
 *
 * @since 0.7.0
 * @category models
 */
export interface LinkedPlace {
  readonly place: Place
  readonly link: PlaceLink
}

/**
 * @since 0.1.0
 * @category ports
 */
export interface PlaceRepository {
  /** Inserts a place or replaces its attributes. */
  readonly put: (places: ReadonlyArray<Place>) => Effect.Effect<void, StoreError>
  readonly get: (tenant: Tenant, id: PlaceId) => Effect.Effect<Option.Option<Place>, StoreError>
  /** Places by id, ordered by id; unknown ids are left out. */
  readonly getMany: (tenant: Tenant, ids: ReadonlyArray<PlaceId>) => Effect.Effect<ReadonlyArray<Place>, StoreError>
  readonly link: (links: ReadonlyArray<PlaceLink>) => Effect.Effect<void, StoreError>
  /**
   * Ends links on a day: sets `validTo` where it is open or later (an earlier end
   * stays); a link beginning on or after that day is removed.
   */
  readonly closeLinks: (
    tenant: Tenant,
    keys: ReadonlyArray<LinkKey>,
    validTo: IsoDate
  ) => Effect.Effect<void, StoreError>
  /** The link of a place valid on a day. */
  readonly linkAt: (tenant: Tenant, id: PlaceId, at: IsoDate) => Effect.Effect<Option.Option<PlaceLink>, StoreError>
  /** Every link of a place, oldest first. */
  readonly links: (tenant: Tenant, id: PlaceId) => Effect.Effect<ReadonlyArray<PlaceLink>, StoreError>
  /**
   * Every link ever recorded of any of the places, ordered by place id then validFrom.
   *
   * @since 0.2.0
   */
  readonly linksOf: (tenant: Tenant, ids: ReadonlyArray<PlaceId>) => Effect.Effect<ReadonlyArray<PlaceLink>, StoreError>
  /** Links valid on a day into grids of a subtree, ordered by grid code then place id. */
  readonly linksInSubtree: (
    tenant: Tenant,
    root: string,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<PlaceLink>, StoreError>
  /**
   * The places in a subtree on a day with their links valid then, optionally of one
   * kind, ordered by grid code then place id: a roster of the subtree's places (its
   * 100,000 households, say) in one query, not one per place.
   *
   * @since 0.7.0
   */
  readonly placesInSubtree: (
    tenant: Tenant,
    root: string,
    at: IsoDate,
    kind?: PlaceKind
  ) => Effect.Effect<ReadonlyArray<LinkedPlace>, StoreError>
  /** Every link ever recorded into a subtree, ordered by place id then validFrom. */
  readonly history: (tenant: Tenant, root: string) => Effect.Effect<ReadonlyArray<PlaceLink>, StoreError>
  /** How many places lie in a subtree on a day (links valid then: a place has one at a time). */
  readonly countInSubtree: (tenant: Tenant, root: string, at: IsoDate) => Effect.Effect<number, StoreError>
  /** Places in a subtree on a day per kind, ordered by kind; kinds with none are left out. */
  readonly countByKind: (
    tenant: Tenant,
    root: string,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<KindCount>, StoreError>
  /** The latest `validFrom` of any link into a subtree. */
  readonly latestStart: (tenant: Tenant, root: string) => Effect.Effect<Option.Option<IsoDate>, StoreError>
}
