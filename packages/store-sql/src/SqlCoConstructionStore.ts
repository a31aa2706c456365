/**
 * The co-construction domain on `@effect/sql`: its tables (as migrations) and every
 * query of the enrolment, agreement, volunteer and joint meeting repositories, written
 * once against the generic `SqlClient`.
 *
 * - Tables are named `coconstruction_*`, apart from every other domain's (the
 *   organisation domain already has `meetings`).
 * - Lists that belong to one row and are only read with it — a member's or a need's
 *   skills, an agreement's commitments, a meeting's units — are JSON text in the row. A
 *   project's allocations are too, in the order given, and are also rows of their own
 *   (`coconstruction_project_allocations`, written in the same statement batch), which
 *   capacity checks read by need or by resource.
 * - Fields named by SQL keywords get a unit: a progress report's `on` is `on_day`, a
 *   term's `from` and `to` are `from_day` and `to_day`.
 * - `closeUnits`, `closeMembers` and `closeClaims` end rows open or ending later (an
 *   end once recorded earlier stays) and remove rows that begin on or after the day
 *   (same-day corrections). `putProgress` and `putTasks` replace the row of the same
 *   key; within one call the last of a key wins.
 * - Driver failures and unreadable rows surface as core's `StoreError`, naming the
 *   operation.
 *
 * @since 0.3.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { AgreementRepository, EnrolmentRepository, JointMeetingRepository, VolunteerRepository } from "@jiceng/core"
import { CoConstructionStore, Project } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { lastByKey } from "./internal/batch.js"
import * as Rows from "./internal/coconstructionRows.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of the co-construction domain's migrations ran.
 *
 * @since 0.3.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_coconstruction"

const enrolmentTables = ({ tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  // A unit (or a member) has at most one enrolment row starting on a given day.
  `CREATE TABLE coconstruction_unit_enrolments (
  tenant ${text} NOT NULL,
  credit_code ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  name ${text} NOT NULL,
  street_code ${text} NOT NULL,
  valid_to ${text},
  change ${text} NOT NULL,
  PRIMARY KEY (tenant, credit_code, valid_from)
)${tableOptions}`,
  `CREATE TABLE coconstruction_member_enrolments (
  tenant ${text} NOT NULL,
  member_id ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  community_code ${text} NOT NULL,
  unit_credit_code ${text},
  home_organisation ${text},
  skills ${text} NOT NULL,
  interest ${text},
  valid_to ${text},
  change ${text} NOT NULL,
  PRIMARY KEY (tenant, member_id, valid_from)
)${tableOptions}`
]

const agreementTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE coconstruction_agreements (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  unit_credit_code ${text} NOT NULL,
  unit_organisation ${text} NOT NULL,
  from_day ${text} NOT NULL,
  to_day ${text} NOT NULL,
  commitments ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE coconstruction_needs (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  category ${text} NOT NULL,
  title ${text} NOT NULL,
  quantity ${int} NOT NULL,
  priority ${int} NOT NULL,
  skills ${text} NOT NULL,
  listed_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE coconstruction_resources (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  unit_credit_code ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  category ${text} NOT NULL,
  title ${text} NOT NULL,
  capacity ${int} NOT NULL,
  skills ${text} NOT NULL,
  listed_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE coconstruction_projects (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  agreement_id ${text} NOT NULL,
  title ${text} NOT NULL,
  weight ${int} NOT NULL,
  allocations ${text} NOT NULL,
  from_day ${text} NOT NULL,
  to_day ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A project pairs a need and a resource once (rule project.allocation-once).
  `CREATE TABLE coconstruction_project_allocations (
  tenant ${text} NOT NULL,
  project_id ${text} NOT NULL,
  need_id ${text} NOT NULL,
  resource_id ${text} NOT NULL,
  units ${int} NOT NULL,
  PRIMARY KEY (tenant, project_id, need_id, resource_id)
)${tableOptions}`,
  `CREATE INDEX coconstruction_project_allocations_need
  ON coconstruction_project_allocations (tenant, need_id, project_id, resource_id)`,
  `CREATE INDEX coconstruction_project_allocations_resource
  ON coconstruction_project_allocations (tenant, resource_id, project_id, need_id)`,
  // One report per project and day: a second one that day replaces the first.
  `CREATE TABLE coconstruction_project_progress (
  tenant ${text} NOT NULL,
  project_id ${text} NOT NULL,
  on_day ${text} NOT NULL,
  percent ${int} NOT NULL,
  PRIMARY KEY (tenant, project_id, on_day)
)${tableOptions}`
]

const volunteerTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE coconstruction_volunteer_teams (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE TABLE coconstruction_volunteer_posts (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  team_id ${text} NOT NULL,
  title ${text} NOT NULL,
  category ${text} NOT NULL,
  skills ${text} NOT NULL,
  capacity ${int} NOT NULL,
  opened_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX coconstruction_volunteer_posts_team ON coconstruction_volunteer_posts (tenant, team_id, id)`,
  // A member has at most one claim on a post starting on a given day.
  `CREATE TABLE coconstruction_volunteer_claims (
  tenant ${text} NOT NULL,
  post_id ${text} NOT NULL,
  member_id ${text} NOT NULL,
  valid_from ${text} NOT NULL,
  valid_to ${text},
  PRIMARY KEY (tenant, post_id, member_id, valid_from)
)${tableOptions}`,
  `CREATE INDEX coconstruction_volunteer_claims_member
  ON coconstruction_volunteer_claims (tenant, member_id, post_id, valid_from)`
]

const jointMeetingTables = ({ tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE coconstruction_joint_meetings (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  street_code ${text} NOT NULL,
  date ${text} NOT NULL,
  topic ${text} NOT NULL,
  units ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX coconstruction_joint_meetings_date ON coconstruction_joint_meetings (tenant, date, id)`,
  `CREATE TABLE coconstruction_joint_meeting_tasks (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  meeting_id ${text} NOT NULL,
  text ${text} NOT NULL,
  unit_credit_code ${text},
  due ${text} NOT NULL,
  completed_on ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX coconstruction_joint_meeting_tasks_meeting
  ON coconstruction_joint_meeting_tasks (tenant, meeting_id, id)`
]

/**
 * The co-construction domain's schema: unit and member enrolments, agreements, needs,
 * resources, projects with their allocations and progress, volunteer teams, posts and
 * claims, joint meetings and their tasks. Every key and index leads with the tenant.
 *
 * @since 0.3.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_coconstruction": ddl((types) => [
    ...enrolmentTables(types),
    ...agreementTables(types),
    ...volunteerTables(types),
    ...jointMeetingTables(types)
  ])
}

const { reading } = Repository

const unitReading = reading(
  "coconstruction_unit_enrolments",
  Rows.unitEnrolmentValues,
  Rows.toUnitEnrolment,
  "credit_code",
  "valid_from"
)
const memberReading = reading(
  "coconstruction_member_enrolments",
  Rows.memberEnrolmentValues,
  Rows.toMemberEnrolment,
  "member_id",
  "valid_from"
)
const agreementReading = reading("coconstruction_agreements", Rows.agreementValues, Rows.toAgreement, "id")
const needReading = reading("coconstruction_needs", Rows.needValues, Rows.toNeed, "id")
const resourceReading = reading("coconstruction_resources", Rows.resourceValues, Rows.toResource, "id")
const projectReading = reading("coconstruction_projects", Rows.projectValues, Rows.toProject, "id")
const allocationReading = reading("coconstruction_project_allocations", Rows.allocationValues, Rows.toAllocation)
const progressReading = reading(
  "coconstruction_project_progress",
  Rows.progressValues,
  Rows.toProgress,
  "project_id",
  "on_day"
)
const teamReading = reading("coconstruction_volunteer_teams", Rows.teamValues, Rows.toTeam, "id")
const postReading = reading("coconstruction_volunteer_posts", Rows.postValues, Rows.toPost, "id")
const claimReading = reading(
  "coconstruction_volunteer_claims",
  Rows.claimValues,
  Rows.toClaim,
  "post_id",
  "member_id",
  "valid_from"
)
const jointMeetingReading = reading(
  "coconstruction_joint_meetings",
  Rows.jointMeetingValues,
  Rows.toJointMeeting,
  "date",
  "id"
)
const taskReading = reading("coconstruction_joint_meeting_tasks", Rows.taskValues, Rows.toTask, "meeting_id", "id")

/** A table's reading in another order than its own, for a method that lists it so. */
const ordered = <Row extends object, A>(
  base: Repository.Reading<Row, A>,
  ...order: ReadonlyArray<string>
): Repository.Reading<Row, A> => ({ ...base, order })

