/**
 * What every domain's batch workspace shares: loading `Overlay` tables from the store
 * with multi-key queries (`ensure`), answering point reads with settled effects once
 * their rows are loaded (`whenLoaded`, `read`; never export a `then`: it would make the module a thenable), the store's own writes of a table's net change
 * (`netOf`, `closeRows`, `insertNew`), and writing what is pending — at once (`flush`) or
 * behind the decisions, in a fiber of the same transaction (`writeBehind`) — with
 * nothing outliving the batch (`abandon`).
 *
 * @internal
 */
import { Effect, Exit, Fiber } from "effect"
import { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import { compareStrings } from "./compareStrings.js"
import type { Overlay } from "./Overlay.js"

/** @internal */
export const pair = (a: string, b: string): string => `${a}\u0000${b}`

/** @internal */
export const triple = (a: string, b: string, c: string): string => `${a}\u0000${b}\u0000${c}`

/** A comparison by string fields in turn (code-point order, as the stores order). */
export const byString = <A>(...fields: ReadonlyArray<(a: A) => string>) => (a: A, b: A): number => {
  for (const field of fields) {
    const c = compareStrings(field(a), field(b))
    if (c !== 0) return c
  }
  return 0
}

/** @internal */
export const byValidFrom = byString<{ readonly validFrom: string }>((r) => r.validFrom)

/** @internal */
export interface Versioned {
  readonly validFrom: IsoDate
  readonly validTo: IsoDate | null
}

const sameValue = (x: unknown, y: unknown): boolean =>
  x === y || (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]))

