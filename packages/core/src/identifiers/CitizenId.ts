/**
 * The resident identity number of GB 11643-1999 (公民身份号码): a 6-digit address
 * code, an 8-digit birth date, a 3-digit sequence (odd for men, even for women) and a
 * check character by ISO 7064 MOD 11-2.
 *
 * The residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证,
 * 国办发〔2018〕81号) carry a number of the same form whose address code is exactly
 * `810000` (Hong Kong), `820000` (Macao) or `830000` (Taiwan); {@link documentKind}
 * tells them apart from resident ID numbers.
 *
 * An ID number is personal data (志愿服务记录办法 第十六条), so error messages never
 * repeat the input or the birth date; use {@link mask} for display.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import * as ValidationError from "../errors/ValidationError.js"
import * as Masking from "./Masking.js"
import * as RegionCode from "./RegionCode.js"

/** @internal */
interface Problem {
  readonly rule: string
  readonly message: string
}

const FORMAT = /^\d{17}[\dX]$/
const DIGITS_17 = /^\d{17}$/
const WEIGHTS: ReadonlyArray<number> = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = "10X98765432"
// GB 11643-1999 sets no earliest birth date, and its own example in 附录A,
// 440524188001010014, was born on 1880-01-01; 1800-01-01 is a sanity bound below it.
const EARLIEST_BIRTH = "18000101"
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number:
 * Σ(digit × weight) mod 11 indexes `"10X98765432"`. Returns `""` when `first17` is not
 * 17 ASCII digits, so that an ID built from it fails validation.
 *
 * @since 0.1.0
 * @category check character
 */
export const checkCharacter = (first17: string): string => {
  if (!DIGITS_17.test(first17)) return ""
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0)
  }
  return CHECK.charAt(sum % 11)
}

/**
 * What an ID number identifies: a resident ID (居民身份证), or the residence permit of
 * a Hong Kong or Macao resident (港澳居民居住证, address code `810000` / `820000`) or of
 * a Taiwan resident (台湾居民居住证, `830000`).
 *
 * @since 0.2.0
 * @category models
 */
export type DocumentKind = "resident" | "hong-kong-macao-permit" | "taiwan-permit"

/**
 * zh and en labels for {@link DocumentKind}.
 *
 * @since 0.2.0
 * @category i18n
 */
export const documentKindLabel: { readonly [K in DocumentKind]: { readonly zh: string; readonly en: string } } = {
  resident: { zh: "居民身份证", en: "Resident identity card" },
  "hong-kong-macao-permit": { zh: "港澳居民居住证", en: "Residence permit for Hong Kong and Macao residents" },
  "taiwan-permit": { zh: "台湾居民居住证", en: "Residence permit for Taiwan residents" }
}

/**
 * The address codes of the residence permits (国办发〔2018〕81号): 810000 Hong Kong,
 * 820000 Macao, 830000 Taiwan.
 *
 * @since 0.2.0
 * @category constants
 */
export const permitAddressCodes: { readonly [code: string]: Exclude<DocumentKind, "resident"> } = {
  "810000": "hong-kong-macao-permit",
  "820000": "hong-kong-macao-permit",
  "830000": "taiwan-permit"
}

const permitKind = (address: string): DocumentKind | undefined =>
  Object.hasOwn(permitAddressCodes, address) ? permitAddressCodes[address] : undefined

// 81, 82 and 83 appear in ID numbers only as the permit codes: nobody's registered
// residence (户口) is in Hong Kong or Macao, and 83 is no GB/T 2260 province at all.
const PERMIT_PROVINCES: ReadonlyArray<string> = ["81", "82", "83"]

const isAddressCode = (address: string): boolean =>
  permitKind(address) !== undefined ||
  (!PERMIT_PROVINCES.includes(address.slice(0, 2)) && RegionCode.isValid(address))

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

