/**
 * A party organisation (党组织) version: a 基层党委, 党总支, 党支部, 联合党支部 or 临时党支部,
 * with its parent organisation, its sector and the grids it serves. An organisation
 * keeps its id for life; every change (a rename, a branch committee set up, …) is a new
 * version with a validity interval `[validFrom, validTo)`, so a question about a day is
 * answered by the version valid on that day. A merge ends its sources and forms the
 * organisation they merged into, naming them as its predecessors.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * An organisation id, chosen by the platform (a 党组织 code, for instance).
 *
 * @since 0.2.0
 * @category schemas
 */
export const OrganisationId = Text.Id.pipe(Schema.brand("OrganisationId"))

/**
 * @since 0.2.0
 * @category models
 */
export type OrganisationId = typeof OrganisationId.Type

/**
 * The kinds of party organisation: 基层党委 (`committee`), 党总支 (`general_branch`),
 * 党支部 (`branch`), 联合党支部 (`joint_branch`, of members from several units too small
 * for a branch each) and 临时党支部 (`temporary_branch`, for a task).
 *
 * @since 0.2.0
 * @category schemas
 */
export const OrganisationKind = Schema.Literal("committee", "general_branch", "branch", "joint_branch", "temporary_branch")

/**
 * @since 0.2.0
 * @category models
 */
export type OrganisationKind = typeof OrganisationKind.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const kindLabels: Readonly<Record<OrganisationKind, { readonly zh: string; readonly en: string }>> = {
  committee: { zh: "基层党委", en: "primary-level Party committee" },
  general_branch: { zh: "党总支", en: "general Party branch" },
  branch: { zh: "党支部", en: "Party branch" },
  joint_branch: { zh: "联合党支部", en: "joint Party branch" },
  temporary_branch: { zh: "临时党支部", en: "temporary Party branch" }
}

/**
 * The kinds whose organisations hold members (组织关系): branches and joint branches.
 * A 党委 or 党总支 leads branches; a temporary branch's people keep their own branch.
 *
 * @since 0.2.0
 */
export const memberKinds: ReadonlyArray<OrganisationKind> = ["branch", "joint_branch"]

/**
 * The kinds an organisation of each kind may sit under (none: the tenant's top).
 *
 * @since 0.2.0
 */
export const parentKinds: Readonly<Record<OrganisationKind, ReadonlyArray<OrganisationKind>>> = {
  committee: ["committee"],
  general_branch: ["committee"],
  branch: ["committee", "general_branch"],
  joint_branch: ["committee", "general_branch"],
  temporary_branch: ["committee", "general_branch", "branch"]
}

/**
 * What a temporary branch was formed for: a compound (平急两用, an emergency in a 小区),
 * a project, or another emergency task.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TaskKind = Schema.Literal("compound", "project", "emergency")

/**
 * @since 0.2.0
 * @category models
 */
export type TaskKind = typeof TaskKind.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const taskKindLabels: Readonly<Record<TaskKind, { readonly zh: string; readonly en: string }>> = {
  compound: { zh: "小区", en: "compound" },
  project: { zh: "项目", en: "project" },
  emergency: { zh: "急难险重任务", en: "emergency task" }
}

/**
 * A temporary branch's task: its kind and what it is. The branch dissolves with it.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Task = Schema.Struct({
  kind: TaskKind,
  name: Text.Name
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Task extends Schema.Schema.Type<typeof Task> {}

/**
 * How a version came to be: formed, renamed, its branch committee set up or stood down
 * (`committee`), or formed by a merge.
 *
 * @since 0.2.0
 * @category schemas
 */
export const OrganisationChange = Schema.Literal("form", "rename", "committee", "merge")

/**
 * @since 0.2.0
 * @category models
 */
export type OrganisationChange = typeof OrganisationChange.Type

/**
 * @since 0.2.0
 * @category schemas
 */
export const Organisation = Schema.Struct({
  tenant: Tenant,
  id: OrganisationId,
  kind: OrganisationKind,
  name: Schema.String,
  /** The organisation it sits under; null for the tenant's top organisations. */
  parentId: Schema.NullOr(OrganisationId),
  /** A key of the policy's sectors (`community`, `new_economy`, `property` …). */
  sector: Schema.String,
  /** The grids it serves: a community, a compound, the sector of a work unit … */
  grids: Schema.Array(GridCode),
  /** Whether a branch committee (支部委员会) is set up; a committee or general branch always has its own. */
  hasCommittee: Schema.Boolean,
  /** A temporary branch's task; null for every other kind. */
  task: Schema.NullOr(Task),
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate),
  change: OrganisationChange,
  /** Organisations this one was formed from by a merge; empty otherwise. */
  predecessors: Schema.Array(OrganisationId)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Organisation extends Schema.Schema.Type<typeof Organisation> {}

/**
 * The key of a version: the organisation and the version's first day.
 *
 * @since 0.2.0
 * @category models
 */
export interface VersionKey {
  readonly id: OrganisationId
  readonly validFrom: IsoDate
}
