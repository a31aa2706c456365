/**
 * The grid rules: pure functions from the state a command needs and the command to
 * the facts it writes, or the rule it breaks. No I/O, no Effect runtime: the service
 * loads the context, calls a rule, and writes what it returns.
 *
 * Rule ids are stable and listed in docs/rules.md.
 *
 * @since 0.1.0
 */
import { Either, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import { refuse, type RuleViolation } from "../errors/RuleViolation.js"
import type { IsoDate } from "../time/IsoDate.js"
import * as Changes from "./Changes.js"
import { type Grid, type GridCode, makeId, validAt } from "./Grid.js"
import type {
  CloseGrid,
  CreateGrid,
  MergeGrids,
  MoveGrid,
  PlacePlace,
  RenameGrid,
  SplitGrid
} from "./GridCommand.js"
import * as LevelScheme from "./LevelScheme.js"
import type { GridConfigShape } from "./GridConfig.js"
import { type Place, type PlaceLink, placeKindLabels } from "./Place.js"
import { type Assignment, makeAssignmentId, type TermChange, type WorkerTerm } from "./Worker.js"

/**
 * What a rule returns: the facts to write, or the rule broken.
 *
 * @since 0.1.0
 * @category models
 */
export type Result = Either.Either<Changes.Changes, RuleViolation>

const violation = refuse

/**
 * Where a code's versions cover time without a gap from `at`: the end of that
 * coverage (null: open-ended), or none when no version is valid at `at`.
 *
 * @since 0.1.0
 * @category rules
 */
export const coveredUntil = (versions: ReadonlyArray<Grid>, at: IsoDate): Option.Option<IsoDate | null> =>
  Option.map(coverageLast(versions, at), (last) => last.validTo)

/**
 * The last version of a code's gapless coverage from `at` (following back-to-back
 * versions of the code), or none when no version is valid at `at`. Whether a later
 * recorded change replaced the coverage (a move, a merge, a split) is the grid's
 * `Chain`, which follows successors rather than codes.
 *
 * @since 0.1.0
 * @category rules
 */
export const coverageLast = (versions: ReadonlyArray<Grid>, at: IsoDate): Option.Option<Grid> => {
  const sorted = [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))
  let current: Grid | undefined = sorted.find((v) => validAt(v, at))
  if (current === undefined) return Option.none()
  for (;;) {
    const end: IsoDate | null = current.validTo
    if (end === null) return Option.some(current)
    const next: Grid | undefined = sorted.find((v) => v.validFrom === end)
    if (next === undefined) return Option.some(current)
    current = next
  }
}

/**
 * One stretch of a grid's coverage under one code: from a day until the code's coverage
 * ends (`to`, null when open-ended), `grid` the version valid on the first day.
 *
 * @since 0.2.0
 * @category models
 */
export interface Segment {
  readonly grid: Grid
  readonly from: IsoDate
  readonly to: IsoDate | null
}

/**
 * A grid's coverage from a day on, through the later changes recorded for it: each move,
 * merge (or recode by a structural change above it) continues it under the code that
 * replaced it. A record dated into the grid (a place's link, an assignment, a worker's
 * term) is carried the same way, so a later recorded change freezes nothing before it.
 * `splitOn` is the day the grid itself is split, where the record would have to go into
 * one of the parts and the chain stops.
 *
 * @since 0.2.0
 * @category models
 */
export interface Chain {
  /** In date order; empty when no version is valid on the first day. */
  readonly segments: ReadonlyArray<Segment>
  readonly splitOn: IsoDate | null
}

/** The refusal of a record dated into a grid that a later recorded change splits. */
const notSplit = (chain: Chain, field: string): Either.Either<void, RuleViolation> =>
  chain.splitOn === null
    ? Either.void
    : violation(
      "grid.backdated",
      field,
      `a later recorded change splits the grid on ${chain.splitOn}; date this from then, into one of the parts`
    )

/** Refuses a write dated before a later change that replaced the grid it goes into. */
const notReplaced = (replacedOn: IsoDate | null, code: string, field: string): Either.Either<void, RuleViolation> =>
  replacedOn === null
    ? Either.void
    : violation("grid.backdated", field, `${code} is replaced by a later change on ${replacedOn}`)

