/**
 * The workbook's own words, in the report's language: the `说明` / `About` sheet and
 * the captions a chart's data table needs. Everything else is the model's.
 */
import { IsoDate, type Report } from "@jiceng/core"

export interface Labels {
  readonly about: string
  readonly title: string
  readonly kind: string
  readonly tenant: string
  readonly scope: string
  /** The scope's name and its grid code (null: the tenant's whole tree). */
  readonly scopeOf: (name: string, gridCode: string | null) => string
  readonly period: string
  readonly through: string
  readonly generatedAt: string
  readonly rounding: string
  readonly personal: string
  readonly masked: string
  readonly unmasked: string
  readonly contents: string
  readonly sheet: string
  readonly section: string
  readonly notes: ReadonlyArray<string>
  readonly category: string
  readonly unit: (unit: string) => string
}

export const labels: Readonly<Record<Report.Lang, Labels>> = {
  zh: {
    about: "说明",
    title: "报表",
    kind: "报表类型",
    tenant: "行政区划代码",
    scope: "统计范围",
    scopeOf: (name, gridCode) => `${name}（${gridCode === null ? "全域" : `网格代码 ${gridCode}`}）`,
    period: "统计期间",
    through: "至",
    generatedAt: "生成时间",
    rounding: "舍入规则",
    personal: "个人信息",
    masked: "已脱敏（身份证号、联系电话、详细住址仅显示部分）",
    unmasked: "未脱敏：含完整的身份证号、联系电话和住址，请按规定保管，勿外传",
    contents: "目录",
    sheet: "工作表",
    section: "内容",
    notes: [
      "合计行为 SUM 公式，打开即显示报表的合计；修改明细后重新计算，合计随之更新。",
      "图表以数据表列出（类别向下，每个系列一列），可据此在 Excel 中插入图表。"
    ],
    category: "类别",
    unit: (unit) => `单位：${unit}`
  },
  en: {
    about: "About",
    title: "Report",
    kind: "Kind",
    tenant: "Region code",
    scope: "Scope",
    scopeOf: (name, gridCode) => `${name} (${gridCode === null ? "whole district" : `grid ${gridCode}`})`,
    period: "Period",
    through: "to",
    generatedAt: "Generated",
    rounding: "Rounding",
    personal: "Personal data",
    masked: "Masked (ID numbers, phone numbers and exact addresses are shown in part)",
    unmasked: "Not masked: holds ID numbers, phone numbers and addresses in full; keep it as the rules require",
    contents: "Contents",
    sheet: "Sheet",
    section: "Section",
    notes: [
      "Totals rows are SUM formulas: the file shows the report's totals when opened, and they follow any edit of the rows once recalculated.",
      "Charts are given as data tables (categories down, one column per series), from which Excel can insert a chart."
    ],
    category: "Category",
    unit: (unit) => `Unit: ${unit}`
  }
}

/** The period as a reader says it: a day, or the first and last day of `[from, to)`. */
export const period = (lang: Report.Lang, value: Report.Period): string => {
  if (value._tag === "Day") return value.at
  const { from, to } = value
  const last = IsoDate.isValid(from) && IsoDate.isValid(to) && from < to ? IsoDate.addDays(to as IsoDate.IsoDate, -1) : null
  return last === null ? `${from} – ${to}` : `${from} ${labels[lang].through} ${last}`
}

/** An ISO 8601 timestamp as `YYYY-MM-DD HH:mm:ss +08:00`; anything else as it is. */
export const timestamp = (value: string): string => {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value)
  return m === null ? value : `${m[1]} ${m[2]} ${m[3] === "Z" ? "UTC" : m[3]}`
}
