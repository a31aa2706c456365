/**
 * What the organisation suites share: the services over a store, a store built once per
 * suite, and the clock the suites run on.
 *
 * @internal
 */
import { sharedOver } from "./sharedStore.js"
import { GridConfig, Grids, OrganisationConfig, Organisations, type Store } from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"

/**
 * The Organisations and Grids services over a store, with the default configurations.
 *
 * @since 0.2.0
 * @category layers
 */
export const organisationsOver = <E>(
  store: Layer.Layer<Store.Store, E>
): Layer.Layer<Organisations.Organisations | Grids.Grids | Store.Store | GridConfig.GridConfig | OrganisationConfig.OrganisationConfig, E> =>
  Layer.mergeAll(Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), OrganisationConfig.layer()))
  )

/**
 * A store built once, on a suite's first use, and closed after the suite: its services
 * are provided to each test's effect, so a suite needs no `it.layer` (which writes its
 * methods onto the shared `it`, so that the order of top-level suites would matter).
 * Call inside a `describe`.
 *
 * @since 0.2.0
 * @category layers
 */
export const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => {
  return sharedOver(store, organisationsOver, OrganisationIntents.todayMs)
}

/** Runs an effect over a fresh memory-like store (the differential's reference), on the same clock. */
export const over = <E>(store: Layer.Layer<Store.Store, E>) =>
<A, E2>(
  self: Effect.Effect<
    A,
    E2,
    Organisations.Organisations | Grids.Grids | Store.Store | GridConfig.GridConfig | OrganisationConfig.OrganisationConfig
  >
): Effect.Effect<A, E | E2> => Effect.provide(self, organisationsOver(store))
