/**
 * The district summary's party sections: party organisations (by kind and sector, their
 * members, the period's 三会一课 compliance and, with the development service, the
 * development funnel) and the new economic and social sectors (their organisations and
 * members from the organisation sectors, and the 双强六好 sites awarded in the period).
 *
 * @internal
 */
import { groupBy } from "../../groupBy.js"
import { kindLabels, type OrganisationKind } from "../../../organisation/Organisation.js"
import type { MemberCount } from "../../../organisation/OrganisationsService.js"
import { siteLevelLabels } from "../../../development/Recognition.js"
import * as Report from "../../../report/Report.js"
import * as Compliance from "../compliance.js"
import { figure, labelOf, sumOf } from "../kit.js"
import * as Pipeline from "../pipeline.js"
import { labels } from "./labels.js"
import type * as Reads from "./reads.js"

/** The sectors of the new economic and social sectors (两新领域) among the organisation policy's sectors. */
export const newSectors: ReadonlyArray<string> = ["new_economy", "property", "new_employment"]

const members = (rows: ReadonlyArray<MemberCount>) => ({
  full: sumOf(rows, (m) => m.full),
  probationary: sumOf(rows, (m) => m.probationary),
  participants: sumOf(rows, (m) => m.participants)
})

/** Party organisations: figures, by kind and sector, members by kind, compliance, and the development funnel when read. */
export const organisations = (data: Reads.OrganisationData, development: Reads.DevelopmentData | undefined, s: Reads.Scope): Report.Section => {
  const l = labels[s.lang]
  const w = l.organisations
  const all = members(data.members)
  const byKind = groupBy(data.members, (m) => m.kind)
  return {
    id: "organisations",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "organisation-figures",
        title: w.figures,
        items: [
          figure("organisations", w.organisations, sumOf(data.kinds, (k) => k.count), l.pieces),
          figure("full", w.full, all.full, l.persons),
          figure("probationary", w.probationary, all.probationary, l.persons),
          figure("participants", w.participants, all.participants, l.persons)
        ]
      },
      Report.table({
        id: "organisations-by-kind",
        title: w.byKindSector,
        lang: s.lang,
        columns: [
          { key: "kind", label: w.kind, type: "text" },
          { key: "sector", label: w.sector, type: "text" },
          { key: "count", label: w.count, type: "integer", total: true }
        ],
        rows: data.kinds.map((k) => [kindLabels[k.kind][s.lang], labelOf(data.config.sectors, k.sector, s.lang), k.count]),
        note: l.asOf(s.last)
      }),
      Report.table({
        id: "members-by-kind",
        title: w.members,
        lang: s.lang,
        columns: [
          { key: "kind", label: w.kind, type: "text" },
          { key: "organisations", label: w.organisationsColumn, type: "integer", total: true },
          { key: "full", label: w.full, type: "integer", total: true },
          { key: "probationary", label: w.probationary, type: "integer", total: true },
          { key: "participants", label: w.participants, type: "integer", total: true }
        ],
        rows: [...byKind].map(([kind, rows]) => {
          const m = members(rows)
          return [kindLabels[kind as OrganisationKind][s.lang], rows.length, m.full, m.probationary, m.participants]
        })
      }),
      Compliance.figures(data.compliance, s.lang),
      Compliance.byKind(data.compliance, s.lang),
      ...(development === undefined ? [] : [Pipeline.funnel(development.party, s.lang), Pipeline.table(development.party, s.lang)])
    ]
  }
}

/**
 * The new sectors: their organisations by sector and kind with their members, and the
 * 双强六好 sites of the period when the development service was read; none when the
 * policy has none of the new sectors.
 */
export const newSectorsSection = (
  data: Reads.OrganisationData,
  development: Reads.DevelopmentData | undefined,
  s: Reads.Scope
): Report.Section | undefined => {
  const sectors = data.config.sectors.filter((sector) => newSectors.includes(sector.key))
  if (sectors.length === 0) return undefined
  const l = labels[s.lang]
  const w = l.newSectors
  const sectorOf = new Map(data.organisations.map((o) => [o.id as string, o.sector]))
  const rows = sectors.flatMap((sector) =>
    data.kinds.filter((k) => k.sector === sector.key).map((k) => {
      const of = data.members.filter((m) => m.kind === k.kind && sectorOf.get(m.organisationId) === sector.key)
      return { sector: sector[s.lang], kind: kindLabels[k.kind][s.lang], count: k.count, members: sumOf(of, (m) => m.full + m.probationary) }
    })
  )
  const sites = development?.honours.sites
  return {
    id: "new-sectors",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "new-sector-figures",
        title: w.figures,
        items: [
          figure("organisations", w.organisations, sumOf(rows, (r) => r.count), l.pieces),
          figure("members", w.members, sumOf(rows, (r) => r.members), l.persons),
          ...(sites === undefined
            ? []
            : [
              figure("district-sites", w.sites(siteLevelLabels.district[s.lang]), sites.district, l.pieces),
              figure("city-sites", w.sites(siteLevelLabels.city[s.lang]), sites.city, l.pieces)
            ])
        ]
      },
      Report.table({
        id: "new-sector-organisations",
        title: w.bySector,
        lang: s.lang,
        columns: [
          { key: "sector", label: w.sector, type: "text" },
          { key: "kind", label: w.kind, type: "text" },
          { key: "count", label: w.count, type: "integer", total: true },
          { key: "members", label: w.membersColumn, type: "integer", total: true }
        ],
        rows: rows.map((r) => [r.sector, r.kind, r.count, r.members]),
        note: w.note
      })
    ]
  }
}
