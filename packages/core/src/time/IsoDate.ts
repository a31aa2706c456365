/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). Strings compare in date order, read
 * the same in every store and need no time zone; days are the grain of validity
 * intervals. "Today" is China Standard Time (UTC+8), where the library's users are.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whether a `YYYY-MM-DD` string names a real calendar day (leap years included).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (input: string): boolean => {
  const m = pattern.exec(input)
  if (m === null) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

/**
 * @since 0.1.0
 * @category utils
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/**
 * @since 0.1.0
 * @category utils
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * A calendar date, `YYYY-MM-DD`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoDate = Schema.String.pipe(
  Schema.filter((s) => isValid(s) || "date.format: expected a calendar date YYYY-MM-DD"),
  Schema.brand("IsoDate")
)

/**
 * @since 0.1.0
 * @category models
 */
export type IsoDate = typeof IsoDate.Type

/** China Standard Time has no daylight saving: a fixed +8 hours. */
const cstOffsetMs = 8 * 60 * 60 * 1000

/**
 * The CST calendar day of an epoch-milliseconds instant.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromEpochMillis = (ms: number): IsoDate =>
  new Date(ms + cstOffsetMs).toISOString().slice(0, 10) as IsoDate

/**
 * Today in China Standard Time, from effect's Clock (so tests can move time).
 *
 * @since 0.1.0
 * @category constructors
 */
export const today: Effect.Effect<IsoDate> = Effect.map(Clock.currentTimeMillis, fromEpochMillis)

/**
 * Unsafe cast for literals known to be valid; throws on a bad literal so that a typo
 * in code fails at once rather than writing a bad date.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (input: string): IsoDate => {
  if (!isValid(input)) throw new Error(`not a calendar date: ${input}`)
  return input as IsoDate
}

/**
 * Adds whole days. Throws a RangeError for a fractional count or a result outside the
 * years 0001–9999, which would not be a date of this format.
 *
 * @since 0.1.0
 * @category utils
 */
export const addDays = (date: IsoDate, days: number): IsoDate => {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: ${days} is not a whole number of days`)
  const result = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
  if (!isValid(result)) throw new RangeError(`addDays: ${date} + ${days} days lies outside the years 0001–9999`)
  return result as IsoDate
}

/**
 * The same day of the month `months` later (or earlier, when negative). Where that month
 * has no such day (31 January plus one month, 29 February plus a year), the first day of
 * the month after: a period "of one year" from 29 February 2024 runs to 1 March 2025, so
 * that it is never shorter than its length. Throws a RangeError for a fractional count
 * or a result outside the years 0001–9999.
 *
 * @since 0.5.0
 * @category utils
 */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  if (!Number.isInteger(months)) throw new RangeError(`addMonths: ${months} is not a whole number of months`)
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  if (year < 1 || year > 9999) throw new RangeError(`addMonths: ${date} + ${months} months lies outside the years 0001–9999`)
  const day = Number(date.slice(8, 10))
  const ym = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`
  if (day <= daysInMonth(year, month)) return `${ym}-${date.slice(8, 10)}` as IsoDate
  return addDays(`${ym}-${String(daysInMonth(year, month)).padStart(2, "0")}` as IsoDate, 1)
}

/**
 * The whole days from one date to another: negative when `to` comes first. Defined for
 * every pair of dates of this format, unlike `addDays`, which cannot step past 9999.
 *
 * @since 0.2.0
 * @category utils
 */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * Validity intervals are half-open, `[validFrom, validTo)`; `validTo` null is open-ended.
 *
 * @since 0.1.0
 * @category predicates
 */
export const within = (at: IsoDate, validFrom: IsoDate, validTo: IsoDate | null): boolean =>
  validFrom <= at && (validTo === null || at < validTo)

/**
 * Whether two half-open intervals share a day.
 *
 * @since 0.1.0
 * @category predicates
 */
export const overlaps = (
  aFrom: IsoDate,
  aTo: IsoDate | null,
  bFrom: IsoDate,
  bTo: IsoDate | null
): boolean => (bTo === null || aFrom < bTo) && (aTo === null || bFrom < aTo)