/**
 * Whether a new interval `[from, to)` would overlap any version of the same code.
 *
 * @since 0.1.0
 * @category rules
 */
export const occupied = (versions: ReadonlyArray<Grid>, from: IsoDate, to: IsoDate | null): boolean =>
  versions.some((v) => (to === null || v.validFrom < to) && (v.validTo === null || from < v.validTo))

/**
 * The format rules of a code at a level: length, the parent's prefix, a non-zero
 * segment, and the 统计用区划代码 ranges where the level is region-coded.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkCode = (
  scheme: LevelScheme.LevelScheme,
  code: string,
  level: number,
  parentCode: string | null,
  field: string
): Either.Either<void, RuleViolation> => {
  const spec = scheme.levels[level]
  if (spec === undefined) {
    return violation("grid.level", field, `level ${level} is below the lowest level ${LevelScheme.lowest(scheme)}`)
  }
  const length = LevelScheme.codeLength(scheme, level)
  if (code.length !== length) {
    return violation("grid.code-width", field, `a ${spec.key} code has ${length} digits, ${code} has ${code.length}`)
  }
  if (parentCode !== null && !code.startsWith(parentCode)) {
    return violation("grid.code-prefix", field, `${code} does not extend its parent's code ${parentCode}`)
  }
  const segment = code.slice(length - spec.segmentWidth)
  if (level > 0 && /^0+$/.test(segment)) {
    return violation("grid.code-segment", field, `the ${spec.key} segment of ${code} is all zeros`)
  }
  if (spec.regionCode === "township" && Number(segment) > 599) {
    return violation(
      "grid.township-code",
      field,
      `township segment ${segment} is outside 001–599 (街道 001–099, 镇 100–199, 乡 200–399, 类似乡级单位 400–599)`
    )
  }
  return Either.void
}

/**
 * Creates a grid: root or child of a valid parent, one level down, the code
 * extending the parent's, no other version of the code overlapping, and the whole
 * interval inside the parent's.
 *
 * @since 0.1.0
 * @category rules
 */
export const create = (
  scheme: LevelScheme.LevelScheme,
  tenant: Tenant,
  context: {
    readonly parentVersions: ReadonlyArray<Grid>
    readonly sameCode: ReadonlyArray<Grid>
    /** When a later change replaced the parent's coverage from `validFrom` (see `coverageLast`). */
    readonly parentReplacedOn: IsoDate | null
  },
  command: CreateGrid
): Result => {
  const validTo = command.validTo ?? null
  if (validTo !== null && validTo <= command.validFrom) {
    return violation("grid.validity", "validTo", `validTo ${validTo} is not after validFrom ${command.validFrom}`)
  }
  let level = 0
  let end: IsoDate | null = validTo
  if (command.parentCode === null) {
    if ((command.code as string) !== tenant) {
      return violation("grid.root", "code", `the root grid's code is the tenant ${tenant}, not ${command.code}`)
    }
  } else {
    const parent = context.parentVersions.find((v) => validAt(v, command.validFrom))
    if (parent === undefined) {
      return violation(
        "grid.parent-exists",
        "parentCode",
        `no grid ${command.parentCode} is valid on ${command.validFrom}`
      )
    }
    level = parent.level + 1
    const replaced = notReplaced(context.parentReplacedOn, parent.code, "validFrom")
    if (Either.isLeft(replaced)) return Either.left(replaced.left)
    const coverage = Option.getOrElse(coveredUntil(context.parentVersions, command.validFrom), () => null)
    if (coverage !== null) {
      if (validTo !== null && validTo > coverage) {
        return violation("grid.within-parent", "validTo", `the parent ${parent.code} ends on ${coverage}`)
      }
      end = validTo ?? coverage
    }
  }
  if (command.level !== undefined && command.level !== level) {
    return violation("grid.level", "level", `a child of its parent is at level ${level}, not ${command.level}`)
  }
  const code = checkCode(scheme, command.code, level, command.parentCode, "code")
  if (Either.isLeft(code)) return Either.left(code.left)
  if (occupied(context.sameCode, command.validFrom, end)) {
    return violation("grid.code-unique", "code", `another version of ${command.code} overlaps ${command.validFrom}`)
  }
  const grid: Grid = {
    tenant,
    id: makeId(command.code, command.validFrom),
    code: command.code,
    parentCode: command.parentCode,
    level,
    name: command.name,
    validFrom: command.validFrom,
    validTo: end,
    change: "create",
    predecessors: []
  }
  return Either.right(Changes.make({ newGrids: [grid] }))
}

