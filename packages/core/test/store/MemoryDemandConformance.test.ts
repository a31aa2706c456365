import { MemoryStore } from "@jiceng/core"
import { DemandConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference: compared with itself, skipped.
DemandConformance.demandConformance("memory", MemoryStore.layer, { numRuns: 25, differential: false })
