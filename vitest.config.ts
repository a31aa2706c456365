import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a test never sees a stale build.
    alias: {
      "@jiceng/core": pkg("core"),
      "@jiceng/testkit": pkg("testkit"),
      "@jiceng/store-sql": pkg("store-sql"),
      "@jiceng/store-sqlite": pkg("store-sqlite"),
      "@jiceng/store-postgres": pkg("store-postgres")
    }
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    sequence: { concurrent: false }
  }
})
