/**
 * The grid application service: decode → authorize → rule → one Store transaction
 * with its audit entry. Reads are scoped to the actor's subtree too.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Actor } from "../access/Actor.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { IdempotencyConflict } from "../errors/IdempotencyConflict.js"
import type { NotFound } from "../errors/NotFound.js"
import type { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import type * as Imports from "../imports/Imports.js"
import type { Changes } from "./Changes.js"
import type { Grid } from "./Grid.js"
import type { Input } from "./GridCommand.js"
import type { LevelCount } from "./GridRepository.js"
import type { Place, PlaceKind, PlaceLink } from "./Place.js"
import type { KindCount, LinkedPlace } from "./PlaceRepository.js"
import type { ResponsibilityAlert } from "./ResponsibilityAlert.js"
import type { Assignment, WorkerOnDay } from "./Worker.js"
import type { CategoryCount } from "./WorkerRepository.js"

/**
 * Everything a grid write can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type GridWriteError = ValidationError | RuleViolation | Forbidden | NotFound | StoreError

/**
 * Everything a grid read can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type GridReadError = ValidationError | Forbidden | StoreError

/**
 * Read options: the subtree root (default: the actor's scope) and the day (default:
 * today, China Standard Time).
 *
 * @since 0.1.0
 * @category models
 */
export interface ReadOptions {
  readonly root?: string
  readonly at?: string
}

/**
 * Options of the bulk worker read: the subtree and day, and whether to show contact
 * data at all (`contact: false` leaves phone and ID number out, `null`, so nothing
 * personal is shown and nothing audited: a roster of names).
 *
 * @since 0.7.0
 * @category models
 */
export interface WorkersOptions extends ReadOptions {
  readonly contact?: boolean
}

/**
 * A worker serving in a subtree on a day: as they are that day, with their assignments
 * valid then to grids of the subtree (ordered by grid code then id).
 *
 * @since 0.7.0
 * @category models
 */
export interface ServingWorker extends WorkerOnDay {
  readonly assignments: ReadonlyArray<Assignment>
}

/**
 * Options of the bulk place read: the subtree and day, and optionally one kind.
 *
 * @since 0.7.0
 * @category models
 */
export interface PlacesOptions extends ReadOptions {
  readonly kind?: PlaceKind
}

