import { describe, expect, it } from "@effect/vitest"
import { IsoDate, LedgerCommand, LedgerConfig, LocalMinute, WorkingCalendar } from "@jiceng/core"
import { Either, Schema } from "effect"
import * as CoConstruction from "../src/district/CoConstruction.js"
import * as District from "../src/district/District.js"
import * as Ledger from "../src/district/Ledger.js"
import * as Party from "../src/district/Party.js"

type Command = Ledger.Command
type Of<T extends Command["_tag"]> = Extract<Command, { _tag: T }>
type Fields = Omit<Of<"RecordService">, "_tag" | "key">

const of = <T extends Command["_tag"]>(l: Ledger.GeneratedLedger, tag: T): Array<Of<T>> =>
  l.commands.filter((x): x is Of<T> => x._tag === tag)

// The full 桃城区 (its layout, party and co-construction), then its year of service.
const taocheng = District.plan()
const party = Party.generate(taocheng)
const co = CoConstruction.generate(taocheng, party)
const ledger = Ledger.generate(taocheng, party, co)

// A scaled-down 桃城区, as the other generators' tests use.
const scaled = { seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 600 }

const pointsPerHour = new Map(LedgerConfig.defaults.categories.map((c) => [c.key, c.pointsPerHour]))
const minutesOf = (s: Fields) => LocalMinute.minutesBetween(LocalMinute.unsafeMake(s.startsAt), LocalMinute.unsafeMake(s.endsAt))

interface Standing {
  readonly seq: number
  readonly session: Fields
  readonly activity: Of<"RegisterActivity">
  readonly points: number
}

/**
 * Replays the commands as the ledger would take them in a fresh tenant: seqs from 1, a
 * correction reverses its entry and appends its replacement. Collects the overlaps and
 * what is refused on the way, and returns the sessions standing at the end.
 */
const replay = (l: Ledger.GeneratedLedger) => {
  const activities = new Map<string, Of<"RegisterActivity">>()
  const volunteers = new Map<string, Of<"RegisterVolunteer">>()
  const standing = new Map<number, Standing>()
  const byVolunteer = new Map<string, Set<Standing>>()
  const problems: Array<string> = []
  let seq = 0
  const add = (session: Fields, at: string) => {
    const activity = activities.get(session.activityId)
    const volunteer = volunteers.get(session.volunteerId)
    if (activity === undefined) problems.push(`${at}: activity ${session.activityId} not registered before`)
    if (volunteer === undefined) problems.push(`${at}: volunteer ${session.volunteerId} not registered before`)
    const day = session.startsAt.slice(0, 10)
    if (volunteer !== undefined && volunteer.registeredOn > day) problems.push(`${at}: volunteer registered after the session`)
    if (activity !== undefined && activity.registeredOn > day) problems.push(`${at}: activity registered after the session`)
    for (const other of (byVolunteer.get(session.volunteerId) ?? new Set<Standing>())) {
      const s = other.session
      if (s.volunteerId === session.volunteerId && s.startsAt < session.endsAt && s.endsAt > session.startsAt) {
        problems.push(`${at}: overlaps entry ${other.seq} of ${s.volunteerId}`)
      }
    }
    seq++
    const entry: Standing = {
      seq,
      session,
      activity: activity!,
      points: Math.floor((minutesOf(session) * (pointsPerHour.get(activity?.category ?? "") ?? 0)) / 60)
    }
    standing.set(seq, entry)
    const mine = byVolunteer.get(session.volunteerId) ?? new Set<Standing>()
    byVolunteer.set(session.volunteerId, mine.add(entry))
  }
  for (const [i, c] of l.commands.entries()) {
    const at = `command ${i + 1} (${c._tag})`
    switch (c._tag) {
      case "RegisterVolunteer":
        volunteers.set(c.id, c)
        break
      case "RegisterActivity":
        activities.set(c.id, c)
        break
      case "RecordService":
        add(c, at)
        break
      case "CorrectEntry": {
        const original = standing.get(c.seq)
        if (original === undefined) problems.push(`${at}: entry ${c.seq} is not standing`)
        else {
          standing.delete(c.seq)
          byVolunteer.get(original.session.volunteerId)!.delete(original)
        }
        seq++
        if (c.replacement !== undefined && c.replacement !== null) add(c.replacement, at)
        break
      }
      case "RedeemPoints": {
        const earned = [...(byVolunteer.get(c.volunteerId) ?? [])]
          .filter((s) => s.session.startsAt.slice(0, 10) <= c.on)
          .reduce((n, s) => n + s.points, 0)
        const spent = l.commands.slice(0, i).reduce(
          (n, x) => n + (x._tag === "RedeemPoints" && x.volunteerId === c.volunteerId ? x.points : 0),
          0
        )
        if (c.points > earned - spent) problems.push(`${at}: ${c.points} points, ${earned - spent} available`)
        break
      }
      default:
        break
    }
  }
  return { standing: [...standing.values()], volunteers, activities, problems }
}

