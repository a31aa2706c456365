/**
 * The outreach service's interface and tag; `Outreach.ts` holds the live implementation.
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
import type { Link, Problem } from "./Liaison.js"
import type * as LiaisonCompliance from "./LiaisonCompliance.js"
import type { Group, GroupKind } from "./NewEmployment.js"
import type { Input } from "./OutreachCommand.js"
import type { OutreachChanges } from "./OutreachChanges.js"
import type { Batch, MatterState } from "./PracticalMatter.js"
import type { Station, StationKind, UserKind } from "./Station.js"

/**
 * What a write can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type OutreachWriteError = ValidationError | RuleViolation | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type OutreachReadError = ValidationError | Forbidden | StoreError

/**
 * Read options: a grid subtree (default: the actor's scope) and a day (default: today).
 * A link, station or group lies in the subtree when its grid does; a matter when every
 * grid its branch serves does.
 *
 * @since 0.5.0
 * @category models
 */
export interface ReadOptions {
  readonly root?: string
  readonly at?: string
}

/**
 * A period `[from, to)` within a subtree: `to` after `from` (`period.order`), at most ten
 * years on (`period.length`), else a `ValidationError` on `options.to`.
 *
 * @since 0.5.0
 * @category models
 */
export interface PeriodOptions {
  readonly root?: string
  readonly from: string
  readonly to: string
}

/**
 * 三联三服 compliance over a period: the check's slots owed, met and missing, and the
 * same per leader with a link holding on some day of the period (`links`: those links).
 *
 * @since 0.5.0
 * @category models
 */
export interface Compliance extends LiaisonCompliance.Report {
  readonly leaders: ReadonlyArray<{ readonly leaderId: string; readonly links: number; readonly owed: number; readonly met: number; readonly missing: number }>
}

/**
 * Problems of the subtree's links: raised in the period, resolved in it, still open at
 * its end, and the share of those raised in it resolved by its end.
 *
 * @since 0.5.0
 * @category models
 */
export interface Problems {
  readonly from: string
  readonly to: string
  readonly raised: number
  readonly resolved: number
  readonly open: number
  /** Of those raised in the period, resolved by its end: a share in [0, 1], or null when none was raised. */
  readonly resolvedShare: number | null
  /** Problems raised or resolved in the period, ordered by id. */
  readonly problems: ReadonlyArray<Problem>
}

/**
 * Counts of matters by state: listed in all, planned, in progress, done, dropped.
 *
 * @since 0.5.0
 * @category models
 */
export type MatterCounts = { readonly listed: number } & Readonly<Record<MatterState, number>>

/**
 * 一支部一实事: per batch and per branch, the matters by state.
 *
 * @since 0.5.0
 * @category models
 */
export interface Matters {
  readonly batches: ReadonlyArray<{ readonly batch: Batch } & MatterCounts>
  readonly branches: ReadonlyArray<{ readonly organisationId: string } & MatterCounts>
}

/**
 * A station as read: its address masked unless the reader holds `pii:read`, and the
 * minutes its schedule is open in a week.
 *
 * @since 0.5.0
 * @category models
 */
export interface StationView extends Station {
  readonly minutesPerWeek: number
}

/**
 * The stations of a subtree open on a day: each, their count by kind, their facilities
 * summed, their study corners and books.
 *
 * @since 0.5.0
 * @category models
 */
export interface Stations {
  readonly at: string
  readonly stations: ReadonlyArray<StationView>
  readonly byKind: Readonly<Record<StationKind, number>>
  /** Each configured facility's count over the stations, in the configuration's order. */
  readonly facilities: ReadonlyArray<{ readonly id: string; readonly zh: string; readonly en: string; readonly count: number }>
  readonly studyCorners: number
  readonly books: number
}

/**
 * Uses of the subtree's stations in a period: users by kind, and members' study uses.
 *
 * @since 0.5.0
 * @category models
 */
export interface Uses {
  readonly from: string
  readonly to: string
  readonly byKind: Readonly<Record<UserKind, number>>
  readonly total: number
  readonly studies: number
}

/**
 * New-employment groups of a subtree formed by a day: per kind, the groups, the
 * distinct party organisations serving them, their members and workers.
 *
 * @since 0.5.0
 * @category models
 */
export interface Groups {
  readonly at: string
  readonly kinds: ReadonlyArray<{
    readonly kind: GroupKind
    readonly zh: string
    readonly en: string
    readonly groups: number
    readonly organisations: number
    readonly members: number
    readonly workers: number
  }>
  /** Each group with its members joined by the day, ordered by id. */
  readonly groups: ReadonlyArray<Group & { readonly members: number }>
}

/**
 * @since 0.5.0
 * @category models
 */
export interface OutreachShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<OutreachChanges, OutreachWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (actor: Actor, commands: ReadonlyArray<Input>) => Effect.Effect<ReadonlyArray<OutreachChanges>, OutreachWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (actor: Actor, source: Imports.Source, options: Imports.ImportOptions) => Effect.Effect<Imports.ImportResult, OutreachWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<OutreachChanges, OutreachWriteError>
  readonly executeAllUnknown: (actor: Actor, inputs: unknown) => Effect.Effect<ReadonlyArray<OutreachChanges>, OutreachWriteError>
  /** `execute` under the client's idempotency key (see `Grids.executeKeyed`). */
  readonly executeKeyed: (actor: Actor, key: string, command: Input) => Effect.Effect<OutreachChanges, OutreachWriteError | IdempotencyConflict>
  /** `executeAll` under an idempotency key that stands for the whole batch (see `Grids.executeAllKeyed`). */
  readonly executeAllKeyed: (
    actor: Actor,
    key: string,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<OutreachChanges>, OutreachWriteError | IdempotencyConflict>

  /** The subtree's links holding on the day, ordered by id. */
  readonly links: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Link>, OutreachReadError>
  /** 三联三服 compliance of the subtree's links over `[from, to)`, by the configured schedule. */
  readonly compliance: (actor: Actor, options: PeriodOptions) => Effect.Effect<Compliance, OutreachReadError>
  /** Problems of the subtree's links raised and resolved in `[from, to)`. */
  readonly problems: (actor: Actor, options: PeriodOptions) => Effect.Effect<Problems, OutreachReadError>
  /** 一支部一实事 as it stood on the day: per batch begun by then, of the subtree or a grid above it (ordered by grid, number), and per branch (by id). */
  readonly matters: (actor: Actor, options?: ReadOptions) => Effect.Effect<Matters, OutreachReadError>
  /** The subtree's stations open on the day, with their facilities summed. */
  readonly stations: (actor: Actor, options?: ReadOptions) => Effect.Effect<Stations, OutreachReadError>
  /** Uses of the subtree's stations in `[from, to)`. */
  readonly uses: (actor: Actor, options: PeriodOptions) => Effect.Effect<Uses, OutreachReadError>
  /** The subtree's new-employment groups by kind on the day. */
  readonly groups: (actor: Actor, options?: ReadOptions) => Effect.Effect<Groups, OutreachReadError>
}

/**
 * @since 0.5.0
 * @category tags
 */
export class Outreach extends Context.Tag("@jiceng/core/Outreach")<Outreach, OutreachShape>() {}
