import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { SqliteStore } from "@jiceng/store-sqlite"
import { ImportResume } from "@jiceng/testkit/vitest"

const filename = join(mkdtempSync(join(tmpdir(), "jiceng-import-")), "import.db")
const child = fileURLToPath(new URL("./fixtures/import-child.mjs", import.meta.url))

ImportResume.importResume(
  "SqliteStore",
  SqliteStore.layer({ filename }),
  (args) => spawn(process.execPath, [child, filename, ...args], { stdio: ["ignore", "ignore", "inherit"] })
)
