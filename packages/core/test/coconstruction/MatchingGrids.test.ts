/**
 * The matching reads grid codes as a 6-digit root and 3 digits a level; a level scheme
 * of other widths has its codes rewritten so that steps in the tree count the same.
 */
import { describe, expect, it } from "@effect/vitest"
import { LevelScheme, Matching } from "@jiceng/core"
import { FastCheck as fc } from "effect"
import { gridCodes } from "../../src/internal/coconstruction/matching.js"

/** District 6, street 3, community 3, sector 4 digits. */
const wide: LevelScheme.LevelScheme = {
  levels: [
    ...LevelScheme.defaultScheme.levels.slice(0, 3),
    { ...LevelScheme.defaultScheme.levels[3]!, segmentWidth: 4 }
  ]
}

describe("the matching's grid codes under any level scheme", () => {
  it("the default scheme keeps its codes", () => {
    const grid = gridCodes(LevelScheme.defaultScheme, ["131102001001"])!
    expect(grid("131102001001")).toBe("131102001001")
  })

  it("sibling sectors of 4 digits are 2 steps apart, as under the default scheme", () => {
    const codes = ["1311020010010001", "1311020010010002", "131102001002", "131102002"]
    const grid = gridCodes(wide, codes)!
    expect(Matching.gridSteps(grid(codes[0]!), grid(codes[1]!))).toBe(2)
    expect(Matching.gridSteps(grid(codes[0]!), grid(codes[2]!))).toBe(3)
    expect(Matching.gridSteps(grid(codes[0]!), grid(codes[3]!))).toBe(4)
    expect(Matching.gridSteps(grid(codes[2]!), grid(codes[2]!))).toBe(0)
  })

  it.prop("steps between rewritten codes equal the levels up and down between the originals", [
    fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 4 })), {
      minLength: 2,
      maxLength: 12
    })
  ], ([raw]) => {
    const codes = raw.map(([street, community, sector, depth]) =>
      ["131102", String(street).padStart(3, "0"), String(community).padStart(3, "0"), String(sector).padStart(4, "0")].slice(0, depth).join("")
    )
    const grid = gridCodes(wide, codes)!
    const levelsOf = (code: string) => [6, 9, 12, 16].filter((n) => n <= code.length).map((n) => code.slice(0, n))
    for (const a of codes) {
      for (const b of codes) {
        const pa = levelsOf(a)
        const pb = levelsOf(b)
        let common = 0
        while (common < Math.min(pa.length, pb.length) && pa[common] === pb[common]) common++
        expect(Matching.gridSteps(grid(a), grid(b))).toBe(pa.length - common + pb.length - common)
      }
    }
  })
})
