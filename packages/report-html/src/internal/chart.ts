/**
 * A chart of the model drawn as SVG by Apache ECharts on the server (`ssr: true`), so
 * the page needs no script. The model's text (title, categories, series names) reaches
 * the SVG only as text content, which ECharts escapes; the back end adds the unit and
 * formats numbers for labels, and lays out nothing else (no share, no total).
 */
import type { Report } from "@jiceng/core"
import * as echarts from "echarts"
import { clean, escapeHtml } from "./escape.js"
import * as Format from "./format.js"
import type { Labels } from "./labels.js"
import type { Checked } from "./options.js"

/** Sober colours that print well, the first the red of party-building reports. */
const palette = ["#c0392b", "#2f6f9f", "#d4892a", "#4f8a3c", "#7d5a9e", "#b8962e", "#3f8f8f", "#8c564b"]

type Option = echarts.EChartsOption

/**
 * A text as ECharts is given it. ECharts and zrender keep some things by text in plain
 * objects (the text-width cache, the palette by name): a line named like a member of
 * `Object.prototype` (`__proto__`, `constructor`, `hasOwnProperty` …) would reach the
 * prototype or a built-in and change it for the whole process. Such a line gets an
 * invisible WORD JOINER (U+2060) at its end, which makes it another key and looks the same.
 * A character no page may hold is U+FFFD, as in the page (`escape.ts`).
 */
const inert = (text: string): string =>
  clean(text).split("\n").map((line) => (line in Object.prototype ? `${line}\u2060` : line)).join("\n")

const common = (chart: Report.Chart, options: Checked, subtext: string): Option => ({
  animation: false,
  color: palette,
  textStyle: { fontFamily: options.fontFamily },
  title: {
    text: inert(chart.title),
    subtext: inert(subtext),
    left: "center",
    top: 8,
    textStyle: { fontSize: 16, fontWeight: "bold", color: "#222" },
    subtextStyle: { fontSize: 12, color: "#555" }
  },
  // A page without script cannot toggle series: the legend only names them.
  legend: { show: false, selectedMode: false }
})

const unitText = (chart: Report.Chart, labels: Labels): string => (chart.unit === "" ? "" : labels.unit(chart.unit))

const axes = (chart: Report.Chart, labels: Labels, options: Checked, type: "bar" | "line"): Option => {
  const few = chart.categories.length <= 12
  return {
    ...common(chart, options, unitText(chart, labels)),
    legend: { show: true, selectedMode: false, bottom: 4, textStyle: { fontFamily: options.fontFamily } },
    grid: { left: 64, right: 32, top: 72, bottom: 64 },
    xAxis: {
      type: "category",
      data: chart.categories.map(inert),
      axisLabel: { interval: few ? 0 : "auto", hideOverlap: !few }
    },
    yAxis: { type: "value", axisLabel: { formatter: (value: number) => Format.chartValue(labels.locale, value) } },
    series: chart.series.map((series, i) => ({
      type,
      name: inert(series.name),
      data: [...series.values],
      // Coloured by place, not by name (see `slices`).
      itemStyle: { color: palette[i % palette.length] },
      ...(type === "line"
        ? { symbol: "circle", symbolSize: 6, lineStyle: { width: 2, color: palette[i % palette.length] } }
        : { barMaxWidth: 48 }),
      label: {
        show: few,
        position: "top",
        formatter: (p: { value: unknown }) => Format.chartValue(labels.locale, Number(p.value))
      }
    }))
  } as Option
}

/**
 * The stages or slices of a funnel or a pie: its one series over the categories, each
 * coloured by its place. ECharts would otherwise pick colours by name from a plain
 * object, which a category or a series named `hasOwnProperty` breaks.
 */
const slices = (chart: Report.Chart) =>
  chart.categories.map((name, i) => ({ name: inert(name), value: chart.series[0]?.values[i] ?? 0, itemStyle: { color: palette[i % palette.length] } }))

/** A funnel's or a pie's subtext: the series name and the unit. */
const seriesSubtext = (chart: Report.Chart, labels: Labels) =>
  [chart.series[0]?.name ?? "", unitText(chart, labels)].filter((s) => s !== "").join(" · ")

const funnel = (chart: Report.Chart, labels: Labels, options: Checked): Option => {
  const data = slices(chart)
  return {
    ...common(chart, options, seriesSubtext(chart, labels)),
    series: [{
      type: "funnel",
      name: inert(chart.series[0]?.name ?? ""),
      itemStyle: { color: palette[0] },
      // Stages in the model's order, widths relative to the widest stage.
      sort: "none",
      min: 0,
      max: Math.max(1, ...data.map((d) => d.value)),
      minSize: "8%",
      left: "12%",
      width: "76%",
      top: 72,
      bottom: 16,
      gap: 2,
      label: {
        show: true,
        position: "inside",
        color: "#fff",
        formatter: (p: { name: string; value: unknown }) => `${p.name}  ${Format.chartValue(labels.locale, Number(p.value))}`
      },
      data
    }]
  } as Option
}

const pie = (chart: Report.Chart, labels: Labels, options: Checked): Option => ({
  ...common(chart, options, seriesSubtext(chart, labels)),
  series: [{
    type: "pie",
    name: inert(chart.series[0]?.name ?? ""),
    itemStyle: { color: palette[0] },
    radius: ["32%", "58%"],
    center: ["50%", "58%"],
    label: {
      show: true,
      // The value as the model holds it: the back end computes no share.
      formatter: (p: { name: string; value: unknown }) => `${p.name}\n${Format.chartValue(labels.locale, Number(p.value))}`
    },
    data: slices(chart)
  }]
} as Option)

const optionOf = (chart: Report.Chart, labels: Labels, options: Checked): Option => {
  switch (chart.kind) {
    case "bar":
    case "line":
      return axes(chart, labels, options, chart.kind)
    case "funnel":
      return funnel(chart, labels, options)
    case "pie":
      return pie(chart, labels, options)
  }
}

/**
 * The chart as an SVG element. ECharts names its clip paths and hover classes after a
 * count kept by the process (`zr3-c0`, `zr3-cls-41`); they are renamed after the chart's
 * place in the document (`jc2-c0`, `jc2-cls-0`), so names never clash between charts
 * and the same report gives the same bytes. Only tags are touched (their attributes,
 * and the style block's CDATA, which reads as one): the model's text lies between tags
 * and is escaped, so it holds no `<` or `>`. May throw: the caller turns that into a
 * `ReportError`.
 */
export const svg = (chart: Report.Chart, ordinal: number, labels: Labels, options: Checked): string => {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: options.chartWidth, height: options.chartHeight })
  try {
    instance.setOption(optionOf(chart, labels, options))
    const classes = new Map<string, number>()
    const renamed = instance.renderToSVGString().replace(/<[^>]*>/g, (tag) =>
      tag
        .replace(/\bzr\d+-cls-\d+/g, (name) => {
          const n = classes.get(name) ?? classes.size
          classes.set(name, n)
          return `jc${ordinal}-cls-${n}`
        })
        .replace(/\bzr\d+-/g, `jc${ordinal}-`)
    )
    // A function, not a replacement string: a title may hold `$&`.
    return renamed.replace(/^<svg /, () => `<svg role="img" aria-label="${escapeHtml(chart.title)}" class="chart-svg" `)
  } finally {
    instance.dispose()
  }
}
