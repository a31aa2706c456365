/**
 * @since 0.1.0
 */

/**
 * The whole Store on `@effect/sql`: every port, and the migrations of every module.
 *
 * @since 0.1.0
 * @category modules
 */
export * as SqlStore from "./SqlStore.js"

/**
 * The transaction port on `@effect/sql` (tenant locks).
 *
 * @since 0.2.0
 * @category modules
 */
export * as SqlTransactor from "./SqlTransactor.js"

/**
 * The audit log on `@effect/sql`: its table and queries.
 *
 * @since 0.2.0
 * @category modules
 */
export * as SqlAuditLog from "./SqlAuditLog.js"

/**
 * The grid domain on `@effect/sql`: its tables and queries.
 *
 * @since 0.2.0
 * @category modules
 */
export * as SqlGridStore from "./SqlGridStore.js"

/**
 * The import log on `@effect/sql`: how far each named import has committed.
 *
 * @since 0.2.0
 * @category modules
 */
export * as SqlImportLog from "./SqlImportLog.js"

/**
 * The organisation domain on `@effect/sql`: its tables and queries.
 *
 * @since 0.2.0
 * @category modules
 */
export * as SqlOrganisationStore from "./SqlOrganisationStore.js"

/**
 * The co-construction domain on `@effect/sql`: its tables and queries.
 *
 * @since 0.3.0
 * @category modules
 */
export * as SqlCoConstructionStore from "./SqlCoConstructionStore.js"

/**
 * The idempotency records on `@effect/sql`: keyed writes and their results.
 *
 * @since 0.4.0
 * @category modules
 */
export * as SqlIdempotencyStore from "./SqlIdempotencyStore.js"

/**
 * The volunteer ledger on `@effect/sql`: its tables and queries.
 *
 * @since 0.4.0
 * @category modules
 */
export * as SqlLedgerStore from "./SqlLedgerStore.js"

/**
 * The member-development domain on `@effect/sql`: its tables and queries.
 *
 * @since 0.5.0
 * @category modules
 */
export * as SqlDevelopmentStore from "./SqlDevelopmentStore.js"

/**
 * The emergency domain (平急两用) on `@effect/sql`: its tables and queries.
 *
 * @since 0.5.0
 * @category modules
 */
export * as SqlEmergencyStore from "./SqlEmergencyStore.js"

/**
 * The demand domain on `@effect/sql`: its tables (visits, demands, their events) and queries.
 *
 * @since 0.5.0
 * @category modules
 */
export * as SqlDemandStore from "./SqlDemandStore.js"

/**
 * The outreach domain on `@effect/sql`: its tables and queries.
 *
 * @since 0.5.0
 * @category modules
 */
export * as SqlOutreachStore from "./SqlOutreachStore.js"

/**
 * The outbox on `@effect/sql`: notifications waiting for delivery, claimed with `SKIP LOCKED` on PostgreSQL.
 *
 * @since 0.6.0
 * @category modules
 */
export * as SqlOutboxStore from "./SqlOutboxStore.js"
