/**
 * The grid, worker and household rosters on the memory store: each equals the grid
 * service's answers, masks personal data without `pii:read`, shows it with it in one
 * audited read, and refuses bad options with a typed error naming the field.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, GridConfig, GridRoster, Grids, HouseholdRoster, MemoryStore, Report, WorkerRoster } from "@jiceng/core"
import { GridIntents } from "@jiceng/testkit"
import { Effect, Layer, Option, Schema, TestClock } from "effect"
import { admin, auditAfter, auditHead, blocks, compound, hexiAdmin, layer, seed, today, viewer } from "./fixtures.js"

/** A report's one table by id. */
const tableOf = (report: Report.Report, id: string): Report.Table => {
  const found = report.sections.flatMap((s) => s.blocks).find((b) => b.id === id)
  if (found?._tag !== "Table") throw new Error(`no table ${id}`)
  return found
}

/** A report's figure by key. */
const figureOf = (report: Report.Report, key: string) =>
  report.sections.flatMap((s) => s.blocks).flatMap((b) => (b._tag === "Figures" ? b.items : [])).find((f) => f.key === key)?.value

/** Every model is a valid `Report`: what a back end is handed decodes as one. */
const valid = (report: Report.Report) => expect(Schema.decodeUnknownSync(Report.Report)(report)).toEqual(report)

