/**
 * The idempotency port: what a keyed write recorded, so that the same key sent again
 * gets the first write's result back. One record per tenant, scope (the service that
 * ran the write: `Grids`, `Organisations`, `CoConstructions`) and key, holding the
 * fingerprint of what was written and its result as JSON text. A record is written in
 * the transaction of the write it records, so it commits with it or not at all; records
 * are kept until a platform removes them (the library never does).
 *
 * The volunteer ledger keeps its keys on its own entries; the other domains keep theirs
 * here, through `executeKeyed` and `executeAllKeyed` on their services. See
 * `Idempotency`.
 *
 * @since 0.4.0
 */
import { Context, type Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"

/**
 * A keyed write as it was recorded.
 *
 * @since 0.4.0
 * @category models
 */
export interface IdempotencyRecord {
  readonly tenant: Tenant
  /** The service that ran the write (`Grids`, `Organisations`, `CoConstructions`): keys of one scope never meet another's. */
  readonly scope: string
  /** The client's key. */
  readonly key: string
  /** `Idempotency.fingerprint` of the decoded command (or of the batch): what "the same content" means. */
  readonly fingerprint: string
  /** The write's result as JSON text, returned again to every retry. */
  readonly result: string
  /** When it was recorded, in epoch milliseconds. */
  readonly recordedAt: number
}

/**
 * A record to write: the store stamps `recordedAt` with the `Clock`.
 *
 * @since 0.4.0
 * @category models
 */
export type NewIdempotencyRecord = Omit<IdempotencyRecord, "recordedAt">

/**
 * @since 0.4.0
 * @category ports
 */
export interface IdempotencyStoreShape {
  /** The records of some keys of a tenant's scope, ordered by key; keys never recorded are left out. */
  readonly find: (
    tenant: Tenant,
    scope: string,
    keys: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<IdempotencyRecord>, StoreError>
  /**
   * Records keyed writes, all or none. A key already recorded in its tenant's scope (or
   * given twice) fails with a `StoreError`: a record is never replaced. Joins the
   * current transaction, or runs as a transaction of the records' tenants of its own.
   */
  readonly put: (records: ReadonlyArray<NewIdempotencyRecord>) => Effect.Effect<void, StoreError>
}

/**
 * @since 0.4.0
 * @category tags
 */
export class IdempotencyStore extends Context.Tag("@jiceng/core/IdempotencyStore")<IdempotencyStore, IdempotencyStoreShape>() {}
