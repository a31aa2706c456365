/**
 * A deterministic, seeded district generator. By default it builds 桃城区 (衡水市) at
 * the scale its party committee's organisation department reports: the 4 real
 * streets with their 统计用区划代码, 124 sectors (三级网格), 355 compounds (四级网格)
 * and 3242 blocks (五级网格), grid workers of the 13 categories, and places
 * registered into blocks (入格). The article gives no community count; 40 is a
 * parameter like every other size.
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
  GridCommand,
  Grids,
  IsoDate,
  type Place,
  RuleViolation,
  ValidationError,
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
  /** Share of a community's workers who hold primary (专职) posts; the rest are secondary (兼职). */
  readonly primaryShare: number
  /** Secondary assignments beyond the one every non-primary worker gets. Default: 600 for 3242 blocks. */
  readonly extraAssignments: number
  /** Blocks left without a primary worker, so the 定格定人定岗定责 check has something to report. */
  readonly unassignedBlocks: number
  readonly placesPerBlock: number
  /** Worker category keys (the configured categories). */
  readonly categories: ReadonlyArray<string>
  /** Categories whose workers take primary posts; a subset of `categories`. */
  readonly primaryCategories: ReadonlyArray<string>
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
  primaryShare: 0.6,
  extraAssignments: 600,
  placesPerBlock: 2,
  categories: WorkerCategory.defaultCategories.map((c) => c.key),
  primaryCategories: [
    "community_worker",
    "veteran_placement",
    "public_welfare_post",
    "property_staff",
    "building_head",
    "unit_head"
  ],
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
  readonly placesByKind: Readonly<Record<Place.PlaceKind, number>>
  readonly primaryAssignments: number
  readonly secondaryAssignments: number
  /** Codes of the blocks left without a primary worker, in code order. */
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
  if (!/^\d{6}$/.test(o.tenant)) fail(`tenant ${o.tenant} is not a 6-digit region code`)
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
  if (!(o.primaryShare > 0 && o.primaryShare <= 1)) fail(`primaryShare ${o.primaryShare} is not in (0, 1]`)
  if (!isCount(o.extraAssignments)) fail(`extraAssignments ${o.extraAssignments} is not a count`)
  if (!isCount(o.unassignedBlocks) || o.unassignedBlocks > o.blocks) {
    fail(`unassignedBlocks ${o.unassignedBlocks} is not in 0–${o.blocks}`)
  }
  if (!isCount(o.placesPerBlock) || o.placesPerBlock > MAX_PLACES_PER_BLOCK) {
    fail(`placesPerBlock ${o.placesPerBlock} is not in 0–${MAX_PLACES_PER_BLOCK}`)
  }
  if (o.categories.length === 0 || new Set(o.categories).size !== o.categories.length) {
    fail("categories must be non-empty and distinct")
  }
  if (o.primaryCategories.length === 0 || o.primaryCategories.some((c) => !o.categories.includes(c))) {
    fail("primaryCategories must be a non-empty subset of categories")
  }
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

const primaryDuties: Duties = ["信息采集", "走访入户", "矛盾纠纷排查", "诉求收集上报"]

