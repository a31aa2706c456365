/**
 * `npm run bench`: a benchmark, not a test. Builds 桃城区 at the default scale, attaches
 * 1,000,000 synthetic households to random blocks, then times the subtree rollups a
 * report runs — `places.countInSubtree` and `places.countByKind` for the district and
 * each street — through the Store against a hand-written SQL query on the same
 * database, and prints per-query medians and the ratio store/raw. SQLite always;
 * PostgreSQL too when `JICENG_PG_URL` is set (in a fresh schema, dropped afterwards).
 *
 * Flags: --rows N (default 1000000) --runs N (default 20) --warmup N (default 1)
 * --budget S (default 15): a query stops repeating once its measured runs have taken
 * S seconds on either side, after at least 3 runs, so that slow rollups do not keep
 * the benchmark running for an hour; the runs actually made are printed.
 * --skip-analyze: leave out the ANALYZE of the place tables after loading. By default
 * the planner gets fresh statistics, as PostgreSQL's autovacuum would give it soon
 * after a bulk load; without them SQLite picks a far slower plan for the district root.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import { parseArgs } from "node:util"
import { GridConfig, Grids, GridStore, IsoDate, type Place, type Store, Tenant, Transactor } from "@jiceng/core"
import { PostgresStore } from "@jiceng/store-postgres"
import { SqliteStore } from "@jiceng/store-sqlite"
// The vitest-free entry of the testkit: its main entry also carries the conformance suite.
import * as District from "@jiceng/testkit/district"
import { SqlClient } from "@effect/sql"
import Database from "better-sqlite3"
import { Effect, Layer } from "effect"
import * as Output from "./Output.js"

/** Rows per Store transaction while loading; the store splits them into statements. */
const LOAD_BATCH = 50_000

/** Runs always made per query, whatever the time budget. */
const MIN_RUNS = 3

interface Flags {
  readonly rows: number
  readonly runs: number
  readonly warmup: number
  readonly budgetSeconds: number
  readonly analyze: boolean
}

const parseFlags = (argv: ReadonlyArray<string>): Flags => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: "string" },
      runs: { type: "string" },
      warmup: { type: "string" },
      budget: { type: "string" },
      "skip-analyze": { type: "boolean" }
    },
    strict: true
  })
  const int = (flag: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`--${flag} ${raw}: expected a whole number ≥ ${min}`)
    return n
  }
  return {
    rows: int("rows", values.rows, 1_000_000, 0),
    runs: int("runs", values.runs, 20, 1),
    warmup: int("warmup", values.warmup, 1, 0),
    budgetSeconds: int("budget", values.budget, 15, 1),
    analyze: values["skip-analyze"] !== true
  }
}

/** One rollup question: a query on a subtree root. */
interface Query {
  readonly name: "countInSubtree" | "countByKind"
  readonly root: string
  readonly label: string
}

/** What both sides answer, normalised so that they can be compared. */
type Answer = string

interface Timing {
  readonly query: Query
  readonly storeMs: number
  readonly rawMs: number
  readonly runs: number
  readonly answer: Answer
  readonly agree: boolean
}

/** The raw side of a backend: the same two questions in hand-written SQL. */
interface Raw {
  readonly countInSubtree: (root: string) => Promise<number>
  readonly countByKind: (root: string) => Promise<ReadonlyArray<{ readonly kind: string; readonly count: number }>>
  readonly close: () => Promise<void>
}

const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

// Subtree = code range [root, root + ':'): ':' sorts right after '9', so the range holds
// exactly the codes that start with root, and the (tenant, grid_code, …) index answers it.
const upper = (root: string): string => `${root}:`

const kindsText = (rows: ReadonlyArray<{ readonly kind: string; readonly count: number }>): Answer =>
  rows.map((r) => `${r.kind}=${r.count}`).join(",")

