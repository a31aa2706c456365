/**
 * The dispatcher: delivers what the outbox holds through the configured back ends, at
 * least once. Each round claims a batch of due entries for a lease, delivers each
 * through its back end, and records the outcome: delivered; failed and due again after
 * a backoff (`Backoff`); or dead with its last error, after the last attempt allowed or
 * at once when the back end calls the error permanent. A dispatcher that dies leaves its
 * claims to run out; another (or itself, restarted) delivers them then. A delivery that
 * takes longer than `timeout` counts as failed (keep it well under the lease), and a
 * delivery starts only while its claim holds for longer than `timeout` and a quarter of
 * it still: entries of a batch that outlasts its lease are left to a later claim rather
 * than delivered while another dispatcher may hold them.
 *
 * Receivers drop repeats by the notification's id: a message delivered just before a
 * crash, whose outcome was not recorded, is delivered again.
 *
 * @since 0.6.0
 */
import { Clock, Effect, type Fiber, Layer, type Scope } from "effect"
import type { StoreError } from "../errors/StoreError.js"
import * as Backoff from "./Backoff.js"
import { DeliveryError, type NotifierBackend, NotifierConfigError } from "./NotifierBackend.js"
import * as Notify from "./Notify.js"
import { type OutboxEntry, OutboxStore } from "./OutboxStore.js"

/**
 * @since 0.6.0
 * @category models
 */
export interface Options<R = never> {
  /**
   * The back ends, by their unique names: built ones, or their constructors
   * (`Webhook.make(config)`), which are built with the dispatcher, so a configuration
   * error fails the dispatcher's layer when it is built.
   */
  readonly backends: ReadonlyArray<NotifierBackend | Effect.Effect<NotifierBackend, NotifierConfigError, R>>
  /** Entries claimed a round (50 unless given). */
  readonly batch?: number
  /** How long a claim holds its entries, in milliseconds (60 s unless given). */
  readonly lease?: number
  /** Longest a delivery may take, in milliseconds (20 s unless given). */
  readonly timeout?: number
  /** Deliveries at once (4 unless given). */
  readonly concurrency?: number
  /** The wait after a round that found less than a full batch, in milliseconds (1 s unless given). */
  readonly pollInterval?: number
  readonly backoff?: Backoff.BackoffPolicy
}

/**
 * What one round did.
 *
 * @since 0.6.0
 * @category models
 */
export interface Round {
  readonly claimed: number
  readonly delivered: number
  readonly retried: number
  readonly dead: number
  /** Claimed entries left for a later claim: too little of the lease was left to deliver them within the timeout. */
  readonly skipped: number
}

/**
 * @since 0.6.0
 * @category models
 */
export interface Dispatcher {
  /** One round: claim a batch, deliver it, record the outcomes. */
  readonly runOnce: Effect.Effect<Round, StoreError>
  /** Rounds forever, a full batch followed at once, else after the poll interval; a store failure is logged and waited out. */
  readonly run: Effect.Effect<never>
}

let claims = 0

/** A claim's token: unique across processes and rounds. */
const newToken = (): string =>
  `${globalThis.crypto?.randomUUID?.() ?? `${process.pid}-${Date.now()}-${Math.random()}`}-${claims++}`

