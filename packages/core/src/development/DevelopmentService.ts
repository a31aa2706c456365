/**
 * The member-development service's interface and tag; `Development.ts` holds the live
 * implementation.
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
import type { CommunityWorker, MoveKind } from "./CommunityWorker.js"
import type { DevelopmentChanges } from "./DevelopmentChanges.js"
import type { Input } from "./DevelopmentCommand.js"
import type * as Pathway from "./Pathway.js"
import type { Level } from "./Qualification.js"
import type { Honour, HonourKind, HonourLetter, SiteLevel } from "./Recognition.js"

/**
 * What a write can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type DevelopmentWriteError = ValidationError | RuleViolation | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type DevelopmentReadError = ValidationError | Forbidden | StoreError

/**
 * Read options: a grid subtree (default: the actor's scope) and a day (default: today).
 * A track or an honour lies in the subtree when every grid its organisation serves
 * does; a worker by their community; a plan or a session by its grid.
 *
 * @since 0.5.0
 * @category models
 */
export interface ReadOptions {
  readonly root?: string
  readonly at?: string
}

/**
 * Track options: the read options and, optionally, one ladder.
 *
 * @since 0.5.0
 * @category models
 */
export interface TrackOptions extends ReadOptions {
  readonly ladder?: string
}

/**
 * A period `[from, to)` within the read options' subtree.
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
 * A track as it stood on a day: events on or before it, what is due then.
 *
 * @since 0.5.0
 * @category models
 */
export interface TrackView {
  readonly id: Pathway.TrackId
  readonly ladder: string
  readonly person: Pathway.PersonId
  readonly name: string
  /** Personal data: null unless the reader holds `pii:read` (an unmasked read is audited). */
  readonly birthDate: string | null
  readonly organisationId: string
  readonly status: Pathway.Track["status"]
  readonly stage: string | null
  readonly stageLabel: { readonly zh: string; readonly en: string } | null
  readonly events: ReadonlyArray<Pathway.Event & { readonly label: string }>
  readonly windows: ReadonlyArray<Pathway.OpenWindow>
  readonly due: ReadonlyArray<Pathway.Due>
  /** For the party ladder, the day party standing counts from once converted. */
  readonly standingFrom: string | null
}

/**
 * A ladder's pipeline on a day: active tracks per stage (the development funnel).
 *
 * @since 0.5.0
 * @category models
 */
export interface Pipeline {
  readonly ladder: string
  readonly at: string
  readonly stages: ReadonlyArray<{ readonly stage: string; readonly zh: string; readonly en: string; readonly count: number }>
  readonly completed: number
  readonly cancelled: number
}

/**
 * New party members developed in a period: party tracks whose higher committee approved
 * the admission (上级党委审批) in it.
 *
 * @since 0.5.0
 * @category models
 */
export interface Developed {
  readonly from: string
  readonly to: string
  readonly count: number
  readonly tracks: ReadonlyArray<Pathway.TrackId>
}

/**
 * The talent chain's measure on a day: middle managers on the chain, those of them who
 * are party members, and the share (null when there are none).
 *
 * @since 0.5.0
 * @category models
 */
export interface TalentMeasure {
  readonly at: string
  readonly stages: ReadonlyArray<{ readonly stage: string; readonly zh: string; readonly en: string; readonly count: number }>
  readonly managers: number
  readonly memberManagers: number
  /** `memberManagers / managers`, unrounded. */
  readonly share: number | null
}

/**
 * The community workforce of a subtree on a day: 选育管用 in figures.
 *
 * @since 0.5.0
 * @category models
 */
export interface Workforce {
  readonly at: string
  /** Workers hired by the day. */
  readonly workers: number
  /** Each plan of the subtree with the workers its grid's subtree hired that year. */
  readonly plans: ReadonlyArray<{ readonly gridCode: string; readonly year: number; readonly planned: number; readonly hired: number }>
  /** Sessions ended by the day that the subtree organised or attended; person-times and class hours of its workers. */
  readonly training: { readonly sessions: number; readonly personTimes: number; readonly classHours: number }
  /** Workers holding each level by the day. */
  readonly qualifications: Readonly<Record<Level, number>>
  /** Career moves by kind, by the day. */
  readonly moves: Readonly<Record<MoveKind, number>>
}

