/**
 * 走访 coverage: which households a grid's workers have not visited within the last N
 * days. A household counts for the grid it lies in on the day asked about; a visit counts
 * when it fell in `(asOf − days, asOf]` (a window reaching back before 0001-01-01 is
 * answered, not a `RangeError`).
 *
 * @since 0.5.0
 */
import { compareStrings } from "../internal/compareStrings.js"
import { addDays, daysBetween, type IsoDate } from "../time/IsoDate.js"

const FIRST_DAY = "0001-01-01" as IsoDate

/**
 * A grid's coverage on a day: its households, those visited in the window, and the ids of
 * those not visited (ordered).
 *
 * @since 0.5.0
 * @category models
 */
export interface GridCoverage {
  readonly gridCode: string
  readonly households: number
  readonly visited: number
  readonly notVisited: ReadonlyArray<string>
}

/**
 * Coverage per grid (ordered by grid code) of the households given (each in its grid on
 * `asOf`) by the visits given, over the `days` days ending on `asOf`.
 *
 * @since 0.5.0
 * @category rules
 */
export const coverage = (
  households: ReadonlyArray<{ readonly id: string; readonly gridCode: string }>,
  visits: ReadonlyArray<{ readonly placeId: string; readonly on: IsoDate }>,
  asOf: IsoDate,
  days: number
): ReadonlyArray<GridCoverage> => {
  // A window reaching back before the calendar's first day holds every visit there is.
  const since = daysBetween(FIRST_DAY, asOf) < days ? "0000-12-31" : addDays(asOf, -days)
  const seen = new Set(visits.filter((v) => v.on > since && v.on <= asOf).map((v) => v.placeId))
  const byGrid = new Map<string, Array<string>>()
  for (const h of households) byGrid.set(h.gridCode, [...(byGrid.get(h.gridCode) ?? []), h.id])
  return Array.from(byGrid, ([gridCode, ids]) => {
    const notVisited = ids.filter((id) => !seen.has(id)).sort(compareStrings)
    return { gridCode, households: ids.length, visited: ids.length - notVisited.length, notVisited }
  }).sort((a, b) => compareStrings(a.gridCode, b.gridCode))
}
