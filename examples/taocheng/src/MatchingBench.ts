/**
 * The matching bench (issue 8 item 8): 一对一 matching of 10,000 needs to 10,000
 * resources in a 桃城区-shaped district — 4 streets × ~25 communities × 2–5
 * compounds; 8 categories of unequal sizes whose needs and resources are spread
 * differently (some categories short of resources, with partial credit from a
 * neighbouring category); quantities 1–5, capacities 1–20, required skills from a
 * vocabulary of 12. It times `Matching.solve` (candidates, the min-cost flow with its
 * pricing, explanations) and measures the total against two upper bounds of the whole
 * problem: the capacity-relaxed bound and the LP dual bound (`Matching.upperBound`).
 *
 * `run` prints nothing; the caller prints its figures. Deterministic for a seed.
 *
 * @since 0.3.0
 */
import { Matching } from "@jiceng/core"

/**
 * @since 0.3.0
 * @category models
 */
export interface Options {
  readonly seed?: number
  readonly demands?: number
  readonly supplies?: number
  /** Candidates a demand (`Policy.candidates`). */
  readonly candidates?: number
  /** Times a demand may be priced during the solve (`Policy.rounds`). */
  readonly rounds?: number
  /** Timed solves; the figures are the median's. */
  readonly runs?: number
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Figures {
  readonly demands: number
  readonly supplies: number
  readonly demandUnits: number
  readonly capacityUnits: number
  readonly candidatePairs: number
  /** Milliseconds of each timed solve, in run order. */
  readonly millis: ReadonlyArray<number>
  readonly medianMillis: number
  readonly total: number
  readonly assignedUnits: number
  /** Σ quantity × best allowed score, capacities ignored. */
  readonly relaxedBound: number
  /** The LP dual bound from the solution's prices. */
  readonly dualBound: number
  /** total / dualBound. */
  readonly ratio: number
  /** The solution is proven optimal for the whole problem. */
  readonly exact: boolean
}

/** xorshift32: a small seeded generator. */
const generator = (seed: number) => {
  let x = (seed | 0) || 0x9e3779b9
  const next = (): number => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 0x1_0000_0000
  }
  return {
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <A>(xs: ReadonlyArray<A>, weights: ReadonlyArray<number>): A => {
      const sum = weights.reduce((a, b) => a + b, 0)
      let r = next() * sum
      for (let i = 0; i < xs.length; i++) {
        r -= weights[i]!
        if (r < 0) return xs[i]!
      }
      return xs[xs.length - 1]!
    },
    chance: (p: number): boolean => next() < p
  }
}

const categories = ["助老", "助残", "助学", "医疗", "文体", "环境", "法律", "就业"] as const
/** Needs lean to elderly care, disability and study help; resources to culture and environment. */
const demandWeights = [30, 12, 18, 14, 8, 6, 7, 5]
const supplyWeights = [14, 6, 16, 12, 22, 16, 8, 6]
const vocabulary = ["陪护", "理发", "维修", "辅导", "急救", "护理", "康复", "法律咨询", "心理", "文艺", "保洁", "驾驶"]
/** Skills a category usually needs: most of a demand's required skills come from here. */
const typical: ReadonlyArray<ReadonlyArray<number>> = [
  [0, 1, 5, 2],
  [0, 6, 5, 11],
  [3, 8, 9],
  [4, 5, 6],
  [9, 3],
  [10, 2, 11],
  [7, 8],
  [3, 7, 11]
]

/**
 * The policy of the bench: the default weights, partial credit between related
 * categories.
 *
 * @since 0.3.0
 * @category constructors
 */
export const policy = (candidates: number, rounds: number): Matching.Policy => ({
  ...Matching.defaultPolicy,
  compatible: [
    { demand: "助老", supply: "医疗", credit: 60 },
    { demand: "助老", supply: "助残", credit: 70 },
    { demand: "助残", supply: "助老", credit: 70 },
    { demand: "助残", supply: "医疗", credit: 60 },
    { demand: "助学", supply: "文体", credit: 50 },
    { demand: "就业", supply: "助学", credit: 40 },
    { demand: "就业", supply: "法律", credit: 40 }
  ],
  candidates,
  rounds
})

