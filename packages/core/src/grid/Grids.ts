/**
 * The live grid service. Every write goes: decode (ValidationError naming the field
 * and row) → authorize (Forbidden) → load the state the rule needs → pure rule
 * (RuleViolation) → write the facts and one audit entry in the same transaction.
 * A refused command writes nothing. Reads decode their arguments the same way and
 * return nothing outside the actor's scope.
 *
 * @since 0.1.0
 */
import { Effect, Either, Layer } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import { AuditLog } from "../audit/AuditLog.js"
import * as Decode from "../errors/Decode.js"
import { Forbidden } from "../errors/Forbidden.js"
import { ValidationError } from "../errors/ValidationError.js"
import { auditDetail, targetsOf } from "../internal/grid/commands.js"
import * as Decide from "../internal/grid/decide.js"
import * as Reads from "../internal/grid/reads.js"
import * as Workspace from "../internal/grid/workspace.js"
import { write, writeSteps } from "../internal/grid/write.js"
import * as Batch from "../internal/batch.js"
import * as RunBatch from "../internal/runBatch.js"
import { validated } from "../internal/validated.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Imports from "../imports/Imports.js"
import { Transactor } from "../store/Transactor.js"
import type { Changes } from "./Changes.js"
import { GridCommand } from "./GridCommand.js"
import { GridConfig } from "./GridConfig.js"
import { type GridWriteError, Grids, type GridsShape } from "./GridsService.js"
import { GridStore } from "./GridStore.js"

const { withRow } = Batch

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<GridsShape, never, Transactor | AuditLog | GridStore | ImportLog | GridConfig> = Effect.gen(
  function*() {
    const store = yield* GridStore
    const audit = yield* AuditLog
    const transactor = yield* Transactor
    const config = yield* GridConfig
    const importLog = yield* ImportLog
    const policy = yield* AccessPolicy
    const { decide } = Decide.make(store, config)

    /** Decodes and authorizes: everything that can be refused before the transaction. */
    const admitEither = (actor: Actor.Actor, input: unknown, row?: number): Either.Either<GridCommand, ValidationError | Forbidden> =>
      Either.flatMap(Decode.decodeEither(GridCommand, input, { row }), (command) => {
        const { codes, permission } = targetsOf(command)
        return Either.mapBoth(Actor.authorize(actor, permission, command._tag, codes, policy), {
          onLeft: (e) => withRow(e, row),
          onRight: () => command
        })
      })

    const admit = (actor: Actor.Actor, input: unknown) => Effect.suspend(() => admitEither(actor, input))

    /** A batch's commands, decoded and authorized in one pass; the first refusal names its row. */
    const admitAll = (actor: Actor.Actor, inputs: ReadonlyArray<unknown>, offset = 0) =>
      Effect.suspend(() => {
        const commands: Array<GridCommand> = new Array(inputs.length)
        for (let i = 0; i < inputs.length; i++) {
          const admitted = admitEither(actor, inputs[i], offset + i + 1)
          if (Either.isLeft(admitted)) return Effect.fail(admitted.left)
          commands[i] = admitted.right
        }
        return Effect.succeed(commands)
      })

    const auditEntry = (actor: Actor.Actor, command: GridCommand) => ({
      tenant: actor.tenant,
      actor: actor.id,
      action: command._tag,
      target: targetsOf(command).codes.join(","),
      detail: auditDetail(command)
    })

    const apply = (actor: Actor.Actor, command: GridCommand) =>
      Effect.gen(function*() {
        const changes = yield* decide(actor, command)
        yield* write(store, actor.tenant, changes)
        yield* audit.append(auditEntry(actor, command))
        return changes
      })

    /**
     * A batch, set-based: the same decisions and writes as `apply`, against the batch's
     * workspace (context loaded once per batch), written back with multi-row statements.
     * Each command's steps are driven synchronously while the workspace answers from
     * memory, and by the Effect runtime where it must ask the store.
     */
    const applyAll = (actor: Actor.Actor, commands: ReadonlyArray<GridCommand>, offset = 0) =>
      Effect.gen(function*() {
        const workspace = Workspace.make(store, audit, actor.tenant)
        const { steps } = Decide.make(workspace.store, config, workspace.chains)
        yield* workspace.prefetch(commands)
        return yield* RunBatch.run<GridCommand, Changes, GridWriteError>({
          commands,
          offset,
          steps: (command) => steps(actor, command),
          writeSteps: (changes) => writeSteps(workspace.store, actor.tenant, changes),
          auditEntry: (command) => auditEntry(actor, command),
          workspace
        })
      })

    const executeUnknown: GridsShape["executeUnknown"] = (actor, input) =>
      Effect.flatMap(admit(actor, input), (command) => transactor.transaction(actor.tenant, apply(actor, command)))
        .pipe(Effect.withSpan("Grids.execute"))

    const executeAllUnknown: GridsShape["executeAllUnknown"] = (actor, inputs) =>
      Effect.gen(function*() {
        const batch = yield* Batch.read(inputs)
        const commands = yield* admitAll(actor, batch)
        return yield* transactor.transaction(actor.tenant, applyAll(actor, commands))
      }).pipe(Effect.withSpan("Grids.executeAll"))

    const importAll: GridsShape["importAll"] = (actor, source, options) =>
      Imports.run(actor.tenant, source, options, {
        admit: (inputs, offset) => admitAll(actor, inputs, offset),
        // The decoded command's own fields: its encoded form, whatever key order or
        // defaults left out the source gave it.
        canonical: (command) => JSON.stringify(command),
        apply: (commands, offset) => applyAll(actor, commands, offset)
      }).pipe(Effect.provideService(ImportLog, importLog), Effect.provideService(Transactor, transactor))

    const service: GridsShape = {
      execute: executeUnknown,
      importAll,
      executeAll: executeAllUnknown,
      executeUnknown,
      executeAllUnknown,
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
export const layer: Layer.Layer<Grids, never, Transactor | AuditLog | GridStore | ImportLog | GridConfig> = Layer.effect(Grids, make)

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
  /** @since 0.1.0 */
  type ReadOptions
} from "./GridsService.js"
