/**
 * The blocks of a ladder's pipeline (the development funnel), shared by
 * `DevelopmentPipelineReport` and the district summary: the active tracks per stage as
 * a funnel and as a table whose total is the ladder's active tracks, with those
 * completed and cancelled beside. Labels in one table.
 *
 * @internal
 */
import * as CommunityWorkerLadder from "../../development/CommunityWorkerLadder.js"
import type { Pipeline } from "../../development/DevelopmentService.js"
import * as PartyLadder from "../../development/PartyLadder.js"
import * as TalentChain from "../../development/TalentChain.js"
import * as Report from "../../report/Report.js"
import { figure, sumOf } from "./kit.js"

/** The labels of the pipeline blocks. */
export const labels = {
  zh: {
    ladders: {
      [PartyLadder.id]: "发展党员",
      [CommunityWorkerLadder.id]: "社区工作者队伍建设",
      [TalentChain.id]: "新就业群体递进培养"
    } as Readonly<Record<string, string>>,
    funnel: (ladder: string) => `${ladder}漏斗`,
    stages: (ladder: string) => `${ladder}各阶段人数`,
    stage: "阶段",
    people: "人数",
    active: "在培养",
    completed: "已完成",
    cancelled: "已终止",
    persons: "人",
    note: (at: string) => `截至 ${at}，各阶段在培养的人数；已完成、已终止的不在漏斗内。合计为在培养人数。`
  },
  en: {
    ladders: {
      [PartyLadder.id]: "Party member development",
      [CommunityWorkerLadder.id]: "Community workers",
      [TalentChain.id]: "New-employment talent chain"
    } as Readonly<Record<string, string>>,
    funnel: (ladder: string) => `${ladder}: funnel`,
    stages: (ladder: string) => `${ladder}: people per stage`,
    stage: "Stage",
    people: "People",
    active: "In progress",
    completed: "Completed",
    cancelled: "Cancelled",
    persons: "",
    note: (at: string) => `As of ${at}, the people at each stage; those completed or cancelled are not in the funnel. The total is the people in progress.`
  }
} as const

/** A ladder's name in a language (its id when it has none). */
export const ladderName = (ladder: string, lang: Report.Lang): string => labels[lang].ladders[ladder] ?? ladder

const idOf = (ladder: string, suffix: string): string => (/^[a-z][a-z0-9-]{0,40}$/.test(ladder) ? `${ladder}-${suffix}` : `ladder-${suffix}`)

/** Active, completed and cancelled tracks of the ladder. */
export const figures = (pipeline: Pipeline, lang: Report.Lang): Report.Figures => {
  const w = labels[lang]
  return {
    _tag: "Figures",
    id: idOf(pipeline.ladder, "figures"),
    title: ladderName(pipeline.ladder, lang),
    items: [
      figure("active", w.active, sumOf(pipeline.stages, (s) => s.count), w.persons),
      figure("completed", w.completed, pipeline.completed, w.persons),
      figure("cancelled", w.cancelled, pipeline.cancelled, w.persons)
    ]
  }
}

/** The active tracks per stage, as a funnel. */
export const funnel = (pipeline: Pipeline, lang: Report.Lang): Report.Chart => {
  const w = labels[lang]
  return {
    _tag: "Chart",
    id: idOf(pipeline.ladder, "funnel"),
    title: w.funnel(ladderName(pipeline.ladder, lang)),
    kind: "funnel",
    categories: pipeline.stages.map((s) => s[lang]),
    series: [{ name: w.people, values: pipeline.stages.map((s) => s.count) }],
    unit: w.persons
  }
}

/** The active tracks per stage, with their total. */
export const table = (pipeline: Pipeline, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: idOf(pipeline.ladder, "stages"),
    title: w.stages(ladderName(pipeline.ladder, lang)),
    lang,
    columns: [
      { key: "stage", label: w.stage, type: "text" },
      { key: "people", label: w.people, type: "integer", total: true }
    ],
    rows: pipeline.stages.map((s) => [s[lang], s.count]),
    note: w.note(pipeline.at)
  })
}
