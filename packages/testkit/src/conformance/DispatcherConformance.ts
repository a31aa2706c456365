/**
 * The dispatcher over a store's outbox, with recording back ends: every message
 * arrives at least once while the receiver refuses for a while, and exactly once after
 * dropping repeats by id; a message refused permanently, or failing on every attempt
 * allowed, ends dead with its last error; one back end's failure never resends through
 * another; entries a dead dispatcher claimed are delivered once its lease has run out.
 *
 * Its tenants are the outbox suites' (`Tenants.nth` from 205,000 to 209,000). Runs on
 * the live clock with waits of a few milliseconds.
 *
 * @since 0.6.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { Dispatcher, OutboxStore, type Store, type Tenant } from "@jiceng/core"
import { Clock, Effect, type Layer, Logger, LogLevel, TestServices } from "effect"
import * as RecordingBackend from "../notify/RecordingBackend.js"
import { backendName, drain, freshTenant, notification } from "./outboxSupport.js"

/** Short waits: the first retry after 2 ms, at most 8 ms, five attempts. */
const backoff = { base: 2, factor: 2, maxDelay: 8, maxAttempts: 5 }

/** The dispatcher's warnings about failed deliveries are expected here. */
const quiet = Logger.withMinimumLogLevel(LogLevel.None)

/** Queues notifications of a tenant for back ends, due now. */
const queue = (tenant: Tenant.Tenant, ids: ReadonlyArray<string>, backends: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const outbox = yield* OutboxStore.OutboxStore
    const now = yield* Clock.currentTimeMillis
    yield* outbox.enqueue(ids.flatMap((id) => backends.map((backend) => ({ notification: notification(tenant, id), backend }))), now)
  })

const ids = (n: number, prefix = "n") => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

/**
 * Registers the dispatcher conformance tests of a Store layer.
 *
 * @since 0.6.0
 * @category conformance
 */
export const dispatcherConformance = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  layer(storeLayer, { timeout: "60 seconds" })(`${name}: dispatcher`, (it) => {
    /** A test on the live clock (the suite waits a few real milliseconds between rounds). */
    const live = <A, E>(title: string, self: () => Effect.Effect<A, E, Store.Store>) => it.effect(title, () => TestServices.provideLive(self()))
    describe("delivery", () => {
      live("the receiver refuses for a while, then comes back: every message arrives, each once after dropping repeats by id", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const recorder = RecordingBackend.make({ name: backendName("rec") })
          const all = ids(12)
          yield* queue(t, all, [recorder.backend.name])
          recorder.failNext(9)
          const dispatcher = yield* Dispatcher.make({ backends: [recorder.backend], batch: 5, backoff })
          yield* drain(dispatcher, t)
          const outbox = yield* OutboxStore.OutboxStore
          expect(yield* outbox.counts(t)).toEqual({ pending: 0, delivered: 12, dead: 0 })
          expect([...recorder.distinct()].sort()).toEqual([...all].sort())
          expect(recorder.attempts().filter((a) => !a.ok).length).toBe(9)
          expect(recorder.received().length).toBe(12)
        }))

      live("a message refused permanently is dead at once, one failing every attempt after the last allowed; each keeps its last error", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const recorder = RecordingBackend.make({ name: backendName("rec") })
          yield* queue(t, ids(4), [recorder.backend.name])
          recorder.failAlways(["n1"], true)
          recorder.failAlways(["n2"], false)
          const dispatcher = yield* Dispatcher.make({ backends: [recorder.backend], backoff })
          yield* drain(dispatcher, t)
          const outbox = yield* OutboxStore.OutboxStore
          expect(yield* outbox.counts(t)).toEqual({ pending: 0, delivered: 2, dead: 2 })
          const dead = yield* outbox.entries(t, "dead")
          expect(dead.map((e) => [e.id, e.attempts, e.lastError])).toEqual([
            ["n1", 1, "refused n1 (status 400)"],
            ["n2", backoff.maxAttempts, "refused n2 (status 503)"]
          ])
          expect(recorder.attempts().filter((a) => a.id === "n2").length).toBe(backoff.maxAttempts)
        }))

      live("one back end's failure never resends through another", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const good = RecordingBackend.make({ name: backendName("good") })
          const flaky = RecordingBackend.make({ name: backendName("flaky") })
          yield* queue(t, ids(3), [good.backend.name, flaky.backend.name])
          flaky.failNext(4)
          const dispatcher = yield* Dispatcher.make({ backends: [good.backend, flaky.backend], backoff })
          yield* drain(dispatcher, t)
          expect(good.attempts().map((a) => a.id).sort()).toEqual(ids(3))
          expect([...flaky.distinct()].sort()).toEqual(ids(3))
        }))

      live("entries a dead dispatcher claimed are delivered once its lease has run out", () =>
        Effect.gen(function*() {
          const t = freshTenant()
          const outbox = yield* OutboxStore.OutboxStore
          const recorder = RecordingBackend.make({ name: backendName("rec") })
          yield* queue(t, ids(3), [recorder.backend.name])
          // A dispatcher claims for 40 ms and dies before delivering.
          const now = yield* Clock.currentTimeMillis
          const lost = yield* outbox.claim({ backends: [recorder.backend.name], now, limit: 2, lease: 40, token: "dead" })
          expect(lost.length).toBe(2)
          const dispatcher = yield* Dispatcher.make({ backends: [recorder.backend], backoff })
          const round = yield* quiet(dispatcher.runOnce)
          expect(round.delivered).toBe(1)
          yield* Effect.sleep("50 millis")
          yield* drain(dispatcher, t)
          expect(yield* outbox.counts(t)).toEqual({ pending: 0, delivered: 3, dead: 0 })
          expect(recorder.received().map((n) => n.id).sort()).toEqual(ids(3))
        }))
    })
  })
}
