/**
 * The demo's visits and demands (走访 and 诉求, #11): reads what the grid store holds of
 * the district (the blocks' and compounds' responsible workers, the households and
 * merchants), generates a year of visits and demands on it (`DemandData`), writes them
 * through the `Demands` service in the order of their minutes with the daily escalation
 * sweep among them, then prints what the service answers, saying of each figure whether
 * it is the generator's input or computed: demands by state, resolved beside the
 * article's 590多件次, the on-time rate and satisfaction, statistics by street, visit
 * coverage for a period, the Open311 service list and one service request as JSON, and
 * one demand's history from intake to its return visit (回访), line by line.
 *
 * @since 0.5.0
 */
import { Actor, Demand, DemandsService, DemandState, type Grid, GridConfig, type GridStore, LevelScheme, type StoreError } from "@jiceng/core"
import { DemandData } from "@jiceng/testkit"
import { Effect, Option } from "effect"
import * as Output from "./Output.js"

/**
 * Commands a transaction when the demo writes the year of visits and demands.
 *
 * @since 0.5.0
 * @category constants
 */
export const batchSize = 5_000

const words = {
  zh: {
    heading: "走访与诉求：受理、交办、办理、回访、逐级上报（读自库）",
    run: (commands: string, seconds: string, visits: string, sweeps: string, batch: string) =>
      `生成 ${commands} 条走访与诉求命令（${seconds} s；其中走访 ${visits} 次、每日逾期上报 ${sweeps} 次），经 Demands 服务按时间顺序写入，每批 ${batch} 条一个事务`,
    year: (from: string, to: string) => `全年诉求（stats，${from} 至 ${to}）`,
    figure: "项目",
    article: "文章",
    thisRun: "本次（库中）",
    note: "说明",
    input: "生成器输入",
    computed: "计算所得",
    collected: "收集诉求（件）",
    resolvedShare: "办结比例（生成器设定）",
    resolved: "办结诉求（件次）",
    articleResolved: "590余件次",
    onTime: "按期办结率",
    satisfaction: "回访满意率（满意 + 基本满意）",
    closed: "回访结案（件）",
    open: "年末未办结（件）",
    byState: (text: string) => `诉求状态（demands）：${text}`,
    bySatisfaction: (text: string) => `回访评价：${text}`,
    byStreet: "各街道（stats.children）",
    street: "街道",
    received: "受理",
    resolvedShort: "办结",
    onTimeShort: "按期率",
    satisfied: "满意率",
    openShort: "未办结",
    overdue: (at: string, count: string, levels: string) => `截至 ${at} 逾期未办结 ${count} 件（overdue），已上报层级：${levels}`,
    coverage: (asOf: string, days: number) => `走访覆盖（coverage，截至 ${asOf} 的 ${days} 天内，按街道汇总各单元）`,
    households: "住户",
    visited: "已走访",
    share: "覆盖率",
    services: (count: number) => `Open311 services.json（${count} 类，由诉求类别生成）`,
    request: (id: string) => `Open311 service request（${id}，地址与坐标按无 pii:read 权限脱敏）`,
    history: (id: string, category: string, grid: string) => `一件诉求从受理到回访的全程（demand ${id}：${category}，${grid}）`,
    number: "序号",
    minute: "时间",
    event: "事项",
    who: "经办",
    where: "网格 / 承办人",
    remark: "备注",
    timing: (write: string, perSecond: string, read: string) => `走访与诉求用时：写入 ${write} s（${perSecond} 条/秒）· 查询 ${read} s`
  },
  en: {
    heading: "Visits and demands: intake, assignment, handling, return visits, escalation (from the store)",
    run: (commands: string, seconds: string, visits: string, sweeps: string, batch: string) =>
      `${commands} visit and demand commands generated (${seconds} s; ${visits} visits, ${sweeps} daily escalation sweeps), written through the Demands service in the order of their minutes, ${batch} a transaction`,
    year: (from: string, to: string) => `Demands of the year (stats, ${from} to ${to})`,
    figure: "Figure",
    article: "Article",
    thisRun: "This run (store)",
    note: "Note",
    input: "generator input",
    computed: "computed",
    collected: "Demands collected",
    resolvedShare: "Share resolved (generator's setting)",
    resolved: "Demands resolved",
    articleResolved: "590+",
    onTime: "Resolved on time",
    satisfaction: "Satisfied at the return visit (satisfied + basically)",
    closed: "Closed after the return visit",
    open: "Still open at the year's end",
    byState: (text: string) => `Demands by state (demands): ${text}`,
    bySatisfaction: (text: string) => `Return visits: ${text}`,
    byStreet: "By street (stats.children)",
    street: "Street",
    received: "Received",
    resolvedShort: "Resolved",
    onTimeShort: "On time",
    satisfied: "Satisfied",
    openShort: "Open",
    overdue: (at: string, count: string, levels: string) => `Open past their deadline at ${at}: ${count} (overdue); escalated to: ${levels}`,
    coverage: (asOf: string, days: number) => `Visit coverage (coverage, the ${days} days to ${asOf}, blocks summed by street)`,
    households: "Households",
    visited: "Visited",
    share: "Coverage",
    services: (count: number) => `Open311 services.json (${count} services, from the demand categories)`,
    request: (id: string) => `Open311 service request (${id}; address and point masked, as for a reader without pii:read)`,
    history: (id: string, category: string, grid: string) => `One demand from intake to its return visit (demand ${id}: ${category}, ${grid})`,
    number: "No.",
    minute: "Minute",
    event: "Event",
    who: "By",
    where: "Grid / worker",
    remark: "Note",
    timing: (write: string, perSecond: string, read: string) => `Visits and demands time: writing ${write} s (${perSecond} commands/s) · queries ${read} s`
  }
} as const

