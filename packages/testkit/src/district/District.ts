/**
 * A deterministic, seeded district generator. By default it builds 桃城区 (衡水市) at
 * the scale its party committee's organisation department reports: the 4 real
 * streets with their 统计用区划代码, 124 sectors (三级网格), 355 compounds (四级网格)
 * and 3242 blocks (五级网格), grid workers of 13 categories with a responsible worker
 * for every compound and block (四、五级网格员), 197 work units, and the places
 * registered at the level their kind goes into (入格): some 97,000 households in the
 * blocks, the residential buildings whose units the blocks are, merchants, work units
 * (with their 统一社会信用代码) and office buildings.
 *
 * Which defaults are the article's and which the generator's own: the streets, the
 * grids of levels 3–5, the 13 categories (of which the article names two:
 * {@link fromArticle}) and the 197 units are the article's; the communities, the
 * workers, the households (the article counts 28万 residents in 315 compounds, no
 * households), buildings, merchants and office buildings are the generator's
 * assumptions, each a parameter.
 *
 * The output is a list of encoded grid commands, in an order that applies cleanly
 * through the Grids service: grids top-down, then places, workers and assignments,
 * all dated `validFrom`. The same options give the same commands, byte for byte.
 * {@link generate} holds them in an array; {@link plan} makes them one at a time, so
 * an importer need not hold a district's commands in memory.
 *
 * @since 0.1.0
 */
import { Actor, GridCommand, Grids, IsoDate, type Place, RegionCode, type Worker, WorkerCategory } from "@jiceng/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import * as Housing from "./Housing.js"
import * as Names from "./Names.js"
import * as Random from "./Random.js"
import { shiftRow } from "./Rows.js"
import * as Staff from "./Staff.js"
import * as Tree from "./Tree.js"
import * as WorkUnits from "./WorkUnits.js"

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
 * The worker categories the article names among its 13类人员: 退役士官安置人员 and
 * 社区工作者. The other eleven of `WorkerCategory.defaultCategories` are configurable
 * examples, not the article's.
 *
 * @since 0.2.0
 * @category constants
 */
export const fromArticle: ReadonlySet<string> = new Set(["veteran_placement", "community_worker"])

/**
 * Households per block on average when `households` is left out: the generator's
 * assumption (97,260 households in 3,242 blocks), since the article counts residents
 * (28万 in 315 compounds, in its emergency work), not households.
 *
 * @since 0.2.0
 * @category constants
 */
