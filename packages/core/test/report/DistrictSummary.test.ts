/**
 * The district summary on the memory store, over a small generated district written
 * through every service (`WholeDistrict`): its figures are the services' answers, every
 * table's totals row equals the service's own rollup (report.totals-rollup), a street's
 * summary has its communities as children, the English model holds the same numbers
 * under English labels, a domain whose service is not in context is left out, and bad
 * options are refused naming the field.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructions,
  Demands,
  Development,
  DistrictSummary,
  Grids,
  IsoDate,
  Organisations,
  Outreach,
  Report,
  VolunteerLedgerService
} from "@jiceng/core"
import type { WholeDistrict } from "@jiceng/testkit"
import { Context, Effect, Schema } from "effect"
import { chart, column, demandTotals, figures, section, sharedDistrict, sum, table, totals } from "./reportBlocks.js"

let written: WholeDistrict.Written
const runtime = sharedDistrict((w) => {
  written = w
})

const count = (rows: ReadonlyArray<{ readonly count: number }>) => sum(rows, (r) => r.count)

describe("DistrictSummary", () => {
  it.live("report.totals-rollup: every figure is a service's answer and every totals row the service's own rollup", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const { from, to } = written
      const last = IsoDate.addDays(IsoDate.unsafeMake(to), -1)
      const report = yield* DistrictSummary.build(actor, { from, to })
      // A valid model: its schema decodes it as it is.
      expect(Schema.decodeUnknownSync(Report.Report)(report)).toStrictEqual(report)
      expect(report.kind).toBe("district-summary")
      expect(report.masked).toBe(true)
      expect(report.scope).toStrictEqual({ gridCode: written.tenant, name: written.district.options.name })
      expect(report.period).toStrictEqual({ _tag: "Range", from, to })
      expect(report.rounding).toContain("分钟 ÷ 60，保留一位小数（四舍五入）")
      expect(report.sections.map((s) => s.id)).toStrictEqual([
        "grids", "organisations", "coconstruction", "volunteering", "community-workers", "new-sectors", "new-employment", "demands"
      ])
      // Block ids are unique across the model (a back end may name a sheet or an anchor by one).
      const ids = report.sections.flatMap((s) => s.blocks.map((b) => b.id))
      expect(new Set(ids).size).toBe(ids.length)
      const read = { at: last }

      // Grids: on the period's last day.
      const grids = yield* Grids.Grids
      const levels = yield* grids.countByLevel(actor, read)
      const workers = yield* grids.countWorkersByCategory(actor, read)
      const places = yield* grids.countPlaces(actor, read)
      const alerts = yield* grids.check(actor, read)
      expect(figures(report, "grids", "grid-figures")).toStrictEqual({ grids: count(levels), workers: count(workers), places: count(places), alerts: alerts.length })
      expect(totals(table(report, "grids", "grids-per-level"))["count"]).toBe(count(levels))
      expect(column(table(report, "grids", "grids-per-level"), "count")).toStrictEqual(levels.map((l) => l.count))
      expect(chart(report, "grids", "grids-per-level-chart").series[0]!.values).toStrictEqual(levels.map((l) => l.count))
      expect(totals(table(report, "grids", "workers-per-category"))["count"]).toBe(count(workers))
      expect(totals(table(report, "grids", "places-per-kind"))["count"]).toBe(count(places))
      expect(totals(table(report, "grids", "responsibility-check"))["count"]).toBe(alerts.length)

      // Party organisations: counts on the last day, the period's compliance.
      const organisations = yield* Organisations.Organisations
      const kinds = yield* organisations.countByKind(actor, read)
      const members = yield* organisations.countMembers(actor, read)
      const compliance = yield* organisations.compliance(actor, { from, to })
      expect(figures(report, "organisations", "organisation-figures")).toStrictEqual({
        organisations: count(kinds),
        full: sum(members, (m) => m.full),
        probationary: sum(members, (m) => m.probationary),
        participants: sum(members, (m) => m.participants)
      })
      expect(totals(table(report, "organisations", "organisations-by-kind"))["count"]).toBe(count(kinds))
      expect(totals(table(report, "organisations", "members-by-kind"))).toMatchObject({ organisations: members.length, full: sum(members, (m) => m.full) })
      expect(totals(table(report, "organisations", "compliance-by-kind"))).toMatchObject({
        due: compliance.summary.due,
        held: compliance.summary.held,
        missing: compliance.summary.missing
      })

      // 双报到 and co-construction.
      const co = yield* CoConstructions.CoConstructions
      const units = yield* co.countUnits(actor, read)
      const enrolled = yield* co.countMembers(actor, read)
      const posts = yield* co.postsByCategory(actor, read)
      expect(figures(report, "coconstruction", "coconstruction-figures")).toMatchObject({
        units: count(units),
        members: count(enrolled),
        teams: (yield* co.teams(actor, read)).length,
        posts: sum(posts, (p) => p.posts),
        meetings: (yield* co.jointMeetings(actor, { ...read, from, to })).length
      })
      expect(totals(table(report, "coconstruction", "enrolment-by-child"))).toMatchObject({ units: count(units), members: count(enrolled) })
      expect(figures(report, "coconstruction", "project-figures")).toMatchObject({
        agreements: (yield* co.agreements(actor, read)).length,
        projects: (yield* co.projects(actor, read)).length
      })
      expect(totals(table(report, "coconstruction", "posts-by-category"))).toMatchObject({ posts: sum(posts, (p) => p.posts), claimed: sum(posts, (p) => p.claimed) })

      // Volunteer service: the ledger's days from `from` to the last, both included.
      const ledger = yield* VolunteerLedgerService.VolunteerLedger
      const period = { from, to: last }
      const summary = (yield* ledger.summary(actor, period)).data
      const rollup = (yield* ledger.gridRollup(actor, period)).data
      const perMonth = (yield* ledger.totals(actor, { ...period, by: ["month"] })).data
      expect(figures(report, "volunteering", "volunteering-figures")).toStrictEqual({
        activities: summary.activities,
        "service-points": summary.servicePoints,
        volunteers: summary.volunteers,
        entries: summary.entries,
        hours: summary.hours,
        residents: summary.residentsServed,
        matters: summary.mattersDone
      })
      const expected = { entries: rollup.totals.entries, minutes: rollup.totals.minutes, residents: rollup.totals.residentsServed, matters: rollup.totals.mattersDone }
      expect(totals(table(report, "volunteering", "volunteering-by-child"))).toMatchObject(expected)
      expect(totals(table(report, "volunteering", "volunteering-by-category"))).toMatchObject(expected)
      expect(rollup.totals.minutes).toBe(summary.minutes)
      expect(sum(chart(report, "volunteering", "hours-per-month").series[0]!.values, (v) => v)).toBeCloseTo(sum(perMonth, (m) => m.hours), 6)

      // Community workers and the ladders.
      const development = yield* Development.Development
      const workforce = yield* development.workforce(actor, read)
      expect(figures(report, "community-workers", "workforce-figures")).toStrictEqual({
        workers: workforce.workers,
        sessions: workforce.training.sessions,
        "person-times": workforce.training.personTimes,
        "class-hours": workforce.training.classHours
      })
      const ladder = yield* development.pipeline(actor, { ...read, ladder: "community-worker" })
      expect(chart(report, "community-workers", "community-worker-funnel").series[0]!.values).toStrictEqual(ladder.stages.map((s) => s.count))
      expect(totals(table(report, "community-workers", "recruitment-plans"))).toMatchObject({
        planned: sum(workforce.plans, (p) => p.planned),
        hired: sum(workforce.plans, (p) => p.hired)
      })

      // New sectors: the organisations of the three sectors.
      const newSector = kinds.filter((k) => DistrictSummary.newSectors.includes(k.sector))
      expect(figures(report, "new-sectors", "new-sector-figures")["organisations"]).toBe(count(newSector))
      expect(totals(table(report, "new-sectors", "new-sector-organisations"))["count"]).toBe(count(newSector))

      // New-employment groups and stations.
      const outreach = yield* Outreach.Outreach
      const groups = yield* outreach.groups(actor, read)
      const stations = yield* outreach.stations(actor, read)
      expect(figures(report, "new-employment", "new-employment-figures")).toMatchObject({
        groups: groups.groups.length,
        stations: stations.stations.length,
        uses: (yield* outreach.uses(actor, { from, to })).total
      })
      expect(totals(table(report, "new-employment", "stations-by-kind"))["count"]).toBe(stations.stations.length)
      expect(totals(table(report, "new-employment", "groups-by-kind"))["groups"]).toBe(groups.groups.length)

      // Demands: the period's statistics; the rows by street total the district's.
      const demands = yield* Demands.Demands
      const stats = yield* demands.stats(actor, { from, to })
      const t = stats.total
      expect(figures(report, "demands", "demand-figures")).toMatchObject({ received: t.received, resolved: t.resolved, "on-time": t.onTime, open: t.open })
      expect(totals(table(report, "demands", "demands-by-child"))).toMatchObject(demandTotals(t))
      expect(chart(report, "demands", "demand-resolution").series[0]!.values).toStrictEqual([t.onTime, t.resolved - t.onTime, t.open])
      // Rates: one decimal of a percent, half up, from the service's ratio.
      expect(figures(report, "demands", "demand-figures")["on-time-rate"]).toBe(t.onTimeRate === null ? null : Math.round(t.onTimeRate * 1000) / 10)
    }).pipe(Effect.provide(runtime)), 120_000)

  it.live("a street's summary: its communities are the rows by child grid, and their totals the street's rollups", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const { from, to } = written
      const last = IsoDate.addDays(IsoDate.unsafeMake(to), -1)
      const root = `${written.tenant}001`
      const report = yield* DistrictSummary.build(actor, { root, from, to })
      const communities = yield* (yield* Grids.Grids).subtree(actor, { root, at: last, level: 2 })
      expect(report.scope).toStrictEqual({ gridCode: root, name: "河西街道" })
      const byChild = table(report, "volunteering", "volunteering-by-child")
      expect(column(byChild, "code").filter((c) => c !== root)).toStrictEqual(communities.map((c) => c.code))
      const rollup = (yield* (yield* VolunteerLedgerService.VolunteerLedger).gridRollup(actor, { root, from, to: last })).data
      expect(totals(byChild)).toMatchObject({ entries: rollup.totals.entries, minutes: rollup.totals.minutes })
      const stats = yield* (yield* Demands.Demands).stats(actor, { root, from, to })
      expect(totals(table(report, "demands", "demands-by-child"))).toMatchObject({ received: stats.total.received, open: stats.total.open })
      const units = yield* (yield* CoConstructions.CoConstructions).countUnits(actor, { root, at: last })
      // Units enrol with the street itself: a row for the street's own.
      expect(totals(table(report, "coconstruction", "enrolment-by-child"))["units"]).toBe(count(units))
      if (count(units) > 0) expect(column(table(report, "coconstruction", "enrolment-by-child"), "grid")).toContain("河西街道（本级）")
      // A street worker sees the same through their scope.
      const worker = Actor.make({ id: "street-viewer", tenant: written.tenant, roles: ["viewer"], scope: root })
      expect((yield* DistrictSummary.build(worker, { from, to })).sections).toStrictEqual(report.sections)
    }).pipe(Effect.provide(runtime)), 120_000)

  it.live("in English: the same numbers under English labels", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const zh = yield* DistrictSummary.build(actor, { from: written.from, to: written.to })
      const en = yield* DistrictSummary.build(actor, { from: written.from, to: written.to, lang: "en" })
      expect(Schema.decodeUnknownSync(Report.Report)(en)).toStrictEqual(en)
      expect(en.lang).toBe("en")
      expect(en.title).toBe(DistrictSummary.labels.en.title(written.district.options.name))
      expect(en.rounding).toMatch(/^Service time is summed in minutes; hours = minutes ÷ 60 to one decimal, half up/)
      expect(en.sections.map((s) => s.title)).toStrictEqual([
        "Grids", "Party organisations", "双报到 and co-construction", "Volunteer service", "Community workers",
        "New economic and social sectors", "New-employment groups", "Residents' demands"
      ])
      const numbers = (r: Report.Report) =>
        r.sections.map((s) =>
          s.blocks.map((b) =>
            b._tag === "Figures" ? b.items.map((i) => [i.key, i.value]) : b._tag === "Table" ? [b.rows.map((row) => row.filter((c) => typeof c === "number")), b.totals?.filter((c) => typeof c === "number")] : b.series.map((x) => x.values)
          )
        )
      expect(numbers(en)).toStrictEqual(numbers(zh))
      const grids = section(en, "grids")
      expect(grids.blocks.map((b) => b.title)).toStrictEqual(["Grids at a glance", "Grids per level", "Grids per level", "Grid workers by category", "Places by kind", "定格定人定岗定责 check"])
      expect(table(en, "grids", "grids-per-level").totals![0]).toBe("Total")
      expect(column(table(en, "grids", "grids-per-level"), "label")).toContain("Street")
      expect(column(table(en, "demands", "demands-by-child"), "grid").every((c) => typeof c === "string")).toBe(true)
    }).pipe(Effect.provide(runtime)), 120_000)

  it.live("a domain whose service is not in context is left out: a deployment with grids and organisations gets those", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const options = { from: written.from, to: written.to }
      const grids = yield* Grids.Grids
      const organisations = yield* Organisations.Organisations
      const only = <A, E>(self: Effect.Effect<A, E, Grids.Grids>, context: Context.Context<Grids.Grids>) => Effect.mapInputContext(self, (_: Context.Context<never>) => context)
      const gridsOnly = yield* only(DistrictSummary.build(actor, options), Context.make(Grids.Grids, grids))
      expect(gridsOnly.sections.map((s) => s.id)).toStrictEqual(["grids"])
      const party = yield* only(DistrictSummary.build(actor, options), Context.make(Grids.Grids, grids).pipe(Context.add(Organisations.Organisations, organisations)))
      expect(party.sections.map((s) => s.id)).toStrictEqual(["grids", "organisations", "new-sectors"])
      // Without the development service: no funnel in the organisations' section, no 双强六好 sites.
      expect(section(party, "organisations").blocks.map((b) => b.id)).not.toContain("party-funnel")
      expect(Object.keys(figures(party, "new-sectors", "new-sector-figures"))).toStrictEqual(["organisations", "members"])
      const full = yield* DistrictSummary.build(actor, options)
      expect(section(party, "grids")).toStrictEqual(section(full, "grids"))
    }).pipe(Effect.provide(runtime)), 120_000)

  it.live("bad options are a ValidationError naming the field; a root outside the actor's scope is Forbidden", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const refused = (options: unknown) => Effect.flip(DistrictSummary.build(actor, options as DistrictSummary.Options))
      const backwards = yield* refused({ from: "2024-02-01", to: "2024-01-01" })
      expect([backwards._tag, (backwards as { field?: string }).field, (backwards as { rule?: string }).rule]).toStrictEqual(["ValidationError", "options.to", "period.order"])
      const long = yield* refused({ from: "2000-01-01", to: "2024-01-01" })
      expect((long as { rule?: string }).rule).toBe("period.length")
      const bad = yield* refused({ from: "2024-02-30", to: "2024-03-01" })
      expect([bad._tag, (bad as { field?: string }).field]).toStrictEqual(["ValidationError", "options.from"])
      const typo = yield* refused({ from: "2024-01-01", to: "2024-03-01", language: "en" })
      expect([typo._tag, (typo as { field?: string }).field]).toStrictEqual(["ValidationError", "options.language"])
      const lang = yield* refused({ from: "2024-01-01", to: "2024-03-01", lang: "fr" })
      expect((lang as { field?: string }).field).toBe("options.lang")
      const street = Actor.make({ id: "street-viewer", tenant: written.tenant, roles: ["viewer"], scope: `${written.tenant}001` })
      const outside = yield* Effect.flip(DistrictSummary.build(street, { root: `${written.tenant}002`, from: "2024-01-01", to: "2024-03-01" }))
      expect(outside._tag).toBe("Forbidden")
      // The calendar's last months are months like any other.
      const last = yield* DistrictSummary.build(actor, { from: "9999-01-01", to: "9999-12-31" })
      expect(last.period).toStrictEqual({ _tag: "Range", from: "9999-01-01", to: "9999-12-31" })
    }).pipe(Effect.provide(runtime)), 120_000)

  it.live("a summary of a grid of the lowest level, for a viewer scoped to it: the grid's own figures, no child rows", () =>
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const system = Actor.system(written.tenant)
      const [unit] = yield* grids.subtree(system, { at: "2024-12-31", level: 5 })
      const worker = Actor.make({ id: "unit-viewer", tenant: written.tenant, roles: ["viewer"], scope: unit!.code })
      const summary = yield* DistrictSummary.build(worker, { from: "2024-01-01", to: "2025-01-01" })
      expect(summary.scope).toStrictEqual({ gridCode: unit!.code, name: unit!.name })
      expect(yield* DistrictSummary.build(system, { root: unit!.code, from: "2024-01-01", to: "2025-01-01" })).toMatchObject({ scope: { gridCode: unit!.code } })
    }).pipe(Effect.provide(runtime)), 120_000)
})
