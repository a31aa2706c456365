/**
 * Points (志愿积分): earned on each session by the policy's rule (⌊minutes × the
 * category's points per hour / 60⌋, negated by a reversal), redeemed never beyond what
 * is available, and, when the policy says so, expiring a number of days after the
 * session's day. A balance is the sum of a volunteer's movements — the points of their
 * entries, their redemptions and their expiries written off — and nothing else.
 *
 * What is available on a day is the balance less the points that expired by then and
 * were not yet written off. Points are spent first in, first out: a redemption or an
 * expiry takes from the oldest points first, so the points that expire are those
 * earned longest ago and not spent; a reversal takes back its own session's points
 * first (and from the oldest others what was already spent of them).
 *
 * @since 0.4.0
 */
import { addDays, type IsoDate } from "../time/IsoDate.js"
import type { LedgerEntry } from "./LedgerEntry.js"
import { dayOf } from "../time/LocalMinute.js"
import type { PointMovement } from "./PointMovement.js"

/**
 * The points a session earns.
 *
 * @since 0.4.0
 * @category getters
 */
export const earned = (minutes: number, pointsPerHour: number): number => Math.floor((minutes * pointsPerHour) / 60)

/**
 * A volunteer's points on a day.
 *
 * @since 0.4.0
 * @category models
 */
export interface PointsState {
  /** The sum of every movement dated by the day. */
  readonly balance: number
  /** Expired by the day and not yet written off. */
  readonly expired: number
  /** What may be redeemed: the balance less what expired, never below zero. */
  readonly available: number
}

interface Lot {
  readonly seq: number
  readonly expiresOn: IsoDate | null
  left: number
}

/**
 * A volunteer's points on a day from their entries carrying points (any order) and
 * their movements (any order); only what is dated by the day counts (an entry by its
 * session's day, a movement by its own). `validForDays` null: points never expire.
 *
 * @since 0.4.0
 * @category getters
 */
export const state = (
  entries: ReadonlyArray<Pick<LedgerEntry, "seq" | "kind" | "points" | "startsAt" | "reverses">>,
  movements: ReadonlyArray<Pick<PointMovement, "points" | "on" | "key" | "kind">>,
  asOf: IsoDate,
  validForDays: number | null
): PointsState => {
  type Event =
    | { readonly day: IsoDate; readonly order: number; readonly earn: true; readonly seq: number; readonly points: number }
    | {
      readonly day: IsoDate
      readonly order: number
      readonly earn: false
      readonly points: number
      readonly reverses: number | null
      readonly expiry: boolean
    }
  const events: Array<Event> = []
  for (const e of entries) {
    const day = dayOf(e.startsAt)
    if (day > asOf || e.points === 0) continue
    events.push(
      e.kind === "service"
        ? { day, order: e.seq, earn: true, seq: e.seq, points: e.points }
        : { day, order: e.seq, earn: false, points: -e.points, reverses: e.reverses, expiry: false }
    )
  }
  // Movements after the entries of their day; among themselves by key (a stable order).
  const sorted = movements.filter((m) => m.on <= asOf).slice().sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.key < b.key ? -1 : 1))
  sorted.forEach((m, i) =>
    events.push({
      day: m.on,
      order: Number.MAX_SAFE_INTEGER - sorted.length + i,
      earn: false,
      points: -m.points,
      reverses: null,
      expiry: m.kind === "expire"
    })
  )
  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.order - b.order))

  const lots: Array<Lot> = []
  let debt = 0
  let balance = 0
  const expiredOn = (lot: Lot, day: IsoDate) => lot.expiresOn !== null && lot.expiresOn <= day
  /** Takes points: a write-off from the lots expired by the day, anything else from its own lot first and then the oldest unexpired. */
  const take = (amount: number, day: IsoDate, expiry: boolean, own: Lot | undefined) => {
    let rest = amount
    if (own !== undefined) {
      const n = Math.min(own.left, rest)
      own.left -= n
      rest -= n
    }
    for (const lot of lots) {
      if (rest === 0) break
      if (expiredOn(lot, day) !== expiry) continue
      const n = Math.min(lot.left, rest)
      lot.left -= n
      rest -= n
    }
    debt += rest
  }
  for (const ev of events) {
    if (ev.earn) {
      balance += ev.points
      const lot: Lot = { seq: ev.seq, expiresOn: validForDays === null ? null : addDays(ev.day, validForDays), left: ev.points }
      lots.push(lot)
      // Points owed (a reversal of points already spent) are paid from what comes next.
      if (debt > 0) {
        const n = Math.min(debt, lot.left)
        lot.left -= n
        debt -= n
      }
    } else {
      balance -= ev.points
      take(ev.points, ev.day, ev.expiry, ev.reverses === null ? undefined : lots.find((l) => l.seq === ev.reverses))
    }
  }
  let expired = 0
  for (const lot of lots) if (expiredOn(lot, asOf)) expired += lot.left
  return { balance, expired, available: Math.max(0, balance - expired) }
}
