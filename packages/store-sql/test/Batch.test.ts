import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { statementSizes } from "../src/internal/batch.js"

describe("statementSizes", () => {
  it.prop(
    "covers every row, no statement above the size, and few shapes whatever the total",
    [Schema.Int.pipe(Schema.between(0, 200_000)), Schema.Int.pipe(Schema.between(1, 5_000))],
    ([total, size]) => {
      const sizes = statementSizes(total, size)
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total)
      // The full size and powers of two below it: at most 1 + log2(size) + 1 shapes.
      expect(sizes.every((s) => s > 0 && s <= size && (s === size || (s & (s - 1)) === 0))).toBe(true)
      expect(new Set(sizes).size).toBeLessThanOrEqual(Math.floor(Math.log2(size)) + 2)
    }
  )
})
