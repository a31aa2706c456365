/**
 * The worker repository: grid workers, their terms and their assignments.
 *
 * @since 0.1.0
 */
import type { Effect, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Assignment, AssignmentId, TermKey, Worker, WorkerId, WorkerTerm } from "./Worker.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface CategoryCount {
  readonly category: string
  readonly count: number
}

/**
 * @since 0.1.0
 * @category ports
 */
export interface WorkerRepository {
  /** Inserts a worker or replaces their identity and contact data. */
  readonly put: (workers: ReadonlyArray<Worker>) => Effect.Effect<void, StoreError>
  readonly get: (tenant: Tenant, id: WorkerId) => Effect.Effect<Option.Option<Worker>, StoreError>
  /** Workers by id, ordered by id; unknown ids are left out. */
  readonly getMany: (tenant: Tenant, ids: ReadonlyArray<WorkerId>) => Effect.Effect<ReadonlyArray<Worker>, StoreError>
  /** Inserts terms. */
  readonly addTerms: (terms: ReadonlyArray<WorkerTerm>) => Effect.Effect<void, StoreError>
  /**
   * Ends terms on a day: sets `validTo` where it is open or later (an earlier end
   * stays); a term beginning on or after that day is removed.
   */
  readonly closeTerms: (
    tenant: Tenant,
    keys: ReadonlyArray<TermKey>,
    validTo: IsoDate
  ) => Effect.Effect<void, StoreError>
  /** Every term of a worker, oldest first. */
  readonly terms: (tenant: Tenant, id: WorkerId) => Effect.Effect<ReadonlyArray<WorkerTerm>, StoreError>
  /**
   * Every term ever recorded of any of the workers, ordered by worker id then validFrom.
   *
   * @since 0.2.0
   */
  readonly termsOf: (tenant: Tenant, ids: ReadonlyArray<WorkerId>) => Effect.Effect<ReadonlyArray<WorkerTerm>, StoreError>
  /** The terms valid on a day of some workers, ordered by worker id; unknown ids are left out. */
  readonly termsAt: (
    tenant: Tenant,
    ids: ReadonlyArray<WorkerId>,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<WorkerTerm>, StoreError>
  /** Terms valid on a day whose community lies in a subtree, ordered by community code then worker id. */
  readonly termsInSubtree: (
    tenant: Tenant,
    root: string,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<WorkerTerm>, StoreError>
  /** Every term ever recorded in a subtree (by community), ordered by worker id then validFrom. */
  readonly termHistory: (tenant: Tenant, root: string) => Effect.Effect<ReadonlyArray<WorkerTerm>, StoreError>
  /** The latest `validFrom` of any term whose community lies in a subtree. */
  readonly latestTermStart: (tenant: Tenant, root: string) => Effect.Effect<Option.Option<IsoDate>, StoreError>
  readonly assign: (assignments: ReadonlyArray<Assignment>) => Effect.Effect<void, StoreError>
  /**
   * Ends assignments on a day: sets `validTo` where it is open or later (an earlier end
   * stays); an assignment beginning on or after that day is removed.
   */
  readonly closeAssignments: (
    tenant: Tenant,
    ids: ReadonlyArray<AssignmentId>,
    validTo: IsoDate
  ) => Effect.Effect<void, StoreError>
  /** Assignments valid on a day to grids of a subtree, ordered by grid code then id. */
  readonly assignmentsInSubtree: (
    tenant: Tenant,
    root: string,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /** Every assignment ever made to exactly this grid (not its subtree), ordered by id. */
  readonly assignmentsOfGrid: (
    tenant: Tenant,
    gridCode: string
  ) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /**
   * Every assignment ever recorded to any of the grid codes, ordered by id.
   *
   * @since 0.2.0
   */
  readonly assignmentsOfGrids: (
    tenant: Tenant,
    gridCodes: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /**
   * Every assignment ever recorded of any of the workers, ordered by id.
   *
   * @since 0.2.0
   */
  readonly assignmentsOfWorkers: (
    tenant: Tenant,
    ids: ReadonlyArray<WorkerId>
  ) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /** Every assignment ever recorded in a subtree, ordered by id. */
  readonly history: (tenant: Tenant, root: string) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /** An assignment by id. */
  readonly assignment: (tenant: Tenant, id: AssignmentId) => Effect.Effect<Option.Option<Assignment>, StoreError>
  /** Every assignment a worker ever held, ended ones too, ordered by id. */
  readonly assignmentsOfWorker: (
    tenant: Tenant,
    id: WorkerId
  ) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /** A worker's assignments valid on a day, ordered by id. */
  readonly assignmentsOf: (
    tenant: Tenant,
    id: WorkerId,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /**
   * Workers serving in a subtree on a day (an assignment valid then), counted once
   * each, per the category of their term valid then; ordered by category. A worker
   * with no term that day is left out.
   */
  readonly countByCategory: (
    tenant: Tenant,
    root: string,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<CategoryCount>, StoreError>
  /** The latest `validFrom` of any assignment in a subtree. */
  readonly latestStart: (tenant: Tenant, root: string) => Effect.Effect<Option.Option<IsoDate>, StoreError>
}
