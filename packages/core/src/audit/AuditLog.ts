/**
 * The audit log port: append-only, one entry per write and per read of personal data,
 * in the same transaction as what it records.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { AuditEntry, NewAuditEntry } from "./AuditEntry.js"

/**
 * @since 0.2.0
 * @category ports
 */
export interface AuditLogShape {
  /**
   * Appends an entry; its seq is the tenant's next. Joins the current transaction, or
   * runs as a transaction of the entry's tenant of its own.
   */
  readonly append: (entry: NewAuditEntry) => Effect.Effect<AuditEntry, StoreError>
  /**
   * Appends entries in their order, each tenant's numbered on from its next seq, all
   * in one transaction (the current one, or one of their tenants of its own); returns
   * them numbered. The batch path appends a batch's entries with it.
   *
   * @since 0.2.0
   */
  readonly appendAll: (entries: ReadonlyArray<NewAuditEntry>) => Effect.Effect<ReadonlyArray<AuditEntry>, StoreError>
  /** Entries after a seq, oldest first, at most `limit` (`Infinity` for all). */
  readonly list: (
    tenant: Tenant,
    options: { readonly afterSeq: number; readonly limit: number }
  ) => Effect.Effect<ReadonlyArray<AuditEntry>, StoreError>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class AuditLog extends Context.Tag("@jiceng/core/AuditLog")<AuditLog, AuditLogShape>() {}
