/**
 * Administrative region codes: the 6-digit GB/T 2260 code (province, prefecture,
 * county) and the 12-digit 统计用区划代码, which appends a 3-digit township
 * (街道 / 镇 / 乡) and a 3-digit 居委会 / 村委会 segment.
 *
 * A township- or village-level code lies under a county-level unit: under a county
 * (digits 5–6 not `00`) or under one of the {@link prefecturesWithoutDistricts}.
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
 * The kind of a township-level unit, read from the township segment (digits 7–9) as
 * the 统计用区划代码 编制规则 of the 国家统计局 assigns it: 001–099 街道, 100–199 镇,
 * 200–399 乡 (the units the civil-affairs departments recognise, coded by GB/T 10114),
 * and 400–599 类似乡级单位, the township-like units they do not recognise: development
 * zones, industrial and mining areas, farms and the like (`other`).
 *
 * @since 0.1.0
 * @category models
 */
export type TownshipKind = "street" | "town" | "township" | "other"

/**
 * zh and en labels for {@link TownshipKind}.
 *
 * @since 0.1.0
 * @category i18n
 */
export const townshipKindLabel: { readonly [K in TownshipKind]: { readonly zh: string; readonly en: string } } = {
  street: { zh: "街道", en: "Subdistrict" },
  town: { zh: "镇", en: "Town" },
  township: { zh: "乡", en: "Township" },
  other: { zh: "类似乡级单位", en: "Township-like unit (development zone, farm, mining area)" }
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

/** 香港 and 澳门 list their districts directly under the province code (810001–810018, 820001–820008). */
const DISTRICTS_UNDER_PROVINCE: ReadonlyArray<string> = ["81", "82"]

/**
 * Whether a 6-digit code's county digits may follow its prefecture digits: a county
 * (digits 5–6) needs a prefecture (digits 3–4) but under 香港 and 澳门.
 */
const countyUnderPrefecture = (six: string): boolean =>
  six.slice(2, 4) !== "00" || six.slice(4, 6) === "00" || DISTRICTS_UNDER_PROVINCE.includes(six.slice(0, 2))

/**
 * A prefecture-level city without districts (不设区的地级市), whose towns and streets
 * stand directly under the city: their 12-digit codes carry county digits `00`.
 *
 * @since 0.2.0
 * @category models
 */
export interface PrefectureWithoutDistricts {
  /** Digits 1–4 of its GB/T 2260 code. */
  readonly code: string
  readonly zh: string
  readonly en: string
}

/**
 * The prefecture-level cities without districts: 东莞 4419, 中山 4420, 儋州 4604,
 * 嘉峪关 6202. Only under these may a township-level code have county digits `00`,
 * and their codes (`441900`, …) stand at county level ({@link isCountyLevel}).
 *
 * @since 0.2.0
 * @category constants
 */
export const prefecturesWithoutDistricts: ReadonlyArray<PrefectureWithoutDistricts> = [
  { code: "4419", zh: "东莞市", en: "Dongguan" },
  { code: "4420", zh: "中山市", en: "Zhongshan" },
  { code: "4604", zh: "儋州市", en: "Danzhou" },
  { code: "6202", zh: "嘉峪关市", en: "Jiayuguan" }
]

const hasNoDistricts = (four: string): boolean => prefecturesWithoutDistricts.some((p) => p.code === four)

const levelSix = (six: string): Level =>
  six.slice(2, 6) === "0000" ? "province" : six.slice(4, 6) === "00" ? "prefecture" : "county"

/**
 * Whether `code` is a valid 6-digit code at county level: a county, district or
 * county-level city (digits 5–6 not `00`), or one of the
 * {@link prefecturesWithoutDistricts}, which stand at county level (`441900` 东莞).
 * False for `000000`, provinces, other prefectures and anything but 6 digits.
 *
 * @since 0.2.0
 * @category predicates
 */
export const isCountyLevel = (code: string): boolean => {
  if (!SIX.test(code) || !isProvince(code.slice(0, 2)) || !countyUnderPrefecture(code)) return false
  switch (levelSix(code)) {
    case "county":
      return true
    case "prefecture":
      return hasNoDistricts(code.slice(0, 4))
    default:
      return false
  }
}

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
  if (input.slice(2, 4) === "00" && input.slice(4, 6) !== "00" && !DISTRICTS_UNDER_PROVINCE.includes(province)) {
    return {
      rule: "region-code.prefecture",
      message: "Prefecture digits (3–4) are 00 but county digits (5–6) are not: only 香港 81 and 澳门 82 list districts directly under the province"
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
    if (township !== 0 && !isCountyLevel(input.slice(0, 6))) {
      return {
        rule: "region-code.township-parent",
        message: levelSix(input.slice(0, 6)) === "province"
          ? `Township segment ${input.slice(6, 9)} lies directly under province ${input.slice(0, 6)}; townships lie under a county-level unit`
          : `Township segment ${input.slice(6, 9)} lies under prefecture ${input.slice(0, 6)}, which has districts; townships lie under a county-level unit`
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
      // Random strings almost never pass the filter, so generate codes level by level:
      // a township or village sits under a county or a prefecture without districts.
      arbitrary: () => (fc) =>
        fc
          .record({
            province: fc.constantFrom(...provinces),
            prefecture: fc.integer({ min: 0, max: 99 }),
            county: fc.integer({ min: 0, max: 99 }),
            twelve: fc.boolean(),
            township: fc.integer({ min: 0, max: 599 }),
            village: fc.integer({ min: 0, max: 999 }),
            withoutDistricts: fc.option(fc.constantFrom(...prefecturesWithoutDistricts.map((p) => p.code)), {
              freq: 8
            })
          })
          .map(({ county, prefecture, province, township, twelve, village, withoutDistricts }) => {
            const six = province + pad(prefecture, 2) + pad(county, 2)
            if (!countyUnderPrefecture(six)) return province + "0000"
            if (!twelve) return six
            if (township === 0) return six + "000000"
            const parent = withoutDistricts !== null
              ? withoutDistricts + "00"
              : province + pad(Math.max(prefecture, 1), 2) + pad(Math.max(county, 1), 2)
            return parent + pad(township, 3) + pad(village, 3)
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
 * Checks `input` and brands it, or names the first broken rule, in this order:
 * `region-code.format`, `region-code.province`, `region-code.township`,
 * `region-code.village`, `region-code.township-parent` (a township or village code
 * whose first six digits are not county level, see {@link isCountyLevel}).
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
