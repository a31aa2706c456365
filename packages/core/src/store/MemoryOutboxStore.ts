/**
 * The memory store's outbox: one map of entries across tenants (a dispatcher claims
 * across tenants), keyed by tenant, notification id and back end, in the store's
 * transactions.
 *
 * @since 0.6.0
 */
import { Effect, Either, HashMap, Layer, Option } from "effect"
import { byDue, OutboxStore, type OutboxEntry, type OutboxKey, type OutboxStoreShape, pending } from "../notify/OutboxStore.js"
import { MemoryTransactor } from "./MemoryTransactor.js"

/** An entry's key in one string: tenants, ids and back-end names hold no NUL. */
const slot = (key: OutboxKey): string => `${key.tenant}\u0000${key.id}\u0000${key.backend}`

/**
 * @since 0.6.0
 * @category constructors
 */
export const make: Effect.Effect<OutboxStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = transactor.cell(HashMap.empty<string, OutboxEntry>())

  /** Changes the entries `token` holds. */
  const settle = (keys: ReadonlyArray<OutboxKey>, token: string, f: (entry: OutboxEntry) => OutboxEntry) =>
    keys.length === 0 ? Effect.void : transactor.modify(cell, (all) => {
      let next = all
      for (const key of keys) {
        const entry = HashMap.get(next, slot(key))
        if (Option.isSome(entry) && entry.value.state === "pending" && entry.value.leaseToken === token) {
          next = HashMap.set(next, slot(key), f(entry.value))
        }
      }
      return Either.right(next)
    })

  const ofTenant = (tenant: string) => (all: HashMap.HashMap<string, OutboxEntry>) =>
    Array.from(HashMap.values(all)).filter((e) => e.tenant === tenant)

  return {
    enqueue: (entries, now) =>
      entries.length === 0 ? Effect.void : transactor.modify(cell, (all) => {
        let next = all
        for (const { backend, notification } of entries) {
          const entry = pending(notification, backend, now)
          if (!HashMap.has(next, slot(entry))) next = HashMap.set(next, slot(entry), entry)
        }
        return Either.right(next)
      }),
    claim: ({ backends, lease, limit, now, token }) =>
      Effect.flatMap(Effect.succeed<Array<OutboxEntry>>([]), (claimed) =>
        Effect.as(
          transactor.modify(cell, (all) => {
            const names = new Set(backends)
            const due = Array.from(HashMap.values(all))
              .filter((e) =>
                e.state === "pending" && names.has(e.backend) && e.dueAt <= now &&
                (e.leaseUntil === null || e.leaseUntil <= now)
              )
              .sort(byDue)
              .slice(0, Math.max(0, limit))
            let next = all
            claimed.length = 0
            for (const entry of due) {
              const held = { ...entry, leaseUntil: now + lease, leaseToken: token }
              claimed.push(held)
              next = HashMap.set(next, slot(entry), held)
            }
            return Either.right(next)
          }),
          claimed
        )),
    delivered: (keys, token, at) =>
      settle(keys, token, (e) => ({ ...e, state: "delivered", attempts: e.attempts + 1, leaseUntil: null, leaseToken: null, settledAt: at })),
    failed: (key, token, nextAt, error) =>
      settle([key], token, (e) => ({ ...e, attempts: e.attempts + 1, dueAt: nextAt, leaseUntil: null, leaseToken: null, lastError: error })),
    dead: (key, token, at, error) =>
      settle([key], token, (e) => ({
        ...e,
        state: "dead",
        attempts: e.attempts + 1,
        leaseUntil: null,
        leaseToken: null,
        lastError: error,
        settledAt: at
      })),
    entries: (tenant, state, limit = 1_000) =>
      transactor.read(cell, (all) => ofTenant(tenant)(all).filter((e) => e.state === state).sort(byDue).slice(0, limit)),
    counts: (tenant) =>
      transactor.read(cell, (all) => {
        const mine = ofTenant(tenant)(all)
        const count = (state: OutboxEntry["state"]) => mine.filter((e) => e.state === state).length
        return { pending: count("pending"), delivered: count("delivered"), dead: count("dead") }
      }),
    purge: (tenant, before, states) =>
      Effect.flatMap(Effect.succeed({ n: 0 }), (purged) =>
        Effect.as(
          transactor.modify(cell, (all) => {
            const gone = ofTenant(tenant)(all).filter((e) =>
              e.state !== "pending" && states.includes(e.state) && e.settledAt !== null && e.settledAt < before
            )
            purged.n = gone.length
            return Either.right(HashMap.removeMany(all, gone.map(slot)))
          }),
          purged
        )).pipe(Effect.map((p) => p.n))
  }
})

/**
 * @since 0.6.0
 * @category layers
 */
export const layer: Layer.Layer<OutboxStore, never, MemoryTransactor> = Layer.effect(OutboxStore, make)
