/**
 * The grid repository: the part of the `GridStore` port that keeps grid versions. Every
 * subtree question is a code-prefix question, which SQL stores answer from an index.
 *
 * @since 0.1.0
 */
import type { Effect, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Grid, GridId } from "./Grid.js"

/**
 * A count of grids at one level.
 *
 * @since 0.1.0
 * @category models
 */
export interface LevelCount {
  readonly level: number
  readonly count: number
}

/**
 * @since 0.1.0
 * @category ports
 */
export interface GridRepository {
  /** Inserts new versions (with their lineage). */
  readonly insert: (grids: ReadonlyArray<Grid>) => Effect.Effect<void, StoreError>
  /**
   * Ends versions on a day: sets `validTo` where it is open or later (an earlier end
   * stays). A version beginning on or after that day is removed with its lineage: it
   * was superseded before it took effect (a same-day correction).
   */
  readonly close: (tenant: Tenant, ids: ReadonlyArray<GridId>, validTo: IsoDate) => Effect.Effect<void, StoreError>
  readonly byId: (tenant: Tenant, id: GridId) => Effect.Effect<Option.Option<Grid>, StoreError>
  /** The version of a code valid on a day. */
  readonly at: (tenant: Tenant, code: string, at: IsoDate) => Effect.Effect<Option.Option<Grid>, StoreError>
  /** Every version of a code, oldest first. */
  readonly versions: (tenant: Tenant, code: string) => Effect.Effect<ReadonlyArray<Grid>, StoreError>
  /**
   * The versions valid on a day whose code starts with `root` (root included),
   * ordered by code; optionally only one level.
   */
  readonly subtree: (
    tenant: Tenant,
    root: string,
    at: IsoDate,
    level?: number
  ) => Effect.Effect<ReadonlyArray<Grid>, StoreError>
  /** Grids valid on a day per level in a subtree, ordered by level; levels with none are left out. */
  readonly countByLevel: (
    tenant: Tenant,
    root: string,
    at: IsoDate
  ) => Effect.Effect<ReadonlyArray<LevelCount>, StoreError>
  /** Every version ever recorded in a subtree, ordered by code then validFrom (exports, verification). */
  readonly history: (tenant: Tenant, root: string) => Effect.Effect<ReadonlyArray<Grid>, StoreError>
  /** Versions that name `id` among their predecessors, ordered by id. */
  readonly successors: (tenant: Tenant, id: GridId) => Effect.Effect<ReadonlyArray<Grid>, StoreError>
  /**
   * Every version of any of the codes, ordered by code then validFrom: the batch path
   * loads the context of many commands at once with it.
   *
   * @since 0.2.0
   */
  readonly versionsOf: (tenant: Tenant, codes: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Grid>, StoreError>
  /**
   * The versions that name any of the ids among their predecessors, ordered by id, each
   * once.
   *
   * @since 0.2.0
   */
  readonly successorsOf: (tenant: Tenant, ids: ReadonlyArray<GridId>) => Effect.Effect<ReadonlyArray<Grid>, StoreError>
  /** The latest `validFrom` of any version in a subtree (for the no-backdating rule). */
  readonly latestStart: (tenant: Tenant, root: string) => Effect.Effect<Option.Option<IsoDate>, StoreError>
}
