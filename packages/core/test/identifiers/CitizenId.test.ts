import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import * as Decode from "../../src/errors/Decode.js"
import * as ValidationError from "../../src/errors/ValidationError.js"
import * as CitizenId from "../../src/identifiers/CitizenId.js"
import * as RegionCode from "../../src/identifiers/RegionCode.js"

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

const failure = (input: string, field?: string): ValidationError.ValidationError =>
  Either.getLeft(field === undefined ? CitizenId.parse(input) : CitizenId.parse(input, field)).pipe(Option.getOrThrow)

/** 17 digits plus the computed check character, so that only the part under test can be wrong. */
const build = (region: string, yyyymmdd: string, sequence = "001"): string => {
  const first17 = region + yyyymmdd + sequence
  return first17 + CitizenId.checkCharacter(first17)
}

const DAY_MS = 24 * 60 * 60 * 1000
const chinaDate = (offsetDays: number): string =>
  new Date(Date.now() + 8 * 60 * 60 * 1000 + offsetDays * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "")

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/** Provinces of resident IDs: 81 and 82 appear only in the residence permit codes 810000 and 820000. */
const residentProvince = fc.constantFrom(...RegionCode.provinces.filter((p) => p !== "81" && p !== "82"))

/** A valid address code: a resident province and any 4 digits, or now and then a permit code. */
const address = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(residentProvince, fc.integer({ min: 0, max: 9999 })).map(([p, rest]) => p + pad(rest < 100 ? 0 : rest, 4)) },
  { weight: 1, arbitrary: fc.constantFrom("810000", "820000", "830000") }
)

/** A valid 17-digit prefix: valid address code, a birth date in 1800–2020, any sequence. */
const first17 = fc
  .record({
    address,
    day: fc.integer({ min: Date.UTC(1800, 0, 1) / DAY_MS, max: Date.UTC(2020, 11, 31) / DAY_MS }),
    sequence: fc.integer({ min: 0, max: 999 })
  })
  .map(({ address, day, sequence }) => ({
    prefix: address + new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "") + pad(sequence, 3),
    birth: new Date(day * DAY_MS).toISOString().slice(0, 10)
  }))

const CHECKS = "0123456789X"