/**
 * Renames a grid from a day on: the current version ends, a new one with the same
 * code starts.
 *
 * @since 0.1.0
 * @category rules
 */
export const rename = (
  context: {
    readonly versions: ReadonlyArray<Grid>
    /** When a later change replaced the version valid on the day (see `coverageLast`). */
    readonly replacedOn: IsoDate | null
  },
  command: RenameGrid
): Result => {
  const current = context.versions.find((v) => validAt(v, command.at))
  if (current === undefined) {
    return violation("grid.exists", "code", `no grid ${command.code} is valid on ${command.at}`)
  }
  if (context.versions.some((v) => v.validFrom > command.at)) {
    return violation("grid.backdated", "at", `${command.code} records a version starting after ${command.at}`)
  }
  const replaced = notReplaced(context.replacedOn, current.code, "at")
  if (Either.isLeft(replaced)) return Either.left(replaced.left)
  if (current.name === command.name) {
    return violation("grid.rename-unchanged", "name", `${command.code} is already named ${command.name}`)
  }
  const next: Grid = {
    ...current,
    id: makeId(current.code, command.at),
    name: command.name,
    validFrom: command.at,
    ...supersede([current], command.at, "rename")
  }
  return Either.right(Changes.make({ endGrids: [current.id], newGrids: [next], at: command.at }))
}

/**
 * The state a structural change (move, split, merge, close) needs about one source
 * subtree on the day of the change.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubtreeState {
  /** Versions valid on the day, root first, ordered by code. */
  readonly grids: ReadonlyArray<Grid>
  readonly links: ReadonlyArray<PlaceLink>
  readonly assignments: ReadonlyArray<Assignment>
  /** Worker terms valid on the day whose community lies in the subtree. */
  readonly terms: ReadonlyArray<WorkerTerm>
  /** Terms valid on the day of the workers assigned in the subtree (their communities may lie above it). */
  readonly assignedTerms: ReadonlyArray<WorkerTerm>
  /** The latest `validFrom` of any version, link, assignment or term ever recorded in the subtree. */
  readonly latestStart: Option.Option<IsoDate>
  /** Versions valid on the day whose end a later change recorded (they have successors). */
  readonly replacedLater: ReadonlyArray<Grid>
}

/**
 * A structural change is appended to a subtree's history, never inserted before what is
 * recorded there: nothing in the subtree may start after the day, and no version valid
 * on the day may already be replaced by a later change. Something that starts on the
 * day itself is superseded (a same-day correction). Planned ends (a `validTo` without
 * successors, such as a temporary grid's or one set by CloseGrid) are not changes: they
 * carry over.
 */
const notBackdated = (state: SubtreeState, at: IsoDate, code: string): Either.Either<void, RuleViolation> => {
  if (Option.isSome(state.latestStart) && state.latestStart.value > at) {
    return violation("grid.backdated", "at", `changes after ${at} are already recorded under ${code}`)
  }
  const replaced = state.replacedLater[0]
  if (replaced !== undefined) {
    return violation("grid.backdated", "at", `${replaced.code} is replaced by a later change on ${replaced.validTo}`)
  }
  return Either.void
}

/**
 * The lineage of a version that replaces `sources` on a day. A source that began on that
 * very day is superseded before it took effect and leaves the history: the new version
 * names that source's predecessors instead (each once). Replacing one such source alone,
 * it keeps the source's change — a grid created this morning and moved in the afternoon
 * was created where it now is, one merged and moved was merged there — except when the
 * source was only a rename and this change is structural (renamed, then moved: a move).
 */
