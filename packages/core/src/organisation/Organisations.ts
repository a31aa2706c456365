/**
 * The live organisation service. Every write goes: decode (ValidationError naming the
 * field and row) → authorize the role (Forbidden) → load the state the rule needs and
 * check the scope of every organisation it touches → pure rule (RuleViolation) → write
 * the facts and one audit entry in the same transaction. A refused command writes
 * nothing. Reads decode their arguments the same way and return nothing outside the
 * actor's scope.
 *
 * @since 0.2.0
 */
import { Effect, Exit, Layer, Option, Schema } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import { AuditLog } from "../audit/AuditLog.js"
import * as Decode from "../errors/Decode.js"
import { GridCode } from "../grid/Grid.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridStore } from "../grid/GridStore.js"
import { auditDetail, targetOf } from "../internal/organisation/commands.js"
import * as Decide from "../internal/organisation/decide.js"
import * as Roll from "../internal/organisation/roll.js"
import * as Workspace from "../internal/organisation/workspace.js"
import { write, writeSteps } from "../internal/organisation/write.js"
import * as Commands from "../internal/commands.js"
import * as RunBatch from "../internal/runBatch.js"
import { validated } from "../internal/validated.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { ImportLog } from "../imports/ImportLog.js"
import { Transactor } from "../store/Transactor.js"
import * as IsoDate from "../time/IsoDate.js"
import * as Compliance from "./Compliance.js"
import { OrganisationId } from "./Organisation.js"
import type { OrganisationChanges } from "./OrganisationChanges.js"
import { OrganisationCommand } from "./OrganisationCommand.js"
import { OrganisationConfig } from "./OrganisationConfig.js"
import * as OrganisationCheck from "./OrganisationCheck.js"
import * as OrganisationPermission from "./OrganisationPermission.js"
import {
  type KindCount,
  type MemberCount,
  Organisations,
  type OrganisationsShape,
  type OrganisationWriteError
} from "./OrganisationsService.js"
import { OrganisationStore } from "./OrganisationStore.js"
import * as Period from "../internal/period.js"

const ReadArguments = Schema.Struct({ root: Schema.optional(GridCode), at: Schema.optional(IsoDate.IsoDate) })

const PeriodOptions = Schema.Struct({
  root: Schema.optional(GridCode),
  from: IsoDate.IsoDate,
  to: IsoDate.IsoDate,
  organisationId: Schema.optional(OrganisationId)
})
const RollArguments = Schema.Struct({ ...ReadArguments.fields, organisationId: Schema.optional(OrganisationId) })

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<
  OrganisationsShape,
  never,
  Transactor | AuditLog | OrganisationStore | GridStore | ImportLog | IdempotencyStore | GridConfig | OrganisationConfig
