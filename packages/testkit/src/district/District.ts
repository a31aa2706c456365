/**
 * A deterministic, seeded district generator. By default it builds 桃城区 (衡水市) at
 * the scale its party committee's organisation department reports: the 4 real
 * streets with their 统计用区划代码, 124 sectors (三级网格), 355 compounds (四级网格)
 * and 3242 blocks (五级网格), grid workers of the 13 categories with a responsible
 * worker for every compound and block (四、五级网格员), and places registered at the
 * level their kind goes into (入格): households in blocks, residential buildings and
 * merchants in compounds, work units (with their 统一社会信用代码) and office buildings
 * in sectors. The article gives no community count; 40 is a parameter like every
 * other size.
 *
 * The output is a list of encoded grid commands, in an order that applies cleanly
 * through the Grids service: grids top-down, then places, workers and assignments,
 * all dated `validFrom`. The same options give the same commands, byte for byte.
 *
 * @since 0.1.0
 */
import {
  Actor,
  CitizenId,
  CreditCode,
  GridCommand,
  Grids,
  IsoDate,
  type Place,
  RegionCode,
  RuleViolation,
  ValidationError,
  type Worker,
  WorkerCategory
} from "@jiceng/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import * as Distribute from "./Distribute.js"
import * as Names from "./Names.js"
import * as Random from "./Random.js"

/**
 * A street (街道): its 3-digit township segment of the 统计用区划代码 (001–099 for
 * 街道) and its name.
 *
 * @since 0.1.0
 * @category models
 */
export interface Street {
  readonly segment: string
  readonly name: string
}

/**
 * The four streets of 桃城区 with their real codes (131102001–131102004).
 *
 * @since 0.1.0
 * @category constants
 */
export const taochengStreets: ReadonlyArray<Street> = [
  { segment: "001", name: "河西街道" },
  { segment: "002", name: "河东街道" },
  { segment: "003", name: "路北街道" },
  { segment: "004", name: "中华大街街道" }
]

/**
 * Everything that shapes a generated district. Counts are per level for the whole
 * district, not per parent.
 *
 * @since 0.1.0
 * @category models
 */
export interface DistrictOptions {
  readonly seed: number
  /** The district's 6-digit GB/T 2260 code: the tenant and the root grid's code. */
  readonly tenant: string
  readonly name: string
  readonly streets: ReadonlyArray<Street>
  readonly communities: number
  readonly sectors: number
  readonly compounds: number
  readonly blocks: number
  /**
   * Grid workers in all; each community gets a share in proportion to its blocks (at
   * least one). Default: in proportion to the blocks, 1500 for 3242.
   */
  readonly workers: number
  /**
   * Share of a community's workers who are responsible for grids (网格长 of the 小区,
   * 责任网格员 of the 单元); the others hold posts of their category (楼栋长, 单元长,
   * 社区民警 …) without being answerable for a grid.
   */
  readonly leaderShare: number
  /** Posts beyond the one every other worker gets. Default: 600 for 3242 blocks. */
  readonly extraAssignments: number
  /** Blocks left without a responsible worker, so the 定格定人定岗定责 check has something to report. */
  readonly unassignedBlocks: number
  /** Households registered in each block (单元). */
  readonly householdsPerBlock: number
  /**
   * Work units (辖区单位, each with its 统一社会信用代码), registered in sectors (片区).
   * Default 197: the article's count of units that reported to the streets (双报到),
   * a stand-in for the units of the jurisdiction, which it does not count.
   */
  readonly workUnits: number
  /** Merchants (商户), registered in compounds (小区). */
  readonly merchants: number
  /** Office buildings (商务楼宇), registered in sectors (片区). */
  readonly officeBuildings: number
  /** Worker category keys (the configured categories). */
  readonly categories: ReadonlyArray<string>
  /** Categories whose workers are responsible for grids; a subset of `categories`. */
  readonly leaderCategories: ReadonlyArray<string>
  /** Categories whose workers are employed full-time (专职); the others part-time (兼职). */
  readonly fullTimeCategories: ReadonlyArray<string>
  /** The day every command takes effect (`YYYY-MM-DD`). */
  readonly validFrom: string
}

