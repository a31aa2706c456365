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
import * as Changes from "./Changes.js"
import { type Grid, validAt } from "./Grid.js"
import type { AssignWorker, EndAssignment, RegisterWorker } from "./GridCommand.js"
import type { Chain, Result } from "./GridRules.js"
import * as LevelScheme from "./LevelScheme.js"
import { type Assignment, makeAssignmentId, type TermChange, type Worker, type WorkerTerm } from "./Worker.js"
import type { WorkerCategory } from "./WorkerCategory.js"

const violation = (rule: string, field: string, message: string): Either.Either<never, RuleViolation> =>
  Either.left(new RuleViolation({ rule, field, message }))

const keyOf = (t: WorkerTerm) => ({ workerId: t.workerId, validFrom: t.validFrom })

/** How a carried term came to be: the change of the version that carried its community. */
const termChangeOf = (change: Grid["change"]): TermChange =>
  change === "move" || change === "split" || change === "merge" ? change : "register"

/**
 * Registers a worker (or updates them) from a day on. Identity and contact data are
 * replaced; the term valid from `at` — category, community, employment — is what the
 * command says:
 *
 * - unchanged: nothing but identity and contact data is written;
 * - a new category or employment in the same community: it applies from `at` until the
 *   worker's next registration, across the recodes of their community in between (a
 *   future-dated move of the community does not freeze its workers);
 * - a new community (or a first registration): a community grid in service on `at`; the
 *   term is carried through the community's later recorded moves and merges (a later
 *   split refuses: register from the split into a part); every assignment the worker
 *   holds on or after `at` must lie inside it on its days; no registration of the worker
 *   may be recorded after `at`.
 *
 * @since 0.1.0
 * @category rules
 */
