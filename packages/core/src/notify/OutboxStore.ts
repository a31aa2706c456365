/**
 * The outbox port: notifications waiting to be delivered, written in the transaction
 * of the change that causes them, so that a notification exists exactly when its change
 * committed. One entry per notification and back end, so that one back end's failure
 * never resends through another. A dispatcher claims due entries for a while (a lease):
 * an entry claimed by a dispatcher that died is claimed again once its lease has run
 * out, so nothing is lost across restarts; the outcome (delivered, failed with the next
 * attempt's time, dead) is recorded only by the claim that holds the entry.
 *
 * On PostgreSQL several dispatchers may share one outbox: a claim locks its rows with
 * `FOR UPDATE SKIP LOCKED`, so two never claim one entry at once. On SQLite run one
 * dispatcher per database file.
 *
 * @since 0.6.0
 */
import { Context, type Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import { compareStrings } from "../internal/compareStrings.js"
import type { Notification } from "./Notification.js"

/**
 * Where an entry is: waiting (or being delivered), delivered, or dead (given up on,
 * holding its last error).
 *
 * @since 0.6.0
 * @category models
 */
export type OutboxState = "pending" | "delivered" | "dead"

/**
 * What identifies an entry: the notification's tenant and id, and the back end.
 *
 * @since 0.6.0
 * @category models
 */
export interface OutboxKey {
  readonly tenant: Tenant
  readonly id: string
  readonly backend: string
}

/**
 * One notification for one back end, as the outbox holds it. Times are epoch
 * milliseconds.
 *
 * @since 0.6.0
 * @category models
 */
export interface OutboxEntry extends OutboxKey {
  readonly notification: Notification
  readonly state: OutboxState
  /** Deliveries tried so far. */
  readonly attempts: number
  /** When it may be tried (again). */
  readonly dueAt: number
  /** Until when a dispatcher's claim holds it (null: unclaimed). */
  readonly leaseUntil: number | null
  /** The claim that holds it (null: unclaimed). */
  readonly leaseToken: string | null
  /** The last delivery error (a back end's message, never a secret). */
  readonly lastError: string | null
  readonly enqueuedAt: number
  /** When it was delivered or given up on. */
  readonly settledAt: number | null
}

/**
 * A claim: the back ends the dispatcher delivers through, the time, how many entries at
 * most, how long the claim holds them, and the claim's token.
 *
 * @since 0.6.0
 * @category models
 */
export interface Claim {
  readonly backends: ReadonlyArray<string>
  readonly now: number
  readonly limit: number
  /** Milliseconds. */
  readonly lease: number
  readonly token: string
}

/**
 * The number of a tenant's entries in each state.
 *
 * @since 0.6.0
 * @category models
 */
export interface OutboxCounts {
  readonly pending: number
  readonly delivered: number
  readonly dead: number
}

/**
 * A new entry: a notification for a back end, pending and due at `now`, never tried.
 *
 * @since 0.6.0
 * @category constructors
 */
export const pending = (notification: Notification, backend: string, now: number): OutboxEntry => ({
  tenant: notification.tenant,
  id: notification.id,
  backend,
  notification,
  state: "pending",
  attempts: 0,
  dueAt: now,
  leaseUntil: null,
  leaseToken: null,
  lastError: null,
  enqueuedAt: now,
  settledAt: null
})

/**
 * The order of claims and of `entries`: the earliest due first, then by tenant, id and
 * back end (strings by their code units, as the stores' byte-ordered columns hold ASCII
 * keys).
 *
 * @since 0.6.0
 * @category utils
 */
export const byDue = (a: OutboxEntry, b: OutboxEntry): number =>
  a.dueAt - b.dueAt || compareStrings(a.tenant, b.tenant) || compareStrings(a.id, b.id) ||
  compareStrings(a.backend, b.backend)

/**
 * @since 0.6.0
 * @category ports
 */
export interface OutboxStoreShape {
  /**
   * Adds entries, due at `now`. An entry that exists already (the same tenant,
   * notification id and back end: an event raised again) is left as it is. Joins the
   * current transaction, or runs as a statement of its own.
   */
  readonly enqueue: (
    entries: ReadonlyArray<{ readonly notification: Notification; readonly backend: string }>,
    now: number
  ) => Effect.Effect<void, StoreError>
  /**
   * Claims the pending entries of the given back ends that are due at `now` and not held
   * by a lease that runs past `now`, the earliest due first (then by tenant, id and back
   * end), at most `limit`, for `lease` milliseconds under `token`; returns them as
   * claimed. On PostgreSQL rows another claim holds locked are skipped.
   */
  readonly claim: (claim: Claim) => Effect.Effect<ReadonlyArray<OutboxEntry>, StoreError>
  /** Marks entries delivered at `at`, where `token` still holds them (a claim that lost its lease changes nothing). */
  readonly delivered: (keys: ReadonlyArray<OutboxKey>, token: string, at: number) => Effect.Effect<void, StoreError>
  /** Records a failed attempt: one more attempt, due again at `nextAt`, the lease released, the error kept. */
  readonly failed: (key: OutboxKey, token: string, nextAt: number, error: string) => Effect.Effect<void, StoreError>
  /** Gives up on an entry: one more attempt, dead at `at` with its last error. */
  readonly dead: (key: OutboxKey, token: string, at: number, error: string) => Effect.Effect<void, StoreError>
  /** A tenant's entries in a state, ordered by due time, id and back end (at most `limit`, 1,000 unless given). */
  readonly entries: (tenant: Tenant, state: OutboxState, limit?: number) => Effect.Effect<ReadonlyArray<OutboxEntry>, StoreError>
  /** The number of a tenant's entries in each state. */
  readonly counts: (tenant: Tenant) => Effect.Effect<OutboxCounts, StoreError>
  /**
   * Deletes a tenant's settled entries (`delivered`, and `dead` where given) settled
   * before `before`; returns how many. Pending entries are never deleted. A deleted
   * entry's id is forgotten: the same notification raised again is queued again (its
   * receivers drop the repeat by id), so keep settled entries longer than the reminders
   * that may repeat a fact.
   */
  readonly purge: (
    tenant: Tenant,
    before: number,
    states: ReadonlyArray<"delivered" | "dead">
  ) => Effect.Effect<number, StoreError>
}

/**
 * @since 0.6.0
 * @category tags
 */
export class OutboxStore extends Context.Tag("@jiceng/core/OutboxStore")<OutboxStore, OutboxStoreShape>() {}
