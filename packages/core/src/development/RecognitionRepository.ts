/**
 * The recognition repository: the part of the `DevelopmentStore` port that keeps honours
 * and the letters of good news that go with them.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Honour, HonourId, HonourLetter } from "./Recognition.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface RecognitionRepository {
  /** Inserts honours; an honour whose id exists fails. */
  readonly addHonours: (honours: ReadonlyArray<Honour>) => Effect.Effect<void, StoreError>
  /** The honours of the ids that exist, ordered by id. */
  readonly honoursOf: (tenant: Tenant, ids: ReadonlyArray<HonourId>) => Effect.Effect<ReadonlyArray<Honour>, StoreError>
  /** Every honour, ordered by the day awarded, then id. */
  readonly honours: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Honour>, StoreError>
  /** Inserts letters; a letter whose honour has one fails. */
  readonly addLetters: (letters: ReadonlyArray<HonourLetter>) => Effect.Effect<void, StoreError>
  /** Every letter, ordered by honour. */
  readonly letters: (tenant: Tenant) => Effect.Effect<ReadonlyArray<HonourLetter>, StoreError>
  /**
   * The letters of the honours that have one, ordered by honour.
   *
   * @since 0.6.0
   */
  readonly lettersOf: (tenant: Tenant, honourIds: ReadonlyArray<HonourId>) => Effect.Effect<ReadonlyArray<HonourLetter>, StoreError>
  /**
   * Marks the pending letters of the honours sent on the day (status `sent`, `sentOn`
   * the day). A letter already sent keeps its day, and an honour without a letter is
   * passed over: marking twice changes nothing more.
   *
   * @since 0.6.0
   */
  readonly markSent: (tenant: Tenant, honourIds: ReadonlyArray<HonourId>, on: IsoDate) => Effect.Effect<void, StoreError>
}
