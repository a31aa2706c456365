/**
 * Joint meetings (党建联席会议) of a street with the units enrolled there: who attended,
 * what was decided, and each decision turned into a task with an owner and a due day,
 * tracked until it is completed (桃城区: 46 meetings across 4 streets).
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A joint meeting id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const JointMeetingId = Text.Id.pipe(Schema.brand("JointMeetingId"))

/**
 * @since 0.3.0
 * @category models
 */
export type JointMeetingId = typeof JointMeetingId.Type

/**
 * A task id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const TaskId = Text.Id.pipe(Schema.brand("TaskId"))

/**
 * @since 0.3.0
 * @category models
 */
export type TaskId = typeof TaskId.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const JointMeeting = Schema.Struct({
  tenant: Tenant,
  id: JointMeetingId,
  /** A grid of the street level. */
  streetCode: GridCode,
  date: IsoDate,
  topic: Text.Line(200),
  /** The units present, by credit code, each enrolled with the street that day. */
  units: Schema.Array(CreditCode)
})

/**
 * @since 0.3.0
 * @category models
 */
export interface JointMeeting extends Schema.Schema.Type<typeof JointMeeting> {}

/**
 * A decision of a joint meeting, turned into a task.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Task = Schema.Struct({
  tenant: Tenant,
  id: TaskId,
  meetingId: JointMeetingId,
  text: Text.Line(200),
  /** The unit that undertook it, if one did (else the street's organisation). */
  unitCreditCode: Schema.NullOr(CreditCode),
  due: IsoDate,
  /** The day it was completed; null while open. */
  completedOn: Schema.NullOr(IsoDate)
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Task extends Schema.Schema.Type<typeof Task> {}

/**
 * A task's state on a day: not yet decided (`pending`), open before its due day
 * (`open`), open on or after it (`overdue`), or `completed` by then.
 *
 * @since 0.3.0
 * @category getters
 */
export const stateOn = (task: Task, decidedOn: IsoDate, day: IsoDate): "pending" | "open" | "overdue" | "completed" =>
  day < decidedOn
    ? "pending"
    : task.completedOn !== null && task.completedOn <= day
    ? "completed"
    : day >= task.due
    ? "overdue"
    : "open"
