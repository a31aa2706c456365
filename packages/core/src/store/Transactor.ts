/**
 * The transaction port: the one piece every store provides whatever domains it holds.
 * A domain's repository port (`GridStore`, `AuditLog`, …) writes inside
 * {@link TransactorShape.transaction}; one transaction spans every port the effect
 * touches, because a store implements its ports over one connection (or one state).
 *
 * @since 0.2.0
 */
import { Context, type Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface TransactorShape {
  /**
   * Runs `self` as one transaction of `tenant`: everything it writes, through any port
   * of the same store, commits when it succeeds and nothing does when it fails. Writes
   * of one tenant are serialised, so a rule checked inside still holds at commit.
   * Nested calls join the outer transaction.
   */
  readonly transaction: <A, E, R>(tenant: Tenant, self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class Transactor extends Context.Tag("@jiceng/core/Transactor")<Transactor, TransactorShape>() {}
