/**
 * Outreach in two districts (三联三服, 一支部一实事, 驿站, 新就业群体; issue 11), as
 * `OutreachCommand` inputs that the `Outreach` service accepts in order, over the grids
 * and party organisations the other generators write. Deterministic: the same districts
 * and options give the same commands, byte for byte.
 *
 * **桃城区** (衡水市), over a generated district's grid tree and party (`District`,
 * `Party`): a new-employment group for each of its **6 新就业群体党组织** (the party
 * generator's, sector `new_employment`), their members joined, and its **12 爱心驿站**
 * round its streets, each run by the street's new-employment organisation, with a
 * weekly schedule, facilities and a year of use records.
 *
 * **兰山区** (临沂市, tenant 371302), over the development generator's grid tree, industry
 * 党委, branches and members (`DevelopmentData`): the five groups (直播电商、快递、外卖、
 * 物流、网约车, **19万** workers) with their branches — the 网约车司机综合党支部's drivers
 * and the 顺和物流 司机之家 with its **20余** party members among them; **38** stations
 * (沂蒙小蜜蜂驿站, 司机之家, 党群服务站) with study corners (学习角) and their books, and the
 * 网约车驿站 the new branch built in 北城新区 with **32** DC and **10** AC chargers, a car
 * wash and its amenities; leaders linked to 重点市场、园区、平台企业 (and a few villages and
 * groups of residents) with a year of contacts and visits of which some miss the
 * schedule; problems raised under the links, **80余** resolved; and 一支部一实事 — the
 * first batch's **10** matters of ten branches, all completed, and a second batch under
 * way.
 *
 * The figures in bold are the article's, inputs of the generator (the resolved problems
 * as the count raised and the share resolved, so that the store computes the count).
 * Everything else — the days, the leaders and their targets, the missed contacts, the
 * split of the 19万 workers, the stations' kinds and books, the uses — is the
 * generator's assumption, each an option or said where it is drawn. Reports read the
 * store, never the options.
 *
 * @since 0.5.0
 */
import { IsoDate, Outreach, OutreachCommand, type OutreachService, type Station } from "@jiceng/core"
import { Effect } from "effect"
import { creditCode } from "../arbitraries/GridIntents.js"
import type * as Development from "./Development.js"
import * as District from "./District.js"
import type * as Party from "./Party.js"
import * as Random from "./Random.js"
import { applyInBatches, checkDecodes } from "./Rows.js"
import * as Tree from "./Tree.js"

/**
 * The articles' figures the generator takes as inputs.
 *
 * @since 0.5.0
 * @category constants
 */
export const article = {
  taocheng: {
    /** 组建6个新就业群体党组织 (the party generator's input) */
    newEmploymentOrganisations: 6,
    /** 建设12个新就业群体“爱心驿站” */
    loveStations: 12
  },
  lanshan: {
    /** 直播电商、快递、外卖、物流、网约车等五大行业从业人员共19万人 */
    workers: 190_000,
    /** 在全区38处“沂蒙小蜜蜂驿站”“司机之家”等党群服务阵地开设学习角 */
    studyCorners: 38,
    /** 配备直流充电桩32台、交流充电桩10台、洗车机1台 */
    dcChargers: 32,
    acChargers: 10,
    carWashes: 1,
    /** 发动司机群体中的20余名党员 (顺和物流“司机之家”) */
    driversHomeMembers: 20,
    /** 初步解决新业态领域瓶颈问题80余个 */
    problemsResolved: 80,
    /** 初步完成第一批实事好事10个项目 */
    firstBatch: 10
  }
} as const

/**
 * What shapes the two districts' outreach.
 *
 * @since 0.5.0
 * @category models
 */
