/**
 * One grid command's decision inside its transaction: load the context the rule
 * needs, call the pure rule, return the facts to write.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import * as Actor from "../../access/Actor.js"
import type { Forbidden } from "../../errors/Forbidden.js"
import type { RuleViolation } from "../../errors/RuleViolation.js"
import type { StoreError } from "../../errors/StoreError.js"
import type { Changes } from "../../grid/Changes.js"
import type { Grid } from "../../grid/Grid.js"
import type { Assignment } from "../../grid/Worker.js"
import type { GridCommand } from "../../grid/GridCommand.js"
import type { GridConfigShape } from "../../grid/GridConfig.js"
import * as GridRules from "../../grid/GridRules.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import * as WorkerRules from "../../grid/WorkerRules.js"
import * as IsoDate from "../../time/IsoDate.js"
import * as Context from "./context.js"
import { guardCodes } from "../scope.js"

/** @internal */
export const make = (store: GridStoreShape, config: GridConfigShape, chains?: Map<string, GridRules.Chain>) => {
  const { scheme, workerCategories } = config
  const { chain, replacedOn, subtreeState } = Context.make(store, chains)

  /**
   * A record the command changes (a place, a worker) must lie in the actor's scope too.
   * The refusal names the record, not where it lies: that is outside what the actor may see.
   */
  const guard = (actor: Actor.Actor, action: string, id: string, code: string): Effect.Effect<void, Forbidden> =>
    guardCodes(actor, action, id, [code])

  /**
   * A record carried by later recorded changes reaches every grid of its chain, and
   * rewriting a record rewrites its carried continuations: all of them must lie in the
   * actor's scope (a street does not write into the street its grid moves to later).
   */
  const reach = (actor: Actor.Actor, action: string, id: string, codes: ReadonlyArray<string>) =>
    guardCodes(actor, action, id, codes, `${id}: later recorded changes carry this into grids outside ${actor.id}'s scope ${actor.scope}`)

  const codesOf = (chain: GridRules.Chain) => chain.segments.map((s) => s.grid.code as string)

  /**
   * The decision as a generator of store reads, refusals and rule results: run by the
   * Effect runtime (`decide`), or driven synchronously by the batch path while its reads
   * are answered from memory.
   */
  const steps = function*(actor: Actor.Actor, command: GridCommand) {
    const tenant = actor.tenant
    switch (command._tag) {
      case "CreateGrid":
        {
          const parentVersions = command.parentCode === null ? [] : yield* store.grids.versions(tenant, command.parentCode)
          const sameCode = yield* store.grids.versions(tenant, command.code)
          const parentReplacedOn = command.parentCode === null ? null : yield* replacedOn(tenant, command.parentCode, command.validFrom)
          return yield* GridRules.create(scheme, tenant, { parentVersions, sameCode, parentReplacedOn }, command)
        }
      case "RenameGrid":
        {
          const versions = yield* store.grids.versions(tenant, command.code)
          return yield* GridRules.rename({ versions, replacedOn: yield* replacedOn(tenant, command.code, command.at) }, command)
        }
      case "MoveGrid":
        {
          const source = yield* subtreeState(tenant, command.code, command.at)
          const newParent = yield* store.grids.versions(tenant, command.newParentCode)
          const root = source.grids[0]
          const width = root === undefined ? 0 : scheme.levels[root.level]?.segmentWidth ?? 0
          const segment = command.segment ?? command.code.slice(command.code.length - width)
          const target = yield* store.grids.versions(tenant, command.newParentCode + segment)
          return yield* GridRules.move(scheme, { source, newParent, target }, command)
        }
      case "SplitGrid":
        {
          const source = yield* subtreeState(tenant, command.code, command.at)
          const targets = new Map<string, ReadonlyArray<Grid>>()
          for (const part of command.parts) targets.set(part.code, yield* store.grids.versions(tenant, part.code))
          return yield* GridRules.split(scheme, { source, targets }, command)
        }
      case "MergeGrids":
        {
          const sources = yield* Effect.forEach(command.codes, (code) => subtreeState(tenant, code, command.at))
          const target = yield* store.grids.versions(tenant, command.into.code)
          return yield* GridRules.merge(scheme, { sources, target }, command)
        }
      case "CloseGrid": {
        const source = yield* subtreeState(tenant, command.code, command.at)
        return yield* GridRules.close({ source }, command)
      }
      case "PlacePlace":
        {
          const links = yield* store.places.links(tenant, command.id)
          const valid = links.find((l) => IsoDate.within(command.at, l.validFrom, l.validTo))
          // Changing a place needs the grid it is in (or was last in) in scope too.
          const current = valid ?? links[links.length - 1]
          if (current !== undefined) {
            yield* guard(actor, "PlacePlace", command.id, current.gridCode)
          }
          const existing = yield* store.places.get(tenant, command.id)
          const target = yield* chain(tenant, command.gridCode, command.at)
          // The current link's own carries by later changes, which a new placement replaces.
          const currentChain = valid !== undefined && links.some((l) => l.validFrom > command.at)
            ? yield* chain(tenant, valid.gridCode, command.at)
            : undefined
          yield* reach(actor, "PlacePlace", command.id, [
            ...codesOf(target),
            ...links.filter((l) => l.validTo === null || l.validTo > command.at).map((l) => l.gridCode)
          ])
          return yield* GridRules.place(config, tenant, { existing, links, chain: target, currentChain }, command)
        }
      case "RegisterWorker":
        {
          const terms = yield* store.workers.terms(tenant, command.id)
          // Re-registering a worker needs their community on the day (or their last) in scope too.
          const current = terms.find((t) => IsoDate.within(command.at, t.validFrom, t.validTo)) ?? terms[terms.length - 1]
          if (current !== undefined) {
            yield* guard(actor, "RegisterWorker", command.id, current.communityCode)
          }
          const community = yield* chain(tenant, command.communityCode, command.at)
          yield* reach(actor, "RegisterWorker", command.id, [
            ...codesOf(community),
            ...terms.filter((t) => t.validTo === null || t.validTo > command.at).map((t) => t.communityCode)
          ])
          const assignments = yield* store.workers.assignmentsOfWorker(tenant, command.id)
          return yield* WorkerRules.register(scheme, workerCategories, tenant, { community, terms, assignments }, command)
        }
      case "AssignWorker":
        {
          const terms = yield* store.workers.terms(tenant, command.workerId)
          const target = yield* chain(tenant, command.gridCode, command.at)
          yield* reach(actor, "AssignWorker", command.gridCode, codesOf(target))
          const assignments = new Map<string, ReadonlyArray<Assignment>>()
          for (const s of target.segments) {
            if (!assignments.has(s.grid.code)) assignments.set(s.grid.code, yield* store.workers.assignmentsOfGrid(tenant, s.grid.code))
          }
          return yield* WorkerRules.assign(tenant, { terms, chain: target, assignments }, command)
        }
      case "EndAssignment":
        {
          const assignment = yield* store.workers.assignment(tenant, command.id)
          // Its continuations: the same post carried by the grid's later recorded changes.
          const continuations: Array<Assignment> = []
          if (Option.isSome(assignment)) {
            const { gridCode, workerId } = assignment.value
            const later = (yield* chain(tenant, gridCode, command.at)).segments.slice(1)
            const held = yield* store.workers.assignmentsOfWorker(tenant, workerId)
            for (const s of later) {
              const carried = held.find((a) => a.gridCode === s.grid.code && a.validFrom === s.from)
              if (carried === undefined) break
              continuations.push(carried)
            }
            yield* reach(actor, "EndAssignment", command.id, continuations.map((a) => a.gridCode))
          }
          return yield* WorkerRules.endAssignment({ assignment, continuations }, command)
        }
    }
  }

  /** The decision as an Effect: the store's reads, the refusal or the facts to write. */
  const decide = (actor: Actor.Actor, command: GridCommand): Effect.Effect<Changes, RuleViolation | Forbidden | StoreError> =>
    Effect.gen(function*() {
      return yield* steps(actor, command)
    })

  return { decide, steps }
}

