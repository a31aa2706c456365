/**
 * What an organisation command wrote: the facts a rule produced from state and command.
 *
 * Ending a row on a day sets its `validTo`; a row that begins on that day (or later)
 * is removed instead, having been superseded before it took effect — that is how a
 * same-day correction replaces the morning's record.
 *
 * @since 0.2.0
 */
import type { IsoDate } from "../time/IsoDate.js"
import type { Meeting } from "./Meeting.js"
import type { Discipline, Dues, Member, Membership, MembershipKey, Participation, ParticipationKey } from "./Member.js"
import type { Organisation, VersionKey } from "./Organisation.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface OrganisationChanges {
  /** Versions ended (or removed) on `at`. */
  readonly endOrganisations: ReadonlyArray<VersionKey>
  readonly newOrganisations: ReadonlyArray<Organisation>
  /** Identities registered or updated. */
  readonly members: ReadonlyArray<Member>
  readonly endMemberships: ReadonlyArray<MembershipKey>
  readonly newMemberships: ReadonlyArray<Membership>
  readonly endParticipations: ReadonlyArray<ParticipationKey>
  readonly newParticipations: ReadonlyArray<Participation>
  readonly dues: ReadonlyArray<Dues>
  readonly discipline: ReadonlyArray<Discipline>
  readonly meetings: ReadonlyArray<Meeting>
  /** The day every `end*` takes effect. */
  readonly at: IsoDate | null
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const empty: OrganisationChanges = {
  endOrganisations: [],
  newOrganisations: [],
  members: [],
  endMemberships: [],
  newMemberships: [],
  endParticipations: [],
  newParticipations: [],
  dues: [],
  discipline: [],
  meetings: [],
  at: null
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make = (changes: Partial<OrganisationChanges>): OrganisationChanges => ({ ...empty, ...changes })
