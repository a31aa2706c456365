/**
 * A batch's workspace: the organisation store as the batch sees it, held in memory over
 * the real store inside the batch's transaction (see the grid domain's workspace, which
 * this one follows).
 *
 * The batch path runs the very same decisions and writes as the single-command path,
 * against this store. Point reads (an organisation's versions or children, a member's
 * memberships, participations, dues and measures, an organisation's memberships,
 * participations, dues, measures and meetings, meetings by id, and the grid versions a
 * `FormOrganisation` checks) are answered from memory, loaded from the real store once
 * per key, most of them for the whole batch up front (`prefetch`). Writes change the
 * workspace only; `flush` writes their net effect to the real store with the port's
 * multi-row writes, and the batch's audit entries with one `appendAll`. The reads of a
 * whole day or period (`at`, `history`, `membershipsAt`, `participationsAt`, `between`),
 * which no decision makes, flush first and ask the real store.
 *
 * Its point reads and writes act when called, not when run, and come back settled (an
 * `Exit`) when nothing had to be loaded, so the batch path can drive the decisions
 * synchronously (`drive`).
 *
 * @internal
 */
import { Effect, Option } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import type { NewAuditEntry } from "../../audit/AuditEntry.js"
import type { AuditLogShape } from "../../audit/AuditLog.js"
import type { StoreError } from "../../errors/StoreError.js"
import type { Grid } from "../../grid/Grid.js"
import type { GridRepository } from "../../grid/GridRepository.js"
import type { Meeting, MeetingId } from "../../organisation/Meeting.js"
import type { MeetingRepository } from "../../organisation/MeetingRepository.js"
import type { Discipline, Dues, Member, MemberId, Membership, Participation } from "../../organisation/Member.js"
import type { MemberRepository } from "../../organisation/MemberRepository.js"
import type { Organisation, OrganisationId } from "../../organisation/Organisation.js"
import type { OrganisationCommand } from "../../organisation/OrganisationCommand.js"
import type { OrganisationRepository } from "../../organisation/OrganisationRepository.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import { compareStrings } from "../compareStrings.js"
import { Overlay } from "../Overlay.js"
import {
  appendWrites,
  byString,
  byValidFrom,
  closeRows,
  identityWrites,
  insertNew,
  pair,
  read,
  whenLoaded,
  triple,
  versionedWrites,
  writer
} from "../workspaceKit.js"

type Ids = ReadonlyArray<string> | ReadonlySet<string>

/** @internal */
export interface Workspace {
  /** The organisation store as the batch sees it. */
  readonly store: OrganisationStoreShape
  /** The grid versions a decision reads (the batch writes no grid). */
  readonly grids: { readonly grids: Pick<GridRepository, "versionsOf"> }
  /** Loads, in a few queries, what the commands' decisions will read. */
  readonly prefetch: (commands: ReadonlyArray<OrganisationCommand>) => Effect.Effect<void, StoreError>
  /** Records an audit entry, appended with the batch's others at the next flush. */
  readonly audit: (entry: NewAuditEntry) => void
  /** Writes everything pending to the real store and the audit log. */
  readonly flush: Effect.Effect<void, StoreError>
  /** Starts writing what is pending while the batch goes on deciding. */
  readonly writeBehind: Effect.Effect<void, StoreError>
  /** Stops writes in flight (the batch failed). */
  readonly abandon: Effect.Effect<void>
}

const unique = (xs: Iterable<string>): Array<string> => Array.from(new Set(xs))
const sorted = (xs: Iterable<string>): Array<string> => unique(xs).sort(compareStrings)

const organisationOrder = byString<Organisation>((o) => o.id, (o) => o.validFrom)
const membershipOrder = byString<Membership>((m) => m.memberId, (m) => m.validFrom)
const participationOrder = byString<Participation>((p) => p.memberId, (p) => p.organisationId, (p) => p.validFrom)
const duesOrder = byString<Dues>((d) => d.memberId, (d) => d.month)
const disciplineOrder = byString<Discipline>((d) => d.memberId, (d) => d.decidedOn, (d) => d.measure)
const meetingOrder = byString<Meeting>((m) => m.date, (m) => m.id)

