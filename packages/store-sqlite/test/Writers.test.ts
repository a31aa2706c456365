// SQLite under two writers: two clients on one file in one process, and another process
// holding the write lock. A waiting writer must leave the event loop running (the holder
// may be in the same process, awaiting something), give up typed after its busyTimeout,
// and never lose or repeat a write. Real time throughout: the waits are what is tested.
import { describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import { SqlError } from "@effect/sql/SqlError"
import type { StoreError, Tenant } from "@jiceng/core"
import { Actor, Client, Transactor } from "@jiceng/core"
import { Households } from "@jiceng/testkit"
import { SqlTransactor } from "@jiceng/store-sql"
import { SqliteStore } from "@jiceng/store-sqlite"
import type { Context, Scope } from "effect"
import { Cause, ConfigProvider, Deferred, Duration, Effect, Fiber, Layer } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"

const tenant = "131102" as Tenant.Tenant

/**
 * The longest pause of the event loop that still counts as running: shorter than every
 * lock held below (200 ms and more), which a waiter blocking the loop would show whole,
 * and longer than a garbage collection on a machine running two test files at once.
 */
const frozen = 150

type Client = Context.Context<Transactor.Transactor | SqlClient.SqlClient>

/** A database file in a temporary directory, removed when the scope closes (after the clients). */
const temporaryFile = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "jiceng-writers-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => join(dir, "store.db")))

/** One client: a store layer of its own (its own connection) on the file. */
const open = (filename: string, busyTimeout?: Duration.DurationInput): Effect.Effect<Client, StoreError.StoreError, Scope.Scope> =>
  Layer.build(SqliteStore.layer({ filename, busyTimeout }))

const withTable = (client: Client) =>
  Effect.provide(
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.zipRight(
        sql`CREATE TABLE test_rows (label TEXT NOT NULL UNIQUE)`,
        sql`CREATE TABLE test_counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`.pipe(
          Effect.zipRight(sql`INSERT INTO test_counter (id, n) VALUES (1, 0)`)
        )
      )),
    client
  )

/** A transaction of `client` inserting `label`, then holding the lock for `holdMs`. */
const write = (client: Client, label: string, options: { holdMs?: number; onLocked?: Effect.Effect<void> } = {}) =>
  Effect.gen(function*() {
    const transactor = yield* Transactor.Transactor
    const sql = yield* SqlClient.SqlClient
    yield* transactor.transaction(
      tenant,
      Effect.gen(function*() {
        yield* sql`INSERT INTO test_rows (label) VALUES (${label})`
        if (options.onLocked) yield* options.onLocked
        if (options.holdMs) yield* Effect.sleep(options.holdMs)
      })
    )
  }).pipe(Effect.provide(client))

const labels = (client: Client) =>
  Effect.provide(
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.map(
        sql<{ readonly label: string }>`SELECT label FROM test_rows ORDER BY label`,
        (rows) => rows.map((r) => r.label)
      )),
    client
  )

/** The longest gap between ticks of a 5 ms interval while the scope is open. */
const eventLoopWatch = Effect.acquireRelease(
  Effect.sync(() => {
    const watch = { maxGapMs: 0, ticks: 0, last: performance.now() }
    const timer = setInterval(() => {
      const now = performance.now()
      watch.maxGapMs = Math.max(watch.maxGapMs, now - watch.last)
      watch.last = now
      watch.ticks++
    }, 5)
    return { watch, timer }
  }),
  ({ timer }) => Effect.sync(() => clearInterval(timer))
).pipe(Effect.map(({ watch }) => watch))

const timed = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const start = performance.now()
    const result = yield* Effect.either(self)
    return { result, ms: performance.now() - start }
  })

const expectBusyTimeout = (error: unknown, waitMs: number) => {
  expect(error).toMatchObject({ _tag: "StoreError", operation: "transaction" })
  const storeError = error as StoreError.StoreError
  expect(storeError.message).toContain("(SQLITE_BUSY)")
  expect(storeError.message).toContain(`(${waitMs} ms)`)
  expect(storeError.message).toContain("busyTimeout")
  // The driver's error is kept for logs.
  expect(storeError.cause).toMatchObject({ _tag: "SqlError", cause: { code: "SQLITE_BUSY" } })
}

