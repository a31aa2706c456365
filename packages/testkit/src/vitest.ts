/**
 * @jiceng/testkit/vitest — the suites every store adapter runs under `@effect/vitest`:
 * the repository contracts (the grid, organisation, co-construction, ledger, development and outreach domains') and the
 * grid, organisation and co-construction conformance suites, and the idempotency suite. It imports `@effect/vitest`
 * and `vitest` (optional peer dependencies of the testkit), so load it from test files
 * only.
 *
 * @since 0.2.0
 */

/** @since 0.1.0 */
export * as GridConformance from "./conformance/GridConformance.js"
/** @since 0.1.0 */
export * from "./conformance/RepositoryContract.js"
/** @since 0.2.0 */
export * as OrganisationConformance from "./conformance/OrganisationConformance.js"
/** @since 0.2.0 */
export * as OrganisationAccess from "./conformance/OrganisationAccess.js"
/** @since 0.2.0 */
export * as OrganisationBatch from "./conformance/OrganisationBatch.js"
/** @since 0.2.0 */
export * as OrganisationInput from "./conformance/OrganisationInput.js"
/** @since 0.2.0 */
export * from "./conformance/OrganisationRepositoryContract.js"
/** @since 0.3.0 */
export * from "./conformance/CoConstructionRepositoryContract.js"
/** @since 0.4.0 */
export * from "./conformance/LedgerRepositoryContract.js"
/** @since 0.5.0 */
export * from "./conformance/DevelopmentRepositoryContract.js"
/** @since 0.5.0 */
export * from "./conformance/EmergencyRepositoryContract.js"
export * from "./conformance/DemandRepositoryContract.js"
export * from "./conformance/OutreachRepositoryContract.js"
/** @since 0.3.0 */
export * as CoConstructionConformance from "./conformance/CoConstructionConformance.js"
/** @since 0.5.0 */
export * as DevelopmentConformance from "./conformance/DevelopmentConformance.js"
/** @since 0.5.0 */
export * as EmergencyConformance from "./conformance/EmergencyConformance.js"
export * as DemandConformance from "./conformance/DemandConformance.js"
export * as OutreachConformance from "./conformance/OutreachConformance.js"
/** @since 0.3.0 */
export * as CoConstructionAccess from "./conformance/CoConstructionAccess.js"
/** @since 0.3.0 */
export * as CoConstructionBatch from "./conformance/CoConstructionBatch.js"
/** @since 0.3.0 */
export * as CoConstructionInput from "./conformance/CoConstructionInput.js"
/** @since 0.3.0 */
export * as CoConstructionImportResume from "./conformance/CoConstructionImportResume.js"
/** @since 0.2.0 */
export * as GridAccess from "./conformance/GridAccess.js"
/** @since 0.2.0 */
export * as GridBatch from "./conformance/GridBatch.js"
/** @since 0.2.0 */
export * as GridHistory from "./conformance/GridHistory.js"
/** @since 0.2.0 */
export * as GridInput from "./conformance/GridInput.js"
/** @since 0.2.0 */
export * as ImportResume from "./conformance/ImportResume.js"
/** @since 0.4.0 */
export * as IdempotencyConformance from "./conformance/IdempotencyConformance.js"
/** @since 0.4.0 */
export * as LedgerConformance from "./conformance/LedgerConformance.js"
/** @since 0.4.0 */
export * as LedgerCrash from "./conformance/LedgerCrash.js"
/** @since 0.4.0 */
export * as LedgerBigBatch from "./conformance/LedgerBigBatch.js"
/** @since 0.6.0 */
export * from "./conformance/OutboxRepositoryContract.js"
/** @since 0.6.0 */
export * as DispatcherConformance from "./conformance/DispatcherConformance.js"
/** @since 0.6.0 */
export * as DispatcherCrash from "./conformance/DispatcherCrash.js"
/** @since 0.6.0 */
export * as DispatcherRace from "./conformance/DispatcherRace.js"
/** @since 0.6.0 */
export * as ReminderConformance from "./conformance/ReminderConformance.js"
/** @since 0.7.0 */
export * as RosterConformance from "./conformance/RosterConformance.js"
