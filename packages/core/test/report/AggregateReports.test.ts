/**
 * The aggregate report models on the memory store, over a small generated district
 * written through every service (`WholeDistrict`): 三会一课 compliance, demand
 * resolution, the development pipelines and the co-construction projects — each figure
 * the service's answer, each totals row the service's own total (report.totals-rollup),
 * no personal data, English labels on request, bad options refused naming the field.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructionProjectsReport,
  CoConstructions,
  ComplianceReport,
  DemandResolutionReport,
  Demands,
  Development,
  DevelopmentPipelineReport,
  Organisations,
  Report
} from "@jiceng/core"
import type { WholeDistrict } from "@jiceng/testkit"
import { Effect, Schema } from "effect"
import { chart, column, demandTotals, figures, sharedDistrict, sum, table, totals } from "./reportBlocks.js"

let written: WholeDistrict.Written
const runtime = sharedDistrict((w) => {
  written = w
})

const valid = (report: Report.Report) => expect(Schema.decodeUnknownSync(Report.Report)(report)).toStrictEqual(report)

describe("ComplianceReport", () => {
  it.live("report.totals-rollup: the rows per meeting kind and per organisation total the service's summary; every missing meeting listed", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      // The party's year of organisational life.
      const year = written.party.summary.year
      const period = { from: `${year}-01-01`, to: `${year + 1}-01-01` }
      const report = yield* ComplianceReport.build(actor, period)
      valid(report)
      const compliance = yield* (yield* Organisations.Organisations).compliance(actor, period)
      const s = compliance.summary
      expect(s.held).toBeGreaterThan(0)
      expect(report.masked).toBe(true)
      expect(figures(report, "compliance", "compliance-figures")).toStrictEqual({ due: s.due, held: s.held, missing: s.missing, rate: Math.round(s.rate * 1000) / 10 })
      for (const id of ["compliance-by-kind", "compliance-by-organisation"]) {
        expect(totals(table(report, "compliance", id))).toMatchObject({ due: s.due, held: s.held, missing: s.missing })
      }
      expect(table(report, "compliance", "compliance-by-organisation").rows.length).toBe(compliance.organisations.length)
      expect(table(report, "missing", "compliance-missing").rows.length).toBe(compliance.missing.length)
      expect(sum(chart(report, "compliance", "compliance-chart").series[1]!.values, (v) => v)).toBe(s.held)
      // One organisation of the subtree.
      const one = compliance.organisations.find((o) => o.meetings.some((k) => k.held.length > 0))!
      const single = yield* ComplianceReport.build(actor, { ...period, organisationId: one.organisationId, lang: "en" })
      expect(column(table(single, "compliance", "compliance-by-organisation"), "organisation")).toStrictEqual([one.name])
      expect(table(single, "compliance", "compliance-by-kind").columns.map((c) => c.label)).toStrictEqual(["Meeting", "Frequency", "Due", "Held", "Missing", "Rate"])
      const bad = yield* Effect.flip(ComplianceReport.build(actor, { ...period, organisationId: "" }))
      expect([bad._tag, (bad as { field?: string }).field]).toStrictEqual(["ValidationError", "options.organisationId"])
    }).pipe(Effect.provide(runtime)), 120_000)
})

describe("DemandResolutionReport", () => {
  it.live("report.totals-rollup: the rows per child grid (and the root's own) total the subtree's statistics; the overdue list carries no personal data", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const demands = yield* Demands.Demands
      for (const root of [written.tenant, `${written.tenant}002`]) {
        const report = yield* DemandResolutionReport.build(actor, { root, from: written.from, to: written.to })
        valid(report)
        const stats = yield* demands.stats(actor, { root, from: written.from, to: written.to })
        const t = stats.total
        expect(report.scope).toStrictEqual({ gridCode: root, name: t.name })
        const byChild = table(report, "resolution", "demands-by-child")
        expect(totals(byChild)).toMatchObject(demandTotals(t))
        expect(column(byChild, "code").slice(0, stats.children.length)).toStrictEqual(stats.children.map((c) => c.gridCode))
        const overdue = yield* demands.overdue(actor, { root, asOf: `${written.to}T00:00` })
        expect(table(report, "overdue", "demands-overdue").rows.length).toBe(overdue.length)
        expect(figures(report, "resolution", "demand-figures")["overdue"]).toBe(overdue.length)
        expect(column(table(report, "overdue", "demands-overdue"), "id")).toStrictEqual(overdue.map((o) => o.id))
        if (root === written.tenant) expect([t.received, t.resolved, overdue.length].every((n) => n > 0)).toBe(true)
      }
      // Nothing a resident said or where: no description, address or point of a demand appears.
      const report = JSON.stringify(yield* DemandResolutionReport.build(actor, { from: written.from, to: written.to }))
      const said = written.demands.commands.flatMap((c) => {
        const command = c as { readonly description?: string; readonly address?: string; readonly demands?: ReadonlyArray<{ readonly description: string }> }
        return [command.description, command.address, ...(command.demands ?? []).map((d) => d.description)].filter((x): x is string => x !== undefined && x.length > 0)
      })
      expect(said.length).toBeGreaterThan(0)
      expect(said.filter((text) => report.includes(text))).toStrictEqual([])
    }).pipe(Effect.provide(runtime)), 120_000)

  it.live("in English, and a period that ends before it begins refused naming options.to", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const en = yield* DemandResolutionReport.build(actor, { from: written.from, to: written.to, lang: "en" })
      expect(en.sections.map((s) => s.title)).toStrictEqual(["Resolution", "Overdue"])
      expect(chart(en, "resolution", "demand-resolution").categories).toStrictEqual(["Resolved on time", "Resolved late", "Open at the end"])
      const bad = yield* Effect.flip(DemandResolutionReport.build(actor, { from: written.to, to: written.from }))
      expect([bad._tag, (bad as { field?: string }).field]).toStrictEqual(["ValidationError", "options.to"])
    }).pipe(Effect.provide(runtime)), 120_000)
})

describe("DevelopmentPipelineReport", () => {
  it.live("report.totals-rollup: each ladder's funnel is the service's pipeline and its total the tracks in progress", () =>
    Effect.gen(function*() {
      const lanshan = written.development.lanshan
      const actor = Actor.system(lanshan.tenant)
      const at = lanshan.from
      const report = yield* DevelopmentPipelineReport.build(actor, { at, ladders: ["party", "community-worker", "talent"] })
      valid(report)
      expect(report.period).toStrictEqual({ _tag: "Day", at })
      const development = yield* Development.Development
      for (const [i, ladder] of ["party", "community-worker", "talent"].entries()) {
        const pipeline = yield* development.pipeline(actor, { at, ladder })
        const tracks = yield* development.tracks(actor, { at, ladder })
        const sectionId = `ladder-${i + 1}`
        expect(chart(report, sectionId, `${ladder}-funnel`).series[0]!.values).toStrictEqual(pipeline.stages.map((s) => s.count))
        const active = tracks.filter((t) => t.status === "active" && t.stage !== null).length
        expect(totals(table(report, sectionId, `${ladder}-stages`))["people"]).toBe(active)
        expect(figures(report, sectionId, `${ladder}-figures`)).toStrictEqual({ active, completed: pipeline.completed, cancelled: pipeline.cancelled })
      }
      expect(sum(chart(report, "ladder-1", "party-funnel").series[0]!.values, (v) => v)).toBeGreaterThan(0)
      // The defaults: the party ladder and the community worker ladder, in Chinese.
      const defaults = yield* DevelopmentPipelineReport.build(actor, { at })
      expect(defaults.sections.map((s) => s.title)).toStrictEqual(["发展党员", "社区工作者队伍建设"])
      const unknown = yield* Effect.flip(DevelopmentPipelineReport.build(actor, { at, ladders: ["party", "nosuch"] }))
      expect([unknown._tag, (unknown as { field?: string }).field]).toStrictEqual(["ValidationError", "options.ladders.1"])
      expect((unknown as { message: string }).message).toMatch(/^options\.ladders\.1/)
      const twice = yield* Effect.flip(DevelopmentPipelineReport.build(actor, { at, ladders: ["party", "talent", "party"] }))
      expect(twice).toMatchObject({ _tag: "ValidationError", field: "options.ladders.2", rule: "options.unique" })
    }).pipe(Effect.provide(runtime)), 120_000)
})

describe("CoConstructionProjectsReport", () => {
  it.live("report.totals-rollup: agreements and projects as the service has them; the lists' totals their sums", () =>
    Effect.gen(function*() {
      const actor = Actor.system(written.tenant)
      const at = `${written.ledger.figures.year}-06-30`
      const report = yield* CoConstructionProjectsReport.build(actor, { at })
      valid(report)
      const co = yield* CoConstructions.CoConstructions
      const agreements = yield* co.agreements(actor, { at })
      const projects = yield* co.projects(actor, { at })
      const needs = yield* co.needs(actor, { at })
      const resources = yield* co.resources(actor, { at })
      expect([agreements.length, projects.length, needs.length, resources.length].every((n) => n > 0)).toBe(true)
      expect(figures(report, "agreements", "project-figures")).toStrictEqual({
        agreements: agreements.length,
        running: agreements.filter((a) => a.running).length,
        projects: projects.length,
        completed: projects.filter((p) => p.completed).length,
        underway: projects.filter((p) => !p.completed).length
      })
      const agreementsTable = table(report, "agreements", "agreements")
      expect(column(agreementsTable, "id")).toStrictEqual(agreements.map((a) => a.agreement.id))
      expect(totals(agreementsTable)["projects"]).toBe(sum(agreements, (a) => a.projects))
      // Progress: the service's percentage as a share, to one decimal of a percent.
      expect(column(agreementsTable, "progress")).toStrictEqual(agreements.map((a) => Math.round(a.progress * 10) / 1000))
      // The street and community organisations by name.
      const names = new Map((yield* (yield* Organisations.Organisations).organisations(actor, { at })).map((o) => [o.id as string, o.name]))
      expect(column(agreementsTable, "organisation")).toStrictEqual(agreements.map((a) => names.get(a.agreement.organisationId)))
      expect(column(table(report, "agreements", "projects"), "id")).toStrictEqual(projects.map((p) => p.project.id))
      expect(totals(table(report, "lists", "needs"))).toMatchObject({
        offered: sum(needs, (n) => n.item.quantity),
        allocated: sum(needs, (n) => n.allocated),
        remaining: sum(needs, (n) => n.remaining)
      })
      expect(totals(table(report, "lists", "resources"))).toMatchObject({
        offered: sum(resources, (r) => r.item.capacity),
        allocated: sum(resources, (r) => r.allocated),
        remaining: sum(resources, (r) => r.remaining)
      })
      const en = yield* CoConstructionProjectsReport.build(actor, { at, lang: "en" })
      expect(chart(en, "agreements", "projects-chart").categories).toStrictEqual(["Projects completed", "Projects underway"])
    }).pipe(Effect.provide(runtime)), 120_000)
})
