/**
 * Residential buildings (楼栋) and the households (住户) in their units (单元). A
 * compound's blocks (五级网格) are the units of its buildings: an old compound of
 * six-storey walk-ups (多层) has buildings of 2–5 units of 12 flats, a newer one
 * eleven- to thirty-three-storey towers of 2–4 units of 22–66 flats. Households fill
 * most of a unit's flats and, while the district's flats suffice, never more; when
 * they do not, units take more and their buildings are raised, so room numbers
 * (501室: floor 5, flat 01) always exist in the building they name.
 *
 * @since 0.2.0
 */
import type { Random } from "./Random.js"

/**
 * A kind of residential building: its storeys, flats per floor in each unit (梯户比:
 * 一梯两户) and how many units such a building has.
 *
 * @since 0.2.0
 * @category models
 */
export interface BuildingType {
  readonly key: string
  readonly zh: string
  readonly floors: number
  readonly flatsPerFloor: number
  readonly minUnits: number
  readonly maxUnits: number
}

/**
 * The building types, from the walk-ups of the 1990s to today's towers.
 *
 * @since 0.2.0
 * @category constants
 */
export const buildingTypes: ReadonlyArray<BuildingType> = [
  { key: "walk_up", zh: "多层", floors: 6, flatsPerFloor: 2, minUnits: 2, maxUnits: 4 },
  { key: "mid_rise", zh: "小高层", floors: 11, flatsPerFloor: 2, minUnits: 2, maxUnits: 3 },
  { key: "high_rise_18", zh: "高层", floors: 18, flatsPerFloor: 2, minUnits: 2, maxUnits: 3 },
  { key: "high_rise_26", zh: "高层", floors: 26, flatsPerFloor: 2, minUnits: 2, maxUnits: 2 },
  { key: "high_rise_33", zh: "高层", floors: 33, flatsPerFloor: 2, minUnits: 2, maxUnits: 2 }
]

/** Storeys a building is raised to when its households do not fit; beyond the last, flats per floor grow. */
const standardHeights: ReadonlyArray<number> = [6, 11, 18, 26, 33]

/**
 * When a compound was built decides its buildings: weights over {@link buildingTypes}
 * (old compounds, 2000s compounds, compounds of the last decade) and how common each
 * era is.
 */
const eras: ReadonlyArray<{ readonly weight: number; readonly types: ReadonlyArray<number> }> = [
  { weight: 0.2, types: [0.85, 0.15, 0, 0, 0] },
  { weight: 0.35, types: [0.2, 0.4, 0.4, 0, 0] },
  { weight: 0.45, types: [0, 0.1, 0.35, 0.3, 0.25] }
]

/**
 * A building of a compound: its number (3号楼), its type's storeys and flats per
 * floor (raised to hold its households), and its units' positions among the
 * compound's blocks, in order.
 *
 * @since 0.2.0
 * @category models
 */
export interface Building {
  readonly number: number
  readonly type: BuildingType
  readonly units: number
  /** Index of its first unit among the compound's blocks. */
  readonly firstBlock: number
  floors: number
  flatsPerFloor: number
}

/**
 * Splits a compound's `blocks` into buildings of the compound's era: every building
 * has at least two units when the compound has two blocks or more (a compound of one
 * block is one building of one unit).
 *
 * @since 0.2.0
 * @category constructors
 */
export const buildings = (random: Random, blocks: number): Array<Building> => {
  const era = eras[random.weighted(eras.map((e) => e.weight))]!
  const out: Array<Building> = []
  let first = 0
  // Each building takes at least one unit, so the loop ends within `blocks` rounds.
  while (first < blocks) {
    const type = buildingTypes[random.weighted(era.types)]!
    const remaining = blocks - first
    // Never leave a single unit over: a remainder of one would be a one-unit building.
    const units = remaining <= type.maxUnits + 1
      ? remaining
      : random.between(type.minUnits, Math.min(type.maxUnits, remaining - type.minUnits))
    out.push({
      number: out.length + 1,
      type,
      units,
      firstBlock: first,
      floors: type.floors,
      flatsPerFloor: type.flatsPerFloor
    })
    first += units
  }
  return out
}

/**
 * The most households one block (单元) may hold: 33 storeys of six flats, near enough.
 *
 * @since 0.2.0
 * @category constants
 */
export const maxHouseholdsPerBlock = 200

