/**
 * The member-development domain on `@effect/sql`: its tables (as migrations) and every
 * query of the track, workforce and recognition repositories, written once against the
 * generic `SqlClient`.
 *
 * - Tables are named `development_*`, apart from every other domain's (the grid domain
 *   already has `workers`).
 * - An event's evidence, and an extension's length, are JSON text in the event's row
 *   (the fields present, no others; a length is null for a step or a cancellation); a
 *   worker's education is two columns, the degree and whether it is in social work.
 *   Booleans are integers, 1 or 0.
 * - Fields named by SQL keywords get a unit: an event's and a move's `on` is `on_day`, a
 *   session's `from` and `to` are `from_day` and `to_day`.
 * - Every write but `putPlans` and `markSent` inserts rows whose key must be new: a key
 *   that exists, or one named twice in a call, fails the call and writes none of it.
 *   `putPlans` replaces the plan of the same grid and year; within one call the last of
 *   a key wins. `markSent` updates the pending letters of the honours named, in place.
 * - Driver failures and unreadable rows surface as core's `StoreError`, naming the
 *   operation.
 *
 * @since 0.5.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { RecognitionRepository, Tenant, TrackRepository, WorkforceRepository } from "@jiceng/core"
import { DevelopmentStore } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { chunks, lastByKey } from "./internal/batch.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import * as Rows from "./internal/developmentRows.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of the member-development domain's migrations ran.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_development"

const trackTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE development_tracks (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  ladder ${text} NOT NULL,
  person ${text} NOT NULL,
  name ${text} NOT NULL,
  birth_date ${text},
  organisation_id ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX development_tracks_person ON development_tracks (tenant, person, id)`,
  // Append-only: two writers never both append a track's next seq.
  `CREATE TABLE development_events (
  tenant ${text} NOT NULL,
  track_id ${text} NOT NULL,
  seq ${int} NOT NULL,
  kind ${text} NOT NULL,
  step ${text},
  on_day ${text} NOT NULL,
  length ${text},
  reason ${text},
  evidence ${text} NOT NULL,
  late ${int} NOT NULL,
  recorded_by ${text} NOT NULL,
  recorded_on ${text} NOT NULL,
  PRIMARY KEY (tenant, track_id, seq)
)${tableOptions}`
]

const workforceTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE development_workers (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  phone ${text},
  community_code ${text} NOT NULL,
  post ${text} NOT NULL,
  hired_on ${text} NOT NULL,
  education_degree ${text} NOT NULL,
  education_social_work ${int} NOT NULL,
  social_work_since ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // One plan per grid and year: setting it again replaces it.
  `CREATE TABLE development_plans (
  tenant ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  year ${int} NOT NULL,
  planned ${int} NOT NULL,
  PRIMARY KEY (tenant, grid_code, year)
)${tableOptions}`,
  `CREATE TABLE development_sessions (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  title ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  from_day ${text} NOT NULL,
  to_day ${text} NOT NULL,
  hours ${int} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // A worker attends a session once.
  `CREATE TABLE development_attendance (
  tenant ${text} NOT NULL,
  session_id ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  PRIMARY KEY (tenant, session_id, worker_id)
)${tableOptions}`,
  // A worker obtains each level once.
  `CREATE TABLE development_holdings (
  tenant ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  level ${text} NOT NULL,
  obtained_on ${text} NOT NULL,
  certificate ${text},
  route ${text} NOT NULL,
  PRIMARY KEY (tenant, worker_id, level)
)${tableOptions}`,
  `CREATE TABLE development_moves (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  worker_id ${text} NOT NULL,
  kind ${text} NOT NULL,
  on_day ${text} NOT NULL,
  note ${text},
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX development_moves_worker ON development_moves (tenant, worker_id, on_day, id)`
]

const recognitionTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE development_honours (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  kind ${text} NOT NULL,
  member_id ${text},
  organisation_id ${text} NOT NULL,
  stars ${int},
  level ${text},
  criteria ${text} NOT NULL,
  awarded_by ${text} NOT NULL,
  awarded_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  `CREATE INDEX development_honours_awarded ON development_honours (tenant, awarded_on, id)`,
  // One letter per honour.
  `CREATE TABLE development_letters (
  tenant ${text} NOT NULL,
  honour_id ${text} NOT NULL,
  member_id ${text} NOT NULL,
  hometown ${text} NOT NULL,
  address ${text} NOT NULL,
  status ${text} NOT NULL,
  created_on ${text} NOT NULL,
  PRIMARY KEY (tenant, honour_id)
)${tableOptions}`
]

/**
 * The member-development domain's schema: tracks and their events, community workers,
 * recruitment plans, training sessions and attendance, qualifications, career moves,
 * honours and their letters. Every key and index leads with the tenant.
 *
 * @since 0.5.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_development": ddl((types) => [
    ...trackTables(types),
    ...workforceTables(types),
    ...recognitionTables(types)
  ]),
  // The day a letter of good news was sent (SendHonourLetters); null while pending.
  "0002_letter_sent_on": ddl(({ text }) => [`ALTER TABLE development_letters ADD COLUMN sent_on ${text}`])
}

const { reading } = Repository

const trackReading = reading("development_tracks", Rows.trackValues, Rows.toTrack, "id")
const eventReading = reading("development_events", Rows.eventValues, Rows.toEvent, "track_id", "seq")
const workerReading = reading("development_workers", Rows.workerValues, Rows.toWorker, "id")
const planReading = reading("development_plans", Rows.planValues, Rows.toPlan, "grid_code", "year")
const sessionReading = reading("development_sessions", Rows.sessionValues, Rows.toSession, "id")
const attendanceReading = reading(
  "development_attendance",
  Rows.attendanceValues,
  Rows.toAttendance,
  "session_id",
  "worker_id"
)
// Two levels obtained on one day come in the order of their names (assistant, intermediate, senior).
const holdingReading = reading(
  "development_holdings",
  Rows.holdingValues,
  Rows.toHolding,
  "worker_id",
  "obtained_on",
  "level"
)
const moveReading = reading("development_moves", Rows.moveValues, Rows.toMove, "worker_id", "on_day", "id")
const honourReading = reading("development_honours", Rows.honourValues, Rows.toHonour, "awarded_on", "id")
const letterReading = reading("development_letters", Rows.letterValues, Rows.toLetter, "honour_id")

/**
 * Builds the member-development repositories on the `SqlClient` in context. The
 * client's name transforms, if any, are bypassed: the queries name their columns
 * themselves.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<DevelopmentStore.DevelopmentStoreShape, never, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const q = Queries.make(sql)
    const { anyOf, list, write } = Repository.make(sql, q)
    const all = sql`1 = 1`

    /**
     * Tracks read through their (tenant, person, id) index. On SQLite the index is named
     * (`INDEXED BY`): before the table has statistics, its planner answers `ORDER BY id`
     * by scanning all of the tenant's tracks in key order rather than probing the index
     * for each person, even for one.
     */
    const byPerson = sql.onDialectOrElse({
      sqlite: () => ({ ...trackReading, table: `${trackReading.table} INDEXED BY development_tracks_person` }),
      orElse: () => trackReading
    })

    /** A method inserting rows whose keys must be new. */
    const add = <Row extends object, A>(operation: string, { columns, table }: Repository.Reading<Row, A>) =>
    (rows: ReadonlyArray<A>) => write(operation, q.insert(table, columns, rows))

    /** A method listing a tenant's every row, in the table's order. */
    const every = <Row extends object, A>(operation: string, reading: Repository.Reading<Row, A>) =>
    (tenant: Tenant.Tenant) => list(operation, reading)(tenant, all)

    // ------------------------------------------------------------------- tracks

    const tracks: TrackRepository.TrackRepository = {
      addTracks: add("tracks.addTracks", trackReading),
      addEvents: add("tracks.addEvents", eventReading),
      tracksOf: anyOf("tracks.tracksOf", trackReading, "id"),
      tracksFor: anyOf("tracks.tracksFor", byPerson, "person"),
      tracks: every("tracks.tracks", trackReading),
      eventsOf: anyOf("tracks.eventsOf", eventReading, "track_id"),
      events: every("tracks.events", eventReading)
    }

    // ---------------------------------------------------------------- workforce

    const workforce: WorkforceRepository.WorkforceRepository = {
      addWorkers: add("workforce.addWorkers", workerReading),
      workersOf: anyOf("workforce.workersOf", workerReading, "id"),
      workers: every("workforce.workers", workerReading),

      putPlans: (rows) =>
        write(
          "workforce.putPlans",
          q.upsert(
            planReading.table,
            Rows.planValues,
            lastByKey(rows, (p) => `${p.tenant}/${p.gridCode}/${p.year}`),
            ["tenant", "grid_code", "year"]
          )
        ),
      plans: every("workforce.plans", planReading),

      addSessions: add("workforce.addSessions", sessionReading),
      sessionsOf: anyOf("workforce.sessionsOf", sessionReading, "id"),
      sessions: every("workforce.sessions", sessionReading),
      addAttendance: add("workforce.addAttendance", attendanceReading),
      attendance: every("workforce.attendance", attendanceReading),

      addHoldings: add("workforce.addHoldings", holdingReading),
      holdingsOf: anyOf("workforce.holdingsOf", holdingReading, "worker_id"),
      holdings: every("workforce.holdings", holdingReading),

      addMoves: add("workforce.addMoves", moveReading),
      movesOf: anyOf("workforce.movesOf", { ...moveReading, order: ["id"] }, "id"),
      movesFor: anyOf("workforce.movesFor", moveReading, "worker_id"),
      moves: every("workforce.moves", moveReading)
    }

    // -------------------------------------------------------------- recognition

    const recognition: RecognitionRepository.RecognitionRepository = {
      addHonours: add("recognition.addHonours", honourReading),
      honoursOf: anyOf("recognition.honoursOf", { ...honourReading, order: ["id"] }, "id"),
      honours: every("recognition.honours", honourReading),
      addLetters: add("recognition.addLetters", letterReading),
      letters: every("recognition.letters", letterReading),
      lettersOf: anyOf("recognition.lettersOf", letterReading, "honour_id"),
      markSent: (tenant, ids, on) =>
        write(
          "recognition.markSent",
          q.writeAll(chunks(sql, Array.from(new Set(ids)), 1, 3).map((chunk) =>
            sql`UPDATE development_letters SET status = 'sent', sent_on = ${on}
WHERE tenant = ${tenant} AND status = 'pending' AND ${q.keyIn("honour_id", chunk)}`
          ))
        )
    }

    return { tracks, workforce, recognition }
  }
)

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<DevelopmentStore.DevelopmentStore, never, SqlClient.SqlClient> = Layer.effect(
  DevelopmentStore.DevelopmentStore,
  make
)
