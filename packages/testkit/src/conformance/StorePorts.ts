/**
 * Every port of a store in one object, for suites and tests that exercise them
 * together (the repository contract, a store's own tests).
 *
 * @since 0.2.0
 */
import {
  AuditLog,
  DemandStore,
  DevelopmentStore,
  EmergencyStore,
  GridStore,
  IdempotencyStore,
  LedgerStore,
  OrganisationStore,
  OutboxStore,
  OutreachStore,
  type Store,
  Transactor
} from "@jiceng/core"
import { Effect } from "effect"

/**
 * @since 0.2.0
 * @category models
 */
export interface StorePorts
  extends GridStore.GridStoreShape, OrganisationStore.OrganisationStoreShape, Transactor.TransactorShape
{
  readonly audit: AuditLog.AuditLogShape
  /** @since 0.4.0 */
  readonly idempotency: IdempotencyStore.IdempotencyStoreShape
  /** The volunteer ledger's repositories. @since 0.4.0 */
  readonly ledger: LedgerStore.LedgerStoreShape
  /** The member-development domain's repositories (tracks, workforce, recognition). @since 0.5.0 */
  readonly development: DevelopmentStore.DevelopmentStoreShape
  /** The emergency domain's repositories (activations, vanguard teams). @since 0.5.0 */
  readonly emergency: EmergencyStore.EmergencyStoreShape
  /** The demand domain's repositories (visits, demands and their events). @since 0.5.0 */
  readonly demand: DemandStore.DemandStoreShape
  /** The outreach domain's repositories (liaison, matters, stations, groups). @since 0.5.0 */
  readonly outreach: OutreachStore.OutreachStoreShape
  /** The outbox of notifications. @since 0.6.0 */
  readonly outbox: OutboxStore.OutboxStoreShape
}

/**
 * The ports of the store in context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const all: Effect.Effect<StorePorts, never, Store.Store> = Effect.map(
  Effect.all([
    GridStore.GridStore,
    OrganisationStore.OrganisationStore,
    AuditLog.AuditLog,
    IdempotencyStore.IdempotencyStore,
    LedgerStore.LedgerStore,
    DevelopmentStore.DevelopmentStore,
    EmergencyStore.EmergencyStore,
    DemandStore.DemandStore,
    OutreachStore.OutreachStore,
    Transactor.Transactor,
    OutboxStore.OutboxStore
  ]),
  ([grid, organisation, audit, idempotency, ledger, development, emergency, demand, outreach, transactor, outbox]) => ({
    ...grid,
    ...organisation,
    audit,
    idempotency,
    ledger,
    development,
    emergency,
    demand,
    outreach,
    outbox,
    transaction: transactor.transaction
  })
)
