import { describe, expect, it } from "@effect/vitest"
import { IsoDate } from "@jiceng/core"
import { FastCheck } from "effect"

const dates = FastCheck.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })

describe("IsoDate", () => {
  it.prop("every real calendar day is valid and round-trips through addDays", [dates, FastCheck.integer({ min: -4000, max: 4000 })], ([d, n]) => {
    const iso = d.toISOString().slice(0, 10)
    expect(IsoDate.isValid(iso)).toBe(true)
    const day = IsoDate.unsafeMake(iso)
    expect(IsoDate.addDays(IsoDate.addDays(day, n), -n)).toBe(day)
    expect(IsoDate.addDays(day, n) > day).toBe(n > 0)
  })

  it.prop("half-open intervals: a day is within [from, to) iff from ≤ day < to", [dates, dates, dates], ([a, b, c]) => {
    const [from, day, to] = [a, b, c].map((x) => IsoDate.unsafeMake(x.toISOString().slice(0, 10))) as [IsoDate.IsoDate, IsoDate.IsoDate, IsoDate.IsoDate]
    expect(IsoDate.within(day, from, to)).toBe(from <= day && day < to)
    expect(IsoDate.within(day, from, null)).toBe(from <= day)
  })

  it("rejects days that do not exist", () => {
    expect(["2023-02-29", "2024-02-30", "2023-13-01", "2023-04-31", "20230101"].map(IsoDate.isValid)).toEqual([false, false, false, false, false])
    expect(IsoDate.isValid("2024-02-29")).toBe(true)
  })

  it("today is China Standard Time", () => {
    expect(IsoDate.fromEpochMillis(Date.parse("2026-11-28T16:30:00Z"))).toBe("2026-11-29")
  })

  it("addDays takes whole days and stays within the years 0001–9999", () => {
    expect(IsoDate.addDays(IsoDate.unsafeMake("2024-02-28"), 1)).toBe("2024-02-29")
    expect(() => IsoDate.addDays(IsoDate.unsafeMake("2024-01-01"), -0.5)).toThrow(RangeError)
    expect(() => IsoDate.addDays(IsoDate.unsafeMake("9999-12-31"), 1)).toThrow(RangeError)
    expect(() => IsoDate.addDays(IsoDate.unsafeMake("0001-01-01"), -1)).toThrow(RangeError)
  })

  const anyDay = FastCheck.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => IsoDate.unsafeMake(d.toISOString().slice(0, 10)))
  it.prop("daysBetween is the inverse of addDays, for any two dates, the calendar's ends included", [anyDay, anyDay], ([a, b]) => {
    const n = IsoDate.daysBetween(a, b)
    expect(Number.isInteger(n)).toBe(true)
    expect(IsoDate.addDays(a, n)).toBe(b)
    expect(IsoDate.daysBetween(b, a) + n).toBe(0)
    expect(IsoDate.daysBetween(IsoDate.unsafeMake("0001-01-01"), IsoDate.unsafeMake("9999-12-31"))).toBe(3_652_058)
  })
  it.prop("addMonths: the same day n months on, or the first of the month after where that month has no such day", [dates, FastCheck.integer({ min: -600, max: 600 })], ([date, n]) => {
    const d = IsoDate.unsafeMake(date.toISOString().slice(0, 10))
    const result = IsoDate.addMonths(d, n)
    const index = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + n
    const year = Math.floor(index / 12)
    const month = index - year * 12 + 1
    const day = Number(d.slice(8, 10))
    const expected = day <= IsoDate.daysInMonth(year, month)
      ? `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${d.slice(8, 10)}`
      : IsoDate.addDays(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${IsoDate.daysInMonth(year, month)}` as IsoDate.IsoDate, 1)
    expect(result).toBe(expected)
    expect(IsoDate.isValid(result)).toBe(true)
    if (n >= 0) expect(result >= d).toBe(true)
  })

  it("addMonths: leap days and month ends", () => {
    expect(IsoDate.addMonths(IsoDate.unsafeMake("2024-02-29"), 12)).toBe("2025-03-01")
    expect(IsoDate.addMonths(IsoDate.unsafeMake("2024-02-29"), 48)).toBe("2028-02-29")
    expect(IsoDate.addMonths(IsoDate.unsafeMake("2021-01-31"), 1)).toBe("2021-03-01")
    expect(IsoDate.addMonths(IsoDate.unsafeMake("2021-03-31"), -1)).toBe("2021-03-01")
    expect(() => IsoDate.addMonths(IsoDate.unsafeMake("9999-12-01"), 1)).toThrow(RangeError)
  })
})
