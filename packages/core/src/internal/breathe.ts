/**
 * A turn of the event loop (a timer, not a microtask), so that a long synchronous stretch
 * — a batch of decisions, an import's chunks — lets the process's other work run: a
 * request, a timer, another client's transaction waiting for SQLite's lock.
 *
 * @internal
 */
import { Effect } from "effect"

/** `setImmediate` where there is one (Node: no minimum delay), else a timer. */
const later: (f: () => void) => void = typeof globalThis.setImmediate === "function"
  ? (f) => void globalThis.setImmediate(f)
  : (f) => void setTimeout(f, 0)

/** @internal */
export const breathe: Effect.Effect<void> = Effect.promise(() => new Promise<void>((resolve) => later(resolve)))
