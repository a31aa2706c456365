/**
 * The volunteer ledger's rules, as pure functions: a session's order, length and time
 * (none in the future), no two overlapping sessions of one volunteer, the recording
 * deadline's late flag, corrections (an entry is reversed once; a reversal is final),
 * redemptions within what is available, and a certificate's period and consent. Each
 * refusal names its rule (docs/rules.md §7) and the command field.
 *
 * @since 0.4.0
 */
import { Either } from "effect"
import * as RV from "../errors/RuleViolation.js"
import type { RuleViolation } from "../errors/RuleViolation.js"
import type { IsoDate } from "../time/IsoDate.js"
import { dayOf, type LocalMinute, minutesBetween } from "../time/LocalMinute.js"
import type { LedgerEntry } from "./LedgerEntry.js"
import * as WorkingCalendar from "./WorkingCalendar.js"

/**
 * A session's minutes, or why it is refused: it ends after it starts
 * (`ledger.session-order`), lasts no longer than the policy's limit
 * (`ledger.session-length`) and has ended by now (`ledger.future`). Across midnight it
 * counts from start to end.
 *
 * @since 0.4.0
 * @category rules
 */
export const sessionMinutes = (
  maxSessionMinutes: number,
  now: LocalMinute,
  session: { readonly startsAt: LocalMinute; readonly endsAt: LocalMinute },
  field = ""
): Either.Either<number, RuleViolation> => {
  const minutes = minutesBetween(session.startsAt, session.endsAt)
  if (minutes <= 0) {
    return RV.refuse(
      "ledger.session-order",
      `${field}endsAt`,
      `ledger.session-order: the session ends (${session.endsAt}) before or as it starts (${session.startsAt})`
    )
  }
  if (minutes > maxSessionMinutes) {
    return RV.refuse(
      "ledger.session-length",
      `${field}endsAt`,
      `ledger.session-length: the session lasts ${minutes} minutes, longer than the ${maxSessionMinutes} the policy accepts`
    )
  }
  if (session.endsAt > now) {
    return RV.refuse("ledger.future", `${field}endsAt`, `ledger.future: the session ends (${session.endsAt}) after now (${now})`)
  }
  return Either.right(minutes)
}

/**
 * Sessions of one volunteer, kept in start order, that answer whether a new one
 * overlaps any of them. Sessions touch without overlapping: one may start the minute
 * another ends.
 *
 * @since 0.4.0
 * @category models
 */
export interface Sessions {
  /** The seq of a session overlapping `[start, end)`, or undefined. */
  readonly overlapping: (start: LocalMinute, end: LocalMinute) => number | undefined
  readonly add: (start: LocalMinute, end: LocalMinute, seq: number) => void
  readonly remove: (seq: number) => void
}

/**
 * @since 0.4.0
 * @category constructors
 */
