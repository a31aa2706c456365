/**
 * Demand statistics of a period `[from, to)` (minutes), as definitions over demands and
 * their events recorded before `to`:
 *
 * - received: demands taken in during the period;
 * - resolved (办结): demands that stand resolved or closed at the period's end and whose
 *   last resolution fell in the period (a reopened demand counts when resolved again);
 * - on time: of those, resolved by their deadline; the on-time rate is on time ÷
 *   resolved (null when none);
 * - closed: return visits (回访) in the period, per satisfaction; the satisfaction rate
 *   is (满意 + 基本满意) ÷ closed (null when none);
 * - open: demands received before the period's end and still open at it.
 *
 * @since 0.5.0
 */
import type { LocalMinute } from "../time/LocalMinute.js"
import { type Demand, type DemandEvent, replay } from "./Demand.js"
import * as DemandState from "./DemandState.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface Measure {
  readonly received: number
  readonly resolved: number
  readonly onTime: number
  /** `onTime / resolved`, unrounded; null when nothing was resolved. */
  readonly onTimeRate: number | null
  readonly closed: number
  readonly satisfaction: Readonly<Record<DemandState.Satisfaction, number>>
  /** `(satisfied + basically) / closed`, unrounded; null when nothing was closed. */
  readonly satisfactionRate: number | null
  readonly open: number
}

/**
 * The measure of demands (each with its events, in seq order) over `[from, to)`.
 *
 * @since 0.5.0
 * @category rules
 */
export const measure = (
  rows: ReadonlyArray<{ readonly demand: Demand; readonly events: ReadonlyArray<DemandEvent> }>,
  from: LocalMinute,
  to: LocalMinute
): Measure => {
  let received = 0
  let resolved = 0
  let onTime = 0
  let open = 0
  const satisfaction = { satisfied: 0, basically: 0, unsatisfied: 0 }
  for (const { demand, events } of rows) {
    if (demand.requestedAt >= to) continue
    if (demand.requestedAt >= from) received++
    const before = events.filter((e) => e.at < to)
    const status = replay(demand, before)
    if (DemandState.open.has(status.state)) open++
    if ((status.state === "resolved" || status.state === "closed") && status.resolvedAt !== null && status.resolvedAt >= from) {
      resolved++
      if (status.resolvedAt <= demand.deadlineAt) onTime++
    }
    for (const e of before) if (e.kind === "close" && e.at >= from && e.satisfaction !== null) satisfaction[e.satisfaction]++
  }
  const closed = satisfaction.satisfied + satisfaction.basically + satisfaction.unsatisfied
  return {
    received,
    resolved,
    onTime,
    onTimeRate: resolved === 0 ? null : onTime / resolved,
    closed,
    satisfaction,
    satisfactionRate: closed === 0 ? null : (satisfaction.satisfied + satisfaction.basically) / closed,
    open
  }
}
