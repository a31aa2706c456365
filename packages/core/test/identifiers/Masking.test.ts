import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc } from "effect"
import * as CitizenId from "../../src/identifiers/CitizenId.js"
import * as Masking from "../../src/identifiers/Masking.js"
import * as Phone from "../../src/identifiers/Phone.js"

// CJK Unified Ideographs, Latin letters and a few astral-plane 生僻字 (CJK Extension B).
const char = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom(..."abcXYZ0123·-号路"),
  fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c))
)
const text = (maxLength: number) => fc.array(char, { maxLength }).map((cs) => cs.join(""))

describe("Masking", () => {
  describe("maskName", () => {
    it("keeps the first character", () => {
      expect(Masking.maskName("张三")).toBe("张*")
      expect(Masking.maskName("阿卜杜热合曼·买买提")).toBe("阿*********")
      expect(Masking.maskName("欧阳娜娜")).toBe("欧***")
      expect(Masking.maskName("李")).toBe("李")
      expect(Masking.maskName("")).toBe("")
      expect(Masking.maskName("𠀾三")).toBe("𠀾*")
    })

    it.prop("keeps the length in characters (up to 16) and stars all but the first", { name: text(20) }, ({ name }) => {
      const chars = Array.from(name)
      const masked = Array.from(Masking.maskName(name))
      expect(masked).toHaveLength(Math.min(chars.length, 16))
      if (chars.length <= 1) {
        expect(Masking.maskName(name)).toBe(name)
      } else {
        expect(masked[0]).toBe(chars[0])
        expect(masked.slice(1).every((c) => c === "*")).toBe(true)
      }
    })
  })

  describe("maskAddress", () => {
    it("keeps half the characters, at most six, and stars the rest, at most six stars", () => {
      expect(Masking.maskAddress("北京市东城区")).toBe("北京市***")
      expect(Masking.maskAddress("朝阳路1号")).toBe("朝阳***")
      expect(Masking.maskAddress("1号")).toBe("1*")
      expect(Masking.maskAddress("北京市东城区东华门街道")).toBe("北京市东城******")
      expect(Masking.maskAddress("北京市东城区东华门街道多福巷社区12号")).toBe("北京市东城区******")
      expect(Masking.maskAddress("")).toBe("")
    })

    it.prop("keeps min(half, 6) characters and adds min(rest, 6) stars", { address: text(40) }, ({ address }) => {
      const chars = Array.from(address)
      const masked = Array.from(Masking.maskAddress(address))
      const kept = Math.min(6, Math.floor(chars.length / 2))
      const stars = Math.min(chars.length - kept, 6)
      expect(masked).toHaveLength(kept + stars)
      expect(masked.slice(0, kept)).toEqual(chars.slice(0, kept))
      expect(masked.slice(kept).join("")).toBe("*".repeat(stars))
      expect(masked.length).toBeLessThanOrEqual(12)
    })
  })
})

// ---------------------------------------------------------------------------------------
// Any stored string: whatever the database holds, no mask shows more than it promises.

/** Code points that do not display, written out rather than by Unicode property where possible. */
const isHidden = (c: string): boolean => {
  const cp = c.codePointAt(0) ?? 0
  return cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    /\p{Cf}/u.test(c)
}

const ODD = ["\n", "\r", "\r\n", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "\u2028", "\u2029", "\u202e", "\u200d", "\ufeff", "\ud800", "\udbff", "\udc00", "\udfff", "*", " "]

/** Every code point, lone surrogates included (String.fromCodePoint(0xd800) is a lone surrogate). */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp))

const unit = fc.oneof(
  anyCodePoint,
  fc.constantFrom(...ODD),
  fc.constantFrom(..."0123456789xX+-() "),
  char
)

/** A valid phone or ID number with odd characters slipped in, or as it is. */
const nearValid = fc
  .tuple(
    fc.oneof(
      Arbitrary.make(Phone.Phone),
      Arbitrary.make(CitizenId.CitizenId),
      Arbitrary.make(CitizenId.CitizenId).map((id) => id.toLowerCase())
    ),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ODD)), { maxLength: 3 })
  )
  .map(([valid, insertions]) =>
    insertions.reduce((s, [at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)), valid)
  )

const stored = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit, maxLength: 40 }),
  nearValid,
  fc.string({ unit, minLength: 500, maxLength: 2000 })
)

const chars = (s: string): ReadonlyArray<string> => Array.from(s)

/** Every kept character is the input's own at that place, or a star; no hidden character shows. */
const expectKept = (out: ReadonlyArray<string>, input: ReadonlyArray<string>) => {
  out.forEach((c, i) => {
    expect(c === "*" || c === input[i], `position ${i}`).toBe(true)
    expect(isHidden(c)).toBe(false)
  })
}

