/**
 * 一支部一实事: each branch's practical matters (实事) for the people, listed in batches
 * (第一批 …) and tracked to completion. A matter is planned, goes in progress and is done,
 * or is dropped with a reason.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { OrganisationId } from "../organisation/Organisation.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A batch's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const BatchId = Text.Id.pipe(Schema.brand("BatchId"))

/**
 * @since 0.5.0
 * @category models
 */
export type BatchId = typeof BatchId.Type

/**
 * A practical matter's id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const MatterId = Text.Id.pipe(Schema.brand("MatterId"))

/**
 * @since 0.5.0
 * @category models
 */
export type MatterId = typeof MatterId.Type

/**
 * A batch's number: 第一批 is 1.
 *
 * @since 0.5.0
 * @category schemas
 */
export const BatchNumber = Schema.Int.pipe(Schema.between(1, 999))

/**
 * A batch of practical matters declared for a grid (usually the district): its number
 * (第一批 is 1), name and the days it runs, `[from, to]`.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Batch = Schema.Struct({
  tenant: Tenant,
  id: BatchId,
  gridCode: GridCode,
  number: BatchNumber,
  name: Text.Name,
  from: IsoDate,
  to: IsoDate
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Batch extends Schema.Schema.Type<typeof Batch> {}

/**
 * Where a matter stands.
 *
 * @since 0.5.0
 * @category schemas
 */
export const MatterState = Schema.Literal("planned", "in_progress", "done", "dropped")

/**
 * @since 0.5.0
 * @category models
 */
export type MatterState = typeof MatterState.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const stateLabels: Readonly<Record<MatterState, { readonly zh: string; readonly en: string }>> = {
  planned: { zh: "计划", en: "planned" },
  in_progress: { zh: "推进中", en: "in progress" },
  done: { zh: "已完成", en: "done" },
  dropped: { zh: "已撤销", en: "dropped" }
}

/**
 * The legal moves of a matter (`outreach.matter-transition`): planned → in progress →
 * done; planned or in progress → dropped; done and dropped are final.
 *
 * @since 0.5.0
 * @category rules
 */
export const transitions: Readonly<Record<MatterState, ReadonlyArray<MatterState>>> = {
  planned: ["in_progress", "dropped"],
  in_progress: ["done", "dropped"],
  done: [],
  dropped: []
}

/**
 * A branch's practical matter in a batch, with the days it was planned, started,
 * completed or dropped (and why).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Matter = Schema.Struct({
  tenant: Tenant,
  id: MatterId,
  batchId: BatchId,
  organisationId: OrganisationId,
  title: Text.Line(200),
  state: MatterState,
  plannedOn: IsoDate,
  startedOn: Schema.NullOr(IsoDate),
  completedOn: Schema.NullOr(IsoDate),
  droppedOn: Schema.NullOr(IsoDate),
  reason: Schema.NullOr(Text.Line(500))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Matter extends Schema.Schema.Type<typeof Matter> {}

/**
 * Where a matter stood on a day: undefined before it was planned.
 *
 * @since 0.5.0
 * @category utils
 */
export const stateOn = (matter: Matter, at: IsoDate): MatterState | undefined =>
  matter.plannedOn > at
    ? undefined
    : matter.droppedOn !== null && matter.droppedOn <= at
    ? "dropped"
    : matter.completedOn !== null && matter.completedOn <= at
    ? "done"
    : matter.startedOn !== null && matter.startedOn <= at
    ? "in_progress"
    : "planned"