/**
 * The input of {@link generate}: any option may be left out, and `streets` may be a
 * count, in which case the first streets get generated names and codes 001, 002, ….
 *
 * @since 0.1.0
 * @category models
 */
export type Input = {
  readonly [K in keyof DistrictOptions]?: K extends "streets" ? number | ReadonlyArray<Street> : DistrictOptions[K]
}

/**
 * The defaults: 桃城区 at the article's scale. Three defaults depend on other options
 * and are filled in by {@link resolve}: `workers` and `extraAssignments` scale with the
 * blocks (1500 and 600 for 3242 blocks), so a smaller district keeps the same ratio;
 * `unassignedBlocks` is drawn from the seed (2–5, at most the number of blocks).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Omit<DistrictOptions, "unassignedBlocks"> = {
  seed: 131102,
  tenant: "131102",
  name: "桃城区",
  streets: taochengStreets,
  communities: 40,
  sectors: 124,
  compounds: 355,
  blocks: 3242,
  workers: 1500,
  leaderShare: 0.6,
  extraAssignments: 600,
  householdsPerBlock: 2,
  workUnits: 197,
  merchants: 355,
  officeBuildings: 20,
  categories: WorkerCategory.defaultCategories.map((c) => c.key),
  leaderCategories: ["community_worker", "veteran_placement", "public_welfare_post", "property_staff"],
  fullTimeCategories: ["community_worker", "veteran_placement", "public_welfare_post"],
  validFrom: "2023-01-01"
}

/**
 * A grid command in its encoded form (plain JSON with `_tag`), as an import would
 * carry it.
 *
 * @since 0.1.0
 * @category models
 */
export type Command = Schema.Schema.Encoded<typeof GridCommand.GridCommand>

/**
 * What the generator put in, counted while generating, so that tests can compare a
 * store's answers with it. Reports read the store, never this.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  /** Grids per level, index 0 the district. */
  readonly gridsByLevel: ReadonlyArray<number>
  /** Workers per category key (every worker has at least one assignment). */
  readonly workersByCategory: Readonly<Record<string, number>>
  /** Workers per employment (专职 / 兼职). */
  readonly workersByEmployment: Readonly<Record<Worker.Employment, number>>
  readonly placesByKind: Readonly<Record<Place.PlaceKind, number>>
  /** Responsible assignments: one per compound, one per block but the unassigned ones. */
  readonly responsibleAssignments: number
  readonly otherAssignments: number
  /** Codes of the blocks left without a responsible worker, in code order. */
  readonly unassignedBlocks: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface GeneratedDistrict {
  readonly tenant: string
  readonly options: DistrictOptions
  readonly commands: ReadonlyArray<Command>
  readonly summary: Summary
}

/** Every level below the district adds 3 digits (the default level scheme). */
const SEGMENT_WIDTH = 3
const MAX_CHILDREN = 999
/** Street segments 001–099 are 街道 in the 统计用区划代码. */
const MAX_STREETS = 99
const MAX_PLACES_PER_BLOCK = 99
/** Numbered places (work units, merchants, office buildings) have 7-digit numbers. */
const MAX_NUMBERED = 9_999_999

const pad = (n: number, width = SEGMENT_WIDTH): string => String(n).padStart(width, "0")

