/**
 * What the outbox and dispatcher suites share: their tenants, back-end names no other
 * test (or process sharing the database) uses, and notifications to queue.
 *
 * @since 0.6.0
 */
import { type Dispatcher, type Notification, OutboxStore, type StoreError, Tenant } from "@jiceng/core"
import { Effect, Logger, LogLevel } from "effect"
import * as Tenants from "./Tenants.js"

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 205,000 to
 * 209,000.
 *
 * @since 0.6.0
 * @category constructors
 */
export const freshTenant = (): Tenant.Tenant => Tenant.make(nextTenant())

const nextTenant = Tenants.counted("outbox suites", 205_000, 4_000)

let names = 0

/**
 * A back-end name no other test uses: a claim takes entries across tenants, by back
 * end, so tests sharing one database keep apart by their back ends' names.
 *
 * @since 0.6.0
 * @category constructors
 */
export const backendName = (label: string): string =>
  `${label}-${process.pid}-${names++}-${Math.random().toString(36).slice(2, 8)}`

/**
 * A notification of a tenant, for every back end, with awkward text where given.
 *
 * @since 0.6.0
 * @category constructors
 */
export const notification = (
  tenant: Tenant.Tenant,
  id: string,
  fields: Partial<Notification.Notification> = {}
): Notification.Notification => ({
  id,
  tenant,
  kind: "demand.assigned",
  raisedAt: "2024-05-01T10:00:00+08:00",
  gridCode: "131102001001",
  organisationId: null,
  to: [{ kind: "worker", id: "worker-1", name: null }],
  recipients: [{ backend: null, address: "worker-1", name: "网格员甲" }],
  lang: "zh",
  subject: "诉求已派单",
  text: "诉求 d1 已派给您，请及时办理。",
  html: null,
  data: { demandId: "d1", minutes: 30 },
  ...fields
})

/**
 * Runs a dispatcher's rounds until the tenant has nothing pending, a few milliseconds
 * apart (at most `rounds`; then what is left stays pending for the caller to see). The
 * dispatcher's warnings about failed deliveries, expected in these tests, are not logged.
 *
 * @since 0.6.0
 * @category running
 */
export const drain = (
  dispatcher: Dispatcher.Dispatcher,
  tenant: Tenant.Tenant,
  rounds = 200
): Effect.Effect<void, StoreError.StoreError, OutboxStore.OutboxStore> =>
  Effect.gen(function*() {
    const outbox = yield* OutboxStore.OutboxStore
    for (let i = 0; i < rounds; i++) {
      yield* dispatcher.runOnce
      if ((yield* outbox.counts(tenant)).pending === 0) return
      yield* Effect.sleep("3 millis")
    }
  }).pipe(Logger.withMinimumLogLevel(LogLevel.None))
