/**
 * The emergency domain's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.5.0
 */

/**
 * Reading activations, rosters, temporary branches, vanguard teams and coverage.
 *
 * @since 0.5.0
 * @category permissions
 */
export const read = "emergency:read"

/**
 * Activating and deactivating emergency mode.
 *
 * @since 0.5.0
 * @category permissions
 */
export const activate = "emergency:activate"

/**
 * Recording vanguard teams.
 *
 * @since 0.5.0
 * @category permissions
 */
export const vanguard = "emergency:vanguard"

/**
 * Every emergency permission.
 *
 * @since 0.5.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, activate, vanguard]
