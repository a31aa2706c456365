/**
 * One property per grid rule: from a random history (built by random intents), a
 * command crafted to break the rule fails with that rule's RuleViolation, naming
 * the field, and the store is left exactly as it was.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, type Grid, GridConfig, Grids, IsoDate, LevelScheme, MemoryStore } from "@jiceng/core"
import { GridIntents } from "@jiceng/testkit"
import { GridConformance } from "@jiceng/testkit/vitest"
import { Effect, Either, Option, Schema } from "effect"

const layer = GridConformance.gridsOver(MemoryStore.layer)
const Pick = Schema.Int.pipe(Schema.between(0, 10_000))
const today = "2030-01-01"

/** Builds a random history, then runs `craft`'s command and checks the refusal. */
const refusal = (
  ops: ReadonlyArray<GridIntents.Intent>,
  n: number,
  craft: (state: { readonly grids: ReadonlyArray<Grid.Grid>; readonly tenant: string; readonly n: number }) => unknown
) =>
  Effect.gen(function*() {
    const tenant = GridConformance.freshTenant()
    yield* GridIntents.run(tenant, ops, { checkRefusals: false })
    const grids = yield* Grids.Grids
    const actor = Actor.system(tenant)
    const state = { grids: yield* grids.subtree(actor, { at: today }), tenant, n }
    const command = craft(state)
    if (command === undefined) return undefined
    const before = yield* GridIntents.history(tenant)
    const result = yield* Effect.either(grids.executeUnknown(actor, command))
    expect(yield* GridIntents.history(tenant)).toEqual(before)
    if (Either.isRight(result)) throw new Error(`accepted ${JSON.stringify(command)}`)
    return result.left
  })

/** A random history: its tenant, the service, and the tenant's system actor. */
const randomHistory = (ops: ReadonlyArray<GridIntents.Intent>) =>
  Effect.gen(function*() {
    const tenant = GridConformance.freshTenant()
    yield* GridIntents.run(tenant, ops, { checkRefusals: false })
    return { tenant, grids: yield* Grids.Grids, actor: Actor.system(tenant) }
  })

const pick = <A>(items: ReadonlyArray<A>, n: number): A | undefined => items[n % Math.max(1, items.length)]
const ops = GridIntents.Intents(12)
const options = { fastCheck: { numRuns: 25 * GridConformance.longFactor() } }

