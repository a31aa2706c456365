import { MemoryStore } from "@jiceng/core"
import { GridConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference, so it skips comparing with itself.
GridConformance.gridConformance("memory", MemoryStore.layer, { numRuns: 60, differential: false })
