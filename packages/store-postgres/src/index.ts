/**
 * @since 0.1.0
 */

/**
 * The Store on PostgreSQL: `PostgresStore.layer({ url, schema })`.
 *
 * @since 0.1.0
 * @category modules
 */
export * as PostgresStore from "./PostgresStore.js"
