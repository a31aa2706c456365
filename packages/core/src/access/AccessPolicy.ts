/**
 * Roles as configuration: which permissions each role a deployment names grants
 * (街道管理员, 社区书记, 网格长, 网格员 …). The default policy has four roles; provide
 * another with {@link layer}. Services read the policy from context and fall back to
 * the default when none is provided.
 *
 * ```ts
 * AccessPolicy.layer({
 *   roles: {
 *     street_admin: { zh: "街道管理员", en: "Street administrator", grants: ["grid:*", "pii:read"] },
 *     grid_worker: { zh: "网格员", en: "Grid worker", grants: ["grid:read", "grid:place:write"] }
 *   }
 * })
 * ```
 *
 * @since 0.2.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as CoConstructionPermission from "../coconstruction/CoConstructionPermission.js"
import * as DemandPermission from "../demand/DemandPermission.js"
import * as DevelopmentPermission from "../development/DevelopmentPermission.js"
import * as EmergencyPermission from "../emergency/EmergencyPermission.js"
import * as LedgerPermission from "../ledger/LedgerPermission.js"
import * as GridPermission from "../grid/GridPermission.js"
import * as OrganisationPermission from "../organisation/OrganisationPermission.js"
import * as OutreachPermission from "../outreach/OutreachPermission.js"
import * as Text from "../text/Text.js"
import { grants, type Permission, piiRead } from "./Permission.js"

/**
 * Every permission the library checks, by domain: a grant must name one of them (or
 * `domain:*`, or `*`).
 *
 * @since 0.2.0
 * @category permissions
 */
export const knownPermissions: ReadonlyArray<string> = [
  ...GridPermission.all,
  ...OrganisationPermission.all,
  ...CoConstructionPermission.all,
  ...LedgerPermission.all,
  ...DevelopmentPermission.all,
  ...EmergencyPermission.all,
  ...DemandPermission.all,
  ...OutreachPermission.all,
  piiRead
]

const Grant = Schema.String.pipe(
  Schema.filter((grant) =>
    grant === "*" ||
    knownPermissions.includes(grant) ||
    (grant.endsWith(":*") && knownPermissions.some((p) => p.startsWith(grant.slice(0, -1)))) ||
    `access-policy.grant: ${grant} is not a permission (${knownPermissions.join(", ")}, a domain's "domain:*" or "*")`
  )
)

/**
 * A role: its labels and its grants.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Role = Schema.Struct({
  zh: Text.Name,
  en: Text.Name,
  grants: Schema.Array(Grant)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Role extends Schema.Schema.Type<typeof Role> {}

/**
 * Roles by key (the key is what an actor's `roles` name).
 *
 * @since 0.2.0
 * @category schemas
 */
export const AccessPolicyShape = Schema.Struct({
  roles: Schema.Record({ key: Text.Id, value: Role }).pipe(
    Schema.filter((roles) =>
      !Object.hasOwn(roles, "system") ||
      { path: ["system"], message: "access-policy.reserved: system is the platform's own role (Actor.system); name yours otherwise" }
    )
  )
})

/**
 * @since 0.2.0
 * @category models
 */
export interface AccessPolicyShape extends Schema.Schema.Type<typeof AccessPolicyShape> {}

/**
 * The default roles: admins do everything in their scope (unmasked personal data
 * included); grid managers change grids, places and workers; grid workers keep places
 * (入格) current, record visits and handle demands (grid managers too); party affairs
 * workers (党务工作者) keep organisations, members and meetings, 双报到 and
 * co-construction, member development, emergency mode and outreach (三联三服, 一支部一实事,
 * stations, new-employment groups), and read grids; viewers read.
 *
 * @since 0.2.0
 * @category policy
 */
export const defaults: AccessPolicyShape = {
  roles: {
    admin: { zh: "管理员", en: "Administrator", grants: ["*"] },
    grid_manager: { zh: "网格管理员", en: "Grid manager", grants: ["grid:*", "demand:*"] },
    worker: {
      zh: "网格员",
      en: "Grid worker",
      grants: [GridPermission.read, GridPermission.placeWrite, DemandPermission.read, DemandPermission.visit, DemandPermission.intake, DemandPermission.handle]
    },
    party_organiser: {
      zh: "党务工作者",
      en: "Party affairs worker",
      grants: ["organisation:*", "coconstruction:*", "development:*", "emergency:*", "outreach:*", GridPermission.read]
    },
    viewer: {
      zh: "查看者",
      en: "Viewer",
      grants: [
        GridPermission.read,
        OrganisationPermission.read,
        CoConstructionPermission.read,
        LedgerPermission.read,
        DevelopmentPermission.read,
        EmergencyPermission.read,
        DemandPermission.read,
        OutreachPermission.read
      ]
    },
    ledger_keeper: { zh: "志愿服务记录员", en: "Volunteer service recorder", grants: ["ledger:*", GridPermission.read] },
    certificate_checker: { zh: "证明查验方", en: "Certificate checker", grants: [LedgerPermission.verify] }
  }
}

/**
 * The access policy in context; the default roles when none is provided.
 *
 * @since 0.2.0
 * @category tags
 */
export class AccessPolicy extends Context.Reference<AccessPolicy>()("@jiceng/core/AccessPolicy", {
  defaultValue: (): AccessPolicyShape => defaults
}) {}

/**
 * Checks a policy: role keys are one-line ids, both labels present, every grant a
 * known permission. A policy is code, not input, so a bad one throws its
 * `ValidationError` (naming the field) when the layer is made.
 *
 * @since 0.2.0
 * @category policy
 */
export const validate = (policy: AccessPolicyShape): AccessPolicyShape =>
  Either.match(Decode.decodeEither(AccessPolicyShape, policy), {
    onLeft: (error) => {
      throw error
    },
    onRight: () => policy
  })

/**
 * A policy for the services in its scope.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (policy: AccessPolicyShape): Layer.Layer<AccessPolicy> => Layer.succeed(AccessPolicy, validate(policy))

/**
 * The role of the platform itself (`Actor.system`: migrations, imports): every
 * permission, under any policy. A policy cannot define it.
 *
 * @since 0.2.0
 * @category policy
 */
export const systemRole = "system"

/**
 * Whether a role key is the policy's or the reserved {@link systemRole}.
 *
 * @since 0.2.0
 * @category predicates
 */
export const hasRole = (policy: AccessPolicyShape, role: string): boolean =>
  role === systemRole || Object.hasOwn(policy.roles, role)

/**
 * Whether any of the roles grants a permission (an unknown role grants nothing; the
 * system role grants everything).
 *
 * @since 0.2.0
 * @category predicates
 */
export const can = (policy: AccessPolicyShape, roles: ReadonlyArray<string>, permission: Permission): boolean =>
  roles.some((role) =>
    role === systemRole ||
    (Object.hasOwn(policy.roles, role) && policy.roles[role]!.grants.some((g) => grants(g, permission)))
  )
