/**
 * @since 0.1.0
 */

/**
 * The Store on SQLite: `SqliteStore.layer({ filename })`.
 *
 * @since 0.1.0
 * @category modules
 */
export * as SqliteStore from "./SqliteStore.js"
