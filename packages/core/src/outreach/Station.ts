/**
 * Service stations (驿站) for new-employment groups and residents: 爱心驿站, 小蜜蜂驿站,
 * 司机之家, 网约车驿站, 党群服务站 — where each is (its grid and exact address), who runs
 * it, when it opens (a weekly schedule), its facilities with counts (chargers, a car
 * wash, air conditioning …), its study corner (学习角) with its books, and the days it
 * opened and closed; and the use made of it (a day's count of users of a group, or one
 * member studying).
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { MemberId } from "../organisation/Member.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { GroupKind } from "./NewEmployment.js"

/**
 * A station's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const StationId = Text.Id.pipe(Schema.brand("StationId"))

/**
 * @since 0.5.0
 * @category models
 */
export type StationId = typeof StationId.Type

/**
 * A use record's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const UseId = Text.Id.pipe(Schema.brand("UseId"))

/**
 * @since 0.5.0
 * @category models
 */
export type UseId = typeof UseId.Type

/**
 * The kinds of station.
 *
 * @since 0.5.0
 * @category schemas
 */
export const StationKind = Schema.Literal("love_station", "bee_station", "drivers_home", "ride_hailing_station", "party_service_station")

/**
 * @since 0.5.0
 * @category models
 */
export type StationKind = typeof StationKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const kindLabels: Readonly<Record<StationKind, { readonly zh: string; readonly en: string }>> = {
  love_station: { zh: "爱心驿站", en: "love station" },
  bee_station: { zh: "小蜜蜂驿站", en: "little bee station" },
  drivers_home: { zh: "司机之家", en: "drivers' home" },
  ride_hailing_station: { zh: "网约车驿站", en: "ride-hailing station" },
  party_service_station: { zh: "党群服务站", en: "party and public service station" }
}

/**
 * A time of day, `HH:MM`, from `00:00` to `24:00` (the end of a day).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Clock = Schema.String.pipe(
  Schema.pattern(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: () => "a time of day HH:MM, 00:00 to 24:00" })
)

/**
 * An opening interval of a day, `[from, to)`.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Interval = Schema.Struct({ from: Clock, to: Clock })

/**
 * @since 0.5.0
 * @category models
 */
export interface Interval extends Schema.Schema.Type<typeof Interval> {}

/**
 * The days of the week, Monday first.
 *
 * @since 0.5.0
 * @category constants
 */
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const

const day = Schema.Array(Interval).pipe(Schema.maxItems(6))

/**
 * A weekly schedule: each day's opening intervals (none: closed that day).
 *
 * @since 0.5.0
 * @category schemas
 */
export const OpeningHours = Schema.Struct({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })

/**
 * @since 0.5.0
 * @category models
 */
export interface OpeningHours extends Schema.Schema.Type<typeof OpeningHours> {}

/** Minutes since midnight of a `HH:MM`. */
const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/**
 * What is wrong with a schedule (`outreach.opening-hours`): the first day whose
 * intervals do not each end after they start, in order, without overlapping — as
 * `[day index, interval index, why]` — or undefined when it is sound.
 *
 * @since 0.5.0
 * @category rules
 */
export const hoursProblem = (hours: OpeningHours): readonly [string, number, string] | undefined => {
  for (const name of weekdays) {
    const intervals = hours[name]
    for (let i = 0; i < intervals.length; i++) {
      const { from, to } = intervals[i]!
      if (minutes(to) <= minutes(from)) return [name, i, `${from}–${to} does not end after it starts`]
      if (i > 0 && minutes(from) < minutes(intervals[i - 1]!.to)) return [name, i, `${from}–${to} overlaps or precedes the interval before it`]
    }
  }
  return undefined
}

/**
 * The minutes a sound schedule is open in a week.
 *
 * @since 0.5.0
 * @category utils
 */
export const minutesPerWeek = (hours: OpeningHours): number =>
  weekdays.reduce((sum, name) => sum + hours[name].reduce((s, i) => s + minutes(i.to) - minutes(i.from), 0), 0)

/**
 * Open every day around the clock.
 *
 * @since 0.5.0
 * @category constants
 */
export const allDay: OpeningHours = Object.fromEntries(weekdays.map((d) => [d, [{ from: "00:00", to: "24:00" }]])) as unknown as OpeningHours

/**
 * Input keys a decoded record cannot keep as its own (`__proto__` would set the
 * prototype, and the facility would vanish silently): refused before decoding.
 */
const unkept = ["__proto__"]

/**
 * Facilities by their id in the configured list, each with a count (at least one). A key
 * such as `__proto__`, which a decoded record would drop, is refused as a
 * `ValidationError` of `outreach.facility-known` naming `facilities.__proto__`.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Facilities = Schema.Object.pipe(
  Schema.filter((input) => {
    const key = unkept.find((k) => Object.prototype.hasOwnProperty.call(input, k))
    return key === undefined ? undefined : { path: [key], message: `outreach.facility-known: ${key} is not a configured facility` }
  }),
  Schema.compose(Schema.Record({ key: Text.Id, value: Schema.Int.pipe(Schema.between(1, 100_000)) }), { strict: false })
)

/**
 * @since 0.5.0
 * @category models
 */
export type Facilities = typeof Facilities.Type

/**
 * A study corner (学习角): how many books it holds and the titles given out (赠阅书目).
 *
 * @since 0.5.0
 * @category schemas
 */
export const StudyCorner = Schema.Struct({
  books: Schema.Int.pipe(Schema.between(0, 1_000_000)),
  titles: Schema.Array(Text.Line(200)).pipe(Schema.maxItems(200))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface StudyCorner extends Schema.Schema.Type<typeof StudyCorner> {}

/**
 * A station. Its address is exact (masked in reads without `pii:read`).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Station = Schema.Struct({
  tenant: Tenant,
  id: StationId,
  name: Text.Name,
  kind: StationKind,
  gridCode: GridCode,
  address: Text.Address,
  organisationId: Schema.NullOr(OrganisationId),
  hours: OpeningHours,
  facilities: Facilities,
  studyCorner: Schema.NullOr(StudyCorner),
  openedOn: IsoDate,
  closedOn: Schema.NullOr(IsoDate)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Station extends Schema.Schema.Type<typeof Station> {}

/**
 * Who used a station: one of the new-employment groups, or residents.
 *
 * @since 0.5.0
 * @category schemas
 */
export const UserKind = Schema.Union(GroupKind, Schema.Literal("resident"))

/**
 * @since 0.5.0
 * @category models
 */
export type UserKind = typeof UserKind.Type

/**
 * A day's use of a station: how many users of a kind, or (with `memberId`) one party
 * member studying at its study corner.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Use = Schema.Struct({
  tenant: Tenant,
  id: UseId,
  stationId: StationId,
  on: IsoDate,
  userKind: UserKind,
  count: Schema.Int.pipe(Schema.between(1, 100_000)),
  memberId: Schema.NullOr(MemberId)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Use extends Schema.Schema.Type<typeof Use> {}
