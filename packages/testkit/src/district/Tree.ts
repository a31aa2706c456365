/**
 * The grid tree of a generated district: streets, communities, sectors, compounds and
 * blocks with their codes and names, and the residential buildings whose units the
 * blocks are.
 *
 * @since 0.2.0
 */
import * as Distribute from "./Distribute.js"
import * as Housing from "./Housing.js"
import * as Names from "./Names.js"
import type { Random } from "./Random.js"

/**
 * Every level below the district adds 3 digits (the default level scheme).
 *
 * @since 0.2.0
 * @category constants
 */
export const SEGMENT_WIDTH = 3

/**
 * A code segment of 3 digits numbers at most 999 children.
 *
 * @since 0.2.0
 * @category constants
 */
export const MAX_CHILDREN = 999

/**
 * @since 0.2.0
 * @category formatting
 */
export const pad = (n: number, width = SEGMENT_WIDTH): string => String(n).padStart(width, "0")

/**
 * A grid in the generated tree, before it becomes a command.
 *
 * @since 0.2.0
 * @category models
 */
export interface Node {
  readonly code: string
  readonly name: string
  readonly parent: string
}

/**
 * A block (单元): one unit of a residential building of its compound.
 *
 * @since 0.2.0
 * @category models
 */
export interface Block extends Node {
  readonly building: Housing.Building
  /** The unit's number in its building (2单元). */
  readonly unit: number
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Tree {
  readonly streets: ReadonlyArray<Node>
  readonly communities: ReadonlyArray<Node>
  readonly sectors: ReadonlyArray<Node>
  readonly compounds: ReadonlyArray<Node>
  readonly blocks: ReadonlyArray<Block>
  /** Each compound's buildings, by compound code, in building order. */
  readonly buildings: ReadonlyMap<string, ReadonlyArray<Housing.Building>>
}

/**
 * What shapes the tree: the root and the counts per level for the whole district.
 *
 * @since 0.2.0
 * @category models
 */
export interface Shape {
  readonly tenant: string
  readonly streets: ReadonlyArray<{ readonly segment: string; readonly name: string }>
  readonly communities: number
  readonly sectors: number
  readonly compounds: number
  readonly blocks: number
}

/** Children counts per parent, uneven by seeded weights, each within `min`–999. */
const split = (random: Random, parents: number, total: number, min: number): Array<number> =>
  Distribute.allocate(total, Distribute.unevenWeights(random, parents), { min, max: MAX_CHILDREN })

/** Children codes of each parent in order: `parent + 001`, `parent + 002`, …. */
const children = (
  random: Random,
  parents: ReadonlyArray<Node>,
  total: number,
  name: (parent: Node) => string
): Array<Node> => {
  const counts = split(random, parents.length, total, 1)
  const out: Array<Node> = []
  parents.forEach((parent, p) => {
    for (let i = 0; i < counts[p]!; i++) out.push({ code: parent.code + pad(i + 1), name: name(parent), parent: parent.code })
  })
  return out
}

/**
 * Builds the tree. Names are unique district-wide for communities and compounds
 * (residents tell them apart by name), and within their community for sectors. A
 * compound gets at least two blocks when there are twice as many blocks as compounds,
 * so that its buildings have two units or more; its blocks are named after the
 * building and unit they are (3号楼2单元), buildings numbered from 1.
 *
 * @since 0.2.0
 * @category constructors
 */
export const build = (shape: Shape, random: Random): Tree => {
  const streets = shape.streets.map((s) => ({ code: shape.tenant + s.segment, name: s.name, parent: shape.tenant }))
  const communityNames = Names.namer()
  const communities = children(random, streets, shape.communities, () => Names.community(random, communityNames))
  const sectorNames = new Map<string, Names.Namer>()
  const sectors = children(random, communities, shape.sectors, (parent) => {
    const names = sectorNames.get(parent.code) ?? Names.namer()
    sectorNames.set(parent.code, names)
    return Names.sector(random, names)
  })
  const compoundNames = Names.namer()
  const compounds = children(random, sectors, shape.compounds, () => Names.compound(random, compoundNames))
  const perCompound = split(random, compounds.length, shape.blocks, shape.blocks >= 2 * compounds.length ? 2 : 1)
  const blocks: Array<Block> = []
  const buildings = new Map<string, ReadonlyArray<Housing.Building>>()
  compounds.forEach((compound, c) => {
    const list = Housing.buildings(random, perCompound[c]!)
    buildings.set(compound.code, list)
    for (const building of list) {
      for (let u = 1; u <= building.units; u++) {
        blocks.push({
          code: compound.code + pad(building.firstBlock + u),
          name: Names.block(building.number, u),
          parent: compound.code,
          building,
          unit: u
        })
      }
    }
  })
  return { streets, communities, sectors, compounds, blocks, buildings }
}

/**
 * The levels below the district, top-down.
 *
 * @since 0.2.0
 * @category accessors
 */
export const levels = (tree: Tree): ReadonlyArray<ReadonlyArray<Node>> => [
  tree.streets,
  tree.communities,
  tree.sectors,
  tree.compounds,
  tree.blocks
]

/**
 * The community code a grid code lies under.
 *
 * @since 0.2.0
 * @category accessors
 */
export const communityOf = (tenant: string, code: string): string => code.slice(0, tenant.length + 2 * SEGMENT_WIDTH)
