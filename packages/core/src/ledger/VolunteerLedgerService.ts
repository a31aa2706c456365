/**
 * The volunteer ledger service's interface and tag; `VolunteerLedger.ts` holds the live
 * implementation.
 *
 * @since 0.4.0
 */
import { Context, type Effect } from "effect"
import type { Actor } from "../access/Actor.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { IdempotencyConflict } from "../errors/IdempotencyConflict.js"
import type { NotFound } from "../errors/NotFound.js"
import type { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import type * as Imports from "../imports/Imports.js"
import type { Certificate } from "./Certificate.js"
import type { Verification } from "./HashChain.js"
import type { LedgerChanges } from "./LedgerChanges.js"
import type { Input } from "./LedgerCommand.js"
import type { LedgerEntry } from "./LedgerEntry.js"
import type { LedgerVolunteer } from "./LedgerVolunteer.js"
import type { Dimension, GridNode, Rounding, TotalsRow } from "./Rollup.js"

/**
 * What a write can fail with.
 *
 * @since 0.4.0
 * @category errors
 */
export type LedgerWriteError = ValidationError | RuleViolation | IdempotencyConflict | Forbidden | StoreError

/**
 * What a read can fail with.
 *
 * @since 0.4.0
 * @category errors
 */
export type LedgerReadError = ValidationError | Forbidden | StoreError

/**
 * A period of session days, `from` to `to` (both included), in a grid subtree (default:
 * the actor's scope). An entry lies in the subtree when its grid does.
 *
 * @since 0.4.0
 * @category models
 */
export interface PeriodOptions {
  readonly from: string
  readonly to: string
  readonly root?: string
  /** The ledger as it stood at this entry (a report filed then, had again); the head when left out. */
  readonly asOfSeq?: number
}

/**
 * Totals options: the period, the dimensions to group by, the level grid codes are
 * grouped at, and the rounding of hours.
 *
 * @since 0.4.0
 * @category models
 */
export interface TotalsOptions extends PeriodOptions {
  readonly by: ReadonlyArray<Dimension>
  /**
   * Groups `gridCode` at a level of the `GridConfig` level scheme (0 the district, 1 its
   * streets, 2 their communities, … under the default scheme): an entry counts for its
   * grid's ancestor at that level — or for its own grid when that lies above the level —
   * and `gridCode` keys are those grids' codes. The level is the root's or one below it
   * (a `ValidationError` otherwise). Without it, each grid is a group of its own.
   *
   * @since 0.4.0
   */
  readonly level?: number
  readonly rounding?: Rounding
}

/**
 * A totals row with its hours (from its own total minutes, rounded as declared).
 *
 * @since 0.4.0
 * @category models
 */
export interface TotalsWithHours extends TotalsRow {
  readonly hours: number
}

/**
 * A rollup: what it covers, its rounding, and its rows or tree.
 *
 * @since 0.4.0
 * @category models
 */
export interface Report<A> {
  readonly from: string
  readonly to: string
  readonly root: string
  /** The last entry the report counts: ask again with it to have the same figures after later corrections. */
  readonly asOfSeq: number
  readonly rounding: Rounding
  readonly data: A
}

/**
 * A period's figures in a subtree: activities, service points and volunteers with at
 * least one session standing (not reversed), and the sums.
 *
 * @since 0.4.0
 * @category models
 */
export interface Summary {
  readonly activities: number
  readonly servicePoints: number
  readonly volunteers: number
  readonly entries: number
  readonly minutes: number
  readonly hours: number
  readonly residentsServed: number
  readonly mattersDone: number
  readonly points: number
}

/**
 * A volunteer's points on a day: the balance (the sum of every movement: earnings on
 * entries, redemptions, expiries written off), what may be redeemed (the balance less
 * points expired by the day and not yet written off), and that expired part.
 *
 * @since 0.4.0
 * @category models
 */
export interface Balance {
  readonly volunteerId: string
  readonly asOf: string
  readonly balance: number
  readonly available: number
  readonly expired: number
}

/**
 * A certificate as a receiver sees it: what it states (service time, sessions,
 * activities, time by category, recording units, issuer, period, the entry it was issued
 * at and its chain hash, the day of issue) — not the ledger's ids, its key or who issued
 * it.
 *
 * @since 0.4.0
 * @category models
 */
export type CertificateView = Omit<Certificate, "key" | "fingerprint" | "issuedBy" | "volunteerId" | "holder">

/**
 * A certificate checked against the ledger: whether its code, the person it names, the
 * figures it states and the chain under them still agree with the ledger; why not when
 * they do not; the statement, with the volunteer's name and ID number only when the
 * certificate discloses them and the volunteer consents still (第十六条), the name masked
 * otherwise.
 *
 * @since 0.4.0
 * @category models
 */
export interface CertificateCheck {
  readonly code: string
  readonly valid: boolean
  readonly reason: string | null
  readonly certificate: CertificateView
  readonly volunteerName: string
  readonly citizenId: string | null
}

/**
 * A certificate as the unit keeping the volunteer's record prints it: checked against
 * the ledger as {@link CertificateCheck}, with the holder's name and ID number whole
 * only when `disclosed` — the actor holds `pii:read` and the volunteer consents, on the
 * certificate and still (第十六条). Otherwise the name is masked, and the ID number
 * masked when the volunteer consents, `null` when not.
 *
 * @since 0.7.0
 * @category models
 */
export interface HeldCertificate extends CertificateCheck {
  readonly disclosed: boolean
}

/**
 * @since 0.4.0
 * @category models
 */
export interface VolunteerLedgerShape {
  /** Runs one command: decode, authorize, rule, write and audit in one transaction. A keyed write sent again returns its first result. */
  readonly execute: (actor: Actor, command: Input) => Effect.Effect<LedgerChanges, LedgerWriteError>
  /** Runs commands in order, all or nothing, in one transaction; a refusal names its row. */
  readonly executeAll: (actor: Actor, commands: ReadonlyArray<Input>) => Effect.Effect<ReadonlyArray<LedgerChanges>, LedgerWriteError>
  /** Writes a source of commands in chunks, each its own transaction, resumable by `id` (see `Grids.importAll`). */
  readonly importAll: (
    actor: Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Effect.Effect<Imports.ImportResult, LedgerWriteError>
  readonly executeUnknown: (actor: Actor, input: unknown) => Effect.Effect<LedgerChanges, LedgerWriteError>
  readonly executeAllUnknown: (actor: Actor, inputs: unknown) => Effect.Effect<ReadonlyArray<LedgerChanges>, LedgerWriteError>

  /** A volunteer; name, phone and ID number masked unless the actor holds `pii:read` (then audited). */
  readonly volunteer: (actor: Actor, id: string) => Effect.Effect<LedgerVolunteer, LedgerReadError | NotFound>
  /**
   * Volunteers by id (at most 1,000,000), ordered by id: unknown ids, and volunteers
   * whose residence grid lies outside the actor's scope, left out. Name, phone and ID
   * number masked unless the actor holds `pii:read`; then the read writes ONE audit
   * entry (`ReadVolunteersPii`: how many volunteers it showed, never their data) — a
   * 台账 of thousands of volunteers is one read, not one a volunteer.
   *
   * @since 0.7.0
   */
  readonly volunteers: (actor: Actor, ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<LedgerVolunteer>, LedgerReadError>
  /** A volunteer's entries of the period (their 台账), those in the subtree, ordered by seq. */
  readonly entries: (
    actor: Actor,
    options: PeriodOptions & { readonly volunteerId: string }
  ) => Effect.Effect<ReadonlyArray<LedgerEntry>, LedgerReadError>
  /** Sums of the period's entries in the subtree by the dimensions asked for, ordered by their keys. */
  readonly totals: (actor: Actor, options: TotalsOptions) => Effect.Effect<Report<ReadonlyArray<TotalsWithHours>>, LedgerReadError>
  /** The subtree's grid tree as it stands on `to`, each node its own entries' sums and its children's. */
  readonly gridRollup: (
    actor: Actor,
    options: PeriodOptions & { readonly rounding?: Rounding }
  ) => Effect.Effect<Report<GridNode>, LedgerReadError>
  /** The period's figures in the subtree, or in one programme's activities (`programme`). */
  readonly summary: (
    actor: Actor,
    options: PeriodOptions & { readonly programme?: string; readonly rounding?: Rounding }
  ) => Effect.Effect<Report<Summary>, LedgerReadError>
  /** A volunteer's points on a day (default today). */
  readonly balance: (actor: Actor, volunteerId: string, asOf?: string) => Effect.Effect<Balance, LedgerReadError | NotFound>
  /**
   * A certificate by its code, for the unit keeping the volunteer's record (`ledger:read`
   * and the volunteer's residence grid in the actor's scope; otherwise `NotFound`, as for
   * an unknown code): checked against the ledger as `checkCertificate` checks it, the
   * holder shown as {@link HeldCertificate} says; a disclosure writes one audit entry
   * (`ReadCertificatePii`).
   *
   * @since 0.7.0
   */
  readonly certificate: (actor: Actor, code: string) => Effect.Effect<HeldCertificate, LedgerReadError | NotFound>
  /** Checks a certificate's verification code against the ledger (第十七条). */
  readonly checkCertificate: (actor: Actor, code: string) => Effect.Effect<CertificateCheck, LedgerReadError | NotFound>
  /** Recomputes the tenant's hash chain and names its first broken link. */
  readonly verify: (actor: Actor) => Effect.Effect<Verification, LedgerReadError>
}

/**
 * @since 0.4.0
 * @category tags
 */
export class VolunteerLedger extends Context.Tag("@jiceng/core/VolunteerLedger")<VolunteerLedger, VolunteerLedgerShape>() {}
