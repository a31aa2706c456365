/**
 * The volunteer ledger's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.4.0
 */

/**
 * Reading entries, rollups, balances and volunteers (masked without `pii:read`).
 *
 * @since 0.4.0
 * @category permissions
 */
export const read = "ledger:read"

/**
 * Registering volunteers, activities and consent; recording service.
 *
 * @since 0.4.0
 * @category permissions
 */
export const write = "ledger:write"

/**
 * Correcting entries (第十三条: reversal and replacement).
 *
 * @since 0.4.0
 * @category permissions
 */
export const correct = "ledger:correct"

/**
 * Redeeming and writing off points.
 *
 * @since 0.4.0
 * @category permissions
 */
export const points = "ledger:points"

/**
 * Issuing certificates.
 *
 * @since 0.4.0
 * @category permissions
 */
export const certify = "ledger:certify"

/**
 * Checking certificates and the hash chain: what a receiver of a certificate, or an
 * auditor, is given.
 *
 * @since 0.4.0
 * @category permissions
 */
export const verify = "ledger:verify"

/**
 * Every ledger permission.
 *
 * @since 0.4.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, write, correct, points, certify, verify]
