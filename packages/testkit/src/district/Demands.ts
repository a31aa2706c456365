/**
 * A year of 走访 visits and 诉求 demands in a generated district (issue 11), as
 * `DemandCommand` inputs in the order of their minutes, which the `Demands` service
 * accepts one batch after another. Deterministic: the same district facts and options
 * give the same commands, byte for byte.
 *
 * It builds on what the grid store holds (`facts`, read through the `GridStore` port):
 * the blocks (单元) and compounds (小区) with their responsible workers (四、五级网格员)
 * and the households and merchants registered in them. Each block's worker visits one of
 * its households every month, each compound's worker one of its merchants every quarter;
 * demands are collected on some of those visits, and others come from two door-knocking
 * campaigns (敲门问计), residents and the hotline. Each demand then flows through the
 * states: most are started, resolved (on time or late) and closed after a return visit
 * (回访) with the resident's satisfaction; a few are rejected as not the grid's
 * responsibility or marked duplicates of an earlier demand of the same block; the rest
 * stay open. A sweep (`EscalateOverdue`) runs every morning, so every demand past its
 * deadline goes up the grid chain while it waits.
 *
 * The inputs are {@link defaults}: how many demands are collected (`demands`, 720) and
 * the share of them resolved (`resolvedShare`, 0.85) are chosen so that the library
 * computes about 612 resolved in the year, beside the article's 590多件次; the sources'
 * mix, the shares late, rejected, duplicated and closed, the satisfaction, the visits
 * per block and the days and minutes are the generator's assumptions. Reports read the
 * store, never these.
 *
 * @since 0.5.0
 */
import { type DemandCommand, DemandConfig, DemandsService, GridStore, IsoDate, LocalMinute, type StoreError, type Tenant } from "@jiceng/core"
import { Effect } from "effect"
import * as Random from "./Random.js"
import { applyInBatches } from "./Rows.js"

/**
 * The article's figure the generator is measured against (not an input): 为群众解决
 * 诉求590余件次.
 *
 * @since 0.5.0
 * @category constants
 */
export const article = { resolved: 590 } as const

/**
 * @since 0.5.0
 * @category models
 */
export interface Options {
  readonly seed: number
  /** The year of the visits and demands. */
  readonly year: number
  /** Demands collected in the year, from every source (input). */
  readonly demands: number
  /** The share of them resolved within the year (input). */
  readonly resolvedShare: number
  /** Of the resolved, the share resolved by the deadline (assumption). */
  readonly onTimeShare: number
  /** Of the resolved, the share closed after a return visit by the year's end (assumption). */
  readonly closedShare: number
  /** The share rejected as not the grid's responsibility, and the share marked duplicates (assumptions). */
  readonly rejectedShare: number
  readonly duplicateShare: number
  /** Satisfaction at the return visit: 满意, 基本满意, 不满意 weights (assumption). */
  readonly satisfaction: readonly [number, number, number]
  /** Sources: visit, door-knocking, resident, hotline weights (assumption). */
  readonly sources: readonly [number, number, number, number]
  /** Visits of each block's worker to its households in the year, one a month by default (assumption). */
  readonly visitsPerBlock: number
}

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: Options = {
  seed: 20240101,
  year: 2024,
  demands: 720,
  resolvedShare: 0.85,
  onTimeShare: 0.9,
  closedShare: 0.95,
  rejectedShare: 0.03,
  duplicateShare: 0.02,
  satisfaction: [85, 12, 3],
  sources: [70, 12, 10, 8],
  visitsPerBlock: 12
}

/**
 * What the generator needs of the district, read from its grid store.
 *
 * @since 0.5.0
 * @category models
 */
export interface Facts {
  readonly tenant: string
  /** Grids with a responsible worker on the day, with their households (blocks) or merchants (compounds), by code. */
  readonly blocks: ReadonlyArray<{ readonly code: string; readonly worker: string; readonly households: ReadonlyArray<string> }>
  readonly compounds: ReadonlyArray<{ readonly code: string; readonly worker: string; readonly merchants: ReadonlyArray<string> }>
}

/**
 * The facts of a district on a day: its blocks and compounds with a responsible
 * worker, and the households and merchants in them.
 *
 * @since 0.5.0
 * @category running
 */