describe("grid rules (property)", () => {
  it.layer(layer, { timeout: 300_000 })((it) => {
    it.effect.prop("grid.code-unique: a code valid today cannot be created again", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const g = pick(grids.filter((x) => x.parentCode !== null), n)
          return g && { _tag: "CreateGrid", code: g.code, name: "重复", parentCode: g.parentCode, validFrom: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.code-unique", field: "code" })
      }), options)

    it.effect.prop("grid.parent-exists: a parent that is not valid on the day", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ tenant }) => ({
          _tag: "CreateGrid",
          code: `${tenant}${String(600 + (n % 399)).padStart(3, "0")}001`,
          name: "无父",
          parentCode: `${tenant}${String(600 + (n % 399)).padStart(3, "0")}`,
          validFrom: today
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.parent-exists", field: "parentCode" })
      }), options)

    it.effect.prop("grid.level: a declared level other than the parent's + 1", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const p = pick(grids.filter((g) => g.level < 5), n)
          return p && {
            _tag: "CreateGrid", code: p.code + "999", name: "错级", parentCode: p.code,
            level: p.level + 2 + (n % 3), validFrom: today
          }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.level", field: "level" })
      }), options)

    it.effect.prop("grid.code-prefix / grid.code-width: a code that does not extend the parent's", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const p = pick(grids.filter((g) => g.level > 0 && g.level < 5), n)
          if (p === undefined) return undefined
          const flipped = (Number(p.code.at(-1)) + 1 + (n % 8)) % 10
          return { _tag: "CreateGrid", code: p.code.slice(0, -1) + flipped + "001", name: "错码", parentCode: p.code, validFrom: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.code-prefix", field: "code" })
      }), options)

    it.effect.prop("grid.cycle: no grid moves under its own descendant", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const target = pick(grids.filter((g) => g.parentCode !== null && grids.some((c) => c.parentCode === g.code)), n)
          if (target === undefined) return undefined
          const below = grids.filter((g) => g.code !== target.code && g.code.startsWith(target.code))
          const parent = pick(below, n)!
          return { _tag: "MoveGrid", code: target.code, newParentCode: parent.code, at: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.cycle", field: "newParentCode" })
      }), options)

    it.effect.prop("grid.level on move: the new parent must be one level up", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const target = pick(grids.filter((g) => g.level >= 2), n)
          if (target === undefined) return undefined
          const parent = pick(grids.filter((g) => g.level !== target.level - 1 && !g.code.startsWith(target.code)), n)
          return parent && { _tag: "MoveGrid", code: target.code, newParentCode: parent.code, at: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.level", field: "newParentCode" })
      }), options)

    it.effect.prop("grid.backdated: no rename before a version recorded later", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          // A version that replaced an earlier one of its code the day before it began.
          const target = pick(grids.filter((g) => g.change === "rename"), n)
          return target && {
            _tag: "RenameGrid", code: target.code, name: "倒签", at: IsoDate.addDays(target.validFrom, -1)
          }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.backdated", field: "at" })
      }), options)

    it.effect.prop("grid.backdated: no close before the latest start recorded in the subtree", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const target = pick(
            grids.filter((g) =>
              g.parentCode !== null && grids.some((c) => c.code.startsWith(g.code) && c.validFrom > g.validFrom)
            ),
            n
          )
          if (target === undefined) return undefined
          const starts = grids.filter((g) => g.code.startsWith(target.code)).map((g) => g.validFrom).sort()
          return { _tag: "CloseGrid", code: target.code, at: IsoDate.addDays(starts[starts.length - 1]!, -1) }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.backdated", field: "at" })
      }), options)

    it.effect.prop(
      "grid.backdated: a planned end is not a recorded change (a leaf with a planned end closes before it)",
      [ops, Pick],
      ([o, n]) =>
        Effect.gen(function*() {
          const tenant = GridConformance.freshTenant()
          yield* GridIntents.run(tenant, o, { checkRefusals: false })
          const grids = yield* Grids.Grids
          const actor = Actor.system(tenant)
          const { scheme } = yield* GridConfig.GridConfig
          // Below the region-coded levels (district, street, community), any free segment will do.
          const parents = (yield* grids.subtree(actor, { at: today })).filter((g) =>
            g.level >= 2 && g.level < scheme.levels.length - 1
          )
          const parent = pick(parents, n)
          if (parent === undefined) return
          const free = Array.from({ length: 999 }, (_, i) => `${parent.code}${String(999 - i).padStart(3, "0")}`)
          const existing = new Set<string>((yield* GridIntents.history(tenant)).grids.map((g) => g.code))
          const code = free.find((c) => !existing.has(c))
          if (code === undefined) return
          yield* grids.execute(actor, {
            _tag: "CreateGrid", code, name: "临时", parentCode: parent.code, validFrom: today, validTo: "2031-01-01"
          })
          yield* grids.execute(actor, { _tag: "CloseGrid", code, at: "2030-06-01" })
          expect(Option.map(yield* grids.resolve(actor, code, "2030-05-31"), (g) => g.validTo)).toEqual(
            Option.some("2030-06-01")
          )
        }),
      options
    )

    it.effect.prop("grid.code-segment: a level's own segment is not all zeros", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          // Below the region-coded levels every segment is free but zeros.
          const p = pick(grids.filter((g) => g.level >= 2 && g.level < 5), n)
          return p && { _tag: "CreateGrid", code: `${p.code}000`, name: "零段", parentCode: p.code, validFrom: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.code-segment", field: "code" })
      }), options)

    it.effect.prop("grid.rename-unchanged: a rename to the name a grid already has", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const g = pick(grids, n)
          return g && { _tag: "RenameGrid", code: g.code, name: g.name, at: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.rename-unchanged", field: "name" })
      }), options)

    it.effect.prop("assignment.exists: only an assignment valid on the day can end", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const g = pick(grids, n)
          return g && { _tag: "EndAssignment", id: `nobody:${g.code}@2023-01-01`, at: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "assignment.exists", field: "id" })
      }), options)

    it.effect.prop("assignment.backdated: no assignment before one recorded later to the same grid", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const { actor, grids, tenant } = yield* randomHistory(o)
        const block = pick(yield* grids.subtree(actor, { at: today, level: 5 }), n)
        if (block === undefined) return
        const community = block.code.slice(0, 12)
        const later = IsoDate.addDays(IsoDate.unsafeMake(today), 10)
        for (const id of ["early", "late"]) {
          yield* grids.execute(actor, {
            _tag: "RegisterWorker", id, name: id, category: "volunteer", communityCode: community,
            employment: "part_time", at: today
          })
        }
        yield* grids.execute(actor, {
          _tag: "AssignWorker", workerId: "late", gridCode: block.code, post: "网格员", responsible: false,
          duties: ["走访"], at: later
        })
        const before = yield* GridIntents.history(tenant)
        const e = yield* Effect.flip(grids.execute(actor, {
          _tag: "AssignWorker", workerId: "early", gridCode: block.code, post: "网格员", responsible: false,
          duties: ["走访"], at: IsoDate.addDays(IsoDate.unsafeMake(today), 1 + (n % 9))
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "assignment.backdated", field: "at" })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }), options)

    it.effect.prop("place.level: a place goes into a grid of a level its kind calls for", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const kinds = ["household", "residential_building", "merchant", "work_unit", "office_building"] as const
        const kind = kinds[n % kinds.length]!
        const { placeLevels, scheme } = GridConfig.defaults
        const e = yield* refusal(o, n, ({ grids, tenant }) => {
          const g = pick(grids.filter((x) => !placeLevels[kind].includes(scheme.levels[x.level]!.key)), n)
          return g && {
            _tag: "PlacePlace", id: `X${n}`, kind, name: "场所", gridCode: g.code, at: today,
            ...(kind === "work_unit" ? { creditCode: GridIntents.creditCode(tenant, n) } : {})
          }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "place.level", field: "gridCode" })
      }), options)

    it.effect.prop("place.credit-code: a work unit carries its 统一社会信用代码, a household none", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids, tenant }) => {
          const household = n % 2 === 0
          const level = household ? 5 : 3
          const g = pick(grids.filter((x) => x.level === level), n)
          return g && {
            _tag: "PlacePlace", id: `X${n}`, kind: household ? "household" : "work_unit", name: "场所", gridCode: g.code,
            at: today, ...(household ? { creditCode: GridIntents.creditCode(tenant, n) } : {})
          }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "place.credit-code", field: "creditCode" })
      }), options)

    it.effect.prop("place.kind: a place keeps the kind it was registered with", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          // The base tree registers P0–P5 with kinds in this order; ask each for another.
          const kinds = ["residential_building", "merchant", "work_unit", "household", "office_building"]
          const i = n % 6
          const kind = kinds[(i + 1 + (n % 4)) % kinds.length]!
          const fitting = { household: 5, residential_building: 4 } as Record<string, number>
          const g = pick(grids.filter((x) => x.level === (fitting[kind] ?? 3)), n)
          return g && { _tag: "PlacePlace", id: `P${i}`, kind, name: "改类", gridCode: g.code, at: today, creditCode: null }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "place.kind", field: "kind" })
      }), options)

    it.effect.prop("worker.community: a worker registers only into a community grid in service on the day", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids, tenant }) => {
          // Any grid that is not a community, or a community on a day before anything began.
          const other = pick(grids.filter((g) => g.level !== 2), n)
          const community = pick(grids.filter((g) => g.level === 2), n)
          const [code, at] = n % 2 === 0 || community === undefined
            ? [other?.code ?? `${tenant}001`, today]
            : [community.code, "1999-01-01"]
          return {
            _tag: "RegisterWorker", id: `N${n}`, name: "新人", category: "volunteer", communityCode: code,
            employment: "part_time", at
          }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "worker.community", field: "communityCode" })
      }), options)

    it.effect.prop("worker.exists: an assignment needs the worker registered in a community on the day", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const g = pick(grids.filter((x) => x.level >= 2), n)
          return g && {
            _tag: "AssignWorker", workerId: `nobody${n}`, gridCode: g.code, post: "网格员", responsible: false,
            duties: ["走访"], at: today
          }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "worker.exists", field: "workerId" })
      }), options)

    it.effect.prop("worker.backdated: no change of community before a registration recorded later", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const { actor, grids, tenant } = yield* randomHistory(o)
        const communities = yield* grids.subtree(actor, { at: today, level: 2 })
        if (communities.length < 2) return
        const [home, away] = [pick(communities, n)!, pick(communities.filter((c) => c !== pick(communities, n)), n)!]
        yield* grids.execute(actor, {
          _tag: "RegisterWorker", id: "late", name: "后来", category: "volunteer", communityCode: home.code,
          employment: "part_time", at: today
        })
        const before = yield* GridIntents.history(tenant)
        const e = yield* Effect.flip(grids.execute(actor, {
          _tag: "RegisterWorker", id: "late", name: "后来", category: "volunteer", communityCode: away.code,
          employment: "part_time", at: IsoDate.addDays(IsoDate.unsafeMake(today), -1 - (n % 30))
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "worker.backdated", field: "at" })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }), options)

    it.effect.prop("assignment.one-responsible: a grid with a responsible worker refuses a second", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const { actor, grids, tenant } = yield* randomHistory(o)
        const responsible = (yield* grids.assignments(actor, { at: today })).filter((a) => a.responsible)
        const taken = pick(responsible, n)
        if (taken === undefined) return
        const community = taken.gridCode.slice(0, 12)
        yield* grids.execute(actor, {
          _tag: "RegisterWorker", id: "second", name: "二号", category: "volunteer", communityCode: community,
          employment: "part_time", at: today
        })
        const before = yield* GridIntents.history(tenant)
        const e = yield* Effect.flip(grids.execute(actor, {
          _tag: "AssignWorker", workerId: "second", gridCode: taken.gridCode, post: "网格长", responsible: true,
          duties: ["走访"], at: today
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "assignment.one-responsible", field: "responsible" })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }), options)

    it.effect.prop("worker.one-community: no assignment outside the worker's community", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const { actor, grids, tenant } = yield* randomHistory(o)
        const communities = yield* grids.subtree(actor, { at: today, level: 2 })
        if (communities.length < 2) return
        const home = pick(communities, n)!
        const away = pick(communities.filter((c) => c.code !== home.code), n)!
        yield* grids.execute(actor, {
          _tag: "RegisterWorker", id: "roamer", name: "游", category: "volunteer", communityCode: home.code,
          employment: "part_time", at: today
        })
        const before = yield* GridIntents.history(tenant)
        const e = yield* Effect.flip(grids.execute(actor, {
          _tag: "AssignWorker", workerId: "roamer", gridCode: away.code, post: "网格员", responsible: false,
          duties: ["走访"], at: today
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "worker.one-community", field: "gridCode" })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }), options)

    it.effect.prop("place: a place is in exactly one grid at a time", [ops, Pick, Pick], ([o, n, m]) =>
      Effect.gen(function*() {
        const { actor, grids } = yield* randomHistory(o)
        const blocks = yield* grids.subtree(actor, { at: today, level: 5 })
        const a = pick(blocks, n)
        const b = pick(blocks, m)
        if (a === undefined || b === undefined) return
        const later = IsoDate.addDays(IsoDate.unsafeMake(today), 1 + (n % 30))
        yield* grids.execute(actor, { _tag: "PlacePlace", id: "Q", kind: "household", name: "住户", gridCode: a.code, at: today })
        yield* grids.execute(actor, { _tag: "PlacePlace", id: "Q", kind: "household", name: "住户", gridCode: b.code, at: later })
        const onDay = yield* grids.gridOfPlace(actor, "Q", today)
        const after = yield* grids.gridOfPlace(actor, "Q", later)
        expect(onDay._tag === "Some" && onDay.value.code).toBe(a.code)
        expect(after._tag === "Some" && after.value.code).toBe(b.code)
        const links = (yield* grids.placeLinks(actor, { at: later })).filter((l) => l.placeId === "Q")
        expect(links.length).toBe(1)
      }), options)
  })
})

