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

/** How a table's rows are keyed and indexed. An index maps a row to the values it is found under. */
export interface Layout<A, I extends string> {
  readonly key: (row: A) => string
  readonly indexes: { readonly [K in I]: (row: A) => ReadonlyArray<string> }
}

/** What a batch did to one table: per key, the store's row and the workspace's (undefined: none). */
export interface Change<A> {
  readonly key: string
  readonly before: A | undefined
  readonly after: A | undefined
}

/** @internal */
export class Overlay<A, I extends string> {
  private readonly rows = new Map<string, A>()
  private readonly originals = new Map<string, A | undefined>()
  private readonly index = new Map<I, Map<string, Set<string>>>()
  private readonly loaded = new Map<I, Set<string>>()
  private readonly indexers: ReadonlyArray<readonly [Map<string, Set<string>>, (row: A) => ReadonlyArray<string>]>

  constructor(readonly layout: Layout<A, I>) {
    const names = Object.keys(layout.indexes) as Array<I>
    for (const name of names) {
      this.index.set(name, new Map())
      this.loaded.set(name, new Set())
    }
    this.indexers = names.map((name) => [this.index.get(name)!, layout.indexes[name]] as const)
  }

  /** Whether every row under this index value is in the workspace. */
  isLoaded(index: I, value: string): boolean {
    return this.loaded.get(index)!.has(value)
  }

  /** The values of a list not loaded yet, each once. */
  missing(index: I, values: Iterable<string>): Array<string> {
    const loaded = this.loaded.get(index)!
    const out = new Set<string>()
    for (const v of values) if (!loaded.has(v)) out.add(v)
    return Array.from(out)
  }

  /** Rows from the store for these index values: kept unless the batch wrote their key already. */
  load(index: I, values: ReadonlyArray<string>, rows: ReadonlyArray<A>): void {
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
  find(index: I, value: string): Array<A> {
    const keys = this.index.get(index)!.get(value)
    if (keys === undefined) return []
    const out: Array<A> = []
    for (const key of keys) out.push(this.rows.get(key)!)
    return out
  }

  /** Writes a row (new or replacing the row of its key). */
  put(row: A): void {
    const key = this.layout.key(row)
    this.remember(key)
    this.drop(key)
    this.add(key, row)
  }

  /** Removes the row of a key, if any. */
  remove(key: string): void {
    this.remember(key)
    this.drop(key)
  }

  /** Every key the batch wrote since the last `settle`, with the store's row and the workspace's. */
  changes(): Array<Change<A>> {
    const out: Array<Change<A>> = []
    for (const [key, before] of this.originals) out.push({ key, before, after: this.rows.get(key) })
    return out
  }

  /** The store now holds what the workspace holds: nothing is pending. */
  settle(): void {
    this.originals.clear()
  }

  private remember(key: string): void {
    if (!this.originals.has(key)) this.originals.set(key, this.rows.get(key))
  }

  private add(key: string, row: A): void {
    this.rows.set(key, row)
    for (const [byValue, values] of this.indexers) {
      for (const value of values(row)) {
        let keys = byValue.get(value)
        if (keys === undefined) byValue.set(value, keys = new Set())
        keys.add(key)
      }
    }
  }

  private drop(key: string): void {
    const row = this.rows.get(key)
    if (row === undefined) return
    this.rows.delete(key)
    for (const [byValue, values] of this.indexers) {
      for (const value of values(row)) byValue.get(value)?.delete(key)
    }
  }
}
