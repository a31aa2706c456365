/**
 * The validators checked against reference implementations written here from the
 * standards themselves, with different code on purpose: the MOD 11-2 check by the
 * recursive ISO 7064 method instead of a weight table, the GB 32100 weights computed
 * as 3^(i−1) mod 31, calendar dates through Date.UTC, tables written out as sets.
 * Inputs are random strings and near-valid ones (a valid value with one part broken
 * and, half of the time, the check character made right again), so that each rule is
 * reached.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as CitizenId from "../../src/identifiers/CitizenId.js"
import * as CreditCode from "../../src/identifiers/CreditCode.js"
import * as RegionCode from "../../src/identifiers/RegionCode.js"

// ---------------------------------------------------------------------------------------
// GB/T 2260 and 统计用区划代码

/** GB/T 2260 province-level codes: 华北 11–15, 东北 21–23, 华东 31–37, 中南 41–46, 西南 50–54, 西北 61–65, 71, 81, 82. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82
])

/** 不设区的地级市: 东莞, 中山, 儋州, 嘉峪关, as province × 100 + prefecture. */
const WITHOUT_DISTRICTS = new Set([4419, 4420, 4604, 6202])

const allDigits = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** GB/T 2260: a county sits under a prefecture; only 香港 and 澳门 list districts under the province. */
const countyHasPrefecture = (six: string): boolean => {
  const province = Number(six.substring(0, 2))
  return Number(six.substring(2, 4)) > 0 || Number(six.substring(4, 6)) === 0 || province === 81 || province === 82
}

const referenceRegion = (s: string): boolean => {
  if ((s.length !== 6 && s.length !== 12) || !allDigits(s)) return false
  const province = Number(s.substring(0, 2))
  if (!PROVINCES.has(province)) return false
  if (!countyHasPrefecture(s.substring(0, 6))) return false
  if (s.length === 6) return true
  const prefecture = Number(s.substring(2, 4))
  const county = Number(s.substring(4, 6))
  const township = Number(s.substring(6, 9))
  const village = Number(s.substring(9, 12))
  if (township > 599) return false
  if (township === 0) return village === 0
  // A township lies under a county, or under a prefecture city without districts.
  return county !== 0 || WITHOUT_DISTRICTS.has(province * 100 + prefecture)
}

const referenceCountyLevel = (s: string): boolean =>
  s.length === 6 && referenceRegion(s) &&
  (Number(s.substring(4, 6)) !== 0 || WITHOUT_DISTRICTS.has(Number(s.substring(0, 4))))

// ---------------------------------------------------------------------------------------
// GB 11643-1999 and the residence permits (国办发〔2018〕81号)

/** ISO 7064 MOD 11-2, recursive method: P ← 2(P + a) mod 11 over the digits, then (P + c) ≡ 1 mod 11. */
const referenceMod11_2 = (digits17: string): string => {
  let p = 0
  for (const d of digits17) p = ((p + Number(d)) * 2) % 11
  const c = (12 - p) % 11
  return c === 10 ? "X" : String(c)
}

const chinaToday = (): number => {
  const now = new Date(Date.now() + 8 * 3600 * 1000)
  return now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate()
}

