/**
 * Display masks for personal data in free text, where there is no format to keep
 * (identifiers mask themselves: `CitizenId.mask`, `Phone.mask`).
 *
 * Both count Unicode code points, not UTF-16 units, so a rare character outside the
 * Basic Multilingual Plane (生僻字 in CJK Extension B and later) counts as one.
 *
 * @since 0.1.0
 */

const ADDRESS_KEPT = 6
const ADDRESS_MAX_STARS = 6

/**
 * Keeps the first 6 characters of an address (typically city and district) and stars
 * the rest, with at most 6 stars, so that a long address does not give away its length.
 * Addresses of 6 characters or fewer are returned unchanged.
 *
 * @since 0.1.0
 * @category masking
 */
export const maskAddress = (address: string): string => {
  const chars = Array.from(address)
  if (chars.length <= ADDRESS_KEPT) return address
  return chars.slice(0, ADDRESS_KEPT).join("") + "*".repeat(Math.min(chars.length - ADDRESS_KEPT, ADDRESS_MAX_STARS))
}

/**
 * Keeps the first character of a name (the surname, or the first of a compound surname)
 * and stars each of the others: 张三 → 张*, 欧阳娜娜 → 欧***. A single character, or an
 * empty name, is returned unchanged.
 *
 * @since 0.1.0
 * @category masking
 */
export const maskName = (name: string): string => {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  return (chars[0] ?? "") + "*".repeat(chars.length - 1)
}
