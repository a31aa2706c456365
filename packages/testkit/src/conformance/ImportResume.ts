/**
 * An import killed at a random point resumes with no row lost or doubled: a child
 * process runs a households import into the store and is killed with SIGKILL (twice, at
 * random moments); the import is then run again to the end, and the store must hold
 * every household once, one audit entry per command, and the import's progress at the
 * source's end.
 *
 * @since 0.2.0
 */
import type { ChildProcess } from "node:child_process"
import { describe, expect, it } from "@effect/vitest"
import { Actor, Grids, ImportLog, type Store } from "@jiceng/core"
import { Effect, type Layer, Option } from "effect"
import * as Households from "../district/Households.js"
import * as StorePorts from "./StorePorts.js"
import { freshTenant, gridsOver } from "./support.js"

/** What the child is asked to import: its arguments after the store's own. */
const job = (tenant: string) => ({ tenant, id: "kill-resume", households: 60_000, blocks: 60, chunkSize: 1_000 })

const exited = (child: ChildProcess) =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    child.once("exit", () => resume(Effect.void))
  })

/**
 * Registers the test for one store. `spawn` starts a child process that calls
 * `Households.importInto` on the same database with the arguments it is given
 * (tenant, import id, households, blocks, chunk size).
 *
 * @since 0.2.0
 * @category suites
 */
export const importResume = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  spawn: (args: ReadonlyArray<string>) => ChildProcess
): void => {
  describe(`${name}: an import killed at random points resumes`, () => {
    it.live("no row lost or written twice after two SIGKILLs", () =>
      Effect.gen(function*() {
        const options = job(freshTenant())
        const args = [options.tenant, options.id, String(options.households), String(options.blocks), String(options.chunkSize)]
        const killedAt: Array<number> = []
        const log = yield* ImportLog.ImportLog
        const total = Households.count(options)
        const committed = Effect.map(
          log.progress(options.tenant as never, options.id),
          Option.match({ onNone: () => 0, onSome: (p) => p.committed })
        )
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
        const grids = yield* Grids.Grids
        const result = yield* grids.importAll(
          Actor.system(options.tenant),
          Households.commands(options.tenant, options),
          { id: options.id, chunkSize: options.chunkSize }
        )
        // The kills landed while the import was running: the second left something to resume.
        expect(killedAt[1], `killed with ${killedAt.join(", ")} committed`).toBeLessThan(total)
        expect(result.committed, `killed with ${killedAt.join(", ")} committed`).toBe(total)
        expect(result.skipped).toBe(killedAt[1])
        const ports = yield* StorePorts.all
        const links = yield* ports.places.history(options.tenant as never, options.tenant)
        expect(links.length).toBe(options.households)
        expect(new Set(links.map((l) => l.placeId)).size).toBe(options.households)
        const audit = yield* ports.audit.list(options.tenant as never, { afterSeq: 0, limit: Infinity })
        expect(audit.length).toBe(total)
        expect(audit.map((e) => e.seq)).toEqual(audit.map((_, i) => i + 1))
      }).pipe(Effect.provide(gridsOver(store))), { timeout: 180_000 })
  })
}
