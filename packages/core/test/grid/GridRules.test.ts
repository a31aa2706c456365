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
    const result = yield* Effect.either(grids.execute(actor, command))
    expect(yield* GridIntents.history(tenant)).toEqual(before)
    if (Either.isRight(result)) throw new Error(`accepted ${JSON.stringify(command)}`)
    return result.left
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

    it.effect.prop("grid.backdated: no structural change before a recorded one", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const target = pick(grids.filter((g) => g.parentCode !== null), n)
          return target && { _tag: "RenameGrid", code: target.code, name: "倒签", at: target.validFrom }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "grid.backdated", field: "at" })
      }), options)

    it.effect.prop("grid.backdated: no close on or before the latest start recorded in the subtree", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const target = pick(grids.filter((g) => g.parentCode !== null), n)
          if (target === undefined) return undefined
          const starts = grids.filter((g) => g.code.startsWith(target.code)).map((g) => g.validFrom).sort()
          return { _tag: "CloseGrid", code: target.code, at: starts[starts.length - 1] }
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

    it.effect.prop("place.lowest-level: places go into lowest-level grids only", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const e = yield* refusal(o, n, ({ grids }) => {
          const g = pick(grids.filter((x) => x.level < 5), n)
          return g && { _tag: "PlacePlace", id: `X${n}`, kind: "merchant", name: "商户", gridCode: g.code, at: today }
        })
        if (e !== undefined) expect(e).toMatchObject({ _tag: "RuleViolation", rule: "place.lowest-level", field: "gridCode" })
      }), options)

    it.effect.prop("assignment.one-primary: a grid with a primary worker refuses a second", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const tenant = GridConformance.freshTenant()
        yield* GridIntents.run(tenant, o, { checkRefusals: false })
        const grids = yield* Grids.Grids
        const actor = Actor.system(tenant)
        const primaries = (yield* grids.assignments(actor, { at: today })).filter((a) => a.primary)
        const taken = pick(primaries, n)
        if (taken === undefined) return
        const community = taken.gridCode.slice(0, 12)
        yield* grids.execute(actor, { _tag: "RegisterWorker", id: "second", name: "二号", category: "volunteer", communityCode: community })
        const before = yield* GridIntents.history(tenant)
        const e = yield* Effect.flip(grids.execute(actor, {
          _tag: "AssignWorker", workerId: "second", gridCode: taken.gridCode, post: "专职网格员", primary: true,
          duties: ["走访"], at: today
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "assignment.one-primary", field: "primary" })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }), options)

    it.effect.prop("worker.one-community: no assignment outside the worker's community", [ops, Pick], ([o, n]) =>
      Effect.gen(function*() {
        const tenant = GridConformance.freshTenant()
        yield* GridIntents.run(tenant, o, { checkRefusals: false })
        const grids = yield* Grids.Grids
        const actor = Actor.system(tenant)
        const communities = yield* grids.subtree(actor, { at: today, level: 2 })
        if (communities.length < 2) return
        const home = pick(communities, n)!
        const away = pick(communities.filter((c) => c.code !== home.code), n)!
        yield* grids.execute(actor, { _tag: "RegisterWorker", id: "roamer", name: "游", category: "volunteer", communityCode: home.code })
        const before = yield* GridIntents.history(tenant)
        const e = yield* Effect.flip(grids.execute(actor, {
          _tag: "AssignWorker", workerId: "roamer", gridCode: away.code, post: "兼职网格员", primary: false,
          duties: ["走访"], at: today
        }))
        expect(e).toMatchObject({ _tag: "RuleViolation", rule: "worker.one-community", field: "gridCode" })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      }), options)

    it.effect.prop("place: a place is in exactly one lowest-level grid at a time", [ops, Pick, Pick], ([o, n, m]) =>
      Effect.gen(function*() {
        const tenant = GridConformance.freshTenant()
        yield* GridIntents.run(tenant, o, { checkRefusals: false })
        const grids = yield* Grids.Grids
        const actor = Actor.system(tenant)
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

  it("the default configuration has six levels and thirteen worker categories", () => {
    expect(GridConfig.defaults.scheme.levels.map((l) => l.zh)).toEqual(["区", "街道", "社区", "片区", "小区", "单元"])
    expect(GridConfig.defaults.workerCategories).toHaveLength(13)
  })
})
