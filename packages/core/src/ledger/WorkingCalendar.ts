/**
 * Working days (工作日), for the ledger's recording deadline: 《志愿服务记录与证明出具办法
 * （试行）》 第十一条 asks that service be recorded within 10 working days of the
 * activity. A calendar is data: Monday to Friday by default, the official holidays
 * (法定节假日, days off that fall on working days) and the make-up working days (调休上班,
 * weekend days worked) of the years a platform loads. The `WorkingCalendar` port gives
 * the service its calendar; without one, Monday to Friday.
 *
 * @since 0.4.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import { addDays, IsoDate } from "../time/IsoDate.js"

/**
 * A calendar's data: days off on weekdays, and weekend days worked.
 *
 * @since 0.4.0
 * @category schemas
 */
export const CalendarData = Schema.Struct({
  /** Official holidays and the rest days moved onto weekdays (法定节假日, 调休放假). */
  holidays: Schema.Array(IsoDate).pipe(Schema.maxItems(10_000)),
  /** Weekend days that are working days (调休上班). */
  workdays: Schema.Array(IsoDate).pipe(Schema.maxItems(10_000))
}).pipe(
  Schema.filter(({ holidays, workdays }) => {
    const off = new Set<string>(holidays)
    const clash = workdays.find((d) => off.has(d))
    return clash === undefined ||
      { path: ["workdays"], message: `working-calendar.clash: ${clash} is listed both as a holiday and as a working day` }
  })
)

/**
 * @since 0.4.0
 * @category models
 */
export interface CalendarData extends Schema.Schema.Type<typeof CalendarData> {}

/**
 * A calendar, ready to answer.
 *
 * @since 0.4.0
 * @category models
 */
export interface Calendar {
  readonly isWorkingDay: (day: IsoDate) => boolean
}

/** Monday 0 … Sunday 6 of a day (UTC, which dates are). */
const weekday = (day: IsoDate): number => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7

/**
 * A calendar of Monday to Friday, less the holidays, plus the make-up working days.
 * Throws the `ValidationError` of bad data (a layer is built from configuration).
 *
 * @since 0.4.0
 * @category constructors
 */
export const make = (data: typeof CalendarData.Encoded = { holidays: [], workdays: [] }): Calendar => {
  const valid = Either.getOrThrowWith(Decode.decodeEither(CalendarData, data), (error) => error)
  const off = new Set<string>(valid.holidays)
  const on = new Set<string>(valid.workdays)
  return { isWorkingDay: (day) => on.has(day) || (!off.has(day) && weekday(day) < 5) }
}

/**
 * The `n`-th working day after a day (n ≥ 1); the day itself does not count.
 *
 * @since 0.4.0
 * @category getters
 */
export const addWorkingDays = (calendar: Calendar, day: IsoDate, n: number): IsoDate => {
  let d = day
  for (let left = n; left > 0;) {
    d = addDays(d, 1)
    if (calendar.isWorkingDay(d)) left--
  }
  return d
}

/**
 * The last day an activity may be recorded on time: the `limit`-th working day after the
 * activity's day (第十一条: 10).
 *
 * @since 0.4.0
 * @category rules
 */
export const recordingDeadline = (calendar: Calendar, activityDay: IsoDate, limit = 10): IsoDate =>
  addWorkingDays(calendar, activityDay, limit)

/**
 * Whether an entry recorded on a day is late for an activity on another: recorded after
 * the deadline (`ledger.late`, a flag, not a refusal).
 *
 * @since 0.4.0
 * @category rules
 */
export const isLate = (calendar: Calendar, activityDay: IsoDate, recordedDay: IsoDate, limit = 10): boolean =>
  recordedDay > recordingDeadline(calendar, activityDay, limit)

/**
 * The calendar port.
 *
 * @since 0.4.0
 * @category tags
 */
export class WorkingCalendar extends Context.Reference<WorkingCalendar>()("@jiceng/core/WorkingCalendar", {
  defaultValue: (): Calendar => make()
}) {}

/**
 * A calendar from data: the year's holidays and make-up working days.
 *
 * @since 0.4.0
 * @category layers
 */
export const layer = (data: typeof CalendarData.Encoded): Layer.Layer<WorkingCalendar> => Layer.succeed(WorkingCalendar, make(data))
