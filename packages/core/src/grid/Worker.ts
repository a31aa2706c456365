/**
 * Grid workers (网格员) and their assignments. 定格定人定岗定责: each assignment names
 * the grid (定格), the worker (定人), the post (定岗) and the duties (定责).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { IsoDate } from "../time/IsoDate.js"
import { GridCode } from "./Grid.js"

/**
 * A worker id, chosen by the platform.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkerId = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64), Schema.brand("WorkerId"))

/**
 * @since 0.1.0
 * @category models
 */
export type WorkerId = typeof WorkerId.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Worker = Schema.Struct({
  tenant: Tenant,
  id: WorkerId,
  name: Schema.NonEmptyTrimmedString,
  /** Key of one of the configured worker categories. */
  category: Schema.NonEmptyTrimmedString,
  /** The community the worker works in; all their assignments lie inside it. */
  communityCode: GridCode,
  /** Personal data: masked unless the reader holds `pii:read`. */
  phone: Schema.NullOr(Schema.String),
  /** Personal data: masked unless the reader holds `pii:read`. */
  citizenId: Schema.NullOr(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Worker extends Schema.Schema.Type<typeof Worker> {}

/**
 * An assignment id: `workerId:gridCode@validFrom`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AssignmentId = Schema.String.pipe(Schema.brand("AssignmentId"))

/**
 * @since 0.1.0
 * @category models
 */
export type AssignmentId = typeof AssignmentId.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Assignment = Schema.Struct({
  tenant: Tenant,
  id: AssignmentId,
  workerId: WorkerId,
  gridCode: GridCode,
  /** The post, e.g. 专职网格员, 兼职网格员, 网格长. */
  post: Schema.NonEmptyTrimmedString,
  /** The grid's primary worker; every active lowest-level grid needs exactly one. */
  primary: Schema.Boolean,
  duties: Schema.NonEmptyArray(Schema.NonEmptyTrimmedString),
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Assignment extends Schema.Schema.Type<typeof Assignment> {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const makeAssignmentId = (workerId: string, gridCode: string, validFrom: string): AssignmentId =>
  `${workerId}:${gridCode}@${validFrom}` as AssignmentId
