/**
 * PostgreSQL for the bench: the few parts of `pg` it uses, finding (or starting) the
 * server as CI does, and dropping the bench's schemas afterwards.
 *
 * @since 0.2.0
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"

/**
 * The URL used when `JICENG_PG_URL` is not set: CI's.
 *
 * @since 0.2.0
 */
export const defaultUrl = "postgres://postgres@127.0.0.1:5432/test"

/**
 * The few parts of a `pg` client used here; `pg` ships no types and @types/pg is not
 * installed.
 *
 * @since 0.2.0
 */
export interface PgClient {
  connect(): Promise<void>
  query<R>(
    query: string | {
      readonly text: string
      readonly values?: ReadonlyArray<unknown>
      readonly name?: string
      /** Rows as arrays of their values, in the columns' order, rather than objects. */
      readonly rowMode?: "array"
    },
    values?: ReadonlyArray<unknown>
  ): Promise<{ readonly rows: ReadonlyArray<R> }>
  end(): Promise<void>
}

interface PgModule {
  readonly Client: new(config: { readonly connectionString: string; readonly connectionTimeoutMillis?: number }) => PgClient
}

/**
 * A connected `pg` client, its `search_path` set to `schema` when one is given.
 *
 * @since 0.2.0
 */
export const connect = async (url: string, schema?: string): Promise<PgClient> => {
  const pg = createRequire(import.meta.url)("pg") as PgModule
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  if (schema !== undefined) await client.query(`SET search_path TO ${schema}`)
  return client
}

/**
 * `?` placeholders as PostgreSQL's `$1, $2, …`.
 *
 * @since 0.2.0
 */
export const numbered = (sql: string): string => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** The URL without its password, for messages. */
export const redact = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== "") parsed.password = "***"
    return parsed.toString()
  } catch {
    return "(not a URL)"
  }
}

const isLocal = (host: string): boolean => host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]"

const run = (command: string, args: ReadonlyArray<string>): { readonly ok: boolean; readonly missing: boolean; readonly output: string } => {
  const result = spawnSync(command, [...args], { encoding: "utf8" })
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT"
  return { ok: result.status === 0, missing, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() }
}

/** The port a cluster is configured for (5432 unless its postgresql.conf says otherwise). */
const clusterPort = (version: string): string => {
  try {
    const conf = fs.readFileSync(`/etc/postgresql/${version}/main/postgresql.conf`, "utf8")
    return /^\s*port\s*=\s*(\d+)/m.exec(conf)?.[1] ?? "5432"
  } catch {
    return "5432"
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Makes sure the server answers, as `.ci/run` does: `pg_isready`; when a local server
 * is down, `pg_ctlcluster --skip-systemctl-redirect <version> main start` and up to 30
 * s of waiting for it. Then a connection settles it. Resolves to `undefined` when the
 * server answers, else to the reason it cannot be reached (with what was tried).
 *
 * @since 0.2.0
 */
export const ensureRunning = async (url: string, log: (line: string) => void): Promise<string | undefined> => {
  let host = "127.0.0.1"
  let port = "5432"
  try {
    const parsed = new URL(url)
    host = parsed.hostname === "" ? host : parsed.hostname
    port = parsed.port === "" ? port : parsed.port
  } catch {
    return `${redact(url)} is not a postgres:// URL`
  }
  const ready = () => run("pg_isready", ["-h", host, "-p", port, "-q"])
  const first = ready()
  if (!first.ok && !first.missing && isLocal(host)) {
    // Debian-style clusters (`/etc/postgresql/<version>/main`) listening on the URL's port.
    let versions: Array<string> = []
    try {
      versions = fs.readdirSync("/etc/postgresql").filter((version) => clusterPort(version) === port)
    } catch {
      // No such cluster on this machine: nothing to start.
    }
    if (versions.length > 0) {
      for (const version of versions) {
        log(`PostgreSQL is down at ${host}:${port}: starting it (pg_ctlcluster ${version} main start)`)
        const started = run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"])
        if (!started.ok) log(`  pg_ctlcluster: ${started.missing ? "not installed" : started.output || "failed"}`)
      }
      for (let i = 0; i < 30 && !ready().ok; i++) await sleep(1000)
    }
  }
  try {
    const client = await connect(url)
    await client.query("SELECT 1")
    await client.end()
    return undefined
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return `cannot connect to ${redact(url)}: ${reason}${first.missing ? " (pg_isready is not installed)" : ""}`
  }
}

/**
 * Drops the bench's schemas (they may not exist).
 *
 * @since 0.2.0
 */
export const dropSchemas = async (url: string, schemas: ReadonlyArray<string>): Promise<void> => {
  const client = await connect(url)
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await client.end()
  }
}

/**
 * Copies every table of schema `from` — its columns, keys, indexes and rows — into a
 * new schema `to`, so that the raw side starts from the rows the service side holds.
 *
 * @since 0.2.0
 */
export const copySchema = async (url: string, from: string, to: string): Promise<void> => {
  const client = await connect(url)
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [from]
    )
    await client.query("BEGIN")
    await client.query(`CREATE SCHEMA ${to}`)
    for (const { table_name: table } of tables.rows) {
      await client.query(`CREATE TABLE ${to}."${table}" (LIKE ${from}."${table}" INCLUDING ALL)`)
      await client.query(`INSERT INTO ${to}."${table}" SELECT * FROM ${from}."${table}"`)
    }
    await client.query("COMMIT")
  } finally {
    await client.end()
  }
}
