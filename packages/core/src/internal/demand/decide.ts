/**
 * One demand command's decision inside its transaction: load what the rule needs (the
 * demand and its events; from the grid store, the grid on the day, the workers serving
 * it, the visited place), check the scope of every record it touches, call the pure
 * rule, return the facts to write.
 *
 * @internal
 */
import { Effect, Either } from "effect"
import * as Actor from "../../access/Actor.js"
import type { Tenant } from "../../access/Tenant.js"
import { type DemandId, replay } from "../../demand/Demand.js"
import * as DemandChanges from "../../demand/DemandChanges.js"
import type { DemandCommand } from "../../demand/DemandCommand.js"
import type { DemandConfigShape } from "../../demand/DemandConfig.js"
import * as Rules from "../../demand/DemandRules.js"
import type { DemandStoreShape } from "../../demand/DemandStore.js"
import * as Escalation from "../../demand/Escalation.js"
import * as Visit from "../../demand/Visit.js"
import { type GridCode, validAt } from "../../grid/Grid.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import type * as LevelScheme from "../../grid/LevelScheme.js"
import type { PlaceId } from "../../grid/Place.js"
import type { Assignment, WorkerId } from "../../grid/Worker.js"
import { groupBy } from "../groupBy.js"
import { dueOf } from "./escalation.js"
import * as IsoDate from "../../time/IsoDate.js"
import * as LocalMinute from "../../time/LocalMinute.js"

