/**
 * An import whose source stalls (a network read that never answers) can still be
 * stopped: interrupting it, or a timeout around it, ends it, keeps the chunks it
 * committed, and closes the source once the read it waits on settles.
 *
 * Found by the co-construction conformance suite (CoConstructionBatch): closing an
 * async generator waits for its pending `next()`, so the import's finalizer awaited a
 * read that never came, and the interruption never completed.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, GridConfig, Grids, ImportLog, MemoryStore } from "@jiceng/core"
import { Households } from "@jiceng/testkit"
import { Deferred, Effect, Fiber, Layer, Option } from "effect"

const layer = () => Grids.layer.pipe(Layer.provideMerge(Layer.merge(MemoryStore.layer, GridConfig.layer())))

const tenant = "131102"
const admin = Actor.system(tenant)

describe("importAll with a stalled source", () => {
  it.live("is interrupted (and times out) while it waits on the source; what it committed stays", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const rows = [...Households.commands(tenant, { blocks: 10, households: 200 })]
      const closed: Array<string> = []
      let release: () => void = () => {}
      const stalled = yield* Deferred.make<void>()
      async function* stalling() {
        try {
          for (const [i, row] of rows.entries()) {
            if (i === 130) {
              await Effect.runPromise(Deferred.succeed(stalled, undefined))
              await new Promise<void>((resolve) => (release = resolve))
            }
            yield row
          }
        } finally {
          closed.push("closed")
        }
      }
      const fiber = yield* Effect.fork(grids.importAll(admin, stalling(), { id: "stalled", chunkSize: 50 }))
      yield* Deferred.await(stalled)
      const interrupted = yield* Effect.timeout(Fiber.interrupt(fiber), "2 seconds").pipe(Effect.either)
      expect(interrupted._tag).toBe("Right")
      const log = yield* ImportLog.ImportLog
      expect(Option.map(yield* log.progress(admin.tenant, "stalled"), (p) => p.committed)).toEqual(Option.some(100))
      // The source is closed once the read it was waiting on settles.
      release()
      yield* Effect.sleep("20 millis")
      expect(closed).toEqual(["closed"])

      // A timeout around an import of a source that never answers ends it.
      async function* silent(): AsyncGenerator<unknown> {
        yield rows[0]
        await new Promise(() => {})
      }
      const timedOut = yield* grids.importAll(admin, silent(), { id: "silent", chunkSize: 50 }).pipe(
        Effect.timeout("100 millis"),
        Effect.timeout("3 seconds"),
        Effect.either
      )
      expect(timedOut._tag === "Left" && timedOut.left._tag).toBe("TimeoutException")
    }).pipe(Effect.provide(layer())), { timeout: 20_000 })
})