/**
 * A worker on the roster, phone masked unless the reader holds `pii:read`.
 *
 * @since 0.5.0
 * @category models
 */
export interface WorkerEntry extends CommunityWorker {
  /** The levels held by the day. */
  readonly qualifications: ReadonlyArray<Level>
  /** The career moves by the day, in order. */
  readonly moves: ReadonlyArray<MoveKind>
}

/**
 * The honours of a subtree awarded in a period, and their letters.
 *
 * @since 0.5.0
 * @category models
 */
export interface Honours {
  readonly from: string
  readonly to: string
  readonly honours: ReadonlyArray<Honour>
  readonly byKind: Readonly<Record<HonourKind, number>>
  readonly sites: Readonly<Record<SiteLevel, number>>
  /** Star merchants by stars, 1 to 5. */
  readonly stars: Readonly<Record<1 | 2 | 3 | 4 | 5, number>>
  readonly letters: { readonly pending: number; readonly sent: number }
}

/**
 * @since 0.5.0
 * @category models
 */
export interface DevelopmentShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<DevelopmentChanges, DevelopmentWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (
    actor: Actor,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<DevelopmentChanges>, DevelopmentWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (
    actor: Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Effect.Effect<Imports.ImportResult, DevelopmentWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<DevelopmentChanges, DevelopmentWriteError>
  readonly executeAllUnknown: (
    actor: Actor,
    inputs: unknown
  ) => Effect.Effect<ReadonlyArray<DevelopmentChanges>, DevelopmentWriteError>
  /** `execute` under the client's idempotency key (see `Grids.executeKeyed`). */
  readonly executeKeyed: (
    actor: Actor,
    key: string,
    command: Input
  ) => Effect.Effect<DevelopmentChanges, DevelopmentWriteError | IdempotencyConflict>
  /** `executeAll` under an idempotency key that stands for the whole batch (see `Grids.executeAllKeyed`). */
  readonly executeAllKeyed: (
    actor: Actor,
    key: string,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<DevelopmentChanges>, DevelopmentWriteError | IdempotencyConflict>

  /** One track as it stood on the day (`options.at`), or null when it does not exist or lies outside the subtree. */
  readonly track: (actor: Actor, id: string, options?: ReadOptions) => Effect.Effect<TrackView | null, DevelopmentReadError>
  /** The subtree's tracks as they stood on the day, ordered by id. */
  readonly tracks: (actor: Actor, options?: TrackOptions) => Effect.Effect<ReadonlyArray<TrackView>, DevelopmentReadError>
  /** What is due or overdue on the day on the subtree's active tracks, ordered by due day then track. */
  readonly due: (actor: Actor, options?: TrackOptions) => Effect.Effect<ReadonlyArray<Pathway.Due>, DevelopmentReadError>
  /** A ladder's tracks per stage on the day (the party ladder unless named). */
  readonly pipeline: (actor: Actor, options?: TrackOptions) => Effect.Effect<Pipeline, DevelopmentReadError>
  /** New members developed in `[from, to)`. */
  readonly developed: (actor: Actor, options: PeriodOptions) => Effect.Effect<Developed, DevelopmentReadError>
  /** The talent chain on the day: its stages and the share of middle managers who are members. */
  readonly talent: (actor: Actor, options?: ReadOptions) => Effect.Effect<TalentMeasure, DevelopmentReadError>
  /** The community workforce of the subtree on the day. */
  readonly workforce: (actor: Actor, options?: ReadOptions) => Effect.Effect<Workforce, DevelopmentReadError>
  /** The workers of the subtree hired by the day, ordered by id. */
  readonly workers: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<WorkerEntry>, DevelopmentReadError>
  /** The honours of the subtree awarded in `[from, to)`, with counts. */
  readonly honours: (actor: Actor, options: PeriodOptions) => Effect.Effect<Honours, DevelopmentReadError>
  /** The letters of good news of the subtree's honours, pending first, then by honour. */
  readonly letters: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<HonourLetter>, DevelopmentReadError>
}

/**
 * @since 0.5.0
 * @category tags
 */
export class Development extends Context.Tag("@jiceng/core/Development")<Development, DevelopmentShape>() {}
