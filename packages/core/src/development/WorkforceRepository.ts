/**
 * The workforce repository: the part of the `DevelopmentStore` port that keeps community
 * workers, recruitment plans, training sessions and attendance, qualifications and
 * career moves.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type {
  Attendance,
  CareerMove,
  CommunityWorker,
  Holding,
  MoveId,
  RecruitmentPlan,
  SessionId,
  TrainingSession,
  WorkerId
} from "./CommunityWorker.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface WorkforceRepository {
  /** Inserts workers; a worker whose id exists fails. */
  readonly addWorkers: (workers: ReadonlyArray<CommunityWorker>) => Effect.Effect<void, StoreError>
  /** The workers of the ids that exist, ordered by id. */
  readonly workersOf: (tenant: Tenant, ids: ReadonlyArray<WorkerId>) => Effect.Effect<ReadonlyArray<CommunityWorker>, StoreError>
  /** Every worker, ordered by id. */
  readonly workers: (tenant: Tenant) => Effect.Effect<ReadonlyArray<CommunityWorker>, StoreError>

  /** Sets plans: each replaces the plan of its key (grid, year). */
  readonly putPlans: (plans: ReadonlyArray<RecruitmentPlan>) => Effect.Effect<void, StoreError>
  /** Every plan, ordered by grid then year. */
  readonly plans: (tenant: Tenant) => Effect.Effect<ReadonlyArray<RecruitmentPlan>, StoreError>

  /** Inserts sessions; a session whose id exists fails. */
  readonly addSessions: (sessions: ReadonlyArray<TrainingSession>) => Effect.Effect<void, StoreError>
  /** The sessions of the ids that exist, ordered by id. */
  readonly sessionsOf: (tenant: Tenant, ids: ReadonlyArray<SessionId>) => Effect.Effect<ReadonlyArray<TrainingSession>, StoreError>
  /** Every session, ordered by id. */
  readonly sessions: (tenant: Tenant) => Effect.Effect<ReadonlyArray<TrainingSession>, StoreError>
  /** Inserts attendance; a row whose key (session, worker) exists fails. */
  readonly addAttendance: (rows: ReadonlyArray<Attendance>) => Effect.Effect<void, StoreError>
  /** Every attendance row, ordered by session then worker. */
  readonly attendance: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Attendance>, StoreError>

  /** Inserts qualifications; a row whose key (worker, level) exists fails. */
  readonly addHoldings: (rows: ReadonlyArray<Holding>) => Effect.Effect<void, StoreError>
  /** The qualifications of any of the workers, ordered by worker, the day obtained, then level. */
  readonly holdingsOf: (tenant: Tenant, ids: ReadonlyArray<WorkerId>) => Effect.Effect<ReadonlyArray<Holding>, StoreError>
  /** Every qualification, ordered by worker, the day obtained, then level. */
  readonly holdings: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Holding>, StoreError>

  /** Inserts career moves; a move whose id exists fails. */
  readonly addMoves: (moves: ReadonlyArray<CareerMove>) => Effect.Effect<void, StoreError>
  /** The moves of the ids that exist, ordered by id. */
  readonly movesOf: (tenant: Tenant, ids: ReadonlyArray<MoveId>) => Effect.Effect<ReadonlyArray<CareerMove>, StoreError>
  /** The moves of any of the workers, ordered by worker, day, then id. */
  readonly movesFor: (tenant: Tenant, ids: ReadonlyArray<WorkerId>) => Effect.Effect<ReadonlyArray<CareerMove>, StoreError>
  /** Every move, ordered by worker, day, then id. */
  readonly moves: (tenant: Tenant) => Effect.Effect<ReadonlyArray<CareerMove>, StoreError>
}
