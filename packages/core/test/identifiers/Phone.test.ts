import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import * as ValidationError from "../../src/errors/ValidationError.js"
import * as Phone from "../../src/identifiers/Phone.js"

const failure = (input: string, field?: string): ValidationError.ValidationError =>
  Either.getLeft(field === undefined ? Phone.parse(input) : Phone.parse(input, field)).pipe(Option.getOrThrow)

describe("Phone", () => {
  it("accepts 11 digits starting 13–19", () => {
    for (const input of ["13812345678", "19912345678", "17000000000", "15912345678"]) {
      expect(Phone.isValid(input), input).toBe(true)
    }
  })

  it("rejects other shapes with phone.format", () => {
    for (const input of ["", "1381234567", "138123456789", "12812345678", "10012345678", "23812345678", "138-1234-5678", "+8613812345678", "1381234567a"]) {
      const error = failure(input)
      expect(error, input).toBeInstanceOf(ValidationError.ValidationError)
      expect(error.rule, input).toBe("phone.format")
      expect(error.field, input).toBe("phone")
    }
  })

  it("masks the middle four digits", () => {
    expect(Phone.mask(Either.getOrThrow(Phone.parse("13812345678")))).toBe("138****5678")
  })

  it("never echoes the number in a message", () => {
    expect(failure("12812345678").message).not.toContain("12812345678")
  })

  it("the Schema names the rule in its message", () => {
    const result = Schema.decodeUnknownEither(Phone.Phone)("12812345678")
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) expect(result.left.message).toContain("phone.format")
  })

  it.prop("generated Schema values are valid and mask to 3 + 4 stars + 4", { phone: Phone.Phone }, ({ phone }) => {
    expect(Phone.isValid(phone)).toBe(true)
    const masked = Phone.mask(phone)
    expect(masked).toHaveLength(11)
    expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
  })

  it.prop(
    "anything not 1[3-9] plus 9 digits fails with phone.format and the given field",
    { input: fc.oneof(fc.string(), fc.stringMatching(/^\d{10,12}$/)), field: fc.string({ minLength: 1 }) },
    ({ field, input }) => {
      fc.pre(!/^1[3-9]\d{9}$/.test(input))
      expect(Phone.isValid(input)).toBe(false)
      const error = failure(input, field)
      expect(error.rule).toBe("phone.format")
      expect(error.field).toBe(field)
    }
  )
})
