/**
 * The agreement repository: the part of the `CoConstructionStore` port that keeps
 * 一协议两清单 — agreements, the needs and resources lists, projects with their
 * allocations, and progress reports. Agreements, needs, resources and projects are
 * written once (an id is for life); a progress report replaces the one of the same
 * project and day.
 *
 * @since 0.3.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Agreement, AgreementId } from "./Agreement.js"
import type { Need, NeedId } from "./Need.js"
import type { Progress, Project, ProjectAllocation, ProjectId } from "./Project.js"
import type { Resource, ResourceId } from "./Resource.js"

/**
 * @since 0.3.0
 * @category ports
 */
export interface AgreementRepository {
  /** Inserts agreements; an id that exists fails. */
  readonly addAgreements: (rows: ReadonlyArray<Agreement>) => Effect.Effect<void, StoreError>
  /** The agreements of the ids that exist, ordered by id. */
  readonly agreementsOf: (tenant: Tenant, ids: ReadonlyArray<AgreementId>) => Effect.Effect<ReadonlyArray<Agreement>, StoreError>
  /** Every agreement, ordered by id. */
  readonly agreements: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Agreement>, StoreError>

  /** Inserts needs; an id that exists fails. */
  readonly addNeeds: (rows: ReadonlyArray<Need>) => Effect.Effect<void, StoreError>
  /** The needs of the ids that exist, ordered by id. */
  readonly needsOf: (tenant: Tenant, ids: ReadonlyArray<NeedId>) => Effect.Effect<ReadonlyArray<Need>, StoreError>
  /** Every need, ordered by id. */
  readonly needs: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Need>, StoreError>

  /** Inserts resources; an id that exists fails. */
  readonly addResources: (rows: ReadonlyArray<Resource>) => Effect.Effect<void, StoreError>
  /** The resources of the ids that exist, ordered by id. */
  readonly resourcesOf: (tenant: Tenant, ids: ReadonlyArray<ResourceId>) => Effect.Effect<ReadonlyArray<Resource>, StoreError>
  /** Every resource, ordered by id. */
  readonly resources: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Resource>, StoreError>

  /** Inserts projects with their allocations; an id that exists fails. */
  readonly addProjects: (rows: ReadonlyArray<Project>) => Effect.Effect<void, StoreError>
  /** The projects of the ids that exist, ordered by id, each with its allocations in the order given. */
  readonly projectsOf: (tenant: Tenant, ids: ReadonlyArray<ProjectId>) => Effect.Effect<ReadonlyArray<Project>, StoreError>
  /** Every project, ordered by id. */
  readonly projects: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Project>, StoreError>
  /** The allocations to any of the needs, ordered by need, project, then resource. */
  readonly allocationsTo: (tenant: Tenant, ids: ReadonlyArray<NeedId>) => Effect.Effect<ReadonlyArray<ProjectAllocation>, StoreError>
  /** The allocations from any of the resources, ordered by resource, project, then need. */
  readonly allocationsFrom: (tenant: Tenant, ids: ReadonlyArray<ResourceId>) => Effect.Effect<ReadonlyArray<ProjectAllocation>, StoreError>

  /** Records progress reports; one of the same project and day replaces the earlier. */
  readonly putProgress: (rows: ReadonlyArray<Progress>) => Effect.Effect<void, StoreError>
  /** The reports of any of the projects, ordered by project then day. */
  readonly progressOf: (tenant: Tenant, ids: ReadonlyArray<ProjectId>) => Effect.Effect<ReadonlyArray<Progress>, StoreError>
  /** Every report, ordered by project then day. */
  readonly progress: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Progress>, StoreError>
}
