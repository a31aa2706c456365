/**
 * Who is acting: an id, roles, and a scope — the grid subtree (by code) the actor
 * may act in. A street office's admin has the street's code as scope; the district's
 * admin has the district code.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { Forbidden } from "../errors/Forbidden.js"
import { defaultGrants, type Permission, Role } from "./Permission.js"
import { Tenant } from "./Tenant.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Actor = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  tenant: Tenant,
  roles: Schema.Array(Role),
  /** Root code of the subtree the actor may act in: the tenant's code or a grid code below it. */
  scope: Schema.String.pipe(Schema.pattern(/^\d{6,}$/))
}).pipe(
  Schema.filter((actor) =>
    actor.scope.startsWith(actor.tenant) ||
    { path: ["scope"], message: `actor.scope: ${actor.scope} lies outside the tenant ${actor.tenant}` }
  )
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Actor extends Schema.Schema.Type<typeof Actor> {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: { id: string; tenant: string; roles: ReadonlyArray<Role>; scope?: string }): Actor =>
  Schema.decodeSync(Actor)({ ...input, scope: input.scope ?? input.tenant })

/**
 * The system actor, for migrations and imports run by the platform itself: an admin
 * (every permission, `pii:read` included) over the whole tenant, audited as `system`.
 * Give people actors of their own, so the audit log names them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const system = (tenant: string): Actor => make({ id: "system", tenant, roles: ["admin"] })

/**
 * Whether the actor's roles grant a permission.
 *
 * @since 0.1.0
 * @category predicates
 */
export const can = (
  actor: Actor,
  permission: Permission,
  grants: Readonly<Record<Role, ReadonlyArray<Permission>>> = defaultGrants
): boolean => actor.roles.some((role) => grants[role].includes(permission))

/**
 * Whether a grid code lies in the actor's scope (its subtree, root included).
 *
 * @since 0.1.0
 * @category predicates
 */
export const covers = (actor: Actor, code: string): boolean => code.startsWith(actor.scope)

/**
 * Checks role and scope before anything is written. `targets` are grid codes; every
 * one must lie in the actor's scope (a move names both ends).
 *
 * @since 0.1.0
 * @category authorization
 */
export const authorize = (
  actor: Actor,
  permission: Permission,
  action: string,
  targets: ReadonlyArray<string>,
  grants: Readonly<Record<Role, ReadonlyArray<Permission>>> = defaultGrants
): Either.Either<void, Forbidden> => {
  if (!can(actor, permission, grants)) {
    return Either.left(
      new Forbidden({
        actor: actor.id,
        action,
        target: targets.join(","),
        reason: "role",
        message: `${actor.id} lacks ${permission}`
      })
    )
  }
  const outside = targets.find((code) => !covers(actor, code))
  if (outside !== undefined) {
    return Either.left(
      new Forbidden({
        actor: actor.id,
        action,
        target: outside,
        reason: "scope",
        message: `${outside} is outside ${actor.id}'s scope ${actor.scope}`
      })
    )
  }
  return Either.void
}
