/**
 * The example of docs/demands.md, run as written (its code block, taken from the page),
 * twice on the same client: the second run writes nothing and reads the same.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Core from "@jiceng/core"
import { readFileSync } from "node:fs"

const page = readFileSync(new URL("../../../../docs/demands.md", import.meta.url), "utf8")

/** The page's example: its code block, without the import line and the client's creation (the test passes them in). */
const body = (): string => {
  const section = page.slice(page.indexOf("## An example"))
  const code = section.slice(section.indexOf("```ts\n") + 6, section.indexOf("```", section.indexOf("```ts\n") + 6))
  expect(code).toContain('import { Actor, Client, MemoryStore } from "@jiceng/core"')
  expect(code).toContain("const client = Client.make({ store: MemoryStore.layer })")
  return code
    .replace('import { Actor, Client, MemoryStore } from "@jiceng/core"', "")
    .replace("const client = Client.make({ store: MemoryStore.layer })", "")
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new(...args: Array<string>) => (...args: Array<unknown>) => Promise<unknown>

describe("docs/demands.md: the example", () => {
  it("runs as written, twice on one store, from the visit to the return visit", async () => {
    const run = new AsyncFunction("Actor", "Client", "MemoryStore", "client", `${body()}\nreturn { history, visits, stats }`)
    const client = Core.Client.make({ store: Core.MemoryStore.layer })
    try {
      type Out = { history: Core.DemandsService.DemandView; visits: ReadonlyArray<Core.DemandsService.VisitView>; stats: Core.DemandsService.Stats }
      const first = (await run(Core.Actor, Core.Client, Core.MemoryStore, client)) as Out
      expect(first.history.events.map((e) => e.kind)).toEqual(["receive", "assign", "start", "resolve", "close"])
      expect([first.history.state, first.history.assignee, first.history.satisfaction]).toEqual(["closed", "W-1", "satisfied"])
      expect(first.visits.map((v) => [v.id, v.updated, v.demands])).toEqual([["V-1", ["联系方式"], ["D-1"]]])
      expect([first.stats.total.received, first.stats.total.resolved, first.stats.total.onTime, first.stats.total.satisfaction.satisfied]).toEqual([1, 1, 1, 1])
      const second = (await run(Core.Actor, Core.Client, Core.MemoryStore, client)) as Out
      expect(second).toEqual(first)
    } finally {
      await client.dispose()
    }
  })
})
