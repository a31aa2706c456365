/**
 * The district summary's community worker section (社区工作者 选育管用): the workforce on
 * the last day — workers, training, qualifications, career moves, recruitment plans —
 * and the community worker ladder's funnel.
 *
 * @internal
 */
import { MoveKind, moveLabels } from "../../../development/CommunityWorker.js"
import { Level, levelLabels } from "../../../development/Qualification.js"
import * as Report from "../../../report/Report.js"
import { countTable, figure } from "../kit.js"
import * as Pipeline from "../pipeline.js"
import { labels } from "./labels.js"
import type * as Reads from "./reads.js"

/** The section. */
export const section = (data: Reads.DevelopmentData, s: Reads.Scope): Report.Section => {
  const l = labels[s.lang]
  const w = l.workforce
  const f = data.workforce
  const names = new Map(s.children.map((c) => [c.code, c.name]))
  return {
    id: "community-workers",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "workforce-figures",
        title: w.figures,
        items: [
          figure("workers", w.workers, f.workers, l.persons),
          figure("sessions", w.sessions, f.training.sessions, w.sessionsUnit),
          figure("person-times", w.personTimes, f.training.personTimes, w.timesUnit),
          figure("class-hours", w.classHours, f.training.classHours, w.hoursUnit)
        ]
      },
      countTable({
        id: "qualifications",
        title: w.qualifications,
        lang: s.lang,
        label: w.level,
        count: w.holders,
        rows: Level.literals.map((level) => [levelLabels[level][s.lang], f.qualifications[level]] as const),
        total: false,
        note: w.qualificationsNote
      }),
      countTable({
        id: "career-moves",
        title: w.moves,
        lang: s.lang,
        label: w.move,
        count: l.grids.count,
        rows: MoveKind.literals.map((move) => [moveLabels[move][s.lang], f.moves[move]] as const)
      }),
      Report.table({
        id: "recruitment-plans",
        title: w.plans,
        lang: s.lang,
        columns: [
          { key: "grid", label: l.grid, type: "text" },
          { key: "code", label: l.code, type: "text" },
          { key: "year", label: w.year, type: "integer" },
          { key: "planned", label: w.planned, type: "integer", total: true },
          { key: "hired", label: w.hired, type: "integer", total: true }
        ],
        rows: f.plans.map((p) => [p.gridCode === s.root ? s.name : names.get(p.gridCode) ?? p.gridCode, p.gridCode, p.year, p.planned, p.hired])
      }),
      Pipeline.funnel(data.workers, s.lang),
      Pipeline.table(data.workers, s.lang)
    ]
  }
}