const sqliteRaw = (file: string, tenant: string, at: string): Raw => {
  const db = new Database(file, { readonly: true })
  // count(*) rather than count(DISTINCT place_id): a place is in one grid at a time,
  // which the Store's rules guarantee, so a hand-written query may rely on it.
  const count = db.prepare<[string, string, string, string, string], { n: number }>(
    `SELECT count(*) AS n FROM place_links
     WHERE tenant = ? AND grid_code >= ? AND grid_code < ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)`
  )
  const byKind = db.prepare<[string, string, string, string, string], { kind: string; n: number }>(
    `SELECT p.kind AS kind, count(*) AS n
     FROM place_links l JOIN places p ON p.tenant = l.tenant AND p.id = l.place_id
     WHERE l.tenant = ? AND l.grid_code >= ? AND l.grid_code < ? AND l.valid_from <= ?
       AND (l.valid_to IS NULL OR l.valid_to > ?)
     GROUP BY p.kind ORDER BY p.kind`
  )
  return {
    countInSubtree: async (root) => count.get(tenant, root, upper(root), at, at)?.n ?? 0,
    countByKind: async (root) => byKind.all(tenant, root, upper(root), at, at).map((r) => ({ kind: r.kind, count: r.n })),
    close: async () => void db.close()
  }
}

/** The few parts of `pg` used here; `pg` ships no types and @types/pg is not installed. */
interface PgClient {
  connect(): Promise<void>
  query<R>(text: string, values?: ReadonlyArray<unknown>): Promise<{ readonly rows: ReadonlyArray<R> }>
  end(): Promise<void>
}
interface PgModule {
  readonly Client: new (config: { readonly connectionString: string }) => PgClient
}
const pg = (): PgModule => createRequire(import.meta.url)("pg") as PgModule

const pgRaw = async (url: string, schema: string, tenant: string, at: string): Promise<Raw> => {
  const client = new (pg().Client)({ connectionString: url })
  await client.connect()
  await client.query(`SET search_path TO ${schema}`)
  const countSql = `SELECT count(*)::int AS n FROM place_links
    WHERE tenant = $1 AND grid_code >= $2 AND grid_code < $3 AND valid_from <= $4 AND (valid_to IS NULL OR valid_to > $4)`
  const byKindSql = `SELECT p.kind, count(*)::int AS n
    FROM place_links l JOIN places p ON p.tenant = l.tenant AND p.id = l.place_id
    WHERE l.tenant = $1 AND l.grid_code >= $2 AND l.grid_code < $3 AND l.valid_from <= $4
      AND (l.valid_to IS NULL OR l.valid_to > $4)
    GROUP BY p.kind ORDER BY p.kind`
  return {
    countInSubtree: async (root) =>
      (await client.query<{ n: number }>(countSql, [tenant, root, upper(root), at])).rows[0]?.n ?? 0,
    countByKind: async (root) =>
      (await client.query<{ kind: string; n: number }>(byKindSql, [tenant, root, upper(root), at])).rows.map((r) => ({
        kind: r.kind,
        count: r.n
      })),
    close: () => client.end()
  }
}

/** Synthetic households, spread over the blocks by a multiplicative hash (deterministic, no PRNG needed). */
const loadHouseholds = (tenantCode: string, blocks: ReadonlyArray<string>, rows: number, validFrom: string) =>
  Effect.gen(function*() {
    const { places: repo } = yield* GridStore.GridStore
    const { transaction } = yield* Transactor.Transactor
    const tenant = Tenant.make(tenantCode)
    const from = IsoDate.unsafeMake(validFrom)
    for (let start = 0; start < rows; start += LOAD_BATCH) {
      const end = Math.min(rows, start + LOAD_BATCH)
      const places: Array<Place.Place> = []
      const links: Array<Place.PlaceLink> = []
      for (let k = start; k < end; k++) {
        // Ids and codes are built here, well-formed by construction: casting skips a
        // million Schema decodes that would only slow the load down.
        const id = `H-${String(k).padStart(7, "0")}` as Place.PlaceId
        const gridCode = blocks[(Math.imul(k + 1, 2654435761) >>> 0) % blocks.length]! as Place.PlaceLink["gridCode"]
        places.push({ tenant, id, kind: "household", name: `合成住户${k + 1}`, address: null, creditCode: null })
        links.push({ tenant, placeId: id, gridCode, validFrom: from, validTo: null })
      }
      yield* transaction(tenant, Effect.zipRight(repo.put(places), repo.link(links)))
    }
  })

