/**
 * What the demand suites share: the services over a store, a store built once per
 * suite, the clock the suites run on, and tenants of their own.
 *
 * @internal
 */
import { DemandConfig, Demands, GridConfig, Grids, type Store } from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as DemandIntents from "../arbitraries/DemandIntents.js"
import { sharedOver } from "./sharedStore.js"
import * as Tenants from "./Tenants.js"

/**
 * The services the demand suites run: Demands and Grids over a store, with the default
 * configurations.
 *
 * @since 0.5.0
 * @category models
 */
export type Services = Demands.Demands | Grids.Grids | Store.Store | GridConfig.GridConfig | DemandConfig.DemandConfig

/**
 * The Demands and Grids services over a store, with the default configurations.
 *
 * @since 0.5.0
 * @category layers
 */
export const demandsOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<Services, E> =>
  Layer.mergeAll(Demands.layer, Grids.layer).pipe(Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), DemandConfig.layer())))

/**
 * A store built once, on a suite's first use, and closed after the suite; its services
 * provided to each test's effect on the suites' today. Call inside a `describe`.
 *
 * @since 0.5.0
 * @category layers
 */
export const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => sharedOver(store, demandsOver, DemandIntents.todayMs)

/**
 * Runs an effect over a fresh store of its own (the differential's reference, a memory
 * store).
 *
 * @since 0.5.0
 * @category layers
 */
export const over = <E>(store: Layer.Layer<Store.Store, E>) => <A, E2>(self: Effect.Effect<A, E2, Services>): Effect.Effect<A, E | E2> =>
  Effect.provide(self, demandsOver(store))

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 270,000 to
 * 277,000.
 *
 * @since 0.5.0
 * @category utils
 */
export const freshTenant = Tenants.counted("demand suites", 270_000, 7_000)
