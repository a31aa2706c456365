/**
 * The demand domain's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.5.0
 */

/**
 * Reading demands, their statistics, visit coverage and the Open311 view.
 *
 * @since 0.5.0
 * @category permissions
 */
export const read = "demand:read"

/**
 * Recording visits (走访) and the demands they collect.
 *
 * @since 0.5.0
 * @category permissions
 */
export const visit = "demand:visit"

/**
 * Taking in demands (from a campaign, a resident, the hotline).
 *
 * @since 0.5.0
 * @category permissions
 */
export const intake = "demand:intake"

/**
 * Handling demands: assigning, starting, resolving, reopening, closing after the return
 * visit, rejecting, marking duplicates, and the escalation sweep.
 *
 * @since 0.5.0
 * @category permissions
 */
export const handle = "demand:handle"

/**
 * Every demand permission.
 *
 * @since 0.5.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, visit, intake, handle]
