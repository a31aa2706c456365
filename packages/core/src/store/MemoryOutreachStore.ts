/**
 * The memory store's outreach domain: links, contacts and problems; batches and
 * matters; stations and their uses; groups and their members — in persistent sorted
 * tables per tenant, each keyed as its SQL table is, each secondary index leading with
 * what the SQL store's index does.
 *
 * @since 0.5.0
 */
import { Effect, Layer } from "effect"
import { emptyTables, getMany, sortedBy, type Tables, tableWrites, withFirstOf } from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import type * as Table from "../internal/Table.js"
import type { Contact, Link, Problem } from "../outreach/Liaison.js"
import type { Group, GroupMember } from "../outreach/NewEmployment.js"
import { OutreachStore, type OutreachStoreShape } from "../outreach/OutreachStore.js"
import type { Batch, Matter } from "../outreach/PracticalMatter.js"
import type { Station, Use } from "../outreach/Station.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/** Rows whose primary key is their id. */
const byId = <A extends { readonly id: string }>(): Table.Layout<A, never> => ({ primary: (row) => row.id, indexes: {} })

/**
 * Links by id and by leader then id; contacts by id and by link, day, id; uses by id,
 * by day then id, and by station, day, id; members by group then member; every other row by its id.
 */
const layouts = {
  links: { primary: (l) => l.id, indexes: { leader: (l) => key(l.leaderId, l.id) } } satisfies Table.Layout<Link, "leader">,
  contacts: { primary: (c) => c.id, indexes: { link: (c) => key(c.linkId, c.on, c.id) } } satisfies Table.Layout<Contact, "link">,
  problems: byId<Problem>(),
  batches: byId<Batch>(),
  matters: byId<Matter>(),
  stations: byId<Station>(),
  uses: {
    primary: (u) => u.id,
    indexes: { day: (u) => key(u.on, u.id), station: (u) => key(u.stationId, u.on, u.id) }
  } satisfies Table.Layout<Use, "day" | "station">,
  groups: byId<Group>(),
  members: { primary: (m) => key(m.groupId, m.memberId), indexes: {} } satisfies Table.Layout<GroupMember, never>
}

type TenantState = Tables<typeof layouts>

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<OutreachStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = tenantCell<TenantState>(transactor, emptyTables(layouts))
  const { read } = cell
  const { insert, put } = tableWrites(layouts, cell)

  return {
    liaison: {
      putLinks: (rows) => put("links", rows),
      linksOf: (tenant, ids) => read(tenant, (s) => getMany(s.links, ids)),
      linksFor: (tenant, leaders) =>
        read(tenant, (s) => sortedBy(withFirstOf(s.links.by.leader, leaders), (l) => l.id)),
      links: (tenant) => read(tenant, (s) => SortedIndex.values(s.links.rows)),
      addContacts: (rows) => insert("liaison.addContacts", "contacts", rows),
      contactsOf: (tenant, ids) => read(tenant, (s) => getMany(s.contacts, ids)),
      contactsFor: (tenant, links) => read(tenant, (s) => withFirstOf(s.contacts.by.link, links)),
      contacts: (tenant) => read(tenant, (s) => SortedIndex.values(s.contacts.by.link)),
      putProblems: (rows) => put("problems", rows),
      problemsOf: (tenant, ids) => read(tenant, (s) => getMany(s.problems, ids)),
      problems: (tenant) => read(tenant, (s) => SortedIndex.values(s.problems.rows))
    },
    matters: {
      addBatches: (rows) => insert("matters.addBatches", "batches", rows),
      batchesOf: (tenant, ids) => read(tenant, (s) => getMany(s.batches, ids)),
      batches: (tenant) => read(tenant, (s) => SortedIndex.values(s.batches.rows)),
      putMatters: (rows) => put("matters", rows),
      mattersOf: (tenant, ids) => read(tenant, (s) => getMany(s.matters, ids)),
      matters: (tenant) => read(tenant, (s) => SortedIndex.values(s.matters.rows))
    },
    stations: {
      putStations: (rows) => put("stations", rows),
      stationsOf: (tenant, ids) => read(tenant, (s) => getMany(s.stations, ids)),
      stations: (tenant) => read(tenant, (s) => SortedIndex.values(s.stations.rows)),
      addUses: (rows) => insert("stations.addUses", "uses", rows),
      usesOf: (tenant, ids) => read(tenant, (s) => getMany(s.uses, ids)),
      usesFor: (tenant, ids) => read(tenant, (s) => withFirstOf(s.uses.by.station, ids)),
      uses: (tenant) => read(tenant, (s) => SortedIndex.values(s.uses.by.day))
    },
    groups: {
      putGroups: (rows) => put("groups", rows),
      groupsOf: (tenant, ids) => read(tenant, (s) => getMany(s.groups, ids)),
      groups: (tenant) => read(tenant, (s) => SortedIndex.values(s.groups.rows)),
      addMembers: (rows) => insert("groups.addMembers", "members", rows),
      membersOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.members.rows, ids)),
      members: (tenant) => read(tenant, (s) => SortedIndex.values(s.members.rows))
    }
  }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<OutreachStore, never, MemoryTransactor> = Layer.effect(OutreachStore, make)
