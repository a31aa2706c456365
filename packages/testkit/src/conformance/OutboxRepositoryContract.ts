/**
 * The repository contract of the outbox port (`OutboxStore`), which every Store adapter
 * runs: entries read back as written, field by field, in their documented order; an
 * entry queued again is left as it was; a rolled-back transaction leaves nothing; a
 * claim takes only due, unleased entries of its back ends, at most its limit, and holds
 * them until its lease runs out; only the claim holding an entry records its outcome;
 * tenants never see each other's entries.
 *
 * Its tenants are the outbox suites' (`Tenants.nth` from 205,000 to 209,000).
 *
 * @since 0.6.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { OutboxStore, type Store, type Tenant, Transactor } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import { awkward } from "./contractKeys.js"
import { backendName, freshTenant, notification } from "./outboxSupport.js"

const ports = Effect.map(
  Effect.all([OutboxStore.OutboxStore, Transactor.Transactor]),
  ([outbox, transactor]) => ({ outbox, transaction: transactor.transaction })
)

const keyOf = (tenant: Tenant.Tenant, id: string, backend: string): OutboxStore.OutboxKey => ({ tenant, id, backend })

/**
 * Registers the outbox repository conformance tests of a Store layer. The layer is
 * built once for the whole suite.
 *
 * @since 0.6.0
 * @category conformance
 */
