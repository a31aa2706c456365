/**
 * A wall-clock minute in China Standard Time, `YYYY-MM-DDTHH:mm`: when a volunteer's
 * session starts and ends. China has kept one offset (UTC+8) with no daylight saving
 * since 1991, so a minute names one instant and the minutes between two of them are
 * their difference, across midnight, month and year ends alike. Strings compare in time
 * order and read the same in every store.
 *
 * @since 0.4.0
 */
import { Clock, Effect, Schema } from "effect"
import { type IsoDate, isValid as isValidDate } from "./IsoDate.js"

const pattern = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/

/**
 * Whether a string is a real `YYYY-MM-DDTHH:mm` minute.
 *
 * @since 0.4.0
 * @category predicates
 */
export const isValid = (input: string): boolean => {
  const m = pattern.exec(input)
  return m !== null && isValidDate(m[1]!)
}

/**
 * A minute of China Standard Time, `YYYY-MM-DDTHH:mm`.
 *
 * @since 0.4.0
 * @category schemas
 */
export const LocalMinute = Schema.String.pipe(
  Schema.filter((s) => isValid(s) || "minute.format: expected a minute YYYY-MM-DDTHH:mm (China Standard Time)"),
  Schema.brand("LocalMinute")
)

/**
 * @since 0.4.0
 * @category models
 */
export type LocalMinute = typeof LocalMinute.Type

/** China Standard Time: a fixed +8 hours. */
const cstOffsetMinutes = 8 * 60

/**
 * Minutes since 1970-01-01T00:00 UTC of a minute.
 *
 * @since 0.4.0
 * @category getters
 */
export const toEpochMinutes = (t: LocalMinute): number => Date.parse(`${t}:00Z`) / 60_000 - cstOffsetMinutes

/**
 * The minute of an epoch-minutes count.
 *
 * @since 0.4.0
 * @category constructors
 */
export const fromEpochMinutes = (minutes: number): LocalMinute =>
  new Date((minutes + cstOffsetMinutes) * 60_000).toISOString().slice(0, 16) as LocalMinute

/**
 * The minutes from `start` to `end` (negative when `end` comes first).
 *
 * @since 0.4.0
 * @category getters
 */
export const minutesBetween = (start: LocalMinute, end: LocalMinute): number => toEpochMinutes(end) - toEpochMinutes(start)

/**
 * The calendar day of a minute.
 *
 * @since 0.4.0
 * @category getters
 */
export const dayOf = (t: LocalMinute): IsoDate => t.slice(0, 10) as IsoDate

/**
 * The first minute of a day.
 *
 * @since 0.4.0
 * @category constructors
 */
export const startOfDay = (day: IsoDate): LocalMinute => `${day}T00:00` as LocalMinute

/**
 * This minute in China Standard Time, from effect's Clock (so tests can move time).
 *
 * @since 0.4.0
 * @category constructors
 */
export const now: Effect.Effect<LocalMinute> = Effect.map(
  Clock.currentTimeMillis,
  (ms) => fromEpochMinutes(Math.floor(ms / 60_000))
)

/**
 * Unsafe cast for literals known to be valid; throws on a bad literal.
 *
 * @since 0.4.0
 * @category constructors
 */
export const unsafeMake = (input: string): LocalMinute => {
  if (!isValid(input)) throw new Error(`not a minute: ${input}`)
  return input as LocalMinute
}
