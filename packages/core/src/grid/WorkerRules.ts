/**
 * The worker rules: registration into a community for a term, assignments that name
 * grid, post and duties inside the worker's community, one responsible worker per grid
 * at a time.
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
import { type Assignment, makeAssignmentId, type Worker, type WorkerTerm } from "./Worker.js"
import type { WorkerCategory } from "./WorkerCategory.js"

const violation = (rule: string, field: string, message: string): Either.Either<never, RuleViolation> =>
  Either.left(new RuleViolation({ rule, field, message }))

const keyOf = (t: WorkerTerm) => ({ workerId: t.workerId, validFrom: t.validFrom })

/**
 * Registers a worker (or updates them) from a day on. Identity and contact data are
 * replaced; the term valid from `at` — category, community, employment — is what the
 * command says:
 *
 * - unchanged: nothing but identity and contact data is written;
 * - a new category or employment in the same community: it applies from `at` until the
 *   worker's next registration, across the recodes of their community in between (a
 *   future-dated move of the community does not freeze its workers);
 * - a new community (or a first registration): a community grid in service on `at`, not
 *   replaced by a later recorded change (register from the day of that change into what
 *   replaced it); every assignment the worker holds on or after `at` must lie inside it;
 *   no registration of the worker may be recorded after `at`.
 *
 * @since 0.1.0
 * @category rules
 */
