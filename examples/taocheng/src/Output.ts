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
 * The demo's own words in each language. Level, category, place-kind and alert
 * labels come from core's `{ zh, en }` records; names of grids and places are data
 * and stay as the store holds them.
 *
 * @since 0.2.0
 * @category language
 */
export const words: Readonly<Record<Lang, {
  readonly title: (district: string, tenant: string) => string
  readonly commandsWritten: (count: string, file: string) => string
  readonly gridsAsOf: (day: string) => string
  readonly total: string
  readonly byStreet: string
  readonly street: string
  readonly places: string
  readonly workersByCategory: string
  readonly placesByKind: string
  readonly check: (alerts: number) => string
  readonly alertGrids: (label: string, count: number, codes: string) => string
  readonly timing: (write: string, read: string, total: string) => string
}>> = {
  zh: {
    title: (district, tenant) => `${district}（${tenant}）网格化管理 · jiceng 演示`,
    commandsWritten: (count, file) => `${count} 条命令写入 ${file}`,
    gridsAsOf: (day) => `网格（截至 ${day}）`,
    total: "合计",
    byStreet: "各街道",
    street: "街道",
    places: "入格场所",
    workersByCategory: "网格员（在岗，按类别）",
    placesByKind: "入格场所（按类型）",
    check: (alerts) => `定格定人定岗定责检查：${alerts === 0 ? "无预警" : `${alerts} 条预警`}`,
    alertGrids: (label, count, codes) => `${label}：${count} 个网格（${codes}）`,
    timing: (write, read, total) => `用时：写入 ${write} s · 查询 ${read} s · 合计 ${total} s`
  },
  en: {
    title: (district, tenant) => `${district} (${tenant}) grid management · jiceng demo`,
    commandsWritten: (count, file) => `${count} commands written to ${file}`,
    gridsAsOf: (day) => `Grids (as of ${day})`,
    total: "Total",
    byStreet: "By street",
    street: "Street",
    places: "Places",
    workersByCategory: "Grid workers (on duty, by category)",
    placesByKind: "Places registered in the grid (by kind)",
    check: (alerts) =>
      `Responsibility check (定格定人定岗定责): ${alerts === 0 ? "no alerts" : `${alerts} alert${alerts === 1 ? "" : "s"}`}`,
    alertGrids: (label, count, codes) => `${label}: ${count} grid${count === 1 ? "" : "s"} (${codes})`,
    timing: (write, read, total) => `Time: writing ${write} s · queries ${read} s · total ${total} s`
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
 * others are figures (right-aligned); `textColumns` names further text columns.
 *
 * @since 0.1.0
 * @category formatting
 */
export const table = (
  rows: ReadonlyArray<ReadonlyArray<string>>,
  options: { readonly indent?: string; readonly textColumns?: ReadonlyArray<number> } = {}
): string => {
  const indent = options.indent ?? "  "
  const text = new Set([0, ...(options.textColumns ?? [])])
  const widths: Array<number> = []
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, cells(c))))
  return rows
    .map((row) => indent + row.map((c, i) => pad(c, widths[i]!, text.has(i) ? "left" : "right")).join("  ").trimEnd())
    .join("\n")
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