> = Effect.gen(function*() {
  const store = yield* OrganisationStore
  const grids = yield* GridStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const config = yield* OrganisationConfig
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const gridConfig = yield* GridConfig
  const policy = yield* AccessPolicy
  const { decide } = Decide.make(store, grids, config)

  /**
   * A batch, set-based: the same decisions and writes as one command's, against the
   * batch's workspace (context loaded once per batch), written back with multi-row
   * statements and one `appendAll` of the audit entries. Each command's steps are
   * driven synchronously while the workspace answers from memory, and by the Effect
   * runtime where it must ask the store. The rules' today is read once, for the whole
   * batch.
   */
  const applyAll = (
    actor: Actor.Actor,
    commands: ReadonlyArray<OrganisationCommand>,
    offset: number
  ): Effect.Effect<ReadonlyArray<OrganisationChanges>, OrganisationWriteError> =>
    Effect.gen(function*() {
      const workspace = Workspace.make(store, grids.grids, audit, actor.tenant)
      const today = yield* IsoDate.today
      const { steps } = Decide.make(workspace.store, workspace.grids, config, Exit.succeed(today))
      yield* workspace.prefetch(commands)
      return yield* RunBatch.run<OrganisationCommand, OrganisationChanges, OrganisationWriteError>({
        commands,
        offset,
        steps: (command) => steps(actor, command),
        writeSteps: (changes) => writeSteps(workspace.store, actor.tenant, changes),
        auditEntry: (command) => writer.auditEntry(actor, command),
        workspace
      })
    })

  // The scope is checked against the organisations a command touches, once read.
  const writer = Commands.make({ policy, transactor, importLog, idempotency, audit }, {
    name: "Organisations",
    schema: OrganisationCommand,
    targetOf,
    auditDetail,
    decide,
    write: (actor, changes) => write(store, actor.tenant, changes),
    applyAll
  })

  /** The read options resolved against the actor: subtree, day, permission. */
  const readScope = (actor: Actor.Actor, input: unknown) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(ReadArguments, input === undefined ? {} : input, { field: "options" })
      const root = options.root ?? actor.scope
      yield* Actor.authorize(actor, OrganisationPermission.read, "read", [root], policy)
      return { tenant: actor.tenant, root, at: options.at ?? (yield* IsoDate.today) }
    })

  /** The organisations valid on a day that lie in a subtree. */
  const inSubtree = (tenant: Actor.Actor["tenant"], root: string, at: IsoDate.IsoDate) =>
    Effect.map(store.organisations.at(tenant, at), (all) => all.filter((o) => Decide.reachOf([o]).every((code) => code.startsWith(root))))

  const organisationsIn = (actor: Actor.Actor, options: unknown) =>
    Effect.flatMap(readScope(actor, options), (s) => Effect.map(inSubtree(s.tenant, s.root, s.at), (organisations) => ({ ...s, organisations })))

  const service: OrganisationsShape = {
    ...writer.methods,
    organisations: (actor, options) => Effect.map(organisationsIn(actor, options), (s) => s.organisations),
    organisation: (actor, input, at) =>
      Effect.gen(function*() {
        const id = yield* Decode.decode(OrganisationId, input, { field: "id" })
        const day = yield* Decode.decode(Schema.UndefinedOr(IsoDate.IsoDate), at, { field: "at" })
        const s = yield* organisationsIn(actor, { at: day })
        return Option.fromNullable(s.organisations.find((o) => o.id === id))
      }),
    memberships: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* organisationsIn(actor, options)
        const ids = new Set<string>(s.organisations.map((o) => o.id))
        return (yield* store.members.membershipsAt(s.tenant, s.at)).filter((m) => ids.has(m.organisationId))
      }),
    participations: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* organisationsIn(actor, options)
        const ids = new Set<string>(s.organisations.map((o) => o.id))
        return (yield* store.members.participationsAt(s.tenant, s.at)).filter((p) => ids.has(p.organisationId))
      }),
    countByKind: (actor, options) =>
      Effect.map(organisationsIn(actor, options), (s) => {
        const counts = new Map<string, KindCount>()
        for (const o of s.organisations) {
          const key = `${o.kind}\u0000${o.sector}`
          const known = counts.get(key)
          counts.set(key, { kind: o.kind, sector: o.sector, count: (known?.count ?? 0) + 1 })
        }
        return Array.from(counts.values()).sort((a, b) => byKey(a.kind, b.kind) || byKey(a.sector, b.sector))
      }),
    countMembers: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* organisationsIn(actor, options)
        const memberships = yield* store.members.membershipsAt(s.tenant, s.at)
        const participations = yield* store.members.participationsAt(s.tenant, s.at)
        const counts = new Map<string, { full: number; probationary: number; participants: number }>()
        const entry = (id: string) => {
          let c = counts.get(id)
          if (c === undefined) counts.set(id, c = { full: 0, probationary: 0, participants: 0 })
          return c
        }
        for (const m of memberships) entry(m.organisationId)[m.standing]++
        for (const p of participations) entry(p.organisationId).participants++
        return s.organisations.map((o): MemberCount => ({
          organisationId: o.id,
          name: o.name,
          kind: o.kind,
          ...(counts.get(o.id) ?? { full: 0, probationary: 0, participants: 0 })
        }))
      }),
    check: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* organisationsIn(actor, options)
        const ids = new Set<string>(s.organisations.map((o) => o.id))
        // A 党总支's subtree counts every member under it, so the check sees every organisation.
        const all = yield* store.organisations.at(s.tenant, s.at)
        const memberships = yield* store.members.membershipsAt(s.tenant, s.at)
        return OrganisationCheck.check(config, { organisations: all, memberships }, s.at).filter((a) => ids.has(a.organisationId))
      }),
    compliance: (actor, input) =>
      Effect.gen(function*() {
        const period = yield* Decode.decode(PeriodOptions, input, { field: "period" })
        const refused = Period.problem(period.from, period.to, "period.to")
        if (refused !== undefined) return yield* refused
        const root = period.root ?? actor.scope
        yield* Actor.authorize(actor, OrganisationPermission.read, "compliance", [root], policy)
        const history = (yield* store.organisations.history(actor.tenant)).filter((o) =>
          Decide.reachOf([o]).every((code) => code.startsWith(root))
        )
        const ids = Array.from(new Set(history.map((o) => o.id))) as ReadonlyArray<OrganisationId>
        const held = ids.length === 0 ? [] : (yield* store.meetings.between(actor.tenant, period.from, period.to))
        const inScope = new Set<string>(ids)
        const report = Compliance.check(config, { organisations: history, meetings: held.filter((m) => inScope.has(m.organisationId)) }, {
          from: period.from,
          to: period.to
        })
        return period.organisationId === undefined ? report : Compliance.ofOrganisation(report, period.organisationId)
      }),
    roll: (actor, input) =>
      Effect.gen(function*() {
        const options = yield* Decode.decode(RollArguments, input === undefined ? {} : input, { field: "options" })
        const s = yield* organisationsIn(actor, { root: options.root, at: options.at })
        const organisations = options.organisationId === undefined
          ? s.organisations
          : s.organisations.filter((o) => o.id === options.organisationId)
        return yield* Roll.roll({ store, audit, transactor, policy, inSubtree }, actor, s.root, organisations, s.at)
      })
  }
  return validated(service, policy, gridConfig.scheme)
})

/**
 * The live service over the organisation and grid ports, the organisation policy and
 * the grid policy (its level scheme makes an actor's scope), and the access policy
 * when one is provided (the default roles otherwise).
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<
  Organisations,
  never,
  Transactor | AuditLog | OrganisationStore | GridStore | ImportLog | IdempotencyStore | GridConfig | OrganisationConfig
> = Layer.effect(Organisations, make)

export {
  /** @since 0.2.0 */
  type KindCount,
  /** @since 0.2.0 */
  type MemberCount,
  /** @since 0.2.0 */
  type OrganisationReadError,
  /** @since 0.2.0 */
  type OrganisationWriteError,
  /** @since 0.2.0 */
  type ComplianceOptions,
  /** @since 0.2.0 */
  type ReadOptions,
  /** @since 0.2.0 */
  type RollEntry,
  /** @since 0.2.0 */
  type RollOptions,
  /**
   * The service tag.
   *
   * @since 0.2.0
   * @category tags
   */
  Organisations,
  /** @since 0.2.0 */
  type OrganisationsShape
} from "./OrganisationsService.js"

/** @internal */
export type { OrganisationChanges }