/** Whether two rows differ in nothing but their end. */
const sameButEnd = (a: object, b: object): boolean => {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => k === "validTo" || sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/**
 * A versioned table's net change as the store's own operations: rows to end (or, ended
 * on their first day, to remove) grouped by the day, then rows to insert. A row the
 * batch rewrote otherwise is removed and inserted again.
 */
export const netOf = <A extends Versioned, I extends string, K>(overlay: Overlay<A, I>, keyOf: (row: A) => K) => {
  const ends = new Map<IsoDate, Array<K>>()
  const inserts: Array<A> = []
  const end = (day: IsoDate, key: K) => {
    const keys = ends.get(day)
    if (keys === undefined) ends.set(day, [key])
    else keys.push(key)
  }
  overlay.eachChange((before, after) => {
    if (before !== undefined && after !== undefined && sameButEnd(before, after)) {
      if (after.validTo === before.validTo) return
      if (after.validTo !== null && (before.validTo === null || after.validTo < before.validTo)) {
        end(after.validTo, keyOf(before))
        return
      }
    }
    if (before !== undefined) end(before.validFrom, keyOf(before))
    if (after !== undefined) inserts.push(after)
  })
  return { ends, inserts }
}

/** The rows of a table's keys the batch ends on a day: removed when they begin on or after it. */
export const closeRows = <A extends Versioned, I extends string>(overlay: Overlay<A, I>, keys: Iterable<string>, validTo: IsoDate) => {
  for (const key of keys) {
    const row = overlay.get(key)
    if (row === undefined) continue
    if (row.validFrom >= validTo) overlay.remove(key)
    else if (row.validTo === null || row.validTo > validTo) overlay.put({ ...row, validTo })
  }
}

const duplicate = (operation: string) =>
  new StoreError({ operation, message: `${operation}: a row with this key exists already` })

/** Inserts rows whose keys must be new, or fails like the store would, writing nothing. */
export const insertNew = <A, I extends string>(
  operation: string,
  overlay: Overlay<A, I>,
  rows: ReadonlyArray<A>
): Effect.Effect<void, StoreError> => {
  if (rows.length === 1) {
    // The common case, one row, without a set of keys seen.
    const row = rows[0]!
    if (overlay.get(overlay.layout.key(row)) !== undefined) return Exit.fail(duplicate(operation))
    overlay.put(row)
    return Effect.void
  }
  const seen = new Set<string>()
  for (const row of rows) {
    const key = overlay.layout.key(row)
    if (seen.has(key) || overlay.get(key) !== undefined) return Exit.fail(duplicate(operation))
    seen.add(key)
  }
  for (const row of rows) overlay.put(row)
  return Effect.void
}

/** Acts once `ready` has loaded what the act reads: at once, when nothing had to be loaded. */
export const whenLoaded = <A>(ready: Effect.Effect<void, StoreError>, act: () => Effect.Effect<A, StoreError>) =>
  Exit.isExit(ready) && Exit.isSuccess(ready) ? act() : Effect.flatMap(ready, act)

/** A point read answered from memory once its rows are loaded. */
export const read = <A>(ready: Effect.Effect<void, StoreError>, answer: () => A) => whenLoaded(ready, () => Exit.succeed(answer()))

/** A versioned table's net change as the store's close and insert, taken now. */
export const versionedWrites = <A extends Versioned, I extends string, K>(
  overlay: Overlay<A, I>,
  keyOf: (row: A) => K,
  close: (keys: ReadonlyArray<K>, day: IsoDate) => Effect.Effect<void, StoreError>,
  insert: (rows: ReadonlyArray<A>) => Effect.Effect<void, StoreError>
): Array<Effect.Effect<void, StoreError>> => {
  const { ends, inserts } = netOf(overlay, keyOf)
  return [
    ...Array.from(ends, ([day, keys]) => close(keys, day)),
    ...(inserts.length === 0 ? [] : [insert(inserts)])
  ]
}

/** An identity table's rows the batch wrote, to upsert (they are never removed), taken now. */
export const identityWrites = <A, I extends string>(
  overlay: Overlay<A, I>,
  put: (rows: ReadonlyArray<A>) => Effect.Effect<void, StoreError>
): Array<Effect.Effect<void, StoreError>> => {
  const rows: Array<A> = []
  overlay.eachChange((before, after) => {
    if (after !== undefined && after !== before) rows.push(after)
  })
  return rows.length === 0 ? [] : [put(rows)]
}

/** An append-only table's new rows, to insert (the batch neither ends nor removes them), taken now. */
export const appendWrites = <A, I extends string>(
  overlay: Overlay<A, I>,
  insert: (rows: ReadonlyArray<A>) => Effect.Effect<void, StoreError>
): Array<Effect.Effect<void, StoreError>> => {
  const rows: Array<A> = []
  overlay.eachChange((before, after) => {
    if (before === undefined && after !== undefined) rows.push(after)
  })
  return rows.length === 0 ? [] : [insert(rows)]
}

/** @internal */
export interface Writer {
  /** Waits for writes in flight: before the store is read, or written again (in order). */
  readonly settled: Effect.Effect<void, StoreError>
  /** Writes everything pending to the store. */
  readonly flush: Effect.Effect<void, StoreError>
  /** Starts writing what is pending in a fiber of the same transaction, and returns. */
  readonly writeBehind: Effect.Effect<void, StoreError>
  /** Stops writes in flight (the batch failed): nothing may outlive its transaction. */
  readonly abandon: Effect.Effect<void>
  /**
   * Loads the rows of the index values not loaded yet with one multi-key query (after
   * the writes in flight); the settled `Effect.void` when every value is loaded already.
   */
  readonly ensure: <A, I extends string>(
    overlay: Overlay<A, I>,
    index: I | "key",
    values: ReadonlyArray<string> | ReadonlySet<string>,
    fetch: (missing: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<A>, StoreError>
  ) => Effect.Effect<void, StoreError>
}

/**
 * The writing side of a workspace, given `detach`: everything pending taken now as the
 * store's writes (the workspace settled), so that what runs later writes exactly that.
 */
export const writer = (detach: () => Effect.Effect<void, StoreError>): Writer => {
  /** The writes started by `writeBehind` and not yet awaited. */
  let inFlight: Fiber.RuntimeFiber<void, StoreError> | undefined

  const settled: Effect.Effect<void, StoreError> = Effect.suspend(() => {
    const fiber = inFlight
    inFlight = undefined
    return fiber === undefined ? Effect.void : Fiber.join(fiber)
  })

  const flush: Effect.Effect<void, StoreError> = Effect.zipRight(settled, Effect.suspend(detach))

  const writeBehind: Effect.Effect<void, StoreError> = Effect.zipRight(
    settled,
    Effect.suspend(() => Effect.map(Effect.fork(detach()), (fiber) => void (inFlight = fiber)))
  )

  const abandon: Effect.Effect<void> = Effect.suspend(() => {
    const fiber = inFlight
    inFlight = undefined
    return fiber === undefined ? Effect.void : Effect.asVoid(Fiber.interrupt(fiber))
  })

  const ensure: Writer["ensure"] = (overlay, index, values, fetch) => {
    const missing = overlay.missing(index, values)
    return missing.length === 0
      ? Effect.void
      : Effect.zipRight(settled, Effect.suspend(() => Effect.map(fetch(missing), (rows) => overlay.load(index, missing, rows))))
  }

  return { settled, flush, writeBehind, abandon, ensure }
}
