/**
 * The ledger part of the bench on one backend, as the parent process runs it: the
 * service's phase, then the raw side's, each in a child process; then the figures
 * printed — the ingest's ratio raw time / service time, the rollup's ratio service /
 * hand-written SQL, `verify`'s time — and the correctness checks: both sides hold the
 * entries, the raw side's first and last entries are the service's, the rollups agree,
 * the chain verifies.
 *
 * @since 0.4.0
 */
import * as Output from "../Output.js"
import type * as Alternate from "./Alternate.js"
import * as Child from "./Child.js"
import type * as LedgerPhases from "./LedgerPhases.js"
import type { Backend } from "./Phases.js"
import type * as RawLedger from "./RawLedger.js"

/**
 * Targets the summary holds the ledger's figures against.
 *
 * @since 0.4.0
 */
export const targets = { ingestRatio: 0.7, rollupRatio: 1.2 }

/**
 * What to run.
 *
 * @since 0.4.0
 * @category models
 */
export interface Settings {
  readonly rows: number
  readonly batch: number
  readonly rollups: Alternate.Settings
  readonly pgShape: RawLedger.PgShape
}

/**
 * Where: the backend's name, its driver, the service's and the raw side's databases,
 * and how to name them.
 *
 * @since 0.4.0
 * @category models
 */
export interface Plan {
  readonly name: string
  readonly driver: string
  readonly service: Backend
  readonly raw: Backend
  readonly where: (backend: Backend) => string
}

/**
 * The figures of one backend, and what failed.
 *
 * @since 0.4.0
 * @category models
 */
export interface Outcome {
  readonly name: string
  readonly ingest?: { readonly serviceMs: number; readonly rawMs: number; readonly ratio: number }
  readonly rollup?: { readonly serviceMs: number; readonly rawMs: number; readonly ratio: number }
  readonly verifyMs?: number
  readonly entries?: number
  /** Correctness failures, described. */
  readonly failures: ReadonlyArray<string>
  /** What could not be run, described. */
  readonly errors: ReadonlyArray<string>
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2)
const mib = (kib: number): string => `${Output.count(Math.round(kib / 1024))} MiB`
const perSecond = (n: number, ms: number): string => (ms > 0 ? Output.count(Math.round((n * 1000) / ms)) : "-")
const verdict = (pass: boolean): string => (pass ? "PASS" : "BELOW")
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Runs the ledger part on a backend and prints it.
 *
 * @since 0.4.0
 */
