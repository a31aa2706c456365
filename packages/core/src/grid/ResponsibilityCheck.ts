/**
 * The 定格定人定岗定责 check: every active lowest-level grid has exactly one primary
 * worker, every assignment names a post and duties, and every worker serves within
 * one community. Returns typed alerts; an empty list means the subtree is in order.
 *
 * @since 0.1.0
 */
import { groupBy } from "../internal/groupBy.js"
import type { Grid } from "./Grid.js"
import * as LevelScheme from "./LevelScheme.js"
import type { ResponsibilityAlert } from "./ResponsibilityAlert.js"
import type { Assignment, Worker } from "./Worker.js"

/**
 * @since 0.1.0
 * @category rules
 */
export const check = (
  scheme: LevelScheme.LevelScheme,
  input: {
    /** Grids valid on the day in the subtree. */
    readonly grids: ReadonlyArray<Grid>
    /** Assignments valid on the day in the subtree. */
    readonly assignments: ReadonlyArray<Assignment>
    /** The workers those assignments name. */
    readonly workers: ReadonlyArray<Worker>
  }
): ReadonlyArray<ResponsibilityAlert> => {
  const alerts: Array<ResponsibilityAlert> = []
  const lowest = LevelScheme.lowest(scheme)
  const communityWidth = LevelScheme.codeLength(scheme, LevelScheme.communityLevel(scheme))
  const byGrid = groupBy(input.assignments, (a) => a.gridCode)
  for (const grid of input.grids) {
    if (grid.level !== lowest) continue
    const primaries = (byGrid.get(grid.code) ?? []).filter((a) => a.primary)
    if (primaries.length === 0) {
      alerts.push({ kind: "no-primary", gridCode: grid.code, workerIds: [], message: `${grid.code} ${grid.name} has no primary worker` })
    } else if (primaries.length > 1) {
      alerts.push({
        kind: "several-primaries",
        gridCode: grid.code,
        workerIds: primaries.map((a) => a.workerId).sort(),
        message: `${grid.code} ${grid.name} has ${primaries.length} primary workers`
      })
    }
  }
  const workers = new Map(input.workers.map((w) => [w.id as string, w]))
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
    const worker = workers.get(a.workerId)
    if (worker === undefined) {
      alerts.push({ kind: "unknown-worker", gridCode: a.gridCode, workerIds: [a.workerId], message: `${a.workerId} is not registered` })
      continue
    }
    if (!a.gridCode.startsWith(worker.communityCode)) {
      alerts.push({
        kind: "outside-community",
        gridCode: a.gridCode,
        workerIds: [a.workerId],
        message: `${a.gridCode} lies outside ${a.workerId}'s community ${worker.communityCode}`
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
      const codes = [...set].sort()
      alerts.push({
        kind: "several-communities",
        gridCode: codes[0]!,
        workerIds: [workerId],
        message: `${workerId} serves in ${codes.join(", ")}`
      })
    }
  }
  return alerts.sort((a, b) =>
    a.gridCode < b.gridCode ? -1 : a.gridCode > b.gridCode ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.workerIds.join() < b.workerIds.join() ? -1 : 1
  )
}
