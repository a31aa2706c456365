/**
 * The organisation domain's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.2.0
 */

/**
 * Reading organisations, rolls, meetings, alerts and compliance.
 *
 * @since 0.2.0
 * @category permissions
 */
export const read = "organisation:read"

/**
 * Forming, renaming, merging and dissolving organisations; setting up committees.
 *
 * @since 0.2.0
 * @category permissions
 */
export const write = "organisation:write"

/**
 * Members' organisational relationships, participation, dues and discipline.
 *
 * @since 0.2.0
 * @category permissions
 */
export const memberWrite = "organisation:member:write"

/**
 * Recording meetings of organisational life.
 *
 * @since 0.2.0
 * @category permissions
 */
export const meetingWrite = "organisation:meeting:write"

/**
 * Every organisation permission.
 *
 * @since 0.2.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, write, memberWrite, meetingWrite]