export const register = (
  scheme: LevelScheme.LevelScheme,
  categories: ReadonlyArray<WorkerCategory>,
  tenant: Tenant,
  context: {
    /** The community's coverage from `at`, through later recorded changes. */
    readonly community: Chain
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
  const home = context.community.segments[0]?.grid
  if (home === undefined || home.level !== community) {
    return violation("worker.community", "communityCode", `${command.communityCode} is not a community grid in service on ${at}`)
  }
  if (context.community.splitOn !== null) {
    return violation(
      "worker.backdated",
      "at",
      `${command.communityCode} is split on ${context.community.splitOn}; register the worker from then into one of its parts`
    )
  }
  const registered = later.find((t) => t.change === "register")
  if (registered !== undefined) {
    return violation("worker.backdated", "at", `${command.id} has a registration recorded from ${registered.validFrom}`)
  }
  // The new terms: the community from the day, carried by its later recorded changes.
  const terms: Array<WorkerTerm> = context.community.segments.map((s, i) => ({
    tenant,
    workerId: command.id,
    ...attributes,
    communityCode: s.grid.code,
    validFrom: i === 0 ? at : s.from,
    validTo: s.to,
    change: i === 0 ? "register" : termChangeOf(s.grid.change)
  }))
  // Every assignment held on or after the day must lie in the community on its days:
  // moving a worker away from their grids is refused.
  const outside = context.assignments.find((a) =>
    (a.validTo === null || a.validTo > at) &&
    terms.some((t) =>
      (t.validTo === null || t.validTo > a.validFrom) && (a.validTo === null || t.validFrom < a.validTo) &&
      !a.gridCode.startsWith(t.communityCode)
    )
  )
  if (outside !== undefined) {
    return violation(
      "worker.one-community",
      "communityCode",
      `${command.id} holds an assignment outside ${command.communityCode} on or after ${at}; end it before moving the worker`
    )
  }
  return Either.right(
    Changes.make({
      workers: [worker],
      // The current term ends; later ones (recodes of the old community) go.
      endTerms: [...(current === undefined ? [] : [current]), ...later].map(keyOf),
      newTerms: terms,
      at
    })
  )
}

/**
 * Assigns a worker to a grid valid on the day, inside the community of the worker's
 * terms for as long as the assignment lasts; a grid has at most one responsible worker
 * at a time, and a worker holds at most one assignment to a grid at a time. Later
 * recorded changes of the grid (a move, a merge) carry the assignment under the codes
 * that replaced it, with the same checks on each.
 *
 * @since 0.1.0
 * @category rules
 */
export const assign = (
  tenant: Tenant,
  context: {
    /** Every term of the worker, oldest first. */
    readonly terms: ReadonlyArray<WorkerTerm>
    /** The grid's coverage from the day, through later recorded changes. */
    readonly chain: Chain
    /** Every assignment ever made to each code of the chain, by code. */
    readonly assignments: ReadonlyMap<string, ReadonlyArray<Assignment>>
  },
  command: AssignWorker
): Result => {
  if (!context.terms.some((t) => validAt(t, command.at))) {
    return violation("worker.exists", "workerId", `${command.workerId} is not registered in a community on ${command.at}`)
  }
  const first = context.chain.segments[0]
  if (first === undefined) {
    return violation("grid.exists", "gridCode", `no grid ${command.gridCode} is valid on ${command.at}`)
  }
  if (context.chain.splitOn !== null) {
    return violation("grid.backdated", "at", `${first.grid.code} is split on ${context.chain.splitOn}; assign from then, to one of the parts`)
  }
  const newAssignments: Array<Assignment> = []
  for (const [i, segment] of context.chain.segments.entries()) {
    const code = segment.grid.code
    const from = i === 0 ? command.at : segment.from
    // Every term of the worker while the assignment lasts here holds the grid. Where a
    // later recorded change takes the grid out of the worker's community (a sector moved
    // to another), the assignment ends there, as the change itself ended those it found.
    const outside = context.terms.find((t) =>
      (t.validTo === null || t.validTo > from) && (segment.to === null || t.validFrom < segment.to) &&
      !code.startsWith(t.communityCode)
    )
    // A merge ends the assignments to the grids it merges (the merged grid is new), as the
    // merge itself ended those it found; so does a grid leaving the worker's community.
    const merged = i > 0 && segment.grid.change === "merge" &&
      segment.grid.parentCode === context.chain.segments[i - 1]!.grid.parentCode
    if (merged || (outside !== undefined && i > 0 && outside.validFrom <= from)) {
      const previous = newAssignments[newAssignments.length - 1]
      if (previous !== undefined) newAssignments[newAssignments.length - 1] = { ...previous, validTo: from }
      break
    }
    if (outside !== undefined) {
      return violation(
        "worker.one-community",
        "gridCode",
        outside.validFrom <= from
          ? `${code} lies outside ${command.workerId}'s community`
          : `${code} lies outside ${command.workerId}'s community from ${outside.validFrom}`
      )
    }
    const live = (context.assignments.get(code) ?? []).filter((a) => a.validTo === null || a.validTo > from)
    if (live.some((a) => a.validFrom > from)) {
      return violation("assignment.backdated", "at", `assignments to ${code} start after ${from}`)
    }
    if (live.some((a) => a.workerId === command.workerId)) {
      return violation("assignment.duplicate", "workerId", `${command.workerId} is already assigned to ${code}`)
    }
    if (command.responsible && live.some((a) => a.responsible)) {
      return violation("assignment.one-responsible", "responsible", `${code} already has a responsible worker`)
    }
    newAssignments.push({
      tenant,
      id: makeAssignmentId(command.workerId, code, from),
      workerId: command.workerId,
      gridCode: code,
      post: command.post,
      responsible: command.responsible,
      duties: command.duties,
      validFrom: from,
      validTo: segment.to
    })
  }
  return Either.right(Changes.make({ newAssignments }))
}

/**
 * Ends an assignment that is valid on the day, and its continuations under the codes
 * later recorded changes carried it to (those begin later, so they are removed); ended on
 * the day it began, it is removed too (a same-day correction).
 *
 * @since 0.1.0
 * @category rules
 */
export const endAssignment = (
  context: {
    readonly assignment: Option.Option<Assignment>
    /** The assignment carried by the grid's later recorded changes: ended (removed) with it. */
    readonly continuations: ReadonlyArray<Assignment>
  },
  command: EndAssignment
): Result => {
  const assignment = Option.getOrUndefined(context.assignment)
  if (assignment === undefined || !validAt(assignment, command.at)) {
    return violation("assignment.exists", "id", `no assignment ${command.id} is valid on ${command.at}`)
  }
  return Either.right(
    Changes.make({ endAssignments: [assignment.id, ...context.continuations.map((a) => a.id)], at: command.at })
  )
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
