/**
 * The unified social credit code of GB 32100-2015 (统一社会信用代码): 1 registration
 * authority (登记管理部门代码) + 1 organisation type (机构类别代码) + 6-digit region of
 * the registering office (GB/T 2260, or `100000` for national registration) +
 * 9-character organisation code (主体标识码, GB 11714) + 1 check character, over a
 * 31-symbol alphabet.
 *
 * Which authorities and types exist is data, not code: {@link defaultAuthorities} holds
 * the standard's table and the authorities added since; callers pass their own table
 * (or one built with {@link mergeAuthorities}) to {@link isValid}, {@link parse} or
 * {@link makeValidator}.
 *
 * The code identifies an organisation (a 社会组织, a company, a 居委会), not a person, and
 * is public; still, a resident ID pasted into the wrong column passes the format check,
 * so messages quote single characters at most.
 *
 * @since 0.1.0
 */
import { Either, Option, Schema } from "effect"
import * as ValidationError from "../errors/ValidationError.js"
import * as RegionCode from "./RegionCode.js"

/** @internal */
interface Problem {
  readonly rule: string
  readonly message: string
}

/**
 * A zh and en label.
 *
 * @since 0.2.0
 * @category models
 */
export interface Label {
  readonly zh: string
  readonly en: string
}

/**
 * A registration authority (登记管理部门) with its label and the organisation types
 * (机构类别) it registers, keyed by the type character (character 2).
 *
 * @since 0.2.0
 * @category models
 */
export interface Authority extends Label {
  readonly types: { readonly [type: string]: Label }
}

/**
 * Registration authorities keyed by the authority character (character 1). Keys that
 * are not single symbols of the alphabet never match a code.
 *
 * @since 0.2.0
 * @category models
 */
export type AuthorityTable = { readonly [authority: string]: Authority }

const OTHER: Label = { zh: "其他", en: "Other" }

/**
 * The table of GB 32100-2015 itself: 1 机构编制, 5 民政, 9 工商 and Y 其他, with their
 * organisation types.
 *
 * @since 0.2.0
 * @category constants
 */
export const authorities2015: AuthorityTable = {
  "1": {
    zh: "机构编制",
    en: "Public-sector establishment",
    types: {
      "1": { zh: "机关", en: "Government organ" },
      "2": { zh: "事业单位", en: "Public institution" },
      "3": {
        zh: "中央编办直接管理机构编制的群众团体",
        en: "Mass organisation whose establishment the Central Establishment Office manages"
      },
      "9": OTHER
    }
  },
  "5": {
    zh: "民政",
    en: "Civil affairs",
    types: {
      "1": { zh: "社会团体", en: "Social association" },
      "2": { zh: "民办非企业单位", en: "Private non-enterprise unit" },
      "3": { zh: "基金会", en: "Foundation" },
      "9": OTHER
    }
  },
  "9": {
    zh: "工商",
    en: "Industry and commerce",
    types: {
      "1": { zh: "企业", en: "Enterprise" },
      "2": { zh: "个体工商户", en: "Individual business" },
      "3": { zh: "农民专业合作社", en: "Farmers' specialised cooperative" }
    }
  },
  Y: { zh: "其他", en: "Other", types: { "1": OTHER } }
}

/**
 * The registration authorities added after 2015 (the 2016 amendment and later
 * practice): 2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室,
 * N 农业. Found in secondary sources only, not checked against the amendment's text
 * (docs/rules.md says so); callers who need certainty pass {@link authorities2015}
 * or a table of their own.
 *
 * @since 0.2.0
 * @category constants
 */