describe("Rosters", () => {
  it.effect("grid roster: the subtree's grids with their responsible worker and places; the places total is the subtree's", () =>
    Effect.gen(function*() {
      yield* seed
      const grids = yield* Grids.Grids
      const report = yield* GridRoster.build(viewer, { root: "131102001" })
      valid(report)
      expect(report).toMatchObject({
        kind: "grid-roster", lang: "zh", tenant: "131102", title: "网格名册", masked: true,
        scope: { gridCode: "131102001", name: "河西街道" }, period: { _tag: "Day", at: today },
        generatedAt: "2024-06-01T10:00:00+08:00"
      })
      const subtree = yield* grids.subtree(viewer, { root: "131102001" })
      const roster = tableOf(report, "grid-roster")
      expect(roster.rows.map((r) => [r[0], r[1], r[3]])).toEqual(subtree.map((g) => [g.code, g.name, g.parentCode]))
      expect(roster.rows.map((r) => r[2])).toEqual(["街道", "社区", "片区", "小区", "单元", "单元"])
      expect(roster.rows.find((r) => r[0] === compound)).toEqual([compound, "锦绣花园", "小区", "131102001001001", "李四", 1])
      expect(roster.rows.find((r) => r[0] === blocks[1])).toEqual([blocks[1], "1号楼2单元", "单元", compound, "王五", 2])
      // The totals row is the subtree's places, as the service counts them.
      const places = (yield* grids.countPlaces(viewer, { root: "131102001" })).reduce((n, k) => n + k.count, 0)
      expect(roster.totals).toEqual(["合计", null, null, null, null, places])
      expect(places).toBe(4)
      expect(figureOf(report, "grids")).toBe(subtree.length)
      expect(figureOf(report, "staffed")).toBe(3)
      // No personal data: an administrator's roster is the same, and reads nothing personal.
      const before = yield* auditHead
      const full = yield* GridRoster.build(admin, { root: "131102001" })
      expect(tableOf(full, "grid-roster")).toEqual(roster)
      expect(full.masked).toBe(true)
      expect(yield* auditAfter(before)).toEqual([])
    }).pipe(Effect.provide(layer)))

  it.effect("worker roster: Grids.workers's workers; per category as countWorkersByCategory; masked without pii:read", () =>
    Effect.gen(function*() {
      yield* seed
      const grids = yield* Grids.Grids
      const before = yield* auditHead
      const report = yield* WorkerRoster.build(viewer)
      valid(report)
      expect(report).toMatchObject({ kind: "worker-roster", masked: true, scope: { gridCode: "131102", name: "桃城区" } })
      const workers = yield* grids.workers(viewer)
      const roster = tableOf(report, "worker-roster")
      expect(roster.rows.map((r) => [r[0], r[1], r[6], r[7]])).toEqual(workers.map((w) => [w.id, w.name, w.phone, w.citizenId]))
      expect(roster.rows).toEqual([
        ["W1", "李四", "社区工作者", "专职", "网格长、网格员", "锦绣花园、1号楼1单元", "138****5678", "110105********002X"],
        ["W2", "王五", "单元长", "兼职", "单元长", "1号楼2单元", "139****5670", null],
        ["W3", "赵六", "社区工作者", "专职", "网格长", "锦华小区", "137****5671", "131102********0011"]
      ])
      expect(roster.columns.map((c) => c.personal)).toEqual([null, null, null, null, null, null, "phone", "citizen-id"])
      const counts = yield* grids.countWorkersByCategory(viewer)
      expect(tableOf(report, "workers-per-category").rows).toEqual([["社区工作者", 2], ["单元长", 1]])
      expect(counts.map((c) => c.count)).toEqual([2, 1])
      expect(tableOf(report, "workers-per-category").totals).toEqual(["合计", workers.length])
      expect(yield* auditAfter(before)).toEqual([])
    }).pipe(Effect.provide(layer)))

  it.effect("worker roster with pii:read: whole, and one audit entry for the report naming no data", () =>
    Effect.gen(function*() {
      yield* seed
      const before = yield* auditHead
      const report = yield* WorkerRoster.build(hexiAdmin, { at: "2024-05-01" })
      expect(report.masked).toBe(false)
      expect(tableOf(report, "worker-roster").rows.map((r) => [r[0], r[6], r[7]])).toEqual([
        ["W1", "13812345678", "11010519491231002X"],
        ["W2", "13912345670", null]
      ])
      const log = yield* auditAfter(before)
      expect(log.map((e) => [e.actor, e.action, e.target, JSON.parse(e.detail)])).toEqual([
        ["河西街道管理员", "ReadWorkersPii", "131102001", { at: "2024-05-01", rows: 2 }]
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("household roster: Grids.places's households in one read; names and addresses masked; whole and audited once with pii:read", () =>
    Effect.gen(function*() {
      yield* seed
      const grids = yield* Grids.Grids
      const before = yield* auditHead
      const report = yield* HouseholdRoster.build(viewer, { root: "131102001" })
      valid(report)
      const places = yield* grids.places(viewer, { root: "131102001", kind: "household" })
      const roster = tableOf(report, "household-roster")
      expect(roster.rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual(places.map((p) => [p.place.id, p.link.gridCode, p.place.name, p.place.address]))
      expect(roster.rows).toEqual([
        ["H1", "1号楼1单元", blocks[0], "张*", "河西街道明珠******"],
        ["H2", "1号楼2单元", blocks[1], "欧***", "河西街道明珠******"],
        ["H3", "1号楼2单元", blocks[1], "孙*", null]
      ])
      expect(roster.columns.map((c) => c.label)).toEqual(["住户编号", "单元", "单元编码", "户主（户名）", "住址"])
      expect(figureOf(report, "households")).toBe(3)
      expect(report.masked).toBe(true)
      expect(yield* auditAfter(before)).toEqual([])
      const full = yield* HouseholdRoster.build(hexiAdmin)
      expect(full.masked).toBe(false)
      expect(tableOf(full, "household-roster").rows.map((r) => [r[3], r[4]])).toEqual([
        ["张家", "河西街道明珠社区锦绣花园1号楼1单元101"],
        ["欧阳娜娜", "河西街道明珠社区锦绣花园1号楼2单元202"],
        ["孙家", null]
      ])
      const log = yield* auditAfter(before)
      expect(log.map((e) => [e.action, e.target, JSON.parse(e.detail)])).toEqual([
        ["ReadPlacesPii", "131102001", { at: today, kind: "household", rows: 3 }]
      ])
      expect(log.some((e) => e.detail.includes("张家") || e.detail.includes("101"))).toBe(false)
    }).pipe(Effect.provide(layer)))

  it.effect("contact data is as it is now: a past day's roster withholds it for workers and households that left the scope", () =>
    Effect.gen(function*() {
      yield* seed
      const grids = yield* Grids.Grids
      // 王五 moves to 河东's 锦华社区, and household H2 to a block there, on 2024-05-15.
      yield* grids.executeAll(admin, [
        { _tag: "EndAssignment", id: `W2:${blocks[1]}@2023-01-01`, at: "2024-05-15" },
        { _tag: "RegisterWorker", id: "W2", name: "王五", category: "unit_head", employment: "part_time", communityCode: "131102002001", phone: "13912345670", at: "2024-05-15" },
        { _tag: "PlacePlace", id: "H2", kind: "household", name: "欧阳娜娜", address: "河东街道锦华社区3号楼1单元302", gridCode: "131102002001001001001", at: "2024-05-15" }
      ])
      const before = yield* auditHead
      const workers = yield* WorkerRoster.build(hexiAdmin, { at: "2024-05-01" })
      expect(tableOf(workers, "worker-roster").rows.map((r) => [r[0], r[6], r[7]])).toEqual([
        ["W1", "13812345678", "11010519491231002X"],
        ["W2", null, null]
      ])
      const households = yield* HouseholdRoster.build(hexiAdmin, { at: "2024-05-01" })
      expect(tableOf(households, "household-roster").rows.map((r) => [r[0], r[3], r[4]])).toEqual([
        ["H1", "张家", "河西街道明珠社区锦绣花园1号楼1单元101"],
        ["H2", "***", null],
        ["H3", "孙家", null]
      ])
      // What the reads showed, counted: not the rows withheld.
      expect((yield* auditAfter(before)).map((e) => [e.action, JSON.parse(e.detail).rows])).toEqual([
        ["ReadWorkersPii", 1],
        ["ReadPlacesPii", 2]
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("en labels on request", () =>
    Effect.gen(function*() {
      yield* seed
      const grid = yield* GridRoster.build(viewer, { lang: "en", root: "131102001" })
      expect(grid.title).toBe("Grid roster")
      expect(tableOf(grid, "grid-roster").rows[0]![2]).toBe("Subdistrict")
      expect(tableOf(grid, "grid-roster").totals![0]).toBe("Total")
      const workers = yield* WorkerRoster.build(viewer, { lang: "en" })
      expect(tableOf(workers, "worker-roster").rows[0]!.slice(2, 4)).toEqual(["Community worker", "Full-time"])
      expect(tableOf(workers, "worker-roster").columns.map((c) => c.label)).toEqual(["Id", "Name", "Category", "Employment", "Posts", "Grids", "Phone", "ID number"])
      const households = yield* HouseholdRoster.build(viewer, { lang: "en" })
      expect(tableOf(households, "household-roster").columns.map((c) => c.label)).toEqual(["Household id", "Block", "Block code", "Head of household (name kept)", "Address"])
      expect(households.rounding).toBe("Counts only: whole numbers, nothing rounded.")
    }).pipe(Effect.provide(layer)))

  it.effect("bad options: a typed error naming the field; outside the scope: Forbidden; nothing written", () =>
    Effect.gen(function*() {
      yield* seed
      const before = yield* auditHead
      const builders = [GridRoster.build, WorkerRoster.build, HouseholdRoster.build]
      for (const build of builders) {
        expect(yield* Effect.flip(build(viewer, { lang: "fr" as never }))).toMatchObject({ _tag: "ValidationError", field: "options.lang" })
        expect(yield* Effect.flip(build(viewer, { at: "2024-02-30" }))).toMatchObject({ _tag: "ValidationError", field: "options.at", rule: "date.format" })
        expect(yield* Effect.flip(build(viewer, { root: "13110200x" }))).toMatchObject({ _tag: "ValidationError", field: "options.root" })
        expect(yield* Effect.flip(build(viewer, { colour: "red" } as never))).toMatchObject({ _tag: "ValidationError", field: "options.colour" })
        expect(yield* Effect.flip(build(hexiAdmin, { root: "131102002" }))).toMatchObject({ _tag: "Forbidden", reason: "scope" })
        const noGrids = Actor.make({ id: "recorder", tenant: "131102", roles: ["certificate_checker"] })
        expect(yield* Effect.flip(build(noGrids))).toMatchObject({ _tag: "Forbidden", reason: "role" })
      }
      expect(yield* auditAfter(before)).toEqual([])
    }).pipe(Effect.provide(layer)))

  it.effect.prop(
    "report.roster-services: on random grid histories, each roster is the grid service's answer on any day, for any scope",
    [GridIntents.Intents(25), Schema.Literal("2023-06-01", "2024-06-01", "2025-06-01"), Schema.Literal("", "001", "002001")],
    ([intents, at, below]) =>
      Effect.gen(function*() {
        const t = "131102"
        yield* TestClock.setTime(Date.parse("2024-06-01T10:00:00+08:00"))
        yield* GridIntents.run(t, intents, { checkRefusals: false })
        const grids = yield* Grids.Grids
        const actor = Actor.make({ id: "查看者", tenant: t, roles: ["viewer"], scope: t + below })
        const [tree, assignments, links, counts, kinds] = yield* Effect.all([
          grids.subtree(actor, { at }),
          grids.assignments(actor, { at }),
          grids.placeLinks(actor, { at }),
          grids.countWorkersByCategory(actor, { at }),
          grids.countPlaces(actor, { at })
        ])
        const grid = tableOf(yield* GridRoster.build(actor, { at }), "grid-roster")
        expect(grid.rows.map((r) => r[0])).toEqual(tree.map((g) => g.code))
        expect(grid.rows.map((r) => r[5])).toEqual(tree.map((g) => links.filter((l) => l.gridCode === g.code).length))
        expect(grid.rows.map((r) => r[4] !== null)).toEqual(tree.map((g) => assignments.some((a) => a.responsible && a.gridCode === g.code)))
        expect(grid.totals?.[5]).toBe(kinds.reduce((n, k) => n + k.count, 0))

        const workers = tableOf(yield* WorkerRoster.build(actor, { at }), "worker-roster")
        expect(workers.rows.length).toBe(counts.reduce((n, c) => n + c.count, 0))
        for (const row of workers.rows) {
          // Each worker as the single read shows them on the day: the same masked contact data.
          const one = Option.getOrThrow(yield* grids.worker(actor, row[0] as string, at))
          expect([row[1], row[6], row[7]]).toEqual([one.name, one.phone, one.citizenId])
          expect(assignments.some((a) => a.workerId === row[0])).toBe(true)
        }

        const households = tableOf(yield* HouseholdRoster.build(actor, { at }), "household-roster")
        expect(households.rows.length).toBe(kinds.find((k) => k.kind === "household")?.count ?? 0)
        for (const row of households.rows) {
          expect(links.some((l) => l.placeId === row[0] && l.gridCode === row[2])).toBe(true)
          const one = Option.getOrThrow(yield* grids.place(actor, row[0] as string, at))
          expect([row[3], row[4]]).toEqual([one.name, one.address])
        }
      }).pipe(Effect.provide(Grids.layer.pipe(Layer.provideMerge(Layer.merge(MemoryStore.layer, GridConfig.layer()))))),
    { fastCheck: { numRuns: 30 } }
  )
})