/** @internal */
export const make = (
  base: OrganisationStoreShape,
  gridRepository: Pick<GridRepository, "versionsOf">,
  auditLog: AuditLogShape,
  tenant: Tenant
): Workspace => {
  const organisations = new Overlay<Organisation, "id" | "parent">({
    key: (o) => pair(o.id, o.validFrom),
    indexes: { id: (o) => [o.id], parent: (o) => (o.parentId === null ? [] : [o.parentId]) }
  })
  const members = new Overlay<Member, "key">({ key: (m) => m.id, indexes: {} })
  const memberships = new Overlay<Membership, "member" | "organisation">({
    key: (m) => pair(m.memberId, m.validFrom),
    indexes: { member: (m) => [m.memberId], organisation: (m) => [m.organisationId] }
  })
  const participations = new Overlay<Participation, "member" | "organisation">({
    key: (p) => triple(p.memberId, p.organisationId, p.validFrom),
    indexes: { member: (p) => [p.memberId], organisation: (p) => [p.organisationId] }
  })
  const dues = new Overlay<Dues, "member" | "organisation">({
    key: (d) => pair(d.memberId, d.month),
    indexes: { member: (d) => [d.memberId], organisation: (d) => [d.organisationId] }
  })
  const discipline = new Overlay<Discipline, "member" | "organisation">({
    key: (d) => triple(d.memberId, d.decidedOn, d.measure),
    indexes: { member: (d) => [d.memberId], organisation: (d) => [d.organisationId] }
  })
  const meetings = new Overlay<Meeting, "organisation">({
    key: (m) => m.id,
    indexes: { organisation: (m) => [m.organisationId] }
  })
  /** Grid versions, read only. */
  const grids = new Overlay<Grid, "code">({ key: (g) => g.id, indexes: { code: (g) => [g.code] } })
  let pendingAudit: Array<NewAuditEntry> = []
  // Everything pending, taken as the store's writes when a flush or a write-behind starts.
  const { abandon, ensure, flush, writeBehind } = writer(() => detach())

  const asOrganisations = (ids: ReadonlyArray<string>) => ids as ReadonlyArray<OrganisationId>
  const asMembers = (ids: ReadonlyArray<string>) => ids as ReadonlyArray<MemberId>

  const ensureVersions = (ids: Ids) => ensure(organisations, "id", ids, (m) => base.organisations.versionsOf(tenant, asOrganisations(m)))
  const ensureChildren = (ids: Ids) =>
    ensure(organisations, "parent", ids, (m) => base.organisations.childrenOf(tenant, asOrganisations(m)))
  const ensureMembers = (ids: Ids) => ensure(members, "key", ids, (m) => base.members.getMany(tenant, asMembers(m)))
  const ensureMembershipsOf = (ids: Ids) =>
    ensure(memberships, "member", ids, (m) => base.members.membershipsOf(tenant, asMembers(m)))
  const ensureMembershipsIn = (ids: Ids) =>
    ensure(memberships, "organisation", ids, (m) => base.members.membershipsIn(tenant, asOrganisations(m)))
  const ensureParticipationsOf = (ids: Ids) =>
    ensure(participations, "member", ids, (m) => base.members.participationsOf(tenant, asMembers(m)))
  const ensureParticipationsIn = (ids: Ids) =>
    ensure(participations, "organisation", ids, (m) => base.members.participationsIn(tenant, asOrganisations(m)))
  const ensureDuesOf = (ids: Ids) => ensure(dues, "member", ids, (m) => base.members.duesOf(tenant, asMembers(m)))
  const ensureDuesIn = (ids: Ids) => ensure(dues, "organisation", ids, (m) => base.members.duesIn(tenant, asOrganisations(m)))
  const ensureDisciplineOf = (ids: Ids) => ensure(discipline, "member", ids, (m) => base.members.disciplineOf(tenant, asMembers(m)))
  const ensureDisciplineIn = (ids: Ids) =>
    ensure(discipline, "organisation", ids, (m) => base.members.disciplineIn(tenant, asOrganisations(m)))
  const ensureMeetings = (ids: Ids) => ensure(meetings, "key", ids, (m) => base.meetings.getMany(tenant, m as ReadonlyArray<MeetingId>))
  const ensureMeetingsIn = (ids: Ids) => ensure(meetings, "organisation", ids, (m) => base.meetings.meetingsIn(tenant, asOrganisations(m)))
  const ensureGrids = (codes: Ids) => ensure(grids, "code", codes, (m) => gridRepository.versionsOf(tenant, m))

  /** The rows under any of an index's values, each once, in the store's order. */
  const findAll = <A, I extends string>(overlay: Overlay<A, I>, index: I, values: ReadonlyArray<string>, order: (a: A, b: A) => number) => {
    if (values.length === 1) return overlay.find(index, values[0]!).sort(order)
    const found = new Map<string, A>()
    for (const value of values) for (const row of overlay.find(index, value)) found.set(overlay.layout.key(row), row)
    return Array.from(found.values()).sort(order)
  }

  /** Rows by key, for the keys that exist, in the store's order. */
  const getAll = <A, I extends string>(overlay: Overlay<A, I>, keys: ReadonlyArray<string>, order: (a: A, b: A) => number) =>
    unique(keys).flatMap((key) => Option.toArray(Option.fromNullable(overlay.get(key)))).sort(order)

  // A question about a whole day or period goes to the store, after everything pending is written.
  const flushed = <Args extends ReadonlyArray<unknown>, A>(f: (...args: Args) => Effect.Effect<A, StoreError>) =>
  (...args: Args): Effect.Effect<A, StoreError> => Effect.zipRight(flush, Effect.suspend(() => f(...args)))

  const organisationRepository: OrganisationRepository = {
    insert: (rows) => whenLoaded(ensureVersions(rows.map((o) => o.id)), () => insertNew("organisations.insert", organisations, rows)),
    close: (_tenant, keys, validTo) =>
      read(ensureVersions(keys.map((k) => k.id)), () => closeRows(organisations, keys.map((k) => pair(k.id, k.validFrom)), validTo)),
    versionsOf: (_tenant, ids) => read(ensureVersions(ids), () => findAll(organisations, "id", ids, organisationOrder)),
    childrenOf: (_tenant, ids) => read(ensureChildren(ids), () => findAll(organisations, "parent", ids, organisationOrder)),
    at: flushed(base.organisations.at),
    history: flushed(base.organisations.history)
  }

  const memberRepository: MemberRepository = {
    put: (rows) => {
      for (const m of rows) members.put(m)
      return Effect.void
    },
    getMany: (_tenant, ids) => read(ensureMembers(ids), () => getAll(members, ids, byString((m) => m.id))),

    addMemberships: (rows) =>
      whenLoaded(ensureMembershipsOf(rows.map((m) => m.memberId)), () => insertNew("members.addMemberships", memberships, rows)),
    closeMemberships: (_tenant, keys, validTo) =>
      read(
        ensureMembershipsOf(keys.map((k) => k.memberId)),
        () => closeRows(memberships, keys.map((k) => pair(k.memberId, k.validFrom)), validTo)
      ),
    membershipsOf: (_tenant, ids) => read(ensureMembershipsOf(ids), () => findAll(memberships, "member", ids, membershipOrder)),
    membershipsIn: (_tenant, ids) => read(ensureMembershipsIn(ids), () => findAll(memberships, "organisation", ids, membershipOrder)),
    membershipsAt: flushed(base.members.membershipsAt),

    addParticipations: (rows) =>
      whenLoaded(
        ensureParticipationsOf(rows.map((p) => p.memberId)),
        () => insertNew("members.addParticipations", participations, rows)
      ),
    closeParticipations: (_tenant, keys, validTo) =>
      read(
        ensureParticipationsOf(keys.map((k) => k.memberId)),
        () => closeRows(participations, keys.map((k) => triple(k.memberId, k.organisationId, k.validFrom)), validTo)
      ),
    participationsOf: (_tenant, ids) =>
      read(ensureParticipationsOf(ids), () => findAll(participations, "member", ids, participationOrder)),
    participationsIn: (_tenant, ids) =>
      read(ensureParticipationsIn(ids), () => findAll(participations, "organisation", ids, participationOrder)),
    participationsAt: flushed(base.members.participationsAt),

    addDues: (rows) => whenLoaded(ensureDuesOf(rows.map((d) => d.memberId)), () => insertNew("members.addDues", dues, rows)),
    duesOf: (_tenant, ids) => read(ensureDuesOf(ids), () => findAll(dues, "member", ids, duesOrder)),
    duesIn: (_tenant, ids) => read(ensureDuesIn(ids), () => findAll(dues, "organisation", ids, duesOrder)),

    addDiscipline: (rows) =>
      whenLoaded(ensureDisciplineOf(rows.map((d) => d.memberId)), () => insertNew("members.addDiscipline", discipline, rows)),
    disciplineOf: (_tenant, ids) => read(ensureDisciplineOf(ids), () => findAll(discipline, "member", ids, disciplineOrder)),
    disciplineIn: (_tenant, ids) => read(ensureDisciplineIn(ids), () => findAll(discipline, "organisation", ids, disciplineOrder))
  }

  const meetingRepository: MeetingRepository = {
    add: (rows) => whenLoaded(ensureMeetings(rows.map((m) => m.id)), () => insertNew("meetings.add", meetings, rows)),
    getMany: (_tenant, ids) => read(ensureMeetings(ids), () => getAll(meetings, ids, byString((m) => m.id))),
    meetingsIn: (_tenant, ids) => read(ensureMeetingsIn(ids), () => findAll(meetings, "organisation", ids, meetingOrder)),
    between: flushed(base.meetings.between)
  }

  const gridVersions: Pick<GridRepository, "versionsOf"> = {
    versionsOf: (_tenant, codes) =>
      read(ensureGrids(codes), () => sorted(codes).flatMap((code) => grids.find("code", code).sort(byValidFrom)))
  }

  /**
   * Everything pending, taken now as the store's writes (in table order, the audit entries
   * last), the workspace settled: what runs later writes exactly this.
   */
  const detach = (): Effect.Effect<void, StoreError> => {
    const entries = pendingAudit
    pendingAudit = []
    const writes = [
      ...versionedWrites(
        organisations,
        (o) => ({ id: o.id, validFrom: o.validFrom }),
        (keys, day) => base.organisations.close(tenant, keys, day),
        base.organisations.insert
      ),
      ...identityWrites(members, base.members.put),
      ...versionedWrites(
        memberships,
        (m) => ({ memberId: m.memberId, validFrom: m.validFrom }),
        (keys, day) => base.members.closeMemberships(tenant, keys, day),
        base.members.addMemberships
      ),
      ...versionedWrites(
        participations,
        (p) => ({ memberId: p.memberId, organisationId: p.organisationId, validFrom: p.validFrom }),
        (keys, day) => base.members.closeParticipations(tenant, keys, day),
        base.members.addParticipations
      ),
      ...appendWrites(dues, base.members.addDues),
      ...appendWrites(discipline, base.members.addDiscipline),
      ...appendWrites(meetings, base.meetings.add),
      ...(entries.length === 0 ? [] : [Effect.asVoid(auditLog.appendAll(entries))])
    ]
    for (const overlay of [organisations, members, memberships, participations, dues, discipline, meetings]) overlay.settle()
    return Effect.all(writes, { discard: true })
  }

  const prefetch = (commands: ReadonlyArray<OrganisationCommand>) =>
    Effect.gen(function*() {
      const organisationIds = new Set<string>()
      const codes = new Set<string>()
      /** Members whose memberships are read, and those whose homes are too. */
      const memberIds = new Set<string>()
      const homed = new Set<string>()
      const participants = new Set<string>()
      const records = new Set<string>()
      const meetingIds = new Set<string>()
      /** Organisations whose rolls a meeting reads, and whose meetings a committee or member change reads. */
      const rolls = new Set<string>()
      const held = new Set<string>()
      for (const command of commands) {
        switch (command._tag) {
          case "FormOrganisation":
            organisationIds.add(command.id)
            if (command.parentId !== null) organisationIds.add(command.parentId)
            for (const code of command.grids) codes.add(code)
            break
          case "RenameOrganisation":
          case "DissolveOrganisation":
            organisationIds.add(command.id)
            break
          case "SetCommittee":
            organisationIds.add(command.id)
            held.add(command.id)
            break
          case "MergeOrganisations":
            for (const id of command.ids) organisationIds.add(id)
            organisationIds.add(command.into.id)
            break
          case "AdmitMember":
          case "ArriveMember":
            organisationIds.add(command.organisationId)
            memberIds.add(command.memberId)
            held.add(command.organisationId)
            break
          case "TransferMember":
            organisationIds.add(command.organisationId)
            memberIds.add(command.memberId)
            homed.add(command.memberId)
            records.add(command.memberId)
            held.add(command.organisationId)
            break
          case "DepartMember":
            memberIds.add(command.memberId)
            homed.add(command.memberId)
            participants.add(command.memberId)
            records.add(command.memberId)
            break
          case "ConvertMember":
            memberIds.add(command.memberId)
            homed.add(command.memberId)
            break
          case "JoinTemporary":
          case "LeaveTemporary":
            organisationIds.add(command.organisationId)
            memberIds.add(command.memberId)
            participants.add(command.memberId)
            held.add(command.organisationId)
            break
          case "RecordDues":
            organisationIds.add(command.organisationId)
            memberIds.add(command.memberId)
            records.add(command.memberId)
            break
          case "RecordDiscipline":
            organisationIds.add(command.organisationId)
            memberIds.add(command.memberId)
            participants.add(command.memberId)
            records.add(command.memberId)
            held.add(command.organisationId)
            break
          case "RecordMeeting":
            organisationIds.add(command.organisationId)
            meetingIds.add(command.id)
            rolls.add(command.organisationId)
            for (const id of command.attendees) memberIds.add(id)
            break
        }
      }
      yield* ensureMembershipsOf(memberIds)
      // The branches a member leaves or is in: their scope is checked.
      for (const id of homed) for (const m of memberships.find("member", id)) organisationIds.add(m.organisationId)
      yield* ensureVersions(organisationIds)
      yield* ensureGrids(codes)
      yield* ensureParticipationsOf(participants)
      // The meetings of the rolls a member change touches: the member's branches and
      // temporary branches (a meeting recorded from the day on fixes them).
      for (const id of homed) for (const m of memberships.find("member", id)) held.add(m.organisationId)
      for (const id of participants) for (const p of participations.find("member", id)) held.add(p.organisationId)
      yield* ensureDuesOf(records)
      yield* ensureDisciplineOf(records)
      yield* ensureMeetings(meetingIds)
      yield* ensureMembershipsIn(rolls)
      yield* ensureParticipationsIn(rolls)
      yield* ensureMeetingsIn(held)
    })

  return {
    store: { organisations: organisationRepository, members: memberRepository, meetings: meetingRepository },
    grids: { grids: gridVersions },
    prefetch,
    audit: (entry) => void pendingAudit.push(entry),
    flush,
    writeBehind,
    abandon
  }
}
