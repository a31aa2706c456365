/**
 * What the emergency suites share: the co-construction suites' services (Grids,
 * Organisations, CoConstructions over a store) with the Emergency service on top, a
 * store built once per suite, the clock the suites run on, and tenants of their own.
 *
 * @internal
 */
import { Emergency, EmergencyConfig, type Store } from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as EmergencyIntents from "../arbitraries/EmergencyIntents.js"
import * as CoConstructionSupport from "./coConstructionSupport.js"
import { sharedOver } from "./sharedStore.js"
import * as Tenants from "./Tenants.js"

/**
 * The services the emergency suites run: the co-construction suites' and Emergency,
 * with its default configuration.
 *
 * @since 0.5.0
 * @category models
 */
export type Services = CoConstructionSupport.Services | Emergency.Emergency | EmergencyConfig.EmergencyConfig

/**
 * The Emergency service over the co-construction suites' services on a store.
 *
 * @since 0.5.0
 * @category layers
 */
export const emergencyOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<Services, E> =>
  Emergency.layer.pipe(Layer.provideMerge(Layer.merge(CoConstructionSupport.coConstructionsOver(store), EmergencyConfig.layer())))

/**
 * The emergency suites' store, built on first use and closed after the suite, with its
 * services and the suites' today (`sharedOver`). Call inside a `describe`.
 *
 * @since 0.5.0
 * @category layers
 */
export const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => sharedOver(store, emergencyOver, EmergencyIntents.todayMs)

/**
 * The differential's reference run: an effect over a memory store of its own.
 *
 * @since 0.5.0
 * @category layers
 */
export const over = <E>(store: Layer.Layer<Store.Store, E>) => <A, E2>(self: Effect.Effect<A, E2, Services>): Effect.Effect<A, E | E2> =>
  Effect.provide(self, emergencyOver(store))

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 285,000 to
 * 290,000, shared by the emergency conformance suite and the repository contract.
 *
 * @since 0.5.0
 * @category utils
 */
export const freshTenant = Tenants.counted("emergency suites", 285_000, 5_000)