const isRealDate = (y: number, m: number, d: number): boolean => {
  const t = new Date(Date.UTC(2000, m - 1, d))
  t.setUTCFullYear(y)
  // setUTCFullYear keeps month and day; a 29 February in a common year rolls to 1 March.
  return m >= 1 && m <= 12 && d >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

const referenceCitizenId = (input: string): boolean => {
  if (input.length !== 18) return false
  const body = input.substring(0, 17)
  const last = input.charAt(17) === "x" ? "X" : input.charAt(17)
  if (!allDigits(body) || !"0123456789X".includes(last)) return false
  const address = input.substring(0, 6)
  const province = Number(input.substring(0, 2))
  const permit = address === "810000" || address === "820000" || address === "830000"
  if (!permit && (!PROVINCES.has(province) || province === 81 || province === 82 || !countyHasPrefecture(address))) {
    return false
  }
  const y = Number(input.substring(6, 10))
  const m = Number(input.substring(10, 12))
  const d = Number(input.substring(12, 14))
  if (!isRealDate(y, m, d)) return false
  const birth = y * 10000 + m * 100 + d
  if (birth < 18000101 || birth > chinaToday()) return false
  return referenceMod11_2(body) === last
}

// ---------------------------------------------------------------------------------------
// GB 32100-2015, its later authorities, and GB 11714-1997

const VALUES: Record<string, number> = {
  "0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9,
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, J: 18, K: 19, L: 20, M: 21, N: 22,
  P: 23, Q: 24, R: 25, T: 26, U: 27, W: 28, X: 29, Y: 30
}
const SYMBOL_OF = Object.fromEntries(Object.entries(VALUES).map(([k, v]) => [v, k]))

/** Authority and type pairs: GB 32100-2015 (1, 5, 9, Y) and those added since (2, 3, 4, 6, 7, 8, A, N). */
const PAIRS = new Set([
  "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49", "51", "52", "53", "59",
  "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1"
])

const referenceCreditCheck = (first17: string): string => {
  let sum = 0
  let weight = 1 // W_i = 3^(i−1) mod 31
  for (const c of first17) {
    sum += (VALUES[c] ?? 0) * weight
    weight = (weight * 3) % 31
  }
  const c18 = 31 - (sum % 31)
  return SYMBOL_OF[c18 === 31 ? 0 : c18] ?? "?"
}

const upper = (s: string): string =>
  Array.from(s, (c) => (c >= "a" && c <= "z" ? String.fromCharCode(c.charCodeAt(0) - 32) : c)).join("")

const referenceCreditCode = (raw: string): boolean => {
  const s = upper(raw)
  if (s.length !== 18) return false
  for (const c of s) if (!(c in VALUES)) return false
  if (!PAIRS.has(s.substring(0, 2))) return false
  const region = s.substring(2, 8)
  if (!allDigits(region)) return false
  if (region !== "100000" && (!PROVINCES.has(Number(region.substring(0, 2))) || !countyHasPrefecture(region))) return false
  return referenceCreditCheck(s.substring(0, 17)) === s.charAt(17)
}

/** GB 11714: C9 = 11 − (Σ C_i·W_i mod 11), W = 3 7 9 10 5 8 4 2, A–Z = 10–35. */
const referenceOrganisationCheck = (body: string): string => {
  const w = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i)
    sum += (c <= 57 ? c - 48 : c - 55) * (w[i] ?? 0)
  }
  const c9 = 11 - (sum % 11)
  return c9 === 11 ? "0" : c9 === 10 ? "X" : String(c9)
}

// ---------------------------------------------------------------------------------------
// Generators

const pad = (n: number, width: number): string => String(n).padStart(width, "0")
const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n })

/** Replaces one character of `s`, or inserts or deletes one. */
const mutate = (s: string) =>
  fc
    .record({
      at: fc.nat({ max: Math.max(s.length - 1, 0) }),
      op: fc.constantFrom("replace", "insert", "delete"),
      c: fc.oneof(fc.constantFrom(..."0123456789AXYZIOxa\n中"), fc.string({ maxLength: 1 }))
    })
    .map(({ at, c, op }) => {
      switch (op) {
        case "replace":
          return s.slice(0, at) + c + s.slice(at + 1)
        case "insert":
          return s.slice(0, at) + c + s.slice(at)
        default:
          return s.slice(0, at) + s.slice(at + 1)
      }
    })

/** Mostly real provinces, then any two digits and the edge cases. */
const provinceLike = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PROVINCES) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 10, 44, 46, 62, 66, 71, 81, 82, 83, 99) }
)

/** Random strings now and then; mostly structured inputs, a fifth of them mutated. */
const inputs = (random: ReadonlyArray<fc.Arbitrary<string>>, structured: fc.Arbitrary<string>) =>
  fc.oneof(
    ...random.map((arbitrary) => ({ weight: 1, arbitrary })),
    {
      weight: 8,
      arbitrary: structured.chain((s) => fc.oneof({ weight: 4, arbitrary: fc.constant(s) }, { weight: 1, arbitrary: mutate(s) }))
    }
  )

const regionInputs = inputs(
  [fc.string({ maxLength: 14 }), fc.oneof(digits(6), digits(12))],
  fc
    .record({
      province: provinceLike,
      prefecture: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constantFrom(0, 1, 4, 19, 20, 2)),
      county: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constant(0)),
      township: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constantFrom(0, 1, 99, 100, 199, 200, 399, 400, 599, 600)),
      village: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constant(0)),
      twelve: fc.boolean()
    })
    .map(({ county, prefecture, province, township, twelve, village }) => {
      const six = pad(province, 2) + pad(prefecture, 2) + pad(county, 2)
      return twelve ? six + pad(township, 3) + pad(village, 3) : six
    })
)

const chinaTodayString = (offsetDays: number): string =>
  new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000).toISOString().slice(0, 10).replaceAll("-", "")

