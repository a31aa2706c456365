/**
 * Display masks for personal data in free text, where there is no format to keep
 * (identifiers mask themselves: `CitizenId.mask`, `Phone.mask`, and for stored strings
 * that may not be valid, `CitizenId.maskStored`, `Phone.maskStored`).
 *
 * All count Unicode code points, not UTF-16 units, so a rare character outside the
 * Basic Multilingual Plane (生僻字 in CJK Extension B and later) counts as one, and a
 * lone surrogate counts as one too.
 *
 * They are safe for any stored string: a kept character that does not display
 * (a control character such as a line break, a format character such as a bidi
 * override, a lone surrogate, a line or paragraph separator) is shown as a star, and
 * each reads a bounded number of characters however long the input.
 *
 * @since 0.1.0
 */

const ADDRESS_KEPT = 6
const ADDRESS_MAX_STARS = 6
const NAME_MAX_STARS = 15
const UNKNOWN_KEPT = 4
const UNKNOWN_WIDTH = 8

// Cc controls (line breaks included), Cf format characters (bidi overrides, zero-width
// joiners), Cs lone surrogates, Zl and Zp separators.
const HIDDEN = /^[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]$/u

const shown = (c: string): string => (HIDDEN.test(c) ? "*" : c)

/** The first `limit` code points of `value`; reads no further. */
const firstCodePoints = (value: string, limit: number): Array<string> => {
  const out: Array<string> = []
  if (limit <= 0) return out
  for (const c of value) {
    out.push(c)
    if (out.length >= limit) break
  }
  return out
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/** The last `limit` code points of `value`, split as `Array.from` splits them. */
const lastCodePoints = (value: string, limit: number): Array<string> => {
  const out: Array<string> = []
  let end = value.length
  while (out.length < limit && end > 0) {
    const pair = end >= 2 && isLow(value.charCodeAt(end - 1)) && isHigh(value.charCodeAt(end - 2))
    const start = pair ? end - 2 : end - 1
    out.unshift(value.slice(start, end))
    end = start
  }
  return out
}

/**
 * Keeps the start of an address (typically city and district) and stars the rest: the
 * first half of its characters (rounded down), at most 6, then at most 6 stars, so that
 * a short address (朝阳路1号) is never shown whole and a long one does not give away its
 * length.
 *
 * @since 0.1.0
 * @category masking
 */
export const maskAddress = (address: string): string => {
  const chars = firstCodePoints(address, 2 * ADDRESS_KEPT + 1)
  const kept = Math.min(ADDRESS_KEPT, Math.floor(chars.length / 2))
  return chars.slice(0, kept).map(shown).join("") + "*".repeat(Math.min(chars.length - kept, ADDRESS_MAX_STARS))
}

/**
 * Keeps the first character of a name (the surname, or the first of a compound surname)
 * and stars each of the others, at most 15 stars: 张三 → 张*, 欧阳娜娜 → 欧***. A single
 * character is shown as it is; an empty name stays empty.
 *
 * @since 0.1.0
 * @category masking
 */
export const maskName = (name: string): string => {
  const chars = firstCodePoints(name, 1 + NAME_MAX_STARS)
  const first = chars[0]
  return first === undefined ? "" : shown(first) + "*".repeat(chars.length - 1)
}

/**
 * Masks a stored value of unknown form (a phone or ID number that is not valid, say):
 * 8 characters, stars then at most the last 4 characters of the value, and never more
 * than half of it: `+86 138 1234 5678` → `****5678`, `12345` → `******45`, `x` →
 * `********`. The fixed width hides the value's length.
 *
 * @since 0.2.0
 * @category masking
 */
export const maskUnknown = (value: string): string => {
  const length = firstCodePoints(value, 2 * UNKNOWN_KEPT).length
  const kept = Math.min(UNKNOWN_KEPT, Math.floor(length / 2))
  return "*".repeat(UNKNOWN_WIDTH - kept) + lastCodePoints(value, kept).map(shown).join("")
}
