import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url))
// Exact names: a plain string alias would also rewrite "@jiceng/testkit/vitest".
const alias = (name: string, file: string) => ({ find: new RegExp(`^${name}$`), replacement: src(file) })

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a test never sees a stale build.
    alias: [
      alias("@jiceng/core", "core/src/index.ts"),
      alias("@jiceng/testkit", "testkit/src/index.ts"),
      alias("@jiceng/testkit/district", "testkit/src/district/District.ts"),
      alias("@jiceng/testkit/party", "testkit/src/district/Party.ts"),
      alias("@jiceng/testkit/vitest", "testkit/src/vitest.ts"),
      alias("@jiceng/store-sql", "store-sql/src/index.ts"),
      alias("@jiceng/store-sqlite", "store-sqlite/src/index.ts"),
      alias("@jiceng/store-postgres", "store-postgres/src/index.ts"),
      alias("@jiceng/notify-webhook", "notify-webhook/src/index.ts"),
      alias("@jiceng/notify-email", "notify-email/src/index.ts"),
      alias("@jiceng/report-xlsx", "report-xlsx/src/index.ts"),
      alias("@jiceng/report-html", "report-html/src/index.ts"),
      alias("@jiceng/report-text", "report-text/src/index.ts")
    ]
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two test files at once, each in a process of its own: much of a run waits on
    // PostgreSQL, SQLite files, child processes and the browser (vitest's default is one
    // worker on two cores).
    minWorkers: 1,
    maxWorkers: 2,
    sequence: { concurrent: false }
  }
})
