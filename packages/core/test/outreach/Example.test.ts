/**
 * The example of docs/outreach.md, run as written: the TypeScript block is taken from the
 * page and run (its import line aside) against the library, twice (each run builds what
 * it needs in its own store), then the figures its comments state are checked through
 * the client.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor } from "@jiceng/core"
import * as PageExample from "../docs/pageExample.js"

const block = PageExample.block("outreach.md", "北城新区网约车驿站")

describe("docs/outreach.md: the example", () => {
  it("runs as written, twice, and gives what its comments say", async () => {
    expect(block.imports).toBe(`import { Actor, Client, MemoryStore } from "@jiceng/core"\n`)
    for (let i = 0; i < 2; i++) {
      const client = await PageExample.run(block.body)
      try {
        const admin = Actor.system("371302")
        const stations = await client.outreach.stations(admin, { at: "2024-03-18" })
        const counted = stations.facilities.filter((f) => f.count > 0).map((f) => `${f.id} ${f.count}`).join(", ")
        expect(counted).toBe("dc_charger 32, ac_charger 10, car_wash 1, tea_bar 1")
        expect(block.body).toContain(`stations.facilities: ${counted} (the others 0)`)
        expect(stations.stations.map((s) => s.address)).toEqual(["临沂市兰山区北城新区北京路18号"])
        expect(block.body).toContain(`stations.stations[0].address: "临沂市兰山区北城新区北京路18号"`)
        const viewer = Actor.make({ id: "查看", tenant: "371302", roles: ["viewer"], scope: "371302" })
        const masked = (await client.outreach.stations(viewer, { at: "2024-03-18" })).stations.map((s) => s.address)
        expect(masked).toEqual(["临沂市兰山区******"])
        expect(block.body).toContain(`without pii:read sees "${masked[0]}"`)
        const compliance = await client.outreach.compliance(admin, { from: "2024-01-01", to: "2024-04-01" })
        const stated = `owed ${compliance.owed}, met ${compliance.met}, missing ${compliance.missing.map((m) => `${m.kind} ${m.slot.label}`).join(" · ")}`
        expect(block.body).toContain(`compliance: ${stated}`)
        expect(compliance.leaders.map((l) => [l.leaderId, l.links])).toEqual([["LD-01", 1]])
      } finally {
        await client.dispose()
      }
    }
  })
})
