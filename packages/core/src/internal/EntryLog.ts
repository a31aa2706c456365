/**
 * The memory store's ledger entries of one tenant: an array in append (seq) order with
 * indexes by seq, by idempotency key, by volunteer and by the seq a reversal undoes, so
 * that appending is O(entries appended) and every read by key is a lookup, not a scan.
 *
 * A log value sees a prefix (its `length`) of a buffer it shares with the values that
 * grew from it, and never sees more: appending to the newest value pushes onto the
 * buffer in place (no copy, even for hundreds of thousands of entries); appending to an
 * older one — the state a transaction started from, after the transaction rolled back —
 * first copies its prefix into a buffer of its own. So a value, once made, never changes
 * what it holds, which is what the memory transactor's snapshots need.
 *
 * @internal
 */
import type { LedgerEntry } from "../ledger/LedgerEntry.js"

/** The entries and their indexes; every index lists positions in the array, ascending. */
interface Buffer {
  readonly entries: Array<LedgerEntry>
  readonly bySeq: Map<number, number>
  readonly byKey: Map<string, Array<number>>
  readonly byVolunteer: Map<string, Array<number>>
  /** Reversals by the seq they undo. */
  readonly reversals: Map<number, Array<number>>
}

/** @internal */
export interface EntryLog {
  /** Null until the first append: the empty log every tenant starts from shares nothing. */
  readonly buffer: Buffer | null
  /** How many of the buffer's entries this log holds. */
  readonly length: number
}

/** @internal */
export const empty: EntryLog = { buffer: null, length: 0 }

const push = <K>(index: Map<K, Array<number>>, k: K, position: number): void => {
  const list = index.get(k)
  if (list === undefined) index.set(k, [position])
  else list.push(position)
}

/** Adds entries at the end of a buffer, indexing each. */
const pushAll = (buffer: Buffer, entries: ReadonlyArray<LedgerEntry>): void => {
  let position = buffer.entries.length
  for (const e of entries) {
    buffer.entries.push(e)
    buffer.bySeq.set(e.seq, position)
    push(buffer.byKey, e.key, position)
    push(buffer.byVolunteer, e.volunteerId, position)
    if (e.reverses !== null) push(buffer.reversals, e.reverses, position)
    position++
  }
}

const newBuffer = (entries: ReadonlyArray<LedgerEntry>): Buffer => {
  const buffer: Buffer = { entries: [], bySeq: new Map(), byKey: new Map(), byVolunteer: new Map(), reversals: new Map() }
  pushAll(buffer, entries)
  return buffer
}

/**
 * The log with `entries` after its own (the caller has checked them): in place when this
 * log is the buffer's newest value, else on a copy of its prefix.
 *
 * @internal
 */
export const append = (log: EntryLog, entries: ReadonlyArray<LedgerEntry>): EntryLog => {
  if (entries.length === 0) return log
  if (log.buffer === null || log.length === 0) return { buffer: newBuffer(entries), length: entries.length }
  if (log.buffer.entries.length === log.length) {
    pushAll(log.buffer, entries)
    return { buffer: log.buffer, length: log.length + entries.length }
  }
  const buffer = newBuffer(log.buffer.entries.slice(0, log.length))
  pushAll(buffer, entries)
  return { buffer, length: buffer.entries.length }
}

/** The log's entries at some positions (those it holds). */
const at = (log: EntryLog, positions: ReadonlyArray<number> | undefined): Array<LedgerEntry> => {
  const out: Array<LedgerEntry> = []
  if (positions === undefined || log.buffer === null) return out
  for (const p of positions) {
    if (p >= log.length) break
    out.push(log.buffer.entries[p]!)
  }
  return out
}

/**
 * The entry of a seq, if the log holds it.
 *
 * @internal
 */
export const get = (log: EntryLog, seq: number): LedgerEntry | undefined => {
  const p = log.buffer?.bySeq.get(seq)
  return p === undefined || p >= log.length ? undefined : log.buffer!.entries[p]
}

/**
 * The entries written under a key, in seq order.
 *
 * @internal
 */
export const withKey = (log: EntryLog, key: string): Array<LedgerEntry> => at(log, log.buffer?.byKey.get(key))

/**
 * A volunteer's entries, in seq order.
 *
 * @internal
 */
export const ofVolunteer = (log: EntryLog, volunteerId: string): Array<LedgerEntry> =>
  at(log, log.buffer?.byVolunteer.get(volunteerId))

/**
 * The reversals of an entry, in seq order.
 *
 * @internal
 */
export const reversalsOf = (log: EntryLog, seq: number): Array<LedgerEntry> => at(log, log.buffer?.reversals.get(seq))

/**
 * Whether an entry has a reversal in the log.
 *
 * @internal
 */
export const isReversed = (log: EntryLog, seq: number): boolean => {
  const positions = log.buffer?.reversals.get(seq)
  return positions !== undefined && positions[0]! < log.length
}

/**
 * The log's entries, in seq order (a view: not to be changed).
 *
 * @internal
 */
export const entries = (log: EntryLog): ReadonlyArray<LedgerEntry> =>
  log.buffer === null ? [] : log.buffer.entries.length === log.length ? log.buffer.entries : log.buffer.entries.slice(0, log.length)

/**
 * At most `limit` entries with a seq above `afterSeq`, in seq order.
 *
 * @internal
 */
export const after = (log: EntryLog, afterSeq: number, limit: number): Array<LedgerEntry> => {
  if (log.buffer === null || limit <= 0) return []
  const all = log.buffer.entries
  // The first position whose seq is above afterSeq (seqs ascend with positions).
  let lo = 0
  let hi = log.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (all[mid]!.seq <= afterSeq) lo = mid + 1
    else hi = mid
  }
  return all.slice(lo, Math.min(log.length, lo + limit))
}
