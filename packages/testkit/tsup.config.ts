import { defineConfig } from "tsup"
import { packageBuild } from "../../tsup.package.js"

// Three entries: the main one and `district` load no test runner, so programs (the
// demo, a CLI) can import them; `vitest` holds the conformance suites, which import
// @effect/vitest.
export default defineConfig(
  packageBuild({ index: "src/index.ts", district: "src/district/District.ts", vitest: "src/vitest.ts" })
)
