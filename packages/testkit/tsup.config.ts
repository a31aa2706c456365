import { defineConfig } from "tsup"

export default defineConfig({
  // `district` is a second entry without vitest: programs (the demo, a CLI) generate
  // districts without loading the conformance suite, which imports vitest.
  entry: { index: "src/index.ts", district: "src/district/District.ts" },
  format: ["esm", "cjs"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20"
})
