/**
 * Compares strings by Unicode code point, which is the byte order of their UTF-8
 * encoding: the order of the SQL stores' byte-ordered (COLLATE "C" / BINARY) text
 * columns. JavaScript's `<` compares UTF-16 code units instead, which puts characters
 * above U+FFFF (surrogate pairs) before U+E000–U+FFFF.
 *
 * @internal
 */
export const compareStrings = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // Only where both are at or above the surrogate range does code-unit order differ.
    if (x >= 0xd800 && y >= 0xd800) return rank(x) - rank(y)
    return x - y
  }
  return a.length - b.length
}

/** Surrogates (U+D800–U+DFFF, the halves of code points above U+FFFF) sort after U+E000–U+FFFF. */
const rank = (unit: number): number => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit - 0x800)
