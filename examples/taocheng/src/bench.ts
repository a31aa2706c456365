/**
 * `npm run bench`: a benchmark, not a test. On SQLite, then on PostgreSQL, it
 *
 * 1. builds 桃城区 at the default scale (`District.generate()`, then `District.apply`
 *    through the Grids service, as the demo does) and times it, with the process's
 *    peak resident set size;
 * 2. places `--rows` synthetic households (default 1,000,000: `PlacePlace` commands of
 *    kind household, spread over the district's blocks) through `Grids.executeAll`, in
 *    batches of `--batch` commands made as they are sent, and times only them;
 * 3. inserts the same rows — for each household its `places`, `place_links` and
 *    `audit_log` row — by hand with the driver (better-sqlite3; `pg`) into a copy of
 *    the service's database as the district left it (so both sides insert into tables
 *    of the same size, with the same keys and indexes), in one transaction of multi-row
 *    INSERTs, with the same durability settings, and prints the ratio raw time /
 *    service time;
 * 4. checks that both sides hold as many new places and links, and that the service's
 *    audit log grew by one entry a command;
 * 5. times the rollups a report runs — `countInSubtree` and `countByKind` for the
 *    district and each street — through the Store against hand-written SQL on the
 *    service's database.
 *
 * Then the volunteer ledger (issue 9), on a database of its own (`bench/LedgerBench.ts`):
 *
 * 6. writes 桃城区's scaffold through the services (grids, party organisations,
 *    co-construction, and the volunteers, consents and activities of its generated year
 *    of service: `Ledger.generate`, its registrations only), untimed; then records
 *    `--ledger-rows` sessions (default 1,000,000: `RecordService` over those volunteers,
 *    in the year after, no volunteer's overlapping; `bench/LedgerSessions.ts`) through
 *    `VolunteerLedger.executeAll` in batches of `--ledger-batch` made as they are sent,
 *    timing only the batches;
 * 7. inserts the same rows — the service's entries as stored, every column and the hash,
 *    read back a page at a time untimed — by hand into an empty database of the same
 *    schema (the Store's migrations: tables, keys and indexes), with the same durability
 *    settings, in one transaction: better-sqlite3's prepared INSERTs of 1,023 rows;
 *    `pg`'s `INSERT … SELECT FROM unnest(…)` of 8,184 rows (`--ledger-pg-insert values`:
 *    named multi-row INSERTs of 2,047 rows instead); and prints raw time / service time;
 * 8. times the year's rollup by street and category through `VolunteerLedger.totals`
 *    (`level: 1`) against `GROUP BY substr(grid_code, 1, 9), category` by hand on the
 *    service's database, alternating, and checks both answers agree;
 * 9. times `verify` over the chain, which must report no break; and checks both sides
 *    hold the entries, the raw side's first and last entries being the service's.
 *
 * Figures of a run on a 2-core machine, and what limits them: docs/ledger.md,
 * "Performance".
 *
 * Each phase runs in a child process of its own, so its peak RSS is its own. A summary
 * ends the output: the ratios and figures against their targets (informative); the
 * exit code is 1 only when a correctness check fails (row counts, the rows written,
 * the store's and the raw queries' answers, the ledger's entries and chain).
 *
 * PostgreSQL: `JICENG_PG_URL`, else postgres://postgres@127.0.0.1:5432/test; a local
 * server that is down is started as CI does (`pg_ctlcluster`); when none can be
 * reached, the bench says so and skips that part. Its schemas are fresh and dropped
 * afterwards.
 *
 * Flags: --rows N (default 1000000) --batch N (commands per executeAll, default 50000,
 * at most 100000) --runs N (default 20) --warmup N (default 1) --budget S (default 15):
 * a rollup stops repeating once either side has spent S seconds on it (after at least
 * 3 runs) --skip-analyze (no ANALYZE of the place tables before the rollups; without
 * it SQLite picks a far slower plan for the district's root) --skip-pg --ledger-rows N
 * (default 1000000) --ledger-batch N (commands per executeAll, default 50000)
 * --ledger-pg-insert unnest|values (default unnest) --only grid,ledger,matching (the
 * parts to run, comma-separated: `--only ledger` runs the ledger's alone).
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as os from "node:os"
import { parseArgs } from "node:util"
import * as Child from "./bench/Child.js"
import * as Households from "./bench/Households.js"
import * as LedgerBench from "./bench/LedgerBench.js"
import * as MatchingBench from "./MatchingBench.js"
import * as Phases from "./bench/Phases.js"
import * as Postgres from "./bench/Postgres.js"
import * as RawIngest from "./bench/RawIngest.js"
import * as Rollups from "./bench/Rollups.js"
import * as Output from "./Output.js"

/** The Grids service's limit on one `executeAll` batch. */
const MAX_BATCH = 100_000

