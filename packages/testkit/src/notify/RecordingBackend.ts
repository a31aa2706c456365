/**
 * A back end for tests: records every notification it is given, and can be told to
 * fail — the next N deliveries, or every delivery of some notifications, transiently or
 * permanently. It notes deliveries of one entry that overlap in time (the same
 * notification given to it again while it is still delivering it), which the
 * two-dispatcher tests count on being none.
 *
 * @since 0.6.0
 */
import { type Notification, NotifierBackend } from "@jiceng/core"
import { Effect } from "effect"

/**
 * One delivery it was given, as it ended.
 *
 * @since 0.6.0
 * @category models
 */
export interface Attempt {
  readonly id: string
  readonly kind: string
  readonly notification: Notification.Notification
  /** Whether it answered success. */
  readonly ok: boolean
}

/**
 * @since 0.6.0
 * @category models
 */
export interface RecordingBackend {
  readonly backend: NotifierBackend.NotifierBackend
  /** Every delivery, in the order they ended, failed ones included. */
  readonly attempts: () => ReadonlyArray<Attempt>
  /** The notifications it answered success for, repeats included. */
  readonly received: () => ReadonlyArray<Notification.Notification>
  /** The ids it answered success for, each once: what a receiver keeps after dropping repeats. */
  readonly distinct: () => ReadonlySet<string>
  /** How many deliveries began while another of the same notification was under way. */
  readonly overlaps: () => number
  /** Fails the next `n` deliveries (transiently unless told). */
  readonly failNext: (n: number, permanent?: boolean) => void
  /** Fails every delivery of these notification ids (permanently unless told). */
  readonly failAlways: (ids: Iterable<string>, permanent?: boolean) => void
}

/**
 * A recording back end named `name` (`recording` unless given), taking every recipient
 * (or those `accepts` takes), each delivery lasting `latency` milliseconds (none unless
 * given).
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (
  options: {
    readonly name?: string
    readonly latency?: number
    readonly accepts?: NotifierBackend.NotifierBackend["accepts"]
  } = {}
): RecordingBackend => {
  const name = options.name ?? "recording"
  const attempts: Array<Attempt> = []
  const inFlight = new Map<string, number>()
  let overlaps = 0
  let failing = 0
  let failingPermanent = false
  const always = new Map<string, boolean>()

  const refusal = (id: string): NotifierBackend.DeliveryError | undefined => {
    const permanent = always.get(id)
    if (permanent !== undefined) {
      return new NotifierBackend.DeliveryError({ backend: name, message: `refused ${id}`, permanent, status: permanent ? 400 : 503 })
    }
    if (failing > 0) {
      failing--
      return new NotifierBackend.DeliveryError({ backend: name, message: "receiver unavailable", permanent: failingPermanent, status: 503 })
    }
    return undefined
  }

  const deliver = (notification: Notification.Notification) =>
    Effect.acquireUseRelease(
      Effect.sync(() => {
        const n = inFlight.get(notification.id) ?? 0
        if (n > 0) overlaps++
        inFlight.set(notification.id, n + 1)
      }),
      () =>
        Effect.gen(function*() {
          if (options.latency !== undefined && options.latency > 0) yield* Effect.sleep(options.latency)
          const error = refusal(notification.id)
          attempts.push({ id: notification.id, kind: notification.kind, notification, ok: error === undefined })
          if (error !== undefined) return yield* Effect.fail(error)
        }),
      () => Effect.sync(() => void inFlight.set(notification.id, inFlight.get(notification.id)! - 1))
    )

  const received = () => attempts.filter((a) => a.ok).map((a) => a.notification)
  return {
    backend: { name, accepts: options.accepts ?? (() => true), deliver },
    attempts: () => attempts.slice(),
    received,
    distinct: () => new Set(received().map((n) => n.id)),
    overlaps: () => overlaps,
    failNext: (n, permanent = false) => {
      failing = n
      failingPermanent = permanent
    },
    failAlways: (ids, permanent = true) => {
      for (const id of ids) always.set(id, permanent)
    }
  }
}
