import { defineConfig } from "tsup"
import { packageBuild } from "../../tsup.package.js"

// Four entries: the main one, `district` and `party` load no test runner, so programs (the
// demo, a CLI) can import them; `vitest` holds the conformance suites, which import
// @effect/vitest.
export default defineConfig(
  packageBuild({ index: "src/index.ts", district: "src/district/District.ts", party: "src/district/Party.ts", vitest: "src/vitest.ts" })
)
