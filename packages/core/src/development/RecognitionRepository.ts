/**
 * The recognition repository: the part of the `DevelopmentStore` port that keeps honours
 * and the letters of good news that go with them.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
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
}