/** Targets the summary holds the figures against. */
const targets = {
  ingestRatio: 0.3,
  districtSeconds: 10,
  districtPeakMiB: 1024,
  matchingSeconds: 1,
  matchingRatio: 0.99
}

/** The bench's parts, for `--only`. */
const parts = ["grid", "ledger", "matching"] as const
type Part = typeof parts[number]

interface Flags {
  readonly rows: number
  readonly batch: number
  readonly runs: number
  readonly warmup: number
  readonly budgetSeconds: number
  readonly analyze: boolean
  readonly pg: boolean
  readonly ledgerRows: number
  readonly ledgerBatch: number
  readonly ledgerPgInsert: "unnest" | "values"
  /** The parts to run. */
  readonly only: ReadonlySet<Part>
}

const usage = "usage: npm run bench -- [--rows N] [--batch N] [--runs N] [--warmup N] [--budget SECONDS] " +
  "[--skip-analyze] [--skip-pg] [--ledger-rows N] [--ledger-batch N] [--ledger-pg-insert unnest|values] " +
  "[--only grid|ledger|matching[,…]]"

const parseFlags = (argv: ReadonlyArray<string>): Flags => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: "string" },
      batch: { type: "string" },
      runs: { type: "string" },
      warmup: { type: "string" },
      budget: { type: "string" },
      "skip-analyze": { type: "boolean" },
      "skip-pg": { type: "boolean" },
      "ledger-rows": { type: "string" },
      "ledger-batch": { type: "string" },
      "ledger-pg-insert": { type: "string" },
      only: { type: "string" }
    },
    strict: true
  })
  const int = (flag: string, raw: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new RangeError(`--${flag} ${raw}: expected a whole number from ${min} to ${max}`)
    }
    return n
  }
  return {
    rows: int("rows", values.rows, 1_000_000, 0),
    batch: int("batch", values.batch, 50_000, 1, MAX_BATCH),
    runs: int("runs", values.runs, 20, 1),
    warmup: int("warmup", values.warmup, 1, 0),
    budgetSeconds: int("budget", values.budget, 15, 1),
    analyze: values["skip-analyze"] !== true,
    pg: values["skip-pg"] !== true,
    ledgerRows: int("ledger-rows", values["ledger-rows"], 1_000_000, 0),
    ledgerBatch: int("ledger-batch", values["ledger-batch"], 50_000, 1, MAX_BATCH),
    ledgerPgInsert: pgInsert(values["ledger-pg-insert"]),
    only: onlyParts(values.only)
  }
}

const pgInsert = (raw: string | undefined): Flags["ledgerPgInsert"] => {
  if (raw === undefined || raw === "unnest" || raw === "values") return raw ?? "unnest"
  throw new RangeError(`--ledger-pg-insert ${raw}: expected unnest or values`)
}

const onlyParts = (raw: string | undefined): ReadonlySet<Part> => {
  if (raw === undefined) return new Set(parts)
  const named = raw.split(",").map((p) => p.trim())
  const unknown = named.find((p) => !(parts as ReadonlyArray<string>).includes(p))
  if (unknown !== undefined || named.length === 0) throw new RangeError(`--only ${raw}: expected ${parts.join(", ")} (comma-separated)`)
  return new Set(named as Array<Part>)
}

// ------------------------------------------------------------------ formatting

const seconds = (ms: number): string => (ms / 1000).toFixed(2)
const mib = (kib: number): string => `${Output.count(Math.round(kib / 1024))} MiB`
const perSecond = (n: number, ms: number): string => (ms > 0 ? Output.count(Math.round((n * 1000) / ms)) : "-")
const verdict = (pass: boolean): string => (pass ? "PASS" : "BELOW")