const supersede = (
  sources: ReadonlyArray<Grid>,
  at: IsoDate,
  change: Grid["change"]
): Pick<Grid, "change" | "predecessors"> => {
  const only = sources.length === 1 ? sources[0] : undefined
  // The day's net change: what the superseded version was (created, moved, merged or split
  // there), unless it was only renamed and this change is structural.
  const inherits = only !== undefined && only.validFrom === at && (only.change !== "rename" || change === "rename")
  return {
    change: inherits ? only.change : change,
    predecessors: [...new Set(sources.flatMap((g) => (g.validFrom === at ? g.predecessors : [g.id])))]
  }
}

/** Replaces the `from` prefix of a code by `to`. */
const recode = (code: string, from: string, to: string): GridCode => (to + code.slice(from.length)) as GridCode

/**
 * The facts that carry a subtree's descendants, places, workers' terms and assignments
 * over to new codes on a day: every version valid then ends and a new one starts.
 * `mapCode` gives each old code its new one (or undefined to drop it); `mapTerm` gives a
 * term (of a community in the subtree) its new community (default: `mapCode` of its
 * community). An assignment is kept when its grid is carried and still lies in its
 * worker's community after the change (a sector moved to another community leaves its
 * workers behind); `keepAssignment` can drop more.
 */
const carryOver = (
  scheme: LevelScheme.LevelScheme,
  state: SubtreeState,
  at: IsoDate,
  change: TermChange & Grid["change"],
  mapCode: (code: string) => GridCode | undefined,
  options: {
    readonly keepAssignment?: (a: Assignment) => boolean
    readonly mapTerm?: (term: WorkerTerm) => GridCode | undefined
  } = {}
): Changes.Changes => {
  const newGrids: Array<Grid> = []
  for (const g of state.grids) {
    const code = mapCode(g.code)
    if (code === undefined) continue
    newGrids.push({
      ...g,
      id: makeId(code, at),
      code,
      // The code encodes the path, so the new parent is the new code less its last segment.
      parentCode: Option.getOrNull(LevelScheme.parentCode(scheme, code)) as GridCode | null,
      validFrom: at,
      ...supersede([g], at, change)
    })
  }
  const newLinks: Array<PlaceLink> = []
  for (const l of state.links) {
    const code = mapCode(l.gridCode)
    if (code !== undefined) newLinks.push({ ...l, gridCode: code, validFrom: at })
  }
  // Each assigned worker's community after the change ("" when their term ends).
  const community = new Map<string, string>(state.assignedTerms.map((t) => [t.workerId, t.communityCode]))
  const newTerms: Array<WorkerTerm> = []
  const mapTerm = options.mapTerm ?? ((t: WorkerTerm) => mapCode(t.communityCode))
  for (const t of state.terms) {
    const code = mapTerm(t)
    community.set(t.workerId, code ?? "")
    if (code !== undefined) {
      newTerms.push({ ...t, communityCode: code, validFrom: at, change: t.validFrom === at ? t.change : change })
    }
  }
  const keep = options.keepAssignment ?? (() => true)
  const newAssignments: Array<Assignment> = []
  for (const a of state.assignments) {
    const code = mapCode(a.gridCode)
    const home = community.get(a.workerId) ?? ""
    if (code !== undefined && home !== "" && code.startsWith(home) && keep(a)) {
      newAssignments.push({ ...a, id: makeAssignmentId(a.workerId, code, at), gridCode: code, validFrom: at })
    }
  }
  return Changes.make({
    endGrids: state.grids.map((g) => g.id),
    newGrids,
    endLinks: state.links.map((l) => ({ placeId: l.placeId, validFrom: l.validFrom })),
    newLinks,
    endAssignments: state.assignments.map((a) => a.id),
    newAssignments,
    endTerms: state.terms.map((t) => ({ workerId: t.workerId, validFrom: t.validFrom })),
    newTerms,
    at
  })
}

const rootOf = (state: SubtreeState, code: string, at: IsoDate, field: string): Either.Either<Grid, RuleViolation> => {
  const root = state.grids[0]
  if (root === undefined || root.code !== code) {
    return violation("grid.exists", field, `no grid ${code} is valid on ${at}`)
  }
  if (root.parentCode === null) return violation("grid.root-fixed", field, "the root grid cannot be moved, split, merged or closed")
  return Either.right(root)
}

