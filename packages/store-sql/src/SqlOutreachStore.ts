/**
 * The outreach domain on `@effect/sql`: its tables (as migrations) and every query of
 * the liaison, matter, station and group repositories, written once against the generic
 * `SqlClient`.
 *
 * - Tables are named `outreach_*`, apart from every other domain's.
 * - A station's opening hours, facilities and study corner are JSON text in its row.
 * - Fields named by SQL keywords get a unit: a contact's and a use's `on` is `on_day`,
 *   a batch's `from` and `to` are `from_day` and `to_day`.
 * - `put*` writes replace the row of the same key (within one call the last of a key
 *   wins); `add*` writes insert rows whose key must be new: a key that exists, or one
 *   named twice in a call, fails the call and writes none of it.
 * - Driver failures and unreadable rows surface as core's `StoreError`, naming the
 *   operation.
 *
 * @since 0.5.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { GroupRepository, LiaisonRepository, MatterRepository, StationRepository, Tenant } from "@jiceng/core"
import { OutreachStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { lastByKey } from "./internal/batch.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import * as Rows from "./internal/outreachRows.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of the outreach domain's migrations ran.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_outreach"

const liaisonTables = ({ tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE outreach_links (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  leader_id ${text} NOT NULL,
  target_id ${text} NOT NULL,
  target_kind ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX outreach_links_leader ON outreach_links (tenant, leader_id, id)`,
  `CREATE TABLE outreach_contacts (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  link_id ${text} NOT NULL,
  leader_id ${text} NOT NULL,
  target_id ${text} NOT NULL,
  kind ${text} NOT NULL,
  on_day ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX outreach_contacts_link ON outreach_contacts (tenant, link_id, on_day, id)`,
  `CREATE TABLE outreach_problems (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  link_id ${text} NOT NULL,
  raised_on ${text} NOT NULL,
  summary ${text} NOT NULL,
  resolved_on ${text},
  resolution ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`
]

const matterTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE outreach_batches (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  number ${int} NOT NULL,
  name ${text} NOT NULL,
  from_day ${text} NOT NULL,
  to_day ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE outreach_matters (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  batch_id ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  title ${text} NOT NULL,
  state ${text} NOT NULL,
  planned_on ${text} NOT NULL,
  started_on ${text},
  completed_on ${text},
  dropped_on ${text},
  reason ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`
]

const stationTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE outreach_stations (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  kind ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  address ${text} NOT NULL,
  organisation_id ${text},
  hours ${text} NOT NULL,
  facilities ${text} NOT NULL,
  study_corner ${text},
  opened_on ${text} NOT NULL,
  closed_on ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE outreach_uses (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  station_id ${text} NOT NULL,
  on_day ${text} NOT NULL,
  user_kind ${text} NOT NULL,
  count ${int} NOT NULL,
  member_id ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX outreach_uses_day ON outreach_uses (tenant, on_day, id)`,
  `CREATE INDEX outreach_uses_station ON outreach_uses (tenant, station_id, on_day, id)`
]

const groupTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE outreach_groups (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  kind ${text} NOT NULL,
  name ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  workers ${int} NOT NULL,
  formed_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A member belongs to a group once.
  `CREATE TABLE outreach_group_members (
  tenant ${text} NOT NULL,
  group_id ${text} NOT NULL,
  member_id ${text} NOT NULL,
  joined_on ${text} NOT NULL,
  PRIMARY KEY (tenant, group_id, member_id)
)${tableOptions}`
]

/**
 * The outreach domain's schema: links, contacts and problems; batches and matters;
 * stations and uses; groups and their members. Every key and index leads with the
 * tenant.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_outreach": ddl((types) => [...liaisonTables(types), ...matterTables(types), ...stationTables(types), ...groupTables(types)])
}

const { reading } = Repository

const linkReading = reading("outreach_links", Rows.linkValues, Rows.toLink, "id")
const contactReading = reading("outreach_contacts", Rows.contactValues, Rows.toContact, "link_id", "on_day", "id")
const problemReading = reading("outreach_problems", Rows.problemValues, Rows.toProblem, "id")
const batchReading = reading("outreach_batches", Rows.batchValues, Rows.toBatch, "id")
const matterReading = reading("outreach_matters", Rows.matterValues, Rows.toMatter, "id")
const stationReading = reading("outreach_stations", Rows.stationValues, Rows.toStation, "id")
const useReading = reading("outreach_uses", Rows.useValues, Rows.toUse, "on_day", "id")
const groupReading = reading("outreach_groups", Rows.groupValues, Rows.toGroup, "id")
const memberReading = reading("outreach_group_members", Rows.groupMemberValues, Rows.toGroupMember, "group_id", "member_id")

/**
 * Builds the outreach repositories on the `SqlClient` in context. The client's name
 * transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<OutreachStore.OutreachStoreShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const q = Queries.make(sql)
  const { anyOf, list, write } = Repository.make(sql, q)
  const all = sql`1 = 1`

  /** A method inserting rows whose keys must be new. */
  const add = <Row extends object, A>(operation: string, { columns, table }: Repository.Reading<Row, A>) => (rows: ReadonlyArray<A>) =>
    write(operation, q.insert(table, columns, rows))

  /** A method replacing rows by their id (the last of an id in one call wins). */
  const put = <Row extends object, A extends { readonly tenant: string; readonly id: string }>(
    operation: string,
    { columns, table }: Repository.Reading<Row, A>
  ) =>
  (rows: ReadonlyArray<A>) => write(operation, q.upsert(table, columns, lastByKey(rows, (r) => `${r.tenant}/${r.id}`)))

  /** A method listing a tenant's every row, in the table's order. */
  const every = <Row extends object, A>(operation: string, reading: Repository.Reading<Row, A>) => (tenant: Tenant.Tenant) =>
    list(operation, reading)(tenant, all)

  const liaison: LiaisonRepository.LiaisonRepository = {
    putLinks: put("liaison.putLinks", linkReading),
    linksOf: anyOf("liaison.linksOf", linkReading, "id"),
    linksFor: anyOf("liaison.linksFor", linkReading, "leader_id"),
    links: every("liaison.links", linkReading),
    addContacts: add("liaison.addContacts", contactReading),
    contactsOf: anyOf("liaison.contactsOf", { ...contactReading, order: ["id"] }, "id"),
    contactsFor: anyOf("liaison.contactsFor", contactReading, "link_id"),
    contacts: every("liaison.contacts", contactReading),
    putProblems: put("liaison.putProblems", problemReading),
    problemsOf: anyOf("liaison.problemsOf", problemReading, "id"),
    problems: every("liaison.problems", problemReading)
  }

  const matters: MatterRepository.MatterRepository = {
    addBatches: add("matters.addBatches", batchReading),
    batchesOf: anyOf("matters.batchesOf", batchReading, "id"),
    batches: every("matters.batches", batchReading),
    putMatters: put("matters.putMatters", matterReading),
    mattersOf: anyOf("matters.mattersOf", matterReading, "id"),
    matters: every("matters.matters", matterReading)
  }

  const stations: StationRepository.StationRepository = {
    putStations: put("stations.putStations", stationReading),
    stationsOf: anyOf("stations.stationsOf", stationReading, "id"),
    stations: every("stations.stations", stationReading),
    addUses: add("stations.addUses", useReading),
    usesOf: anyOf("stations.usesOf", { ...useReading, order: ["id"] }, "id"),
    usesFor: anyOf("stations.usesFor", { ...useReading, order: ["station_id", "on_day", "id"] }, "station_id"),
    uses: every("stations.uses", useReading)
  }

  const groups: GroupRepository.GroupRepository = {
    putGroups: put("groups.putGroups", groupReading),
    groupsOf: anyOf("groups.groupsOf", groupReading, "id"),
    groups: every("groups.groups", groupReading),
    addMembers: add("groups.addMembers", memberReading),
    membersOf: anyOf("groups.membersOf", memberReading, "group_id"),
    members: every("groups.members", memberReading)
  }

  return { liaison, matters, stations, groups }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<OutreachStore.OutreachStore, never, SqlClient.SqlClient> = Layer.effect(OutreachStore.OutreachStore, make)
