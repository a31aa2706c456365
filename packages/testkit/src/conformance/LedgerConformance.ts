/**
 * The volunteer ledger's service-level conformance suite every Store adapter runs:
 * random writes — sessions good and bad, retries, reused keys, corrections, points,
 * certificates — through `VolunteerLedger.execute` keep the chain verifying, never count
 * a retried write twice, keep every balance the sum of its movements and every rollup
 * the sum of its parts; the results command by command and the answers equal the memory
 * store's (the differential property); the same commands as one batch give the same
 * results, or fail at the first refused row and write nothing; and, where the adapter
 * says how to change a stored field by hand, every such change is caught by `verify`.
 *
 * @since 0.4.0
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructions,
  HashChain,
  Grids,
  type LedgerChanges,
  type LedgerEntry,
  LedgerStore,
  MemoryStore,
  Rollup,
  type Store,
  VolunteerLedgerService
} from "@jiceng/core"
import { Effect, Either, FastCheck as fc, type Layer } from "effect"
import * as LedgerIngest from "../arbitraries/LedgerIngest.js"
import * as LedgerIntents from "../arbitraries/LedgerIntents.js"
import { freshLedgerTenant, type LedgerServices, overLedger, sharedLedgerStore } from "./ledgerSupport.js"
import { longFactor } from "./support.js"

/**
 * How an adapter changes one stored field of one entry by hand (an UPDATE, a write to
 * the memory cell), for the tampering test; `columns` names every stored field.
 *
 * @since 0.4.0
 * @category models
 */
export interface Tamper {
  readonly columns: ReadonlyArray<string>
  readonly change: (tenant: string, seq: number, column: string) => Effect.Effect<void, unknown, Store.Store>
  /** Runs a statement by hand (SQL stores): for changes other than one column of an entry. */
  readonly execute?: (statement: string) => Effect.Effect<unknown, unknown, Store.Store>
}

/** The stored columns of an SQL store's `ledger_entries`, with a change of each that keeps its type. */
const sqlColumns: ReadonlyArray<readonly [string, string]> = [
  ["tenant", "tenant || '0'"],
  ["seq", "seq + 1000000"],
  ...["key", "fingerprint", "kind", "volunteer_id", "activity_id", "service_point", "grid_code", "category", "starts_at", "ends_at",
    "content", "organiser", "person_in_charge", "recorder", "recorded_on", "hash"].map((c) => [c, `${c} || 'x'`] as const),
  ...["team_id", "post_id", "programme", "unit_credit_code", "reason", "requester"].map((c) =>
    [c, `CASE WHEN ${c} IS NULL THEN 'x' ELSE ${c} || 'x' END`] as const
  ),
  ...["part", "minutes", "residents_served", "matters_done", "points"].map((c) => [c, `${c} + 1`] as const),
  ["late", "1 - late"],
  ...["reverses", "replaces"].map((c) => [c, `COALESCE(${c}, 0) + 1`] as const)
]

/**
 * The tampering of an SQL store (SQLite, PostgreSQL): an UPDATE of one column of one
 * entry of `ledger_entries`, run by `run` (the test's `sql.unsafe`).
 *
 * @since 0.4.0
 * @category constructors
 */
export const sqlTamper = (run: (statement: string) => Effect.Effect<unknown, unknown, Store.Store>): Tamper => {
  const change = new Map(sqlColumns)
  return {
    columns: sqlColumns.map(([c]) => c),
    change: (tenant, seq, column) =>
      Effect.asVoid(run(`UPDATE ledger_entries SET ${column} = ${change.get(column)} WHERE tenant = '${tenant}' AND seq = ${seq}`)),
    execute: run
  }
}

/** A refused write as the suites compare it: the error's tag, rule, field and row. */
interface Refusal {
  readonly refused: string
  readonly rule: string | null
  readonly field: string | null
  readonly row: number | null
}

type Outcome = LedgerChanges.LedgerChanges | Refusal

const isRefusal = (o: Outcome | undefined): o is Refusal => o !== undefined && "refused" in o

const refusalOf = (error: VolunteerLedgerService.LedgerWriteError): Refusal => ({
  refused: error._tag,
  rule: "rule" in error ? error.rule : null,
  field: "field" in error ? error.field : null,
  row: "row" in error ? error.row ?? null : null
})

