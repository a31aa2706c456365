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
import type { GridConfigShape } from "./GridConfig.js"
import type { Place, PlaceLink } from "./Place.js"
import type { Assignment, WorkerTerm } from "./Worker.js"

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

/** Whether intervals (of any rows) cover `[from, to)` without a gap. */
const coveredBy = (
  rows: ReadonlyArray<{ readonly validFrom: IsoDate; readonly validTo: IsoDate | null }>,
  from: IsoDate,
  to: IsoDate | null
): boolean => {
  let day: IsoDate = from
  for (let guard = 0; guard <= rows.length; guard++) {
    const row = rows.find((x) => x.validFrom <= day && (x.validTo === null || day < x.validTo))
    if (row === undefined) return false
    if (row.validTo === null || (to !== null && row.validTo >= to)) return true
    day = row.validTo
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
  config: Pick<GridConfigShape, "scheme" | "placeLevels">,
  tenant: Tenant,
  history: {
    readonly grids: ReadonlyArray<Grid>
    readonly links: ReadonlyArray<PlaceLink>
    readonly assignments: ReadonlyArray<Assignment>
    readonly terms: ReadonlyArray<WorkerTerm>
    /** The places the links name (for the level of each kind). */
    readonly places: ReadonlyArray<Place>
  }
): ReadonlyArray<Breach> => {
  const { placeLevels, scheme } = config
  const breaches: Array<Breach> = []
  const push = (invariant: string, subject: string, message: string) => breaches.push({ invariant, subject, message })
  const byCode = groupBy(history.grids, (g) => g.code)
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
    if (!coveredBy(parents, g.validFrom, g.validTo)) {
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
  const kinds = new Map(history.places.map((p) => [p.id as string, p.kind]))
  for (const l of history.links) {
    const versions = byCode.get(l.gridCode) ?? []
    const kind = kinds.get(l.placeId)
    if (kind === undefined) push("place.exists", l.placeId, `${l.gridCode}`)
    else if (versions.some((v) => !placeLevels[kind].includes(scheme.levels[v.level]?.key ?? ""))) {
      push("place.level", l.placeId, `${kind} in ${l.gridCode}`)
    }
    if (l.validTo !== null && l.validTo <= l.validFrom) push("place.validity", l.placeId, `${l.validFrom}`)
    else if (!coveredBy(versions, l.validFrom, l.validTo)) push("place.within-grid", l.placeId, `${l.gridCode} from ${l.validFrom}`)
  }
  for (const [placeId, links] of groupBy(history.links, (l) => l.placeId)) {
    const clash = overlapping(links)
    if (clash !== undefined) push("place.one-grid", placeId, `${clash[0].gridCode} overlaps ${clash[1].gridCode}`)
  }
  for (const a of history.assignments) {
    if (a.validTo !== null && a.validTo <= a.validFrom) push("assignment.validity", a.id, "")
    else if (!coveredBy(byCode.get(a.gridCode) ?? [], a.validFrom, a.validTo)) push("assignment.within-grid", a.id, "")
  }
  for (const [code, list] of groupBy(history.assignments.filter((a) => a.responsible), (a) => a.gridCode)) {
    const clash = overlapping(list)
    if (clash !== undefined) push("assignment.one-responsible", code, `${clash[0].id} overlaps ${clash[1].id}`)
  }
  const termsOf = groupBy(history.terms, (t) => t.workerId)
  for (const t of history.terms) {
    const key = `${t.workerId}@${t.validFrom}`
    const community = byCode.get(t.communityCode) ?? []
    if (t.validTo !== null && t.validTo <= t.validFrom) push("worker.validity", key, "validTo is not after validFrom")
    else if (!coveredBy(community, t.validFrom, t.validTo)) push("worker.within-community", key, t.communityCode)
    if (community.some((g) => g.level !== LevelScheme.communityLevel(scheme))) push("worker.community", key, t.communityCode)
  }
  for (const [workerId, list] of termsOf) {
    const clash = overlapping(list)
    if (clash !== undefined) push("worker.one-term", workerId, `${clash[0].validFrom} overlaps ${clash[1].validFrom}`)
  }
  // Every day of an assignment falls in a term of its worker whose community holds the grid.
  for (const a of history.assignments) {
    if (a.validTo !== null && a.validTo <= a.validFrom) continue
    const terms = (termsOf.get(a.workerId) ?? []).filter((t) => a.gridCode.startsWith(t.communityCode))
    if (!coveredBy(terms, a.validFrom, a.validTo)) push("assignment.within-community", a.id, a.workerId)
  }
  for (const [k, list] of groupBy(history.assignments, (a) => `${a.workerId}:${a.gridCode}`)) {
    const clash = overlapping(list)
    if (clash !== undefined) push("assignment.duplicate", k, `${clash[0].id} overlaps ${clash[1].id}`)
  }
  return breaches
}
