/**
 * 一协议两清单: agreements, the needs and resources lists, projects and their progress,
 * against their rules' text — each rule at its boundary, capacity and quantity over
 * random sequences of projects (accepted exactly when the running totals stay within
 * them, and the invariants hold), and an agreement's progress as its projects' progress
 * weighted by their declared weights.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  type Agreement,
  type CoConstructionChanges,
  CoConstructionCommand,
  CoConstructionInvariants,
  CoConstructionRules,
  IsoDate,
  type Organisation,
  Project
} from "@jiceng/core"
import { GridIntents } from "@jiceng/testkit"
import { Either, FastCheck as fc, Schema } from "effect"

const tenant = "131102" as never
const decode = Schema.decodeUnknownSync(CoConstructionCommand.CoConstructionCommand)
const day = (d: string, n: number) => IsoDate.addDays(IsoDate.unsafeMake(d), n)
const unit = GridIntents.creditCode("131102", 1)
const other = GridIntents.creditCode("131102", 2)

/** Enrolled with 河西街道 from 2024-01-01. */
const unitEnrolments = [{
  tenant,
  creditCode: unit as never,
  name: "衡水某单位",
  streetCode: "131102001" as never,
  validFrom: "2024-01-01" as IsoDate.IsoDate,
  validTo: null,
  change: "enrol" as const
}]

const committee = (kind: Organisation.OrganisationKind = "committee"): ReadonlyArray<Organisation.Organisation> => [{
  tenant,
  id: "mz" as never,
  kind,
  name: "明珠社区党委",
  parentId: null,
  sector: "community",
  grids: ["131102001001" as never],
  hasCommittee: true,
  task: kind === "temporary_branch" ? { kind: "compound", name: "小区" } : null,
  validFrom: "2023-01-01" as IsoDate.IsoDate,
  validTo: null,
  change: "form",
  predecessors: []
}]

const sign = (input: Partial<Record<string, unknown>> = {}) =>
  decode({
    _tag: "SignAgreement",
    id: "a1",
    organisationId: "mz",
    unitCreditCode: unit,
    unitOrganisation: "衡水某单位党支部",
    from: "2024-03-01",
    to: "2025-03-01",
    commitments: { organisation: ["每季度召开联席会议"], members: [], resources: ["开放会议室"], matters: ["为老年人义诊"] },
    ...input
  }) as CoConstructionCommand.SignAgreement

const agreement: Agreement.Agreement = Either.getOrThrow(
  CoConstructionRules.signAgreement(tenant, { idUsed: false, organisation: committee(), unitEnrolments }, sign())
).agreements[0]!

const need = (id: string, quantity: number, gridCode = "131102001001003", at = "2024-02-01") =>
  Either.getOrThrow(CoConstructionRules.listNeed(tenant, { idUsed: false, gridValid: true }, decode({
    _tag: "ListNeed", id, gridCode, category: "elderly", title: "老年人助餐", quantity, priority: 5, skills: ["cooking"], at
  }) as CoConstructionCommand.ListNeed)).needs[0]!

const resource = (id: string, capacity: number, creditCode = unit, at = "2024-02-01") =>
  Either.getOrThrow(CoConstructionRules.listResource(tenant, { idUsed: false, unitEnrolments: [...unitEnrolments, { ...unitEnrolments[0]!, creditCode: other as never }], gridValid: true }, decode({
    _tag: "ListResource", id, unitCreditCode: creditCode, gridCode: "131102001005", category: "elderly", title: "食堂", capacity, skills: ["cooking"], at
  }) as CoConstructionCommand.ListResource)).resources[0]!

const start = (
  allocations: ReadonlyArray<{ needId: string; resourceId: string; units: number }>,
  options: { id?: string; from?: string; to?: string } = {}
) =>
  decode({
    _tag: "StartProject",
    id: options.id ?? "p1",
    agreementId: "a1",
    title: "老年助餐",
    weight: 2,
    allocations,
    from: options.from ?? "2024-04-01",
    to: options.to ?? "2024-10-01"
  }) as CoConstructionCommand.StartProject

const context = (allocated: ReadonlyArray<{ needId: string; resourceId: string; units: number }> = []) => ({
  idUsed: false,
  agreement,
  organisationGrids: ["131102001001"],
  needs: [need("n1", 10), need("n2", 3), need("far", 3, "131102002001")],
  resources: [resource("r1", 8), resource("r2", 4), resource("theirs", 4, other)],
  allocated: allocated as never
})

