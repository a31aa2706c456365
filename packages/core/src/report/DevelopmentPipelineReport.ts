/**
 * The development pipelines of a grid subtree on a day, as a report model: for each
 * ladder asked for — by default the party ladder (发展党员: 入党申请人 → 入党积极分子 →
 * 发展对象 → 预备党员) and the community worker ladder (社区工作者 选育管用) — the people in
 * progress at each stage as a funnel and as a table whose total is the ladder's tracks
 * in progress, with those completed and cancelled (`Development.pipeline`).
 *
 * Every count is the development service's answer. It holds counts only, so `masked`
 * is true: nothing personal is shown.
 *
 * @since 0.7.0
 */
import { Effect, Schema } from "effect"
import type { Actor } from "../access/Actor.js"
import * as CommunityWorkerLadder from "../development/CommunityWorkerLadder.js"
import { Development, type DevelopmentReadError } from "../development/DevelopmentService.js"
import * as PartyLadder from "../development/PartyLadder.js"
import { ValidationError } from "../errors/ValidationError.js"
import type { GridReadError } from "../grid/GridsService.js"
import * as Kit from "../internal/report/kit.js"
import * as Blocks from "../internal/report/pipeline.js"
import * as Text from "../text/Text.js"
import type * as Report from "./Report.js"

/**
 * What to report on: the subtree (default: the actor's scope), the day (default:
 * today, China Standard Time), the ladders (default: the party ladder and the community
 * worker ladder; at most 10) and the language of the labels (default `zh`).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly root?: string
  readonly at?: string
  readonly ladders?: ReadonlyArray<string>
  readonly lang?: Report.Lang
}

/**
 * The ladders reported when none are named.
 *
 * @since 0.7.0
 * @category constants
 */
export const defaultLadders: ReadonlyArray<string> = [PartyLadder.id, CommunityWorkerLadder.id]

const OptionsSchema = Schema.Struct({
  ...Kit.DayOptions.fields,
  ladders: Schema.optional(Schema.Array(Text.Id).pipe(Schema.minItems(1), Schema.maxItems(10)))
})

const labels = {
  zh: {
    title: (name: string) => `${name}发展培养情况`,
    rounding: "人数为计数，不作舍入；各阶段合计为在培养人数。"
  },
  en: {
    title: (name: string) => `${name}: development pipelines`,
    rounding: "People are counted, not rounded; a ladder's total is its people in progress."
  }
} as const

/**
 * The model (kind `development-pipeline`), one section per ladder. The scope is named by
 * the grid service when it is in context. Fails as the development service's reads do:
 * a `ValidationError` naming `options.<field>` (an unknown ladder: `options.ladders.<i>`; one named twice: rule `options.unique`),
 * `Forbidden` outside the actor's scope or without `development:read`.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (
  actor: Actor,
  options: Options = {}
): Effect.Effect<Report.Report, DevelopmentReadError | GridReadError, Development> =>
  Effect.gen(function*() {
    const d = yield* Kit.day(actor, options, OptionsSchema)
    const service = yield* Development
    const ladders = d.options.ladders ?? defaultLadders
    const twice = ladders.findIndex((ladder, i) => ladders.indexOf(ladder) !== i)
    if (twice >= 0) {
      const field = `options.ladders.${twice}`
      return yield* new ValidationError({ field, rule: "options.unique", message: `${field}: ${ladders[twice]} is named twice` })
    }
    // The service names its option `options.ladder`; here it is the i-th of `options.ladders`.
    const pipelines = yield* Effect.forEach(ladders, (ladder, i) =>
      service.pipeline(actor, { root: d.root, at: d.at, ladder }).pipe(
        Effect.mapError((e) =>
          e._tag === "ValidationError" && e.field === "options.ladder"
            ? new ValidationError({ field: `options.ladders.${i}`, rule: e.rule, message: e.message.replace("options.ladder", `options.ladders.${i}`) })
            : e
        )
      ))
    const { name } = yield* Kit.scope(actor, d.root, d.at, false)
    const w = labels[d.lang]
    return yield* Kit.aggregate(actor, {
      kind: "development-pipeline",
      title: w.title(name),
      lang: d.lang,
      root: d.root,
      name,
      period: { _tag: "Day", at: d.at },
      rounding: w.rounding,
      sections: pipelines.map((pipeline, i) => ({
        id: `ladder-${i + 1}`,
        title: Blocks.ladderName(pipeline.ladder, d.lang),
        blocks: [Blocks.figures(pipeline, d.lang), Blocks.funnel(pipeline, d.lang), Blocks.table(pipeline, d.lang)]
      }))
    })
  }).pipe(Effect.withSpan("DevelopmentPipelineReport.build"))