/**
 * Moves a grid and its subtree under another parent one level up. Codes encode the
 * path, so the grid and its descendants get new codes; places and assignments follow.
 *
 * @since 0.1.0
 * @category rules
 */
export const move = (
  scheme: LevelScheme.LevelScheme,
  context: {
    readonly source: SubtreeState
    /** Every version of the new parent's code. */
    readonly newParent: ReadonlyArray<Grid>
    /** Every version of the grid's new code. */
    readonly target: ReadonlyArray<Grid>
  },
  command: MoveGrid
): Result =>
  Either.gen(function*() {
    const root = yield* rootOf(context.source, command.code, command.at, "code")
    const parent = context.newParent.find((v) => validAt(v, command.at))
    if (parent === undefined) {
      return yield* violation("grid.parent-exists", "newParentCode", `no grid ${command.newParentCode} is valid on ${command.at}`)
    }
    if (parent.code.startsWith(root.code)) {
      return yield* violation("grid.cycle", "newParentCode", `${parent.code} lies inside ${root.code}'s own subtree`)
    }
    if (parent.level !== root.level - 1) {
      return yield* violation("grid.level", "newParentCode", `a level-${root.level} grid needs a level-${root.level - 1} parent, ${parent.code} is level ${parent.level}`)
    }
    if (parent.code === root.parentCode) {
      return yield* violation("grid.move-same-parent", "newParentCode", `${root.code} is already under ${parent.code}`)
    }
    const width = scheme.levels[root.level]!.segmentWidth
    const segment = command.segment ?? root.code.slice(root.code.length - width)
    const newCode = parent.code + segment
    yield* checkCode(scheme, newCode, root.level, parent.code, "segment")
    yield* notBackdated(context.source, command.at, root.code)
    const coverage = Option.getOrElse(coveredUntil(context.newParent, command.at), () => null)
    if (coverage !== null && (root.validTo === null || root.validTo > coverage)) {
      return yield* violation(
        "grid.within-parent",
        "newParentCode",
        `${parent.code} ends on ${coverage}, ${root.code} would outlive it`
      )
    }
    if (occupied(context.target, command.at, root.validTo)) {
      return yield* violation("grid.code-unique", "segment", `${newCode} is taken on ${command.at}`)
    }
    return carryOver(scheme, context.source, command.at, "move", (code) => recode(code, root.code, newCode))
  })

/**
 * Splits a grid into sibling parts. Every child and place of the source goes to
 * exactly one part, and so does every worker when the source is a community (one
 * whose assignments all lie in one part goes there unless named); assignments to the
 * source itself end (the parts are new grids), those below it follow their grids.
 *
 * @since 0.1.0
 * @category rules
 */
