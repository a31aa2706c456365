/**
 * What the emergency suites share: the services over a store, a store built once per
 * suite, the clock the suites run on, and tenants of their own.
 *
 * @internal
 */
import {
  CoConstructionConfig,
  CoConstructions,
  Emergency,
  EmergencyConfig,
  GridConfig,
  Grids,
  OrganisationConfig,
  Organisations,
  type Store
} from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as EmergencyIntents from "../arbitraries/EmergencyIntents.js"
import { sharedOver } from "./sharedStore.js"
import * as Tenants from "./Tenants.js"

/**
 * The services the emergency suites run: Emergency, CoConstructions, Organisations and
 * Grids over a store, with the default configurations.
 *
 * @since 0.5.0
 * @category models
 */
export type Services =
  | Emergency.Emergency
  | CoConstructions.CoConstructions
  | Organisations.Organisations
  | Grids.Grids
  | Store.Store
  | GridConfig.GridConfig
  | OrganisationConfig.OrganisationConfig
  | CoConstructionConfig.CoConstructionConfig
  | EmergencyConfig.EmergencyConfig

/**
 * The Emergency, CoConstructions, Organisations and Grids services over a store, with
 * the default configurations.
 *
 * @since 0.5.0
 * @category layers
 */
export const emergencyOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<Services, E> =>
  Layer.mergeAll(Emergency.layer, CoConstructions.layer, Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(
      Layer.mergeAll(store, GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer(), EmergencyConfig.layer())
    )
  )

/**
 * A store built once, on a suite's first use, and closed after the suite; its services
 * provided to each test's effect on the suites' today. Call inside a `describe`.
 *
 * @since 0.5.0
 * @category layers
 */
export const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => sharedOver(store, emergencyOver, EmergencyIntents.todayMs)

/**
 * Runs an effect over a fresh store of its own (the differential's reference, a memory
 * store).
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
