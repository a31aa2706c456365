/**
 * The in-memory Store: for tests, examples and embedding without a database. Every
 * domain keeps persistent sorted tables per tenant (subtrees are key ranges, as in the
 * SQL stores); a transaction works on a snapshot taken in O(1) and commits by swapping
 * it in; one transaction at a time across all tenants (the SQL stores serialise per
 * tenant). Nothing survives the process.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import * as MemoryAuditLog from "./MemoryAuditLog.js"
import * as MemoryCoConstructionStore from "./MemoryCoConstructionStore.js"
import * as MemoryDemandStore from "./MemoryDemandStore.js"
import * as MemoryDevelopmentStore from "./MemoryDevelopmentStore.js"
import * as MemoryEmergencyStore from "./MemoryEmergencyStore.js"
import * as MemoryGridStore from "./MemoryGridStore.js"
import * as MemoryIdempotencyStore from "./MemoryIdempotencyStore.js"
import * as MemoryImportLog from "./MemoryImportLog.js"
import * as MemoryLedgerStore from "./MemoryLedgerStore.js"
import * as MemoryOrganisationStore from "./MemoryOrganisationStore.js"
import * as MemoryOutboxStore from "./MemoryOutboxStore.js"
import * as MemoryOutreachStore from "./MemoryOutreachStore.js"
import * as MemoryTransactor from "./MemoryTransactor.js"
import type { Store } from "./Store.js"

/**
 * A fresh, empty memory store: every port over one transactor. A domain added to the
 * library adds its memory module here.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Store> = Layer.mergeAll(
  MemoryAuditLog.layer,
  MemoryCoConstructionStore.layer,
  MemoryDemandStore.layer,
  MemoryDevelopmentStore.layer,
  MemoryEmergencyStore.layer,
  MemoryGridStore.layer,
  MemoryIdempotencyStore.layer,
  MemoryImportLog.layer,
  MemoryLedgerStore.layer,
  MemoryOrganisationStore.layer,
  MemoryOutboxStore.layer,
  MemoryOutreachStore.layer
).pipe(
  Layer.provideMerge(MemoryTransactor.layer)
)