export const meanHouseholdsPerBlock = 30

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
  /**
   * The prefecture-level city (地级市) whose units (市直单位) sit in the district beside
   * the district's own, as the article's 市区两级单位 do. Default 衡水市 for 桃城区's
   * tenant, else none (`""`: every work unit is the district's).
   *
   * @since 0.2.0
   */
  readonly city: string
  readonly streets: ReadonlyArray<Street>
  readonly communities: number
  readonly sectors: number
  readonly compounds: number
  /**
   * Blocks (单元, 五级网格): the units of the compounds' residential buildings, 2–5 to a
   * building (a compound with a single block has a one-unit building).
   */
  readonly blocks: number
  /**
   * Households (住户) in all blocks, from 0 to 200 per block. They are split over the
   * blocks by the flats of their buildings (a walk-up's unit has 12, a tower's up to
   * 66) and an occupancy drawn from the seed; at the defaults, between about 10 and 66
   * a block. Default: {@link meanHouseholdsPerBlock} per block (97,260 for 3,242 blocks),
   * the generator's assumption.
   *
   * @since 0.2.0
   */
  readonly households: number
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
  /**
   * Work units (辖区单位), registered in sectors (片区): organs, institutions and
   * enterprises of the city and the district, no two with the same name, each with a
   * valid 统一社会信用代码 that fits its kind. Default 197: the article's count of units
   * that reported to the streets (双报到), a stand-in for the units of the
   * jurisdiction, which it does not count.
   */
  readonly workUnits: number
  /** Merchants (商户), registered in compounds (小区). */
  readonly merchants: number
  /** Office buildings (商务楼宇), registered in sectors (片区). */
  readonly officeBuildings: number
  /**
   * Worker category keys (the configured categories). Default: the 13 of
   * `WorkerCategory.defaultCategories` — the article's count, but it names only two
   * ({@link fromArticle}); the other eleven are configurable examples.
   */
  readonly categories: ReadonlyArray<string>
  /**
   * Which of `categories` the article names; the rest are examples. Default: those of
   * {@link fromArticle} that are among `categories`.
   *
   * @since 0.2.0
   */
  readonly categoriesFromArticle: ReadonlyArray<string>
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
 * The defaults: 桃城区 at the article's scale. Five defaults depend on other options
 * and are filled in by {@link resolve}: `households`, `workers` and `extraAssignments`
 * scale with the blocks (97,260, 1500 and 600 for 3242 blocks), so a smaller district
 * keeps the same ratios; `city` is 衡水市 for 桃城区's tenant only;
 * `categoriesFromArticle` follows `categories`; `unassignedBlocks` is drawn from the
 * seed (2–5, at most the number of blocks).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Omit<DistrictOptions, "unassignedBlocks"> = {
  seed: 131102,
  tenant: "131102",
  name: "桃城区",
  city: "衡水市",
  streets: taochengStreets,
  communities: 40,
  sectors: 124,
  compounds: 355,
  blocks: 3242,
  households: 3242 * meanHouseholdsPerBlock,
  workers: 1500,
  leaderShare: 0.6,
  extraAssignments: 600,
  workUnits: 197,
  merchants: 355,
  officeBuildings: 20,
  categories: WorkerCategory.defaultCategories.map((c) => c.key),
  categoriesFromArticle: WorkerCategory.defaultCategories.map((c) => c.key).filter((k) => fromArticle.has(k)),
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

/** A place command as {@link emit} makes it. */
type PlacePlace = Extract<Command, { readonly _tag: "PlacePlace" }>

/**
 * What the generator put in, counted while planning, so that tests can compare a
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
 * A generated district with its commands in an array.
 *
 * @since 0.1.0
 * @category models
 */
export interface GeneratedDistrict {
  readonly tenant: string
  readonly options: DistrictOptions
  readonly commands: ReadonlyArray<Command>
  readonly summary: Summary
}

/**
 * A planned district: its options and summary, and its commands made one at a time
 * each time `commands` is iterated (the same commands every time, those of
 * {@link generate}).
 *
 * @since 0.2.0
 * @category models
 */
export interface PlannedDistrict {
  readonly tenant: string
  readonly options: DistrictOptions
  readonly summary: Summary
  /** How many commands an iteration yields. */
  readonly commandCount: number
  readonly commands: Iterable<Command>
}

/** Street segments 001–099 are 街道 in the 统计用区划代码. */
const MAX_STREETS = 99
/** Numbered places (work units, merchants, office buildings) have 7-digit numbers. */
const MAX_NUMBERED = 9_999_999

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
  if (Object.hasOwn(input, "householdsPerBlock")) {
    fail("householdsPerBlock was replaced by households, the total in all blocks")
  }
  const seed = input.seed ?? defaults.seed
  const streetsInput = input.streets ?? defaults.streets
  const streets = typeof streetsInput === "number" ? makeStreets(streetsInput, seed) : streetsInput
  const base = { ...defaults, ...input, seed, streets }
  const blocks = base.blocks
  const scaled = (n: number) => Math.round((blocks * n) / defaults.blocks)
  const workers = input.workers ?? Math.max(base.communities, scaled(defaults.workers))
  const extraAssignments = input.extraAssignments ?? scaled(defaults.extraAssignments)
  const households = input.households ?? blocks * meanHouseholdsPerBlock
  const city = input.city ?? (base.tenant === defaults.tenant ? defaults.city : "")
  const categoriesFromArticle = input.categoriesFromArticle ?? base.categories.filter((c) => fromArticle.has(c))
  const unassignedBlocks =
    input.unassignedBlocks ?? Math.min(Random.make(seed ^ 0x5eed).between(2, 5), Math.max(0, blocks))
  const options: DistrictOptions = {
    ...base,
    city,
    households,
    workers,
    extraAssignments,
    categoriesFromArticle,
    unassignedBlocks
  }
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
  return Array.from({ length: count }, (_, i) => ({ segment: Tree.pad(i + 1), name: Names.street(random, names) }))
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
  if (o.city !== o.city.trim()) fail("city has leading or trailing spaces")
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
    if (count < parents || count > parents * Tree.MAX_CHILDREN) {
      fail(`${count} ${what} cannot give each of ${parents} parents 1–${Tree.MAX_CHILDREN} children`)
    }
  }
  if (!isCount(o.households) || o.households > o.blocks * Housing.maxHouseholdsPerBlock) {
    fail(`households ${o.households} is not in 0–${o.blocks * Housing.maxHouseholdsPerBlock} (at most ${Housing.maxHouseholdsPerBlock} per block)`)
  }
  if (!isCount(o.workers) || o.workers < o.communities) fail(`workers ${o.workers}: each of ${o.communities} communities needs one`)
  if (!(o.leaderShare > 0 && o.leaderShare <= 1)) fail(`leaderShare ${o.leaderShare} is not in (0, 1]`)
  if (!isCount(o.extraAssignments)) fail(`extraAssignments ${o.extraAssignments} is not a count`)
  if (!isCount(o.unassignedBlocks) || o.unassignedBlocks > o.blocks) {
    fail(`unassignedBlocks ${o.unassignedBlocks} is not in 0–${o.blocks}`)
  }
  for (const [what, count] of [["workUnits", o.workUnits], ["merchants", o.merchants], ["officeBuildings", o.officeBuildings]] as const) {
    if (!isCount(count) || count > MAX_NUMBERED) fail(`${what} ${count} is not in 0–${MAX_NUMBERED}`)
  }
  if (o.categories.length === 0 || new Set(o.categories).size !== o.categories.length) {
    fail("categories must be non-empty and distinct")
  }
  if (o.categoriesFromArticle.some((c) => !o.categories.includes(c))) fail("categoriesFromArticle must be a subset of categories")
  if (o.leaderCategories.length === 0 || o.leaderCategories.some((c) => !o.categories.includes(c))) {
    fail("leaderCategories must be a non-empty subset of categories")
  }
  if (o.fullTimeCategories.some((c) => !o.categories.includes(c))) fail("fullTimeCategories must be a subset of categories")
  if (!IsoDate.isValid(o.validFrom)) fail(`validFrom ${o.validFrom} is not a calendar date`)
}

