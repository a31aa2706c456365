/**
 * The demo's outreach (三联三服, 一支部一实事, 驿站, 新就业群体; issue 11): writes the
 * generated data of two districts through the `Outreach` service — 桃城区's groups and 爱心
 * 驿站 over its party's new-employment organisations, and 兰山区's groups, stations, leaders'
 * links with their contacts and problems, and its batches of practical matters over the
 * development generator's organisations — then prints what the service answers beside
 * the articles' figures, saying of each whether the generator took it as an input or it
 * was computed from the store.
 *
 * @since 0.5.0
 */
import { Actor, NewEmployment, Outreach, type OutreachService, Station } from "@jiceng/core"
import { OutreachData } from "@jiceng/testkit"
import { Effect } from "effect"
import * as Output from "./Output.js"

/**
 * Commands a transaction when the demo writes the outreach data.
 *
 * @since 0.5.0
 * @category constants
 */
export const batchSize = 5_000

/** Leaders listed with what they missed. */
const LIST_LEADERS = 5

const words = {
  zh: {
    heading: "三联三服、一支部一实事、驿站与新就业群体（读自库）",
    run: (commands: string, seconds: string, batch: string) => `生成 ${commands} 条 outreach 命令（${seconds} s），经 Outreach 服务写入，每批 ${batch} 条一个事务`,
    ownInput: "生成器输入，文章未给出",
    partyInput: "党组织生成器的输入，取自文章（按小区数缩放）",
    computed: "计算所得",
    inputOf: (value: string) => `生成器输入（${value}）`,
    computedFrom: (value: string) => `计算所得（生成器的解决比例 ${value}）`,
    taocheng: (name: string, at: string) => `${name}新就业群体与爱心驿站（groups · stations · uses，截至 ${at}）`,
    organisations: "新就业群体党组织（服务各群体的党组织）",
    loveStations: "新就业群体“爱心驿站”",
    groupMembers: "群体中的党员",
    uses: (year: string) => `驿站服务人次（${year} 年）`,
    lanshan: (at: string) => `兰山区（links · compliance · problems · matters · stations · groups，截至 ${at}）`,
    workers: "五大行业从业人员",
    studyCorners: "开设学习角的服务阵地",
    books: "学习角图书（册）",
    dc: "网约车驿站 直流充电桩",
    ac: "网约车驿站 交流充电桩",
    carWash: "网约车驿站 洗车机",
    driversHome: "顺和物流“司机之家”群体党员",
    links: "领导干部联系对象（三联三服）",
    owed: "应联系/走访（月、季）",
    met: "已联系/走访",
    missing: "缺失",
    raised: "新业态领域问题 提出",
    resolved: "新业态领域问题 解决",
    resolvedShare: "当年提出问题的解决率",
    firstBatch: "第一批实事 已完成",
    secondBatch: "第二批实事 列入 / 推进中",
    compliance: (from: string, to: string, schedule: string) => `三联三服合规（compliance，${from} 至 ${to}，${schedule}）：缺失最多的领导干部`,
    schedule: "一月一联系、一季一走访",
    leader: "领导干部",
    linkCount: "联系对象",
    firstMissing: "缺失举例",
    contact: "联系",
    visit: "走访",
    stations: "驿站（按类型，两区合计）",
    facilities: (text: string) => `兰山区驿站设施合计：${text}`,
    groups: "兰山区新就业群体（groups，按群体）",
    kind: "群体",
    groupCount: "群体数",
    orgCount: "党组织",
    members: "党员",
    workerCount: "从业人员",
    usesByKind: (text: string, studies: string) => `兰山区驿站服务人次（uses）：${text}；党员学习角学习 ${studies} 次`,
    masked: (name: string, address: string, minutes: string) => `${name}：地址 ${address}（无 pii:read 时脱敏），每周开放 ${minutes} 分钟`,
    timing: (write: string, perSecond: string, read: string) => `Outreach 用时：写入 ${write} s（${perSecond} 条/秒）· 查询 ${read} s`
  },
  en: {
    heading: "三联三服, 一支部一实事, stations and new-employment groups (from the store)",
    run: (commands: string, seconds: string, batch: string) => `${commands} outreach commands generated (${seconds} s), written through the Outreach service, ${batch} a transaction`,
    ownInput: "generator input, not in the article",
    partyInput: "the party generator's input, the article's (scaled with the compounds)",
    computed: "computed",
    inputOf: (value: string) => `generator input (${value})`,
    computedFrom: (value: string) => `computed (the generator's share resolved: ${value})`,
    taocheng: (name: string, at: string) => `${name} new-employment groups and love stations (groups · stations · uses, as of ${at})`,
    organisations: "New-employment party organisations (serving the groups)",
    loveStations: "Love stations (爱心驿站)",
    groupMembers: "Party members in the groups",
    uses: (year: string) => `Station users (${year})`,
    lanshan: (at: string) => `兰山区 (links · compliance · problems · matters · stations · groups, as of ${at})`,
    workers: "Workers of the five industries",
    studyCorners: "Stations with a study corner",
    books: "Study-corner books",
    dc: "Ride-hailing station: DC chargers",
    ac: "Ride-hailing station: AC chargers",
    carWash: "Ride-hailing station: car washes",
    driversHome: "顺和物流 drivers' home: party members",
    links: "Leaders' links (三联三服)",
    owed: "Contacts and visits owed (months, quarters)",
    met: "Met",
    missing: "Missing",
    raised: "New-sector problems raised",
    resolved: "New-sector problems resolved",
    resolvedShare: "Share of the year's problems resolved",
    firstBatch: "First batch of practical matters: done",
    secondBatch: "Second batch: listed / in progress",
    compliance: (from: string, to: string, schedule: string) => `三联三服 compliance (compliance, ${from} to ${to}, ${schedule}): the leaders missing most`,
    schedule: "a contact a month, a visit a quarter",
    leader: "Leader",
    linkCount: "Links",
    firstMissing: "e.g. missing",
    contact: "contact",
    visit: "visit",
    stations: "Stations by kind (both districts)",
    facilities: (text: string) => `兰山区's stations' facilities in all: ${text}`,
    groups: "兰山区's new-employment groups (groups, by kind)",
    kind: "Group",
    groupCount: "Groups",
    orgCount: "Organisations",
    members: "Members",
    workerCount: "Workers",
    usesByKind: (text: string, studies: string) => `兰山区's station users (uses): ${text}; ${studies} study visits by members`,
    masked: (name: string, address: string, minutes: string) => `${name}: address ${address} (masked without pii:read), open ${minutes} minutes a week`,
    timing: (write: string, perSecond: string, read: string) => `Outreach time: writing ${write} s (${perSecond} commands/s) · queries ${read} s`
  }
} as const

