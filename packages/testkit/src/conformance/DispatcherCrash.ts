/**
 * A dispatcher killed with SIGKILL mid-batch and started again delivers the rest: a
 * child process (`DispatchChild`) delivers a tenant's outbox, appending each id to a
 * file, and is killed after a few deliveries, inside a claimed batch; a second child
 * takes up the dead one's claims once their lease has run out and finishes. Every
 * message is in the file, repeats only among the batch the first child held, and the
 * outbox holds every entry delivered.
 *
 * @since 0.6.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { Clock, Effect, type Layer } from "effect"
import { OutboxStore, type Store } from "@jiceng/core"
import type { ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { settings } from "../notify/DispatchChild.js"
import { backendName, freshTenant, notification } from "./outboxSupport.js"

const lines = (file: string): ReadonlyArray<string> =>
  existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : []

const exit = (child: ChildProcess) =>
  Effect.async<number | null>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.succeed(child.exitCode))
    child.once("exit", (code) => resume(Effect.succeed(code)))
  })

/**
 * Registers the crash test of a store: `spawn(tenant, backend, file)` starts a child
 * running `DispatchChild.run` on the same database.
 *
 * @since 0.6.0
 * @category conformance
 */
export const dispatcherCrash = (
  name: string,
  storeLayer: Layer.Layer<Store.Store, unknown>,
  spawn: (args: ReadonlyArray<string>) => ChildProcess
): void => {
  layer(storeLayer, { timeout: "60 seconds", excludeTestServices: true })(`${name}: dispatcher crash`, (it) => {
    describe("SIGKILL", () => {
      it.effect("a dispatcher killed with SIGKILL mid-batch and started again delivers the rest", () =>
        Effect.gen(function*() {
          const outbox = yield* OutboxStore.OutboxStore
          const tenant = freshTenant()
          const backend = backendName("file")
          const dir = mkdtempSync(join(tmpdir(), "jiceng-outbox-"))
          const file = join(dir, "delivered.txt")
          const ids = Array.from({ length: 30 }, (_, i) => `n${String(i).padStart(2, "0")}`)
          yield* outbox.enqueue(ids.map((id) => ({ notification: notification(tenant, id), backend })), yield* Clock.currentTimeMillis)
          const first = spawn([tenant, backend, file])
          // Killed after a few deliveries, not on a batch's edge.
          const at = 3 + Math.floor(Math.random() * 4)
          for (let polls = 0; lines(file).length < at && first.exitCode === null && polls < 2_000; polls++) {
            yield* Effect.sleep("2 millis")
          }
          first.kill("SIGKILL")
          yield* exit(first)
          const before = lines(file).length
          expect(before).toBeGreaterThanOrEqual(at)
          expect(before).toBeLessThan(ids.length)
          const counted = yield* outbox.counts(tenant)
          expect(counted.pending).toBeGreaterThan(0)
          const second = spawn([tenant, backend, file])
          expect(yield* exit(second)).toBe(0)
          const delivered = lines(file)
          rmSync(dir, { recursive: true, force: true })
          expect([...new Set(delivered)].sort()).toEqual(ids)
          // Only what the killed dispatcher delivered and could not record comes twice.
          expect(delivered.length - ids.length).toBeLessThanOrEqual(settings.batch)
          expect(yield* outbox.counts(tenant)).toEqual({ pending: 0, delivered: ids.length, dead: 0 })
        }))
    })
  })
}
