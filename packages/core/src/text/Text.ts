/**
 * Text fields of commands and actors: one line of printable Unicode, bounded. A value
 * is refused at decoding (a `ValidationError` naming the field and the rule) rather
 * than stored, when a store could not keep it exactly as given: every store then reads
 * back the same string. Refused are control characters and line breaks (U+0000–U+001F,
 * U+007F–U+009F, U+2028, U+2029: PostgreSQL cannot store U+0000, line breaks break
 * one-line fields and masks), invisible characters and noncharacters (U+200B, U+2060,
 * U+FEFF, tag characters U+E0000–U+E007F, U+FDD0–U+FDEF, U+xFFFE/U+xFFFF: they make two
 * names look alike), text with no visible character, unpaired
 * surrogates (not Unicode; each store would replace them differently), bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, which can make a
 * name display as another), leading or trailing white space, and values over the
 * field's length in characters (code points). Messages name the position, never the
 * value, which may be personal data.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"

/**
 * What is wrong with a one-line text, as `rule: message`, or undefined when nothing is.
 *
 * @since 0.2.0
 * @category validation
 */
export const problem = (value: string, maxLength: number): string | undefined => {
  // A cheap bound first, so a megabyte is refused without a scan: a code point is at
  // most two UTF-16 units.
  if (value.length > 2 * maxLength) return `text.length: longer than ${maxLength} characters`
  if (value.length === 0) return "text.empty: must not be empty"
  let count = 0
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    count++
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        const point = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00)
        if ((point >= 0xe0000 && point <= 0xe007f) || (point & 0xfffe) === 0xfffe) {
          return `text.invisible: character ${count} is a tag character or a noncharacter (U+${point.toString(16).toUpperCase()})`
        }
        i++
        continue
      }
      return `text.surrogate: character ${count} is an unpaired surrogate, not Unicode text`
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      return `text.surrogate: character ${count} is an unpaired surrogate, not Unicode text`
    }
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || unit === 0x2028 || unit === 0x2029) {
      return `text.control: character ${count} is a control character or line break (U+${hex(unit)}); one line of printable text is expected`
    }
    if (unit === 0x200b || unit === 0x2060 || unit === 0xfeff || (unit >= 0xfdd0 && unit <= 0xfdef) || unit >= 0xfffe) {
      return `text.invisible: character ${count} is an invisible character or a noncharacter (U+${hex(unit)})`
    }
    if (unit === 0x061c || unit === 0x200e || unit === 0x200f || (unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069)) {
      return `text.bidi: character ${count} is a bidirectional control (U+${hex(unit)})`
    }
  }
  if (count > maxLength) return `text.length: ${count} characters, at most ${maxLength}`
  if (value.trim() !== value) return "text.trimmed: must not start or end with white space"
  if (!visible.test(value)) return "text.empty: has no visible character"
  return undefined
}

/** A character that is neither white space nor an invisible format character (U+200B, U+FEFF …). */
const visible = /[^\s\p{Cf}\p{Z}]/u

const hex = (unit: number): string => unit.toString(16).toUpperCase().padStart(4, "0")

/**
 * One line of printable text of 1 to `maxLength` characters, trimmed.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Line = (maxLength: number) =>
  Schema.String.pipe(
    Schema.filter((value) => problem(value, maxLength) ?? true, {
      description: `one line of 1 to ${maxLength} characters`,
      arbitrary: () => (fc) =>
        fc.string({ minLength: 1, maxLength: Math.min(maxLength, 20), unit: "grapheme" }).map((s) => s.trim()).filter((s) =>
          problem(s, maxLength) === undefined
        )
    })
  )

/**
 * A name (of a grid, a place, a person, a post): up to 100 characters.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Name = Line(100)

/**
 * An id chosen by the platform (a place's, a worker's, an actor's): up to 64 characters.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Id = Line(64)

/**
 * A postal address: up to 200 characters.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Address = Line(200)