/**
 * One random stream per part, so that a change in one part's draws leaves the others
 * as they were. Made afresh from the seed for planning and for every iteration of
 * the commands.
 */
const streams = (seed: number) => {
  const root = Random.make(seed)
  return {
    tree: root.fork(),
    worker: root.fork(),
    assign: root.fork(),
    place: root.fork(),
    household: root.fork(),
    unit: root.fork(),
    person: root.fork(),
    resident: root.fork()
  }
}

/** Everything decided before the first command is made; small next to the commands. */
interface Plan {
  readonly options: DistrictOptions
  readonly tree: Tree.Tree
  /** Households per block, in block order. */
  readonly households: ReadonlyArray<number>
  readonly workUnits: ReadonlyArray<WorkUnits.WorkUnit>
  readonly staff: Staff.Plan
  /** Grid names by code, for addresses. */
  readonly names: ReadonlyMap<string, string>
}

const makePlan = (o: DistrictOptions): Plan => {
  const random = streams(o.seed)
  const tree = Tree.build(o, random.tree)
  const households = Housing.households(random.household, o.households, tree.blocks)
  const workUnits = WorkUnits.make(random.unit, o.workUnits, { district: o.name, tenant: o.tenant, city: o.city })
  const staff = Staff.plan(o, tree, random.worker, random.assign)
  const names = new Map<string, string>([[o.tenant, o.name]])
  for (const nodes of Tree.levels(tree)) for (const node of nodes) names.set(node.code, node.name)
  return { options: o, tree, households, workUnits, staff, names }
}

