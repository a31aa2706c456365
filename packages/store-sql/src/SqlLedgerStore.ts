/**
 * The volunteer ledger on `@effect/sql`: its tables (as migrations) and every query of
 * the registry, entry, points and certificate repositories, written once against the
 * generic `SqlClient`.
 *
 * - Tables are named `ledger_*`. Every key and index leads with the tenant.
 * - Entries are keyed by (tenant, seq), unique by (tenant, key, part), and indexed by
 *   volunteer and start (sessions, a volunteer's entries), by start (period totals) and
 *   by the seq a reversal undoes (only reversals are in that index). The chain head is
 *   a row of `ledger_heads` per tenant.
 * - `append` is the bulk path: it checks the entries against the stored head, writes
 *   them in multi-row INSERTs as large as the dialect's parameter limit allows, and
 *   upserts the head once, all in one savepoint of the tenant's transaction (opened
 *   here when the caller has none), so a refused append writes nothing.
 * - `totals` is one GROUP BY: a month is `substr(starts_at, 1, 7)`, a grid code cut to a
 *   level `substr(grid_code, 1, n)`, a reversal counts −1 session, keys sort with nulls
 *   first on both dialects.
 * - Lists that belong to one row — a volunteer's skills and categories, a certificate's
 *   category times and recording units — are JSON text in the row. Booleans are 0 or 1.
 * - Fields named by SQL keywords get a unit: a consent's or a movement's `on` is
 *   `on_day`, a certificate's `from` and `to` are `from_day` and `to_day`.
 * - Lists by many keys (a batch's keys, volunteers, activities) take the keys as one
 *   parameter on SQLite (`json_each`) as on PostgreSQL, so that the planner probes the
 *   index key by key. A volunteer's sessions overlapping a time are searched from a
 *   week before it: no session lasts longer (`LedgerConfig.longestSessionMinutes`).
 * - Driver failures and unreadable rows surface as core's `StoreError`, naming the
 *   operation.
 *
 * @since 0.4.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as Statement from "@effect/sql/Statement"
import type { EntryRepository, LedgerEntry, RegistryRepository, Tenant } from "@jiceng/core"
import { LedgerConfig, LedgerStore, LocalMinute, Rollup, StoreError, Transactor } from "@jiceng/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { lastByKey } from "./internal/batch.js"
import { type ColumnTypes, ddl } from "./internal/columns.js"
import { fromSqlError } from "./internal/errors.js"
import * as Rows from "./internal/ledgerRows.js"
import * as Queries from "./internal/queries.js"
import * as Repository from "./internal/repository.js"

/**
 * The table recording which of the ledger's migrations ran.
 *
 * @since 0.4.0
 * @category migrations
 */
export const migrationsTable = "jiceng_migrations_ledger"

