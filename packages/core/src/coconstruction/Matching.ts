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
 * (min-cost flow, one demand at a time, Dijkstra on reduced costs). Candidates start
 * as each demand's `policy.candidates` best allowed supplies (by score, then supply
 * id); during the solve, a demand whose left-out pairs might pay at the current prices
 * is priced: its best left-out pairs by score less price are added (at most
 * `policy.rounds` times a demand). Unless a demand needed more than that, the duals
 * then hold for every allowed pair and the result is the exact optimum of the whole
 * problem (`exact`). `upperBound` certifies any result against the whole problem with
 * an LP dual built from the solver's supply prices. See docs/matching.md.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { solveFlow } from "../internal/matching/Flow.js"
import { index, sharedSkills } from "../internal/matching/Index.js"
import { Scanner } from "../internal/matching/Scan.js"

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
/**
 * Bounds that keep every score and total an exact integer: a pair scores at most
 * 10,000 × (300 + 10,000) a unit, about 10⁸, and a demand or supply has at most 10⁶
 * units, so Σ units × score stays below 2⁵³ for any realistic problem.
 */
const Units = Schema.Int.pipe(Schema.between(1, 1_000_000))
const Weight = Schema.Int.pipe(Schema.between(0, 10_000))

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
  priority: Schema.Int.pipe(Schema.between(0, 10_000))
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
   * Pricing at most this many times a demand: during the solve, when the duals say a
   * demand's pairs outside its candidates might pay, its best such pairs by score less
   * the supply's price are added (K the first time, twice as many each time after).
   * 0 solves on the K candidates alone.
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
  /** The duals hold for every allowed pair, candidate or not: `total` is the optimum. */
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
  // Distinct required skills, and how many of them are offered (sets only for long lists).
  let need = 0
  let covered = 0
  if (required.length + offered.length <= 32) {
    for (let i = 0; i < required.length; i++) {
      const skill = required[i]!
      if (required.indexOf(skill) !== i) continue
      need++
      if (offered.includes(skill)) covered++
    }
  } else {
    const have = new Set(offered)
    for (const skill of new Set(required)) {
      need++
      if (have.has(skill)) covered++
    }
  }
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
    term("skills", coverage(covered, need), w.skills, `${covered}/${need} skills`),
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
  const cand = solveFlow(ix)
  const { exact, flow, potential, used } = cand
  const D = ix.demands.length
  const price = (s: number) => Math.max(0, -potential[D + s]!)
  // Each supply's users (edges with flow), best score first, then demand (index = id order).
  const S = ix.supplies.length
  const userStart = new Int32Array(S + 1)
  for (let e = 0; e < flow.length; e++) if (flow[e]! > 0) userStart[cand.supply[e]! + 1]!++
  for (let s = 0; s < S; s++) userStart[s + 1]! += userStart[s]!
  const users = new Int32Array(userStart[S]!)
  const userDemand = new Int32Array(users.length)
  const fill = userStart.slice(0, S)
  for (let d = 0; d < D; d++) {
    for (let e = cand.start[d]!; e < cand.start[d + 1]!; e++) {
      if (flow[e]! > 0) {
        const at = fill[cand.supply[e]!]!++
        users[at] = e
        userDemand[at] = d
      }
    }
  }
  for (let s = 0; s < S; s++) {
    // Insertion sort: a supply has few users.
    for (let i = userStart[s]! + 1; i < userStart[s + 1]!; i++) {
      const e = users[i]!
      const d = userDemand[i]!
      let j = i
      while (j > userStart[s]! && cand.score[users[j - 1]!]! < cand.score[e]!) {
        users[j] = users[j - 1]!
        userDemand[j] = userDemand[j - 1]!
        j--
      }
      users[j] = e
      userDemand[j] = d
    }
  }
  const occupant = new Map<number, Occupant>()
  const occupantAt = (i: number): Occupant => {
    let o = occupant.get(i)
    if (o === undefined) {
      const e = users[i]!
      occupant.set(i, o = { demandId: ix.demands[userDemand[i]!]!.id, units: flow[e]!, score: cand.score[e]! })
    }
    return o
  }
  const passed = (d: number, below: number, base: number): ReadonlyArray<PassedOver> => {
    const out: Array<PassedOver> = []
    for (let e = cand.start[d]!; e < cand.start[d + 1]! && out.length < EXPLAIN; e++) {
      const score = cand.score[e]!
      if (score <= below) break
      const s = cand.supply[e]!
      const supply = ix.supplies[s]!
      // Its own units are no reason for not getting more of a supply: the others are.
      const shown: Array<Occupant> = []
      let others = 0
      for (let i = userStart[s]!; i < userStart[s + 1]!; i++) {
        if (userDemand[i] === d) continue
        if (shown.length < EXPLAIN) shown.push(occupantAt(i))
        else others++
      }
      const gain = score - below
      const p = price(s)
      const free = used[s]! < supply.capacity
      const list = (sep: string, at: (o: Occupant) => string) => {
        let text = ""
        for (let i = 0; i < shown.length; i++) text += (i > 0 ? sep : "") + at(shown[i]!)
        return others > 0 ? `${text}${sep}… (+${others})` : text
      }
      out.push({
        supplyId: supply.id,
        score,
        gain,
        price: p,
        occupants: shown,
        others,
        reason: free
          ? { zh: `${supply.id} 尚有余量`, en: `${supply.id} still has room` } // never in an optimal solution
          : shown.length === 0
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
  // Assignments with the same terms share one (readonly) array, as occupants are shared:
  // far fewer objects outlive the solve. Terms depend on the categories, the skills
  // covered of those required, the steps and the priority.
  const sharedTerms = new Map<string, ReadonlyArray<Term>>()
  const byDemand = problem.policy.skillsRequiredBy === "demand"
  const termsOf = (d: number, s: number): ReadonlyArray<Term> => {
    const demand = ix.demands[d]!
    const supply = ix.supplies[s]!
    const required = byDemand
      ? ix.demandSkillStart[d + 1]! - ix.demandSkillStart[d]!
      : ix.supplySkillStart[s + 1]! - ix.supplySkillStart[s]!
    const key = `${ix.demandCategory[d]},${ix.supplyCategory[s]},${sharedSkills(ix, d, s)},${required},${
      gridSteps(demand.grid, supply.grid) ?? -1
    },${demand.priority}`
    let ts = sharedTerms.get(key)
    if (ts === undefined) sharedTerms.set(key, ts = terms(problem.policy, demand, supply)!)
    return ts
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
        terms: termsOf(d, s),
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
  const scanner = new Scanner(ix)
  const priceById = new Map(solution.usage.map((u) => [u.supplyId, u.price]))
  const price = Float64Array.from(ix.supplies, (s) => priceById.get(s.id) ?? 0)
  let relaxed = 0
  let dual = 0
  for (let s = 0; s < ix.supplies.length; s++) dual += ix.supplies[s]!.capacity * price[s]!
  let best = 0
  let u = 0
  // Prices are ≥ 0, so a score bound also bounds score − price: scores above u are enough.
  const sink = {
    min: 1,
    take: (s: number, score: number) => {
      if (score > best) best = score
      if (score - price[s]! > u) u = score - price[s]!
      sink.min = Math.floor(Math.min(best, u)) + 1
    }
  }
  for (let d = 0; d < ix.demands.length; d++) {
    best = 0
    u = 0
    sink.min = 1
    scanner.scan(d, sink)
    const q = ix.demands[d]!.quantity
    relaxed += q * best
    dual += q * u
  }
  return { relaxed, dual }
}