const summaryOf = (p: Plan): Summary => {
  let buildings = 0
  for (const list of p.tree.buildings.values()) buildings += list.length
  return {
    gridsByLevel: [1, ...Tree.levels(p.tree).map((l) => l.length)],
    workersByCategory: p.staff.workersByCategory,
    workersByEmployment: p.staff.workersByEmployment,
    placesByKind: {
      residential_building: buildings,
      office_building: p.options.officeBuildings,
      work_unit: p.options.workUnits,
      merchant: p.options.merchants,
      household: p.options.households
    },
    responsibleAssignments: p.staff.responsibleAssignments,
    otherAssignments: p.staff.otherAssignments,
    unassignedBlocks: p.staff.unassignedBlocks
  }
}

const countOf = (s: Summary): number =>
  s.gridsByLevel.reduce((a, b) => a + b, 0) +
  Object.values(s.placesByKind).reduce((a, b) => a + b, 0) +
  Object.values(s.workersByCategory).reduce((a, b) => a + b, 0) +
  s.responsibleAssignments + s.otherAssignments

/**
 * The address of a grid's place, down to its compound: 衡水市桃城区河西街道明珠社区锦绣花园.
 * Places in sectors stop at the community.
 */
const addressOf = (p: Plan, code: string): string => {
  const o = p.options
  const parts = [o.city, o.name]
  // Street, community, then (skipping the sector) the compound.
  for (const depth of [1, 2, 4]) {
    const end = o.tenant.length + depth * Tree.SEGMENT_WIDTH
    if (code.length >= end) parts.push(p.names.get(code.slice(0, end)) ?? "")
  }
  return parts.join("")
}

/**
 * The numbered places — merchants in compounds, work units and office buildings in
 * sectors — in the order {@link emit} makes them, drawn from the place stream alone, so
 * that {@link layout} finds where each work unit lies without making the other
 * commands.
 */
function* numberedPlaces(p: Plan, random: Random.Random): Generator<PlacePlace> {
  const o = p.options
  const at = o.validFrom
  for (let n = 1; n <= o.merchants; n++) {
    const compound = random.pick(p.tree.compounds)
    yield {
      _tag: "PlacePlace",
      id: `P-M-${Tree.pad(n, 7)}`,
      kind: "merchant",
      name: Names.merchant(random),
      address: addressOf(p, compound.code),
      gridCode: compound.code,
      at
    }
  }
  for (const [i, unit] of p.workUnits.entries()) {
    const sector = random.pick(p.tree.sectors)
    yield {
      _tag: "PlacePlace",
      id: `P-U-${Tree.pad(i + 1, 7)}`,
      kind: "work_unit",
      name: unit.name,
      address: addressOf(p, sector.code),
      creditCode: unit.creditCode,
      gridCode: sector.code,
      at
    }
  }
  const officeNames = Names.namer()
  for (let n = 1; n <= o.officeBuildings; n++) {
    const name = Names.officeBuilding(random, officeNames)
    const sector = random.pick(p.tree.sectors)
    yield {
      _tag: "PlacePlace",
      id: `P-O-${Tree.pad(n, 7)}`,
      kind: "office_building",
      name,
      address: addressOf(p, sector.code),
      gridCode: sector.code,
      at
    }
  }
}

