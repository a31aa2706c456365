/**
 * 一对一 matching (DESIGN §3.3, issue 8 item 6): needs ↔ resources, or members ↔
 * volunteer posts. A problem declares its demands (each wanting `quantity` units),
 * its supplies (each offering `capacity` units) and a scoring policy; `solve` returns
 * the assignments that maximise Σ units × pair score without passing any supply's
 * capacity or any demand's quantity, each with the terms of its score and, where the
 * demand had a better-scoring supply, why it did not get it.
 *
 * A pair's score is an integer: Σ weight × value over four terms, each value a whole
 * number — category fit (100 for the same category, a declared credit for a
 * compatible one), skills (the share of required skills covered, in whole percent,
 * rounded down), proximity in the grid tree (100 less `stepPercent` for each step up
 * to the common ancestor and down) and the demand's priority. A pair is allowed when
 * its categories are compatible, it covers at least the policy's minimum share of the
 * required skills, and its score is positive.
 *
 * The solver is exact on the graph of candidate pairs: successive shortest paths
 * (min-cost flow, one demand at a time, Dijkstra on reduced costs). Candidates are
 * each demand's `policy.candidates` best allowed supplies (by score, then supply id);
 * when no demand has more allowed supplies than that, the result is the exact optimum
 * of the whole problem (`exact`). `upperBound` certifies any result against the whole
 * problem with an LP dual built from the solver's supply prices. See docs/matching.md.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { compareStrings } from "../internal/compareStrings.js"

// ---------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------

/**
 * A grid code: a 6-digit root (the district's region code) and 3 digits a level.
 *
 * @since 0.3.0
 * @category schemas
 */
export const GridCode = Schema.String.pipe(Schema.pattern(/^\d{6}(?:\d{3})*$/))

const Id = Schema.String.pipe(Schema.minLength(1))
const Units = Schema.Int.pipe(Schema.positive())
const Weight = Schema.Int.pipe(Schema.nonNegative())

/**
 * A demand: a need of a community (需求), or a member looking for a post.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Demand = Schema.Struct({
  id: Id,
  category: Schema.String,
  /** Units wanted. */
  quantity: Units,
  /** Skills the demand requires, or (members) offers: see `Policy.skillsRequiredBy`. */
  skills: Schema.Array(Schema.String),
  grid: GridCode,
  /** Higher is more urgent; scored as `priority × weights.priority`. */
  priority: Schema.Int.pipe(Schema.nonNegative())
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Demand extends Schema.Schema.Type<typeof Demand> {}

/**
 * A supply: a unit's resource (资源), or a volunteer post.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Supply = Schema.Struct({
  id: Id,
  category: Schema.String,
  /** Units it can give in all. */
  capacity: Units,
  /** Skills it offers, or (posts) requires: see `Policy.skillsRequiredBy`. */
  skills: Schema.Array(Schema.String),
  grid: GridCode
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Supply extends Schema.Schema.Type<typeof Supply> {}

/**
 * A supply category that may serve a demand category, for `credit` percent of the
 * category term (a category always serves itself at 100).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Compatible = Schema.Struct({
  demand: Schema.String,
  supply: Schema.String,
  credit: Schema.Int.pipe(Schema.between(1, 100))
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Compatible extends Schema.Schema.Type<typeof Compatible> {}

/**
 * The declared scoring policy.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Policy = Schema.Struct({
  weights: Schema.Struct({ category: Weight, skills: Weight, distance: Weight, priority: Weight }),
  /** Cross-category credits; pairs of different categories not listed are not allowed. */
  compatible: Schema.Array(Compatible),
  /** Whose skills must be covered: the demand's (needs) or the supply's (posts). */
  skillsRequiredBy: Schema.Literal("demand", "supply"),
  /** Proximity lost for each step in the grid tree, in percent. */
  stepPercent: Schema.Int.pipe(Schema.between(0, 100)),
  /**
   * Skills a pair must cover at least, in whole percent (absent: 0). At 100 a pair is
   * allowed only when every required skill is covered, as a claim on a post asks.
   */
  minimumSkills: Schema.optional(Schema.Int.pipe(Schema.between(0, 100))),
  /** Candidates kept for each demand: its best allowed supplies, by score then id. */
  candidates: Schema.Int.pipe(Schema.between(1, 1_000_000)),
  /**
   * Pricing rounds at most: after a solve, pairs outside the candidates that the duals
   * say would pay are added and the problem solved again. 0 solves once.
   */
  rounds: Schema.Int.pipe(Schema.between(0, 100))
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Policy extends Schema.Schema.Type<typeof Policy> {}

/**
 * A policy for needs ↔ resources: category first, then skills, proximity, priority;
 * 32 candidates a demand.
 *
 * @since 0.3.0
 * @category constructors
 */
export const defaultPolicy: Policy = {
  weights: { category: 4, skills: 3, distance: 2, priority: 10 },
  compatible: [],
  skillsRequiredBy: "demand",
  stepPercent: 15,
  candidates: 32,
  rounds: 6
}

