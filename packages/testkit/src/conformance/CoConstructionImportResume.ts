/**
 * A co-construction import killed at a random point resumes with no row lost or
 * doubled: a child process runs `CoConstructionIntents.importInto` (enrolments,
 * agreements, lists, projects, teams, posts and claims, in chunks) into the store and is
 * killed with SIGKILL, twice, at random moments; the import is then run again to the
 * end, and the store must hold every row once, one audit entry per command (gap-free),
 * no breach of `CoConstructionInvariants`, and the import's progress at the source's
 * end. For the stores that outlive a process; `CoConstructionBatch` stops an import
 * in-process on every store.
 *
 * @since 0.3.0
 */
import type { ChildProcess } from "node:child_process"
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructionInvariants, CoConstructions, ImportLog, type Store } from "@jiceng/core"
import { Effect, type Layer, Option } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import { coConstructionsOver, freshTenant } from "./coConstructionSupport.js"

const exited = (child: ChildProcess) =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    child.once("exit", () => resume(Effect.void))
  })

/**
 * Registers the test for one store. `spawn` starts a child process that calls
 * `CoConstructionIntents.importInto` on the same database with the arguments it is
 * given (tenant, import id, blocks, chunk size).
 *
 * @since 0.3.0
 * @category suites
 */
export const coConstructionImportResume = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  spawn: (args: ReadonlyArray<string>) => ChildProcess,
  options: { readonly blocks?: number; readonly chunkSize?: number } = {}
): void => {
  describe(`${name}: a co-construction import killed at random points resumes`, () => {
    it.live("no row lost or written twice after two SIGKILLs", () =>
      Effect.gen(function*() {
        const tenant = freshTenant()
        const id = "cc-kill-resume"
        const blocks = options.blocks ?? 300
        const chunkSize = options.chunkSize ?? 90
        yield* CoConstructionIntents.writeBase(tenant)
        const before = (yield* CoConstructionIntents.history(tenant)).audit.length
        const args = [tenant, id, String(blocks), String(chunkSize)]
        const killedAt: Array<number> = []
        const log = yield* ImportLog.ImportLog
        const total = CoConstructionIntents.importCount(blocks)
        const committed = Effect.map(log.progress(tenant as never, id), Option.match({ onNone: () => 0, onSome: (p) => p.committed }))
        for (let round = 0; round < 2; round++) {
          // A random point in what is left (10–60 % of it), whatever the machine's speed:
          // the child is killed once its progress passes it, a random moment later.
          const from = yield* committed
          const target = from + Math.floor((total - from) * (0.1 + Math.random() * 0.5))
          const child = spawn(args)
          for (let polls = 0; (yield* committed) < target && child.exitCode === null && polls < 6_000; polls++) {
            yield* Effect.sleep("10 millis")
          }
          yield* Effect.sleep(`${Math.floor(Math.random() * 30)} millis`)
          child.kill("SIGKILL")
          yield* exited(child)
          killedAt.push(yield* committed)
        }
        const service = yield* CoConstructions.CoConstructions
        const result = yield* service.importAll(Actor.system(tenant), CoConstructionIntents.importSource(tenant, blocks), { id, chunkSize })
        const killed = `killed with ${killedAt.join(", ")} committed`
        // The kills landed while the import was running: the second left something to resume.
        expect(killedAt[1], killed).toBeLessThan(total)
        expect(killedAt[1]! % chunkSize === 0 || killedAt[1] === total, killed).toBe(true)
        expect(result, killed).toEqual({ id, committed: total, skipped: killedAt[1], written: total - killedAt[1]!, chunks: Math.ceil((total - killedAt[1]!) / chunkSize) })
        const history = yield* CoConstructionIntents.history(tenant, CoConstructionIntents.importKeys(blocks))
        expect(CoConstructionInvariants.breaches(history)).toEqual([])
        const counts = {
          units: history.unitEnrolments.length,
          members: history.memberEnrolments.length,
          agreements: history.agreements.length,
          needs: history.needs.length,
          resources: history.resources.length,
          projects: history.projects.length,
          teams: history.teams.length,
          posts: history.posts.length,
          claims: history.claims.length
        }
        expect(counts).toEqual({
          units: blocks, members: blocks, agreements: blocks, needs: blocks, resources: blocks, projects: blocks, teams: blocks, posts: blocks,
          claims: blocks
        })
        expect(history.audit.length).toBe(before + total)
        expect(history.audit.map((e) => e.seq)).toEqual(history.audit.map((_, i) => i + 1))
      }).pipe(Effect.provide(coConstructionsOver(store))), { timeout: 180_000 })
  })
}
