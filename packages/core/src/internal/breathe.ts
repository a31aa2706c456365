/**
 * A turn of the event loop (a timer, not a microtask), so that a long synchronous stretch
 * — a batch of decisions, an import's chunks — lets the process's other work run: a
 * request, a timer, another client's transaction waiting for SQLite's lock.
 *
 * @internal
 */
import { Effect } from "effect"

/** @internal */
export const breathe: Effect.Effect<void> = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
