import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, TestClock } from "effect"
import { Actor, GridConfig, type GridCommand, Grids, MemoryStore } from "@jiceng/core"
import { StorePorts } from "@jiceng/testkit"

const tenant = "131102"
const admin = Actor.system(tenant)
const layer = Grids.layer.pipe(Layer.provideMerge(Layer.merge(MemoryStore.layer, GridConfig.layer())))

const base: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002", name: "河东街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002001", name: "锦华社区", parentCode: "131102002", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001001", name: "一片区", parentCode: "131102001001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001001001", name: "锦绣花园", parentCode: "131102001001001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001001001001", name: "1号楼1单元", parentCode: "131102001001001001", validFrom: "2023-01-01" }
]

/** Everything a store holds for the tenant, to prove a refusal wrote nothing. */
const snapshot = Effect.gen(function*() {
  const store = yield* StorePorts.all
  return {
    grids: yield* store.grids.history(admin.tenant, tenant),
    links: yield* store.places.history(admin.tenant, tenant),
    assignments: yield* store.workers.history(admin.tenant, tenant),
    audit: yield* store.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })
  }
})

const refused = (command: Record<string, unknown>) =>
  Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const before = yield* snapshot
    const result = yield* Effect.either(grids.executeUnknown(admin, command))
    expect(yield* snapshot).toEqual(before)
    if (Either.isRight(result)) throw new Error("expected a refusal")
    return result.left
  })

