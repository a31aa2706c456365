/**
 * The memory store's audit log: per tenant, a persistent list whose index is the seq.
 *
 * @since 0.2.0
 */
import { Chunk, Effect, Either, HashMap, Layer } from "effect"
import type { AuditEntry, NewAuditEntry } from "../audit/AuditEntry.js"
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
  const appendAll = (entries: ReadonlyArray<NewAuditEntry>) =>
    Effect.gen(function*() {
      if (entries.length === 0) return []
      const atMs = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const appended: Array<AuditEntry> = new Array(entries.length)
      yield* modifyTenants(transactor, cell, empty, entries.map((e) => e.tenant), (log, tenant) => {
        const added: Array<AuditEntry> = []
        entries.forEach((entry, i) => {
          if (entry.tenant !== tenant) return
          const numbered: AuditEntry = { ...entry, seq: Chunk.size(log) + added.length + 1, atMs }
          appended[i] = numbered
          added.push(numbered)
        })
        return Either.right(Chunk.appendAll(log, Chunk.unsafeFromArray(added)))
      })
      return appended
    })
  return {
    append: (entry) => Effect.map(appendAll([entry]), (entries) => entries[0]!),
    appendAll,
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
