/**
 * The raw side of the ledger's ingest: the entries the service wrote — the same rows,
 * every column as stored, the hash included — inserted by hand with the driver into an
 * empty database of the same schema (the Store's migrations: the same tables, keys and
 * indexes), with the same durability settings, in one transaction, and the chain's head
 * stored once at the end. The rows are read back from the service's database a page at
 * a time; only the inserts (with making their parameters) and the commit are timed.
 *
 * - SQLite (better-sqlite3): prepared multi-row INSERTs of 1,023 rows (32 columns each,
 *   within the 32,766 bound parameters);
 * - PostgreSQL (`pg`): `shape` `unnest` — `INSERT … SELECT * FROM unnest($1::text[], …)`,
 *   one array a column, a page (8,184 rows) a statement, the shape the store uses — or
 *   `values`: named (prepared) multi-row INSERTs of 2,047 rows (65,504 parameters).
 *
 * @since 0.4.0
 */
import Database from "better-sqlite3"
import type { RawTask } from "./LedgerPhases.js"
import { memory, type Memory } from "./Memory.js"
import * as Postgres from "./Postgres.js"
import { cpuSince, insertText, openSqlite } from "./RawSql.js"
import * as Stores from "./Stores.js"

/**
 * The columns of `ledger_entries`, in the order the rows are read and written.
 *
 * @since 0.4.0
 */
export const columns = [
  "tenant",
  "seq",
  "key",
  "part",
  "fingerprint",
  "kind",
  "volunteer_id",
  "activity_id",
  "team_id",
  "post_id",
  "service_point",
  "grid_code",
  "category",
  "programme",
  "unit_credit_code",
  "starts_at",
  "ends_at",
  "minutes",
  "content",
  "residents_served",
  "matters_done",
  "points",
  "organiser",
  "person_in_charge",
  "recorder",
  "recorded_on",
  "late",
  "reverses",
  "replaces",
  "reason",
  "requester",
  "hash"
] as const

/** PostgreSQL types of the columns that are not text (for unnest's arrays). */
const pgTypes: Readonly<Record<string, string>> = {
  seq: "bigint",
  part: "integer",
  minutes: "integer",
  residents_served: "integer",
  matters_done: "integer",
  points: "integer",
  late: "integer",
  reverses: "bigint",
  replaces: "bigint"
}

const SEQ = columns.indexOf("seq")
const HASH = columns.indexOf("hash")

/**
 * Rows per INSERT: SQLite's 32,766 bound parameters over 32 columns; PostgreSQL's 65,535.
 *
 * @since 0.4.0
 */
export const rowsPerStatement = { sqlite: Math.floor(32_766 / columns.length), pg: Math.floor(65_535 / columns.length) }

/** Rows read from the service's database at a time: whole statements of SQLite's size. */
const PAGE = 8 * rowsPerStatement.sqlite

/**
 * PostgreSQL's insert: one statement a page of arrays, or multi-row VALUES.
 *
 * @since 0.4.0
 * @category models
 */
export type PgShape = "unnest" | "values"

/**
 * What the raw side measured and found.
 *
 * @since 0.4.0
 * @category models
 */
export interface Result {
  /** The inserts and the commit. */
  readonly ms: number
  readonly cpuMs: number
  readonly rows: number
  /** How the rows went in, in words. */
  readonly statement: string
  /** Entries of the tenant on each side afterwards. */
  readonly count: { readonly service: number; readonly raw: number }
  /** The first and the last entry, read back from both sides with the same driver, alike? */
  readonly samples: { readonly alike: boolean; readonly difference: string | null }
  readonly memory: Memory
}

