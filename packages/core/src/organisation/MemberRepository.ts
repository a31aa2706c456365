/**
 * The member repository: the part of the `OrganisationStore` port that keeps members,
 * their memberships and participations, and the dues and measures recorded for them.
 *
 * @since 0.2.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IsoDate } from "../time/IsoDate.js"
import type {
  Discipline,
  Dues,
  Member,
  MemberId,
  Membership,
  MembershipKey,
  Participation,
  ParticipationKey
} from "./Member.js"
import type { OrganisationId } from "./Organisation.js"

/**
 * @since 0.2.0
 * @category ports
 */
export interface MemberRepository {
  /** Registers members or replaces their identity and contact data. */
  readonly put: (members: ReadonlyArray<Member>) => Effect.Effect<void, StoreError>
  /** The members of the ids that exist, ordered by id. */
  readonly getMany: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<Member>, StoreError>

  /** Inserts membership rows; a row whose key (member, validFrom) exists fails. */
  readonly addMemberships: (rows: ReadonlyArray<Membership>) => Effect.Effect<void, StoreError>
  /** Ends membership rows on a day, with the same-day contract of `OrganisationRepository.close`. */
  readonly closeMemberships: (tenant: Tenant, keys: ReadonlyArray<MembershipKey>, validTo: IsoDate) => Effect.Effect<void, StoreError>
  /** Every membership row of any of the members, ordered by member then validFrom. */
  readonly membershipsOf: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<Membership>, StoreError>
  /** Every membership row in any of the organisations, ordered by member then validFrom. */
  readonly membershipsIn: (tenant: Tenant, ids: ReadonlyArray<OrganisationId>) => Effect.Effect<ReadonlyArray<Membership>, StoreError>
  /** The membership rows valid on a day, ordered by member. */
  readonly membershipsAt: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<Membership>, StoreError>

  /** Inserts participation rows; a row whose key (member, organisation, validFrom) exists fails. */
  readonly addParticipations: (rows: ReadonlyArray<Participation>) => Effect.Effect<void, StoreError>
  /** Ends participation rows on a day, with the same-day contract of `OrganisationRepository.close`. */
  readonly closeParticipations: (
    tenant: Tenant,
    keys: ReadonlyArray<ParticipationKey>,
    validTo: IsoDate
  ) => Effect.Effect<void, StoreError>
  /** Every participation row of any of the members, ordered by member, organisation, validFrom. */
  readonly participationsOf: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<Participation>, StoreError>
  /** Every participation row in any of the organisations, ordered by member, organisation, validFrom. */
  readonly participationsIn: (
    tenant: Tenant,
    ids: ReadonlyArray<OrganisationId>
  ) => Effect.Effect<ReadonlyArray<Participation>, StoreError>
  /** The participation rows valid on a day, ordered by member, organisation. */
  readonly participationsAt: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<Participation>, StoreError>

  /** Records dues; a row whose key (member, month) exists fails. */
  readonly addDues: (rows: ReadonlyArray<Dues>) => Effect.Effect<void, StoreError>
  /** The dues of any of the members, ordered by member then month. */
  readonly duesOf: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<Dues>, StoreError>
  /** The dues paid to any of the organisations, ordered by member then month. */
  readonly duesIn: (tenant: Tenant, ids: ReadonlyArray<OrganisationId>) => Effect.Effect<ReadonlyArray<Dues>, StoreError>

  /** Records measures (append-only). */
  readonly addDiscipline: (rows: ReadonlyArray<Discipline>) => Effect.Effect<void, StoreError>
  /** The measures on any of the members, ordered by member, day, then measure. */
  readonly disciplineOf: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<Discipline>, StoreError>
  /** The measures decided by any of the organisations, ordered by member, day, then measure. */
  readonly disciplineIn: (tenant: Tenant, ids: ReadonlyArray<OrganisationId>) => Effect.Effect<ReadonlyArray<Discipline>, StoreError>
}