export const split = (
  scheme: LevelScheme.LevelScheme,
  context: {
    readonly source: SubtreeState
    /** Every version of each part's code, by code. */
    readonly targets: ReadonlyMap<string, ReadonlyArray<Grid>>
  },
  command: SplitGrid
): Result =>
  Either.gen(function*() {
    const root = yield* rootOf(context.source, command.code, command.at, "code")
    yield* notBackdated(context.source, command.at, root.code)
    const seen = new Set<string>()
    for (const [i, part] of command.parts.entries()) {
      yield* checkCode(scheme, part.code, root.level, root.parentCode, `parts.${i}.code`)
      if (seen.has(part.code)) return yield* violation("grid.code-unique", `parts.${i}.code`, `${part.code} is named twice`)
      seen.add(part.code)
      if (part.code !== root.code && occupied(context.targets.get(part.code) ?? [], command.at, root.validTo)) {
        return yield* violation("grid.code-unique", `parts.${i}.code`, `${part.code} is taken on ${command.at}`)
      }
    }
    const parts = command.parts
    const childWidth = root.code.length + (scheme.levels[root.level + 1]?.segmentWidth ?? 0)
    const children = context.source.grids.filter((g) => g.parentCode === root.code).map((g) => g.code as string)
    const places = context.source.links.filter((l) => l.gridCode === root.code).map((l) => l.placeId as string)
    const childPart = yield* cover(children, parts.map((p) => p.children), "children", "child")
    const placePart = yield* cover(places, parts.map((p) => p.places), "places", "place")
    // A community's workers: named, or where all their assignments below it go.
    const workers = context.source.terms.filter((t) => t.communityCode === root.code).map((t) => t.workerId as string)
    const inferred = new Map<string, Set<number>>()
    for (const a of context.source.assignments) {
      const part = childPart.get(a.gridCode.slice(0, childWidth))
      if (part !== undefined && a.gridCode !== root.code) {
        inferred.set(a.workerId, (inferred.get(a.workerId) ?? new Set()).add(part))
      }
    }
    const explicit = new Set<string>(parts.flatMap((p) => p.workers))
    const named = parts.map((p, i) => [
      ...p.workers,
      ...workers.filter((w) => {
        const where = inferred.get(w)
        return !explicit.has(w) && where !== undefined && where.size === 1 && where.has(i)
      })
    ])
    const workerPart = yield* cover(workers, named, "workers", "worker")
    const mapCode = (code: string): GridCode | undefined => {
      if (code === root.code) return undefined
      return recode(code, root.code, parts[childPart.get(code.slice(0, childWidth))!]!.code)
    }
    const carried = carryOver(scheme, context.source, command.at, "split", mapCode, {
      keepAssignment: (a) => a.gridCode !== root.code,
      mapTerm: (t) => t.communityCode === root.code ? parts[workerPart.get(t.workerId)!]!.code : mapCode(t.communityCode)
    })
    const partGrids: Array<Grid> = parts.map((part) => ({
      ...root,
      id: makeId(part.code, command.at),
      code: part.code,
      name: part.name,
      validFrom: command.at,
      ...supersede([root], command.at, "split")
    }))
    const rootLinks = context.source.links.filter((l) => l.gridCode === root.code)
    const partLinks: Array<PlaceLink> = rootLinks.map((l) => ({
      ...l,
      gridCode: parts[placePart.get(l.placeId)!]!.code,
      validFrom: command.at
    }))
    return Changes.make({
      ...carried,
      newGrids: [...partGrids, ...carried.newGrids],
      newLinks: [...partLinks, ...carried.newLinks]
    })
  })

/** Each item must be named by exactly one part; returns item → part index. */
const cover = (
  items: ReadonlyArray<string>,
  named: ReadonlyArray<ReadonlyArray<string>>,
  field: "children" | "places" | "workers",
  noun: string
): Either.Either<Map<string, number>, RuleViolation> => {
  const owner = new Map<string, number>()
  const known = new Set(items)
  for (const [i, list] of named.entries()) {
    for (const item of list) {
      if (!known.has(item)) return violation("grid.split-coverage", `parts.${i}.${field}`, `${item} is not a ${noun} of the grid`)
      if (owner.has(item)) return violation("grid.split-coverage", `parts.${i}.${field}`, `${item} goes to two parts`)
      owner.set(item, i)
    }
  }
  const missing = items.find((item) => !owner.has(item))
  if (missing !== undefined) return violation("grid.split-coverage", `parts`, `${noun} ${missing} goes to no part`)
  return Either.right(owner)
}

/**
 * Merges sibling grids into one. Children are renumbered under the new grid in
 * the order the sources are named, then by code; places move into it; assignments
 * to the sources end.
 *
 * @since 0.1.0
 * @category rules
 */
