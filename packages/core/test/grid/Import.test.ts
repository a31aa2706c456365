import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Fiber, Layer, Option } from "effect"
import { Actor, GridConfig, Grids, ImportLog, MemoryStore } from "@jiceng/core"
import { Households, StorePorts } from "@jiceng/testkit"

const layer = () => Grids.layer.pipe(Layer.provideMerge(Layer.merge(MemoryStore.layer, GridConfig.layer())))

const tenant = "131102"
const admin = Actor.system(tenant)
const source = (households: number) => Households.commands(tenant, { blocks: 10, households })
const total = (households: number) => Households.count({ blocks: 10, households })

/** What the store holds: places and the audit log's length. */
const held = Effect.gen(function*() {
  const store = yield* StorePorts.all
  const links = yield* store.places.history(admin.tenant, tenant)
  const audit = yield* store.audit.list(admin.tenant, { afterSeq: 0, limit: Infinity })
  return { links: links.length, places: new Set(links.map((l) => l.placeId)).size, audit: audit.length }
})

describe("Grids.importAll", () => {
  it.effect("writes a source in chunks and records its progress", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const result = yield* grids.importAll(admin, source(2_500), { id: "households-1", chunkSize: 1_000 })
      expect(result).toEqual({ id: "households-1", committed: total(2_500), skipped: 0, written: total(2_500), chunks: 3 })
      expect(yield* held).toEqual({ links: 2_500, places: 2_500, audit: total(2_500) })
      const progress = yield* (yield* ImportLog.ImportLog).progress(admin.tenant, "households-1")
      expect(Option.map(progress, (p) => p.committed)).toEqual(Option.some(total(2_500)))
    }).pipe(Effect.provide(layer())))

  it.effect("a refused row keeps the chunks before it; run again with the source fixed, it resumes there", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const commands = Array.from(source(2_500))
      const bad = 1_700
      const broken = commands.map((c, i) => (i === bad - 1 ? { ...c, gridCode: `${tenant}999` } : c))
      const failed = yield* Effect.either(grids.importAll(admin, broken, { id: "households-2", chunkSize: 1_000 }))
      expect(Either.isLeft(failed) && failed.left).toMatchObject({ _tag: "RuleViolation", rule: "grid.exists", row: bad })
      expect(yield* held).toEqual({ links: 1_000 - 15, places: 1_000 - 15, audit: 1_000 })
      const resumed = yield* grids.importAll(admin, commands, { id: "households-2", chunkSize: 1_000 })
      expect(resumed).toEqual({ id: "households-2", committed: total(2_500), skipped: 1_000, written: total(2_500) - 1_000, chunks: 2 })
      expect(yield* held).toEqual({ links: 2_500, places: 2_500, audit: total(2_500) })
      // Run once more: everything is skipped, nothing is written twice.
      const again = yield* grids.importAll(admin, commands, { id: "households-2", chunkSize: 700 })
      expect(again).toMatchObject({ skipped: total(2_500), written: 0, chunks: 0 })
      expect(yield* held).toEqual({ links: 2_500, places: 2_500, audit: total(2_500) })
    }).pipe(Effect.provide(layer())))

  it.effect("a source that is not the one the import began with is refused, writing nothing", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const commands = Array.from(source(300))
      yield* grids.importAll(admin, commands.slice(0, 200), { id: "households-3", chunkSize: 100 })
      const before = yield* held
      const other = commands.map((c, i) => (i === 50 ? { ...c, name: "另一户" } : c))
      const refused = yield* Effect.either(grids.importAll(admin, other, { id: "households-3", chunkSize: 100 }))
      expect(Either.isLeft(refused) && refused.left).toMatchObject({ _tag: "RuleViolation", rule: "import.source-changed", field: "id" })
      const shorter = yield* Effect.either(grids.importAll(admin, commands.slice(0, 150), { id: "households-3" }))
      expect(Either.isLeft(shorter) && shorter.left).toMatchObject({ rule: "import.source-changed" })
      expect(yield* held).toEqual(before)
      // The same commands with their keys in another order and defaults spelt out are the same source.
      const respelt = commands.map((c) =>
        Object.fromEntries(Object.entries(c._tag === "PlacePlace" ? { address: null, ...c } : c).reverse())
      )
      const done = yield* grids.importAll(admin, respelt, { id: "households-3", chunkSize: 100 })
      expect(done).toMatchObject({ skipped: 200, written: total(300) - 200 })
    }).pipe(Effect.provide(layer())))

  it.effect("reads an async source, and names the row where a source fails", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      async function* lines() {
        for (const c of source(120)) yield c
      }
      const result = yield* grids.importAll(admin, lines(), { id: "async", chunkSize: 50 })
      expect(result).toMatchObject({ committed: total(120), chunks: 3 })
      function* failing() {
        yield* Households.commands("131103", { blocks: 10, households: 10 })
        throw new Error("disk gone")
      }
      const other = Actor.system("131103")
      const failed = yield* Effect.either(grids.importAll(other, failing(), { id: "failing", chunkSize: 100 }))
      expect(Either.isLeft(failed) && failed.left).toMatchObject({
        _tag: "ValidationError",
        rule: "schema.unreadable",
        row: total(10) + 1
      })
    }).pipe(Effect.provide(layer())))

  it.effect("bad options and sources are ValidationErrors naming the field", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const run = (src: unknown, options: unknown) =>
        Effect.flip(grids.importAll(admin, src as Iterable<unknown>, options as { id: string }))
      expect(yield* run([], { id: "x", chunkSize: 0 })).toMatchObject({ field: "options.chunkSize", rule: "import.chunk-size" })
      expect(yield* run([], { id: "x", chunkSize: 100_001 })).toMatchObject({ field: "options.chunkSize" })
      expect(yield* run([], { id: "x", chunkSize: 1.5 })).toMatchObject({ field: "options.chunkSize", rule: "import.chunk-size" })
      expect(yield* run([], { id: "x", chunkSize: Number.NaN })).toMatchObject({ rule: "import.chunk-size" })
      expect(yield* run([], {})).toMatchObject({ field: "options.id", rule: "schema.missing" })
      expect(yield* run([], { id: "x", size: 1 })).toMatchObject({ field: "options.size", rule: "schema.unknown-key" })
      expect(yield* run(42, { id: "x" })).toMatchObject({ field: "(source)", rule: "import.source" })
      expect(yield* run([{ _tag: "Nope" }], { id: "x" })).toMatchObject({ _tag: "ValidationError", row: 1 })
    }).pipe(Effect.provide(layer())))

  it.live("a source not read to its end is closed: after a refused row, and when the import is interrupted", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const closed: Array<string> = []
      function* refused() {
        try {
          yield* source(100)
          yield { _tag: "PlacePlace", id: "X", kind: "household", name: "x", gridCode: `${tenant}999`, at: "2024-01-01" }
          yield* source(100)
        } finally {
          closed.push("refused")
        }
      }
      yield* Effect.either(grids.importAll(admin, refused(), { id: "closing-1", chunkSize: 50 }))
      async function* endless() {
        try {
          for (let k = 0;; k++) yield* Households.commands("131103", { blocks: 10, households: 1_000 })
        } finally {
          closed.push("interrupted")
        }
      }
      const fiber = yield* Effect.fork(grids.importAll(Actor.system("131103"), endless(), { id: "closing-2", chunkSize: 100 }))
      yield* Effect.sleep("200 millis")
      yield* Fiber.interrupt(fiber)
      expect(closed).toEqual(["refused", "interrupted"])
    }).pipe(Effect.provide(layer())))

  it.live("the process's other work runs between chunks and during a long batch", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      let ticks = 0
      const timer = setInterval(() => ticks++, 1)
      try {
        yield* grids.importAll(admin, source(6_000), { id: "breathing", chunkSize: 1_000 })
        const during = ticks
        expect(during).toBeGreaterThan(3)
        yield* grids.executeAll(Actor.system("131103"), Array.from(Households.commands("131103", { blocks: 10, households: 8_000 })))
        expect(ticks).toBeGreaterThan(during + 2)
      } finally {
        clearInterval(timer)
      }
    }).pipe(Effect.provide(layer())))

  it.effect("two runs of one import at once: every row once", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const commands = Array.from(source(1_000))
      const runs = yield* Effect.all(
        [0, 1].map(() => Effect.either(grids.importAll(admin, commands, { id: "twice", chunkSize: 100 }))),
        { concurrency: "unbounded" }
      )
      for (const r of runs) {
        if (Either.isLeft(r)) expect(r.left).toMatchObject({ rule: "import.concurrent" })
      }
      const finish = yield* grids.importAll(admin, commands, { id: "twice", chunkSize: 100 })
      expect(finish.committed).toBe(total(1_000))
      expect(yield* held).toEqual({ links: 1_000, places: 1_000, audit: total(1_000) })
    }).pipe(Effect.provide(layer())))

  it.live("resuming gives the process's other work a turn while it re-reads what was committed", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      yield* grids.importAll(admin, source(6_000), { id: "resume-breathing", chunkSize: 6_000 })
      let ticks = 0
      const timer = setInterval(() => ticks++, 1)
      try {
        // Nothing is written: the whole source is re-read and checked.
        const again = yield* grids.importAll(admin, source(6_000), { id: "resume-breathing", chunkSize: 6_000 })
        expect(again).toMatchObject({ written: 0, chunks: 0 })
        expect(ticks).toBeGreaterThan(2)
      } finally {
        clearInterval(timer)
      }
    }).pipe(Effect.provide(layer())))

  it.effect("a source whose iterator gives no result object is refused as the source's fault, naming the row", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const commands = Array.from(source(10))
      let n = 0
      const broken: Iterable<unknown> = {
        [Symbol.iterator]: () => ({ next: () => (n < 3 ? { done: false, value: commands[n++] } : undefined) as never })
      }
      const refused = yield* Effect.either(grids.importAll(admin, broken, { id: "no-result" }))
      expect(Either.isLeft(refused) && refused.left).toMatchObject({ _tag: "ValidationError", rule: "import.source", row: 4 })
      const asynchronous: AsyncIterable<unknown> = { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(null as never) }) }
      const refusedAsync = yield* Effect.either(grids.importAll(admin, asynchronous, { id: "no-result-async" }))
      expect(Either.isLeft(refusedAsync) && refusedAsync.left).toMatchObject({ _tag: "ValidationError", rule: "import.source", row: 1 })
    }).pipe(Effect.provide(layer())))

  it.effect("resumed by an actor without the scope, an import is Forbidden as itself, not a changed source", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const commands = Array.from(source(300))
      yield* grids.importAll(admin, commands.slice(0, 200), { id: "resume-scope", chunkSize: 100 })
      const street = Actor.make({ id: "street", tenant, roles: ["grid_manager"], scope: "131102001" })
      const refused = yield* Effect.either(grids.importAll(street, commands, { id: "resume-scope", chunkSize: 100 }))
      expect(Either.isLeft(refused) && refused.left).toMatchObject({ _tag: "Forbidden", reason: "scope", row: 1 })
    }).pipe(Effect.provide(layer())))
})