/** The output of maskUnknown: stars, then at most min(4, ⌊n/2⌋) of the input's last characters, 8 in all. */
const expectUnknownMask = (masked: string, value: string) => {
  const out = chars(masked)
  const input = chars(value)
  const kept = Math.min(4, Math.floor(input.length / 2))
  expect(out).toHaveLength(8)
  expect(out.slice(0, 8 - kept).every((c) => c === "*")).toBe(true)
  expectKept(out.slice(8 - kept), input.slice(input.length - kept))
}

describe("masks of stored strings", () => {
  it("a line break does not let characters through (the regex fallback it replaces did)", () => {
    expect("1381234\n5678".replace(/.(?=.{4})/g, "*")).toContain("1234")
    expect(Phone.maskStored("1381234\n5678")).toBe("****5678")
    expect(CitizenId.maskStored("11010519491231\n002X")).toBe("****002X")
    expect(CitizenId.maskStored("110105\n19491231002X")).toBe("****002X")
  })

  it("valid values get the standard masks, a lowercase x included", () => {
    expect(Phone.maskStored("13812345678")).toBe("138****5678")
    expect(CitizenId.maskStored("11010519491231002X")).toBe("110105********002X")
    expect(CitizenId.maskStored("11010519491231002x")).toBe("110105********002X")
    expect(CitizenId.maskStored("440524188001010014")).toBe("440524********0014")
  })

  it("anything else shows 8 characters: stars, then at most the last 4 and never more than half", () => {
    expect(Phone.maskStored("+86 138 1234 5678")).toBe("****5678")
    expect(Phone.maskStored("12812345678")).toBe("****5678")
    expect(CitizenId.maskStored("110105194912310021")).toBe("****0021")
    expect(Masking.maskUnknown("12345")).toBe("******45")
    expect(Masking.maskUnknown("1234")).toBe("******34")
    expect(Masking.maskUnknown("x")).toBe("********")
    expect(Masking.maskUnknown("")).toBe("********")
    expect(Phone.maskStored("\n")).toBe("********")
  })

  it("a kept character that does not display is a star", () => {
    expect(Masking.maskUnknown("abcdefg\ud800")).toBe("****efg*")
    expect(Masking.maskUnknown("abcdefg\u202e")).toBe("****efg*")
    expect(Masking.maskUnknown("abcdef\r\n")).toBe("****ef**")
    expect(Masking.maskUnknown("abcd\r\n")).toBe("*****d**")
    expect(Masking.maskUnknown("abcdefg𠀾")).toBe("****efg𠀾")
    expect(Masking.maskName("\u202e张三")).toBe("***")
    expect(Masking.maskName("\n")).toBe("*")
    expect(Masking.maskName("\ud800三")).toBe("**")
    expect(Masking.maskAddress("北京\n市东城区东华门")).toBe("北京*市东*****")
    expect(Masking.maskAddress("\u2028\u2029")).toBe("**")
  })

  it("very long strings give short masks", () => {
    const long = "张" + "三\n".repeat(500_000)
    expect(Masking.maskName(long)).toBe("张" + "*".repeat(15))
    expect(Masking.maskAddress(long)).toBe("张三*三*三******")
    expect(Masking.maskUnknown(long)).toBe("****三*三*")
    expect(Phone.maskStored(long)).toBe("****三*三*")
    expect(CitizenId.maskStored(long)).toBe("****三*三*")
  })

  it.prop(
    "no mask shows more than it promises, for any stored string",
    { value: stored },
    ({ value }) => {
      const input = chars(value)

      const phone = Phone.maskStored(value)
      if (/^1[3-9]\d{9}$/.test(value)) expect(phone).toBe(value.slice(0, 3) + "****" + value.slice(7))
      else expectUnknownMask(phone, value)

      const id = CitizenId.maskStored(value)
      if (CitizenId.isValid(value)) {
        const upper = value.toUpperCase()
        expect(id).toBe(upper.slice(0, 6) + "********" + upper.slice(14))
      } else {
        expectUnknownMask(id, value)
      }

      expectUnknownMask(Masking.maskUnknown(value), value)

      const name = chars(Masking.maskName(value))
      expect(name).toHaveLength(Math.min(input.length, 16))
      expectKept(name.slice(0, 1), input)
      expect(name.slice(1).every((c) => c === "*")).toBe(true)

      const address = chars(Masking.maskAddress(value))
      const kept = Math.min(6, Math.floor(input.length / 2))
      expect(address).toHaveLength(kept + Math.min(input.length - kept, 6))
      expectKept(address.slice(0, kept), input)
      expect(address.slice(kept).every((c) => c === "*")).toBe(true)
    },
    { fastCheck: { numRuns: 300 } }
  )
})
