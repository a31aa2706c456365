/**
 * A ledger ingest killed at random points loses nothing committed and shows no batch in
 * part: a child process ingests batches of sessions (`LedgerIngest`) into the store, one
 * transaction each, and is killed with SIGKILL at a random moment, three times; after
 * each kill the store must hold whole batches only — every batch the child reported
 * committed, and at most the one it was writing — and its chain must verify. The client
 * then sends every batch again, as one retrying after a crash would: the batches already
 * in are replayed (nothing written twice), the rest are written, and the chain verifies
 * over the whole. For the stores that outlive a process.
 *
 * @since 0.4.0
 */
import type { ChildProcess } from "node:child_process"
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructions, Grids, type LedgerEntry, LedgerStore, type Store, VolunteerLedgerService } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import * as LedgerIngest from "../arbitraries/LedgerIngest.js"
import * as LedgerIntents from "../arbitraries/LedgerIntents.js"
import { ledgerOver } from "./ledgerLayer.js"
import { freshLedgerTenant } from "./ledgerSupport.js"

/** The batches a child reported committed, as it reports them. */
const watch = (child: ChildProcess) => {
  const committed: Array<number> = []
  let buffered = ""
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8")
    const lines = buffered.split("\n")
    buffered = lines.pop() ?? ""
    for (const line of lines) if (line.startsWith("committed ")) committed.push(Number(line.slice(10)))
  })
  const exited = Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    child.once("exit", () => resume(Effect.void))
  })
  return { committed, exited }
}

/**
 * Registers the test for one store. `spawn` starts a child process that calls
 * `LedgerIngest.ingestInto` on the same database with the arguments it is given
 * (tenant, batches, size, first batch), its stdout piped.
 *
 * @since 0.4.0
 * @category suites
 */
export const ledgerCrash = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  spawn: (args: ReadonlyArray<string>) => ChildProcess,
  options: { readonly batches?: number; readonly size?: number } = {}
): void => {
  describe(`${name}: a ledger ingest killed at random points`, () => {
    it.live("loses no committed entry, shows no batch in part, and verifies; a retry of every batch writes each once", () =>
      Effect.gen(function*() {
        const tenant = freshLedgerTenant()
        const batches = options.batches ?? 40
        const size = options.size ?? 250
        const admin = Actor.system(tenant)
        const ledger = yield* VolunteerLedgerService.VolunteerLedger
        const ports = yield* LedgerStore.LedgerStore
        yield* Effect.gen(function*() {
          const s = LedgerIntents.scaffold(tenant)
          yield* (yield* Grids.Grids).executeAll(admin, s.grids as never).pipe(Effect.orDie)
          yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(admin, s.coConstruction).pipe(Effect.orDie)
          yield* ledger.executeAllUnknown(admin, s.ledger).pipe(Effect.orDie)
        })
        const entries = Effect.gen(function*() {
          const out: Array<LedgerEntry.LedgerEntry> = []
          for (;;) {
            const page = yield* ports.entries.page(tenant as never, out.length === 0 ? 0 : out[out.length - 1]!.seq, 5_000)
            if (page.length === 0) return out
            out.push(...page)
          }
        }).pipe(Effect.orDie)
        const kills: Array<string> = []
        let from = 0
        for (let round = 0; round < 3 && from < batches; round++) {
          const child = spawn([tenant, String(batches), String(size), String(from)])
          const { committed, exited } = watch(child)
          // A random moment: after 1 to 4 more commits, then up to 40 ms on.
          const wait = 1 + Math.floor(Math.random() * 4)
          for (let polls = 0; committed.length < wait && child.exitCode === null && polls < 6_000; polls++) {
            yield* Effect.sleep("10 millis")
          }
          yield* Effect.sleep(`${Math.floor(Math.random() * 40)} millis`)
          child.kill("SIGKILL")
          yield* exited
          const reported = committed.length === 0 ? from - 1 : committed[committed.length - 1]!
          const now = yield* entries
          const byBatch = new Map<number, number>()
          for (const e of now) {
            const b = Number(e.key.slice(1, e.key.indexOf("-")))
            byBatch.set(b, (byBatch.get(b) ?? 0) + 1)
          }
          const present = Array.from(byBatch.keys()).sort((a, b) => a - b)
          kills.push(`round ${round}: reported ${reported}, present up to ${present[present.length - 1] ?? -1}`)
          // Whole batches only; every reported one; at most the one being written besides.
          for (const [b, n] of byBatch) expect(n, `batch ${b} (${kills.join("; ")})`).toBe(size)
          expect(present, kills.join("; ")).toEqual(Array.from({ length: present.length }, (_, i) => i))
          expect(present.length, kills.join("; ")).toBeGreaterThanOrEqual(reported + 1)
          expect(present.length, kills.join("; ")).toBeLessThanOrEqual(reported + 2)
          expect(yield* ledger.verify(admin).pipe(Effect.orDie), kills.join("; ")).toMatchObject({ broken: null, entries: now.length })
          from = present.length
        }
        // The kills landed while the ingest was running: something was left to write.
        expect(from, kills.join("; ")).toBeLessThan(batches)
        // The client sends every batch again: what is in is replayed, the rest written.
        let replayed = 0
        for (let b = 0; b < batches; b++) {
          const results = yield* ledger.executeAllUnknown(admin, LedgerIngest.batch(b, size)).pipe(Effect.orDie)
          replayed += results.filter((r) => r.replayed).length
        }
        expect(replayed, kills.join("; ")).toBe(from * size)
        const all = yield* entries
        expect(all.length).toBe(batches * size)
        expect(new Set(all.map((e) => e.key)).size).toBe(batches * size)
        expect(yield* ledger.verify(admin).pipe(Effect.orDie)).toMatchObject({ broken: null, entries: batches * size })
      }).pipe(Effect.provide(ledgerOver(store))), { timeout: 300_000 })
  })
}
