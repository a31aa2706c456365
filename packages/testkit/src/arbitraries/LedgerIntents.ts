/**
 * Random volunteer-ledger commands for a tenant: a scaffold (a street with two
 * communities, a team, volunteers and activities, one of them 五社联动), then steps —
 * sessions (good ones and ones a rule refuses: backwards, too long, in the future,
 * overlapping), retries of an earlier write with the same content, reuses of a key with
 * other content, corrections of any entry (replaced or not), redemptions, write-offs
 * and certificates — so that a suite can run them through the service and compare
 * stores, and check that no retried entry counts twice.
 *
 * @since 0.4.0
 */
import { FastCheck as fc } from "effect"

/**
 * The day the suites run on: the `TestClock` is set to its midnight UTC, 08:00 in
 * China Standard Time.
 *
 * @since 0.4.0
 * @category resolution
 */
export const today = "2024-12-31"

/**
 * `today` as epoch milliseconds, for `TestClock.setTime`.
 *
 * @since 0.4.0
 * @category resolution
 */
export const todayMs = Date.parse(`${today}T00:00:00Z`)

const volunteers = ["v1", "v2", "v3", "v4"]
const activities = ["a-community", "a-elderly", "a-wushe"]

/**
 * The grids (Grids commands) and the team (a CoConstructions command) a tenant's
 * ledger commands rest on.
 *
 * @since 0.4.0
 * @category scaffold
 */
export const scaffold = (tenant: string) => ({
  grids: [
    { _tag: "CreateGrid", code: tenant, name: "区", parentCode: null, validFrom: "2023-01-01" },
    { _tag: "CreateGrid", code: `${tenant}001`, name: "街道", parentCode: tenant, validFrom: "2023-01-01" },
    { _tag: "CreateGrid", code: `${tenant}001001`, name: "甲社区", parentCode: `${tenant}001`, validFrom: "2023-01-01" },
    { _tag: "CreateGrid", code: `${tenant}001002`, name: "乙社区", parentCode: `${tenant}001`, validFrom: "2023-01-01" }
  ] as ReadonlyArray<unknown>,
  coConstruction: [
    { _tag: "FormTeam", id: "team-1", name: "甲社区志愿服务队", gridCode: `${tenant}001001`, at: "2023-06-01" }
  ] as ReadonlyArray<unknown>,
  ledger: [
    ...volunteers.map((id, i) => ({
      _tag: "RegisterVolunteer",
      id,
      name: `志愿者${i + 1}`,
      phone: `1380000000${i}`,
      gridCode: `${tenant}00100${1 + (i % 2)}`,
      registeredOn: "2024-01-01"
    })),
    { _tag: "RecordConsent", volunteerId: "v1", given: true, on: "2024-01-01" },
    ...activities.map((id, i) => ({
      _tag: "RegisterActivity",
      id,
      name: `活动${i + 1}`,
      category: ["community", "elderly", "emergency"][i],
      programme: id === "a-wushe" ? "wushe" : null,
      organiser: `组织单位${i + 1}`,
      personInCharge: `负责人${i + 1}`,
      gridCode: `${tenant}00100${1 + (i % 2)}`,
      servicePoint: `sp-${i % 2}`,
      teamId: i === 0 ? "team-1" : null,
      registeredOn: "2024-01-01"
    }))
  ] as ReadonlyArray<unknown>
})

/**
 * One step: a fresh write, or a repeat (`again`) of the `of`-th earlier keyed write —
 * as it was (a retry) or with other content (a reuse of its key).
 *
 * @since 0.4.0
 * @category models
 */
export type Step =
  | { readonly _tag: "session"; readonly volunteer: number; readonly activity: number; readonly day: number; readonly hour: number; readonly minutes: number; readonly residents: number; readonly matters: number }
  | { readonly _tag: "correct"; readonly seq: number; readonly replace: boolean; readonly shift: number }
  | { readonly _tag: "redeem"; readonly volunteer: number; readonly points: number; readonly day: number }
  | { readonly _tag: "expire"; readonly volunteer: number; readonly day: number }
  | { readonly _tag: "certify"; readonly volunteer: number; readonly from: number; readonly length: number; readonly disclose: boolean }
  | { readonly _tag: "again"; readonly of: number; readonly same: boolean }