export const sessions = (): Sessions => {
  const starts: Array<string> = []
  const ends: Array<string> = []
  const seqs: Array<number> = []
  /** The first index whose start is at or after `t`. */
  const lowerBound = (t: string) => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (starts[mid]! < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return {
    overlapping: (start, end) => {
      const i = lowerBound(start)
      // Sessions never overlap each other, so only the one before can reach into the new one.
      if (i > 0 && ends[i - 1]! > start) return seqs[i - 1]
      if (i < starts.length && starts[i]! < end) return seqs[i]
      return undefined
    },
    add: (start, end, seq) => {
      const i = lowerBound(start)
      starts.splice(i, 0, start)
      ends.splice(i, 0, end)
      seqs.splice(i, 0, seq)
    },
    remove: (seq) => {
      const i = seqs.indexOf(seq)
      if (i < 0) return
      starts.splice(i, 1)
      ends.splice(i, 1)
      seqs.splice(i, 1)
    }
  }
}

/**
 * A refusal of a session that overlaps another of the same volunteer (`ledger.overlap`).
 *
 * @since 0.4.0
 * @category rules
 */
export const overlap = (seq: number, field = ""): RuleViolation =>
  RV.make("ledger.overlap", `${field}startsAt`, `ledger.overlap: the volunteer has a session (entry ${seq}) at the same time`)

/**
 * Whether a session recorded on a day is late: after the policy's number of working
 * days following the session's last day (第十一条: 10).
 *
 * @since 0.4.0
 * @category rules
 */
export const isLate = (
  calendar: WorkingCalendar.Calendar,
  endsAt: LocalMinute,
  recordedOn: IsoDate,
  deadlineDays: number
): boolean => WorkingCalendar.isLate(calendar, dayOf(endsAt), recordedOn, deadlineDays)

/**
 * Whether an entry may be corrected: it exists (`ledger.entry-exists`), is a session
 * (`ledger.reversal-final`: a reversal is not reversed), and has not been reversed
 * before (`ledger.reversed-once`).
 *
 * @since 0.4.0
 * @category rules
 */
export const correctable = (
  seq: number,
  entry: LedgerEntry | undefined,
  reversed: boolean
): Either.Either<LedgerEntry, RuleViolation> => {
  if (entry === undefined) return RV.refuse("ledger.entry-exists", "seq", `ledger.entry-exists: there is no entry ${seq}`)
  if (entry.kind === "reversal") {
    return RV.refuse(
      "ledger.reversal-final",
      "seq",
      `ledger.reversal-final: entry ${seq} is a reversal; correct the replacement, or record the session anew`
    )
  }
  if (reversed) return RV.refuse("ledger.reversed-once", "seq", `ledger.reversed-once: entry ${seq} was reversed before`)
  return Either.right(entry)
}

/**
 * A redemption within what is available (`ledger.points-available`).
 *
 * @since 0.4.0
 * @category rules
 */
export const redeemable = (points: number, available: number): Either.Either<number, RuleViolation> =>
  points <= available
    ? Either.right(points)
    : RV.refuse(
      "ledger.points-available",
      "points",
      `ledger.points-available: ${points} points asked for, ${available} available`
    )

/**
 * A redemption or write-off dated on or after the volunteer's latest one
 * (`ledger.points-order`): one dated earlier could spend points that later movements
 * already rest on.
 *
 * @since 0.4.0
 * @category rules
 */
export const movementOrder = (
  day: IsoDate,
  movements: ReadonlyArray<{ readonly on: IsoDate }>,
  field: string
): Either.Either<IsoDate, RuleViolation> => {
  const latest = movements.reduce<IsoDate | undefined>((d, m) => (d === undefined || m.on > d ? m.on : d), undefined)
  return latest === undefined || day >= latest
    ? Either.right(day)
    : RV.refuse(
      "ledger.points-order",
      field,
      `ledger.points-order: the volunteer's points last moved on ${latest}; a redemption or write-off is dated on or after it`
    )
}

/**
 * A replacement is the same volunteer's session (第十三条: a volunteer's own record is
 * corrected), `ledger.correction-volunteer`.
 *
 * @since 0.4.0
 * @category rules
 */
export const sameVolunteer = (seq: number, volunteerId: string): RuleViolation =>
  RV.make(
    "ledger.correction-volunteer",
    "replacement.volunteerId",
    `ledger.correction-volunteer: entry ${seq} is ${volunteerId}'s; its replacement is their session too`
  )

/**
 * One person, one registration (`ledger.citizen-id-registered`): an ID number registered
 * to a volunteer is not registered to another, so one person's sessions are one
 * volunteer's (no overlap slips between two ids, no certificate is split). The refusal
 * does not say to whom.
 *
 * @since 0.4.0
 * @category rules
 */
export const onePerson = (): RuleViolation =>
  RV.make(
    "ledger.citizen-id-registered",
    "citizenId",
    "ledger.citizen-id-registered: this ID number is registered to another volunteer"
  )

/**
 * A day not after today (`ledger.future`).
 *
 * @since 0.4.0
 * @category rules
 */
export const notAfter = (day: IsoDate, today: IsoDate, field: string): Either.Either<IsoDate, RuleViolation> =>
  day <= today ? Either.right(day) : RV.refuse("ledger.future", field, `ledger.future: ${day} is after today (${today})`)

/**
 * A certificate's period: from its start to its end (`ledger.period`), ended by today
 * (`ledger.future`).
 *
 * @since 0.4.0
 * @category rules
 */
export const period = (from: IsoDate, to: IsoDate, today: IsoDate): Either.Either<void, RuleViolation> =>
  from > to
    ? RV.refuse("ledger.period", "to", `ledger.period: the period ends (${to}) before it starts (${from})`)
    : Either.map(notAfter(to, today, "to"), () => undefined)

/**
 * Personal data disclosed only with the volunteer's consent on the day (第十六条,
 * `ledger.consent`).
 *
 * @since 0.4.0
 * @category rules
 */
export const disclosure = (disclose: boolean, consented: boolean): Either.Either<boolean, RuleViolation> =>
  !disclose || consented
    ? Either.right(disclose)
    : RV.refuse(
      "ledger.consent",
      "disclose",
      "ledger.consent: the volunteer has not consented to the disclosure of their personal data (第十六条)"
    )

/**
 * A refusal naming a record that does not exist (`ledger.<what>-exists`).
 *
 * @since 0.4.0
 * @category rules
 */
export const missing = (what: string, field: string, id: string): RuleViolation =>
  RV.make(`ledger.${what}-exists`, field, `ledger.${what}-exists: there is no ${what} ${id}`)

/**
 * A refusal of a registration whose id is taken by another record (`ledger.<what>-registered`).
 *
 * @since 0.4.0
 * @category rules
 */
export const taken = (what: string, id: string): RuleViolation =>
  RV.make(`ledger.${what}-registered`, "id", `ledger.${what}-registered: ${what} ${id} is registered with other details`)

/**
 * A refusal of a key the policy does not know (`ledger.category`, `ledger.programme`).
 *
 * @since 0.4.0
 * @category rules
 */
export const unknownKey = (what: "category" | "programme", field: string, key: string): RuleViolation =>
  RV.make(`ledger.${what}`, field, `ledger.${what}: ${key} is not a ${what} of the ledger's policy`)
