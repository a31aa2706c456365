import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import * as Matching from "../../src/coconstruction/Matching.js"
import { index } from "../../src/internal/matching/Index.js"
import { Scanner } from "../../src/internal/matching/Scan.js"

// ---------------------------------------------------------------------------------
// Small random problems
// ---------------------------------------------------------------------------------

const categories = ["养老", "教育", "医疗"] as const
const skills = ["x", "y", "z"] as const
const grids = ["131102", "131102001", "131102002", "131102001001", "131102001002", "131102002001", "131103001"]

const skillList = fc.uniqueArray(fc.constantFrom(...skills), { maxLength: 3 })

const policy = (candidates: fc.Arbitrary<number>): fc.Arbitrary<Matching.Policy> =>
  fc.record({
    weights: fc.record({
      category: fc.integer({ min: 0, max: 5 }),
      skills: fc.integer({ min: 0, max: 5 }),
      distance: fc.integer({ min: 0, max: 5 }),
      priority: fc.integer({ min: 0, max: 50 })
    }),
    compatible: fc.uniqueArray(
      fc.record({
        demand: fc.constantFrom(...categories),
        supply: fc.constantFrom(...categories),
        credit: fc.integer({ min: 1, max: 100 })
      }).filter((c) => c.demand !== c.supply),
      { selector: (c) => `${c.demand}/${c.supply}`, maxLength: 4 }
    ),
    skillsRequiredBy: fc.constantFrom("demand" as const, "supply" as const),
    stepPercent: fc.integer({ min: 0, max: 60 }),
    minimumSkills: fc.constantFrom(0, 0, 50, 100),
    candidates,
    rounds: fc.integer({ min: 0, max: 2 })
  })

const problem = (
  maxSide: number,
  candidates: fc.Arbitrary<number>
): fc.Arbitrary<Matching.Problem> =>
  fc.record({
    demands: fc.array(
      fc.record({
        category: fc.constantFrom(...categories),
        quantity: fc.integer({ min: 1, max: 3 }),
        skills: skillList,
        grid: fc.constantFrom(...grids),
        priority: fc.integer({ min: 0, max: 3 })
      }),
      { minLength: 1, maxLength: maxSide }
    ),
    supplies: fc.array(
      fc.record({
        category: fc.constantFrom(...categories),
        capacity: fc.integer({ min: 1, max: 3 }),
        skills: skillList,
        grid: fc.constantFrom(...grids)
      }),
      { minLength: 1, maxLength: maxSide }
    ),
    policy: policy(candidates)
  }).map(({ demands, policy, supplies }) => ({
    demands: demands.map((d, i) => ({ id: `N${i}`, ...d })),
    supplies: supplies.map((s, i) => ({ id: `R${i}`, ...s })),
    policy
  }))

/**
 * The optimum by exhaustive search, independent of the solver: demand by demand,
 * every way to split its units over the supplies (including leaving some unserved),
 * memoised on the capacities left.
 */
const bruteForce = (p: Matching.Problem): number => {
  const score = p.demands.map((d) => p.supplies.map((s) => Matching.pairScore(p.policy, d, s) ?? 0))
  const memo = new Map<string, number>()
  const best = (i: number, left: ReadonlyArray<number>): number => {
    if (i === p.demands.length) return 0
    const key = `${i}:${left.join(",")}`
    const known = memo.get(key)
    if (known !== undefined) return known
    let result = 0
    const caps = [...left]
    const split = (j: number, units: number, gained: number): void => {
      if (j === caps.length) {
        result = Math.max(result, gained + best(i + 1, caps))
        return
      }
      const most = score[i]![j]! > 0 ? Math.min(units, caps[j]!) : 0
      for (let u = 0; u <= most; u++) {
        caps[j]! -= u
        split(j + 1, units - u, gained + u * score[i]![j]!)
        caps[j]! += u
      }
    }
    split(0, p.demands[i]!.quantity, 0)
    memo.set(key, result)
    return result
  }
  return best(0, p.supplies.map((s) => s.capacity))
}

