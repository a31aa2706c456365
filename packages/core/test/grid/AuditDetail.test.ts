import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { Actor, GridCommand, GridConfig, Grids, MemoryStore } from "@jiceng/core"
import { District, StorePorts } from "@jiceng/testkit"

const layer = Grids.layer.pipe(Layer.provideMerge(Layer.merge(MemoryStore.layer, GridConfig.layer())))

/** What the audit log must keep: the command's encoded form, personal data left out. */
const expected = (input: GridCommand.Input): string => {
  const command = Schema.decodeUnknownSync(GridCommand.GridCommand)(input)
  const encoded = { ...Schema.encodeSync(GridCommand.GridCommand)(command) } as Record<string, unknown>
  delete encoded["address"]
  delete encoded["phone"]
  delete encoded["citizenId"]
  if (command._tag === "PlacePlace" && command.kind === "household") delete encoded["name"]
  return JSON.stringify(encoded)
}

describe("audit detail", () => {
  it.effect("is the command's encoded form without personal data, for every kind of command", () =>
    Effect.gen(function*() {
      const district = District.generate({ streets: 2, communities: 2, sectors: 4, compounds: 8, blocks: 24, workUnits: 3, merchants: 3, households: 48 })
      const t = district.tenant
      const structural: ReadonlyArray<GridCommand.Input> = [
        { _tag: "CreateGrid", code: `${t}009`, name: "新街道", parentCode: t, validFrom: "2024-01-01", level: 1 },
        { _tag: "CreateGrid", code: `${t}009001`, name: "新社区", parentCode: `${t}009`, validFrom: "2024-01-01", validTo: null },
        { _tag: "RenameGrid", code: `${t}009001`, name: "新社区二", at: "2024-02-01" },
        { _tag: "SplitGrid", code: `${t}009001`, at: "2024-03-01", parts: [{ code: `${t}009002`, name: "甲" }, { code: `${t}009003`, name: "乙", children: [] }] },
        { _tag: "MergeGrids", codes: [`${t}009002`, `${t}009003`], into: { code: `${t}009004`, name: "合" }, at: "2024-04-01" },
        { _tag: "CloseGrid", code: `${t}009004`, at: "2024-05-01" }
      ]
      const commands = [...district.commands, ...structural]
      const grids = yield* Grids.Grids
      const actor = Actor.system(t)
      yield* grids.executeAll(actor, commands)
      const store = yield* StorePorts.all
      const entries = yield* store.audit.list(actor.tenant, { afterSeq: 0, limit: Infinity })
      expect(entries.map((e) => e.detail)).toEqual(commands.map(expected))
    }).pipe(Effect.provide(layer)))
})
