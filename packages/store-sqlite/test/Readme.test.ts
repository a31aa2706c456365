// The README's examples, read from README.md and run as written, twice: an example
// must still work when a reader runs it again. Only the database file moves, to a
// fresh temporary directory.
import { afterAll, describe, expect, it, vi } from "@effect/vitest"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const readme = readFileSync(join(root, "README.md"), "utf8")
const [effectExample, promiseExample] = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)

// The modules are written inside the repository, so that their imports resolve as the
// tests' own do (the vitest aliases onto the sources); .vitest-temp/ is ignored by git.
const modules = join(root, ".vitest-temp", `readme-${process.pid}`)
const data = mkdtempSync(join(tmpdir(), "jiceng-readme-"))
afterAll(() => {
  rmSync(modules, { recursive: true, force: true })
  rmSync(data, { recursive: true, force: true })
})

let written = 0
/** Runs an example as a module of its own and returns what it printed. */
const run = async (source: string): Promise<Array<ReadonlyArray<unknown>>> => {
  mkdirSync(modules, { recursive: true })
  const file = join(modules, `example-${++written}.ts`)
  writeFileSync(file, source.replaceAll(`"district.db"`, JSON.stringify(join(data, "district.db"))))
  const log = vi.spyOn(console, "log").mockImplementation(() => {})
  try {
    await import(file)
    return log.mock.calls
  } finally {
    log.mockRestore()
  }
}

describe("README", () => {
  it("has the two examples", () => {
    expect(effectExample).toContain("Effect.runPromise")
    expect(promiseExample).toContain("Client.make")
  })

  // Real clock: today is the default day of countByLevel.
  it("the Effect example runs, and runs again", async () => {
    for (let i = 0; i < 2; i++) {
      expect(await run(effectExample!)).toEqual([[[{ level: 0, count: 1 }, { level: 1, count: 1 }]]])
    }
  })

  it("the Promise example runs, and runs again on the same file", async () => {
    const first = await run(promiseExample!)
    expect(first).toHaveLength(1)
    expect(first[0]![0]).toMatchObject({ code: "131102", name: "桃城区" })
    const second = await run(promiseExample!)
    expect(second).toHaveLength(2)
    expect(second[0]).toEqual(["grid.code-unique", "code"])
    expect(second[1]![0]).toMatchObject({ code: "131102", name: "桃城区" })
  })
})
