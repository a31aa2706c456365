/**
 * Rollups of the ledger: minutes, sessions, residents served, matters done and points,
 * summed over entries (reversals count negatively, so every figure is net of
 * corrections) and grouped by dimensions — grid, team, work unit, category, programme,
 * volunteer, activity, service point, month. A grid tree's node is its own entries plus
 * its children's nodes, so a parent always equals the sum of its children and its own.
 * Hours are a display: each report declares its rounding, and a row's hours derive from
 * its own total minutes, never from summed rounded rows.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import type { IsoDate } from "../time/IsoDate.js"

/**
 * What a rollup groups by. `month` is the `YYYY-MM` of a session's start.
 *
 * @since 0.4.0
 * @category schemas
 */
export const Dimension = Schema.Literal(
  "gridCode",
  "teamId",
  "unitCreditCode",
  "category",
  "programme",
  "volunteerId",
  "activityId",
  "servicePoint",
  "month"
)

/**
 * @since 0.4.0
 * @category models
 */
export type Dimension = typeof Dimension.Type

/**
 * Sums over entries.
 *
 * @since 0.4.0
 * @category models
 */
export interface Totals {
  readonly minutes: number
  /** Sessions: services less reversals. */
  readonly entries: number
  readonly residentsServed: number
  readonly mattersDone: number
  readonly points: number
}

/**
 * A group's sums: `keys` holds the group's value of each dimension asked for, in order
 * (null where the entries have none: no team, say).
 *
 * @since 0.4.0
 * @category models
 */
export interface TotalsRow extends Totals {
  readonly keys: ReadonlyArray<string | null>
}

/**
 * Entries whose session starts on a day from `from` to `to` (both included), grouped by
 * `by` (none: one row for all).
 *
 * @since 0.4.0
 * @category models
 */
export interface TotalsQuery {
  readonly from: IsoDate
  readonly to: IsoDate
  readonly by: ReadonlyArray<Dimension>
  /**
   * When given, a positive whole number: the `gridCode` dimension's key is the first
   * `gridCodeLength` characters of an entry's grid code — its grid's ancestor at the
   * level of that code length (a street's code for a length of 9 under 桃城区's scheme);
   * a shorter code stays as it is. Without it, the whole code.
   *
   * @since 0.4.0
   */
  readonly gridCodeLength?: number | undefined
  /**
   * When given, only the entries up to this seq: the ledger as it stood then, so that a
   * report filed once can be reproduced after later corrections.
   *
   * @since 0.4.0
   */
  readonly asOfSeq?: number | undefined
}

/**
 * The bound every session starting on the day `to` lies below, and every session of a
 * later day above: `${to}T24:00`, a minute no start has. A store reads a period whose
 * last day is `to` (included) as `startsAt < endOf(to)` — unlike the next day's date,
 * it exists for 9999-12-31 too.
 *
 * @since 0.7.0
 * @category utils
 */
export const endOf = (to: string): string => `${to}T24:00`

/**
 * Whether a `TotalsQuery.gridCodeLength` is one a store takes: absent, or a positive
 * whole number.
 *
 * @since 0.4.0
 * @category utils
 */
export const validGridCodeLength = (length: number | undefined): boolean =>
  length === undefined || (Number.isSafeInteger(length) && length > 0)

/**
 * @since 0.4.0
 * @category constructors
 */
export const zero: Totals = { minutes: 0, entries: 0, residentsServed: 0, mattersDone: 0, points: 0 }

/**
 * @since 0.4.0
 * @category utils
 */
export const add = (a: Totals, b: Totals): Totals => ({
  minutes: a.minutes + b.minutes,
  entries: a.entries + b.entries,
  residentsServed: a.residentsServed + b.residentsServed,
  mattersDone: a.mattersDone + b.mattersDone,
  points: a.points + b.points
})

/**
 * @since 0.4.0
 * @category utils
 */
