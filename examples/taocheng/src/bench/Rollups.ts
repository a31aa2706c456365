/**
 * The rollups a report runs — `places.countInSubtree` and `places.countByKind` for the
 * district and each street — through the Store against a hand-written SQL query on the
 * same database: per-query medians, the ratio store/raw, and the answer both sides
 * must agree on.
 *
 * @since 0.2.0
 */
import { GridStore, IsoDate, Tenant } from "@jiceng/core"
import Database from "better-sqlite3"
import { Effect } from "effect"
import * as Output from "../Output.js"
import * as Alternate from "./Alternate.js"
import * as Postgres from "./Postgres.js"

/**
 * How long to measure (see `Alternate.Settings`).
 *
 * @since 0.2.0
 * @category models
 */
export type Settings = Alternate.Settings

/**
 * One rollup question: a query on a subtree root.
 *
 * @since 0.2.0
 * @category models
 */
export interface Query {
  readonly name: "countInSubtree" | "countByKind"
  readonly root: string
  readonly label: string
}

/**
 * One query's medians and answer.
 *
 * @since 0.2.0
 * @category models
 */
export interface Timing {
  readonly query: Query
  readonly storeMs: number
  readonly rawMs: number
  readonly runs: number
  readonly answer: string
  readonly agree: boolean
}

/**
 * The raw side of a backend: the same two questions in hand-written SQL.
 *
 * @since 0.2.0
 * @category models
 */
export interface Raw {
  readonly countInSubtree: (root: string) => Promise<number>
  readonly countByKind: (root: string) => Promise<ReadonlyArray<{ readonly kind: string; readonly count: number }>>
  readonly close: () => Promise<void>
}

/**
 * Both queries for the district's root and each street.
 *
 * @since 0.2.0
 */
export const queries = (roots: ReadonlyArray<{ readonly root: string; readonly label: string }>): ReadonlyArray<Query> =>
  roots.flatMap((r) => [{ name: "countInSubtree" as const, ...r }, { name: "countByKind" as const, ...r }])

// Subtree = code range [root, root + ':'): ':' sorts right after '9', so the range holds
// exactly the codes that start with root, and the (tenant, grid_code, …) index answers it.
const upper = (root: string): string => `${root}:`

const kindsText = (rows: ReadonlyArray<{ readonly kind: string; readonly count: number }>): string =>
  rows.map((r) => `${r.kind}=${r.count}`).join(",")

// count(*) rather than count(DISTINCT place_id): a place is in one grid at a time, which
// the Store's rules guarantee, so a hand-written query may rely on it.
const countSql = `SELECT count(*) AS n FROM place_links
WHERE tenant = ? AND grid_code >= ? AND grid_code < ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)`
const byKindSql = `SELECT p.kind AS kind, count(*) AS n
FROM place_links l JOIN places p ON p.tenant = l.tenant AND p.id = l.place_id
WHERE l.tenant = ? AND l.grid_code >= ? AND l.grid_code < ? AND l.valid_from <= ?
  AND (l.valid_to IS NULL OR l.valid_to > ?)
GROUP BY p.kind ORDER BY p.kind`

/**
 * The raw side on a SQLite file (better-sqlite3, read-only).
 *
 * @since 0.2.0
 */
export const sqliteRaw = (file: string, tenant: string, at: string): Raw => {
  const db = new Database(file, { readonly: true })
  const count = db.prepare<[string, string, string, string, string], { n: number }>(countSql)
  const byKind = db.prepare<[string, string, string, string, string], { kind: string; n: number }>(byKindSql)
  return {
    countInSubtree: async (root) => count.get(tenant, root, upper(root), at, at)?.n ?? 0,
    countByKind: async (root) => byKind.all(tenant, root, upper(root), at, at).map((r) => ({ kind: r.kind, count: r.n })),
    close: async () => void db.close()
  }
}

/**
 * The raw side on PostgreSQL (`pg`, in the store's schema).
 *
 * @since 0.2.0
 */
export const pgRaw = async (url: string, schema: string, tenant: string, at: string): Promise<Raw> => {
  const client = await Postgres.connect(url, schema)
  const count = Postgres.numbered(countSql.replace("count(*)", "count(*)::int"))
  const byKind = Postgres.numbered(byKindSql.replace("count(*)", "count(*)::int"))
  return {
    countInSubtree: async (root) =>
      (await client.query<{ n: number }>(count, [tenant, root, upper(root), at, at])).rows[0]?.n ?? 0,
    countByKind: async (root) =>
      (await client.query<{ kind: string; n: number }>(byKind, [tenant, root, upper(root), at, at])).rows.map((r) => ({
        kind: r.kind,
        count: r.n
      })),
    close: () => client.end()
  }
}

/**
 * Times each query through the Store and the raw side, alternating, as of `at`.
 *
 * @since 0.2.0
 */
export const measure = (
  queries: ReadonlyArray<Query>,
  tenantCode: string,
  at: string,
  raw: Raw,
  settings: Settings
) =>
  Effect.gen(function*() {
    const store = yield* GridStore.GridStore
    const tenant = Tenant.make(tenantCode)
    const day = IsoDate.unsafeMake(at)
    const timings: Array<Timing> = []
    for (const query of queries) {
      const viaStore: Effect.Effect<string, unknown> = query.name === "countInSubtree"
        ? Effect.map(store.places.countInSubtree(tenant, query.root, day), String)
        : Effect.map(store.places.countByKind(tenant, query.root, day), kindsText)
      const viaRaw = (): Promise<string> =>
        query.name === "countInSubtree"
          ? raw.countInSubtree(query.root).then(String)
          : raw.countByKind(query.root).then(kindsText)
      const m = yield* Alternate.alternate(viaStore, viaRaw, settings)
      timings.push({
        query,
        storeMs: m.storeMs,
        rawMs: m.rawMs,
        runs: m.runs,
        answer: m.storeAnswer,
        agree: m.storeAnswer === m.rawAnswer
      })
    }
    return timings
  })

/**
 * The timings as a table under a title.
 *
 * @since 0.2.0
 */
export const report = (title: string, timings: ReadonlyArray<Timing>): string => {
  const rows = [["query", "root", "runs", "store ms", "raw ms", "store/raw", "answer"]]
  for (const t of timings) {
    rows.push([
      t.query.name,
      t.query.label,
      String(t.runs),
      t.storeMs.toFixed(2),
      t.rawMs.toFixed(2),
      (t.storeMs / t.rawMs).toFixed(2),
      t.agree ? t.answer : `MISMATCH store=${t.answer}`
    ])
  }
  return `${title}\n${Output.table(rows, { textColumns: [1, 6] })}`
}
