/**
 * `npm run demo`: builds 桃城区 at the article's scale (4 streets, 124 sectors, 355
 * compounds, 3242 blocks) in a fresh SQLite file, through the Grids service, then
 * prints what the store itself answers: grids per level, grid workers per category,
 * places per kind and the 定格定人定岗定责 check. Every figure printed is read back
 * from the store, never taken from the generator's options.
 *
 * Flags: --seed N --communities N --sectors N --compounds N --blocks N
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import {
  Actor,
  Grid,
  GridConfig,
  Grids,
  IsoDate,
  LevelScheme,
  Place,
  ResponsibilityAlert,
  WorkerCategory
} from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
// The testkit's main entry loads no test runner (the suites are in @jiceng/testkit/vitest).
import { District } from "@jiceng/testkit"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import * as Output from "./Output.js"

const usage = `usage: npm run demo -- [--seed N] [--communities N] [--sectors N] [--compounds N] [--blocks N]
defaults: 桃城区 — 4 streets, 40 communities, 124 sectors, 355 compounds, 3242 blocks, seed ${District.defaults.seed}`

/** Alerts listed one by one up to this many; beyond it, per kind with a few codes. */
const LIST_ALERTS_MAX = 12

const sizeFlags = ["seed", "communities", "sectors", "compounds", "blocks"] as const
type SizeFlag = (typeof sizeFlags)[number]

const parseFlags = (argv: ReadonlyArray<string>): District.Input => {
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(sizeFlags.map((f) => [f, { type: "string" }] as const)) as Record<
      SizeFlag,
      { type: "string" }
    >,
    strict: true
  })
  const input: { -readonly [K in SizeFlag]?: number } = {}
  for (const flag of sizeFlags) {
    const raw = values[flag]
    if (raw === undefined) continue
    const n = Number(raw)
    if (flag === "seed") {
      if (raw.trim() === "" || !Number.isInteger(n) || n < 0 || n > District.maxSeed) {
        throw new RangeError(`--seed ${raw}: expected a whole number from 0 to ${District.maxSeed}`)
      }
    } else if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`--${flag} ${raw}: expected a whole number ≥ 1`)
    }
    input[flag] = n
  }
  return input
}

const run = (district: District.GeneratedDistrict, file: string, started: number) =>
  Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const actor = Actor.system(district.tenant)
    const { scheme, workerCategories } = GridConfig.defaults

    const writeStart = performance.now()
    yield* District.apply(district)
    const writeSeconds = Output.seconds(writeStart)

    const readStart = performance.now()
    const at = yield* IsoDate.today
    const levels = yield* grids.countByLevel(actor, { at })
    const streets = yield* grids.subtree(actor, { at, level: 1 })
    const perStreet = yield* Effect.forEach(streets, (street) =>
      Effect.all({
        street: Effect.succeed(street),
        levels: grids.countByLevel(actor, { at, root: street.code }),
        places: grids.countPlaces(actor, { at, root: street.code })
      }))
    const categories = yield* grids.countWorkersByCategory(actor, { at })
    const places = yield* grids.countPlaces(actor, { at })
    const alerts = yield* grids.check(actor, { at })
    // Where an alert is, in words: the block and its compound, as the store names them.
    const named = yield* Effect.forEach(alerts.slice(0, LIST_ALERTS_MAX), (alert) =>
      Effect.gen(function*() {
        const grid = yield* grids.resolve(actor, alert.gridCode, at)
        const parent = Option.isSome(grid) && grid.value.parentCode !== null
          ? yield* grids.resolve(actor, grid.value.parentCode, at)
          : Option.none<Grid.Grid>()
        const where = [parent, grid].flatMap(Option.toArray).map((g) => g.name).join(" ")
        return { alert, where }
      }))
    const readSeconds = Output.seconds(readStart)

    const total = (xs: ReadonlyArray<{ readonly count: number }>) => xs.reduce((s, x) => s + x.count, 0)
    const levelCount = (xs: ReadonlyArray<{ readonly level: number; readonly count: number }>, level: number) =>
      xs.find((x) => x.level === level)?.count ?? 0
    const categoryLabel = (key: string) => workerCategories.find((c) => c.key === key)?.zh ?? key
    const order = WorkerCategory.defaultCategories.map((c) => c.key)

    const lines: Array<string> = []
    lines.push(`${district.options.name}（${district.tenant}）网格化管理 · jiceng 演示`)
    lines.push(`  seed ${district.options.seed} · ${Output.count(district.commands.length)} 条命令写入 ${Output.display(file)}`)
    lines.push("")
    lines.push(`网格（截至 ${at}）`)
    lines.push(Output.table([
      ...levels.map((l) => [LevelScheme.label(scheme, l.level), Output.count(l.count)]),
      ["合计", Output.count(total(levels))]
    ]))
    lines.push("")
    lines.push("各街道")
    lines.push(Output.table([
      [
        "街道",
        LevelScheme.label(scheme, 2),
        LevelScheme.label(scheme, 3),
        LevelScheme.label(scheme, 4),
        LevelScheme.label(scheme, 5),
        "入格场所"
      ],
      ...perStreet.map((s) => [
        `${s.street.name} ${s.street.code}`,
        ...[2, 3, 4, 5].map((level) => Output.count(levelCount(s.levels, level))),
        Output.count(total(s.places))
      ])
    ]))
    lines.push("")
    lines.push("网格员（在岗，按类别）")
    lines.push(Output.table([
      ...[...categories]
        .sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))
        .map((c) => [categoryLabel(c.category), Output.count(c.count)]),
      ["合计", Output.count(total(categories))]
    ]))
    lines.push("")
    lines.push("入格场所（按类型）")
    lines.push(Output.table([
      ...places.map((p) => [Place.placeKindLabels[p.kind].zh, Output.count(p.count)]),
      ["合计", Output.count(total(places))]
    ]))
    lines.push("")
    lines.push(`定格定人定岗定责检查：${alerts.length === 0 ? "无预警" : `${alerts.length} 条预警`}`)
    if (alerts.length <= LIST_ALERTS_MAX) {
      lines.push(Output.table(
        named.map(({ alert, where }) => [ResponsibilityAlert.alertLabels[alert.kind].zh, alert.gridCode, where]),
        { textColumns: [1, 2] }
      ))
    } else {
      const byKind = new Map<ResponsibilityAlert.AlertKind, Array<string>>()
      for (const a of alerts) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a.gridCode])
      for (const [kind, codes] of byKind) {
        const shown = codes.slice(0, 5).join(", ")
        lines.push(`  ${ResponsibilityAlert.alertLabels[kind].zh}：${codes.length} 个网格（${shown}${codes.length > 5 ? " …" : ""}）`)
      }
    }
    lines.push("")
    lines.push(`用时：写入 ${writeSeconds} s · 查询 ${readSeconds} s · 合计 ${Output.seconds(started)} s`)
    return lines.join("\n")
  })

const main = async (): Promise<number> => {
  const started = performance.now()
  let district: District.GeneratedDistrict
  try {
    district = District.generate(parseFlags(process.argv.slice(2)))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error(usage)
    return 2
  }
  const file = Output.freshDatabase("taocheng.db")
  const layer = Grids.layer.pipe(
    Layer.provide(GridConfig.layer()),
    Layer.provide(SqliteStore.layer({ filename: file }))
  )
  const exit = await Effect.runPromiseExit(run(district, file, started).pipe(Effect.provide(layer)))
  if (Exit.isSuccess(exit)) {
    console.log(exit.value)
    return 0
  }
  console.error(Cause.pretty(exit.cause))
  return 1
}

process.exitCode = await main()
