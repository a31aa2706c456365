import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import * as ValidationError from "../../src/errors/ValidationError.js"
import * as CreditCode from "../../src/identifiers/CreditCode.js"
import * as RegionCode from "../../src/identifiers/RegionCode.js"

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

const failure = (input: string, field?: string): ValidationError.ValidationError =>
  Either.getLeft(field === undefined ? CreditCode.parse(input) : CreditCode.parse(input, field)).pipe(Option.getOrThrow)

const symbols = (length: number, alphabet = ALPHABET) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length })

/** Authority and type pairs of the default table. */
const heads = Object.entries(CreditCode.defaultAuthorities).flatMap(([a, { types }]) => Object.keys(types).map((t) => a + t))

/** A region of a known province, or 100000. */
const regions = fc.oneof(
  fc.tuple(fc.constantFrom(...RegionCode.provinces), symbols(4, "0123456789"))
    // A county sits under a prefecture (GB/T 2260): digits 3–4 of 00 come with 5–6 of 00.
    .map(([p, rest]) => p + (rest.startsWith("00") ? "0000" : rest)),
  fc.constant("100000")
)

/** A valid 17-character prefix: authority and type from the table, a valid region, 9 symbols. */
const first17 = fc.tuple(fc.constantFrom(...heads), regions, symbols(9)).map((parts) => parts.join(""))

/** `head` + `region` + an organisation code, completed with its check character. */
const build = (head: string, region = "110105", organisation = "MA01600X0"): string => {
  const prefix = head + region + organisation
  return prefix + CreditCode.checkCharacter(prefix)
}