describe("SqliteStore under two writers in one process", () => {
  it.scopedLive("a writer waiting for the other client's lock leaves the event loop running; both commit", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const [a, b] = [yield* open(filename), yield* open(filename)]
      yield* withTable(a)
      const watch = yield* eventLoopWatch
      const locked = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(write(a, "a", { holdMs: 200, onLocked: Deferred.succeed(locked, undefined) }))
      yield* Deferred.await(locked)
      const ticksBefore = watch.ticks
      const waiter = yield* timed(write(b, "b"))
      yield* Fiber.join(holder)

      expect(waiter.result._tag).toBe("Right")
      expect(waiter.ms).toBeGreaterThan(150) // it did wait for the holder's commit
      expect(watch.ticks - ticksBefore).toBeGreaterThan(10)
      expect(watch.maxGapMs).toBeLessThan(frozen)
      expect(yield* labels(b)).toEqual(["a", "b"])
    }))

  it.scopedLive("a loop of awaited writes lets timers run: each transaction gives the event loop a turn", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const a = yield* open(filename)
      yield* withTable(a)
      const watch = yield* eventLoopWatch
      const ticksBefore = watch.ticks
      const started = performance.now()
      // Each write settles without real I/O waits: without a turn, no timer would fire.
      for (let i = 0; i < 300; i++) yield* write(a, `w${i}`)
      const elapsed = performance.now() - started
      expect(watch.ticks - ticksBefore).toBeGreaterThan(Math.min(3, Math.floor(elapsed / 20)))
      expect((yield* labels(a)).length).toBe(300)
    }))

  it.live("two Promise clients on one file: one awaiting writes in a loop does not lock the other's import out", () =>
    Effect.promise(async () => {
      const dir = mkdtempSync(join(tmpdir(), "jiceng-writers-"))
      const filename = join(dir, "store.db")
      const [a, b] = [Client.make({ store: SqliteStore.layer({ filename }) }), Client.make({ store: SqliteStore.layer({ filename }) })]
      try {
        const admin = Actor.system(tenant)
        const commands = Array.from(Households.commands(tenant, { blocks: 10, households: 3_000 }))
        // B's grids first, so its placements need nothing of A's.
        const setup = commands.filter((c) => c._tag === "CreateGrid")
        await b.grids.executeAll(admin, setup)
        const block = setup[setup.length - 1]!
        let done = false
        let loops = 0
        const looping = (async () => {
          // A cap, so that a starved import fails the test instead of hanging it.
          while (!done && loops < 10_000) {
            await b.grids.execute(admin, {
              _tag: "PlacePlace",
              id: `B${loops++}`,
              kind: "household",
              name: "住户",
              gridCode: (block as { readonly code: string }).code,
              at: "2024-01-01"
            })
          }
        })()
        const imported = await a.grids.importAll(admin, commands.filter((c) => c._tag !== "CreateGrid"), { id: "beside", chunkSize: 500 })
        done = true
        await looping
        expect(imported.written).toBe(3_000)
        // The import finished while B was still looping: B never held the lock for good.
        expect(loops).toBeGreaterThan(0)
        expect(loops).toBeLessThan(10_000)
      } finally {
        await a.dispose()
        await b.dispose()
        rmSync(dir, { recursive: true, force: true })
      }
    }), 60_000)

  it.scopedLive("gives up after its busyTimeout with SQLITE_BUSY, having written nothing; 0 gives up at once", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const a = yield* open(filename)
      const [patient, impatient] = [yield* open(filename, "300 millis"), yield* open(filename, 0)]
      yield* withTable(a)
      const watch = yield* eventLoopWatch
      const locked = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(write(a, "a", { holdMs: 800, onLocked: Deferred.succeed(locked, undefined) }))
      yield* Deferred.await(locked)
      const [late, now] = yield* Effect.all([timed(write(patient, "b")), timed(write(impatient, "c"))], {
        concurrency: "unbounded"
      })
      yield* Fiber.join(holder)

      expect(late.result._tag).toBe("Left")
      if (late.result._tag === "Left") expectBusyTimeout(late.result.left, 300)
      expect(late.ms).toBeGreaterThanOrEqual(295)
      expect(late.ms).toBeLessThan(700)
      expect(now.result._tag).toBe("Left")
      if (now.result._tag === "Left") expectBusyTimeout(now.result.left, 0)
      // Well under the patient client's 300 ms, with room for a loaded machine running two test files at once.
      expect(now.ms).toBeLessThan(250)
      expect(watch.maxGapMs).toBeLessThan(frozen)
      expect(yield* labels(a)).toEqual(["a"])
      // Once the lock is free, the same clients write.
      yield* write(patient, "b")
      yield* write(impatient, "c")
      expect(yield* labels(a)).toEqual(["a", "b", "c"])
    }))

  it.scopedLive("a read outside a transaction does not wait for the other client's write, and sees only commits", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const [a, b] = [yield* open(filename), yield* open(filename, 0)]
      yield* withTable(a)
      yield* write(a, "committed")
      const locked = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(write(a, "pending", { holdMs: 300, onLocked: Deferred.succeed(locked, undefined) }))
      yield* Deferred.await(locked)
      const read = yield* timed(labels(b))
      expect(read.result).toMatchObject({ _tag: "Right", right: ["committed"] })
      expect(read.ms).toBeLessThan(250) // the holder keeps its lock 300 ms
      yield* Fiber.join(holder)
      expect(yield* labels(b)).toEqual(["committed", "pending"])
    }))

  it.scopedLive("many interleaved transactions of two clients all commit, none lost", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const [a, b] = [yield* open(filename), yield* open(filename)]
      yield* withTable(a)
      // Read, yield to the event loop, write back: a lost update if two ever overlapped.
      const increment = (client: Client, label: string) =>
        Effect.gen(function*() {
          const transactor = yield* Transactor.Transactor
          const sql = yield* SqlClient.SqlClient
          yield* transactor.transaction(
            tenant,
            Effect.gen(function*() {
              const [row] = yield* sql<{ readonly n: number }>`SELECT n FROM test_counter WHERE id = 1`
              yield* Effect.sleep(Duration.millis(1))
              yield* sql`UPDATE test_counter SET n = ${row!.n + 1} WHERE id = 1`
              yield* sql`INSERT INTO test_rows (label) VALUES (${label})`
            })
          )
        }).pipe(Effect.provide(client))
      const each = Array.from({ length: 50 }, (_, i) => i)
      const { ms, result } = yield* timed(
        Effect.all([
          Effect.forEach(each, (i) => increment(a, `a${i}`), { concurrency: "unbounded", discard: true }),
          Effect.forEach(each, (i) => increment(b, `b${i}`), { concurrency: "unbounded", discard: true })
        ], { concurrency: "unbounded" })
      )
      expect(result._tag).toBe("Right")
      expect(ms).toBeLessThan(5_000)
      const sql = yield* Effect.provide(SqlClient.SqlClient, b)
      expect(yield* sql`SELECT n FROM test_counter`).toEqual([{ n: 100 }])
      expect((yield* labels(b)).length).toBe(100)
    }))

  it.scopedLive("two clients opening a fresh file together both start; each migration runs once", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const [a, b] = yield* Effect.all([open(filename), open(filename)], { concurrency: "unbounded" })
      const sql = yield* Effect.provide(SqlClient.SqlClient, a)
      const recorded = yield* sql<{ readonly n: number }>`SELECT count(*) AS n FROM jiceng_migrations_store`
      expect(recorded).toEqual([{ n: 1 }])
      yield* withTable(b)
      yield* Effect.all([write(a, "a"), write(b, "b")], { concurrency: "unbounded" })
      expect(yield* labels(a)).toEqual(["a", "b"])
    }))

  it.effect("the caller's own failures are never retried, busy or not, and come back untouched", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const a = yield* open(filename)
      const transactor = yield* Effect.provide(Transactor.Transactor, a)
      let runs = 0
      const busy = new SqlError({ cause: Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }) })
      expect(SqlTransactor.isBusy(busy)).toBe(true)
      const failed = yield* Effect.flip(
        transactor.transaction(tenant, Effect.suspend(() => (runs++, Effect.fail(busy))))
      )
      // The same error (Effect wraps a failure in a proxy carrying its span).
      expect(Cause.originalError(failed) === busy).toBe(true)
      expect(runs).toBe(1)
    }).pipe(Effect.scoped))
})

