/**
 * The practical-matter repository: the part of the `OutreachStore` port that keeps
 * 一支部一实事 batches and matters.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Batch, BatchId, Matter, MatterId } from "./PracticalMatter.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface MatterRepository {
  /** Inserts batches; a batch whose id exists fails. */
  readonly addBatches: (batches: ReadonlyArray<Batch>) => Effect.Effect<void, StoreError>
  /** The batches of the ids that exist, ordered by id. */
  readonly batchesOf: (tenant: Tenant, ids: ReadonlyArray<BatchId>) => Effect.Effect<ReadonlyArray<Batch>, StoreError>
  /** Every batch, ordered by id. */
  readonly batches: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Batch>, StoreError>
  /** Inserts matters or replaces those of the same id. */
  readonly putMatters: (matters: ReadonlyArray<Matter>) => Effect.Effect<void, StoreError>
  /** The matters of the ids that exist, ordered by id. */
  readonly mattersOf: (tenant: Tenant, ids: ReadonlyArray<MatterId>) => Effect.Effect<ReadonlyArray<Matter>, StoreError>
  /** Every matter, ordered by id. */
  readonly matters: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Matter>, StoreError>
}