const refusedBy = (result: CoConstructionRules.Result) => (Either.isLeft(result) ? [result.left.rule, result.left.field] : "accepted")

describe("一协议两清单", () => {
  it.prop("agreement: a term that ends after it begins, an organisation that can sign, a unit enrolled on its first day", [
    fc.integer({ min: -1, max: 1 })
  ], ([offset]) => {
    // The unit enrolled on 2024-01-01: an agreement from the day before is refused.
    const from = day("2024-01-01", offset)
    expect(refusedBy(CoConstructionRules.signAgreement(tenant, { idUsed: false, organisation: committee(), unitEnrolments }, sign({ from }))))
      .toEqual(offset < 0 ? ["agreement.unit-enrolled", "unitCreditCode"] : "accepted")
    const to = day("2024-03-01", offset)
    expect(refusedBy(CoConstructionRules.signAgreement(tenant, { idUsed: false, organisation: committee(), unitEnrolments }, sign({ to }))))
      .toEqual(offset <= 0 ? ["agreement.term", "to"] : "accepted")
    expect(refusedBy(CoConstructionRules.signAgreement(tenant, { idUsed: false, organisation: committee("temporary_branch"), unitEnrolments }, sign())))
      .toEqual(["agreement.organisation", "organisationId"])
    expect(refusedBy(CoConstructionRules.signAgreement(tenant, { idUsed: false, organisation: [], unitEnrolments }, sign())))
      .toEqual(["agreement.organisation", "organisationId"])
    expect(refusedBy(CoConstructionRules.signAgreement(tenant, { idUsed: true, organisation: committee(), unitEnrolments }, sign())))
      .toEqual(["agreement.id-unique", "id"])
  })

  it.prop("project.term: a project runs inside its agreement's term — the day before its start and the day after its end are refused", [
    fc.integer({ min: -1, max: 1 }),
    fc.boolean()
  ], ([offset, atStart]) => {
    const command = atStart
      ? start([{ needId: "n1", resourceId: "r1", units: 1 }], { from: day("2024-03-01", offset) })
      : start([{ needId: "n1", resourceId: "r1", units: 1 }], { to: day("2025-03-01", offset) })
    expect(refusedBy(CoConstructionRules.startProject(tenant, context(), command))).toEqual(
      atStart ? (offset < 0 ? ["project.term", "from"] : "accepted") : (offset > 0 ? ["project.term", "to"] : "accepted")
    )
  })

  it.prop("project.unit-enrolled: the agreement's unit is enrolled with a street on the project's start", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    // The unit withdrew on 2024-04-01 (its row ends then); the project starts the day before, of, after.
    const rows = unitEnrolments.map((e) => ({ ...e, validTo: IsoDate.unsafeMake("2024-04-01") }))
    const from = day("2024-03-31", offset + 1)
    expect(refusedBy(CoConstructionRules.startProject(tenant, { ...context(), unitEnrolments: rows }, start([{ needId: "n1", resourceId: "r1", units: 1 }], { from }))))
      .toEqual(offset + 1 > 0 ? ["project.unit-enrolled", "from"] : "accepted")
  })

  it("project.organisation: no project starts under an organisation that does not exist on its start", () => {
    expect(refusedBy(CoConstructionRules.startProject(tenant, { ...context(), organisationGrids: null }, start([{ needId: "n1", resourceId: "r1", units: 1 }]))))
      .toEqual(["project.organisation", "from"])
    // Serving no grid is serving the whole tenant: a need anywhere is served.
    expect(refusedBy(CoConstructionRules.startProject(tenant, { ...context(), organisationGrids: [] }, start([{ needId: "far", resourceId: "r1", units: 1 }]))))
      .toEqual("accepted")
  })

  it("project.need and project.resource: listed by the start, the community's and the unit's", () => {
    const refused = (allocations: ReadonlyArray<{ needId: string; resourceId: string; units: number }>, ctx = context()) =>
      refusedBy(CoConstructionRules.startProject(tenant, ctx, start(allocations)))
    expect(refused([{ needId: "nowhere", resourceId: "r1", units: 1 }])).toEqual(["project.need", "allocations.0.needId"])
    expect(refused([{ needId: "far", resourceId: "r1", units: 1 }])).toEqual(["project.need", "allocations.0.needId"])
    expect(refused([{ needId: "n1", resourceId: "theirs", units: 1 }])).toEqual(["project.resource", "allocations.0.resourceId"])
    expect(refused([{ needId: "n1", resourceId: "r1", units: 1 }, { needId: "n1", resourceId: "r1", units: 1 }]))
      .toEqual(["project.allocation-once", "allocations.1"])
    // Listed after the project starts: not yet there.
    expect(refused([{ needId: "n1", resourceId: "r1", units: 1 }], { ...context(), needs: [need("n1", 10, "131102001001003", "2024-04-02")] }))
      .toEqual(["project.need", "allocations.0.needId"])
    expect(refused([{ needId: "n1", resourceId: "r1", units: 1 }], { ...context(), agreement: undefined as never }))
      .toEqual(["project.agreement", "agreementId"])
  })

  it.prop("project.capacity and project.quantity: accepted exactly while the running totals stay within them", [
    fc.array(fc.record({ need: fc.constantFrom("n1", "n2"), resource: fc.constantFrom("r1", "r2"), units: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 12 })
  ], ([steps]) => {
    const allocated: Array<{ needId: string; resourceId: string; units: number }> = []
    const projects: Array<Project.Project> = []
    const ctx = context()
    const quantity: Record<string, number> = { n1: 10, n2: 3 }
    const capacity: Record<string, number> = { r1: 8, r2: 4 }
    for (const [i, s] of steps.entries()) {
      const allocation = { needId: s.need, resourceId: s.resource, units: s.units }
      const result = CoConstructionRules.startProject(tenant, { ...ctx, allocated: allocated as never }, start([allocation], { id: `p${i}` }))
      const toNeed = allocated.filter((a) => a.needId === s.need).reduce((n, a) => n + a.units, 0) + s.units
      const fromResource = allocated.filter((a) => a.resourceId === s.resource).reduce((n, a) => n + a.units, 0) + s.units
      const expected = toNeed > quantity[s.need]! ? ["project.quantity", "allocations.0.units"]
        : fromResource > capacity[s.resource]! ? ["project.capacity", "allocations.0.units"]
        : "accepted"
      expect(refusedBy(result)).toEqual(expected)
      if (Either.isRight(result)) {
        allocated.push(allocation)
        projects.push(result.right.projects[0]!)
      }
    }
    expect(CoConstructionInvariants.breaches({
      unitEnrolments,
      memberEnrolments: [],
      agreements: [agreement],
      needs: ctx.needs,
      resources: ctx.resources,
      projects,
      posts: [],
      claims: []
    })).toEqual([])
  })

  it.prop("project.capacity and project.quantity in one project: the refusal names the allocation whose running total goes past", [
    fc.array(fc.record({ need: fc.constantFrom("n1", "n2"), resource: fc.constantFrom("r1", "r2"), units: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 })
      .filter((xs) => new Set(xs.map((x) => `${x.need}/${x.resource}`)).size === xs.length)
  ], ([steps]) => {
    const allocations = steps.map((x) => ({ needId: x.need, resourceId: x.resource, units: x.units }))
    const quantity: Record<string, number> = { n1: 10, n2: 3 }
    const capacity: Record<string, number> = { r1: 8, r2: 4 }
    const toNeed: Record<string, number> = {}
    const fromResource: Record<string, number> = {}
    let expected: unknown = "accepted"
    for (const [i, a] of allocations.entries()) {
      toNeed[a.needId] = (toNeed[a.needId] ?? 0) + a.units
      fromResource[a.resourceId] = (fromResource[a.resourceId] ?? 0) + a.units
      if (toNeed[a.needId]! > quantity[a.needId]!) expected = ["project.quantity", `allocations.${i}.units`]
      else if (fromResource[a.resourceId]! > capacity[a.resourceId]!) expected = ["project.capacity", `allocations.${i}.units`]
      if (expected !== "accepted") break
    }
    expect(refusedBy(CoConstructionRules.startProject(tenant, context(), start(allocations)))).toEqual(expected)
  })

  it.prop("progress: from the project's start, never after today, never backdated, never down; 100 % is completed", [
    fc.integer({ min: -1, max: 1 }),
    fc.integer({ min: 0, max: 100 })
  ], ([offset, percent]) => {
    const project = Either.getOrThrow(CoConstructionRules.startProject(tenant, context(), start([{ needId: "n1", resourceId: "r1", units: 1 }]))).projects[0]!
    const today = IsoDate.unsafeMake("2024-09-01")
    const report = (on: string, p: number, reports: ReadonlyArray<Project.Progress> = []) =>
      CoConstructionRules.reportProgress(tenant, { project, reports, today }, decode({ _tag: "ReportProgress", projectId: "p1", on, percent: p }) as CoConstructionCommand.ReportProgress)
    expect(refusedBy(report(day("2024-04-01", offset), 10))).toEqual(offset < 0 ? ["progress.span", "on"] : "accepted")
    // The project runs [2024-04-01, 2024-10-01): its last day is 09-30.
    const late = CoConstructionRules.reportProgress(tenant, { project, reports: [], today: IsoDate.unsafeMake("2025-01-01") }, decode({
      _tag: "ReportProgress", projectId: "p1", on: day("2024-09-30", offset + 1), percent: 10
    }) as CoConstructionCommand.ReportProgress)
    expect(refusedBy(late)).toEqual(offset + 1 > 0 ? ["progress.span", "on"] : "accepted")
    expect(refusedBy(report(day("2024-09-01", offset), 10))).toEqual(offset > 0 ? ["progress.future", "on"] : "accepted")
    const first = Either.getOrThrow(report("2024-06-01", 50)).progress
    // The day before: backdated. The same day: a correction, any value. The day after: never lower.
    expect(refusedBy(report(day("2024-06-01", offset), percent, first))).toEqual(
      offset < 0 ? ["progress.backdated", "on"] : offset > 0 && percent < 50 ? ["progress.decrease", "percent"] : "accepted"
    )
    expect(refusedBy(CoConstructionRules.reportProgress(tenant, { project: undefined, reports: [], today }, decode({ _tag: "ReportProgress", projectId: "p9", on: "2024-06-01", percent: 1 }) as never)))
      .toEqual(["progress.project", "projectId"])
  })

  it.prop("an agreement's progress is its projects' progress weighted by their declared weights", [
    fc.array(fc.record({ weight: fc.integer({ min: 1, max: 10 }), reports: fc.array(fc.record({ day: fc.integer({ min: 0, max: 60 }), percent: fc.integer({ min: 0, max: 100 }) }), { maxLength: 4 }) }), { maxLength: 5 }),
    fc.integer({ min: 0, max: 60 })
  ], ([specs, on]) => {
    const projects = specs.map((s, i) => ({ id: `p${i}` as Project.ProjectId, weight: s.weight }))
    const reports = specs.flatMap((s, i) => s.reports.map((r) => ({ tenant, projectId: `p${i}` as Project.ProjectId, on: day("2024-05-01", r.day), percent: r.percent })))
    const asOf = day("2024-05-01", on)
    const result = Project.agreementProgress(projects, reports, asOf)
    // Independently: each project's latest report on or before the day (0 before any).
    let numerator = 0
    let denominator = 0
    for (const [i, s] of specs.entries()) {
      const seen = s.reports.filter((r) => r.day <= on).sort((a, b) => a.day - b.day)
      numerator += s.weight * (seen.length === 0 ? 0 : seen[seen.length - 1]!.percent)
      denominator += s.weight
      void i
    }
    expect([result.numerator, result.denominator]).toEqual([numerator, denominator])
    expect(result.percent).toBe(denominator === 0 ? 0 : numerator / denominator)
  })

  it("a need and a resource keep what was listed; the changes hold nothing else", () => {
    const changes: CoConstructionChanges.CoConstructionChanges = Either.getOrThrow(CoConstructionRules.listNeed(tenant, { idUsed: false, gridValid: true }, decode({
      _tag: "ListNeed", id: "n9", gridCode: "131102001001", category: "elderly", title: "助餐", quantity: 3, at: "2024-02-01"
    }) as never))
    expect(changes.needs).toEqual([{
      tenant, id: "n9", gridCode: "131102001001", category: "elderly", title: "助餐", quantity: 3, priority: 0, skills: [], listedOn: "2024-02-01"
    }])
    expect(refusedBy(CoConstructionRules.listNeed(tenant, { idUsed: false, gridValid: false }, decode({
      _tag: "ListNeed", id: "n9", gridCode: "131102009", category: "elderly", title: "助餐", quantity: 3, at: "2024-02-01"
    }) as never))).toEqual(["need.grid", "gridCode"])
    expect(refusedBy(CoConstructionRules.listResource(tenant, { idUsed: false, unitEnrolments: [], gridValid: true }, decode({
      _tag: "ListResource", id: "r9", unitCreditCode: unit, gridCode: "131102001", category: "elderly", title: "食堂", capacity: 2, at: "2024-02-01"
    }) as never))).toEqual(["resource.unit-enrolled", "unitCreditCode"])
  })
})
