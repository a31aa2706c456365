/**
 * Splitting a number of children among parents: every parent gets at least `min`
 * and at most `max` (a code segment of 3 digits holds 999 children), the rest goes
 * by weight. Weights drawn from a seed make the split uneven yet reproducible.
 *
 * @since 0.1.0
 */
import type { Random } from "./Random.js"

/**
 * Bounds on each parent's share.
 *
 * @since 0.1.0
 * @category models
 */
export interface Bounds {
  readonly min: number
  readonly max: number
}

/**
 * Splits `total` into `weights.length` integer shares within `bounds`, each share
 * above the minimum proportional to its weight (largest-remainder rounding, ties to
 * the lower index, so the result is a pure function of the input). Throws a
 * RangeError when `total` cannot fit the bounds: that is a caller's mistake, not data.
 *
 * @since 0.1.0
 * @category constructors
 */
export const allocate = (total: number, weights: ReadonlyArray<number>, bounds: Bounds): Array<number> => {
  const n = weights.length
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`allocate: total ${total} is not a count`)
  if (n === 0) {
    if (total === 0) return []
    throw new RangeError(`allocate: ${total} children but no parents`)
  }
  if (total < n * bounds.min || total > n * bounds.max) {
    throw new RangeError(`allocate: ${total} children do not fit ${n} parents of ${bounds.min}–${bounds.max} each`)
  }
  if (weights.some((w) => !(w > 0) || !Number.isFinite(w))) throw new RangeError("allocate: weights must be positive")

  const shares = weights.map(() => bounds.min)
  const rest = total - n * bounds.min
  const sum = weights.reduce((s, w) => s + w, 0)
  const exact = weights.map((w) => (rest * w) / sum)
  let given = 0
  for (let i = 0; i < n; i++) {
    const whole = Math.floor(exact[i]!)
    shares[i]! += whole
    given += whole
  }
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
  // Fewer than n units remain after flooring, so one pass hands them all out.
  for (let k = 0; k < rest - given; k++) shares[byRemainder[k]!.i]! += 1

  // Caps: move any excess to the heaviest parents that still have room. The total fits
  // the bounds, so the room is there; the loop is bounded by the excess.
  let excess = 0
  for (let i = 0; i < n; i++) {
    if (shares[i]! > bounds.max) {
      excess += shares[i]! - bounds.max
      shares[i] = bounds.max
    }
  }
  if (excess > 0) {
    const byWeight = weights.map((w, i) => ({ i, w })).sort((a, b) => b.w - a.w || a.i - b.i)
    for (const { i } of byWeight) {
      if (excess === 0) break
      const room = bounds.max - shares[i]!
      const move = Math.min(room, excess)
      shares[i]! += move
      excess -= move
    }
  }
  return shares
}

/**
 * Seeded weights for an uneven split: between 0.5 and 2, skewed so that a few parents
 * are clearly larger than the rest (as real communities and compounds are) while no
 * parent is more than four times another's expected size.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unevenWeights = (random: Random, n: number): Array<number> =>
  Array.from({ length: n }, () => {
    const r = random.next()
    return 0.5 + 1.5 * r * r
  })
