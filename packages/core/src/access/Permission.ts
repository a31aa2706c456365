/**
 * Permissions, namespaced by domain (`grid:write`, `grid:worker:write`): each domain
 * declares its own (`GridPermission` for grids), and a deployment's roles grant them
 * (`AccessPolicy`). `pii:read` — seeing unmasked ID numbers, phones, addresses and
 * residents' names — spans every domain, and every such read is audited.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * A permission: `domain:action` (more `:`-separated parts allowed), lower-case.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Permission = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)+$/, {
    message: () => "permission.format: expected domain:action (lower-case letters, digits and -)"
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Permission = typeof Permission.Type

/**
 * Seeing personal data unmasked; every such read writes an audit entry.
 *
 * @since 0.2.0
 * @category permissions
 */
export const piiRead = "pii:read"

/**
 * A grant: a permission, every permission of a domain (`grid:*`), or every permission (`*`).
 *
 * @since 0.2.0
 * @category models
 */
export type Grant = string

/**
 * Whether a grant covers a permission.
 *
 * @since 0.2.0
 * @category predicates
 */
export const grants = (grant: Grant, permission: Permission): boolean =>
  grant === "*" || grant === permission || (grant.endsWith(":*") && permission.startsWith(grant.slice(0, -1)))
