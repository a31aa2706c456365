/**
 * The demo's emergency mode (平急两用, issue 11): writes the generated activations — one
 * for each street of 桃城区 during 疫情防控, the vanguard teams (先锋队) the property
 * companies form, and the deactivations — through the `Emergency` service, then prints
 * what the services answer beside the article's figures, saying of each whether the
 * generator took it as an input or it was computed: the teams, the compounds they cover
 * and their residents, the staff, the people put under the community party
 * organisations, the temporary branches formed (per compound and joint); and the check
 * that deactivation restored everything: the grid assignments, organisations,
 * memberships and participations the Grids and Organisations services answer on the
 * day before the activation and on the day of the deactivation, read before the
 * emergency commands were written and after, are the same.
 *
 * @since 0.5.0
 */
import { Actor, type Emergency, EmergencyService, Grids, IsoDate, Organisations } from "@jiceng/core"
import { EmergencyData } from "@jiceng/testkit"
import { Effect } from "effect"
import * as Output from "./Output.js"

/**
 * Commands a transaction when the demo writes the emergency data.
 *
 * @since 0.5.0
 * @category constants
 */
export const batchSize = 5_000

const words = {
  zh: {
    heading: "平急两用：先锋队、临时党支部、统一归社区党组织管理（读自库）",
    run: (commands: string, seconds: string, batch: string) => `生成 ${commands} 条应急命令（${seconds} s），经 Emergency 服务写入，每批 ${batch} 条一个事务`,
    period: (task: string, from: string, to: string, streets: number) => `${task}：${from} 启动（${streets} 个街道各一次），${to} 解除（coverageOver · coverage · branches）`,
    scaled: "生成器输入，取自文章，按本区小区数缩放",
    computed: "计算所得",
    residentsNote: (mean: string) => `计算所得：各小区住户 × 户规模（生成器假设，1–6 人，均值 ${mean}；2020 年普查家庭户 2.62 人）`,
    staffNote: (staff: string, scaled: boolean) => `生成器输入：文章“3000多”，取 ${staff}${scaled ? "，按本区小区数缩放" : ""}`,
    teams: "先锋队（支）",
    compounds: "覆盖小区（个）",
    residents: "覆盖居民（人）",
    staff: "组织职工（名）",
    workers: "四、五级网格员（归社区党组织管理）",
    members: "到社区报到党员（归社区党组织管理）",
    withStanding: "其中本区党组织党员（可编入临时党支部）",
    compoundBranches: "临时党支部：按小区（正式党员 3 人以上）",
    jointBranches: "临时党支部：社区联合",
    branchMembers: "编入临时党支部的党员",
    restored: (ok: boolean, days: string) => `解除后复原（${days} 两日的网格员任职、党组织、组织关系与参加临时党支部，写入前后比较）：${ok ? "完全一致" : "不一致"}`,
    history: (n: number, day: string) => `临时党支部 ${n} 个作为历史保留，${day} 撤销`,
    none: "—",
    timing: (write: string, read: string) => `应急用时：写入 ${write} s · 查询 ${read} s`
  },
  en: {
    heading: "平急两用 emergency mode: vanguard teams, temporary branches, people under the community party organisation (from the store)",
    run: (commands: string, seconds: string, batch: string) => `${commands} emergency commands generated (${seconds} s), written through the Emergency service, ${batch} a transaction`,
    period: (task: string, from: string, to: string, streets: number) => `${task}: activated ${from} (once for each of ${streets} streets), deactivated ${to} (coverageOver · coverage · branches)`,
    scaled: "generator input, the article's scaled to this district's compounds",
    computed: "computed",
    residentsNote: (mean: string) => `computed: each compound's households × household size (the generator's assumption, 1–6 persons, mean ${mean}; census 2020 family household 2.62)`,
    staffNote: (staff: string, scaled: boolean) => `generator input: the article's "3000多" read as ${staff}${scaled ? ", scaled to this district's compounds" : ""}`,
    teams: "Vanguard teams",
    compounds: "Compounds covered",
    residents: "Residents covered",
    staff: "Staff organised",
    workers: "L4/L5 grid workers (under the community organisation)",
    members: "Enrolled members (under the community organisation)",
    withStanding: "of them members of the district's branches (join temporary branches)",
    compoundBranches: "Temporary branches: per compound (3+ full members)",
    jointBranches: "Temporary branches: joint, per community",
    branchMembers: "Members in temporary branches",
    restored: (ok: boolean, days: string) => `Restored after deactivation (grid assignments, organisations, memberships and participations on ${days}, read before and after writing): ${ok ? "identical" : "DIFFERENT"}`,
    history: (n: number, day: string) => `${n} temporary branches kept as history, dissolved ${day}`,
    none: "—",
    timing: (write: string, read: string) => `Emergency time: writing ${write} s · queries ${read} s`
  }
} as const