/** Another process: node with better-sqlite3 directly, holding the write lock for `holdMs`. */
const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3")
const holderScript = `
const [driver, file, holdMs, statement] = process.argv.slice(1)
const db = new (require(driver))(file)
db.pragma("journal_mode = WAL")
db.exec("BEGIN IMMEDIATE")
db.exec(statement)
process.stdout.write("locked\\n")
setTimeout(() => { db.exec("COMMIT"); db.close(); process.stdout.write("committed\\n") }, Number(holdMs))
`

/** Resolves once the other process holds the lock; its `committed` effect waits for the commit. */
const otherProcess = (filename: string, holdMs: number, statement: string) =>
  Effect.async<{ readonly committed: Effect.Effect<void, Error> }, Error>((resume) => {
    const child = spawn(process.execPath, ["-e", holderScript, betterSqlite3, filename, String(holdMs), statement], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let output = ""
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve))
    child.stdout.on("data", (chunk) => {
      const before = output
      output += String(chunk)
      if (!before.includes("locked") && output.includes("locked")) {
        resume(Effect.succeed({
          committed: Effect.flatMap(
            Effect.promise(() => exited),
            (code) =>
              code === 0 && output.includes("committed") ? Effect.void : Effect.fail(new Error(`holder exited ${code}`))
          )
        }))
      }
    })
    child.on("error", (error) => resume(Effect.fail(error)))
    void exited.then((code) => {
      if (!output.includes("locked")) resume(Effect.fail(new Error(`holder exited ${code} before locking`)))
    })
    return Effect.sync(() => child.kill("SIGKILL"))
  })

