import { MemoryStore } from "@jiceng/core"
import { CoConstructionConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference: its own suites run without it.
CoConstructionConformance.coConstructionConformance("memory", MemoryStore.layer, { numRuns: 60, differential: false })
