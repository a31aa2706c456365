/**
 * The memory store's organisation domain: organisation versions, members with their
 * memberships, participations, dues and measures, and meetings, in persistent sorted
 * tables per tenant. Each table is keyed as its SQL table is, and each secondary index
 * leads with what the SQL store's index does, so every read is a key range.
 *
 * @since 0.2.0
 */
import { Effect, Either, HashMap, Layer, Option } from "effect"
import { compareStrings } from "../internal/compareStrings.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import * as Table from "../internal/Table.js"
import type { Meeting } from "../organisation/Meeting.js"
import type { Discipline, Dues, Member, Membership, Participation } from "../organisation/Member.js"
import type { Organisation } from "../organisation/Organisation.js"
import { OrganisationStore, type OrganisationStoreShape } from "../organisation/OrganisationStore.js"
import { type IsoDate, within } from "../time/IsoDate.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/** Versions by id then validFrom, and by parent then id then validFrom (top organisations under ""). */
const organisationLayout: Table.Layout<Organisation, "parent"> = {
  primary: (o) => key(o.id, o.validFrom),
  indexes: { parent: (o) => key(o.parentId ?? "", o.id, o.validFrom) }
}

/** Membership rows by member then validFrom, and by organisation then member then validFrom. */
const membershipLayout: Table.Layout<Membership, "organisation"> = {
  primary: (m) => key(m.memberId, m.validFrom),
  indexes: { organisation: (m) => key(m.organisationId, m.memberId, m.validFrom) }
}

/** Participation rows by member, organisation, validFrom, and by organisation first. */
const participationLayout: Table.Layout<Participation, "organisation"> = {
  primary: (p) => key(p.memberId, p.organisationId, p.validFrom),
  indexes: { organisation: (p) => key(p.organisationId, p.memberId, p.validFrom) }
}

/** Dues by member then month, and by organisation then member then month. */
const duesLayout: Table.Layout<Dues, "organisation"> = {
  primary: (d) => key(d.memberId, d.month),
  indexes: { organisation: (d) => key(d.organisationId, d.memberId, d.month) }
}

/** Measures by member, day, measure (at most one of each measure a day), and by organisation first. */
const disciplineLayout: Table.Layout<Discipline, "organisation"> = {
  primary: (d) => key(d.memberId, d.decidedOn, d.measure),
  indexes: { organisation: (d) => key(d.organisationId, d.memberId, d.decidedOn, d.measure) }
}

/** The order of meeting lists: date, then id. */
const byDate = (m: Meeting): string => key(m.date, m.id)

/** Meetings by id, by organisation then date then id, and by date then id. */
const meetingLayout: Table.Layout<Meeting, "organisation" | "date"> = {
  primary: (m) => m.id,
  indexes: { organisation: (m) => key(m.organisationId, byDate(m)), date: byDate }
}

interface TenantState {
  readonly organisations: Table.Table<Organisation, "parent">
  readonly members: HashMap.HashMap<string, Member>
  readonly memberships: Table.Table<Membership, "organisation">
  readonly participations: Table.Table<Participation, "organisation">
  readonly dues: Table.Table<Dues, "organisation">
  readonly discipline: Table.Table<Discipline, "organisation">
  readonly meetings: Table.Table<Meeting, "organisation" | "date">
}

const emptyTenant: TenantState = {
  organisations: Table.empty(organisationLayout),
  members: HashMap.empty(),
  memberships: Table.empty(membershipLayout),
  participations: Table.empty(participationLayout),
  dues: Table.empty(duesLayout),
  discipline: Table.empty(disciplineLayout),
  meetings: Table.empty(meetingLayout)
}

/** One table of a tenant's state: its layout, and how to read and replace it. */
interface Slot<A, I extends string> {
  readonly layout: Table.Layout<A, I>
  readonly get: (s: TenantState) => Table.Table<A, I>
  readonly set: (s: TenantState, table: Table.Table<A, I>) => TenantState
}

const slots = {
  organisations: {
    layout: organisationLayout,
    get: (s) => s.organisations,
    set: (s, organisations) => ({ ...s, organisations })
  } satisfies Slot<Organisation, "parent">,
  memberships: {
    layout: membershipLayout,
    get: (s) => s.memberships,
    set: (s, memberships) => ({ ...s, memberships })
  } satisfies Slot<Membership, "organisation">,
  participations: {
    layout: participationLayout,
    get: (s) => s.participations,
    set: (s, participations) => ({ ...s, participations })
  } satisfies Slot<Participation, "organisation">,
  dues: { layout: duesLayout, get: (s) => s.dues, set: (s, dues) => ({ ...s, dues }) } satisfies Slot<Dues, "organisation">,
  discipline: {
    layout: disciplineLayout,
    get: (s) => s.discipline,
    set: (s, discipline) => ({ ...s, discipline })
  } satisfies Slot<Discipline, "organisation">,
  meetings: {
    layout: meetingLayout,
    get: (s) => s.meetings,
    set: (s, meetings) => ({ ...s, meetings })
  } satisfies Slot<Meeting, "organisation" | "date">
}

