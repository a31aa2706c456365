/**
 * The Store port: the repositories of every aggregate inside one transactional
 * layer. A write runs in {@link StoreShape.transaction}: the state it changes and its
 * audit entry commit together or not at all, and writes of one tenant are serialised
 * so that a rule checked inside the transaction still holds at commit.
 *
 * Implementations: `MemoryStore` (here), `@jiceng/store-sqlite`, `@jiceng/store-postgres`;
 * all pass the conformance suite in `@jiceng/testkit`.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { AuditLog } from "../audit/AuditLog.js"
import type { StoreError } from "../errors/StoreError.js"
import type { GridRepository } from "../grid/GridRepository.js"
import type { PlaceRepository } from "../grid/PlaceRepository.js"
import type { WorkerRepository } from "../grid/WorkerRepository.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface StoreShape {
  readonly grids: GridRepository
  readonly places: PlaceRepository
  readonly workers: WorkerRepository
  readonly audit: AuditLog
  /**
   * Runs `self` as one transaction of `tenant`: everything it writes commits when it
   * succeeds and nothing does when it fails. Nested calls join the outer transaction.
   */
  readonly transaction: <A, E, R>(tenant: Tenant, self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Store extends Context.Tag("@jiceng/core/Store")<Store, StoreShape>() {}
