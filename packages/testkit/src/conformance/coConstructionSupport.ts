/**
 * What the co-construction suites share: the services over a store, a store built once
 * per suite, the clock the suites run on, and tenants of their own.
 *
 * @internal
 */
import {
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  Grids,
  OrganisationConfig,
  Organisations,
  type Store
} from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import { sharedOver } from "./sharedStore.js"
import * as Tenants from "./Tenants.js"

/**
 * The services the co-construction suites run: CoConstructions, Organisations and Grids
 * over a store, with the default configurations.
 *
 * @since 0.3.0
 * @category models
 */
export type Services =
  | CoConstructions.CoConstructions
  | Organisations.Organisations
  | Grids.Grids
  | Store.Store
  | GridConfig.GridConfig
  | OrganisationConfig.OrganisationConfig
  | CoConstructionConfig.CoConstructionConfig

/**
 * The CoConstructions, Organisations and Grids services over a store, with the default
 * configurations.
 *
 * @since 0.3.0
 * @category layers
 */
export const coConstructionsOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<Services, E> =>
  Layer.mergeAll(CoConstructions.layer, Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer()))
  )

/**
 * A store built once, on a suite's first use, and closed after the suite (as
 * `organisationSupport.sharedStore`): its services are provided to each test's effect,
 * the clock set to the suites' today. Call inside a `describe`.
 *
 * @since 0.3.0
 * @category layers
 */
export const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => {
  return sharedOver(store, coConstructionsOver, CoConstructionIntents.todayMs)
}

/**
 * Runs an effect over a fresh store of its own (the differential's reference, a memory
 * store), on the clock it is given.
 *
 * @since 0.3.0
 * @category layers
 */
export const over = <E>(store: Layer.Layer<Store.Store, E>) => <A, E2>(self: Effect.Effect<A, E2, Services>): Effect.Effect<A, E | E2> =>
  Effect.provide(self, coConstructionsOver(store))

/** The first of the co-construction suites' tenants (`Tenants.nth`); see {@link freshTenant}. */
const first = 250_000

let next = first

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 250,000 to
 * 270,000, counted (the ranges of every suite are listed at `Tenants.counted`).
 *
 * @since 0.3.0
 * @category utils
 */
export const freshTenant = (): string => {
  if (next >= first + 20_000) throw new Error("the co-construction suites ran out of tenants")
  return Tenants.nth(next++)
}
