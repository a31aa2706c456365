// The build every published package shares: ESM and CJS for Node 20; declarations
// come from tsc (scripts/build-types.mjs), unbundled.
import type { Options } from "tsup"

export const packageBuild = (entry: Options["entry"] = ["src/index.ts"]): Options => ({
  entry,
  format: ["esm", "cjs"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20"
})
