/**
 * 三会一课 compliance against a day-by-day reference written from the rule's text: a
 * slot is due when the organisation (with a committee, where the schedule needs one)
 * existed on every day of it, held when a meeting of the kind falls on one of its days.
 * Boundaries: the slot's first and last day count, the day after does not; a worked
 * example for 2024 whose missing list is written out by hand (quoted in the docs).
 */
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { Compliance, IsoDate, type Meeting as M, type Organisation as O, OrganisationConfig } from "@jiceng/core"

type Meeting = M.Meeting
type MeetingKind = M.MeetingKind
type Organisation = O.Organisation
type OrganisationKind = O.OrganisationKind

type Day = IsoDate.IsoDate
const defaults = OrganisationConfig.defaults
const kinds = ["general_meeting", "committee_meeting", "group_meeting", "party_lesson", "theme_day", "life_meeting"] as const
const frequencies = ["month", "quarter", "half_year", "year"] as const

const version = (
  id: string,
  validFrom: string,
  validTo: string | null,
  options: Partial<{ kind: OrganisationKind; hasCommittee: boolean; name: string }> = {}
): Organisation => ({
  tenant: "131102" as never,
  id: id as never,
  kind: options.kind ?? "branch",
  name: options.name ?? `${id}党支部`,
  parentId: null,
  sector: "community",
  grids: [],
  hasCommittee: options.hasCommittee ?? true,
  task: null,
  validFrom: validFrom as Day,
  validTo: validTo as Day | null,
  change: "form",
  predecessors: []
})

let meetingIds = 0
const meeting = (organisationId: string, kind: MeetingKind, date: string): Meeting => ({
  tenant: "131102" as never,
  id: `M${meetingIds++}` as never,
  organisationId: organisationId as never,
  kind,
  date: date as Day,
  topic: "学习",
  attendees: [],
  votes: []
})

const year2024 = { from: "2024-01-01" as Day, to: "2025-01-01" as Day }

// --- An independent reference, day by day, through Date ---------------------------

const base = Date.UTC(2022, 0, 1)
const dayAt = (n: number): Day => new Date(base + n * 86_400_000).toISOString().slice(0, 10) as Day
const daysOf = (from: string, to: string): Array<Day> => {
  const out: Array<Day> = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10) as Day)
  }
  return out
}
const refLabel = (frequency: (typeof frequencies)[number], day: string): string => {
  const d = new Date(`${day}T00:00:00Z`)
  const y = String(d.getUTCFullYear())
  const m = d.getUTCMonth()
  return frequency === "month"
    ? `${y}-${String(m + 1).padStart(2, "0")}`
    : frequency === "quarter"
    ? `${y}-Q${Math.floor(m / 3) + 1}`
    : frequency === "half_year"
    ? `${y}-H${Math.floor(m / 6) + 1}`
    : y
}
/** The slots wholly inside a period: label groups of its days that hold the slot's first and last day. */
const refSlots = (frequency: (typeof frequencies)[number], from: string, to: string): Array<{ label: string; days: Array<Day> }> => {
  const groups = new Map<string, Array<Day>>()
  for (const d of daysOf(from, to)) groups.set(refLabel(frequency, d), [...(groups.get(refLabel(frequency, d)) ?? []), d])
  return [...groups].filter(([label, days]) => {
    const first = days[0]!
    const last = days[days.length - 1]!
    const before = IsoDate.addDays(first, -1)
    const after = IsoDate.addDays(last, 1)
    return refLabel(frequency, before) !== label && refLabel(frequency, after) !== label
  }).map(([label, days]) => ({ label, days }))
}
const valid = (v: Organisation, d: string) => v.validFrom <= d && (v.validTo === null || d < v.validTo)

// --- Random histories --------------------------------------------------------------

