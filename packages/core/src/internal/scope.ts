/**
 * The scope check every domain's decision makes once it has read what a command
 * touches: every grid must lie in the actor's scope, and the refusal names the record
 * only (never where the grid outside lies).
 *
 * @internal
 */
import { Effect } from "effect"
import * as Actor from "../access/Actor.js"
import { Forbidden } from "../errors/Forbidden.js"

/** @internal */
export const guardCodes = (
  actor: Actor.Actor,
  action: string,
  target: string,
  codes: ReadonlyArray<string>,
  message = `${target} lies outside ${actor.id}'s scope ${actor.scope}`
): Effect.Effect<void, Forbidden> =>
  codes.every((code) => Actor.covers(actor, code))
    ? Effect.void
    : Effect.fail(new Forbidden({ actor: actor.id, action, target, reason: "scope", message }))

/**
 * Whether a record lying in these grids is seen from the actor's scope: one of them
 * overlaps it (is it, lies in it or above it). A record seen from nowhere in the scope
 * gets the answer an unknown id gets; one seen but not lying wholly in the scope is
 * refused by {@link guardCodes} as `Forbidden`, naming the record only.
 *
 * @internal
 */
export const seenFrom = (actor: Actor.Actor, codes: ReadonlyArray<string>): boolean =>
  codes.some((code) => code.startsWith(actor.scope) || actor.scope.startsWith(code))
