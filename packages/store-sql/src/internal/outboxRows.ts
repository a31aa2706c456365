/**
 * The outbox's rows and how they read back.
 *
 * @internal
 */
import type { Notification, OutboxStore, Tenant } from "@jiceng/core"
import type * as Queries from "./queries.js"
import * as Rows from "./rows.js"

/** @internal */
export interface OutboxRow {
  readonly tenant: string
  readonly id: string
  readonly backend: string
  readonly notification: string
  readonly state: string
  readonly attempts: number | string
  readonly due_at: number | string
  readonly lease_until: number | string | null
  readonly lease_token: string | null
  readonly last_error: string | null
  readonly enqueued_at: number | string
  readonly settled_at: number | string | null
}

/** @internal */
export const columns: Queries.Columns<OutboxStore.OutboxEntry> = [
  ["tenant", (e) => e.tenant],
  ["id", (e) => e.id],
  ["backend", (e) => e.backend],
  ["notification", (e) => JSON.stringify(e.notification)],
  ["state", (e) => e.state],
  ["attempts", (e) => e.attempts],
  ["due_at", (e) => e.dueAt],
  ["lease_until", (e) => e.leaseUntil],
  ["lease_token", (e) => e.leaseToken],
  ["last_error", (e) => e.lastError],
  ["enqueued_at", (e) => e.enqueuedAt],
  ["settled_at", (e) => e.settledAt]
]

const states: ReadonlyArray<string> = ["pending", "delivered", "dead"]
const numberOrNull = (value: number | string | null): number | null => value === null ? null : Rows.toNumber(value)

/** An entry, or what in the row cannot be read. @internal */
export const toEntry = (row: OutboxRow): OutboxStore.OutboxEntry | string => {
  const notification = Rows.parseJson(row.notification, Rows.isObject)
  if (notification === undefined) return `outbox entry ${row.id}: notification is not a JSON object`
  if (!states.includes(row.state)) return `outbox entry ${row.id}: unknown state ${row.state}`
  return {
    tenant: row.tenant as Tenant.Tenant,
    id: row.id,
    backend: row.backend,
    notification: notification as unknown as Notification.Notification,
    state: row.state as OutboxStore.OutboxState,
    attempts: Rows.toNumber(row.attempts),
    dueAt: Rows.toNumber(row.due_at),
    leaseUntil: numberOrNull(row.lease_until),
    leaseToken: row.lease_token,
    lastError: row.last_error,
    enqueuedAt: Rows.toNumber(row.enqueued_at),
    settledAt: numberOrNull(row.settled_at)
  }
}
