/**
 * Console output helpers: where the demo writes its files, and columns that line up
 * when Chinese text (two terminal cells per character) sits next to ASCII.
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