describe("SqliteStore beside another process", () => {
  it.scopedLive("waits for the other process's commit within busyTimeout, gives up typed past it", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const [patient, impatient] = [yield* open(filename, Duration.seconds(5)), yield* open(filename, 200)]
      yield* withTable(patient)
      const watch = yield* eventLoopWatch
      const other = yield* otherProcess(filename, 1_000, "INSERT INTO test_rows (label) VALUES ('other')")
      // A client opened now finds the file migrated: it reads, and waits for no lock.
      const opened = yield* timed(open(filename))
      expect(opened.result._tag).toBe("Right")
      expect(opened.ms).toBeLessThan(300)
      const [late, waited] = yield* Effect.all([timed(write(impatient, "impatient")), timed(write(patient, "patient"))], {
        concurrency: "unbounded"
      })
      yield* other.committed

      expect(late.result._tag).toBe("Left")
      if (late.result._tag === "Left") expectBusyTimeout(late.result.left, 200)
      expect(late.ms).toBeLessThan(700)
      expect(waited.result._tag).toBe("Right")
      expect(waited.ms).toBeGreaterThan(500)
      expect(watch.maxGapMs).toBeLessThan(frozen)
      expect(yield* labels(patient)).toEqual(["other", "patient"])
    }))

  it.scopedLive("opening a fresh file waits for the other process's lock, then migrates", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const watch = yield* eventLoopWatch
      const other = yield* otherProcess(filename, 400, "CREATE TABLE elsewhere (x INTEGER)")
      const opened = yield* timed(open(filename))
      yield* other.committed
      expect(opened.result._tag).toBe("Right")
      expect(opened.ms).toBeGreaterThan(200)
      expect(watch.maxGapMs).toBeLessThan(frozen)
      if (opened.result._tag === "Right") {
        const sql = yield* Effect.provide(SqlClient.SqlClient, opened.result.right)
        const tables = yield* sql<{ readonly name: string }>`SELECT name FROM sqlite_master
WHERE type = 'table' AND name IN ('elsewhere', 'grids', 'audit_log', 'jiceng_write_lock') ORDER BY name`
        expect(tables.map((t) => t.name)).toEqual(["audit_log", "elsewhere", "grids", "jiceng_write_lock"])
        yield* withTable(opened.result.right)
        yield* write(opened.result.right, "x")
      }
    }))
})

describe("SqliteStore busyTimeout option", () => {
  it.scoped("a bad busyTimeout is a StoreError naming the option", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const bad: ReadonlyArray<unknown> = [-1, Number.NaN, Infinity, "soon", "-5 seconds", Duration.infinity, {}, [
        1,
        -1
      ], -1n, null]
      for (const busyTimeout of bad) {
        const error = yield* Effect.flip(
          Layer.build(SqliteStore.layer({ filename, busyTimeout: busyTimeout as Duration.DurationInput }))
        )
        expect(error).toMatchObject({ _tag: "StoreError", operation: "open" })
        expect(error.message).toMatch(/^busyTimeout .*: expected a finite duration of 0 or more/)
      }
      const good: ReadonlyArray<Duration.DurationInput> = [0, 2_500, "2 seconds", Duration.millis(10), [1, 0]]
      for (const busyTimeout of good) {
        yield* Effect.scoped(Layer.build(SqliteStore.layer({ filename, busyTimeout })))
      }
    }))

  it.scopedLive("layerConfig reads JICENG_SQLITE_BUSY_TIMEOUT, in milliseconds or as a duration", () =>
    Effect.gen(function*() {
      const filename = yield* temporaryFile
      const fromEnv = (busyTimeout: string) =>
        Layer.build(SqliteStore.layerConfig).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(
            new Map([["JICENG_SQLITE_FILE", filename], ["JICENG_SQLITE_BUSY_TIMEOUT", busyTimeout]])
          ))
        )
      const holder = yield* open(filename)
      yield* withTable(holder)
      const [zero, short] = [yield* fromEnv("0"), yield* fromEnv("50 millis")]
      yield* fromEnv(" 2500 ")
      const error = yield* Effect.flip(fromEnv("soon"))
      expect(error._tag).not.toBe("StoreError")
      expect(String(error)).toContain("JICENG_SQLITE_BUSY_TIMEOUT")
      expect(String(error)).toContain(`"soon"`)

      const locked = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(write(holder, "a", { holdMs: 300, onLocked: Deferred.succeed(locked, undefined) }))
      yield* Deferred.await(locked)
      const [zeroFailed, shortFailed] = yield* Effect.all([Effect.flip(write(zero, "b")), Effect.flip(write(short, "c"))])
      expectBusyTimeout(zeroFailed, 0)
      expectBusyTimeout(shortFailed, 50)
      yield* Fiber.join(fiber)
    }))
})