const selectPage = `SELECT ${columns.join(", ")} FROM ledger_entries WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?`
const countSql = "SELECT count(*) AS n FROM ledger_entries WHERE tenant = ?"
const edgesSql = `SELECT ${columns.join(", ")} FROM ledger_entries
WHERE tenant = ? AND seq IN (SELECT min(seq) FROM ledger_entries WHERE tenant = ? UNION SELECT max(seq) FROM ledger_entries WHERE tenant = ?)
ORDER BY seq`
const headSql = `INSERT INTO ledger_heads (tenant, seq, hash) VALUES (?, ?, ?)
ON CONFLICT (tenant) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`

const compareSamples = (service: ReadonlyArray<unknown>, raw: ReadonlyArray<unknown>): Result["samples"] => {
  const a = JSON.stringify(service)
  const b = JSON.stringify(raw)
  return a === b ? { alike: true, difference: null } : { alike: false, difference: `service ${a.slice(0, 400)}; raw ${b.slice(0, 400)}` }
}

/** Refuses a table whose columns are not the ones written here (the Store's schema changed). */
const checkColumns = (found: ReadonlyArray<string>): void => {
  if (found.length !== columns.length || columns.some((c) => !found.includes(c))) {
    throw new Error(`ledger_entries has the columns ${found.join(", ")}; the raw side writes ${columns.join(", ")}`)
  }
}