describe("level scheme", () => {
  it.prop("parentCode inverts extending a code by one segment", [Schema.Int.pipe(Schema.between(1, 5)), Pick], ([level, n]) => {
    const scheme = LevelScheme.defaultScheme
    const parent = "131102" + "001".repeat(level - 1)
    const child = parent + String((n % 998) + 1).padStart(3, "0")
    expect(Option.getOrNull(LevelScheme.levelOfCode(scheme, child))).toBe(level)
    expect(Option.getOrNull(LevelScheme.parentCode(scheme, child))).toBe(parent)
  })

  it("a township-level grid is labelled by its kind: 街道, 镇, 乡, 类似乡级单位", () => {
    const scheme = LevelScheme.defaultScheme
    expect(["131102001", "131102101", "131102201", "131102401", "131102001001"].map((c) => LevelScheme.gridLabel(scheme, c)))
      .toEqual(["街道", "镇", "乡", "类似乡级单位", "社区"])
    expect(LevelScheme.gridLabel(scheme, "131102101", "en")).toBe("Town")
  })

  it("the default configuration has six levels and thirteen worker categories", () => {
    expect(GridConfig.defaults.scheme.levels.map((l) => l.zh)).toEqual(["区", "街道", "社区", "片区", "小区", "单元"])
    expect(GridConfig.defaults.workerCategories).toHaveLength(13)
  })
})
