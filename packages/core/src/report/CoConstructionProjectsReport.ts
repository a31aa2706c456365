/**
 * Co-construction agreements and projects (共驻共建: 一协议两清单) of a grid subtree on a
 * day, as a report model: figures (agreements, those in term, projects completed and
 * underway), each agreement with its term, its unit, its projects and its progress, each
 * project with its completion, the needs and resources lists with what projects took of
 * them (totals the lists' sums), and a pie of the projects completed and underway
 * (`CoConstructions.agreements`, `projects`, `needs`, `resources`).
 *
 * Every figure is the co-construction service's answer; the model rounds progress to one
 * decimal of a percent. It names organisations and units (by 统一社会信用代码), never a
 * person, so `masked` is true: nothing personal is shown.
 *
 * @since 0.7.0
 */
import { Effect, Option } from "effect"
import type { Actor } from "../access/Actor.js"
import * as CoConstructionConfig from "../coconstruction/CoConstructionConfig.js"
import { type CoConstructionReadError, CoConstructions } from "../coconstruction/CoConstructionsService.js"
import type { GridReadError } from "../grid/GridsService.js"
import * as Kit from "../internal/report/kit.js"
import * as Blocks from "../internal/report/projects.js"
import { type OrganisationReadError, Organisations } from "../organisation/OrganisationsService.js"
import type * as Report from "./Report.js"

/**
 * What to report on: the subtree (default: the actor's scope), the day (default:
 * today, China Standard Time) and the language of the labels (default `zh`).
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly root?: string
  readonly at?: string
  readonly lang?: Report.Lang
}

const labels = {
  zh: {
    title: (name: string) => `${name}共建协议与项目`,
    agreements: "共建协议与项目",
    lists: "需求清单与资源清单",
    rounding: "进度为完成度（百分数），保留一位小数（四舍五入），不合计；其余为个数或清单单位数，不作舍入，合计行为各行之和。"
  },
  en: {
    title: (name: string) => `${name}: co-construction agreements and projects`,
    agreements: "Agreements and projects",
    lists: "Needs and resources",
    rounding:
      "Progress is a completion percentage to one decimal, half up, and not totalled; everything else is a count or the lists' units, not rounded, and a totals row is the sum of its rows."
  }
} as const

/**
 * The model (kind `coconstruction-projects`). The agreements' organisations are named
 * by the organisation service and the scope by the grid service when they are in
 * context (else by their ids and code). Fails as the co-construction service's reads do:
 * a `ValidationError` naming `options.<field>`, `Forbidden` outside the actor's scope or
 * without `coconstruction:read`.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (
  actor: Actor,
  options: Options = {}
): Effect.Effect<Report.Report, CoConstructionReadError | OrganisationReadError | GridReadError, CoConstructions> =>
  Effect.gen(function*() {
    const d = yield* Kit.day(actor, options)
    const service = yield* CoConstructions
    const read = { root: d.root, at: d.at }
    const agreements = yield* service.agreements(actor, read)
    const projects = yield* service.projects(actor, read)
    const needs = yield* service.needs(actor, read)
    const resources = yield* service.resources(actor, read)
    const config = Option.getOrElse(yield* Effect.serviceOption(CoConstructionConfig.CoConstructionConfig), () => CoConstructionConfig.defaults)
    const names = yield* organisationNames(actor, d.at)
    const { name } = yield* Kit.scope(actor, d.root, d.at, false)
    const w = labels[d.lang]
    return yield* Kit.aggregate(actor, {
      kind: "coconstruction-projects",
      title: w.title(name),
      lang: d.lang,
      root: d.root,
      name,
      period: { _tag: "Day", at: d.at },
      rounding: w.rounding,
      sections: [
        {
          id: "agreements",
          title: w.agreements,
          blocks: [
            Blocks.figures(agreements, projects, d.lang),
            Blocks.chart(projects, d.lang),
            Blocks.agreementsTable(agreements, (id) => names.get(id) ?? id, d.at, d.lang),
            Blocks.projectsTable(projects, d.lang)
          ]
        },
        {
          id: "lists",
          title: w.lists,
          blocks: [Blocks.needsTable(needs, config, d.lang), Blocks.resourcesTable(resources, config, d.lang)]
        }
      ]
    })
  }).pipe(Effect.withSpan("CoConstructionProjectsReport.build"))

/**
 * The names of the organisations the actor may read on the day (the tenant's whole tree
 * within the actor's scope: an agreement's street or community organisation may serve a
 * grid above the report's root), when the organisation service is in context.
 */
const organisationNames = (actor: Actor, at: string): Effect.Effect<ReadonlyMap<string, string>, OrganisationReadError> =>
  Effect.gen(function*() {
    const service = yield* Effect.serviceOption(Organisations)
    if (Option.isNone(service)) return new Map()
    return new Map((yield* service.value.organisations(actor, { at })).map((o) => [o.id as string, o.name]))
  })
