/**
 * The demand rules: pure functions from what a command needs to know (read by the
 * service inside its transaction) to the facts it writes, or the `RuleViolation` naming
 * the rule. A refusal writes nothing.
 *
 * - `demand.id-new`: a demand's (a visit's) id is new in the tenant;
 * - `demand.grid`: its grid exists on the day it arises (is visited);
 * - `demand.category`: its category is one the configuration has;
 * - `demand.not-future`: no event (no sweep) after the present minute;
 * - `demand.chronology`: no event before the demand's last one;
 * - `demand.exists`: the demand named exists in the actor's scope;
 * - `demand.transition`, `demand.return-visit`: `DemandState.next`;
 * - `demand.assignee`: a demand goes to a worker serving its grid, a grid above or a
 *   grid below it on the day;
 * - `demand.duplicate-of`: a duplicate names another demand of the tenant in the scope,
 *   itself neither rejected nor a duplicate;
 * - `demand.visit-worker`: a visit's worker serves its grid, above or below it, that day;
 * - `demand.visit-place`: a visit's place is registered, of the target's kind, and lies
 *   in the visit's grid (or below it) that day;
 * - `demand.escalation`: the sweep's escalations (`escalationsDue`): strictly after the
 *   deadline, up from the grid answering, once per level, valid grids only.
 *
 * @since 0.5.0
 */
import { Either } from "effect"
import type { Tenant } from "../access/Tenant.js"
import * as RuleViolation from "../errors/RuleViolation.js"
import type { GridCode } from "../grid/Grid.js"
import type { PlaceId } from "../grid/Place.js"
import type { WorkerId } from "../grid/Worker.js"
import * as LocalMinute from "../time/LocalMinute.js"
import { type Demand, type DemandEvent, type DemandId, type EventKind, type Source, type Status } from "./Demand.js"
import type { DemandChanges } from "./DemandChanges.js"
import * as DemandChangesModule from "./DemandChanges.js"
import type { Collected } from "./DemandCommand.js"
import type { Category } from "./DemandConfig.js"
import * as DemandState from "./DemandState.js"
import * as Escalation from "./Escalation.js"
import type { Target, Visit, VisitId } from "./Visit.js"

/**
 * Who records an event and when the rules take it to be now.
 *
 * @since 0.5.0
 * @category models
 */
export interface Recorder {
  readonly by: string
  readonly now: LocalMinute.LocalMinute
}

/**
 * The actor id of the intake's own assignment to the responsible worker.
 *
 * @since 0.5.0
 * @category constants
 */
export const routing = "routing"

/**
 * `demand.not-future`: the refusal of a minute after the present one.
 *
 * @since 0.5.0
 * @category rules
 */
export const notFutureViolation = (at: LocalMinute.LocalMinute, now: LocalMinute.LocalMinute, field: string): RuleViolation.RuleViolation =>
  RuleViolation.make("demand.not-future", field, `${at} is after the present minute ${now}`)

/** A minute after `now`: refused. */
const notFuture = (at: LocalMinute.LocalMinute, now: LocalMinute.LocalMinute, field: string): Either.Either<void, RuleViolation.RuleViolation> =>
  at > now ? Either.left(notFutureViolation(at, now, field)) : Either.void

/** A blank event of a demand. */
const event = (tenant: Tenant, demandId: DemandId, seq: number, kind: EventKind, at: LocalMinute.LocalMinute, by: string): DemandEvent => ({
  tenant,
  demandId,
  seq,
  kind,
  at,
  by,
  gridCode: null,
  assignee: null,
  note: null,
  satisfaction: null,
  duplicateOf: null
})

/**
 * What an intake needs to know of one demand: whether its id exists, whether its grid
 * exists on the day, its category, and the responsible worker routing finds.
 *
 * @since 0.5.0
 * @category models
 */
