import * as RegionCode from "../../src/identifiers/RegionCode.js"
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import * as Decode from "../../src/errors/Decode.js"
import * as ValidationError from "../../src/errors/ValidationError.js"
import * as CitizenId from "../../src/identifiers/CitizenId.js"

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

const validProvince = fc.constantFrom(...RegionCode.provinces)

/** A valid 17-digit prefix: valid province, any 4 digits, a birth date in 1900–2020, any sequence. */
const first17 = fc
  .record({
    province: validProvince,
    rest: fc.integer({ min: 0, max: 9999 }),
    day: fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2020, 11, 31) / DAY_MS }),
    sequence: fc.integer({ min: 0, max: 999 })
  })
  .map(({ day, province, rest, sequence }) => ({
    prefix: province + pad(rest, 4) + new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "") +
      pad(sequence, 3),
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

    it("accepts a lowercase x and normalises it", () => {
      expect(CitizenId.isValid("11010519491231002x")).toBe(true)
      expect(Either.getOrThrow(CitizenId.parse("11010519491231002x"))).toBe("11010519491231002X")
      // The Schema holds the canonical form only.
      expect(Schema.is(CitizenId.CitizenId)("11010519491231002x")).toBe(false)
      expect(Schema.is(CitizenId.CitizenId)("11010519491231002X")).toBe(true)
    })

    it("reports the expected and found check characters", () => {
      const error = failure("110105194912310021")
      expect(error).toBeInstanceOf(ValidationError.ValidationError)
      expect(error.rule).toBe("citizen-id.check-digit")
      expect(error.field).toBe("citizenId")
      expect(error.message).toContain("should be X")
      expect(error.message).toContain("found 1")
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
      expect(CitizenId.isValid(build("810000", "19491231"))).toBe(true)
    })

    it("rejects impossible, early and future birth dates with citizen-id.birth-date", () => {
      for (const date of ["19990229", "19000229", "21000229", "19991301", "19990000", "19990431", "19991232", "18991231"]) {
        expect(failure(build("110105", date)).rule, date).toBe("citizen-id.birth-date")
      }
      for (const date of ["20000229", "20240229", "19000101", "19991231"]) {
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