const uniqueIds = (items: ReadonlyArray<{ readonly id: string }>): boolean =>
  new Set(items.map((item) => item.id)).size === items.length

/**
 * A matching problem. Ids are unique among demands and among supplies; a
 * compatibility names two different categories, once.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Problem = Schema.Struct({
  demands: Schema.Array(Demand),
  supplies: Schema.Array(Supply),
  policy: Policy
}).pipe(
  Schema.filter((p) => {
    if (!uniqueIds(p.demands)) return "matching.demand-ids: demand ids must be unique"
    if (!uniqueIds(p.supplies)) return "matching.supply-ids: supply ids must be unique"
    const pairs = p.policy.compatible.map((c) => JSON.stringify([c.demand, c.supply]))
    if (new Set(pairs).size !== pairs.length) return "matching.compatible: a category pair is listed twice"
    if (p.policy.compatible.some((c) => c.demand === c.supply)) {
      return "matching.compatible: a category always serves itself at 100"
    }
    return true
  })
)

/**
 * @since 0.3.0
 * @category models
 */
export interface Problem extends Schema.Schema.Type<typeof Problem> {}

/**
 * A term of a pair's score: `points = weight × value`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Term = Schema.Struct({
  term: Schema.Literal("category", "skills", "distance", "priority"),
  /** Category: credit in percent; skills: percent covered; distance: proximity in percent; priority: the demand's. */
  value: Schema.Int,
  weight: Schema.Int,
  points: Schema.Int,
  /** What the value came from, e.g. `2/3 skills`, `2 steps`, `教育 → 文体 (60%)`. */
  detail: Schema.String
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Term extends Schema.Schema.Type<typeof Term> {}

const Reason = Schema.Struct({ zh: Schema.String, en: Schema.String })

/**
 * A demand's use of a supply, as an explanation names it.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Occupant = Schema.Struct({ demandId: Schema.String, units: Schema.Int, score: Schema.Int })

/**
 * @since 0.3.0
 * @category models
 */
export interface Occupant extends Schema.Schema.Type<typeof Occupant> {}

/**
 * A better-scoring supply the demand did not get (more of), and why: it is full,
 * with its units going to `occupants` (best first, at most 3; `others` more). Giving
 * the demand one unit of it would gain `gain`; by optimality no rearrangement that
 * frees one costs less, and `price` (its shadow price, the dual value of one more
 * unit of it) is at least that gain over the price of where the unit is now.
 *
 * @since 0.3.0
 * @category schemas
 */
export const PassedOver = Schema.Struct({
  supplyId: Schema.String,
  score: Schema.Int,
  gain: Schema.Int,
  price: Schema.Int,
  occupants: Schema.Array(Occupant),
  others: Schema.Int,
  reason: Reason
})

/**
 * @since 0.3.0
 * @category models
 */
export interface PassedOver extends Schema.Schema.Type<typeof PassedOver> {}

/**
 * Units of a demand given by a supply, at `score` a unit.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Assignment = Schema.Struct({
  demandId: Schema.String,
  supplyId: Schema.String,
  units: Schema.Int,
  score: Schema.Int,
  terms: Schema.Array(Term),
  /** Better-scoring supplies of this demand it got no more of (at most 3, best first). */
  passedOver: Schema.Array(PassedOver)
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Assignment extends Schema.Schema.Type<typeof Assignment> {}

/**
 * Units of a demand left unserved, and why.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Unassigned = Schema.Struct({
  demandId: Schema.String,
  units: Schema.Int,
  /** `none`: no allowed supply; `full`: every candidate is full (see `passedOver`). */
  cause: Schema.Literal("none", "full"),
  passedOver: Schema.Array(PassedOver),
  reason: Reason
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Unassigned extends Schema.Schema.Type<typeof Unassigned> {}

/**
 * A supply's use and its shadow price (0 unless it is full).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Usage = Schema.Struct({
  supplyId: Schema.String,
  used: Schema.Int,
  capacity: Schema.Int,
  price: Schema.Int
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Usage extends Schema.Schema.Type<typeof Usage> {}

/**
 * The result: assignments by demand id then score (best first) then supply id;
 * unassigned units by demand id; usage by supply id.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Solution = Schema.Struct({
  assignments: Schema.Array(Assignment),
  unassigned: Schema.Array(Unassigned),
  usage: Schema.Array(Usage),
  /** Σ units × score. */
  total: Schema.Int,
  /** Candidate pairs the solver saw. */
  candidatePairs: Schema.Int,
  /** No demand had allowed supplies beyond its candidates: `total` is the optimum. */
  exact: Schema.Boolean
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Solution extends Schema.Schema.Type<typeof Solution> {}

// ---------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------

/**
 * Steps in the grid tree from one code to another: up to the common ancestor and
 * down; `undefined` when their 6-digit roots differ (no common ancestor).
 *
 * @since 0.3.0
 * @category rules
 */
