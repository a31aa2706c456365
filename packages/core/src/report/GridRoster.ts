/**
 * The grid roster (网格名册): the grids of a subtree on a day — code, name, level, parent,
 * the responsible worker (网格长 / 责任网格员) and how many places are registered in each
 * (入格) — as a report model for the report back ends. It holds no personal data: grid
 * workers are posted by name (网格员公示), and their contact data is not shown.
 *
 * @since 0.7.0
 */
import { Effect } from "effect"
import type { Actor } from "../access/Actor.js"
import { GridConfig } from "../grid/GridConfig.js"
import { Grids, type GridReadError } from "../grid/GridsService.js"
import * as LevelScheme from "../grid/LevelScheme.js"
import { groupBy } from "../internal/groupBy.js"
import * as Heading from "../internal/report/heading.js"
import * as Report from "./Report.js"

/**
 * What to build: the subtree (default: the actor's scope), the day (default: today)
 * and the language of the labels (default: zh).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly root?: string
  readonly at?: string
  readonly lang?: Report.Lang
}

/**
 * The roster's labels, zh and en.
 *
 * @since 0.7.0
 * @category labels
 */
export const labels = {
  zh: {
    title: "网格名册",
    section: "网格",
    overview: "概况",
    grids: "网格数",
    staffed: "有责任网格员的网格",
    places: "入格场所",
    roster: "网格名册",
    code: "网格编码",
    name: "网格名称",
    level: "层级",
    parent: "上级网格编码",
    responsible: "责任网格员",
    placesColumn: "入格场所数",
    note: "按网格编码排序。入格场所数为直接登记在该网格的场所；合计即本辖区的入格场所总数。",
    unit: "个"
  },
  en: {
    title: "Grid roster",
    section: "Grids",
    overview: "Overview",
    grids: "Grids",
    staffed: "Grids with a responsible worker",
    places: "Places registered",
    roster: "Grid roster",
    code: "Grid code",
    name: "Grid name",
    level: "Level",
    parent: "Parent grid code",
    responsible: "Responsible worker",
    placesColumn: "Places registered",
    note: "Ordered by grid code. Places are those registered in the grid itself; their total is the subtree's.",
    unit: ""
  }
} as const satisfies Record<Report.Lang, Record<string, string>>

/**
 * Builds the roster from the grid service's reads: `subtree`, `assignments`,
 * `placeLinks` and `workers` (names only: `contact: false`, so nothing personal is
 * shown and nothing audited). `masked` is true: the roster shows nothing personal, whatever
 * the actor holds.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (
  actor: Actor,
  options?: Options
): Effect.Effect<Report.Report, GridReadError, Grids | GridConfig> =>
  Effect.gen(function*() {
    const { at, lang, read, root } = yield* Heading.roster(actor, options)
    const l = labels[lang]
    const grids = yield* Grids
    const { scheme } = yield* GridConfig
    const [tree, assignments, links, workers] = yield* Effect.all([
      grids.subtree(actor, read),
      grids.assignments(actor, read),
      grids.placeLinks(actor, read),
      grids.workers(actor, { ...read, contact: false })
    ])
    const names = new Map<string, string>(workers.map((w) => [w.id, w.name]))
    const responsible = groupBy(assignments.filter((a) => a.responsible), (a) => a.gridCode)
    const places = groupBy(links, (l) => l.gridCode)
    const rows = tree.map((g): ReadonlyArray<Report.Cell> => [
      g.code,
      g.name,
      LevelScheme.gridLabel(scheme, g.code, lang),
      g.parentCode,
      (responsible.get(g.code) ?? []).map((a) => names.get(a.workerId) ?? a.workerId).join("、") || null,
      places.get(g.code)?.length ?? 0
    ])
    return yield* Heading.report(actor, {
      kind: "grid-roster",
      title: l.title,
      lang,
      scope: yield* Heading.scope(actor, root, at),
      period: { _tag: "Day", at },
      rounding: Heading.countsOnly[lang],
      masked: true,
      sections: [{
        id: "grids",
        title: l.section,
        blocks: [
          {
            _tag: "Figures",
            id: "grid-figures",
            title: l.overview,
            items: [
              { key: "grids", label: l.grids, value: tree.length, unit: l.unit, decimals: 0 },
              { key: "staffed", label: l.staffed, value: tree.filter((g) => responsible.has(g.code)).length, unit: l.unit, decimals: 0 },
              { key: "places", label: l.places, value: links.length, unit: l.unit, decimals: 0 }
            ]
          },
          Report.table({
            id: "grid-roster",
            title: l.roster,
            lang,
            columns: [
              { key: "code", label: l.code, type: "text" },
              { key: "name", label: l.name, type: "text" },
              { key: "level", label: l.level, type: "text" },
              { key: "parent", label: l.parent, type: "text" },
              { key: "responsible", label: l.responsible, type: "text" },
              { key: "places", label: l.placesColumn, type: "integer", total: true }
            ],
            rows,
            note: l.note
          })
        ]
      }]
    })
  })
