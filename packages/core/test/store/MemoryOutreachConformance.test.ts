import { MemoryStore } from "@jiceng/core"
import { OutreachConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference: compared with itself, skipped.
OutreachConformance.outreachConformance("memory", MemoryStore.layer, { numRuns: 25, differential: false })