export const gridSteps = (a: string, b: string): number | undefined => {
  for (let i = 0; i < 6; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return undefined
  const n = Math.min(a.length, b.length)
  let common = 6
  outer: while (common + 3 <= n) {
    for (let i = common; i < common + 3; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) break outer
    common += 3
  }
  return (a.length - common) / 3 + (b.length - common) / 3
}

/**
 * Proximity in percent for a number of steps (0 when there is no common ancestor).
 *
 * @since 0.3.0
 * @category rules
 */
export const proximity = (steps: number | undefined, stepPercent: number): number =>
  steps === undefined ? 0 : Math.max(0, 100 - stepPercent * steps)

/**
 * Skills covered, in whole percent rounded down: `covered` of `required` (100 when
 * nothing is required).
 *
 * @since 0.3.0
 * @category rules
 */
export const coverage = (covered: number, required: number): number =>
  required === 0 ? 100 : Math.floor((100 * covered) / required)

/**
 * The category credit of a supply category for a demand category: 100 when equal,
 * the declared credit when compatible, `undefined` when not allowed.
 *
 * @since 0.3.0
 * @category rules
 */
export const categoryCredit = (policy: Policy, demand: string, supply: string): number | undefined =>
  demand === supply ? 100 : policy.compatible.find((c) => c.demand === demand && c.supply === supply)?.credit

/**
 * The terms of a pair's score, or `undefined` when the categories are not compatible.
 *
 * @since 0.3.0
 * @category rules
 */
export const terms = (policy: Policy, demand: Demand, supply: Supply): ReadonlyArray<Term> | undefined => {
  const credit = categoryCredit(policy, demand.category, supply.category)
  if (credit === undefined) return undefined
  const [required, offered] = policy.skillsRequiredBy === "demand"
    ? [demand.skills, supply.skills]
    : [supply.skills, demand.skills]
  const need = new Set(required)
  const have = new Set(offered)
  let covered = 0
  for (const skill of need) if (have.has(skill)) covered++
  const steps = gridSteps(demand.grid, supply.grid)
  const w = policy.weights
  const term = (term: Term["term"], value: number, weight: number, detail: string): Term => ({
    term,
    value,
    weight,
    points: value * weight,
    detail
  })
  return [
    term(
      "category",
      credit,
      w.category,
      demand.category === supply.category ? demand.category : `${demand.category} → ${supply.category} (${credit}%)`
    ),
    term("skills", coverage(covered, need.size), w.skills, `${covered}/${need.size} skills`),
    term(
      "distance",
      proximity(steps, policy.stepPercent),
      w.distance,
      steps === undefined ? "no common grid" : steps === 1 ? "1 step" : `${steps} steps`
    ),
    term("priority", demand.priority, w.priority, `priority ${demand.priority}`)
  ]
}

/**
 * A pair's score (Σ points of its terms), or `undefined` when not allowed: categories
 * not compatible, skills covered below `policy.minimumSkills`, or a score ≤ 0.
 *
 * @since 0.3.0
 * @category rules
 */
export const pairScore = (policy: Policy, demand: Demand, supply: Supply): number | undefined => {
  const ts = terms(policy, demand, supply)
  if (ts === undefined || ts[1]!.value < (policy.minimumSkills ?? 0)) return undefined
  const score = ts.reduce((sum, t) => sum + t.points, 0)
  return score > 0 ? score : undefined
}

// ---------------------------------------------------------------------------------
// Indexing and candidate search
// ---------------------------------------------------------------------------------

interface Indexed {
  readonly problem: Problem
  /** Demands and supplies in id order. */
  readonly demands: ReadonlyArray<Demand>
  readonly supplies: ReadonlyArray<Supply>
  readonly demandCategory: Int32Array
  readonly supplyCategory: Int32Array
  readonly demandSkills: ReadonlyArray<Int32Array>
  readonly supplySkills: ReadonlyArray<Int32Array>
  /** For each demand category, [supply category, credit] pairs, best credit first. */
  readonly served: ReadonlyArray<ReadonlyArray<readonly [number, number]>>
  /** For each supply category, its supplies sorted by (grid code, id), and their codes. */
  readonly byCategory: ReadonlyArray<Bucket>
  /** Skills as bit masks when there are at most 30 distinct skills (else undefined). */
  readonly demandMask: Int32Array | undefined
}

interface Bucket {
  readonly codes: ReadonlyArray<string>
  readonly order: Int32Array
  /** Per position in `order`: the supply's grid depth (levels below the root) and skill mask. */
  readonly depth: Int32Array
  readonly mask: Int32Array
}

const index = (problem: Problem): Indexed => {
  const byId = <A extends { readonly id: string }>(xs: ReadonlyArray<A>) =>
    [...xs].sort((a, b) => compareStrings(a.id, b.id))
  const demands = byId(problem.demands)
  const supplies = byId(problem.supplies)
  const categories = new Map<string, number>()
  const category = (name: string): number => {
    let c = categories.get(name)
    if (c === undefined) categories.set(name, c = categories.size)
    return c
  }
  // Categories numbered in name order, so every derived order is independent of input order.
  const names = [
    ...new Set([
      ...demands.map((d) => d.category),
      ...supplies.map((s) => s.category),
      ...problem.policy.compatible.flatMap((c) => [c.demand, c.supply])
    ])
  ].sort(compareStrings)
  for (const name of names) category(name)
  const skills = new Map<string, number>()
  const skillSet = (xs: ReadonlyArray<string>): Int32Array => {
    const ids = new Set<number>()
    for (const x of xs) {
      let k = skills.get(x)
      if (k === undefined) skills.set(x, k = skills.size)
      ids.add(k)
    }
    return Int32Array.from([...ids].sort((a, b) => a - b))
  }
  const served: Array<Array<readonly [number, number]>> = names.map((_, c) => [[c, 100] as const])
  for (const c of problem.policy.compatible) served[category(c.demand)]!.push([category(c.supply), c.credit])
  for (const list of served) list.sort((a, b) => b[1] - a[1] || a[0] - b[0])
  const supplyCategory = Int32Array.from(supplies, (s) => category(s.category))
  const byCategory = names.map((_, c) => {
    const members: Array<number> = []
    for (let i = 0; i < supplies.length; i++) if (supplyCategory[i] === c) members.push(i)
    members.sort((a, b) => compareStrings(supplies[a]!.grid, supplies[b]!.grid) || a - b)
    return { codes: members.map((i) => supplies[i]!.grid), order: Int32Array.from(members) }
  })
  const demandSkills = demands.map((d) => skillSet(d.skills))
  const supplySkills = supplies.map((s) => skillSet(s.skills))
  const small = skills.size <= 30
  const maskOf = (set: Int32Array) => set.reduce((m, k) => m | (1 << k), 0)
  const buckets = byCategory.map(({ codes, order }) => ({
    codes,
    order,
    depth: Int32Array.from(order, (s) => (supplies[s]!.grid.length - 6) / 3),
    mask: Int32Array.from(order, (s) => (small ? maskOf(supplySkills[s]!) : 0))
  }))
  return {
    problem,
    demands,
    supplies,
    demandCategory: Int32Array.from(demands, (d) => category(d.category)),
    supplyCategory,
    demandSkills,
    supplySkills,
    served,
    byCategory: buckets,
    demandMask: small ? Int32Array.from(demandSkills, maskOf) : undefined
  }
}

const intersection = (a: Int32Array, b: Int32Array): number => {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      n++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return n
}

/** The score of demand d at supply s given the credit of their categories; ≤ 0 when not allowed. */
const scoreOf = (ix: Indexed, d: number, s: number, credit: number): number => {
  const p = ix.problem.policy
  const w = p.weights
  const ds = ix.demandSkills[d]!
  const ss = ix.supplySkills[s]!
  const required = p.skillsRequiredBy === "demand" ? ds : ss
  const covered = coverage(intersection(ds, ss), required.length)
  if (covered < (p.minimumSkills ?? 0)) return 0
  const demand = ix.demands[d]!
  return w.category * credit + w.skills * covered +
    w.distance * proximity(gridSteps(demand.grid, ix.supplies[s]!.grid), p.stepPercent) +
    w.priority * demand.priority
}

const popcount = (x: number): number => {
  x = x - ((x >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/** First index in sorted `codes` not below `key`. */
const lowerBound = (codes: ReadonlyArray<string>, key: string): number => {
  let lo = 0
  let hi = codes.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (codes[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** [lo, hi) of the codes under `prefix` (digits only, so ":" sorts after every code under it). */
const subtree = (codes: ReadonlyArray<string>, prefix: string): readonly [number, number] =>
  prefix === "" ? [0, codes.length] : [lowerBound(codes, prefix), lowerBound(codes, prefix + ":")]

/**
 * Visits the allowed supplies of demand `d` in rings of the grid tree (its own
 * subtree, then each ancestor's subtree less the one before, then everything else),
 * ring and category by descending best possible score, while `more(bound)` says the
 * ring can still hold something wanted. `visit(s, score)` sees each allowed supply.
 * Returns whether it stopped before seeing every allowed supply.
 */
const scan = (
  ix: Indexed,
  d: number,
  more: (bound: number) => boolean,
  visit: (s: number, score: number) => void
): boolean => {
  const p = ix.problem.policy
  const w = p.weights
  const demand = ix.demands[d]!
  const levels = (demand.grid.length - 6) / 3
  const rest = w.skills * 100 + w.priority * demand.priority
  const rings: Array<{ c: number; credit: number; k: number; bound: number }> = []
  for (const [c, credit] of ix.served[ix.demandCategory[d]!]!) {
    if (ix.byCategory[c]!.order.length === 0) continue
    for (let k = 0; k <= levels + 1; k++) {
      const prox = k > levels ? 0 : proximity(k, p.stepPercent)
      rings.push({ c, credit, k, bound: w.category * credit + w.distance * prox + rest })
    }
  }
  rings.sort((a, b) => b.bound - a.bound || a.k - b.k || a.c - b.c)
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r]!
    if (ring.bound <= 0) return false
    if (!more(ring.bound)) {
      // Stopped early: did an unseen ring hold an allowed supply? Only if some score could be positive.
      for (let q = r; q < rings.length; q++) if (rings[q]!.bound > 0 && ringSize(ix, demand, rings[q]!) > 0) return true
      return false
    }
    const { codes, depth, mask, order } = ix.byCategory[ring.c]!
    const [lo, hi] = subtree(codes, ring.k > levels ? "" : demand.grid.slice(0, demand.grid.length - 3 * ring.k))
    const [ilo, ihi] = ring.k === 0 ? [hi, hi] : subtree(codes, ring.k - 1 > levels ? "" : demand.grid.slice(0, demand.grid.length - 3 * (ring.k - 1)))
    if (ix.demandMask === undefined) {
      for (let i = lo; i < hi; i++) {
        if (i === ilo) i = ihi
        if (i >= hi) break
        const s = order[i]!
        const score = scoreOf(ix, d, s, ring.credit)
        if (score > 0) visit(s, score)
      }
      continue
    }
    // Fast path: within a ring, steps = k + (supply depth − ancestor depth); skills by bit count.
    const dm = ix.demandMask[d]!
    const byDemand = p.skillsRequiredBy === "demand"
    const need = popcount(dm)
    const minimumSkills = p.minimumSkills ?? 0
    const fixed = w.category * ring.credit + w.priority * demand.priority
    const ancestor = levels - ring.k
    for (let i = lo; i < hi; i++) {
      if (i === ilo) i = ihi
      if (i >= hi) break
      const sm = mask[i]!
      const required = byDemand ? need : popcount(sm)
      const prox = ring.k > levels ? 0 : proximity(ring.k + depth[i]! - ancestor, p.stepPercent)
      const covered = coverage(popcount(dm & sm), required)
      const score = fixed + w.skills * covered + w.distance * prox
      if (score > 0 && covered >= minimumSkills) visit(order[i]!, score)
    }
  }
  return false
}

const ringSize = (ix: Indexed, demand: Demand, ring: { readonly c: number; readonly k: number }): number => {
  const levels = (demand.grid.length - 6) / 3
  const { codes } = ix.byCategory[ring.c]!
  const [lo, hi] = subtree(codes, ring.k > levels ? "" : demand.grid.slice(0, demand.grid.length - 3 * ring.k))
  if (ring.k === 0) return hi - lo
  const [ilo, ihi] = subtree(codes, demand.grid.slice(0, demand.grid.length - 3 * (ring.k - 1)))
  return hi - lo - (ihi - ilo)
}

/** Candidate pairs in CSR form: for demand d, edges start[d] … start[d+1], best first. */
interface Candidates {
  readonly start: Int32Array
  readonly supply: Int32Array
  readonly score: Float64Array
  readonly truncated: boolean
}

const candidates = (ix: Indexed): Candidates => {
  const k = ix.problem.policy.candidates
  const start = new Int32Array(ix.demands.length + 1)
  const supply: Array<number> = []
  const score: Array<number> = []
  let truncated = false
  // The kept set: a min-heap on (score, then larger index is worse) of at most k.
  const hs = new Int32Array(k)
  const hv = new Float64Array(k)
  const worse = (i: number, j: number) => hv[i]! < hv[j]! || (hv[i] === hv[j] && hs[i]! > hs[j]!)
  const swap = (i: number, j: number) => {
    const s = hs[i]!
    hs[i] = hs[j]!
    hs[j] = s
    const v = hv[i]!
    hv[i] = hv[j]!
    hv[j] = v
  }
  for (let d = 0; d < ix.demands.length; d++) {
    let n = 0
    let evicted = false
    const cut = scan(ix, d, (bound) => n < k || bound >= hv[0]!, (s, v) => {
      if (n === k) {
        if (v < hv[0]! || (v === hv[0] && s > hs[0]!)) {
          evicted = true
          return
        }
        evicted = true
        hs[0] = s
        hv[0] = v
        for (let i = 0;;) {
          const l = 2 * i + 1
          const r = l + 1
          let m = i
          if (l < n && worse(l, m)) m = l
          if (r < n && worse(r, m)) m = r
          if (m === i) break
          swap(i, m)
          i = m
        }
        return
      }
      hs[n] = s
      hv[n] = v
      for (let i = n++; i > 0;) {
        const parent = (i - 1) >> 1
        if (!worse(i, parent)) break
        swap(i, parent)
        i = parent
      }
    })
    truncated ||= cut || evicted
    const kept = Array.from({ length: n }, (_, i) => i).sort((a, b) => hv[b]! - hv[a]! || hs[a]! - hs[b]!)
    for (const i of kept) {
      supply.push(hs[i]!)
      score.push(hv[i]!)
    }
    start[d + 1] = supply.length
  }
  return { start, supply: Int32Array.from(supply), score: Float64Array.from(score), truncated }
}

// ---------------------------------------------------------------------------------
// Solver: successive shortest paths, one demand at a time
// ---------------------------------------------------------------------------------

interface Flow {
  /** Units on each candidate edge. */
  readonly flow: Int32Array
  readonly used: Int32Array
  /** Potentials: demands 0…D-1, supplies D…D+S-1, "unserved" D+S (always 0). */
  readonly potential: Float64Array
}

/** A binary heap of (key, node) with lazy deletion. */
class Heap {
  keys = new Float64Array(1024)
  nodes = new Int32Array(1024)
  size = 0
  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      this.keys = keys
      const nodes = new Int32Array(this.size * 2)
      nodes.set(this.nodes)
      this.nodes = nodes
    }
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pk = this.keys[parent]!
      if (pk < key || (pk === key && this.nodes[parent]! <= node)) break
      this.keys[i] = pk
      this.nodes[i] = this.nodes[parent]!
      i = parent
    }
    this.keys[i] = key
    this.nodes[i] = node
  }
  /** Removes the least entry into `top`. */
  pop(): void {
    this.topKey = this.keys[0]!
    this.topNode = this.nodes[0]!
    const key = this.keys[--this.size]!
    const node = this.nodes[this.size]!
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= this.size) break
      const r = l + 1
      let m = l
      if (r < this.size && (this.keys[r]! < this.keys[l]! || (this.keys[r] === this.keys[l] && this.nodes[r]! < this.nodes[l]!))) m = r
      if (this.keys[m]! > key || (this.keys[m] === key && this.nodes[m]! > node)) break
      this.keys[i] = this.keys[m]!
      this.nodes[i] = this.nodes[m]!
      i = m
    }
    this.keys[i] = key
    this.nodes[i] = node
  }
  topKey = 0
  topNode = 0
}