const unique = <A extends string>(xs: ReadonlyArray<A>): Array<A> => Array.from(new Set(xs))

const validAt = (at: IsoDate) => (row: { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }): boolean =>
  within(at, row.validFrom, row.validTo)

/** Rows whose key's first part is any of `ids`, in key order (the ids sorted as the keys are). */
const withFirstOf = <A>(index: SortedIndex.SortedIndex<A>, ids: ReadonlyArray<string>): Array<A> =>
  unique(ids).sort(compareStrings).flatMap((id) => SortedIndex.withFirst(index, id))

/** Rows whose index key's first part is any of `ids`, ordered by `order` (code-point order). */
const sortedBy = <A>(rows: Array<A>, order: (row: A) => string): Array<A> =>
  rows.sort((a, b) => compareStrings(order(a), order(b)))

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<OrganisationStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const { modify, modifyRows, read } = tenantCell(transactor, emptyTenant)

  /** Inserts new rows into one table of the state, as a primary key would. */
  const insertInto = <A extends { readonly tenant: string }, I extends string>(
    operation: string,
    slot: Slot<A, I>,
    rows: ReadonlyArray<A>
  ) =>
    modifyRows(rows, (s, mine) =>
      Either.map(Table.insertNew(operation, slot.layout, slot.get(s), mine), (table) => slot.set(s, table)))

  /** Ends rows of one table of the state on a day, by primary key (the same-day contract of `close`). */
  const closeIn = <A extends { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }, I extends string>(
    slot: Slot<A, I>,
    tenant: string,
    keys: ReadonlyArray<string>,
    validTo: IsoDate
  ) => modify(tenant, (s) => slot.set(s, Table.close(slot.layout, slot.get(s), keys, validTo)))

  return {
    organisations: {
      insert: (versions) => insertInto("organisations.insert", slots.organisations, versions),
      close: (tenant, keys, validTo) =>
        closeIn(slots.organisations, tenant, keys.map((k) => key(k.id, k.validFrom)), validTo),
      versionsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.organisations.rows, ids)),
      childrenOf: (tenant, ids) =>
        read(tenant, (s) =>
          sortedBy(
            unique(ids).flatMap((id) => SortedIndex.withFirst(s.organisations.by.parent, id)).filter((o) =>
              o.parentId !== null
            ),
            organisationLayout.primary
          )),
      at: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.organisations.rows).filter(validAt(at))),
      history: (tenant) => read(tenant, (s) => SortedIndex.values(s.organisations.rows))
    },
    members: {
      put: (members) =>
        modifyRows(members, (s, rows) =>
          Either.right({ ...s, members: rows.reduce((m, member) => HashMap.set(m, member.id, member), s.members) })),
      getMany: (tenant, ids) =>
        read(tenant, (s) => sortedBy(unique(ids).flatMap((id) => Option.toArray(HashMap.get(s.members, id))), (m) => m.id)),

      addMemberships: (rows) => insertInto("members.addMemberships", slots.memberships, rows),
      closeMemberships: (tenant, keys, validTo) =>
        closeIn(slots.memberships, tenant, keys.map((k) => key(k.memberId, k.validFrom)), validTo),
      membershipsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.memberships.rows, ids)),
      membershipsIn: (tenant, ids) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.memberships.by.organisation, ids), membershipLayout.primary)),
      membershipsAt: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.memberships.rows).filter(validAt(at))),

      addParticipations: (rows) => insertInto("members.addParticipations", slots.participations, rows),
      closeParticipations: (tenant, keys, validTo) =>
        closeIn(slots.participations, tenant, keys.map((k) => key(k.memberId, k.organisationId, k.validFrom)), validTo),
      participationsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.participations.rows, ids)),
      participationsIn: (tenant, ids) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.participations.by.organisation, ids), participationLayout.primary)),
      participationsAt: (tenant, at) =>
        read(tenant, (s) => SortedIndex.values(s.participations.rows).filter(validAt(at))),

      addDues: (rows) => insertInto("members.addDues", slots.dues, rows),
      duesOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.dues.rows, ids)),
      duesIn: (tenant, ids) => read(tenant, (s) => sortedBy(withFirstOf(s.dues.by.organisation, ids), duesLayout.primary)),

      addDiscipline: (rows) => insertInto("members.addDiscipline", slots.discipline, rows),
      disciplineOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.discipline.rows, ids)),
      disciplineIn: (tenant, ids) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.discipline.by.organisation, ids), disciplineLayout.primary))
    },
    meetings: {
      add: (meetings) => insertInto("meetings.add", slots.meetings, meetings),
      getMany: (tenant, ids) =>
        read(tenant, (s) => sortedBy(unique(ids).flatMap((id) => Option.toArray(Table.get(s.meetings, id))), (m) => m.id)),
      meetingsIn: (tenant, ids) => read(tenant, (s) => sortedBy(withFirstOf(s.meetings.by.organisation, ids), byDate)),
      between: (tenant, from, to) => read(tenant, (s) => SortedIndex.between(s.meetings.by.date, from, to))
    }
  }
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<OrganisationStore, never, MemoryTransactor> = Layer.effect(OrganisationStore, make)
