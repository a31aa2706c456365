import { MemoryStore } from "@jiceng/core"
import { DevelopmentConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference: compared with itself, skipped.
DevelopmentConformance.developmentConformance("memory", MemoryStore.layer, { numRuns: 40, differential: false })