export const register = (
  scheme: LevelScheme.LevelScheme,
  categories: ReadonlyArray<WorkerCategory>,
  tenant: Tenant,
  context: {
    /** Every version of the command's community code. */
    readonly community: ReadonlyArray<Grid>
    /** When a later change replaced the community's coverage from `at` (see `GridRules.coverageLast`). */
    readonly communityReplacedOn: IsoDate | null
    /** Every term of the worker, oldest first. */
    readonly terms: ReadonlyArray<WorkerTerm>
    /** Every assignment of the worker. */
    readonly assignments: ReadonlyArray<Assignment>
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
  const at = command.at
  const worker: Worker = {
    tenant,
    id: command.id,
    name: command.name,
    phone: command.phone,
    citizenId: command.citizenId
  }
  const current = context.terms.find((t) => validAt(t, at))
  const later = context.terms.filter((t) => t.validFrom > at)
  const attributes = { category: command.category, employment: command.employment }
  if (current !== undefined && current.communityCode === command.communityCode) {
    if (current.category === command.category && current.employment === command.employment) {
      return Either.right(Changes.make({ workers: [worker] }))
    }
    // The new attributes hold until the worker's next registration; the terms between
    // (recodes of the community) keep their communities.
    const next = later.findIndex((t) => t.change === "register")
    const rewritten = next === -1 ? later : later.slice(0, next)
    return Either.right(
      Changes.make({
        workers: [worker],
        endTerms: [current, ...rewritten].map(keyOf),
        newTerms: [
          { ...current, ...attributes, validFrom: at, change: current.validFrom === at ? current.change : "register" },
          ...rewritten.map((t) => ({ ...t, ...attributes }))
        ],
        at
      })
    )
  }
  const community = LevelScheme.communityLevel(scheme)
  const home = context.community.find((g) => validAt(g, at))
  if (home === undefined || home.level !== community) {
    return violation("worker.community", "communityCode", `${command.communityCode} is not a community grid in service on ${at}`)
  }
  if (context.communityReplacedOn !== null) {
    return violation(
      "worker.backdated",
      "at",
      `${command.communityCode} is replaced by a later change on ${context.communityReplacedOn}; register the worker from then into what replaced it`
    )
  }
  const registered = later.find((t) => t.change === "register")
  if (registered !== undefined) {
    return violation("worker.backdated", "at", `${command.id} has a registration recorded from ${registered.validFrom}`)
  }
  // Every assignment held on or after the day must lie in the community: moving a
  // worker away from their grids is refused.
  const outside = context.assignments.find((a) =>
    (a.validTo === null || a.validTo > at) && !a.gridCode.startsWith(command.communityCode)
  )
  if (outside !== undefined) {
    return violation(
      "worker.one-community",
      "communityCode",
      `${command.id} holds ${outside.id} outside ${command.communityCode}; end it before moving the worker`
    )
  }
  const term: WorkerTerm = {
    tenant,
    workerId: command.id,
    ...attributes,
    communityCode: command.communityCode,
    validFrom: at,
    validTo: Option.getOrElse(coveredUntil(context.community, at), () => null),
    change: "register"
  }
  return Either.right(
    Changes.make({
      workers: [worker],
      // The current term ends; later ones (recodes of the old community) go.
      endTerms: [...(current === undefined ? [] : [current]), ...later].map(keyOf),
      newTerms: [term],
      at
    })
  )
}

/**
 * Assigns a worker to a grid valid on the day, inside the community of the worker's
 * term then (and of every later term while the grid lasts); a grid has at most one
 * responsible worker at a time, and a worker holds at most one assignment to a grid at
 * a time.
 *
 * @since 0.1.0
 * @category rules
 */
export const assign = (
  tenant: Tenant,
  context: {
    /** Every term of the worker, oldest first. */
    readonly terms: ReadonlyArray<WorkerTerm>
    readonly gridVersions: ReadonlyArray<Grid>
    /** Assignments to the grid valid on the day or later. */
    readonly gridAssignments: ReadonlyArray<Assignment>
    /** When a later change replaced the grid's coverage from the day (see `GridRules.coverageLast`). */
    readonly gridReplacedOn: IsoDate | null
  },
  command: AssignWorker
): Result => {
  const term = context.terms.find((t) => validAt(t, command.at))
  if (term === undefined) {
    return violation("worker.exists", "workerId", `${command.workerId} is not registered in a community on ${command.at}`)
  }
  const grid = context.gridVersions.find((v) => validAt(v, command.at))
  if (grid === undefined) {
    return violation("grid.exists", "gridCode", `no grid ${command.gridCode} is valid on ${command.at}`)
  }
  if (context.gridReplacedOn !== null) {
    return violation("grid.backdated", "at", `${grid.code} is replaced by a later change on ${context.gridReplacedOn}`)
  }
  const end = Option.getOrElse(coveredUntil(context.gridVersions, command.at), () => null)
  const outside = [term, ...context.terms.filter((t) => t.validFrom > command.at && (end === null || t.validFrom < end))]
    .find((t) => !grid.code.startsWith(t.communityCode))
  if (outside !== undefined) {
    return violation(
      "worker.one-community",
      "gridCode",
      outside === term
        ? `${grid.code} lies outside ${command.workerId}'s community`
        : `${grid.code} lies outside ${command.workerId}'s community from ${outside.validFrom}`
    )
  }
  const live = context.gridAssignments.filter((a) => a.validTo === null || a.validTo > command.at)
  if (live.some((a) => a.validFrom > command.at)) {
    return violation("assignment.backdated", "at", `assignments to ${grid.code} start after ${command.at}`)
  }
  if (live.some((a) => a.workerId === command.workerId)) {
    return violation("assignment.duplicate", "workerId", `${command.workerId} is already assigned to ${grid.code}`)
  }
  if (command.responsible && live.some((a) => a.responsible)) {
    return violation("assignment.one-responsible", "responsible", `${grid.code} already has a responsible worker`)
  }
  const assignment: Assignment = {
    tenant,
    id: makeAssignmentId(command.workerId, grid.code, command.at),
    workerId: command.workerId,
    gridCode: grid.code,
    post: command.post,
    responsible: command.responsible,
    duties: command.duties,
    validFrom: command.at,
    validTo: end
  }
  return Either.right(Changes.make({ newAssignments: [assignment] }))
}

/**
 * Ends an assignment that is valid on the day; ended on the day it began, it is removed
 * (a same-day correction).
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
