/**
 * The district summary's section on 双报到 and co-construction: units and in-service
 * members enrolled (by child grid, totals the service's counts), agreements and
 * projects, volunteer teams and posts by category, and the period's joint meetings with
 * their decisions.
 *
 * @internal
 */
import type { EnrolmentCount } from "../../../coconstruction/CoConstructionsService.js"
import * as Report from "../../../report/Report.js"
import { figure, sumOf, underChildren } from "../kit.js"
import * as Projects from "../projects.js"
import { labels } from "./labels.js"
import type * as Reads from "./reads.js"

/** The section. */
export const section = (data: Reads.CoConstructionData, s: Reads.Scope): Report.Section => {
  const l = labels[s.lang]
  const w = l.coconstruction
  const count = (rows: ReadonlyArray<EnrolmentCount>) => sumOf(rows, (r) => r.count)
  const units = underChildren(s.root, s.children, data.units, (r) => r.gridCode)
  const members = underChildren(s.root, s.children, data.members, (r) => r.gridCode)
  const tasks = data.meetings.flatMap((m) => m.tasks)
  const childRows = units.children.map((c, i) => [c.grid.name, c.grid.code, count(c.rows), count(members.children[i]!.rows)])
  const own = count(units.own) + count(members.own) > 0 ? [[l.own(s.name), s.root, count(units.own), count(members.own)]] : []
  return {
    id: "coconstruction",
    title: w.title,
    blocks: [
      {
        _tag: "Figures",
        id: "coconstruction-figures",
        title: w.figures,
        items: [
          figure("units", w.units, count(data.units), l.pieces),
          figure("members", w.members, count(data.members), l.persons),
          figure("teams", w.teams, data.teams.length, l.pieces),
          figure("posts", w.posts, sumOf(data.posts, (c) => c.posts), l.pieces),
          figure("places", w.places, sumOf(data.posts, (c) => c.capacity), l.persons),
          figure("claimed", w.claimed, sumOf(data.posts, (c) => c.claimed), l.persons),
          figure("meetings", w.meetings, data.meetings.length, l.times),
          figure("tasks", w.tasks, tasks.length, l.pieces),
          figure("completed-tasks", w.completedTasks, tasks.filter((t) => t.state === "completed").length, l.pieces)
        ]
      },
      Report.table({
        id: "enrolment-by-child",
        title: w.byChild,
        lang: s.lang,
        columns: [
          { key: "grid", label: l.grid, type: "text" },
          { key: "code", label: l.code, type: "text" },
          { key: "units", label: w.units, type: "integer", total: true },
          { key: "members", label: w.members, type: "integer", total: true }
        ],
        rows: [...childRows, ...own],
        note: `${l.asOf(s.last)}${w.byChildNote}`
      }),
      Projects.figures(data.agreements, data.projects, s.lang),
      Projects.chart(data.projects, s.lang),
      Report.table({
        id: "posts-by-category",
        title: w.byCategory,
        lang: s.lang,
        columns: [
          { key: "category", label: w.category, type: "text" },
          { key: "posts", label: w.posts, type: "integer", total: true },
          { key: "places", label: w.places, type: "integer", total: true },
          { key: "claimed", label: w.claimed, type: "integer", total: true }
        ],
        rows: data.posts.map((c) => [c[s.lang], c.posts, c.capacity, c.claimed])
      })
    ]
  }
}
