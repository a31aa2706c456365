import { describe, expect, it } from "@effect/vitest"
import { Actor, GridCommand, GridConfig, Grids, MemoryStore, WorkerCategory } from "@jiceng/core"
import { Effect, FastCheck as fc, Layer, Schema } from "effect"
import * as District from "../src/district/District.js"
import * as Distribute from "../src/district/Distribute.js"
import * as Names from "../src/district/Names.js"
import * as Random from "../src/district/Random.js"

type Command = District.Command
type CreateGrid = Extract<Command, { _tag: "CreateGrid" }>
type AssignWorker = Extract<Command, { _tag: "AssignWorker" }>
type RegisterWorker = Extract<Command, { _tag: "RegisterWorker" }>
type PlacePlace = Extract<Command, { _tag: "PlacePlace" }>

const grids = (d: District.GeneratedDistrict): Array<CreateGrid> =>
  d.commands.filter((c): c is CreateGrid => c._tag === "CreateGrid")
const assignments = (d: District.GeneratedDistrict): Array<AssignWorker> =>
  d.commands.filter((c): c is AssignWorker => c._tag === "AssignWorker")
const workers = (d: District.GeneratedDistrict): Array<RegisterWorker> =>
  d.commands.filter((c): c is RegisterWorker => c._tag === "RegisterWorker")
const places = (d: District.GeneratedDistrict): Array<PlacePlace> =>
  d.commands.filter((c): c is PlacePlace => c._tag === "PlacePlace")

const countByLevel = (d: District.GeneratedDistrict): Array<number> => {
  const counts: Array<number> = []
  for (const g of grids(d)) counts[g.level ?? -1] = (counts[g.level ?? -1] ?? 0) + 1
  return counts
}