const fail = (message: string): never => {
  throw new RangeError(`District.generate: ${message}`)
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0

/**
 * Fills in defaults and checks that the sizes fit together. Impossible options are
 * a programming mistake in a test or a demo, so they throw a RangeError at once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolve = (input: Input = {}): DistrictOptions => {
  const seed = input.seed ?? defaults.seed
  const streetsInput = input.streets ?? defaults.streets
  const streets = typeof streetsInput === "number" ? makeStreets(streetsInput, seed) : streetsInput
  const base = { ...defaults, ...input, seed, streets }
  const blocks = base.blocks
  const workers = input.workers ?? Math.max(base.communities, Math.round((blocks * defaults.workers) / defaults.blocks))
  const extraAssignments = input.extraAssignments ??
    Math.round((blocks * defaults.extraAssignments) / defaults.blocks)
  const unassignedBlocks =
    input.unassignedBlocks ?? Math.min(Random.make(seed ^ 0x5eed).between(2, 5), Math.max(0, blocks))
  const options: DistrictOptions = { ...base, workers, extraAssignments, unassignedBlocks }
  check(options)
  return options
}

/**
 * Streets with generated names and codes 001, 002, …, for districts other than 桃城区.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeStreets = (count: number, seed: number = defaults.seed): ReadonlyArray<Street> => {
  if (!Number.isInteger(count) || count < 1 || count > MAX_STREETS) fail(`streets ${count} is not in 1–${MAX_STREETS}`)
  const random = Random.make(seed ^ 0x57ee7)
  const names = Names.namer()
  return Array.from({ length: count }, (_, i) => ({ segment: pad(i + 1), name: Names.street(random, names) }))
}

/**
 * The largest seed: the generator's state is 32 bits, so larger or fractional seeds
 * would silently repeat smaller ones; they are refused instead.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxSeed = 0xffffffff

const check = (o: DistrictOptions): void => {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > maxSeed) {
    fail(`seed ${o.seed} is not a whole number from 0 to ${maxSeed} (the generator has 32 bits of state)`)
  }
  if (!RegionCode.isCountyLevel(o.tenant)) fail(`tenant ${o.tenant} is not a county-level region code`)
  if (o.name.trim() === "") fail("name is empty")
  if (o.streets.length === 0 || o.streets.length > MAX_STREETS) fail(`${o.streets.length} streets; expected 1–${MAX_STREETS}`)
  const segments = new Set<string>()
  for (const s of o.streets) {
    if (!/^\d{3}$/.test(s.segment) || s.segment === "000" || Number(s.segment) > MAX_STREETS) {
      fail(`street segment ${s.segment} is not a 街道 code 001–099`)
    }
    if (segments.has(s.segment)) fail(`street segment ${s.segment} appears twice`)
    if (s.name.trim() === "") fail(`street ${s.segment} has no name`)
    segments.add(s.segment)
  }
  const levels: ReadonlyArray<readonly [string, number, number]> = [
    ["communities", o.communities, o.streets.length],
    ["sectors", o.sectors, o.communities],
    ["compounds", o.compounds, o.sectors],
    ["blocks", o.blocks, o.compounds]
  ]
  for (const [what, count, parents] of levels) {
    if (!isCount(count)) fail(`${what} ${count} is not a count`)
    if (count < parents || count > parents * MAX_CHILDREN) {
      fail(`${count} ${what} cannot give each of ${parents} parents 1–${MAX_CHILDREN} children`)
    }
  }
  if (!isCount(o.workers) || o.workers < o.communities) fail(`workers ${o.workers}: each of ${o.communities} communities needs one`)
  if (!(o.leaderShare > 0 && o.leaderShare <= 1)) fail(`leaderShare ${o.leaderShare} is not in (0, 1]`)
  if (!isCount(o.extraAssignments)) fail(`extraAssignments ${o.extraAssignments} is not a count`)
  if (!isCount(o.unassignedBlocks) || o.unassignedBlocks > o.blocks) {
    fail(`unassignedBlocks ${o.unassignedBlocks} is not in 0–${o.blocks}`)
  }
  if (!isCount(o.householdsPerBlock) || o.householdsPerBlock > MAX_PLACES_PER_BLOCK) {
    fail(`householdsPerBlock ${o.householdsPerBlock} is not in 0–${MAX_PLACES_PER_BLOCK}`)
  }
  for (const [what, count] of [["workUnits", o.workUnits], ["merchants", o.merchants], ["officeBuildings", o.officeBuildings]] as const) {
    if (!isCount(count) || count > MAX_NUMBERED) fail(`${what} ${count} is not in 0–${MAX_NUMBERED}`)
  }
  if (o.categories.length === 0 || new Set(o.categories).size !== o.categories.length) {
    fail("categories must be non-empty and distinct")
  }
  if (o.leaderCategories.length === 0 || o.leaderCategories.some((c) => !o.categories.includes(c))) {
    fail("leaderCategories must be a non-empty subset of categories")
  }
  if (o.fullTimeCategories.some((c) => !o.categories.includes(c))) fail("fullTimeCategories must be a subset of categories")
  if (!IsoDate.isValid(o.validFrom)) fail(`validFrom ${o.validFrom} is not a calendar date`)
}

/** A grid in the generated tree, before it becomes a command. */
interface Node {
  readonly code: string
  readonly name: string
  readonly parent: string
}

interface Tree {
  readonly streets: ReadonlyArray<Node>
  readonly communities: ReadonlyArray<Node>
  readonly sectors: ReadonlyArray<Node>
  readonly compounds: ReadonlyArray<Node>
  readonly blocks: ReadonlyArray<Node>
}

/** Children codes of each parent in order: `parent + 001`, `parent + 002`, …. */
const children = (
  random: Random.Random,
  parents: ReadonlyArray<Node>,
  total: number,
  name: (parent: Node, index: number, count: number) => string
): Array<Node> => {
  const counts = Distribute.allocate(total, Distribute.unevenWeights(random, parents.length), {
    min: 1,
    max: MAX_CHILDREN
  })
  const out: Array<Node> = []
  parents.forEach((parent, p) => {
    const count = counts[p]!
    for (let i = 0; i < count; i++) {
      out.push({ code: parent.code + pad(i + 1), name: name(parent, i, count), parent: parent.code })
    }
  })
  return out
}

const buildTree = (o: DistrictOptions, random: Random.Random): Tree => {
  const streets = o.streets.map((s) => ({ code: o.tenant + s.segment, name: s.name, parent: o.tenant }))
  // Names are unique district-wide for communities and compounds (residents tell them
  // apart by name), and within their community for sectors.
  const communityNames = Names.namer()
  const communities = children(random, streets, o.communities, () => Names.community(random, communityNames))
  const sectorNames = new Map<string, Names.Namer>()
  const sectors = children(random, communities, o.sectors, (parent) => {
    const names = sectorNames.get(parent.code) ?? Names.namer()
    sectorNames.set(parent.code, names)
    return Names.sector(random, names)
  })
  const compoundNames = Names.namer()
  const compounds = children(random, sectors, o.compounds, () => Names.compound(random, compoundNames))
  // Blocks are the units of a compound's buildings: 1–4 units to a building.
  const unitsPerBuilding = new Map<string, number>()
  const blocks = children(random, compounds, o.blocks, (parent, i) => {
    const units = unitsPerBuilding.get(parent.code) ?? random.between(1, 4)
    unitsPerBuilding.set(parent.code, units)
    return Names.block(Math.floor(i / units) + 1, (i % units) + 1)
  })
  return { streets, communities, sectors, compounds, blocks }
}

type Duties = readonly [string, ...Array<string>]

const responsibleDuties: Duties = ["信息采集", "走访入户", "矛盾纠纷排查", "诉求收集上报"]

const otherDuties: Readonly<Record<string, Duties>> = {
  community_worker: ["协助信息采集", "政策宣传"],
  veteran_placement: ["治安巡查", "应急处置"],
  public_welfare_post: ["环境卫生巡查", "便民服务"],
  property_staff: ["设施巡检", "安全隐患排查"],
  building_head: ["楼栋信息报送", "邻里调解"],
  unit_head: ["单元信息报送", "通知传达"],
  enrolled_member: ["志愿服务", "政策宣传"],
  retired_cadre: ["矛盾纠纷调解", "关爱老党员"],
  community_police: ["治安巡查", "矛盾纠纷化解"],
  urban_management: ["市容秩序巡查"],
  family_doctor: ["健康随访", "健康知识宣传"],
  volunteer: ["志愿服务"],
  unit_liaison: ["共建事项对接"]
}

const genericDuties: Duties = ["协助网格管理"]

interface WorkerDraft {
  readonly id: string
  readonly communityCode: string
  /** Responsible for grids (网格长 / 责任网格员). */
  readonly leader: boolean
  category: string
}

/**
 * Gives every category at least one worker where the pool is large enough, by moving
 * one worker from the largest category; a district's report should show all of them.
 */
const coverCategories = (pool: ReadonlyArray<WorkerDraft>, categories: ReadonlyArray<string>): void => {
  if (pool.length < categories.length) return
  for (const category of categories) {
    if (pool.some((w) => w.category === category)) continue
    const sizes = new Map<string, number>()
    for (const w of pool) sizes.set(w.category, (sizes.get(w.category) ?? 0) + 1)
    let largest = ""
    let size = 0
    for (const c of categories) {
      const n = sizes.get(c) ?? 0
      if (n > size) {
        largest = c
        size = n
      }
    }
    const donor = pool.find((w) => w.category === largest)
    if (donor !== undefined && size > 1) donor.category = category
  }
}

const phone = (random: Random.Random): string => `1${random.between(3, 9)}${pad(random.int(1_000_000_000), 9)}`

const citizenId = (random: Random.Random, region: string, sex: Names.Sex): string => {
  const year = random.between(1962, 2000)
  const month = random.between(1, 12)
  const day = random.between(1, IsoDate.daysInMonth(year, month))
  // The sequence's last digit is odd for men and even for women (GB 11643-1999).
  const sequence = random.int(500) * 2 + (sex === "male" ? 1 : 0)
  const first17 = `${region}${year}${pad(month, 2)}${pad(day, 2)}${pad(sequence)}`
  return first17 + CitizenId.checkCharacter(first17)
}

const gridCommands = (o: DistrictOptions, tree: Tree): Array<Command> => {
  const at = o.validFrom
  const commands: Array<Command> = [
    { _tag: "CreateGrid", code: o.tenant, name: o.name, parentCode: null, level: 0, validFrom: at }
  ]
  levelsOf(tree).forEach((nodes, i) => {
    for (const node of nodes) {
      commands.push({ _tag: "CreateGrid", code: node.code, name: node.name, parentCode: node.parent, level: i + 1, validFrom: at })
    }
  })
  return commands
}

const levelsOf = (tree: Tree): ReadonlyArray<ReadonlyArray<Node>> => [
  tree.streets,
  tree.communities,
  tree.sectors,
  tree.compounds,
  tree.blocks
]

/** The n-th valid 统一社会信用代码 of the district: an enterprise (91) or, one in five, a 事业单位 (12). */
const creditCode = (tenant: string, n: number): string => {
  const first17 = `${n % 5 === 0 ? "12" : "91"}${tenant}MA${pad(n, 7)}`
  return first17 + CreditCode.checkCharacter(first17)
}

/**
 * Places registered at the level their kind goes into (入格): households in blocks,
 * each residential building in its compound, merchants in compounds, work units and
 * office buildings in sectors. Returns the commands and their counts per kind.
 */
const placeCommands = (o: DistrictOptions, tree: Tree, random: Random.Random) => {
  const at = o.validFrom
  const names = new Map<string, string>()
  for (const nodes of levelsOf(tree)) for (const node of nodes) names.set(node.code, node.name)
  const byKind: Record<Place.PlaceKind, number> = {
    residential_building: 0,
    office_building: 0,
    work_unit: 0,
    merchant: 0,
    household: 0
  }
  const commands: Array<Command> = []
  const addressOf = (code: string): string => {
    const community = code.slice(0, o.tenant.length + 2 * SEGMENT_WIDTH)
    const street = community.slice(0, -SEGMENT_WIDTH)
    const compound = code.length >= community.length + 2 * SEGMENT_WIDTH
      ? names.get(code.slice(0, community.length + 2 * SEGMENT_WIDTH)) ?? ""
      : ""
    return `${o.name}${names.get(street) ?? ""}${names.get(community) ?? ""}${compound}`
  }
  const push = (kind: Place.PlaceKind, id: string, name: string, gridCode: string, extra: { readonly creditCode?: string } = {}) => {
    byKind[kind] += 1
    const address = kind === "household" ? `${addressOf(gridCode)}${name}` : `${addressOf(gridCode)}${kind === "residential_building" ? name : ""}`
    commands.push({ _tag: "PlacePlace", id, kind, name, address, ...extra, gridCode, at })
  }
  // A compound's residential buildings: one per building its blocks (N号楼M单元) belong to.
  const buildings = new Map<string, Set<string>>()
  for (const block of tree.blocks) {
    const building = block.name.replace(/\d+单元$/, "")
    buildings.set(block.parent, (buildings.get(block.parent) ?? new Set()).add(building))
  }
  for (const compound of tree.compounds) {
    ;[...(buildings.get(compound.code) ?? [])].forEach((building, i) =>
      push("residential_building", `P-B-${compound.code}-${pad(i + 1)}`, `${compound.name}${building}`, compound.code)
    )
  }
  for (const block of tree.blocks) {
    for (let k = 1; k <= o.householdsPerBlock; k++) {
      push("household", `P-H-${block.code}-${pad(k, 2)}`, `${block.name}${random.between(1, 18)}0${k}室`, block.code)
    }
  }
  for (let n = 1; n <= o.merchants; n++) {
    push("merchant", `P-M-${pad(n, 7)}`, Names.merchant(random), random.pick(tree.compounds).code)
  }
  for (let n = 1; n <= o.workUnits; n++) {
    push("work_unit", `P-U-${pad(n, 7)}`, Names.workUnit(random, o.name), random.pick(tree.sectors).code, {
      creditCode: creditCode(o.tenant, n)
    })
  }
  const officeNames = Names.namer()
  for (let n = 1; n <= o.officeBuildings; n++) {
    push("office_building", `P-O-${pad(n, 7)}`, Names.officeBuilding(random, officeNames), random.pick(tree.sectors).code)
  }
  return { commands, byKind }
}

/** The post of a worker who is not answerable for a grid, by category. */
const postOf: Readonly<Record<string, string>> = {
  community_worker: "社区专干",
  veteran_placement: "巡查员",
  public_welfare_post: "公益岗网格员",
  property_staff: "物业网格员",
  building_head: "楼栋长",
  unit_head: "单元长",
  enrolled_member: "报到党员",
  retired_cadre: "退休干部联络员",
  community_police: "社区民警",
  urban_management: "城管队员",
  family_doctor: "家庭医生",
  volunteer: "志愿者",
  unit_liaison: "单位联络员"
}

/**
 * Workers, their terms and their assignments. Every compound gets a responsible worker
 * (网格长) and every block one (责任网格员) from its community, except the
 * `unassignedBlocks`; a responsible worker covers a run of neighbouring blocks and the
 * compounds they lie in. Every other worker holds one post of their category, and
 * `extraAssignments` more go to random workers, never twice to one grid. Employment
 * (专职/兼职) follows the category.
 */
const staffCommands = (o: DistrictOptions, tree: Tree, workerRandom: Random.Random, assignRandom: Random.Random) => {
  const at = o.validFrom
  const blocksOf = new Map<string, Array<string>>()
  for (const block of tree.blocks) {
    const community = block.code.slice(0, o.tenant.length + 2 * SEGMENT_WIDTH)
    const list = blocksOf.get(community) ?? []
    list.push(block.code)
    blocksOf.set(community, list)
  }
  const compoundsOf = new Map<string, Array<string>>()
  for (const compound of tree.compounds) {
    const community = compound.code.slice(0, o.tenant.length + 2 * SEGMENT_WIDTH)
    compoundsOf.set(community, [...(compoundsOf.get(community) ?? []), compound.code])
  }
  const unassigned = new Set(workerRandom.shuffle(tree.blocks.map((b) => b.code)).slice(0, o.unassignedBlocks))
  const perCommunity = Distribute.allocate(
    o.workers,
    tree.communities.map((c) => blocksOf.get(c.code)?.length ?? 1),
    { min: 1, max: Number.MAX_SAFE_INTEGER }
  )
  const otherCategories = o.categories.filter((c) => !o.leaderCategories.includes(c))
  const drafts: Array<WorkerDraft> = []
  const responsibleFor = new Map<string, string>()
  tree.communities.forEach((community, c) => {
    const count = perCommunity[c]!
    const assignable = (blocksOf.get(community.code) ?? []).filter((b) => !unassigned.has(b))
    const leaders = Math.min(count, Math.max(1, Math.min(assignable.length, Math.round(count * o.leaderShare))))
    const list: Array<WorkerDraft> = []
    for (let i = 0; i < count; i++) {
      const leader = i < leaders
      const pool = leader || otherCategories.length === 0 ? o.leaderCategories : otherCategories
      // The first category of a pool is the usual one (社区工作者 among 网格长).
      const category = pool[workerRandom.weighted(pool.map((_, k) => (k === 0 ? 3 : 1)))]!
      list.push({ id: `W-${community.code}-${pad(i + 1)}`, communityCode: community.code, leader, category })
    }
    // Blocks are in code order, so consecutive blocks share a responsible worker; a
    // compound's is the one of its first block (or the community's first leader).
    assignable.forEach((block, j) => responsibleFor.set(block, list[Math.floor((j * leaders) / assignable.length)]!.id))
    for (const compound of compoundsOf.get(community.code) ?? []) {
      const first = assignable.find((b) => b.startsWith(compound))
      responsibleFor.set(compound, first === undefined ? list[0]!.id : responsibleFor.get(first)!)
    }
    drafts.push(...list)
  })
  coverCategories(drafts.filter((w) => w.leader), o.leaderCategories)
  coverCategories(drafts.filter((w) => !w.leader), otherCategories.length === 0 ? o.leaderCategories : otherCategories)

  const commands: Array<Command> = []
  const workersByCategory: Record<string, number> = {}
  const workersByEmployment: Record<Worker.Employment, number> = { full_time: 0, part_time: 0 }
  for (const w of drafts) {
    const sex: Names.Sex = workerRandom.next() < 0.5 ? "male" : "female"
    const employment: Worker.Employment = o.fullTimeCategories.includes(w.category) ? "full_time" : "part_time"
    workersByCategory[w.category] = (workersByCategory[w.category] ?? 0) + 1
    workersByEmployment[employment] += 1
    commands.push({
      _tag: "RegisterWorker",
      id: w.id,
      name: Names.person(workerRandom, sex),
      category: w.category,
      communityCode: w.communityCode,
      employment,
      phone: phone(workerRandom),
      citizenId: citizenId(workerRandom, o.tenant, sex),
      at
    })
  }

  const taken = new Set<string>()
  let responsibleAssignments = 0
  for (const grid of [...tree.compounds, ...tree.blocks]) {
    const workerId = responsibleFor.get(grid.code)
    if (workerId === undefined) continue
    taken.add(`${workerId} ${grid.code}`)
    responsibleAssignments += 1
    const post = grid.code.length === o.tenant.length + 4 * SEGMENT_WIDTH ? "网格长" : "责任网格员"
    commands.push({ _tag: "AssignWorker", workerId, gridCode: grid.code, post, responsible: true, duties: responsibleDuties, at })
  }
  let otherAssignments = 0
  const other = (w: WorkerDraft, block: string): void => {
    taken.add(`${w.id} ${block}`)
    otherAssignments += 1
    const duties = otherDuties[w.category] ?? genericDuties
    const post = postOf[w.category] ?? "网格员"
    commands.push({ _tag: "AssignWorker", workerId: w.id, gridCode: block, post, responsible: false, duties, at })
  }
  for (const w of drafts) {
    const blocks = blocksOf.get(w.communityCode) ?? []
    if (!w.leader && blocks.length > 0) other(w, assignRandom.pick(blocks))
  }
  for (let k = 0; k < o.extraAssignments; k++) {
    const w = drafts[assignRandom.int(drafts.length)]!
    const blocks = blocksOf.get(w.communityCode) ?? []
    // A few tries: a small community may have no block left for this worker.
    for (let attempt = 0; attempt < 4 && blocks.length > 0; attempt++) {
      const block = assignRandom.pick(blocks)
      if (!taken.has(`${w.id} ${block}`)) {
        other(w, block)
        break
      }
    }
  }
  return {
    commands,
    workersByCategory,
    workersByEmployment,
    responsibleAssignments,
    otherAssignments,
    unassignedBlocks: [...unassigned].sort()
  }
}

const decodeCommand = Schema.decodeUnknownEither(GridCommand.GridCommand)

/**
 * Generates a district. Same options, same output; a different seed or size,
 * different data. Throws a RangeError for impossible options (see {@link resolve}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const generate = (input: Input = {}): GeneratedDistrict => {
  const o = resolve(input)
  const root = Random.make(o.seed)
  // One stream per part, so that a change in one part's draws leaves the others as they were.
  const treeRandom = root.fork()
  const workerRandom = root.fork()
  const assignRandom = root.fork()
  const placeRandom = root.fork()

  const tree = buildTree(o, treeRandom)
  const places = placeCommands(o, tree, placeRandom)
  const staff = staffCommands(o, tree, workerRandom, assignRandom)
  // The order applies cleanly: grids top-down, then places, workers, assignments.
  const commands = [...gridCommands(o, tree), ...places.commands, ...staff.commands]
  // Options such as a very long name or padded street names would make commands that
  // fail decoding at apply time: refuse them here, naming the command.
  for (const [i, command] of commands.entries()) {
    const decoded = decodeCommand(command)
    if (Either.isLeft(decoded)) {
      throw new RangeError(
        `District.generate: command ${i + 1} (${command._tag}) would be refused: ${
          ParseResult.TreeFormatter.formatErrorSync(decoded.left)
        }`
      )
    }
  }
  return {
    tenant: o.tenant,
    options: o,
    commands,
    summary: {
      gridsByLevel: [1, ...levelsOf(tree).map((l) => l.length)],
      workersByCategory: staff.workersByCategory,
      workersByEmployment: staff.workersByEmployment,
      placesByKind: places.byKind,
      responsibleAssignments: staff.responsibleAssignments,
      otherAssignments: staff.otherAssignments,
      unassignedBlocks: staff.unassignedBlocks
    }
  }
}

/**
 * Options of {@link apply}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands per transaction; default 2000. */
  readonly batchSize?: number
}

