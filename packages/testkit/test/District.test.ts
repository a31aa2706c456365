import { describe, expect, it } from "@effect/vitest"
import { Actor, CreditCode, GridCommand, GridConfig, Grids, MemoryStore, WorkerCategory } from "@jiceng/core"
import { Effect, Either, FastCheck as fc, Layer, Option, Schema } from "effect"
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
const places = (d: District.GeneratedDistrict, kind?: string): Array<PlacePlace> =>
  d.commands.filter((c): c is PlacePlace => c._tag === "PlacePlace" && (kind === undefined || c.kind === kind))

const countByLevel = (d: District.GeneratedDistrict): Array<number> => {
  const counts: Array<number> = []
  for (const g of grids(d)) counts[g.level ?? -1] = (counts[g.level ?? -1] ?? 0) + 1
  return counts
}

/** Households per block code. */
const householdsPerBlock = (d: District.GeneratedDistrict): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const g of grids(d)) if (g.level === 5) counts.set(g.code, 0)
  for (const p of places(d, "household")) counts.set(p.gridCode, (counts.get(p.gridCode) ?? 0) + 1)
  return counts
}

/** A block's building: its compound's code and the building number of its name (3号楼2单元). */
const buildingOf = (block: CreateGrid): string => `${block.parentCode} ${/^(\d+)号楼/.exec(block.name)?.[1]}`

/**
 * The structural invariants every generated district keeps, whatever its size. Checks
 * over every command collect what fails and compare once, so the full district stays
 * quick to check.
 */