export const authoritiesAdded: AuthorityTable = {
  "2": {
    zh: "外交",
    en: "Foreign affairs",
    types: { "1": { zh: "外国常住新闻机构", en: "Resident office of a foreign news organisation" }, "9": OTHER }
  },
  "3": {
    zh: "司法行政",
    en: "Judicial administration",
    types: {
      "1": { zh: "律师执业机构", en: "Law firm" },
      "2": { zh: "公证处", en: "Notary office" },
      "3": { zh: "基层法律服务所", en: "Grassroots legal service office" },
      "4": { zh: "司法鉴定机构", en: "Forensic appraisal institution" },
      "5": { zh: "仲裁委员会", en: "Arbitration commission" },
      "9": OTHER
    }
  },
  "4": {
    zh: "文化",
    en: "Culture",
    types: { "1": { zh: "外国在华文化中心", en: "Foreign cultural centre in China" }, "9": OTHER }
  },
  "6": {
    zh: "旅游",
    en: "Tourism",
    types: {
      "1": { zh: "外国旅游部门常驻代表机构", en: "Resident office of a foreign tourism authority" },
      "2": {
        zh: "港澳台地区旅游部门常驻内地（大陆）代表机构",
        en: "Resident mainland office of a Hong Kong, Macao or Taiwan tourism authority"
      },
      "9": OTHER
    }
  },
  "7": {
    zh: "宗教",
    en: "Religious affairs",
    types: {
      "1": { zh: "宗教活动场所", en: "Venue for religious activities" },
      "2": { zh: "宗教院校", en: "Religious school" },
      "9": OTHER
    }
  },
  "8": {
    zh: "工会",
    en: "Trade unions",
    types: { "1": { zh: "基层工会", en: "Grassroots trade union" }, "9": OTHER }
  },
  A: {
    zh: "中央军委改革和编制办公室",
    en: "Reform and Establishment Office of the Central Military Commission",
    types: { "1": { zh: "军队事业单位", en: "Military public institution" }, "9": OTHER }
  },
  N: {
    zh: "农业",
    en: "Agriculture and rural affairs",
    types: {
      "1": { zh: "组级集体经济组织", en: "Village-group collective economic organisation" },
      "2": { zh: "村级集体经济组织", en: "Village collective economic organisation" },
      "3": { zh: "乡镇级集体经济组织", en: "Township collective economic organisation" },
      "9": OTHER
    }
  }
}

/**
 * `extra` laid over `base`: an authority in both keeps the types of both, `extra`
 * winning on the labels; authorities in one only are kept as they are.
 *
 * @since 0.2.0
 * @category constructors
 */
export const mergeAuthorities = (base: AuthorityTable, extra: AuthorityTable): AuthorityTable => {
  const merged: { [authority: string]: Authority } = { ...base }
  for (const [key, authority] of Object.entries(extra)) {
    const before = Object.hasOwn(base, key) ? base[key] : undefined
    merged[key] = before === undefined ? authority : { ...authority, types: { ...before.types, ...authority.types } }
  }
  return merged
}

/**
 * The table {@link isValid}, {@link parse} and the {@link CreditCode} Schema use
 * unless given another: {@link authorities2015} merged with {@link authoritiesAdded}.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultAuthorities: AuthorityTable = mergeAuthorities(authorities2015, authoritiesAdded)

// 0-9 A-Z without I, O, Z, S, V, which read like 1, 0, 2, 5, U; a symbol's value is its index.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
const FORMAT = /^[0-9A-HJ-NP-RTUWXY]{18}$/
const FIRST_17 = /^[0-9A-HJ-NP-RTUWXY]{17}$/
const REGION = /^\d{6}$/
const WEIGHTS: ReadonlyArray<number> = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
// GB 32100-2015: the national-level registering office uses 100000 for its region.
const NATIONAL_REGION = "100000"

/**
 * The check character for the first 17 characters: 31 − (Σ value × weight mod 31),
 * with 31 read as 0, written as the alphabet symbol of that value. Returns `""` when
 * `first17` is not 17 symbols of the alphabet, so that a code built from it fails
 * validation.
 *
 * @since 0.1.0
 * @category check character
 */
export const checkCharacter = (first17: string): string => {
  if (!FIRST_17.test(first17)) return ""
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0)
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31)
}

const lookup = <A>(record: { readonly [key: string]: A }, key: string): A | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

// Names the first offending character rather than echoing the input, which may be
// anything pasted into the wrong column (a resident ID, say).
const formatMessage = (input: string): string => {
  const expected = "Expected 18 characters of 0-9 and A-Z without I, O, Z, S, V"
  if (input.length !== 18) return `${expected}; found ${input.length} characters`
  const at = input.split("").findIndex((c) => !ALPHABET.includes(c))
  return `${expected}; character ${at + 1} is not in the alphabet`
}

const isRegion = (region: string): boolean =>
  REGION.test(region) && (region === NATIONAL_REGION || RegionCode.isValid(region))

