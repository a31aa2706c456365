/**
 * Two dispatchers on one outbox, each over its own connections (PostgreSQL): they
 * claim and deliver at the same time, and no message is delivered by both at once —
 * nor twice at all, since no lease runs out. The recording back end they share notes
 * every delivery that begins while another of the same message is under way.
 *
 * @since 0.6.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { Dispatcher, OutboxStore, type Store } from "@jiceng/core"
import { Clock, Effect, Layer } from "effect"
import * as RecordingBackend from "../notify/RecordingBackend.js"
import { backendName, freshTenant, notification } from "./outboxSupport.js"

/**
 * Registers the test: `storeLayer` and `otherLayer` open the same database with
 * connections of their own.
 *
 * @since 0.6.0
 * @category conformance
 */
export const dispatcherRace = (
  name: string,
  storeLayer: Layer.Layer<Store.Store, unknown>,
  otherLayer: Layer.Layer<Store.Store, unknown>
): void => {
  layer(storeLayer, { timeout: "60 seconds", excludeTestServices: true })(`${name}: two dispatchers`, (it) => {
    describe("SKIP LOCKED", () => {
      it.scoped("two dispatchers against one outbox never deliver the same message at once", () =>
        Effect.gen(function*() {
          const outbox = yield* OutboxStore.OutboxStore
          const other = yield* Layer.build(otherLayer)
          const tenant = freshTenant()
          const recorder = RecordingBackend.make({ name: backendName("race"), latency: 3 })
          const ids = Array.from({ length: 80 }, (_, i) => `n${i}`)
          yield* outbox.enqueue(ids.map((id) => ({ notification: notification(tenant, id), backend: recorder.backend.name })), yield* Clock.currentTimeMillis)
          const options = { backends: [recorder.backend], batch: 6, lease: 30_000, concurrency: 3 }
          const dispatchers = [yield* Dispatcher.make(options), yield* Effect.provide(Dispatcher.make(options), other)]
          const rounds = [0, 0]
          yield* Effect.forEach(dispatchers, (d, i) =>
            Effect.gen(function*() {
              for (;;) {
                const round = yield* d.runOnce
                if (round.claimed === 0) return
                rounds[i]!++
              }
            }), { concurrency: "unbounded" })
          expect(recorder.overlaps()).toBe(0)
          expect(recorder.received().map((n) => n.id).sort()).toEqual([...ids].sort())
          expect(yield* outbox.counts(tenant)).toEqual({ pending: 0, delivered: ids.length, dead: 0 })
          // Both took part.
          expect(rounds.every((n) => n > 0)).toBe(true)
        }))
    })
  })
}
