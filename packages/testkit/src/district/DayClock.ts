/**
 * A clock stopped at the last minute of a day in China Standard Time, for writing a
 * generated history day by day: services that stamp today's date (the ledger's
 * recording day, its `ledger.future` check) then see the day the generator meant. Sleeping
 * still waits on the real clock, so a store's retries behave as they would.
 *
 * @since 0.4.0
 */
import { Clock, type Duration, Effect } from "effect"

/**
 * The clock at `day`T23:59 China Standard Time (UTC+8).
 *
 * @since 0.4.0
 * @category constructors
 */
export const at = (day: string): Clock.Clock => {
  const millis = Date.parse(`${day}T23:59:00+08:00`)
  if (Number.isNaN(millis)) throw new RangeError(`DayClock.at: ${day} is not a day YYYY-MM-DD`)
  const real = Clock.make()
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => millis,
    currentTimeMillis: Effect.succeed(millis),
    unsafeCurrentTimeNanos: () => BigInt(millis) * 1_000_000n,
    currentTimeNanos: Effect.succeed(BigInt(millis) * 1_000_000n),
    sleep: (duration: Duration.Duration) => real.sleep(duration)
  }
}
