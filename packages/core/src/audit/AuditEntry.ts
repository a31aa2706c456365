/**
 * An audit entry: who did what to which target. Every write commits one in the same
 * transaction as the state it changes; reads of personal data write one too.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const AuditEntry = Schema.Struct({
  tenant: Tenant,
  /** Per-tenant sequence, from 1, gap-free in commit order. */
  seq: Schema.Int.pipe(Schema.positive()),
  /** Epoch milliseconds. */
  atMs: Schema.Int,
  actor: Schema.String,
  action: Schema.String,
  target: Schema.String,
  /** JSON of the command, with personal data left out. */
  detail: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AuditEntry extends Schema.Schema.Type<typeof AuditEntry> {}

/**
 * What a writer supplies; the store assigns `seq` and `atMs`.
 *
 * @since 0.1.0
 * @category models
 */
export type NewAuditEntry = Omit<AuditEntry, "seq" | "atMs">