export const run = async (plan: Plan, settings: Settings): Promise<Outcome> => {
  const say = (text: string) => console.log(text)
  const failures: Array<string> = []
  say(`\n== Volunteer ledger on ${plan.name} ==`)
  let service: LedgerPhases.ServiceResult
  let raw: RawLedger.Result
  try {
    service = await Child.run<LedgerPhases.ServiceResult>({
      phase: "ledger-service",
      backend: plan.service,
      rows: settings.rows,
      batch: settings.batch,
      rollups: settings.rollups
    })
  } catch (error) {
    const text = `${plan.name}: the ledger's service phase failed: ${message(error)}`
    say(`FAILED: ${text}`)
    return { name: plan.name, failures, errors: [text] }
  }
  try {
    raw = await Child.run<RawLedger.Result>({
      phase: "ledger-raw",
      source: plan.service,
      backend: plan.raw,
      tenant: service.tenant,
      pgShape: settings.pgShape
    })
  } catch (error) {
    const text = `${plan.name}: the ledger's raw phase failed: ${message(error)}`
    say(`FAILED: ${text}`)
    return { name: plan.name, failures, errors: [text] }
  }

  const s = service.scaffold
  say(
    `Scaffold (not timed): 桃城区's grids, party organisations and co-construction, and the volunteers, consents and ` +
      `activities its generated year registers (${Output.count(s.commands)} commands, ${seconds(s.ms)} s): ` +
      `${Output.count(s.volunteers)} volunteers, ${Output.count(s.activities)} activities`
  )

  // 1. The ingest.
  const rows = settings.rows
  const ratio = service.ingest.ms > 0 ? raw.ms / service.ingest.ms : Number.NaN
  say(
    `\nIngest: ${Output.count(rows)} RecordService sessions in ${service.year} (no volunteer's overlapping, ` +
      `each in an activity of their community), one ledger_entries row each`
  )
  say(Output.table([
    ["side", "time s", "entries/s", "CPU s", "peak RSS"],
    [
      "VolunteerLedger.executeAll",
      seconds(service.ingest.ms),
      perSecond(rows, service.ingest.ms),
      seconds(service.ingest.cpuMs),
      mib(service.memory.peakKiB)
    ],
    [`raw ${plan.driver}`, seconds(raw.ms), perSecond(raw.rows, raw.ms), seconds(raw.cpuMs), mib(raw.memory.peakKiB)]
  ], { header: true }))
  const batches = [...service.ingest.batchMs].sort((a, b) => a - b)
  say(
    `  service: ${plan.where(plan.service)}; ${batches.length} executeAll batches of up to ${Output.count(settings.batch)} ` +
      `commands made as they are sent, ${seconds(batches[0] ?? 0)}–${seconds(batches[batches.length - 1] ?? 0)} s each ` +
      `(median ${seconds(batches[Math.floor(batches.length / 2)] ?? 0)} s); only the batches are timed`
  )
  say(
    `  raw: ${plan.where(plan.raw)}, empty, of the same schema (the Store's migrations); the service's entries as ` +
      `stored (every column, the hash included), read back a page at a time (not timed); ${raw.statement}; the head once`
  )
  say(
    `  ratio raw/service ${ratio.toFixed(2)} (target ≥ ${targets.ingestRatio}: ${verdict(ratio >= targets.ingestRatio)}); ` +
      (plan.service.kind === "sqlite"
        ? `in CPU time ${(raw.cpuMs / service.ingest.cpuMs).toFixed(2)}`
        : `CPU s are the bench process's own; the server's are not in them`)
  )
  const grown = service.ingest.after - service.ingest.before
  if (grown !== rows) failures.push(`the service's ledger grew by ${grown} entries for ${rows} sessions`)
  if (raw.count.raw !== raw.count.service || raw.rows !== raw.count.service) {
    failures.push(`the raw side holds ${raw.count.raw} entries (inserted ${raw.rows}), the service ${raw.count.service}`)
  }
  if (!raw.samples.alike) failures.push(`the raw side's first or last entry differs: ${raw.samples.difference}`)
  say(
    `  check: entries ${Output.count(service.ingest.after)} (service, +${Output.count(grown)}) / ` +
      `${Output.count(raw.count.raw)} (raw); first and last entries ${raw.samples.alike ? "alike" : "DIFFERENT"} — ` +
      `${failures.length === 0 ? "OK" : "FAILED"}`
  )

  // 2. The rollup.
  const r = service.rollup
  const rollupRatio = r.storeMs / r.rawMs
  say(
    `\nRollup of ${service.year} by street and category (${r.groups} groups): totals({ by: [gridCode, category], level: 1 }) ` +
      `${r.storeMs.toFixed(1)} ms, hand-written GROUP BY substr(grid_code, 1, 9), category ${r.rawMs.toFixed(1)} ms ` +
      `(medians of ${r.runs} runs, alternating); ratio service/raw ${rollupRatio.toFixed(2)} ` +
      `(target ≤ ${targets.rollupRatio}: ${verdict(rollupRatio <= targets.rollupRatio)}); answers ${r.agree ? "agree" : "DIFFER"}`
  )
  if (!r.agree) failures.push(`the service's and the hand-written rollups differ: ${r.difference}`)

  // 3. Verify.
  const v = service.verify
  say(
    `\nverify: ${Output.count(v.entries)} entries in ${seconds(v.ms)} s (${perSecond(v.entries, v.ms)} entries/s): ` +
      `${v.broken === null ? "no break" : `BROKEN ${v.broken}`}`
  )
  if (v.broken !== null) failures.push(`verify found a break: ${v.broken}`)
  if (v.entries !== service.ingest.after) failures.push(`verify checked ${v.entries} entries of ${service.ingest.after}`)
  for (const f of failures) say(`  FAILED: ${f}`)
  return {
    name: plan.name,
    ingest: { serviceMs: service.ingest.ms, rawMs: raw.ms, ratio },
    rollup: { serviceMs: r.storeMs, rawMs: r.rawMs, ratio: rollupRatio },
    verifyMs: v.ms,
    entries: v.entries,
    failures: failures.map((f) => `${plan.name} ledger: ${f}`),
    errors: []
  }
}
