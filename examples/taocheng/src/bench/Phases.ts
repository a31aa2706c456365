/**
 * The bench's phases. Each runs in a child process of its own (see `Child.ts`), so that
 * its peak resident set size is its own and no phase inherits another's heap:
 *
 * - `district`: generates 桃城区 at the default scale and writes it through the Grids
 *   service (`District.apply`, as the demo does);
 * - `service`: places the synthetic households through `Grids.executeAll`, a batch at a
 *   time, on the district's database; then times the rollups there;
 * - `raw`: inserts the same rows by hand into a copy of the district's database (the
 *   bench makes it before the service's ingest);
 * - `ledger-service` and `ledger-raw`: the volunteer ledger's (`LedgerPhases.ts`).
 *
 * @since 0.2.0
 */
import { Actor, GridConfig, Grids, IsoDate } from "@jiceng/core"
import * as District from "@jiceng/testkit/district"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import * as Households from "./Households.js"
import * as LedgerPhases from "./LedgerPhases.js"
import { memory, type Memory } from "./Memory.js"
import * as RawIngest from "./RawIngest.js"
import * as RawLedger from "./RawLedger.js"
import * as Rollups from "./Rollups.js"
import * as Stores from "./Stores.js"

/**
 * Where a phase works: a SQLite file, or a schema of a PostgreSQL database.
 *
 * @since 0.2.0
 * @category models
 */
export type Backend =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "pg"; readonly url: string; readonly schema: string }

/**
 * What a phase is asked to do.
 *
 * @since 0.2.0
 * @category models
 */
export type Task =
  | { readonly phase: "district"; readonly backend: Backend }
  | {
    readonly phase: "service"
    readonly backend: Backend
    readonly households: Households.Households
    readonly batch: number
    readonly analyze: boolean
    readonly roots: ReadonlyArray<{ readonly root: string; readonly label: string }>
    readonly rollups: Rollups.Settings
  }
  | { readonly phase: "raw"; readonly backend: Backend; readonly households: Households.Households }
  | LedgerPhases.ServiceTask
  | LedgerPhases.RawTask

export type { Memory }

/**
 * @since 0.2.0
 * @category models
 */
export interface DistrictResult {
  readonly commands: number
  readonly households: number
  readonly generateMs: number
  readonly applyMs: number
  readonly memory: Memory
  readonly tenant: string
  readonly validFrom: string
  readonly blocks: ReadonlyArray<string>
  readonly roots: ReadonlyArray<{ readonly root: string; readonly label: string }>
}

/**
 * @since 0.2.0
 * @category models
 */
export interface ServiceResult {
  readonly ingest: RawIngest.Ingested
  /** Milliseconds per `executeAll` batch. */
  readonly batchMs: ReadonlyArray<number>
  /** Peak RSS up to the end of the ingest (before the rollups). */
  readonly memory: Memory
  readonly at: string
  readonly rollups: ReadonlyArray<Rollups.Timing>
}

/**
 * @since 0.2.0
 * @category models
 */
export interface RawResult {
  readonly ingest: RawIngest.Ingested
  readonly memory: Memory
}

const gridsLayer = (backend: Backend) =>
  Grids.layer.pipe(Layer.provide(GridConfig.layer()), Layer.provideMerge(Stores.layer(backend)))

const run = Stores.run

const district = (backend: Backend): Promise<DistrictResult> =>
  run(
    Effect.gen(function*() {
      const generateStart = performance.now()
      const generated = District.generate()
      const generateMs = performance.now() - generateStart
      const applyStart = performance.now()
      yield* District.apply(generated)
      const applyMs = performance.now() - applyStart
      const result = memory()
      const { options } = generated
      return {
        commands: generated.commands.length,
        households: generated.summary.placesByKind.household,
        generateMs,
        applyMs,
        memory: result,
        tenant: generated.tenant,
        validFrom: options.validFrom,
        blocks: generated.commands.flatMap((c) => (c._tag === "CreateGrid" && c.level === 5 ? [c.code] : [])),
        roots: [
          { root: generated.tenant, label: `${options.name} ${generated.tenant}` },
          ...options.streets.map((s) => ({ root: generated.tenant + s.segment, label: `${s.name} ${generated.tenant}${s.segment}` }))
        ]
      }
    }).pipe(Effect.provide(gridsLayer(backend)))
  )

