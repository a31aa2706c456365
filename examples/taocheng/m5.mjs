import { Effect, Layer } from "effect"
import * as core from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { District } from "@jiceng/testkit"
import fs from "node:fs"
const { Grids, GridConfig, MemoryStore, Actor } = core
const d = District.generate()
const which = process.argv[2] ?? "memory"
const f = "/tmp/exp/m5.db"; for (const x of [f, f+"-wal", f+"-shm"]) fs.rmSync(x, {force:true})
const store = which === "memory" ? MemoryStore.layer : SqliteStore.layer({ filename: f })
const layer = Grids.layer.pipe(Layer.provide(GridConfig.layer()), Layer.provideMerge(store))
await Effect.runPromise(Effect.gen(function*() {
  let t = performance.now()
  yield* District.apply(d, { batchSize: 20000 })
  console.log("district", d.commands.length, "ms", performance.now() - t)
  const blocks = d.commands.flatMap((c) => (c._tag === "CreateGrid" && c.level === 5 ? [c.code] : []))
  const grids = yield* Grids.Grids
  const actor = Actor.system(d.tenant)
  for (let r = 0; r < 3; r++) {
  const cmds = []
  for (let k = 0; k < 50000; k++) cmds.push({ _tag: "PlacePlace", id: `H-${r}${String(k).padStart(7,"0")}`, kind: "household", name: `住户${k}`, gridCode: blocks[k % blocks.length], at: d.options.validFrom })
  t = performance.now()
  yield* grids.executeAll(actor, cmds)
  console.log("50k households µs/cmd", (performance.now() - t) * 1000 / cmds.length)
  }
}).pipe(Effect.provide(layer)))
