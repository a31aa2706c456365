/**
 * The reads a grid rule's context needs, inside the command's transaction.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import { type Grid, validAt } from "../../grid/Grid.js"
import * as GridRules from "../../grid/GridRules.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import type { IsoDate } from "../../time/IsoDate.js"

/** @internal */
export const make = (store: GridStoreShape) => {
  /** The latest start of anything recorded in a subtree: versions, links, assignments, terms. */
  const latestStart = (tenant: Tenant, code: string) =>
    Effect.map(
      Effect.all([
        store.grids.latestStart(tenant, code),
        store.places.latestStart(tenant, code),
        store.workers.latestStart(tenant, code),
        store.workers.latestTermStart(tenant, code)
      ]),
      (dates) => {
        const present = dates.flatMap(Option.toArray).sort()
        return Option.fromNullable(present[present.length - 1])
      }
    )

  /** What a structural change needs to know about one source subtree on its day. */
  const subtreeState = (tenant: Tenant, code: string, at: IsoDate) =>
    Effect.gen(function*() {
      const state = yield* Effect.all({
        grids: store.grids.subtree(tenant, code, at),
        links: store.places.linksInSubtree(tenant, code, at),
        assignments: store.workers.assignmentsInSubtree(tenant, code, at),
        terms: store.workers.termsInSubtree(tenant, code, at),
        latestStart: latestStart(tenant, code)
      })
      const assignedTerms = yield* store.workers.termsAt(tenant, [...new Set(state.assignments.map((a) => a.workerId))], at)
      // Only versions with an end can have been replaced; most are open-ended.
      const replacedLater = yield* Effect.filter(
        state.grids.filter((g) => g.validTo !== null),
        (g) => Effect.map(store.grids.successors(tenant, g.id), (next) => next.length > 0)
      )
      const result: GridRules.SubtreeState = { ...state, assignedTerms, replacedLater }
      return result
    })

  /**
   * When a later change replaced a code's coverage from a day: the end of the last
   * version of that coverage, if it has successors; null for a planned or no end.
   */
  const replacedOn = (tenant: Tenant, versions: ReadonlyArray<Grid>, at: IsoDate) =>
    Option.match(GridRules.coverageLast(versions, at), {
      onNone: () => Effect.succeed(null),
      onSome: (last) =>
        last.validTo === null
          ? Effect.succeed(null)
          : Effect.map(store.grids.successors(tenant, last.id), (next) => (next.length > 0 ? last.validTo : null))
    })

  /**
   * A code's coverage from a day on, through the later changes recorded for it: at the
   * end of a version with one successor (a move, a merge, a recode from above) the chain
   * goes on under the successor's code; with several (a split) it stops there.
   */
  const chain = (tenant: Tenant, code: string, at: IsoDate) =>
    Effect.gen(function*() {
      const segments: Array<GridRules.Segment> = []
      let splitOn: IsoDate | null = null
      let versions = yield* store.grids.versions(tenant, code)
      let from = at
      // Bounded: every step follows a recorded change to a later day.
      for (let step = 0; step < 1000; step++) {
        const first = versions.find((v) => validAt(v, from))
        const last = Option.getOrUndefined(GridRules.coverageLast(versions, from))
        if (first === undefined || last === undefined) break
        segments.push({ grid: first, from, to: last.validTo })
        if (last.validTo === null) break
        const next = yield* store.grids.successors(tenant, last.id)
        if (next.length > 1) splitOn = last.validTo
        const successor = next[0]
        if (next.length !== 1 || successor === undefined || successor.validFrom !== last.validTo) break
        versions = yield* store.grids.versions(tenant, successor.code)
        from = last.validTo
      }
      const result: GridRules.Chain = { segments, splitOn }
      return result
    })

  return { subtreeState, replacedOn, chain }
}
