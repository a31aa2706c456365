import { describe, expect, it } from "@effect/vitest"
import { Actor, Permission } from "@jiceng/core"
import { Either, Schema } from "effect"

const Digits = Schema.String.pipe(Schema.pattern(/^\d{0,9}$/))

describe("Actor.authorize", () => {
  it.prop(
    "a target is allowed exactly when it lies in the scope and a role grants the permission",
    [Schema.Array(Permission.Role), Permission.Permission, Digits, Digits],
    ([roles, permission, scopeTail, targetTail]) => {
      const actor = Actor.make({ id: "a", tenant: "131102", roles, scope: "131102" + scopeTail })
      const target = "131102" + targetTail
      const result = Actor.authorize(actor, permission, "act", [target])
      const granted = roles.some((r) => Permission.defaultGrants[r].includes(permission))
      const inScope = target.startsWith(actor.scope)
      expect(Either.isRight(result)).toBe(granted && inScope)
      if (Either.isLeft(result)) expect(result.left.reason).toBe(granted ? "scope" : "role")
    }
  )

  it("a move needs both ends in scope", () => {
    const street = Actor.make({ id: "s", tenant: "131102", roles: ["grid_manager"], scope: "131102001" })
    const result = Actor.authorize(street, "grid:write", "MoveGrid", ["131102001001", "131102002"])
    expect(Either.isLeft(result) && result.left).toMatchObject({ reason: "scope", target: "131102002" })
  })

  it("a scope outside the tenant is refused when the actor is made", () => {
    expect(() => Actor.make({ id: "x", tenant: "131102", roles: ["admin"], scope: "131103001" })).toThrow(/actor\.scope/)
  })
})
