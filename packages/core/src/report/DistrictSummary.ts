/**
 * The district summary (党建引领基层治理情况): one report model of a grid subtree for a
 * period `[from, to)`, with a section for each area of the source article that the
 * deployment runs —
 *
 * - grids (网格化管理): grids per level (bars), grid workers per category, places per
 *   kind, the 定格定人定岗定责 check;
 * - party organisations: by kind and sector, members, the period's 三会一课 compliance and
 *   the development funnel (发展党员);
 * - 双报到 and co-construction: units and members enrolled by child grid, agreements and
 *   projects, volunteer teams and posts, joint meetings;
 * - volunteer service: the ledger's summary of the period, hours per month (a line), by
 *   category, by child grid, by programme (五社联动);
 * - community workers: the workforce (选育管用) and its ladder's funnel;
 * - new economic and social sectors (两新): organisations and members of the new sectors
 *   of the organisation policy, the 双强六好 sites awarded in the period;
 * - new-employment groups: groups by trade, service stations and their facilities,
 *   station visits, the talent chain's share of middle managers who are members;
 * - demands: received, resolved, on time, satisfaction, open, by child grid (with the
 *   root's own), and a resolution pie.
 *
 * Each figure is a service's answer (`Grids.countByLevel`, `Organisations.countMembers`,
 * `VolunteerLedger.summary` …): counts of grids, people, organisations, enrolments,
 * agreements and stations are taken on the period's last day; service, meetings,
 * demands, training and honours over the period. A table's totals row is the sum of its
 * rows and equals the service's own rollup — a table by child grid has a row for the
 * root's own records (`本级`) when it has any, so that its total is the subtree's. A
 * domain whose service is not in context is left out (only the grid service is
 * required), so a deployment running some domains gets a summary of those. Labels of
 * levels, categories and sectors come from the configurations in context
 * (`GridConfig`, `OrganisationConfig`, `LedgerConfig`, `DemandConfig`), else the
 * defaults.
 *
 * The summary holds counts, sums and rates only, so `masked` is true: nothing personal
 * is shown.
 *
 * @since 0.7.0
 */
import { Effect, Option } from "effect"
import type { Actor } from "../access/Actor.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import { Grids } from "../grid/GridsService.js"
import * as DemandBlocks from "../internal/report/demands.js"
import * as Kit from "../internal/report/kit.js"
import * as CoConstructionSection from "../internal/report/summary/coconstruction.js"
import * as GridSection from "../internal/report/summary/grids.js"
import * as Labels from "../internal/report/summary/labels.js"
import * as NewEmploymentSection from "../internal/report/summary/newEmployment.js"
import * as PartySections from "../internal/report/summary/party.js"
import * as Reads from "../internal/report/summary/reads.js"
import * as VolunteeringSection from "../internal/report/summary/volunteering.js"
import * as WorkforceSection from "../internal/report/summary/workforce.js"
import type * as Report from "./Report.js"

/**
 * What to summarise: the subtree (default: the actor's scope), the period `[from, to)`
 * of days (at most ten years) and the language of the labels (default `zh`).
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

/**
 * What building the summary can fail with: the services' read errors.
 *
 * @since 0.7.0
 * @category errors
 */
export type SummaryError = ValidationError | Forbidden | StoreError

/**
 * The labels of the summary's own blocks, in Chinese and English (the demand,
 * compliance, pipeline and project blocks it shares with `DemandResolutionReport`,
 * `ComplianceReport`, `DevelopmentPipelineReport` and `CoConstructionProjectsReport`
 * carry those reports' labels).
 *
 * @since 0.7.0
 * @category labels
 */
export const labels = Labels.labels

/**
 * The organisation policy's sectors counted as the new economic and social sectors
 * (两新领域): `new_economy` (两新组织), `property` (物业) and `new_employment` (新就业群体).
 *
 * @since 0.7.0
 * @category constants
 */
export const newSectors: ReadonlyArray<string> = PartySections.newSectors

/**
 * The summary (kind `district-summary`). Fails as the services' reads do: a
 * `ValidationError` naming `options.<field>` (`period.order`, `period.length` among the
 * rules), `Forbidden` when the root lies outside the actor's scope or the actor may not
 * read a domain that is in context.
 *
 * @since 0.7.0
 * @category constructors
 */
export const build = (actor: Actor, options: Options): Effect.Effect<Report.Report, SummaryError, Grids> =>
  Effect.gen(function*() {
    const p = yield* Kit.period(actor, options)
    const scope = yield* Kit.scope(actor, p.root, p.last)
    const s: Reads.Scope = { actor, root: p.root, name: scope.name, children: scope.children, from: p.from, to: p.to, last: p.last, lang: p.lang }

    const grids = yield* Reads.grids(s)
    const organisations = yield* Reads.organisations(s)
    const development = Option.getOrUndefined(yield* Reads.development(s))
    const coConstruction = yield* Reads.coConstruction(s)
    const ledger = yield* Reads.ledger(s)
    const outreach = yield* Reads.outreach(s)
    const demands = yield* Reads.demands(s)

    const sections: Array<Report.Section> = [GridSection.section(grids, s)]
    if (Option.isSome(organisations)) sections.push(PartySections.organisations(organisations.value, development, s))
    if (Option.isSome(coConstruction)) sections.push(CoConstructionSection.section(coConstruction.value, s))
    if (Option.isSome(ledger)) sections.push(VolunteeringSection.section(ledger.value, s))
    if (development !== undefined) sections.push(WorkforceSection.section(development, s))
    if (Option.isSome(organisations)) {
      const newSectors = PartySections.newSectorsSection(organisations.value, development, s)
      if (newSectors !== undefined) sections.push(newSectors)
    }
    if (Option.isSome(outreach)) sections.push(NewEmploymentSection.section(outreach.value, development, s))
    if (Option.isSome(demands)) {
      const { overdue, stats } = demands.value
      sections.push({
        id: "demands",
        title: labels[p.lang].demands.title,
        blocks: [DemandBlocks.figures(stats, p.lang, overdue), DemandBlocks.byChild(stats, p.lang), DemandBlocks.pie(stats, p.lang)]
      })
    }

    const w = labels[p.lang]
    return yield* Kit.aggregate(actor, {
      kind: "district-summary",
      title: w.title(scope.name),
      lang: p.lang,
      root: p.root,
      name: scope.name,
      period: { _tag: "Range", from: p.from, to: p.to },
      rounding: w.rounding(p.last),
      sections
    })
  }).pipe(Effect.withSpan("DistrictSummary.build"))
