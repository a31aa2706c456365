/**
 * The raw side of the ingest: the rows the Grids service writes for each household —
 * its `places` row, its `place_links` row and its `audit_log` row — inserted by hand
 * with the driver, in one transaction, as multi-row INSERTs of `ROWS_PER_STATEMENT`
 * rows. Only the inserts and the commit are timed; the database is a copy of the
 * service's as the district left it, so schema, indexes and rows are the service's.
 *
 * @since 0.2.0
 */
import type Database from "better-sqlite3"
import * as Households from "./Households.js"
import * as Postgres from "./Postgres.js"
import { cpuSince, insertText as rowsInsert, openSqlite, sampled } from "./RawSql.js"

/**
 * Rows per INSERT statement: a few thousand, within SQLite's 32,766 bound parameters
 * and PostgreSQL's 65,535 for every table (the audit log's seven columns included).
 *
 * @since 0.2.0
 */
export const ROWS_PER_STATEMENT = 4_000

/**
 * What an ingest measured, on either side.
 *
 * @since 0.2.0
 * @category models
 */
export interface Ingested {
  readonly ms: number
  /** CPU time of this process (user + system) while ingesting; the database server's is not in it. */
  readonly cpuMs: number
  readonly before: Households.Counts
  readonly after: Households.Counts
  /** The first and the last household's rows, read back. */
  readonly samples: ReadonlyArray<Households.Sample>
}

const tables = ["places", "place_links", "audit_log"] as const

const insertText = (table: Households.Table, rows: number, placeholder: (n: number) => string): string =>
  rowsInsert(table, Households.columns[table], rows, placeholder)

const emptyBuffers = () => ({ places: [] as Array<unknown>, place_links: [] as Array<unknown>, audit_log: [] as Array<unknown> })

/**
 * The first and the last household: what both sides' samples are read for.
 *
 * @since 0.2.0
 */
export { sampled }

/**
 * Inserts the households into a SQLite file that holds the district (a copy of the service's database), with
 * the store's durability settings: WAL and `synchronous = NORMAL`.
 *
 * @since 0.2.0
 */
export const sqlite = (file: string, h: Households.Households): Ingested => {
  const db = openSqlite(file)
  try {
    const counts = (): Households.Counts => {
      const n = (sql: string) => (db.prepare<[string], { n: number }>(sql).get(h.tenant)?.n ?? 0)
      return { places: n(Households.countSql.places), links: n(Households.countSql.links), audit: n(Households.countSql.audit) }
    }
    const before = counts()
    const statements = new Map<string, Database.Statement<Array<unknown>>>()
    const statement = (table: Households.Table, rows: number) => {
      const key = `${table}:${rows}`
      let s = statements.get(key)
      if (s === undefined) statements.set(key, s = db.prepare(insertText(table, rows, () => "?")))
      return s
    }
    const cpu = process.cpuUsage()
    const start = performance.now()
    const atMs = Date.now()
    db.exec("BEGIN IMMEDIATE")
    try {
      for (let first = 0; first < h.rows; first += ROWS_PER_STATEMENT) {
        const end = Math.min(h.rows, first + ROWS_PER_STATEMENT)
        const buffers = emptyBuffers()
        for (let k = first; k < end; k++) Households.pushRows(h, k, before.audit + k + 1, atMs, buffers)
        for (const table of tables) statement(table, end - first).run(buffers[table])
      }
      db.exec("COMMIT")
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK")
      throw error
    }
    const ms = performance.now() - start
    const cpuMs = cpuSince(cpu)
    const samples = sampled(h.rows).map((k) => ({
      place: Object.values(db.prepare(Households.sampleSql.place).get(h.tenant, Households.id(k)) ?? {}),
      link: Object.values(db.prepare(Households.sampleSql.link).get(h.tenant, Households.id(k)) ?? {}),
      audit: Object.values(db.prepare(Households.sampleSql.audit).get(h.tenant, before.audit + k + 1) ?? {})
    }))
    return { ms, cpuMs, before, after: counts(), samples }
  } finally {
    db.close()
  }
}

/**
 * Inserts the households into a PostgreSQL schema that holds the district (a copy of the service's database),
 * with `pg`: named (prepared) multi-row INSERTs in one transaction.
 *
 * @since 0.2.0
 */
export const postgres = async (url: string, schema: string, h: Households.Households): Promise<Ingested> => {
  const client = await Postgres.connect(url, schema)
  try {
    const n = async (sql: string) =>
      Number((await client.query<{ n: string }>(Postgres.numbered(sql), [h.tenant])).rows[0]?.n ?? 0)
    const counts = async (): Promise<Households.Counts> => ({
      places: await n(Households.countSql.places),
      links: await n(Households.countSql.links),
      audit: await n(Households.countSql.audit)
    })
    const before = await counts()
    const texts = new Map<string, string>()
    const text = (table: Households.Table, rows: number) => {
      const key = `${table}_${rows}`
      let t = texts.get(key)
      if (t === undefined) texts.set(key, t = insertText(table, rows, (i) => `$${i}`))
      return { name: `bench_${key}`, text: t }
    }
    const cpu = process.cpuUsage()
    const start = performance.now()
    const atMs = Date.now()
    await client.query("BEGIN")
    try {
      for (let first = 0; first < h.rows; first += ROWS_PER_STATEMENT) {
        const end = Math.min(h.rows, first + ROWS_PER_STATEMENT)
        const buffers = emptyBuffers()
        for (let k = first; k < end; k++) Households.pushRows(h, k, before.audit + k + 1, atMs, buffers)
        for (const table of tables) await client.query({ ...text(table, end - first), values: buffers[table] })
      }
      await client.query("COMMIT")
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined)
      throw error
    }
    const ms = performance.now() - start
    const cpuMs = cpuSince(cpu)
    const row = async (sql: string, key: string | number) =>
      Object.values((await client.query<Record<string, unknown>>(Postgres.numbered(sql), [h.tenant, key])).rows[0] ?? {})
    const samples: Array<Households.Sample> = []
    for (const k of sampled(h.rows)) {
      samples.push({
        place: await row(Households.sampleSql.place, Households.id(k)),
        link: await row(Households.sampleSql.link, Households.id(k)),
        audit: await row(Households.sampleSql.audit, before.audit + k + 1)
      })
    }
    return { ms, cpuMs, before, after: await counts(), samples }
  } finally {
    await client.end()
  }
}