export const outboxRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  layer(storeLayer, { timeout: "60 seconds" })(`${name}: outbox repository contract`, (it) => {
    describe("enqueue and reads", () => {
      it.effect("enqueue, entries and counts: every field back as written, in due order; a repeat is left as it was; tenants apart", () =>
        Effect.gen(function*() {
          const { outbox } = yield* ports
          const t = freshTenant()
          const a = backendName("a")
          const b = backendName("b")
          const n1 = notification(t, "n1", { text: awkward.join(" "), html: "<p>中文</p>", data: { list: [1, null, "x"], nested: { k: awkward[0] } } })
          const n2 = notification(t, "n2", { lang: "en", gridCode: null, organisationId: "o1" })
          yield* outbox.enqueue([{ notification: n2, backend: a }], 2_000)
          yield* outbox.enqueue([{ notification: n1, backend: b }, { notification: n1, backend: a }, { notification: n1, backend: a }], 1_000)
          yield* outbox.enqueue([{ notification: { ...n1, subject: "changed" }, backend: a }], 3_000)
          const pending = yield* outbox.entries(t, "pending")
          expect(pending.map((e) => [e.id, e.backend, e.dueAt])).toEqual([
            ...[["n1", a, 1_000], ["n1", b, 1_000]].sort((x, y) => (x[1]! < y[1]! ? -1 : 1)),
            ["n2", a, 2_000]
          ])
          expect(pending[0]).toEqual({
            tenant: t,
            id: "n1",
            backend: pending[0]!.backend,
            notification: n1,
            state: "pending",
            attempts: 0,
            dueAt: 1_000,
            leaseUntil: null,
            leaseToken: null,
            lastError: null,
            enqueuedAt: 1_000,
            settledAt: null
          })
          expect(pending[2]!.notification).toEqual(n2)
          expect(yield* outbox.entries(t, "pending", 1)).toEqual([pending[0]])
          expect(yield* outbox.counts(t)).toEqual({ pending: 3, delivered: 0, dead: 0 })
          expect(yield* outbox.entries(freshTenant(), "pending")).toEqual([])
          expect(yield* outbox.counts(freshTenant())).toEqual({ pending: 0, delivered: 0, dead: 0 })
        }))

      it.effect("enqueue joins the transaction: rolled back, it leaves nothing", () =>
        Effect.gen(function*() {
          const { outbox, transaction } = yield* ports
          const t = freshTenant()
          const failed = yield* Effect.either(transaction(t, Effect.zipRight(
            outbox.enqueue([{ notification: notification(t, "n1"), backend: backendName("a") }], 1),
            Effect.fail("rolled back")
          )))
          expect(failed._tag).toBe("Left")
          expect(yield* outbox.counts(t)).toEqual({ pending: 0, delivered: 0, dead: 0 })
        }))
    })

    describe("claims and outcomes", () => {
      it.effect("claim: due, unleased entries of its back ends, at most its limit, held until the lease runs out", () =>
        Effect.gen(function*() {
          const { outbox } = yield* ports
          const t = freshTenant()
          const a = backendName("a")
          const other = backendName("other")
          yield* outbox.enqueue(["n1", "n2", "n3"].map((id) => ({ notification: notification(t, id), backend: a })), 1_000)
          yield* outbox.enqueue([{ notification: notification(t, "n4"), backend: a }], 5_000)
          yield* outbox.enqueue([{ notification: notification(t, "n5"), backend: other }], 1_000)
          const first = yield* outbox.claim({ backends: [a], now: 2_000, limit: 2, lease: 1_000, token: "x" })
          expect(first.map((e) => [e.id, e.leaseUntil, e.leaseToken])).toEqual([["n1", 3_000, "x"], ["n2", 3_000, "x"]])
          const second = yield* outbox.claim({ backends: [a], now: 2_500, limit: 10, lease: 1_000, token: "y" })
          expect(second.map((e) => e.id)).toEqual(["n3"])
          expect(yield* outbox.claim({ backends: [a], now: 2_900, limit: 10, lease: 1_000, token: "z" })).toEqual([])
          // The first claim's holder died: its lease runs out and another claims the entries.
          const again = yield* outbox.claim({ backends: [a], now: 3_000, limit: 10, lease: 1_000, token: "w" })
          expect(again.map((e) => e.id)).toEqual(["n1", "n2"])
          expect(yield* outbox.claim({ backends: [], now: 9_000, limit: 10, lease: 1_000, token: "v" })).toEqual([])
          expect((yield* outbox.claim({ backends: [a, other], now: 9_000, limit: 10, lease: 1_000, token: "u" })).map((e) => e.id))
            .toEqual(["n1", "n2", "n3", "n5", "n4"])
        }))

      it.effect("delivered, failed and dead: recorded only by the claim holding the entry; a failed entry is due again at its time", () =>
        Effect.gen(function*() {
          const { outbox } = yield* ports
          const t = freshTenant()
          const a = backendName("a")
          yield* outbox.enqueue(["n1", "n2", "n3"].map((id) => ({ notification: notification(t, id), backend: a })), 1_000)
          yield* outbox.claim({ backends: [a], now: 1_000, limit: 10, lease: 100, token: "old" })
          yield* outbox.claim({ backends: [a], now: 1_100, limit: 10, lease: 100, token: "new" })
          // The old claim lost its lease: what it records is dropped.
          yield* outbox.delivered([keyOf(t, "n1", a)], "old", 1_150)
          yield* outbox.dead(keyOf(t, "n2", a), "old", 1_150, "stale")
          expect(yield* outbox.counts(t)).toEqual({ pending: 3, delivered: 0, dead: 0 })
          yield* outbox.delivered([keyOf(t, "n1", a)], "new", 1_150)
          yield* outbox.failed(keyOf(t, "n2", a), "new", 5_000, "receiver unavailable (status 503)")
          yield* outbox.dead(keyOf(t, "n3", a), "new", 1_160, "refused (status 400)")
          yield* outbox.delivered([keyOf(t, "n1", a)], "new", 1_170)
          expect(yield* outbox.counts(t)).toEqual({ pending: 1, delivered: 1, dead: 1 })
          const [delivered] = yield* outbox.entries(t, "delivered")
          expect([delivered!.attempts, delivered!.settledAt, delivered!.leaseToken, delivered!.leaseUntil]).toEqual([1, 1_150, null, null])
          const [failed] = yield* outbox.entries(t, "pending")
          expect([failed!.id, failed!.attempts, failed!.dueAt, failed!.lastError, failed!.leaseToken]).toEqual([
            "n2", 1, 5_000, "receiver unavailable (status 503)", null
          ])
          const [dead] = yield* outbox.entries(t, "dead")
          expect([dead!.id, dead!.attempts, dead!.lastError, dead!.settledAt]).toEqual(["n3", 1, "refused (status 400)", 1_160])
          expect(yield* outbox.claim({ backends: [a], now: 4_999, limit: 10, lease: 100, token: "c" })).toEqual([])
          expect((yield* outbox.claim({ backends: [a], now: 5_000, limit: 10, lease: 100, token: "c" })).map((e) => e.id)).toEqual(["n2"])
        }))

      it.effect("purge: deletes a tenant's entries settled before the time in the states named, never a pending one; a purged id is queued again", () =>
        Effect.gen(function*() {
          const { outbox } = yield* ports
          const t = freshTenant()
          const other = freshTenant()
          const a = backendName("a")
          const ids = ["n1", "n2", "n3", "n4"]
          yield* outbox.enqueue([...ids.map((id) => ({ notification: notification(t, id), backend: a })), { notification: notification(other, "n1"), backend: a }], 1_000)
          yield* outbox.claim({ backends: [a], now: 1_000, limit: 10, lease: 10_000, token: "k" })
          yield* outbox.delivered([keyOf(t, "n1", a), keyOf(other, "n1", a)], "k", 2_000)
          yield* outbox.delivered([keyOf(t, "n2", a)], "k", 3_000)
          yield* outbox.dead(keyOf(t, "n3", a), "k", 2_000, "refused (status 400)")
          expect(yield* outbox.purge(t, 3_000, [])).toBe(0)
          expect(yield* outbox.purge(t, 3_000, ["delivered"])).toBe(1)
          expect(yield* outbox.counts(t)).toEqual({ pending: 1, delivered: 1, dead: 1 })
          expect(yield* outbox.purge(t, 10_000, ["delivered", "dead"])).toBe(2)
          expect(yield* outbox.counts(t)).toEqual({ pending: 1, delivered: 0, dead: 0 })
          expect(yield* outbox.counts(other)).toEqual({ pending: 0, delivered: 1, dead: 0 })
          yield* outbox.enqueue([{ notification: notification(t, "n1"), backend: a }], 20_000)
          expect((yield* outbox.entries(t, "pending")).map((e) => e.id)).toEqual(["n4", "n1"])
        }))
    })
  })
}
