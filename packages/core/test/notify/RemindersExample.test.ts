/**
 * The reminders example of docs/notifications.md, run as written: its TypeScript block is
 * taken from the page and run (its import lines aside) against the library, twice (each
 * run builds its own store), then the figures its comments state are checked.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Core from "@jiceng/core"
import type { OutboxStore, Reminders } from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as PageExample from "../docs/pageExample.js"

const block = PageExample.block("notifications.md", "Reminders.sweep\\(admin")

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new(...args: Array<string>) => (...args: Array<unknown>) => Promise<unknown>

/** The block's body without its import lines, run with what they import in scope; gives back what it swept and queued. */
const run = async () => {
  const body = block.body.replace(/^import [^\n]*\n/gm, "")
  const names = ["Actor", "DemandConfig", "Demands", "GridConfig", "Grids", "MemoryStore", "Notify", "OutboxStore", "Reminders"] as const
  const scope = { ...Object.fromEntries(names.map((n) => [n, Core[n]])), Effect, Layer }
  const result = await new AsyncFunction(...Object.keys(scope), `${body}\nreturn { summary, queued }`)(...Object.values(scope))
  return result as { readonly summary: Reminders.Summary; readonly queued: ReadonlyArray<OutboxStore.OutboxEntry> }
}

describe("docs/notifications.md: the reminders example", () => {
  it("runs as written, twice, and gives what its comments say", async () => {
    expect(block.imports).toBe(
      `import { Actor, DemandConfig, Demands, GridConfig, Grids, MemoryStore, Notify, OutboxStore, Reminders } from "@jiceng/core"\nimport { Effect, Layer } from "effect"\n`
    )
    for (let i = 0; i < 2; i++) {
      const { queued, summary } = await run()
      expect(block.body).toContain(`summary.swept: ${summary.swept.join(", ")} (the domains in context)`)
      const counts = Object.entries(summary.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ")
      expect(block.body).toContain(`summary.counts: ${counts}`)
      const first = summary.notifications[0]!
      expect(block.body).toContain(`summary.notifications[0].subject: "${first.subject}", to ${first.to.map((p) => p.id).join(", ")}`)
      expect(block.body).toContain(`queued: ${queued.map((e) => e.id).join(" · ")}`)
      expect(queued.every((e) => e.backend === "webhook")).toBe(true)
    }
  })
})
