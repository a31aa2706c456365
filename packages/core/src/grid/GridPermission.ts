/**
 * The grid domain's permissions and the default roles' share of them.
 *
 * @since 0.2.0
 */

/**
 * Read grids, places, workers and the 定格定人定岗定责 check in scope (personal data masked).
 *
 * @since 0.2.0
 * @category permissions
 */
export const read = "grid:read"

/**
 * Create, rename, move, split, merge and close grids.
 *
 * @since 0.2.0
 * @category permissions
 */
export const write = "grid:write"

/**
 * Register places and put them into grids (入格).
 *
 * @since 0.2.0
 * @category permissions
 */
export const placeWrite = "grid:place:write"

/**
 * Register grid workers and assign them.
 *
 * @since 0.2.0
 * @category permissions
 */
export const workerWrite = "grid:worker:write"

/**
 * Every permission of the grid domain.
 *
 * @since 0.2.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, write, placeWrite, workerWrite]
