/**
 * The joint meeting repository: the part of the `CoConstructionStore` port that keeps
 * joint meetings (党建联席会议) and the tasks their decisions became.
 *
 * @since 0.3.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { JointMeeting, JointMeetingId, Task, TaskId } from "./JointMeeting.js"

/**
 * @since 0.3.0
 * @category ports
 */
export interface JointMeetingRepository {
  /** Inserts meetings; an id that exists fails. */
  readonly add: (rows: ReadonlyArray<JointMeeting>) => Effect.Effect<void, StoreError>
  /** The meetings of the ids that exist, ordered by id. */
  readonly getMany: (tenant: Tenant, ids: ReadonlyArray<JointMeetingId>) => Effect.Effect<ReadonlyArray<JointMeeting>, StoreError>
  /** The meetings held on days in `[from, to)`, ordered by date then id. */
  readonly between: (tenant: Tenant, from: IsoDate, to: IsoDate) => Effect.Effect<ReadonlyArray<JointMeeting>, StoreError>

  /** Records tasks; a task of an id that exists is replaced (its completion). */
  readonly putTasks: (rows: ReadonlyArray<Task>) => Effect.Effect<void, StoreError>
  /** The tasks of the ids that exist, ordered by id. */
  readonly tasksOf: (tenant: Tenant, ids: ReadonlyArray<TaskId>) => Effect.Effect<ReadonlyArray<Task>, StoreError>
  /** The tasks of any of the meetings, ordered by meeting then id. */
  readonly tasksIn: (tenant: Tenant, ids: ReadonlyArray<JointMeetingId>) => Effect.Effect<ReadonlyArray<Task>, StoreError>
}