const secondaryDuties: Readonly<Record<string, Duties>> = {
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
  readonly primary: boolean
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

const placeKinds: ReadonlyArray<Place.PlaceKind> = ["household", "merchant", "building", "work_unit"]
const placeKindWeights: ReadonlyArray<number> = [70, 15, 10, 5]

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

/** Places registered into blocks (入格), with their counts per kind. */
const placeCommands = (o: DistrictOptions, tree: Tree, random: Random.Random) => {
  const at = o.validFrom
  const names = new Map<string, string>()
  for (const nodes of levelsOf(tree)) for (const node of nodes) names.set(node.code, node.name)
  const byKind: Record<Place.PlaceKind, number> = { building: 0, merchant: 0, work_unit: 0, household: 0 }
  const commands: Array<Command> = []
  for (const block of tree.blocks) {
    const compoundCode = block.parent
    const communityCode = compoundCode.slice(0, -2 * SEGMENT_WIDTH)
    const streetCode = communityCode.slice(0, -SEGMENT_WIDTH)
    const compoundName = names.get(compoundCode) ?? ""
    const prefix = `${o.name}${names.get(streetCode) ?? ""}${names.get(communityCode) ?? ""}${compoundName}`
    const firstUnit = block.name.endsWith("号楼1单元")
    for (let k = 1; k <= o.placesPerBlock; k++) {
      const drawn = placeKinds[random.weighted(placeKindWeights)]!
      // A building is registered once, as the first place of its first unit; any other
      // building draw becomes a household.
      const kind = drawn === "building" && !(firstUnit && k === 1) ? "household" : drawn
      byKind[kind] += 1
      const name = kind === "household"
        ? `${block.name}${random.between(1, 18)}0${k}室`
        : kind === "merchant"
        ? Names.merchant(random)
        : kind === "building"
        ? `${compoundName}${block.name.replace(/\d+单元$/, "")}`
        : Names.workUnit(random, o.name)
      const address = kind === "household" ? `${prefix}${name}` : `${prefix}${block.name}`
      commands.push({ _tag: "PlacePlace", id: `P-${block.code}-${k}`, kind, name, address, gridCode: block.code, at })
    }
  }
  return { commands, byKind }
}

/**
 * Workers and their assignments. Every block gets one primary worker from its
 * community except the `unassignedBlocks`; each primary covers a run of neighbouring
 * blocks; every other worker gets one secondary post, and `extraAssignments` more go
 * to random workers, never twice to one grid.
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
  const unassigned = new Set(workerRandom.shuffle(tree.blocks.map((b) => b.code)).slice(0, o.unassignedBlocks))
  const perCommunity = Distribute.allocate(
    o.workers,
    tree.communities.map((c) => blocksOf.get(c.code)?.length ?? 1),
    { min: 1, max: Number.MAX_SAFE_INTEGER }
  )
  const secondaryCategories = o.categories.filter((c) => !o.primaryCategories.includes(c))
  const drafts: Array<WorkerDraft> = []
  const primaryOf = new Map<string, string>()
  tree.communities.forEach((community, c) => {
    const count = perCommunity[c]!
    const assignable = (blocksOf.get(community.code) ?? []).filter((b) => !unassigned.has(b))
    const primaries = assignable.length === 0
      ? 0
      : Math.min(count, assignable.length, Math.max(1, Math.round(count * o.primaryShare)))
    const list: Array<WorkerDraft> = []
    for (let i = 0; i < count; i++) {
      const primary = i < primaries
      const pool = primary || secondaryCategories.length === 0 ? o.primaryCategories : secondaryCategories
      // The first category of a pool is the usual one (社区工作者 among 专职网格员).
      const category = pool[workerRandom.weighted(pool.map((_, k) => (k === 0 ? 3 : 1)))]!
      list.push({ id: `W-${community.code}-${pad(i + 1)}`, communityCode: community.code, primary, category })
    }
    // Blocks are in code order, so consecutive blocks share a primary worker.
    assignable.forEach((block, j) => primaryOf.set(block, list[Math.floor((j * primaries) / assignable.length)]!.id))
    drafts.push(...list)
  })
  coverCategories(drafts.filter((w) => w.primary), o.primaryCategories)
  coverCategories(
    drafts.filter((w) => !w.primary),
    secondaryCategories.length === 0 ? o.primaryCategories : secondaryCategories
  )

  const commands: Array<Command> = []
  const workersByCategory: Record<string, number> = {}
  for (const w of drafts) {
    const sex: Names.Sex = workerRandom.next() < 0.5 ? "male" : "female"
    workersByCategory[w.category] = (workersByCategory[w.category] ?? 0) + 1
    commands.push({
      _tag: "RegisterWorker",
      id: w.id,
      name: Names.person(workerRandom, sex),
      category: w.category,
      communityCode: w.communityCode,
      phone: phone(workerRandom),
      citizenId: citizenId(workerRandom, o.tenant, sex)
    })
  }

  const taken = new Set<string>()
  let primaryAssignments = 0
  for (const block of tree.blocks) {
    const workerId = primaryOf.get(block.code)
    if (workerId === undefined) continue
    taken.add(`${workerId} ${block.code}`)
    primaryAssignments += 1
    commands.push({ _tag: "AssignWorker", workerId, gridCode: block.code, post: "专职网格员", primary: true, duties: primaryDuties, at })
  }
  let secondaryAssignments = 0
  const secondary = (w: WorkerDraft, block: string): void => {
    taken.add(`${w.id} ${block}`)
    secondaryAssignments += 1
    const duties = secondaryDuties[w.category] ?? genericDuties
    commands.push({ _tag: "AssignWorker", workerId: w.id, gridCode: block, post: "兼职网格员", primary: false, duties, at })
  }
  for (const w of drafts) {
    if (!w.primary) secondary(w, assignRandom.pick(blocksOf.get(w.communityCode) ?? []))
  }
  for (let k = 0; k < o.extraAssignments; k++) {
    const w = drafts[assignRandom.int(drafts.length)]!
    const blocks = blocksOf.get(w.communityCode) ?? []
    // A few tries: a small community may have no block left for this worker.
    for (let attempt = 0; attempt < 4; attempt++) {
      const block = assignRandom.pick(blocks)
      if (!taken.has(`${w.id} ${block}`)) {
        secondary(w, block)
        break
      }
    }
  }
  return {
    commands,
    workersByCategory,
    primaryAssignments,
    secondaryAssignments,
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
      placesByKind: places.byKind,
      primaryAssignments: staff.primaryAssignments,
      secondaryAssignments: staff.secondaryAssignments,
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
