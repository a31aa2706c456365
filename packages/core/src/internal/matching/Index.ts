/**
 * The matching problem in arrays: demands and supplies in id order, categories and
 * skills numbered, the grid tree's nodes numbered in preorder (so a subtree is an
 * interval), and for each supply category its supplies in grid order with their depth
 * and, as bit sets over those positions, which of them offer each skill. Every number
 * is derived from sorted names and ids, so nothing depends on the input's order.
 *
 * @internal
 */
import type { Demand, Policy, Problem, Supply } from "../../coconstruction/Matching.js"
import { compareStrings } from "../compareStrings.js"

/** A supply category's supplies, by (grid code, id). */
export interface Bucket {
  /** Supply indices, in (grid code, id) order: a grid subtree is one interval of positions. */
  readonly order: Int32Array
  /** Per position: the supply's grid node (ascending). */
  readonly node: Int32Array
  /**
   * Per grid node x (and one past the last): the first position whose node is not
   * below x, so node x's subtree is [first[x], first[end[x]]). Undefined when there
   * are too many categories × nodes to keep it (then found by binary search).
   */
  readonly first: Int32Array | undefined
  /** Per position: the supply's grid depth (levels below its root). */
  readonly depth: Int32Array
  /** Per position: how many distinct skills the supply has. */
  readonly skillCount: Int32Array
  /** Per position: the supply's skills (sorted ids), used when there are no bit sets. */
  readonly skills: ReadonlyArray<Int32Array>
  /** 32-bit words a bit set over the positions takes. */
  readonly words: number
  /** Bit sets: bit i of word `skill × words + w` is set when position 32w + i offers the skill. */
  readonly bits: Int32Array | undefined
  /** The grid depths of its supplies, ascending. */
  readonly depths: Int32Array
  /** Bit sets: bit i of word `l × words + w` is set when position 32w + i is at depth `depths[l]`. */
  readonly depthBits: Int32Array
}

/** @internal */
export interface Index {
  readonly problem: Problem
  readonly policy: Policy
  /** Demands and supplies in id order. */
  readonly demands: ReadonlyArray<Demand>
  readonly supplies: ReadonlyArray<Supply>
  readonly quantity: Int32Array
  readonly capacity: Int32Array
  readonly demandCategory: Int32Array
  readonly supplyCategory: Int32Array
  /** Per demand: its distinct skills, sorted ids. */
  readonly demandSkills: ReadonlyArray<Int32Array>
  /** Per supply: its distinct skills, sorted ids. */
  readonly supplySkills: ReadonlyArray<Int32Array>
  /** For each demand category, the supply categories that serve it and their credits, best credit first. */
  readonly servedCategory: ReadonlyArray<Int32Array>
  readonly servedCredit: ReadonlyArray<Int32Array>
  /** Per demand: its grid node. */
  readonly demandNode: Int32Array
  /**
   * Per grid node (numbered in code order, which is preorder: a node's subtree is the
   * nodes [node, end[node])): its parent (−1 for a root) and depth.
   */
  readonly parent: Int32Array
  readonly depth: Int32Array
  readonly end: Int32Array
  /** Per supply category. */
  readonly buckets: ReadonlyArray<Bucket>
}

/** Bit sets are kept when they take at most this many words in all (16 MiB). */
const MAX_WORDS = 4 << 20