const batchesText = (batchMs: ReadonlyArray<number>, batch: number): string => {
  if (batchMs.length === 0) return "no batches"
  const sorted = [...batchMs].sort((a, b) => a - b)
  return `${batchMs.length} executeAll batch${batchMs.length === 1 ? "" : "es"} of up to ${Output.count(batch)} commands, ` +
    `${seconds(sorted[0]!)}–${seconds(sorted[sorted.length - 1]!)} s each (median ${seconds(sorted[Math.floor(sorted.length / 2)]!)} s)`
}

/** The machine, for the record: timings depend on it (and on what else it runs). */
const machine = (): string => {
  const cpus = os.cpus()
  return `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`
}

/** The 1, 5 and 15 minute load averages: above the CPU count, other work competed with the bench. */
const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" / ")

// ------------------------------------------------------------------ a backend

interface BackendOutcome {
  readonly name: string
  readonly district?: Phases.DistrictResult
  readonly ratio?: number
  /** Correctness failures, described. */
  readonly failures: ReadonlyArray<string>
  /** What could not be run, described. */
  readonly errors: ReadonlyArray<string>
}

interface BackendPlan {
  readonly name: string
  readonly driver: string
  /** Where the service side and the raw side work. */
  readonly service: Phases.Backend
  readonly raw: Phases.Backend
  readonly where: (backend: Phases.Backend) => string
}

const checkIngest = (
  h: Households.Households,
  service: Phases.ServiceResult,
  raw: Phases.RawResult
): { readonly lines: ReadonlyArray<string>; readonly failures: ReadonlyArray<string> } => {
  const failures: Array<string> = []
  const grown = (c: { readonly before: Households.Counts; readonly after: Households.Counts }) => ({
    places: c.after.places - c.before.places,
    links: c.after.links - c.before.links,
    audit: c.after.audit - c.before.audit
  })
  const s = grown(service.ingest)
  const r = grown(raw.ingest)
  if (s.places !== r.places || s.links !== r.links) {
    failures.push(`rows after ingest differ: service +${s.places} places, +${s.links} links; raw +${r.places}, +${r.links}`)
  }
  if (s.places !== h.rows || s.links !== h.rows) {
    failures.push(`the service added ${s.places} places and ${s.links} links for ${h.rows} commands`)
  }
  if (s.audit !== h.rows) failures.push(`the service's audit log grew by ${s.audit} entries for ${h.rows} commands`)
  // The first and the last household's rows, read back from both sides.
  const differences: Array<string> = []
  const left = service.ingest.samples.map(Households.normalise)
  const right = raw.ingest.samples.map(Households.normalise)
  if (left.length !== right.length) differences.push(`${left.length} samples (service), ${right.length} (raw)`)
  left.forEach((sample, i) => {
    for (const part of ["place", "link", "audit"] as const) {
      const a = JSON.stringify(sample[part])
      const b = JSON.stringify(right[i]?.[part])
      if (a !== b) differences.push(`${part} row of sample ${i + 1}: service ${a}, raw ${b}`)
    }
  })
  const samples = differences.length === 0
  if (!samples) failures.push(`the raw side writes other rows than the service: ${differences.join("; ")}`)
  const lines = [
    `check: places +${Output.count(s.places)} (service) / +${Output.count(r.places)} (raw), ` +
    `links +${Output.count(s.links)} / +${Output.count(r.links)}, ` +
    `audit log +${Output.count(s.audit)} for ${Output.count(h.rows)} commands; ` +
    `first and last household's rows ${samples ? "alike" : "DIFFERENT"} — ${failures.length === 0 ? "OK" : "FAILED"}`
  ]
  return { lines, failures }
}

/**
 * Gives the raw side the service's database as it is now (the district, before the
 * ingest): a copy of the SQLite file, whose writer has closed it; on PostgreSQL a new
 * schema with every table of the service's, keys, indexes and rows.
 */
const copyDatabase = async (service: Phases.Backend, raw: Phases.Backend): Promise<void> => {
  if (service.kind === "sqlite" && raw.kind === "sqlite") {
    // The writer checkpoints its log when it closes the file; a log left behind is copied too.
    await fs.promises.copyFile(service.file, raw.file)
    if (fs.existsSync(`${service.file}-wal`)) await fs.promises.copyFile(`${service.file}-wal`, `${raw.file}-wal`)
  } else if (service.kind === "pg" && raw.kind === "pg") {
    await Postgres.copySchema(service.url, service.schema, raw.schema)
  } else {
    throw new Error("the service and the raw side must use the same kind of database")
  }
}

