/**
 * When a failed delivery is tried again: exponential backoff with a limit. The n-th
 * failure waits `base · factor^(n-1)` milliseconds, at most `maxDelay`; after
 * `maxAttempts` attempts, or at once when the back end says retrying cannot help
 * (`DeliveryError.permanent`), the entry is dead and keeps its last error.
 *
 * @since 0.6.0
 */
import type { DeliveryError } from "./NotifierBackend.js"

/**
 * @since 0.6.0
 * @category models
 */
export interface BackoffPolicy {
  /** The first wait, in milliseconds. */
  readonly base: number
  /** How much each wait grows (at least 1). */
  readonly factor: number
  /** The longest wait, in milliseconds. */
  readonly maxDelay: number
  /** Attempts before an entry is dead (at least 1). */
  readonly maxAttempts: number
}

/**
 * Ten seconds, doubling, at most an hour between tries, twelve attempts (eleven waits,
 * 12,290 seconds: about three hours and a half in all).
 *
 * @since 0.6.0
 * @category constants
 */
export const defaults: BackoffPolicy = { base: 10_000, factor: 2, maxDelay: 3_600_000, maxAttempts: 12 }

/**
 * The wait after the `failures`-th failure (from 1), in milliseconds (rule notify.backoff).
 *
 * @since 0.6.0
 * @category utils
 */
export const delay = (policy: BackoffPolicy, failures: number): number =>
  Math.min(policy.maxDelay, Math.round(policy.base * Math.pow(Math.max(1, policy.factor), Math.max(0, failures - 1))))

/**
 * What follows a failed attempt.
 *
 * @since 0.6.0
 * @category models
 */
export type Next =
  | { readonly _tag: "Retry"; readonly at: number }
  | { readonly _tag: "Dead" }

/**
 * What follows a failure of an entry tried `attempts` times before (rule notify.dead): dead when
 * the error is permanent or this was the last attempt allowed, else tried again after
 * {@link delay}.
 *
 * @since 0.6.0
 * @category utils
 */
export const next = (policy: BackoffPolicy, attempts: number, error: DeliveryError, now: number): Next =>
  error.permanent || attempts + 1 >= policy.maxAttempts
    ? { _tag: "Dead" }
    : { _tag: "Retry", at: now + delay(policy, attempts + 1) }