const solveFlow = (ix: Indexed, cand: Candidates): Flow => {
  const D = ix.demands.length
  const S = ix.supplies.length
  const U = D + S
  const N = U + 1
  const capacity = Int32Array.from(ix.supplies, (s) => s.capacity)
  const flow = new Int32Array(cand.supply.length)
  const used = new Int32Array(S)
  const potential = new Float64Array(N)
  const edgeDemand = new Int32Array(cand.supply.length)
  for (let d = 0; d < D; d++) for (let e = cand.start[d]!; e < cand.start[d + 1]!; e++) edgeDemand[e] = d
  /** Edges with flow into each supply (reverse edges of the residual graph). */
  const holders: Array<Array<number>> = Array.from({ length: S }, () => [])
  const dist = new Float64Array(N)
  const seen = new Int32Array(N) // search stamp when dist was set
  const done = new Int32Array(N) // search stamp when finalized
  const pred = new Int32Array(N) // edge into the node; for U: the demand before it
  const finalized: Array<number> = []
  const heap = new Heap()
  let stamp = 0
  // Heap keys order terminals (free supplies, unserved) before other nodes at equal distance.
  const terminal = (v: number) => v === U || (v >= D && used[v - D]! < capacity[v - D]!)
  const key = (dv: number, v: number) => 2 * dv + (terminal(v) ? 0 : 1)

  // Demands in order of their best score (then id): later ones rarely displace earlier ones.
  const order = Array.from({ length: D }, (_, d) => d).sort((a, b) => {
    const ba = cand.start[a + 1]! > cand.start[a]! ? cand.score[cand.start[a]!]! : 0
    const bb = cand.start[b + 1]! > cand.start[b]! ? cand.score[cand.start[b]!]! : 0
    return bb - ba || a - b
  })
  for (const d0 of order) {
    let remaining = ix.demands[d0]!.quantity
    const from = cand.start[d0]!
    const to = cand.start[d0 + 1]!
    if (from === to) continue // nothing allowed: all unserved
    let top = 0
    for (let e = from; e < to; e++) top = Math.max(top, cand.score[e]! + potential[D + cand.supply[e]!]!)
    potential[d0] = top
    // Each augmentation places at least one unit: at most `quantity` rounds.
    while (remaining > 0) {
      stamp++
      finalized.length = 0
      heap.size = 0
      dist[d0] = 0
      seen[d0] = stamp
      heap.push(key(0, d0), d0)
      let t = -1
      while (heap.size > 0) {
        heap.pop()
        const u = heap.topNode
        if (done[u] === stamp) continue
        const du = dist[u]!
        if (heap.topKey !== key(du, u)) continue
        done[u] = stamp
        finalized.push(u)
        if (terminal(u)) {
          t = u
          break
        }
        const pu = potential[u]!
        if (u < D) {
          for (let e = cand.start[u]!; e < cand.start[u + 1]!; e++) {
            const v = D + cand.supply[e]!
            if (done[v] === stamp) continue
            const nd = du + pu - cand.score[e]! - potential[v]!
            if (seen[v] !== stamp || nd < dist[v]!) {
              seen[v] = stamp
              dist[v] = nd
              pred[v] = e
              heap.push(key(nd, v), v)
            }
          }
          if (done[U] !== stamp) {
            const nd = du + pu // - potential[U] (0)
            if (seen[U] !== stamp || nd < dist[U]!) {
              seen[U] = stamp
              dist[U] = nd
              pred[U] = u
              heap.push(key(nd, U), U)
            }
          }
        } else {
          for (const e of holders[u - D]!) {
            const v = edgeDemand[e]!
            if (done[v] === stamp) continue
            const nd = du + pu + cand.score[e]! - potential[v]!
            if (seen[v] !== stamp || nd < dist[v]!) {
              seen[v] = stamp
              dist[v] = nd
              pred[v] = e
              heap.push(key(nd, v), v)
            }
          }
        }
      }
      // U is always reachable from d0, so t ≥ 0.
      const D0 = dist[t]!
      // Bottleneck along the path.
      let delta = remaining
      if (t !== U) delta = Math.min(delta, capacity[t - D]! - used[t - D]!)
      let v = t === U ? pred[U]! : t
      while (v !== d0) {
        const e = pred[v]!
        if (v < D) {
          delta = Math.min(delta, flow[e]!) // reverse edge: s → v
          v = D + cand.supply[e]!
        } else v = edgeDemand[e]!
      }
      // Push.
      if (t !== U) used[t - D]! += delta
      v = t === U ? pred[U]! : t
      while (v !== d0) {
        const e = pred[v]!
        if (v < D) {
          flow[e]! -= delta
          if (flow[e] === 0) {
            const list = holders[cand.supply[e]!]!
            list.splice(list.indexOf(e), 1)
          }
          v = D + cand.supply[e]!
        } else {
          if (flow[e] === 0) holders[v - D]!.push(e)
          flow[e]! += delta
          v = edgeDemand[e]!
        }
      }
      remaining -= delta
      for (const f of finalized) potential[f]! += dist[f]! - D0
    }
  }
  return { flow, used, potential }
}

