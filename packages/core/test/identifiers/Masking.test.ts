import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as Masking from "../../src/identifiers/Masking.js"

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
      expect(Masking.maskName("欧阳娜娜")).toBe("欧***")
      expect(Masking.maskName("李")).toBe("李")
      expect(Masking.maskName("")).toBe("")
      expect(Masking.maskName("𠀾三")).toBe("𠀾*")
    })

    it.prop("keeps the length in characters and stars all but the first", { name: text(12) }, ({ name }) => {
      const chars = Array.from(name)
      const masked = Array.from(Masking.maskName(name))
      expect(masked).toHaveLength(chars.length)
      if (chars.length <= 1) {
        expect(Masking.maskName(name)).toBe(name)
      } else {
        expect(masked[0]).toBe(chars[0])
        expect(masked.slice(1).every((c) => c === "*")).toBe(true)
      }
    })
  })

  describe("maskAddress", () => {
    it("keeps six characters and stars the rest, at most six stars", () => {
      expect(Masking.maskAddress("北京市东城区")).toBe("北京市东城区")
      expect(Masking.maskAddress("北京市东城区东华门街道")).toBe("北京市东城区*****")
      expect(Masking.maskAddress("北京市东城区东华门街道多福巷社区12号")).toBe("北京市东城区******")
      expect(Masking.maskAddress("")).toBe("")
    })

    it.prop("keeps the first six characters and adds min(rest, 6) stars", { address: text(40) }, ({ address }) => {
      const chars = Array.from(address)
      const masked = Array.from(Masking.maskAddress(address))
      const stars = Math.min(Math.max(chars.length - 6, 0), 6)
      expect(masked).toHaveLength(Math.min(chars.length, 6) + stars)
      expect(masked.slice(0, 6)).toEqual(chars.slice(0, 6))
      expect(masked.slice(6).join("")).toBe("*".repeat(stars))
      expect(masked.length).toBeLessThanOrEqual(12)
    })
  })
})
