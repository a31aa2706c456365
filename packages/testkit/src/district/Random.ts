/**
 * A small seeded pseudo-random generator for test data. Generated districts must be
 * the same on every machine and every run for a given seed, so nothing here reads
 * `Math.random` or the clock. The core is mulberry32: 32 bits of state, fast, and
 * good enough to spread names and sizes; it is not for anything secret.
 *
 * @since 0.1.0
 */

/**
 * A stateful generator. Every call advances the state, so the order of calls is part
 * of the output: generators that must stay stable draw in a fixed order.
 *
 * @since 0.1.0
 * @category models
 */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [0, n); `n` must be a positive integer. */
  readonly int: (n: number) => number
  /** An integer in [min, max], both inclusive. */
  readonly between: (min: number, max: number) => number
  /** One element of a non-empty array. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** An index drawn with probability proportional to its (non-negative) weight. */
  readonly weighted: (weights: ReadonlyArray<number>) => number
  /** A shuffled copy (Fisher–Yates). */
  readonly shuffle: <A>(items: ReadonlyArray<A>) => Array<A>
  /** An independent generator derived from this one's next draw, so that one part of a
   * generator can change how much it draws without shifting every later part. */
  readonly fork: () => Random
}

const assertCount = (n: number, what: string): void => {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Random.${what}: expected a positive integer, got ${n}`)
}

/**
 * A generator from a seed. Any finite number works; it is truncated to 32 bits.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (seed: number): Random => {
  let state = seed >>> 0
  // mulberry32 (Tommy Ettinger): one add, three multiplies-and-xorshifts per draw.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number): number => {
    assertCount(n, "int")
    return Math.floor(next() * n)
  }
  const between = (min: number, max: number): number => min + int(max - min + 1)
  const pick = <A>(items: ReadonlyArray<A>): A => {
    assertCount(items.length, "pick")
    return items[int(items.length)]!
  }
  const weighted = (weights: ReadonlyArray<number>): number => {
    const total = weights.reduce((sum, w) => sum + w, 0)
    if (!(total > 0)) throw new RangeError("Random.weighted: expected a positive total weight")
    let r = next() * total
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!
      if (r < 0) return i
    }
    // Rounding can leave r a hair above zero: the last positive weight takes it.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i
    return weights.length - 1
  }
  const shuffle = <A>(items: ReadonlyArray<A>): Array<A> => {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const tmp = out[i]!
      out[i] = out[j]!
      out[j] = tmp
    }
    return out
  }
  const fork = (): Random => make(Math.floor(next() * 4294967296))
  return { next, int, between, pick, weighted, shuffle, fork }
}