/** The commands in order: grids top-down, then places, workers and assignments. */
function* emit(p: Plan): Generator<Command> {
  const o = p.options
  const at = o.validFrom
  const random = streams(o.seed)
  yield { _tag: "CreateGrid", code: o.tenant, name: o.name, parentCode: null, level: 0, validFrom: at }
  for (const [i, nodes] of Tree.levels(p.tree).entries()) {
    for (const node of nodes) {
      yield { _tag: "CreateGrid", code: node.code, name: node.name, parentCode: node.parent, level: i + 1, validFrom: at }
    }
  }
  // 入格: each residential building (楼栋) in its compound, each household in its block.
  for (const compound of p.tree.compounds) {
    const address = addressOf(p, compound.code)
    for (const building of p.tree.buildings.get(compound.code) ?? []) {
      const label = `${building.number}号楼`
      yield {
        _tag: "PlacePlace",
        id: `P-B-${compound.code}-${Tree.pad(building.number)}`,
        kind: "residential_building",
        name: `${compound.name}${label}`,
        address: `${address}${label}`,
        gridCode: compound.code,
        at
      }
    }
  }
  for (const [i, block] of p.tree.blocks.entries()) {
    const address = `${addressOf(p, block.code)}${block.name}`
    for (const room of Housing.rooms(random.resident, block.building, p.households[i]!)) {
      // The household's name is its householder's (户主): personal data, masked on reading.
      const sex: Names.Sex = random.resident.next() < 0.5 ? "male" : "female"
      yield {
        _tag: "PlacePlace",
        id: `P-H-${block.code}-${room}`,
        kind: "household",
        name: Names.person(random.resident, sex),
        address: `${address}${room}室`,
        gridCode: block.code,
        at
      }
    }
  }
  yield* numberedPlaces(p, random.place)
  for (const w of p.staff.workers) {
    const sex: Names.Sex = random.person.next() < 0.5 ? "male" : "female"
    yield {
      _tag: "RegisterWorker",
      id: w.id,
      name: Names.person(random.person, sex),
      category: w.category,
      communityCode: w.communityCode,
      employment: w.employment,
      phone: Staff.phone(random.person),
      citizenId: Staff.citizenId(random.person, o.tenant, sex),
      at
    }
  }
  for (const a of p.staff.assignments) {
    yield { _tag: "AssignWorker", ...a, at }
  }
}

// ------------------------------------------------------------------ layout

/**
 * A work unit (辖区单位) where the district registers it: its place id, name, kind,
 * credit code and the sector (片区) it is in.
 *
 * @since 0.2.0
 * @category models
 */
export interface PlacedUnit extends WorkUnits.WorkUnit {
  readonly placeId: string
  readonly sectorCode: string
}

/**
 * A district's layout: its grid tree (streets, communities, sectors, compounds and
 * blocks, with codes and names) and where its work units and office buildings lie —
 * what other generators (party organisations: `Party`) build on, without making the
 * district's commands.
 *
 * @since 0.2.0
 * @category models
 */
export interface Layout {
  readonly options: DistrictOptions
  readonly tree: Tree.Tree
  readonly workUnits: ReadonlyArray<PlacedUnit>
  /** Office buildings (商务楼宇): place id, name and sector. */
  readonly officeBuildings: ReadonlyArray<{ readonly placeId: string; readonly name: string; readonly sectorCode: string }>
  /** Households per block, in block order (as the commands place them). @since 0.5.0 */
  readonly households: ReadonlyArray<number>
}

/**
 * The layout of a district, the same as its commands give: the tree and the sectors
 * of the work units and office buildings are drawn as {@link plan} draws them.
 *
 * @since 0.2.0
 * @category accessors
 */
