import { Effect, Layer } from "effect"
import * as core from "@jiceng/core"
import { District } from "@jiceng/testkit"
const { Grids, GridConfig, MemoryStore, Actor } = core
const d = District.generate({ households: 3242*2 })
const layer = Grids.layer.pipe(Layer.provide(GridConfig.layer()), Layer.provideMerge(MemoryStore.layer))
await Effect.runPromise(Effect.gen(function*() {
  yield* District.apply(d, { batchSize: 20000 })
  const blocks = d.commands.flatMap((c) => (c._tag === "CreateGrid" && c.level === 5 ? [c.code] : []))
  const grids = yield* Grids.Grids
  const actor = Actor.system(d.tenant)
  const cmds = []
  for (let k = 0; k < 100000; k++) cmds.push({ _tag: "PlacePlace", id: `H-${String(k).padStart(7,"0")}`, kind: "household", name: `住户${k}`, gridCode: blocks[k % blocks.length], at: d.options.validFrom })
  const t = performance.now()
  yield* grids.executeAll(actor, cmds)
  console.log("100k µs/cmd", (performance.now() - t) * 1000 / cmds.length)
}).pipe(Effect.provide(layer)))