/** The structural invariants every generated district keeps, whatever its size. */
const checkInvariants = (d: District.GeneratedDistrict): void => {
  const o = d.options
  const all = grids(d)
  const codes = new Set(all.map((g) => g.code))
  expect(codes.size).toBe(all.length)
  expect(countByLevel(d)).toEqual([1, o.streets.length, o.communities, o.sectors, o.compounds, o.blocks])
  expect(d.summary.gridsByLevel).toEqual(countByLevel(d))

  // Parents come before children, codes extend the parent's by 3 digits, every
  // grid above the blocks has at least one child.
  const seen = new Set<string>()
  const childCount = new Map<string, number>()
  for (const g of all) {
    if (g.parentCode === null) {
      expect(g.code).toBe(o.tenant)
    } else {
      expect(seen.has(g.parentCode), `${g.code}'s parent comes first`).toBe(true)
      expect(g.code.startsWith(g.parentCode) && g.code.length === g.parentCode.length + 3).toBe(true)
      childCount.set(g.parentCode, (childCount.get(g.parentCode) ?? 0) + 1)
    }
    expect(g.validFrom).toBe(o.validFrom)
    seen.add(g.code)
  }
  for (const g of all) {
    if ((g.level ?? 0) < 5) expect(childCount.get(g.code) ?? 0, `${g.code} has a child`).toBeGreaterThanOrEqual(1)
  }

  // The order applies cleanly: grids, then places, workers, assignments.
  const order = ["CreateGrid", "PlacePlace", "RegisterWorker", "AssignWorker"]
  const ranks = d.commands.map((c) => order.indexOf(c._tag))
  expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true)

  // 入格: each kind at the level it goes into (the default GridConfig.placeLevels).
  const blocks = new Set(all.filter((g) => g.level === 5).map((g) => g.code))
  const compounds = new Set(all.filter((g) => g.level === 4).map((g) => g.code))
  const levelOf = new Map(all.map((g) => [g.code, GridConfig.defaults.scheme.levels[g.level ?? 0]!.key]))
  const ps = places(d)
  for (const p of ps) {
    expect(GridConfig.defaults.placeLevels[p.kind], `${p.kind} in ${p.gridCode}`).toContain(levelOf.get(p.gridCode))
    expect(p.kind === "work_unit" ? typeof p.creditCode === "string" : p.creditCode === undefined).toBe(true)
  }
  const ofKind = (kind: string) => ps.filter((p) => p.kind === kind).length
  expect(ofKind("household")).toBe(o.blocks * o.householdsPerBlock)
  expect([ofKind("work_unit"), ofKind("merchant"), ofKind("office_building")]).toEqual([o.workUnits, o.merchants, o.officeBuildings])
  expect(ofKind("residential_building")).toBeGreaterThanOrEqual(o.compounds)
  expect(Object.fromEntries(Object.entries(d.summary.placesByKind).filter(([, n]) => n > 0))).toEqual(
    Object.fromEntries(["household", "residential_building", "work_unit", "merchant", "office_building"].map((k) => [k, ofKind(k)]).filter(([, n]) => (n as number) > 0))
  )
  expect(ps.every((p) => p.at === o.validFrom)).toBe(true)
  expect(new Set(ps.map((p) => p.id)).size).toBe(ps.length)

  // 定格定人定岗定责: exactly one responsible worker per compound and per block except the
  // unassigned blocks; every worker works within their community and has at least one
  // assignment; employment follows the category.
  const ws = new Map(workers(d).map((w) => [w.id, w]))
  const as = assignments(d)
  const primaries = new Map<string, number>()
  const assigned = new Set<string>()
  const pairs = new Set<string>()
  for (const a of as) {
    const w = ws.get(a.workerId)
    expect(w, `worker ${a.workerId} is registered`).toBeDefined()
    expect(a.gridCode.startsWith(w!.communityCode), `${a.workerId} stays in ${w!.communityCode}`).toBe(true)
    expect(blocks.has(a.gridCode) || (a.responsible && compounds.has(a.gridCode))).toBe(true)
    expect(a.duties.length).toBeGreaterThan(0)
    expect(pairs.has(`${a.workerId} ${a.gridCode}`)).toBe(false)
    pairs.add(`${a.workerId} ${a.gridCode}`)
    assigned.add(a.workerId)
    if (a.responsible) primaries.set(a.gridCode, (primaries.get(a.gridCode) ?? 0) + 1)
    // Building and unit heads (楼栋长, 单元长) are never answerable for a grid.
    if (a.responsible) expect(["building_head", "unit_head"]).not.toContain(w!.category)
  }
  expect([...ws.keys()].every((id) => assigned.has(id))).toBe(true)
  expect([...primaries.values()].every((n) => n === 1)).toBe(true)
  expect([...compounds].every((c) => primaries.has(c))).toBe(true)
  for (const w of ws.values()) {
    expect(w.employment).toBe(o.fullTimeCategories.includes(w.category) ? "full_time" : "part_time")
  }
  const without = [...blocks].filter((b) => !primaries.has(b)).sort()
  expect(without).toEqual(d.summary.unassignedBlocks)
  expect(without.length).toBe(o.unassignedBlocks)
  expect(ws.size).toBe(o.workers)
  expect(d.summary.responsibleAssignments + d.summary.otherAssignments).toBe(as.length)
}

const decode = Schema.decodeUnknownSync(GridCommand.GridCommand)

