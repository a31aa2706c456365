/**
 * 三会一课 compliance of a grid subtree's party organisations for a period `[from, to)`,
 * as a report model: the service's summary (meetings due, held, missing, the rate), a
 * row per meeting kind and per organisation whose totals are the summary's, a bar chart
 * of due and held per kind, and every meeting missing with its reason
 * (`Organisations.compliance`, under the deployment's meeting policy).
 *
 * Every count is the organisation service's answer; the model rounds the rates to one
 * decimal of a percent. It names organisations, never a member, so `masked` is true:
 * nothing personal is shown.
 *
 * @since 0.7.0
 */
import { Effect, Schema } from "effect"
import type { Actor } from "../access/Actor.js"
import * as Blocks from "../internal/report/compliance.js"
import * as Kit from "../internal/report/kit.js"
import type { GridReadError } from "../grid/GridsService.js"
import { OrganisationId } from "../organisation/Organisation.js"
import { type OrganisationReadError, Organisations } from "../organisation/OrganisationsService.js"
import type * as Report from "./Report.js"

/**
 * What to report on: the subtree (default: the actor's scope), the period `[from, to)`
 * of days (at most ten years), optionally one organisation of the subtree, and the
 * language of the labels (default `zh`).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly root?: string
  readonly from: string
  readonly to: string
  readonly organisationId?: string
  readonly lang?: Report.Lang
}

const OptionsSchema = Schema.Struct({ ...Kit.PeriodOptions.fields, organisationId: Schema.optional(OrganisationId) })

const labels = {
  zh: {
    title: (name: string) => `${name}三会一课落实情况`,
    summary: "落实情况",
    missing: "缺开明细",
    rounding: "落实率 = 已开 ÷ 应开，以百分数保留一位小数（四舍五入），不合计；其余为次数，不作舍入，合计行为各行之和。"
  },
  en: {
    title: (name: string) => `${name}: 三会一课 compliance`,
    summary: "Compliance",
    missing: "Missing meetings",
    rounding:
      "A rate = held ÷ due, shown as a percentage to one decimal, half up, and not totalled; everything else is a count of meetings, not rounded, and a totals row is the sum of its rows."
  }
} as const

/**
 * The model (kind `compliance`). The scope is named by the grid service when it is in
 * context. Fails as the organisation service's reads do: a `ValidationError` naming
 * `options.<field>`, `Forbidden` outside the actor's scope or without
 * `organisation:read`.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (
  actor: Actor,
  options: Options
): Effect.Effect<Report.Report, OrganisationReadError | GridReadError, Organisations> =>
  Effect.gen(function*() {
    const p = yield* Kit.period(actor, options, OptionsSchema)
    const service = yield* Organisations
    const organisationId = p.options.organisationId
    const compliance = yield* service.compliance(actor, {
      root: p.root,
      from: p.from,
      to: p.to,
      ...(organisationId === undefined ? {} : { organisationId })
    })
    const { name } = yield* Kit.scope(actor, p.root, p.last, false)
    const w = labels[p.lang]
    return yield* Kit.aggregate(actor, {
      kind: "compliance",
      title: w.title(name),
      lang: p.lang,
      root: p.root,
      name,
      period: { _tag: "Range", from: p.from, to: p.to },
      rounding: w.rounding,
      sections: [
        {
          id: "compliance",
          title: w.summary,
          blocks: [
            Blocks.figures(compliance, p.lang),
            Blocks.byKind(compliance, p.lang),
            Blocks.chart(compliance, p.lang),
            Blocks.byOrganisation(compliance, p.lang)
          ]
        },
        { id: "missing", title: w.missing, blocks: [Blocks.missingTable(compliance, p.lang)] }
      ]
    })
  }).pipe(Effect.withSpan("ComplianceReport.build"))
