/**
 * The enrolment repository: the part of the `CoConstructionStore` port that keeps the
 * 双报到 rows of work units (with a street) and of in-service party members (with a
 * community), each a dated history.
 *
 * @since 0.3.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { CreditCode } from "../identifiers/CreditCode.js"
import type { MemberId } from "../organisation/Member.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { MemberEnrolmentKey, UnitEnrolmentKey } from "./CoConstructionChanges.js"
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"

/**
 * @since 0.3.0
 * @category ports
 */
export interface EnrolmentRepository {
  /** Inserts unit enrolment rows; a row whose key (credit code, validFrom) exists fails. */
  readonly addUnits: (rows: ReadonlyArray<UnitEnrolment>) => Effect.Effect<void, StoreError>
  /**
   * Ends unit rows on a day: sets `validTo` where it is open or later (an earlier end
   * stays); a row beginning on or after that day is removed (a same-day correction).
   */
  readonly closeUnits: (tenant: Tenant, keys: ReadonlyArray<UnitEnrolmentKey>, validTo: IsoDate) => Effect.Effect<void, StoreError>
  /** Every row of any of the units, ordered by credit code then validFrom. */
  readonly unitsOf: (tenant: Tenant, codes: ReadonlyArray<CreditCode>) => Effect.Effect<ReadonlyArray<UnitEnrolment>, StoreError>
  /** The unit rows valid on a day, ordered by credit code. */
  readonly unitsAt: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<UnitEnrolment>, StoreError>

  /** Inserts member enrolment rows; a row whose key (member, validFrom) exists fails. */
  readonly addMembers: (rows: ReadonlyArray<MemberEnrolment>) => Effect.Effect<void, StoreError>
  /** Ends member rows on a day, with the same-day contract of `closeUnits`. */
  readonly closeMembers: (tenant: Tenant, keys: ReadonlyArray<MemberEnrolmentKey>, validTo: IsoDate) => Effect.Effect<void, StoreError>
  /** Every row of any of the members, ordered by member then validFrom. */
  readonly membersOf: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<MemberEnrolment>, StoreError>
  /** The member rows valid on a day, ordered by member. */
  readonly membersAt: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<MemberEnrolment>, StoreError>
}