const DayN = Schema.Int.pipe(Schema.between(0, 3 * 365))
/** An organisation's history: a formation day, then back-to-back versions of random lengths, maybe dissolved. */
const History = Schema.Struct({
  start: DayN,
  spans: Schema.Array(Schema.Struct({ days: Schema.Int.pipe(Schema.between(1, 200)), hasCommittee: Schema.Boolean }))
    .pipe(Schema.minItems(1), Schema.maxItems(5)),
  dissolved: Schema.Boolean,
  kind: Schema.Literal("branch", "joint_branch", "general_branch")
})
const Meetings = Schema.Array(Schema.Struct({
  organisation: Schema.Int.pipe(Schema.between(0, 2)),
  kind: Schema.Literal(...kinds),
  day: DayN
})).pipe(Schema.maxItems(60))
const PeriodN = Schema.Struct({ from: DayN, length: Schema.Int.pipe(Schema.between(0, 800)) })

const versionsOf = (id: string, h: typeof History.Type): Array<Organisation> => {
  let at = h.start
  return h.spans.map((s, i) => {
    const from = at
    at += s.days
    const last = i === h.spans.length - 1
    return version(id, dayAt(from), last && !h.dissolved ? null : dayAt(at), { kind: h.kind, hasCommittee: s.hasCommittee })
  })
}

