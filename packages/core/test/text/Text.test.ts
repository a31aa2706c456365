import { describe, expect, it } from "@effect/vitest"
import { Text } from "@jiceng/core"
import { FastCheck as fc } from "effect"

const rule = (value: string, max = 100): string | undefined => Text.problem(value, max)?.split(":")[0]

/** Any UTF-16 string: lone surrogates, controls, separators, astral characters. */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 16 }).map((u) => String.fromCharCode(...u))

describe("Text", () => {
  it("refuses what a store could not keep or a line could not show, naming the rule", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["", "text.empty"],
      ["\u200c", "text.empty"],
      ["\u200c\u200d", "text.empty"],
      ["张\u200b三", "text.invisible"],
      ["张\ufeff", "text.invisible"],
      ["张\udb40\udc41", "text.invisible"],
      ["张\ufffe", "text.invisible"],
      ["张\ufdd0", "text.invisible"],
      [" 张三", "text.trimmed"],
      ["张三\u3000", "text.trimmed"],
      ["张\u0000三", "text.control"],
      ["张\n三", "text.control"],
      ["张\u0085三", "text.control"],
      ["张\u2028三", "text.control"],
      ["幸福小区\u20291号楼", "text.control"],
      ["张\ud800三", "text.surrogate"],
      ["张\udc00", "text.surrogate"],
      ["\u202e三张", "text.bidi"],
      ["张\u200f三", "text.bidi"],
      ["张".repeat(101), "text.length"],
      ["张".repeat(1_000_000), "text.length"]
    ]
    for (const [value, expected] of cases) expect(rule(value), JSON.stringify(value.slice(0, 8))).toBe(expected)
    for (const value of ["张三", "欧阳娜娜", "𠀀𠀁", "👩‍👩‍👧", "A 栋 2 单元", "张".repeat(100)]) expect(rule(value)).toBeUndefined()
  })

  it.prop("a value it accepts is one trimmed line of well-formed, visible text within the bound", [anyUnits], ([value]) => {
    if (Text.problem(value, 12) !== undefined) return
    // encodeURIComponent throws on an unpaired surrogate.
    expect(() => encodeURIComponent(value)).not.toThrow()
    expect(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)).toBe(false)
    expect(value.trim()).toBe(value)
    expect(/[^\s\p{Cf}\p{Z}]/u.test(value)).toBe(true)
    expect(/[\u200b\u2060\ufeff\ufffe\uffff\ufdd0-\ufdef]/.test(value)).toBe(false)
    expect(Array.from(value).length).toBeLessThanOrEqual(12)
  })
})
