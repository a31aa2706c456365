import { describe, expect, it } from "@effect/vitest"
import { type Grid, GridConfig, LevelScheme, ResponsibilityCheck, type Worker } from "@jiceng/core"
import { Schema } from "effect"

const scheme = LevelScheme.defaultScheme
const staffed = GridConfig.levelsOf(scheme, GridConfig.defaults.staffedLevels)
const term = (id: string, c: number): Worker.WorkerTerm => ({
  tenant: "131102" as never,
  workerId: id as never,
  category: "community_worker",
  communityCode: community(c) as never,
  employment: "full_time",
  validFrom: "2023-01-01" as never,
  validTo: null,
  change: "register"
})
const community = (c: number) => `131102001${String(c + 1).padStart(3, "0")}`
const block = (c: number, b: number) => `${community(c)}001001${String(b + 1).padStart(3, "0")}`

const grid = (code: string, level: number): Grid.Grid => ({
  tenant: "131102" as never,
  id: `${code}@2023-01-01` as never,
  code: code as never,
  parentCode: code.slice(0, -3) as never,
  level,
  name: code,
  validFrom: "2023-01-01" as never,
  validTo: null,
  change: "create",
  predecessors: []
})

/** Random assignments of 6 workers to 2 communities × 5 blocks, some responsible. */
const Assignments = Schema.Array(
  Schema.Struct({
    worker: Schema.Int.pipe(Schema.between(0, 5)),
    community: Schema.Int.pipe(Schema.between(0, 1)),
    block: Schema.Int.pipe(Schema.between(0, 4)),
    responsible: Schema.Boolean
  })
).pipe(Schema.maxItems(20))

describe("定格定人定岗定责 check", () => {
  it.prop("alerts exactly the staffed grids without one responsible worker and the workers spanning communities", [
    Assignments
  ], ([rows]) => {
    const grids = [0, 1].flatMap((c) => [0, 1, 2, 3, 4].map((b) => grid(block(c, b), 5)))
    // Workers 0–2 belong to community 0, 3–5 to community 1.
    const terms = [0, 1, 2, 3, 4, 5].map((w) => term(`W${w}`, w < 3 ? 0 : 1))
    const assignments = rows.map((r, i) => ({
      tenant: "131102" as never,
      id: `A${i}` as never,
      workerId: `W${r.worker}` as Worker.WorkerId,
      gridCode: block(r.community, r.block) as Grid.GridCode,
      post: "网格长",
      responsible: r.responsible,
      duties: ["走访"] as const,
      validFrom: "2023-01-01" as never,
      validTo: null
    }))
    const alerts = ResponsibilityCheck.check(scheme, staffed, { grids, assignments, terms })
    for (const g of grids) {
      const responsible = assignments.filter((a) => a.gridCode === g.code && a.responsible).length
      const kinds = alerts.filter((a) => a.gridCode === g.code).map((a) => a.kind)
      expect(kinds.includes("no-responsible")).toBe(responsible === 0)
      expect(kinds.includes("several-responsible")).toBe(responsible > 1)
    }
    const outside = assignments.filter((a) => !a.gridCode.startsWith(terms[Number(a.workerId.slice(1))]!.communityCode))
    expect(alerts.filter((a) => a.kind === "outside-community")).toHaveLength(outside.length)
    for (const t of terms) {
      const spans = new Set(assignments.filter((a) => a.workerId === t.workerId).map((a) => a.gridCode.slice(0, 12))).size
      expect(alerts.some((a) => a.kind === "several-communities" && a.workerIds[0] === t.workerId)).toBe(spans > 1)
    }
    // A total order: the same alerts whatever order the input came in.
    const reversed = ResponsibilityCheck.check(scheme, staffed, {
      grids: [...grids].reverse(),
      assignments: [...assignments].reverse(),
      terms: [...terms].reverse()
    })
    expect(reversed).toEqual(alerts)
  })

  it("both staffed levels by default: an unstaffed 小区 is an alert too; other levels are not checked", () => {
    const compound = `${community(0)}001001`
    const alerts = ResponsibilityCheck.check(scheme, staffed, {
      grids: [grid(community(0), 2), grid(`${community(0)}001`, 3), grid(compound, 4), grid(block(0, 0), 5)],
      assignments: [],
      terms: []
    })
    expect(alerts.map((a) => [a.kind, a.gridCode])).toEqual([["no-responsible", compound], ["no-responsible", block(0, 0)]])
    const onlyBlocks = ResponsibilityCheck.check(scheme, GridConfig.levelsOf(scheme, ["block"]), {
      grids: [grid(compound, 4), grid(block(0, 0), 5)],
      assignments: [],
      terms: []
    })
    expect(onlyBlocks.map((a) => a.gridCode)).toEqual([block(0, 0)])
  })

  it("two alerts of one worker and grid keep one order whatever the input order", () => {
    const two = (ids: ReadonlyArray<string>) =>
      ResponsibilityCheck.check(scheme, [], {
        grids: [],
        assignments: ids.map((id) => ({
          tenant: "131102" as never, id: id as never, workerId: "W0" as never, gridCode: block(0, 0) as never,
          post: "网格员", responsible: false, duties: ["走访"] as never, validFrom: "2023-01-01" as never, validTo: null
        })),
        terms: [term("W0", 0)]
      })
    const forward = two(["W0:a", "W0:b"])
    expect(forward.map((a) => a.kind)).toEqual(["inactive-grid", "inactive-grid"])
    expect(two(["W0:b", "W0:a"])).toEqual(forward)
  })

  it("an unregistered worker and missing duties are alerts, not silence", () => {
    const alerts = ResponsibilityCheck.check(scheme, staffed, {
      grids: [grid(block(0, 0), 5)],
      assignments: [{
        tenant: "131102" as never, id: "A" as never, workerId: "ghost" as never, gridCode: block(0, 0) as never,
        post: " ", responsible: true, duties: [" "] as never, validFrom: "2023-01-01" as never, validTo: null
      }],
      terms: []
    })
    expect(alerts.map((a) => a.kind).sort()).toEqual(["no-duties", "no-post", "unknown-worker"])
    const stray = ResponsibilityCheck.check(scheme, staffed, {
      grids: [grid(block(0, 0), 5)],
      assignments: [{
        tenant: "131102" as never, id: "B" as never, workerId: "W0" as never, gridCode: block(0, 4) as never,
        post: "楼栋长", responsible: false, duties: ["走访"] as never, validFrom: "2023-01-01" as never, validTo: null
      }],
      terms: [term("W0", 0)]
    })
    expect(stray.map((a) => [a.kind, a.gridCode])).toEqual([["no-responsible", block(0, 0)], ["inactive-grid", block(0, 4)]])
  })
})
