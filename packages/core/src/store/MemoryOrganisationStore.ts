/**
 * The memory store's organisation domain: organisation versions, members with their
 * memberships, participations, dues and measures, and meetings, in persistent sorted
 * tables per tenant. Each table is keyed as its SQL table is, and each secondary index
 * leads with what the SQL store's index does, so every read is a key range.
 *
 * @since 0.2.0
 */
import { Effect, Either, HashMap, Layer, Option } from "effect"
import {
  emptyTables,
  getMany,
  sortedBy,
  type Tables,
  tableWrites,
  unique,
  validAt,
  withFirstOf
} from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import type * as Table from "../internal/Table.js"
import type { Meeting } from "../organisation/Meeting.js"
import type { Discipline, Dues, Member, Membership, Participation } from "../organisation/Member.js"
import type { Organisation } from "../organisation/Organisation.js"
import { OrganisationStore, type OrganisationStoreShape } from "../organisation/OrganisationStore.js"
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

/** A tenant's tables, by name. */
const layouts = {
  organisations: organisationLayout,
  memberships: membershipLayout,
  participations: participationLayout,
  dues: duesLayout,
  discipline: disciplineLayout,
  meetings: meetingLayout
}

interface TenantState extends Tables<typeof layouts> {
  readonly members: HashMap.HashMap<string, Member>
}

const emptyTenant: TenantState = { ...emptyTables(layouts), members: HashMap.empty() }

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<OrganisationStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = tenantCell(transactor, emptyTenant)
  const { modifyRows, read } = cell
  const { close, insert } = tableWrites(layouts, cell)

  return {
    organisations: {
      insert: (versions) => insert("organisations.insert", "organisations", versions),
      close: (tenant, keys, validTo) =>
        close("organisations", tenant, keys.map((k) => key(k.id, k.validFrom)), validTo),
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

      addMemberships: (rows) => insert("members.addMemberships", "memberships", rows),
      closeMemberships: (tenant, keys, validTo) =>
        close("memberships", tenant, keys.map((k) => key(k.memberId, k.validFrom)), validTo),
      membershipsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.memberships.rows, ids)),
      membershipsIn: (tenant, ids) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.memberships.by.organisation, ids), membershipLayout.primary)),
      membershipsAt: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.memberships.rows).filter(validAt(at))),

      addParticipations: (rows) => insert("members.addParticipations", "participations", rows),
      closeParticipations: (tenant, keys, validTo) =>
        close("participations", tenant, keys.map((k) => key(k.memberId, k.organisationId, k.validFrom)), validTo),
      participationsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.participations.rows, ids)),
      participationsIn: (tenant, ids) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.participations.by.organisation, ids), participationLayout.primary)),
      participationsAt: (tenant, at) =>
        read(tenant, (s) => SortedIndex.values(s.participations.rows).filter(validAt(at))),

      addDues: (rows) => insert("members.addDues", "dues", rows),
      duesOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.dues.rows, ids)),
      duesIn: (tenant, ids) => read(tenant, (s) => sortedBy(withFirstOf(s.dues.by.organisation, ids), duesLayout.primary)),

      addDiscipline: (rows) => insert("members.addDiscipline", "discipline", rows),
      disciplineOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.discipline.rows, ids)),
      disciplineIn: (tenant, ids) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.discipline.by.organisation, ids), disciplineLayout.primary))
    },
    meetings: {
      add: (meetings) => insert("meetings.add", "meetings", meetings),
      getMany: (tenant, ids) => read(tenant, (s) => getMany(s.meetings, ids)),
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
