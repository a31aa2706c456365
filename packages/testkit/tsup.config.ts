import { defineConfig } from "tsup"
import { packageBuild } from "../../tsup.package.js"

// `district` is a second entry without vitest: programs (the demo, a CLI) generate
// districts without loading the conformance suite, which imports vitest.
export default defineConfig(packageBuild({ index: "src/index.ts", district: "src/district/District.ts" }))