const runBackend = async (plan: BackendPlan, flags: Flags): Promise<BackendOutcome> => {
  const failures: Array<string> = []
  const errors: Array<string> = []
  const say = (text: string) => console.log(text)
  say(`\n== ${plan.name} ==`)

  // 1. The realistic district.
  let district: Phases.DistrictResult
  try {
    district = await Child.run<Phases.DistrictResult>({ phase: "district", backend: plan.service })
  } catch (error) {
    errors.push(`${plan.name}: building the district failed: ${error instanceof Error ? error.message : String(error)}`)
    say(`District build FAILED: ${errors[0]}`)
    return { name: plan.name, failures, errors }
  }
  const buildMs = district.generateMs + district.applyMs
  // The district's goals are SQLite's (the demo's store); PostgreSQL's figures are for comparison.
  const goals = plan.service.kind === "sqlite"
  say(
    `Realistic district (District.generate() defaults, ${plan.where(plan.service)}): ${Output.count(district.commands)} commands, ` +
      `${Output.count(district.households)} households\n` +
      `  generate ${seconds(district.generateMs)} s + write ${seconds(district.applyMs)} s through the Grids service ` +
      `(District.apply, 10,000 commands a batch; ${perSecond(district.commands, district.applyMs)} commands/s) = ` +
      `${seconds(buildMs)} s${goals ? ` (goal ≤ ${targets.districtSeconds} s)` : ""}\n` +
      `  peak RSS ${mib(district.memory.peakKiB)} (the process began at ${mib(district.memory.startKiB)}` +
      `${goals ? "; goal < 1 GiB" : ""})`
  )

  // 2. and 3. The ingest, both sides, from the same rows: the raw side's database is a
  // copy of the service's as the district left it, so both insert into tables of the same size.
  try {
    await copyDatabase(plan.service, plan.raw)
  } catch (error) {
    errors.push(`${plan.name}: copying the district's database failed: ${error instanceof Error ? error.message : String(error)}`)
    say(`Copy FAILED: ${errors[0]}`)
    return { name: plan.name, district, failures, errors }
  }
  const h: Households.Households = {
    tenant: district.tenant,
    blocks: district.blocks,
    validFrom: district.validFrom,
    rows: flags.rows
  }
  let service: Phases.ServiceResult
  let raw: Phases.RawResult
  try {
    service = await Child.run<Phases.ServiceResult>({
      phase: "service",
      backend: plan.service,
      households: h,
      batch: flags.batch,
      analyze: flags.analyze,
      roots: district.roots,
      rollups: { runs: flags.runs, warmup: flags.warmup, budgetSeconds: flags.budgetSeconds }
    })
    raw = await Child.run<Phases.RawResult>({ phase: "raw", backend: plan.raw, households: h })
  } catch (error) {
    errors.push(`${plan.name}: the ingest failed: ${error instanceof Error ? error.message : String(error)}`)
    say(`Ingest FAILED: ${errors[0]}`)
    return { name: plan.name, district, failures, errors }
  }
  const ratio = service.ingest.ms > 0 ? raw.ingest.ms / service.ingest.ms : Number.NaN
  const rows = flags.rows
  say(
    `\nIngest: ${Output.count(rows)} households (PlacePlace, kind household) into ${Output.count(h.blocks.length)} blocks, ` +
      `3 rows each (places, place_links, audit_log)`
  )
  say(Output.table([
    ["side", "time s", "households/s", "rows/s", "CPU s", "peak RSS"],
    [
      "Grids.executeAll",
      seconds(service.ingest.ms),
      perSecond(rows, service.ingest.ms),
      perSecond(3 * rows, service.ingest.ms),
      seconds(service.ingest.cpuMs),
      mib(service.memory.peakKiB)
    ],
    [
      `raw ${plan.driver}`,
      seconds(raw.ingest.ms),
      perSecond(rows, raw.ingest.ms),
      perSecond(3 * rows, raw.ingest.ms),
      seconds(raw.ingest.cpuMs),
      mib(raw.memory.peakKiB)
    ]
  ], { header: true }))
  say(`  service: ${plan.where(plan.service)}, the district in it; ${batchesText(service.batchMs, flags.batch)}`)
  say(
    `  raw: ${plan.where(plan.raw)}, a copy of the service's database as the district left it; one transaction, ` +
      `INSERTs of ${Output.count(RawIngest.ROWS_PER_STATEMENT)} rows`
  )
  say(
    `  ratio raw/service ${ratio.toFixed(2)} (target ≥ ${targets.ingestRatio}: ${verdict(ratio >= targets.ingestRatio)}); ` +
      (plan.service.kind === "sqlite"
        ? `in CPU time ${(raw.ingest.cpuMs / service.ingest.cpuMs).toFixed(2)} (SQLite runs in the process: CPU time ` +
          `is less affected by other load on the machine)`
        : `CPU s are the bench process's own; the server's are not in them`)
  )
  const check = checkIngest(h, service, raw)
  for (const line of check.lines) say(`  ${line}`)
  for (const failure of check.failures) say(`  FAILED: ${failure}`)
  failures.push(...check.failures.map((f) => `${plan.name}: ${f}`))

  // 5. The rollups, on the service's database (the district and the households).
  say(
    `\n${
      Rollups.report(
        `Rollups on ${plan.where(plan.service)} (the district and the ${Output.count(rows)} households; ` +
          `${flags.analyze ? "ANALYZE" : "no ANALYZE"}): median ms per query (up to ${flags.runs} runs or ` +
          `${flags.budgetSeconds} s, after ${flags.warmup} warm-up), as of ${service.at}`,
        service.rollups
      )
    }`
  )
  const disagree = service.rollups.filter((t) => !t.agree)
  if (disagree.length > 0) {
    failures.push(`${plan.name}: the store and the raw queries disagree on ${disagree.length} rollups (MISMATCH above)`)
  }
  return { name: plan.name, district, ratio, failures, errors }
}

