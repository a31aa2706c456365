import { describe, expect, it } from "@effect/vitest"
import { type Grid, MemoryStore, type Tenant } from "@jiceng/core"
import { StorePorts } from "@jiceng/testkit"
import {
  coConstructionRepositoryContract,
  demandRepositoryContract,
  developmentRepositoryContract,
  emergencyRepositoryContract,
  LedgerBigBatch,
  ledgerRepositoryContract,
  organisationRepositoryContract,
  outboxRepositoryContract,
  outreachRepositoryContract,
  DispatcherConformance,
  ReminderConformance,
  repositoryContract
} from "@jiceng/testkit/vitest"
import { Deferred, Effect, Fiber, Option } from "effect"

repositoryContract("MemoryStore", MemoryStore.layer)
organisationRepositoryContract("MemoryStore", MemoryStore.layer)
coConstructionRepositoryContract("MemoryStore", MemoryStore.layer)
developmentRepositoryContract("MemoryStore", MemoryStore.layer)
emergencyRepositoryContract("MemoryStore", MemoryStore.layer)
demandRepositoryContract("MemoryStore", MemoryStore.layer)
outreachRepositoryContract("MemoryStore", MemoryStore.layer)
ledgerRepositoryContract("MemoryStore", MemoryStore.layer)
outboxRepositoryContract("MemoryStore", MemoryStore.layer)
DispatcherConformance.dispatcherConformance("MemoryStore", MemoryStore.layer)
ReminderConformance.reminderConformance("MemoryStore", MemoryStore.layer)
LedgerBigBatch.ledgerBigBatch("MemoryStore", MemoryStore.layer)

const root = (tenant: string, name = "区"): Grid.Grid => ({
  tenant: tenant as Tenant.Tenant,
  id: `${tenant}@2020-01-01` as Grid.GridId,
  code: tenant as Grid.GridCode,
  parentCode: null,
  level: 0,
  name,
  validFrom: "2020-01-01" as never,
  validTo: null,
  change: "create",
  predecessors: []
})

describe("MemoryStore", () => {
  it.effect("a write call spanning tenants is all-or-nothing", () =>
    Effect.gen(function*() {
      const store = yield* StorePorts.all
      yield* store.grids.insert([root("131105")])
      const error = yield* Effect.flip(store.grids.insert([root("131104"), root("131105", "重复")]))
      expect(error).toMatchObject({ _tag: "StoreError", operation: "grids.insert" })
      expect(yield* store.grids.byId("131104" as Tenant.Tenant, "131104@2020-01-01" as Grid.GridId)).toEqual(Option.none())
    }).pipe(Effect.provide(MemoryStore.layer)))

  it.effect("a fiber that outlives its transaction cannot write into it unseen", () =>
    Effect.gen(function*() {
      const store = yield* StorePorts.all
      const tenant = "131106" as Tenant.Tenant
      const go = yield* Deferred.make<void>()
      const late = yield* store.transaction(
        tenant,
        Effect.forkDaemon(Effect.zipRight(Deferred.await(go), store.grids.insert([root(tenant)])))
      )
      yield* Deferred.succeed(go, undefined)
      const result = yield* Effect.either(Fiber.join(late))
      expect(result._tag).toBe("Left")
      expect(yield* store.grids.byId(tenant, `${tenant}@2020-01-01` as Grid.GridId)).toEqual(Option.none())
    }).pipe(Effect.provide(MemoryStore.layer)))
})