/**
 * A dispatcher over the outbox in context. Fails with a `NotifierConfigError` when two
 * back ends share a name, or a batch, lease, timeout, concurrency or poll interval is not
 * a positive number (the timeout under the lease).
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = <R = never>(options: Options<R>): Effect.Effect<Dispatcher, NotifierConfigError, OutboxStore | R> =>
  Effect.gen(function*() {
    const outbox = yield* OutboxStore
    const backends = yield* Effect.forEach(options.backends, (b) => Effect.isEffect(b) ? b : Effect.succeed(b))
    const byName = new Map(backends.map((b) => [b.name, b] as const))
    const refuse = (field: string, message: string) =>
      Effect.fail(new NotifierConfigError({ backend: "dispatcher", field, message }))
    if (byName.size !== backends.length) return yield* refuse("backends", "two back ends share a name")
    const batch = options.batch ?? 50
    const lease = options.lease ?? 60_000
    const timeout = options.timeout ?? 20_000
    const numbers = { batch, lease, timeout, concurrency: options.concurrency ?? 4, pollInterval: options.pollInterval ?? 1_000 }
    for (const [field, value] of Object.entries(numbers)) {
      if (!(Number.isFinite(value) && value > 0)) return yield* refuse(field, "must be a positive number")
    }
    if (timeout >= lease) return yield* refuse("timeout", "must be shorter than the lease, or a slow delivery outlives its claim")
    const policy = options.backoff ?? Backoff.defaults
    const names = Array.from(byName.keys())
    // Entries queued for a back end no dispatcher has stay pending: say so when it starts.
    const settings = yield* Effect.serviceOption(Notify.Settings)
    const missing = settings._tag === "Some" ? settings.value.backends.filter((b) => !byName.has(b)) : []
    if (missing.length > 0) {
      yield* Effect.logWarning("the notification settings name back ends this dispatcher lacks: their entries wait for another").pipe(
        Effect.annotateLogs({ backends: missing.join(", ") })
      )
    }

    const deliver = (entry: OutboxEntry, backend: NotifierBackend) =>
      backend.deliver(entry.notification).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => new DeliveryError({ backend: backend.name, message: `no answer in ${timeout} ms`, permanent: false })
        }),
        Effect.catchAllDefect((defect) =>
          Effect.fail(new DeliveryError({ backend: backend.name, message: `the back end failed: ${String(defect)}`, permanent: false }))
        )
      )

    const settle = (entry: OutboxEntry, token: string) =>
      Effect.gen(function*() {
        const backend = byName.get(entry.backend)!
        // A delivery starts only while the claim will hold past its timeout, with a
        // quarter of the timeout to spare for a late timer: a batch delivered a few at a
        // time can outlast its lease, and an entry whose lease ran out may be delivering
        // at another dispatcher already (rule notify.lease).
        const start = yield* Clock.currentTimeMillis
        if (entry.leaseUntil === null || entry.leaseUntil - start <= timeout * 1.25) return "skipped" as const
        const outcome = yield* Effect.either(deliver(entry, backend))
        const now = yield* Clock.currentTimeMillis
        if (outcome._tag === "Right") {
          yield* outbox.delivered([entry], token, now)
          return "delivered" as const
        }
        const error = outcome.left
        const message = error.status === undefined ? error.message : `${error.message} (status ${error.status})`
        const next = Backoff.next(policy, entry.attempts, error, now)
        yield* Effect.logWarning("notification not delivered").pipe(
          Effect.annotateLogs({ backend: entry.backend, id: entry.id, kind: entry.notification.kind, error: message, next: next._tag })
        )
        if (next._tag === "Dead") {
          yield* outbox.dead(entry, token, now, message)
          return "dead" as const
        }
        yield* outbox.failed(entry, token, next.at, message)
        return "retried" as const
      })

    const runOnce: Dispatcher["runOnce"] = Effect.gen(function*() {
      const token = newToken()
      const now = yield* Clock.currentTimeMillis
      const entries = yield* outbox.claim({ backends: names, now, limit: batch, lease, token })
      const outcomes = yield* Effect.forEach(entries, (e) => settle(e, token), { concurrency: options.concurrency ?? 4 })
      const count = (o: string) => outcomes.filter((x) => x === o).length
      return {
        claimed: entries.length,
        delivered: count("delivered"),
        retried: count("retried"),
        dead: count("dead"),
        skipped: count("skipped")
      }
    }).pipe(Effect.withSpan("Dispatcher.runOnce"))

    const pause = Effect.sleep(options.pollInterval ?? 1_000)
    const run: Dispatcher["run"] = Effect.forever(
      runOnce.pipe(
        Effect.flatMap((round) => round.claimed < batch ? pause : Effect.void),
        Effect.catchAll((error) =>
          Effect.zipRight(Effect.logError("dispatcher round failed").pipe(Effect.annotateLogs({ error: error.message })), pause)
        )
      )
    )
    return { runOnce, run }
  })

/**
 * A dispatcher running in a fiber of the scope, interrupted when the scope closes.
 *
 * @since 0.6.0
 * @category constructors
 */
export const start = <R = never>(
  options: Options<R>
): Effect.Effect<Fiber.RuntimeFiber<never>, NotifierConfigError, OutboxStore | Scope.Scope | R> =>
  Effect.flatMap(make(options), (d) => Effect.forkScoped(d.run))

/**
 * A layer running a dispatcher while it lives. Building it builds the back ends given as
 * constructors: a configuration error (a missing secret, a malformed URL) fails the
 * layer, not the first send.
 *
 * @since 0.6.0
 * @category layers
 */
export const layer = <R = never>(
  options: Options<R>
): Layer.Layer<never, NotifierConfigError, OutboxStore | Exclude<R, Scope.Scope>> => Layer.scopedDiscard(start(options))
