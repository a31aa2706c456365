/**
 * The demand service's interface and tag; `Demands.ts` holds the live implementation.
 *
 * @since 0.5.0
 */
import { Context, type Effect } from "effect"
import type { Actor } from "../access/Actor.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { IdempotencyConflict } from "../errors/IdempotencyConflict.js"
import type { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import type * as Imports from "../imports/Imports.js"
import type { GridCoverage } from "./Coverage.js"
import type { Demand, DemandEvent, Status } from "./Demand.js"
import type { DemandChanges } from "./DemandChanges.js"
import type { Input } from "./DemandCommand.js"
import type { Measure } from "./DemandStats.js"
import type { State } from "./DemandState.js"
import type * as Open311 from "./Open311.js"
import type { Visit } from "./Visit.js"

/**
 * What a write can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type DemandWriteError = ValidationError | RuleViolation | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type DemandReadError = ValidationError | Forbidden | StoreError

/**
 * Which demands: a grid subtree (default: the actor's scope), a state, and the days
 * `[from, to)` they were received in.
 *
 * @since 0.5.0
 * @category models
 */
export interface DemandFilter {
  readonly root?: string
  readonly state?: State
  readonly from?: string
  readonly to?: string
}

/**
 * A demand as a reader sees it: its record (address and point masked unless the reader
 * holds `pii:read`; an unmasked read is audited), its standing and its whole history.
 *
 * @since 0.5.0
 * @category models
 */
export interface DemandView extends Demand, Status {
  readonly categoryLabel: string
  readonly stateLabel: string
  readonly events: ReadonlyArray<DemandEvent & { readonly label: string }>
}

/**
 * A grid's measure over a period.
 *
 * @since 0.5.0
 * @category models
 */
export interface GridMeasure extends Measure {
  readonly gridCode: string
  readonly name: string
}

/**
 * The statistics of a subtree over the days `[from, to)`: the subtree as a whole, each
 * of its child grids valid on any day of the period (one closed or split during it
 * included, and the child of any demand counted), and the root grid's own demands (those
 * of no child grid). Every count of `total` is the sum of the children's and `own`'s.
 *
 * @since 0.5.0
 * @category models
 */
export interface Stats {
  readonly from: string
  readonly to: string
  readonly total: GridMeasure
  readonly children: ReadonlyArray<GridMeasure>
  /** The demands of the root grid itself, in no child grid. */
  readonly own: GridMeasure
}

/**
 * An open demand past its deadline on a minute, with the grids it has gone up to and
 * those the sweep would send it to now.
 *
 * @since 0.5.0
 * @category models
 */
export interface Overdue {
  readonly id: string
  readonly gridCode: string
  readonly category: string
  readonly state: State
  readonly deadlineAt: string
  readonly overdueMinutes: number
  readonly answering: string
  /** The worker answering for it, if any (the one it was assigned or escalated to). */
  readonly assignee: string | null
  readonly escalatedTo: ReadonlyArray<string>
  readonly due: ReadonlyArray<string>
}

/**
 * Which visits: a grid subtree (default: the actor's scope), the days `[from, to)` they
 * fell on, and optionally one worker's.
 *
 * @since 0.5.0
 * @category models
 */
export interface VisitFilter {
  readonly root?: string
  readonly from: string
  readonly to: string
  readonly workerId?: string
}

/**
 * A visit as a reader sees it: the information it updated (free text, scrubbed of phone
 * and ID numbers unless the reader holds `pii:read`) and the ids of the demands it
 * collected (`demands`), with its target's label.
 *
 * @since 0.5.0
 * @category models
 */
export interface VisitView extends Visit {
  readonly targetLabel: string
}

/**
 * @since 0.5.0
 * @category models
 */
export interface DemandsShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<DemandChanges, DemandWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (actor: Actor, commands: ReadonlyArray<Input>) => Effect.Effect<ReadonlyArray<DemandChanges>, DemandWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (
    actor: Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Effect.Effect<Imports.ImportResult, DemandWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<DemandChanges, DemandWriteError>
  readonly executeAllUnknown: (actor: Actor, inputs: unknown) => Effect.Effect<ReadonlyArray<DemandChanges>, DemandWriteError>
  /** `execute` under the client's idempotency key (see `Grids.executeKeyed`). */
  readonly executeKeyed: (actor: Actor, key: string, command: Input) => Effect.Effect<DemandChanges, DemandWriteError | IdempotencyConflict>
  /** `executeAll` under an idempotency key that stands for the whole batch (see `Grids.executeAllKeyed`). */
  readonly executeAllKeyed: (
    actor: Actor,
    key: string,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<DemandChanges>, DemandWriteError | IdempotencyConflict>

  /** One demand with its whole history (intake → 回访), or null when unknown or outside the scope. */
  readonly demand: (actor: Actor, id: string) => Effect.Effect<DemandView | null, DemandReadError>
  /** The demands of the filter, ordered by id. */
  readonly demands: (actor: Actor, filter?: DemandFilter) => Effect.Effect<ReadonlyArray<DemandView>, DemandReadError>
  /** Received, resolved, on time, satisfaction of a subtree and its child grids over `[from, to)` (days); `period.order`, `period.length` refused. */
  readonly stats: (actor: Actor, options: { readonly root?: string; readonly from: string; readonly to: string }) => Effect.Effect<Stats, DemandReadError>
  /** Per grid of the subtree with households on `asOf`: those not visited in the `days` days ending then (`Coverage.coverage`). */
  readonly coverage: (
    actor: Actor,
    options: { readonly root?: string; readonly asOf: string; readonly days: number }
  ) => Effect.Effect<ReadonlyArray<GridCoverage>, DemandReadError>
  /** The subtree's open demands past their deadline at `asOf` (a minute), most overdue first, then by id. */
  readonly overdue: (actor: Actor, options: { readonly root?: string; readonly asOf: string }) => Effect.Effect<ReadonlyArray<Overdue>, DemandReadError>
  /** The subtree's visits of `[from, to)` (days; `period.order`, `period.length`), of one worker if named, ordered by minute then id. */
  readonly visits: (actor: Actor, filter: VisitFilter & { readonly lang?: "zh" | "en" }) => Effect.Effect<ReadonlyArray<VisitView>, DemandReadError>
  /** Open311 `services.json`: one service per category. */
  readonly services: (actor: Actor, options?: { readonly lang?: "zh" | "en" }) => Effect.Effect<ReadonlyArray<Open311.Service>, DemandReadError>
  /** Open311 service requests: the demands of the filter, ordered by id, masked as `demands`. */
  readonly requests: (
    actor: Actor,
    filter?: DemandFilter & { readonly lang?: "zh" | "en" }
  ) => Effect.Effect<ReadonlyArray<Open311.ServiceRequest>, DemandReadError>
}

/**
 * @since 0.5.0
 * @category tags
 */
export class Demands extends Context.Tag("@jiceng/core/Demands")<Demands, DemandsShape>() {}
