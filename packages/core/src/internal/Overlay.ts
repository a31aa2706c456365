/**
 * One table of a batch's workspace: the rows a batch has read or written, by key, with
 * indexes, which index values are loaded in full from the store, and the store's
 * original of every row the batch has written, so that the batch's net effect can be
 * written back as a few multi-row statements.
 *
 * Rows loaded from the store never replace a row the batch has written (or removed):
 * the workspace is the newer state. A read is answered from the workspace only for an
 * index value loaded in full; the caller loads it first.
 *
 * @internal
 */

/**
 * How a table's rows are keyed and indexed. An index maps a row to the values it is
 * found under; `"key"` is the row's key itself, always there.
 */
export interface Layout<A, I extends string> {
  readonly key: (row: A) => string
  readonly indexes: { readonly [K in Exclude<I, "key">]: (row: A) => ReadonlyArray<string> }
}

const none: ReadonlyArray<string> = []

type Indexer<A> = readonly [Map<string, Array<string>>, (row: A) => ReadonlyArray<string>]

/** @internal */
export class Overlay<A, I extends string> {
  private readonly rows = new Map<string, A>()
  private readonly originals = new Map<string, A | undefined>()
  private readonly index = new Map<string, Map<string, Array<string>>>()
  private readonly loaded = new Map<string, Set<string>>()
  private readonly indexers: ReadonlyArray<Indexer<A>>

  constructor(readonly layout: Layout<A, I>) {
    const names = Object.keys(layout.indexes) as Array<Exclude<I, "key">>
    this.loaded.set("key", new Set())
    for (const name of names) {
      this.index.set(name, new Map())
      this.loaded.set(name, new Set())
    }
    this.indexers = names.map((name): Indexer<A> => [this.index.get(name)!, layout.indexes[name]])
  }

  /** Whether every row under this index value is in the workspace. */
  isLoaded(index: I | "key", value: string): boolean {
    return this.loaded.get(index)!.has(value)
  }

  /** The values of a list not loaded yet, each once (the same empty list when all are). */
  missing(index: I | "key", values: ReadonlyArray<string> | ReadonlySet<string>): ReadonlyArray<string> {
    const loaded = this.loaded.get(index)!
    if (Array.isArray(values)) {
      // The common case, one value loaded already, without an iterator or a set.
      if (values.length === 1 && loaded.has(values[0]!)) return none
      let out: Set<string> | undefined
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!
        if (loaded.has(v)) continue
        if (out === undefined) out = new Set()
        out.add(v)
      }
      return out === undefined ? none : Array.from(out)
    }
    const out: Array<string> = []
    for (const v of values) if (!loaded.has(v)) out.push(v)
    return out.length === 0 ? none : out
  }

  /** Rows from the store for these index values: kept unless the batch wrote their key already. */
  load(index: I | "key", values: ReadonlyArray<string>, rows: ReadonlyArray<A>): void {
    for (const row of rows) {
      const key = this.layout.key(row)
      if (!this.rows.has(key) && !this.originals.has(key)) this.add(key, row)
    }
    const loaded = this.loaded.get(index)!
    for (const v of values) loaded.add(v)
  }

  get(key: string): A | undefined {
    return this.rows.get(key)
  }

  /** The rows under an index value (loaded by the caller), in no particular order. */
  find(index: I | "key", value: string): Array<A> {
    if (index === "key") {
      const row = this.rows.get(value)
      return row === undefined ? [] : [row]
    }
    const keys = this.index.get(index)!.get(value)
    if (keys === undefined) return []
    return keys.map((key) => this.rows.get(key)!)
  }

  /** Writes a row (new or replacing the row of its key). */
  put(row: A): void {
    const key = this.layout.key(row)
    const previous = this.rows.get(key)
    if (!this.originals.has(key)) this.originals.set(key, previous)
    if (previous !== undefined) this.unindex(key, previous)
    this.add(key, row)
  }

  /** Removes the row of a key, if any. */
  remove(key: string): void {
    const previous = this.rows.get(key)
    if (!this.originals.has(key)) this.originals.set(key, previous)
    if (previous === undefined) return
    this.rows.delete(key)
    this.unindex(key, previous)
  }

  /**
   * What the batch did to the table since the last `settle`: every key it wrote, with the
   * store's row and the workspace's (undefined: none), handed to `f` in the order written.
   */
  eachChange(f: (before: A | undefined, after: A | undefined) => void): void {
    for (const [key, before] of this.originals) f(before, this.rows.get(key))
  }

  /** The store now holds what the workspace holds: nothing is pending. */
  settle(): void {
    this.originals.clear()
  }

  private add(key: string, row: A): void {
    this.rows.set(key, row)
    for (const [byValue, values] of this.indexers) {
      for (const value of values(row)) {
        const keys = byValue.get(value)
        if (keys === undefined) byValue.set(value, [key])
        else if (!keys.includes(key)) keys.push(key)
      }
    }
  }

  private unindex(key: string, row: A): void {
    for (const [byValue, values] of this.indexers) {
      for (const value of values(row)) {
        const keys = byValue.get(value)
        const at = keys === undefined ? -1 : keys.indexOf(key)
        if (at >= 0) keys!.splice(at, 1)
      }
    }
  }
}
