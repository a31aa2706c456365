/**
 * Administrative region codes: the 6-digit GB/T 2260 code (province, prefecture,
 * county) and the 12-digit 统计用区划代码, which appends a 3-digit township
 * (街道 / 镇 / 乡) and a 3-digit 居委会 / 村委会 segment.
 *
 * Validation is structural only: a code that is well formed may still not exist in
 * the current edition of the tables, and codes change every year, so the library
 * does not ship the tables.
 *
 * @since 0.1.0
 */
import { Either, Option, Schema } from "effect"
import * as ValidationError from "../errors/ValidationError.js"

/**
 * The level of a region code, from the widest to the narrowest.
 *
 * @since 0.1.0
 * @category models
 */
export type Level = "province" | "prefecture" | "county" | "township" | "village"

/**
 * The kind of a township-level unit, read from the township segment (digits 7–9):
 * 001–099 街道, 100–199 镇, 200–399 乡, 400–599 others (开发区, 农场 and the like).
 *
 * @since 0.1.0
 * @category models
 */
export type TownshipKind = "street" | "town" | "township" | "other"

/**
 * zh-CN labels for {@link TownshipKind}.
 *
 * @since 0.1.0
 * @category i18n
 */
export const townshipKindLabel: { readonly [K in TownshipKind]: { readonly zh: string; readonly en: string } } = {
  street: { zh: "街道", en: "Subdistrict" },
  town: { zh: "镇", en: "Town" },
  township: { zh: "乡", en: "Township" },
  other: { zh: "其他", en: "Other" }
}

/** @internal */
interface Problem {
  readonly rule: string
  readonly message: string
}

const SIX = /^\d{6}$/
const TWELVE = /^\d{12}$/

/**
 * @since 0.1.0
 * @category constants
 *
 * The GB/T 2260 province codes in use: 华北 11–15, 东北 21–23, 华东 31–37, 中南 41–46,
 * 西南 50–54, 西北 61–65, and 71 台湾, 81 香港, 82 澳门.
 */
export const provinces: ReadonlyArray<string> = [
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
  "71", "81", "82"
]

const isProvince = (digits: string): boolean => provinces.includes(digits)

const problem = (input: string): Problem | undefined => {
  if (!SIX.test(input) && !TWELVE.test(input)) {
    return { rule: "region-code.format", message: `Expected 6 or 12 digits, found ${input.length} characters` }
  }
  const province = input.slice(0, 2)
  if (!isProvince(province)) {
    return {
      rule: "region-code.province",
      message: `Province code ${province} is not a GB/T 2260 province code`
    }
  }
  if (input.length === 12) {
    const township = Number(input.slice(6, 9))
    if (township > 599) {
      return {
        rule: "region-code.township",
        message: `Township segment ${input.slice(6, 9)} is not in 000–599`
      }
    }
    if (township === 0 && input.slice(9, 12) !== "000") {
      return {
        rule: "region-code.village",
        message: `Village segment must be 000 when the township segment is 000, found ${input.slice(9, 12)}`
      }
    }
  }
  return undefined
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/**
 * A structurally valid 6-digit GB/T 2260 code or 12-digit 统计用区划代码.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RegionCode = Schema.String.pipe(
  Schema.filter(
    (input) => {
      const p = problem(input)
      return p === undefined ? true : `${p.rule}: ${p.message}`
    },
    {
      identifier: "RegionCode",
      description: "a 6-digit GB/T 2260 code or a 12-digit 统计用区划代码",
      // Random strings almost never pass the filter, so generate codes level by level.
      arbitrary: () => (fc) =>
        fc
          .record({
            province: fc.constantFrom(...provinces),
            prefecture: fc.integer({ min: 0, max: 99 }),
            county: fc.integer({ min: 0, max: 99 }),
            twelve: fc.boolean(),
            township: fc.integer({ min: 0, max: 599 }),
            village: fc.integer({ min: 0, max: 999 })
          })
          .map(({ county, prefecture, province, township, twelve, village }) => {
            const six = province + pad(prefecture, 2) + pad(county, 2)
            if (!twelve) return six
            return six + pad(township, 3) + (township === 0 ? "000" : pad(village, 3))
          })
    }
  ),
  Schema.brand("RegionCode")
)

/**
 * @since 0.1.0
 * @category models
 */
export type RegionCode = typeof RegionCode.Type

/**
 * Whether `input` is a structurally valid region code.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (input: string): boolean => problem(input) === undefined

/**
 * Checks `input` and brands it, or names the broken rule (`region-code.format`,
 * `region-code.province`, `region-code.township`, `region-code.village`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (
  input: string,
  field: string = "regionCode"
): Either.Either<RegionCode, ValidationError.ValidationError> => {
  const p = problem(input)
  return p === undefined
    ? Either.right(input as RegionCode)
    : Either.left(ValidationError.make(field, p.rule, p.message))
}

const levelSix = (six: string): Level =>
  six.slice(2, 6) === "0000" ? "province" : six.slice(4, 6) === "00" ? "prefecture" : "county"

/**
 * The level of a code, read from its trailing zero segments: `110000` province,
 * `110100` prefecture, `110105` county; a 12-digit code whose township segment is
 * `000` has the level of its first six digits, one whose village segment is `000` is
 * a township, any other a village.
 *
 * @since 0.1.0
 * @category getters
 */
export const level = (code: RegionCode): Level => {
  if (code.length === 6 || code.slice(6, 9) === "000") return levelSix(code.slice(0, 6))
  return code.slice(9, 12) === "000" ? "township" : "village"
}

const parentSix = (six: string): Option.Option<string> => {
  switch (levelSix(six)) {
    case "county":
      return Option.some(six.slice(0, 4) + "00")
    case "prefecture":
      return Option.some(six.slice(0, 2) + "0000")
    default:
      return Option.none()
  }
}

/**
 * The code one level up, of the same width as `code`: village → township → county →
 * prefecture → province → none. `131102000000` → `131100000000`.
 *
 * @since 0.1.0
 * @category getters
 */
export const parent = (code: RegionCode): Option.Option<RegionCode> => {
  if (code.length === 6) return parentSix(code) as Option.Option<RegionCode>
  switch (level(code)) {
    case "village":
      return Option.some((code.slice(0, 9) + "000") as RegionCode)
    case "township":
      return Option.some((code.slice(0, 6) + "000000") as RegionCode)
    default:
      return Option.map(parentSix(code.slice(0, 6)), (six) => (six + "000000") as RegionCode)
  }
}

/**
 * The kind of township a 12-digit township- or village-level code belongs to; none for
 * 6-digit codes and for county level and above.
 *
 * @since 0.1.0
 * @category getters
 */
export const townshipKind = (code: RegionCode): Option.Option<TownshipKind> => {
  if (code.length !== 12) return Option.none()
  const township = Number(code.slice(6, 9))
  if (township === 0) return Option.none()
  if (township < 100) return Option.some("street")
  if (township < 200) return Option.some("town")
  if (township < 400) return Option.some("township")
  return Option.some("other")
}

/**
 * The first six digits: the county-level GB/T 2260 part (for a code above county level,
 * that code itself).
 *
 * @since 0.1.0
 * @category getters
 */
export const county = (code: RegionCode): string => code.slice(0, 6)

/**
 * Widens a 6-digit code to 12 digits by appending zeros; a 12-digit code is returned
 * unchanged.
 *
 * @since 0.1.0
 * @category constructors
 */
export const toTwelve = (code: RegionCode): RegionCode =>
  code.length === 12 ? code : ((code + "000000") as RegionCode)
