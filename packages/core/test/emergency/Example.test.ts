/**
 * The example of docs/emergency.md, run as written: the TypeScript block is taken from
 * the page and run (its import line aside) against the library, then its figures — the
 * coverage the comment in the block states — are checked through the client.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, type Client } from "@jiceng/core"
import * as PageExample from "../docs/pageExample.js"

const block = PageExample.block("emergency.md", "yq-001")

describe("docs/emergency.md: the example", () => {
  it("runs as written and covers what its comment says; deactivation ends the activation and its branch", async () => {
    expect(block.imports).toBe(`import { Actor, Client, MemoryStore } from "@jiceng/core"\n`)
    const client: Client.Client = await PageExample.run(block.body)
    try {
      const admin = Actor.system("131102")
      const coverage = await client.emergency.coverage(admin, "yq-001")
      expect(coverage).toEqual({
        activations: 1,
        teams: 1,
        compounds: 1,
        residents: 2140,
        staff: 40,
        teamMembers: 0,
        workers: 1,
        members: 1,
        membersWithStanding: 1,
        compoundBranches: 0,
        jointBranches: 1,
        branchMembers: 1
      })
      // The comment in the block states the same figures.
      for (const [key, value] of Object.entries(coverage!)) expect(block.body).toContain(`${key}: ${value}`)
      expect(await client.emergency.activations(admin, { at: "2023-12-28" })).toEqual([])
      const branches = await client.emergency.branches(admin, "yq-001", { at: "2023-12-01" })
      expect(branches.map((b) => [b.organisationId, b.name, b.participants])).toEqual([["yq-001:131102001001", "疫情防控联合临时党支部（明珠社区）", ["m-1"]]])
      expect((await client.emergency.branches(admin, "yq-001", { at: "2023-12-28" })).map((b) => b.participants)).toEqual([[]])
    } finally {
      await client.dispose()
    }
  })
})