const service = (task: Extract<Task, { readonly phase: "service" }>): Promise<ServiceResult> => {
  const { backend, households: h } = task
  return run(
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const grids = yield* Grids.Grids
      const actor = Actor.system(h.tenant)
      // The shared SQL has `?` placeholders; PostgreSQL's driver wants `$1, $2, …`.
      const text = (query: string) => Stores.text(backend, query)
      const one = (query: string, key: string | number) =>
        Effect.map(sql.unsafe<Record<string, unknown>>(text(query), [h.tenant, key]), (rows) => Object.values(rows[0] ?? {}))
      const n = (query: string) =>
        Effect.map(sql.unsafe<{ n: number | string }>(text(query), [h.tenant]), (rows) => Number(rows[0]?.n ?? 0))
      const counts = Effect.all({
        places: n(Households.countSql.places),
        links: n(Households.countSql.links),
        audit: n(Households.countSql.audit)
      })
      const before = yield* counts

      const batchMs: Array<number> = []
      const cpu = process.cpuUsage()
      const start = performance.now()
      for (let first = 0; first < h.rows; first += task.batch) {
        const t = performance.now()
        // Made per batch: at most one batch of commands is held at a time.
        yield* grids.executeAll(actor, Households.commands(h, first, Math.min(h.rows, first + task.batch)))
        batchMs.push(performance.now() - t)
      }
      const ms = performance.now() - start
      const used = process.cpuUsage(cpu)
      const ingestMemory = memory()

      const after = yield* counts
      const samples: Array<Households.Sample> = []
      for (const k of RawIngest.sampled(h.rows)) {
        samples.push({
          place: yield* one(Households.sampleSql.place, Households.id(k)),
          link: yield* one(Households.sampleSql.link, Households.id(k)),
          audit: yield* one(Households.sampleSql.audit, before.audit + k + 1)
        })
      }

      if (task.analyze) {
        // Fresh statistics, as PostgreSQL's autovacuum would give them soon after a bulk
        // load; without them SQLite picks a far slower plan for the district's root.
        // Unqualified names: PostgreSQL resolves them in the store's schema.
        yield* sql.unsafe("ANALYZE places").raw
        yield* sql.unsafe("ANALYZE place_links").raw
      }
      const at = yield* IsoDate.today
      const raw = yield* Effect.promise(() =>
        backend.kind === "sqlite"
          ? Promise.resolve(Rollups.sqliteRaw(backend.file, h.tenant, at))
          : Rollups.pgRaw(backend.url, backend.schema, h.tenant, at)
      )
      const rollups = yield* Rollups.measure(Rollups.queries(task.roots), h.tenant, at, raw, task.rollups).pipe(
        Effect.ensuring(Effect.promise(() => raw.close()))
      )
      return {
        ingest: { ms, cpuMs: (used.user + used.system) / 1000, before, after, samples },
        batchMs,
        memory: ingestMemory,
        at,
        rollups
      }
    }).pipe(Effect.provide(gridsLayer(backend)))
  )
}

const raw = async (backend: Backend, h: Households.Households): Promise<RawResult> => {
  // The tables are the service's, copied with the district's rows before its ingest.
  const ingest = backend.kind === "sqlite"
    ? RawIngest.sqlite(backend.file, h)
    : await RawIngest.postgres(backend.url, backend.schema, h)
  return { ingest, memory: memory() }
}

/**
 * Runs a task in this process.
 *
 * @since 0.2.0
 */
export const runTask = (
  task: Task
): Promise<DistrictResult | ServiceResult | RawResult | LedgerPhases.ServiceResult | RawLedger.Result> => {
  switch (task.phase) {
    case "district":
      return district(task.backend)
    case "service":
      return service(task)
    case "raw":
      return raw(task.backend, task.households)
    case "ledger-service":
      return LedgerPhases.service(task)
    case "ledger-raw":
      return RawLedger.run(task)
  }
}
