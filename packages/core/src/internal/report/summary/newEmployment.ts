/**
 * The district summary's new-employment section (新就业群体): the groups by trade with
 * their organisations, members and workers, the service stations by kind with their
 * facilities, the period's station visits and, with the development service, the
 * talent chain's share of middle managers who are party members.
 *
 * @internal
 */
import * as Report from "../../../report/Report.js"
import { kindLabels, StationKind } from "../../../outreach/Station.js"
import { countTable, figure, percent, sumOf } from "../kit.js"
import { labels } from "./labels.js"
import type * as Reads from "./reads.js"

/** The section. */
export const section = (data: Reads.OutreachData, development: Reads.DevelopmentData | undefined, s: Reads.Scope): Report.Section => {
  const l = labels[s.lang]
  const w = l.newEmployment
  const talent = development?.talent
  return {
    id: "new-employment",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "new-employment-figures",
        title: w.figures,
        items: [
          figure("groups", w.groups, data.groups.groups.length, l.pieces),
          figure("group-members", w.groupMembers, sumOf(data.groups.kinds, (k) => k.members), l.persons),
          figure("stations", w.stations, data.stations.stations.length, l.pieces),
          figure("study-corners", w.studyCorners, data.stations.studyCorners, l.pieces),
          figure("uses", w.uses, data.uses.total, l.times),
          ...(talent === undefined ? [] : [
            figure("managers", w.managers, talent.managers, l.persons),
            figure("member-managers", w.memberManagers, talent.memberManagers, l.persons),
            figure("member-manager-share", w.share, percent(talent.share), "%", 1)
          ])
        ]
      },
      Report.table({
        id: "groups-by-kind",
        title: w.byKind,
        lang: s.lang,
        columns: [
          { key: "kind", label: w.kind, type: "text" },
          { key: "groups", label: w.groupsColumn, type: "integer", total: true },
          { key: "organisations", label: w.organisations, type: "integer" },
          { key: "members", label: w.members, type: "integer", total: true },
          { key: "workers", label: w.workers, type: "integer", total: true }
        ],
        rows: data.groups.kinds.map((k) => [k[s.lang], k.groups, k.organisations, k.members, k.workers]),
        note: l.asOf(s.last)
      }),
      countTable({
        id: "stations-by-kind",
        title: w.stationsByKind,
        lang: s.lang,
        label: w.stationKind,
        count: w.count,
        rows: StationKind.literals.map((kind) => [kindLabels[kind][s.lang], data.stations.byKind[kind]] as const)
      }),
      countTable({
        id: "station-facilities",
        title: w.facilities,
        lang: s.lang,
        label: w.facility,
        count: w.count,
        rows: data.stations.facilities.map((f) => [f[s.lang], f.count] as const),
        total: false
      })
    ]
  }
}
