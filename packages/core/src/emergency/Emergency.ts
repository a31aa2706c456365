/**
 * The live emergency service (平急两用). Every write goes: decode (ValidationError naming
 * the field and row) → authorize the role and the grids the command names (Forbidden)
 * → load the state of the day from the grid, organisation and co-construction ports and
 * check the scope → pure rule (RuleViolation naming the rule and its source) → carry out
 * the plan's organisation commands through the organisation domain's own rules → write
 * the emergency rows and one audit entry, all in one transaction (an activation and a
 * deactivation raise their notifications there too, through `Notify.raiser` when the
 * layer is built with `Notify.Settings`). A refused command writes nothing, in any
 * domain's tables. Reads decode their arguments the same way and
 * count nothing outside the actor's scope.
 *
 * @since 0.5.0
 */
import { Effect, Layer } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import { AuditLog } from "../audit/AuditLog.js"
import { CoConstructionStore } from "../coconstruction/CoConstructionStore.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Notify from "../notify/Notify.js"
import * as Commands from "../internal/commands.js"
import { auditDetail, targetOf } from "../internal/emergency/commands.js"
import * as Decide from "../internal/emergency/decide.js"
import * as Reads from "../internal/emergency/reads.js"
import { writeSteps } from "../internal/emergency/write.js"
import { validated } from "../internal/validated.js"
import { OrganisationConfig } from "../organisation/OrganisationConfig.js"
import { OrganisationStore } from "../organisation/OrganisationStore.js"
import { Transactor } from "../store/Transactor.js"
import * as IsoDate from "../time/IsoDate.js"
import type { EmergencyChanges } from "./EmergencyChanges.js"
import { EmergencyCommand } from "./EmergencyCommand.js"
import { EmergencyConfig } from "./EmergencyConfig.js"
import { Emergency, type EmergencyShape, type EmergencyWriteError } from "./EmergencyService.js"
import { EmergencyStore } from "./EmergencyStore.js"

/**
 * What the live service needs: the transaction, audit, import and idempotency ports, the
 * emergency store and the ports of the domains it reads and writes through (grids,
 * organisations, co-construction), and their policies.
 *
 * @since 0.5.0
 * @category models
 */
export type Requirements =
  | Transactor
  | AuditLog
  | EmergencyStore
  | OrganisationStore
  | GridStore
  | CoConstructionStore
  | ImportLog
  | IdempotencyStore
  | GridConfig
  | OrganisationConfig
  | EmergencyConfig

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<EmergencyShape, never, Requirements> = Effect.gen(function*() {
  const ports: Decide.Ports = {
    store: yield* EmergencyStore,
    organisations: yield* OrganisationStore,
    grids: yield* GridStore,
    coconstruction: yield* CoConstructionStore
  }
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const gridConfig = yield* GridConfig
  const policies: Decide.Policies = {
    config: yield* EmergencyConfig,
    organisation: yield* OrganisationConfig,
    scheme: gridConfig.scheme,
    staffedLevels: gridConfig.staffedLevels
  }
  const policy = yield* AccessPolicy
  const raise = yield* Notify.raiser
  const { noticeFacts } = Decide.make(ports, policies)
  const writer = Commands.makePlain<EmergencyCommand, EmergencyChanges, EmergencyWriteError, IsoDate.IsoDate>(
    { policy, transactor, importLog, idempotency, audit },
    {
      name: "Emergency",
      schema: EmergencyCommand,
      targetOf,
      auditDetail,
      clock: IsoDate.today,
      decisions: (today) => Decide.make(ports, policies, today),
      writeSteps: (_actor, changes) => writeSteps(ports.store, changes, raise, noticeFacts)
    }
  )

  const service: EmergencyShape = { ...writer.methods, ...Reads.make(ports, { policy, transactor, audit }) }
  return validated(service, policy, gridConfig.scheme)
})

/**
 * The live service over the emergency, organisation, grid and co-construction ports,
 * the emergency, organisation and grid policies, and the access policy when one is
 * provided (the default roles otherwise).
 *
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<Emergency, never, Requirements> = Layer.effect(Emergency, make)

export {
  /**
   * The service tag.
   *
   * @since 0.5.0
   * @category tags
   */
  Emergency,
  /** @since 0.5.0 */
  type EmergencyShape
} from "./EmergencyService.js"