export interface OutreachOptions {
  readonly seed: number
  /** The year of the figures, `[year-01-01, year+1-01-01)` (generator: 2024). */
  readonly year: number
  /** 桃城区's 爱心驿站. Input from the article: 12. */
  readonly loveStations: number
  /** 兰山区's stations with a study corner. Input from the article: 38. */
  readonly studyCornerStations: number
  /** 兰山区's workers by group; their sum is the article's 19万 (the split is the generator's). */
  readonly workers: Readonly<Record<"courier" | "delivery_rider" | "ride_hailing_driver" | "truck_driver" | "live_streamer", number>>
  /** Party members in the 顺和物流 司机之家's group of truck drivers. Input from the article: 20余 (generator: 23). */
  readonly driversHomeMembers: number
  /** Leaders linked to enterprises, villages and residents (generator: 12). */
  readonly leaders: number
  /** The chance a month's contact, or a quarter's visit, is missed (generator: 0.06 and 0.08). */
  readonly missContact: number
  readonly missVisit: number
  /** Problems raised under the links in the year (generator: 92) and the share resolved in it (0.93): 80余 resolved. */
  readonly problemsRaised: number
  readonly resolvedShare: number
  /** Matters of the first batch, each of its own branch, all completed. Input from the article: 10. */
  readonly firstBatch: number
  /** Matters of the second batch, under way at the year's end (generator: 6). */
  readonly secondBatch: number
}

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: OutreachOptions = {
  seed: 11,
  year: 2024,
  loveStations: article.taocheng.loveStations,
  studyCornerStations: article.lanshan.studyCorners,
  workers: { courier: 52_000, delivery_rider: 43_000, ride_hailing_driver: 18_000, truck_driver: 51_000, live_streamer: 26_000 },
  driversHomeMembers: 23,
  leaders: 12,
  missContact: 0.06,
  missVisit: 0.08,
  problemsRaised: 92,
  resolvedShare: 0.93,
  firstBatch: article.lanshan.firstBatch,
  secondBatch: 6
}

/**
 * An outreach command in its encoded form (plain JSON with `_tag`).
 *
 * @since 0.5.0
 * @category models
 */
export type Command = OutreachCommand.Input

/**
 * One district's part: its commands and the period its figures cover.
 *
 * @since 0.5.0
 * @category models
 */
export interface Part {
  readonly tenant: string
  readonly name: string
  readonly commands: ReadonlyArray<Command>
  /** The year of the figures, `[from, to)`, and the day they hold (its last day). */
  readonly from: string
  readonly to: string
  readonly at: string
}

/**
 * @since 0.5.0
 * @category models
 */
export interface GeneratedOutreach {
  readonly options: OutreachOptions
  readonly taocheng: Part
  readonly lanshan: Part
}

const fail = (message: string): never => {
  throw new RangeError(`Outreach.generate: ${message}`)
}

const day = (s: string) => IsoDate.unsafeMake(s)
const dayIn = (random: Random.Random, from: IsoDate.IsoDate, to: IsoDate.IsoDate): IsoDate.IsoDate =>
  IsoDate.addDays(from, random.int(Math.max(1, IsoDate.daysBetween(from, to))))
const months = (year: number) => Array.from({ length: 12 }, (_, m) => day(`${year}-${String(m + 1).padStart(2, "0")}-01`))

const checkOptions = (o: OutreachOptions): void => {
  const counts: ReadonlyArray<readonly [string, number]> = [
    ["loveStations", o.loveStations],
    ["studyCornerStations", o.studyCornerStations],
    ["driversHomeMembers", o.driversHomeMembers],
    ["leaders", o.leaders],
    ["problemsRaised", o.problemsRaised],
    ["firstBatch", o.firstBatch],
    ["secondBatch", o.secondBatch],
    ...Object.entries(o.workers)
  ]
  for (const [name, n] of counts) if (!Number.isInteger(n) || n < 0 || n > 100_000_000) fail(`${name} ${n} is not a count`)
  for (const [name, p] of [["missContact", o.missContact], ["missVisit", o.missVisit], ["resolvedShare", o.resolvedShare]] as const) {
    if (!(p >= 0 && p <= 1)) fail(`${name} ${p} is not a share`)
  }
  if (o.leaders < 1) fail("at least one leader")
  if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100) fail(`year ${o.year}`)
}

