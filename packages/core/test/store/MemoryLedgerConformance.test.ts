import { MemoryStore } from "@jiceng/core"
import { LedgerConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference: its own suites run without it.
LedgerConformance.ledgerConformance("memory", MemoryStore.layer, { numRuns: 40, differential: false })
