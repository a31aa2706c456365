/**
 * The 定格定人定岗定责 check: every active grid of the staffed levels has exactly one
 * responsible worker (网格长 / 责任网格员), every assignment names a post and duties,
 * and every worker serves within the one community of their term. Returns typed
 * alerts in a total order (every store answers alike); an empty list means the subtree
 * is in order.
 *
 * @since 0.1.0
 */
import { compareStrings } from "../internal/compareStrings.js"
import { groupBy } from "../internal/groupBy.js"
import type { Grid } from "./Grid.js"
import * as LevelScheme from "./LevelScheme.js"
import type { ResponsibilityAlert } from "./ResponsibilityAlert.js"
import type { Assignment, WorkerTerm } from "./Worker.js"

/**
 * The total order of alerts: grid code, kind, worker ids, then message.
 *
 * @since 0.2.0
 * @category ordering
 */
export const compare = (a: ResponsibilityAlert, b: ResponsibilityAlert): number =>
  compareStrings(a.gridCode, b.gridCode) ||
  compareStrings(a.kind, b.kind) ||
  compareStrings(a.workerIds.join("\u0000"), b.workerIds.join("\u0000")) ||
  compareStrings(a.message, b.message)

/**
 * @since 0.1.0
 * @category rules
 */
export const check = (
  scheme: LevelScheme.LevelScheme,
  /** Indexes of the levels whose grids each need a responsible worker (`GridConfig.staffedLevels`). */
  staffedLevels: ReadonlyArray<number>,
  input: {
    /** Grids valid on the day in the subtree. */
    readonly grids: ReadonlyArray<Grid>
    /** Assignments valid on the day in the subtree. */
    readonly assignments: ReadonlyArray<Assignment>
    /** The terms valid on the day of the workers those assignments name. */
    readonly terms: ReadonlyArray<WorkerTerm>
  }
): ReadonlyArray<ResponsibilityAlert> => {
  const alerts: Array<ResponsibilityAlert> = []
  const communityWidth = LevelScheme.codeLength(scheme, LevelScheme.communityLevel(scheme))
  const byGrid = groupBy(input.assignments, (a) => a.gridCode)
  for (const grid of input.grids) {
    if (!staffedLevels.includes(grid.level)) continue
    const responsible = (byGrid.get(grid.code) ?? []).filter((a) => a.responsible)
    if (responsible.length === 0) {
      alerts.push({
        kind: "no-responsible",
        gridCode: grid.code,
        workerIds: [],
        message: `${grid.code} ${grid.name} has no responsible worker`
      })
    } else if (responsible.length > 1) {
      alerts.push({
        kind: "several-responsible",
        gridCode: grid.code,
        workerIds: responsible.map((a) => a.workerId).sort(compareStrings),
        message: `${grid.code} ${grid.name} has ${responsible.length} responsible workers`
      })
    }
  }
  const terms = new Map(input.terms.map((t) => [t.workerId as string, t]))
  const active = new Set(input.grids.map((g) => g.code as string))
  const communities = new Map<string, Set<string>>()
  for (const a of input.assignments) {
    if (!active.has(a.gridCode)) {
      alerts.push({
        kind: "inactive-grid",
        gridCode: a.gridCode,
        workerIds: [a.workerId],
        message: `${a.id} names ${a.gridCode}, which is not in service`
      })
    }
    if (a.post.trim() === "") {
      alerts.push({ kind: "no-post", gridCode: a.gridCode, workerIds: [a.workerId], message: `${a.id} names no post` })
    }
    if (a.duties.length === 0 || a.duties.every((d) => d.trim() === "")) {
      alerts.push({ kind: "no-duties", gridCode: a.gridCode, workerIds: [a.workerId], message: `${a.id} names no duties` })
    }
    const term = terms.get(a.workerId)
    if (term === undefined) {
      alerts.push({
        kind: "unknown-worker",
        gridCode: a.gridCode,
        workerIds: [a.workerId],
        message: `${a.workerId} is not registered in a community on the day`
      })
      continue
    }
    if (!a.gridCode.startsWith(term.communityCode)) {
      alerts.push({
        kind: "outside-community",
        gridCode: a.gridCode,
        workerIds: [a.workerId],
        message: `${a.gridCode} lies outside ${a.workerId}'s community ${term.communityCode}`
      })
    }
    if (a.gridCode.length >= communityWidth) {
      const set = communities.get(a.workerId) ?? new Set<string>()
      set.add(a.gridCode.slice(0, communityWidth))
      communities.set(a.workerId, set)
    }
  }
  for (const [workerId, set] of communities) {
    if (set.size > 1) {
      const codes = [...set].sort(compareStrings)
      alerts.push({
        kind: "several-communities",
        gridCode: codes[0]!,
        workerIds: [workerId],
        message: `${workerId} serves in ${codes.join(", ")}`
      })
    }
  }
  return alerts.sort(compare)
}
