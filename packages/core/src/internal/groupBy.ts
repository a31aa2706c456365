/** Rows grouped by a key, in first-seen order. */
export const groupBy = <A>(rows: ReadonlyArray<A>, f: (a: A) => string): Map<string, Array<A>> => {
  const map = new Map<string, Array<A>>()
  for (const row of rows) {
    const k = f(row)
    const list = map.get(k)
    if (list === undefined) map.set(k, [row])
    else list.push(row)
  }
  return map
}
