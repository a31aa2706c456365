/**
 * The blocks of co-construction agreements and projects (一协议两清单), shared by
 * `CoConstructionProjectsReport` and the district summary: figures, the agreements with
 * their progress, the projects with theirs, the needs and resources lists with what
 * projects took of them, and the projects completed and running. Labels in one table.
 *
 * @internal
 */
import type * as CoConstructionConfig from "../../coconstruction/CoConstructionConfig.js"
import type { AgreementStatus, ListStatus, ProjectStatus } from "../../coconstruction/CoConstructionsService.js"
import type { Need } from "../../coconstruction/Need.js"
import type { Resource } from "../../coconstruction/Resource.js"
import * as Report from "../../report/Report.js"
import { figure, labelOf, shareOfPercent, sumOf } from "./kit.js"

/** The labels of the co-construction project blocks. */
export const labels = {
  zh: {
    figures: "共建协议与项目",
    agreements: "共建协议",
    running: "期内协议",
    projects: "共建项目",
    completed: "已完成项目",
    underway: "在建项目",
    pieces: "个",
    agreementsTable: "共建协议（一协议）",
    agreementsNote: (at: string) => `截至 ${at}；进度 = 各项目完成度按权重加权，以百分数保留一位小数（四舍五入）。`,
    id: "编号",
    organisation: "街道、社区党组织",
    unitOrganisation: "共建单位党组织",
    creditCode: "统一社会信用代码",
    from: "起始日",
    to: "截止日（不含）",
    inTerm: "在期内",
    progress: "进度",
    yes: "是",
    no: "否",
    projectsTable: "共建项目",
    agreement: "协议",
    title: "名称",
    weight: "权重",
    done: "完成",
    needsTable: "需求清单",
    resourcesTable: "资源清单",
    category: "类别",
    quantity: "所需",
    capacity: "可供",
    allocated: "项目已用",
    remaining: "尚余",
    listNote: "单位为人次、场次、件等清单自身的计量；合计行为各行之和。",
    chart: "共建项目完成情况"
  },
  en: {
    figures: "Agreements and projects",
    agreements: "Agreements",
    running: "Agreements in term",
    projects: "Projects",
    completed: "Projects completed",
    underway: "Projects underway",
    pieces: "",
    agreementsTable: "Agreements (一协议)",
    agreementsNote: (at: string) => `As of ${at}; progress = the projects' completion weighted by their weights, as a percentage to one decimal, half up.`,
    id: "Id",
    organisation: "Street or community organisation",
    unitOrganisation: "Unit's organisation",
    creditCode: "Credit code",
    from: "From",
    to: "To (exclusive)",
    inTerm: "In term",
    progress: "Progress",
    yes: "yes",
    no: "no",
    projectsTable: "Projects",
    agreement: "Agreement",
    title: "Title",
    weight: "Weight",
    done: "Done",
    needsTable: "Needs list",
    resourcesTable: "Resources list",
    category: "Category",
    quantity: "Wanted",
    capacity: "Offered",
    allocated: "Taken by projects",
    remaining: "Left",
    listNote: "Units are the list's own (people, sessions, items …); the totals row sums the rows.",
    chart: "Projects completed and underway"
  }
} as const

/** Agreements, those in term on the day, projects, completed and underway. */
export const figures = (agreements: ReadonlyArray<AgreementStatus>, projects: ReadonlyArray<ProjectStatus>, lang: Report.Lang): Report.Figures => {
  const w = labels[lang]
  const completed = projects.filter((p) => p.completed).length
  return {
    _tag: "Figures",
    id: "project-figures",
    title: w.figures,
    items: [
      figure("agreements", w.agreements, agreements.length, w.pieces),
      figure("running", w.running, agreements.filter((a) => a.running).length, w.pieces),
      figure("projects", w.projects, projects.length, w.pieces),
      figure("completed", w.completed, completed, w.pieces),
      figure("underway", w.underway, projects.length - completed, w.pieces)
    ]
  }
}