/** Checks that hold for any solution: feasibility, totals, terms, explanations. */
const checkSolution = (p: Matching.Problem, sol: Matching.Solution): void => {
  const demands = new Map(p.demands.map((d) => [d.id, d]))
  const supplies = new Map(p.supplies.map((s) => [s.id, s]))
  const placed = new Map<string, number>()
  const used = new Map<string, number>()
  let total = 0
  for (const a of sol.assignments) {
    const d = demands.get(a.demandId)!
    const s = supplies.get(a.supplyId)!
    expect(a.units).toBeGreaterThan(0)
    expect(a.score).toBe(Matching.pairScore(p.policy, d, s))
    expect(a.terms.reduce((sum, t) => sum + t.points, 0)).toBe(a.score)
    for (const t of a.terms) expect(t.points).toBe(t.value * t.weight)
    placed.set(d.id, (placed.get(d.id) ?? 0) + a.units)
    used.set(s.id, (used.get(s.id) ?? 0) + a.units)
    total += a.units * a.score
    for (const o of a.passedOver) {
      expect(o.score).toBeGreaterThan(a.score)
      expect(o.gain).toBe(o.score - a.score)
    }
  }
  expect(sol.total).toBe(total)
  for (const d of p.demands) {
    const left = d.quantity - (placed.get(d.id) ?? 0)
    expect(left).toBeGreaterThanOrEqual(0)
    const un = sol.unassigned.find((u) => u.demandId === d.id)
    expect(un?.units ?? 0).toBe(left)
  }
  for (const s of p.supplies) {
    const u = sol.usage.find((x) => x.supplyId === s.id)!
    expect(u.used).toBe(used.get(s.id) ?? 0)
    expect(u.used).toBeLessThanOrEqual(s.capacity)
    if (u.used < s.capacity) expect(u.price).toBe(0)
  }
  // A better supply passed over is always full, and the explanation names its other
  // users, or says that all of it goes to the demand already; never the demand itself.
  const full = new Set(sol.usage.filter((u) => u.used === u.capacity).map((u) => u.supplyId))
  for (const x of [...sol.assignments, ...sol.unassigned]) {
    for (const o of x.passedOver) {
      expect(full.has(o.supplyId)).toBe(true)
      expect(o.occupants.every((occupant) => occupant.demandId !== x.demandId)).toBe(true)
      expect(o.reason.en).toContain("is full")
      if (o.occupants.length === 0) {
        expect(o.reason.en).toContain("already go to this demand")
        const mine = sol.assignments.filter((a) => a.demandId === x.demandId && a.supplyId === o.supplyId)
        expect(mine.reduce((n, a) => n + a.units, 0)).toBe(sol.usage.find((u) => u.supplyId === o.supplyId)!.capacity)
      }
    }
  }
  for (const u of sol.unassigned) {
    const allowed = p.supplies.some((s) => Matching.pairScore(p.policy, demands.get(u.demandId)!, s) !== undefined)
    if (u.cause === "none") expect(allowed).toBe(false)
  }
}

