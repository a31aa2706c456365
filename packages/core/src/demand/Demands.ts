/**
 * The live demand service. Every write goes: decode (ValidationError naming the field
 * and row) → authorize the role and the grids the command names (Forbidden) → load the
 * demand and what the rule reads of the grid store, check the scope of every record it
 * touches → pure rule (RuleViolation naming the rule) → write the facts and one audit
 * entry in the same transaction. A refused command writes nothing. Reads decode their
 * arguments the same way and return nothing outside the actor's scope.
 *
 * @since 0.5.0
 */
import { Effect, Exit, Layer } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import type * as Actor from "../access/Actor.js"
import { AuditLog } from "../audit/AuditLog.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Commands from "../internal/commands.js"
import { auditDetail, targetOf } from "../internal/demand/commands.js"
import * as Decide from "../internal/demand/decide.js"
import * as Reads from "../internal/demand/reads.js"
import { write, writeSteps } from "../internal/demand/write.js"
import * as RunBatch from "../internal/runBatch.js"
import { validated } from "../internal/validated.js"
import { Transactor } from "../store/Transactor.js"
import * as LocalMinute from "../time/LocalMinute.js"
import type { DemandChanges } from "./DemandChanges.js"
import { DemandCommand } from "./DemandCommand.js"
import { DemandConfig } from "./DemandConfig.js"
import { Demands, type DemandsShape, type DemandWriteError } from "./DemandsService.js"
import { DemandStore } from "./DemandStore.js"

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<
  DemandsShape,
  never,
  Transactor | AuditLog | DemandStore | GridStore | ImportLog | IdempotencyStore | GridConfig | DemandConfig
> = Effect.gen(function*() {
  const store = yield* DemandStore
  const grids = yield* GridStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const config = yield* DemandConfig
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const { scheme } = yield* GridConfig
  const policy = yield* AccessPolicy
  const { decide } = Decide.make(store, grids, config, scheme)

  /** A batch: each command decided against the store as it stands after the ones before it, on one reading of the clock. */
  const applyAll = (
    actor: Actor.Actor,
    commands: ReadonlyArray<DemandCommand>,
    offset: number
  ): Effect.Effect<ReadonlyArray<DemandChanges>, DemandWriteError> =>
    Effect.gen(function*() {
      const now = yield* LocalMinute.now
      const { steps } = Decide.make(store, grids, config, scheme, Exit.succeed(now))
      return yield* RunBatch.run<DemandCommand, DemandChanges, DemandWriteError>({
        commands,
        offset,
        steps: (command) => steps(actor, command),
        writeSteps: (changes) => writeSteps(store, changes),
        auditEntry: (command) => writer.auditEntry(actor, command),
        workspace: RunBatch.plainWorkspace(audit)
      })
    })

  const writer = Commands.make({ policy, transactor, importLog, idempotency, audit }, {
    name: "Demands",
    schema: DemandCommand,
    targetOf,
    auditDetail,
    decide,
    write: (_actor, changes) => write(store, changes),
    applyAll
  })

  const service: DemandsShape = {
    execute: writer.executeUnknown,
    executeAll: writer.executeAllUnknown,
    importAll: writer.importAll,
    executeUnknown: writer.executeUnknown,
    executeAllUnknown: writer.executeAllUnknown,
    executeKeyed: writer.executeKeyedUnknown,
    executeAllKeyed: writer.executeAllKeyedUnknown,
    ...Reads.make({ store, grids, config, scheme, policy, audit, transactor })
  }
  return validated(service, policy, scheme)
})

/**
 * The live service over the demand and grid ports, the demand policy and the grid
 * policy, and the access policy when one is provided (the default roles otherwise).
 *
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<
  Demands,
  never,
  Transactor | AuditLog | DemandStore | GridStore | ImportLog | IdempotencyStore | GridConfig | DemandConfig
> = Layer.effect(Demands, make)

export {
  /**
   * The service tag.
   *
   * @since 0.5.0
   * @category tags
   */
  Demands,
  /** @since 0.5.0 */
  type DemandsShape
} from "./DemandsService.js"