const problem = (input: string, table: AuthorityTable): Problem | undefined => {
  if (!FORMAT.test(input)) {
    return { rule: "credit-code.format", message: formatMessage(input) }
  }
  const authorityKey = input.charAt(0)
  const authority = lookup(table, authorityKey)
  if (authority === undefined) {
    return {
      rule: "credit-code.authority",
      message: `Registration authority (character 1) ${authorityKey} is not in the table of registration authorities`
    }
  }
  const typeKey = input.charAt(1)
  if (lookup(authority.types, typeKey) === undefined) {
    return {
      rule: "credit-code.type",
      message: `Organisation type (character 2) ${typeKey} is not a type of registration authority ${authorityKey} (${authority.zh})`
    }
  }
  if (!isRegion(input.slice(2, 8))) {
    return {
      rule: "credit-code.region",
      message: REGION.test(input.slice(2, 8))
        ? "Region (characters 3–8) is neither a GB/T 2260 code of a known province nor 100000 (national registration)"
        : "Region (characters 3–8) should be 6 digits"
    }
  }
  const expected = checkCharacter(input.slice(0, 17))
  const found = input.charAt(17)
  if (found !== expected) {
    return {
      rule: "credit-code.check-character",
      message: `Check character (18th) should be ${expected}, found ${found}`
    }
  }
  return undefined
}

// Many forms hold lowercase letters; the canonical form is uppercase. Only ASCII
// letters are mapped, so the length never changes (unlike toUpperCase on "ß").
const normalise = (input: string): string => input.replace(/[a-z]/g, (c) => c.toUpperCase())

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

const makeSchema = (table: AuthorityTable) => {
  const pairs = Object.entries(table).flatMap(([authority, { types }]) =>
    Object.keys(types).map((type) => authority + type)
  )
  /** A valid unified social credit code, in uppercase. */
  const Canonical = Schema.String.pipe(
    Schema.filter(
      (input) => {
        const p = problem(input, table)
        return p === undefined ? true : `${p.rule}: ${p.message}`
      },
      {
        identifier: "CreditCode",
        description: "an 18-character GB 32100-2015 unified social credit code",
        // Authority and type from the table, a region of a known province (now and then
        // 100000), an organisation code whose GB 11714 check character holds.
        arbitrary: () => (fc) =>
          fc
            .record({
              head: fc.constantFrom(...pairs),
              region: fc.oneof(
                {
                  weight: 9,
                  arbitrary: fc
                    .tuple(fc.constantFrom(...RegionCode.provinces), fc.integer({ min: 0, max: 9999 }))
                    .map(([province, rest]) => province + pad(rest < 100 ? 0 : rest, 4))
                },
                { weight: 1, arbitrary: fc.constant(NATIONAL_REGION) }
              ),
              body: fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 8, maxLength: 8 })
            })
            .map(({ body, head, region }) => {
              const first17 = head + region + body + organisationCheckCharacter(body)
              return first17 + checkCharacter(first17)
            })
      }
    ),
    Schema.brand("CreditCode")
  )
  return Schema.transform(Schema.String, Canonical, {
    strict: true,
    decode: (input) => normalise(input),
    encode: (code) => code
  })
}

/**
 * A valid GB 32100-2015 unified social credit code under {@link defaultAuthorities},
 * decoded to uppercase (lowercase letters are accepted, as `isValid` and `parse`
 * accept them).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreditCode = makeSchema(defaultAuthorities)

/**
 * @since 0.1.0
 * @category models
 */
export type CreditCode = typeof CreditCode.Type

/**
 * Whether {@link parse} accepts `input` under `table` (so lowercase letters pass).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (input: string, table: AuthorityTable = defaultAuthorities): boolean =>
  problem(normalise(input), table) === undefined

/**
 * Checks `input` under `table`, turning lowercase letters into uppercase, and brands
 * it; or names the first broken rule, in this order: `credit-code.format`,
 * `credit-code.authority`, `credit-code.type`, `credit-code.region`,
 * `credit-code.check-character`. The GB 11714 check of the organisation code is not
 * part of validity: see {@link checkOrganisationCode}.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (
  input: string,
  field: string = "creditCode",
  table: AuthorityTable = defaultAuthorities
): Either.Either<CreditCode, ValidationError.ValidationError> => {
  const normalised = normalise(input)
  const p = problem(normalised, table)
  return p === undefined
    ? Either.right(normalised as CreditCode)
    : Either.left(ValidationError.make(field, p.rule, p.message))
}

/**
 * `isValid`, `parse` and the Schema for one table of registration authorities.
 *
 * @since 0.2.0
 * @category models
 */
