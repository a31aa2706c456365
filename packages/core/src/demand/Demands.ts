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
import { Effect, Layer } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import { AuditLog } from "../audit/AuditLog.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Commands from "../internal/commands.js"
import { auditDetail, targetOf } from "../internal/demand/commands.js"
import * as Decide from "../internal/demand/decide.js"
import * as Reads from "../internal/demand/reads.js"
import { writeSteps } from "../internal/demand/write.js"
import * as Notify from "../notify/Notify.js"
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
  const raise = yield* Notify.raiser
  const writer = Commands.makePlain<DemandCommand, DemandChanges, DemandWriteError, LocalMinute.LocalMinute>({ policy, transactor, importLog, idempotency, audit }, {
    name: "Demands",
    schema: DemandCommand,
    targetOf,
    auditDetail,
    clock: LocalMinute.now,
    decisions: (now) => Decide.make(store, grids, config, scheme, now),
    writeSteps: (_actor, changes) => writeSteps(store, changes, raise)
  })

  const service: DemandsShape = {
    ...writer.methods,
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