export interface IntakeContext {
  readonly exists: boolean
  readonly gridValid: boolean
  readonly category: Category | undefined
  /** The nearest staffed grid of the demand's chain in scope, and its responsible worker; null when none. */
  readonly route: { readonly gridCode: string; readonly workerId: WorkerId } | null
}

/**
 * A demand taken in: its record, its `receive` event and, when routing found a
 * worker, its assignment to them (`by: routing`). Refused by `demand.id-new`,
 * `demand.grid`, `demand.category`, `demand.not-future`.
 *
 * @since 0.5.0
 * @category rules
 */
export const intake = (
  tenant: Tenant,
  context: IntakeContext,
  fields: Collected & { readonly gridCode: GridCode; readonly source: Source; readonly visitId: VisitId | null; readonly requestedAt: LocalMinute.LocalMinute },
  recorder: Recorder,
  field = ""
): Either.Either<DemandChanges, RuleViolation.RuleViolation> => {
  const f = (name: string) => `${field}${name}`
  if (context.exists) return RuleViolation.refuse("demand.id-new", f("id"), `demand ${fields.id} already exists`)
  if (!context.gridValid) return RuleViolation.refuse("demand.grid", f("gridCode"), `grid ${fields.gridCode} does not exist on ${LocalMinute.dayOf(fields.requestedAt)}`)
  if (context.category === undefined) return RuleViolation.refuse("demand.category", f("category"), `${fields.category} is not a demand category`)
  const future = notFuture(fields.requestedAt, recorder.now, field === "" ? "requestedAt" : "at")
  if (Either.isLeft(future)) return Either.left(future.left)
  const demand: Demand = {
    tenant,
    id: fields.id,
    gridCode: fields.gridCode,
    category: fields.category,
    source: fields.source,
    visitId: fields.visitId,
    description: fields.description,
    address: fields.address,
    // −0 is written as 0: every store gives back the same point.
    lat: fields.lat === null ? null : fields.lat + 0,
    long: fields.long === null ? null : fields.long + 0,
    requestedAt: fields.requestedAt,
    deadlineAt: LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(fields.requestedAt) + context.category.deadlineMinutes)
  }
  const received: DemandEvent = { ...event(tenant, demand.id, 1, "receive", demand.requestedAt, recorder.by), gridCode: demand.gridCode }
  const routed: ReadonlyArray<DemandEvent> = context.route === null ? [] : [{
    ...event(tenant, demand.id, 2, "assign", demand.requestedAt, routing),
    gridCode: context.route.gridCode as GridCode,
    assignee: context.route.workerId
  }]
  return Either.right(DemandChangesModule.make({ demands: [demand], events: [received, ...routed] }))
}

/**
 * What a transition needs to know: the demand (undefined when unknown or outside the
 * scope) and its standing.
 *
 * @since 0.5.0
 * @category models
 */
export interface DemandContext {
  readonly demand: Demand | undefined
  readonly status: Status | undefined
}

/**
 * What a transition records beyond its kind and minute.
 *
 * @since 0.5.0
 * @category models
 */
export interface TransitionFields {
  readonly note?: string | null
  readonly satisfaction?: DemandState.Satisfaction | null
  readonly assignee?: { readonly workerId: WorkerId; readonly gridCode: string } | null
  readonly duplicateOf?: DemandId | null
}

/**
 * One transition of a demand as its next event: refused by `demand.exists`,
 * `demand.not-future`, `demand.chronology`, and `DemandState.next` (`demand.transition`,
 * `demand.return-visit`).
 *
 * @since 0.5.0
 * @category rules
 */
