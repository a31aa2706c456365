/**
 * @since 0.1.0
 */

/**
 * The Store port on `@effect/sql`: repositories, transactions and the migrate helpers.
 *
 * @since 0.1.0
 * @category modules
 */
export * as SqlStore from "./SqlStore.js"

/**
 * The schema as `@effect/sql` migrations.
 *
 * @since 0.1.0
 * @category modules
 */
export * as Migrations from "./Migrations.js"
