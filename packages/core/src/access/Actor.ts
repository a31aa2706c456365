/**
 * Who is acting: an id, roles, and a scope — the grid subtree (by code) the actor
 * may act in. A street office's admin has the street's code as scope; the district's
 * admin has the district code. What the roles grant is configuration
 * (`AccessPolicy`).
 *
 * @since 0.1.0
 */
import { Effect, Either, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import { Forbidden } from "../errors/Forbidden.js"
import { ValidationError } from "../errors/ValidationError.js"
import * as Text from "../text/Text.js"
import * as AccessPolicy from "./AccessPolicy.js"
import type { Permission } from "./Permission.js"
import { Tenant } from "./Tenant.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Actor = Schema.Struct({
  /** Who acts, as the audit log names them. */
  id: Text.Id,
  tenant: Tenant,
  /** Keys of the access policy's roles. */
  roles: Schema.Array(Text.Id).pipe(Schema.maxItems(32)),
  /** Root code of the subtree the actor may act in: the tenant's code or a grid code below it. */
  scope: Schema.String.pipe(
    Schema.filter((s) => /^\d{6,36}$/.test(s) || "actor.scope: expected a grid code (6 to 36 digits)")
  )
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
 * An actor from values written in code; the scope defaults to the whole tenant. Throws
 * the `ValidationError` (naming `actor.<field>`) for a bad value.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: {
  readonly id: string
  readonly tenant: string
  readonly roles: ReadonlyArray<string>
  readonly scope?: string
}): Actor => Decode.decodeOrThrow(Actor, { ...input, scope: input.scope ?? input.tenant }, { field: "actor" })

/**
 * The system actor, for migrations and imports run by the platform itself: the reserved
 * `system` role (every permission, `pii:read` included, under any access policy) over
 * the whole tenant, audited as `system`. Give people actors of their own, so the audit
 * log names them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const system = (tenant: string): Actor => make({ id: "system", tenant, roles: [AccessPolicy.systemRole] })

/**
 * Whether the actor's roles grant a permission under a policy (the default roles
 * unless given).
 *
 * @since 0.1.0
 * @category predicates
 */
export const can = (
  actor: Actor,
  permission: Permission,
  policy: AccessPolicy.AccessPolicyShape = AccessPolicy.defaults
): boolean => AccessPolicy.can(policy, actor.roles, permission)

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
  policy: AccessPolicy.AccessPolicyShape = AccessPolicy.defaults
): Either.Either<void, Forbidden> => {
  if (!can(actor, permission, policy)) {
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

/**
 * Checks an actor given by a caller (a Promise caller's plain object, say): it decodes,
 * its roles are roles of the policy, and its scope is a whole grid code — one of
 * `scopeLengths` long (a 7-digit scope would cover a range of siblings). A malformed
 * actor is a `ValidationError` naming `actor.<field>`, never a TypeError from deep inside.
 *
 * @since 0.2.0
 * @category validation
 */
export const validate = (
  input: unknown,
  policy: AccessPolicy.AccessPolicyShape,
  scopeLengths: ReadonlyArray<number>
): Effect.Effect<Actor, ValidationError> =>
  Effect.flatMap(Decode.decode(Actor, input, { field: "actor" }), (actor) => {
    const unknown = actor.roles.findIndex((role) => !AccessPolicy.hasRole(policy, role))
    if (unknown !== -1) {
      return Effect.fail(
        new ValidationError({
          field: `actor.roles.${unknown}`,
          rule: "actor.role",
          message: `actor.roles.${unknown}: not a role of the access policy (${Object.keys(policy.roles).join(", ")})`
        })
      )
    }
    if (!scopeLengths.includes(actor.scope.length)) {
      return Effect.fail(
        new ValidationError({
          field: "actor.scope",
          rule: "actor.scope",
          message: `actor.scope: ${actor.scope} is not a grid code (${scopeLengths.join(", ")} digits)`
        })
      )
    }
    return Effect.succeed(actor)
  })