const checkInvariants = (d: District.GeneratedDistrict): void => {
  const o = d.options
  const all = grids(d)
  const codes = new Set(all.map((g) => g.code))
  expect(codes.size).toBe(all.length)
  expect(countByLevel(d)).toEqual([1, o.streets.length, o.communities, o.sectors, o.compounds, o.blocks])
  expect(d.summary.gridsByLevel).toEqual(countByLevel(d))
  expect(d.commands.length).toBe(District.plan(o).commandCount)

  // Parents come before children, codes extend the parent's by 3 digits, every
  // grid above the blocks has at least one child.
  const seen = new Set<string>()
  const childCount = new Map<string, number>()
  const badGrids: Array<string> = []
  for (const g of all) {
    if (g.parentCode === null) {
      if (g.code !== o.tenant) badGrids.push(`${g.code} is a second root`)
    } else {
      if (!seen.has(g.parentCode)) badGrids.push(`${g.code}'s parent comes later`)
      if (!(g.code.startsWith(g.parentCode) && g.code.length === g.parentCode.length + 3)) badGrids.push(`${g.code} does not extend its parent`)
      childCount.set(g.parentCode, (childCount.get(g.parentCode) ?? 0) + 1)
    }
    if (g.validFrom !== o.validFrom) badGrids.push(`${g.code} from ${g.validFrom}`)
    if ((g.level ?? 0) === 5 && !/^\d+号楼\d+单元$/.test(g.name)) badGrids.push(`${g.code} is named ${g.name}`)
    seen.add(g.code)
  }
  for (const g of all) if ((g.level ?? 0) < 5 && (childCount.get(g.code) ?? 0) < 1) badGrids.push(`${g.code} has no child`)
  expect(badGrids).toEqual([])

  // The order applies cleanly: grids, then places, workers, assignments.
  const order = ["CreateGrid", "PlacePlace", "RegisterWorker", "AssignWorker"]
  const ranks = d.commands.map((c) => order.indexOf(c._tag))
  expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true)

  // 入格: each kind at the level it goes into (the default GridConfig.placeLevels).
  const byCode = new Map(all.map((g) => [g.code, g]))
  const levelOf = (code: string) => GridConfig.defaults.scheme.levels[byCode.get(code)?.level ?? 0]!.key
  const ps = places(d)
  const badPlaces: Array<string> = []
  for (const p of ps) {
    if (!GridConfig.defaults.placeLevels[p.kind].includes(levelOf(p.gridCode))) badPlaces.push(`${p.id} (${p.kind}) in ${p.gridCode}`)
    if ((p.kind === "work_unit") !== (typeof p.creditCode === "string")) badPlaces.push(`${p.id} credit code`)
    if (p.at !== o.validFrom) badPlaces.push(`${p.id} at ${p.at}`)
  }
  expect(badPlaces).toEqual([])
  const ofKind = (kind: string) => places(d, kind).length
  expect([ofKind("household"), ofKind("work_unit"), ofKind("merchant"), ofKind("office_building")]).toEqual([
    o.households, o.workUnits, o.merchants, o.officeBuildings
  ])
  const kinds = ["household", "residential_building", "work_unit", "merchant", "office_building"] as const
  expect(d.summary.placesByKind).toEqual(Object.fromEntries(kinds.map((k) => [k, ofKind(k)])))
  expect(new Set(ps.map((p) => p.id)).size).toBe(ps.length)
  expect(new Set(places(d, "work_unit").map((p) => p.name)).size).toBe(o.workUnits)

  // Buildings (楼栋): one place per building of a compound, named as its blocks say;
  // units numbered 1, 2, … in each; two units or more wherever the compound has two blocks.
  const unitsOf = new Map<string, Array<number>>()
  const blocksOfCompound = new Map<string, number>()
  for (const g of all) {
    if (g.level !== 5) continue
    const units = unitsOf.get(buildingOf(g)) ?? []
    units.push(Number(/(\d+)单元$/.exec(g.name)?.[1]))
    unitsOf.set(buildingOf(g), units)
    blocksOfCompound.set(g.parentCode!, (blocksOfCompound.get(g.parentCode!) ?? 0) + 1)
  }
  const buildings = places(d, "residential_building")
  expect(buildings.map((b) => `${b.gridCode} ${Number(b.id.slice(-3))}`).sort()).toEqual([...unitsOf.keys()].sort())
  const badBuildings: Array<string> = []
  for (const b of buildings) {
    const compound = byCode.get(b.gridCode)!
    const number = Number(b.id.slice(-3))
    if (b.name !== `${compound.name}${number}号楼` || !b.address!.endsWith(b.name)) badBuildings.push(`${b.id} is ${b.name} at ${b.address}`)
    const units = unitsOf.get(`${b.gridCode} ${number}`)!
    if (!units.every((u, i) => u === i + 1)) badBuildings.push(`${b.id} has units ${units.join(",")}`)
    if (units.length < 2 && blocksOfCompound.get(b.gridCode)! >= 2) badBuildings.push(`${b.id} has one unit`)
  }
  expect(badBuildings).toEqual([])

  // Households: in their block, at most 200, each at a room of its block's building
  // (3号楼2单元501室), the same room nowhere twice.
  const buildingAddress = new Map(buildings.map((b) => [`${b.gridCode} ${Number(b.id.slice(-3))}`, b.address!]))
  const badHouseholds: Array<string> = []
  for (const h of places(d, "household")) {
    const block = byCode.get(h.gridCode)!
    const room = h.id.slice(h.id.lastIndexOf("-") + 1)
    const unit = /(\d+单元)$/.exec(block.name)![1]
    if (h.id !== `P-H-${block.code}-${room}` || !/^[1-9]\d*0[1-9]$/.test(room)) badHouseholds.push(`${h.id}: room ${room}`)
    if (h.address !== `${buildingAddress.get(buildingOf(block))}${unit}${room}室`) badHouseholds.push(`${h.id} at ${h.address}`)
    if (!/^[\u4e00-\u9fff]{2,3}$/.test(h.name)) badHouseholds.push(`${h.id} named ${h.name}`)
  }
  expect(badHouseholds).toEqual([])
  expect([...householdsPerBlock(d).values()].every((n) => n <= 200)).toBe(true)

  // 定格定人定岗定责: exactly one responsible worker per compound and per block except the
  // unassigned blocks; every worker works within their community and has at least one
  // assignment; employment follows the category.
  const blocks = new Set(all.filter((g) => g.level === 5).map((g) => g.code))
  const compounds = new Set(all.filter((g) => g.level === 4).map((g) => g.code))
  const ws = new Map(workers(d).map((w) => [w.id, w]))
  const as = assignments(d)
  const primaries = new Map<string, number>()
  const assigned = new Set<string>()
  const pairs = new Set<string>()
  const badAssignments: Array<string> = []
  for (const a of as) {
    const w = ws.get(a.workerId)
    if (w === undefined) {
      badAssignments.push(`${a.workerId} is not registered`)
      continue
    }
    if (!a.gridCode.startsWith(w.communityCode)) badAssignments.push(`${a.workerId} leaves ${w.communityCode}`)
    if (!(blocks.has(a.gridCode) || (a.responsible && compounds.has(a.gridCode)))) badAssignments.push(`${a.workerId} in ${a.gridCode}`)
    if (a.duties.length === 0) badAssignments.push(`${a.workerId} has no duties`)
    if (pairs.has(`${a.workerId} ${a.gridCode}`)) badAssignments.push(`${a.workerId} twice in ${a.gridCode}`)
    pairs.add(`${a.workerId} ${a.gridCode}`)
    assigned.add(a.workerId)
    if (a.responsible) primaries.set(a.gridCode, (primaries.get(a.gridCode) ?? 0) + 1)
    // Building and unit heads (楼栋长, 单元长) are never answerable for a grid.
    if (a.responsible && ["building_head", "unit_head"].includes(w.category)) badAssignments.push(`${a.workerId} is a ${w.category}`)
  }
  expect(badAssignments).toEqual([])
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
const decodeEither = Schema.decodeUnknownEither(GridCommand.GridCommand)

