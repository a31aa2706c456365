/**
 * What the ledger suites share: the services over a store, a store built once per
 * suite, the clock the suites run on, and tenants of their own.
 *
 * @internal
 */
import type { Store } from "@jiceng/core"
import { Effect, Layer, TestClock } from "effect"
import * as LedgerIntents from "../arbitraries/LedgerIntents.js"
import { ledgerOver, type LedgerServices } from "./ledgerLayer.js"
import { sharedOver } from "./sharedStore.js"
import * as Tenants from "./Tenants.js"

export { ledgerOver, type LedgerServices } from "./ledgerLayer.js"

/**
 * A store built once, on a suite's first use, and closed after the suite: its services
 * are provided to each test's effect, the clock set to the suites' today. Call inside a
 * `describe`.
 *
 * @since 0.4.0
 * @category layers
 */
export const sharedLedgerStore = <E>(store: Layer.Layer<Store.Store, E>) => {
  return sharedOver(store, ledgerOver, LedgerIntents.todayMs)
}

/**
 * Runs an effect over a fresh store of its own (the differential's reference), on the
 * suites' clock.
 *
 * @since 0.4.0
 * @category layers
 */
export const overLedger = <E>(store: Layer.Layer<Store.Store, E>) =>
<A, E2>(self: Effect.Effect<A, E2, LedgerServices>): Effect.Effect<A, E | E2> =>
  Effect.provide(Effect.zipRight(TestClock.setTime(LedgerIntents.todayMs), self), ledgerOver(store))

/** The first of the ledger suites' tenants (`Tenants.nth`); see {@link freshLedgerTenant}. */
const first = 290_000

let next = first

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 290,000 to
 * 300,000 (the co-construction suites count from 250,000 to 290,000).
 *
 * @since 0.4.0
 * @category utils
 */
export const freshLedgerTenant = (): string => {
  if (next >= first + 10_000) throw new Error("the ledger suites ran out of tenants")
  return Tenants.nth(next++)
}
