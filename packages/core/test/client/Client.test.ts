// The Promise facade: plain async/await, no Effect in the caller's code.
import { describe, expect, it } from "vitest"
import { Actor, Client, type GridCommand, IdempotencyConflict, MemoryStore, RuleViolation, ValidationError } from "@jiceng/core"
import { StorePorts } from "@jiceng/testkit"
import { Effect } from "effect"

const admin = Actor.system("131102")
const base: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" }
]

describe("Client", () => {
  it("writes and reads with Promises; Option results are plain values", async () => {
    const jiceng = Client.make({ store: MemoryStore.layer })
    try {
      const changes = await jiceng.grids.executeAll(admin, base)
      expect(changes).toHaveLength(2)
      expect(await jiceng.grids.countByLevel(admin, { at: "2024-01-01" })).toEqual([
        { level: 0, count: 1 },
        { level: 1, count: 1 }
      ])
      expect((await jiceng.grids.resolve(admin, "131102001", "2024-01-01"))?.name).toBe("河西街道")
      expect(await jiceng.grids.resolve(admin, "131102009", "2024-01-01")).toBeUndefined()
    } finally {
      await jiceng.dispose()
    }
  })

  it("rejects with the typed error itself, and nothing is written", async () => {
    const jiceng = Client.make({ store: MemoryStore.layer })
    try {
      await jiceng.grids.executeAll(admin, base)
      const error = await jiceng.grids
        .execute(admin, { _tag: "CreateGrid", code: "131102001", name: "河西", parentCode: "131102", validFrom: "2024-01-01" })
        .then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(RuleViolation.RuleViolation)
      expect(error).toMatchObject({ _tag: "RuleViolation", field: "code", rule: "grid.code-unique" })
      const bad = await jiceng.grids.executeUnknown(admin, { _tag: "CreateGrid", code: "x" }).catch((e: unknown) => e)
      expect(bad).toMatchObject({ _tag: "ValidationError" })
      const audit = await jiceng.run(
        Effect.flatMap(StorePorts.all, (store) => store.audit.list(admin.tenant, { afterSeq: 0, limit: 100 }))
      )
      expect(audit).toHaveLength(2)
    } finally {
      await jiceng.dispose()
    }
  })

  it("a malformed actor or command is a ValidationError naming the field, typed input checks at compile time", async () => {
    const jiceng = Client.make({ store: MemoryStore.layer })
    try {
      // Plain strings type-check as input; the service brands and checks them.
      const command: GridCommand.Input = {
        _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01"
      }
      const noRoles = await jiceng.grids.execute({ id: "x", tenant: "131102", scope: "131102" } as never, command)
        .catch((e: unknown) => e)
      expect(noRoles).toBeInstanceOf(ValidationError.ValidationError)
      expect(noRoles).toMatchObject({ field: "actor.roles" })
      const noActor = await jiceng.grids.countByLevel(undefined as never).catch((e: unknown) => e)
      expect(noActor).toMatchObject({ _tag: "ValidationError", field: "actor" })
      const lineage = await jiceng.grids.lineage(admin, "131102@2023-01-01")
      expect(lineage).toBeUndefined()
      // A scope must be a whole grid code, not any prefix of one.
      const prefix = Actor.make({ id: "p", tenant: "131102", roles: ["admin"], scope: "1311020" })
      expect(await jiceng.grids.countByLevel(prefix).catch((e: unknown) => e)).toMatchObject({
        _tag: "ValidationError", field: "actor.scope", rule: "actor.scope"
      })
    } finally {
      await jiceng.dispose()
    }
  })

  it("after dispose, calls reject with an Error that has a _tag", async () => {
    const jiceng = Client.make({ store: MemoryStore.layer })
    await jiceng.dispose()
    const error = await jiceng.grids.countByLevel(admin).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).toHaveProperty("_tag")
  })

  it("keeps one store for its lifetime and takes a grid configuration", async () => {
    const jiceng = Client.make({ store: MemoryStore.layer, grids: { workerCategories: [] } })
    try {
      await jiceng.grids.executeAll(admin, base)
      expect(await jiceng.grids.subtree(admin, { at: "2024-01-01" })).toHaveLength(2)
      const error = await jiceng.grids
        .executeAll(admin, [{
          _tag: "RegisterWorker", id: "W1", name: "张三", category: "full_time_grid_worker", communityCode: "131102001",
          employment: "full_time", at: "2023-01-01"
        }])
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ _tag: "RuleViolation", rule: "worker.category", field: "category", row: 1 })
    } finally {
      await jiceng.dispose()
    }
  })

  it("takes the deployment's own roles", async () => {
    const jiceng = Client.make({
      store: MemoryStore.layer,
      access: {
        roles: {
          street_admin: { zh: "街道管理员", en: "Street administrator", grants: ["grid:*"] },
          resident_viewer: { zh: "居民查看", en: "Resident viewer", grants: ["grid:read"] }
        }
      }
    })
    try {
      const street = Actor.make({ id: "hexi", tenant: "131102", roles: ["street_admin"] })
      await jiceng.grids.executeAll(street, base)
      const viewer = Actor.make({ id: "v", tenant: "131102", roles: ["resident_viewer"] })
      expect(await jiceng.grids.countByLevel(viewer, { at: "2024-01-01" })).toHaveLength(2)
      expect(await jiceng.grids.execute(viewer, { _tag: "RenameGrid", code: "131102001", name: "x", at: "2024-01-01" })
        .catch((e: unknown) => e)).toMatchObject({ _tag: "Forbidden", reason: "role" })
      // The default roles are not this deployment's; the platform's own system actor works under any policy.
      const defaultAdmin = Actor.make({ id: "a", tenant: "131102", roles: ["admin"] })
      expect(await jiceng.grids.countByLevel(defaultAdmin).catch((e: unknown) => e)).toMatchObject({
        _tag: "ValidationError", field: "actor.roles.0", rule: "actor.role"
      })
      expect(await jiceng.grids.countByLevel(admin, { at: "2024-01-01" })).toHaveLength(2)
    } finally {
      await jiceng.dispose()
    }
  })

  it("keyed writes: a retry after a timeout resolves with the first result, other content rejects with IdempotencyConflict", async () => {
    const jiceng = Client.make({ store: MemoryStore.layer })
    try {
      const created = await jiceng.grids.executeAllKeyed(admin, "req-1", base)
      // The client timed out and sends the same request again: the same result, nothing written twice.
      expect(await jiceng.grids.executeAllKeyed(admin, "req-1", base)).toStrictEqual(created)
      const rename: GridCommand.Input = { _tag: "RenameGrid", code: "131102001", name: "河西", at: "2024-01-01" }
      const renamed = await jiceng.grids.executeKeyed(admin, "req-2", rename)
      expect(await jiceng.grids.executeKeyed(admin, "req-2", rename)).toStrictEqual(renamed)
      const conflict = await jiceng.grids.executeKeyed(admin, "req-2", { ...rename, name: "河东" }).catch((e: unknown) => e)
      expect(conflict).toBeInstanceOf(IdempotencyConflict.IdempotencyConflict)
      expect(conflict).toMatchObject({ _tag: "IdempotencyConflict", key: "req-2", field: "key" })
      const audit = await jiceng.run(
        Effect.flatMap(StorePorts.all, (store) => store.audit.list(admin.tenant, { afterSeq: 0, limit: 100 }))
      )
      expect(audit).toHaveLength(3)
      // Every service has them.
      const top = { _tag: "FormOrganisation", id: "top", kind: "committee", name: "区委", parentId: null, sector: "organ", grids: [], validFrom: "2023-01-01" } as const
      const formed = await jiceng.organisations.executeKeyed(admin, "req-1", top)
      expect(await jiceng.organisations.executeAllKeyed(admin, "req-3", [top]).catch((e: unknown) => e)).toMatchObject({
        _tag: "RuleViolation"
      })
      expect(await jiceng.organisations.executeKeyed(admin, "req-1", top)).toStrictEqual(formed)
      expect(await jiceng.coconstruction.executeAllKeyed(admin, "req-1", [])).toEqual([])
    } finally {
      await jiceng.dispose()
    }
  })
  it("the volunteer ledger with Promises: a retry resolves with the first entry; a calendar that contradicts itself is refused when the client is made", async () => {
    // 2024's National Day: 10-01 to 10-07 off, Saturday 10-12 worked.
    const calendar = { holidays: ["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07"], workdays: ["2024-10-12"] }
    const jiceng = Client.make({ store: MemoryStore.layer, calendar: calendar as never, ledger: { issuer: "桃城区志愿服务联合会" } })
    try {
      await jiceng.grids.executeAll(admin, [...base, { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2023-01-01" }])
      await jiceng.ledger.executeAll(admin, [
        { _tag: "RegisterVolunteer", id: "v1", name: "王建国", gridCode: "131102001001", registeredOn: "2024-01-02" },
        { _tag: "RegisterActivity", id: "a1", name: "国庆值守", category: "community", organiser: "明珠社区党委", personInCharge: "赵敏", gridCode: "131102001001", servicePoint: "sp1", registeredOn: "2024-09-01" }
      ])
      const session = { _tag: "RecordService", key: "s1", volunteerId: "v1", activityId: "a1", startsAt: "2024-09-27T09:00", endsAt: "2024-09-27T11:00", content: "值守" } as const
      // Recorded today (the real clock): long after 2024-10-16, the deadline across the holiday.
      expect(() => Client.make({ store: MemoryStore.layer, calendar: { holidays: ["2024-10-12"], workdays: ["2024-10-12"] } as never }))
        .toThrow(expect.objectContaining({ _tag: "ValidationError", rule: "working-calendar.clash" }))
      const first = await jiceng.ledger.execute(admin, session)
      expect(first).toMatchObject({ _tag: "Appended", replayed: false, entries: [{ seq: 1, minutes: 120, late: true }] })
      expect(await jiceng.ledger.execute(admin, session)).toEqual({ ...first, replayed: true })
      const conflict = await jiceng.ledger.execute(admin, { ...session, content: "其他" }).catch((e: unknown) => e)
      expect(conflict).toBeInstanceOf(IdempotencyConflict.IdempotencyConflict)
      const issued = await jiceng.ledger.execute(admin, { _tag: "IssueCertificate", key: "c1", volunteerId: "v1", from: "2024-09-01", to: "2024-09-30" })
      expect(issued).toMatchObject({ _tag: "CertificateIssued", certificate: { issuer: "桃城区志愿服务联合会", minutes: 120 } })
      expect(await jiceng.ledger.verify(admin)).toMatchObject({ entries: 1, broken: null })
    } finally {
      await jiceng.dispose()
    }
  })
})