const citizenIdInputs = inputs(
  [fc.string({ maxLength: 20 }), digits(18)],
  fc
    .record({
      address: fc.oneof(
        fc.constantFrom("810000", "820000", "830000", "810001", "820100", "830100", "839999", "710000", "000000", "441900", "990101"),
        fc.tuple(provinceLike, digits(4)).map(([p, rest]) => pad(p, 2) + rest)
      ),
      birth: fc.oneof(
        fc.constantFrom("17991231", "18000101", "18000229", "18040229", "18800101", "19000229", "20000229", "19491231"),
        fc.constant("today").map(() => chinaTodayString(0)),
        fc.constant("tomorrow").map(() => chinaTodayString(1)),
        fc.tuple(fc.integer({ min: 1700, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
          .map(([y, m, d]) => pad(y, 4) + pad(m, 2) + pad(d, 2))
      ),
      sequence: digits(3),
      check: fc.oneof(fc.constant("right"), fc.constant("right-lower"), fc.constantFrom(..."0123456789Xx"))
    })
    .map(({ address, birth, check, sequence }) => {
      const body = address + birth + sequence
      const right = referenceMod11_2(body)
      return body + (check === "right" ? right : check === "right-lower" ? right.toLowerCase() : check)
    })
)

const SYMBOLS = Object.keys(VALUES)

const creditCodeInputs = inputs(
  [
    fc.string({ maxLength: 20 }),
    fc.string({ unit: fc.constantFrom(...SYMBOLS, "I", "O", "Z", "S", "V", "a", "m", "y"), minLength: 18, maxLength: 18 })
  ],
  fc
    .record({
      head: fc.oneof(fc.constantFrom(...PAIRS), fc.string({ unit: fc.constantFrom(...SYMBOLS), minLength: 2, maxLength: 2 })),
      region: fc.oneof(
        fc.constantFrom("100000", "000000", "830000", "110105", "441900", "990000", "101000"),
        fc.tuple(provinceLike, digits(4)).map(([p, rest]) => pad(p, 2) + rest),
        digits(6)
      ),
      body: fc.string({ unit: fc.constantFrom(...SYMBOLS), minLength: 8, maxLength: 8 }),
      organisationCheck: fc.oneof(fc.constant("right"), fc.constantFrom(...SYMBOLS)),
      check: fc.oneof(fc.constant("right"), fc.constantFrom(...SYMBOLS)),
      lower: fc.boolean()
    })
    .map(({ body, check, head, lower, organisationCheck, region }) => {
      const first17 = head + region + body + (organisationCheck === "right" ? referenceOrganisationCheck(body) : organisationCheck)
      const code = first17 + (check === "right" ? referenceCreditCheck(first17) : check)
      return lower ? code.toLowerCase() : code
    })
)

// ---------------------------------------------------------------------------------------

describe("identifiers against references written from the standards", () => {
  it("the references reproduce the standards' own examples", () => {
    expect(referenceCitizenId("11010519491231002X")).toBe(true)
    expect(referenceCitizenId("440524188001010014")).toBe(true)
    expect(referenceCreditCode("91350100M000100Y43")).toBe(true)
    expect(referenceOrganisationCheck("M000100Y")).toBe("4")
    expect(referenceRegion("441900003000")).toBe(true)
    expect(referenceRegion("130100001000")).toBe(false)
  })

  it.prop("RegionCode.isValid and isCountyLevel agree with the reference", { input: regionInputs }, ({ input }) => {
    expect(RegionCode.isValid(input)).toBe(referenceRegion(input))
    expect(RegionCode.isCountyLevel(input)).toBe(referenceCountyLevel(input))
  }, { fastCheck: { numRuns: 1000 } })

  it.prop("CitizenId.isValid and checkCharacter agree with the reference", { input: citizenIdInputs }, ({ input }) => {
    expect(CitizenId.isValid(input)).toBe(referenceCitizenId(input))
    if (input.length >= 17 && allDigits(input.slice(0, 17))) {
      expect(CitizenId.checkCharacter(input.slice(0, 17))).toBe(referenceMod11_2(input.slice(0, 17)))
    }
  }, { fastCheck: { numRuns: 1000 } })

  it.prop("CreditCode.isValid, checkCharacter and the GB 11714 check agree with the reference", { input: creditCodeInputs }, ({ input }) => {
    const valid = referenceCreditCode(input)
    expect(CreditCode.isValid(input)).toBe(valid)
    const s = upper(input)
    if (s.length >= 17 && Array.from(s.slice(0, 17)).every((c) => c in VALUES)) {
      expect(CreditCode.checkCharacter(s.slice(0, 17))).toBe(referenceCreditCheck(s.slice(0, 17)))
    }
    if (valid) {
      const check = CreditCode.checkOrganisationCode(s as CreditCode.CreditCode)
      expect(check.expected).toBe(referenceOrganisationCheck(s.slice(8, 16)))
      expect(check.holds).toBe(referenceOrganisationCheck(s.slice(8, 16)) === s.charAt(16))
    }
  }, { fastCheck: { numRuns: 1000 } })

  it.prop("the generated Schema values satisfy the references", {
    region: RegionCode.RegionCode,
    id: CitizenId.CitizenId,
    code: CreditCode.CreditCode
  }, ({ code, id, region }) => {
    expect(referenceRegion(region)).toBe(true)
    expect(referenceCitizenId(id)).toBe(true)
    expect(referenceCreditCode(code)).toBe(true)
  })
})
