/**
 * Free text a resident or a worker wrote — a demand's description, a resolution's,
 * rejection's or return visit's note, what a visit updated — may hold a phone number or a
 * resident ID number. `scrub` masks them for a reader without `pii:read`, in the shapes
 * people write them: `13912345678`, `+86 139 1234 5678`, `0086-13912345678`,
 * `139-1234-5678`, full-width `１３９１２３４５６７８`, an 18-digit ID number (last
 * character `X` too) and a 15-digit one of the old format, with or without spaces or
 * hyphens between the groups.
 *
 * The rule is deliberately wide: any run of digits (ASCII or full-width, single spaces or
 * hyphens between groups, a leading `+`) holding 11 digits or more is masked — a mobile
 * number as `139****5678`, an ID number as `CitizenId.maskStored`, anything else as
 * `Masking.maskUnknown` (stars and the last 4 digits). Dates and times (`2024-03-01
 * 09:00`) hold fewer digits and stay.
 *
 * @since 0.5.0
 */
import * as CitizenId from "../identifiers/CitizenId.js"
import * as Masking from "../identifiers/Masking.js"

/** A run of digit groups: a leading plus, groups joined by one space or hyphen, a final X of an ID number. */
const RUN = /(?<![0-9\uFF10-\uFF19])[+\uFF0B]?[0-9\uFF10-\uFF19]+(?:[ \u3000\-\uFF0D\u2010-\u2014][0-9\uFF10-\uFF19]+)*(?:[Xx\uFF38\uFF58](?![A-Za-z]))?/g

/** Full-width digits and X to ASCII, everything else but digits and X dropped. */
const digitsOf = (run: string): string =>
  run
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/[^0-9Xx]/g, "")
    .toUpperCase()

const MOBILE = /^1[3-9][0-9]{9}$/

/**
 * How many digits a run must hold to be masked.
 *
 * @since 0.5.0
 * @category constants
 */
export const minimumDigits = 11

/**
 * One run of digits as a reader without `pii:read` sees it.
 *
 * @since 0.5.0
 * @category masking
 */
export const maskRun = (run: string): string => {
  const digits = digitsOf(run)
  if (digits.replace("X", "").length < minimumDigits) return run
  const mobile = [digits, digits.replace(/^(?:0086|86)/, "")].find((d) => MOBILE.test(d))
  if (mobile !== undefined) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`
  return digits.length === 18 ? CitizenId.maskStored(digits) : Masking.maskUnknown(digits)
}

/**
 * The text with every phone number, ID number and other long run of digits masked.
 *
 * @since 0.5.0
 * @category masking
 */
export const scrub = (text: string): string => text.replace(RUN, maskRun)

/**
 * Whether the text holds something `scrub` masks (so that an unmasked read of it is
 * audited).
 *
 * @since 0.5.0
 * @category predicates
 */
export const isPersonal = (text: string | null): boolean => text !== null && scrub(text) !== text