/** Counts by key as `label n · label n`. */
const listed = (entries: ReadonlyArray<readonly [string, number]>) => entries.map(([label, n]) => `${label} ${Output.count(n)}`).join(" · ")

/**
 * Writes the generated outreach, `size` commands a transaction; returns the
 * milliseconds it took.
 *
 * @since 0.5.0
 * @category running
 */
export const write = (
  data: OutreachData.GeneratedOutreach,
  size: number
): Effect.Effect<number, OutreachService.OutreachWriteError, Outreach.Outreach> =>
  Effect.gen(function*() {
    const start = performance.now()
    yield* OutreachData.apply(data, { batchSize: size })
    return performance.now() - start
  })

/**
 * What the service answers about both districts' outreach, as printed lines.
 *
 * @since 0.5.0
 * @category reporting
 */
export const report = (
  data: OutreachData.GeneratedOutreach,
  timing: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number },
  lang: Output.Lang
): Effect.Effect<string, OutreachService.OutreachReadError, Outreach.Outreach> =>
  Effect.gen(function*() {
    const service = yield* Outreach.Outreach
    const w = words[lang]
    const o = Output.words[lang]
    const n = Output.count
    const { lanshan: l, options, taocheng: t } = data
    const a = OutreachData.article
    // Viewers of each district: no personal data, so addresses come masked and no read is audited.
    const tc = Actor.make({ id: "demo-viewer", tenant: t.tenant, roles: ["viewer"], scope: t.tenant })
    const ls = Actor.make({ id: "demo-viewer", tenant: l.tenant, roles: ["viewer"], scope: l.tenant })

    const readStart = performance.now()
    const tcGroups = yield* service.groups(tc, { at: t.at })
    const tcStations = yield* service.stations(tc, { at: t.at })
    const tcUses = yield* service.uses(tc, { from: t.from, to: t.to })
    const links = yield* service.links(ls, { at: l.at })
    const compliance = yield* service.compliance(ls, { from: l.from, to: l.to })
    const problems = yield* service.problems(ls, { from: l.from, to: l.to })
    const matters = yield* service.matters(ls, { at: l.at })
    const stations = yield* service.stations(ls, { at: l.at })
    const groups = yield* service.groups(ls, { at: l.at })
    const uses = yield* service.uses(ls, { from: l.from, to: l.to })
    const readSeconds = Output.seconds(readStart)

    const label = (labels: { readonly zh: string; readonly en: string }) => labels[lang]
    const header = [o.figure, o.article, o.thisRun, o.note]
    const lines: Array<string> = [w.heading]
    const generated = t.commands.length + l.commands.length
    lines.push(`  ${w.run(n(generated), timing.generateSeconds, n(timing.batchSize))}`)
    lines.push("")

    // ---- 桃城区
    const sumOf = <A>(xs: ReadonlyArray<A>, f: (x: A) => number) => xs.reduce((s, x) => s + f(x), 0)
    const tcOrganisations = new Set(tcGroups.groups.map((g) => g.organisationId)).size
    lines.push(w.taocheng(t.name, t.at))
    lines.push(Output.table([
      header,
      [w.organisations, `${a.taocheng.newEmploymentOrganisations}`, n(tcOrganisations), w.partyInput],
      [w.loveStations, `${a.taocheng.loveStations}`, n(tcStations.byKind.love_station), options.loveStations === a.taocheng.loveStations ? o.notes.input : w.ownInput],
      [w.groupMembers, "—", n(sumOf(tcGroups.groups, (g) => g.members)), w.computed],
      [w.uses(t.from.slice(0, 4)), "—", n(tcUses.total), w.ownInput]
    ], { textColumns: [3], header: true }))
    lines.push("")

    // ---- 兰山区
    const wyc = stations.stations.find((s) => s.kind === "ride_hailing_station")
    const count = (id: string) => (wyc === undefined ? "—" : n(wyc.facilities[id] ?? 0))
    const driversHome = groups.groups.find((g) => g.kind === "truck_driver")
    const batch = (number: number) => matters.batches.find((b) => b.batch.number === number)
    const first = batch(1)
    const second = batch(2)
    const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`)
    lines.push(w.lanshan(l.at))
    lines.push(Output.table([
      header,
      [w.workers, "19万", n(sumOf(groups.kinds, (k) => k.workers)), o.notes.input],
      [w.studyCorners, `${a.lanshan.studyCorners}`, n(stations.studyCorners), options.studyCornerStations === a.lanshan.studyCorners ? o.notes.input : w.ownInput],
      [w.books, "—", n(stations.books), w.ownInput],
      [w.dc, `${a.lanshan.dcChargers}`, count("dc_charger"), o.notes.input],
      [w.ac, `${a.lanshan.acChargers}`, count("ac_charger"), o.notes.input],
      [w.carWash, `${a.lanshan.carWashes}`, count("car_wash"), o.notes.input],
      [w.driversHome, "20余", driversHome === undefined ? "—" : n(driversHome.members), w.inputOf(String(options.driversHomeMembers))],
      [w.links, "—", n(links.length), w.ownInput],
      [w.owed, "—", n(compliance.owed), w.computed],
      [w.met, "—", n(compliance.met), w.computed],
      [w.missing, "—", n(compliance.missing.length), w.computed],
      [w.raised, "—", n(problems.raised), w.inputOf(String(options.problemsRaised))],
      [w.resolved, "80余", n(problems.resolved), w.computed],
      [w.resolvedShare, "—", percent(problems.resolvedShare), w.computedFrom(percent(options.resolvedShare))],
      [w.firstBatch, `${a.lanshan.firstBatch}`, first === undefined ? "—" : `${n(first.done)} / ${n(first.listed)}`, o.notes.input],
      [w.secondBatch, "—", second === undefined ? "—" : `${n(second.listed)} / ${n(second.in_progress)}`, w.ownInput]
    ], { textColumns: [3], header: true }))
    lines.push("")

    lines.push(w.compliance(l.from, l.to, w.schedule))
    const worst = [...compliance.leaders].sort((x, y) => y.missing - x.missing || (x.leaderId < y.leaderId ? -1 : 1)).slice(0, LIST_LEADERS)
    lines.push(Output.table([
      [w.leader, w.linkCount, w.owed, w.met, w.missing, w.firstMissing],
      ...worst.map((leader) => {
        const example = compliance.missing.find((m) => m.leaderId === leader.leaderId)
        return [
          leader.leaderId,
          n(leader.links),
          n(leader.owed),
          n(leader.met),
          n(leader.missing),
          example === undefined ? "—" : `${example.slot.label} ${example.kind === "visit" ? w.visit : w.contact}`
        ]
      })
    ], { textColumns: [0, 5], header: true }))
    lines.push("")

    lines.push(w.stations)
    lines.push(Output.table(
      (Object.keys(Station.kindLabels) as ReadonlyArray<Station.StationKind>).map((k) => [label(Station.kindLabels[k]), n(stations.byKind[k] + tcStations.byKind[k])])
    ))
    lines.push(`  ${w.facilities(listed(stations.facilities.filter((f) => f.count > 0).map((f) => [lang === "zh" ? f.zh : f.en, f.count])))}`)
    if (wyc !== undefined) lines.push(`  ${w.masked(wyc.name, wyc.address, n(wyc.minutesPerWeek))}`)
    lines.push(`  ${w.usesByKind(listed(Object.entries(uses.byKind).filter(([, c]) => c > 0).map(([k, c]) => [k === "resident" ? (lang === "zh" ? "居民" : "residents") : label(NewEmployment.kindLabels[k as NewEmployment.GroupKind]), c])), n(uses.studies))}`)
    lines.push("")

    lines.push(w.groups)
    lines.push(Output.table([
      [w.kind, w.groupCount, w.orgCount, w.members, w.workerCount],
      ...groups.kinds.filter((k) => k.groups > 0).map((k) => [lang === "zh" ? k.zh : k.en, n(k.groups), n(k.organisations), n(k.members), n(k.workers)]),
      [o.total, n(sumOf(groups.kinds, (k) => k.groups)), n(new Set(groups.groups.map((g) => g.organisationId)).size), n(sumOf(groups.kinds, (k) => k.members)), n(sumOf(groups.kinds, (k) => k.workers))]
    ], { header: true }))
    lines.push("")

    const perSecond = timing.writeMs === 0 ? "—" : n(Math.round((generated * 1000) / timing.writeMs))
    lines.push(w.timing((timing.writeMs / 1000).toFixed(2), perSecond, readSeconds))
    return lines.join("\n")
  })
