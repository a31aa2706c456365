/**
 * The audit log port: append-only.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { AuditEntry, NewAuditEntry } from "./AuditEntry.js"

/**
 * @since 0.1.0
 * @category ports
 */
export interface AuditLog {
  /** Appends an entry; its seq is the tenant's next. */
  readonly append: (entry: NewAuditEntry) => Effect.Effect<AuditEntry, StoreError>
  /** Entries after a seq, oldest first, at most `limit`. */
  readonly list: (
    tenant: Tenant,
    options: { readonly afterSeq: number; readonly limit: number }
  ) => Effect.Effect<ReadonlyArray<AuditEntry>, StoreError>
}
