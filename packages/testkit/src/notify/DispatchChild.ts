/**
 * The body of a dispatcher in a child process, for the crash tests: delivers a
 * tenant's outbox through a back end that appends each notification's id to a file
 * (synchronously, one line a delivery, a few milliseconds each), and exits when the
 * tenant has nothing pending. The test kills it with SIGKILL mid-batch and starts it
 * again; the file then shows every id at least once.
 *
 * @since 0.6.0
 */
import { Dispatcher, OutboxStore, type Store, Tenant } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import { appendFileSync } from "node:fs"

/**
 * The crash tests' settings: claims of 8 for 300 ms, one delivery at a time.
 *
 * @since 0.6.0
 * @category constants
 */
export const settings = { batch: 8, lease: 300, latency: 5 } as const

/**
 * Runs the dispatcher until the tenant has nothing pending.
 *
 * @since 0.6.0
 * @category runners
 */
export const run = (
  storeLayer: Layer.Layer<Store.Store, unknown>,
  args: { readonly tenant: string; readonly backend: string; readonly file: string }
): Promise<void> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const tenant = Tenant.make(args.tenant)
      const outbox = yield* OutboxStore.OutboxStore
      const dispatcher = yield* Dispatcher.make({
        backends: [{
          name: args.backend,
          accepts: () => true,
          deliver: (n) =>
            Effect.zipRight(Effect.sleep(settings.latency), Effect.sync(() => appendFileSync(args.file, `${n.id}\n`)))
        }],
        batch: settings.batch,
        lease: settings.lease,
        timeout: settings.lease / 2,
        concurrency: 1
      })
      while ((yield* outbox.counts(tenant)).pending > 0) {
        const round = yield* dispatcher.runOnce
        if (round.claimed === 0) yield* Effect.sleep("20 millis")
      }
    }).pipe(Effect.scoped, Effect.provide(storeLayer)) as Effect.Effect<void, unknown>
  )
