/**
 * The import log in memory.
 *
 * @since 0.2.0
 */
import { Effect, Either, HashMap, Layer } from "effect"
import { ImportLog, type ImportLogShape, type ImportProgress } from "../imports/ImportLog.js"
import { MemoryTransactor, modifyTenants, readTenant } from "./MemoryTransactor.js"

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<ImportLogShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = transactor.cell(HashMap.empty<string, HashMap.HashMap<string, ImportProgress>>())
  const empty = HashMap.empty<string, ImportProgress>()
  return {
    progress: (tenant, id) => readTenant(transactor, cell, empty, tenant, (imports) => HashMap.get(imports, id)),
    record: (progress) =>
      Effect.flatMap(Effect.clockWith((clock) => clock.currentTimeMillis), (atMs) =>
        modifyTenants(transactor, cell, empty, [progress.tenant], (imports) =>
          Either.right(HashMap.set(imports, progress.id, { ...progress, atMs }))))
  }
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<ImportLog, never, MemoryTransactor> = Layer.effect(ImportLog, make)

