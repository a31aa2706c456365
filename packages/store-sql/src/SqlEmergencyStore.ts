/**
 * The emergency domain on `@effect/sql`: its tables (as migrations) and every query of
 * the activation and vanguard repositories, written once against the generic
 * `SqlClient`.
 *
 * - Tables are named `emergency_*`.
 * - An activation's communities, and a team's compounds and members, are JSON text in
 *   their row.
 * - `putActivations` replaces the activation of the same id (within one call the last
 *   of an id wins); every other write inserts rows whose key must be new: a key that
 *   exists, or one named twice in a call, fails the call and writes none of it.
 * - Driver failures and unreadable rows surface as core's `StoreError`, naming the
 *   operation.
 *
 * @since 0.5.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { ActivationRepository, VanguardRepository } from "@jiceng/core"
import { EmergencyStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { lastByKey } from "./internal/batch.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import * as Rows from "./internal/emergencyRows.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of the emergency domain's migrations ran.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_emergency"

const tables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE emergency_activations (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  task ${text} NOT NULL,
  communities ${text} NOT NULL,
  activated_on ${text} NOT NULL,
  deactivated_on ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A person is on an activation's roster once.
  `CREATE TABLE emergency_roster (
  tenant ${text} NOT NULL,
  activation_id ${text} NOT NULL,
  kind ${text} NOT NULL,
  person_id ${text} NOT NULL,
  community_code ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  compound_code ${text},
  branch_id ${text},
  standing ${text},
  PRIMARY KEY (tenant, activation_id, kind, person_id)
)${tableOptions}`,
  `CREATE TABLE emergency_branches (
  tenant ${text} NOT NULL,
  activation_id ${text} NOT NULL,
  organisation_id ${text} NOT NULL,
  community_code ${text} NOT NULL,
  compound_code ${text},
  members ${int} NOT NULL,
  full_members ${int} NOT NULL,
  PRIMARY KEY (tenant, activation_id, organisation_id)
)${tableOptions}`,
  `CREATE TABLE emergency_teams (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  activation_id ${text} NOT NULL,
  name ${text} NOT NULL,
  former_kind ${text} NOT NULL,
  formed_by ${text} NOT NULL,
  compounds ${text} NOT NULL,
  staff ${int} NOT NULL,
  members ${text} NOT NULL,
  formed_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX emergency_teams_activation ON emergency_teams (tenant, activation_id, id)`
]

/**
 * The emergency domain's schema: activations, their rosters and branches, and vanguard
 * teams. Every key and index leads with the tenant.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_emergency": ddl((types) => tables(types))
}

const { reading } = Repository

const activationReading = reading("emergency_activations", Rows.activationValues, Rows.toActivation, "id")
const rosterReading = reading("emergency_roster", Rows.enlistmentValues, Rows.toEnlistment, "activation_id", "kind", "person_id")
const branchReading = reading("emergency_branches", Rows.branchValues, Rows.toBranch, "activation_id", "organisation_id")
const teamReading = reading("emergency_teams", Rows.teamValues, Rows.toTeam, "activation_id", "id")

/**
 * Builds the emergency repositories on the `SqlClient` in context. The client's name
 * transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<EmergencyStore.EmergencyStoreShape, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const q = Queries.make(sql)
  const { anyOf, list, write } = Repository.make(sql, q)

  /** A method inserting rows whose keys must be new. */
  const add = <Row extends object, A>(operation: string, { columns, table }: Repository.Reading<Row, A>) => (rows: ReadonlyArray<A>) =>
    write(operation, q.insert(table, columns, rows))

  const activations: ActivationRepository.ActivationRepository = {
    putActivations: (rows) =>
      write(
        "activations.putActivations",
        q.upsert(activationReading.table, Rows.activationValues, lastByKey(rows, (a) => `${a.tenant}/${a.id}`))
      ),
    activationsOf: anyOf("activations.activationsOf", activationReading, "id"),
    activations: (tenant) => list("activations.activations", activationReading)(tenant, sql`1 = 1`),
    addRoster: add("activations.addRoster", rosterReading),
    rosterOf: anyOf("activations.rosterOf", rosterReading, "activation_id"),
    addBranches: add("activations.addBranches", branchReading),
    branchesOf: anyOf("activations.branchesOf", branchReading, "activation_id")
  }

  const vanguard: VanguardRepository.VanguardRepository = {
    addTeams: add("vanguard.addTeams", teamReading),
    teamsOf: anyOf("vanguard.teamsOf", { ...teamReading, order: ["id"] }, "id"),
    teamsIn: anyOf("vanguard.teamsIn", teamReading, "activation_id")
  }

  return { activations, vanguard }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<EmergencyStore.EmergencyStore, never, SqlClient.SqlClient> = Layer.effect(EmergencyStore.EmergencyStore, make)