const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`)

/**
 * Generates the year on the district's grid store, writes it and reports what the
 * service answers, as printed lines.
 *
 * @since 0.5.0
 * @category running
 */
export const run = (
  tenant: string,
  streets: ReadonlyArray<Grid.Grid>,
  lang: Output.Lang
): Effect.Effect<string, DemandsService.DemandWriteError | StoreError.StoreError, DemandsService.Demands | GridStore.GridStore> =>
  Effect.gen(function*() {
    const w = words[lang]
    const n = Output.count
    const lines: Array<string> = [w.heading]

    const generateStart = performance.now()
    const options = DemandData.defaults
    const data = DemandData.generate(yield* DemandData.facts(tenant, `${options.year}-01-01`), options)
    const generateSeconds = Output.seconds(generateStart)
    const writeStart = performance.now()
    yield* DemandData.write(data, batchSize)
    const writeMs = performance.now() - writeStart
    lines.push(`  ${w.run(n(data.commands.length), generateSeconds, n(data.drawn.visits), n(data.drawn.sweeps), n(batchSize))}`, "")

    const readStart = performance.now()
    const service = yield* DemandsService.Demands
    const actor = Actor.system(tenant)
    const [from, to] = [`${options.year}-01-01`, `${options.year + 1}-01-01`]
    const stats = yield* service.stats(actor, { from, to })
    const demands = yield* service.demands(actor, { from, to })
    const t = stats.total

    lines.push(w.year(from, to))
    lines.push(Output.table([
      [w.figure, w.article, w.thisRun, w.note],
      [w.collected, "—", n(t.received), w.input],
      [w.resolvedShare, "—", percent(options.resolvedShare), w.input],
      [w.resolved, w.articleResolved, n(t.resolved), w.computed],
      [w.onTime, "—", percent(t.onTimeRate), w.computed],
      [w.closed, "—", n(t.closed), w.computed],
      [w.satisfaction, "—", percent(t.satisfactionRate), w.computed],
      [w.open, "—", n(t.open), w.computed]
    ], { textColumns: [3], header: true }))
    const byState = DemandState.State.literals.map((s) => [DemandState.stateLabels[s][lang], demands.filter((d) => d.state === s).length] as const)
    lines.push(`  ${w.byState(byState.map(([label, c]) => `${label} ${n(c)}`).join(" · "))}`)
    lines.push(`  ${w.bySatisfaction(DemandState.Satisfaction.literals.map((s) => `${DemandState.satisfactionLabels[s][lang]} ${n(t.satisfaction[s])}`).join(" · "))}`)
    const asOf = `${options.year}-12-31T23:59`
    const overdue = yield* service.overdue(actor, { asOf })
    const { scheme } = GridConfig.defaults
    const levels = new Map<number, number>()
    for (const o of overdue) {
      for (const g of o.escalatedTo) {
        const level = Option.getOrElse(LevelScheme.levelOfCode(scheme, g), () => -1)
        levels.set(level, (levels.get(level) ?? 0) + 1)
      }
    }
    const levelText = [...levels].sort((a, b) => b[0] - a[0]).map(([level, c]) => `${LevelScheme.label(scheme, level, lang)} ${n(c)}`).join(" · ")
    lines.push(`  ${w.overdue(asOf, n(overdue.length), levelText === "" ? "—" : levelText)}`, "")

    lines.push(w.byStreet)
    lines.push(Output.table([
      [w.street, w.received, w.resolvedShort, w.onTimeShort, w.satisfied, w.openShort],
      ...stats.children.map((c) => [c.name, n(c.received), n(c.resolved), percent(c.onTimeRate), percent(c.satisfactionRate), n(c.open)]),
      // The district grid's own demands (stats.own), when there are any: the rows then sum to the total.
      ...(stats.own.received + stats.own.resolved + stats.own.open === 0
        ? []
        : [[lang === "zh" ? "区本级" : "District grid itself", n(stats.own.received), n(stats.own.resolved), percent(stats.own.onTimeRate), percent(stats.own.satisfactionRate), n(stats.own.open)]]),
      [lang === "zh" ? "合计" : "Total", n(t.received), n(t.resolved), percent(t.onTimeRate), percent(t.satisfactionRate), n(t.open)]
    ], { header: true }))
    lines.push("")

    for (const days of [30, 365]) {
      const coverage = yield* service.coverage(actor, { asOf: `${options.year}-12-31`, days })
      lines.push(w.coverage(`${options.year}-12-31`, days))
      const rows = streets.map((s) => {
        const mine = coverage.filter((g) => g.gridCode.startsWith(s.code))
        const households = mine.reduce((sum, g) => sum + g.households, 0)
        const visited = mine.reduce((sum, g) => sum + g.visited, 0)
        return [s.name, n(households), n(visited), percent(households === 0 ? null : visited / households)]
      })
      const all = coverage.reduce((sum, g) => sum + g.households, 0)
      const seen = coverage.reduce((sum, g) => sum + g.visited, 0)
      lines.push(Output.table([[w.street, w.households, w.visited, w.share], ...rows, [lang === "zh" ? "合计" : "Total", n(all), n(seen), percent(all === 0 ? null : seen / all)]], { header: true }))
    }
    lines.push("")

    const services = yield* service.services(actor, { lang })
    lines.push(w.services(services.length))
    lines.push(...JSON.stringify(services.slice(0, 2), null, 2).split("\n").map((l) => `  ${l}`))
    lines.push(`  … ${services.slice(2).map((s) => `${s.service_code} ${s.service_name}`).join(" · ")}`)
    // The most escalated demand that was closed after its return visit, else any closed one.
    const story = [...demands].filter((d) => d.state === "closed").sort((a, b) => b.escalatedTo.length - a.escalatedTo.length || (a.id < b.id ? -1 : 1))[0]
    const viewer = Actor.make({ id: "open311", tenant, roles: ["viewer"], scope: tenant })
    if (story !== undefined) {
      const [request] = (yield* service.requests(viewer, { root: story.gridCode, lang })).filter((r) => r.service_request_id === story.id)
      lines.push(w.request(story.id))
      lines.push(...JSON.stringify(request, null, 2).split("\n").map((l) => `  ${l}`))
      lines.push("")
      lines.push(w.history(story.id, story.categoryLabel, story.gridCode))
      lines.push(Output.table([
        [w.number, w.minute, w.event, w.who, w.where, w.remark],
        ...story.events.map((e) => [
          String(e.seq),
          e.at,
          Demand.eventLabels[e.kind][lang],
          e.by,
          [e.gridCode, e.assignee].filter((x) => x !== null).join(" / "),
          [e.note, e.satisfaction === null ? null : DemandState.satisfactionLabels[e.satisfaction][lang]].filter((x) => x !== null).join(" · ")
        ])
      ], { textColumns: [1, 2, 3, 4, 5], header: true }))
      lines.push("")
    }
    const perSecond = writeMs === 0 ? "—" : n(Math.round((data.commands.length * 1000) / writeMs))
    lines.push(w.timing((writeMs / 1000).toFixed(2), perSecond, Output.seconds(readStart)))
    return lines.join("\n")
  })