const outcomeOf = <A>(result: Either.Either<A, VolunteerLedgerService.LedgerWriteError>): A | Refusal =>
  Either.isRight(result) ? result.right : refusalOf(result.left)

/** The appended entries of an accepted write, first or replayed. */
const appended = (o: Outcome | undefined, replayed: boolean) =>
  o !== undefined && !isRefusal(o) && o._tag === "Appended" && o.replayed === replayed ? o.entries : undefined

/** Writes the scaffold of a tenant: grids, a team, volunteers, consent, activities. */
const writeScaffold = (tenant: string) =>
  Effect.gen(function*() {
    const admin = Actor.system(tenant)
    const s = LedgerIntents.scaffold(tenant)
    yield* (yield* Grids.Grids).executeAll(admin, s.grids as never).pipe(Effect.orDie)
    yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(admin, s.coConstruction).pipe(Effect.orDie)
    yield* (yield* VolunteerLedgerService.VolunteerLedger).executeAllUnknown(admin, s.ledger).pipe(Effect.orDie)
  })

/** Each command one by one, its outcome. */
const runOneByOne = (tenant: string, commands: ReadonlyArray<unknown>) =>
  Effect.gen(function*() {
    yield* writeScaffold(tenant)
    const ledger = yield* VolunteerLedgerService.VolunteerLedger
    const outcomes: Array<Outcome> = []
    for (const c of commands) outcomes.push(outcomeOf(yield* Effect.either(ledger.executeUnknown(Actor.system(tenant), c))))
    return outcomes
  })

/** Every entry of a tenant, in seq order, from the port. */
const allEntries = (tenant: string) =>
  Effect.gen(function*() {
    const store = yield* LedgerStore.LedgerStore
    const out: Array<LedgerEntry.LedgerEntry> = []
    for (;;) {
      const page = yield* store.entries.page(tenant as never, out.length === 0 ? 0 : out[out.length - 1]!.seq, 1000)
      if (page.length === 0) return out
      out.push(...page)
    }
  })

/** What the service answers of a tenant after the commands: the differential compares them. */
const answers = (tenant: string) =>
  Effect.gen(function*() {
    const ledger = yield* VolunteerLedgerService.VolunteerLedger
    const admin = Actor.system(tenant)
    const year = { from: "2024-01-01", to: "2024-12-31" }
    const entries = yield* allEntries(tenant)
    return {
      entries,
      // The ledger as it stood halfway: what a report filed then gave.
      halfway: (yield* ledger.totals(admin, { ...year, by: ["category"], asOfSeq: Math.floor(entries.length / 2) })).data,
      byMonthCategory: (yield* ledger.totals(admin, { ...year, by: ["month", "category"] })).data,
      byTeamUnitProgramme: (yield* ledger.totals(admin, { ...year, by: ["teamId", "unitCreditCode", "programme"] })).data,
      tree: (yield* ledger.gridRollup(admin, year)).data,
      summary: (yield* ledger.summary(admin, year)).data,
      wushe: (yield* ledger.summary(admin, { ...year, programme: "wushe" })).data,
      balances: yield* Effect.forEach(["v1", "v2", "v3", "v4"], (v) => ledger.balance(admin, v, "2024-12-31")),
      verification: yield* ledger.verify(admin)
    }
  }).pipe(Effect.orDie)

/** The steps' commands run one by one in a fresh tenant: their outcomes, and the answers after. */
const ranInFresh = (steps: ReadonlyArray<LedgerIntents.Step>) =>
  Effect.gen(function*() {
    const tenant = freshLedgerTenant()
    const commands = LedgerIntents.commands(steps)
    const outcomes = yield* runOneByOne(tenant, commands)
    return { tenant, commands, outcomes, a: yield* answers(tenant) }
  })

/**
 * The suite. `differential: false` for the memory store itself; `tamper` where the
 * adapter can change a stored field by hand.
 *
 * @since 0.4.0
 * @category suites
 */
