/**
 * The memory store's idempotency records: per tenant, a persistent map by scope and key.
 *
 * @since 0.4.0
 */
import { Effect, Either, HashMap, Layer, Option } from "effect"
import { StoreError } from "../errors/StoreError.js"
import { IdempotencyStore, type IdempotencyRecord, type IdempotencyStoreShape } from "../idempotency/IdempotencyStore.js"
import { compareStrings } from "../internal/compareStrings.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

/** Scope and key in one map key: a scope is a service's name, which holds no control character. */
const slot = (scope: string, key: string): string => `${scope}\u0000${key}`

/**
 * @since 0.4.0
 * @category constructors
 */
export const make: Effect.Effect<IdempotencyStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const records = tenantCell(transactor, HashMap.empty<string, IdempotencyRecord>())
  return {
    find: (tenant, scope, keys) =>
      records.read(tenant, (own) =>
        Array.from(new Set(keys))
          .flatMap((key) => Option.toArray(HashMap.get(own, slot(scope, key))))
          .sort((a, b) => compareStrings(a.key, b.key))),
    put: (rows) =>
      rows.length === 0 ? Effect.void : Effect.flatMap(
        Effect.clockWith((clock) => clock.currentTimeMillis),
        (recordedAt) =>
          records.modifyRows(rows, (own, mine) => {
            let next = own
            for (const row of mine) {
              const at = slot(row.scope, row.key)
              if (HashMap.has(next, at)) {
                return Either.left(
                  new StoreError({
                    operation: "idempotency.put",
                    message: "idempotency.put: a record with this scope and key exists already"
                  })
                )
              }
              next = HashMap.set(next, at, { ...row, recordedAt })
            }
            return Either.right(next)
          })
      )
  }
})

/**
 * @since 0.4.0
 * @category layers
 */
export const layer: Layer.Layer<IdempotencyStore, never, MemoryTransactor> = Layer.effect(IdempotencyStore, make)