const shuffled = <A>(xs: ReadonlyArray<A>, seed: number): Array<A> => {
  const out = [...xs]
  let x = seed | 1
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    const j = (x >>> 0) % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

// ---------------------------------------------------------------------------------
// A worked example (docs/matching.md)
// ---------------------------------------------------------------------------------

const worked: Matching.Problem = {
  policy: {
    weights: { category: 4, skills: 3, distance: 2, priority: 10 },
    compatible: [{ demand: "助老", supply: "医疗", credit: 50 }],
    skillsRequiredBy: "demand",
    stepPercent: 15,
    candidates: 32,
    rounds: 6
  },
  demands: [
    // 前进社区 (…001001) 幸福小区 (…001001001)
    { id: "N1", category: "助老", quantity: 2, skills: ["陪护", "理发"], grid: "131102001001001", priority: 3 },
    { id: "N2", category: "助老", quantity: 1, skills: ["陪护"], grid: "131102001001002", priority: 0 },
    { id: "N3", category: "教育", quantity: 1, skills: ["辅导"], grid: "131102002001001", priority: 1 }
  ],
  supplies: [
    { id: "R1", category: "助老", capacity: 2, skills: ["陪护", "理发"], grid: "131102001001001" },
    { id: "R2", category: "医疗", capacity: 5, skills: ["陪护"], grid: "131102001002001" }
  ]
}

describe("Matching", () => {
  it("scores a pair term by term", () => {
    expect(Matching.gridSteps("131102001001001", "131102001001001")).toBe(0)
    expect(Matching.gridSteps("131102001001001", "131102001001002")).toBe(2)
    expect(Matching.gridSteps("131102001001001", "131102001002001")).toBe(4)
    expect(Matching.gridSteps("131102001001001", "131102")).toBe(3)
    expect(Matching.gridSteps("131102001", "131103001")).toBeUndefined()
    expect(Matching.coverage(2, 3)).toBe(66)
    expect(Matching.coverage(0, 0)).toBe(100)
    const [n1, n2, n3] = worked.demands as [Matching.Demand, Matching.Demand, Matching.Demand]
    const [r1, r2] = worked.supplies as [Matching.Supply, Matching.Supply]
    // 400 category + 300 skills + 200 proximity + 30 priority
    expect(Matching.pairScore(worked.policy, n1, r1)).toBe(930)
    // 200 (50% credit) + 150 (1 of 2 skills) + 80 (4 steps: 40%) + 30
    expect(Matching.pairScore(worked.policy, n1, r2)).toBe(460)
    expect(Matching.pairScore(worked.policy, n2, r1)).toBe(400 + 300 + 140)
    expect(Matching.pairScore(worked.policy, n3, r1)).toBeUndefined()
  })

  it("explains the worked example", () => {
    const sol = Matching.solve(worked)
    expect(sol.total).toBe(2 * 930 + 1 * (200 + 300 + 80))
    expect(sol.assignments.map((a) => [a.demandId, a.supplyId, a.units, a.score])).toEqual([
      ["N1", "R1", 2, 930],
      ["N2", "R2", 1, 580]
    ])
    const n2 = sol.assignments[1]!
    expect(n2.passedOver).toHaveLength(1)
    expect(n2.passedOver[0]).toMatchObject({
      supplyId: "R1",
      score: 840,
      gain: 260,
      occupants: [{ demandId: "N1", units: 2, score: 930 }]
    })
    expect(sol.unassigned).toEqual([
      expect.objectContaining({ demandId: "N3", units: 1, cause: "none", passedOver: [] })
    ])
    expect(sol.exact).toBe(true)
    checkSolution(worked, sol)
  })

  it("refuses a problem with duplicate ids or a bad grid code", () => {
    const decode = Schema.decodeUnknownEither(Matching.Problem)
    expect(Either.isRight(decode(worked))).toBe(true)
    expect(Either.isLeft(decode({ ...worked, demands: [...worked.demands, worked.demands[0]] }))).toBe(true)
    expect(Either.isLeft(decode({ ...worked, supplies: [{ ...worked.supplies[0]!, grid: "13110200" }] }))).toBe(true)
    const policy = { ...worked.policy, compatible: [{ demand: "助老", supply: "助老", credit: 50 }] }
    expect(Either.isLeft(decode({ ...worked, policy }))).toBe(true)
  })

  it("bounds weights, priorities and units so that every score and total is an exact integer", () => {
    const decode = Schema.decodeUnknownEither(Matching.Problem)
    const weights = { ...worked.policy.weights, category: 2 ** 52 }
    expect(Either.isLeft(decode({ ...worked, policy: { ...worked.policy, weights } }))).toBe(true)
    expect(Either.isLeft(decode({ ...worked, demands: [{ ...worked.demands[0]!, priority: 10_001 }] }))).toBe(true)
    expect(Either.isLeft(decode({ ...worked, supplies: [{ ...worked.supplies[0]!, capacity: 1_000_001 }] }))).toBe(true)
    expect(Either.isRight(decode({ ...worked, policy: { ...worked.policy, weights: { category: 10_000, skills: 10_000, distance: 10_000, priority: 10_000 } } })))
      .toBe(true)
  })

  it.prop(
    "with every allowed supply a candidate, the total is the exact optimum (exhaustive search), certified by the dual",
    [problem(6, fc.constant(64))],
    ([p]) => {
      const sol = Matching.solve(p)
      checkSolution(p, sol)
      expect(sol.exact).toBe(true)
      expect(sol.total).toBe(bruteForce(p))
      const bound = Matching.upperBound(p, sol)
      expect(bound.dual).toBe(sol.total)
      expect(bound.relaxed).toBeGreaterThanOrEqual(sol.total)
    },
    { fastCheck: { numRuns: 300 } }
  )

  it.prop(
    "with few candidates, the total is optimal when nothing was cut, and never above the optimum nor the dual bound",
    [problem(6, fc.integer({ min: 1, max: 3 }))],
    ([p]) => {
      const sol = Matching.solve(p)
      checkSolution(p, sol)
      const optimum = bruteForce(p)
      const bound = Matching.upperBound(p, sol)
      expect(sol.total).toBeLessThanOrEqual(optimum)
      expect(bound.dual).toBeGreaterThanOrEqual(optimum)
      if (sol.exact) expect(sol.total).toBe(optimum)
      if (sol.total === bound.dual) expect(sol.total).toBe(optimum)
    },
    { fastCheck: { numRuns: 300 } }
  )

  it.prop(
    "priced during the solve from one candidate a demand, the total is the exact optimum, certified by the dual",
    [problem(6, fc.constant(1)), fc.integer({ min: 12, max: 30 })],
    ([p, rounds]) => {
      const q = { ...p, policy: { ...p.policy, rounds } }
      const sol = Matching.solve(q)
      checkSolution(q, sol)
      expect(sol.exact).toBe(true)
      expect(sol.total).toBe(bruteForce(q))
      expect(Matching.upperBound(q, sol).dual).toBe(sol.total)
    },
    { fastCheck: { numRuns: 300 } }
  )

  it.prop(
    "a scan visits each allowed supply scoring at least the threshold once, at its pair score, with or without skill bit sets",
    [
      fc.record({
        demands: fc.array(
          fc.record({
            category: fc.constantFrom(...categories),
            skills: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), { maxLength: 6 }),
            grid: fc.constantFrom(...grids, "131102001001001", "131102001002"),
            priority: fc.integer({ min: 0, max: 3 })
          }),
          { minLength: 1, maxLength: 4 }
        ),
        supplies: fc.array(
          fc.record({
            category: fc.constantFrom(...categories),
            skills: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), { maxLength: 6 }),
            grid: fc.constantFrom(...grids, "131102001001001", "131102001002")
          }),
          { minLength: 1, maxLength: 90 }
        ),
        policy: policy(fc.constant(4)),
        threshold: fc.integer({ min: 1, max: 1200 }),
        // Weights so large that scores pass 2^33 (the class heap's limit).
        scale: fc.constantFrom(1, 1, 1, 1_000_000_000)
      }),
      fc.boolean()
    ],
    ([{ demands, policy: base, scale, supplies, threshold: least }, bits]) => {
      const w = base.weights
      const policy: Matching.Policy = {
        ...base,
        weights: { category: w.category * scale, skills: w.skills * scale, distance: w.distance * scale, priority: w.priority * scale }
      }
      const threshold = least * scale
      const p: Matching.Problem = {
        demands: demands.map((d, i) => ({ id: `N${i}`, quantity: 1, ...d })),
        supplies: supplies.map((s, i) => ({ id: `R${i}`, capacity: 1, ...s })),
        policy
      }
      const ix = index(p, bits ? undefined : 0)
      // Without skills, bit sets take no words at all.
      const skilled = [...p.demands, ...p.supplies].some((x) => x.skills.length > 0)
      expect(ix.buckets.every((b) => (b.bits !== undefined) === (bits || !skilled) || b.order.length === 0)).toBe(true)
      const scanner = new Scanner(ix)
      ix.demands.forEach((demand, d) => {
        const seen: Array<readonly [string, number]> = []
        scanner.scan(d, { min: threshold, take: (s, score) => seen.push([ix.supplies[s]!.id, score]) })
        const expected = ix.supplies.flatMap((supply) => {
          const score = Matching.pairScore(policy, demand, supply)
          return score !== undefined && score >= threshold ? [[supply.id, score] as const] : []
        })
        const order = (a: readonly [string, number], b: readonly [string, number]) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
        expect([...seen].sort(order)).toEqual([...expected].sort(order))
      })
    },
    { fastCheck: { numRuns: 300 } }
  )

  it.prop(
    "the same problem in any order gives the same solution",
    [problem(8, fc.integer({ min: 1, max: 8 })), fc.integer()],
    ([p, seed]) => {
      const again = { ...p, demands: shuffled(p.demands, seed), supplies: shuffled(p.supplies, seed + 1) }
      expect(Matching.solve(again)).toEqual(Matching.solve(p))
    },
    { fastCheck: { numRuns: 200 } }
  )

  it("is deterministic and certified on a large instance", () => {
    const rand = (() => {
      let x = 12345
      return (n: number) => {
        x ^= x << 13
        x ^= x >>> 17
        x ^= x << 5
        return (x >>> 0) % n
      }
    })()
    const grid = () => `131102${"00" + (1 + rand(4))}${String(1 + rand(25)).padStart(3, "0")}00${1 + rand(4)}`
    const cats = ["a", "a", "a", "b", "b", "c", "d", "e"]
    const vocab = ["p", "q", "r", "s", "t", "u"]
    const some = () => vocab.filter(() => rand(3) === 0)
    const p: Matching.Problem = {
      policy: { ...Matching.defaultPolicy, compatible: [{ demand: "a", supply: "b", credit: 60 }], candidates: 8 },
      demands: Array.from({ length: 3000 }, (_, i) => ({
        id: `N${i}`,
        category: cats[rand(cats.length)]!,
        quantity: 1 + rand(5),
        skills: some(),
        grid: grid(),
        priority: rand(4)
      })),
      supplies: Array.from({ length: 1500 }, (_, i) => ({
        id: `R${i}`,
        category: cats[(rand(cats.length) + 3) % cats.length]!,
        capacity: 1 + rand(8),
        skills: some(),
        grid: grid()
      }))
    }
    const sol = Matching.solve(p)
    checkSolution(p, sol)
    const again = Matching.solve({ ...p, demands: shuffled(p.demands, 7), supplies: shuffled(p.supplies, 8) })
    expect(again).toEqual(sol)
    const bound = Matching.upperBound(p, sol)
    expect(sol.total).toBeLessThanOrEqual(bound.dual)
    expect(sol.total / bound.dual).toBeGreaterThan(0.95)
  })
})
