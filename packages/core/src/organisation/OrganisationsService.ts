/**
 * The organisation service's interface and tag; `Organisations.ts` holds the live
 * implementation.
 *
 * @since 0.2.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Actor } from "../access/Actor.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { IdempotencyConflict } from "../errors/IdempotencyConflict.js"
import type { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import type * as Imports from "../imports/Imports.js"
import type * as Compliance from "./Compliance.js"
import type { Membership, Participation, Standing } from "./Member.js"
import type { Organisation, OrganisationKind } from "./Organisation.js"
import type { OrganisationAlert } from "./OrganisationAlert.js"
import type { OrganisationChanges } from "./OrganisationChanges.js"
import type { Input } from "./OrganisationCommand.js"

/**
 * What a write can fail with.
 *
 * @since 0.2.0
 * @category errors
 */
export type OrganisationWriteError = ValidationError | RuleViolation | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.2.0
 * @category errors
 */
export type OrganisationReadError = ValidationError | Forbidden | StoreError

/**
 * Read options: a grid subtree (default: the actor's scope) and a day (default: today).
 * An organisation lies in the subtree when every grid it serves does (one serving no
 * grid lies at the tenant's root).
 *
 * @since 0.2.0
 * @category models
 */
export interface ReadOptions {
  readonly root?: string
  readonly at?: string
}

/**
 * Organisations of one kind and sector on a day.
 *
 * @since 0.2.0
 * @category models
 */
export interface KindCount {
  readonly kind: OrganisationKind
  readonly sector: string
  readonly count: number
}

/**
 * An organisation's members on a day, by standing.
 *
 * @since 0.2.0
 * @category models
 */
export interface MemberCount {
  readonly organisationId: string
  readonly name: string
  readonly kind: OrganisationKind
  readonly full: number
  readonly probationary: number
  /** A temporary branch's participants (its members keep their own branch). */
  readonly participants: number
}

/**
 * Roll options: the read options, and optionally one organisation of the subtree.
 *
 * @since 0.2.0
 * @category models
 */
export interface RollOptions extends ReadOptions {
  readonly organisationId?: string
}

/**
 * A person on an organisation's roll on a day: a member of a branch (with their
 * standing), or a participant of a temporary branch (`standing` then is that of their
 * own membership).
 *
 * @since 0.2.0
 * @category models
 */
export interface RollEntry {
  readonly organisationId: string
  readonly memberId: string
  readonly role: "member" | "participant"
  /** Shown to anyone who may read the organisation. */
  readonly name: string
  readonly standing: Standing | null
  /** The day this row of the roll began. */
  readonly since: string
  /**
   * Personal data, kept as it is now: masked (`138****5678`) unless the actor holds
   * `pii:read` (then the read is audited), and `null` when unknown or when the person
   * is on no roll in the actor's scope today.
   */
  readonly phone: string | null
  /** Personal data, as `phone`. */
  readonly citizenId: string | null
}

/**
 * Compliance options: a period `[from, to)` of at most ten years, a grid subtree
 * (default: the actor's scope) and optionally one organisation of it.
 *
 * @since 0.2.0
 * @category models
 */
export interface ComplianceOptions {
  readonly from: string
  readonly to: string
  readonly root?: string
  readonly organisationId?: string
}

/**
 * @since 0.2.0
 * @category models
 */
export interface OrganisationsShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<OrganisationChanges, OrganisationWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (
    actor: Actor,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<OrganisationChanges>, OrganisationWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (
    actor: Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Effect.Effect<Imports.ImportResult, OrganisationWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<OrganisationChanges, OrganisationWriteError>
  readonly executeAllUnknown: (
    actor: Actor,
    inputs: unknown
  ) => Effect.Effect<ReadonlyArray<OrganisationChanges>, OrganisationWriteError>
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
  ) => Effect.Effect<OrganisationChanges, OrganisationWriteError | IdempotencyConflict>
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
  ) => Effect.Effect<ReadonlyArray<OrganisationChanges>, OrganisationWriteError | IdempotencyConflict>
  /** The organisations valid on a day in the subtree, ordered by id. */
  readonly organisations: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Organisation>, OrganisationReadError>
  /** One organisation's version valid on a day, if it lies in the actor's scope. */
  readonly organisation: (actor: Actor, id: string, at?: string) => Effect.Effect<Option.Option<Organisation>, OrganisationReadError>
  /** The membership rows valid on a day in the subtree's organisations, ordered by member. */
  readonly memberships: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Membership>, OrganisationReadError>
  /** The participation rows valid on a day in the subtree's temporary branches. */
  readonly participations: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Participation>, OrganisationReadError>
  /** Organisations by kind and sector on a day, ordered by kind then sector. */
  readonly countByKind: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<KindCount>, OrganisationReadError>
  /** Members (and participants) per organisation on a day, ordered by organisation id. */
  readonly countMembers: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<MemberCount>, OrganisationReadError>
  /** The size alerts of the subtree's organisations on a day. */
  readonly check: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<OrganisationAlert>, OrganisationReadError>
  /**
   * 三会一课 compliance of the subtree's organisations for a period `[from, to)`, or of
   * one of them (`organisationId`; an empty report when it is not in the subtree).
   */
  readonly compliance: (actor: Actor, period: ComplianceOptions) => Effect.Effect<Compliance.Report, OrganisationReadError>
  /**
   * The rolls of the subtree's organisations on a day (or of one, `organisationId`):
   * members and temporary branches' participants with their names, ordered by
   * organisation, role, then member. Phones and ID numbers are masked unless the actor
   * holds `pii:read`, and an unmasked read is written to the audit log
   * (`ReadMemberPii`, naming the members shown).
   */
  readonly roll: (actor: Actor, options?: RollOptions) => Effect.Effect<ReadonlyArray<RollEntry>, OrganisationReadError>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class Organisations extends Context.Tag("@jiceng/core/Organisations")<Organisations, OrganisationsShape>() {}