// ---------------------------------------------------------------------------------
// Pricing: pairs left out that the solution's duals say would pay
// ---------------------------------------------------------------------------------

/**
 * For each demand d, the supplies s outside its candidates with score − price(s) > u(d)
 * (a violated dual constraint: adding the pair could raise the total), at most `k` a
 * demand, best first; `undefined` when there are none, which proves the solution
 * optimal for the whole problem (LP duality; the transportation LP is integral).
 */
const violations = (
  ix: Indexed,
  potential: Float64Array,
  k: number
): ReadonlyArray<ReadonlyArray<readonly [number, number]>> | undefined => {
  const D = ix.demands.length
  let any = false
  const out: Array<Array<readonly [number, number]>> = []
  for (let d = 0; d < D; d++) {
    const u = potential[d]!
    const found: Array<readonly [number, number, number]> = []
    // Prices are ≥ 0, so a ring's bound on the score bounds score − price too.
    scan(ix, d, (bound) => bound > u, (s, score) => {
      const reduced = score + potential[D + s]! - u
      if (reduced > 0) found.push([s, score, reduced])
    })
    found.sort((a, b) => b[2] - a[2] || a[0] - b[0])
    if (found.length > k) found.length = k
    if (found.length > 0) any = true
    out.push(found.map(([s, score]) => [s, score] as const))
  }
  return any ? out : undefined
}

