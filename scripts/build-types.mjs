// Emits a package's declarations with `tsc -b` (its tsconfig.json is a composite
// project referencing the packages it imports; unbundled, as effect publishes its
// own), then a CommonJS twin of every file (.d.cts importing .cjs) for the `require`
// condition. Bundling declarations drops namespace members that share a name with a
// type (`Grid.Grid` as both Schema and type), so they are not bundled.
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const out = "dist/types"
execFileSync(
  process.execPath,
  [
    new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname,
    "-b", "tsconfig.json"
  ],
  { stdio: "inherit" }
)

const relativeJs = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.js(["'])/g

const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path)
    else if (entry.name.endsWith(".d.ts")) {
      const text = readFileSync(path, "utf8").replace(relativeJs, "$1$2.cjs$3")
      writeFileSync(path.replace(/\.d\.ts$/, ".d.cts"), text.replace(/\.d\.ts\.map$/m, ".d.ts.map"))
    }
  }
}
walk(out)
