/**
 * Grid workers (网格员), their terms and their assignments. 定格定人定岗定责: each
 * assignment names the grid (定格), the worker (定人), the post (定岗) and the duties
 * (定责); one assignment per grid of the staffed levels is the responsible one
 * (网格长 / 责任网格员), the person answerable for the grid.
 *
 * A worker's identity and contact data (`Worker`) are kept as they are now; what they
 * are on a given day — category, community, and whether they are employed full- or
 * part-time (专职/兼职) — is a term (`WorkerTerm`) with a validity interval, so a past
 * day's counts stay what they were.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { GridCode } from "./Grid.js"

/**
 * A worker id, chosen by the platform.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkerId = Text.Id.pipe(Schema.brand("WorkerId"))

/**
 * @since 0.1.0
 * @category models
 */
export type WorkerId = typeof WorkerId.Type

/**
 * A worker's identity and contact data, as they are now (personal data is not kept
 * as history).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Worker = Schema.Struct({
  tenant: Tenant,
  id: WorkerId,
  /** Grid workers are posted by name (网格员公示): names are not masked. */
  name: Schema.String,
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
 * How a worker is employed: 专职 (full-time) or 兼职 (part-time). Who is answerable for
 * a grid is a different question: the responsible assignment.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Employment = Schema.Literal("full_time", "part_time")

/**
 * @since 0.2.0
 * @category models
 */
export type Employment = typeof Employment.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const employmentLabels: Readonly<Record<Employment, { readonly zh: string; readonly en: string }>> = {
  full_time: { zh: "专职", en: "Full-time" },
  part_time: { zh: "兼职", en: "Part-time" }
}

/**
 * How a term came to be: a registration, or a structural change of the community
 * that recoded it.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TermChange = Schema.Literal("register", "move", "split", "merge")

/**
 * @since 0.2.0
 * @category models
 */
export type TermChange = typeof TermChange.Type

/**
 * What a worker is over an interval: their category, the community they work in (all
 * their assignments lie inside it), and their employment.
 *
 * @since 0.2.0
 * @category schemas
 */
export const WorkerTerm = Schema.Struct({
  tenant: Tenant,
  workerId: WorkerId,
  /** Key of one of the configured worker categories. */
  category: Schema.String,
  communityCode: GridCode,
  employment: Employment,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate),
  change: TermChange
})

/**
 * @since 0.2.0
 * @category models
 */
export interface WorkerTerm extends Schema.Schema.Type<typeof WorkerTerm> {}

/**
 * A term's key: a worker has at most one term starting on a given day.
 *
 * @since 0.2.0
 * @category models
 */
export interface TermKey {
  readonly workerId: WorkerId
  readonly validFrom: IsoDate
}

/**
 * A worker as they are on a day: identity and contact data with the term valid then.
 *
 * @since 0.2.0
 * @category models
 */
export interface WorkerOnDay extends Worker {
  readonly category: string
  readonly communityCode: GridCode
  readonly employment: Employment
  /** The term's interval. */
  readonly validFrom: IsoDate
  readonly validTo: IsoDate | null
}

/**
 * An assignment id: `workerId:gridCode@validFrom`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AssignmentId = Schema.String.pipe(
  Schema.filter((s) => {
    const tail = /:\d{6,36}@\d{4}-\d{2}-\d{2}$/.exec(s)
    if (s.length > 128 || tail === null) return "assignment.id-format: expected workerId:gridCode@YYYY-MM-DD"
    // The worker id part is a worker id: one line of printable text.
    return Text.problem(s.slice(0, tail.index), 64) ?? true
  }),
  Schema.brand("AssignmentId")
)

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
  /** The post, e.g. 网格长, 网格员, 楼栋长, 单元长. */
  post: Schema.String,
  /** The responsible worker of the grid (网格长 / 责任网格员): at most one at a time. */
  responsible: Schema.Boolean,
  duties: Schema.NonEmptyArray(Schema.String),
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
