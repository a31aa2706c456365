/**
 * Rollups: a parent equals its own entries plus the sum of its children; hours derive
 * from total minutes with the declared rounding.
 */
import { describe, expect, it } from "@effect/vitest"
import { Rollup } from "@jiceng/core"
import { FastCheck as fc } from "effect"

describe("Rollup", () => {
  it("hours: half up, half even and down, from integer minutes", () => {
    const r = (decimals: number, mode: Rollup.Rounding["mode"]) => ({ decimals, mode })
    expect(Rollup.hours(93, r(1, "half-up"))).toBe(1.6) // 1.55 h
    expect(Rollup.hours(93, r(1, "half-even"))).toBe(1.6) // 1.55 → even 1.6
    expect(Rollup.hours(87, r(1, "half-even"))).toBe(1.4) // 1.45 → even 1.4
    expect(Rollup.hours(87, r(1, "half-up"))).toBe(1.5)
    expect(Rollup.hours(119, r(0, "down"))).toBe(1)
    expect(Rollup.hours(-93, r(1, "half-up"))).toBe(-1.6)
    expect(Rollup.hours(20, r(2, "half-up"))).toBe(0.33)
  })

  it.prop("rollup.hours: within half a unit of the exact hours (down: within one, toward zero)", [
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.integer({ min: 0, max: 4 }),
    fc.constantFrom("half-up" as const, "half-even" as const, "down" as const)
  ], ([minutes, decimals, mode]) => {
    const h = Rollup.hours(minutes, { decimals, mode })
    const exact = minutes / 60
    const unit = 10 ** -decimals
    if (mode === "down") {
      expect(Math.abs(h)).toBeLessThanOrEqual(Math.abs(exact) + 1e-9)
      expect(Math.abs(exact) - Math.abs(h)).toBeLessThan(unit + 1e-9)
    } else {
      expect(Math.abs(h - exact)).toBeLessThanOrEqual(unit / 2 + 1e-9)
    }
  })

  it.prop("rollup.sum: every node of a grid tree equals its own entries plus the sum of its children", [
    fc.array(fc.tuple(fc.constantFrom("", "1", "2", "11", "12", "21", "111", "9"), fc.integer({ min: -100, max: 500 }), fc.integer({ min: 0, max: 9 })), { maxLength: 60 })
  ], ([rows]) => {
    const root = "R"
    const codes = ["R", "R1", "R2", "R11", "R12", "R21", "R111"]
    const grids = codes.map((code) => ({ code, parentCode: code === root ? null : code.slice(0, -1) }))
    const totals = rows.map(([suffix, minutes, residents]) => ({
      keys: [`${root}${suffix}`],
      minutes,
      entries: 1,
      residentsServed: residents,
      mattersDone: 0,
      points: 0
    }))
    const tree = Rollup.gridTree(root, grids, totals)
    const check = (node: Rollup.GridNode): void => {
      const expected = Rollup.sum([node.own, ...node.children.map((c) => c.totals)])
      expect(node.totals).toEqual(expected)
      expect(node.hours).toBe(Rollup.hours(node.totals.minutes))
      node.children.forEach(check)
    }
    check(tree)
    // The root holds everything in it ("R9" is unknown: it counts for the root itself).
    expect(tree.totals).toEqual(Rollup.sum(totals))
  })
})
