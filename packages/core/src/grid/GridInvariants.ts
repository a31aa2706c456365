/**
 * The invariants a grid history must satisfy whatever commands ran: the tree,
 * codes, levels, validity and 入格 rules stated positively over the whole history.
 * Property tests assert that the list of breaches stays empty; a `verify` command
 * can run the same over a deployment's data.
 *
 * @since 0.1.0
 */
import type { Tenant } from "../access/Tenant.js"
import { groupBy } from "../internal/groupBy.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Grid } from "./Grid.js"
import * as LevelScheme from "./LevelScheme.js"
import type { PlaceLink } from "./Place.js"
import type { Assignment } from "./Worker.js"

/**
 * A broken invariant.
 *
 * @since 0.1.0
 * @category models
 */
export interface Breach {
  readonly invariant: string
  readonly subject: string
  readonly message: string
}

/** Whether the versions cover `[from, to)` without a gap. */
const covers = (versions: ReadonlyArray<Grid>, from: IsoDate, to: IsoDate | null): boolean => {
  let day: IsoDate = from
  for (let guard = 0; guard <= versions.length; guard++) {
    const v = versions.find((x) => x.validFrom <= day && (x.validTo === null || day < x.validTo))
    if (v === undefined) return false
    if (v.validTo === null || (to !== null && v.validTo >= to)) return true
    day = v.validTo
  }
  return false
}

const overlapping = <A extends { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }>(
  rows: ReadonlyArray<A>
): [A, A] | undefined => {
  const sorted = [...rows].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!
    if (prev.validTo === null || sorted[i]!.validFrom < prev.validTo) return [prev, sorted[i]!]
  }
  return undefined
}

/**
 * Every breach in a tenant's history; empty when the history is sound.
 *
 * @since 0.1.0
 * @category rules
 */
export const verify = (
  scheme: LevelScheme.LevelScheme,
  tenant: Tenant,
  history: {
    readonly grids: ReadonlyArray<Grid>
    readonly links: ReadonlyArray<PlaceLink>
    readonly assignments: ReadonlyArray<Assignment>
  }
): ReadonlyArray<Breach> => {
  const breaches: Array<Breach> = []
  const push = (invariant: string, subject: string, message: string) => breaches.push({ invariant, subject, message })
  const byCode = groupBy(history.grids, (g) => g.code)
  const lowest = LevelScheme.lowest(scheme)
  for (const g of history.grids) {
    if (g.validTo !== null && g.validTo <= g.validFrom) push("grid.validity", g.id, "validTo is not after validFrom")
    if (g.code.length !== LevelScheme.codeLength(scheme, g.level)) push("grid.code-width", g.id, `level ${g.level}`)
    if (g.parentCode === null) {
      if (g.level !== 0 || (g.code as string) !== tenant) push("grid.root", g.id, "only the tenant's code is a root")
      continue
    }
    if (!g.code.startsWith(g.parentCode) || g.parentCode.length >= g.code.length) {
      push("grid.code-prefix", g.id, `parent ${g.parentCode}`)
    }
    const parents = byCode.get(g.parentCode) ?? []
    if (parents.some((p) => p.level !== g.level - 1)) push("grid.level", g.id, `parent ${g.parentCode}`)
    if (!covers(parents, g.validFrom, g.validTo)) {
      push("grid.within-parent", g.id, `${g.parentCode} is not valid throughout ${g.validFrom}–${g.validTo ?? ""}`)
    }
    for (const p of g.predecessors) {
      if (!history.grids.some((x) => x.id === p)) push("grid.lineage", g.id, `unknown predecessor ${p}`)
    }
  }
  for (const [code, versions] of byCode) {
    const clash = overlapping(versions)
    if (clash !== undefined) push("grid.code-unique", code, `${clash[0].id} overlaps ${clash[1].id}`)
  }
  for (const l of history.links) {
    const versions = byCode.get(l.gridCode) ?? []
    if (versions.some((v) => v.level !== lowest)) push("place.lowest-level", l.placeId, `${l.gridCode}`)
    if (l.validTo !== null && l.validTo <= l.validFrom) push("place.validity", l.placeId, `${l.validFrom}`)
    else if (!covers(versions, l.validFrom, l.validTo)) push("place.within-grid", l.placeId, `${l.gridCode} from ${l.validFrom}`)
  }
  for (const [placeId, links] of groupBy(history.links, (l) => l.placeId)) {
    const clash = overlapping(links)
    if (clash !== undefined) push("place.one-grid", placeId, `${clash[0].gridCode} overlaps ${clash[1].gridCode}`)
  }
  for (const a of history.assignments) {
    if (a.validTo !== null && a.validTo <= a.validFrom) push("assignment.validity", a.id, "")
    else if (!covers(byCode.get(a.gridCode) ?? [], a.validFrom, a.validTo)) push("assignment.within-grid", a.id, "")
  }
  for (const [code, list] of groupBy(history.assignments.filter((a) => a.primary), (a) => a.gridCode)) {
    const clash = overlapping(list)
    if (clash !== undefined) push("assignment.one-primary", code, `${clash[0].id} overlaps ${clash[1].id}`)
  }
  for (const [k, list] of groupBy(history.assignments, (a) => `${a.workerId}:${a.gridCode}`)) {
    const clash = overlapping(list)
    if (clash !== undefined) push("assignment.duplicate", k, `${clash[0].id} overlaps ${clash[1].id}`)
  }
  return breaches
}
