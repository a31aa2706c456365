/**
 * Console output helpers: where the demo writes its files, the words it prints in
 * each language, and columns that line up when Chinese text (two terminal cells per
 * character) sits next to ASCII.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/**
 * The repository's `out/` directory. The scripts run from `examples/taocheng/dist`
 * (npm runs a workspace script in the workspace), so the path is taken from this
 * file's location, not the working directory: `npm run demo` from the root and from
 * the example write to the same place.
 *
 * @since 0.1.0
 * @category paths
 */
export const outDir = (): string => path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../out")

/**
 * A fresh SQLite file under `out/`: the file and its WAL/journal siblings are removed.
 *
 * @since 0.1.0
 * @category paths
 */
export const freshDatabase = (name: string): string => {
  const dir = outDir()
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, name)
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true })
  return file
}

/**
 * The path relative to the repository root, for messages.
 *
 * @since 0.1.0
 * @category paths
 */
export const display = (file: string): string => path.relative(path.resolve(outDir(), ".."), file)

/**
 * The languages the demo prints in (`--lang`): Chinese by default, or English.
 *
 * @since 0.2.0
 * @category language
 */
export type Lang = "zh" | "en"

/**
 * `--lang` values and the language each selects.
 *
 * @since 0.2.0
 * @category language
 */
export const langs: ReadonlyMap<string, Lang> = new Map([["zh", "zh"], ["zh-CN", "zh"], ["en", "en"]])

/**
 * What the notes of the demo's first table say about a figure's origin.
 *
 * @since 0.2.0
 * @category language
 */
export interface Notes {
  /** A figure of the article that the generator takes as its input. */
  readonly input: string
  /** A size the article does not give: the generator's parameter. */
  readonly parameter: string
  readonly categories: string
  readonly workers: string
  readonly workUnits: string
  readonly households: string
  readonly residents: string
}

/**
 * The timings the demo prints, in seconds (two decimals) and commands per second.
 *
 * @since 0.2.0
 * @category language
 */
export interface Timings {
  readonly generate: string
  readonly write: string
  readonly perSecond: string
  readonly read: string
  readonly total: string
}

/**
 * The demo's own words in each language. Level, category, place-kind and alert
 * labels come from core's `{ zh, en }` records; names of grids and places are data
 * and stay as the store holds them.
 *
 * @since 0.2.0
 * @category language
 */
