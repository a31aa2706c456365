/**
 * The grid worker roster (网格员名册): the workers serving in a subtree on a day — name,
 * category, employment (专职/兼职), posts, grids, phone and ID number — as a report
 * model. Phone and ID number are personal columns, masked unless the actor holds
 * `pii:read`; an unmasked roster is one audited read (`Grids.workers`).
 *
 * @since 0.7.0
 */
import { Effect } from "effect"
import type { Actor } from "../access/Actor.js"
import { GridConfig } from "../grid/GridConfig.js"
import { Grids, type GridReadError } from "../grid/GridsService.js"
import { employmentLabels } from "../grid/Worker.js"
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
    title: "网格员名册",
    section: "网格员",
    overview: "概况",
    workers: "在岗网格员",
    byCategory: "各类网格员",
    category: "类别",
    count: "人数",
    roster: "网格员名册",
    id: "编号",
    name: "姓名",
    employment: "用工形式",
    posts: "岗位",
    grids: "网格",
    phone: "联系电话",
    citizenId: "身份证号",
    masked: "联系电话、身份证号已脱敏。",
    withheld: "已不在本辖区的网格员不显示联系方式。",
    unit: "人"
  },
  en: {
    title: "Grid worker roster",
    section: "Grid workers",
    overview: "Overview",
    workers: "Workers serving",
    byCategory: "Workers per category",
    category: "Category",
    count: "Workers",
    roster: "Grid worker roster",
    id: "Id",
    name: "Name",
    employment: "Employment",
    posts: "Posts",
    grids: "Grids",
    phone: "Phone",
    citizenId: "ID number",
    masked: "Phones and ID numbers are masked.",
    withheld: "Contact data is not shown for workers no longer in your scope.",
    unit: ""
  }
} as const satisfies Record<Report.Lang, Record<string, string>>

/**
 * Builds the roster from `Grids.workers` (the workers serving on the day, each once,
 * ordered by id, with their assignments in the subtree; one audit entry when it shows
 * personal data unmasked) and `Grids.countWorkersByCategory` (the per-category table,
 * whose total is the number of workers on the roster). Grid names are the subtree's on
 * the day (`Grids.subtree`).
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
    const config = yield* GridConfig
    const [workers, counts, tree] = yield* Effect.all([
      grids.workers(actor, read),
      grids.countWorkersByCategory(actor, read),
      grids.subtree(actor, read)
    ])
    const categories = new Map<string, string>(config.workerCategories.map((c) => [c.key, c[lang]]))
    const gridNames = new Map<string, string>(tree.map((g) => [g.code, g.name]))
    const distinct = (xs: ReadonlyArray<string>) => Array.from(new Set(xs)).join("、")
    const rows = workers.map((w): ReadonlyArray<Report.Cell> => [
      w.id,
      w.name,
      categories.get(w.category) ?? w.category,
      employmentLabels[w.employment][lang],
      distinct(w.assignments.map((a) => a.post)),
      distinct(w.assignments.map((a) => gridNames.get(a.gridCode) ?? a.gridCode)),
      w.phone,
      w.citizenId
    ])
    const masked = yield* Heading.masks(actor)
    return yield* Heading.report(actor, {
      kind: "worker-roster",
      title: l.title,
      lang,
      scope: yield* Heading.scope(actor, root, at),
      period: { _tag: "Day", at },
      rounding: Heading.countsOnly[lang],
      masked,
      sections: [{
        id: "workers",
        title: l.section,
        blocks: [
          {
            _tag: "Figures",
            id: "worker-figures",
            title: l.overview,
            items: [{ key: "workers", label: l.workers, value: workers.length, unit: l.unit, decimals: 0 }]
          },
          Report.table({
            id: "workers-per-category",
            title: l.byCategory,
            lang,
            columns: [
              { key: "category", label: l.category, type: "text" },
              { key: "workers", label: l.count, type: "integer", total: true }
            ],
            rows: counts.map((c) => [categories.get(c.category) ?? c.category, c.count])
          }),
          Report.table({
            id: "worker-roster",
            title: l.roster,
            lang,
            columns: [
              { key: "id", label: l.id, type: "text" },
              { key: "name", label: l.name, type: "text" },
              { key: "category", label: l.category, type: "text" },
              { key: "employment", label: l.employment, type: "text" },
              { key: "posts", label: l.posts, type: "text" },
              { key: "grids", label: l.grids, type: "text" },
              { key: "phone", label: l.phone, type: "text", personal: "phone" },
              { key: "citizen-id", label: l.citizenId, type: "text", personal: "citizen-id" }
            ],
            rows,
            note: Heading.sentences(lang, masked ? l.masked : Heading.unmaskedNote[lang], l.withheld)
          })
        ]
      }]
    })
  })
