/**
 * Working days and the ledger's recording deadline (第十一条: within 10 working days).
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, WorkingCalendar } from "@jiceng/core"
import { FastCheck as fc } from "effect"

const day = (d: string) => IsoDate.unsafeMake(d)

/** 2024's National Day: 10-01 to 10-07 off; Sunday 09-29 and Saturday 10-12 worked. */
const nationalDay2024 = WorkingCalendar.make({
  holidays: ["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07"].map(day),
  workdays: ["2024-09-29", "2024-10-12"].map(day)
})

describe("WorkingCalendar", () => {
  it("Monday to Friday by default; the holidays off, the make-up days worked", () => {
    const plain = WorkingCalendar.make()
    expect(["2024-09-30", "2024-10-04", "2024-10-05", "2024-10-06"].map((d) => plain.isWorkingDay(day(d)))).toEqual([true, true, false, false])
    expect(["2024-09-29", "2024-10-01", "2024-10-07", "2024-10-08", "2024-10-12"].map((d) => nationalDay2024.isWorkingDay(day(d))))
      .toEqual([true, false, false, true, true])
  })

  it("ledger.late: an activity on Friday 2024-09-27 may be recorded until 2024-10-16 across the National Day holiday", () => {
    expect(WorkingCalendar.recordingDeadline(nationalDay2024, day("2024-09-27"))).toBe("2024-10-16")
    expect(WorkingCalendar.isLate(nationalDay2024, day("2024-09-27"), day("2024-10-16"))).toBe(false)
    expect(WorkingCalendar.isLate(nationalDay2024, day("2024-09-27"), day("2024-10-17"))).toBe(true)
    // Without the holiday data, ten weekdays on: 2024-10-11.
    expect(WorkingCalendar.recordingDeadline(WorkingCalendar.make(), day("2024-09-27"))).toBe("2024-10-11")
  })

  it.prop("ledger.late: the deadline is the limit-th working day after the activity; late exactly after it", [
    fc.integer({ min: 0, max: 3650 }),
    fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }),
    fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 10 }),
    fc.integer({ min: 1, max: 15 }),
    fc.integer({ min: -5, max: 40 })
  ], ([start, off, on, limit, recordedAfter]) => {
    const activity = IsoDate.addDays(day("2020-01-01"), start)
    const holidays = off.map((n) => IsoDate.addDays(activity, n))
    const workdays = on.map((n) => IsoDate.addDays(activity, n)).filter((d) => !holidays.includes(d))
    const calendar = WorkingCalendar.make({ holidays, workdays })
    const deadline = WorkingCalendar.recordingDeadline(calendar, activity, limit)
    // Brute force: count working days in (activity, deadline].
    let count = 0
    for (let d = IsoDate.addDays(activity, 1); d <= deadline; d = IsoDate.addDays(d, 1)) if (calendar.isWorkingDay(d)) count++
    expect([calendar.isWorkingDay(deadline), count]).toEqual([true, limit])
    const recorded = IsoDate.addDays(activity, recordedAfter)
    expect(WorkingCalendar.isLate(calendar, activity, recorded, limit)).toBe(recorded > deadline)
  })

  it("a day both a holiday and a working day is refused, naming the field and the rule", () => {
    let error: unknown
    try {
      WorkingCalendar.make({ holidays: [day("2024-10-12")], workdays: [day("2024-10-12")] })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ _tag: "ValidationError", field: "workdays", rule: "working-calendar.clash" })
  })
})