const registryTables = ({ int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE ledger_volunteers (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  citizen_id ${text},
  phone ${text},
  grid_code ${text} NOT NULL,
  skills ${text} NOT NULL,
  categories ${text} NOT NULL,
  member_id ${text},
  unit_credit_code ${text},
  registered_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`,
  // One person, one registration: the ID numbers a batch registers are looked up.
  `CREATE INDEX ledger_volunteers_citizen ON ledger_volunteers (tenant, citizen_id)`,
  // One record per volunteer and day: a second one that day replaces the first.
  `CREATE TABLE ledger_consents (
  tenant ${text} NOT NULL,
  volunteer_id ${text} NOT NULL,
  on_day ${text} NOT NULL,
  given ${int} NOT NULL,
  PRIMARY KEY (tenant, volunteer_id, on_day)
)${tableOptions}`,
  `CREATE TABLE ledger_activities (
  tenant ${text} NOT NULL,
  id ${text} NOT NULL,
  name ${text} NOT NULL,
  category ${text} NOT NULL,
  programme ${text},
  organiser ${text} NOT NULL,
  person_in_charge ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  service_point ${text} NOT NULL,
  team_id ${text},
  registered_on ${text} NOT NULL,
  PRIMARY KEY (tenant, id)
)${tableOptions}`
]

const entryTables = ({ bigint, int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE ledger_entries (
  tenant ${text} NOT NULL,
  seq ${bigint} NOT NULL,
  key ${text} NOT NULL,
  part ${int} NOT NULL,
  fingerprint ${text} NOT NULL,
  kind ${text} NOT NULL,
  volunteer_id ${text} NOT NULL,
  activity_id ${text} NOT NULL,
  team_id ${text},
  post_id ${text},
  service_point ${text} NOT NULL,
  grid_code ${text} NOT NULL,
  category ${text} NOT NULL,
  programme ${text},
  unit_credit_code ${text},
  starts_at ${text} NOT NULL,
  ends_at ${text} NOT NULL,
  minutes ${int} NOT NULL,
  content ${text} NOT NULL,
  residents_served ${int} NOT NULL,
  matters_done ${int} NOT NULL,
  points ${int} NOT NULL,
  organiser ${text} NOT NULL,
  person_in_charge ${text} NOT NULL,
  recorder ${text} NOT NULL,
  recorded_on ${text} NOT NULL,
  late ${int} NOT NULL,
  reverses ${bigint},
  replaces ${bigint},
  reason ${text},
  requester ${text},
  hash ${text} NOT NULL,
  PRIMARY KEY (tenant, seq)
)${tableOptions}`,
  // An idempotency key's write appends its entries once (rule: the same key returns them).
  `CREATE UNIQUE INDEX ledger_entries_key ON ledger_entries (tenant, key, part)`,
  `CREATE INDEX ledger_entries_volunteer ON ledger_entries (tenant, volunteer_id, starts_at)`,
  `CREATE INDEX ledger_entries_starts ON ledger_entries (tenant, starts_at)`,
  // Only reversals: a session's insert does not touch it.
  `CREATE INDEX ledger_entries_reverses ON ledger_entries (tenant, reverses) WHERE reverses IS NOT NULL`,
  `CREATE TABLE ledger_heads (
  tenant ${text} NOT NULL,
  seq ${bigint} NOT NULL,
  hash ${text} NOT NULL,
  PRIMARY KEY (tenant)
)${tableOptions}`
]

const pointsAndCertificateTables = ({ bigint, int, tableOptions, text }: ColumnTypes): ReadonlyArray<string> => [
  `CREATE TABLE ledger_points (
  tenant ${text} NOT NULL,
  key ${text} NOT NULL,
  fingerprint ${text} NOT NULL,
  volunteer_id ${text} NOT NULL,
  kind ${text} NOT NULL,
  points ${int} NOT NULL,
  on_day ${text} NOT NULL,
  reason ${text} NOT NULL,
  recorder ${text} NOT NULL,
  PRIMARY KEY (tenant, key)
)${tableOptions}`,
  `CREATE INDEX ledger_points_volunteer ON ledger_points (tenant, volunteer_id, on_day, key)`,
  `CREATE TABLE ledger_certificates (
  tenant ${text} NOT NULL,
  key ${text} NOT NULL,
  code ${text} NOT NULL,
  fingerprint ${text} NOT NULL,
  volunteer_id ${text} NOT NULL,
  from_day ${text} NOT NULL,
  to_day ${text} NOT NULL,
  minutes ${bigint} NOT NULL,
  entries ${bigint} NOT NULL,
  activities ${int} NOT NULL,
  categories ${text} NOT NULL,
  recorded_by ${text} NOT NULL,
  issuer ${text} NOT NULL,
  as_of_seq ${bigint} NOT NULL,
  chain_hash ${text} NOT NULL,
  issued_on ${text} NOT NULL,
  issued_by ${text} NOT NULL,
  disclose ${int} NOT NULL,
  holder ${text} NOT NULL,
  PRIMARY KEY (tenant, key)
)${tableOptions}`,
  // A verification code names one certificate.
  `CREATE UNIQUE INDEX ledger_certificates_code ON ledger_certificates (tenant, code)`
]

/**
 * The ledger's schema: volunteers, consents, activities, entries and chain heads,
 * points movements and certificates. Every key and index leads with the tenant.
 *
 * @since 0.4.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_ledger": ddl((types) => [...registryTables(types), ...entryTables(types), ...pointsAndCertificateTables(types)])
}

const { reading } = Repository

const volunteerReading = reading("ledger_volunteers", Rows.volunteerValues, Rows.toVolunteer, "id")
const consentReading = reading("ledger_consents", Rows.consentValues, Rows.toConsent, "volunteer_id", "on_day")
const activityReading = reading("ledger_activities", Rows.activityValues, Rows.toActivity, "id")
const entryReading = reading("ledger_entries", Rows.entryValues, Rows.toEntry, "seq")
const entryColumns = Rows.entryValues.map(([column]) => column).join(", ")
const sessionReading: typeof entryReading = { ...entryReading, order: ["volunteer_id", "starts_at", "seq"] }
const movementReading = reading("ledger_points", Rows.movementValues, Rows.toMovement, "key")
const certificateReading = reading("ledger_certificates", Rows.certificateValues, Rows.toCertificate, "key")

type Entry = LedgerEntry.LedgerEntry

/** Entries by seq. */
const bySeq = (a: Entry, b: Entry): number => a.seq - b.seq

/** The earliest start of a session that may last past `from`. */
const earliestStart = (from: LocalMinute.LocalMinute): LocalMinute.LocalMinute =>
  LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(from) - LedgerConfig.longestSessionMinutes)

/** The value of a column, as text, by the column mapping it is written with. */
const textOf = <A>(columns: Queries.Columns<A>, column: string) => {
  const value = columns.find(([name]) => name === column)![1]
  return (a: A): string => String(value(a, 0))
}

/** The distinct integers of a list, as digits (what `intIn` takes). */
const seqKeys = (seqs: ReadonlyArray<number>): Array<string> =>
  Array.from(new Set(seqs)).filter(Number.isSafeInteger).map(String)

/** A reversal of the entry the outer query reads (the partial index on `reverses`). */
const reversed = `EXISTS (SELECT 1 FROM ledger_entries r WHERE r.tenant = ledger_entries.tenant AND r.reverses = ledger_entries.seq)`

/** The sums of `totals`, each an integer on both dialects (PostgreSQL's SUM is bigint). */
const sums = [
  "CAST(SUM(minutes) AS bigint) AS minutes",
  "CAST(SUM(CASE kind WHEN 'service' THEN 1 ELSE -1 END) AS bigint) AS entries",
  "CAST(SUM(residents_served) AS bigint) AS residents_served",
  "CAST(SUM(matters_done) AS bigint) AS matters_done",
  "CAST(SUM(points) AS bigint) AS points"
].join(", ")

/**
 * Builds the ledger repositories on the `SqlClient` in context; `append` takes the
 * tenant's lock through the `Transactor` (joining the caller's transaction). The client's
 * name transforms, if any, are bypassed: the queries name their columns themselves.
 *
 * @since 0.4.0
 * @category constructors
 */
export const make: Effect.Effect<LedgerStore.LedgerStoreShape, never, SqlClient.SqlClient | Transactor.Transactor> = Effect
  .gen(function*() {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const { transaction } = yield* Transactor.Transactor
    const q = Queries.make(sql)
    const { list, select, write } = Repository.make(sql, q)
    const all = sql`1 = 1`

    /**
     * `column IN (…)` of text keys. On SQLite the keys go as one JSON parameter read by
     * `json_each`: given a list of thousands of parameters (a batch's keys), SQLite's
     * planner scans every entry of the tenant rather than probing the column's index
     * key by key, a read that grows with the ledger; the JSON list it probes through
     * the index. Elsewhere the shared `keyIn` (PostgreSQL: one text parameter).
     */
    const keysIn = (column: string, keys: ReadonlyArray<string>): Statement.Fragment =>
      sql.onDialectOrElse({
        sqlite: () => sql`${sql.literal(column)} IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`,
        orElse: () => q.keyIn(column, keys)
      })

    /** A list by many keys as one repository method: the tenant's rows whose `column` is any of `keys`, in the table's order. */
    const anyOf = <Row extends object, A>(operation: string, reading: Repository.Reading<Row, A>, column: string) =>
    (tenant: Tenant.Tenant, keys: ReadonlyArray<string>) =>
      q.selectIn(
        keys,
        1,
        (chunk) => select(operation, reading, sql`tenant = ${tenant} AND ${keysIn(column, chunk)}`),
        q.byKeys(...reading.order.map((c) => textOf(reading.columns, c)))
      ).pipe(Effect.withSpan(`SqlStore.${operation}`))

    /**
     * The entries read through one index. On SQLite the index is named (`INDEXED BY`):
     * before the entries have statistics — a new database, until a connection closes
     * and runs `PRAGMA optimize` — its planner prefers scanning all of the tenant's
     * entries by key to probing the index for each of a batch's keys.
     */
    const through = (index: string, reading: typeof entryReading = entryReading): typeof entryReading =>
      sql.onDialectOrElse({
        sqlite: () => ({ ...reading, table: `${reading.table} INDEXED BY ${index}` }),
        orElse: () => reading
      })

    /**
     * Entries of a tenant matching `match` of a chunk of keys (and `where`, binding
     * `fixed` parameters besides the tenant), merged in `order` across chunks.
     */
    const entriesIn = (
      operation: string,
      match: (chunk: ReadonlyArray<string>) => Statement.Fragment,
      order: (a: Entry, b: Entry) => number = bySeq,
      ordering: typeof entryReading = entryReading
    ) =>
    (tenant: Tenant.Tenant, keys: ReadonlyArray<string>, where: Statement.Fragment = all, fixed = 0) =>
      q.selectIn(
        keys,
        1 + fixed,
        (chunk) => select(operation, ordering, sql`tenant = ${tenant} AND ${match(chunk)} AND ${where}`),
        order
      ).pipe(Effect.withSpan(`SqlStore.${operation}`))

    // ----------------------------------------------------------------- registry

    const registry: RegistryRepository.RegistryRepository = {
      addVolunteers: (rows) =>
        write("registry.addVolunteers", q.insert(volunteerReading.table, Rows.volunteerValues, rows)),
      volunteersOf: anyOf("registry.volunteersOf", volunteerReading, "id"),
      volunteersWithCitizenIds: anyOf("registry.volunteersWithCitizenIds", volunteerReading, "citizen_id"),
      volunteers: (tenant) => list("registry.volunteers", volunteerReading)(tenant, all),

      putConsents: (rows) =>
        write(
          "registry.putConsents",
          q.upsert(
            consentReading.table,
            Rows.consentValues,
            lastByKey(rows, (c) => `${c.tenant}/${c.volunteerId}/${c.on}`),
            ["tenant", "volunteer_id", "on_day"]
          )
        ),
      consentsOf: anyOf("registry.consentsOf", consentReading, "volunteer_id"),

      addActivities: (rows) =>
        write("registry.addActivities", q.insert(activityReading.table, Rows.activityValues, rows)),
      activitiesOf: anyOf("registry.activitiesOf", activityReading, "id"),
      activities: (tenant) => list("registry.activities", activityReading)(tenant, all)
    }

    // ------------------------------------------------------------------ entries

    const head = (tenant: Tenant.Tenant) =>
      sql<Rows.HeadRow>`SELECT tenant, seq, hash FROM ledger_heads WHERE tenant = ${tenant}`.pipe(
        Effect.map((rows) => (rows.length === 0 ? null : Rows.toHead(rows[0]!)))
      )

    const refused = (why: string) =>
      Effect.fail(new StoreError.StoreError({ operation: "entries.append", message: `entries.append: ${why}` }))

    const append: EntryRepository.EntryRepository["append"] = (tenant, entries) => {
      if (entries.length === 0) return Effect.void
      const last = entries[entries.length - 1]!
      return transaction(
        tenant,
        Effect.gen(function*() {
          const stored = yield* Effect.mapError(head(tenant), fromSqlError("entries.append"))
          const next = (stored?.seq ?? 0) + 1
          for (let i = 0; i < entries.length; i++) {
            const e = entries[i]!
            if (e.tenant !== tenant) return yield* refused("an entry names another tenant")
            if (e.seq !== next + i) return yield* refused(`entry ${e.seq} does not follow the head (${next - 1}) in seq order`)
          }
          // The key's uniqueness is the index's to check: a duplicate fails the statement,
          // and the savepoint of `writeAll` takes back the statements before it.
          yield* write(
            "entries.append",
            q.writeAll([
              ...q.bulkInserts(entryReading.table, Rows.entryValues, Rows.entryTypes, entries),
              ...q.inserts("ledger_heads", Rows.headValues, [{ tenant, seq: last.seq, hash: last.hash }], `
ON CONFLICT (tenant) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`)
            ])
          )
        })
      ).pipe(Effect.withSpan("SqlStore.entries.append"))
    }

    /**
     * The entries of a batch's keys. PostgreSQL probes them one key at a time through
     * the (tenant, key, part) index, in a LATERAL subquery it may not flatten (OFFSET 0):
     * given `key = ANY(…)` of tens of thousands of keys, its planner scans every entry of
     * the tenant — with statistics or without — a read that grows with the ledger (at a
     * million entries 0.2–0.4 s a batch of 50,000 keys, against 0.08–0.18 s probed).
     */
    const byKey = sql.onDialectOrElse({
      pg: () => (tenant: Tenant.Tenant, keys: ReadonlyArray<string>) =>
        q.selectIn(
          keys,
          1,
          (chunk) =>
            sql<Rows.EntryRow>`SELECT ${sql.literal(Rows.entryValues.map(([column]) => `e.${column}`).join(", "))}
FROM unnest(CAST(${chunk} AS text[])) AS probe(key)
CROSS JOIN LATERAL (SELECT ${sql.literal(entryColumns)} FROM ledger_entries
  WHERE tenant = ${tenant} AND ledger_entries.key = probe.key OFFSET 0) AS e
ORDER BY e.seq`.pipe(Effect.map((rows) => rows.map(Rows.toEntry)), Effect.mapError(fromSqlError("entries.byKeys"))),
          bySeq
        ).pipe(Effect.withSpan("SqlStore.entries.byKeys")),
      orElse: () => entriesIn("entries.byKeys", (chunk) => keysIn("key", chunk), bySeq, through("ledger_entries_key"))
    })
    const atSeqs = entriesIn("entries.bySeqs", (chunk) => q.intIn("seq", chunk))
    const reversalsOf = entriesIn("entries.reversalsOf", (chunk) => q.intIn("reverses", chunk))
    const sessionsOf = entriesIn(
      "entries.sessions",
      (chunk) => keysIn("volunteer_id", chunk),
      (a, b) => q.byKeys<Entry>((e) => e.volunteerId, (e) => e.startsAt)(a, b) || a.seq - b.seq,
      through("ledger_entries_volunteer", sessionReading)
    )
    const ofVolunteers = entriesIn(
      "entries.ofVolunteers",
      (chunk) => keysIn("volunteer_id", chunk),
      bySeq,
      through("ledger_entries_volunteer")
    )

    const entries: EntryRepository.EntryRepository = {
      head: (tenant) =>
        head(tenant).pipe(Effect.mapError(fromSqlError("entries.head")), Effect.withSpan("SqlStore.entries.head")),
      append,
      byKeys: (tenant, keys) => byKey(tenant, keys),
      bySeqs: (tenant, seqs) => atSeqs(tenant, seqKeys(seqs)),
      reversalsOf: (tenant, seqs) => reversalsOf(tenant, seqKeys(seqs)),
      // No session lasts longer than LedgerConfig.longestSessionMinutes: its start is
      // searched from that long before `from`, a range of the volunteer index.
      sessions: (tenant, volunteers, from, to) =>
        sessionsOf(
          tenant,
          volunteers,
          sql`kind = 'service' AND starts_at >= ${earliestStart(from)} AND starts_at < ${to} AND ends_at > ${from} AND NOT ${
            sql.literal(reversed)
          }`,
          3
        ),
      // Seqs run without gaps in a sound ledger: a page is first read as the range of the
      // next `limit` seqs, which no planner reads by sorting the rest of the tenant's
      // entries (PostgreSQL without statistics did, for every page: `verify` of a million
      // entries took 49 s); only a short page reads on past a gap, for what it lacks.
      page: (tenant, afterSeq, limit) => {
        const n = Number.isNaN(limit) ? 0 : Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER
        if (n <= 0) return Effect.succeed([])
        const rest = (after: number, count: number) =>
          select("entries.page", entryReading, sql`tenant = ${tenant} AND seq > ${after}`, count)
        const end = afterSeq + n
        if (!Number.isSafeInteger(end)) return rest(afterSeq, n).pipe(Effect.withSpan("SqlStore.entries.page"))
        return select("entries.page", entryReading, sql`tenant = ${tenant} AND seq > ${afterSeq} AND seq <= ${end}`).pipe(
          Effect.flatMap((range) =>
            range.length === n ? Effect.succeed(range) : Effect.map(rest(end, n - range.length), (more) => [...range, ...more])
          ),
          Effect.withSpan("SqlStore.entries.page")
        )
      },
      ofVolunteers: (tenant, volunteers, from, to) =>
        ofVolunteers(
          tenant,
          volunteers,
          sql.and([
            ...(from === null ? [] : [sql`starts_at >= ${from}`]),
            ...(to === null ? [] : [sql`starts_at < ${Rollup.endOf(to)}`])
          ]),
          (from === null ? 0 : 1) + (to === null ? 0 : 1)
        ),
      totals: (tenant, query) => {
        if (!Rollup.validGridCodeLength(query.gridCodeLength)) {
          return Effect.fail(
            new StoreError.StoreError({
              operation: "entries.totals",
              message: `entries.totals: gridCodeLength ${query.gridCodeLength} is not a positive whole number`
            })
          )
        }
        const keys = query.by.map((d) => Rows.dimensionColumn(d, query.gridCodeLength))
        const columns = [...keys.map((column, i) => `${column} AS k${i}`), sums].join(", ")
        const groups = keys.length === 0
          ? ""
          : `\nGROUP BY ${keys.join(", ")}\nORDER BY ${keys.map((_, i) => `k${i} NULLS FIRST`).join(", ")}`
        return sql<Rows.TotalsRow>`SELECT ${sql.literal(columns)}
FROM ledger_entries
WHERE tenant = ${tenant} AND starts_at >= ${query.from} AND starts_at < ${Rollup.endOf(query.to)}${
          query.asOfSeq === undefined ? sql.literal("") : sql` AND seq <= ${query.asOfSeq}`
        }${sql.literal(groups)}`.pipe(
          Effect.map((rows) => rows.map(Rows.toTotals(keys.length))),
          Effect.mapError(fromSqlError("entries.totals")),
          Effect.withSpan("SqlStore.entries.totals")
        )
      }
    }

    // --------------------------------------------------- points, certificates

    const points: LedgerStore.LedgerStoreShape["points"] = {
      addMovements: (rows) => write("points.addMovements", q.insert(movementReading.table, Rows.movementValues, rows)),
      movementsByKeys: anyOf("points.movementsByKeys", movementReading, "key"),
      movementsOf: anyOf(
        "points.movementsOf",
        { ...movementReading, order: ["volunteer_id", "on_day", "key"] },
        "volunteer_id"
      )
    }

    const certificates: LedgerStore.LedgerStoreShape["certificates"] = {
      addCertificates: (rows) =>
        write("certificates.addCertificates", q.insert(certificateReading.table, Rows.certificateValues, rows)),
      certificatesByKeys: anyOf("certificates.certificatesByKeys", certificateReading, "key"),
      certificatesOf: anyOf("certificates.certificatesOf", { ...certificateReading, order: ["code"] }, "code")
    }

    return { registry, entries, points, certificates }
  })

/**
 * @since 0.4.0
 * @category layers
 */
export const layer: Layer.Layer<LedgerStore.LedgerStore, never, SqlClient.SqlClient | Transactor.Transactor> = Layer
  .effect(LedgerStore.LedgerStore, make)
