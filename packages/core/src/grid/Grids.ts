/**
 * The live grid service. Every write goes: decode (ValidationError naming the field
 * and row) → authorize (Forbidden) → load the state the rule needs → pure rule
 * (RuleViolation) → write the facts and one audit entry in the same transaction.
 * A refused command writes nothing. Reads decode their arguments the same way and
 * return nothing outside the actor's scope.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import { AuditLog } from "../audit/AuditLog.js"
import { auditDetail, targetsOf } from "../internal/grid/commands.js"
import * as Decide from "../internal/grid/decide.js"
import * as Reads from "../internal/grid/reads.js"
import * as Workspace from "../internal/grid/workspace.js"
import { write, writeSteps } from "../internal/grid/write.js"
import * as Commands from "../internal/commands.js"
import * as RunBatch from "../internal/runBatch.js"
import { validated } from "../internal/validated.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { ImportLog } from "../imports/ImportLog.js"
import { Transactor } from "../store/Transactor.js"
import type { Changes } from "./Changes.js"
import { GridCommand } from "./GridCommand.js"
import { GridConfig } from "./GridConfig.js"
import { type GridWriteError, Grids, type GridsShape } from "./GridsService.js"
import { GridStore } from "./GridStore.js"

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<GridsShape, never, Transactor | AuditLog | GridStore | ImportLog | IdempotencyStore | GridConfig> = Effect.gen(
  function*() {
    const store = yield* GridStore
    const audit = yield* AuditLog
    const transactor = yield* Transactor
    const config = yield* GridConfig
    const importLog = yield* ImportLog
    const idempotency = yield* IdempotencyStore
    const policy = yield* AccessPolicy
    const { decide } = Decide.make(store, config)

    /**
     * A batch, set-based: the same decisions and writes as one command's, against the
     * batch's workspace (context loaded once per batch), written back with multi-row
     * statements. Each command's steps are driven synchronously while the workspace
     * answers from memory, and by the Effect runtime where it must ask the store.
     */
    const applyAll = (
      actor: Actor.Actor,
      commands: ReadonlyArray<GridCommand>,
      offset: number
    ): Effect.Effect<ReadonlyArray<Changes>, GridWriteError> =>
      Effect.gen(function*() {
        const workspace = Workspace.make(store, audit, actor.tenant)
        const { steps } = Decide.make(workspace.store, config, workspace.chains)
        yield* workspace.prefetch(commands)
        return yield* RunBatch.run<GridCommand, Changes, GridWriteError>({
          commands,
          offset,
          steps: (command) => steps(actor, command),
          writeSteps: (changes) => writeSteps(workspace.store, actor.tenant, changes),
          auditEntry: (command) => writer.auditEntry(actor, command),
          workspace
        })
      })

    // Every grid a command names is checked against the scope before anything is read.
    const writer = Commands.make({ policy, transactor, importLog, idempotency, audit }, {
      name: "Grids",
      schema: GridCommand,
      targetOf: (command) => {
        const { codes, permission } = targetsOf(command)
        return { permission, codes, target: codes.join(",") }
      },
      auditDetail,
      decide,
      write: (actor, changes) => write(store, actor.tenant, changes),
      applyAll
    })

    const service: GridsShape = {
      execute: writer.executeUnknown,
      importAll: writer.importAll,
      executeAll: writer.executeAllUnknown,
      executeUnknown: writer.executeUnknown,
      executeAllUnknown: writer.executeAllUnknown,
      executeKeyed: writer.executeKeyedUnknown,
      executeAllKeyed: writer.executeAllKeyedUnknown,
      ...Reads.make(store, audit, transactor, config, policy)
    }
    return validated(service, policy, config.scheme)
  }
)

/**
 * The live service over the grid ports and the grid configuration (and the access
 * policy, when one is provided: the default roles otherwise).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Grids, never, Transactor | AuditLog | GridStore | ImportLog | IdempotencyStore | GridConfig> = Layer.effect(Grids, make)

export {
  /**
   * The service tag.
   *
   * @since 0.1.0
   * @category tags
   */
  Grids,
  /** @since 0.1.0 */
  type GridReadError,
  /** @since 0.1.0 */
  type GridsShape,
  /** @since 0.1.0 */
  type GridWriteError,
  /** @since 0.1.0 */
  type Lineage,
  /** @since 0.7.0 */
  type PlacesOptions,
  /** @since 0.1.0 */
  type ReadOptions,
  /** @since 0.7.0 */
  type ServingWorker,
  /** @since 0.7.0 */
  type WorkersOptions
} from "./GridsService.js"
