/**
 * Demand resolution (诉求办理) of a grid subtree for a period `[from, to)`, as a report
 * model: the subtree's figures (received, resolved, on time, return visits, the on-time
 * and satisfaction rates, open), a row per child grid — received, resolved, on time,
 * rates, satisfaction, open — with a row for the root grid's own demands when it has
 * any, so that the totals row is the subtree's (`Demands.stats`: its children and its
 * own sum to its total), a bar chart per child, the resolution pie, and the demands
 * overdue and open at the period's end (`Demands.overdue`) by id, grid, category and
 * state.
 *
 * Every figure is the demand service's answer; the model rounds the rates to one decimal
 * of a percent and overdue minutes to hours. It holds no personal data — no description,
 * address or resident — so `masked` is true: nothing personal is shown.
 *
 * @since 0.7.0
 */
import { Effect, Option } from "effect"
import type { Actor } from "../access/Actor.js"
import * as DemandConfig from "../demand/DemandConfig.js"
import { type DemandReadError, Demands } from "../demand/DemandsService.js"
import * as Blocks from "../internal/report/demands.js"
import * as Kit from "../internal/report/kit.js"
import type * as Report from "./Report.js"

/**
 * What to report on: the subtree (default: the actor's scope), the period `[from, to)`
 * of days (at most ten years), the language of the labels (default `zh`).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly root?: string
  readonly from: string
  readonly to: string
  readonly lang?: Report.Lang
}

const labels = {
  zh: {
    title: (name: string) => `${name}诉求办理情况`,
    resolution: "办理情况",
    overdue: "逾期未办结",
    rounding:
      "按时办结率、满意率为比值，以百分数保留一位小数（四舍五入），不合计；逾期时长 = 分钟 ÷ 60，保留一位小数（四舍五入）；其余为件数，不作舍入，合计行为各行之和。"
  },
  en: {
    title: (name: string) => `${name}: demand resolution`,
    resolution: "Resolution",
    overdue: "Overdue",
    rounding:
      "The on-time and satisfaction rates are ratios shown as percentages to one decimal, half up, and not totalled; hours overdue = minutes ÷ 60 to one decimal, half up; everything else is a count of demands, not rounded, and a totals row is the sum of its rows."
  }
} as const

/**
 * The model (kind `demand-resolution`). Fails as the demand service's reads do: a
 * `ValidationError` naming `options.<field>` (`period.order`, `period.length` among the
 * rules), `Forbidden` outside the actor's scope or without `demand:read`.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (actor: Actor, options: Options): Effect.Effect<Report.Report, DemandReadError, Demands> =>
  Effect.gen(function*() {
    const p = yield* Kit.period(actor, options)
    const service = yield* Demands
    const config = Option.getOrElse(yield* Effect.serviceOption(DemandConfig.DemandConfig), () => DemandConfig.defaults)
    const stats = yield* service.stats(actor, { root: p.root, from: p.from, to: p.to })
    const asOf = `${p.to}T00:00`
    const overdue = yield* service.overdue(actor, { root: p.root, asOf })
    const w = labels[p.lang]
    return yield* Kit.aggregate(actor, {
      kind: "demand-resolution",
      title: w.title(stats.total.name),
      lang: p.lang,
      root: p.root,
      name: stats.total.name,
      period: { _tag: "Range", from: p.from, to: p.to },
      rounding: w.rounding,
      sections: [
        {
          id: "resolution",
          title: w.resolution,
          blocks: [
            Blocks.figures(stats, p.lang, overdue.length),
            Blocks.byChild(stats, p.lang),
            Blocks.bar(stats, p.lang),
            Blocks.pie(stats, p.lang)
          ]
        },
        { id: "overdue", title: w.overdue, blocks: [Blocks.overdueTable(overdue, asOf, config, p.lang)] }
      ]
    })
  }).pipe(Effect.withSpan("DemandResolutionReport.build"))
