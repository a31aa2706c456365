/**
 * A store built once, on a suite's first use, and closed after the suite: the services a
 * suite runs are built over it and provided to each test's effect, the clock set to the
 * suite's today. So a suite needs no `it.layer` (which writes its methods onto the
 * shared `it`, so that the order of top-level suites would matter). Call inside a
 * `describe`.
 *
 * @internal
 */
import { afterAll } from "@effect/vitest"
import type { Store } from "@jiceng/core"
import { type Context, Effect, Exit, Layer, Scope, TestClock } from "effect"

/** @internal */
export const sharedOver = <E, R>(
  store: Layer.Layer<Store.Store, E>,
  servicesOver: (store: Layer.Layer<Store.Store>) => Layer.Layer<R>,
  todayMs: number
) => {
  let scope: Scope.CloseableScope | undefined
  let built: Promise<Context.Context<Store.Store>> | undefined
  afterAll(async () => {
    if (scope !== undefined) await Effect.runPromise(Scope.close(scope, Exit.void))
  })
  const context = Effect.promise(() =>
    built ??= Effect.runPromise(Effect.gen(function*() {
      scope = yield* Scope.make()
      return yield* Layer.buildWithScope(store, scope)
    }))
  )
  const services = servicesOver(Layer.effectContext(context))
  return <A, E2>(self: Effect.Effect<A, E2, R>): Effect.Effect<A, E2> =>
    Effect.provide(Effect.zipRight(TestClock.setTime(todayMs), self), services)
}
