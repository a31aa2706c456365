/**
 * Joint meetings (党建联席会议): units present are enrolled with the street that day,
 * decisions become tasks with a due day, and a task is completed once, never before the
 * meeting nor after today; its state on any day follows from the meeting, the due day
 * and the completion.
 */
import { describe, expect, it } from "@effect/vitest"
import { CoConstructionCommand, CoConstructionRules, type Enrolment, IsoDate, JointMeeting } from "@jiceng/core"
import { GridIntents } from "@jiceng/testkit"
import { Either, FastCheck as fc, Schema } from "effect"

const tenant = "131102" as never
const decode = Schema.decodeUnknownSync(CoConstructionCommand.CoConstructionCommand)
const day = (d: string, n: number) => IsoDate.addDays(IsoDate.unsafeMake(d), n)
const refusedBy = (result: CoConstructionRules.Result) => (Either.isLeft(result) ? [result.left.rule, result.left.field] : "accepted")
const [u1, u2] = [GridIntents.creditCode("131102", 1), GridIntents.creditCode("131102", 2)]
const today = IsoDate.unsafeMake("2024-12-31")

/** u1 enrolled with 河西街道 from 2024-03-01; u2 with 河东街道. */
const unitEnrolments: ReadonlyArray<Enrolment.UnitEnrolment> = [
  { tenant, creditCode: u1 as never, name: "单位一", streetCode: "131102001" as never, validFrom: "2024-03-01" as IsoDate.IsoDate, validTo: null, change: "enrol" },
  { tenant, creditCode: u2 as never, name: "单位二", streetCode: "131102002" as never, validFrom: "2024-01-01" as IsoDate.IsoDate, validTo: null, change: "enrol" }
]

const hold = (input: Record<string, unknown> = {}, context: Partial<Parameters<typeof CoConstructionRules.holdJointMeeting>[1]> = {}) =>
  CoConstructionRules.holdJointMeeting(tenant, { idUsed: false, streetValid: true, unitEnrolments, tasksUsed: new Set(), today, ...context }, decode({
    _tag: "HoldJointMeeting",
    id: "jm1",
    streetCode: "131102001",
    date: "2024-06-01",
    topic: "第二季度联席会议",
    units: [u1],
    decisions: [{ taskId: "k1", text: "共建老年食堂", unitCreditCode: u1, due: "2024-09-01" }],
    ...input
  }) as never)

describe("joint meetings (党建联席会议)", () => {
  it.prop("joint-meeting.unit-enrolled and joint-meeting.future: units enrolled with the street on the day; never after today", [
    fc.integer({ min: -1, max: 1 })
  ], ([offset]) => {
    expect(refusedBy(hold({ date: day("2024-03-01", offset), decisions: [] }))).toEqual(offset < 0 ? ["joint-meeting.unit-enrolled", "units.0"] : "accepted")
    expect(refusedBy(hold({ date: day(today, offset), decisions: [] }))).toEqual(offset > 0 ? ["joint-meeting.future", "date"] : "accepted")
    // Another street's unit, a unit twice, a street that is not one.
    expect(refusedBy(hold({ units: [u1, u2] }))).toEqual(["joint-meeting.unit-enrolled", "units.1"])
    expect(refusedBy(hold({ units: [u1, u1] }))).toEqual(["joint-meeting.unit-once", "units.1"])
    expect(refusedBy(hold({}, { streetValid: false }))).toEqual(["joint-meeting.street", "streetCode"])
    expect(refusedBy(hold({}, { idUsed: true }))).toEqual(["joint-meeting.id-unique", "id"])
  })

  it.prop("joint-meeting.due and joint-meeting.task-id: a task is not due before its meeting; its id is new", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    expect(refusedBy(hold({ decisions: [{ taskId: "k1", text: "事项", due: day("2024-06-01", offset) }] })))
      .toEqual(offset < 0 ? ["joint-meeting.due", "decisions.0.due"] : "accepted")
    expect(refusedBy(hold({}, { tasksUsed: new Set(["k1"]) }))).toEqual(["joint-meeting.task-id", "decisions.0.taskId"])
    expect(refusedBy(hold({ decisions: [{ taskId: "k1", text: "一", due: "2024-07-01" }, { taskId: "k1", text: "二", due: "2024-07-01" }] })))
      .toEqual(["joint-meeting.task-id", "decisions.1.taskId"])
  })

  it.prop("joint-meeting.task-unit: a task's unit is one of the units at the meeting", [fc.boolean()], ([present]) => {
    expect(refusedBy(hold({ units: present ? [u1] : [], decisions: [{ taskId: "k1", text: "共建老年食堂", unitCreditCode: u1, due: "2024-09-01" }] })))
      .toEqual(present ? "accepted" : ["joint-meeting.task-unit", "decisions.0.unitCreditCode"])
    // A task carried by no unit (the street's own) needs none.
    expect(refusedBy(hold({ units: [], decisions: [{ taskId: "k1", text: "街道自办", due: "2024-09-01" }] }))).toEqual("accepted")
  })

  it.prop("tasks: completed once, not before the meeting, not after today; open, overdue or completed on any day", [
    fc.integer({ min: -1, max: 1 }),
    fc.integer({ min: -5, max: 200 })
  ], ([offset, probe]) => {
    const held = Either.getOrThrow(hold())
    const meeting = held.jointMeetings[0]!
    const task = held.tasks[0]!
    const complete = (at: string, t = task) =>
      CoConstructionRules.completeTask({ task: t, meeting, today }, decode({ _tag: "CompleteTask", taskId: "k1", at }) as never)
    expect(refusedBy(complete(day("2024-06-01", offset)))).toEqual(offset < 0 ? ["task.before-meeting", "at"] : "accepted")
    expect(refusedBy(complete(day(today, offset)))).toEqual(offset > 0 ? ["task.future", "at"] : "accepted")
    const done = Either.getOrThrow(complete("2024-10-15")).tasks[0]!
    expect(done.completedOn).toBe("2024-10-15")
    expect(refusedBy(complete("2024-11-01", done))).toEqual(["task.once", "taskId"])
    expect(refusedBy(CoConstructionRules.completeTask({ task: undefined, meeting: undefined, today }, decode({ _tag: "CompleteTask", taskId: "k9", at: "2024-07-01" }) as never)))
      .toEqual(["task.exists", "taskId"])
    // Its state on a day: pending before the meeting; open before 09-01; overdue from it until completed.
    const on = day("2024-06-01", probe)
    const expected = on < "2024-06-01" ? "pending" : on >= "2024-10-15" ? "completed" : on >= "2024-09-01" ? "overdue" : "open"
    expect(JointMeeting.stateOn(done, meeting.date, on)).toBe(expected)
  })
})