describe("CitizenId", () => {
  describe("known examples", () => {
    it("11010519491231002X is valid and its check character is X", () => {
      expect(CitizenId.checkCharacter("11010519491231002")).toBe("X")
      expect(CitizenId.isValid("11010519491231002X")).toBe(true)
      const id = Either.getOrThrow(CitizenId.parse("11010519491231002X"))
      expect(CitizenId.birthDate(id)).toBe("1949-12-31")
      expect(CitizenId.sex(id)).toBe("female")
      expect(CitizenId.mask(id)).toBe("110105********002X")
      expect(CitizenId.ageOn(id, "1999-12-30")).toBe(49)
      expect(CitizenId.ageOn(id, "1999-12-31")).toBe(50)
    })

    it("accepts both examples of GB 11643-1999 附录A, one born in 1880", () => {
      expect(CitizenId.isValid("11010519491231002X")).toBe(true)
      expect(CitizenId.isValid("440524188001010014")).toBe(true)
      // By hand: Σ digit × weight over 44052418800101001 is 4·7 + 4·9 + 0·10 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1
      // + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 0·8 + 0·4 + 1·2 = 195; 195 mod 11 = 8; "10X98765432"[8] = "4".
      expect(CitizenId.checkCharacter("44052418800101001")).toBe("4")
      const id = Either.getOrThrow(CitizenId.parse("440524188001010014"))
      expect(CitizenId.birthDate(id)).toBe("1880-01-01")
      expect(CitizenId.sex(id)).toBe("male")
      expect(CitizenId.documentKind(id)).toBe("resident")
    })

    it("accepts the residence permits of Hong Kong, Macao and Taiwan residents and tells them apart", () => {
      const kinds = { "810000": "hong-kong-macao-permit", "820000": "hong-kong-macao-permit", "830000": "taiwan-permit" }
      for (const [code, kind] of Object.entries(kinds)) {
        const input = build(code, "19800101", "002")
        expect(CitizenId.isValid(input), code).toBe(true)
        const id = Either.getOrThrow(CitizenId.parse(input))
        expect(CitizenId.documentKind(id)).toBe(kind)
        expect(CitizenId.birthDate(id)).toBe("1980-01-01")
        expect(CitizenId.sex(id)).toBe("female")
        expect(CitizenId.mask(id)).toBe(`${code}********${input.slice(14)}`)
      }
      expect(CitizenId.documentKindLabel["taiwan-permit"]).toEqual({
        zh: "台湾居民居住证",
        en: "Residence permit for Taiwan residents"
      })
      expect(CitizenId.documentKindLabel["hong-kong-macao-permit"].zh).toBe("港澳居民居住证")
      expect(CitizenId.documentKindLabel.resident.zh).toBe("居民身份证")
    })

    it("permits follow GB 11643 otherwise: birth date and check character", () => {
      expect(failure(build("830000", "19800230")).rule).toBe("citizen-id.birth-date")
      expect(failure(build("810000", chinaDate(1))).rule).toBe("citizen-id.birth-date")
      const valid = build("830000", "19800101")
      const wrong = valid.slice(0, 17) + (valid.endsWith("0") ? "1" : "0")
      expect(failure(wrong).rule).toBe("citizen-id.check-digit")
      expect(CitizenId.isValid(valid.slice(0, 17) + valid.charAt(17).toLowerCase())).toBe(true)
    })

    it("81, 82 and 83 are address codes only as the exact permit codes", () => {
      for (const code of ["810100", "811234", "820001", "830100", "839999", "831000"]) {
        const error = failure(build(code, "19800101"))
        expect(error.rule, code).toBe("citizen-id.region")
        expect(error.message, code).not.toContain(code)
      }
      // Taiwan's GB/T 2260 province code stays a structural address code, as before.
      expect(CitizenId.isValid(build("710000", "19800101"))).toBe(true)
    })

    it("accepts a lowercase x and normalises it", () => {
      expect(CitizenId.isValid("11010519491231002x")).toBe(true)
      expect(Either.getOrThrow(CitizenId.parse("11010519491231002x"))).toBe("11010519491231002X")
      // The Schema holds the canonical form only.
      expect(Schema.is(CitizenId.CitizenId)("11010519491231002x")).toBe(false)
      expect(Schema.is(CitizenId.CitizenId)("11010519491231002X")).toBe(true)
    })

    it("reports a wrong check character without repeating any of the number", () => {
      const error = failure("110105194912310021")
      expect(error).toBeInstanceOf(ValidationError.ValidationError)
      expect(error.rule).toBe("citizen-id.check-digit")
      expect(error.field).toBe("citizenId")
      // Neither the expected nor the found character: the message repeats nothing of the number.
      expect(error.message).not.toMatch(/should be|found/)
      expect(error.message).toContain("does not match")
    })

    it("rejects malformed input with citizen-id.format", () => {
      for (const input of [
        "",
        "11010519491231002",
        "11010519491231002XX",
        "1101051949123100X2",
        "11010519491231002Y",
        "１１０１０５１９４９１２３１００２X",
        " 11010519491231002X"
      ]) {
        expect(failure(input).rule, input).toBe("citizen-id.format")
      }
    })

    it("rejects an unknown province with citizen-id.region", () => {
      expect(failure(build("100105", "19491231")).rule).toBe("citizen-id.region")
      expect(failure(build("990105", "19491231")).rule).toBe("citizen-id.region")
      expect(failure(build("000000", "19491231")).rule).toBe("citizen-id.region")
      expect(CitizenId.isValid(build("810000", "19491231"))).toBe(true)
    })

    it("rejects impossible, early and future birth dates with citizen-id.birth-date", () => {
      for (const date of ["19990229", "19000229", "21000229", "19991301", "19990000", "19990431", "19991232", "17991231", "18000229", "00010101"]) {
        expect(failure(build("110105", date)).rule, date).toBe("citizen-id.birth-date")
      }
      // No lower bound in GB 11643-1999 (its example was born in 1880): 1800-01-01 is a sanity bound.
      for (const date of ["20000229", "20240229", "19000101", "19991231", "18991231", "18800101", "18000101", "18040229"]) {
        expect(CitizenId.isValid(build("110105", date)), date).toBe(true)
      }
      expect(CitizenId.isValid(build("110105", chinaDate(0)))).toBe(true)
      expect(failure(build("110105", chinaDate(1))).rule).toBe("citizen-id.birth-date")
    })

    it("never echoes the number in a message", () => {
      const input = build("110105", "19990229")
      expect(failure(input).message).not.toContain("19990229")
      expect(failure(input.slice(0, 17) + "5").message).not.toContain(input.slice(0, 17))
    })

    it("never echoes a number given as a number (a spreadsheet cell) when decoding", () => {
      const error = Either.getLeft(Decode.decodeEither(CitizenId.CitizenId, 110105194912310021)).pipe(Option.getOrThrow)
      expect(error.rule).toBe("schema.type")
      expect(error.message).not.toMatch(/1101051949/)
    })

    it.prop(
      "the Schema and isValid agree, a lowercase x included, and the Schema decodes to X",
      { id: CitizenId.CitizenId },
      ({ id }) => {
        const lower = id.toLowerCase()
        const decoded = Schema.decodeUnknownEither(CitizenId.CitizenId)(lower)
        expect(Either.isRight(decoded)).toBe(CitizenId.isValid(lower))
        expect(Either.getOrThrow(decoded)).toBe(id)
      }
    )

    it("the Schema names the rule in its message", () => {
      const result = Schema.decodeUnknownEither(CitizenId.CitizenId)("110105194912310021")
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left.message).toContain("citizen-id.check-digit")
    })

    it("checkCharacter returns an empty string for anything but 17 digits", () => {
      expect(CitizenId.checkCharacter("1101051949123100")).toBe("")
      expect(CitizenId.checkCharacter("1101051949123100X")).toBe("")
    })

    it("ageOn completes a 29 February birthday on 1 March in common years", () => {
      const id = Either.getOrThrow(CitizenId.parse(build("110105", "20000229", "011")))
      expect(CitizenId.sex(id)).toBe("male")
      expect(CitizenId.ageOn(id, "2018-02-28")).toBe(17)
      expect(CitizenId.ageOn(id, "2018-03-01")).toBe(18)
      expect(CitizenId.ageOn(id, "2020-02-29")).toBe(20)
      expect(CitizenId.ageOn(id, "2000-02-28")).toBe(-1)
    })
  })

  describe("properties", () => {
    it.prop("a valid prefix plus its check character is valid", { p: first17 }, ({ p }) => {
      const input = p.prefix + CitizenId.checkCharacter(p.prefix)
      expect(CitizenId.isValid(input)).toBe(true)
      const id = Either.getOrThrow(CitizenId.parse(input))
      expect(Schema.is(CitizenId.CitizenId)(id)).toBe(true)
      expect(CitizenId.birthDate(id)).toBe(p.birth)
      expect(CitizenId.sex(id)).toBe(Number(input.charAt(16)) % 2 === 1 ? "male" : "female")
    })

    it.prop("generated Schema values are valid", { id: CitizenId.CitizenId }, ({ id }) => {
      expect(CitizenId.isValid(id)).toBe(true)
    })

    it.prop(
      "changing any single character makes the number invalid",
      {
        p: first17,
        position: fc.integer({ min: 0, max: 17 }),
        shift: fc.integer({ min: 1, max: 10 })
      },
      ({ p, position, shift }) => {
        const valid = p.prefix + CitizenId.checkCharacter(p.prefix)
        const alphabet = position === 17 ? CHECKS : "0123456789"
        const current = alphabet.indexOf(valid.charAt(position))
        const replacement = alphabet.charAt((current + shift) % alphabet.length)
        fc.pre(replacement !== valid.charAt(position))
        const changed = valid.slice(0, position) + replacement + valid.slice(position + 1)
        expect(CitizenId.isValid(changed)).toBe(false)
        if (position === 17) expect(failure(changed).rule).toBe("citizen-id.check-digit")
      }
    )

    it.prop(
      "swapping two different adjacent digits makes the number invalid",
      { p: first17, position: fc.integer({ min: 0, max: 15 }) },
      ({ p, position }) => {
        const valid = p.prefix + CitizenId.checkCharacter(p.prefix)
        const a = valid.charAt(position)
        const b = valid.charAt(position + 1)
        fc.pre(a !== b)
        const swapped = valid.slice(0, position) + b + a + valid.slice(position + 2)
        expect(CitizenId.isValid(swapped)).toBe(false)
      }
    )

    it.prop("the mask keeps 6 and 4 characters around 8 stars", { id: CitizenId.CitizenId }, ({ id }) => {
      const masked = CitizenId.mask(id)
      expect(masked).toHaveLength(18)
      expect(masked.slice(0, 6)).toBe(id.slice(0, 6))
      expect(masked.slice(6, 14)).toBe("********")
      expect(masked.slice(14)).toBe(id.slice(14))
    })

    it.prop(
      "ageOn counts completed years: n on the n-th birthday, n − 1 the day before",
      { id: CitizenId.CitizenId, n: fc.integer({ min: 1, max: 120 }) },
      ({ id, n }) => {
        const birth = CitizenId.birthDate(id)
        fc.pre(birth.slice(5) !== "02-29")
        const year = Number(birth.slice(0, 4)) + n
        const birthday = `${pad(year, 4)}-${birth.slice(5)}`
        const dayBefore = new Date(Date.parse(birthday) - DAY_MS).toISOString().slice(0, 10)
        expect(CitizenId.ageOn(id, birthday)).toBe(n)
        expect(CitizenId.ageOn(id, dayBefore)).toBe(n - 1)
      }
    )

    it.prop(
      "impossible dates fail with citizen-id.birth-date",
      {
        year: fc.integer({ min: 1900, max: 2020 }),
        date: fc.oneof(
          fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 29, max: 99 }) }),
          fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.constant(0) }),
          fc.record({ month: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), day: fc.integer({ min: 1, max: 28 }) })
        )
      },
      ({ date, year }) => {
        fc.pre(date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(year, date.month))
        expect(failure(build("110105", pad(year, 4) + pad(date.month, 2) + pad(date.day, 2))).rule).toBe(
          "citizen-id.birth-date"
        )
      }
    )

    it.prop(
      "an unknown province fails with citizen-id.region",
      {
        p: first17,
        province: fc.integer({ min: 0, max: 99 }).filter((n) => !((n >= 11 && n <= 65) || n === 71 || n === 81 || n === 82))
      },
      ({ p, province }) => {
        const prefix = pad(province, 2) + p.prefix.slice(2)
        fc.pre(prefix.slice(0, 6) !== "830000")
        expect(failure(prefix + CitizenId.checkCharacter(prefix)).rule).toBe("citizen-id.region")
      }
    )

    it.prop(
      "anything but 17 digits and a digit or X fails with citizen-id.format",
      { input: fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9A-Z]{18}$/)) },
      ({ input }) => {
        fc.pre(!/^\d{17}[\dXx]$/.test(input))
        expect(failure(input).rule).toBe("citizen-id.format")
      }
    )

    it.prop(
      "failures carry the given field",
      { input: fc.string({ maxLength: 20 }), field: fc.string({ minLength: 1 }) },
      ({ field, input }) => {
        fc.pre(!CitizenId.isValid(input))
        expect(failure(input, field).field).toBe(field)
      }
    )

    it.prop(
      "a lowercase x parses to the same ID as X",
      { p: first17.filter((p) => CitizenId.checkCharacter(p.prefix) === "X") },
      ({ p }) => {
        expect(Either.getOrThrow(CitizenId.parse(p.prefix + "x"))).toBe(p.prefix + "X")
      }
    )
  })
})
