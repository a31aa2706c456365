/**
 * Batches of ledger sessions to ingest, the same every time they are made: batch b's
 * i-th session has the key `b<b>-<i>`, one of the scaffold's volunteers in turn, half an
 * hour after the session before it (so no volunteer's sessions overlap). A program —
 * the crash test's child process — ingests them into a store one batch per transaction
 * and says which batches it committed.
 *
 * @since 0.4.0
 */
import { Actor, type Store, VolunteerLedgerService } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import { ledgerOver } from "../conformance/ledgerLayer.js"
import * as LedgerIntents from "./LedgerIntents.js"

const volunteers = ["v1", "v2", "v3", "v4"]
const origin = Date.UTC(2023, 0, 1) - 8 * 3_600_000

/**
 * Batch `b` of `size` sessions.
 *
 * @since 0.4.0
 * @category constructors
 */
export const batch = (b: number, size: number): ReadonlyArray<Record<string, unknown>> =>
  Array.from({ length: size }, (_, i) => {
    const n = b * size + i
    // Wall-clock minutes of China Standard Time, from 2023-01-01T00:00.
    const start = new Date(origin + n * 30 * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16)
    const end = new Date(origin + (n * 30 + 60) * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16)
    return {
      _tag: "RecordService",
      key: `b${b}-${i}`,
      volunteerId: volunteers[n % volunteers.length],
      activityId: "a-community",
      startsAt: start,
      endsAt: end,
      content: `第${b}批第${i}条`,
      residentsServed: 1 + (n % 3),
      mattersDone: n % 2
    }
  })

/**
 * Ingests batches `from` to `batches − 1` into a tenant whose scaffold is written, one
 * transaction each, writing `committed <b>` to stdout after each commit.
 *
 * @since 0.4.0
 * @category programs
 */
export const ingestInto = <E>(
  store: Layer.Layer<Store.Store, E>,
  options: { readonly tenant: string; readonly batches: number; readonly size: number; readonly from?: number }
): Promise<void> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const ledger = yield* VolunteerLedgerService.VolunteerLedger
      for (let b = options.from ?? 0; b < options.batches; b++) {
        yield* ledger.executeAllUnknown(Actor.system(options.tenant), batch(b, options.size)).pipe(Effect.orDie)
        yield* Effect.sync(() => process.stdout.write(`committed ${b}\n`))
      }
    }).pipe(Effect.provide(ledgerOver(store))) as Effect.Effect<void>
  )

/** The day the sessions are recorded on, for programs that set a clock: the suites' today. */
export const today = LedgerIntents.today
