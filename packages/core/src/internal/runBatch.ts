/**
 * The batch path's driver, shared by every domain: each command's decision and writes
 * (generators) driven synchronously against the batch's workspace while it answers from
 * memory, handed to the Effect runtime where it must ask the store; a turn of the event
 * loop every 500 commands, a write-behind every 10,000; the refusal numbered by its
 * row; each command's audit entry handed to the workspace once it is written; the
 * workspace flushed at the end, or its writes in flight stopped on failure. Returns each
 * command's changes, in order.
 *
 * @internal
 */
import { Effect, Exit } from "effect"
import type { YieldWrap } from "effect/Utils"
import type { NewAuditEntry } from "../audit/AuditEntry.js"
import type { AuditLogShape } from "../audit/AuditLog.js"
import type { StoreError } from "../errors/StoreError.js"
import { withRow } from "./batch.js"
import { breathe } from "./breathe.js"
import { drive } from "./drive.js"

/** Commands a batch decides between two turns of the event loop. */
const breathEvery = 500

/** Commands a batch decides before it starts writing them behind (at a turn of the event loop). */
const writeBehindEvery = 10_000

/** A decision or its writes: yielding effects and rule results (`Either`) whose errors are in `E`. */
type Steps<A> = Generator<YieldWrap<any>, A, any>

/** @internal */
export interface Batch<C, Ch, E> {
  readonly commands: ReadonlyArray<C>
  /** Rows of the batch's commands begin after this many (an import's chunk). */
  readonly offset: number
  readonly steps: (command: C) => Steps<Ch>
  readonly writeSteps: (changes: Ch) => Steps<void>
  /** A command's audit entry, recorded once it is decided and written. */
  readonly auditEntry: (command: C) => NewAuditEntry
  readonly workspace: {
    readonly audit: (entry: NewAuditEntry) => void
    readonly writeBehind: Effect.Effect<void, E>
    readonly flush: Effect.Effect<void, E>
    readonly abandon: Effect.Effect<void>
  }
}

/** @internal */
export const run = <C, Ch, E>(batch: Batch<C, Ch, E>): Effect.Effect<ReadonlyArray<Ch>, E> => {
  const { auditEntry, commands, offset, steps, workspace, writeSteps } = batch
  const results: Array<Ch> = new Array(commands.length)
  const record = (i: number, changes: Ch) => {
    workspace.audit(auditEntry(commands[i]!))
    results[i] = changes
  }
  const written = (changes: Ch): Effect.Effect<void, E> =>
    Effect.gen(function*() {
      yield* writeSteps(changes)
    }) as Effect.Effect<void, E>
  let lastWrite = 0
  /** Commands from the i-th on; returns to the runtime when a step is not settled, and every few hundred commands. */
  const from = (start: number): Effect.Effect<void, E> => {
    for (let i = start; i < commands.length; i++) {
      if (i - start === breathEvery) {
        // Every so often, what is decided starts being written while deciding goes on.
        const writing = i - lastWrite >= writeBehindEvery ? Effect.tap(workspace.writeBehind, () => void (lastWrite = i)) : Effect.void
        return Effect.zipRight(Effect.zipRight(writing, breathe), Effect.suspend(() => from(i)))
      }
      const decided = drive(steps(commands[i]!)) as Exit.Exit<Ch, E> | Effect.Effect<Ch, E>
      if (!Exit.isExit(decided) || Exit.isFailure(decided)) {
        return Effect.mapError(decided, (error) => withRow(error, offset + i + 1)).pipe(
          Effect.flatMap((changes) =>
            Effect.zipRight(Effect.tap(written(changes), () => record(i, changes)), Effect.suspend(() => from(i + 1)))
          )
        )
      }
      const wrote = drive(writeSteps(decided.value)) as Exit.Exit<void, E> | Effect.Effect<void, E>
      if (!Exit.isExit(wrote) || Exit.isFailure(wrote)) {
        return Effect.zipRight(Effect.tap(wrote, () => record(i, decided.value)), Effect.suspend(() => from(i + 1)))
      }
      record(i, decided.value)
    }
    return Effect.void
  }
  return Effect.as(Effect.zipRight(from(0).pipe(Effect.onError(() => workspace.abandon)), workspace.flush), results)
}

/**
 * The plain workspace: the store itself (each command's writes go straight to it, so
 * later commands read them), the audit entries gathered and appended together at the
 * end. A domain starts with it and moves to overlay tables when a benchmark asks.
 *
 * @internal
 */
export const plainWorkspace = (audit: AuditLogShape): Batch<unknown, unknown, StoreError>["workspace"] => {
  const entries: Array<NewAuditEntry> = []
  return {
    audit: (entry) => void entries.push(entry),
    writeBehind: Effect.void,
    flush: Effect.suspend(() => (entries.length === 0 ? Effect.void : Effect.asVoid(audit.appendAll(entries)))),
    abandon: Effect.void
  }
}