const sqlite = (task: RawTask & { readonly source: { readonly kind: "sqlite" }; readonly backend: { readonly kind: "sqlite" } }): Result => {
  const source = new Database(task.source.file, { readonly: true })
  const db = openSqlite(task.backend.file)
  try {
    checkColumns(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('ledger_entries')").all().map((r) => r.name))
    const page = source.prepare<[string, number, number], Array<unknown>>(selectPage).raw(true)
    const statements = new Map<number, Database.Statement<Array<unknown>>>()
    const statement = (rows: number) => {
      let s = statements.get(rows)
      if (s === undefined) statements.set(rows, s = db.prepare(insertText("ledger_entries", columns, rows, () => "?")))
      return s
    }
    const width = columns.length
    let ms = 0
    let cpuMs = 0
    let rows = 0
    let last: Array<unknown> | undefined
    const timed = (work: () => void) => {
      const cpu = process.cpuUsage()
      const t = performance.now()
      work()
      ms += performance.now() - t
      cpuMs += cpuSince(cpu)
    }
    timed(() => db.exec("BEGIN IMMEDIATE"))
    try {
      for (;;) {
        const got = page.all(task.tenant, (last?.[SEQ] as number | undefined) ?? 0, PAGE)
        if (got.length === 0) break
        timed(() => {
          for (let at = 0; at < got.length; at += rowsPerStatement.sqlite) {
            const n = Math.min(rowsPerStatement.sqlite, got.length - at)
            const params: Array<unknown> = new Array(n * width)
            let i = 0
            for (let r = at; r < at + n; r++) {
              const row = got[r]!
              for (let c = 0; c < width; c++) params[i++] = row[c]
            }
            statement(n).run(params)
          }
        })
        rows += got.length
        last = got[got.length - 1]
      }
      timed(() => {
        if (last !== undefined) db.prepare(headSql).run(task.tenant, last[SEQ], last[HASH])
        db.exec("COMMIT")
      })
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK")
      throw error
    }
    const count = (d: Database.Database) => d.prepare<[string], { n: number }>(countSql).get(task.tenant)?.n ?? 0
    const edges = (d: Database.Database) => d.prepare(edgesSql).raw(true).all(task.tenant, task.tenant, task.tenant)
    return {
      ms,
      cpuMs,
      rows,
      statement: `one transaction of prepared INSERTs of ${rowsPerStatement.sqlite.toLocaleString("en-US")} rows`,
      count: { service: count(source), raw: count(db) },
      samples: compareSamples(edges(source), edges(db)),
      memory: memory()
    }
  } finally {
    db.close()
    source.close()
  }
}

const postgres = async (
  task: RawTask & { readonly source: { readonly kind: "pg" }; readonly backend: { readonly kind: "pg" } },
  shape: PgShape
): Promise<Result> => {
  const source = await Postgres.connect(task.source.url, task.source.schema)
  const client = await Postgres.connect(task.backend.url, task.backend.schema)
  try {
    const found = await client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'ledger_entries'",
      [task.backend.schema]
    )
    checkColumns(found.rows.map((r) => r.column_name))
    const page = Postgres.numbered(selectPage)
    const unnest = `INSERT INTO ledger_entries (${columns.join(", ")})
SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${pgTypes[c] ?? "text"}[]`).join(", ")})`
    const values = (rows: number) => ({ name: `ledger_values_${rows}`, text: insertText("ledger_entries", columns, rows, (n) => `$${n}`) })
    const width = columns.length
    let ms = 0
    let cpuMs = 0
    let rows = 0
    let last: ReadonlyArray<unknown> | undefined
    const timed = async (work: () => Promise<void>) => {
      const cpu = process.cpuUsage()
      const t = performance.now()
      await work()
      ms += performance.now() - t
      cpuMs += cpuSince(cpu)
    }
    await timed(async () => void (await client.query("BEGIN")))
    try {
      for (;;) {
        const got = (await source.query<Array<unknown>>({ text: page, values: [task.tenant, last?.[SEQ] ?? 0, PAGE], rowMode: "array" })).rows
        if (got.length === 0) break
        await timed(async () => {
          if (shape === "unnest") {
            const arrays = columns.map(() => new Array<unknown>(got.length))
            for (let r = 0; r < got.length; r++) {
              const row = got[r]!
              for (let c = 0; c < width; c++) arrays[c]![r] = row[c]
            }
            await client.query({ text: unnest, values: arrays })
          } else {
            for (let at = 0; at < got.length; at += rowsPerStatement.pg) {
              const n = Math.min(rowsPerStatement.pg, got.length - at)
              const params: Array<unknown> = new Array(n * width)
              let i = 0
              for (let r = at; r < at + n; r++) {
                const row = got[r]!
                for (let c = 0; c < width; c++) params[i++] = row[c]
              }
              await client.query({ ...values(n), values: params })
            }
          }
        })
        rows += got.length
        last = got[got.length - 1]
      }
      await timed(async () => {
        if (last !== undefined) await client.query(Postgres.numbered(headSql), [task.tenant, last[SEQ], last[HASH]])
        await client.query("COMMIT")
      })
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined)
      throw error
    }
    const count = async (c: Postgres.PgClient) =>
      Number((await c.query<{ n: string }>(Postgres.numbered(countSql), [task.tenant])).rows[0]?.n ?? 0)
    const edges = async (c: Postgres.PgClient) =>
      (await c.query<Array<unknown>>({ text: Postgres.numbered(edgesSql), values: [task.tenant, task.tenant, task.tenant], rowMode: "array" })).rows
    return {
      ms,
      cpuMs,
      rows,
      statement: shape === "unnest"
        ? `one transaction of INSERT … SELECT FROM unnest(…), ${PAGE.toLocaleString("en-US")} rows a statement`
        : `one transaction of named (prepared) INSERTs of ${rowsPerStatement.pg.toLocaleString("en-US")} rows`,
      count: { service: await count(source), raw: await count(client) },
      samples: compareSamples(await edges(source), await edges(client)),
      memory: memory()
    }
  } finally {
    await client.end()
    await source.end()
  }
}

/**
 * Runs the raw side: creates the empty schema (untimed), then inserts.
 *
 * @since 0.4.0
 */
export const run = async (task: RawTask): Promise<Result> => {
  await Stores.migrate(task.backend)
  const { source, backend } = task
  if (source.kind === "sqlite" && backend.kind === "sqlite") return sqlite({ ...task, source, backend })
  if (source.kind === "pg" && backend.kind === "pg") return postgres({ ...task, source, backend }, task.pgShape)
  throw new Error("the service and the raw side must use the same kind of database")
}
