/**
 * The member-development domain's permissions, granted to roles by the `AccessPolicy`.
 *
 * @since 0.5.0
 */

/**
 * Reading tracks, what is due, pipelines, the workforce and honours.
 *
 * @since 0.5.0
 * @category permissions
 */
export const read = "development:read"

/**
 * Opening tracks and recording their steps, extensions and cancellations.
 *
 * @since 0.5.0
 * @category permissions
 */
export const track = "development:track"

/**
 * The community workforce: hires, recruitment plans, training, qualifications, career moves.
 *
 * @since 0.5.0
 * @category permissions
 */
export const workforce = "development:workforce"

/**
 * Awarding honours, recording their letters of good news and sending them.
 *
 * @since 0.5.0
 * @category permissions
 */
export const recognise = "development:recognise"

/**
 * Every member-development permission.
 *
 * @since 0.5.0
 * @category permissions
 */
export const all: ReadonlyArray<string> = [read, track, workforce, recognise]