export const merge = (
  scheme: LevelScheme.LevelScheme,
  context: {
    readonly sources: ReadonlyArray<SubtreeState>
    /** Every version of the new grid's code. */
    readonly target: ReadonlyArray<Grid>
  },
  command: MergeGrids
): Result =>
  Either.gen(function*() {
    if (new Set(command.codes).size !== command.codes.length) {
      return yield* violation("grid.merge-siblings", "codes", "a grid is named twice")
    }
    const roots: Array<Grid> = []
    for (const [i, state] of context.sources.entries()) {
      const root = yield* rootOf(state, command.codes[i]!, command.at, `codes.${i}`)
      yield* notBackdated(state, command.at, root.code)
      if (roots.length > 0 && root.parentCode !== roots[0]!.parentCode) {
        return yield* violation("grid.merge-siblings", `codes.${i}`, `${root.code} and ${roots[0]!.code} have different parents`)
      }
      roots.push(root)
    }
    const first = roots[0]!
    // The merged grid lasts as long as the longest-lived source: siblings all lie within
    // the parent, and every carried child within its own source.
    const end = roots.some((r) => r.validTo === null)
      ? null
      : roots.map((r) => r.validTo!).reduce((a, b) => (a > b ? a : b))
    yield* checkCode(scheme, command.into.code, first.level, first.parentCode, "into.code")
    const others = context.target.filter((v) => !roots.some((r) => r.id === v.id))
    if (occupied(others, command.at, end)) {
      return yield* violation("grid.code-unique", "into.code", `${command.into.code} is taken on ${command.at}`)
    }
    const childLevel = scheme.levels[first.level + 1]
    const renumber = new Map<string, string>()
    for (const [i, state] of context.sources.entries()) {
      for (const child of state.grids.filter((g) => g.parentCode === roots[i]!.code)) {
        renumber.set(child.code, String(renumber.size + 1).padStart(childLevel?.segmentWidth ?? 0, "0"))
      }
    }
    if (childLevel !== undefined && renumber.size >= 10 ** childLevel.segmentWidth) {
      return yield* violation("grid.code-width", "codes", `${renumber.size} children do not fit ${childLevel.segmentWidth} digits`)
    }
    const sourceCodes = new Set(roots.map((r) => r.code as string))
    const at = command.at
    const into = command.into.code
    const mapCode = (code: string): GridCode | undefined => {
      if (sourceCodes.has(code)) return undefined
      const child = code.slice(0, first.code.length + (childLevel?.segmentWidth ?? 0))
      return recode(code, child, into + renumber.get(child)!)
    }
    const merged: Grid = {
      ...first,
      id: makeId(into, at),
      code: into,
      name: command.into.name,
      validFrom: at,
      validTo: end,
      ...supersede(roots, at, "merge")
    }
    const all = context.sources.map((state) =>
      carryOver(scheme, state, at, "merge", mapCode, {
        keepAssignment: (a) => !sourceCodes.has(a.gridCode),
        // The workers of merged communities work in the merged one.
        mapTerm: (t) => (sourceCodes.has(t.communityCode) ? into : mapCode(t.communityCode))
      })
    )
    const sourceLinks = context.sources.flatMap((s) => s.links.filter((l) => sourceCodes.has(l.gridCode)))
    return Changes.make({
      endGrids: all.flatMap((c) => c.endGrids),
      newGrids: [merged, ...all.flatMap((c) => c.newGrids)],
      endLinks: all.flatMap((c) => c.endLinks),
      newLinks: [
        ...sourceLinks.map((l) => ({ ...l, gridCode: into, validFrom: at })),
        ...all.flatMap((c) => c.newLinks)
      ],
      endAssignments: all.flatMap((c) => c.endAssignments),
      newAssignments: all.flatMap((c) => c.newAssignments),
      endTerms: all.flatMap((c) => c.endTerms),
      newTerms: all.flatMap((c) => c.newTerms),
      at
    })
  })

/**
 * Ends a grid with no children and no places on the day; its assignments end too, and
 * so do the terms of a community's workers.
 *
 * @since 0.1.0
 * @category rules
 */
export const close = (context: { readonly source: SubtreeState }, command: CloseGrid): Result =>
  Either.gen(function*() {
    const root = yield* rootOf(context.source, command.code, command.at, "code")
    yield* notBackdated(context.source, command.at, root.code)
    if (context.source.grids.length > 1) {
      return yield* violation("grid.close-children", "code", `${root.code} still has child grids on ${command.at}`)
    }
    if (context.source.links.length > 0) {
      return yield* violation("grid.close-places", "code", `${root.code} still has places on ${command.at}`)
    }
    return Changes.make({
      endGrids: [root.id],
      endAssignments: context.source.assignments.map((a) => a.id),
      // A closed community's workers are left without a community from that day.
      endTerms: context.source.terms.map((t) => ({ workerId: t.workerId, validFrom: t.validFrom })),
      at: command.at
    })
  })