const measure = (queries: ReadonlyArray<Query>, tenantCode: string, at: string, raw: Raw, flags: Flags) =>
  Effect.gen(function*() {
    const store = yield* GridStore.GridStore
    const tenant = Tenant.make(tenantCode)
    const day = IsoDate.unsafeMake(at)
    const timings: Array<Timing> = []
    for (const query of queries) {
      const viaStore: Effect.Effect<Answer, unknown> = query.name === "countInSubtree"
        ? Effect.map(store.places.countInSubtree(tenant, query.root, day), String)
        : Effect.map(store.places.countByKind(tenant, query.root, day), kindsText)
      const viaRaw = (): Promise<Answer> =>
        query.name === "countInSubtree"
          ? raw.countInSubtree(query.root).then(String)
          : raw.countByKind(query.root).then(kindsText)
      const storeMs: Array<number> = []
      const rawMs: Array<number> = []
      let storeAnswer = ""
      let rawAnswer = ""
      const budgetMs = flags.budgetSeconds * 1000
      const spent = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0)
      for (let i = 0; i < flags.warmup + flags.runs; i++) {
        const measured = storeMs.length
        if (measured >= Math.min(MIN_RUNS, flags.runs) && Math.max(spent(storeMs), spent(rawMs)) > budgetMs) break
        const t0 = performance.now()
        storeAnswer = yield* viaStore
        const t1 = performance.now()
        rawAnswer = yield* Effect.promise(viaRaw)
        const t2 = performance.now()
        if (i >= flags.warmup) {
          storeMs.push(t1 - t0)
          rawMs.push(t2 - t1)
        }
      }
      timings.push({
        query,
        storeMs: median(storeMs),
        rawMs: median(rawMs),
        runs: storeMs.length,
        answer: storeAnswer,
        agree: storeAnswer === rawAnswer
      })
    }
    return timings
  })

const report = (title: string, timings: ReadonlyArray<Timing>): string => {
  const rows = [["query", "root", "runs", "store ms", "raw ms", "store/raw", "answer"]]
  for (const t of timings) {
    rows.push([
      t.query.name,
      t.query.label,
      String(t.runs),
      t.storeMs.toFixed(2),
      t.rawMs.toFixed(2),
      (t.storeMs / t.rawMs).toFixed(2),
      t.agree ? t.answer : `MISMATCH store=${t.answer}`
    ])
  }
  return `${title}\n${Output.table(rows, { textColumns: [6] })}`
}

/**
 * One backend: build the district through the Grids service, load the households
 * through the Store, then time store and raw side by side.
 */