export const sum = (rows: ReadonlyArray<Totals>): Totals => {
  let minutes = 0, entries = 0, residentsServed = 0, mattersDone = 0, points = 0
  for (const r of rows) {
    minutes += r.minutes
    entries += r.entries
    residentsServed += r.residentsServed
    mattersDone += r.mattersDone
    points += r.points
  }
  return { minutes, entries, residentsServed, mattersDone, points }
}

/**
 * How a report turns minutes into hours: decimals kept (0–4) and how the last one is
 * rounded (`half-up`: away from zero at a half; `half-even`: to the even digit at a
 * half; `down`: toward zero).
 *
 * @since 0.4.0
 * @category schemas
 */
export const Rounding = Schema.Struct({
  decimals: Schema.Int.pipe(Schema.between(0, 4)),
  mode: Schema.Literal("half-up", "half-even", "down")
})

/**
 * @since 0.4.0
 * @category models
 */
export interface Rounding extends Schema.Schema.Type<typeof Rounding> {}

/**
 * The default rounding: hours to one decimal, half up.
 *
 * @since 0.4.0
 * @category constructors
 */
export const defaultRounding: Rounding = { decimals: 1, mode: "half-up" }

/**
 * Hours of a number of minutes, rounded as declared, by integer arithmetic (no binary
 * fractions on the way).
 *
 * @since 0.4.0
 * @category utils
 */
export const hours = (minutes: number, rounding: Rounding = defaultRounding): number => {
  const scale = 10 ** rounding.decimals
  const negative = minutes < 0
  const scaled = Math.abs(minutes) * scale
  let q = Math.floor(scaled / 60)
  const r = scaled - q * 60
  if (rounding.mode === "half-up" ? 2 * r >= 60 : rounding.mode === "half-even" ? 2 * r > 60 || (2 * r === 60 && q % 2 === 1) : false) {
    q += 1
  }
  const value = q / scale
  return negative && value !== 0 ? -value : value
}

/**
 * A node of a grid rollup: the grid, its totals (its own entries and its children's
 * nodes), its hours from those total minutes, and its children ordered by code.
 *
 * @since 0.4.0
 * @category models
 */
export interface GridNode {
  readonly code: string
  readonly own: Totals
  readonly totals: Totals
  readonly hours: number
  readonly children: ReadonlyArray<GridNode>
}

/**
 * A grid tree's rollup: `grids` are the subtree's grids (each with its parent's code,
 * the root's parent outside it), `rows` sums by grid code (as `totals(by: ["gridCode"])`
 * gives them). Entries of a grid not in `grids` (retired since, say) count for its
 * nearest ancestor that is (the longest code that begins theirs); entries outside the
 * root are left out.
 *
 * @since 0.4.0
 * @category utils
 */
export const gridTree = (
  root: string,
  grids: ReadonlyArray<{ readonly code: string; readonly parentCode: string | null }>,
  rows: ReadonlyArray<TotalsRow>,
  rounding: Rounding = defaultRounding
): GridNode => {
  const known = new Set(grids.map((g) => g.code))
  known.add(root)
  const own = new Map<string, Array<Totals>>()
  for (const row of rows) {
    let code = row.keys[0] ?? ""
    if (!code.startsWith(root)) continue
    while (!known.has(code)) code = code.slice(0, -1)
    const list = own.get(code)
    if (list === undefined) own.set(code, [row])
    else list.push(row)
  }
  const childrenOf = new Map<string, Array<string>>()
  for (const g of grids) {
    if (g.code === root || g.parentCode === null) continue
    const list = childrenOf.get(g.parentCode)
    if (list === undefined) childrenOf.set(g.parentCode, [g.code])
    else list.push(g.code)
  }
  const build = (code: string): GridNode => {
    const children = (childrenOf.get(code) ?? []).sort().map(build)
    const mine = sum(own.get(code) ?? [])
    const totals = sum([mine, ...children.map((c) => c.totals)])
    return { code, own: mine, totals, hours: hours(totals.minutes, rounding), children }
  }
  return build(root)
}
