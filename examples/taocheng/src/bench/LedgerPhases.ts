/**
 * The ledger bench's phases, each run in a child process of its own (see `Child.ts`):
 *
 * - `ledger-service`: writes 桃城区's scaffold — its grids, party organisations and
 *   co-construction, then the volunteers, consents and activities of its generated year
 *   of volunteer service (`Ledger.generate`, registrations only) — through the services;
 *   then records the synthetic sessions (`LedgerSessions`) through
 *   `VolunteerLedger.executeAll`, a batch at a time, timing only the batches; then times
 *   the year's rollup by street and category through the service against hand-written
 *   SQL on the same database, and `verify` over the chain;
 * - `ledger-raw`: the raw side (`RawLedger`), into an empty database of the same schema.
 *
 * @since 0.4.0
 */
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  Grids,
  LedgerConfig,
  LevelScheme,
  OrganisationConfig,
  Organisations,
  type Rollup,
  VolunteerLedger,
  VolunteerLedgerService
} from "@jiceng/core"
import { CoConstruction, District, Ledger, Party } from "@jiceng/testkit"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import * as Alternate from "./Alternate.js"
import * as LedgerRollup from "./LedgerRollup.js"
import * as LedgerSessions from "./LedgerSessions.js"
import { memory, type Memory } from "./Memory.js"
import type { Backend } from "./Phases.js"
import type * as RawLedger from "./RawLedger.js"
import { cpuSince } from "./RawSql.js"
import * as Stores from "./Stores.js"

/**
 * The street level of the default level scheme (district 0, street 1, …): the rollup's.
 *
 * @since 0.4.0
 */
export const STREET_LEVEL = 1

/**
 * The service side's task.
 *
 * @since 0.4.0
 * @category models
 */
export interface ServiceTask {
  readonly phase: "ledger-service"
  readonly backend: Backend
  /** Sessions to record. */
  readonly rows: number
  /** Commands per `executeAll`. */
  readonly batch: number
  readonly rollups: Alternate.Settings
}

/**
 * The raw side's task: read the service's entries from `source`, insert them into
 * `backend`.
 *
 * @since 0.4.0
 * @category models
 */
export interface RawTask {
  readonly phase: "ledger-raw"
  readonly source: Backend
  readonly backend: Backend
  readonly tenant: string
  /** PostgreSQL's statement shape. */
  readonly pgShape: RawLedger.PgShape
}

/**
 * What the service side measured.
 *
 * @since 0.4.0
 * @category models
 */
export interface ServiceResult {
  readonly tenant: string
  readonly year: number
  readonly scaffold: {
    readonly commands: number
    readonly volunteers: number
    readonly activities: number
    readonly ms: number
  }
  readonly ingest: {
    /** The batches' time, summed (making the commands is not in it). */
    readonly ms: number
    readonly cpuMs: number
    readonly batchMs: ReadonlyArray<number>
    /** Entries of the tenant before and after. */
    readonly before: number
    readonly after: number
  }
  /** Peak RSS up to the end of the ingest. */
  readonly memory: Memory
  readonly rollup: LedgerRollup.Compared
  readonly verify: { readonly ms: number; readonly entries: number; readonly broken: string | null }
}

/** The four services the scaffold and the ledger need, on one store. */
const servicesLayer = (backend: Backend) =>
  Layer.mergeAll(Grids.layer, Organisations.layer, CoConstructions.layer, VolunteerLedger.layer).pipe(
    Layer.provide(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer(), LedgerConfig.layer())),
    Layer.provideMerge(Stores.layer(backend))
  )

/** The registrations of a generated year: its volunteers, their consents and its activities, each with its day. */
const registrations = (ledger: Ledger.GeneratedLedger) => {
  const commands: Array<Ledger.Command> = []
  const writtenOn: Array<string> = []
  ledger.commands.forEach((c, i) => {
    if (c._tag === "RegisterVolunteer" || c._tag === "RegisterActivity" || c._tag === "RecordConsent") {
      commands.push(c)
      writtenOn.push(ledger.writtenOn[i]!)
    }
  })
  return { tenant: ledger.tenant, commands, writtenOn }
}

/**
 * Runs the service side.
 *
 * @since 0.4.0
 */
export const service = (task: ServiceTask): Promise<ServiceResult> =>
  Stores.run(
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const ledgerService = yield* VolunteerLedgerService.VolunteerLedger

      // The scaffold: the district and what its year of service registers.
      const scaffoldStart = performance.now()
      const district = District.generate()
      yield* District.apply(district)
      const party = Party.generate(district)
      yield* Party.apply(party)
      const co = CoConstruction.generate(district, party)
      yield* CoConstruction.apply(co)
      const generated = Ledger.generate(district, party, co)
      const registered = registrations(generated)
      yield* Ledger.apply(registered)
      const scaffoldMs = performance.now() - scaffoldStart
      const tenant = generated.tenant
      const actor = Actor.system(tenant)
      // The year after the generated one: every volunteer and activity is registered by then.
      const year = generated.figures.year + 1
      const plan = LedgerSessions.plan(generated, year, task.rows)

      const count = Effect.map(
        sql.unsafe<{ n: number | string }>(Stores.text(task.backend, "SELECT count(*) AS n FROM ledger_entries WHERE tenant = ?"), [tenant]),
        (rows) => Number(rows[0]?.n ?? 0)
      )
      const before = yield* count
      const batchMs: Array<number> = []
      let cpuMs = 0
      for (let first = 0; first < task.rows; first += task.batch) {
        // Made per batch, outside the time: at most one batch of commands is held at a time.
        const commands = LedgerSessions.commands(plan, first, Math.min(task.rows, first + task.batch))
        const cpu = process.cpuUsage()
        const t = performance.now()
        yield* ledgerService.executeAll(actor, commands)
        batchMs.push(performance.now() - t)
        cpuMs += cpuSince(cpu)
      }
      const ingestMemory = memory()
      const after = yield* count

      // The year's rollup by street and category, both ways, on this database.
      const streetLength = LevelScheme.codeLength(GridConfig.defaults.scheme, STREET_LEVEL)
      const from = `${year}-01-01`
      const to = `${year}-12-31`
      const viaService = Effect.map(
        ledgerService.totals(actor, { from, to, by: ["gridCode", "category"], level: STREET_LEVEL }),
        (report): ReadonlyArray<Rollup.TotalsRow> => report.data
      )
      const raw = yield* Effect.promise(() => LedgerRollup.open(task.backend, tenant, streetLength))
      const rollup = yield* LedgerRollup.compare(viaService, raw, from, to, task.rollups).pipe(
        Effect.ensuring(Effect.promise(() => raw.close()))
      )

      const verifyStart = performance.now()
      const verification = yield* ledgerService.verify(actor)
      const verifyMs = performance.now() - verifyStart

      return {
        tenant,
        year,
        scaffold: {
          commands: district.commands.length + party.commands.length + co.commands.length + registered.commands.length,
          volunteers: plan.volunteers.length,
          activities: registered.commands.filter((c) => c._tag === "RegisterActivity").length,
          ms: scaffoldMs
        },
        ingest: { ms: batchMs.reduce((a, b) => a + b, 0), cpuMs, batchMs, before, after },
        memory: ingestMemory,
        rollup,
        verify: {
          ms: verifyMs,
          entries: verification.entries,
          broken: verification.broken === null ? null : `${verification.broken.reason} at ${verification.broken.seq}: ${verification.broken.message}`
        }
      }
    }).pipe(Effect.provide(servicesLayer(task.backend)))
  )