export const ledgerConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: {
    readonly numRuns?: number
    readonly maxSteps?: number
    readonly differential?: boolean
    readonly tamper?: Tamper
  } = {}
): void => {
  const runs = options.numRuns ?? 20
  const numRuns = runs * longFactor()
  const steps = fc.array(LedgerIntents.step, { minLength: 5, maxLength: options.maxSteps ?? 30 })
  const budget = 240_000 * longFactor()
  const propOptions = { timeout: budget + 60_000, fastCheck: { numRuns, interruptAfterTimeLimit: budget } }
  describe(`${name}: volunteer ledger conformance`, () => {
    const provide = sharedLedgerStore(store)

    it.effect.prop(
      "random writes keep the chain verifying, count no retry twice, and keep balances and rollups the sums of their parts",
      [steps],
      ([s]) =>
        provide(Effect.gen(function*() {
          const { a, commands, outcomes, tenant } = yield* ranInFresh(s)
          expect(a.verification).toMatchObject({ broken: null, entries: a.entries.length })
          // No retried write counted twice: one write per key, its parts 0 (and 1), one fingerprint.
          const byKey = new Map<string, Array<LedgerEntry.LedgerEntry>>()
          for (const e of a.entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e])
          for (const [key, list] of byKey) {
            expect(list.map((e) => e.part), key).toEqual(list.length === 1 ? [0] : [0, 1])
            expect(new Set(list.map((e) => e.fingerprint)).size, key).toBe(1)
          }
          expect(outcomes.reduce((n, o) => n + (appended(o, false)?.length ?? 0), 0)).toBe(a.entries.length)
          // A retry of an accepted write returns what the first returned.
          commands.forEach((c, i) => {
            const replayed = appended(outcomes[i], true)
            if (replayed !== undefined) {
              const first = outcomes.map((o) => appended(o, false)).find((entries) => entries?.[0]?.key === c["key"])
              expect(first, `command ${i + 1}`).toBeDefined()
              expect(replayed).toEqual(first)
            }
          })
          // Balances are the sums of their movements; rollups the sums of their parts.
          const store = yield* LedgerStore.LedgerStore
          for (const b of a.balances) {
            const movements = yield* store.points.movementsOf(tenant as never, [b.volunteerId as never])
            const earned = a.entries.filter((e) => e.volunteerId === b.volunteerId && e.startsAt.slice(0, 10) <= "2024-12-31")
            expect(b.balance).toBe(earned.reduce((n, e) => n + e.points, 0) + movements.reduce((n, m) => n + m.points, 0))
            expect(b.available).toBeGreaterThanOrEqual(0)
          }
          const inYear = a.entries.filter((e) => e.startsAt >= "2024-01-01" && e.startsAt < "2025-01-01")
          const all = Rollup.sum(inYear.map((e) => ({ ...e, entries: e.kind === "service" ? 1 : -1 })))
          expect(Rollup.sum(a.byMonthCategory)).toEqual(all)
          expect(Rollup.sum(a.byTeamUnitProgramme)).toEqual(all)
          expect(a.tree.totals).toEqual(all)
          expect(a.summary).toMatchObject({ minutes: all.minutes, entries: all.entries, residentsServed: all.residentsServed })
        }).pipe(Effect.orDie)),
      propOptions
    )

    // Of the intents, not the store: on a memory store, so that it costs every store little.
    it.effect("the random writes are accepted often enough, of every kind, retried, and refused by many rules", () =>
      overLedger(MemoryStore.layer)(Effect.gen(function*() {
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        for (const s of fc.sample(steps, { numRuns: 30, seed: 7 })) {
          const commands = LedgerIntents.commands(s)
          const outcomes = yield* runOneByOne(freshLedgerTenant(), commands)
          outcomes.forEach((o, i) => {
            const tag = commands[i]!["_tag"] as string
            if (isRefusal(o)) refused.add(o.rule ?? o.refused)
            else {
              const kind = o.replayed ? `${tag} (replayed)` : tag
              accepted.set(kind, (accepted.get(kind) ?? 0) + 1)
            }
          })
        }
        const kinds = ["RecordService", "CorrectEntry", "RedeemPoints", "ExpirePoints", "IssueCertificate", "RecordService (replayed)"]
        expect(kinds.filter((k) => (accepted.get(k) ?? 0) === 0), JSON.stringify([...accepted])).toEqual([])
        expect([...refused].sort()).toEqual(expect.arrayContaining([
          "IdempotencyConflict",
          "ledger.future",
          "ledger.overlap",
          "ledger.session-length",
          "ledger.session-order",
          "ledger.reversed-once",
          "ledger.points-available",
          "ledger.consent"
        ]))
      }).pipe(Effect.orDie)), { timeout: 120_000 })

    if (options.differential !== false) {
      it.effect.prop(
        "the same results command by command, and the same answers, as the memory store",
        [steps],
        ([s]) =>
          provide(Effect.gen(function*() {
            const { a, commands, outcomes, tenant } = yield* ranInFresh(s)
            const reference = yield* overLedger(MemoryStore.layer)(Effect.all([runOneByOne(tenant, commands), answers(tenant)]))
            outcomes.forEach((o, i) => expect(o, `command ${i + 1}`).toEqual(reference[0][i]))
            expect(a).toEqual(reference[1])
          }).pipe(Effect.orDie)),
        propOptions
      )
    }

    it.effect.prop(
      "a batch gives the results of its commands one by one, or fails at the first refused row and writes nothing",
      [steps],
      ([s]) =>
        provide(Effect.gen(function*() {
          const commands = LedgerIntents.commands(s)
          const one = freshLedgerTenant()
          const outcomes = yield* runOneByOne(one, commands)
          const batch = freshLedgerTenant()
          yield* writeScaffold(batch)
          const ledger = yield* VolunteerLedgerService.VolunteerLedger
          const result = yield* Effect.either(ledger.executeAllUnknown(Actor.system(batch), commands))
          // A batch is decoded and authorized whole before anything is decided.
          const admission = outcomes.findIndex((o) => isRefusal(o) && (o.refused === "ValidationError" || o.refused === "Forbidden"))
          const firstRefused = admission >= 0 ? admission : outcomes.findIndex(isRefusal)
          const store = yield* LedgerStore.LedgerStore
          if (firstRefused < 0) {
            expect(result._tag).toBe("Right")
            // The two tenants' records differ in their tenant, grid codes and hashes only.
            const same = (o: unknown, tenant: string) =>
              JSON.parse(JSON.stringify(o, (k, v) => (["tenant", "hash", "chainHash", "code"].includes(k) ? undefined : v)).replaceAll(`"${tenant}`, "\"T"))
            expect(same(result._tag === "Right" ? result.right : null, batch)).toEqual(same(outcomes, one))
          } else {
            expect(outcomeOf(result)).toEqual({ ...outcomes[firstRefused], row: firstRefused + 1 })
            expect(yield* store.entries.head(batch as never)).toBeNull()
          }
        }).pipe(Effect.orDie)),
      propOptions
    )

    it.effect("a period whose last day is the calendar's last, 9999-12-31, reads like any other", () =>
      provide(Effect.gen(function*() {
        const tenant = freshLedgerTenant()
        yield* writeScaffold(tenant)
        const ledger = yield* VolunteerLedgerService.VolunteerLedger
        const admin = Actor.system(tenant)
        yield* ledger.executeAllUnknown(admin, LedgerIngest.batch(0, 5))
        const period = { from: "9999-01-01", to: "9999-12-31" }
        const entries = (rows: ReadonlyArray<{ readonly entries: number }>) => rows.reduce((n, r) => n + r.entries, 0)
        expect(entries((yield* ledger.totals(admin, { ...period, by: [] })).data)).toBe(0)
        expect((yield* ledger.summary(admin, period)).data).toMatchObject({ entries: 0 })
        // The batch's sessions start on 2023-01-01: a period ending that day holds them all.
        expect(entries((yield* ledger.totals(admin, { from: "2022-12-31", to: "2023-01-01", by: [] })).data)).toBe(5)
      }).pipe(Effect.orDie)))

    it.effect("verify while another fiber appends never reports a break", () =>
      provide(Effect.gen(function*() {
        const tenant = freshLedgerTenant()
        yield* writeScaffold(tenant)
        const ledger = yield* VolunteerLedgerService.VolunteerLedger
        const admin = Actor.system(tenant)
        let done = false
        const writer = Effect.gen(function*() {
          for (let b = 0; b < 30; b++) {
            yield* ledger.executeAllUnknown(admin, LedgerIngest.batch(b, 40)).pipe(Effect.orDie)
          }
          done = true
        })
        const checks: Array<unknown> = []
        const verifier = Effect.gen(function*() {
          while (!done) {
            const v = yield* ledger.verify(admin).pipe(Effect.orDie)
            if (v.broken !== null) checks.push(v.broken)
            yield* Effect.yieldNow()
          }
        })
        yield* Effect.all([writer, verifier], { concurrency: 2 })
        expect(checks).toEqual([])
        expect(yield* ledger.verify(admin).pipe(Effect.orDie)).toMatchObject({ broken: null, entries: 1_200 })
      }).pipe(Effect.orDie)), { timeout: 120_000 })

    if (options.tamper !== undefined) {
      const tamper = options.tamper
      it.effect("changing any stored field of an entry by hand is caught by verify, at that entry", () =>
        provide(Effect.gen(function*() {
          for (const column of tamper.columns) {
            const tenant = freshLedgerTenant()
            yield* writeScaffold(tenant)
            const ledger = yield* VolunteerLedgerService.VolunteerLedger
            const admin = Actor.system(tenant)
            yield* ledger.executeAllUnknown(admin, LedgerIntents.commands([
              { _tag: "session", volunteer: 0, activity: 0, day: 10, hour: 9, minutes: 60, residents: 2, matters: 1 },
              { _tag: "session", volunteer: 1, activity: 2, day: 11, hour: 22, minutes: 240, residents: 1, matters: 0 },
              { _tag: "correct", seq: 1, replace: false, shift: 0 }
            ]))
            expect(yield* ledger.verify(admin), column).toMatchObject({ broken: null, entries: 3 })
            yield* tamper.change(tenant, 2, column)
            const verified = yield* ledger.verify(admin)
            expect(verified.broken, column).not.toBeNull()
            expect(verified.broken!.seq, column).toBeLessThanOrEqual(2)
          }
        }).pipe(Effect.orDie)), { timeout: 120_000 })

      const execute = tamper.execute
      if (execute !== undefined) {
        it.effect("a certificate check notices its holder changed, and a chain rewritten under it", () =>
          provide(Effect.gen(function*() {
            const certified = (tenant: string) =>
              Effect.gen(function*() {
                yield* writeScaffold(tenant)
                const ledger = yield* VolunteerLedgerService.VolunteerLedger
                const admin = Actor.system(tenant)
                // v1's sessions at seq 1 and 3, v2's at seq 2 between them.
                yield* ledger.executeAllUnknown(admin, LedgerIntents.commands([
                  { _tag: "session", volunteer: 0, activity: 0, day: 10, hour: 9, minutes: 60, residents: 2, matters: 1 },
                  { _tag: "session", volunteer: 1, activity: 0, day: 10, hour: 12, minutes: 60, residents: 1, matters: 0 },
                  { _tag: "session", volunteer: 0, activity: 1, day: 11, hour: 9, minutes: 90, residents: 1, matters: 0 },
                  { _tag: "certify", volunteer: 0, from: 0, length: 30, disclose: false }
                ]))
                const issued = yield* store(tenant)
                return { ledger, code: issued }
              })
            const store = (tenant: string) =>
              Effect.map(
                Effect.flatMap(LedgerStore.LedgerStore, (s) => s.certificates.certificatesByKeys(tenant as never, ["k3" as never])),
                (rows) => rows[0]!.code
              )
            const holder = freshLedgerTenant()
            const a = yield* certified(holder)
            expect(yield* a.ledger.checkCertificate(Actor.system(holder), a.code)).toMatchObject({ valid: true })
            yield* execute(`UPDATE ledger_volunteers SET name = name || 'x' WHERE tenant = '${holder}' AND id = 'v1'`)
            expect((yield* a.ledger.checkCertificate(Actor.system(holder), a.code)).reason).toMatch(/^certificate\.holder/)

            // Entry 2 (not counted) changed with its own hash recomputed: entry 3's link breaks.
            const chain = freshLedgerTenant()
            const b = yield* certified(chain)
            const ports = yield* LedgerStore.LedgerStore
            const [one, two] = yield* ports.entries.page(chain as never, 0, 2)
            const changed = { ...two!, content: `${two!.content}x` as LedgerEntry.LedgerEntry["content"] }
            yield* execute(
              `UPDATE ledger_entries SET content = content || 'x', hash = '${HashChain.link(one!.hash, changed)}' WHERE tenant = '${chain}' AND seq = 2`
            )
            expect((yield* b.ledger.checkCertificate(Actor.system(chain), b.code)).reason).toMatch(/^certificate\.chain: entry 3/)
          }).pipe(Effect.orDie)), { timeout: 120_000 })
      }
    }
  })
}

/** Keeps the services type in the declaration output. */
export type { LedgerServices }
