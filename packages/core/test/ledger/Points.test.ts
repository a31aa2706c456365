/**
 * Points (志愿积分): a balance is the sum of its movements; redemptions never exceed
 * what is available; what expires is written off exactly.
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, LedgerRules, type LedgerEntry, LocalMinute, type PointMovement, Points } from "@jiceng/core"
import { Either, FastCheck as fc } from "effect"

const day0 = IsoDate.unsafeMake("2024-01-01")

type Step =
  | { readonly _tag: "earn"; readonly day: number; readonly minutes: number }
  | { readonly _tag: "reverse"; readonly day: number; readonly which: number }
  | { readonly _tag: "redeem"; readonly day: number; readonly points: number }
  | { readonly _tag: "expire"; readonly day: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ _tag: fc.constant("earn" as const), day: fc.integer({ min: 0, max: 400 }), minutes: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ _tag: fc.constant("reverse" as const), day: fc.integer({ min: 0, max: 400 }), which: fc.nat() }),
  fc.record({ _tag: fc.constant("redeem" as const), day: fc.integer({ min: 0, max: 400 }), points: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ _tag: fc.constant("expire" as const), day: fc.integer({ min: 0, max: 400 }) })
)

describe("Points", () => {
  it("earned: points per hour × minutes / 60, rounded down", () => {
    expect([Points.earned(59, 1), Points.earned(60, 1), Points.earned(90, 2), Points.earned(0, 5)]).toEqual([0, 1, 3, 0])
  })

  it.prop("ledger.points-available: any sequence keeps the balance the sum of its movements, never redeems beyond what is available, and writes off exactly what expired", [
    fc.array(step, { maxLength: 60 }),
    fc.option(fc.integer({ min: 1, max: 200 }), { nil: null })
  ], ([steps, validFor]) => {
    const entries: Array<Pick<LedgerEntry.LedgerEntry, "seq" | "kind" | "points" | "startsAt" | "reverses">> = []
    const movements: Array<Pick<PointMovement.PointMovement, "points" | "on" | "key" | "kind">> = []
    const reversed = new Set<number>()
    // Days only move forward, as a ledger is written.
    let today = 0
    for (const s of steps) {
      today = Math.max(today, s.day)
      const on = IsoDate.addDays(day0, today)
      const startsAt = LocalMinute.startOfDay(on)
      if (s._tag === "earn") {
        entries.push({ seq: entries.length + 1, kind: "service", points: Points.earned(s.minutes, 2), startsAt, reverses: null })
      } else if (s._tag === "reverse") {
        const services = entries.filter((e) => e.kind === "service" && !reversed.has(e.seq))
        if (services.length === 0) continue
        const target = services[s.which % services.length]!
        reversed.add(target.seq)
        entries.push({ seq: entries.length + 1, kind: "reversal", points: -target.points, startsAt: target.startsAt, reverses: target.seq })
      } else if (s._tag === "redeem") {
        const { available } = Points.state(entries, movements, on, validFor)
        const decided = LedgerRules.redeemable(s.points, available)
        expect(Either.isRight(decided)).toBe(s.points <= available)
        if (Either.isRight(decided)) movements.push({ points: -s.points, on, key: `r${movements.length}` as never, kind: "redeem" })
      } else {
        const { expired } = Points.state(entries, movements, on, validFor)
        if (expired > 0) movements.push({ points: -expired, on, key: `e${movements.length}` as never, kind: "expire" })
        expect(Points.state(entries, movements, on, validFor).expired).toBe(0)
      }
      const state = Points.state(entries, movements, on, validFor)
      const sum = entries.reduce((n, e) => n + e.points, 0) + movements.reduce((n, m) => n + m.points, 0)
      expect(state.balance).toBe(sum)
      expect(state.available).toBeGreaterThanOrEqual(0)
      expect(state.available).toBeLessThanOrEqual(Math.max(0, state.balance))
      if (validFor === null) expect(state.expired).toBe(0)
    }
  })

  it("points expire a set number of days after their session's day, oldest first", () => {
    const e = (seq: number, day: string, points: number) => ({
      seq,
      kind: "service" as const,
      points,
      startsAt: LocalMinute.startOfDay(IsoDate.unsafeMake(day)),
      reverses: null
    })
    const entries = [e(1, "2024-01-01", 5), e(2, "2024-01-20", 3)]
    const on = (d: string) => IsoDate.unsafeMake(d)
    expect(Points.state(entries, [], on("2024-01-30"), 30)).toEqual({ balance: 8, expired: 0, available: 8 })
    expect(Points.state(entries, [], on("2024-01-31"), 30)).toEqual({ balance: 8, expired: 5, available: 3 })
    // A redemption before expiry spends the oldest first, so less expires.
    const spent = [{ points: -4, on: on("2024-01-15"), key: "r" as never, kind: "redeem" as const }]
    expect(Points.state(entries, spent, on("2024-01-31"), 30)).toEqual({ balance: 4, expired: 1, available: 3 })
  })
})
