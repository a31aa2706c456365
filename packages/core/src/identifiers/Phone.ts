/**
 * Mainland China mobile phone numbers: 11 digits, `1` then `3`–`9`. Landlines, `+86`
 * prefixes and separators are not accepted; callers normalise before parsing.
 *
 * A phone number is personal contact data (志愿服务记录办法 第五条、第十六条), so error
 * messages never repeat it; use {@link mask} for display.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import * as ValidationError from "../errors/ValidationError.js"
import * as Masking from "./Masking.js"

const FORMAT = /^1[3-9]\d{9}$/
const RULE = "phone.format"

// Names the length only: not even a phone number's first digits are repeated.
const message = (input: string): string => `Expected 11 digits starting 13–19; found ${input.length} characters`

/**
 * A mainland mobile phone number.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Phone = Schema.String.pipe(
  Schema.filter((input) => FORMAT.test(input) || `${RULE}: ${message(input)}`, {
    identifier: "Phone",
    description: "an 11-digit mainland China mobile phone number",
    arbitrary: () => (fc) =>
      fc
        .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
        .map(([second, rest]) => `1${second}${String(rest).padStart(9, "0")}`)
  }),
  Schema.brand("Phone")
)

/**
 * @since 0.1.0
 * @category models
 */
export type Phone = typeof Phone.Type

/**
 * Whether `input` is a mainland mobile phone number.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (input: string): boolean => FORMAT.test(input)

/**
 * Checks `input` and brands it, or fails with rule `phone.format`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (input: string, field: string = "phone"): Either.Either<Phone, ValidationError.ValidationError> =>
  FORMAT.test(input)
    ? Either.right(input as Phone)
    : Either.left(ValidationError.make(field, RULE, message(input)))

/**
 * The number for display: first 3 and last 4 digits kept, `138****5678`.
 *
 * @since 0.1.0
 * @category masking
 */
export const mask = (phone: Phone): string => `${phone.slice(0, 3)}****${phone.slice(7)}`

/**
 * Masks any stored string meant to be a phone number: a valid number as {@link mask}
 * does (`138****5678`), anything else by `Masking.maskUnknown`, 8 characters of stars
 * ending in at most the last 4 of the value (`+86 138 1234 5678` → `****5678`). Line
 * breaks, lone surrogates and other odd content never get through.
 *
 * @since 0.2.0
 * @category masking
 */
export const maskStored = (value: string): string =>
  FORMAT.test(value) ? mask(value as Phone) : Masking.maskUnknown(value)