describe("CreditCode", () => {
  describe("known examples", () => {
    // Check characters confirmed by an independent computation (weights 3^i mod 31).
    it("accepts codes whose check character the algorithm reproduces", () => {
      for (const code of ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"]) {
        expect(CreditCode.checkCharacter(code.slice(0, 17)), code).toBe(code.charAt(17))
        expect(CreditCode.isValid(code), code).toBe(true)
      }
      expect(CreditCode.region(Either.getOrThrow(CreditCode.parse("91350100M000100Y43")))).toBe("350100")
    })

    it("rejects a wrong check character, naming expected and found", () => {
      const error = failure("911101087000079720")
      expect(error).toBeInstanceOf(ValidationError.ValidationError)
      expect(error.rule).toBe("credit-code.check-character")
      expect(error.field).toBe("creditCode")
      expect(error.message).toContain("should be R")
      expect(error.message).toContain("found 0")
      expect(CreditCode.isValid("91110108700007972R")).toBe(true)
    })

    it("maps a remainder of 0 to the check character 0", () => {
      expect(CreditCode.checkCharacter("00000000000000000")).toBe("0")
      expect(CreditCode.checkCharacter("91110105MA015J007")).toBe("0")
      expect(CreditCode.isValid("91110105MA015J0070")).toBe(true)
      // All zeros has a right check character but no authority 0 and no region 000000.
      expect(failure("000000000000000000").rule).toBe("credit-code.authority")
    })

    it("rejects lengths and symbols outside the alphabet with credit-code.format", () => {
      for (const input of [
        "",
        "91350100M000100Y4",
        "91350100M000100Y433",
        "91350100I000100Y43",
        "91350100O000100Y43",
        "91350100Z000100Y43",
        "91350100S000100Y43",
        "91350100V000100Y43",
        "91350100i000100Y43",
        "91350100o000100Y43",
        "91350100M000100Y4３"
      ]) {
        expect(failure(input).rule, input).toBe("credit-code.format")
      }
    })

    it("rejects a region that is not 6 digits with credit-code.region", () => {
      expect(failure("913501A0M000100Y43").rule).toBe("credit-code.region")
    })

    it("checks the region: a GB/T 2260 code of a known province, or 100000 for national registration", () => {
      for (const region of ["100000", "110000", "110105", "350100", "440300", "650000", "710000", "810000", "820000"]) {
        expect(CreditCode.isValid(build("91", region)), region).toBe(true)
      }
      for (const region of ["000000", "000101", "100100", "101000", "990000", "830000", "200000", "660000"]) {
        const error = failure(build("91", region))
        expect(error.rule, region).toBe("credit-code.region")
        // A resident ID pasted into the field passes the format: its digits are not echoed.
        expect(error.message, region).not.toContain(region)
      }
    })

    it("accepts every authority and type of the default table, with labels", () => {
      const expected: Record<string, ReadonlyArray<string>> = {
        "1": ["1", "2", "3", "9"],
        "2": ["1", "9"],
        "3": ["1", "2", "3", "4", "5", "9"],
        "4": ["1", "9"],
        "5": ["1", "2", "3", "9"],
        "6": ["1", "2", "9"],
        "7": ["1", "2", "9"],
        "8": ["1", "9"],
        "9": ["1", "2", "3"],
        A: ["1", "9"],
        N: ["1", "2", "3", "9"],
        Y: ["1"]
      }
      expect(Object.keys(CreditCode.defaultAuthorities).sort()).toEqual(Object.keys(expected).sort())
      for (const [authority, types] of Object.entries(expected)) {
        expect(Object.keys(CreditCode.defaultAuthorities[authority]?.types ?? {}).sort(), authority).toEqual(types)
        for (const type of types) {
          const code = Either.getOrThrow(CreditCode.parse(build(authority + type)))
          expect(Option.isSome(CreditCode.registrationAuthority(code)), code).toBe(true)
          expect(Option.isSome(CreditCode.organisationType(code)), code).toBe(true)
        }
      }
      const code = Either.getOrThrow(CreditCode.parse(build("52")))
      expect(Option.getOrThrow(CreditCode.registrationAuthority(code))).toEqual({ zh: "民政", en: "Civil affairs" })
      expect(Option.getOrThrow(CreditCode.organisationType(code))).toEqual({ zh: "民办非企业单位", en: "Private non-enterprise unit" })
      const labels = (a: string) => CreditCode.defaultAuthorities[a]?.zh
      expect(["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "N", "Y"].map(labels)).toEqual([
        "机构编制", "外交", "司法行政", "文化", "民政", "旅游", "宗教", "工会", "工商", "中央军委改革和编制办公室", "农业", "其他"
      ])
    })

    it("the 2015 table holds 1, 5, 9 and Y only", () => {
      expect(Object.keys(CreditCode.authorities2015).sort()).toEqual(["1", "5", "9", "Y"])
      expect(CreditCode.isValid(build("91"), CreditCode.authorities2015)).toBe(true)
      expect(CreditCode.isValid(build("31"), CreditCode.authorities2015)).toBe(false)
      expect(Either.getLeft(CreditCode.parse(build("N2"), "org", CreditCode.authorities2015)).pipe(Option.getOrThrow).rule).toBe(
        "credit-code.authority"
      )
    })

    it("rejects an authority outside the table with credit-code.authority", () => {
      for (const authority of ["0", "B", "C", "H", "M", "X"]) {
        const error = failure(build(authority + "1"))
        expect(error.rule, authority).toBe("credit-code.authority")
        expect(error.message, authority).toContain(`character 1) ${authority}`)
      }
    })

    it("rejects a type its authority does not register with credit-code.type", () => {
      for (const head of ["10", "14", "54", "94", "99", "Y2", "Y9", "22", "36", "42", "63", "73", "82", "A2", "N4", "9A"]) {
        expect(failure(build(head.slice(0, 2))).rule, head).toBe("credit-code.type")
      }
      expect(failure(build("94")).message).toContain("registration authority 9 (工商)")
    })

    it("accepts lowercase letters and decodes them to uppercase, like CitizenId's x", () => {
      expect(CreditCode.isValid("91350100m000100y43")).toBe(true)
      expect(Either.getOrThrow(CreditCode.parse("91350100m000100y43"))).toBe("91350100M000100Y43")
      expect(Either.getOrThrow(CreditCode.parse("n2110105ma01600x0" + CreditCode.checkCharacter("N2110105MA01600X0").toLowerCase()))).toBe(
        "N2110105MA01600X0" + CreditCode.checkCharacter("N2110105MA01600X0")
      )
      expect(Either.getOrThrow(Schema.decodeUnknownEither(CreditCode.CreditCode)("91350100m000100y43"))).toBe("91350100M000100Y43")
      // The Schema's type side holds the canonical form only.
      expect(Schema.is(CreditCode.CreditCode)("91350100m000100y43")).toBe(false)
      expect(Schema.is(CreditCode.CreditCode)("91350100M000100Y43")).toBe(true)
      expect(Schema.encodeSync(CreditCode.CreditCode)(Either.getOrThrow(CreditCode.parse("91350100m000100y43")))).toBe(
        "91350100M000100Y43"
      )
    })

    it("lets callers extend or replace the table", () => {
      const local: CreditCode.AuthorityTable = {
        B: { zh: "某登记机关", en: "Some registrar", types: { "1": { zh: "甲类", en: "Class A" } } },
        "9": { zh: "市场监管", en: "Market regulation", types: { "9": { zh: "其他", en: "Other" } } }
      }
      const merged = CreditCode.mergeAuthorities(CreditCode.defaultAuthorities, local)
      expect(Object.keys(merged["9"]?.types ?? {}).sort()).toEqual(["1", "2", "3", "9"])
      expect(merged["9"]?.zh).toBe("市场监管")
      expect(merged["5"]).toBe(CreditCode.defaultAuthorities["5"])
      const validator = CreditCode.makeValidator(merged)
      expect(validator.authorities).toBe(merged)
      for (const head of ["B1", "99", "91", "52"]) {
        expect(validator.isValid(build(head)), head).toBe(true)
        expect(CreditCode.isValid(build(head), merged), head).toBe(true)
      }
      expect(CreditCode.isValid(build("B1"))).toBe(false)
      expect(CreditCode.isValid(build("99"))).toBe(false)
      expect(Either.getLeft(validator.parse(build("B2"), "org")).pipe(Option.getOrThrow)).toMatchObject({
        field: "org",
        rule: "credit-code.type"
      })
      expect(Either.getOrThrow(Schema.decodeUnknownEither(validator.CreditCode)(build("B1").toLowerCase()))).toBe(build("B1"))
      expect(Either.isLeft(Schema.decodeUnknownEither(CreditCode.CreditCode)(build("B1")))).toBe(true)
      const code = Either.getOrThrow(validator.parse(build("B1")))
      expect(Option.getOrThrow(CreditCode.registrationAuthority(code, merged)).en).toBe("Some registrar")
      expect(Option.isNone(CreditCode.registrationAuthority(code))).toBe(true)
      expect(Option.isNone(CreditCode.organisationType(code))).toBe(true)
      // Only own keys count: nothing inherited from Object.prototype is an authority.
      expect(CreditCode.isValid(build("91"), {})).toBe(false)
    })

    it("the GB 11714 check of the organisation code is reported, never enforced", () => {
      // GB 11714: values 0-9, A=10 … Z=35; weights 3 7 9 10 5 8 4 2; C9 = 11 − (Σ mod 11), 10 → X, 11 → 0.
      // 91350100M000100Y43, the worked example of GB 32100-2015: body M000100Y,
      // Σ = 22·3 + 1·5 + 34·2 = 139, 139 mod 11 = 7, C9 = 4.
      // 92141127MA0KD1Y64A, a code quoted from the national lookup (cods.org.cn) in
      // jaywcjlove/regexp-example#23: Σ = 22·3 + 10·7 + 0·9 + 20·10 + 13·5 + 1·8 + 34·4 + 6·2
      // = 557, 557 mod 11 = 7, C9 = 4.
      // 12440600MB2C07549J, quoted in xbeginagain/generator#2: Σ = 22·3 + 11·7 + 2·9 + 12·10 + 0·5
      // + 7·8 + 5·4 + 4·2 = 365, 365 mod 11 = 2, C9 = 9.
      for (const [input, check] of [["91350100M000100Y43", "4"], ["92141127MA0KD1Y64A", "4"], ["12440600MB2C07549J", "9"]] as const) {
        const code = Either.getOrThrow(CreditCode.parse(input))
        expect(CreditCode.organisationCode(code)).toBe(input.slice(8, 17))
        expect(CreditCode.organisationCheckCharacter(input.slice(8, 16))).toBe(check)
        expect(CreditCode.checkOrganisationCode(code)).toEqual({
          rule: "credit-code.organisation-code",
          holds: true,
          expected: check,
          found: check
        })
      }
      // 91110108700007972R: valid under GB 32100, but Σ = 7·3 + 7·8 + 9·4 + 7·2 = 127,
      // 127 mod 11 = 6, C9 = 5, not 2. Reported, still valid.
      const odd = Either.getOrThrow(CreditCode.parse("91110108700007972R"))
      expect(CreditCode.checkOrganisationCode(odd)).toEqual({
        rule: "credit-code.organisation-code",
        holds: false,
        expected: "5",
        found: "2"
      })
      // Σ mod 11 = 1 gives 10, written X; Σ mod 11 = 0 gives 11, written 0.
      expect(CreditCode.organisationCheckCharacter("00000006")).toBe("X")
      expect(CreditCode.organisationCheckCharacter("00000000")).toBe("0")
      expect(CreditCode.organisationCheckCharacter("0000000")).toBe("")
      expect(CreditCode.organisationCheckCharacter("0000000a")).toBe("")
    })

    it("checkCharacter returns an empty string outside the alphabet", () => {
      expect(CreditCode.checkCharacter("91350100M000100Y")).toBe("")
      expect(CreditCode.checkCharacter("91350100I000100Y4")).toBe("")
    })

    it("the Schema names the rule in its message", () => {
      const result = Schema.decodeUnknownEither(CreditCode.CreditCode)("911101087000079720")
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left.message).toContain("credit-code.check-character")
    })
  })

  describe("properties", () => {
    it.prop("a valid prefix plus its check character is valid", { prefix: first17 }, ({ prefix }) => {
      const check = CreditCode.checkCharacter(prefix)
      expect(check).toHaveLength(1)
      expect(ALPHABET).toContain(check)
      const code = Either.getOrThrow(CreditCode.parse(prefix + check))
      expect(CreditCode.region(code)).toBe(prefix.slice(2, 8))
    })

    it.prop("generated Schema values are valid and their organisation codes pass GB 11714", { code: CreditCode.CreditCode }, ({ code }) => {
      expect(CreditCode.isValid(code)).toBe(true)
      expect(CreditCode.checkOrganisationCode(code).holds).toBe(true)
      expect(Option.isSome(CreditCode.organisationType(code))).toBe(true)
    })

    it.prop(
      "the Schema and isValid agree, lowercase included, and the Schema decodes to uppercase",
      { code: CreditCode.CreditCode },
      ({ code }) => {
        const lower = code.toLowerCase()
        const decoded = Schema.decodeUnknownEither(CreditCode.CreditCode)(lower)
        expect(Either.isRight(decoded)).toBe(CreditCode.isValid(lower))
        expect(Either.getOrThrow(decoded)).toBe(code)
        expect(Either.getOrThrow(CreditCode.parse(lower))).toBe(code)
      }
    )

    it.prop(
      "an authority outside the table fails with credit-code.authority",
      { prefix: first17, authority: fc.constantFrom(...ALPHABET).filter((a) => !(a in CreditCode.defaultAuthorities)) },
      ({ authority, prefix }) => {
        const changed = authority + prefix.slice(1)
        expect(failure(changed + CreditCode.checkCharacter(changed)).rule).toBe("credit-code.authority")
      }
    )

    it.prop(
      "a type its authority does not register fails with credit-code.type",
      { prefix: first17, type: fc.constantFrom(...ALPHABET) },
      ({ prefix, type }) => {
        fc.pre(!(type in (CreditCode.defaultAuthorities[prefix.charAt(0)]?.types ?? {})))
        const changed = prefix.charAt(0) + type + prefix.slice(2)
        expect(failure(changed + CreditCode.checkCharacter(changed)).rule).toBe("credit-code.type")
      }
    )

    it.prop(
      "changing any single character makes the code invalid",
      { prefix: first17, position: fc.integer({ min: 0, max: 17 }), shift: fc.integer({ min: 1, max: 30 }) },
      ({ position, prefix, shift }) => {
        const valid = prefix + CreditCode.checkCharacter(prefix)
        const replacement = ALPHABET.charAt((ALPHABET.indexOf(valid.charAt(position)) + shift) % 31)
        const changed = valid.slice(0, position) + replacement + valid.slice(position + 1)
        expect(CreditCode.isValid(changed)).toBe(false)
        if (position === 17) expect(failure(changed).rule).toBe("credit-code.check-character")
      }
    )

    it.prop(
      "a letter in the region fails with credit-code.region",
      { prefix: first17, position: fc.integer({ min: 2, max: 7 }), letter: symbols(1, ALPHABET.slice(10)) },
      ({ letter, position, prefix }) => {
        const changed = prefix.slice(0, position) + letter + prefix.slice(position + 1)
        expect(failure(changed + CreditCode.checkCharacter(changed)).rule).toBe("credit-code.region")
      }
    )

    it.prop(
      "a symbol outside the alphabet fails with credit-code.format",
      { prefix: first17, position: fc.integer({ min: 0, max: 17 }), bad: fc.constantFrom(..."IOZSViozsv-* 中ａ") },
      ({ bad, position, prefix }) => {
        const valid = prefix + CreditCode.checkCharacter(prefix)
        expect(failure(valid.slice(0, position) + bad + valid.slice(position + 1)).rule).toBe("credit-code.format")
      }
    )

    it.prop(
      "failures carry the given field",
      { input: fc.string({ maxLength: 20 }), field: fc.string({ minLength: 1 }) },
      ({ field, input }) => {
        fc.pre(!CreditCode.isValid(input))
        expect(failure(input, field).field).toBe(field)
      }
    )
  })
})
