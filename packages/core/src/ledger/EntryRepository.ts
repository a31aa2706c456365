/**
 * The entry repository: the part of the `LedgerStore` port that keeps the ledger's
 * entries and the head of each tenant's hash chain. Entries are appended, never
 * updated or deleted; the service appends them inside the `Transactor`'s transaction,
 * which serialises the writers of a tenant.
 *
 * @since 0.4.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IdempotencyKey } from "../idempotency/Idempotency.js"
import type { LocalMinute } from "../time/LocalMinute.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Head } from "./HashChain.js"
import type { LedgerEntry } from "./LedgerEntry.js"
import type { VolunteerId } from "./LedgerVolunteer.js"
import type { TotalsQuery, TotalsRow } from "./Rollup.js"

/**
 * @since 0.4.0
 * @category ports
 */
export interface EntryRepository {
  /** The tenant's chain head as last stored, or null before its first entry. */
  readonly head: (tenant: Tenant) => Effect.Effect<Head | null, StoreError>
  /**
   * Inserts entries (in seq order, following the stored head) and stores the last one's
   * seq and hash as the head. A seq, or a key and part, that exists fails and writes
   * nothing.
   */
  readonly append: (tenant: Tenant, entries: ReadonlyArray<LedgerEntry>) => Effect.Effect<void, StoreError>
  /** The entries written under any of the keys, ordered by seq. */
  readonly byKeys: (tenant: Tenant, keys: ReadonlyArray<IdempotencyKey>) => Effect.Effect<ReadonlyArray<LedgerEntry>, StoreError>
  /** The entries of the seqs that exist, ordered by seq. */
  readonly bySeqs: (tenant: Tenant, seqs: ReadonlyArray<number>) => Effect.Effect<ReadonlyArray<LedgerEntry>, StoreError>
  /** The reversals of any of the seqs, ordered by seq. */
  readonly reversalsOf: (tenant: Tenant, seqs: ReadonlyArray<number>) => Effect.Effect<ReadonlyArray<LedgerEntry>, StoreError>
  /**
   * The sessions (service entries not reversed) of any of the volunteers that overlap
   * the minutes from `from` to `to` (startsAt < to and endsAt > from), ordered by
   * volunteer then startsAt. A session entry lasts at most
   * `LedgerConfig.longestSessionMinutes` (no policy accepts a longer one), so a store
   * may look no further back than that before `from`: the batch's reads then stay
   * the same size however long the ledger grows.
   */
  readonly sessions: (
    tenant: Tenant,
    volunteers: ReadonlyArray<VolunteerId>,
    from: LocalMinute,
    to: LocalMinute
  ) => Effect.Effect<ReadonlyArray<LedgerEntry>, StoreError>
  /** Entries after a seq, in seq order, at most `limit` of them (for verification). */
  readonly page: (tenant: Tenant, afterSeq: number, limit: number) => Effect.Effect<ReadonlyArray<LedgerEntry>, StoreError>
  /**
   * The entries of any of the volunteers whose session starts on a day from `from` to
   * `to` (both included; null: without that bound), ordered by seq.
   */
  readonly ofVolunteers: (
    tenant: Tenant,
    volunteers: ReadonlyArray<VolunteerId>,
    from: IsoDate | null,
    to: IsoDate | null
  ) => Effect.Effect<ReadonlyArray<LedgerEntry>, StoreError>
  /** Sums of the entries by the query's dimensions, ordered by its keys (nulls first). */
  readonly totals: (tenant: Tenant, query: TotalsQuery) => Effect.Effect<ReadonlyArray<TotalsRow>, StoreError>
}