// Errors name the 1-based row inside a batch; callers want the row in the whole list.
const shiftRow = (error: Grids.GridWriteError, offset: number): Grids.GridWriteError => {
  if (offset === 0) return error
  switch (error._tag) {
    case "ValidationError":
      return error.row === undefined
        ? error
        : new ValidationError.ValidationError({ field: error.field, rule: error.rule, message: error.message, row: error.row + offset })
    case "RuleViolation":
      return error.row === undefined
        ? error
        : new RuleViolation.RuleViolation({ field: error.field, rule: error.rule, message: error.message, row: error.row + offset })
    default:
      return error
  }
}

/**
 * Writes a generated district through the Grids service as the system actor, in
 * batches of `batchSize` commands, each batch one transaction. Rows in errors count
 * from the first command of the whole list.
 *
 * @since 0.1.0
 * @category running
 */
export const apply = (
  generated: GeneratedDistrict,
  options: ApplyOptions = {}
): Effect.Effect<void, Grids.GridWriteError, Grids.Grids> =>
  Effect.gen(function*() {
    const batchSize = options.batchSize ?? 2000
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      return yield* Effect.dieMessage(`District.apply: batchSize ${batchSize} is not a positive integer`)
    }
    const grids = yield* Grids.Grids
    const actor = Actor.system(generated.tenant)
    for (let offset = 0; offset < generated.commands.length; offset += batchSize) {
      yield* grids.executeAll(actor, generated.commands.slice(offset, offset + batchSize)).pipe(
        Effect.mapError((error) => shiftRow(error, offset))
      )
    }
  }).pipe(Effect.withSpan("District.apply"))
