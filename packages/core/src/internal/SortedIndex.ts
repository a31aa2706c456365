/**
 * A persistent map from string keys to values, kept in key order so that a prefix is a
 * range: the memory store's stand-in for a database index. Setting a key replaces its
 * value (the underlying red-black tree would otherwise keep both).
 *
 * @internal
 */
import { type Option, Order, RedBlackTree } from "effect"
import { compareStrings } from "./compareStrings.js"

/** @internal */
export type SortedIndex<A> = RedBlackTree.RedBlackTree<string, A>

/** Separates the parts of a composite key; sorts before every character in a part. */
export const separator = "\u0000"

/** A composite key: its parts joined by the separator, so it sorts part by part. */
export const key = (...parts: ReadonlyArray<string>): string => parts.join(separator)

/** Code-point order: the byte order of the SQL stores' text columns. */
const byCodePoint: Order.Order<string> = Order.make((a, b) => {
  const c = compareStrings(a, b)
  return c < 0 ? -1 : c > 0 ? 1 : 0
})

/** @internal */
export const empty = <A>(): SortedIndex<A> => RedBlackTree.empty<string, A>(byCodePoint)

/** @internal */
export const get = <A>(index: SortedIndex<A>, k: string): Option.Option<A> => RedBlackTree.findFirst(index, k)

/** @internal */
export const set = <A>(index: SortedIndex<A>, k: string, value: A): SortedIndex<A> =>
  RedBlackTree.insert(RedBlackTree.removeFirst(index, k), k, value)

/** @internal */
export const remove = <A>(index: SortedIndex<A>, k: string): SortedIndex<A> => RedBlackTree.removeFirst(index, k)

/** The values whose keys start with `prefix`, in key order. */
export const withPrefix = <A>(index: SortedIndex<A>, prefix: string): Array<A> => {
  const out: Array<A> = []
  for (const [k, value] of RedBlackTree.greaterThanEqual(index, prefix)) {
    if (!k.startsWith(prefix)) break
    out.push(value)
  }
  return out
}

/** The values whose keys lie in `[from, to)`, in key order. */
export const between = <A>(index: SortedIndex<A>, from: string, to: string): Array<A> => {
  const out: Array<A> = []
  for (const [k, value] of RedBlackTree.greaterThanEqual(index, from)) {
    if (compareStrings(k, to) >= 0) break
    out.push(value)
  }
  return out
}

/** The values whose key's first part is exactly `first`, in key order. */
export const withFirst = <A>(index: SortedIndex<A>, first: string): Array<A> => withPrefix(index, first + separator)

/** Every value, in key order. */
export const values = <A>(index: SortedIndex<A>): Array<A> => Array.from(RedBlackTree.values(index))
