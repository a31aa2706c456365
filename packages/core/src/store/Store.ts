/**
 * What a complete store provides: the transaction port and the repository port of
 * every domain. A service requires only the ports it uses (`Grids` needs `Transactor`,
 * `AuditLog` and `GridStore`); a store package's `layer` provides them all, over one
 * connection or one state, so one transaction spans every port it touches. A
 * third-party store may implement a subset: the services built on that subset run.
 *
 * Implementations: `MemoryStore` (here), `@jiceng/store-sqlite`, `@jiceng/store-postgres`;
 * all pass the conformance suites in `@jiceng/testkit`.
 *
 * @since 0.1.0
 */
import type { AuditLog } from "../audit/AuditLog.js"
import type { CoConstructionStore } from "../coconstruction/CoConstructionStore.js"
import type { DemandStore } from "../demand/DemandStore.js"
import type { DevelopmentStore } from "../development/DevelopmentStore.js"
import type { EmergencyStore } from "../emergency/EmergencyStore.js"
import type { GridStore } from "../grid/GridStore.js"
import type { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import type { ImportLog } from "../imports/ImportLog.js"
import type { LedgerStore } from "../ledger/LedgerStore.js"
import type { OrganisationStore } from "../organisation/OrganisationStore.js"
import type { OutboxStore } from "../notify/OutboxStore.js"
import type { OutreachStore } from "../outreach/OutreachStore.js"
import type { Transactor } from "./Transactor.js"

/**
 * Every port a complete store provides: `Layer.Layer<Store.Store>` is a whole store.
 *
 * @since 0.1.0
 * @category models
 */
export type Store =
  | Transactor
  | AuditLog
  | CoConstructionStore
  | DemandStore
  | DevelopmentStore
  | EmergencyStore
  | GridStore
  | IdempotencyStore
  | ImportLog
  | LedgerStore
  | OrganisationStore
  | OutboxStore
  | OutreachStore
