/**
 * The co-construction domain's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.3.0
 */

/**
 * Reading enrolments, agreements, lists, projects, teams, posts, claims and joint
 * meetings, and running the matching.
 *
 * @since 0.3.0
 * @category permissions
 */
export const read = "coconstruction:read"

/**
 * 双报到: enrolling, transferring and withdrawing work units and in-service members.
 *
 * @since 0.3.0
 * @category permissions
 */
export const enrolmentWrite = "coconstruction:enrolment:write"

/**
 * 一协议两清单 and joint meetings: agreements, needs, resources, projects and their
 * progress, meetings and their tasks.
 *
 * @since 0.3.0
 * @category permissions
 */
export const write = "coconstruction:write"

/**
 * Volunteer teams, posts and members' claims on them.
 *
 * @since 0.3.0
 * @category permissions
 */
export const volunteerWrite = "coconstruction:volunteer:write"

/**
 * Every co-construction permission.
 *
 * @since 0.3.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, enrolmentWrite, write, volunteerWrite]
