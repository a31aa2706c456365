/**
 * The ledger bench's rollup: a year's sums by street and category — minutes, sessions
 * (a reversal counts −1), residents served, matters done and points — through the
 * service against the query a developer would write by hand on the same database
 * (`GROUP BY substr(grid_code, 1, 9), category`), timed alternately, with both answers
 * compared.
 *
 * @since 0.4.0
 */
import type { Rollup } from "@jiceng/core"
import Database from "better-sqlite3"
import { Effect } from "effect"
import * as Alternate from "./Alternate.js"
import type { Backend } from "./Phases.js"
import * as Postgres from "./Postgres.js"

/**
 * The hand-written side: the rollup of a period, and closing its connection.
 *
 * @since 0.4.0
 * @category models
 */
export interface Raw {
  readonly totals: (from: string, to: string) => Promise<ReadonlyArray<Rollup.TotalsRow>>
  readonly close: () => Promise<void>
}

/**
 * The comparison: each side's median, the runs, the groups, and whether both answered
 * the same (the first difference otherwise).
 *
 * @since 0.4.0
 * @category models
 */
export interface Compared {
  readonly storeMs: number
  readonly rawMs: number
  readonly runs: number
  readonly groups: number
  readonly agree: boolean
  readonly difference: string | null
}

/** The query, `?` placeholders: tenant, first day, the day after the last. */
const rollupSql = (streetLength: number) =>
  `SELECT substr(grid_code, 1, ${streetLength}) AS street, category,
  SUM(minutes) AS minutes,
  SUM(CASE WHEN kind = 'service' THEN 1 ELSE -1 END) AS entries,
  SUM(residents_served) AS residents_served,
  SUM(matters_done) AS matters_done,
  SUM(points) AS points
FROM ledger_entries
WHERE tenant = ? AND starts_at >= ? AND starts_at < ?
GROUP BY substr(grid_code, 1, ${streetLength}), category
ORDER BY street, category`

interface Row {
  readonly street: string
  readonly category: string
  readonly minutes: number | string
  readonly entries: number | string
  readonly residents_served: number | string
  readonly matters_done: number | string
  readonly points: number | string
}

const toTotals = (r: Row): Rollup.TotalsRow => ({
  keys: [r.street, r.category],
  minutes: Number(r.minutes),
  entries: Number(r.entries),
  residentsServed: Number(r.residents_served),
  mattersDone: Number(r.matters_done),
  points: Number(r.points)
})

/** Sessions start on days: `starts_at < the day after` takes the last day whole. */
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * The hand-written side on the backend's database (a second connection: better-sqlite3
 * read-only, or `pg` in the store's schema).
 *
 * @since 0.4.0
 */
export const open = async (backend: Backend, tenant: string, streetLength: number): Promise<Raw> => {
  if (backend.kind === "sqlite") {
    const db = new Database(backend.file, { readonly: true })
    const query = db.prepare<[string, string, string], Row>(rollupSql(streetLength))
    return {
      totals: async (from, to) => query.all(tenant, from, dayAfter(to)).map(toTotals),
      close: async () => void db.close()
    }
  }
  const client = await Postgres.connect(backend.url, backend.schema)
  const text = Postgres.numbered(rollupSql(streetLength))
  return {
    totals: async (from, to) => (await client.query<Row>(text, [tenant, from, dayAfter(to)])).rows.map(toTotals),
    close: () => client.end()
  }
}

/** Rows as text, one line each in key order: what two sides must agree on. */
const answer = (rows: ReadonlyArray<Rollup.TotalsRow>): string =>
  rows
    .map((r) => `${r.keys.join("/")}: ${r.minutes} ${r.entries} ${r.residentsServed} ${r.mattersDone} ${r.points}`)
    .sort()
    .join("\n")

/**
 * Times the service's rollup against the hand-written one for the period, alternately.
 *
 * @since 0.4.0
 */
export const compare = <E, R>(
  viaService: Effect.Effect<ReadonlyArray<Rollup.TotalsRow>, E, R>,
  raw: Raw,
  from: string,
  to: string,
  settings: Alternate.Settings
): Effect.Effect<Compared, E, R> =>
  Effect.map(
    Alternate.alternate(Effect.map(viaService, answer), () => raw.totals(from, to).then(answer), settings),
    (m) => {
      const store = m.storeAnswer.split("\n")
      const hand = m.rawAnswer.split("\n")
      const at = store.findIndex((line, i) => line !== hand[i])
      const difference = m.storeAnswer === m.rawAnswer
        ? null
        : at >= 0
        ? `service "${store[at]}", by hand "${hand[at] ?? "(none)"}"`
        : `the service gives ${store.length} groups, by hand ${hand.length}`
      const groups = m.storeAnswer === "" ? 0 : store.length
      return { storeMs: m.storeMs, rawMs: m.rawMs, runs: m.runs, groups, agree: difference === null, difference }
    }
  )