/**
 * @since 0.4.0
 * @category arbitraries
 */
export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("session" as const),
      volunteer: fc.nat(volunteers.length - 1),
      activity: fc.nat(activities.length - 1),
      // Days of 2024's last weeks, so that sessions meet (and the first days of 2025, in the future).
      day: fc.integer({ min: 352, max: 368 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: -30, max: 800 }),
      residents: fc.nat(30),
      matters: fc.nat(5)
    })
  },
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant("correct" as const), seq: fc.integer({ min: 1, max: 10 }), replace: fc.boolean(), shift: fc.integer({ min: -120, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("redeem" as const), volunteer: fc.nat(volunteers.length - 1), points: fc.integer({ min: 1, max: 4 }), day: fc.integer({ min: 340, max: 368 }) }) },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("expire" as const), volunteer: fc.nat(volunteers.length - 1), day: fc.integer({ min: 0, max: 368 }) }) },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("certify" as const), volunteer: fc.nat(volunteers.length - 1), from: fc.integer({ min: 0, max: 365 }), length: fc.integer({ min: -5, max: 200 }), disclose: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant("again" as const), of: fc.nat(), same: fc.boolean() }) }
)

const dayOf = (n: number): string => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10)
const minuteOf = (day: number, minutes: number): string =>
  new Date(Date.UTC(2024, 0, 1 + day) + minutes * 60_000).toISOString().slice(0, 16)

/**
 * The commands of the steps, in order; every keyed write gets a key of its own unless
 * it repeats an earlier one.
 *
 * @since 0.4.0
 * @category resolution
 */
export const commands = (steps: ReadonlyArray<Step>): ReadonlyArray<Record<string, unknown>> => {
  const out: Array<Record<string, unknown>> = []
  let n = 0
  const session = (s: Extract<Step, { _tag: "session" }>) => ({
    volunteerId: volunteers[s.volunteer],
    activityId: activities[s.activity],
    startsAt: minuteOf(s.day, s.hour * 60),
    endsAt: minuteOf(s.day, s.hour * 60 + s.minutes),
    content: `服务${s.day}-${s.hour}`,
    residentsServed: s.residents,
    mattersDone: s.matters
  })
  for (const s of steps) {
    const key = `k${n++}`
    switch (s._tag) {
      case "session":
        out.push({ _tag: "RecordService", key, ...session(s) })
        break
      case "correct":
        out.push({
          _tag: "CorrectEntry",
          key,
          seq: s.seq,
          reason: "记录有误",
          requester: "志愿者本人",
          replacement: s.replace
            ? { ...session({ _tag: "session", volunteer: s.seq % volunteers.length, activity: s.seq % activities.length, day: s.seq * 7 % 360, hour: 8, minutes: 60 + s.shift, residents: 1, matters: 0 }) }
            : null
        })
        break
      case "redeem":
        out.push({ _tag: "RedeemPoints", key, volunteerId: volunteers[s.volunteer], points: s.points, on: dayOf(s.day), reason: "兑换" })
        break
      case "expire":
        out.push({ _tag: "ExpirePoints", key, volunteerId: volunteers[s.volunteer], asOf: dayOf(s.day) })
        break
      case "certify":
        out.push({ _tag: "IssueCertificate", key, volunteerId: volunteers[s.volunteer], from: dayOf(s.from), to: dayOf(s.from + s.length), disclose: s.disclose })
        break
      case "again": {
        const keyed = out.filter((c) => "key" in c)
        if (keyed.length === 0) break
        const earlier = keyed[s.of % keyed.length]!
        out.push(
          s.same
            ? { ...earlier }
            : { _tag: "RedeemPoints", key: earlier["key"], volunteerId: "v1", points: 1, on: "2024-06-01", reason: "另作他用" }
        )
        break
      }
    }
  }
  return out
}