export interface Validator {
  readonly authorities: AuthorityTable
  readonly isValid: (input: string) => boolean
  readonly parse: (input: string, field?: string) => Either.Either<CreditCode, ValidationError.ValidationError>
  readonly CreditCode: Schema.Schema<CreditCode, string>
}

/**
 * A {@link Validator} for `table`, e.g. `makeValidator(mergeAuthorities(defaultAuthorities,
 * localAuthorities))`. Its Schema brands the same `CreditCode` type and generates codes
 * from the table; a table without any type accepts no code.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeValidator = (table: AuthorityTable): Validator => ({
  authorities: table,
  isValid: (input) => isValid(input, table),
  parse: (input, field = "creditCode") => parse(input, field, table),
  CreditCode: makeSchema(table)
})

/**
 * The 6-digit region of registration (characters 3–8): a GB/T 2260 code, or `100000`
 * for national registration.
 *
 * @since 0.1.0
 * @category getters
 */
export const region = (code: CreditCode): string => code.slice(2, 8)

/**
 * The registration authority (character 1) as `table` names it; none when the code was
 * parsed under another table that has it and `table` does not.
 *
 * @since 0.2.0
 * @category getters
 */
export const registrationAuthority = (
  code: CreditCode,
  table: AuthorityTable = defaultAuthorities
): Option.Option<Label> => {
  const authority = lookup(table, code.charAt(0))
  return authority === undefined ? Option.none() : Option.some({ zh: authority.zh, en: authority.en })
}

/**
 * The organisation type (character 2) as `table` names it under the code's
 * registration authority.
 *
 * @since 0.2.0
 * @category getters
 */
export const organisationType = (code: CreditCode, table: AuthorityTable = defaultAuthorities): Option.Option<Label> =>
  Option.fromNullable(lookup(table, code.charAt(0))).pipe(
    Option.flatMapNullable((authority) => lookup(authority.types, code.charAt(1)))
  )

/**
 * The 9-character organisation code (主体标识码, characters 9–17): 8 body characters
 * and a GB 11714 check character.
 *
 * @since 0.2.0
 * @category getters
 */
export const organisationCode = (code: CreditCode): string => code.slice(8, 17)

const BODY_8 = /^[0-9A-Z]{8}$/
const ORGANISATION_WEIGHTS: ReadonlyArray<number> = [3, 7, 9, 10, 5, 8, 4, 2]

/**
 * The GB 11714-1997 check character for the 8 body characters of an organisation code:
 * values 0-9 and A=10 … Z=35, weights 3 7 9 10 5 8 4 2, C9 = 11 − (Σ mod 11), written
 * `X` for 10 and `0` for 11. Returns `""` when `body` is not 8 of 0-9 A-Z.
 *
 * @since 0.2.0
 * @category check character
 */
export const organisationCheckCharacter = (body: string): string => {
  if (!BODY_8.test(body)) return ""
  let sum = 0
  for (let i = 0; i < 8; i++) {
    sum += parseInt(body.charAt(i), 36) * (ORGANISATION_WEIGHTS[i] ?? 0)
  }
  const c9 = 11 - (sum % 11)
  return c9 === 10 ? "X" : c9 === 11 ? "0" : String(c9)
}

/**
 * The outcome of the GB 11714 check on a code's organisation code: whether it holds,
 * the check character expected from characters 9–16 and the one found at 17.
 *
 * @since 0.2.0
 * @category models
 */
export interface OrganisationCodeCheck {
  readonly rule: "credit-code.organisation-code"
  readonly holds: boolean
  readonly expected: string
  readonly found: string
}

/**
 * Checks the embedded GB 11714 organisation code (characters 9–17). Advisory, not part
 * of validity: GB 32100 guards the whole code with its own check character 18 and
 * takes the organisation code as the assigning office gave it, so a failure here is a
 * reason to look again, not to reject.
 *
 * @since 0.2.0
 * @category check character
 */
export const checkOrganisationCode = (code: CreditCode): OrganisationCodeCheck => {
  const expected = organisationCheckCharacter(code.slice(8, 16))
  const found = code.charAt(16)
  return { rule: "credit-code.organisation-code", holds: expected === found, expected, found }
}
