/**
 * A phase's memory: its process's resident set size when the phase began and its peak.
 *
 * @since 0.4.0
 */

/**
 * Memory of the phase's process: its resident set size when the phase began and its
 * peak (`process.resourceUsage().maxRSS`), in KiB.
 *
 * @since 0.2.0
 * @category models
 */
export interface Memory {
  readonly startKiB: number
  readonly peakKiB: number
}

const startKiB = Math.round(process.memoryUsage().rss / 1024)

/**
 * This process's memory so far: its RSS when this module was loaded (the phase's start:
 * each phase has a process of its own) and its peak.
 *
 * @since 0.4.0
 */
export const memory = (): Memory => ({ startKiB, peakKiB: process.resourceUsage().maxRSS })