const runBackend = <E>(
  name: string,
  storeLayer: Layer.Layer<Store.Store | SqlClient.SqlClient, E>,
  district: District.GeneratedDistrict,
  flags: Flags,
  openRaw: (at: string) => Promise<Raw>
) =>
  Effect.gen(function*() {
    const started = performance.now()
    const at = yield* IsoDate.today
    const buildStart = performance.now()
    yield* District.apply(district)
    const buildSeconds = Output.seconds(buildStart)
    const blocks = district.commands.flatMap((c) => (c._tag === "CreateGrid" && c.level === 5 ? [c.code] : []))
    const loadStart = performance.now()
    yield* loadHouseholds(district.tenant, blocks, flags.rows, district.options.validFrom)
    const loadSeconds = Output.seconds(loadStart)
    if (flags.analyze) {
      // Unqualified names: PostgreSQL resolves them in the store's schema (search_path).
      const sql = yield* SqlClient.SqlClient
      yield* sql.unsafe("ANALYZE places").raw
      yield* sql.unsafe("ANALYZE place_links").raw
    }
    const streets = district.options.streets.map((s) => ({ root: district.tenant + s.segment, label: `${s.name} ${district.tenant}${s.segment}` }))
    const roots = [{ root: district.tenant, label: `${district.options.name} ${district.tenant}` }, ...streets]
    const queries: Array<Query> = roots.flatMap((r) => [
      { name: "countInSubtree" as const, ...r },
      { name: "countByKind" as const, ...r }
    ])
    const raw = yield* Effect.promise(() => openRaw(at))
    const timings = yield* measure(queries, district.tenant, at, raw, flags).pipe(
      Effect.ensuring(Effect.promise(() => raw.close()))
    )
    const header = `${name}: district built in ${buildSeconds} s through the Grids service; ` +
      `${Output.count(flags.rows)} households loaded in ${loadSeconds} s through the Store; ` +
      `${flags.analyze ? "ANALYZE" : "no ANALYZE"}; ` +
      `median ms per query (up to ${flags.runs} runs or ${flags.budgetSeconds} s, after ${flags.warmup} warm-up), as of ${at}`
    return {
      text: `${report(header, timings)}\n  total ${Output.seconds(started)} s`,
      agree: timings.every((t) => t.agree)
    }
  }).pipe(
    Effect.provide(Grids.layer.pipe(Layer.provide(GridConfig.layer()), Layer.provideMerge(storeLayer)))
  )

const main = async (): Promise<number> => {
  let flags: Flags
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error("usage: npm run bench -- [--rows N] [--runs N] [--warmup N] [--budget SECONDS] [--skip-analyze]")
    return 2
  }
  const district = District.generate()
  console.log(
    `jiceng bench — ${district.options.name} at default scale (${Output.count(district.commands.length)} commands), ` +
      `${Output.count(flags.rows)} synthetic households, Node ${process.version}`
  )

  const file = Output.freshDatabase("taocheng-bench.db")
  const sqlite = await Effect.runPromiseExit(
    runBackend(`SQLite ${Output.display(file)}`, SqliteStore.layer({ filename: file }), district, flags, async (at) =>
      sqliteRaw(file, district.tenant, at))
  )
  if (sqlite._tag === "Failure") {
    console.error("SQLite run failed:", sqlite.cause.toString())
    return 1
  }
  console.log(`\n${sqlite.value.text}`)
  // The answers are the bench's correctness check: a disagreement fails the run.
  let exitCode = sqlite.value.agree ? 0 : 1

  const url = process.env["JICENG_PG_URL"]
  if (url === undefined || url === "") {
    console.log("\nPostgreSQL: skipped (set JICENG_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/test, to run it)")
    if (exitCode !== 0) console.error("the store and the raw queries disagree (MISMATCH above)")
    return exitCode
  }
  const schema = `jiceng_bench_${process.pid}_${Date.now().toString(36)}`
  try {
    const postgres = await Effect.runPromiseExit(
      runBackend(`PostgreSQL (schema ${schema})`, PostgresStore.layer({ url, schema }), district, flags, (at) =>
        pgRaw(url, schema, district.tenant, at))
    )
    if (postgres._tag === "Failure") {
      console.error("PostgreSQL run failed:", postgres.cause.toString())
      return 1
    }
    console.log(`\n${postgres.value.text}`)
    if (!postgres.value.agree) exitCode = 1
    if (exitCode !== 0) console.error("the store and the raw queries disagree (MISMATCH above)")
    return exitCode
  } finally {
    // The store's pool is closed when its layer's scope ends; drop the schema after it.
    const client = new (pg().Client)({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  }
}

process.exitCode = await main()
