/**
 * `npm run demo`: builds 桃城区 at the article's scale (4 streets, 124 sectors, 355
 * compounds, 3242 blocks) in a fresh SQLite file, through the Grids service, then
 * prints what the store itself answers: grids per level, grid workers per category,
 * places per kind and the 定格定人定岗定责 check. Every figure printed is read back
 * from the store, never taken from the generator's options.
 *
 * Flags: --seed N --communities N --sectors N --compounds N --blocks N --lang zh|en
 * --help
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

const usage = `usage: npm run demo -- [--seed N] [--communities N] [--sectors N] [--compounds N] [--blocks N] [--lang zh|en]

Builds 桃城区 in a fresh SQLite file (out/taocheng.db) and prints the store's figures.

  --seed N          the generator's seed, 0 to ${District.maxSeed} (default ${District.defaults.seed})
  --communities N   communities (社区) below the 4 streets (default ${District.defaults.communities})
  --sectors N       sectors (片区, level 3; default ${District.defaults.sectors})
  --compounds N     compounds (小区, level 4; default ${District.defaults.compounds})
  --blocks N        blocks (单元, level 5; default ${District.defaults.blocks})
  --lang zh|en      labels in Chinese (default, also zh-CN) or English
  -h, --help        this text`

/** Alerts listed one by one up to this many; beyond it, per kind with a few codes. */
const LIST_ALERTS_MAX = 12

const sizeFlags = ["seed", "communities", "sectors", "compounds", "blocks"] as const
type SizeFlag = (typeof sizeFlags)[number]

interface Flags {
  readonly help: boolean
  readonly lang: Output.Lang
  readonly input: District.Input
}

const parseFlags = (argv: ReadonlyArray<string>): Flags => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...(Object.fromEntries(sizeFlags.map((f) => [f, { type: "string" }] as const)) as Record<
        SizeFlag,
        { type: "string" }
      >),
      lang: { type: "string" },
      help: { type: "boolean", short: "h" }
    },
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
  const lang = values.lang === undefined ? "zh" : Output.langs.get(values.lang)
  if (lang === undefined) throw new RangeError(`--lang ${values.lang}: expected zh or en`)
  return { help: values.help === true, lang, input }
}

const run = (district: District.GeneratedDistrict, file: string, started: number, lang: Output.Lang) =>
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
    const words = Output.words[lang]
    const levelLabel = (level: number) => LevelScheme.label(scheme, level, lang)
    const categoryLabel = (key: string) => workerCategories.find((c) => c.key === key)?.[lang] ?? key
    const order = WorkerCategory.defaultCategories.map((c) => c.key)

    const lines: Array<string> = []
    lines.push(words.title(district.options.name, district.tenant))
    lines.push(`  seed ${district.options.seed} · ${words.commandsWritten(Output.count(district.commands.length), Output.display(file))}`)
    lines.push("")
    lines.push(words.gridsAsOf(at))
    lines.push(Output.table([
      ...levels.map((l) => [levelLabel(l.level), Output.count(l.count)]),
      [words.total, Output.count(total(levels))]
    ]))
    lines.push("")
    lines.push(words.byStreet)
    lines.push(Output.table([
      [
        words.street,
        ...[2, 3, 4, 5].map(levelLabel),
        words.places
      ],
      ...perStreet.map((s) => [
        `${s.street.name} ${s.street.code}`,
        ...[2, 3, 4, 5].map((level) => Output.count(levelCount(s.levels, level))),
        Output.count(total(s.places))
      ])
    ]))
    lines.push("")
    lines.push(words.workersByCategory)
    lines.push(Output.table([
      ...[...categories]
        .sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))
        .map((c) => [categoryLabel(c.category), Output.count(c.count)]),
      [words.total, Output.count(total(categories))]
    ]))
    lines.push("")
    lines.push(words.placesByKind)
    lines.push(Output.table([
      ...places.map((p) => [Place.placeKindLabels[p.kind][lang], Output.count(p.count)]),
      [words.total, Output.count(total(places))]
    ]))
    lines.push("")
    lines.push(words.check(alerts.length))
    if (alerts.length <= LIST_ALERTS_MAX) {
      lines.push(Output.table(
        named.map(({ alert, where }) => [ResponsibilityAlert.alertLabels[alert.kind][lang], alert.gridCode, where]),
        { textColumns: [1, 2] }
      ))
    } else {
      const byKind = new Map<ResponsibilityAlert.AlertKind, Array<string>>()
      for (const a of alerts) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a.gridCode])
      for (const [kind, codes] of byKind) {
        const shown = codes.slice(0, 5).join(", ")
        const label = ResponsibilityAlert.alertLabels[kind][lang]
        lines.push(`  ${words.alertGrids(label, codes.length, `${shown}${codes.length > 5 ? " …" : ""}`)}`)
      }
    }
    lines.push("")
    lines.push(words.timing(writeSeconds, readSeconds, Output.seconds(started)))
    return lines.join("\n")
  })

const main = async (): Promise<number> => {
  const started = performance.now()
  let district: District.GeneratedDistrict
  let lang: Output.Lang
  try {
    const flags = parseFlags(process.argv.slice(2))
    if (flags.help) {
      console.log(usage)
      return 0
    }
    lang = flags.lang
    district = District.generate(flags.input)
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
  const exit = await Effect.runPromiseExit(run(district, file, started, lang).pipe(Effect.provide(layer)))
  if (Exit.isSuccess(exit)) {
    console.log(exit.value)
    return 0
  }
  console.error(Cause.pretty(exit.cause))
  return 1
}

process.exitCode = await main()
