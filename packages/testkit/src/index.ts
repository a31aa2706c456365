/**
 * @jiceng/testkit — test support for jiceng: a seeded district generator, arbitraries
 * and the store conformance suite every store adapter runs.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as District from "./district/District.js"
/** @since 0.1.0 */
export * as GridIntents from "./arbitraries/GridIntents.js"
/** @since 0.1.0 */
export * as GridConformance from "./conformance/GridConformance.js"
/** @since 0.1.0 */
export * from "./conformance/RepositoryContract.js"
/** @since 0.2.0 */
export * as StorePorts from "./conformance/StorePorts.js"
/** @since 0.2.0 */
export * as Tenants from "./conformance/Tenants.js"
