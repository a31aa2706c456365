/**
 * The grid history's harder cases, on any store: same-day corrections (a change on the
 * day of an earlier record supersedes it), and workers' terms following their
 * community through moves, splits, merges and closes — a future-dated change never
 * freezes a community's workers, places or assignments.
 *
 * @since 0.2.0
 */
import { expect, it } from "@effect/vitest"
import { Actor, GridConfig, GridInvariants, Grids, type Store } from "@jiceng/core"
import { Effect, type Layer, Option } from "effect"
import * as GridIntents from "../arbitraries/GridIntents.js"
import { freshTenant, gridsOver } from "./support.js"

const start = "2023-01-01"

/**
 * Registers the suite for one store.
 *
 * @since 0.2.0
 * @category suites
 */
export const gridHistory = <E>(name: string, store: Layer.Layer<Store.Store, E>) =>
  it.layer(gridsOver(store), { timeout: 600_000 })(`${name}: grid history`, (it) => {
    const setup = Effect.gen(function*() {
      const tenant = freshTenant()
      const grids = yield* Grids.Grids
      const admin = Actor.system(tenant)
      yield* grids.executeAllUnknown(admin, GridIntents.baseTree(tenant, start))
      return { tenant, grids, admin }
    })

    const sound = (tenant: string) =>
      Effect.gen(function*() {
        const config = yield* GridConfig.GridConfig
        const history = yield* GridIntents.history(tenant)
        expect(GridInvariants.verify(config, tenant as never, history)).toEqual([])
        return history
      })

    it.effect("same day: a household placed this morning follows its compound moved in the afternoon", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const compound = `${tenant}001001001001`
        const block = `${compound}001`
        const day = "2024-05-06"
        yield* grids.executeUnknown(admin, { _tag: "PlacePlace", id: "H9", kind: "household", name: "王家", gridCode: block, at: day })
        yield* grids.executeUnknown(admin, {
          _tag: "MoveGrid", code: compound, newParentCode: `${tenant}001001002`, segment: "009", at: day
        })
        const moved = `${tenant}001001002009001`
        expect(Option.map(yield* grids.gridOfPlace(admin, "H9", day), (g) => g.code)).toEqual(Option.some(moved))
        const history = yield* sound(tenant)
        // The morning's link never took effect: one link, into the new code.
        expect(history.links.filter((l) => l.placeId === "H9")).toEqual([
          { tenant, placeId: "H9", gridCode: moved, validFrom: day, validTo: null }
        ])
      }))

    it.effect("same day: a rename on a version's first day corrects its name; a grid created and moved is created there", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const sector = `${tenant}001001001`
        const code = `${sector}009`
        const day = "2024-03-01"
        yield* grids.executeUnknown(admin, { _tag: "CreateGrid", code, name: "错名小区", parentCode: sector, validFrom: day })
        yield* grids.executeUnknown(admin, { _tag: "RenameGrid", code, name: "正名小区", at: day })
        const renamed = Option.getOrThrow(yield* grids.resolve(admin, code, day))
        expect([renamed.name, renamed.change, renamed.predecessors]).toEqual(["正名小区", "create", []])
        yield* grids.executeUnknown(admin, { _tag: "MoveGrid", code, newParentCode: `${tenant}001001002`, at: day })
        const moved = Option.getOrThrow(yield* grids.resolve(admin, `${tenant}001001002009`, day))
        expect([moved.name, moved.change, moved.predecessors]).toEqual(["正名小区", "create", []])
        const history = yield* sound(tenant)
        expect(history.grids.filter((g) => g.code === code)).toEqual([])
        // Renamed, then moved, the same day: a move from the version before the rename.
        const compound = `${tenant}001001001001`
        yield* grids.executeAllUnknown(admin, [
          { _tag: "RenameGrid", code: compound, name: "新名小区", at: "2024-04-01" },
          { _tag: "MoveGrid", code: compound, newParentCode: `${tenant}001001002`, segment: "008", at: "2024-04-01" }
        ])
        const recoded = Option.getOrThrow(yield* grids.resolve(admin, `${tenant}001001002008`, "2024-04-01"))
        expect([recoded.name, recoded.change, recoded.predecessors]).toEqual(["新名小区", "move", [`${compound}@${start}`]])
        yield* sound(tenant)
      }))

    it.effect("same day: an assignment ended on its first day leaves no row", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const block = `${tenant}001001001002`
        const day = "2024-02-01"
        const [changes] = yield* grids.executeAllUnknown(admin, [{
          _tag: "AssignWorker", workerId: "W0", gridCode: block, post: "网格员", responsible: false, duties: ["走访"], at: day
        }])
        const id = changes!.newAssignments[0]!.id
        yield* grids.executeUnknown(admin, { _tag: "EndAssignment", id, at: day })
        const history = yield* sound(tenant)
        expect(history.assignments.filter((a) => a.id === id)).toEqual([])
      }))

    it.effect("a future-dated move of a community does not freeze its workers", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const community = `${tenant}001002`
        const moved = `${tenant}002002`
        yield* grids.executeUnknown(admin, { _tag: "MoveGrid", code: community, newParentCode: `${tenant}002`, at: "2026-01-01" })
        // W1 works in the community (base tree); change their category before the move.
        yield* grids.executeUnknown(admin, {
          _tag: "RegisterWorker", id: "W1", name: "网格员1", category: "community_worker", communityCode: community,
          employment: "full_time", at: "2025-06-01"
        })
        const before = Option.getOrThrow(yield* grids.worker(admin, "W1", "2025-12-31"))
        const after = Option.getOrThrow(yield* grids.worker(admin, "W1", "2026-01-01"))
        expect([before.communityCode, before.category, before.employment]).toEqual([community, "community_worker", "full_time"])
        expect([after.communityCode, after.category, after.employment]).toEqual([moved, "community_worker", "full_time"])
        // Counts of a past day stay what they were.
        const earlier = Option.getOrThrow(yield* grids.worker(admin, "W1", "2024-01-01"))
        expect(earlier.category).toBe("veteran_placement")
        // A worker registered, a household placed and an assignment made before the move
        // are carried by it, as what was there when the move was recorded.
        const block = `${community}001001001`
        yield* grids.executeAllUnknown(admin, [
          {
            _tag: "RegisterWorker", id: "W8", name: "新人", category: "volunteer", communityCode: community,
            employment: "part_time", at: "2025-06-01"
          },
          { _tag: "PlacePlace", id: "H8", kind: "household", name: "新户", gridCode: block, at: "2025-06-01" },
          {
            _tag: "AssignWorker", workerId: "W8", gridCode: block, post: "网格员", responsible: false,
            duties: ["走访"], at: "2025-07-01"
          }
        ])
        const w8 = Option.getOrThrow(yield* grids.worker(admin, "W8", "2026-01-01"))
        expect([w8.communityCode, w8.validFrom]).toEqual([moved, "2026-01-01"])
        const movedBlock = `${moved}001001001`
        expect(Option.map(yield* grids.gridOfPlace(admin, "H8", "2026-01-01"), (g) => g.code)).toEqual(Option.some(movedBlock))
        expect((yield* grids.assignments(admin, { root: moved, at: "2026-01-01" })).filter((a) => a.workerId === "W8").map((a) => a.gridCode))
          .toEqual([movedBlock])
        // Outside the community before the move, a worker is refused as before.
        expect(yield* Effect.flip(grids.executeUnknown(admin, {
          _tag: "AssignWorker", workerId: "W8", gridCode: `${tenant}001001001001001`, post: "网格员", responsible: false,
          duties: ["走访"], at: "2025-08-01"
        }))).toMatchObject({ _tag: "RuleViolation", rule: "worker.one-community" })
        yield* sound(tenant)
      }))

    it.effect("a record dated before a later split of its grid is refused: it must go into a part", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const compound = `${tenant}001001001001`
        const community = `${tenant}001001`
        // The compound splits in 2026; one part keeps the code.
        yield* grids.executeUnknown(admin, {
          _tag: "SplitGrid", code: compound, at: "2026-01-01",
          parts: [
            { code: compound, name: "甲", children: [`${compound}001`], places: ["P0", "P5"] },
            { code: `${tenant}001001001007`, name: "乙", children: [`${compound}002`] }
          ]
        })
        const before = yield* GridIntents.history(tenant)
        for (const command of [
          { _tag: "PlacePlace", id: "B9", kind: "residential_building", name: "楼", gridCode: compound, at: "2025-06-01" },
          { _tag: "AssignWorker", workerId: "W0", gridCode: compound, post: "网格员", responsible: false, duties: ["走访"], at: "2025-06-01" }
        ]) {
          expect(yield* Effect.flip(grids.executeUnknown(admin, command))).toMatchObject({ rule: "grid.backdated", field: "at" })
        }
        expect(yield* GridIntents.history(tenant)).toEqual(before)
        // Its blocks are carried into the parts by the split: records in them are carried too.
        yield* grids.executeUnknown(admin, {
          _tag: "PlacePlace", id: "H9", kind: "household", name: "户", gridCode: `${compound}002`, at: "2025-06-01"
        })
        expect(Option.map(yield* grids.gridOfPlace(admin, "H9", "2026-01-01"), (g) => g.code)).toEqual(
          Option.some(`${tenant}001001001007002`)
        )
        // A community split later refuses a registration into it.
        yield* grids.executeUnknown(admin, {
          _tag: "SplitGrid", code: community, at: "2027-01-01",
          parts: [
            { code: community, name: "甲", children: [`${community}001`], workers: ["W0", "W3"] },
            { code: `${tenant}001006`, name: "乙", children: [`${community}002`] }
          ]
        })
        expect(yield* Effect.flip(grids.executeUnknown(admin, {
          _tag: "RegisterWorker", id: "W9", name: "新人", category: "volunteer", communityCode: community,
          employment: "part_time", at: "2026-06-01"
        }))).toMatchObject({ rule: "worker.backdated", field: "at" })
        yield* sound(tenant)
      }))

    it.effect("an assignment to a grid merged later ends at the merge; a merge renamed the same day stays a merge", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const [a, b] = [`${tenant}001001001001001`, `${tenant}001001001001002`]
        yield* grids.executeAllUnknown(admin, [
          { _tag: "MergeGrids", codes: [a, b], into: { code: `${tenant}001001001001009`, name: "合并单元" }, at: "2026-01-01" },
          { _tag: "RenameGrid", code: `${tenant}001001001001009`, name: "新合并单元", at: "2026-01-01" }
        ])
        const merged = Option.getOrThrow(yield* grids.resolve(admin, `${tenant}001001001001009`, "2026-01-01"))
        expect([merged.name, merged.change]).toEqual(["新合并单元", "merge"])
        const [changes] = yield* grids.executeAllUnknown(admin, [{
          _tag: "AssignWorker", workerId: "W3", gridCode: a, post: "网格员", responsible: false, duties: ["走访"], at: "2025-06-01"
        }])
        expect(changes!.newAssignments.map((x) => [x.gridCode, x.validFrom, x.validTo])).toEqual([[a, "2025-06-01", "2026-01-01"]])
        yield* sound(tenant)
      }))

    it.effect("placing a place anew replaces its carried links; a placement recorded later is not rewritten", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const compound = `${tenant}001001001001`
        yield* grids.executeAllUnknown(admin, [
          { _tag: "PlacePlace", id: "H7", kind: "household", name: "户", gridCode: `${compound}001`, at: "2024-01-01" },
          { _tag: "MoveGrid", code: compound, newParentCode: `${tenant}001001002`, segment: "009", at: "2026-01-01" },
          // Re-placed in 2025 into another block of the compound: the carried link follows the new one.
          { _tag: "PlacePlace", id: "H7", kind: "household", name: "户", gridCode: `${compound}002`, at: "2025-01-01" }
        ])
        const links = (yield* GridIntents.history(tenant)).links.filter((l) => l.placeId === "H7")
        expect(links.map((l) => [l.gridCode, l.validFrom, l.validTo])).toEqual([
          [`${compound}001`, "2024-01-01", "2025-01-01"],
          [`${compound}002`, "2025-01-01", "2026-01-01"],
          [`${tenant}001001002009002`, "2026-01-01", null]
        ])
        yield* grids.executeUnknown(admin, {
          _tag: "PlacePlace", id: "H7", kind: "household", name: "户", gridCode: `${tenant}001001002009001`, at: "2026-06-01"
        })
        expect(yield* Effect.flip(grids.executeUnknown(admin, {
          _tag: "PlacePlace", id: "H7", kind: "household", name: "户", gridCode: `${compound}001`, at: "2025-06-01"
        }))).toMatchObject({ rule: "place.backdated", field: "at" })
        yield* sound(tenant)
      }))

    it.effect("refusals about records outside the scope name the record, not where it lies", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const worker = Actor.make({ id: "hx", tenant, roles: ["grid_manager"], scope: `${tenant}001001` })
        // P4 is an office building in a compound of street 002 (base tree).
        const moved = yield* Effect.flip(grids.executeUnknown(worker, {
          _tag: "PlacePlace", id: "P4", kind: "office_building", name: "楼", gridCode: `${tenant}001001001001`, at: "2024-01-01"
        }))
        expect(moved).toMatchObject({ _tag: "Forbidden", reason: "scope", target: "P4" })
        expect((moved as { readonly message: string }).message).not.toContain(`${tenant}002`)
        // W2 works in community 002001: assigning them in scope says nothing of where they work.
        const assign = yield* Effect.flip(grids.executeUnknown(admin, {
          _tag: "AssignWorker", workerId: "W2", gridCode: `${tenant}001001001001001`, post: "网格员", responsible: false,
          duties: ["走访"], at: "2024-01-01"
        }))
        expect(assign).toMatchObject({ rule: "worker.one-community" })
        expect((assign as { readonly message: string }).message).not.toContain(`${tenant}002`)
      }))

    it.effect("ending an assignment ends what later recorded changes carried of it", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const community = `${tenant}001001`
        yield* grids.executeUnknown(admin, { _tag: "MoveGrid", code: community, newParentCode: `${tenant}002`, segment: "005", at: "2024-06-01" })
        const [changes] = yield* grids.executeAllUnknown(admin, [{
          _tag: "AssignWorker", workerId: "W3", gridCode: `${community}001001`, post: "网格员", responsible: false,
          duties: ["走访"], at: "2024-01-01"
        }])
        expect(changes!.newAssignments).toHaveLength(2)
        yield* grids.executeUnknown(admin, { _tag: "EndAssignment", id: changes!.newAssignments[0]!.id, at: "2024-03-01" })
        expect((yield* grids.assignments(admin, { at: "2024-07-01" })).filter((a) => a.workerId === "W3")).toEqual([])
        const ended = (yield* GridIntents.history(tenant)).assignments.filter((a) => a.workerId === "W3")
        expect(ended.map((a) => [a.gridCode, a.validFrom, a.validTo])).toEqual([[`${community}001001`, "2024-01-01", "2024-03-01"]])
        yield* sound(tenant)
      }))

    it.effect("a record carried into grids outside the actor's scope is Forbidden, and so is rewriting one there", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const streetA = Actor.make({ id: "a", tenant, roles: ["admin"], scope: `${tenant}001` })
        const community = `${tenant}001001`
        yield* grids.executeAllUnknown(admin, [
          { _tag: "PlacePlace", id: "H6", kind: "household", name: "户", gridCode: `${community}001001001`, at: "2023-06-01" },
          { _tag: "MoveGrid", code: community, newParentCode: `${tenant}002`, segment: "005", at: "2024-06-01" }
        ])
        const before = yield* GridIntents.history(tenant)
        const writes = [
          { _tag: "PlacePlace", id: "H5", kind: "household", name: "户", gridCode: `${community}001001001`, at: "2024-01-01" },
          { _tag: "AssignWorker", workerId: "W0", gridCode: `${community}001001`, post: "网格员", responsible: false, duties: ["走访"], at: "2024-01-01" },
          { _tag: "RegisterWorker", id: "W9", name: "新人", category: "volunteer", communityCode: community, employment: "part_time", at: "2024-01-01" },
          // H6 lies in street 002 today; re-placing it before the move would rewrite that.
          { _tag: "PlacePlace", id: "H6", kind: "household", name: "户", gridCode: `${community}001001002`, at: "2024-05-31" }
        ]
        for (const command of writes) {
          const e = yield* Effect.flip(grids.executeUnknown(streetA, command))
          expect(e, command._tag).toMatchObject({ _tag: "Forbidden", reason: "scope" })
          expect((e as { readonly message: string }).message).not.toContain(`${tenant}002005`)
        }
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }))

    it.effect("merged and moved the same day: a merge there, each predecessor once", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const [a, b] = [`${tenant}001001001001001`, `${tenant}001001001001002`]
        const into = `${tenant}001001001001009`
        yield* grids.executeAllUnknown(admin, [
          { _tag: "MergeGrids", codes: [a, b], into: { code: into, name: "合并单元" }, at: "2025-01-01" },
          { _tag: "MoveGrid", code: into, newParentCode: `${tenant}001001001002`, segment: "008", at: "2025-01-01" }
        ])
        const moved = Option.getOrThrow(yield* grids.resolve(admin, `${tenant}001001001002008`, "2025-01-01"))
        expect([moved.change, moved.predecessors]).toEqual(["merge", [`${a}@${start}`, `${b}@${start}`]])
        yield* sound(tenant)
      }))

    it.effect("no worker registers into a community not in service on the day", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        for (const [communityCode, at] of [[`${tenant}001001`, "2022-12-31"], [`${tenant}001009`, "2024-01-01"], [`${tenant}001001001`, "2024-01-01"]]) {
          expect(yield* Effect.flip(grids.executeUnknown(admin, {
            _tag: "RegisterWorker", id: "W8", name: "新人", category: "volunteer", communityCode, employment: "part_time", at
          }))).toMatchObject({ _tag: "RuleViolation", rule: "worker.community", field: "communityCode" })
        }
      }))

    it.effect("a community's workers follow its split; one with no grid there must be named", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const community = `${tenant}001001`
        yield* grids.executeUnknown(admin, {
          _tag: "RegisterWorker", id: "W7", name: "闲人", category: "volunteer", communityCode: community,
          employment: "part_time", at: start
        })
        const split = (workers: ReadonlyArray<string>) => ({
          _tag: "SplitGrid", code: community, at: "2024-01-01",
          parts: [
            { code: community, name: "甲", children: [`${community}001`] },
            { code: `${tenant}001005`, name: "乙", children: [`${community}002`], workers }
          ]
        })
        expect(yield* Effect.flip(grids.executeUnknown(admin, split([])))).toMatchObject({
          _tag: "RuleViolation", rule: "grid.split-coverage"
        })
        yield* grids.executeUnknown(admin, split(["W3", "W7"]))
        // W0 is responsible for blocks of the first sector: it stays in part 甲.
        const w0 = Option.getOrThrow(yield* grids.worker(admin, "W0", "2024-01-01"))
        const w7 = Option.getOrThrow(yield* grids.worker(admin, "W7", "2024-01-01"))
        const w3 = Option.getOrThrow(yield* grids.worker(admin, "W3", "2024-01-01"))
        expect([w0.communityCode, w3.communityCode, w7.communityCode]).toEqual([community, `${tenant}001005`, `${tenant}001005`])
        yield* sound(tenant)
      }))

    it.effect("a sector moved to another community leaves its workers' assignments behind", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const sector = `${tenant}001001001`
        yield* grids.executeUnknown(admin, {
          _tag: "MoveGrid", code: sector, newParentCode: `${tenant}001002`, segment: "009", at: "2024-01-01"
        })
        const assignments = yield* grids.assignments(admin, { root: `${tenant}001002`, at: "2024-01-01" })
        expect(assignments.filter((a) => a.workerId === "W0")).toEqual([])
        const alerts = yield* grids.check(admin, { root: `${tenant}001002`, at: "2024-01-01" })
        expect(alerts.filter((a) => a.kind === "outside-community")).toEqual([])
        yield* sound(tenant)
      }))
  })
