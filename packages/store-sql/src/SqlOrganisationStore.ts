/**
 * The organisation domain on `@effect/sql`: its tables (as migrations) and every query
 * of the organisation, member and meeting repositories, written once against the
 * generic `SqlClient`.
 *
 * - Lists that belong to one row and are only read with it — an organisation's grids
 *   and predecessors, its task, a meeting's attendees and votes — are JSON text in the
 *   row: no query asks by them, so side tables would only add joins.
 * - Reads by many keys run in chunks under the dialect's parameter limit (on
 *   PostgreSQL as one text parameter), merged in the order each method documents.
 * - `close`, `closeMemberships` and `closeParticipations` end rows open or ending later
 *   (an end once recorded earlier stays) and remove rows that begin on or after the
 *   day (same-day corrections).
 * - Driver failures surface as core's `StoreError`, naming the operation.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { MeetingRepository, MemberRepository, OrganisationRepository } from "@jiceng/core"
import { OrganisationStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { lastByKey } from "./internal/batch.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import { fromSqlError } from "./internal/errors.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"
import * as Rows from "./internal/rows.js"

/**
 * The table recording which of the organisation domain's migrations ran.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_organisation"

const organisationTables = ({ bigint, int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  // An organisation has at most one version starting on a given day.
  `CREATE TABLE organisations (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  kind ${text} NOT NULL,
  name ${text} NOT NULL,
  parent_id ${text},
  sector ${text} NOT NULL,
  grids ${text} NOT NULL,
  has_committee ${int} NOT NULL,
  task ${text},
  valid_to ${text},
  change ${text} NOT NULL,
  predecessors ${text} NOT NULL,
  PRIMARY KEY (tenant, id, valid_from)
)${tableOptions}`,
  `CREATE INDEX organisations_parent ON organisations (tenant, parent_id, id, valid_from)`,
  `CREATE TABLE members (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  phone ${text},
  citizen_id ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A member has at most one membership row starting on a given day.
  `CREATE TABLE memberships (
  tenant ${text} NOT NULL,
  member_id ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  standing ${text} NOT NULL,
  valid_to ${text},
  change ${text} NOT NULL,
  PRIMARY KEY (tenant, member_id, valid_from)
)${tableOptions}`,
  `CREATE INDEX memberships_organisation ON memberships (tenant, organisation_id, member_id, valid_from)`,
  `CREATE TABLE participations (
  tenant ${text} NOT NULL,
  member_id ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, member_id, organisation_id, valid_from)
)${tableOptions}`,
  `CREATE INDEX participations_organisation ON participations (tenant, organisation_id, member_id, valid_from)`,
  // One payment per member and month; amounts in fen, 64-bit.
  `CREATE TABLE dues (
  tenant ${text} NOT NULL,
  member_id ${text} NOT NULL,
  month ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  amount_fen ${bigint} NOT NULL,
  paid_on ${text} NOT NULL,
  PRIMARY KEY (tenant, member_id, month)
)${tableOptions}`,
  `CREATE INDEX dues_organisation ON dues (tenant, organisation_id, member_id, month)`,
  // Several measures may be decided on one day, but not the same measure twice.
  `CREATE TABLE discipline (
  tenant ${text} NOT NULL,
  member_id ${text} NOT NULL,
  decided_on ${text} NOT NULL,
  measure ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  PRIMARY KEY (tenant, member_id, decided_on, measure)
)${tableOptions}`,
  `CREATE INDEX discipline_organisation ON discipline (tenant, organisation_id, member_id, decided_on, measure)`,
  `CREATE TABLE meetings (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  kind ${text} NOT NULL,
  date ${text} NOT NULL,
  topic ${text} NOT NULL,
  attendees ${text} NOT NULL,
  votes ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX meetings_organisation ON meetings (tenant, organisation_id, date, id)`,
  `CREATE INDEX meetings_date ON meetings (tenant, date, id)`
]

/**
 * The organisation domain's schema: organisation versions, members, memberships,
 * participations, dues, discipline and meetings. Every key and index leads with the
 * tenant.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_organisations": ddl(organisationTables),
  // 留党察看 lasts one or two years: the day it ends (null for every other measure).
  "0002_discipline_ends_on": ddl(({ text }) => [`ALTER TABLE discipline ADD COLUMN ends_on ${text}`])
}

const { reading } = Repository

const organisationReading = reading("organisations", Rows.organisationValues, Rows.toOrganisation, "id", "valid_from")
const membershipReading = reading("memberships", Rows.membershipValues, Rows.toMembership, "member_id", "valid_from")
const participationReading = reading(
  "participations",
  Rows.participationValues,
  Rows.toParticipation,
  "member_id",
  "organisation_id",
  "valid_from"
)
const duesReading = reading("dues", Rows.duesValues, Rows.toDues, "member_id", "month")
const disciplineReading = reading("discipline", Rows.disciplineValues, Rows.toDiscipline, "member_id", "decided_on", "measure")
const meetingReading = reading("meetings", Rows.meetingValues, Rows.toMeeting, "date", "id")

/**
 * Builds the organisation repositories on the `SqlClient` in context. The client's
 * name transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<OrganisationStore.OrganisationStoreShape, never, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const q = Queries.make(sql)

    const { anyOf, list, write } = Repository.make(sql, q)

    // ------------------------------------------------------------ organisations

    const organisations: OrganisationRepository.OrganisationRepository = {
      insert: (versions) =>
        write("organisations.insert", q.insert("organisations", Rows.organisationValues, versions)),
      close: (tenant, keys, validTo) =>
        write(
          "organisations.close",
          q.close("organisations", tenant, ["id", "valid_from"], keys.map((k) => [k.id, k.validFrom]), validTo)
        ),
      versionsOf: anyOf("organisations.versionsOf", organisationReading, "id"),
      childrenOf: anyOf("organisations.childrenOf", organisationReading, "parent_id"),
      at: (tenant, at) => list("organisations.at", organisationReading)(tenant, q.validAt("", at)),
      history: (tenant) => list("organisations.history", organisationReading)(tenant, sql`1 = 1`)
    }

    // ------------------------------------------------------------------ members

    const memberColumns = sql.literal(Rows.memberValues.map(([column]) => column).join(", "))

    const members: MemberRepository.MemberRepository = {
      put: (input) =>
        write("members.put", q.upsert("members", Rows.memberValues, lastByKey(input, (m) => `${m.tenant}/${m.id}`))),
      getMany: (tenant, ids) =>
        q.byIds<Rows.WorkerRow>("members", memberColumns, tenant, ids).pipe(
          Effect.map((rows) => rows.map(Rows.toMember)),
          Effect.mapError(fromSqlError("members.getMany")),
          Effect.withSpan("SqlStore.members.getMany")
        ),

      addMemberships: (rows) => write("members.addMemberships", q.insert("memberships", Rows.membershipValues, rows)),
      closeMemberships: (tenant, keys, validTo) =>
        write(
          "members.closeMemberships",
          q.close("memberships", tenant, ["member_id", "valid_from"], keys.map((k) => [k.memberId, k.validFrom]), validTo)
        ),
      membershipsOf: anyOf("members.membershipsOf", membershipReading, "member_id"),
      membershipsIn: anyOf("members.membershipsIn", membershipReading, "organisation_id"),
      membershipsAt: (tenant, at) => list("members.membershipsAt", membershipReading)(tenant, q.validAt("", at)),

      addParticipations: (rows) =>
        write("members.addParticipations", q.insert("participations", Rows.participationValues, rows)),
      closeParticipations: (tenant, keys, validTo) =>
        write(
          "members.closeParticipations",
          q.close(
            "participations",
            tenant,
            ["member_id", "organisation_id", "valid_from"],
            keys.map((k) => [k.memberId, k.organisationId, k.validFrom]),
            validTo
          )
        ),
      participationsOf: anyOf("members.participationsOf", participationReading, "member_id"),
      participationsIn: anyOf("members.participationsIn", participationReading, "organisation_id"),
      participationsAt: (tenant, at) =>
        list("members.participationsAt", participationReading)(tenant, q.validAt("", at)),

      addDues: (rows) => write("members.addDues", q.insert("dues", Rows.duesValues, rows)),
      duesOf: anyOf("members.duesOf", duesReading, "member_id"),
      duesIn: anyOf("members.duesIn", duesReading, "organisation_id"),

      addDiscipline: (rows) => write("members.addDiscipline", q.insert("discipline", Rows.disciplineValues, rows)),
      disciplineOf: anyOf("members.disciplineOf", disciplineReading, "member_id"),
      disciplineIn: anyOf("members.disciplineIn", disciplineReading, "organisation_id")
    }

    // ----------------------------------------------------------------- meetings

    const meetings: MeetingRepository.MeetingRepository = {
      add: (input) => write("meetings.add", q.insert("meetings", Rows.meetingValues, input)),
      getMany: anyOf("meetings.getMany", { ...meetingReading, order: ["id"] }, "id"),
      meetingsIn: anyOf("meetings.meetingsIn", meetingReading, "organisation_id"),
      between: (tenant, from, to) =>
        list("meetings.between", meetingReading)(tenant, sql`date >= ${from} AND date < ${to}`)
    }

    return { organisations, members, meetings }
  }
)

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<OrganisationStore.OrganisationStore, never, SqlClient.SqlClient> = Layer.effect(
  OrganisationStore.OrganisationStore,
  make
)
