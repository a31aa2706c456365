/**
 * A co-construction project (共建项目) under an agreement: it links needs of the
 * community to resources of the unit — so many units of a resource to a need — runs
 * within the agreement's term, and reports its progress (0–100 %) on dated days. An
 * agreement's progress is its projects' progress weighted by their declared weights.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { AgreementId } from "./Agreement.js"
import { NeedId } from "./Need.js"
import { ResourceId } from "./Resource.js"

/**
 * A project id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ProjectId = Text.Id.pipe(Schema.brand("ProjectId"))

/**
 * @since 0.3.0
 * @category models
 */
export type ProjectId = typeof ProjectId.Type

/**
 * So many units of a resource given to a need.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Allocation = Schema.Struct({
  needId: NeedId,
  resourceId: ResourceId,
  units: Schema.Int.pipe(Schema.between(1, 1_000_000))
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Allocation extends Schema.Schema.Type<typeof Allocation> {}

/**
 * An allocation as a store keeps it, with its project: the row a capacity check reads
 * by need or by resource.
 *
 * @since 0.3.0
 * @category models
 */
export interface ProjectAllocation extends Allocation {
  readonly tenant: Tenant
  readonly projectId: ProjectId
}

/**
 * A project's allocations as store rows.
 *
 * @since 0.3.0
 * @category constructors
 */
export const allocationRows = (project: Project): ReadonlyArray<ProjectAllocation> =>
  project.allocations.map((a) => ({ tenant: project.tenant, projectId: project.id, needId: a.needId, resourceId: a.resourceId, units: a.units }))

/**
 * @since 0.3.0
 * @category schemas
 */
export const Project = Schema.Struct({
  tenant: Tenant,
  id: ProjectId,
  agreementId: AgreementId,
  title: Text.Line(200),
  /** Its share in the agreement's progress (declared, a positive integer). */
  weight: Schema.Int.pipe(Schema.between(1, 1000)),
  allocations: Schema.Array(Allocation).pipe(Schema.minItems(1), Schema.maxItems(1000)),
  /** The project's span, half-open `[from, to)`, inside the agreement's term. */
  from: IsoDate,
  to: IsoDate
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Project extends Schema.Schema.Type<typeof Project> {}

/**
 * A progress report: the project's completion on a day, in whole percent.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Progress = Schema.Struct({
  tenant: Tenant,
  projectId: ProjectId,
  on: IsoDate,
  percent: Schema.Int.pipe(Schema.between(0, 100))
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Progress extends Schema.Schema.Type<typeof Progress> {}

/**
 * A project's progress on a day: its latest report on or before the day (of two on one
 * day, the later given, as a second report that day replaces the first), 0 before any.
 *
 * @since 0.3.0
 * @category getters
 */
export const progressOn = (reports: ReadonlyArray<Progress>, day: IsoDate): number => {
  let latest: Progress | undefined
  for (const r of reports) if (r.on <= day && (latest === undefined || r.on >= latest.on)) latest = r
  return latest?.percent ?? 0
}

/**
 * An agreement's progress on a day: its projects' progress weighted by their declared
 * weights, as an exact fraction `Σ weight × percent / Σ weight` (0 with no project).
 *
 * @since 0.3.0
 * @category getters
 */
export const agreementProgress = (
  projects: ReadonlyArray<Pick<Project, "id" | "weight">>,
  reports: ReadonlyArray<Progress>,
  day: IsoDate
): { readonly numerator: number; readonly denominator: number; readonly percent: number } => {
  let numerator = 0
  let denominator = 0
  for (const p of projects) {
    numerator += p.weight * progressOn(reports.filter((r) => r.projectId === p.id), day)
    denominator += p.weight
  }
  return { numerator, denominator, percent: denominator === 0 ? 0 : numerator / denominator }
}