const merge = (cand: Candidates, more: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): Candidates => {
  const start = new Int32Array(cand.start.length)
  const supply: Array<number> = []
  const score: Array<number> = []
  for (let d = 0; d + 1 < cand.start.length; d++) {
    const edges: Array<readonly [number, number]> = [...more[d]!]
    for (let e = cand.start[d]!; e < cand.start[d + 1]!; e++) edges.push([cand.supply[e]!, cand.score[e]!])
    edges.sort((a, b) => b[1] - a[1] || a[0] - b[0])
    for (const [s, v] of edges) {
      supply.push(s)
      score.push(v)
    }
    start[d + 1] = supply.length
  }
  return { start, supply: Int32Array.from(supply), score: Float64Array.from(score), truncated: cand.truncated }
}

// ---------------------------------------------------------------------------------
// Solution and explanations
// ---------------------------------------------------------------------------------

const EXPLAIN = 3

/**
 * Solves a decoded `Problem` (see the module doc for the score and the guarantee).
 * Pure and deterministic: the same demands, supplies and policy in any order give the
 * same solution.
 *
 * @since 0.3.0
 * @category solving
 */
export const solve = (problem: Problem): Solution => {
  const ix = index(problem)
  let cand = candidates(ix)
  let solved = solveFlow(ix, cand)
  let exact = !cand.truncated
  for (let round = 0; !exact && round < problem.policy.rounds; round++) {
    const more = violations(ix, solved.potential, problem.policy.candidates)
    if (more === undefined) exact = true
    else {
      cand = merge(cand, more)
      solved = solveFlow(ix, cand)
    }
  }
  if (!exact) exact = violations(ix, solved.potential, 1) === undefined
  const { flow, potential, used } = solved
  const D = ix.demands.length
  const price = (s: number) => Math.max(0, -potential[D + s]!)
  const occupants: Array<Array<Occupant>> = Array.from({ length: ix.supplies.length }, () => [])
  for (let d = 0; d < D; d++) {
    for (let e = cand.start[d]!; e < cand.start[d + 1]!; e++) {
      if (flow[e]! > 0) {
        occupants[cand.supply[e]!]!.push({ demandId: ix.demands[d]!.id, units: flow[e]!, score: cand.score[e]! })
      }
    }
  }
  for (const list of occupants) list.sort((a, b) => b.score - a.score || compareStrings(a.demandId, b.demandId))
  const passed = (d: number, below: number, base: number): ReadonlyArray<PassedOver> => {
    const out: Array<PassedOver> = []
    for (let e = cand.start[d]!; e < cand.start[d + 1]! && out.length < EXPLAIN; e++) {
      const score = cand.score[e]!
      if (score <= below) break
      const s = cand.supply[e]!
      const supply = ix.supplies[s]!
      // Its own units are no reason for not getting more of a supply: the others are.
      const occ = occupants[s]!.filter((o) => o.demandId !== ix.demands[d]!.id)
      const shown = occ.slice(0, EXPLAIN)
      const gain = score - below
      const p = price(s)
      const free = used[s]! < supply.capacity
      const list = (sep: string, at: (o: Occupant) => string) =>
        shown.map(at).join(sep) + (occ.length > shown.length ? `${sep}… (+${occ.length - shown.length})` : "")
      out.push({
        supplyId: supply.id,
        score,
        gain,
        price: p,
        occupants: shown,
        others: occ.length - shown.length,
        reason: free
          ? { zh: `${supply.id} 尚有余量`, en: `${supply.id} still has room` } // never in an optimal solution
          : occ.length === 0
          ? {
            zh: `${supply.id} 已满：全部 ${supply.capacity} 单位已给本需求`,
            en: `${supply.id} is full: all ${supply.capacity} unit(s) already go to this demand`
          }
          : {
            zh: `${supply.id} 已满（每单位影子价 ${p - base}）：${
              list("、", (o) => `${o.demandId} ${o.units} 单位（每单位 ${o.score} 分）`)
            }；改给本需求每单位多 ${gain} 分，不超过腾出一单位的代价`,
            en: `${supply.id} is full (shadow price ${p - base} a unit): ${
              list(", ", (o) => `${o.demandId} ${o.units} unit(s) at ${o.score}`)
            }; a unit here gains ${gain}, no more than freeing one costs`
          }
      })
    }
    return out
  }
  const assignments: Array<Assignment> = []
  const unassigned: Array<Unassigned> = []
  let total = 0
  for (let d = 0; d < D; d++) {
    const demand = ix.demands[d]!
    let placed = 0
    for (let e = cand.start[d]!; e < cand.start[d + 1]!; e++) {
      const units = flow[e]!
      if (units === 0) continue
      const s = cand.supply[e]!
      const supply = ix.supplies[s]!
      const score = cand.score[e]!
      placed += units
      total += units * score
      assignments.push({
        demandId: demand.id,
        supplyId: supply.id,
        units,
        score,
        terms: terms(problem.policy, demand, supply)!,
        passedOver: passed(d, score, price(s))
      })
    }
    const left = demand.quantity - placed
    if (left > 0) {
      const none = cand.start[d + 1] === cand.start[d]
      unassigned.push({
        demandId: demand.id,
        units: left,
        cause: none ? "none" : "full",
        passedOver: passed(d, 0, 0),
        reason: none
          ? { zh: `${left} 单位无可匹配的供给（类别不符或得分不为正）`, en: `${left} unit(s): no allowed supply (category or score)` }
          : {
            zh: `${left} 单位未匹配：候选供给均已满，给予它们的需求得分更高`,
            en: `${left} unit(s) unmatched: every candidate is full, used where it scores more`
          }
      })
    }
  }
  return {
    assignments,
    unassigned,
    usage: ix.supplies.map((s, i) => ({ supplyId: s.id, used: used[i]!, capacity: s.capacity, price: price(i) })),
    total,
    candidatePairs: cand.supply.length,
    exact
  }
}

