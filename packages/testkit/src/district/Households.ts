/**
 * A synthetic import source: a small grid tree (a district, one street, one community,
 * one sector, one compound, `blocks` blocks) and then `households` households spread
 * over the blocks, made one at a time as the source is read (nothing held in memory).
 * Deterministic: the same arguments give the same commands, which is what a resumed
 * import needs.
 *
 * @since 0.2.0
 */
import { Actor, GridConfig, Grids, type Imports, type Store } from "@jiceng/core"
import { Effect, Layer } from "effect"
import type { Command } from "./District.js"

/** The tree the households go into: the codes of the blocks, and its commands. */
const tree = (tenant: string, blocks: number, validFrom: string) => {
  const street = `${tenant}001`
  const community = `${street}001`
  const sector = `${community}001`
  const compound = `${sector}001`
  const codes = Array.from({ length: blocks }, (_, i) => `${compound}${String(i + 1).padStart(3, "0")}`)
  const create = (code: string, name: string, parentCode: string | null): Command => ({
    _tag: "CreateGrid",
    code,
    name,
    parentCode,
    validFrom
  })
  const commands: Array<Command> = [
    create(tenant, "导入测试区", null),
    create(street, "导入街道", tenant),
    create(community, "导入社区", street),
    create(sector, "一片区", community),
    create(compound, "导入小区", sector),
    ...codes.map((code, i) => create(code, `${Math.floor(i / 3) + 1}号楼${(i % 3) + 1}单元`, compound))
  ]
  return { codes, commands }
}

/**
 * The commands of the source, in order: the tree, then the households.
 *
 * @since 0.2.0
 * @category sources
 */
export function* commands(
  tenant: string,
  options: { readonly blocks?: number; readonly households: number; readonly validFrom?: string }
): Generator<Command> {
  const validFrom = options.validFrom ?? "2024-01-01"
  const { codes, commands: grids } = tree(tenant, Math.max(1, Math.min(999, options.blocks ?? 20)), validFrom)
  yield* grids
  for (let k = 0; k < options.households; k++) {
    yield {
      _tag: "PlacePlace",
      id: `H-${String(k + 1).padStart(7, "0")}`,
      kind: "household",
      name: `住户${k + 1}`,
      gridCode: codes[k % codes.length]!,
      at: validFrom
    }
  }
}

/**
 * How many commands `commands` gives for these options.
 *
 * @since 0.2.0
 * @category sources
 */
export const count = (options: { readonly blocks?: number; readonly households: number }): number =>
  5 + Math.max(1, Math.min(999, options.blocks ?? 20)) + options.households

/**
 * Runs the households import of `commands` into a store through the Grids service, as
 * the system actor of the tenant: what a child process does in the kill-and-resume test
 * (`ImportResume`), and what a seeding script can do.
 *
 * @since 0.2.0
 * @category running
 */
export const importInto = <E>(
  store: Layer.Layer<Store.Store, E>,
  options: {
    readonly tenant: string
    readonly id: string
    readonly households: number
    readonly blocks?: number
    readonly chunkSize?: number
  }
): Promise<Imports.ImportResult> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const grids = yield* Grids.Grids
      const source = commands(options.tenant, options)
      return yield* grids.importAll(Actor.system(options.tenant), source, {
        id: options.id,
        ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize })
      })
    }).pipe(Effect.provide(Grids.layer.pipe(Layer.provideMerge(Layer.merge(store, GridConfig.layer())))))
  )