/**
 * What the Grids and Organisations services answer on a day about the whole district:
 * what an activation and its deactivation must leave as it was.
 *
 * @since 0.5.0
 * @category reporting
 */
export const snapshot = (
  tenant: string,
  at: string
): Effect.Effect<string, Grids.GridReadError | Organisations.OrganisationReadError, Grids.Grids | Organisations.Organisations> =>
  Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const organisations = yield* Organisations.Organisations
    const actor = Actor.system(tenant)
    return JSON.stringify({
      assignments: yield* grids.assignments(actor, { at }),
      organisations: yield* organisations.organisations(actor, { at }),
      memberships: yield* organisations.memberships(actor, { at }),
      participations: yield* organisations.participations(actor, { at })
    })
  })

/** The days the restore check compares: the day before the activation, and the deactivation's. */
const checkDays = (data: EmergencyData.GeneratedEmergency) =>
  [IsoDate.addDays(IsoDate.unsafeMake(data.options.activatedOn), -1), IsoDate.unsafeMake(data.options.deactivatedOn)] as const

/**
 * Writes the generated data, `size` commands a transaction, between two snapshots of
 * the days the restore check compares; returns the milliseconds the writing took and
 * whether the snapshots are the same.
 *
 * @since 0.5.0
 * @category running
 */
export const write = (
  data: EmergencyData.GeneratedEmergency,
  size: number
): Effect.Effect<
  number,
  Grids.GridReadError | Organisations.OrganisationReadError | EmergencyService.EmergencyWriteError,
  Grids.Grids | Organisations.Organisations | Emergency.Emergency
> =>
  Effect.gen(function*() {
    const days = checkDays(data)
    const before = yield* Effect.forEach(days, (day) => snapshot(data.tenant, day))
    const start = performance.now()
    yield* EmergencyData.apply(data, { batchSize: size })
    const ms = performance.now() - start
    const after = yield* Effect.forEach(days, (day) => snapshot(data.tenant, day))
    restored.set(data, before.every((b, i) => b === after[i]))
    return ms
  })

/** Whether the restore check passed, per generated data set (write → report). */
const restored = new WeakMap<EmergencyData.GeneratedEmergency, boolean>()

/**
 * What the services answer about the district's emergency mode, as printed lines.
 *
 * @since 0.5.0
 * @category reporting
 */
export const report = (
  data: EmergencyData.GeneratedEmergency,
  timing: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number },
  lang: Output.Lang
): Effect.Effect<string, EmergencyService.EmergencyReadError, Emergency.Emergency> =>
  Effect.gen(function*() {
    const emergency = yield* EmergencyService.Emergency
    const w = words[lang]
    const o = Output.words[lang]
    const n = Output.count
    const a = EmergencyData.article
    const actor = Actor.system(data.tenant)
    const { activatedOn, deactivatedOn } = data.options

    const readStart = performance.now()
    const total = yield* emergency.coverageOver(actor, { from: activatedOn, to: deactivatedOn })
    const branches = (yield* Effect.forEach(data.activations, (x) => emergency.branches(actor, x.id, { at: deactivatedOn }))).flat()
    const readSeconds = Output.seconds(readStart)

    const input = (key: "teams" | "compounds") => (data.options[key] === a[key] ? o.notes.input : w.scaled)
    const weights = data.options.householdSizes
    const mean = weights.reduce((s, x, i) => s + x * (i + 1), 0) / weights.reduce((s, x) => s + x, 0)
    const lines: Array<string> = [w.heading]
    lines.push(`  ${w.run(n(data.commands.length), timing.generateSeconds, n(timing.batchSize))}`)
    lines.push(`  ${w.period(data.options.task, activatedOn, deactivatedOn, data.activations.length)}`)
    lines.push(Output.table([
      [o.figure, o.article, o.thisRun, o.note],
      [w.teams, `${a.teams}`, n(total.teams), input("teams")],
      [w.compounds, `${a.compounds}`, n(total.compounds), input("compounds")],
      [w.residents, "28万", n(total.residents), w.residentsNote(mean.toFixed(2))],
      [w.staff, "3000多", n(total.staff), w.staffNote(n(a.staff), data.options.staff !== a.staff)],
      [w.workers, w.none, n(total.workers), w.computed],
      [w.members, w.none, n(total.members), w.computed],
      [w.withStanding, w.none, n(total.membersWithStanding), w.computed],
      [w.compoundBranches, w.none, n(total.compoundBranches), w.computed],
      [w.jointBranches, w.none, n(total.jointBranches), w.computed],
      [w.branchMembers, w.none, n(total.branchMembers), w.computed]
    ], { textColumns: [3], header: true }))
    lines.push(`  ${w.restored(restored.get(data) === true, checkDays(data).join(", "))}`)
    lines.push(`  ${w.history(branches.length, deactivatedOn)}`)
    lines.push(`  ${w.timing((timing.writeMs / 1000).toFixed(2), readSeconds)}`)
    return lines.join("\n")
  })