/**
 * Upper bounds on the optimum of the whole problem (every allowed pair, not only the
 * candidates), to measure a solution against:
 *
 * - `relaxed`: each demand's units all at its best allowed score (capacities ignored);
 * - `dual`: the LP dual Σ quantity × u + Σ capacity × price, with the solution's
 *   supply prices and u = max(0, best score − price) over every allowed supply. When
 *   `solution.exact`, `dual` equals `total`.
 *
 * Both scan allowed pairs ring by ring and stop where no better one can remain.
 *
 * @since 0.3.0
 * @category solving
 */
export const upperBound = (problem: Problem, solution: Solution): { readonly relaxed: number; readonly dual: number } => {
  const ix = index(problem)
  const priceById = new Map(solution.usage.map((u) => [u.supplyId, u.price]))
  const price = Float64Array.from(ix.supplies, (s) => priceById.get(s.id) ?? 0)
  let relaxed = 0
  let dual = 0
  for (let s = 0; s < ix.supplies.length; s++) dual += ix.supplies[s]!.capacity * price[s]!
  for (let d = 0; d < ix.demands.length; d++) {
    let best = 0
    let u = 0
    // Prices are ≥ 0, so a ring's bound on the score also bounds score − price.
    scan(ix, d, (bound) => bound > best || bound > u, (s, score) => {
      if (score > best) best = score
      if (score - price[s]! > u) u = score - price[s]!
    })
    const q = ix.demands[d]!.quantity
    relaxed += q * best
    dual += q * u
  }
  return { relaxed, dual }
}
