// The README's examples, as written there (with an in-memory database).
import { expect, it } from "@effect/vitest"
import { Actor, Client, GridConfig, Grids } from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { Effect, Layer } from "effect"

it.live("the README example runs (real clock: today is the default day)", () => {
  const live = Grids.layer.pipe(
    Layer.provideMerge(Layer.merge(SqliteStore.layer({ filename: ":memory:" }), GridConfig.layer()))
  )
  const program = Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const admin = Actor.system("131102")
    yield* grids.executeAll(admin, [
      { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
      { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" }
    ])
    return yield* grids.countByLevel(admin)
  })
  return Effect.map(Effect.provide(program, live), (counts) =>
    expect(counts).toEqual([{ level: 0, count: 1 }, { level: 1, count: 1 }]))
})

it("the README's Promise example runs", async () => {
  const jiceng = Client.make({ store: SqliteStore.layer({ filename: ":memory:" }) })
  const admin = Actor.system("131102")
  await jiceng.grids.execute(admin, {
    _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01"
  })
  expect((await jiceng.grids.resolve(admin, "131102"))?.name).toBe("桃城区")
  await jiceng.dispose()
  await expect(jiceng.grids.resolve(admin, "131102")).rejects.toBeDefined()
})
