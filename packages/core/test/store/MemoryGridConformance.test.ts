import { MemoryStore } from "@jiceng/core"
import { GridConformance } from "@jiceng/testkit"

GridConformance.gridConformance("memory", MemoryStore.layer, { numRuns: 60 })