export const transition = (
  context: DemandContext,
  id: DemandId,
  kind: DemandState.EventKind,
  at: LocalMinute.LocalMinute,
  fields: TransitionFields,
  recorder: Recorder
): Either.Either<DemandChanges, RuleViolation.RuleViolation> => {
  const { demand, status } = context
  if (demand === undefined || status === undefined) return RuleViolation.refuse("demand.exists", "demandId", `demand ${id} does not exist`)
  const future = notFuture(at, recorder.now, "at")
  if (Either.isLeft(future)) return Either.left(future.left)
  if (at < status.updatedAt) return RuleViolation.refuse("demand.chronology", "at", `${at} is before the demand's last event at ${status.updatedAt}`)
  return Either.map(DemandState.next(status.state, kind, kind === "close" ? (fields.satisfaction ?? null) : null), () =>
    DemandChangesModule.make({
      events: [{
        ...event(demand.tenant, demand.id, status.nextSeq, kind, at, recorder.by),
        gridCode: fields.assignee?.gridCode === undefined ? null : fields.assignee.gridCode as GridCode,
        assignee: fields.assignee?.workerId ?? null,
        note: fields.note ?? null,
        satisfaction: fields.satisfaction ?? null,
        duplicateOf: fields.duplicateOf ?? null
      }]
    }))
}

/**
 * `demand.assignee`: the worker serves (an assignment valid on the day, in the actor's
 * scope) the demand's grid, a grid above it or a grid below it; the grid they serve it
 * from, or the refusal.
 *
 * @since 0.5.0
 * @category rules
 */
export const assignee = (
  demand: Demand,
  workerId: WorkerId,
  served: ReadonlyArray<string>
): Either.Either<{ readonly workerId: WorkerId; readonly gridCode: string }, RuleViolation.RuleViolation> => {
  const on = served.filter((g) => demand.gridCode.startsWith(g) || g.startsWith(demand.gridCode)).sort((a, b) => b.length - a.length)
  return on.length === 0
    ? RuleViolation.refuse("demand.assignee", "workerId", `worker ${workerId} serves no grid of demand ${demand.id}'s line (its grid, above or below it) on the day`)
    : Either.right({ workerId, gridCode: on[0]! })
}

/**
 * `demand.duplicate-of`: the other demand exists in the scope, is not the same, and is
 * neither rejected nor itself a duplicate.
 *
 * @since 0.5.0
 * @category rules
 */
export const duplicateOf = (id: DemandId, of: DemandId, other: Status | undefined): Either.Either<void, RuleViolation.RuleViolation> => {
  if (of === id) return RuleViolation.refuse("demand.duplicate-of", "of", `demand ${id} cannot duplicate itself`)
  if (other === undefined) return RuleViolation.refuse("demand.duplicate-of", "of", `demand ${of} does not exist`)
  if (other.state === "rejected" || other.state === "duplicate") {
    return RuleViolation.refuse("demand.duplicate-of", "of", `demand ${of} is ${DemandState.stateLabels[other.state].en}: a duplicate names the demand that stands`)
  }
  return Either.void
}

/**
 * The escalations of a demand due by `asOf` and not yet recorded: `Escalation.escalations`
 * over `chain` — the grids above the one answering for it now (`Escalation.chain` of
 * `status.answering`, cut at `topLevel` and at the actor's scope) less those it already
 * went to — counting on from the escalations recorded, while the demand is open. A
 * level recorded is never due again, and every escalation goes to a strict ancestor of
 * the grid answering before it.
 *
 * @since 0.5.0
 * @category rules
 */
export const escalationsDue = (
  chain: ReadonlyArray<string>,
  demand: Pick<Demand, "deadlineAt">,
  status: Pick<Status, "state" | "escalatedTo">,
  every: number,
  asOf: LocalMinute.LocalMinute,
  valid?: (gridCode: string, at: number) => boolean
): ReadonlyArray<Escalation.Escalation> => {
  if (!DemandState.open.has(status.state)) return []
  const recorded = new Set(status.escalatedTo)
  return Escalation.escalations(
    chain.filter((g) => !recorded.has(g)),
    LocalMinute.toEpochMinutes(demand.deadlineAt),
    every,
    LocalMinute.toEpochMinutes(asOf),
    { start: status.escalatedTo.length, ...(valid === undefined ? {} : { valid }) }
  )
}

