/**
 * The emergency service's interface and tag; `Emergency.ts` holds the live
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
import type { Activation, EmergencyBranch, Enlistment, VanguardTeam } from "./Activation.js"
import type { EmergencyChanges } from "./EmergencyChanges.js"
import type { Input } from "./EmergencyCommand.js"

/**
 * What a write can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type EmergencyWriteError = ValidationError | RuleViolation | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.5.0
 * @category errors
 */
export type EmergencyReadError = ValidationError | Forbidden | StoreError

/**
 * Read options: a grid subtree (default: the actor's scope) and a day (default: today).
 * An activation is seen where its grid and the subtree overlap; of it, only the
 * communities inside the subtree (their roster and branches) and the compounds inside it
 * (of its teams) — the rest counts as none.
 *
 * @since 0.5.0
 * @category models
 */
export interface ReadOptions {
  readonly root?: string
  readonly at?: string
}

/**
 * Period options: a subtree and the days `[from, to)`.
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
 * A person on a roster with their name and phone (masked unless the reader holds
 * `pii:read`). A worker is shown by name (网格员公示). Whose member identity is shown was
 * settled on the activation's day by the activator's scope, as the rolls of the
 * organisations in that scope show them (`Organisations.roll`): a member whose membership
 * the activation could read (`standing` not null) is shown to every reader of the entry;
 * both are null for one it could not — enrolled from outside the tenant, or a member of
 * an organisation outside the activator's scope. The reader's scope selects only which
 * communities' entries are returned. The roster is a snapshot of the activation's day:
 * a person who leaves later (a worker unassigned, a member who departs) stays on it.
 *
 * @since 0.5.0
 * @category models
 */
export interface RosterEntry extends Enlistment {
  readonly name: string | null
  readonly phone: string | null
}

/**
 * A temporary branch with its name and the members taking part in it on the day.
 *
 * @since 0.5.0
 * @category models
 */
export interface BranchView extends EmergencyBranch {
  readonly name: string
  readonly participants: ReadonlyArray<string>
}

/**
 * What an activation (or the activations of a period) covered: vanguard teams, the
 * compounds they cover and their residents (each compound once per activation), the
 * teams' staff and members; the people put under the community organisations (workers,
 * members, members of whom the rules could read a membership); the temporary branches
 * formed, per compound and joint, and the members in them.
 *
 * Read from a subtree, a team counts (in `teams`, `staff` and `teamMembers`) in full
 * wherever any of its compounds lies: staff and members are the team's figures, not its
 * compounds', so they are not apportioned, and the coverages of two communities one team
 * serves, added up, count it twice. Read from a root holding all its compounds (the
 * activation's grid, or above) to count each team once; `compounds` and `residents` are
 * exact in every subtree.
 *
 * @since 0.5.0
 * @category models
 */
export interface Coverage {
  readonly activations: number
  readonly teams: number
  readonly compounds: number
  readonly residents: number
  readonly staff: number
  readonly teamMembers: number
  readonly workers: number
  readonly members: number
  readonly membersWithStanding: number
  readonly compoundBranches: number
  readonly jointBranches: number
  readonly branchMembers: number
}

/**
 * @since 0.5.0
 * @category models
 */
export interface EmergencyShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<EmergencyChanges, EmergencyWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (actor: Actor, commands: ReadonlyArray<Input>) => Effect.Effect<ReadonlyArray<EmergencyChanges>, EmergencyWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (actor: Actor, source: Imports.Source, options: Imports.ImportOptions) => Effect.Effect<Imports.ImportResult, EmergencyWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<EmergencyChanges, EmergencyWriteError>
  readonly executeAllUnknown: (actor: Actor, inputs: unknown) => Effect.Effect<ReadonlyArray<EmergencyChanges>, EmergencyWriteError>
  /** `execute` under the client's idempotency key (see `Grids.executeKeyed`). */
  readonly executeKeyed: (actor: Actor, key: string, command: Input) => Effect.Effect<EmergencyChanges, EmergencyWriteError | IdempotencyConflict>
  /** `executeAll` under an idempotency key that stands for the whole batch (see `Grids.executeAllKeyed`). */
  readonly executeAllKeyed: (
    actor: Actor,
    key: string,
    commands: ReadonlyArray<Input>
  ) => Effect.Effect<ReadonlyArray<EmergencyChanges>, EmergencyWriteError | IdempotencyConflict>

  /** The activations active on the day whose grid overlaps the subtree, ordered by id. */
  readonly activations: (actor: Actor, options?: ReadOptions) => Effect.Effect<ReadonlyArray<Activation>, EmergencyReadError>
  /** One activation (its communities inside the subtree), or null when it does not exist or lies outside it. */
  readonly activation: (actor: Actor, id: string, options?: ReadOptions) => Effect.Effect<Activation | null, EmergencyReadError>
  /** An activation's roster inside the subtree, by kind then person; phones masked unless `pii:read` (an unmasked read is audited). */
  readonly roster: (actor: Actor, id: string, options?: ReadOptions) => Effect.Effect<ReadonlyArray<RosterEntry>, EmergencyReadError>
  /** An activation's temporary branches inside the subtree with their participants on the day, by organisation id. */
  readonly branches: (actor: Actor, id: string, options?: ReadOptions) => Effect.Effect<ReadonlyArray<BranchView>, EmergencyReadError>
  /** An activation's vanguard teams with the compounds they cover inside the subtree, by id. */
  readonly teams: (actor: Actor, id: string, options?: ReadOptions) => Effect.Effect<ReadonlyArray<VanguardTeam>, EmergencyReadError>
  /** What one activation covered inside the subtree (null when it does not exist or lies outside it). */
  readonly coverage: (actor: Actor, id: string, options?: ReadOptions) => Effect.Effect<Coverage | null, EmergencyReadError>
  /** What the activations active on any day of `[from, to)` covered inside the subtree, summed over them. */
  readonly coverageOver: (actor: Actor, options: PeriodOptions) => Effect.Effect<Coverage, EmergencyReadError>
}

/**
 * @since 0.5.0
 * @category tags
 */
export class Emergency extends Context.Tag("@jiceng/core/Emergency")<Emergency, EmergencyShape>() {}