describe("District", () => {
  const taocheng = District.generate()

  it("builds 桃城区 at the article's scale by default: 4 / 40 / 124 / 355 / 3242", () => {
    expect(taocheng.tenant).toBe("131102")
    expect(countByLevel(taocheng)).toEqual([1, 4, 40, 124, 355, 3242])
    const root = grids(taocheng)[0]!
    expect(root).toMatchObject({ code: "131102", name: "桃城区", parentCode: null, level: 0, validFrom: "2023-01-01" })
    const streets = grids(taocheng).filter((g) => g.level === 1).map((g) => [g.code, g.name])
    expect(streets).toEqual([
      ["131102001", "河西街道"],
      ["131102002", "河东街道"],
      ["131102003", "路北街道"],
      ["131102004", "中华大街街道"]
    ])
    // Communities carry 12-digit 统计用区划代码: street code + 001, 002, ….
    const communities = grids(taocheng).filter((g) => g.level === 2)
    expect(communities.every((c) => /^13110200[1-4]\d{3}$/.test(c.code) && c.name.endsWith("社区"))).toBe(true)
    expect(communities.some((c) => c.code === "131102001001")).toBe(true)
    checkInvariants(taocheng)
  })

  it("is deterministic: the same seed gives identical output", () => {
    expect(District.generate()).toStrictEqual(taocheng)
    const small = { seed: 42, communities: 6, sectors: 9, compounds: 20, blocks: 60, workers: 20 }
    expect(District.generate(small)).toStrictEqual(District.generate(small))
  })

  it("changes with the seed and with the sizes", () => {
    const other = District.generate({ seed: 7 })
    expect(other.commands).not.toEqual(taocheng.commands)
    expect(countByLevel(other)).toEqual([1, 4, 40, 124, 355, 3242])
    // Different seeds split the levels differently, not only rename them.
    const shape = (d: District.GeneratedDistrict) => grids(d).map((g) => g.code)
    expect(shape(other)).not.toEqual(shape(taocheng))
    expect(District.generate({ blocks: 3000 }).commands).not.toEqual(taocheng.commands)
  })

  it("splits levels unevenly, with plausible names", () => {
    const perCompound = new Map<string, number>()
    for (const g of grids(taocheng)) if (g.level === 5) perCompound.set(g.parentCode!, (perCompound.get(g.parentCode!) ?? 0) + 1)
    const sizes = [...perCompound.values()]
    expect(Math.max(...sizes)).toBeGreaterThan(Math.min(...sizes) + 3)
    const byLevel = (level: number) => grids(taocheng).filter((g) => g.level === level).map((g) => g.name)
    expect(new Set(byLevel(2)).size).toBe(40)
    expect(byLevel(3).every((n) => n.endsWith("片区"))).toBe(true)
    expect(new Set(byLevel(4)).size).toBe(355)
    expect(byLevel(5).every((n) => /^\d+号楼\d+单元$/.test(n))).toBe(true)
    expect(workers(taocheng).every((w) => /^[\u4e00-\u9fff]{2,3}$/.test(w.name))).toBe(true)
  })

  it("puts workers in all 13 categories, leaves a few blocks without a responsible worker", () => {
    const categories = new Set(workers(taocheng).map((w) => w.category))
    expect([...categories].sort()).toEqual(WorkerCategory.defaultCategories.map((c) => c.key).sort())
    expect(taocheng.options.unassignedBlocks).toBeGreaterThanOrEqual(2)
    expect(taocheng.options.unassignedBlocks).toBeLessThanOrEqual(5)
    expect(taocheng.summary.unassignedBlocks.length).toBe(taocheng.options.unassignedBlocks)
    // Some workers are responsible for several grids of their community.
    const perWorker = new Map<string, number>()
    for (const a of assignments(taocheng)) if (a.responsible) perWorker.set(a.workerId, (perWorker.get(a.workerId) ?? 0) + 1)
    expect(Math.max(...perWorker.values())).toBeGreaterThan(1)
    expect(assignments(taocheng).some((a) => !a.responsible)).toBe(true)
    expect(taocheng.summary.workersByEmployment.full_time + taocheng.summary.workersByEmployment.part_time).toBe(1500)
    expect(taocheng.summary.workersByEmployment.part_time).toBeGreaterThan(0)
    const total = Object.values(taocheng.summary.workersByCategory).reduce((s, n) => s + n, 0)
    expect(total).toBe(taocheng.options.workers)
    expect(Object.values(taocheng.summary.placesByKind).every((n) => n > 0)).toBe(true)
  })

  it("scales the worker defaults with the blocks", () => {
    expect(taocheng.options.workers).toBe(1500)
    expect(taocheng.options.extraAssignments).toBe(600)
    const smaller = District.generate({ blocks: 1000 })
    expect(smaller.options.workers).toBe(463)
    expect(smaller.options.extraAssignments).toBe(185)
    checkInvariants(smaller)
    expect(District.generate({ blocks: 1000, workers: 700 }).options.workers).toBe(700)
  })

  it("honours unassignedBlocks, the place counts and validFrom", () => {
    const d = District.generate({
      unassignedBlocks: 0, householdsPerBlock: 0, workUnits: 0, merchants: 0, officeBuildings: 0, validFrom: "2024-02-29"
    })
    expect(d.summary.unassignedBlocks).toEqual([])
    expect(places(d).every((p) => p.kind === "residential_building")).toBe(true)
    expect(d.commands.every((c) => ("validFrom" in c ? c.validFrom : "at" in c ? c.at : "2024-02-29") === "2024-02-29")).toBe(true)
    checkInvariants(d)
    const many = District.generate({ seed: 3, unassignedBlocks: 25, householdsPerBlock: 5 })
    expect(many.summary.unassignedBlocks.length).toBe(25)
    checkInvariants(many)
  })

  it("every generated command decodes as a GridCommand", () => {
    for (const command of taocheng.commands) expect(() => decode(command)).not.toThrow()
  })

  it.prop(
    "sizes as parameters: counts, invariants and decoding hold for small random districts",
    {
      seed: fc.integer({ min: 0, max: District.maxSeed }),
      streets: fc.integer({ min: 1, max: 4 }),
      communities: fc.integer({ min: 0, max: 6 }),
      sectors: fc.integer({ min: 0, max: 10 }),
      compounds: fc.integer({ min: 0, max: 15 }),
      blocks: fc.integer({ min: 0, max: 40 }),
      workers: fc.integer({ min: 0, max: 15 }),
      extraAssignments: fc.integer({ min: 0, max: 20 }),
      householdsPerBlock: fc.integer({ min: 0, max: 3 }),
      workUnits: fc.integer({ min: 0, max: 5 }),
      merchants: fc.integer({ min: 0, max: 5 }),
      officeBuildings: fc.integer({ min: 0, max: 3 }),
      leaderShare: fc.double({ min: 0.05, max: 1, noNaN: true })
    },
    (sizes) => {
      // Each level at least as large as the one above, so every parent gets a child.
      const streets = sizes.streets
      const communities = streets + sizes.communities
      const sectors = communities + sizes.sectors
      const compounds = sectors + sizes.compounds
      const blocks = compounds + sizes.blocks
      const d = District.generate({
        ...sizes,
        streets,
        communities,
        sectors,
        compounds,
        blocks,
        workers: communities + sizes.workers
      })
      expect(d.options.streets.length).toBe(streets)
      checkInvariants(d)
      for (const command of d.commands) decode(command)
    },
    { fastCheck: { numRuns: 60 } }
  )

  it("refuses sizes that cannot form a tree", () => {
    expect(() => District.generate({ communities: 3 })).toThrow(RangeError)
    expect(() => District.generate({ blocks: 354 })).toThrow(/blocks/)
    expect(() => District.generate({ sectors: 40 * 999 + 1, compounds: 40 * 999 + 1, blocks: 40 * 999 + 1 })).toThrow(RangeError)
    expect(() => District.generate({ workers: 39 })).toThrow(/workers/)
    expect(() => District.generate({ unassignedBlocks: 3243 })).toThrow(/unassignedBlocks/)
    expect(() => District.generate({ tenant: "13110" })).toThrow(/tenant/)
    expect(() => District.generate({ validFrom: "2023-02-30" })).toThrow(/validFrom/)
    expect(() => District.generate({ streets: [{ segment: "100", name: "某镇" }], communities: 1, sectors: 1, compounds: 1, blocks: 1, workers: 1 })).toThrow(/街道/)
  })

  it("refuses seeds the 32-bit generator would silently repeat", () => {
    expect(() => District.generate({ seed: -1 })).toThrow(/seed/)
    expect(() => District.generate({ seed: 2 ** 32 + 7 })).toThrow(/seed/)
    expect(() => District.generate({ seed: 1.5 })).toThrow(/seed/)
    expect(District.generate({ seed: District.maxSeed, blocks: 400 }).commands.length).toBeGreaterThan(0)
  })

  it("refuses options whose commands would fail decoding, naming the command", () => {
    expect(() => District.generate({ name: "很".repeat(95) })).toThrow(/command \d+ \(PlacePlace\)/)
    expect(() =>
      District.generate({ streets: [{ segment: "001", name: " 河西街道" }], communities: 1, sectors: 1, compounds: 1, blocks: 1, workers: 1 })
    ).toThrow(/command 2 \(CreateGrid\)/)
  })
})

