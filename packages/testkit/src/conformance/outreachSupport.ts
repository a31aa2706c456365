/**
 * What the outreach suites share: the services over a store, a store built once per
 * suite, the clock the suites run on, and tenants of their own.
 *
 * @internal
 */
import { GridConfig, Grids, OrganisationConfig, Organisations, Outreach, OutreachConfig, type Store } from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as OutreachIntents from "../arbitraries/OutreachIntents.js"
import { sharedOver } from "./sharedStore.js"
import * as Tenants from "./Tenants.js"

/**
 * The services the outreach suites run: Outreach, Organisations and Grids over a store,
 * with the default configurations.
 *
 * @since 0.5.0
 * @category models
 */
export type Services =
  | Outreach.Outreach
  | Organisations.Organisations
  | Grids.Grids
  | Store.Store
  | GridConfig.GridConfig
  | OrganisationConfig.OrganisationConfig
  | OutreachConfig.OutreachConfig

/**
 * The Outreach, Organisations and Grids services over a store, with the default
 * configurations.
 *
 * @since 0.5.0
 * @category layers
 */
export const outreachOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<Services, E> =>
  Layer.mergeAll(Outreach.layer, Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), OrganisationConfig.layer(), OutreachConfig.layer()))
  )

/**
 * A store built once, on a suite's first use, and closed after the suite; its services
 * provided to each test's effect on the suites' today. Call inside a `describe`.
 *
 * @since 0.5.0
 * @category layers
 */
export const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => sharedOver(store, outreachOver, OutreachIntents.todayMs)

/**
 * Runs an effect over a fresh store of its own (the differential's reference, a memory
 * store), on the suites' today.
 *
 * @since 0.5.0
 * @category layers
 */
export const over = <E>(store: Layer.Layer<Store.Store, E>) => <A, E2>(self: Effect.Effect<A, E2, Services>): Effect.Effect<A, E | E2> =>
  Effect.provide(self, outreachOver(store))

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 280,000 to
 * 284,000.
 *
 * @since 0.5.0
 * @category utils
 */
export const freshTenant = Tenants.counted("outreach suites", 280_000, 4_000)