export const facts = (tenant: string, at: string): Effect.Effect<Facts, StoreError.StoreError, GridStore.GridStore> =>
  Effect.gen(function*() {
    const { grids, places, workers } = yield* GridStore.GridStore
    const t = tenant as Tenant.Tenant
    const day = IsoDate.unsafeMake(at)
    const responsible = new Map<string, string>()
    for (const a of yield* workers.assignmentsInSubtree(t, tenant, day)) if (a.responsible) responsible.set(a.gridCode, a.workerId)
    const links = yield* places.linksInSubtree(t, tenant, day)
    const kinds = new Map((yield* places.getMany(t, links.map((l) => l.placeId))).map((p) => [p.id as string, p.kind]))
    const inGrid = new Map<string, { households: Array<string>; merchants: Array<string> }>()
    for (const l of links) {
      const entry = inGrid.get(l.gridCode) ?? { households: [], merchants: [] }
      if (kinds.get(l.placeId) === "household") entry.households.push(l.placeId)
      if (kinds.get(l.placeId) === "merchant") entry.merchants.push(l.placeId)
      inGrid.set(l.gridCode, entry)
    }
    const all = yield* grids.subtree(t, tenant, day)
    const blocks = all.filter((g) => g.level === 5 && responsible.has(g.code) && (inGrid.get(g.code)?.households.length ?? 0) > 0)
    const compounds = all.filter((g) => g.level === 4 && responsible.has(g.code))
    return {
      tenant,
      blocks: blocks.map((g) => ({ code: g.code as string, worker: responsible.get(g.code)!, households: inGrid.get(g.code)!.households })),
      compounds: compounds.map((g) => ({ code: g.code as string, worker: responsible.get(g.code)!, merchants: inGrid.get(g.code)?.merchants ?? [] }))
    }
  })

/**
 * The generated year: its commands in the order of their minutes (each timed command
 * with its minute), and what was drawn, for tests.
 *
 * @since 0.5.0
 * @category models
 */
export interface Generated {
  readonly tenant: string
  readonly options: Options
  readonly commands: ReadonlyArray<typeof DemandCommand.DemandCommand.Encoded>
  /** Counts of what the generator drew (not what the store holds). */
  readonly drawn: { readonly visits: number; readonly demands: number; readonly resolved: number; readonly sweeps: number }
}

const minutesOfDay = 24 * 60
const categories = DemandConfig.defaults.categories
const satisfactions = ["satisfied", "basically", "unsatisfied"] as const
const sources = ["visit", "door_knocking", "resident", "hotline"] as const
const topics: Readonly<Record<string, ReadonlyArray<string>>> = {
  property: ["电梯故障待修", "单元门禁损坏", "物业费公示不清"],
  sanitation: ["楼道堆放杂物", "垃圾清运不及时", "绿化带杂草丛生"],
  facilities: ["路灯不亮", "井盖松动", "雨水管堵塞"],
  dispute: ["楼上漏水引发纠纷", "车位占用矛盾", "噪音扰民"],
  safety: ["电动车楼道充电", "燃气管道老化", "消防通道堵塞"],
  welfare: ["低保申请咨询", "医保转移接续", "就业帮扶需求"],
  elderly: ["独居老人助餐", "老人就医陪护", "适老化改造"],
  other: ["社区活动建议", "快递柜增设", "宠物管理建议"]
}

/**
 * Generates the year's visits, demands, their handling and the daily sweeps.
 *
 * @since 0.5.0
 * @category constructors
 */
