/**
 * What the repository contracts share: the code-point order of the SQL stores' text
 * columns, sorting rows by fields in it, and key lists longer than one SQL statement may
 * carry.
 *
 * @since 0.4.0
 */

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
