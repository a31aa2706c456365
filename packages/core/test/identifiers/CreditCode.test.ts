import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import * as ValidationError from "../../src/errors/ValidationError.js"
import * as CreditCode from "../../src/identifiers/CreditCode.js"

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

const failure = (input: string, field?: string): ValidationError.ValidationError =>
  Either.getLeft(field === undefined ? CreditCode.parse(input) : CreditCode.parse(input, field)).pipe(Option.getOrThrow)

const symbols = (length: number, alphabet = ALPHABET) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length })

/** A valid 17-character prefix: 2 symbols, 6 region digits, 9 symbols. */
const first17 = fc.tuple(symbols(2), symbols(6, "0123456789"), symbols(9)).map((parts) => parts.join(""))

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
      expect(CreditCode.isValid("000000000000000000")).toBe(true)
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
        "91350100m000100Y43"
      ]) {
        expect(failure(input).rule, input).toBe("credit-code.format")
      }
    })

    it("rejects a region that is not 6 digits with credit-code.region", () => {
      expect(failure("913501A0M000100Y43").rule).toBe("credit-code.region")
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

    it.prop("generated Schema values are valid", { code: CreditCode.CreditCode }, ({ code }) => {
      expect(CreditCode.isValid(code)).toBe(true)
    })

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
      { prefix: first17, position: fc.integer({ min: 0, max: 17 }), bad: fc.constantFrom(..."IOZSVabc-* 中") },
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
