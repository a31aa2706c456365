/**
 * A service whose every method validates its actor first (a known role, a scope that is
 * a whole grid code of the scheme), so an actor built by hand, or decoded from a
 * request, is checked the same way everywhere.
 *
 * @internal
 */
import { Effect } from "effect"
import type { AccessPolicyShape } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import * as LevelScheme from "../grid/LevelScheme.js"

/** @internal */
export const validated = <S extends object>(service: S, policy: AccessPolicyShape, scheme: LevelScheme.LevelScheme): S => {
  // A scope is a whole grid code (a subtree), not any prefix: its length is a level's.
  const scopeLengths = scheme.levels.map((_, level) => LevelScheme.codeLength(scheme, level))
  return Object.fromEntries(
    Object.entries(service).map(([name, method]) => [
      name,
      (actor: unknown, ...args: ReadonlyArray<unknown>) =>
        Effect.flatMap(
          Actor.validate(actor, policy, scopeLengths),
          (valid) => (method as (actor: Actor.Actor, ...args: ReadonlyArray<unknown>) => Effect.Effect<unknown>)(valid, ...args)
        )
    ])
  ) as unknown as S
}
