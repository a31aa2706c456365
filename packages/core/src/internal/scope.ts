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