/** Opening hours: the same intervals every day, or a weekend of its own. */
const week = (days: ReadonlyArray<{ readonly from: string; readonly to: string }>, weekend = days) => ({
  mon: days,
  tue: days,
  wed: days,
  thu: days,
  fri: days,
  sat: weekend,
  sun: weekend
})
const schedules = [
  week([{ from: "00:00", to: "24:00" }]),
  week([{ from: "07:00", to: "21:00" }]),
  week([{ from: "06:30", to: "11:30" }, { from: "13:30", to: "22:00" }]),
  week([{ from: "08:00", to: "20:00" }], [{ from: "09:00", to: "18:00" }])
]

/** The group kinds the party generator's new-employment organisations are named after. */
const groupWords: ReadonlyArray<readonly [string, OutreachCommand.RegisterGroup["kind"]]> = [
  ["快递员", "courier"],
  ["外卖骑手", "delivery_rider"],
  ["网约车司机", "ride_hailing_driver"],
  ["货车司机", "truck_driver"],
  ["网络主播", "live_streamer"],
  ["家政服务员", "domestic_worker"]
]
const userKinds = ["courier", "delivery_rider", "ride_hailing_driver", "truck_driver", "live_streamer", "resident"] as const
const studyTitles = ["党的二十大报告学习辅导百问", "习近平新时代中国特色社会主义思想学习纲要", "中国共产党简史", "沂蒙精神读本"]
const problemSummaries = [
  "直播基地网络带宽不足，直播卡顿", "快递分拨中心周边道路早晚拥堵", "网约车司机充电难、充电贵", "货车司机夜间停车休息难",
  "外卖骑手午间就餐难", "市场商户对电商培训需求大", "园区新业态企业招工难", "平台企业党员组织关系接转不畅", "骑手进小区配送受限",
  "物流园区货源信息分散"
]
const matterTitles = [
  "为骑手设置小区临时停车点", "建设快递员爱心餐桌", "开设直播电商免费培训班", "货车司机之家增设淋浴间", "网约车驿站周边加装路灯",
  "为新就业群体开展免费体检", "建设快递柜雨棚", "开通新业态党员组织关系接转绿色通道", "设立司机法律援助服务点", "园区增设母婴室",
  "为外卖骑手配发反光背心", "设立新就业群体子女暑期托管班"
]

/** 桃城区: the groups of the party's new-employment organisations and the 爱心驿站. */
const taochengPart = (
  layout: District.Layout,
  party: { readonly commands: ReadonlyArray<Party.Command> },
  o: OutreachOptions,
  random: Random.Random
): Part => {
  const tenant = layout.options.tenant
  const from = day(`${o.year}-01-01`)
  const to = day(`${o.year + 1}-01-01`)
  const forms = party.commands.flatMap((c) =>
    c._tag === "FormOrganisation" && c.sector === "new_employment" ? [{ id: c.id, name: c.name, grids: c.grids ?? [tenant] }] : []
  )
  if (forms.length === 0 && o.loveStations > 0) fail("桃城区's party has no new-employment organisation to run the 爱心驿站")
  const arrivals = party.commands.flatMap((c) => (c._tag === "ArriveMember" ? [c] : []))
  const commands: Array<Command> = []
  forms.forEach((org, k) => {
    const kind = groupWords.find(([word]) => org.name.includes(word))?.[1] ?? groupWords[k % groupWords.length]![1]
    const id = `G-TC-${Tree.pad(k + 1, 2)}`
    commands.push({
      _tag: "RegisterGroup",
      id,
      kind,
      name: org.name.replace(/党支部$/, "群体"),
      gridCode: org.grids[0]!,
      organisationId: org.id,
      workers: 80 + random.int(400),
      on: day(`${o.year}-01-08`)
    })
    for (const m of arrivals.filter((a) => a.organisationId === org.id)) {
      commands.push({ _tag: "JoinGroup", groupId: id, memberId: m.memberId, on: day(`${o.year}-01-15`) })
    }
  })
  const communities = layout.tree.communities
  for (let k = 0; k < o.loveStations; k++) {
    const org = forms[k % forms.length]!
    const street = layout.tree.streets.find((s) => s.code === org.grids[0]) ?? layout.tree.streets[0]!
    const inStreet = communities.filter((c) => c.parent === street.code)
    const community = inStreet.length === 0 ? street : random.pick(inStreet)
    const id = `ST-TC-${Tree.pad(k + 1, 2)}`
    const openedOn = dayIn(random, day(`${o.year - 1}-03-01`), day(`${o.year - 1}-12-01`))
    commands.push({
      _tag: "OpenStation",
      id,
      name: `${community.name}新就业群体爱心驿站`,
      kind: "love_station",
      gridCode: community.code,
      address: `${layout.options.name}${street.name}${community.name}${random.pick(["育才", "人民", "中华", "红旗", "前进", "新华"])}路${1 + random.int(300)}号`,
      organisationId: org.id,
      hours: random.pick(schedules),
      facilities: { air_conditioner: 1 + random.int(2), water_dispenser: 1, microwave: 1, phone_charger: 4 + random.int(7), rest_chair: 6 + random.int(7), medicine_kit: 1 },
      on: openedOn
    })
    uses(commands, random, id, from, to, `U-TC-${Tree.pad(k + 1, 2)}`)
  }
  return { tenant, name: layout.options.name, commands, from, to, at: IsoDate.addDays(to, -1) }
}

