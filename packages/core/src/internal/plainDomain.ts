/**
 * The write side of a domain whose batches run on the plain workspace
 * (`RunBatch.plainWorkspace`): one decision generator, given the day the rules take as
 * today, and one generator of writes serve a single command (`decide`, `write`, under
 * `IsoDate.today`) and a batch (`RunBatch.run`, the clock read once per batch), over the
 * shared write side (`Commands.make`). Returns the writer, with the service's write
 * methods (`methods`).
 *
 * @internal
 */
import { Effect, Exit, type Schema } from "effect"
import type { YieldWrap } from "effect/Utils"
import type * as Actor from "../access/Actor.js"
import type { NewAuditEntry } from "../audit/AuditEntry.js"
import type { AuditLogShape } from "../audit/AuditLog.js"
import type { StoreError } from "../errors/StoreError.js"
import * as IsoDate from "../time/IsoDate.js"
import * as Commands from "./commands.js"
import * as RunBatch from "./runBatch.js"

/** A decision or its writes: yielding effects and rule results, as the batch driver runs them. */
type Steps<A> = Generator<YieldWrap<any>, A, any>

/** @internal */
export const make = <C extends { readonly _tag: string }, Ch, E>(
  deps: Parameters<typeof Commands.make>[0] & { readonly audit: AuditLogShape },
  domain: {
    readonly name: string
    readonly schema: Schema.Schema<C, any>
    readonly targetOf: Commands.Domain<C, Ch, E>["targetOf"]
    readonly auditDetail: (command: C) => string
    /** The decisions, taking `today` as the day the rules take as today. */
    readonly steps: (today: Effect.Effect<IsoDate.IsoDate>) => (actor: Actor.Actor, command: C) => Steps<Ch>
    readonly writeSteps: (actor: Actor.Actor, changes: Ch) => Steps<void>
  }
) => {
  const single = domain.steps(IsoDate.today)
  const writer = Commands.make(deps, {
    name: domain.name,
    schema: domain.schema,
    targetOf: domain.targetOf,
    auditDetail: domain.auditDetail,
    decide: (actor, command) => Effect.gen(() => single(actor, command)) as Effect.Effect<Ch, E>,
    write: (actor, changes) => Effect.gen(() => domain.writeSteps(actor, changes)) as Effect.Effect<void, StoreError>,
    applyAll: (actor, commands, offset): Effect.Effect<ReadonlyArray<Ch>, E> =>
      Effect.flatMap(IsoDate.today, (today) => {
        const steps = domain.steps(Exit.succeed(today))
        return RunBatch.run<C, Ch, E>({
          commands,
          offset,
          steps: (command) => steps(actor, command),
          writeSteps: (changes) => domain.writeSteps(actor, changes),
          auditEntry: (command): NewAuditEntry => writer.auditEntry(actor, command),
          workspace: RunBatch.plainWorkspace(deps.audit) as RunBatch.Batch<C, Ch, E>["workspace"]
        })
      })
  })
  return writer
}
