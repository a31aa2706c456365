// Two clients on one SQLite file (two connections) sending a write with the same
// idempotency key at the same time, as two application servers would after a client's
// retry: the database's write lock lets one in, the other waits for it and then finds its
// record, so the write happens once and both get its result.
import { describe, expect, it } from "@effect/vitest"
import { Actor, AuditLog, Client, type Tenant } from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { GridIntents } from "@jiceng/testkit"
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const tenant = "131102"
const admin = Actor.system(tenant)

const household = (i: number) => ({
  _tag: "PlacePlace" as const,
  id: `H${i}`,
  kind: "household" as const,
  name: `户${i}`,
  gridCode: `${tenant}001001001001001`,
  at: "2024-01-01"
})

const auditLength = (client: Client.Client) =>
  client.run(Effect.flatMap(AuditLog.AuditLog, (log) => log.list(tenant as Tenant.Tenant, { afterSeq: 0, limit: Infinity })))
    .then((entries) => entries.length)

/** A batch long enough that its transaction gives the event loop turns (every 500 commands) while it holds the lock. */
const households = (from: number) => Array.from({ length: 1_500 }, (_, i) => household(from + i))

describe("SqliteStore: one key from two connections at once", () => {
  it("writes once; both clients get the first result, or a conflict for other content", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jiceng-keyed-"))
    const filename = join(dir, "store.db")
    const a = Client.make({ store: SqliteStore.layer({ filename }) })
    const b = Client.make({ store: SqliteStore.layer({ filename }) })
    try {
      await a.grids.executeAllUnknown(admin, GridIntents.baseTree(tenant, "2023-01-01"))
      // The second client opens (and finds the migrations done) before the races start.
      const before = await auditLength(b)
      // The second call starts while the first holds the write lock: it waits, then finds the record.
      const [first, second] = await Promise.all([
        a.grids.executeAllKeyed(admin, "same", households(0)),
        b.grids.executeAllKeyed(admin, "same", households(0))
      ])
      expect(second).toEqual(first)
      expect(first).toHaveLength(1_500)
      expect(await auditLength(a)).toBe(before + 1_500)

      const contested = await Promise.allSettled([
        a.grids.executeAllKeyed(admin, "contested", households(10_000)),
        b.grids.executeAllKeyed(admin, "contested", households(20_000))
      ])
      expect(contested.filter((r) => r.status === "fulfilled")).toHaveLength(1)
      const [lost] = contested.filter((r): r is PromiseRejectedResult => r.status === "rejected")
      expect(lost?.reason).toMatchObject({ _tag: "IdempotencyConflict", key: "contested" })
      expect(await auditLength(b)).toBe(before + 3_000)
    } finally {
      await a.dispose()
      await b.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