/** A year of weekly use records of a station: one or two kinds of users a week. */
const uses = (commands: Array<Command>, random: Random.Random, stationId: string, from: IsoDate.IsoDate, to: IsoDate.IsoDate, prefix: string) => {
  let n = 0
  for (let d = from; d < to; d = IsoDate.addDays(d, 7)) {
    for (let k = 0; k < 1 + random.int(2); k++) {
      const on = IsoDate.addDays(d, random.int(7))
      commands.push({ _tag: "RecordUse", id: `${prefix}-${Tree.pad(++n, 4)}`, stationId, on: on < to ? on : d, userKind: random.pick(userKinds), count: 3 + random.int(40) })
    }
  }
}

/** 兰山区: groups, stations, links and their contacts and problems, and the batches of practical matters. */
const lanshanPart = (development: Development.GeneratedDevelopment, o: OutreachOptions, random: Random.Random): Part => {
  const { district, organisations, tenant } = development.lanshan
  const tree = District.layout(district).tree
  const from = day(`${o.year}-01-01`)
  const to = day(`${o.year + 1}-01-01`)
  const at = IsoDate.addDays(to, -1)
  const branches = organisations.flatMap((c) =>
    c._tag === "FormOrganisation" && c.kind === "branch" && c.validFrom < from ? [{ id: c.id, name: c.name, grids: c.grids ?? [tenant] }] : []
  )
  const members = (id: string) => organisations.flatMap((c) => (c._tag === "ArriveMember" && c.organisationId === id ? [c.memberId] : []))
  const ofIndustry = (key: string) => branches.filter((b) => b.id.startsWith(`O-LS-${key}-`))
  const rideHailing = branches.find((b) => b.name.includes("网约车")) ?? fail("兰山区 has no 网约车司机综合党支部 formed before the year")
  const byName = (key: string, word: string) => ofIndustry(key).find((b) => b.name.includes(word)) ?? ofIndustry(key)[0] ?? fail(`兰山区 has no ${key} branch`)
  const commands: Array<Command> = []
  const communityIn = (street: string) => {
    const inStreet = tree.communities.filter((c) => c.parent === street)
    return inStreet.length === 0 ? tree.communities[0]! : random.pick(inStreet)
  }

  // ---- the five groups, each with its branch and members
  const driversHome = byName("DY", "货车司机")
  const groups: ReadonlyArray<readonly [keyof OutreachOptions["workers"], string, { readonly id: string; readonly name: string; readonly grids: ReadonlyArray<string> }]> = [
    ["live_streamer", "兰山区网络主播群体", byName("ZB", "直播")],
    ["courier", "兰山区快递员群体", byName("KW", "快递")],
    ["delivery_rider", "兰山区外卖送餐员群体", byName("KW", "外卖")],
    ["ride_hailing_driver", "兰山区网约车司机群体", rideHailing],
    ["truck_driver", "顺和物流司机之家货车司机群体", driversHome]
  ]
  const drivers = ofIndustry("DY").filter((b) => b.id !== rideHailing.id).flatMap((b) => members(b.id))
  if (drivers.length < o.driversHomeMembers) fail(`${o.driversHomeMembers} members for the 司机之家, but the road-transport branches have ${drivers.length}`)
  groups.forEach(([kind, name, branch], k) => {
    const id = `G-LS-${Tree.pad(k + 1, 2)}`
    commands.push({ _tag: "RegisterGroup", id, kind, name, gridCode: branch.grids[0]!, organisationId: branch.id, workers: o.workers[kind], on: day(`${o.year}-01-05`) })
    const joined = kind === "truck_driver" ? random.shuffle(drivers).slice(0, o.driversHomeMembers) : members(branch.id)
    for (const memberId of joined) commands.push({ _tag: "JoinGroup", groupId: id, memberId, on: day(`${o.year}-01-10`) })
  })

  // ---- stations: the 38 with study corners (司机之家 first, 顺和物流's), and the 网约车驿站 in 北城新区
  const studyUses: Array<readonly [string, string, Station.UserKind]> = []
  for (let k = 0; k < o.studyCornerStations; k++) {
    const kind = k === 0 || k % 5 === 1 ? "drivers_home" : k % 9 === 4 ? "party_service_station" : "bee_station"
    const branch = kind === "drivers_home" ? (k === 0 ? driversHome : random.pick(ofIndustry("DY"))) : random.pick(kind === "bee_station" ? ofIndustry("KW") : ofIndustry("ZB"))
    const community = communityIn(branch.grids[0]!)
    const id = `ST-LS-${Tree.pad(k + 1, 2)}`
    const name = k === 0 ? "顺和物流司机之家" : kind === "drivers_home" ? `${community.name}司机之家` : kind === "bee_station" ? `沂蒙小蜜蜂驿站（${community.name}）` : `${community.name}新业态党群服务站`
    commands.push({
      _tag: "OpenStation",
      id,
      name,
      kind,
      gridCode: community.code,
      address: `临沂市兰山区${community.name}${random.pick(["沂蒙", "通达", "金雀山", "解放", "北京", "上海"])}路${1 + random.int(500)}号`,
      organisationId: branch.id,
      hours: random.pick(schedules),
      facilities: { air_conditioner: 1 + random.int(2), water_dispenser: 1, phone_charger: 4 + random.int(8), rest_chair: 4 + random.int(12), medicine_kit: 1 },
      studyCorner: { books: 40 + random.int(160), titles: studyTitles.slice(0, 2 + random.int(3)) },
      on: dayIn(random, day(`${o.year - 1}-06-01`), day(`${o.year - 1}-12-31`))
    })
    uses(commands, random, id, from, to, `U-LS-${Tree.pad(k + 1, 2)}`)
    const userKind: Station.UserKind = branch.id.startsWith("O-LS-DY-") ? "truck_driver" : branch.id.startsWith("O-LS-ZB-") ? "live_streamer" : "courier"
    for (const memberId of random.shuffle(members(branch.id)).slice(0, 3)) studyUses.push([id, memberId, userKind])
  }
  commands.push({
    _tag: "OpenStation",
    id: "ST-LS-WYC",
    name: "北城新区网约车驿站",
    kind: "ride_hailing_station",
    gridCode: communityIn(rideHailing.grids[0]!).code,
    address: `临沂市兰山区北城新区${random.pick(["北京路", "上海路", "涑河北街"])}${1 + random.int(300)}号`,
    organisationId: rideHailing.id,
    hours: schedules[0]!,
    facilities: { dc_charger: 32, ac_charger: 10, car_wash: 1, air_conditioner: 2, tv: 1, vending_machine: 1, rest_chair: 16, tea_bar: 1, medicine_kit: 1 },
    on: day(`${o.year}-03-18`)
  })
  uses(commands, random, "ST-LS-WYC", day(`${o.year}-03-18`), to, "U-LS-WYC")
  // 班前半小时: members studying at the study corners, a few times each in the year.
  studyUses.forEach(([stationId, memberId, userKind], i) => {
    for (let k = 0; k < 1 + random.int(4); k++) {
      commands.push({ _tag: "RecordUse", id: `S-LS-${Tree.pad(i + 1, 3)}-${k + 1}`, stationId, on: dayIn(random, from, at), userKind, count: 1, memberId })
    }
  })

  // ---- 三联三服: leaders' links to key markets, parks and platforms (and a village, residents), a year of contacts
  const links: Array<{ readonly id: string; readonly leader: string }> = []
  let enterprise = 0
  for (let l = 0; l < o.leaders; l++) {
    const leader = `LD-LS-${Tree.pad(l + 1, 2)}`
    const street = tree.streets[l % tree.streets.length]!
    for (let t = 0; t < 2 + random.int(3); t++) {
      const community = communityIn(street.code)
      const id = `LK-LS-${Tree.pad(l + 1, 2)}-${t + 1}`
      const kind = t < 2 ? "enterprise" : random.pick(["enterprise", "village_community", "residents"] as const)
      const targetId = kind === "enterprise" ? creditCode(tenant, ++enterprise) : kind === "village_community" ? community.code : `${community.name}新就业群体`
      commands.push({ _tag: "LinkLeader", id, leaderId: leader, targetKind: kind, targetId, gridCode: community.code, from })
      links.push({ id, leader })
    }
  }
  let contact = 0
  for (const link of links) {
    for (const m of months(o.year)) {
      if (random.next() >= o.missContact) commands.push({ _tag: "RecordContact", id: `CT-LS-${Tree.pad(++contact, 5)}`, linkId: link.id, kind: "contact", on: dayIn(random, m, IsoDate.addMonths(m, 1)) })
    }
    for (const q of [0, 3, 6, 9].map((i) => months(o.year)[i]!)) {
      if (random.next() >= o.missVisit) commands.push({ _tag: "RecordContact", id: `CT-LS-${Tree.pad(++contact, 5)}`, linkId: link.id, kind: "visit", on: dayIn(random, q, IsoDate.addMonths(q, 3)) })
    }
  }
  const resolved = Math.round(o.problemsRaised * o.resolvedShare)
  const problems: Array<Command> = []
  for (let p = 0; p < o.problemsRaised; p++) {
    const id = `PB-LS-${Tree.pad(p + 1, 3)}`
    const raisedOn = dayIn(random, from, day(`${o.year}-10-31`))
    problems.push({ _tag: "RaiseProblem", id, linkId: random.pick(links).id, on: raisedOn, summary: random.pick(problemSummaries) })
    if (p < resolved) problems.push({ _tag: "ResolveProblem", problemId: id, on: IsoDate.addDays(raisedOn, 5 + random.int(55)), how: "协调相关部门和企业解决" })
  }
  commands.push(...problems)

  // ---- 一支部一实事: the first batch of ten branches' matters, all done; a second batch under way
  const batchBranches = random.shuffle(branches)
  if (batchBranches.length < o.firstBatch) fail(`${o.firstBatch} matters of distinct branches, but 兰山区 has ${batchBranches.length} branches`)
  commands.push({ _tag: "OpenBatch", id: "BT-LS-1", gridCode: tenant, number: 1, name: "第一批为民实事", from: day(`${o.year}-01-15`), to: day(`${o.year}-09-30`) })
  batchBranches.slice(0, o.firstBatch).forEach((b, i) => {
    const id = `MT-LS-1-${Tree.pad(i + 1, 2)}`
    const planned = dayIn(random, day(`${o.year}-01-15`), day(`${o.year}-02-28`))
    const started = IsoDate.addDays(planned, 7 + random.int(30))
    commands.push({ _tag: "AddMatter", id, batchId: "BT-LS-1", organisationId: b.id, title: matterTitles[i % matterTitles.length]!, on: planned })
    commands.push({ _tag: "AdvanceMatter", matterId: id, to: "in_progress", on: started })
    commands.push({ _tag: "AdvanceMatter", matterId: id, to: "done", on: IsoDate.addDays(started, 30 + random.int(90)) })
  })
  commands.push({ _tag: "OpenBatch", id: "BT-LS-2", gridCode: tenant, number: 2, name: "第二批为民实事", from: day(`${o.year}-10-01`), to: day(`${o.year + 1}-06-30`) })
  batchBranches.slice(0, o.secondBatch).forEach((b, i) => {
    const id = `MT-LS-2-${Tree.pad(i + 1, 2)}`
    commands.push({ _tag: "AddMatter", id, batchId: "BT-LS-2", organisationId: b.id, title: matterTitles[(i + o.firstBatch) % matterTitles.length]!, on: day(`${o.year}-10-10`) })
    if (i % 2 === 0) commands.push({ _tag: "AdvanceMatter", matterId: id, to: "in_progress", on: day(`${o.year}-11-01`) })
  })
  return { tenant, name: "兰山区", commands: ordered(commands), from, to, at }
}

