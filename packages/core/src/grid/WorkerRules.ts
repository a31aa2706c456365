/**
 * The worker rules: registration in a community, assignments that name grid, post
 * and duties inside the worker's community, one primary worker per grid at a time.
 *
 * @since 0.1.0
 */
import { Either, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import { RuleViolation } from "../errors/RuleViolation.js"
import type { IsoDate } from "../time/IsoDate.js"
import * as Changes from "./Changes.js"
import { type Grid, validAt } from "./Grid.js"
import type { AssignWorker, EndAssignment, RegisterWorker } from "./GridCommand.js"
import { coveredUntil, type Result } from "./GridRules.js"
import * as LevelScheme from "./LevelScheme.js"
import type { WorkerCategory } from "./WorkerCategory.js"
import { type Assignment, makeAssignmentId, type Worker } from "./Worker.js"


const violation = (rule: string, field: string, message: string): Either.Either<never, RuleViolation> =>
  Either.left(new RuleViolation({ rule, field, message }))

/**
 * Registers a worker (or updates them): a known category and a community grid.
 *
 * @since 0.1.0
 * @category rules
 */
export const register = (
  scheme: LevelScheme.LevelScheme,
  categories: ReadonlyArray<WorkerCategory>,
  tenant: Tenant,
  context: {
    /** Every version of the community's code. */
    readonly community: ReadonlyArray<Grid>
    /** The worker as registered so far, if at all. */
    readonly existing: Option.Option<Worker>
    /** The worker's assignments not ended by today (current and future ones). */
    readonly assignments: ReadonlyArray<Assignment>
    readonly today: IsoDate
  },
  command: RegisterWorker
): Result => {
  if (!categories.some((c) => c.key === command.category)) {
    return violation(
      "worker.category",
      "category",
      `${command.category} is not one of the configured categories (${categories.map((c) => c.key).join(", ")})`
    )
  }
  const community = LevelScheme.communityLevel(scheme)
  if (!context.community.some((g) => g.level === community && (g.validTo === null || g.validTo > context.today))) {
    return violation("worker.community", "communityCode", `${command.communityCode} is not a community grid in service`)
  }
  // A worker's current assignments must lie in the community they are registered to:
  // moving a worker away from them is refused; following a community that was recoded
  // (its grids moved, split or merged) is how its workers catch up.
  const outside = context.assignments.find((a) => !a.gridCode.startsWith(command.communityCode))
  if (outside !== undefined) {
    return violation(
      "worker.one-community",
      "communityCode",
      `${command.id} holds ${outside.id} outside ${command.communityCode}; end it before moving the worker`
    )
  }
  const worker: Worker = {
    tenant,
    id: command.id,
    name: command.name,
    category: command.category,
    communityCode: command.communityCode,
    phone: command.phone,
    citizenId: command.citizenId
  }
  return Either.right(Changes.make({ workers: [worker] }))
}

/**
 * Assigns a worker to a grid valid on the day, inside the worker's community; a
 * grid has at most one primary worker at a time, and a worker holds at most one
 * assignment to a grid at a time.
 *
 * @since 0.1.0
 * @category rules
 */
export const assign = (
  tenant: Tenant,
  context: {
    readonly worker: Option.Option<Worker>
    readonly gridVersions: ReadonlyArray<Grid>
    /** Assignments to the grid valid on the day or later. */
    readonly gridAssignments: ReadonlyArray<Assignment>
    /** When a later change replaced the grid's coverage from the day (see `GridRules.coverageLast`). */
    readonly gridReplacedOn: IsoDate | null
  },
  command: AssignWorker
): Result => {
  if (Option.isNone(context.worker)) {
    return violation("worker.exists", "workerId", `no worker ${command.workerId} is registered`)
  }
  const worker = context.worker.value
  const grid = context.gridVersions.find((v) => validAt(v, command.at))
  if (grid === undefined) {
    return violation("grid.exists", "gridCode", `no grid ${command.gridCode} is valid on ${command.at}`)
  }
  if (context.gridReplacedOn !== null) {
    return violation("grid.backdated", "at", `${grid.code} is replaced by a later change on ${context.gridReplacedOn}`)
  }
  if (!grid.code.startsWith(worker.communityCode)) {
    return violation(
      "worker.one-community",
      "gridCode",
      `${grid.code} lies outside ${worker.id}'s community ${worker.communityCode}`
    )
  }
  const live = context.gridAssignments.filter((a) => a.validTo === null || a.validTo > command.at)
  if (live.some((a) => a.validFrom > command.at)) {
    return violation("assignment.backdated", "at", `assignments to ${grid.code} start after ${command.at}`)
  }
  if (live.some((a) => a.workerId === worker.id)) {
    return violation("assignment.duplicate", "workerId", `${worker.id} is already assigned to ${grid.code}`)
  }
  if (command.primary && live.some((a) => a.primary)) {
    return violation("assignment.one-primary", "primary", `${grid.code} already has a primary worker`)
  }
  const assignment: Assignment = {
    tenant,
    id: makeAssignmentId(worker.id, grid.code, command.at),
    workerId: worker.id,
    gridCode: grid.code,
    post: command.post,
    primary: command.primary,
    duties: command.duties,
    validFrom: command.at,
    validTo: Option.getOrElse(coveredUntil(context.gridVersions, command.at), () => null)
  }
  return Either.right(Changes.make({ newAssignments: [assignment] }))
}

/**
 * Ends an assignment that is valid on the day and started before it.
 *
 * @since 0.1.0
 * @category rules
 */
export const endAssignment = (
  context: { readonly assignment: Option.Option<Assignment> },
  command: EndAssignment
): Result => {
  const assignment = Option.getOrUndefined(context.assignment)
  if (assignment === undefined || !validAt(assignment, command.at)) {
    return violation("assignment.exists", "id", `no assignment ${command.id} is valid on ${command.at}`)
  }
  if (assignment.validFrom >= command.at) {
    return violation("assignment.backdated", "at", `${command.id} starts on ${assignment.validFrom}`)
  }
  return Either.right(Changes.make({ endAssignments: [assignment.id], at: command.at }))
}

/**
 * The grid code an assignment id names (`workerId:gridCode@validFrom`).
 *
 * @since 0.1.0
 * @category getters
 */
export const assignmentGrid = (id: string): Option.Option<string> => {
  const match = /:(\d+)@\d{4}-\d{2}-\d{2}$/.exec(id)
  return match === null ? Option.none() : Option.some(match[1]!)
}
