/**
 * The shape a model must have for a format to lay it out cell by cell: one cell per
 * column in every row and the totals, one value per category in every series. It is
 * checked before the first byte, so a refused model writes nothing.
 */
import { ReportBackend } from "@jiceng/core"
import type { Report } from "@jiceng/core"
import { Effect } from "effect"

const where = (section: Report.Section, block: Report.Block) => `${block._tag.toLowerCase()} "${block.id}" in section "${section.id}"`

/** Why a block cannot be laid out, or null when it can. */
export const problem = (section: Report.Section, block: Report.Block): string | null => {
  if (block._tag === "Table") {
    const width = block.columns.length
    const row = block.rows.findIndex((r) => r.length !== width)
    if (row >= 0) return `${where(section, block)}: row ${row + 1} has ${block.rows[row]!.length} cells for ${width} columns`
    if (block.totals !== null && block.totals.length !== width) {
      return `${where(section, block)}: the totals row has ${block.totals.length} cells for ${width} columns`
    }
  }
  if (block._tag === "Chart") {
    const series = block.series.find((s) => s.values.length !== block.categories.length)
    if (series !== undefined) {
      return `${where(section, block)}: a series has ${series.values.length} values for ${block.categories.length} categories`
    }
  }
  return null
}

/** Checks blocks, failing with a `ReportError` of the back end on the first that cannot be laid out. */
export const check = (
  backend: string,
  blocks: Iterable<readonly [Report.Section, Report.Block]>
): Effect.Effect<void, ReportBackend.ReportError> =>
  Effect.suspend(() => {
    for (const [section, block] of blocks) {
      const message = problem(section, block)
      if (message !== null) return Effect.fail(new ReportBackend.ReportError({ backend, message }))
    }
    return Effect.void
  })
