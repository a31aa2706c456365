import { MemoryStore } from "@jiceng/core"
import { IdempotencyConformance } from "@jiceng/testkit/vitest"

IdempotencyConformance.idempotencyConformance("memory", MemoryStore.layer)