/**
 * The sweep's events for one demand: one `escalate` event per escalation due, each to
 * its grid and its responsible worker (null where the grid has none), recorded at the
 * minute it fell due — or at the demand's last event, when that came later — so that a
 * late sweep still records one level at a time, each an interval after the last.
 *
 * @since 0.5.0
 * @category rules
 */
export const escalate = (
  demand: Demand,
  status: Status,
  due: ReadonlyArray<{ readonly gridCode: string; readonly at: number; readonly workerId: WorkerId | null }>,
  recorder: Recorder
): ReadonlyArray<DemandEvent> => {
  const last = LocalMinute.toEpochMinutes(status.updatedAt)
  return due.map((d, i) => ({
    ...event(demand.tenant, demand.id, status.nextSeq + i, "escalate", LocalMinute.fromEpochMinutes(Math.max(d.at, last)), recorder.by),
    gridCode: d.gridCode as GridCode,
    assignee: d.workerId
  }))
}

/**
 * What a visit needs to know: whether its id exists, whether its grid exists on the
 * day, the grids its worker serves that day (in scope), and its place (kind and the grid
 * it lies in that day; undefined when not registered or outside the scope).
 *
 * @since 0.5.0
 * @category models
 */
export interface VisitContext {
  readonly exists: boolean
  readonly gridValid: boolean
  readonly served: ReadonlyArray<string>
  readonly place: { readonly kind: string; readonly gridCode: string | null } | undefined
}

/**
 * A visit: refused by `demand.id-new`, `demand.grid`, `demand.not-future`,
 * `demand.visit-worker`, `demand.visit-place`. Its demands are taken in by `intake`.
 *
 * @since 0.5.0
 * @category rules
 */
export const visit = (
  tenant: Tenant,
  context: VisitContext,
  command: {
    readonly id: VisitId
    readonly workerId: WorkerId
    readonly gridCode: GridCode
    readonly target: Target
    readonly placeId: PlaceId | null
    readonly at: LocalMinute.LocalMinute
    readonly updated: ReadonlyArray<string>
    readonly demands: ReadonlyArray<Collected>
  },
  kinds: ReadonlyArray<string>,
  recorder: Recorder
): Either.Either<Visit, RuleViolation.RuleViolation> => {
  if (context.exists) return RuleViolation.refuse("demand.id-new", "id", `visit ${command.id} already exists`)
  const day = LocalMinute.dayOf(command.at)
  if (!context.gridValid) return RuleViolation.refuse("demand.grid", "gridCode", `grid ${command.gridCode} does not exist on ${day}`)
  const future = notFuture(command.at, recorder.now, "at")
  if (Either.isLeft(future)) return Either.left(future.left)
  if (!context.served.some((g) => command.gridCode.startsWith(g) || g.startsWith(command.gridCode))) {
    return RuleViolation.refuse("demand.visit-worker", "workerId", `worker ${command.workerId} serves no grid of ${command.gridCode}'s line on ${day}`)
  }
  if (command.placeId !== null) {
    const place = context.place
    if (place === undefined) return RuleViolation.refuse("demand.visit-place", "placeId", `place ${command.placeId} is not registered`)
    if (!kinds.includes(place.kind)) return RuleViolation.refuse("demand.visit-place", "placeId", `place ${command.placeId} is a ${place.kind}, not a ${command.target}`)
    if (place.gridCode === null || !place.gridCode.startsWith(command.gridCode)) {
      return RuleViolation.refuse("demand.visit-place", "placeId", `place ${command.placeId} does not lie in grid ${command.gridCode} on ${day}`)
    }
  }
  return Either.right({
    tenant,
    id: command.id,
    workerId: command.workerId,
    gridCode: command.gridCode,
    target: command.target,
    placeId: command.placeId,
    at: command.at,
    updated: command.updated,
    demands: command.demands.map((d) => d.id)
  })
}
