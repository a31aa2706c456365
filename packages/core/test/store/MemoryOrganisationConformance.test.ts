import { MemoryStore } from "@jiceng/core"
import { OrganisationConformance } from "@jiceng/testkit/vitest"

// The memory store is the differential's reference, so it skips comparing with itself.
OrganisationConformance.organisationConformance("memory", MemoryStore.layer, { numRuns: 60, differential: false })
