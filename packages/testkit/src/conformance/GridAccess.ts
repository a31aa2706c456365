/**
 * The grid service's reads against the actor's scope, on any store: for random
 * histories and actors scoped to random grids, no read returns a grid, link,
 * assignment, alert, place or worker outside the scope, and a read aimed outside it is
 * `Forbidden` or empty.
 *
 * @since 0.2.0
 */
import { expect, it } from "@effect/vitest"
import { Actor, Grids, type Store } from "@jiceng/core"
import { Effect, type Layer, Option, Schema } from "effect"
import * as GridIntents from "../arbitraries/GridIntents.js"
import { freshTenant, gridsOver, longFactor } from "./support.js"

const Pick = Schema.Int.pipe(Schema.between(0, 10_000))
const days = ["2023-01-01", "2023-06-30", "2024-01-01", "2025-01-01"]

/**
 * Registers the suite for one store.
 *
 * @since 0.2.0
 * @category suites
 */
export const gridAccess = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: { readonly numRuns?: number } = {}) =>
  it.layer(gridsOver(store), { timeout: 600_000 })(`${name}: grid reads stay in scope`, (it) => {
    it.effect.prop(
      "no read returns anything outside the actor's scope",
      [GridIntents.Intents(20), Pick, Pick],
      ([ops, s, d]) =>
        Effect.gen(function*() {
          const tenant = freshTenant()
          yield* GridIntents.run(tenant, ops, { checkRefusals: false })
          const grids = yield* Grids.Grids
          const admin = Actor.system(tenant)
          const at = days[d % days.length]!
          const all = yield* grids.subtree(admin, { at })
          const root = all[s % Math.max(1, all.length)]
          if (root === undefined) return
          const scope = root.code
          const reader = Actor.make({ id: "reader", tenant, roles: ["viewer"], scope })
          const inside = (code: string) => expect(code.startsWith(scope), `${code} outside ${scope}`).toBe(true)

          const codeOf = (id: string) => id.slice(0, id.indexOf("@"))
          for (const g of yield* grids.subtree(reader, { at })) {
            inside(g.code)
            for (const p of g.predecessors) inside(codeOf(p))
          }
          for (const l of yield* grids.placeLinks(reader, { at })) inside(l.gridCode)
          for (const a of yield* grids.assignments(reader, { at })) inside(a.gridCode)
          for (const a of yield* grids.check(reader, { at })) inside(a.gridCode)

          const history = yield* GridIntents.history(tenant)
          const outside = history.grids.find((g) => !g.code.startsWith(scope))
          if (outside !== undefined) {
            const reads: ReadonlyArray<Effect.Effect<unknown, Grids.GridReadError>> = [
              grids.countByLevel(reader, { root: outside.code, at }),
              grids.subtree(reader, { root: outside.code, at }),
              grids.resolve(reader, outside.code, at),
              grids.lineage(reader, outside.id)
            ]
            for (const read of reads) {
              expect(yield* Effect.flip(read)).toMatchObject({ _tag: "Forbidden", reason: "scope" })
            }
          }
          for (const g of history.grids) {
            if (!g.code.startsWith(scope)) continue
            const lineage = yield* grids.lineage(reader, g.id)
            for (const x of Option.match(lineage, {
              onNone: () => [],
              onSome: (l) => [l.grid, ...l.predecessors, ...l.successors]
            })) {
              inside(x.code)
              for (const p of x.predecessors) inside(codeOf(p))
            }
          }
          for (const p of history.places) {
            const grid = yield* grids.gridOfPlace(reader, p.id, at)
            if (Option.isSome(grid)) inside(grid.value.code)
            const links = history.links.filter((l) => l.placeId === p.id)
            const where = links.find((l) => l.validFrom <= at && (l.validTo === null || at < l.validTo)) ?? links[links.length - 1]
            const place = yield* grids.place(reader, p.id, at)
            expect(Option.isSome(place), `${p.id} in ${where?.gridCode}`).toBe(where !== undefined && where.gridCode.startsWith(scope))
          }
          for (const workerId of new Set(history.terms.map((t) => t.workerId))) {
            const worker = yield* grids.worker(reader, workerId, at)
            if (Option.isNone(worker)) continue
            // Seen from their community, or from a grid in scope they serve on the day.
            const serves = history.assignments.some((a) =>
              a.workerId === workerId && a.gridCode.startsWith(scope) && a.validFrom <= at && (a.validTo === null || at < a.validTo)
            )
            expect(worker.value.communityCode.startsWith(scope) || serves, `${workerId} seen from ${scope}`).toBe(true)
          }
        }),
      { timeout: 600_000, fastCheck: { numRuns: (options.numRuns ?? 25) * longFactor() } }
    )
  })
