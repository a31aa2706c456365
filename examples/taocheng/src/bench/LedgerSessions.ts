/**
 * The ledger bench's synthetic sessions: `rows` `RecordService` commands over a
 * district's registered volunteers and activities, spread over one past year, made a
 * batch at a time from each session's number alone (so a million of them are never
 * held at once), the same every run.
 *
 * Session k belongs to volunteer k mod V (V volunteers), as that volunteer's
 * ⌊k / V⌋-th: the year is cut into one slot per session of a volunteer, and each session
 * lies inside its slot — 30 minutes to 4 hours (shorter when slots are), at any time of
 * day, some across midnight — so no volunteer's sessions overlap and all end before the
 * year does. Each is held in an activity of the volunteer's community when it has one
 * (else any). A batch of commands thus covers a few days of the whole district's
 * service, as a day-by-day import would.
 *
 * @since 0.4.0
 */
import { LocalMinute } from "@jiceng/core"
import type { Ledger } from "@jiceng/testkit"

/** A grid code's community: the district (6 digits), its street (3) and community (3). */
const COMMUNITY_LENGTH = 12

/** Minutes of a session: at least this, at most the slot or `LONGEST`. */
const SHORTEST = 30
const LONGEST = 240

const contents: ReadonlyArray<string> = [
  "入户走访独居老人，了解生活需求",
  "小区环境卫生清理",
  "政策宣传，发放宣传资料",
  "协助开展义诊和健康咨询",
  "夜间平安巡逻",
  "文明劝导，规范非机动车停放",
  "为居民调解邻里纠纷",
  "组织青少年课后托管活动"
]

/**
 * The sessions to make: the tenant, the volunteers (each with the activities of their
 * community, or of the district when it has none), the year and how many.
 *
 * @since 0.4.0
 * @category models
 */
export interface Plan {
  readonly tenant: string
  readonly year: number
  readonly rows: number
  readonly volunteers: ReadonlyArray<string>
  /** For volunteer i, the activities they may serve in. */
  readonly activitiesOf: ReadonlyArray<ReadonlyArray<string>>
  /** Minutes of a volunteer's slot: the year divided by their sessions. */
  readonly slot: number
  /** The year's first minute (00:00 China Standard Time on 1 January), in minutes since the epoch. */
  readonly origin: number
}

/**
 * The plan for `rows` sessions in `year` over a generated ledger's registered volunteers
 * and activities. Throws a RangeError when the year is not over by `now` (a session may
 * not end in the future) or the volunteers cannot give that many sessions in a year.
 *
 * @since 0.4.0
 * @category constructors
 */
export const plan = (
  ledger: Pick<Ledger.GeneratedLedger, "tenant" | "commands">,
  year: number,
  rows: number,
  now: Date = new Date()
): Plan => {
  const volunteers: Array<{ readonly id: string; readonly community: string }> = []
  const byCommunity = new Map<string, Array<string>>()
  const all: Array<string> = []
  for (const c of ledger.commands) {
    if (c._tag === "RegisterVolunteer") volunteers.push({ id: c.id, community: c.gridCode.slice(0, COMMUNITY_LENGTH) })
    if (c._tag === "RegisterActivity") {
      all.push(c.id)
      const community = c.gridCode.slice(0, COMMUNITY_LENGTH)
      const list = byCommunity.get(community)
      if (list === undefined) byCommunity.set(community, [c.id])
      else list.push(c.id)
    }
  }
  if (volunteers.length === 0 || all.length === 0) throw new RangeError("LedgerSessions.plan: no volunteers or no activities")
  const first = LocalMinute.toEpochMinutes(LocalMinute.unsafeMake(`${year}-01-01T00:00`))
  const next = LocalMinute.toEpochMinutes(LocalMinute.unsafeMake(`${year + 1}-01-01T00:00`))
  const nowMinutes = Math.floor(now.getTime() / 60_000)
  if (next > nowMinutes) throw new RangeError(`LedgerSessions.plan: the year ${year} is not over: sessions may not end in the future`)
  const perVolunteer = Math.max(1, Math.ceil(rows / volunteers.length))
  const slot = Math.floor((next - first) / perVolunteer)
  if (slot < SHORTEST) {
    throw new RangeError(
      `LedgerSessions.plan: ${rows} sessions of ${volunteers.length} volunteers do not fit in a year (${perVolunteer} each)`
    )
  }
  return {
    tenant: ledger.tenant,
    year,
    rows,
    volunteers: volunteers.map((v) => v.id),
    activitiesOf: volunteers.map((v) => byCommunity.get(v.community) ?? all),
    slot,
    origin: first
  }
}

/** A well-mixed 32-bit number from a session's number (no PRNG state needed). */
const mix = (k: number): number => {
  let h = Math.imul(k + 1, 2654435761)
  h ^= h >>> 15
  h = Math.imul(h, 2246822519)
  return (h ^ (h >>> 13)) >>> 0
}

/**
 * The k-th session's idempotency key.
 *
 * @since 0.4.0
 */
export const key = (k: number): string => `bench-${k}`

/**
 * Sessions `start` to `end − 1` as encoded `RecordService` commands, as a client would
 * send them to `VolunteerLedger.executeAll`.
 *
 * @since 0.4.0
 */
export const commands = (p: Plan, start: number, end: number): Array<Ledger.Command> => {
  const v = p.volunteers.length
  const longest = Math.min(LONGEST, p.slot)
  const out: Array<Ledger.Command> = new Array(end - start)
  for (let k = start; k < end; k++) {
    const h = mix(k)
    const i = k % v
    const minutes = SHORTEST + (h % (longest - SHORTEST + 1))
    const offset = (h >>> 8) % (p.slot - minutes + 1)
    const begin = p.origin + Math.floor(k / v) * p.slot + offset
    const activities = p.activitiesOf[i]!
    out[k - start] = {
      _tag: "RecordService",
      key: key(k),
      volunteerId: p.volunteers[i]!,
      activityId: activities[(h >>> 4) % activities.length]!,
      startsAt: LocalMinute.fromEpochMinutes(begin),
      endsAt: LocalMinute.fromEpochMinutes(begin + minutes),
      content: contents[(h >>> 12) % contents.length]!,
      residentsServed: (h >>> 16) % 7,
      mattersDone: (h >>> 20) % 3
    }
  }
  return out
}
