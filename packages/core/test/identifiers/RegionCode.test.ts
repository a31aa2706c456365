import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import * as ValidationError from "../../src/errors/ValidationError.js"
import * as RegionCode from "../../src/identifiers/RegionCode.js"

const code = (input: string): RegionCode.RegionCode => Either.getOrThrow(RegionCode.parse(input))

const failure = (input: string, field?: string): ValidationError.ValidationError =>
  Either.getLeft(field === undefined ? RegionCode.parse(input) : RegionCode.parse(input, field)).pipe(Option.getOrThrow)

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

const VALID_PROVINCES = new Set(RegionCode.provinces.map(Number))

const LEVEL_ORDER: ReadonlyArray<RegionCode.Level> = ["province", "prefecture", "county", "township", "village"]

describe("RegionCode", () => {
  describe("isValid", () => {
    it("accepts 6- and 12-digit codes at every level", () => {
      for (const input of [
        "110000",
        "110100",
        "110105",
        "710000",
        "810000",
        "820000",
        "650000",
        "110000000000",
        "131102000000",
        "110105001000",
        "110105001001",
        "330106599999"
      ]) {
        expect(RegionCode.isValid(input), input).toBe(true)
      }
    })

    it("rejects wrong lengths, non-digits and unknown provinces", () => {
      for (const input of ["", "11010", "1101050", "11010500100", "1101050010011", "11010a", "１１０１０５"]) {
        expect(failure(input).rule, input).toBe("region-code.format")
      }
      for (const input of ["000000", "100000", "660000", "700000", "720000", "800000", "830000", "990000"]) {
        expect(failure(input).rule, input).toBe("region-code.province")
      }
    })

    it("rejects a township segment above 599 and a village under township 000", () => {
      expect(failure("110105600000").rule).toBe("region-code.township")
      expect(failure("110105999001").rule).toBe("region-code.township")
      expect(failure("110105000001").rule).toBe("region-code.village")
    })
  })

  describe("townships under a county-level unit", () => {
    it("rejects a township or village under a prefecture that has districts", () => {
      for (const input of ["130100001000", "130100100201", "110100001000", "320500599001"]) {
        expect(failure(input).rule, input).toBe("region-code.township-parent")
      }
    })

    it("accepts townships under the four prefecture cities without districts", () => {
      for (const input of ["441900003000", "441900003001", "442000001000", "460400100000", "620200100201"]) {
        expect(RegionCode.isValid(input), input).toBe(true)
      }
      expect(RegionCode.prefecturesWithoutDistricts.map((p) => p.code)).toEqual(["4419", "4420", "4604", "6202"])
      expect(RegionCode.prefecturesWithoutDistricts.map((p) => p.zh)).toEqual(["东莞市", "中山市", "儋州市", "嘉峪关市"])
    })

    it("rejects a township directly under a province", () => {
      for (const input of ["130000001000", "440000100000", "110000200001"]) {
        expect(failure(input).rule, input).toBe("region-code.township-parent")
      }
      // A 12-digit code at province, prefecture or county level is still valid.
      for (const input of ["130000000000", "130100000000", "130102000000"]) {
        expect(RegionCode.isValid(input), input).toBe(true)
      }
    })

    it("the message says where the township lies", () => {
      expect(failure("130100001000").message).toContain("prefecture 130100")
      expect(failure("130000001000").message).toContain("province 130000")
    })
  })

  describe("isCountyLevel", () => {
    it("is true for counties and for the four prefecture cities without districts", () => {
      for (const input of ["110105", "130102", "429004", "441900", "442000", "460400", "620200", "441901"]) {
        expect(RegionCode.isCountyLevel(input), input).toBe(true)
      }
    })

    it("is false for 000000, provinces, other prefectures and anything but a valid 6-digit code", () => {
      for (const input of ["000000", "110000", "440000", "130100", "441800", "460300", "620100", "990105", "110105001000", "11010", "", "４４１９００"]) {
        expect(RegionCode.isCountyLevel(input), input).toBe(false)
      }
    })
  })

  describe("parse", () => {
    it("defaults the field to regionCode and keeps a given field", () => {
      const error = failure("1")
      expect(error).toBeInstanceOf(ValidationError.ValidationError)
      expect(error.field).toBe("regionCode")
      expect(failure("1", "grid.region").field).toBe("grid.region")
    })

    it("the Schema names the rule in its message", () => {
      const result = Schema.decodeUnknownEither(RegionCode.RegionCode)("110105600000")
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left.message).toContain("region-code.township")
      expect(Schema.is(RegionCode.RegionCode)("110105001001")).toBe(true)
    })
  })

  describe("level", () => {
    it("reads trailing zero segments", () => {
      expect(RegionCode.level(code("110000"))).toBe("province")
      expect(RegionCode.level(code("110100"))).toBe("prefecture")
      expect(RegionCode.level(code("110105"))).toBe("county")
      expect(RegionCode.level(code("110000000000"))).toBe("province")
      expect(RegionCode.level(code("131100000000"))).toBe("prefecture")
      expect(RegionCode.level(code("131102000000"))).toBe("county")
      expect(RegionCode.level(code("131102100000"))).toBe("township")
      expect(RegionCode.level(code("131102100201"))).toBe("village")
    })
  })

  describe("parent", () => {
    it("walks up one level, keeping the width", () => {
      const up = (input: string) => Option.getOrNull(RegionCode.parent(code(input)))
      expect(up("131102100201")).toBe("131102100000")
      expect(up("131102100000")).toBe("131102000000")
      expect(up("131102000000")).toBe("131100000000")
      expect(up("131100000000")).toBe("130000000000")
      expect(up("130000000000")).toBeNull()
      expect(up("110105")).toBe("110100")
      expect(up("110100")).toBe("110000")
      expect(up("110000")).toBeNull()
    })
  })

  describe("townshipKind", () => {
    it("reads the township segment ranges", () => {
      const kind = (input: string) => Option.getOrNull(RegionCode.townshipKind(code(input)))
      expect(kind("110105001000")).toBe("street")
      expect(kind("110105099123")).toBe("street")
      expect(kind("110105100000")).toBe("town")
      expect(kind("110105199001")).toBe("town")
      expect(kind("110105200000")).toBe("township")
      expect(kind("110105399001")).toBe("township")
      expect(kind("110105400000")).toBe("other")
      expect(kind("110105599001")).toBe("other")
      expect(kind("110105000000")).toBeNull()
      expect(kind("110105")).toBeNull()
    })

    it("names each kind in zh and en; 400–599 are 类似乡级单位 (统计用区划代码 编制规则)", () => {
      expect(RegionCode.townshipKindLabel).toEqual({
        street: { zh: "街道", en: "Subdistrict" },
        town: { zh: "镇", en: "Town" },
        township: { zh: "乡", en: "Township" },
        other: { zh: "类似乡级单位", en: "Township-like unit (development zone, farm, mining area)" }
      })
    })
  })

  describe("county and toTwelve", () => {
    it("take and pad the first six digits", () => {
      expect(RegionCode.county(code("110105001001"))).toBe("110105")
      expect(RegionCode.county(code("110105"))).toBe("110105")
      expect(RegionCode.toTwelve(code("110105"))).toBe("110105000000")
      expect(RegionCode.toTwelve(code("110105001001"))).toBe("110105001001")
    })
  })

  describe("properties", () => {
    it.prop("generated codes are valid", { c: RegionCode.RegionCode }, ({ c }) => {
      expect(RegionCode.isValid(c)).toBe(true)
      expect(Either.isRight(RegionCode.parse(c))).toBe(true)
    })

    it.prop("parent is valid, same width, one level wider, and reaches none within 4 steps", { c: RegionCode.RegionCode }, ({ c }) => {
      let current: RegionCode.RegionCode = c
      let steps = 0
      for (let next = RegionCode.parent(current); Option.isSome(next); next = RegionCode.parent(current)) {
        expect(RegionCode.isValid(next.value)).toBe(true)
        expect(next.value.length).toBe(c.length)
        expect(LEVEL_ORDER.indexOf(RegionCode.level(next.value))).toBeLessThan(
          LEVEL_ORDER.indexOf(RegionCode.level(current))
        )
        current = next.value
        steps++
        expect(steps).toBeLessThanOrEqual(4)
      }
      expect(RegionCode.level(current)).toBe("province")
    })

    it.prop("toTwelve keeps validity, level and the county part", { c: RegionCode.RegionCode }, ({ c }) => {
      const twelve = RegionCode.toTwelve(c)
      expect(twelve).toHaveLength(12)
      expect(RegionCode.isValid(twelve)).toBe(true)
      expect(RegionCode.level(twelve)).toBe(RegionCode.level(c))
      expect(RegionCode.county(twelve)).toBe(RegionCode.county(c))
    })

    it.prop(
      "townshipKind is some exactly for 12-digit codes at township or village level",
      { c: RegionCode.RegionCode },
      ({ c }) => {
        const level = RegionCode.level(c)
        expect(Option.isSome(RegionCode.townshipKind(c))).toBe(
          c.length === 12 && (level === "township" || level === "village")
        )
      }
    )

    it.prop(
      "an unknown province fails with region-code.province and the given field",
      {
        province: fc.integer({ min: 0, max: 99 }).filter((n) => !VALID_PROVINCES.has(n)),
        rest: fc.integer({ min: 0, max: 9999 }),
        field: fc.string({ minLength: 1 })
      },
      ({ field, province, rest }) => {
        const error = failure(pad(province, 2) + pad(rest, 4), field)
        expect(error.rule).toBe("region-code.province")
        expect(error.field).toBe(field)
      }
    )

    it.prop(
      "a township segment above 599 fails with region-code.township",
      { township: fc.integer({ min: 600, max: 999 }), village: fc.integer({ min: 0, max: 999 }) },
      ({ township, village }) => {
        expect(failure("110105" + pad(township, 3) + pad(village, 3)).rule).toBe("region-code.township")
      }
    )

    it.prop(
      "a township or village not under a county-level unit fails with region-code.township-parent",
      {
        province: fc.constantFrom(...RegionCode.provinces),
        prefecture: fc.integer({ min: 0, max: 99 }),
        township: fc.integer({ min: 1, max: 599 }),
        village: fc.integer({ min: 0, max: 999 })
      },
      ({ prefecture, province, township, village }) => {
        const four = province + pad(prefecture, 2)
        fc.pre(!RegionCode.prefecturesWithoutDistricts.some((p) => p.code === four))
        expect(RegionCode.isCountyLevel(four + "00")).toBe(false)
        expect(failure(four + "00" + pad(township, 3) + pad(village, 3)).rule).toBe("region-code.township-parent")
      }
    )

    it.prop(
      "isCountyLevel holds exactly for valid 6-digit codes at county level or of a prefecture without districts",
      { c: RegionCode.RegionCode },
      ({ c }) => {
        const withoutDistricts = RegionCode.prefecturesWithoutDistricts.some((p) => p.code + "00" === c)
        expect(RegionCode.isCountyLevel(c)).toBe(
          c.length === 6 && (RegionCode.level(c) === "county" || withoutDistricts)
        )
      }
    )

    it.prop(
      "a village segment under township 000 fails with region-code.village",
      { village: fc.integer({ min: 1, max: 999 }) },
      ({ village }) => {
        expect(failure("110105000" + pad(village, 3)).rule).toBe("region-code.village")
      }
    )

    it.prop(
      "any string not of 6 or 12 digits fails with region-code.format",
      { input: fc.string().filter((s) => !/^(\d{6}|\d{12})$/.test(s)) },
      ({ input }) => {
        expect(failure(input).rule).toBe("region-code.format")
      }
    )
  })

  it("a county needs a prefecture: digits 3–4 of 00 with 5–6 not 00 fail with region-code.prefecture, but under 香港 and 澳门", () => {
    for (const code of ["110001", "110001001000", "130010", "710001"]) {
      expect(Either.isLeft(RegionCode.parse(code)) && Either.getLeft(RegionCode.parse(code)).pipe(Option.map((e) => e.rule)))
        .toEqual(Option.some("region-code.prefecture"))
    }
    for (const code of ["810001", "810018", "820008", "110000", "110100", "110101"]) expect(RegionCode.isValid(code), code).toBe(true)
    expect(RegionCode.isCountyLevel("110001")).toBe(false)
    expect(RegionCode.isCountyLevel("810001")).toBe(true)
  })
})