const isCalendarDate = (yyyymmdd: string): boolean => {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

// IDs are issued in China: compare with the date in UTC+8, so that a server in another
// zone neither rejects a child born today nor accepts one born tomorrow.
const todayInChina = (): string => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll("-", "")

const problem = (input: string): Problem | undefined => {
  if (!FORMAT.test(input)) {
    return {
      rule: "citizen-id.format",
      message: `Expected 18 characters, 17 digits then a digit or X; found ${input.length} characters`
    }
  }
  if (!isAddressCode(input.slice(0, 6))) {
    return {
      rule: "citizen-id.region",
      message: PERMIT_PROVINCES.includes(input.slice(0, 2))
        ? "Address code (digits 1–6) is in 香港, 澳门 or 台湾, where only the residence permit codes 810000, 820000 and 830000 are issued"
        : "Address code (digits 1–6) is not a GB/T 2260 code (a known province; a county under a prefecture)"
    }
  }
  const birth = input.slice(6, 14)
  if (!isCalendarDate(birth)) {
    return { rule: "citizen-id.birth-date", message: "Birth date (digits 7–14) is not a calendar date" }
  }
  if (birth < EARLIEST_BIRTH) {
    return { rule: "citizen-id.birth-date", message: "Birth date (digits 7–14) is before 1800-01-01" }
  }
  if (birth > todayInChina()) {
    return { rule: "citizen-id.birth-date", message: "Birth date (digits 7–14) is after today" }
  }
  const expected = checkCharacter(input.slice(0, 17))
  const found = input.charAt(17)
  if (found !== expected) {
    return {
      rule: "citizen-id.check-digit",
      message: "Check character (18th) does not match digits 1–17 (ISO 7064 MOD 11-2)"
    }
  }
  return undefined
}

// Many forms and spreadsheets hold a lowercase x; the canonical form is uppercase.
const normalise = (input: string): string =>
  input.length === 18 && input.endsWith("x") ? input.slice(0, 17) + "X" : input

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

const MAINLAND_PROVINCES = RegionCode.provinces.filter((p) => !PERMIT_PROVINCES.includes(p))

const DAY_MS = 24 * 60 * 60 * 1000
// 2020-12-31: fixed so that generated IDs never lie in the future, whatever the clock.
const ARBITRARY_LAST_BIRTH_DAY = Date.UTC(2020, 11, 31) / DAY_MS
const ARBITRARY_FIRST_BIRTH_DAY = Date.UTC(1800, 0, 1) / DAY_MS

/** A valid GB 11643-1999 resident ID number, with an uppercase `X` check character. */
const Canonical = Schema.String.pipe(
  Schema.filter(
    (input) => {
      const p = problem(input)
      return p === undefined ? true : `${p.rule}: ${p.message}`
    },
    {
      identifier: "CitizenId",
      description: "an 18-character GB 11643-1999 resident ID number",
      // Resident IDs of any mainland province, and now and then a residence permit.
      arbitrary: () => (fc) =>
        fc
          .record({
            address: fc.oneof(
              {
                weight: 9,
                arbitrary: fc
                  .tuple(fc.constantFrom(...MAINLAND_PROVINCES), fc.integer({ min: 0, max: 9999 }))
                  // A county needs a prefecture: digits 3–4 of 00 come with 5–6 of 00.
                  .map(([province, rest]) => province + pad(rest < 100 ? 0 : rest, 4))
              },
              { weight: 1, arbitrary: fc.constantFrom(...Object.keys(permitAddressCodes)) }
            ),
            day: fc.integer({ min: ARBITRARY_FIRST_BIRTH_DAY, max: ARBITRARY_LAST_BIRTH_DAY }),
            sequence: fc.integer({ min: 0, max: 999 })
          })
          .map(({ address, day, sequence }) => {
            const birth = new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "")
            const first17 = address + birth + pad(sequence, 3)
            return first17 + checkCharacter(first17)
          })
    }
  ),
  Schema.brand("CitizenId")
)

/**
 * A valid GB 11643-1999 resident ID number, decoded to an uppercase `X` check
 * character (a lowercase `x` is accepted, as `isValid` and `parse` accept it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CitizenId = Schema.transform(Schema.String, Canonical, {
  strict: true,
  decode: (input) => normalise(input),
  encode: (id) => id
})

/**
 * @since 0.1.0
 * @category models
 */
export type CitizenId = typeof CitizenId.Type

/**
 * Whether {@link parse} accepts `input` (so a lowercase `x` check character passes).
 * The birth date is checked against today's date in China (UTC+8).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (input: string): boolean => problem(normalise(input)) === undefined

/**
 * Checks `input`, turning a lowercase `x` check character into `X`, and brands it; or
 * names the first broken rule, in this order: `citizen-id.format`, `citizen-id.region`,
 * `citizen-id.birth-date`, `citizen-id.check-digit`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (
  input: string,
  field: string = "citizenId"
): Either.Either<CitizenId, ValidationError.ValidationError> => {
  const normalised = normalise(input)
  const p = problem(normalised)
  return p === undefined
    ? Either.right(normalised as CitizenId)
    : Either.left(ValidationError.make(field, p.rule, p.message))
}

/**
 * The date of birth as an ISO date, `YYYY-MM-DD`.
 *
 * @since 0.1.0
 * @category getters
 */
export const birthDate = (id: CitizenId): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

/**
 * Which document the number belongs to, read from the address code: `810000` or
 * `820000` a Hong Kong or Macao residence permit, `830000` a Taiwan residence permit,
 * any other a resident ID.
 *
 * @since 0.2.0
 * @category getters
 */
export const documentKind = (id: CitizenId): DocumentKind => permitKind(id.slice(0, 6)) ?? "resident"

/**
 * Sex as recorded by the 17th digit: odd male, even female.
 *
 * @since 0.1.0
 * @category getters
 */
export const sex = (id: CitizenId): "male" | "female" => (Number(id.charAt(16)) % 2 === 1 ? "male" : "female")

/**
 * The ID for display: the first 6 and last 4 characters kept, the 8 between starred,
 * as in `110105********002X`.
 *
 * @since 0.1.0
 * @category masking
 */
export const mask = (id: CitizenId): string => `${id.slice(0, 6)}********${id.slice(14)}`

/**
 * Masks any stored string meant to be an ID number: a valid number (a lowercase `x`
 * included) as {@link mask} does, `110105********002X`; anything else by
 * `Masking.maskUnknown`, 8 characters of stars ending in at most the last 4 of the
 * value, so that an ID with a typo shows no more than its last 4 characters. Line
 * breaks, lone surrogates and other odd content never get through.
 *
 * @since 0.2.0
 * @category masking
 */
export const maskStored = (value: string): string => {
  const normalised = normalise(value)
  return problem(normalised) === undefined ? mask(normalised as CitizenId) : Masking.maskUnknown(value)
}

/**
 * Age in completed years on `isoDate` (`YYYY-MM-DD`): a year is completed on the
 * birthday itself; someone born on 29 February completes it on 1 March in common years.
 * Negative when `isoDate` is before the date of birth.
 *
 * @since 0.1.0
 * @category getters
 */
export const ageOn = (id: CitizenId, isoDate: string): number => {
  const birth = birthDate(id)
  const years = Number(isoDate.slice(0, 4)) - Number(birth.slice(0, 4))
  // "MM-DD" strings compare in calendar order.
  return isoDate.slice(5, 10) < birth.slice(5, 10) ? years - 1 : years
}
