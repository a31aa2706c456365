/**
 * The example of docs/reports.md, run as written: the TypeScript block is taken from the
 * page and run (its import line aside) against the library, twice (each run builds what
 * it needs in its own store), then what its comments state is checked on the summary
 * built through the client.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, DistrictSummary } from "@jiceng/core"
import * as PageExample from "../docs/pageExample.js"
import { column, table, totals } from "./reportBlocks.js"

const block = PageExample.block("reports.md", "DistrictSummary.build")

describe("docs/reports.md: the example", () => {
  it("runs as written, twice, and gives what its comments say", async () => {
    expect(block.imports).toBe(`import { Actor, Client, DistrictSummary, MemoryStore } from "@jiceng/core"\n`)
    for (let i = 0; i < 2; i++) {
      const client = await PageExample.run(block.body, { DistrictSummary })
      try {
        const summary = await client.run(DistrictSummary.build(Actor.system("131102"), { from: "2024-01-01", to: "2025-01-01" }))
        expect(block.body).toContain(`// summary.sections: ${summary.sections.map((s) => s.id).join(", ")}\n`)
        const levels = table(summary, "grids", "grids-per-level")
        const stated = [...levels.rows.map((r) => `${r[0]} ${r[1]}`), `合计 ${totals(levels)["count"]}`].join(" · ")
        expect(block.body).toContain(`// grids per level: ${stated}\n`)
        const demands = table(summary, "demands", "demands-by-child")
        const received = column(demands, "received")
        const rows = column(demands, "grid").map((g, j) => `${g} ${received[j]}`)
        expect(block.body).toContain(`// demands by child grid, received: ${[...rows, `合计 ${totals(demands)["received"]}`].join(" · ")} (open ${totals(demands)["open"]})\n`)
      } finally {
        await client.dispose()
      }
    }
  })
})
