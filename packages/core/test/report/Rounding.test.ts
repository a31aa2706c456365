/**
 * report.rounding: the report models round shares to one decimal of a percent and
 * percentages to one decimal, half up on the ratio's exact value (0.0005 → 0.001, not as
 * its binary fraction falls), and a completion percentage to a share the same way.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as Kit from "../../src/internal/report/kit.js"

/** Half up of a ratio of whole numbers at `places` decimals, in integers: ⌊(2a·10^p + b) / 2b⌋. */
const exact = (a: number, b: number, places: number) => Math.floor((2 * a * 10 ** places + b) / (2 * b))

describe("report.rounding", () => {
  it.prop("report.rounding: a ratio of counts becomes a share to three places and a percentage to one, half up", [
    fc.integer({ min: 1, max: 100_000 }).chain((b) => fc.tuple(fc.integer({ min: 0, max: b }), fc.constant(b)))
  ], ([[a, b]]) => {
    expect(Math.round(Kit.share(a / b)! * 1000)).toBe(exact(a, b, 3))
    expect(Math.round(Kit.percent(a / b)! * 10)).toBe(exact(a, b, 3))
    expect(Kit.percent(a / b)).toBe(Number(`${exact(a, b, 3)}e-1`))
  })

  it.prop("report.rounding: a completion percentage Σw·p ÷ Σw becomes a share to one decimal of a percent, half up", [
    fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 8 })
  ], ([projects]) => {
    const weights = projects.reduce((s, [w]) => s + w, 0)
    const weighted = projects.reduce((s, [w, p]) => s + w * p, 0)
    expect(Kit.shareOfPercent(weighted / weights)).toBe(Number(`${exact(weighted, weights, 1)}e-3`))
  })

  it("halves go up, nulls stay null, and the digits read are the decimal ones", () => {
    expect([Kit.share(0.0005), Kit.share(0.0015), Kit.share(0.8535), Kit.share(1), Kit.share(null)]).toStrictEqual([0.001, 0.002, 0.854, 1, null])
    expect([Kit.percent(0.8535), Kit.percent(0.12345), Kit.percent(0), Kit.percent(null)]).toStrictEqual([85.4, 12.3, 0, null])
    expect([Kit.round(1.005, 2), Kit.round(2.675, 2), Kit.round(-1.25, 1), Kit.round(1e-7, 3)]).toStrictEqual([1.01, 2.68, -1.3, 0])
    expect(Kit.shareOfPercent(12.35)).toBe(0.124)
  })
})
