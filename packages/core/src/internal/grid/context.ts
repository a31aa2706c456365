/**
 * The reads a grid rule's context needs, inside the command's transaction.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import { validAt } from "../../grid/Grid.js"
import type * as GridRules from "../../grid/GridRules.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import type { IsoDate } from "../../time/IsoDate.js"

/** @internal */
export const make = (store: GridStoreShape, chains?: Map<string, GridRules.Chain>) => {
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
   * A code's coverage from a day on, through the later changes recorded for it, version
   * by version: a version with one successor goes on in it (a rename under the same code,
   * a move, a merge or a recode under another); a version with several (a split, even
   * one whose part keeps the code) ends the chain there.
   */
  const chain = function*(tenant: Tenant, code: string, at: IsoDate) {
    // A batch keeps the chains it computed until it writes a grid (`chains`, cleared then).
    const key = `${tenant}/${code}@${at}`
    const known = chains?.get(key)
    if (known !== undefined) return known
    const segments: Array<GridRules.Segment> = []
    let splitOn: IsoDate | null = null
    let version = (yield* store.grids.versions(tenant, code)).find((v) => validAt(v, at))
    let segment = version === undefined ? undefined : { grid: version, from: at }
    // Bounded: every step follows a recorded change to a later day.
    for (let step = 0; version !== undefined && segment !== undefined && step < 10_000; step++) {
      const end: IsoDate | null = version.validTo
      const next = end === null ? [] : yield* store.grids.successors(tenant, version.id)
      const successor = next.length === 1 && next[0]!.validFrom === end ? next[0] : undefined
      if (end === null || successor === undefined) {
        segments.push({ ...segment, to: end })
        if (next.length > 1) splitOn = end
        break
      }
      if (successor.code !== segment.grid.code) {
        segments.push({ ...segment, to: end })
        segment = { grid: successor, from: end }
      }
      version = successor
    }
    const result: GridRules.Chain = { segments, splitOn }
    chains?.set(key, result)
    return result
  }

  /**
   * When a later recorded change (a move, a merge, a split) replaced a code's coverage
   * from a day: the day it did; null for an open or planned end, or a rename.
   */
  const replacedOn = function*(tenant: Tenant, code: string, at: IsoDate) {
    const { segments, splitOn } = yield* chain(tenant, code, at)
    return segments.length > 1 || splitOn !== null ? segments[0]?.to ?? null : null
  }

  return { subtreeState, replacedOn, chain }
}