/** The dated commands in day order (a stable sort), those without a day of their own first. */
const ordered = (commands: ReadonlyArray<Command>): Array<Command> => {
  const dayOf = (c: Command): string => ("on" in c ? c.on : "from" in c ? c.from : "")
  return commands.map((c, i) => ({ c, i })).sort((a, b) => (dayOf(a.c) < dayOf(b.c) ? -1 : dayOf(a.c) > dayOf(b.c) ? 1 : a.i - b.i)).map((x) => x.c)
}

/**
 * Generates both districts' outreach: 桃城区's over its district and party, 兰山区's over the
 * development generator's tree and organisations. The services refuse days after today
 * and the generator reads no clock: the year must be over (the default, 2024, is).
 * Throws a RangeError for impossible options.
 *
 * @since 0.5.0
 * @category constructors
 */
export const generate = (
  district: { readonly options: District.DistrictOptions },
  party: { readonly commands: ReadonlyArray<Party.Command> },
  development: Development.GeneratedDevelopment,
  input: Partial<OutreachOptions> = {}
): GeneratedOutreach => {
  const options = { ...defaults, ...input }
  checkOptions(options)
  const root = Random.make(options.seed ^ 0x0e7ac4)
  const taocheng = taochengPart(District.layout(district), party, options, root.fork())
  const lanshan = lanshanPart(development, options, root.fork())
  checkDecodes("Outreach.generate (桃城区)", OutreachCommand.OutreachCommand, taocheng.commands)
  checkDecodes("Outreach.generate (兰山区)", OutreachCommand.OutreachCommand, lanshan.commands)
  return { options, taocheng, lanshan }
}

/**
 * Writes the generated outreach as the system actor of each tenant, in batches of
 * `batchSize` commands (default 5,000), each one transaction. Both districts' grids and
 * organisations must have been written first (`District`, `Party` and
 * `DevelopmentData.apply`).
 *
 * @since 0.5.0
 * @category running
 */
export const apply = (
  data: GeneratedOutreach,
  options: { readonly batchSize?: number } = {}
): Effect.Effect<void, OutreachService.OutreachWriteError, Outreach.Outreach> =>
  Effect.gen(function*() {
    const service = yield* Outreach.Outreach
    yield* applyInBatches("Outreach.apply", data.taocheng.tenant, data.taocheng.commands, options.batchSize, service.executeAll)
    yield* applyInBatches("Outreach.apply", data.lanshan.tenant, data.lanshan.commands, options.batchSize, service.executeAll)
  }).pipe(Effect.withSpan("Outreach.apply"))