/** Each agreement with its term, its projects and its progress; `organisationName` names the street's or community's organisation. */
export const agreementsTable = (
  agreements: ReadonlyArray<AgreementStatus>,
  organisationName: (id: string) => string,
  at: string,
  lang: Report.Lang
): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "agreements",
    title: w.agreementsTable,
    lang,
    columns: [
      { key: "id", label: w.id, type: "text" },
      { key: "organisation", label: w.organisation, type: "text" },
      { key: "unit-organisation", label: w.unitOrganisation, type: "text" },
      { key: "credit-code", label: w.creditCode, type: "text" },
      { key: "from", label: w.from, type: "date" },
      { key: "to", label: w.to, type: "date" },
      { key: "in-term", label: w.inTerm, type: "text" },
      { key: "projects", label: w.projects, type: "integer", total: true },
      { key: "progress", label: w.progress, type: "percent", decimals: 1 }
    ],
    rows: agreements.map((a) => [
      a.agreement.id,
      organisationName(a.agreement.organisationId),
      a.agreement.unitOrganisation,
      a.agreement.unitCreditCode,
      a.agreement.from,
      a.agreement.to,
      a.running ? w.yes : w.no,
      a.projects,
      shareOfPercent(a.progress)
    ]),
    note: w.agreementsNote(at)
  })
}

/** Each project with its span and its completion on the day. */
export const projectsTable = (projects: ReadonlyArray<ProjectStatus>, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "projects",
    title: w.projectsTable,
    lang,
    columns: [
      { key: "id", label: w.id, type: "text" },
      { key: "agreement", label: w.agreement, type: "text" },
      { key: "title", label: w.title, type: "text" },
      { key: "weight", label: w.weight, type: "integer" },
      { key: "from", label: w.from, type: "date" },
      { key: "to", label: w.to, type: "date" },
      { key: "progress", label: w.progress, type: "percent", decimals: 1 },
      { key: "done", label: w.done, type: "text" }
    ],
    rows: projects.map((p) => [
      p.project.id,
      p.project.agreementId,
      p.project.title,
      p.project.weight,
      p.project.from,
      p.project.to,
      shareOfPercent(p.percent),
      p.completed ? w.yes : w.no
    ])
  })
}

const listColumns = (lang: Report.Lang, offered: string) => {
  const w = labels[lang]
  return [
    { key: "id", label: w.id, type: "text" },
    { key: "title", label: w.title, type: "text" },
    { key: "category", label: w.category, type: "text" },
    { key: "offered", label: offered, type: "integer", total: true },
    { key: "allocated", label: w.allocated, type: "integer", total: true },
    { key: "remaining", label: w.remaining, type: "integer", total: true }
  ] as const
}

/** The needs list: what each asks, what projects gave it, what is still wanted. */
export const needsTable = (needs: ReadonlyArray<ListStatus<Need>>, config: CoConstructionConfig.CoConstructionConfigShape, lang: Report.Lang): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "needs",
    title: w.needsTable,
    lang,
    columns: listColumns(lang, w.quantity),
    rows: needs.map((n) => [n.item.id, n.item.title, labelOf(config.postCategories, n.item.category, lang), n.item.quantity, n.allocated, n.remaining]),
    note: w.listNote
  })
}

/** The resources list: what each offers, what projects took, what is left. */
export const resourcesTable = (
  resources: ReadonlyArray<ListStatus<Resource>>,
  config: CoConstructionConfig.CoConstructionConfigShape,
  lang: Report.Lang
): Report.Table => {
  const w = labels[lang]
  return Report.table({
    id: "resources",
    title: w.resourcesTable,
    lang,
    columns: listColumns(lang, w.capacity),
    rows: resources.map((r) => [r.item.id, r.item.title, labelOf(config.postCategories, r.item.category, lang), r.item.capacity, r.allocated, r.remaining]),
    note: w.listNote
  })
}

/** Projects completed and underway, as a pie. */
export const chart = (projects: ReadonlyArray<ProjectStatus>, lang: Report.Lang): Report.Chart => {
  const w = labels[lang]
  const completed = sumOf(projects, (p) => (p.completed ? 1 : 0))
  return {
    _tag: "Chart",
    id: "projects-chart",
    title: w.chart,
    kind: "pie",
    categories: [w.completed, w.underway],
    series: [{ name: w.projects, values: [completed, projects.length - completed] }],
    unit: w.pieces
  }
}
