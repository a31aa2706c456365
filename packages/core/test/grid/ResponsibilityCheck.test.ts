import { describe, expect, it } from "@effect/vitest"
import { type Grid, LevelScheme, ResponsibilityCheck, type Worker } from "@jiceng/core"
import { Schema } from "effect"

const scheme = LevelScheme.defaultScheme
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

/** Random assignments of 6 workers to 2 communities × 5 blocks, some primary. */
const Assignments = Schema.Array(
  Schema.Struct({
    worker: Schema.Int.pipe(Schema.between(0, 5)),
    community: Schema.Int.pipe(Schema.between(0, 1)),
    block: Schema.Int.pipe(Schema.between(0, 4)),
    primary: Schema.Boolean
  })
).pipe(Schema.maxItems(20))

describe("定格定人定岗定责 check", () => {
  it.prop("alerts exactly the blocks without one primary and the workers spanning communities", [Assignments], ([rows]) => {
    const grids = [0, 1].flatMap((c) => [0, 1, 2, 3, 4].map((b) => grid(block(c, b), 5)))
    // Workers 0–2 belong to community 0, 3–5 to community 1.
    const workers: Array<Worker.Worker> = [0, 1, 2, 3, 4, 5].map((w) => ({
      tenant: "131102" as never,
      id: `W${w}` as never,
      name: `W${w}`,
      category: "community_worker",
      communityCode: community(w < 3 ? 0 : 1) as never,
      phone: null,
      citizenId: null
    }))
    const assignments = rows.map((r, i) => ({
      tenant: "131102" as never,
      id: `A${i}` as never,
      workerId: `W${r.worker}` as Worker.WorkerId,
      gridCode: block(r.community, r.block) as Grid.GridCode,
      post: "专职网格员",
      primary: r.primary,
      duties: ["走访"] as const,
      validFrom: "2023-01-01" as never,
      validTo: null
    }))
    const alerts = ResponsibilityCheck.check(scheme, { grids, assignments, workers })
    for (const g of grids) {
      const primaries = assignments.filter((a) => a.gridCode === g.code && a.primary).length
      const kinds = alerts.filter((a) => a.gridCode === g.code).map((a) => a.kind)
      expect(kinds.includes("no-primary")).toBe(primaries === 0)
      expect(kinds.includes("several-primaries")).toBe(primaries > 1)
    }
    const outside = assignments.filter((a) => !a.gridCode.startsWith(workers[Number(a.workerId.slice(1))]!.communityCode))
    expect(alerts.filter((a) => a.kind === "outside-community")).toHaveLength(outside.length)
    for (const w of workers) {
      const spans = new Set(assignments.filter((a) => a.workerId === w.id).map((a) => a.gridCode.slice(0, 12))).size
      expect(alerts.some((a) => a.kind === "several-communities" && a.workerIds[0] === w.id)).toBe(spans > 1)
    }
  })

  it("an unregistered worker and missing duties are alerts, not silence", () => {
    const alerts = ResponsibilityCheck.check(scheme, {
      grids: [grid(block(0, 0), 5)],
      assignments: [{
        tenant: "131102" as never, id: "A" as never, workerId: "ghost" as never, gridCode: block(0, 0) as never,
        post: " ", primary: true, duties: [" "] as never, validFrom: "2023-01-01" as never, validTo: null
      }],
      workers: []
    })
    expect(alerts.map((a) => a.kind).sort()).toEqual(["no-duties", "no-post", "unknown-worker"])
    const stray = ResponsibilityCheck.check(scheme, {
      grids: [grid(block(0, 0), 5)],
      assignments: [{
        tenant: "131102" as never, id: "B" as never, workerId: "W0" as never, gridCode: block(0, 4) as never,
        post: "楼栋长", primary: false, duties: ["走访"] as never, validFrom: "2023-01-01" as never, validTo: null
      }],
      workers: [{
        tenant: "131102" as never, id: "W0" as never, name: "W0", category: "community_worker",
        communityCode: community(0) as never, phone: null, citizenId: null
      }]
    })
    expect(stray.map((a) => [a.kind, a.gridCode])).toEqual([["no-primary", block(0, 0)], ["inactive-grid", block(0, 4)]])
  })
})