const memoryGrids = Grids.layer.pipe(Layer.provide(MemoryStore.layer), Layer.provide(GridConfig.layer()))

describe("District.apply", () => {
  const small = District.generate({
    seed: 11,
    communities: 8,
    sectors: 14,
    compounds: 30,
    blocks: 120,
    workers: 40,
    extraAssignments: 20,
    unassignedBlocks: 3
  })

  it.effect("writes a small district into the memory store, whose counts match the options", () =>
    Effect.gen(function*() {
      // A small batch size so that several transactions run.
      yield* District.apply(small, { batchSize: 97 })
      const grids = yield* Grids.Grids
      const actor = Actor.system(small.tenant)
      const at = small.options.validFrom
      const o = small.options
      const levels = yield* grids.countByLevel(actor, { at })
      expect(levels.map((l) => [l.level, l.count])).toEqual([
        [0, 1],
        [1, o.streets.length],
        [2, o.communities],
        [3, o.sectors],
        [4, o.compounds],
        [5, o.blocks]
      ])
      const categories = yield* grids.countWorkersByCategory(actor, { at })
      expect(Object.fromEntries(categories.map((c) => [c.category, c.count]))).toEqual(small.summary.workersByCategory)
      const kinds = yield* grids.countPlaces(actor, { at })
      expect(kinds.reduce((s, k) => s + k.count, 0)).toBe(places(small).length)
      expect(Object.fromEntries(kinds.map((k) => [k.kind, k.count]))).toEqual(
        Object.fromEntries(Object.entries(small.summary.placesByKind).filter(([, n]) => n > 0))
      )
      const alerts = yield* grids.check(actor, { at })
      expect(alerts.map((a) => [a.kind, a.gridCode])).toEqual(small.summary.unassignedBlocks.map((code) => ["no-responsible", code]))
    }).pipe(Effect.provide(memoryGrids)))

  it.effect("numbers a failing command by its row in the whole list", () =>
    Effect.gen(function*() {
      // Row 251 names a parent that does not exist: the third batch of 100 fails at its 51st.
      const orphan: District.Command = {
        _tag: "CreateGrid",
        code: "131102009001",
        name: "无主社区",
        parentCode: "131102009",
        validFrom: "2023-01-01"
      }
      const broken: District.GeneratedDistrict = { ...small, commands: [...small.commands.slice(0, 250), orphan] }
      const error = yield* Effect.flip(District.apply(broken, { batchSize: 100 }))
      expect(error).toMatchObject({ _tag: "RuleViolation", rule: "grid.parent-exists", row: 251 })
    }).pipe(Effect.provide(memoryGrids)))
})

