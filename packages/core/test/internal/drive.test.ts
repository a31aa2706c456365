import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Exit } from "effect"
import { drive } from "../../src/internal/drive.js"

describe("drive", () => {
  it("runs a generator synchronously while what it yields is settled", () => {
    const result = drive((function*() {
      const a = yield* Effect.succeed(1)
      const b = yield* Either.right(2)
      return a + b
    })())
    expect(Exit.isExit(result) && result).toStrictEqual(Exit.succeed(3))
    const failed = drive((function*() {
      yield* Either.left("no")
      return 1
    })())
    expect(failed).toStrictEqual(Exit.fail("no"))
  })

  it.effect("hands the rest to the runtime at the first effect that is not settled, once", () =>
    Effect.gen(function*() {
      const rest = drive((function*() {
        const a = yield* Effect.succeed(1)
        const b = yield* Effect.sync(() => 2)
        return a + b
      })())
      expect(Exit.isExit(rest)).toBe(false)
      expect(yield* rest).toBe(3)
      // A second run would skip the steps already taken: it dies instead.
      const again = yield* Effect.exit(rest)
      expect(Exit.isFailure(again) && Exit.isFailure(again) && again.cause._tag).toBe("Die")
    }))
})