/**
 * The bench's problem for a seed.
 *
 * @since 0.3.0
 * @category constructors
 */
export const problem = (options: Options = {}): Matching.Problem => {
  const rng = generator(options.seed ?? 20240601)
  const root = "131102"
  const compounds: Array<string> = []
  for (let street = 1; street <= 4; street++) {
    const communities = rng.int(22, 28)
    for (let community = 1; community <= communities; community++) {
      const n = rng.int(2, 5)
      for (let compound = 1; compound <= n; compound++) {
        compounds.push(`${root}${String(street).padStart(3, "0")}${String(community).padStart(3, "0")}${String(compound).padStart(3, "0")}`)
      }
    }
  }
  // Some compounds are busier than others.
  const busy = compounds.map(() => rng.int(1, 4))
  const skillsFor = (category: number, most: number): Array<string> => {
    const out = new Set<string>()
    const n = rng.int(1, most)
    for (let i = 0; i < n; i++) {
      const own = typical[category]!
      out.add(vocabulary[rng.chance(0.8) ? own[rng.int(0, own.length - 1)]! : rng.int(0, vocabulary.length - 1)]!)
    }
    return [...out]
  }
  const index = categories.map((_, i) => i)
  const demands: Array<Matching.Demand> = []
  for (let i = 0; i < (options.demands ?? 10_000); i++) {
    const c = rng.pick(index, demandWeights)
    demands.push({
      id: `N${String(i).padStart(5, "0")}`,
      category: categories[c]!,
      quantity: rng.pick([1, 2, 3, 4, 5], [35, 25, 18, 12, 10]),
      skills: skillsFor(c, 3),
      grid: rng.pick(compounds, busy),
      priority: rng.pick([0, 1, 2, 3], [50, 25, 15, 10])
    })
  }
  const supplies: Array<Matching.Supply> = []
  for (let i = 0; i < (options.supplies ?? 10_000); i++) {
    const c = rng.pick(index, supplyWeights)
    supplies.push({
      id: `R${String(i).padStart(5, "0")}`,
      category: categories[c]!,
      capacity: rng.pick([1, 2, 3, 5, 8, 10, 20], [20, 20, 15, 15, 12, 10, 8]),
      skills: skillsFor(c, 4),
      // A unit's resource sits in a compound, or (a fifth) at its community.
      grid: ((g) => (rng.chance(0.2) ? g.slice(0, 12) : g))(rng.pick(compounds, busy))
    })
  }
  return { demands, supplies, policy: policy(options.candidates ?? 16, options.rounds ?? 6) }
}

/**
 * Generates the problem, solves it `runs` times (default 3), then bounds it.
 *
 * @since 0.3.0
 * @category bench
 */
export const run = (options: Options = {}): Figures => {
  const p = problem(options)
  const millis: Array<number> = []
  let solution: Matching.Solution | undefined
  for (let i = 0; i < Math.max(1, options.runs ?? 3); i++) {
    const t0 = performance.now()
    solution = Matching.solve(p)
    millis.push(performance.now() - t0)
  }
  const sol = solution!
  const bound = Matching.upperBound(p, sol)
  const sorted = [...millis].sort((a, b) => a - b)
  return {
    demands: p.demands.length,
    supplies: p.supplies.length,
    demandUnits: p.demands.reduce((n, d) => n + d.quantity, 0),
    capacityUnits: p.supplies.reduce((n, s) => n + s.capacity, 0),
    candidatePairs: sol.candidatePairs,
    millis,
    medianMillis: sorted[sorted.length >> 1]!,
    total: sol.total,
    assignedUnits: sol.assignments.reduce((n, a) => n + a.units, 0),
    relaxedBound: bound.relaxed,
    dualBound: bound.dual,
    ratio: sol.total / bound.dual,
    exact: sol.exact
  }
}