/** @internal */
export const make = (
  store: DemandStoreShape,
  grids: Pick<GridStoreShape, "grids" | "workers" | "places">,
  config: DemandConfigShape,
  scheme: LevelScheme.LevelScheme,
  /** The minute the rules take as now (the batch path reads the clock once per batch). */
  now: Effect.Effect<LocalMinute.LocalMinute> = LocalMinute.now
) => {
  const categories = new Map(config.categories.map((c) => [c.key, c]))
  const dayOfEpoch = (at: number) => LocalMinute.dayOf(LocalMinute.fromEpochMinutes(at))
  const valid = (assignment: Assignment, day: IsoDate.IsoDate) => IsoDate.within(day, assignment.validFrom, assignment.validTo)

  /** Whether a grid exists on a day. */
  const gridValid = function*(tenant: Tenant, code: string, day: IsoDate.IsoDate) {
    return (yield* grids.grids.versionsOf(tenant, [code])).some((g) => validAt(g, day))
  }

  /** The grids a worker serves on a day that lie in the actor's scope (an assignment elsewhere counts as none). */
  const servedBy = function*(actor: Actor.Actor, workerId: WorkerId, day: IsoDate.IsoDate) {
    return (yield* grids.workers.assignmentsOfWorkers(actor.tenant, [workerId]))
      .filter((a) => valid(a, day) && Actor.covers(actor, a.gridCode))
      .map((a) => a.gridCode as string)
  }

  /** The assignments to the grids given. */
  const assignmentsOf = function*(tenant: Tenant, codes: ReadonlyArray<string>) {
    return codes.length === 0 ? [] : yield* grids.workers.assignmentsOfGrids(tenant, codes)
  }

  /** The responsible worker of a grid on a day, of the assignments given. */
  const responsibleOn = (assignments: ReadonlyArray<Assignment>, code: string, day: IsoDate.IsoDate): WorkerId | null =>
    assignments.find((a) => a.gridCode === code && a.responsible && valid(a, day))?.workerId ?? null

  /**
   * 定格定人 routing: the nearest grid of the demand's chain — its own, then up to the top
   * level — that lies in the actor's scope and has a responsible worker on the day; null
   * when none has (the demand stays received until assigned or escalated).
   */
  const route = function*(actor: Actor.Actor, gridCode: string, day: IsoDate.IsoDate) {
    const line = [gridCode, ...Escalation.chain(scheme, gridCode, config.topLevel)].filter((g) => Actor.covers(actor, g))
    const assignments = yield* assignmentsOf(actor.tenant, line)
    const nearest = line.find((g) => responsibleOn(assignments, g, day) !== null)
    return nearest === undefined ? null : { gridCode: nearest, workerId: responsibleOn(assignments, nearest, day)! }
  }

  /** Demands with their standing; `visible` keeps those in the actor's scope. */
  const demandsWithStatus = function*(tenant: Tenant, ids: ReadonlyArray<DemandId>) {
    const demands = ids.length === 0 ? [] : yield* store.demands.demandsOf(tenant, ids)
    const events = groupBy(demands.length === 0 ? [] : yield* store.demands.eventsOf(tenant, demands.map((d) => d.id)), (e) => e.demandId)
    return new Map(demands.map((d) => [d.id as string, { demand: d, status: replay(d, events.get(d.id) ?? []) }]))
  }

  /** One demand collected or taken in: its context read and the intake rule called. */
  const intakeOne = function*(
    actor: Actor.Actor,
    fields: Parameters<typeof Rules.intake>[2],
    recorder: Rules.Recorder,
    taken: ReadonlySet<string>,
    field = ""
  ) {
    const day = LocalMinute.dayOf(fields.requestedAt)
    const context: Rules.IntakeContext = {
      exists: taken.has(fields.id) || (yield* store.demands.demandsOf(actor.tenant, [fields.id])).length > 0,
      gridValid: yield* gridValid(actor.tenant, fields.gridCode, day),
      category: categories.get(fields.category),
      route: yield* route(actor, fields.gridCode, day)
    }
    return yield* Rules.intake(actor.tenant, context, fields, recorder, field)
  }

  /** The place a visit names, as the rule sees it: undefined when not registered or lying outside the scope. */
  const placeOf = function*(actor: Actor.Actor, id: PlaceId | null, day: IsoDate.IsoDate) {
    if (id === null) return undefined
    const [place] = yield* grids.places.getMany(actor.tenant, [id])
    if (place === undefined) return undefined
    const link = (yield* grids.places.linksOf(actor.tenant, [id])).find((l) => IsoDate.within(day, l.validFrom, l.validTo))
    if (link !== undefined && !Actor.covers(actor, link.gridCode)) return undefined
    return { kind: place.kind as string, gridCode: link === undefined ? null : link.gridCode as string }
  }

  /** The escalation sweep over the actor's scope. */
  const sweep = function*(actor: Actor.Actor, asOf: LocalMinute.LocalMinute, recorder: Rules.Recorder) {
    if (asOf > recorder.now) return yield* Either.left(Rules.notFutureViolation(asOf, recorder.now, "asOf"))
    const tenant = actor.tenant
    // Overdue strictly after the deadline.
    const overdue = (yield* store.demands.demandsIn(tenant, actor.scope)).filter((d) => d.deadlineAt < asOf)
    const events = groupBy(overdue.length === 0 ? [] : yield* store.demands.eventsOf(tenant, overdue.map((d) => d.id)), (e) => e.demandId)
    // A demand with an event after asOf is past this sweep's minute: a later sweep sees it.
    const rows = overdue.map((demand) => ({ demand, status: replay(demand, events.get(demand.id) ?? []) })).filter((r) => r.status.updatedAt <= asOf)
    const dues = yield* dueOf(grids, scheme, config, actor, rows, asOf)
    const due = rows.map((r, i) => ({ ...r, escalations: dues[i]! })).filter((d) => d.escalations.length > 0)
    const assignments = yield* assignmentsOf(tenant, Array.from(new Set(due.flatMap((d) => d.escalations.map((e) => e.gridCode)))))
    return DemandChanges.make({
      events: due.flatMap((d) =>
        Rules.escalate(d.demand, d.status, d.escalations.map((e) => ({ ...e, workerId: responsibleOn(assignments, e.gridCode, dayOfEpoch(e.at)) })), recorder)
      )
    })
  }

  /**
   * The decision as a generator of store reads, refusals and rule results: run by the
   * Effect runtime for one command (`Commands.makePlain`) or driven by the batch path.
   */
  const steps = function*(actor: Actor.Actor, command: DemandCommand) {
    const tenant = actor.tenant
    const recorder: Rules.Recorder = { by: actor.id, now: yield* now }
    switch (command._tag) {
      case "RecordVisit": {
        const day = LocalMinute.dayOf(command.at)
        const visit = yield* Rules.visit(tenant, {
          exists: (yield* store.visits.visitsOf(tenant, [command.id])).length > 0,
          gridValid: yield* gridValid(tenant, command.gridCode, day),
          served: yield* servedBy(actor, command.workerId, day),
          place: yield* placeOf(actor, command.placeId, day)
        }, command, Visit.placeKinds[command.target], recorder)
        const taken = new Set<string>()
        const parts: Array<DemandChanges.DemandChanges> = []
        for (const [i, d] of command.demands.entries()) {
          parts.push(yield* intakeOne(actor, {
            ...d,
            gridCode: (d.gridCode ?? command.gridCode) as GridCode,
            source: "visit",
            visitId: command.id,
            requestedAt: command.at
          }, recorder, taken, `demands.${i}.`))
          taken.add(d.id)
        }
        return DemandChanges.make({
          visits: [visit],
          demands: parts.flatMap((p) => p.demands),
          events: parts.flatMap((p) => p.events)
        })
      }
      case "IntakeDemand":
        return yield* intakeOne(actor, { ...command, visitId: null }, recorder, new Set())
      case "EscalateOverdue":
        return yield* sweep(actor, command.asOf, recorder)
      default: {
        // A demand outside the actor's scope counts as none: the same refusal as an unknown id.
        const stored = (yield* demandsWithStatus(tenant, [command.demandId])).get(command.demandId)
        const found = stored !== undefined && Actor.covers(actor, stored.demand.gridCode) ? stored : undefined
        const context: Rules.DemandContext = { demand: found?.demand, status: found?.status }
        const day = LocalMinute.dayOf(command.at)
        switch (command._tag) {
          case "AssignDemand": {
            if (found === undefined) return yield* Rules.transition(context, command.demandId, "assign", command.at, {}, recorder)
            const to = yield* Rules.assignee(found.demand, command.workerId, yield* servedBy(actor, command.workerId, day))
            return yield* Rules.transition(context, command.demandId, "assign", command.at, { assignee: to }, recorder)
          }
          case "StartDemand":
            return yield* Rules.transition(context, command.demandId, "start", command.at, {}, recorder)
          case "ResolveDemand":
            return yield* Rules.transition(context, command.demandId, "resolve", command.at, { note: command.note }, recorder)
          case "ReopenDemand":
            return yield* Rules.transition(context, command.demandId, "reopen", command.at, { note: command.reason }, recorder)
          case "CloseDemand":
            return yield* Rules.transition(context, command.demandId, "close", command.at, {
              note: command.note,
              satisfaction: command.satisfaction
            }, recorder)
          case "RejectDemand":
            return yield* Rules.transition(context, command.demandId, "reject", command.at, { note: command.reason }, recorder)
          case "MarkDuplicate": {
            const checked = yield* Rules.transition(context, command.demandId, "duplicate", command.at, { duplicateOf: command.of }, recorder)
            // The other demand counts only where it lies in the actor's scope.
            const other = command.of === command.demandId ? undefined : (yield* demandsWithStatus(tenant, [command.of])).get(command.of)
            const visible = other !== undefined && Actor.covers(actor, other.demand.gridCode) ? other.status : undefined
            yield* Rules.duplicateOf(command.demandId, command.of, visible)
            return checked
          }
        }
      }
    }
  }

  return { steps }
}