describe("三会一课 compliance", () => {
  it.prop("due, held and missing agree with a day-by-day reference; totals add up; the rate is held/due", [
    Schema.Array(History).pipe(Schema.minItems(1), Schema.maxItems(3)),
    Meetings,
    PeriodN
  ], ([histories, rows, p]) => {
    const period = { from: dayAt(p.from), to: dayAt(p.from + p.length) }
    const organisations = histories.flatMap((h, i) => versionsOf(`O${i}`, h))
    const meetings = rows.map((r) => meeting(`O${r.organisation}`, r.kind, dayAt(r.day)))
    const report = Compliance.check(defaults, { organisations, meetings }, period)

    let due = 0
    let held = 0
    const missing: Array<string> = []
    for (const [i, h] of histories.entries()) {
      const id = `O${i}`
      const versions = organisations.filter((o) => o.id === id)
      const overlaps = versions.some((v) => v.validFrom < period.to && (v.validTo === null || v.validTo > period.from))
      const entry = report.organisations.find((o) => o.organisationId === id)
      if (!overlaps || h.kind === "general_branch") {
        // The default schedules apply to branches and joint branches only.
        expect(entry).toBeUndefined()
        continue
      }
      expect(entry!.meetings.map((m) => m.meetingKind)).toEqual(kinds)
      for (const k of entry!.meetings) {
        const schedule = defaults.meetings[k.meetingKind]!
        const slots = refSlots(schedule.frequency, period.from, period.to)
        const dueRef = slots.filter((s) =>
          s.days.every((d) => versions.some((v) => valid(v, d) && (!schedule.needsCommittee || v.hasCommittee)))
        )
        const heldRef = dueRef.filter((s) =>
          meetings.some((m) => m.organisationId === id && m.kind === k.meetingKind && s.days.includes(m.date))
        )
        expect(k.due.map((s) => s.label)).toEqual(dueRef.map((s) => s.label))
        expect(k.held.map((s) => s.label)).toEqual(heldRef.map((s) => s.label))
        // Missing is due minus held.
        expect(k.missing.map((s) => s.label)).toEqual(dueRef.filter((s) => !heldRef.includes(s)).map((s) => s.label))
        for (const s of k.due) {
          const days = dueRef.find((r) => r.label === s.label)!.days
          expect([s.from, s.to]).toEqual([days[0], IsoDate.addDays(days[days.length - 1]!, 1)])
        }
        due += dueRef.length
        held += heldRef.length
        for (const s of k.missing) missing.push(`${id} ${s.from} ${kinds.indexOf(k.meetingKind)} ${s.label}`)
      }
    }
    expect(report.summary).toEqual({ due, held, missing: due - held, rate: due === 0 ? 1 : held / due })
    expect(report.missing.map((m) => `${m.organisationId} ${m.slot.from} ${kinds.indexOf(m.meetingKind)} ${m.slot.label}`))
      .toEqual(missing.sort())
    for (const m of report.missing) {
      const lastDay = IsoDate.addDays(m.slot.to, -1)
      expect(m.name).toBe(organisations.find((o) => o.id === m.organisationId && valid(o, lastDay))!.name)
    }
    expect(Schema.decodeUnknownSync(Compliance.Report)(report)).toEqual(report)
  })

  it.prop("slots: every slot lies wholly inside the period, back to back, and none is left out", [
    Schema.Literal(...frequencies),
    PeriodN
  ], ([frequency, p]) => {
    const period = { from: dayAt(p.from), to: dayAt(p.from + p.length) }
    const slots = Compliance.slots(frequency, period)
    expect(slots.map((s) => s.label)).toEqual(refSlots(frequency, period.from, period.to).map((s) => s.label))
    for (const [i, s] of slots.entries()) {
      expect(s.from >= period.from && s.to <= period.to).toBe(true)
      expect(Compliance.label(frequency, s.from)).toBe(s.label)
      expect(Compliance.label(frequency, IsoDate.addDays(s.to, -1))).toBe(s.label)
      if (i > 0) expect(s.from).toBe(slots[i - 1]!.to)
    }
  })

  it.prop("a meeting on the slot's first or last day holds it; the day before or after does not", [
    Schema.Literal(...kinds),
    Schema.Int.pipe(Schema.between(0, 11)),
    Schema.Literal("first", "last", "before", "after")
  ], ([kind, n, where]) => {
    const schedule = defaults.meetings[kind]!
    const slots = Compliance.slots(schedule.frequency, year2024)
    const slot = slots[n % slots.length]!
    const date = where === "first"
      ? slot.from
      : where === "last"
      ? IsoDate.addDays(slot.to, -1)
      : where === "before"
      ? IsoDate.addDays(slot.from, -1)
      : slot.to
    const report = Compliance.check(defaults, {
      organisations: [version("B", "2020-01-01", null)],
      meetings: [meeting("B", kind, date)]
    }, year2024)
    const k = report.organisations[0]!.meetings.find((m) => m.meetingKind === kind)!
    expect(k.held.some((s) => s.label === slot.label)).toBe(where === "first" || where === "last")
    // The meeting counts for exactly one slot: the one holding its day, if that lies in the period.
    const inPeriod = date >= year2024.from && date < year2024.to
    expect(k.held.map((s) => s.label)).toEqual(inPeriod ? [Compliance.label(schedule.frequency, date)] : [])
  })

  it.prop("an organisation formed or dissolved mid-slot owes nothing for that slot", [
    Schema.Int.pipe(Schema.between(0, 365)),
    Schema.Boolean,
    Schema.Boolean
  ], ([n, formed, firstOfMonth]) => {
    // A day of 2024 — half the time the 1st of its month, where a slot may begin — on which
    // it was formed, or dissolved (its last day the day before).
    const any = IsoDate.addDays("2024-01-01" as Day, n)
    const day = firstOfMonth ? `${any.slice(0, 8)}01` as Day : any
    const report = Compliance.check(defaults, {
      organisations: [formed ? version("B", day, null) : version("B", "2020-01-01", day)],
      meetings: []
    }, year2024)
    const entry = report.organisations[0]
    // Dissolved on the period's first day: it never existed in the period.
    expect(entry === undefined).toBe(!formed && day === year2024.from)
    for (const k of entry?.meetings ?? []) {
      for (const slot of Compliance.slots(k.frequency, year2024)) {
        const owed = formed ? slot.from >= day : slot.to <= day
        expect(k.due.some((s) => s.label === slot.label)).toBe(owed)
      }
    }
  })

  it.prop("a merge hands the slot it falls in to the organisation it forms: owed once, held by a meeting of any of them", [
    Schema.Int.pipe(Schema.between(0, 365)),
    Schema.Int.pipe(Schema.between(0, 400)),
    Meetings
  ], ([n, late, rows]) => {
    // A and B merge into C on day m of 2024; B may have been formed late (then it owes
    // fewer slots, and A still covers the merge's slot).
    const m = IsoDate.addDays("2024-01-01" as Day, n)
    const bFrom = IsoDate.addDays("2023-06-01" as Day, late)
    if (bFrom >= m) return
    const organisations = [
      version("A", "2020-01-01", m),
      version("B", bFrom, m),
      { ...version("C", m, null), change: "merge" as const, predecessors: ["A", "B"] as never }
    ]
    const names = ["A", "B", "C"]
    const meetings = rows.map((r) => meeting(names[r.organisation]!, r.kind, dayAt(r.day)))
    const report = Compliance.check(defaults, { organisations, meetings }, year2024)
    const byId = (id: string, kind: MeetingKind) =>
      report.organisations.find((o) => o.organisationId === id)?.meetings.find((k) => k.meetingKind === kind)
    for (const kind of kinds) {
      const schedule = defaults.meetings[kind]!
      for (const slot of refSlots(schedule.frequency, year2024.from, year2024.to)) {
        const first = slot.days[0]!
        const straddles = first < m && slot.days.includes(m)
        // The reference, from the rule's text: who owes the slot, and what holds it. A and
        // B each owe the slots they existed through; the slot of the merge is C's alone.
        const owes = (id: string) =>
          id === "C"
            ? first >= m || straddles
            : slot.days.every((d) => valid(organisations[names.indexOf(id)]!, d))
        for (const id of names) {
          const k = byId(id, kind)
          const due = k?.due.some((s) => s.label === slot.label) ?? false
          expect(due, `${id} ${kind} ${slot.label}`).toBe(owes(id))
          if (!due) continue
          const holders = id === "C" && straddles ? names : [id]
          const heldRef = meetings.some((x) => holders.includes(x.organisationId) && x.kind === kind && slot.days.includes(x.date))
          expect(k!.held.some((s) => s.label === slot.label), `${id} ${kind} ${slot.label} held`).toBe(heldRef)
        }
        // Someone owes every slot of 2024 (A existed from 2020), the merge's slot only C.
        const owners = names.filter((id) => byId(id, kind)?.due.some((s) => s.label === slot.label) ?? false)
        expect(owners.length > 0 && (!straddles || owners.join() === "C")).toBe(true)
      }
    }
  })

  it("formed or dissolved around a quarter's first day: the day before, the day, the day after", () => {
    const generalMeetings = (organisation: Organisation) =>
      Compliance.check(defaults, { organisations: [organisation], meetings: [] }, year2024).organisations[0]!
        .meetings.find((m) => m.meetingKind === "general_meeting")!.due.map((s) => s.label)
    expect(generalMeetings(version("B", "2024-03-31", null))).toEqual(["2024-Q2", "2024-Q3", "2024-Q4"])
    expect(generalMeetings(version("B", "2024-04-01", null))).toEqual(["2024-Q2", "2024-Q3", "2024-Q4"])
    expect(generalMeetings(version("B", "2024-04-02", null))).toEqual(["2024-Q3", "2024-Q4"])
    // Dissolved on a day: its last day is the day before.
    expect(generalMeetings(version("B", "2020-01-01", "2024-03-31"))).toEqual([])
    expect(generalMeetings(version("B", "2020-01-01", "2024-04-01"))).toEqual(["2024-Q1"])
    expect(generalMeetings(version("B", "2020-01-01", "2024-04-02"))).toEqual(["2024-Q1"])
  })

  it.prop("back-to-back versions count as one: a rename mid-slot changes nothing but the name", [
    Schema.Int.pipe(Schema.between(1, 365))
  ], ([n]) => {
    const day = IsoDate.addDays("2024-01-01" as Day, n)
    const whole = Compliance.check(defaults, { organisations: [version("B", "2023-01-01", null)], meetings: [] }, year2024)
    const split = Compliance.check(defaults, {
      organisations: [version("B", "2023-01-01", day, { name: "旧名" }), version("B", day, null, { name: "新名" })],
      meetings: []
    }, year2024)
    expect(split.summary).toEqual(whole.summary)
    expect(split.organisations[0]!.meetings).toEqual(whole.organisations[0]!.meetings)
    for (const m of split.missing) expect(m.name).toBe(m.slot.to <= day ? "旧名" : "新名")
  })

  it.prop("committee meetings are not due without a branch committee, even when one was recorded", [
    Schema.Array(Schema.Int.pipe(Schema.between(0, 365))).pipe(Schema.maxItems(12)),
    Schema.Int.pipe(Schema.between(1, 365))
  ], ([days, n]) => {
    const meetings = days.map((d) => meeting("B", "committee_meeting", IsoDate.addDays("2024-01-01" as Day, d)))
    const none = Compliance.check(defaults, { organisations: [version("B", "2020-01-01", null, { hasCommittee: false })], meetings }, year2024)
    const committee = none.organisations[0]!.meetings.find((m) => m.meetingKind === "committee_meeting")!
    expect([committee.due, committee.held, committee.missing]).toEqual([[], [], []])
    // A committee set up mid-year: due from the first whole month with it.
    const day = IsoDate.addDays("2024-01-01" as Day, n)
    const later = Compliance.check(defaults, {
      organisations: [
        version("B", "2020-01-01", day, { hasCommittee: false }),
        version("B", day, null, { hasCommittee: true })
      ],
      meetings
    }, year2024)
    const due = later.organisations[0]!.meetings.find((m) => m.meetingKind === "committee_meeting")!.due
    expect(due.map((s) => s.label)).toEqual(
      Compliance.slots("month", year2024).filter((s) => s.from >= day).map((s) => s.label)
    )
  })

  it("nothing due: an empty period, or no organisation, has rate 1", () => {
    const empty = Compliance.check(defaults, { organisations: [], meetings: [] }, year2024)
    expect(empty.summary).toEqual({ due: 0, held: 0, missing: 0, rate: 1 })
    const none = Compliance.check(defaults, {
      organisations: [version("B", "2020-01-01", null)],
      meetings: []
    }, { from: "2024-03-05" as Day, to: "2024-03-05" as Day })
    expect(none.summary.rate).toBe(1)
    // A period that starts mid-month leaves that month out; the rest of the quarter too.
    const partial = Compliance.check(defaults, {
      organisations: [version("B", "2020-01-01", null)],
      meetings: []
    }, { from: "2024-01-02" as Day, to: "2024-07-01" as Day })
    expect(partial.missing.filter((m) => m.meetingKind === "general_meeting").map((m) => m.slot.label)).toEqual(["2024-Q2"])
    expect(partial.missing.filter((m) => m.meetingKind === "theme_day").map((m) => m.slot.label))
      .toEqual(["2024-02", "2024-03", "2024-04", "2024-05", "2024-06"])
  })

  it("a policy applies to the kinds it names, at the frequency it names", () => {
    const config = OrganisationConfig.make({
      meetings: { life_meeting: { frequency: "half_year", kinds: ["general_branch"], needsCommittee: false } }
    })
    const report = Compliance.check(config, {
      organisations: [version("B", "2020-01-01", null), version("G", "2020-01-01", null, { kind: "general_branch" })],
      meetings: [meeting("G", "life_meeting", "2024-06-30"), meeting("B", "life_meeting", "2024-07-01")]
    }, year2024)
    expect(report.organisations.map((o) => o.organisationId)).toEqual(["G"])
    expect(report.missing.map((m) => [m.organisationId, m.slot.label, m.reason])).toEqual([
      ["G", "2024-H2", { zh: "2024-H2 无组织生活会", en: "no organisational life meeting in 2024-H2" }]
    ])
  })

  it("worked example: 幸福社区第一党支部 in 2024", () => {
    const organisations = [version("P001", "2023-06-01", null, { name: "幸福社区第一党支部", hasCommittee: true })]
    const held: Record<MeetingKind, ReadonlyArray<string>> = {
      // Quarterly; none in Q3. The meeting of 2023-12-29 lies before the period.
      general_meeting: ["2023-12-29", "2024-03-28", "2024-06-30", "2024-12-31"],
      // Monthly (the branch has a committee); none in August.
      committee_meeting: [
        "2024-01-05", "2024-02-05", "2024-03-05", "2024-04-07", "2024-05-06", "2024-06-05",
        "2024-07-05", "2024-09-05", "2024-10-08", "2024-11-05", "2024-12-05"
      ],
      // Monthly; none in February.
      group_meeting: [
        "2024-01-12", "2024-03-12", "2024-04-12", "2024-05-12", "2024-06-12", "2024-07-12",
        "2024-08-12", "2024-09-12", "2024-10-12", "2024-11-12", "2024-12-12"
      ],
      // Quarterly; a quarter's last day and first day both count; none in Q4.
      party_lesson: ["2024-03-31", "2024-04-01", "2024-09-30"],
      // Monthly; two in November do not make up for December.
      theme_day: [
        "2024-01-20", "2024-02-20", "2024-03-20", "2024-04-20", "2024-05-20", "2024-06-20",
        "2024-07-20", "2024-08-20", "2024-09-20", "2024-10-20", "2024-11-20", "2024-11-27"
      ],
      // Yearly; the 2024 组织生活会 held in January 2025 counts for 2025, not 2024.
      life_meeting: ["2025-01-10"]
    }
    const meetings = kinds.flatMap((k) => held[k].map((d) => meeting("P001", k, d)))
    const report = Compliance.check(defaults, { organisations, meetings }, year2024)

    const slot = (from: string, to: string, label: string) => ({ from, to, label })
    const name = "幸福社区第一党支部"
    expect(report.missing).toEqual([
      {
        organisationId: "P001", name, meetingKind: "life_meeting",
        slot: slot("2024-01-01", "2025-01-01", "2024"),
        reason: { zh: "2024 无组织生活会", en: "no organisational life meeting in 2024" }
      },
      {
        organisationId: "P001", name, meetingKind: "group_meeting",
        slot: slot("2024-02-01", "2024-03-01", "2024-02"),
        reason: { zh: "2024-02 无党小组会", en: "no Party group meeting in 2024-02" }
      },
      {
        organisationId: "P001", name, meetingKind: "general_meeting",
        slot: slot("2024-07-01", "2024-10-01", "2024-Q3"),
        reason: { zh: "2024-Q3 无支部党员大会", en: "no branch general meeting in 2024-Q3" }
      },
      {
        organisationId: "P001", name, meetingKind: "committee_meeting",
        slot: slot("2024-08-01", "2024-09-01", "2024-08"),
        reason: { zh: "2024-08 无支委会", en: "no branch committee meeting in 2024-08" }
      },
      {
        organisationId: "P001", name, meetingKind: "party_lesson",
        slot: slot("2024-10-01", "2025-01-01", "2024-Q4"),
        reason: { zh: "2024-Q4 无党课", en: "no Party lesson in 2024-Q4" }
      },
      {
        organisationId: "P001", name, meetingKind: "theme_day",
        slot: slot("2024-12-01", "2025-01-01", "2024-12"),
        reason: { zh: "2024-12 无主题党日", en: "no theme Party day in 2024-12" }
      }
    ])
    // 4 general meetings + 12 committee + 12 group + 4 lessons + 12 theme days + 1 life meeting.
    expect(report.summary).toEqual({ due: 45, held: 39, missing: 6, rate: 39 / 45 })
    expect(report.organisations[0]!.meetings.map((m) => [m.meetingKind, m.due.length, m.held.length])).toEqual([
      ["general_meeting", 4, 3],
      ["committee_meeting", 12, 11],
      ["group_meeting", 12, 11],
      ["party_lesson", 4, 3],
      ["theme_day", 12, 11],
      ["life_meeting", 1, 0]
    ])
  })
})
