/**
 * The co-construction service's interface and tag; `CoConstructions.ts` holds the live
 * implementation.
 *
 * @since 0.3.0
 */
import { Context, type Effect } from "effect"
import type { Actor } from "../access/Actor.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { IdempotencyConflict } from "../errors/IdempotencyConflict.js"
import type { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import type * as Imports from "../imports/Imports.js"
import type { Agreement } from "./Agreement.js"
import type { CoConstructionChanges } from "./CoConstructionChanges.js"
import type { Input } from "./CoConstructionCommand.js"
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"
import type { JointMeeting, Task } from "./JointMeeting.js"
import type * as Matching from "./Matching.js"
import type { Need } from "./Need.js"
import type { Project } from "./Project.js"
import type { Resource } from "./Resource.js"
import type { Claim, Post, Team } from "./Volunteering.js"

/**
 * What a write can fail with.
 *
 * @since 0.3.0
 * @category errors
 */
export type CoConstructionWriteError = ValidationError | RuleViolation | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.3.0
 * @category errors
 */
export type CoConstructionReadError = ValidationError | Forbidden | StoreError

/**
 * Read options: a grid subtree (default: the actor's scope) and a day (default: today).
 * A row lies in the subtree when its grid does: a unit's street, a member's community,
 * a need's, resource's or team's grid, a post's team's; an agreement (and its
 * projects) when every grid its organisation serves does.
 *
 * @since 0.3.0
 * @category models
 */
export interface ReadOptions {
  readonly root?: string
  readonly at?: string
}

/**
 * Joint meeting options: the read options and a period `[from, to)` of meeting days;
 * tasks are reported as they stand on `at`.
 *
 * @since 0.3.0
 * @category models
 */
export interface MeetingOptions extends ReadOptions {
  readonly from: string
  readonly to: string
}

/**
 * Matching options: the read options and, optionally, the scoring policy
 * (`Matching.defaultPolicy` for needs; for posts, `CoConstructions.postPolicy` of the
 * policy's categories).
 *
 * @since 0.3.0
 * @category models
 */
export interface MatchOptions extends ReadOptions {
  readonly policy?: Matching.Policy
}

/**
 * Units or members enrolled with one grid (a street, a community) on a day.
 *
 * @since 0.3.0
 * @category models
 */
export interface EnrolmentCount {
  readonly gridCode: string
  readonly count: number
}

/**
 * An agreement with its projects and its progress on the day: Σ weight × completion ÷
 * Σ weight over its projects, in percent, not rounded (0 with no project).
 *
 * @since 0.3.0
 * @category models
 */
export interface AgreementStatus {
  readonly agreement: Agreement
  /** Whether the day lies in its term. */
  readonly running: boolean
  readonly projects: number
  readonly progress: number
}

/**
 * A need or resource with the units projects took of it (over every project) and what
 * remains.
 *
 * @since 0.3.0
 * @category models
 */
export interface ListStatus<A> {
  readonly item: A
  readonly allocated: number
  readonly remaining: number
}

/**
 * A project with its completion on the day (the latest report on or before it).
 *
 * @since 0.3.0
 * @category models
 */
export interface ProjectStatus {
  readonly project: Project
  readonly percent: number
  readonly completed: boolean
}

/**
 * A post with the claims it holds on the day.
 *
 * @since 0.3.0
 * @category models
 */
export interface PostStatus {
  readonly post: Post
  readonly claimed: number
}

/**
 * Posts of one of the policy's categories on the day (every category is listed, an
 * empty one with zeros), with their places and claims.
 *
 * @since 0.3.0
 * @category models
 */
export interface CategoryCount {
  readonly category: string
  readonly zh: string
  readonly en: string
  readonly posts: number
  readonly capacity: number
  readonly claimed: number
}

/**
 * A joint meeting with its decisions' tasks, each as it stands on the day.
 *
 * @since 0.3.0
 * @category models
 */
export interface MeetingStatus {
  readonly meeting: JointMeeting
  readonly tasks: ReadonlyArray<{ readonly task: Task; readonly state: "pending" | "open" | "overdue" | "completed" }>
}

/**
 * @since 0.3.0
 * @category models
 */
export interface CoConstructionsShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<CoConstructionChanges, CoConstructionWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (
    actor: Actor,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<CoConstructionChanges>, CoConstructionWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (
    actor: Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Effect.Effect<Imports.ImportResult, CoConstructionWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<CoConstructionChanges, CoConstructionWriteError>
  readonly executeAllUnknown: (
    actor: Actor,
    inputs: unknown
  ) => Effect.Effect<ReadonlyArray<CoConstructionChanges>, CoConstructionWriteError>
  /**
   * `execute` under the client's idempotency key: the same key with the same command
   * returns the first result and writes nothing; with another command, an
   * `IdempotencyConflict` (see `Grids.executeKeyed`).
   *
   * @since 0.4.0
   */
  readonly executeKeyed: (
    actor: Actor,
    key: string,
    command: Input
  ) => Effect.Effect<CoConstructionChanges, CoConstructionWriteError | IdempotencyConflict>
  /**
   * `executeAll` under an idempotency key that stands for the whole batch, all or
   * nothing (see `Grids.executeAllKeyed`).
   *
   * @since 0.4.0
   */
  readonly executeAllKeyed: (
    actor: Actor,
    key: string,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<CoConstructionChanges>, CoConstructionWriteError | IdempotencyConflict>

  /** The units enrolled on the day with streets of the subtree, ordered by credit code. */
  readonly units: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<UnitEnrolment>, CoConstructionReadError>
  /** Units enrolled on the day per street of the subtree, ordered by street. */
  readonly countUnits: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<EnrolmentCount>, CoConstructionReadError>
  /** The members enrolled on the day with communities of the subtree, ordered by member. */
  readonly members: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<MemberEnrolment>, CoConstructionReadError>
  /** Members enrolled on the day per community of the subtree, ordered by community. */
  readonly countMembers: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<EnrolmentCount>, CoConstructionReadError>
  /** The subtree's agreements signed by the day, ordered by id. */
  readonly agreements: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<AgreementStatus>, CoConstructionReadError>
  /** The subtree's needs listed by the day, ordered by id. */
  readonly needs: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<ListStatus<Need>>, CoConstructionReadError>
  /** The subtree's resources listed by the day, ordered by id. */
  readonly resources: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<ListStatus<Resource>>, CoConstructionReadError>
  /** The subtree's projects started by the day, ordered by id. */
  readonly projects: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<ProjectStatus>, CoConstructionReadError>
  /** The subtree's volunteer teams on the day, ordered by id. */
  readonly teams: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Team>, CoConstructionReadError>
  /** The posts of the subtree's teams opened by the day, ordered by id. */
  readonly posts: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<PostStatus>, CoConstructionReadError>
  /** Posts by category on the day, in the policy's order of categories. */
  readonly postsByCategory: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<CategoryCount>, CoConstructionReadError>
  /** The claims on the subtree's posts on the day, ordered by post then member. */
  readonly claims: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Claim>, CoConstructionReadError>
  /** The joint meetings of the subtree's streets held in `[from, to)`, ordered by date then id. */
  readonly jointMeetings: (actor: Actor, options: MeetingOptions) => Effect.Effect<ReadonlyArray<MeetingStatus>, CoConstructionReadError>
  /**
   * 一对一 matching of the subtree's needs to resources on the day: each need's units
   * not yet given by a project against each resource's units not yet given, of units
   * enrolled that day — the subtree's resources and those listed for a grid above it
   * (a street's units serve its communities). Every assignment carries its explanation (`Matching.solve`).
   * Proposes only: a project records what is agreed.
   */
  readonly matchNeeds: (actor: Actor, options?: MatchOptions) => Effect.Effect<Matching.Solution, CoConstructionReadError>
  /**
   * 一对一 matching of the members enrolled on the day with the subtree's communities
   * who claim no post on or after that day, to the posts with places free on every day
   * from it on: one post each, every
   * skill the post asks for recorded at enrolment, the category they said they would
   * rather serve in first. Proposes only: a claim records what is agreed.
   */
  readonly matchPosts: (actor: Actor, options?: MatchOptions) => Effect.Effect<Matching.Solution, CoConstructionReadError>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class CoConstructions extends Context.Tag("@jiceng/core/CoConstructions")<CoConstructions, CoConstructionsShape>() {}
