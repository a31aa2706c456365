/**
 * The import log port: how far each named import has committed, written in the same
 * transaction as the chunk it records, so that an import stopped at any point (a crash,
 * a kill, a refused row) resumes after its last committed chunk with nothing lost and
 * nothing written twice.
 *
 * @since 0.2.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"

/**
 * An import's resume point: the count of its source's items committed so far, and a
 * digest of them, to tell a resumed import that its source is not the one it began with.
 *
 * @since 0.2.0
 * @category models
 */
export interface ImportProgress {
  readonly tenant: Tenant
  /** The import's name, chosen by the caller (a file name, a job id). */
  readonly id: string
  readonly committed: number
  readonly digest: string
  /** When the last chunk committed, in epoch milliseconds. */
  readonly atMs: number
}

/**
 * @since 0.2.0
 * @category ports
 */
export interface ImportLogShape {
  /** An import's progress, if it has committed anything. */
  readonly progress: (tenant: Tenant, id: string) => Effect.Effect<Option.Option<ImportProgress>, StoreError>
  /**
   * Records an import's progress (creating or replacing it). Called inside the
   * transaction of the chunk it records.
   */
  readonly record: (progress: Omit<ImportProgress, "atMs">) => Effect.Effect<void, StoreError>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class ImportLog extends Context.Tag("@jiceng/core/ImportLog")<ImportLog, ImportLogShape>() {}
