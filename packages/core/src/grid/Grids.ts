/**
 * The live grid service. Every write goes: decode (ValidationError naming the field
 * and row) → authorize (Forbidden) → load the state the rule needs → pure rule
 * (RuleViolation) → write the facts and one audit entry in the same transaction.
 * A refused command writes nothing.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option, Schema } from "effect"
import * as Actor from "../access/Actor.js"
import type { Permission } from "../access/Permission.js"
import type { Tenant } from "../access/Tenant.js"
import * as Decode from "../errors/Decode.js"
import { Forbidden } from "../errors/Forbidden.js"
import { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import { ValidationError } from "../errors/ValidationError.js"
import * as CitizenId from "../identifiers/CitizenId.js"
import * as Masking from "../identifiers/Masking.js"
import * as Phone from "../identifiers/Phone.js"
import { AuditLog } from "../audit/AuditLog.js"
import { Transactor } from "../store/Transactor.js"
import { GridStore } from "./GridStore.js"
import * as IsoDate from "../time/IsoDate.js"
import type { Changes } from "./Changes.js"
import { type Grid, GridCode, GridId } from "./Grid.js"
import { GridCommand } from "./GridCommand.js"
import { GridConfig } from "./GridConfig.js"
import * as GridRules from "./GridRules.js"
import * as LevelScheme from "./LevelScheme.js"
import { Grids, type GridsShape, type ReadOptions } from "./GridsService.js"
import * as ResponsibilityCheck from "./ResponsibilityCheck.js"
import * as WorkerRules from "./WorkerRules.js"

/** The permission and the grid codes a command touches, known before any read. */
const targetsOf = (command: GridCommand): { readonly permission: Permission; readonly codes: ReadonlyArray<string> } => {
  switch (command._tag) {
    case "CreateGrid":
      return { permission: "grid:write", codes: [command.parentCode ?? command.code] }
    case "MoveGrid":
      return { permission: "grid:write", codes: [command.code, command.newParentCode] }
    case "MergeGrids":
      return { permission: "grid:write", codes: [...command.codes, command.into.code] }
    case "SplitGrid":
      // The parts are siblings of the grid: each must lie in the actor's scope too.
      return { permission: "grid:write", codes: [command.code, ...command.parts.map((p) => p.code)] }
    case "RenameGrid":
    case "CloseGrid":
      return { permission: "grid:write", codes: [command.code] }
    case "PlacePlace":
      return { permission: "place:write", codes: [command.gridCode] }
    case "RegisterWorker":
      return { permission: "worker:write", codes: [command.communityCode] }
    case "AssignWorker":
      return { permission: "worker:write", codes: [command.gridCode] }
    case "EndAssignment":
      return { permission: "worker:write", codes: Option.toArray(WorkerRules.assignmentGrid(command.id)) }
  }
}

/**
 * Personal data never goes into the audit log: phones, ID numbers, addresses, and the
 * names of households (residents). Grid and worker names stay: grids are public, and
 * grid workers are posted by name (网格员公示).
 */
const auditDetail = (command: GridCommand): string => {
  const { phone: _phone, citizenId: _citizenId, address: _address, ...rest } = Schema.encodeSync(GridCommand)(
    command
  ) as Record<string, unknown>
  if (command._tag === "PlacePlace" && command.kind === "household") delete rest["name"]
  return JSON.stringify(rest)
}