export const generate = (facts: Facts, input: Partial<Options> = {}): Generated => {
  const o = { ...defaults, ...input }
  const random = Random.make(o.seed)
  const first = `${o.year}-01-01T00:00` as LocalMinute.LocalMinute
  const start = LocalMinute.toEpochMinutes(first)
  const yearMinutes = (IsoDate.daysBetween(IsoDate.unsafeMake(`${o.year}-01-01`), IsoDate.unsafeMake(`${o.year + 1}-01-01`))) * minutesOfDay
  const at = (m: number) => LocalMinute.fromEpochMinutes(start + m)
  /** A working minute (09:00–17:59) of a day of the year. */
  const workMinute = (r: Random.Random, day: number) => day * minutesOfDay + 9 * 60 + r.int(9 * 60)
  /**
   * A minute moved into office hours, keeping the order of minutes: one from 18:00 to
   * 09:00 next morning falls between 08:00 and 08:59 of that morning (fifteen hours
   * pressed into one), office hours stay as they are.
   */
  const daytime = (m: number) => {
    const sinceEvening = (m - 18 * 60 + minutesOfDay) % minutesOfDay
    if (sinceEvening >= 15 * 60) return m
    return m - sinceEvening + 14 * 60 + Math.floor(sinceEvening / 15)
  }
  const timed: Array<{ readonly m: number; readonly order: number; readonly command: typeof DemandCommand.DemandCommand.Encoded }> = []
  const push = (m: number, command: typeof DemandCommand.DemandCommand.Encoded) => timed.push({ m, order: timed.length, command })

  // The demands: where and whence each arises, then its fate.
  const collected = o.demands
  const fates = random.fork().shuffle(Array.from({ length: collected }, (_, i) => {
    const resolved = Math.round(collected * o.resolvedShare)
    const rejected = Math.round(collected * o.rejectedShare)
    const duplicate = Math.round(collected * o.duplicateShare)
    return i < resolved ? "resolved" : i < resolved + rejected ? "rejected" : i < resolved + rejected + duplicate ? "duplicate" : "open"
  }))
  const visitsRandom = random.fork()
  const demandRandom = random.fork()
  type Planned = { id: string; block: Facts["blocks"][number]; m: number; source: (typeof sources)[number]; place: string | null }
  const planned: Array<Planned> = []
  for (let i = 0; i < collected; i++) {
    const block = demandRandom.pick(facts.blocks)
    const source = sources[demandRandom.weighted(o.sources)]!
    // Door-knocking campaigns: the first fortnights of March and September.
    const day = source === "door_knocking" ? (demandRandom.int(2) === 0 ? 59 : 244) + demandRandom.int(14) : demandRandom.int(340)
    planned.push({ id: `D${o.year}-${String(i + 1).padStart(5, "0")}`, block, m: workMinute(demandRandom, day), source, place: null })
  }
  const onVisit = new Map<string, Array<Planned>>()
  for (const d of planned.filter((p) => p.source === "visit")) {
    const key = `${d.block.code}@${Math.floor(d.m / minutesOfDay / 30.5)}`
    onVisit.set(key, [...(onVisit.get(key) ?? []), d])
  }

  // Visits: each block's worker to a household every month (carrying the demands collected there that month).
  let visits = 0
  for (const block of facts.blocks) {
    for (let k = 0; k < o.visitsPerBlock; k++) {
      const month = Math.floor((k * 12) / o.visitsPerBlock)
      const carried = onVisit.get(`${block.code}@${month}`) ?? []
      const m = carried.length > 0 ? carried[0]!.m : workMinute(visitsRandom, Math.floor(month * 30.5) + visitsRandom.int(28))
      const household = block.households[(k + visitsRandom.int(block.households.length)) % block.households.length]!
      push(m, {
        _tag: "RecordVisit",
        id: `V-${block.code.slice(facts.tenant.length)}-${String(k + 1).padStart(2, "0")}`,
        workerId: block.worker,
        gridCode: block.code,
        target: "household",
        placeId: household,
        at: at(m),
        updated: ["家庭成员", "联系方式"],
        demands: carried.map((d) => {
          const key = categories[demandRandom.int(categories.length)]!.key
          return { id: d.id, category: key, description: demandRandom.pick(topics[key]!), address: `${block.code.slice(-9)}号楼 ${household}` }
        })
      })
      visits++
      // Collected on the visit: received at its minute.
      for (const d of carried) [d.place, d.m] = [household, m]
    }
  }
  // Merchants: each compound's worker visits one every quarter.
  for (const compound of facts.compounds.filter((c) => c.merchants.length > 0)) {
    for (let q = 0; q < 4; q++) {
      const m = workMinute(visitsRandom, q * 91 + visitsRandom.int(80))
      push(m, {
        _tag: "RecordVisit",
        id: `V-${compound.code.slice(facts.tenant.length)}-Q${q + 1}`,
        workerId: compound.worker,
        gridCode: compound.code,
        target: "merchant",
        placeId: visitsRandom.pick(compound.merchants),
        at: at(m),
        updated: ["经营状况", "消防安全"]
      })
      visits++
    }
  }

  // Demands not collected on a visit (and those whose block saw no visit that month) are taken in directly.
  const categoryOf = new Map<string, string>()
  for (const t of timed) {
    if (t.command._tag === "RecordVisit") for (const d of t.command.demands ?? []) categoryOf.set(d.id, d.category)
  }
  for (const d of planned.filter((p) => !categoryOf.has(p.id))) {
    const key = categories[demandRandom.int(categories.length)]!.key
    categoryOf.set(d.id, key)
    push(d.m, {
      _tag: "IntakeDemand",
      id: d.id,
      gridCode: d.block.code,
      category: key,
      source: d.source === "visit" ? "resident" : d.source,
      description: demandRandom.pick(topics[key]!),
      address: `${d.block.code.slice(-9)}号楼`,
      lat: 37.7 + demandRandom.int(80_000) / 1_000_000,
      long: 115.65 + demandRandom.int(80_000) / 1_000_000,
      requestedAt: at(d.m)
    })
  }

  // Each demand's fate, in minutes after its intake; a resolution falls inside the year.
  const fateRandom = random.fork()
  let resolvedCount = 0
  for (const [i, d] of planned.entries()) {
    const deadline = categories.find((c) => c.key === categoryOf.get(d.id))!.deadlineMinutes
    const fate = fates[i]!
    const after = (minutes: number) => Math.min(daytime(d.m + minutes), yearMinutes - 120)
    if (fate === "rejected") {
      const m = after(60 + fateRandom.int(240))
      push(m, { _tag: "RejectDemand", demandId: d.id, at: at(m), reason: "属供水、供电等专营单位职责，已告知居民渠道" })
      continue
    }
    if (fate === "duplicate") {
      // An earlier demand of the community that stands (neither rejected nor itself a duplicate): neighbours' same matter.
      const community = d.block.code.slice(0, facts.tenant.length + 6)
      const earlier = planned.find((p, j) => p.block.code.startsWith(community) && p.m < d.m && (fates[j] === "resolved" || fates[j] === "open"))
      if (earlier !== undefined) {
        const m = after(30)
        push(m, { _tag: "MarkDuplicate", demandId: d.id, of: earlier.id, at: at(m) })
        continue
      }
    }
    const started = after(60 + fateRandom.int(minutesOfDay))
    push(started, { _tag: "StartDemand", demandId: d.id, at: at(started) })
    if (fate !== "resolved") continue
    const late = fateRandom.next() >= o.onTimeShare
    const took = late ? deadline + minutesOfDay + fateRandom.int(6 * minutesOfDay) : Math.floor(deadline * (0.2 + 0.75 * fateRandom.next()))
    const resolved = Math.max(started + 1, after(took))
    push(resolved, { _tag: "ResolveDemand", demandId: d.id, at: at(resolved), note: "已协调相关部门办结" })
    resolvedCount++
    if (fateRandom.next() < o.closedShare) {
      const closed = Math.min(daytime(resolved + minutesOfDay + fateRandom.int(2 * minutesOfDay)), yearMinutes - 60)
      if (closed > resolved) {
        const satisfaction = satisfactions[fateRandom.weighted(o.satisfaction)]!
        push(closed, { _tag: "CloseDemand", demandId: d.id, at: at(closed), satisfaction, note: "网格员电话回访" })
      }
    }
  }

  // The sweep every morning at 08:00.
  const days = yearMinutes / minutesOfDay
  for (let day = 0; day < days; day++) push(day * minutesOfDay + 8 * 60, { _tag: "EscalateOverdue", asOf: at(day * minutesOfDay + 8 * 60) })

  const commands = timed.sort((a, b) => a.m - b.m || a.order - b.order).map((t) => t.command)
  return { tenant: facts.tenant, options: o, commands, drawn: { visits, demands: collected, resolved: resolvedCount, sweeps: days } }
}

/**
 * Writes the generated commands through `Demands.executeAll` as the system actor, in
 * batches (each one transaction).
 *
 * @since 0.5.0
 * @category running
 */
export const write = (data: Generated, batchSize?: number) =>
  Effect.flatMap(DemandsService.Demands, (service) =>
    applyInBatches("DemandData.write", data.tenant, data.commands, batchSize, (actor, batch) => service.executeAll(actor, batch)))
