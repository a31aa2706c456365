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
  /** Demand d's distinct skills, sorted ids: demandSkillIds[demandSkillStart[d] …]. */
  readonly demandSkillStart: Int32Array
  readonly demandSkillIds: Int32Array
  /** Supply s's distinct skills, sorted ids: supplySkillIds[supplySkillStart[s] …]. */
  readonly supplySkillStart: Int32Array
  readonly supplySkillIds: Int32Array
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
  const nameSet = new Set<string>()
  for (let d = 0; d < demands.length; d++) nameSet.add(demands[d]!.category)
  for (let s = 0; s < supplies.length; s++) nameSet.add(supplies[s]!.category)
  for (const c of policy.compatible) nameSet.add(c.demand).add(c.supply)
  const names = Array.from(nameSet).sort(compareStrings)
  const categories = new Map(names.map((name, i) => [name, i]))
  const category = (name: string): number => categories.get(name)!
  const served: Array<Array<readonly [number, number]>> = names.map((_, c) => [[c, 100] as const])
  for (const c of policy.compatible) served[category(c.demand)]!.push([category(c.supply), c.credit])
  for (const list of served) list.sort((a, b) => b[1] - a[1] || a[0] - b[0])

  // Skills numbered by first use, demands then supplies in id order; each side's sets
  // in one array (sorted, distinct).
  const skillIds = new Map<string, number>()
  const skillSets = (xs: ReadonlyArray<{ readonly skills: ReadonlyArray<string> }>) => {
    const start = new Int32Array(xs.length + 1)
    let ids = new Int32Array(2 * xs.length + 16)
    let n = 0
    for (let i = 0; i < xs.length; i++) {
      const skills = xs[i]!.skills
      if (n + skills.length > ids.length) {
        const more = new Int32Array(2 * (n + skills.length))
        more.set(ids)
        ids = more
      }
      const from = n
      for (let t = 0; t < skills.length; t++) {
        const x = skills[t]!
        let k = skillIds.get(x)
        if (k === undefined) skillIds.set(x, k = skillIds.size)
        // Insert in order, once.
        let j = n
        while (j > from && ids[j - 1]! > k) j--
        if (j > from && ids[j - 1] === k) continue
        ids.copyWithin(j + 1, j, n)
        ids[j] = k
        n++
      }
      start[i + 1] = n
    }
    return { start, ids: ids.slice(0, n) }
  }
  const demandSkills = skillSets(demands)
  const supplySkills = skillSets(supplies)

  // Grid nodes: every code and its ancestors, numbered in code order (= preorder).
  const codes = new Set<string>()
  const addCode = (code: string) => {
    if (codes.has(code)) return
    codes.add(code)
    for (let n = code.length - 3; n >= 6 && !codes.has(code.slice(0, n)); n -= 3) codes.add(code.slice(0, n))
  }
  for (let d = 0; d < demands.length; d++) addCode(demands[d]!.grid)
  for (let s = 0; s < supplies.length; s++) addCode(supplies[s]!.grid)
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

  const D = demands.length
  const S = supplies.length
  const supplyCategory = new Int32Array(S)
  const supplyNode = new Int32Array(S)
  for (let s = 0; s < S; s++) {
    supplyCategory[s] = category(supplies[s]!.category)
    supplyNode[s] = nodeOf.get(supplies[s]!.grid)!
  }
  const members: Array<Array<number>> = names.map(() => [])
  for (let s = 0; s < S; s++) members[supplyCategory[s]!]!.push(s)
  let totalWords = 0
  for (const list of members) totalWords += (list.length + 31) >>> 5
  const withBits = skillIds.size * totalWords <= maxWords
  const buckets = members.map((list): Bucket => {
    list.sort((a, b) => supplyNode[a]! - supplyNode[b]! || a - b)
    const n = list.length
    const order = new Int32Array(n)
    for (let i = 0; i < n; i++) order[i] = list[i]!
    const words = (n + 31) >>> 5
    const node = new Int32Array(n)
    const depthOf = new Int32Array(n)
    const skillCount = new Int32Array(n)
    let bits: Int32Array | undefined
    if (withBits) bits = new Int32Array(skillIds.size * words)
    const depthSet: Array<number> = []
    for (let i = 0; i < n; i++) {
      const s = order[i]!
      node[i] = supplyNode[s]!
      depthOf[i] = depth[node[i]!]!
      if (!depthSet.includes(depthOf[i]!)) depthSet.push(depthOf[i]!)
      const from = supplySkills.start[s]!
      const to = supplySkills.start[s + 1]!
      skillCount[i] = to - from
      if (bits !== undefined) {
        for (let j = from; j < to; j++) bits[supplySkills.ids[j]! * words + (i >>> 5)]! |= 1 << (i & 31)
      }
    }
    const depths = Int32Array.from(depthSet).sort()
    const depthBits = new Int32Array(depths.length * words)
    for (let i = 0; i < n; i++) depthBits[depths.indexOf(depthOf[i]!) * words + (i >>> 5)]! |= 1 << (i & 31)
    let first: Int32Array | undefined
    if (names.length * (M + 1) <= maxWords) {
      first = new Int32Array(M + 1)
      for (let x = 0, i = 0; x <= M; x++) {
        while (i < n && node[i]! < x) i++
        first[x] = i
      }
    }
    return { order, node, first, depth: depthOf, depths, depthBits, skillCount, words, bits }
  })
  const quantity = new Int32Array(D)
  const demandCategory = new Int32Array(D)
  const demandNode = new Int32Array(D)
  for (let d = 0; d < D; d++) {
    const demand = demands[d]!
    quantity[d] = demand.quantity
    demandCategory[d] = category(demand.category)
    demandNode[d] = nodeOf.get(demand.grid)!
  }
  const capacity = new Int32Array(S)
  for (let s = 0; s < S; s++) capacity[s] = supplies[s]!.capacity

  return {
    problem,
    policy,
    demands,
    supplies,
    quantity,
    capacity,
    demandCategory,
    supplyCategory,
    demandSkillStart: demandSkills.start,
    demandSkillIds: demandSkills.ids,
    supplySkillStart: supplySkills.start,
    supplySkillIds: supplySkills.ids,
    servedCategory: served.map((list) => Int32Array.from(list, ([c]) => c)),
    servedCredit: served.map((list) => Int32Array.from(list, ([, credit]) => credit)),
    demandNode,
    parent,
    depth,
    end,
    buckets
  }
}

/** How many of demand d's skills supply s offers. */
export const sharedSkills = (ix: Index, d: number, s: number): number =>
  intersection(
    ix.demandSkillIds,
    ix.demandSkillStart[d]!,
    ix.demandSkillStart[d + 1]!,
    ix.supplySkillIds,
    ix.supplySkillStart[s]!,
    ix.supplySkillStart[s + 1]!
  )

/** The size of the intersection of two sorted sets, a[i, m) and b[j, n). */
export const intersection = (a: Int32Array, i: number, m: number, b: Int32Array, j: number, n: number): number => {
  let count = 0
  while (i < m && j < n) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      count++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return count
}