/**
 * A grid version with where it came from and what replaced it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Lineage {
  readonly grid: Grid
  readonly predecessors: ReadonlyArray<Grid>
  readonly successors: ReadonlyArray<Grid>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface GridsShape {
  /**
   * Runs one command: decode (a `ValidationError` naming the field) → authorize
   * (`Forbidden`) → the rule (`RuleViolation`) → the facts and one audit entry in one
   * transaction. A refused command writes nothing.
   */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<Changes, GridWriteError>
  /**
   * Runs commands in order in one transaction: all commit or none. Errors carry the
   * 1-based `row` of the failing command.
   */
  readonly executeAll: (
    actor: Actor,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<Changes>, GridWriteError>
  /** {@link GridsShape.execute} for input of unknown shape (a parsed JSON body, a CSV row). */
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<Changes, GridWriteError>
  /**
   * Imports a long source of commands in chunks (`chunkSize`, default 10,000), each
   * chunk and the import's progress in one transaction, so other writers get the tenant
   * between chunks. Stopped at any point, it resumes when run again with the same `id`
   * and source, after the last committed chunk; a refused row names its row counted
   * from the source's start, and the chunks before it stay committed. See `Imports`.
   *
   * @since 0.2.0
   */
  readonly importAll: (
    actor: Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Effect.Effect<Imports.ImportResult, GridWriteError>
  /** {@link GridsShape.executeAll} for input of unknown shape; anything but an array is a `ValidationError`. */
  readonly executeAllUnknown: (actor: Actor, inputs: unknown) => Effect.Effect<ReadonlyArray<Changes>, GridWriteError>
  /**
   * {@link GridsShape.execute} under the client's idempotency key (1 to 128 characters
   * of one line; a bad key is a `ValidationError` naming `key`), for a client that
   * sends a write again after a timeout. The command is decoded and authorized as
   * always; then, in one transaction: a key this service recorded for the tenant with
   * the same command (the decoded command's fingerprint: field order and defaults left
   * out do not matter) returns the first result and writes nothing, no audit entry
   * either; with another command, an `IdempotencyConflict`; a key not recorded runs the
   * command and records the key with its result in the same transaction. A refused
   * command records nothing, so its key stays free. See `IdempotencyStore`.
   *
   * @since 0.4.0
   */
  readonly executeKeyed: (
    actor: Actor,
    key: string,
    command: Input
  ) => Effect.Effect<Changes, GridWriteError | IdempotencyConflict>
  /**
   * {@link GridsShape.executeAll} under an idempotency key, as
   * {@link GridsShape.executeKeyed}: the batch is all or nothing and its key stands for
   * the whole batch, its commands in order (a key first used for one command, or for
   * other commands, is a conflict).
   *
   * @since 0.4.0
   */
  readonly executeAllKeyed: (
    actor: Actor,
    key: string,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<Changes>, GridWriteError | IdempotencyConflict>
  /** The version of a code valid on a day (as-of resolution); the code must lie in the actor's scope. */
  readonly resolve: (actor: Actor, code: string, at?: string) => Effect.Effect<Option.Option<Grid>, GridReadError>
  /** The grid a place was in on a day; none when it lies outside the actor's scope. */
  readonly gridOfPlace: (
    actor: Actor,
    placeId: string,
    at?: string
  ) => Effect.Effect<Option.Option<Grid>, GridReadError>
  /** A version (`code@validFrom`) with its predecessors and successors inside the actor's scope. */
  readonly lineage: (actor: Actor, id: string) => Effect.Effect<Option.Option<Lineage>, GridReadError>
  /** Grids valid on a day in a subtree, ordered by code; optionally one level. */
  readonly subtree: (
    actor: Actor,
    options?: ReadOptions & { readonly level?: number }
  ) => Effect.Effect<ReadonlyArray<Grid>, GridReadError>
  /** Grids valid on a day in a subtree per level, ordered by level; levels with none left out. */
  readonly countByLevel: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<LevelCount>, GridReadError>
  /**
   * Workers serving in a subtree on a day (an assignment valid then), each counted once,
   * per the category of their term that day; ordered by category.
   */
  readonly countWorkersByCategory: (
    actor: Actor,
    options?: ReadOptions
  ) => Effect.Effect<ReadonlyArray<CategoryCount>, GridReadError>
  /** Places in a subtree on a day per kind, ordered by kind; kinds with none left out. */
  readonly countPlaces: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<KindCount>, GridReadError>
  /** Links valid on a day in a subtree, ordered by grid code then place id. */
  readonly placeLinks: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<PlaceLink>, GridReadError>
  /** Assignments valid on a day in a subtree, ordered by grid code then id. */
  readonly assignments: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Assignment>, GridReadError>
  /** The 定格定人定岗定责 check over a subtree on a day: typed alerts in a total order. */
  readonly check: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<ResponsibilityAlert>, GridReadError>
  /**
   * A worker as they are on a day (default today): none unless registered in a community
   * then and seen from the actor's scope (their community, or a grid they serve that
   * day). Phone and ID number are kept as they are now: masked unless the actor holds
   * `pii:read` (then the read is audited), and `null` when the worker lies outside the
   * actor's scope today.
   */
  readonly worker: (actor: Actor, id: string, at?: string) => Effect.Effect<Option.Option<WorkerOnDay>, GridReadError>
  /**
   * A place, where it is on a day (default today) or was last; none outside the actor's
   * scope. A household's name and every address are kept as they are now: masked unless
   * the actor holds `pii:read` (then the read is audited), and withheld (`***`, `null`)
   * when the place lies outside the actor's scope today.
   */
  readonly place: (actor: Actor, id: string, at?: string) => Effect.Effect<Option.Option<Place>, GridReadError>
  /**
   * The workers serving in a subtree on a day (an assignment valid then, and a term:
   * those `countWorkersByCategory` counts), each once, ordered by id, with their
   * assignments in the subtree: a roster in a few queries, however many workers. Phone
   * and ID number as {@link GridsShape.worker} shows them — masked unless the actor
   * holds `pii:read`, `null` for a worker no longer in the actor's scope today — and an
   * unmasked read writes ONE audit entry (`ReadWorkersPii`: the subtree, the day, how
   * many workers' data it showed — never the data). `contact: false` shows no contact
   * data (phone and ID number `null`) and audits nothing.
   *
   * @since 0.7.0
   */
  readonly workers: (actor: Actor, options?: WorkersOptions) => Effect.Effect<ReadonlyArray<ServingWorker>, GridReadError>
  /**
   * The places in a subtree on a day (optionally of one kind) with their links, ordered
   * by grid code then id: the store answers in one query, however many places. A
   * household's name and every address as {@link GridsShape.place} shows them — masked
   * unless the actor holds `pii:read`, withheld (`***`, `null`) for a place with no link
   * today into a grid of the actor's scope (where `place` also looks at a place's last
   * link when it has none today, the bulk read withholds) — and an unmasked read writes
   * ONE audit entry
   * (`ReadPlacesPii`: the subtree, the day, the kind, how many places' data it showed —
   * never the data).
   *
   * @since 0.7.0
   */
  readonly places: (actor: Actor, options?: PlacesOptions) => Effect.Effect<ReadonlyArray<LinkedPlace>, GridReadError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Grids extends Context.Tag("@jiceng/core/Grids")<Grids, GridsShape>() {}
