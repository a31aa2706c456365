/**
 * The memory store's audit log: per tenant, a persistent list whose index is the seq.
 *
 * @since 0.2.0
 */
import { Chunk, Effect, Either, HashMap, Layer } from "effect"
import type { AuditEntry } from "../audit/AuditEntry.js"
import { AuditLog, type AuditLogShape } from "../audit/AuditLog.js"
import { MemoryTransactor, modifyTenants, readTenant } from "./MemoryTransactor.js"

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<AuditLogShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = transactor.cell(HashMap.empty<string, Chunk.Chunk<AuditEntry>>())
  const empty = Chunk.empty<AuditEntry>()
  return {
    append: (entry) =>
      Effect.gen(function*() {
        const atMs = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        let appended: AuditEntry | undefined
        yield* modifyTenants(transactor, cell, empty, [entry.tenant], (log) => {
          appended = { ...entry, seq: Chunk.size(log) + 1, atMs }
          return Either.right(Chunk.append(log, appended))
        })
        return appended!
      }),
    list: (tenant, { afterSeq, limit }) =>
      readTenant(transactor, cell, empty, tenant, (log) => {
        const from = Math.max(0, afterSeq)
        return Chunk.toReadonlyArray(log).slice(from, from + Math.max(0, limit))
      })
  }
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<AuditLog, never, MemoryTransactor> = Layer.effect(AuditLog, make)