/**
 * Households per block: `total` split over the blocks in proportion to their flats
 * times an occupancy drawn between 60 % and 100 % (some flats stand empty or are let
 * unregistered), never more than a unit's flats while the flats suffice: a full unit's
 * share goes to the others. Each block gets at least one household when there are as
 * many households as blocks. Only when the flats do not suffice do units take more
 * than their flats (all by the same factor, up to {@link maxHouseholdsPerBlock}), and
 * their buildings are raised until the fullest unit fits.
 *
 * @since 0.2.0
 * @category constructors
 */
export const households = (
  random: Random,
  total: number,
  blocks: ReadonlyArray<{ readonly building: Building }>
): Array<number> => {
  const flats = blocks.map(({ building }) => building.floors * building.flatsPerFloor)
  const weights = flats.map((f) => f * (0.6 + 0.4 * random.next()))
  const base = total >= blocks.length ? 1 : 0
  const caps = capsFor(total, flats).map((c) => c - base)
  const counts = capped(total - base * blocks.length, weights, caps).map((n) => n + base)
  const fullest = new Map<Building, number>()
  blocks.forEach(({ building }, i) => fullest.set(building, Math.max(fullest.get(building) ?? 0, counts[i]!)))
  for (const [building, need] of fullest) raise(building, need)
  return counts
}

/**
 * Each unit's most households: its flats while they suffice. Otherwise every unit may
 * grow by the same factor (a quarter more, for room to vary), up to
 * {@link maxHouseholdsPerBlock}, or all to that bound if still short.
 */
const capsFor = (total: number, flats: ReadonlyArray<number>): Array<number> => {
  const sum = flats.reduce((s, f) => s + f, 0)
  if (sum >= total) return [...flats]
  const grown = flats.map((f) => Math.min(maxHouseholdsPerBlock, Math.ceil((f * total * 1.25) / sum)))
  return grown.reduce((s, c) => s + c, 0) >= total ? grown : flats.map(() => maxHouseholdsPerBlock)
}

/**
 * Splits `total` in proportion to `weights`, no share above its cap (Σ caps ≥ total):
 * shares that would pass their cap are fixed at it and the rest is split again among
 * the others, at most once per share. Whole numbers by largest remainder, ties to the
 * lower index, so the result is a pure function of the input.
 */
const capped = (total: number, weights: ReadonlyArray<number>, caps: ReadonlyArray<number>): Array<number> => {
  const exact = weights.map(() => 0)
  let active = weights.map((_, i) => i)
  let rest = total
  for (let round = 0; round < weights.length && active.length > 0; round++) {
    const sum = active.reduce((s, i) => s + weights[i]!, 0)
    const over = new Set(active.filter((i) => (rest * weights[i]!) / sum > caps[i]!))
    if (over.size === 0) {
      for (const i of active) exact[i] = (rest * weights[i]!) / sum
      break
    }
    for (const i of over) {
      exact[i] = caps[i]!
      rest -= caps[i]!
    }
    active = active.filter((i) => !over.has(i))
  }
  const shares = exact.map(Math.floor)
  const left = total - shares.reduce((s, n) => s + n, 0)
  // A share below its cap has room for one more: floor(x) < x ≤ cap.
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; k < left; k++) shares[byRemainder[k]!.i]! += 1
  return shares
}

/** Raises a building until a unit holds `need` flats: taller first, then more flats per floor. */
const raise = (building: Building, need: number): void => {
  while (building.floors * building.flatsPerFloor < need) {
    const taller = standardHeights.find((h) => h > building.floors)
    if (taller !== undefined) building.floors = taller
    else building.flatsPerFloor += 1
  }
}

/**
 * The rooms of a unit's households: `count` of its flats drawn from the seed, in
 * order, numbered as Chinese buildings are, floor then flat (501 is floor 5, flat 1;
 * 1202 floor 12, flat 2).
 *
 * @since 0.2.0
 * @category constructors
 */
export const rooms = (random: Random, building: Building, count: number): Array<string> => {
  const flats = building.floors * building.flatsPerFloor
  const all = Array.from({ length: flats }, (_, i) => i)
  // A partial Fisher–Yates: the first `count` positions end up a uniform sample.
  const n = Math.min(count, flats)
  for (let i = 0; i < n; i++) {
    const j = i + random.int(flats - i)
    const tmp = all[i]!
    all[i] = all[j]!
    all[j] = tmp
  }
  return all
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => `${Math.floor(i / building.flatsPerFloor) + 1}${String((i % building.flatsPerFloor) + 1).padStart(2, "0")}`)
}