describe("Grids", () => {
  it.layer(layer)("bad input", (it) => {
    it.effect("builds the base tree", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.executeAll(admin, base)
        const counts = yield* grids.countByLevel(admin, { at: "2024-01-01" })
        expect(counts).toEqual([
          { level: 0, count: 1 },
          { level: 1, count: 2 },
          { level: 2, count: 2 },
          { level: 3, count: 1 },
          { level: 4, count: 1 },
          { level: 5, count: 1 }
        ])
      }))

    it.effect("malformed code: ValidationError naming the field", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "13110x", name: "x", parentCode: "131102", validFrom: "2023-02-01" })
        expect(e._tag).toBe("ValidationError")
        expect(e).toMatchObject({ field: "code", rule: "grid.code-format" })
      }))

    it.effect("bad date: ValidationError naming the field", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "131102003", name: "路北街道", parentCode: "131102", validFrom: "2023-02-30" })
        expect(e).toMatchObject({ _tag: "ValidationError", field: "validFrom", rule: "date.format" })
      }))

    it.effect("unknown parent", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "131102009001", name: "x", parentCode: "131102009", validFrom: "2023-02-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", field: "parentCode", rule: "grid.parent-exists" })
      }))

    it.effect("wrong level", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "131102003", name: "路北街道", parentCode: "131102", level: 2, validFrom: "2023-02-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", field: "level", rule: "grid.level" })
      }))

    it.effect("code not extending the parent's", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "131102002002", name: "x", parentCode: "131102001", validFrom: "2023-02-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", field: "code", rule: "grid.code-prefix" })
      }))

    it.effect("township segment outside 001–599", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "131102700", name: "x", parentCode: "131102", validFrom: "2023-02-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.township-code" })
      }))

    it.effect("duplicate code / overlapping validity", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "CreateGrid", code: "131102001", name: "河西", parentCode: "131102", validFrom: "2024-01-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", field: "code", rule: "grid.code-unique" })
      }))

    it.effect("cycle: a grid moved under its own descendant", () =>
      Effect.gen(function*() {
        const e = yield* refused({ _tag: "MoveGrid", code: "131102001", newParentCode: "131102001001", at: "2024-01-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", field: "newParentCode", rule: "grid.cycle" })
      }))

    it.effect("move under a parent that ends later: the grid would outlive it", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, {
          _tag: "CreateGrid", code: "131102002002", name: "临时社区", parentCode: "131102002", validFrom: "2023-03-01",
          validTo: "2025-03-01"
        })
        const e = yield* refused({ _tag: "MoveGrid", code: "131102001001001", newParentCode: "131102002002", at: "2024-01-01" })
        expect(e).toMatchObject({ _tag: "RuleViolation", field: "newParentCode", rule: "grid.within-parent" })
      }))

    it.effect("outside the actor's scope: Forbidden", () =>
      Effect.gen(function*() {
        const streetAdmin = Actor.make({ id: "hexi", tenant, roles: ["admin"], scope: "131102001" })
        const grids = yield* Grids.Grids
        const before = yield* snapshot
        const e = yield* Effect.flip(
          grids.execute(streetAdmin, { _tag: "RenameGrid", code: "131102002001", name: "新名", at: "2024-01-01" })
        )
        expect(e).toMatchObject({ _tag: "Forbidden", reason: "scope", target: "131102002001" })
        expect(yield* snapshot).toEqual(before)
      }))

    it.effect("a batch fails whole, naming the row", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        const before = yield* snapshot
        const e = yield* Effect.flip(
          grids.executeAll(admin, [
            { _tag: "CreateGrid", code: "131102003", name: "路北街道", parentCode: "131102", validFrom: "2023-02-01" },
            { _tag: "CreateGrid", code: "131102003001", name: "x", parentCode: "131102004", validFrom: "2023-02-01" }
          ])
        )
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.parent-exists", row: 2 })
        expect(yield* snapshot).toEqual(before)
      }))

    it.effect("rename keeps the code; as-of resolution sees both names", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, { _tag: "RenameGrid", code: "131102001001", name: "明珠花园社区", at: "2024-06-01" })
        const before = yield* grids.resolve(admin, "131102001001", "2024-05-31")
        const after = yield* grids.resolve(admin, "131102001001", "2024-06-01")
        expect(Option.map(before, (g) => g.name)).toEqual(Option.some("明珠社区"))
        expect(Option.map(after, (g) => g.name)).toEqual(Option.some("明珠花园社区"))
        const lineage = yield* grids.lineage(admin, Option.getOrThrow(after).id)
        expect(Option.map(lineage, (l) => l.predecessors.map((g) => g.name))).toEqual(Option.some(["明珠社区"]))
      }))

    it.effect("move recodes the subtree and carries places along", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, {
          _tag: "PlacePlace", id: "H1", kind: "household", name: "张家", address: "河西街道明珠社区1号楼1单元101",
          gridCode: "131102001001001001001", at: "2024-01-01"
        })
        yield* grids.execute(admin, { _tag: "MoveGrid", code: "131102001001001", newParentCode: "131102002001", at: "2025-01-01" })
        const then = yield* grids.gridOfPlace(admin, "H1", "2024-12-31")
        const now = yield* grids.gridOfPlace(admin, "H1", "2025-01-01")
        expect(Option.map(then, (g) => g.code)).toEqual(Option.some("131102001001001001001"))
        expect(Option.map(now, (g) => g.code)).toEqual(Option.some("131102002001001001001"))
      }))

    it.effect("personal data: masked for readers without pii:read; unmasked reads are audited", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, {
          _tag: "RegisterWorker", id: "W1", name: "李四", category: "community_worker", employment: "full_time",
          communityCode: "131102001001", phone: "13812345678", citizenId: "11010519491231002X", at: "2023-01-01"
        })
        const viewer = Actor.make({ id: "v", tenant, roles: ["viewer"] })
        const store = yield* StorePorts.all
        // Contact data is shown while the worker is in scope today.
        yield* TestClock.setTime(Date.parse("2024-06-01T00:00:00Z"))
        const seqBefore = (yield* store.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })).length
        const masked = Option.getOrThrow(yield* grids.worker(viewer, "W1", "2024-01-01"))
        expect(masked.phone).toBe("138****5678")
        expect(masked.citizenId).toBe("110105********002X")
        const place = Option.getOrThrow(yield* grids.place(viewer, "H1"))
        expect(place.address).not.toContain("101")
        // A household's name is a resident's: masked too, and never in the audit log.
        expect(place.name).toBe("张*")
        expect((yield* store.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })).length).toBe(seqBefore)
        const full = Option.getOrThrow(yield* grids.worker(admin, "W1", "2024-01-01"))
        expect(full.phone).toBe("13812345678")
        const log = yield* store.audit.list(admin.tenant, { afterSeq: seqBefore, limit: 10 })
        expect(log.map((e) => [e.action, e.target])).toEqual([["ReadWorkerPii", "W1"]])
        const all = yield* store.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })
        expect(all.some((e) => e.detail.includes("13812345678") || e.detail.includes("11010519491231002X"))).toBe(false)
        expect(all.some((e) => e.detail.includes("张家"))).toBe(false)
      }))

    it.effect("masks whatever is stored, values with line breaks too; lineage stays in scope", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        const store = yield* StorePorts.all
        // Data written around the service (an import into the store): odd shapes.
        yield* store.transaction(admin.tenant, store.workers.put([{
          tenant: admin.tenant, id: "W6" as never, name: "赵六", phone: "138\n1234\n5678", citizenId: "11010519\n491231002X"
        }]))
        const viewer = Actor.make({ id: "v", tenant, roles: ["viewer"] })
        const masked = Option.getOrThrow(yield* grids.worker(viewer, "W1", "2024-01-01"))
        expect(masked.phone).toBe("138****5678")
        yield* store.transaction(admin.tenant, store.workers.addTerms([{
          tenant: admin.tenant, workerId: "W6" as never, category: "volunteer", communityCode: "131102001001" as never,
          employment: "part_time", validFrom: "2023-01-01" as never, validTo: null, change: "register"
        }]))
        const odd = Option.getOrThrow(yield* grids.worker(viewer, "W6", "2024-01-01"))
        for (const value of [odd.phone!, odd.citizenId!]) {
          expect(value).not.toMatch(/\n/)
          expect(value.replace(/\*/g, "").length).toBeLessThanOrEqual(4)
        }
        // A compound of 河西 moved to 河东 (2025): a 河东 viewer sees the new version, and its
        // lineage without the predecessor outside their scope.
        const hedong = Actor.make({ id: "hd", tenant, roles: ["viewer"], scope: "131102002" })
        const moved = Option.getOrThrow(yield* grids.resolve(admin, "131102002001001", "2025-01-01"))
        const lineage = Option.getOrThrow(yield* grids.lineage(hedong, moved.id))
        expect(lineage.predecessors).toEqual([])
        expect(Option.getOrThrow(yield* grids.lineage(admin, moved.id)).predecessors.map((g) => g.code)).toEqual([
          "131102001001001"
        ])
        expect(yield* Effect.flip(grids.lineage(hedong, "131102001001001@2023-01-01"))).toMatchObject({
          _tag: "Forbidden", reason: "scope"
        })
      }))

    it.effect("a viewer cannot write", () =>
      Effect.gen(function*() {
        const viewer = Actor.make({ id: "v", tenant, roles: ["viewer"] })
        const grids = yield* Grids.Grids
        const e = yield* Effect.flip(grids.execute(viewer, { _tag: "RenameGrid", code: "131102001", name: "x", at: "2025-02-01" }))
        expect(e).toMatchObject({ _tag: "Forbidden", reason: "role" })
      }))
  })

  it.layer(layer)("planned ends and backdating", (it) => {
    const temporary: ReadonlyArray<GridCommand.Input> = [
      ...base.slice(0, 2),
      { _tag: "CreateGrid", code: "131102002", name: "临时街道", parentCode: "131102", validFrom: "2023-01-01", validTo: "2027-01-01" },
      { _tag: "CreateGrid", code: "131102002001", name: "临时社区", parentCode: "131102002", validFrom: "2023-01-01" },
      { _tag: "CreateGrid", code: "131102002002", name: "另一社区", parentCode: "131102002", validFrom: "2023-01-01" }
    ]

    it.effect("a planned end is not a later change: the grid closes early, its children move before it", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.executeAll(admin, temporary)
        yield* grids.execute(admin, { _tag: "MoveGrid", code: "131102002001", newParentCode: "131102001", at: "2026-06-01" })
        const moved = yield* grids.resolve(admin, "131102001001", "2026-06-01")
        // It was created under a parent that ends in 2027; that end came along.
        expect(Option.map(moved, (g) => [g.name, g.validTo])).toEqual(Option.some(["临时社区", "2027-01-01"]))
        yield* grids.executeAll(admin, [
          { _tag: "CloseGrid", code: "131102002002", at: "2026-07-01" },
          { _tag: "CloseGrid", code: "131102002", at: "2026-07-01" }
        ])
        expect(yield* grids.resolve(admin, "131102002", "2026-07-01")).toEqual(Option.none())
        expect(Option.map(yield* grids.resolve(admin, "131102002", "2026-06-30"), (g) => g.validTo)).toEqual(
          Option.some("2026-07-01")
        )
      }))

    it.effect("a change before one already recorded in the subtree is refused", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, { _tag: "RenameGrid", code: "131102001001", name: "迁入社区", at: "2026-08-01" })
        const late = yield* refused({ _tag: "CloseGrid", code: "131102001001", at: "2026-07-15" })
        expect(late).toMatchObject({ _tag: "RuleViolation", field: "at", rule: "grid.backdated" })
        // The moved grid's old version was replaced by the move: closing the old code before it is refused.
        const replaced = yield* refused({ _tag: "CloseGrid", code: "131102002001", at: "2026-01-01" })
        expect(replaced).toMatchObject({ _tag: "RuleViolation", field: "at", rule: "grid.backdated" })
        expect(replaced.message).toContain("replaced by a later change on 2026-06-01")
      }))
  })

  it.layer(layer)("scope and later changes", (it) => {
    const hexi = Actor.make({ id: "hexi", tenant, roles: ["grid_manager"], scope: "131102001" })
    const sector = Actor.make({ id: "pian", tenant, roles: ["grid_manager"], scope: "131102001001001" })

    it.effect("a split's parts must lie in the actor's scope", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.executeAll(admin, base)
        const e = yield* Effect.flip(grids.execute(sector, {
          _tag: "SplitGrid", code: "131102001001001", at: "2024-01-01",
          parts: [
            { code: "131102001001005", name: "甲", children: ["131102001001001001"], places: [] },
            { code: "131102001001006", name: "乙", children: [], places: [] }
          ]
        }))
        expect(e).toMatchObject({ _tag: "Forbidden", reason: "scope", target: "131102001001005" })
      }))

    it.effect("a batch's Forbidden names the row", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        const e = yield* Effect.flip(grids.executeAll(hexi, [
          { _tag: "RenameGrid", code: "131102001001", name: "明珠", at: "2024-02-01" },
          { _tag: "RenameGrid", code: "131102002001", name: "锦华", at: "2024-02-01" }
        ]))
        expect(e).toMatchObject({ _tag: "Forbidden", reason: "scope", row: 2 })
      }))

    it.effect("a worker registered elsewhere cannot be taken over from outside their community's scope", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* TestClock.setTime(Date.parse("2024-06-01T00:00:00Z"))
        yield* grids.executeAll(admin, [
          {
            _tag: "RegisterWorker", id: "W9", name: "王五", category: "community_worker", employment: "full_time",
            communityCode: "131102002001", at: "2024-01-01"
          },
          {
            _tag: "AssignWorker", workerId: "W9", gridCode: "131102002001", post: "网格长", responsible: true,
            duties: ["走访"], at: "2024-01-01"
          }
        ])
        const e = yield* Effect.flip(grids.execute(hexi, {
          _tag: "RegisterWorker", id: "W9", name: "冒名", category: "community_worker", employment: "full_time",
          communityCode: "131102001001", at: "2024-06-01"
        }))
        // The refusal names the worker, not where they work (outside the actor's scope).
        expect(e).toMatchObject({ _tag: "Forbidden", reason: "scope", target: "W9" })
        expect((e as { readonly message: string }).message).not.toContain("131102002")
        const moving = yield* refused({
          _tag: "RegisterWorker", id: "W9", name: "王五", category: "community_worker", employment: "full_time",
          communityCode: "131102001001", at: "2024-06-01"
        })
        expect(moving).toMatchObject({ _tag: "RuleViolation", rule: "worker.one-community", field: "communityCode" })
        // An assignment that starts later counts too.
        yield* grids.executeAll(admin, [
          {
            _tag: "RegisterWorker", id: "W10", name: "周八", category: "community_worker", employment: "part_time",
            communityCode: "131102002001", at: "2024-01-01"
          },
          {
            _tag: "AssignWorker", workerId: "W10", gridCode: "131102002001", post: "网格员", responsible: false,
            duties: ["走访"], at: "2024-09-01"
          }
        ])
        const later = yield* refused({
          _tag: "RegisterWorker", id: "W10", name: "周八", category: "community_worker", employment: "part_time",
          communityCode: "131102001001", at: "2024-06-01"
        })
        expect(later).toMatchObject({ rule: "worker.one-community" })
      }))

    it.effect("structure is not dated before a later change; places and assignments are carried by it", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, { _tag: "MoveGrid", code: "131102001001001", newParentCode: "131102002001", at: "2025-01-01" })
        const old = "131102001001001"
        const rename = yield* refused({ _tag: "RenameGrid", code: old, name: "旧片区", at: "2024-09-01" })
        expect(rename).toMatchObject({ rule: "grid.backdated", field: "at" })
        const create = yield* refused({
          _tag: "CreateGrid", code: `${old}009`, name: "补录小区", parentCode: old, validFrom: "2024-09-01"
        })
        expect(create).toMatchObject({ rule: "grid.backdated", field: "validFrom" })
        // A building placed before the move moves with its compound.
        yield* grids.execute(admin, {
          _tag: "PlacePlace", id: "P8", kind: "residential_building", name: "补录楼宇", gridCode: `${old}001`, at: "2024-09-01"
        })
        expect(Option.map(yield* grids.gridOfPlace(admin, "P8", "2024-12-31"), (g) => g.code)).toEqual(Option.some(`${old}001`))
        expect(Option.map(yield* grids.gridOfPlace(admin, "P8", "2025-01-01"), (g) => g.code)).toEqual(
          Option.some("131102002001001001")
        )
        // A worker of the old community assigned there before the move keeps the post until
        // the sector leaves their community, as the move ended the posts it found.
        yield* grids.execute(admin, {
          _tag: "RegisterWorker", id: "W8", name: "赵六", category: "community_worker", employment: "part_time",
          communityCode: "131102001001", at: "2024-01-01"
        })
        const [assigned] = yield* grids.executeAll(admin, [{
          _tag: "AssignWorker", workerId: "W8", gridCode: `${old}001`, post: "楼栋长", responsible: false, duties: ["走访"],
          at: "2024-09-01"
        }])
        expect(assigned!.newAssignments.map((a) => [a.gridCode, a.validFrom, a.validTo])).toEqual([
          [`${old}001`, "2024-09-01", "2025-01-01"]
        ])
      }))

    it.effect("a place leaves a temporary grid before its planned end", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        const sector = "131102002001001"
        yield* grids.executeAll(admin, [
          { _tag: "CreateGrid", code: `${sector}002`, name: "临时小区", parentCode: sector, validFrom: "2025-02-01", validTo: "2030-01-01" },
          { _tag: "PlacePlace", id: "P7", kind: "merchant", name: "临时商户", gridCode: `${sector}002`, at: "2025-03-01" },
          { _tag: "PlacePlace", id: "P7", kind: "merchant", name: "临时商户", gridCode: `${sector}001`, at: "2026-01-01" }
        ])
        expect(Option.map(yield* grids.gridOfPlace(admin, "P7", "2025-12-31"), (g) => g.code)).toEqual(Option.some(`${sector}002`))
        expect(Option.map(yield* grids.gridOfPlace(admin, "P7", "2026-01-01"), (g) => g.code)).toEqual(Option.some(`${sector}001`))
      }))

    it.effect("a worker follows a community that was recoded, and a split reuses a code after the planned end", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.executeAll(admin, [
          { _tag: "CreateGrid", code: "131102002005", name: "新社区", parentCode: "131102002", validFrom: "2024-01-01" },
          { _tag: "CreateGrid", code: "131102002005001", name: "一片", parentCode: "131102002005", validFrom: "2024-01-01" },
          {
            _tag: "RegisterWorker", id: "W5", name: "孙七", category: "community_worker", employment: "full_time",
            communityCode: "131102002005", at: "2024-01-01"
          },
          {
            _tag: "AssignWorker", workerId: "W5", gridCode: "131102002005001", post: "片长", responsible: false,
            duties: ["走访"], at: "2024-02-01"
          },
          { _tag: "MoveGrid", code: "131102002005", newParentCode: "131102001", segment: "005", at: "2025-01-01" }
        ])
        // The assignment moved with its grid, and the worker's term with their community.
        const moved = Option.getOrThrow(yield* grids.worker(admin, "W5", "2025-01-01"))
        expect([moved.communityCode, moved.validFrom]).toEqual(["131102001005", "2025-01-01"])
        expect(Option.map(yield* grids.worker(admin, "W5", "2024-12-31"), (w) => w.communityCode)).toEqual(
          Option.some("131102002005")
        )
        const alerts = yield* grids.check(admin, { root: "131102001005", at: "2025-06-01" })
        expect(alerts.filter((a) => a.kind === "outside-community")).toEqual([])
        // A sector with a planned end splits into a part whose code is taken only after that end.
        yield* grids.executeAll(admin, [
          { _tag: "CreateGrid", code: "131102001005002", name: "临时片", parentCode: "131102001005", validFrom: "2025-02-01", validTo: "2026-01-01" },
          { _tag: "CreateGrid", code: "131102001005003", name: "后来片", parentCode: "131102001005", validFrom: "2026-01-01" },
          {
            _tag: "SplitGrid", code: "131102001005002", at: "2025-03-01",
            parts: [
              { code: "131102001005002", name: "甲", children: [], places: [] },
              { code: "131102001005003", name: "乙", children: [], places: [] }
            ]
          }
        ])
        expect(Option.map(yield* grids.resolve(admin, "131102001005003", "2025-03-01"), (g) => g.validTo)).toEqual(
          Option.some("2026-01-01")
        )
      }))

    it.effect("a place is read only where it is (or was last), never from another subtree", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* grids.execute(admin, {
          _tag: "PlacePlace", id: "P9", kind: "merchant", name: "未来商户", address: "河东街道锦华社区88号",
          gridCode: "131102002001001001", at: "2099-01-01"
        })
        // Today it is in no grid yet: it belongs where it will be.
        const hedong = Actor.make({ id: "hedong", tenant, roles: ["admin"], scope: "131102002" })
        expect(yield* grids.place(hexi, "P9")).toEqual(Option.none())
        expect(Option.map(yield* grids.place(hedong, "P9"), (p) => p.name)).toEqual(Option.some("未来商户"))
      }))
  })

  it.layer(layer)("reads of past days", (it) => {
    it.effect("contact data is kept as it is now: withheld on a past day once the worker or place left the scope", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* TestClock.setTime(Date.parse("2026-01-01T00:00:00Z"))
        yield* grids.executeAll(admin, base).pipe(Effect.ignore)
        const hedong = Actor.make({ id: "hd", tenant, roles: ["admin"], scope: "131102002" })
        yield* grids.executeAll(admin, [
          { _tag: "CreateGrid", code: "131102002001001", name: "锦华一片", parentCode: "131102002001", validFrom: "2023-01-01" },
          { _tag: "CreateGrid", code: "131102002001001001", name: "锦华小区", parentCode: "131102002001001", validFrom: "2023-01-01" },
          { _tag: "CreateGrid", code: "131102002001001001001", name: "9号楼1单元", parentCode: "131102002001001001", validFrom: "2023-01-01" },
          {
            _tag: "RegisterWorker", id: "W11", name: "郑十", category: "volunteer", employment: "part_time",
            communityCode: "131102002001", phone: "13912345678", at: "2025-01-01"
          },
          {
            _tag: "RegisterWorker", id: "W11", name: "郑十", category: "volunteer", employment: "part_time",
            communityCode: "131102001001", phone: "13912345678", at: "2025-06-01"
          },
          {
            _tag: "PlacePlace", id: "H11", kind: "household", name: "郑家", address: "锦华社区9号楼", at: "2025-01-01",
            gridCode: "131102002001001001001"
          },
          {
            _tag: "PlacePlace", id: "H11", kind: "household", name: "郑家", address: "明珠社区1号楼", at: "2025-06-01",
            gridCode: "131102001001001001001"
          }
        ])
        // 河东 saw them in the spring of 2025; what they are now belongs to 河西.
        const worker = Option.getOrThrow(yield* grids.worker(hedong, "W11", "2025-03-01"))
        expect([worker.communityCode, worker.phone]).toEqual(["131102002001", null])
        const place = Option.getOrThrow(yield* grids.place(hedong, "H11", "2025-03-01"))
        expect([place.name, place.address]).toEqual(["***", null])
        // 河西 sees them today, with their data.
        const hexiAdmin = Actor.make({ id: "hx", tenant, roles: ["admin"], scope: "131102001" })
        expect(Option.map(yield* grids.worker(hexiAdmin, "W11"), (w) => w.phone)).toEqual(Option.some("13912345678"))
        expect(Option.map(yield* grids.place(hexiAdmin, "H11"), (p) => p.address)).toEqual(Option.some("明珠社区1号楼"))
      }))

    it.effect("a worker is seen from a grid they serve in scope, not only from their community", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        yield* TestClock.setTime(Date.parse("2026-01-01T00:00:00Z"))
        yield* grids.executeAll(admin, base).pipe(Effect.ignore)
        const compound = "131102001001001001"
        const manager = Actor.make({ id: "xq", tenant, roles: ["grid_manager"], scope: compound })
        yield* grids.executeAll(admin, [
          {
            _tag: "RegisterWorker", id: "W12", name: "钱二", category: "volunteer", employment: "part_time",
            communityCode: "131102001001", at: "2025-01-01"
          },
          {
            _tag: "AssignWorker", workerId: "W12", gridCode: compound, post: "网格员", responsible: false,
            duties: ["走访"], at: "2025-02-01"
          }
        ])
        expect(Option.map(yield* grids.worker(manager, "W12"), (w) => w.id)).toEqual(Option.some("W12"))
        expect(yield* grids.worker(manager, "W12", "2025-01-15")).toEqual(Option.none())
      }))
  })
})
