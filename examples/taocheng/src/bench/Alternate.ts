/**
 * Times one question asked two ways — through jiceng and by hand-written SQL — run after
 * run, alternating, so both sides see the same machine: the median of each side and
 * their last answers.
 *
 * @since 0.4.0
 */
import { Effect } from "effect"

/** Runs always made, whatever the time budget. */
const MIN_RUNS = 3

/**
 * How long to measure: up to `runs` runs after `warmup`, stopping once either side has
 * spent `budgetSeconds` (after at least three runs).
 *
 * @since 0.2.0
 * @category models
 */
export interface Settings {
  readonly runs: number
  readonly warmup: number
  readonly budgetSeconds: number
}

/**
 * Each side's median milliseconds over the measured runs, how many, and each side's
 * answer (as text, to compare).
 *
 * @since 0.4.0
 * @category models
 */
export interface Measured {
  readonly storeMs: number
  readonly rawMs: number
  readonly runs: number
  readonly storeAnswer: string
  readonly rawAnswer: string
}

/**
 * The median of some numbers (NaN for none).
 *
 * @since 0.4.0
 */
export const median = (xs: ReadonlyArray<number>): number => {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Runs `viaStore` then `viaRaw`, again and again as `settings` allow, timing each.
 *
 * @since 0.4.0
 */
export const alternate = <E, R>(
  viaStore: Effect.Effect<string, E, R>,
  viaRaw: () => Promise<string>,
  settings: Settings
): Effect.Effect<Measured, E, R> =>
  Effect.gen(function*() {
    const budgetMs = settings.budgetSeconds * 1000
    const spent = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0)
    const storeMs: Array<number> = []
    const rawMs: Array<number> = []
    let storeAnswer = ""
    let rawAnswer = ""
    for (let i = 0; i < settings.warmup + settings.runs; i++) {
      if (storeMs.length >= Math.min(MIN_RUNS, settings.runs) && Math.max(spent(storeMs), spent(rawMs)) > budgetMs) break
      const t0 = performance.now()
      storeAnswer = yield* viaStore
      const t1 = performance.now()
      rawAnswer = yield* Effect.promise(viaRaw)
      const t2 = performance.now()
      if (i >= settings.warmup) {
        storeMs.push(t1 - t0)
        rawMs.push(t2 - t1)
      }
    }
    return { storeMs: median(storeMs), rawMs: median(rawMs), runs: storeMs.length, storeAnswer, rawAnswer }
  })
