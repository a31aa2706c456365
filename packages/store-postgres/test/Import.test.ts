import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as SqlClient from "@effect/sql/SqlClient"
import { describe } from "@effect/vitest"
import { PostgresStore } from "@jiceng/store-postgres"
import { ImportResume } from "@jiceng/testkit/vitest"
import { Effect, Layer } from "effect"

const url = process.env["JICENG_PG_URL"]
const schema = `jiceng_import_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
const child = fileURLToPath(new URL("./fixtures/import-child.mjs", import.meta.url))

/** The store in a schema of its own, dropped when the test ends. */
const store = Layer.scopedDiscard(
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* Effect.addFinalizer(() => sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`.pipe(Effect.orDie))
  })
).pipe(Layer.provideMerge(PostgresStore.layer({ url: url ?? "", schema })))

describe.skipIf(url === undefined)("PostgresStore imports", () => {
  ImportResume.importResume(
    "PostgresStore",
    store,
    (args) => spawn(process.execPath, [child, url ?? "", schema, ...args], { stdio: ["ignore", "ignore", "inherit"] })
  )
})