export const layout = (district: { readonly options: DistrictOptions }): Layout => {
  const p = makePlan(resolve(district.options))
  const workUnits: Array<PlacedUnit> = []
  const officeBuildings: Array<{ readonly placeId: string; readonly name: string; readonly sectorCode: string }> = []
  for (const place of numberedPlaces(p, streams(p.options.seed).place)) {
    if (place.kind === "work_unit") {
      const unit = p.workUnits[workUnits.length]!
      workUnits.push({ ...unit, placeId: place.id, sectorCode: place.gridCode })
    } else if (place.kind === "office_building") {
      officeBuildings.push({ placeId: place.id, name: place.name, sectorCode: place.gridCode })
    }
  }
  return { options: p.options, tree: p.tree, workUnits, officeBuildings, households: p.households }
}

const decodeCommand = Schema.decodeUnknownEither(GridCommand.GridCommand)

/**
 * The commands, each checked to decode as the Grids service will decode it: options
 * such as a very long name or padded street names would make commands that fail at
 * apply time, so they are refused here, naming the command.
 */
function* checked(commands: Iterable<Command>): Generator<Command> {
  let i = 0
  for (const command of commands) {
    i += 1
    const decoded = decodeCommand(command)
    if (Either.isLeft(decoded)) {
      throw new RangeError(
        `District.generate: command ${i} (${command._tag}) would be refused: ${
          ParseResult.TreeFormatter.formatErrorSync(decoded.left)
        }`
      )
    }
    yield command
  }
}

/**
 * Plans a district: options, summary and the number of commands at once, the commands
 * themselves one at a time whenever `commands` is iterated. An importer can pass it to
 * {@link apply} without holding the commands: the plan itself (the tree, households per
 * block, workers and assignments) is a small fraction of them. Throws a RangeError
 * for impossible options; iterating throws one for a command that would not decode.
 *
 * @since 0.2.0
 * @category constructors
 */
export const plan = (input: Input = {}): PlannedDistrict => {
  const p = makePlan(resolve(input))
  const summary = summaryOf(p)
  return {
    tenant: p.options.tenant,
    options: p.options,
    summary,
    commandCount: countOf(summary),
    commands: { [Symbol.iterator]: () => checked(emit(p)) }
  }
}

/**
 * Generates a district, its commands in an array. Same options, same output; a
 * different seed or size, different data. Throws a RangeError for impossible options
 * (see {@link resolve}) or options whose commands would not decode.
 *
 * @since 0.1.0
 * @category constructors
 */
export const generate = (input: Input = {}): GeneratedDistrict => {
  const planned = plan(input)
  return { tenant: planned.tenant, options: planned.options, commands: Array.from(planned.commands), summary: planned.summary }
}

/**
 * Options of {@link apply}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands per transaction; default 10,000 (the Grids service takes at most 100,000). */
  readonly batchSize?: number
}

/**
 * Writes a district's commands through the Grids service as the system actor, in
 * batches of `batchSize` commands, each batch one transaction. It takes a generated
 * district (commands in an array) or a planned one (commands made as they are
 * written, so only one batch is held at a time). Rows in errors count from the first
 * command of the whole list.
 *
 * @since 0.1.0
 * @category running
 */
export const apply = (
  district: { readonly tenant: string; readonly commands: Iterable<Command> },
  options: ApplyOptions = {}
): Effect.Effect<void, Grids.GridWriteError, Grids.Grids> =>
  Effect.gen(function*() {
    const batchSize = options.batchSize ?? 10_000
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      return yield* Effect.dieMessage(`District.apply: batchSize ${batchSize} is not a positive integer`)
    }
    const grids = yield* Grids.Grids
    const actor = Actor.system(district.tenant)
    const iterator = district.commands[Symbol.iterator]()
    let offset = 0
    for (;;) {
      const batch: Array<Command> = []
      for (let next = iterator.next(); ; next = iterator.next()) {
        if (next.done === true) break
        batch.push(next.value)
        if (batch.length === batchSize) break
      }
      if (batch.length === 0) return
      const start = offset
      yield* grids.executeAll(actor, batch).pipe(Effect.mapError((error) => shiftRow(error, start)))
      offset += batch.length
      if (batch.length < batchSize) return
    }
  }).pipe(Effect.withSpan("District.apply"))
