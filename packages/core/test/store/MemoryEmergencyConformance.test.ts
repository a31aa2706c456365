import { MemoryStore } from "@jiceng/core"
import { EmergencyConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference: compared with itself, skipped.
EmergencyConformance.emergencyConformance("memory", MemoryStore.layer, { numRuns: 12, differential: false })