/** Indexes a problem; skill bit sets only when they take at most `maxWords` words. */
export const index = (problem: Problem, maxWords = MAX_WORDS): Index => {
  const byId = <A extends { readonly id: string }>(xs: ReadonlyArray<A>) =>
    [...xs].sort((a, b) => compareStrings(a.id, b.id))
  const demands = byId(problem.demands)
  const supplies = byId(problem.supplies)
  const policy = problem.policy

  // Categories numbered in name order.
  const names = [
    ...new Set([
      ...demands.map((d) => d.category),
      ...supplies.map((s) => s.category),
      ...policy.compatible.flatMap((c) => [c.demand, c.supply])
    ])
  ].sort(compareStrings)
  const categories = new Map(names.map((name, i) => [name, i]))
  const category = (name: string): number => categories.get(name)!
  const served: Array<Array<readonly [number, number]>> = names.map((_, c) => [[c, 100] as const])
  for (const c of policy.compatible) served[category(c.demand)]!.push([category(c.supply), c.credit])
  for (const list of served) list.sort((a, b) => b[1] - a[1] || a[0] - b[0])

  // Skills numbered by first use, demands then supplies in id order.
  const skillIds = new Map<string, number>()
  const skillSet = (xs: ReadonlyArray<string>): Int32Array => {
    const ids: Array<number> = []
    for (const x of xs) {
      let k = skillIds.get(x)
      if (k === undefined) skillIds.set(x, k = skillIds.size)
      if (!ids.includes(k)) ids.push(k)
    }
    return Int32Array.from(ids).sort()
  }
  const demandSkills = demands.map((d) => skillSet(d.skills))
  const supplySkills = supplies.map((s) => skillSet(s.skills))

  // Grid nodes: every code and its ancestors, numbered in code order (= preorder).
  const codes = new Set<string>()
  const addCode = (code: string) => {
    for (let n = code.length; n >= 6 && !codes.has(code.slice(0, n)); n -= 3) codes.add(code.slice(0, n))
  }
  for (const d of demands) addCode(d.grid)
  for (const s of supplies) addCode(s.grid)
  const sorted = [...codes].sort(compareStrings)
  const nodeOf = new Map(sorted.map((code, i) => [code, i]))
  const M = sorted.length
  const parent = new Int32Array(M)
  const depth = new Int32Array(M)
  const end = new Int32Array(M)
  const open: Array<number> = []
  for (let i = 0; i < M; i++) {
    const code = sorted[i]!
    depth[i] = (code.length - 6) / 3
    parent[i] = code.length > 6 ? nodeOf.get(code.slice(0, code.length - 3)) ?? -1 : -1
    while (open.length > 0 && !code.startsWith(sorted[open[open.length - 1]!]!)) end[open.pop()!] = i
    open.push(i)
  }
  while (open.length > 0) end[open.pop()!] = M

  const supplyCategory = Int32Array.from(supplies, (s) => category(s.category))
  const supplyNode = Int32Array.from(supplies, (s) => nodeOf.get(s.grid)!)
  const members: Array<Array<number>> = names.map(() => [])
  for (let s = 0; s < supplies.length; s++) members[supplyCategory[s]!]!.push(s)
  let totalWords = 0
  for (const list of members) totalWords += (list.length + 31) >>> 5
  const withBits = skillIds.size * totalWords <= maxWords
  const buckets = members.map((list): Bucket => {
    list.sort((a, b) => supplyNode[a]! - supplyNode[b]! || a - b)
    const order = Int32Array.from(list)
    const words = (order.length + 31) >>> 5
    let bits: Int32Array | undefined
    if (withBits) {
      bits = new Int32Array(skillIds.size * words)
      for (let i = 0; i < order.length; i++) {
        for (const k of supplySkills[order[i]!]!) bits[k * words + (i >>> 5)]! |= 1 << (i & 31)
      }
    }
    const depthOf = Int32Array.from(order, (s) => depth[supplyNode[s]!]!)
    const depths = Int32Array.from(new Set(depthOf)).sort()
    const depthBits = new Int32Array(depths.length * words)
    for (let i = 0; i < order.length; i++) {
      depthBits[depths.indexOf(depthOf[i]!) * words + (i >>> 5)]! |= 1 << (i & 31)
    }
    const node = Int32Array.from(order, (s) => supplyNode[s]!)
    let first: Int32Array | undefined
    if (names.length * (M + 1) <= maxWords) {
      first = new Int32Array(M + 1)
      for (let x = 0, i = 0; x <= M; x++) {
        while (i < node.length && node[i]! < x) i++
        first[x] = i
      }
    }
    return {
      order,
      node,
      first,
      depth: depthOf,
      depths,
      depthBits,
      skillCount: Int32Array.from(order, (s) => supplySkills[s]!.length),
      skills: Array.from(order, (s) => supplySkills[s]!),
      words,
      bits
    }
  })

  return {
    problem,
    policy,
    demands,
    supplies,
    quantity: Int32Array.from(demands, (d) => d.quantity),
    capacity: Int32Array.from(supplies, (s) => s.capacity),
    demandCategory: Int32Array.from(demands, (d) => category(d.category)),
    supplyCategory,
    demandSkills,
    supplySkills,
    servedCategory: served.map((list) => Int32Array.from(list, ([c]) => c)),
    servedCredit: served.map((list) => Int32Array.from(list, ([, credit]) => credit)),
    demandNode: Int32Array.from(demands, (d) => nodeOf.get(d.grid)!),
    parent,
    depth,
    end,
    buckets
  }
}
