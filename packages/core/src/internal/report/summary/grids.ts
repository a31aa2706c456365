/**
 * The district summary's grid section (网格化管理): grids per level, grid workers per
 * category, places per kind and the 定格定人定岗定责 check, each table's total the sum of
 * the grid service's rollup, and grids per level as bars.
 *
 * @internal
 */
import type { LevelCount } from "../../../grid/GridRepository.js"
import * as LevelScheme from "../../../grid/LevelScheme.js"
import { placeKindLabels } from "../../../grid/Place.js"
import { AlertKind, alertLabels } from "../../../grid/ResponsibilityAlert.js"
import type * as Report from "../../../report/Report.js"
import { countTable, figure, labelOf, sumOf } from "../kit.js"
import { labels } from "./labels.js"
import type * as Reads from "./reads.js"

/** The section. */
export const section = (data: Reads.GridData, s: Reads.Scope): Report.Section => {
  const l = labels[s.lang]
  const w = l.grids
  const level = (c: LevelCount) => LevelScheme.label(data.config.scheme, c.level, s.lang)
  return {
    id: "grids",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "grid-figures",
        title: w.figures,
        items: [
          figure("grids", w.grids, sumOf(data.levels, (c) => c.count), l.pieces),
          figure("workers", w.workers, sumOf(data.workers, (c) => c.count), l.persons),
          figure("places", w.places, sumOf(data.places, (c) => c.count), l.pieces),
          figure("alerts", w.alerts, data.alerts.length, w.items)
        ]
      },
      countTable({
        id: "grids-per-level",
        title: w.perLevel,
        lang: s.lang,
        label: w.level,
        count: w.count,
        rows: data.levels.map((c) => [level(c), c.count]),
        note: l.asOf(s.last)
      }),
      {
        _tag: "Chart",
        id: "grids-per-level-chart",
        title: w.perLevel,
        kind: "bar",
        categories: data.levels.map(level),
        series: [{ name: w.grids, values: data.levels.map((c) => c.count) }],
        unit: l.pieces
      },
      countTable({
        id: "workers-per-category",
        title: w.perCategory,
        lang: s.lang,
        label: w.category,
        count: w.count,
        rows: data.workers.map((c) => [labelOf(data.config.workerCategories, c.category, s.lang), c.count])
      }),
      countTable({
        id: "places-per-kind",
        title: w.perKind,
        lang: s.lang,
        label: w.kind,
        count: w.count,
        rows: data.places.map((c) => [placeKindLabels[c.kind][s.lang], c.count])
      }),
      countTable({
        id: "responsibility-check",
        title: w.check,
        lang: s.lang,
        label: w.kind,
        count: w.count,
        rows: AlertKind.literals.map((kind) => [alertLabels[kind][s.lang], data.alerts.filter((a) => a.kind === kind).length] as const),
        note: w.checkNote
      })
    ]
  }
}