/** The ledger's summary figures of standing sessions, as its `summary` query counts them. */
const figuresOf = (sessions: ReadonlyArray<Standing>): Ledger.Totals => ({
  activities: new Set(sessions.map((s) => s.session.activityId)).size,
  servicePoints: new Set(sessions.map((s) => s.activity.servicePoint)).size,
  volunteers: new Set(sessions.map((s) => s.session.volunteerId)).size,
  entries: sessions.length,
  minutes: sessions.reduce((n, s) => n + minutesOf(s.session), 0),
  residentsServed: sessions.reduce((n, s) => n + (s.session.residentsServed ?? 0), 0),
  mattersDone: sessions.reduce((n, s) => n + (s.session.mattersDone ?? 0), 0),
  points: sessions.reduce((n, s) => n + s.points, 0)
})

const replayed = replay(ledger)
const inYear = replayed.standing.filter((s) => s.session.startsAt.slice(0, 4) === "2024")

describe("Ledger.generate", () => {
  it("every command decodes with the LedgerCommand schema, in an order the ledger takes", () => {
    const decode = Schema.decodeUnknownEither(LedgerCommand.LedgerCommand)
    const bad = ledger.commands.map((c, i) => [i, Either.isLeft(decode(c))] as const).filter(([, left]) => left)
    expect(bad).toEqual([])
    expect(ledger.writtenOn.length).toBe(ledger.commands.length)
    expect(ledger.writtenOn.every((d, i) => i === 0 || d >= ledger.writtenOn[i - 1]!)).toBe(true)
    expect(ledger.writtenOn[0]! >= "2024-01-01").toBe(true)
    // Registrations before entries, the same seqs as a fresh ledger gives, no overlap, redemptions within the balance.
    expect(replayed.problems).toEqual([])
  })

  it("keys and ids are unique", () => {
    const keys = ledger.commands.flatMap((c) => ("key" in c ? [c.key] : []))
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.length).toBe(of(ledger, "RecordService").length + of(ledger, "CorrectEntry").length + of(ledger, "RedeemPoints").length)
    expect(of(ledger, "RecordService").every((c) => /^svc-\d{6}$/.test(c.key))).toBe(true)
    const volunteers = of(ledger, "RegisterVolunteer").map((c) => c.id)
    expect(new Set(volunteers).size).toBe(volunteers.length)
    const activities = of(ledger, "RegisterActivity").map((c) => c.id)
    expect(new Set(activities).size).toBe(activities.length)
  })

  it("no volunteer has two sessions at once, wrongly recorded ones included", () => {
    // Every session written, by seq; an entry corrected with a replacement gives way to it.
    const written = new Map<number, Fields>()
    let seq = 0
    for (const c of ledger.commands) {
      if (c._tag === "RecordService") written.set(++seq, c)
      else if (c._tag === "CorrectEntry") {
        seq++
        if (c.replacement !== undefined && c.replacement !== null) {
          written.delete(c.seq)
          written.set(++seq, c.replacement)
        }
      }
    }
    const byVolunteer = new Map<string, Array<Fields>>()
    for (const s of written.values()) byVolunteer.set(s.volunteerId, [...(byVolunteer.get(s.volunteerId) ?? []), s])
    const overlaps: Array<string> = []
    for (const [id, list] of byVolunteer) {
      const sorted = list.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0))
      for (let i = 1; i < sorted.length; i++) if (sorted[i]!.startsAt < sorted[i - 1]!.endsAt) overlaps.push(`${id} ${sorted[i]!.startsAt}`)
    }
    expect(overlaps).toEqual([])
    expect(replayed.problems.filter((p) => p.includes("overlaps"))).toEqual([])
  })

  it("the ledger's figures over the year meet the article: 3600余次, 4万余人, 9200余件, 132 points; 五社联动 452 and 5,689", () => {
    const total = figuresOf(inYear)
    expect(total.activities).toBeGreaterThan(Ledger.article.activities)
    expect(total.activities).toBeLessThan(3_700)
    expect(total.residentsServed).toBeGreaterThan(Ledger.article.residentsServed)
    expect(total.residentsServed).toBeLessThan(50_000)
    expect(total.mattersDone).toBeGreaterThan(Ledger.article.mattersDone)
    expect(total.mattersDone).toBeLessThan(9_300)
    expect(total.servicePoints).toBe(Ledger.article.servicePoints)
    const wushe = figuresOf(inYear.filter((s) => s.activity.programme === Ledger.wushe))
    expect(wushe.activities).toBe(Ledger.article.wusheActivities)
    expect(wushe.residentsServed).toBe(Ledger.article.wusheResidents)
    expect(wushe.servicePoints).toBe(Ledger.article.servicePoints)
    // The generator's figures are what the commands give.
    expect(total).toEqual(ledger.figures.total)
    expect(wushe).toEqual(ledger.figures.wushe)
    expect(inYear.length).toBe(replayed.standing.length)
    // Every activity registered has a session standing.
    expect(total.activities).toBe(of(ledger, "RegisterActivity").length)
    // Residents served are drawn, not chosen: another seed stays in the article's band too.
    const other = Ledger.generate(taocheng, party, co, { seed: 7 }).figures.total
    expect(other.residentsServed).toBeGreaterThan(Ledger.article.residentsServed)
    expect(other.residentsServed).toBeLessThan(50_000)
    expect(other.residentsServed).not.toBe(total.residentsServed)
  })

  it("sessions last 30 minutes to 4 hours, a few across midnight, in the policy's categories, ended by the day they are written", () => {
    const categories = new Set(LedgerConfig.defaults.categories.map((c) => c.key))
    expect(of(ledger, "RegisterActivity").every((a) => categories.has(a.category))).toBe(true)
    const services = ledger.commands.flatMap((c, i) => (c._tag === "RecordService" ? [[c, ledger.writtenOn[i]!] as const] : []))
    const minutes = services.map(([s]) => minutesOf(s))
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(30)
    expect(Math.max(...minutes)).toBeLessThanOrEqual(240)
    expect(services.every(([s, day]) => s.endsAt <= `${day}T23:59`)).toBe(true)
    const across = services.filter(([s]) => s.startsAt.slice(0, 10) !== s.endsAt.slice(0, 10) && !s.endsAt.endsWith("T00:00")).length
    expect(across).toBeGreaterThan(0)
    expect(across / services.length).toBeLessThan(0.01)
    // Most are recorded within 第十一条's 10 working days, a few after.
    const calendar = WorkingCalendar.make()
    const isLate = (s: Fields, day: string) => WorkingCalendar.isLate(calendar, IsoDate.unsafeMake(s.endsAt.slice(0, 10)), IsoDate.unsafeMake(day))
    const late = services.filter(([s, day]) => isLate(s, day)).length
    // A correction's replacement keeps its original's flag (the session was recorded when
    // the original was): follow the entries by seq as the ledger appends them.
    const lateAt = new Map<number, boolean>()
    let seq = 0
    let replacedLate = 0
    ledger.commands.forEach((c, i) => {
      if (c._tag === "RecordService") lateAt.set(++seq, isLate(c, ledger.writtenOn[i]!))
      else if (c._tag === "CorrectEntry") {
        const original = lateAt.get(c.seq) ?? false
        seq++
        if (c.replacement !== undefined && c.replacement !== null) {
          lateAt.set(++seq, original)
          if (original) replacedLate++
        }
      }
    })
    expect(late + replacedLate).toBe(ledger.figures.recorded.late)
    expect(late / services.length).toBeGreaterThan(0.02)
    expect(late / services.length).toBeLessThan(0.1)
  })

  it("registers the enrolled members with their member ids, units and communities, and resident volunteers", () => {
    const enrolled = new Map(co.commands.flatMap((c) => (c._tag === "EnrolMember" ? [[c.memberId, c] as const] : [])))
    const volunteers = of(ledger, "RegisterVolunteer")
    const members = volunteers.filter((v) => v.memberId !== undefined && v.memberId !== null)
    expect(members.length).toBe(CoConstruction.article.members)
    for (const v of members) {
      const m = enrolled.get(v.memberId!)!
      expect([v.gridCode, v.unitCreditCode ?? null]).toEqual([m.communityCode, m.unitCreditCode ?? null])
    }
    const communities = new Set(District.layout(taocheng).tree.communities.map((c) => c.code))
    expect(volunteers.every((v) => communities.has(v.gridCode))).toBe(true)
    expect(volunteers.length - members.length).toBe(ledger.figures.registered.residents)
    expect(volunteers.filter((v) => v.citizenId !== undefined).length).toBeGreaterThan(volunteers.length / 2)
    // Members of a post's team serve on it.
    expect(of(ledger, "RecordService").some((s) => s.postId !== undefined)).toBe(true)
  })

  it("has a handful of corrections, a few redemptions and consents, as its figures say", () => {
    const fixes = of(ledger, "CorrectEntry")
    expect(fixes.length).toBe(12)
    expect(fixes.filter((f) => f.replacement === undefined).length).toBe(ledger.figures.corrections.reversed)
    expect(ledger.figures.corrections.reversed).toBeGreaterThan(0)
    const redemptions = of(ledger, "RedeemPoints")
    expect(redemptions.length).toBe(ledger.figures.redemptions.count)
    expect(redemptions.reduce((n, r) => n + r.points, 0)).toBe(ledger.figures.redemptions.points)
    expect(redemptions.length).toBeGreaterThan(0)
    const consents = of(ledger, "RecordConsent")
    expect(consents.filter((c) => c.given).length).toBe(ledger.figures.consents.given)
    expect(consents.filter((c) => !c.given).length).toBe(ledger.figures.consents.withdrawn)
  })

  it("is deterministic, scales with the district, and a seed changes it", () => {
    const district = District.generate(scaled)
    const p = Party.generate(district)
    const c = CoConstruction.generate(district, p)
    const a = Ledger.generate(district, p, c)
    const b = Ledger.generate(district, p, c)
    expect(JSON.stringify(b.commands)).toBe(JSON.stringify(a.commands))
    expect(b.writtenOn).toEqual(a.writtenOn)
    // 30 of the article's 355 compounds.
    const f = a.figures
    expect([f.total.activities, f.total.servicePoints, f.wushe.activities, f.wushe.residentsServed, f.total.mattersDone]).toEqual([
      Math.round((3_618 * 30) / 355),
      Math.round((132 * 30) / 355),
      Math.round((452 * 30) / 355),
      Math.round((5_689 * 30) / 355),
      Math.round((9_236 * 30) / 355)
    ])
    const r = replay(a)
    expect(r.problems).toEqual([])
    expect(figuresOf(r.standing)).toEqual(f.total)
    const other = Ledger.generate(district, p, c, { seed: 12 })
    expect(JSON.stringify(other.commands)).not.toBe(JSON.stringify(a.commands))
    expect(replay(other).problems).toEqual([])
  })

  it("refuses impossible options", () => {
    expect(() => Ledger.generate(taocheng, party, co, { wusheActivities: 4_000 })).toThrow(/wusheActivities/)
    expect(() => Ledger.generate(taocheng, party, co, { servicePoints: 0 })).toThrow(/service point/)
    expect(() => Ledger.generate(taocheng, party, co, { year: 2023 })).toThrow(/year 2023/)
    expect(() => Ledger.generate(taocheng, party, co, { lateShare: 2 })).toThrow(/lateShare/)
  })
})
