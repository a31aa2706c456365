/**
 * The outreach domain's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.5.0
 */

/**
 * Reading links, compliance, problems, practical matters, stations, uses and groups.
 *
 * @since 0.5.0
 * @category permissions
 */
export const read = "outreach:read"

/**
 * 三联三服: links, contacts and visits, problems raised and resolved.
 *
 * @since 0.5.0
 * @category permissions
 */
export const liaise = "outreach:liaise"

/**
 * 一支部一实事: batches and practical matters.
 *
 * @since 0.5.0
 * @category permissions
 */
export const matters = "outreach:matters"

/**
 * Stations and their use.
 *
 * @since 0.5.0
 * @category permissions
 */
export const stations = "outreach:stations"

/**
 * New-employment groups, their counts and members.
 *
 * @since 0.5.0
 * @category permissions
 */
export const groups = "outreach:groups"

/**
 * Every outreach permission.
 *
 * @since 0.5.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, liaise, matters, stations, groups]
