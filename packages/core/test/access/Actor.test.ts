import { describe, expect, it } from "@effect/vitest"
import {
  AccessPolicy,
  Actor,
  CoConstructionPermission,
  DemandPermission,
  DevelopmentPermission,
  EmergencyPermission,
  GridPermission,
  LedgerPermission,
  OrganisationPermission,
  OutreachPermission,
  ValidationError
} from "@jiceng/core"
import { Effect, Either, Exit, Schema } from "effect"

const Digits = Schema.String.pipe(Schema.pattern(/^\d{0,9}$/))
const Role = Schema.Literal(...Object.keys(AccessPolicy.defaults.roles))
const Permission = Schema.Literal(...AccessPolicy.knownPermissions)

describe("Actor.authorize", () => {
  it.prop(
    "a target is allowed exactly when it lies in the scope and a role grants the permission",
    [Schema.Array(Role), Permission, Digits, Digits],
    ([roles, permission, scopeTail, targetTail]) => {
      const actor = Actor.make({ id: "a", tenant: "131102", roles, scope: "131102" + scopeTail })
      const target = "131102" + targetTail
      const result = Actor.authorize(actor, permission, "act", [target])
      // The default grants, written out: admin everything, grid_manager the grid and demand domains,
      // worker reading grids, keeping places current, visits and demands,
      // party_organiser the organisation, co-construction, development, emergency and outreach domains and reading grids,
      // ledger_keeper the volunteer ledger and reading grids, certificate_checker verifying.
      const table: Record<string, ReadonlyArray<string>> = {
        admin: AccessPolicy.knownPermissions,
        grid_manager: [...GridPermission.all, ...DemandPermission.all],
        party_organiser: [...OrganisationPermission.all, ...CoConstructionPermission.all, ...DevelopmentPermission.all, ...EmergencyPermission.all, ...OutreachPermission.all, GridPermission.read],
        worker: [GridPermission.read, GridPermission.placeWrite, ...DemandPermission.all],
        viewer: [
          GridPermission.read,
          OrganisationPermission.read,
          CoConstructionPermission.read,
          LedgerPermission.read,
          DevelopmentPermission.read,
          EmergencyPermission.read,
          DemandPermission.read,
          OutreachPermission.read
        ],
        ledger_keeper: [...LedgerPermission.all, GridPermission.read],
        certificate_checker: [LedgerPermission.verify]
      }
      const granted = roles.some((r) => table[r]!.includes(permission))
      const inScope = target.startsWith(actor.scope)
      expect(Either.isRight(result)).toBe(granted && inScope)
      if (Either.isLeft(result)) expect(result.left.reason).toBe(granted ? "scope" : "role")
    }
  )

  it("a move needs both ends in scope", () => {
    const street = Actor.make({ id: "s", tenant: "131102", roles: ["grid_manager"], scope: "131102001" })
    const result = Actor.authorize(street, GridPermission.write, "MoveGrid", ["131102001001", "131102002"])
    expect(Either.isLeft(result) && result.left).toMatchObject({ reason: "scope", target: "131102002" })
  })

  it("a scope outside the tenant is refused when the actor is made, as a ValidationError", () => {
    expect(() => Actor.make({ id: "x", tenant: "131102", roles: ["admin"], scope: "131103001" })).toThrow(/actor\.scope/)
    try {
      Actor.make({ id: "x", tenant: "131102", roles: ["admin"], scope: "131103001" })
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError.ValidationError)
      expect(e).toMatchObject({ field: "actor.scope", rule: "actor.scope" })
    }
  })

  it("a tenant that is no county-level code is refused with a ValidationError naming the rule", () => {
    for (const [tenant, rule] of [["000000", "tenant.county"], ["130000", "tenant.county"], ["131100", "tenant.county"], ["13110x", "tenant.format"]]) {
      const thrown = (() => {
        try {
          Actor.system(tenant!)
        } catch (e) {
          return e
        }
      })()
      expect(thrown, tenant).toBeInstanceOf(ValidationError.ValidationError)
      expect(thrown).toMatchObject({ field: "actor.tenant", rule })
    }
    // 东莞 has no districts: its prefecture code stands at county level.
    expect(Actor.system("441900").tenant).toBe("441900")
  })
})

describe("AccessPolicy", () => {
  const policy = {
    roles: {
      street_admin: { zh: "街道管理员", en: "Street administrator", grants: ["grid:*", "pii:read"] },
      grid_worker: { zh: "网格员", en: "Grid worker", grants: [GridPermission.read, GridPermission.placeWrite] }
    }
  }

  it("a deployment's own roles grant what they list; domain:* grants a domain", () => {
    const valid = AccessPolicy.validate(policy)
    expect(AccessPolicy.can(valid, ["street_admin"], GridPermission.workerWrite)).toBe(true)
    expect(AccessPolicy.can(valid, ["grid_worker"], GridPermission.write)).toBe(false)
    expect(AccessPolicy.can(valid, ["admin"], GridPermission.read)).toBe(false)
    expect(AccessPolicy.can(valid, ["__proto__", "constructor"], GridPermission.read)).toBe(false)
  })

  it("the system role is the platform's: every permission under any policy, and no policy may define it", () => {
    const valid = AccessPolicy.validate(policy)
    expect(Actor.system("131102").roles).toEqual([AccessPolicy.systemRole])
    expect(AccessPolicy.knownPermissions.every((p) => AccessPolicy.can(valid, ["system"], p))).toBe(true)
    expect(() => AccessPolicy.layer({ roles: { system: { zh: "系统", en: "System", grants: [] } } })).toThrow(
      expect.objectContaining({ _tag: "ValidationError", rule: "access-policy.reserved" })
    )
  })

  it("a grant that names no permission is refused when the layer is made", () => {
    expect(() => AccessPolicy.layer({ roles: { x: { zh: "甲", en: "X", grants: ["grid:wirte"] } } })).toThrow(
      expect.objectContaining({ _tag: "ValidationError", field: "roles.x.grants.0", rule: "access-policy.grant" })
    )
  })

  it.effect("an actor naming a role the policy lacks is a ValidationError", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Actor.validate({ id: "a", tenant: "131102", roles: ["admin"], scope: "131102" }, AccessPolicy.validate(policy), [6]))
      expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error).toMatchObject({
        _tag: "ValidationError", field: "actor.roles.0", rule: "actor.role"
      })
    }))
})
