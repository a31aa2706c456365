/**
 * What the grid suites share: the service over a store, fresh tenants, the long factor.
 *
 * @internal
 */
import { GridConfig, Grids, type Store } from "@jiceng/core"
import { Layer } from "effect"
import * as Tenants from "./Tenants.js"

/**
 * The Grids service over a store, with the default grid configuration.
 *
 * @since 0.1.0
 * @category layers
 */
export const gridsOver = <E>(
  store: Layer.Layer<Store.Store, E>
): Layer.Layer<Grids.Grids | Store.Store | GridConfig.GridConfig, E> =>
  Grids.layer.pipe(Layer.provideMerge(Layer.merge(store, GridConfig.layer())))

/**
 * A fresh tenant code per property run, so runs share one database and never see
 * each other (which also exercises tenant isolation).
 *
 * @since 0.1.0
 * @category utils
 */
export const freshTenant = (): string => Tenants.fresh()

/**
 * How many times more property runs `npm run test:long` (JICENG_LONG=1) asks for.
 *
 * @since 0.1.0
 * @category utils
 */
export const longFactor = (): number => (process.env["JICENG_LONG"] ? 20 : 1)

/**
 * The options every domain's conformance suite takes.
 *
 * @since 0.5.0
 * @category models
 */
export interface SuiteOptions {
  readonly numRuns?: number
  readonly maxIntents?: number
  /** Compare with the memory store (default true; off for the memory store itself). */
  readonly differential?: boolean
}

/**
 * A suite's property runs (its default, times `longFactor`) and the options of its
 * properties: a failing property shrinks, one store round trip per step, so it stops
 * before the test's timeout.
 *
 * @since 0.5.0
 * @category utils
 */
export const propertyRuns = (options: SuiteOptions, defaultRuns: number) => {
  const runs = options.numRuns ?? defaultRuns
  const numRuns = runs * longFactor()
  const budget = 240_000 * longFactor()
  return { runs, numRuns, budget, propOptions: { timeout: budget + 60_000, fastCheck: { numRuns, interruptAfterTimeLimit: budget } } }
}