/**
 * Registers a place and puts it into a grid from a day on (入格): a grid of a level its
 * kind may be registered at (`GridConfig.placeLevels`). A place is in exactly one grid
 * at a time: its current link, if any, ends that day (or, begun that same day, is
 * replaced). A place keeps its kind. A work unit carries its 统一社会信用代码; a household
 * carries none.
 *
 * @since 0.1.0
 * @category rules
 */
export const place = (
  config: Pick<GridConfigShape, "scheme" | "placeLevels">,
  tenant: Tenant,
  context: {
    /** The place as registered so far, if at all. */
    readonly existing: Option.Option<Place>
    /** Every link of the place, oldest first. */
    readonly links: ReadonlyArray<PlaceLink>
    /** The grid's coverage from the day, through later recorded changes. */
    readonly chain: Chain
    /** The coverage of the grid the place is in on the day, if any (its links carried by later changes). */
    readonly currentChain: Chain | undefined
  },
  command: PlacePlace
): Result => {
  const { placeLevels, scheme } = config
  if (Option.isSome(context.existing) && context.existing.value.kind !== command.kind) {
    return violation(
      "place.kind",
      "kind",
      `${command.id} is registered as a ${placeKindLabels[context.existing.value.kind].en.toLowerCase()}; a place keeps its kind (register another place)`
    )
  }
  if (command.kind === "work_unit" && command.creditCode === null) {
    return violation("place.credit-code", "creditCode", "a work unit carries its 统一社会信用代码 (GB 32100)")
  }
  if (command.kind === "household" && command.creditCode !== null) {
    return violation("place.credit-code", "creditCode", "a household carries no 统一社会信用代码")
  }
  const grid = context.chain.segments[0]?.grid
  if (grid === undefined) {
    return violation("grid.exists", "gridCode", `no grid ${command.gridCode} is valid on ${command.at}`)
  }
  const allowed = placeLevels[command.kind]
  if (!allowed.includes(scheme.levels[grid.level]?.key ?? "")) {
    const levels = scheme.levels.filter((l) => allowed.includes(l.key)).map((l) => `${l.zh} (${l.key})`).join(", ")
    return violation(
      "place.level",
      "gridCode",
      `${placeKindLabels[command.kind].zh} (${command.kind}) goes into a grid of ${levels}; ${grid.code} is a ${
        LevelScheme.label(scheme, grid.level)
      } (${scheme.levels[grid.level]?.key}) grid`
    )
  }
  const current = context.links.find((l) => validAt(l, command.at))
  // Links after the day may only be the current link carried by later changes: a link
  // recorded later by a placement is history that must not be rewritten.
  const later = context.links.filter((l) => l.validFrom > command.at)
  const carried = (context.currentChain?.segments ?? []).slice(1)
  if (later.some((l) => !carried.some((s) => s.grid.code === l.gridCode && s.from === l.validFrom))) {
    return violation("place.backdated", "at", `${command.id} has links recorded after ${command.at}`)
  }
  const split = notSplit(context.chain, "at")
  if (Either.isLeft(split)) return Either.left(split.left)
  const placeRecord = {
    tenant,
    id: command.id,
    kind: command.kind,
    name: command.name,
    address: command.address,
    creditCode: command.creditCode
  }
  if (current !== undefined && current.gridCode === command.gridCode) {
    return Either.right(Changes.make({ places: [placeRecord] }))
  }
  const newLinks: Array<PlaceLink> = context.chain.segments.map((s, i) => ({
    tenant,
    placeId: command.id,
    gridCode: s.grid.code,
    validFrom: i === 0 ? command.at : s.from,
    validTo: s.to
  }))
  return Either.right(
    Changes.make({
      places: [placeRecord],
      endLinks: [...(current === undefined ? [] : [current]), ...later].map((l) => ({
        placeId: l.placeId,
        validFrom: l.validFrom
      })),
      newLinks,
      at: command.at
    })
  )
}
