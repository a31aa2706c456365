import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/main.ts", "src/bench.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: true,
  // Only the example's own code is bundled: the library packages and drivers are
  // resolved at run time from node_modules, so the demo runs what users install.
  external: [/^@jiceng\//, "effect", /^effect\//, /^@effect\//, "better-sqlite3", "pg"]
})