const withRow = <E>(error: E, row: number | undefined): E => {
  if (row === undefined) return error
  if (error instanceof ValidationError) {
    return new ValidationError({ field: error.field, rule: error.rule, message: error.message, row }) as E
  }
  if (error instanceof RuleViolation) {
    return new RuleViolation({ field: error.field, rule: error.rule, message: error.message, row }) as E
  }
  if (error instanceof Forbidden) {
    const { actor, action, target, reason, message } = error
    return new Forbidden({ actor, action, target, reason, message, row }) as E
  }
  return error
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<GridsShape, never, Transactor | AuditLog | GridStore | GridConfig> = Effect.gen(function*() {
  const store = yield* GridStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const { scheme, workerCategories } = yield* GridConfig

  const latestStartOf = (tenant: Tenant, code: string) =>
    Effect.map(
      Effect.all([
        store.grids.latestStart(tenant, code),
        store.places.latestStart(tenant, code),
        store.workers.latestStart(tenant, code)
      ]),
      (dates) => {
        const present = dates.flatMap(Option.toArray).sort()
        return Option.fromNullable(present[present.length - 1])
      }
    )

  const subtreeState = (tenant: Tenant, code: string, at: IsoDate.IsoDate) =>
    Effect.gen(function*() {
      const state = yield* Effect.all({
        grids: store.grids.subtree(tenant, code, at),
        links: store.places.linksInSubtree(tenant, code, at),
        assignments: store.workers.assignmentsInSubtree(tenant, code, at),
        latestStart: latestStartOf(tenant, code)
      })
      // Only versions with an end can have been replaced; most are open-ended.
      const replacedLater = yield* Effect.filter(
        state.grids.filter((g) => g.validTo !== null),
        (g) => Effect.map(store.grids.successors(tenant, g.id), (next) => next.length > 0)
      )
      return { ...state, replacedLater }
    })

  /**
   * When a later change replaced a code's coverage from a day: the end of the last
   * version of that coverage, if it has successors; null for a planned or no end.
   */
  const replacedOn = (tenant: Tenant, versions: ReadonlyArray<Grid>, at: IsoDate.IsoDate) =>
    Option.match(GridRules.coverageLast(versions, at), {
      onNone: () => Effect.succeed(null),
      onSome: (last) =>
        last.validTo === null
          ? Effect.succeed(null)
          : Effect.map(store.grids.successors(tenant, last.id), (next) => (next.length > 0 ? last.validTo : null))
    })

  const decide = (
    actor: Actor.Actor,
    command: GridCommand
  ): Effect.Effect<Changes, RuleViolation | Forbidden | StoreError> => {
    const tenant = actor.tenant
    switch (command._tag) {
      case "CreateGrid":
        return Effect.gen(function*() {
          const parentVersions = command.parentCode === null ? [] : yield* store.grids.versions(tenant, command.parentCode)
          const sameCode = yield* store.grids.versions(tenant, command.code)
          const parentReplacedOn = yield* replacedOn(tenant, parentVersions, command.validFrom)
          return yield* GridRules.create(scheme, tenant, { parentVersions, sameCode, parentReplacedOn }, command)
        })
      case "RenameGrid":
        return Effect.gen(function*() {
          const versions = yield* store.grids.versions(tenant, command.code)
          return yield* GridRules.rename({ versions, replacedOn: yield* replacedOn(tenant, versions, command.at) }, command)
        })
      case "MoveGrid":
        return Effect.gen(function*() {
          const source = yield* subtreeState(tenant, command.code, command.at)
          const newParent = yield* store.grids.versions(tenant, command.newParentCode)
          const root = source.grids[0]
          const width = root === undefined ? 0 : scheme.levels[root.level]?.segmentWidth ?? 0
          const segment = command.segment ?? command.code.slice(command.code.length - width)
          const target = yield* store.grids.versions(tenant, command.newParentCode + segment)
          return yield* GridRules.move(scheme, { source, newParent, target }, command)
        })
      case "SplitGrid":
        return Effect.gen(function*() {
          const source = yield* subtreeState(tenant, command.code, command.at)
          const targets = new Map<string, ReadonlyArray<Grid>>()
          for (const part of command.parts) targets.set(part.code, yield* store.grids.versions(tenant, part.code))
          return yield* GridRules.split(scheme, { source, targets }, command)
        })
      case "MergeGrids":
        return Effect.gen(function*() {
          const sources = yield* Effect.forEach(command.codes, (code) => subtreeState(tenant, code, command.at))
          const target = yield* store.grids.versions(tenant, command.into.code)
          return yield* GridRules.merge(scheme, { sources, target }, command)
        })
      case "CloseGrid":
        return Effect.flatMap(
          subtreeState(tenant, command.code, command.at),
          (source) => GridRules.close({ source }, command)
        )
      case "PlacePlace":
        return Effect.gen(function*() {
          const links = yield* store.places.links(tenant, command.id)
          // Changing a place needs the grid it is in (or was last in) in scope too.
          const current = links.find((l) => IsoDate.within(command.at, l.validFrom, l.validTo)) ?? links[links.length - 1]
          if (current !== undefined) yield* Actor.authorize(actor, "place:write", "PlacePlace", [current.gridCode])
          const gridVersions = yield* store.grids.versions(tenant, command.gridCode)
          const gridReplacedOn = yield* replacedOn(tenant, gridVersions, command.at)
          return yield* GridRules.place(scheme, tenant, { gridVersions, links, gridReplacedOn }, command)
        })
      case "RegisterWorker":
        return Effect.gen(function*() {
          const existing = yield* store.workers.get(tenant, command.id)
          // Re-registering a worker needs their current community in scope too.
          if (Option.isSome(existing)) {
            yield* Actor.authorize(actor, "worker:write", "RegisterWorker", [existing.value.communityCode])
          }
          const today = yield* IsoDate.today
          const community = yield* store.grids.versions(tenant, command.communityCode)
          // Current and future assignments: every one must lie in the community.
          const assignments = (yield* store.workers.assignmentsOfWorker(tenant, command.id)).filter((a) =>
            a.validTo === null || a.validTo > today
          )
          return yield* WorkerRules.register(
            scheme,
            workerCategories,
            tenant,
            { community, existing, assignments, today },
            command
          )
        })
      case "AssignWorker":
        return Effect.gen(function*() {
          const worker = yield* store.workers.get(tenant, command.workerId)
          const gridVersions = yield* store.grids.versions(tenant, command.gridCode)
          const gridAssignments = yield* store.workers.assignmentsOfGrid(tenant, command.gridCode)
          const gridReplacedOn = yield* replacedOn(tenant, gridVersions, command.at)
          return yield* WorkerRules.assign(tenant, { worker, gridVersions, gridAssignments, gridReplacedOn }, command)
        })
      case "EndAssignment":
        return Effect.flatMap(
          store.workers.assignment(tenant, command.id),
          (assignment) => WorkerRules.endAssignment({ assignment }, command)
        )
    }
  }

  const write = (tenant: Tenant, changes: Changes): Effect.Effect<void, StoreError> =>
    Effect.gen(function*() {
      const at = changes.at
      if (at !== null && changes.endGrids.length > 0) yield* store.grids.close(tenant, changes.endGrids, at)
      if (changes.newGrids.length > 0) yield* store.grids.insert(changes.newGrids)
      if (changes.places.length > 0) yield* store.places.put(changes.places)
      if (at !== null && changes.endLinks.length > 0) yield* store.places.closeLinks(tenant, changes.endLinks, at)
      if (changes.newLinks.length > 0) yield* store.places.link(changes.newLinks)
      if (changes.workers.length > 0) yield* store.workers.put(changes.workers)
      if (at !== null && changes.endAssignments.length > 0) {
        yield* store.workers.closeAssignments(tenant, changes.endAssignments, at)
      }
      if (changes.newAssignments.length > 0) yield* store.workers.assign(changes.newAssignments)
    })

  /** Decodes and authorizes: everything that can be refused before the transaction. */
  const admit = (actor: Actor.Actor, input: unknown, row?: number) =>
    Effect.gen(function*() {
      const command = yield* Decode.decode(GridCommand, input, row)
      const { codes, permission } = targetsOf(command)
      yield* Actor.authorize(actor, permission, command._tag, codes).pipe(Effect.mapError((e) => withRow(e, row)))
      return command
    })

  const apply = (actor: Actor.Actor, command: GridCommand, row?: number) =>
    Effect.gen(function*() {
      const changes = yield* decide(actor, command)
      yield* write(actor.tenant, changes)
      const { codes } = targetsOf(command)
      yield* audit.append({
        tenant: actor.tenant,
        actor: actor.id,
        action: command._tag,
        target: codes.join(","),
        detail: auditDetail(command)
      })
      return changes
    }).pipe(Effect.mapError((error) => withRow(error, row)))

  const execute: GridsShape["execute"] = (actor, input) =>
    Effect.flatMap(
      admit(actor, input),
      (command) => transactor.transaction(actor.tenant, apply(actor, command))
    ).pipe(Effect.withSpan("Grids.execute"))

  const executeAll: GridsShape["executeAll"] = (actor, inputs) =>
    Effect.gen(function*() {
      const commands = yield* Effect.forEach(inputs, (input, i) => admit(actor, input, i + 1))
      return yield* transactor.transaction(
        actor.tenant,
        Effect.forEach(commands, (command, i) => apply(actor, command, i + 1))
      )
    }).pipe(Effect.withSpan("Grids.executeAll"))

  /** Resolves read options against the actor: scope, permission and the day. */
  const readScope = (actor: Actor.Actor, options: ReadOptions = {}) =>
    Effect.gen(function*() {
      const root = options.root === undefined ? actor.scope : yield* Decode.decode(GridCode, options.root).pipe(
        Effect.mapError((e) => new ValidationError({ rule: e.rule, message: e.message, field: "root" }))
      )
      const at = options.at === undefined ? yield* IsoDate.today : yield* Decode.decode(IsoDate.IsoDate, options.at).pipe(
        Effect.mapError((e) => new ValidationError({ rule: e.rule, message: e.message, field: "at" }))
      )
      yield* Actor.authorize(actor, "read", "read", [root])
      return { root, at, tenant: actor.tenant }
    })

  const readPii = (actor: Actor.Actor, action: string, target: string) =>
    transactor.transaction(
      actor.tenant,
      audit.append({ tenant: actor.tenant, actor: actor.id, action, target, detail: "{}" })
    )

  const service: GridsShape = {
    execute,
    executeAll,
    resolve: (actor, code, at) =>
      Effect.flatMap(
        readScope(actor, at === undefined ? { root: code } : { root: code, at }),
        (s) => store.grids.at(s.tenant, s.root, s.at)
      ),
    gridOfPlace: (actor, placeId, at) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, at === undefined ? {} : { at })
        const link = yield* store.places.linkAt(s.tenant, placeId as never, s.at)
        if (Option.isNone(link) || !Actor.covers(actor, link.value.gridCode)) return Option.none()
        return yield* store.grids.at(s.tenant, link.value.gridCode, s.at)
      }),
    lineage: (actor, input) =>
      Effect.gen(function*() {
        const id = yield* Decode.decode(GridId, input).pipe(
          Effect.mapError((e) => new ValidationError({ rule: e.rule, message: e.message, field: "id" }))
        )
        yield* Actor.authorize(actor, "read", "lineage", [id.split("@")[0] ?? ""])
        const grid = yield* store.grids.byId(actor.tenant, id)
        if (Option.isNone(grid)) return Option.none()
        const predecessors = yield* Effect.forEach(grid.value.predecessors, (p) => store.grids.byId(actor.tenant, p))
        const successors = yield* store.grids.successors(actor.tenant, id)
        return Option.some({ grid: grid.value, predecessors: predecessors.flatMap(Option.toArray), successors })
      }),
    subtree: (actor, options = {}) =>
      Effect.flatMap(readScope(actor, options), (s) => store.grids.subtree(s.tenant, s.root, s.at, options.level)),
    countByLevel: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => store.grids.countByLevel(s.tenant, s.root, s.at)),
    countWorkersByCategory: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => store.workers.countByCategory(s.tenant, s.root, s.at)),
    countPlaces: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => store.places.countByKind(s.tenant, s.root, s.at)),
    placeLinks: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => store.places.linksInSubtree(s.tenant, s.root, s.at)),
    assignments: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => store.workers.assignmentsInSubtree(s.tenant, s.root, s.at)),
    check: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options)
        const grids = yield* store.grids.subtree(s.tenant, s.root, s.at)
        const assignments = yield* store.workers.assignmentsInSubtree(s.tenant, s.root, s.at)
        const ids = [...new Set(assignments.map((a) => a.workerId))]
        const workers = yield* store.workers.getMany(s.tenant, ids)
        return ResponsibilityCheck.check(scheme, { grids, assignments, workers })
      }),
    worker: (actor, id) =>
      Effect.gen(function*() {
        const found = yield* store.workers.get(actor.tenant, id as never)
        if (Option.isNone(found) || !Actor.covers(actor, found.value.communityCode)) return Option.none()
        yield* Actor.authorize(actor, "read", "worker", [found.value.communityCode])
        const worker = found.value
        if (Actor.can(actor, "pii:read")) {
          yield* readPii(actor, "ReadWorkerPii", worker.id)
          return found
        }
        return Option.some({
          ...worker,
          phone: worker.phone === null ? null : maskPhone(worker.phone),
          citizenId: worker.citizenId === null ? null : maskCitizenId(worker.citizenId)
        })
      }),
    place: (actor, id) =>
      Effect.gen(function*() {
        const found = yield* store.places.get(actor.tenant, id as never)
        if (Option.isNone(found)) return Option.none()
        // The place belongs where it is today, or where it was (or will be) last.
        const today = yield* IsoDate.today
        const links = yield* store.places.links(actor.tenant, found.value.id)
        const where = links.find((l) => IsoDate.within(today, l.validFrom, l.validTo)) ?? links[links.length - 1]
        const code = where?.gridCode ?? actor.tenant
        if (!Actor.covers(actor, code)) return Option.none()
        yield* Actor.authorize(actor, "read", "place", [code])
        const place = found.value
        if (Actor.can(actor, "pii:read")) {
          if (place.address !== null || place.kind === "household") yield* readPii(actor, "ReadPlacePii", place.id)
          return found
        }
        return Option.some({
          ...place,
          name: place.kind === "household" ? Masking.maskName(place.name) : place.name,
          address: place.address === null ? null : Masking.maskAddress(place.address)
        })
      })
  }
  // A malformed actor (a Promise caller's plain object, say) is a ValidationError naming
  // the field, never a TypeError from deep inside.
  // A scope is a whole grid code (a subtree), not any prefix: its length is a level's.
  const scopeLengths = scheme.levels.map((_, level) => LevelScheme.codeLength(scheme, level))
  const validActor = (actor: unknown) =>
    Decode.decode(Actor.Actor, actor).pipe(
      Effect.mapError((e) =>
        new ValidationError({ rule: e.rule, message: e.message, field: e.field === "(input)" ? "actor" : `actor.${e.field}` })
      ),
      Effect.filterOrFail(
        (valid) => scopeLengths.includes(valid.scope.length),
        (valid) =>
          new ValidationError({
            field: "actor.scope",
            rule: "actor.scope",
            message: `${valid.scope} is not a grid code (${scopeLengths.join(", ")} digits)`
          })
      )
    )
  return Object.fromEntries(
    Object.entries(service).map(([name, method]) => [
      name,
      (actor: unknown, ...args: ReadonlyArray<unknown>) =>
        Effect.flatMap(
          validActor(actor),
          (valid) => (method as (actor: Actor.Actor, ...args: ReadonlyArray<unknown>) => Effect.Effect<unknown>)(valid, ...args)
        )
    ])
  ) as unknown as GridsShape
})

/** Masks a phone number; one that is not a valid mobile number keeps only its last 4. */
const maskPhone = (phone: string): string =>
  Phone.isValid(phone) ? Phone.mask(phone as Phone.Phone) : phone.replace(/.(?=.{4})/g, "*")

/** Masks an ID number; one that is not a valid resident ID keeps only its last 4. */
const maskCitizenId = (id: string): string =>
  CitizenId.isValid(id) ? CitizenId.mask(id.toUpperCase() as CitizenId.CitizenId) : id.replace(/.(?=.{4})/g, "*")

/**
 * The live service over the Store and the grid configuration.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Grids, never, Transactor | AuditLog | GridStore | GridConfig> = Layer.effect(Grids, make)

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