/**
 * Builds the co-construction repositories on the `SqlClient` in context. The client's
 * name transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<CoConstructionStore.CoConstructionStoreShape, never, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const q = Queries.make(sql)
    const { anyOf, list, write } = Repository.make(sql, q)
    const all = sql`1 = 1`

    // --------------------------------------------------------------- enrolments

    const enrolments: EnrolmentRepository.EnrolmentRepository = {
      addUnits: (rows) =>
        write("enrolments.addUnits", q.insert(unitReading.table, Rows.unitEnrolmentValues, rows)),
      closeUnits: (tenant, keys, validTo) =>
        write(
          "enrolments.closeUnits",
          q.close(
            unitReading.table,
            tenant,
            ["credit_code", "valid_from"],
            keys.map((k) => [k.creditCode, k.validFrom]),
            validTo
          )
        ),
      unitsOf: anyOf("enrolments.unitsOf", unitReading, "credit_code"),
      unitsAt: (tenant, at) => list("enrolments.unitsAt", unitReading)(tenant, q.validAt("", at)),

      addMembers: (rows) =>
        write("enrolments.addMembers", q.insert(memberReading.table, Rows.memberEnrolmentValues, rows)),
      closeMembers: (tenant, keys, validTo) =>
        write(
          "enrolments.closeMembers",
          q.close(
            memberReading.table,
            tenant,
            ["member_id", "valid_from"],
            keys.map((k) => [k.memberId, k.validFrom]),
            validTo
          )
        ),
      membersOf: anyOf("enrolments.membersOf", memberReading, "member_id"),
      membersAt: (tenant, at) => list("enrolments.membersAt", memberReading)(tenant, q.validAt("", at))
    }

    // --------------------------------------------------------------- agreements

    const agreements: AgreementRepository.AgreementRepository = {
      addAgreements: (rows) =>
        write("agreements.addAgreements", q.insert(agreementReading.table, Rows.agreementValues, rows)),
      agreementsOf: anyOf("agreements.agreementsOf", agreementReading, "id"),
      agreements: (tenant) => list("agreements.agreements", agreementReading)(tenant, all),

      addNeeds: (rows) => write("agreements.addNeeds", q.insert(needReading.table, Rows.needValues, rows)),
      needsOf: anyOf("agreements.needsOf", needReading, "id"),
      needs: (tenant) => list("agreements.needs", needReading)(tenant, all),

      addResources: (rows) =>
        write("agreements.addResources", q.insert(resourceReading.table, Rows.resourceValues, rows)),
      resourcesOf: anyOf("agreements.resourcesOf", resourceReading, "id"),
      resources: (tenant) => list("agreements.resources", resourceReading)(tenant, all),

      // A project and its allocation rows are written together or not at all.
      addProjects: (rows) =>
        write(
          "agreements.addProjects",
          q.writeAll([
            ...q.inserts(projectReading.table, Rows.projectValues, rows),
            ...q.inserts(allocationReading.table, Rows.allocationValues, rows.flatMap(Project.allocationRows))
          ])
        ),
      projectsOf: anyOf("agreements.projectsOf", projectReading, "id"),
      projects: (tenant) => list("agreements.projects", projectReading)(tenant, all),
      allocationsTo: anyOf(
        "agreements.allocationsTo",
        ordered(allocationReading, "need_id", "project_id", "resource_id"),
        "need_id"
      ),
      allocationsFrom: anyOf(
        "agreements.allocationsFrom",
        ordered(allocationReading, "resource_id", "project_id", "need_id"),
        "resource_id"
      ),

      putProgress: (rows) =>
        write(
          "agreements.putProgress",
          q.upsert(
            progressReading.table,
            Rows.progressValues,
            lastByKey(rows, (p) => `${p.tenant}/${p.projectId}/${p.on}`),
            ["tenant", "project_id", "on_day"]
          )
        ),
      progressOf: anyOf("agreements.progressOf", progressReading, "project_id"),
      progress: (tenant) => list("agreements.progress", progressReading)(tenant, all)
    }

    // --------------------------------------------------------------- volunteers

    const volunteers: VolunteerRepository.VolunteerRepository = {
      addTeams: (rows) => write("volunteers.addTeams", q.insert(teamReading.table, Rows.teamValues, rows)),
      teamsOf: anyOf("volunteers.teamsOf", teamReading, "id"),
      teamsAt: (tenant, at) => list("volunteers.teamsAt", teamReading)(tenant, q.validAt("", at)),

      addPosts: (rows) => write("volunteers.addPosts", q.insert(postReading.table, Rows.postValues, rows)),
      postsOf: anyOf("volunteers.postsOf", postReading, "id"),
      posts: (tenant) => list("volunteers.posts", postReading)(tenant, all),

      addClaims: (rows) => write("volunteers.addClaims", q.insert(claimReading.table, Rows.claimValues, rows)),
      closeClaims: (tenant, keys, validTo) =>
        write(
          "volunteers.closeClaims",
          q.close(
            claimReading.table,
            tenant,
            ["post_id", "member_id", "valid_from"],
            keys.map((k) => [k.postId, k.memberId, k.validFrom]),
            validTo
          )
        ),
      claimsOn: anyOf("volunteers.claimsOn", claimReading, "post_id"),
      claimsOf: anyOf("volunteers.claimsOf", ordered(claimReading, "member_id", "post_id", "valid_from"), "member_id"),
      claimsAt: (tenant, at) => list("volunteers.claimsAt", claimReading)(tenant, q.validAt("", at))
    }

    // ----------------------------------------------------------- joint meetings

    const jointMeetings: JointMeetingRepository.JointMeetingRepository = {
      add: (rows) =>
        write("jointMeetings.add", q.insert(jointMeetingReading.table, Rows.jointMeetingValues, rows)),
      getMany: anyOf("jointMeetings.getMany", ordered(jointMeetingReading, "id"), "id"),
      between: (tenant, from, to) =>
        list("jointMeetings.between", jointMeetingReading)(tenant, sql`date >= ${from} AND date < ${to}`),

      putTasks: (rows) =>
        write(
          "jointMeetings.putTasks",
          q.upsert(taskReading.table, Rows.taskValues, lastByKey(rows, (t) => `${t.tenant}/${t.id}`))
        ),
      tasksOf: anyOf("jointMeetings.tasksOf", ordered(taskReading, "id"), "id"),
      tasksIn: anyOf("jointMeetings.tasksIn", taskReading, "meeting_id")
    }

    return { enrolments, agreements, volunteers, jointMeetings }
  }
)

/**
 * @since 0.3.0
 * @category layers
 */
export const layer: Layer.Layer<CoConstructionStore.CoConstructionStore, never, SqlClient.SqlClient> = Layer.effect(
  CoConstructionStore.CoConstructionStore,
  make
)
