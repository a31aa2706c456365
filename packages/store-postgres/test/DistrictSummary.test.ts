/**
 * The district summary on PostgreSQL: a small generated district written through every
 * service into a schema of its own gives the same model as on the memory store (but for
 * when it was made). Skipped without JICENG_PG_URL; a long run (JICENG_LONG=1, `npm run
 * test:long`: about 40 s, most of it writing the district into a fresh schema) — the
 * SQLite file runs the same check in every `npm test`.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { describe, expect, it } from "@effect/vitest"
import { Actor, DistrictSummary, MemoryStore, type Report } from "@jiceng/core"
import { PostgresStore } from "@jiceng/store-postgres"
import { WholeDistrict } from "@jiceng/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"

const url = process.env["JICENG_PG_URL"]

/** The summary of the year written on a store. */
const summarise = (runtime: ManagedRuntime.ManagedRuntime<WholeDistrict.Services, unknown>): Promise<Report.Report> =>
  runtime.runPromise(Effect.gen(function*() {
    const written = yield* WholeDistrict.write()
    return yield* DistrictSummary.build(Actor.system(written.tenant), { from: written.from, to: written.to })
  }))

describe.skipIf(url === undefined || !process.env["JICENG_LONG"])("DistrictSummary on PostgreSQL", () => {
  it("the same model as on the memory store", async () => {
    const schema = `jiceng_test_summary_${Date.now().toString(36)}`
    const dropSchema = Layer.scopedDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.addFinalizer(() => sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`.pipe(Effect.orDie))))
    const postgres = ManagedRuntime.make(WholeDistrict.layer(dropSchema.pipe(Layer.provideMerge(PostgresStore.layer({ url: url ?? "", schema })))))
    const memory = ManagedRuntime.make(WholeDistrict.layer(MemoryStore.layer))
    try {
      const onPostgres = await summarise(postgres)
      expect(onPostgres.sections.length).toBe(8)
      expect({ ...onPostgres, generatedAt: "" }).toStrictEqual({ ...(await summarise(memory)), generatedAt: "" })
    } finally {
      await postgres.dispose()
      await memory.dispose()
    }
  }, 600_000)
})