// ------------------------------------------------------------------ main

/** The PostgreSQL URL to run on, or why its part is skipped. */
const findPostgres = async (
  flags: Flags
): Promise<{ readonly url: string; readonly skipped?: undefined } | { readonly url?: undefined; readonly skipped: string }> => {
  if (!flags.pg) return { skipped: "--skip-pg" }
  const url = process.env["JICENG_PG_URL"] || Postgres.defaultUrl
  const unreachable = await Postgres.ensureRunning(url, (line) => console.log(line))
  return unreachable === undefined
    ? { url }
    : { skipped: `${unreachable}. Set JICENG_PG_URL to a reachable server to run that part.` }
}

const main = async (): Promise<number> => {
  let flags: Flags
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error(usage)
    return 2
  }
  const started = performance.now()
  const runs = (part: Part) => flags.only.has(part)
  const what = [
    ...(runs("grid") ? [`桃城区 at the default scale, then ${Output.count(flags.rows)} synthetic households`] : []),
    ...(runs("ledger") ? [`the volunteer ledger: ${Output.count(flags.ledgerRows)} sessions`] : []),
    ...(runs("matching") ? ["matching 10,000 × 10,000"] : [])
  ]
  console.log(`jiceng bench — ${what.join("; ")}\n${machine()}; load average ${loadAverage()} at the start`)

  // PostgreSQL is looked for first, so that a server being started is ready when needed
  // and a missing one is reported at once.
  const pg = runs("grid") || runs("ledger") ? await findPostgres(flags) : { skipped: "no part uses it" }
  console.log(pg.url !== undefined ? `PostgreSQL: ${Postgres.redact(pg.url)}` : `PostgreSQL: SKIPPED, ${pg.skipped}`)

  const outcomes: Array<BackendOutcome> = []
  const ledgers: Array<LedgerBench.Outcome> = []
  const file = (backend: Phases.Backend) => backend.kind === "sqlite" ? Output.display(backend.file) : `schema ${backend.schema}`
  const ledgerSettings: LedgerBench.Settings = {
    rows: flags.ledgerRows,
    batch: flags.ledgerBatch,
    rollups: { runs: flags.runs, warmup: flags.warmup, budgetSeconds: flags.budgetSeconds },
    pgShape: flags.ledgerPgInsert
  }
  if (runs("grid")) {
    outcomes.push(
      await runBackend({
        name: "SQLite",
        driver: "better-sqlite3",
        service: { kind: "sqlite", file: Output.freshDatabase("taocheng-bench.db") },
        raw: { kind: "sqlite", file: Output.freshDatabase("taocheng-bench-raw.db") },
        where: file
      }, flags)
    )
  }
  if (runs("ledger")) {
    ledgers.push(
      await LedgerBench.run({
        name: "SQLite",
        driver: "better-sqlite3",
        service: { kind: "sqlite", file: Output.freshDatabase("taocheng-bench-ledger.db") },
        raw: { kind: "sqlite", file: Output.freshDatabase("taocheng-bench-ledger-raw.db") },
        where: file
      }, ledgerSettings)
    )
  }

  let postgres: BackendOutcome | undefined
  let postgresLedger: LedgerBench.Outcome | undefined
  if (pg.url !== undefined) {
    const stamp = `${process.pid}_${Date.now().toString(36)}`
    const schemas = {
      service: `jiceng_bench_${stamp}`,
      raw: `jiceng_bench_raw_${stamp}`,
      ledger: `jiceng_bench_ledger_${stamp}`,
      ledgerRaw: `jiceng_bench_ledger_raw_${stamp}`
    }
    const name = `PostgreSQL (${Postgres.redact(pg.url)})`
    try {
      if (runs("grid")) {
        outcomes.push(
          postgres = await runBackend({
            name,
            driver: "pg",
            service: { kind: "pg", url: pg.url, schema: schemas.service },
            raw: { kind: "pg", url: pg.url, schema: schemas.raw },
            where: file
          }, flags)
        )
      }
      if (runs("ledger")) {
        ledgers.push(
          postgresLedger = await LedgerBench.run({
            name,
            driver: "pg",
            service: { kind: "pg", url: pg.url, schema: schemas.ledger },
            raw: { kind: "pg", url: pg.url, schema: schemas.ledgerRaw },
            where: file
          }, ledgerSettings)
        )
      }
    } finally {
      const all = Object.values(schemas)
      await Postgres.dropSchemas(pg.url, all).catch((error) =>
        console.error(`could not drop the bench's schemas ${all.join(", ")}:`, error)
      )
    }
  } else if (runs("grid") || runs("ledger")) {
    console.log(`\n== PostgreSQL ==\nSKIPPED: ${pg.skipped}`)
  }
  const pgSkipped = pg.skipped

  // Matching (一对一), issue 8: 10,000 needs × 10,000 resources, against its bounds.
  let matching: MatchingBench.Figures | undefined
  if (runs("matching")) {
    console.log("\n== Matching 10,000 × 10,000 ==")
    const m = matching = MatchingBench.run({ seed: 20240601, runs: 3 })
    console.log(
      `  ${Output.count(m.demands)} demands (${Output.count(m.demandUnits)} units) × ${Output.count(m.supplies)} supplies (${
        Output.count(m.capacityUnits)
      } units), ${Output.count(m.candidatePairs)} candidate pairs\n` +
        `  solves: ${m.millis.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")}; total ${Output.count(m.total)}, ` +
        `dual bound ${Output.count(m.dualBound)}, capacity-relaxed bound ${Output.count(m.relaxedBound)}; ` +
        `${m.exact ? "proven optimal" : "not proven optimal"}`
    )
  }

  // The summary.
  const sqlite = outcomes.find((o) => o.name === "SQLite")
  const sqliteLedger = ledgers.find((o) => o.name === "SQLite")
  const rows: Array<Array<string>> = [["figure", "measured", "target", "verdict"]]
  const ratioRow = (label: string, outcome: BackendOutcome | undefined, skipped?: string) =>
    rows.push(
      outcome?.ratio !== undefined
        ? [label, outcome.ratio.toFixed(2), `≥ ${targets.ingestRatio}`, verdict(outcome.ratio >= targets.ingestRatio)]
        : [label, "-", `≥ ${targets.ingestRatio}`, skipped !== undefined ? "SKIPPED" : "NOT RUN"]
    )
  if (runs("grid")) {
    ratioRow(`SQLite ingest ratio raw/service (${Output.count(flags.rows)} households)`, sqlite)
    ratioRow(`PostgreSQL ingest ratio raw/service (${Output.count(flags.rows)} households)`, postgres, pgSkipped)
  }
  if (sqlite?.district !== undefined) {
    const d = sqlite.district
    const s = (d.generateMs + d.applyMs) / 1000
    rows.push([
      "Realistic district on SQLite, generate + write",
      `${s.toFixed(2)} s`,
      `≤ ${targets.districtSeconds} s`,
      verdict(s <= targets.districtSeconds)
    ])
    rows.push([
      "Peak RSS importing the realistic district",
      mib(d.memory.peakKiB),
      "< 1 GiB",
      verdict(d.memory.peakKiB / 1024 < targets.districtPeakMiB)
    ])
  }
  if (runs("ledger")) {
    const ledgerRows = (backend: string, outcome: LedgerBench.Outcome | undefined, skipped?: string) => {
      const missing = skipped !== undefined ? "SKIPPED" : "NOT RUN"
      const n = Output.count(flags.ledgerRows)
      const t = LedgerBench.targets
      rows.push(
        outcome?.ingest !== undefined
          ? [
            `${backend} ledger ingest ratio raw/service (${n} sessions: ${seconds(outcome.ingest.rawMs)} s / ${seconds(outcome.ingest.serviceMs)} s)`,
            outcome.ingest.ratio.toFixed(2),
            `≥ ${t.ingestRatio}`,
            verdict(outcome.ingest.ratio >= t.ingestRatio)
          ]
          : [`${backend} ledger ingest ratio raw/service (${n} sessions)`, "-", `≥ ${t.ingestRatio}`, missing]
      )
      rows.push(
        outcome?.rollup !== undefined
          ? [
            `${backend} ledger rollup by street and category, service/raw (${outcome.rollup.serviceMs.toFixed(0)} ms / ${
              outcome.rollup.rawMs.toFixed(0)
            } ms)`,
            outcome.rollup.ratio.toFixed(2),
            `≤ ${t.rollupRatio}`,
            outcome.rollup.ratio <= t.rollupRatio ? "PASS" : "ABOVE"
          ]
          : [`${backend} ledger rollup by street and category, service/raw`, "-", `≤ ${t.rollupRatio}`, missing]
      )
      rows.push(
        outcome?.verifyMs !== undefined
          ? [`${backend} ledger verify (${Output.count(outcome.entries ?? 0)} entries)`, `${seconds(outcome.verifyMs)} s`, "-", "-"]
          : [`${backend} ledger verify`, "-", "-", missing]
      )
    }
    ledgerRows("SQLite", sqliteLedger)
    ledgerRows("PostgreSQL", postgresLedger, pgSkipped)
  }
  if (matching !== undefined) {
    rows.push([
      "Matching 10,000 × 10,000, median solve",
      `${(matching.medianMillis / 1000).toFixed(2)} s`,
      `≤ ${targets.matchingSeconds} s`,
      verdict(matching.medianMillis / 1000 <= targets.matchingSeconds)
    ])
    rows.push([
      "Matching total / dual bound",
      matching.ratio.toFixed(4),
      `≥ ${targets.matchingRatio}`,
      verdict(matching.ratio >= targets.matchingRatio)
    ])
  }
  const failures = [...outcomes.flatMap((o) => o.failures), ...ledgers.flatMap((o) => o.failures)]
  const errors = [...outcomes.flatMap((o) => o.errors), ...ledgers.flatMap((o) => o.errors)]
  console.log(
    `\nSummary (targets are informative; the exit code reflects the correctness checks only)\n` +
      Output.table(rows, { textColumns: [3], header: true })
  )
  if (pgSkipped !== undefined && (runs("grid") || runs("ledger"))) console.log(`  PostgreSQL SKIPPED: ${pgSkipped}`)
  for (const error of errors) console.log(`  ERROR ${error}`)
  const checked = [
    ...(runs("grid") ? ["row counts, the rows written, the rollups' answers"] : []),
    ...(runs("ledger") ? ["the ledger's entries on both sides, its rollups' answers, its chain"] : [])
  ]
  console.log(
    failures.length > 0
      ? failures.map((f) => `  correctness FAILED: ${f}`).join("\n")
      : errors.length > 0
      ? "  correctness: not checked where a phase could not run (ERROR above)"
      : `  correctness: OK${checked.length === 0 ? "" : ` (${checked.join("; ")}${pg.url === undefined ? "" : " — on both backends"})`}`
  )
  console.log(`  whole run ${Output.seconds(started)} s; load average ${loadAverage()} at the end (${os.cpus().length} CPUs)`)
  return failures.length > 0 || errors.length > 0 ? 1 : 0
}

if (Child.isChild()) {
  Child.serve(Phases.runTask)
} else {
  process.exitCode = await main()
}
