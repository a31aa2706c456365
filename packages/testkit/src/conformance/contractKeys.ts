/**
 * What the repository contracts share: the code-point order of the SQL stores' text
 * columns, sorting rows by fields in it, checking a read whose order leaves ties open,
 * the last write of each key, text that an encoding must escape, and key lists longer
 * than one SQL statement may carry.
 *
 * @since 0.4.0
 */
import { expect } from "@effect/vitest"

/**
 * Code-point order: the byte order of the SQL stores' text columns.
 *
 * @since 0.4.0
 * @category utils
 */
export const compareCodePoints = (a: string, b: string): number => {
  const x = Array.from(a)
  const y = Array.from(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!
    if (c !== 0) return c
  }
  return x.length - y.length
}

/**
 * Sorts a copy by string fields in code-point order, field by field.
 *
 * @since 0.4.0
 * @category utils
 */
export const sortBy = <A>(rows: ReadonlyArray<A>, ...fields: ReadonlyArray<(a: A) => string>): Array<A> =>
  [...rows].sort((a, b) => {
    for (const field of fields) {
      const c = compareCodePoints(field(a), field(b))
      if (c !== 0) return c
    }
    return 0
  })

/**
 * How many keys a "many keys" read takes: more than one SQLite statement's parameters
 * (32,766), so a store that chunks must merge the chunks in order.
 *
 * @since 0.4.0
 * @category constants
 */
export const many = 40_000

/**
 * {@link many} keys with the known ones standing at both ends and in the middle of the
 * list, in reverse order, and unknown keys everywhere else.
 *
 * @since 0.4.0
 * @category constructors
 */
export const spread = <A extends string>(known: ReadonlyArray<string>): ReadonlyArray<A> => {
  const keys = Array.from({ length: many }, (_, i) => `unknown-${i}`)
  const reversed = [...known].reverse()
  reversed.forEach((k, i) => {
    keys[Math.floor((i * (many - 1)) / Math.max(1, reversed.length - 1))] = k
  })
  return keys as unknown as ReadonlyArray<A>
}

/**
 * Checks a read whose documented order leaves ties open (two rows of one key valid on a
 * day, two qualifications obtained on one day): the same rows, and in the documented
 * order.
 *
 * @since 0.5.0
 * @category utils
 */
export const expectInOrder = <A>(
  got: ReadonlyArray<A>,
  expected: ReadonlyArray<A>,
  documented: ReadonlyArray<(a: A) => string>,
  ties: ReadonlyArray<(a: A) => string>
): void => {
  expect(sortBy(got, ...documented, ...ties)).toEqual(sortBy(expected, ...documented, ...ties))
  const keyOf = (a: A) => documented.map((f) => f(a)).join("\u0000")
  expect(got.map(keyOf)).toEqual(sortBy(expected, ...documented).map(keyOf))
}

/**
 * The last write of each key wins, in the order written.
 *
 * @since 0.5.0
 * @category utils
 */
export const lastWins = <A>(rows: ReadonlyArray<A>, keyOf: (a: A) => string): Array<A> =>
  Array.from(new Map(rows.map((r) => [keyOf(r), r] as const)).values())

/**
 * Text that JSON or a naive list encoding must escape, in several scripts (and outside
 * the Basic Multilingual Plane).
 *
 * @since 0.5.0
 * @category constants
 */
export const awkward: ReadonlyArray<string> = ["𠀀", "a\"b", "c\\d", "[]", "null", "x,y", "{\"k\":1}", "'", "中文", "é", "\u2028"]