/** Small districts keep the property and variant tests quick; the full one is built once. */
const fewHouseholds = { households: 400 }

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
    // About 110,000 commands, most of them households.
    expect(taocheng.commands.length).toBeGreaterThan(100_000)
    expect(taocheng.commands.length).toBeLessThan(120_000)
    checkInvariants(taocheng)
  })

  it("puts 97,260 households in the 3,242 blocks: tens per block, between 10 and 66, 30 on average", () => {
    expect(taocheng.options.households).toBe(97_260)
    expect(taocheng.summary.placesByKind.household).toBe(97_260)
    const sizes = [...householdsPerBlock(taocheng).values()].sort((a, b) => a - b)
    expect(sizes.length).toBe(3242)
    const mean = sizes.reduce((s, n) => s + n, 0) / sizes.length
    const sd = Math.sqrt(sizes.reduce((s, n) => s + (n - mean) ** 2, 0) / sizes.length)
    expect(mean).toBe(30)
    // A walk-up's unit holds 12 flats, a 33-storey tower's 66: no building is raised at the defaults.
    expect(sizes[0]).toBeGreaterThanOrEqual(8)
    expect(sizes.at(-1)).toBeLessThanOrEqual(66)
    // Varied, not all alike: a tenth of the blocks below 20, a tenth above 45.
    expect(sd).toBeGreaterThan(10)
    expect(sizes[Math.floor(sizes.length / 10)]).toBeLessThan(20)
    expect(sizes[Math.floor((sizes.length * 9) / 10)]).toBeGreaterThan(45)
  })

  it("puts blocks in residential buildings of two units or more, and households at rooms of them", () => {
    const buildings = places(taocheng, "residential_building")
    const units = new Map<string, number>()
    for (const g of grids(taocheng)) if (g.level === 5) units.set(buildingOf(g), (units.get(buildingOf(g)) ?? 0) + 1)
    expect(buildings.length).toBe(units.size)
    expect(Math.min(...units.values())).toBeGreaterThanOrEqual(2)
    expect(Math.max(...units.values())).toBeGreaterThanOrEqual(4)
    // Walk-ups and towers: some households live on floor 1, some on floor 20 and up.
    const floors = places(taocheng, "household").map((h) => Math.floor(Number(/(\d+)室$/.exec(h.address!)![1]) / 100))
    expect(Math.min(...floors)).toBe(1)
    expect(Math.max(...floors)).toBeGreaterThanOrEqual(20)
    expect(Math.max(...floors)).toBeLessThanOrEqual(33)
    const first = places(taocheng, "household")[0]!
    expect(first.address).toMatch(/^衡水市桃城区河西街道[\u4e00-\u9fff]+社区[\u4e00-\u9fff]+\d+号楼\d+单元\d+室$/)
  })

  it("gives the 197 work units distinct names and valid, distinct credit codes that fit the unit", () => {
    const units = places(taocheng, "work_unit")
    expect(units.length).toBe(197)
    expect(new Set(units.map((u) => u.name)).size).toBe(197)
    const codes = units.map((u) => u.creditCode!)
    expect(new Set(codes).size).toBe(197)
    const bad = codes.filter((c) => !CreditCode.isValid(c) || !CreditCode.checkOrganisationCode(c as CreditCode.CreditCode).holds)
    expect(bad).toEqual([])
    for (const u of units) {
      // The city's units registered in 衡水市 (131100), the district's in 桃城区 (131102).
      expect(u.creditCode!.slice(2, 8)).toBe(u.name.startsWith("衡水市") ? "131100" : "131102")
      expect(u.name.startsWith("衡水市") || u.name.startsWith("桃城区")).toBe(true)
      const type = u.creditCode!.slice(0, 2)
      if (/公司$/.test(u.name)) expect(type).toBe("91")
      else if (/(局|法院|检察院|办公室)$/.test(u.name)) expect(type).toBe("11")
      else expect(type).toBe("12")
    }
    expect(new Set(codes.map((c) => c.slice(0, 2)))).toEqual(new Set(["11", "12", "91"]))
    // Without a city, every unit is the district's; a large count still gets distinct names.
    const many = District.generate({ ...fewHouseholds, tenant: "110105", name: "朝阳区", workUnits: 600 })
    expect(many.options.city).toBe("")
    const names = places(many, "work_unit").map((u) => u.name)
    expect(new Set(names).size).toBe(600)
    expect(names.every((n) => n.startsWith("朝阳区"))).toBe(true)
    expect(names.some((n) => n.endsWith("分公司"))).toBe(true)
    expect(places(many, "work_unit").every((u) => CreditCode.isValid(u.creditCode!))).toBe(true)
  })

  it("marks the worker categories: the article names two, the other eleven are configurable examples", () => {
    expect([...District.fromArticle].sort()).toEqual(["community_worker", "veteran_placement"])
    expect(taocheng.options.categories).toEqual(WorkerCategory.defaultCategories.map((c) => c.key))
    expect(taocheng.options.categoriesFromArticle).toEqual(["community_worker", "veteran_placement"])
    const categories = new Set(workers(taocheng).map((w) => w.category))
    expect([...categories].sort()).toEqual(WorkerCategory.defaultCategories.map((c) => c.key).sort())
    const own = District.generate({ ...fewHouseholds, categories: ["a", "community_worker"], leaderCategories: ["community_worker"], fullTimeCategories: [] })
    expect(own.options.categoriesFromArticle).toEqual(["community_worker"])
    expect(() => District.generate({ categoriesFromArticle: ["gardener"] })).toThrow(/categoriesFromArticle/)
  })

  it("is deterministic: the same options give the same commands, byte for byte, array or plan", () => {
    // A second run, made one command at a time by the plan: the same bytes.
    const planned = District.plan()
    expect(planned.options).toStrictEqual(taocheng.options)
    expect(planned.summary).toStrictEqual(taocheng.summary)
    expect(planned.commandCount).toBe(taocheng.commands.length)
    let i = 0
    let same = true
    for (const command of planned.commands) same &&= JSON.stringify(command) === JSON.stringify(taocheng.commands[i++])
    expect([same, i]).toEqual([true, taocheng.commands.length])
    // Afresh on every iteration, and the same as generate's array.
    const small = { seed: 42, communities: 6, sectors: 9, compounds: 20, blocks: 60, workers: 20 }
    const smallPlan = District.plan(small)
    expect([...smallPlan.commands]).toStrictEqual([...smallPlan.commands])
    expect(District.generate(small)).toStrictEqual(District.generate(small))
    expect(JSON.stringify([...smallPlan.commands])).toBe(JSON.stringify(District.generate(small).commands))
  })

  it("changes with the seed and with the sizes", () => {
    const mine = District.generate(fewHouseholds)
    const other = District.generate({ ...fewHouseholds, seed: 7 })
    expect(other.commands).not.toEqual(mine.commands)
    expect(countByLevel(other)).toEqual([1, 4, 40, 124, 355, 3242])
    // Different seeds split the levels differently, not only rename them.
    const shape = (d: District.GeneratedDistrict) => grids(d).map((g) => g.code)
    expect(shape(other)).not.toEqual(shape(mine))
    expect(District.generate({ ...fewHouseholds, blocks: 3000 }).commands).not.toEqual(mine.commands)
    // The households' part draws from streams of its own: the grids stay as they were.
    expect(grids(mine)).toEqual(grids(taocheng))
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

  it("staffs every compound and block but a few, with workers in all 13 categories", () => {
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

  it("scales the worker and household defaults with the blocks", () => {
    expect(taocheng.options.workers).toBe(1500)
    expect(taocheng.options.extraAssignments).toBe(600)
    const smaller = District.resolve({ blocks: 1000 })
    expect([smaller.workers, smaller.extraAssignments, smaller.households]).toEqual([463, 185, 30_000])
    checkInvariants(District.generate({ blocks: 1000, households: 3000 }))
    expect(District.generate({ ...fewHouseholds, blocks: 1000, workers: 700 }).options.workers).toBe(700)
  })

  it("honours unassignedBlocks, the place counts and validFrom", () => {
    const d = District.generate({
      unassignedBlocks: 0, households: 0, workUnits: 0, merchants: 0, officeBuildings: 0, validFrom: "2024-02-29"
    })
    expect(d.summary.unassignedBlocks).toEqual([])
    expect(places(d).every((p) => p.kind === "residential_building")).toBe(true)
    expect(d.commands.every((c) => ("validFrom" in c ? c.validFrom : "at" in c ? c.at : "2024-02-29") === "2024-02-29")).toBe(true)
    checkInvariants(d)
    const many = District.generate({ seed: 3, unassignedBlocks: 25, households: 5000 })
    expect(many.summary.unassignedBlocks.length).toBe(25)
    checkInvariants(many)
  })

  it("fills units beyond their flats only when asked to, raising their buildings", () => {
    // 150 households a block cannot fit any building type: buildings grow to 33 storeys of 5 or more flats.
    const d = District.generate({ seed: 5, communities: 4, sectors: 4, compounds: 4, blocks: 10, workers: 4, households: 1500 })
    checkInvariants(d)
    expect([...householdsPerBlock(d).values()].every((n) => n >= 1 && n <= 200)).toBe(true)
    const flats = places(d, "household").map((h) => Number(/(\d+)室$/.exec(h.address!)![1]) % 100)
    expect(Math.max(...flats)).toBeGreaterThanOrEqual(3)
    // Fewer households than blocks: some blocks stay empty, none gets more than its share.
    const sparse = District.generate({ seed: 5, communities: 4, sectors: 4, compounds: 4, blocks: 10, workers: 4, households: 3 })
    checkInvariants(sparse)
    expect([...householdsPerBlock(sparse).values()].reduce((s, n) => s + n, 0)).toBe(3)
  })

  it("every generated command decodes as a GridCommand", () => {
    const refused = taocheng.commands.filter((command) => Either.isLeft(decodeEither(command)))
    expect(refused).toEqual([])
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
      householdsPerBlock: fc.integer({ min: 0, max: 12 }),
      workUnits: fc.integer({ min: 0, max: 5 }),
      merchants: fc.integer({ min: 0, max: 5 }),
      officeBuildings: fc.integer({ min: 0, max: 3 }),
      leaderShare: fc.double({ min: 0.05, max: 1, noNaN: true })
    },
    ({ householdsPerBlock, ...sizes }) => {
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
        households: blocks * householdsPerBlock,
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

  it("refuses household counts beyond 200 a block, and the old householdsPerBlock option", () => {
    expect(() => District.generate({ households: 3242 * 200 + 1 })).toThrow(/households/)
    expect(() => District.generate({ households: -1 })).toThrow(/households/)
    expect(() => District.generate({ households: 1.5 })).toThrow(/households/)
    expect(() => District.generate({ householdsPerBlock: 2 } as District.Input)).toThrow(/replaced by households/)
  })

  it("refuses seeds the 32-bit generator would silently repeat", () => {
    expect(() => District.generate({ seed: -1 })).toThrow(/seed/)
    expect(() => District.generate({ seed: 2 ** 32 + 7 })).toThrow(/seed/)
    expect(() => District.generate({ seed: 1.5 })).toThrow(/seed/)
    expect(District.generate({ ...fewHouseholds, seed: District.maxSeed, blocks: 400 }).commands.length).toBeGreaterThan(0)
  })

  it("refuses options whose commands would fail decoding, naming the command", () => {
    expect(() => District.generate({ ...fewHouseholds, name: "很".repeat(95) })).toThrow(/command \d+ \(PlacePlace\)/)
    expect(() =>
      District.generate({ streets: [{ segment: "001", name: " 河西街道" }], communities: 1, sectors: 1, compounds: 1, blocks: 1, workers: 1 })
    ).toThrow(/command 2 \(CreateGrid\)/)
    // A plan refuses them as it reaches them.
    const planned = District.plan({ ...fewHouseholds, name: "很".repeat(95) })
    expect(() => [...planned.commands]).toThrow(/command \d+ \(PlacePlace\)/)
  })
})

const memoryGrids = Grids.layer.pipe(Layer.provide(MemoryStore.layer), Layer.provide(GridConfig.layer()))

describe("District.apply", () => {
  // A scaled-down 桃城区: about 4,600 commands, a second's work for the memory store.
  const scaled = {
    seed: 11,
    communities: 8,
    sectors: 14,
    compounds: 30,
    blocks: 120,
    workers: 40,
    extraAssignments: 20,
    unassignedBlocks: 3
  }
  const small = District.generate(scaled)

  it("has tens of households a block in the scaled-down district, too", () => {
    expect(small.options.households).toBe(3600)
    expect(small.commands.length).toBeLessThan(5000)
    const sizes = [...householdsPerBlock(small).values()]
    expect(sizes.reduce((s, n) => s + n, 0) / sizes.length).toBe(30)
    // This seed's 30 compounds have fewer flats than 3,600 households need: some towers
    // take a third flat a floor (the full district's flats suffice: at most 66 a block).
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100)
  })

  it.effect("writes a scaled-down district into the memory store, whose counts match the summary", () =>
    Effect.gen(function*() {
      // A small batch size so that several transactions run.
      yield* District.apply(small, { batchSize: 997 })
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
      // A household as the store holds it: in its block, at its building's address.
      const household = places(small, "household")[0]!
      const stored = yield* grids.place(actor, household.id, at)
      expect(Option.map(stored, (p) => [p.kind, p.name, p.address])).toEqual(Option.some(["household", household.name, household.address]))
      const block = yield* grids.gridOfPlace(actor, household.id, at)
      expect(Option.map(block, (g) => g.code)).toEqual(Option.some(household.gridCode))
    }).pipe(Effect.provide(memoryGrids)))

  it.effect("writes a planned district as it makes its commands, with the same result", () =>
    Effect.gen(function*() {
      const planned = District.plan(scaled)
      yield* District.apply(planned, { batchSize: 1000 })
      const grids = yield* Grids.Grids
      const actor = Actor.system(planned.tenant)
      const at = planned.options.validFrom
      const kinds = yield* grids.countPlaces(actor, { at })
      expect(Object.fromEntries(kinds.map((k) => [k.kind, k.count]))).toEqual(planned.summary.placesByKind)
      const links = yield* grids.placeLinks(actor, { at })
      expect(links.length).toBe(places(small).length)
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
