/**
 * The service-level conformance suite every Store adapter runs: random operation
 * sequences through the Grids service never break the grid invariants, every
 * refusal leaves the store as it was, every success writes exactly one audit
 * entry, and the answers equal the memory store's on the same operations.
 *
 * @since 0.1.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, GridConfig, GridInvariants, Grids, MemoryStore, type Store } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import * as GridIntents from "../arbitraries/GridIntents.js"
import { gridAccess } from "./GridAccess.js"
import { gridBatch } from "./GridBatch.js"
import { gridHistory } from "./GridHistory.js"
import { gridInput } from "./GridInput.js"
import { freshTenant, gridsOver, longFactor } from "./support.js"

export {
  /**
   * A fresh tenant code per property run, so runs share one database and never see
   * each other (which also exercises tenant isolation).
   *
   * @since 0.1.0
   * @category utils
   */
  freshTenant,
  /**
   * The Grids service over a store, with the default grid configuration.
   *
   * @since 0.1.0
   * @category layers
   */
  gridsOver,
  /**
   * How many times more property runs `npm run test:long` (JICENG_LONG=1) asks for.
   *
   * @since 0.1.0
   * @category utils
   */
  longFactor
} from "./support.js"

const days = ["2023-01-01", "2023-06-30", "2024-01-01", "2025-01-01", "2026-12-31"]

/**
 * Registers the suite for one store: random operation sequences (invariants, refusals
 * that write nothing, one audit entry per success, the differential against the memory
 * store), then the reads' scope (`GridAccess`), bad input (`GridInput`), the
 * history's harder cases (`GridHistory`) and batches against one by one (`GridBatch`).
 *
 * @since 0.1.0
 * @category suites
 */
export const gridConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: {
    readonly numRuns?: number
    readonly maxIntents?: number
    /** Compare the answers with the memory store's (default true; off for the memory store itself). */
    readonly differential?: boolean
  } = {}
): void => {
  const numRuns = (options.numRuns ?? 40) * longFactor()
  const intents = GridIntents.Intents(options.maxIntents ?? 30)
  // A failing property shrinks, one store round trip per step. Stop shrinking before
  // the test times out so a slow store still reports its (partly shrunk) counterexample.
  const budget = 240_000 * longFactor()
  const propOptions = { timeout: budget + 60_000, fastCheck: { numRuns, interruptAfterTimeLimit: budget } }
  describe(`${name}: grid conformance`, () => {
    it.layer(gridsOver(store), { timeout: 600_000 })((it) => {
      it.effect.prop(
        "random operations keep every invariant; refusals write nothing; one audit entry per success",
        [intents],
        ([ops]) =>
          Effect.gen(function*() {
            const tenant = freshTenant()
            const outcomes = yield* GridIntents.run(tenant, ops)
            const config = yield* GridConfig.GridConfig
            const history = yield* GridIntents.history(tenant)
            expect(GridInvariants.verify(config, tenant as never, history)).toEqual([])
            const base = GridIntents.baseTree(tenant, "2023-01-01").length
            expect(history.audit.length).toBe(base + outcomes.filter((o) => o.result === "ok").length)
            expect(history.audit.map((e) => e.seq)).toEqual(history.audit.map((_, i) => i + 1))
          }),
        propOptions
      )

      it.effect("concurrent conflicting writes: exactly one succeeds, nothing is counted twice", () =>
        Effect.gen(function*() {
          const tenant = freshTenant()
          const grids = yield* Grids.Grids
          const actor = Actor.system(tenant)
          yield* grids.executeAllUnknown(actor, GridIntents.baseTree(tenant, "2023-01-01"))
          const block = `${tenant}001001002001001`
          const ids = Array.from({ length: 8 }, (_, i) => i)
          yield* grids.executeAllUnknown(actor, ids.map((i) => ({
            _tag: "RegisterWorker", id: `C${i}`, name: `候选${i}`, category: "volunteer", communityCode: `${tenant}001001`,
            employment: "part_time", at: "2023-01-01"
          })))
          // Different ids, so only the rules checked inside serialised transactions (not a
          // unique key) can keep a second grid or a second responsible worker out.
          const creates = ids.map((i) => ({
            _tag: "CreateGrid", code: `${tenant}003`, name: "新街道", parentCode: tenant,
            validFrom: `2024-01-0${i + 1}`
          }))
          const assigns = ids.map((i) => ({
            _tag: "AssignWorker", workerId: `C${i}`, gridCode: block, post: "网格长", responsible: true,
            duties: ["走访"], at: "2024-01-01"
          }))
          for (const commands of [creates, assigns]) {
            const results = yield* Effect.forEach(commands, (c) => Effect.either(grids.executeUnknown(actor, c)), {
              concurrency: "unbounded"
            })
            expect(results.filter((r) => r._tag === "Right")).toHaveLength(1)
          }
          const history = yield* GridIntents.history(tenant)
          expect(history.grids.filter((g) => g.code === `${tenant}003`)).toHaveLength(1)
          expect(history.assignments.filter((a) => a.gridCode === block && a.responsible)).toHaveLength(1)
          expect(history.audit.map((e) => e.seq)).toEqual(history.audit.map((_, i) => i + 1))
        }))

      if (options.differential === false) return
      it.effect.prop(
        "answers the same as the memory store after the same operations",
        [intents],
        ([ops]) =>
          Effect.gen(function*() {
            const tenant = freshTenant()
            const outcomes = yield* GridIntents.run(tenant, ops, { checkRefusals: false })
            const answers = yield* GridIntents.answers(tenant, days)
            const reference = yield* Effect.provide(
              Effect.all([
                GridIntents.run(tenant, ops, { checkRefusals: false }),
                GridIntents.answers(tenant, days)
              ]),
              gridsOver(MemoryStore.layer)
            )
            expect(outcomes).toEqual(reference[0])
            expect(answers).toEqual(reference[1])
          }),
        propOptions
      )
    })
    gridAccess(name, store, { numRuns: Math.ceil((options.numRuns ?? 40) / 2) })
    gridInput(name, store, { numRuns: Math.ceil((options.numRuns ?? 40) * 1.5) })
    gridHistory(name, store)
    gridBatch(name, store, {
      numRuns: Math.min(25, Math.max(15, Math.ceil((options.numRuns ?? 40) / 2))),
      maxIntents: options.maxIntents ?? 30
    })
  })
}
