/**
 * The household roster (住户名册): the households registered in a subtree on a day — the
 * grid each is registered in (its 单元 under the default levels), its address and the
 * name the store keeps for it (the head of the household's, or the family's) — as a
 * report model. The address and the name are a resident's: masked unless the actor
 * holds `pii:read`, and an unmasked roster is one audited read. The store keeps no
 * member count of a household, so the roster has none.
 *
 * A district has some 100,000 households: the roster is one store query for them
 * (`Grids.places` over `PlaceRepository.placesInSubtree`), one for the grids' names,
 * and, for a past day, one for where they are today.
 *
 * @since 0.7.0
 */
import { Effect } from "effect"
import type { Actor } from "../access/Actor.js"
import { GridConfig } from "../grid/GridConfig.js"
import { Grids, type GridReadError } from "../grid/GridsService.js"
import * as LevelScheme from "../grid/LevelScheme.js"
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
 * The roster's labels, zh and en. The grid column is named after the levels households
 * are registered at (`GridConfig.placeLevels`).
 *
 * @since 0.7.0
 * @category labels
 */
export const labels = {
  zh: {
    title: "住户名册",
    section: "住户",
    overview: "概况",
    households: "住户数",
    roster: "住户名册",
    id: "住户编号",
    code: "编码",
    name: "户主（户名）",
    address: "住址",
    masked: "户名、住址已脱敏。",
    withheld: "已不在本辖区的住户不显示户名和住址。平台不记录家庭人数，本名册不含此项。",
    unit: "户"
  },
  en: {
    title: "Household roster",
    section: "Households",
    overview: "Overview",
    households: "Households",
    roster: "Household roster",
    id: "Household id",
    code: "code",
    name: "Head of household (name kept)",
    address: "Address",
    masked: "Names and addresses are masked.",
    withheld: "Names and addresses are not shown for households no longer in your scope. The platform keeps no household size, so the roster has none.",
    unit: ""
  }
} as const satisfies Record<Report.Lang, Record<string, string>>

/**
 * Builds the roster from `Grids.places` (kind `household`; ordered by grid code then
 * household id, as the read gives them) and `Grids.subtree` (the grids' names).
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
    const [households, tree] = yield* Effect.all([
      grids.places(actor, { ...read, kind: "household" }),
      grids.subtree(actor, read)
    ])
    const names = new Map<string, string>(tree.map((g) => [g.code, g.name]))
    const level = config.placeLevels.household
      .map((key) => config.scheme.levels.findIndex((x) => x.key === key))
      .map((i) => LevelScheme.label(config.scheme, i, lang))
      .join("/")
    const rows = households.map(({ link, place }): ReadonlyArray<Report.Cell> => [
      place.id,
      names.get(link.gridCode) ?? null,
      link.gridCode,
      place.name,
      place.address
    ])
    const masked = yield* Heading.masks(actor)
    return yield* Heading.report(actor, {
      kind: "household-roster",
      title: l.title,
      lang,
      // The subtree's root is among its grids: named without another read.
      scope: { gridCode: root, name: names.get(root) ?? root },
      period: { _tag: "Day", at },
      rounding: Heading.countsOnly[lang],
      masked,
      sections: [{
        id: "households",
        title: l.section,
        blocks: [
          {
            _tag: "Figures",
            id: "household-figures",
            title: l.overview,
            items: [{ key: "households", label: l.households, value: households.length, unit: l.unit, decimals: 0 }]
          },
          Report.table({
            id: "household-roster",
            title: l.roster,
            lang,
            columns: [
              { key: "id", label: l.id, type: "text" },
              { key: "grid", label: level, type: "text" },
              { key: "grid-code", label: Heading.sentences(lang, level, l.code), type: "text" },
              { key: "name", label: l.name, type: "text" },
              { key: "address", label: l.address, type: "text", personal: "address" }
            ],
            rows,
            note: Heading.sentences(lang, masked ? l.masked : Heading.unmaskedNote[lang], l.withheld)
          })
        ]
      }]
    })
  })