export const words: Readonly<Record<Lang, {
  readonly title: (district: string, tenant: string) => string
  readonly run: (seed: number, commands: string, generateSeconds: string, file: string) => string
  readonly articleAndStore: (day: string) => string
  readonly figure: string
  readonly article: string
  readonly thisRun: string
  readonly note: string
  readonly notes: Notes
  readonly gridLevel: (level: number, label: string) => string
  readonly categories: string
  readonly articleCategories: (count: number) => string
  readonly workers: string
  readonly residents: string
  readonly articleResidents: (residents: number, compounds: number) => string
  readonly householdsNote: (households: string, blocks: string, mean: string, perHousehold: number, persons: string) => readonly [string, string]
  readonly total: string
  readonly byStreet: string
  readonly street: string
  readonly places: string
  readonly workersByCategory: string
  readonly namedInArticle: string
  readonly exampleCategory: string
  readonly placesByKind: string
  readonly perBlock: (min: number, median: number, mean: string, max: number, blocksPerBuilding: string) => string
  readonly check: (alerts: number) => string
  readonly alertGrids: (label: string, count: number, codes: string) => string
  readonly timing: (t: Timings) => string
}>> = {
  zh: {
    title: (district, tenant) => `${district}（${tenant}）网格化管理 · jiceng 演示`,
    run: (seed, commands, generate, file) => `种子 ${seed} · 生成 ${commands} 条命令（${generate} s）· 写入 ${file}`,
    articleAndStore: (day) => `文章的数字与本次运行（本次运行的数字均读自库，截至 ${day}）`,
    figure: "指标",
    article: "文章",
    thisRun: "本次运行",
    note: "说明",
    notes: {
      input: "生成器输入，取自文章",
      parameter: "生成器参数，文章未给出",
      categories: "生成器输入，取自文章；文章列名 2 类，其余 11 类为示例",
      workers: "生成器参数，文章未给出人数",
      workUnits: "生成器输入，取自文章（市区两级到街道报到的单位）",
      households: "生成器假设，文章未给出户数",
      residents: "库中没有居民数，只有住户"
    },
    gridLevel: (level, label) => `${["", "一", "二", "三", "四", "五"][level] ?? level}级网格（${label}）`,
    categories: "网格员类别",
    articleCategories: (count) => `${count}（列名 2 类）`,
    workers: "网格员",
    residents: "居民",
    articleResidents: (residents, compounds) => `${residents / 10_000}万（${compounds}个小区）`,
    householdsNote: (households, blocks, mean, perHousehold, persons) => [
      `住户：${households} 户 ÷ ${blocks} 个单元 = 平均每单元 ${mean} 户，为生成器的假设（--households 可改）。`,
      `按 2020 年人口普查平均每户 ${perHousehold} 人，约合 ${persons} 人；文章：疫情防控期间为 315 个小区、28 万居民服务。`
    ],
    total: "合计",
    byStreet: "各街道（读自库）",
    street: "街道",
    places: "入格场所",
    workersByCategory: "网格员（在岗，按类别，读自库）",
    namedInArticle: "文章所列",
    exampleCategory: "示例类别（可配置，非文章所列）",
    placesByKind: "入格场所（按类型，读自库）",
    perBlock: (min, median, mean, max, perBuilding) =>
      `每单元住户：最少 ${min} · 中位 ${median} · 平均 ${mean} · 最多 ${max}；每栋楼平均 ${perBuilding} 个单元`,
    check: (alerts) => `定格定人定岗定责检查：${alerts === 0 ? "无预警" : `${alerts} 条预警`}`,
    alertGrids: (label, count, codes) => `${label}：${count} 个网格（${codes}）`,
    timing: (t) =>
      `用时：生成 ${t.generate} s · 写入 ${t.write} s（${t.perSecond} 条/秒）· 查询 ${t.read} s · 全程 ${t.total} s`
  },
  en: {
    title: (district, tenant) => `${district} (${tenant}) grid management · jiceng demo`,
    run: (seed, commands, generate, file) => `seed ${seed} · ${commands} commands generated (${generate} s) · written to ${file}`,
    articleAndStore: (day) => `The article's figures and this run's (every figure of this run read from the store, as of ${day})`,
    figure: "Figure",
    article: "Article",
    thisRun: "This run",
    note: "Note",
    notes: {
      input: "generator input, taken from the article",
      parameter: "generator parameter; not in the article",
      categories: "generator input, from the article; it names 2, the other 11 are examples",
      workers: "generator parameter; the article gives no count",
      workUnits: "generator input, from the article (city and district units that reported to the streets)",
      households: "generator's assumption; the article gives no household count",
      residents: "not in the store, which holds households"
    },
    gridLevel: (level, label) => `Level ${level} grids (${label})`,
    categories: "Worker categories",
    articleCategories: (count) => `${count} (2 named)`,
    workers: "Grid workers",
    residents: "Residents",
    articleResidents: (residents, compounds) => `${count(residents)} (in ${compounds} compounds)`,
    householdsNote: (households, blocks, mean, perHousehold, persons) => [
      `Households: ${households} in ${blocks} blocks, ${mean} a block on average: the generator's assumption (--households changes it).`,
      `At the 2020 census's ${perHousehold} persons a household, about ${persons} people; the article: 280,000 residents of 315 compounds served in the epidemic.`
    ],
    total: "Total",
    byStreet: "By street (from the store)",
    street: "Street",
    places: "Places",
    workersByCategory: "Grid workers (on duty, by category, from the store)",
    namedInArticle: "named in the article",
    exampleCategory: "example category (configurable, not the article's)",
    placesByKind: "Places registered in the grid (by kind, from the store)",
    perBlock: (min, median, mean, max, perBuilding) =>
      `Households a block: min ${min} · median ${median} · mean ${mean} · max ${max}; ${perBuilding} blocks a building on average`,
    check: (alerts) =>
      `Responsibility check (定格定人定岗定责): ${alerts === 0 ? "no alerts" : `${alerts} alert${alerts === 1 ? "" : "s"}`}`,
    alertGrids: (label, count, codes) => `${label}: ${count} grid${count === 1 ? "" : "s"} (${codes})`,
    timing: (t) =>
      `Time: generating ${t.generate} s · writing ${t.write} s (${t.perSecond} commands/s) · queries ${t.read} s · whole run ${t.total} s`
  }
}

// East Asian wide and fullwidth ranges that terminals draw two cells wide.
const wide = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/

/**
 * Terminal cells a string takes.
 *
 * @since 0.1.0
 * @category formatting
 */
export const cells = (s: string): number => {
  let n = 0
  for (const ch of s) n += wide.test(ch) ? 2 : 1
  return n
}

/**
 * Pads to a width in terminal cells, on the right (text) or the left (numbers).
 *
 * @since 0.1.0
 * @category formatting
 */
export const pad = (s: string, width: number, align: "left" | "right" = "left"): string => {
  const fill = " ".repeat(Math.max(0, width - cells(s)))
  return align === "left" ? s + fill : fill + s
}

/**
 * Rows as aligned columns. By default the first column is text (left-aligned) and the
 * others are figures (right-aligned); `textColumns` names further text columns, and
 * `header` rules off the first row.
 *
 * @since 0.1.0
 * @category formatting
 */
export const table = (
  rows: ReadonlyArray<ReadonlyArray<string>>,
  options: { readonly indent?: string; readonly textColumns?: ReadonlyArray<number>; readonly header?: boolean } = {}
): string => {
  const indent = options.indent ?? "  "
  const text = new Set([0, ...(options.textColumns ?? [])])
  const widths: Array<number> = []
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, cells(c))))
  const lines = rows.map((row) =>
    indent + row.map((c, i) => pad(c, widths[i]!, text.has(i) ? "left" : "right")).join("  ").trimEnd()
  )
  if (options.header === true && lines.length > 0) lines.splice(1, 0, indent + widths.map((w) => "-".repeat(w)).join("  "))
  return lines.join("\n")
}

/**
 * A count with thousands separators.
 *
 * @since 0.1.0
 * @category formatting
 */
export const count = (n: number): string => n.toLocaleString("en-US")

/**
 * Seconds since a `performance.now()` mark, two decimals.
 *
 * @since 0.1.0
 * @category formatting
 */
export const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(2)
