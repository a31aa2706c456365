/**
 * The ledger's session rules at their boundaries: order, length, the future, overlap
 * (touching is allowed), and the late flag for a session across midnight.
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, LedgerRules, LocalMinute, WorkingCalendar } from "@jiceng/core"
import { Either, FastCheck as fc } from "effect"

const m = LocalMinute.unsafeMake
const at = (n: number) => LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(m("2024-01-01T00:00")) + n)
const ruleOf = (e: Either.Either<unknown, { readonly rule: string }>) => (Either.isLeft(e) ? e.left.rule : "ok")

describe("LedgerRules", () => {
  it("minutes count across midnight, a month end, a year end and a leap day", () => {
    expect(LocalMinute.minutesBetween(m("2024-12-31T22:00"), m("2025-01-01T02:00"))).toBe(240)
    expect(LocalMinute.minutesBetween(m("2024-02-28T23:30"), m("2024-02-29T00:15"))).toBe(45)
    expect(LocalMinute.minutesBetween(m("2024-02-29T23:00"), m("2024-03-01T01:00"))).toBe(120)
    expect(LocalMinute.isValid("2023-02-29T10:00")).toBe(false)
    expect(LocalMinute.isValid("2024-01-01T24:00")).toBe(false)
  })

  it.prop("ledger.session-order, ledger.session-length, ledger.future: exactly at their boundaries", [
    fc.integer({ min: 0, max: 500_000 }),
    fc.integer({ min: -5, max: 800 }),
    fc.integer({ min: 1, max: 720 }),
    fc.integer({ min: -3, max: 3 })
  ], ([start, length, max, nowOffset]) => {
    const startsAt = at(start)
    const endsAt = at(start + length)
    const now = at(start + length + nowOffset)
    const expected = length <= 0 ? "ledger.session-order" : length > max ? "ledger.session-length" : nowOffset < 0 ? "ledger.future" : "ok"
    const result = LedgerRules.sessionMinutes(max, now, { startsAt, endsAt })
    expect(ruleOf(result)).toBe(expected)
    if (Either.isRight(result)) expect(result.right).toBe(length)
  })

  it.prop("ledger.overlap: a session overlaps another exactly when they share a minute; touching is allowed", [
    fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 1, max: 300 })), { maxLength: 40 }),
    fc.integer({ min: 0, max: 2_000 }),
    fc.integer({ min: 1, max: 300 })
  ], ([candidates, start, length]) => {
    const sessions = LedgerRules.sessions()
    const kept: Array<readonly [number, number]> = []
    const overlapsNaive = (s: number, e: number) => kept.some(([a, b]) => s < b && e > a)
    candidates.forEach(([s, len], i) => {
      const found = sessions.overlapping(at(s), at(s + len))
      expect(found !== undefined).toBe(overlapsNaive(s, s + len))
      if (found === undefined) {
        sessions.add(at(s), at(s + len), i + 1)
        kept.push([s, s + len])
      }
    })
    expect(sessions.overlapping(at(start), at(start + length)) !== undefined).toBe(overlapsNaive(start, start + length))
  })

  it("ledger.overlap: one minute of overlap is refused, touching is not; a reversed session frees its time", () => {
    const sessions = LedgerRules.sessions()
    sessions.add(m("2024-05-01T09:00"), m("2024-05-01T11:00"), 1)
    expect(sessions.overlapping(m("2024-05-01T11:00"), m("2024-05-01T12:00"))).toBeUndefined()
    expect(sessions.overlapping(m("2024-05-01T08:00"), m("2024-05-01T09:00"))).toBeUndefined()
    expect(sessions.overlapping(m("2024-05-01T10:59"), m("2024-05-01T12:00"))).toBe(1)
    expect(sessions.overlapping(m("2024-05-01T08:00"), m("2024-05-01T09:01"))).toBe(1)
    sessions.remove(1)
    expect(sessions.overlapping(m("2024-05-01T10:00"), m("2024-05-01T10:30"))).toBeUndefined()
  })

  it("ledger.late: a session ending after midnight counts from its last day", () => {
    const calendar = WorkingCalendar.make()
    // Ends Saturday 2024-06-01 at 01:00: ten working days on is Friday 2024-06-14.
    expect(LedgerRules.isLate(calendar, m("2024-06-01T01:00"), IsoDate.unsafeMake("2024-06-14"), 10)).toBe(false)
    expect(LedgerRules.isLate(calendar, m("2024-06-01T01:00"), IsoDate.unsafeMake("2024-06-15"), 10)).toBe(true)
  })

  it("corrections: an entry is reversed once, a reversal is final, a missing entry is named", () => {
    expect(ruleOf(LedgerRules.correctable(7, undefined, false))).toBe("ledger.entry-exists")
    expect(ruleOf(LedgerRules.correctable(7, { kind: "reversal" } as never, false))).toBe("ledger.reversal-final")
    expect(ruleOf(LedgerRules.correctable(7, { kind: "service" } as never, true))).toBe("ledger.reversed-once")
    expect(ruleOf(LedgerRules.correctable(7, { kind: "service" } as never, false))).toBe("ok")
  })
})