describe("Distribute.allocate", () => {
  it.prop(
    "every share within bounds, the total kept",
    { weights: fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }), extra: fc.nat(200), max: fc.integer({ min: 1, max: 20 }) },
    ({ extra, max, weights }) => {
      const total = Math.min(weights.length + extra, weights.length * max)
      const shares = Distribute.allocate(total, weights, { min: 1, max })
      expect(shares.reduce((s, n) => s + n, 0)).toBe(total)
      expect(shares.every((n) => n >= 1 && n <= max)).toBe(true)
    }
  )
})

describe("Random", () => {
  it("is a pure function of the seed", () => {
    const draws = (seed: number) => {
      const r = Random.make(seed)
      return Array.from({ length: 5 }, () => r.next())
    }
    expect(draws(1)).toEqual(draws(1))
    expect(draws(1)).not.toEqual(draws(2))
    expect(draws(1).every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it("weighted never picks a zero weight", () => {
    const r = Random.make(9)
    for (let i = 0; i < 1000; i++) expect(r.weighted([0, 1, 0, 2, 0])).toBeOneOf([1, 3])
  })
})

describe("Names.chineseNumeral", () => {
  it("writes ordinals as people do", () => {
    expect([1, 2, 10, 12, 20, 25, 100, 105, 110, 999].map(Names.chineseNumeral)).toEqual([
      "一", "二", "十", "十二", "二十", "二十五", "一百", "一百零五", "一百一十", "九百九十九"
    ])
  })
})
