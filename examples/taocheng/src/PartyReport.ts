/**
 * The demo's party organisations (#7): writes the generated district's organisations,
 * members and year of meetings through the `Organisations` service, then prints what the
 * store answers — organisations by kind and sector beside the article's figures, members
 * by street, the size alerts by rule and the 三会一课 compliance of the year.
 *
 * @since 0.2.0
 */
import {
  Actor,
  type Grid,
  Meeting,
  Member,
  Organisation,
  OrganisationAlert,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { Party } from "@jiceng/testkit"
import { Effect } from "effect"
import * as Output from "./Output.js"

/** Missing meetings listed one by one. */
const LIST_MISSING = 5
/** Alerts listed with their message, per rule. */
const LIST_ALERTS = 2

const words = {
  zh: {
    heading: (at: string) => `党组织（读自库，截至 ${at}）`,
    run: (commands: string, seconds: string, batch: string) => `生成 ${commands} 条党组织命令（${seconds} s），经 Organisations 服务写入，${batch}`,
    batch: (n: number) => (n <= 1 ? "逐条写入" : `每批 ${Output.count(n)} 条一个事务`),
    kind: "类型",
    sector: "领域",
    count: "个数",
    articleFigures: "文章的数字与本次运行",
    figure: "指标",
    article: "文章",
    thisRun: "本次运行",
    note: "说明",
    input: "生成器输入，取自文章",
    scaled: "生成器输入，取自文章，按本区小区数缩放",
    rule: (label: string, rule: string, n: number) => `${label}（${rule}）：${n}`,
    computed: "生成器参数，文章未给出",
    newEconomy: "两新党组织（党支部、联合党支部）",
    property: "物业党组织",
    red: "“红色物业”小区（物业党组织服务的小区）",
    newEmployment: "新就业群体党组织",
    temporary: "小区临时党支部",
    communityBranches: "社区党支部（含联合党支部）",
    committees: "街道党工委、社区党委",
    members: "党员（正式 / 预备）",
    enrolled: "在职党员到社区报到",
    enrolledNote: "双报到，见下文“共驻共建”",
    byStreet: "各街道党员（countMembers，按街道）",
    street: "街道",
    organisations: "党组织",
    full: "正式党员",
    probationary: "预备党员",
    participants: "临时党支部参与党员",
    total: "合计",
    alerts: (n: number) => `规模检查（Organisations.check）：${n === 0 ? "无预警" : `${n} 条预警`}`,
    compliance: (year: number) => `三会一课落实情况（${year} 年，Organisations.compliance）`,
    summary: (due: string, held: string, missing: string, rate: string) => `应开 ${due} 次 · 已开 ${held} 次 · 缺 ${missing} 次 · 落实率 ${rate}`,
    meetingKind: "会议",
    due: "应开",
    held: "已开",
    missing: "缺",
    firstMissing: (n: number) => `前 ${n} 个缺开的会议：`,
    roll: (branch: string, n: number) => `党员名册（roll，街道组织员视角，无 pii:read，手机号与身份证号脱敏）：${branch}，共 ${n} 人，前 3 人：`,
    timing: (write: string, perSecond: string, read: string) => `党组织用时：写入 ${write} s（${perSecond} 条/秒）· 查询 ${read} s`
  },
  en: {
    heading: (at: string) => `Party organisations (from the store, as of ${at})`,
    run: (commands: string, seconds: string, batch: string) =>
      `${commands} organisation commands generated (${seconds} s), written through the Organisations service, ${batch}`,
    batch: (n: number) => (n <= 1 ? "one at a time" : `${Output.count(n)} a transaction`),
    kind: "Kind",
    sector: "Sector",
    count: "Count",
    articleFigures: "The article's figures and this run's",
    figure: "Figure",
    article: "Article",
    thisRun: "This run",
    note: "Note",
    input: "generator input, taken from the article",
    scaled: "generator input, the article's scaled to this district's compounds",
    rule: (label: string, rule: string, n: number) => `${label} (${rule}): ${n}`,
    computed: "generator parameter; not in the article",
    newEconomy: "两新 organisations (branches and joint branches)",
    property: "Property-management organisations",
    red: "“Red property” compounds (served by them)",
    newEmployment: "New-employment organisations",
    temporary: "Temporary branches in compounds",
    communityBranches: "Community branches (joint ones included)",
    committees: "Street and community committees",
    members: "Members (full / probationary)",
    enrolled: "In-service members enrolled in communities",
    enrolledNote: "双报到: see “Co-construction” below",
    byStreet: "Members by street (countMembers per street)",
    street: "Street",
    organisations: "Organisations",
    full: "Full",
    probationary: "Probationary",
    participants: "Temporary-branch participants",
    total: "Total",
    alerts: (n: number) => `Size check (Organisations.check): ${n === 0 ? "no alerts" : `${n} alert${n === 1 ? "" : "s"}`}`,
    compliance: (year: number) => `三会一课 compliance for ${year} (Organisations.compliance)`,
    summary: (due: string, held: string, missing: string, rate: string) => `due ${due} · held ${held} · missing ${missing} · rate ${rate}`,
    meetingKind: "Meeting",
    due: "Due",
    held: "Held",
    missing: "Missing",
    firstMissing: (n: number) => `The first ${n} missing meetings:`,
    roll: (branch: string, n: number) => `A roll (roll, as a street's party organiser without pii:read: phones and ID numbers masked): ${branch}, ${n} people, the first 3:`,
    timing: (write: string, perSecond: string, read: string) =>
      `Party organisations: writing ${write} s (${perSecond} commands/s) · queries ${read} s`
  }
} as const

/**
 * The article's figures on party organisations, as the generator takes them
 * (`Party.article`), and the one it does not generate.
 */
const article = {
  ...Party.article,
  /** 11615名在职党员到社区报到 (双报到: the co-construction report's, CoConstructionReport.ts) */
  enrolledMembers: 11_615
} as const

/**
 * Generates and writes the district's party organisations: `batchSize` commands a
 * transaction through `Organisations.executeAll` (1: one `execute` a command).
 *
 * @since 0.2.0
 * @category running
 */
export const write = (party: Party.GeneratedParty, batchSize: number) =>
  Effect.gen(function*() {
    const start = performance.now()
    if (batchSize <= 1) {
      const service = yield* Organisations.Organisations
      const actor = Actor.system(party.tenant)
      for (const command of party.commands) yield* service.execute(actor, command)
    } else {
      yield* Party.apply(party, { batchSize })
    }
    return performance.now() - start
  })

/**
 * What the store answers about the district's party organisations, as printed lines.
 *
 * @since 0.2.0
 * @category reporting
 */
export const report = (
  party: Party.GeneratedParty,
  streets: ReadonlyArray<Grid.Grid>,
  timing: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number },
  lang: Output.Lang
) =>
  Effect.gen(function*() {
    const service = yield* Organisations.Organisations
    const actor = Actor.system(party.tenant)
    const year = party.summary.year
    const at = `${year}-12-31`
    const w = words[lang]

    const readStart = performance.now()
    const kinds = yield* service.countByKind(actor, { at })
    const organisations = yield* service.organisations(actor, { at })
    const members = yield* service.countMembers(actor, { at })
    const perStreet = yield* Effect.forEach(streets, (street) =>
      Effect.map(service.countMembers(actor, { at, root: street.code }), (counts) => ({ street, counts })))
    const alerts = yield* service.check(actor, { at })
    const compliance = yield* service.compliance(actor, { from: `${year}-01-01`, to: `${year + 1}-01-01` })
    // A roll as a street's party organiser sees it: the largest branch of the first street.
    const organiser = Actor.make({ id: "street-organiser", tenant: party.tenant, roles: ["party_organiser"], scope: streets[0]!.code })
    const largest = members.filter((m) => m.kind === "branch").sort((a, b) => b.full + b.probationary - a.full - a.probationary)
      .find((m) => organisations.some((o) => o.id === m.organisationId && o.grids.every((g) => g.startsWith(streets[0]!.code))))
    const roll = largest === undefined ? [] : yield* service.roll(organiser, { at, organisationId: largest.organisationId })
    const readSeconds = Output.seconds(readStart)

    const kindLabel = (kind: Organisation.OrganisationKind) => Organisation.kindLabels[kind][lang]
    const sectorLabel = (key: string) => OrganisationConfig.defaults.sectors.find((s) => s.key === key)?.[lang] ?? key
    const of = (kind: ReadonlyArray<Organisation.OrganisationKind>, sector: string) =>
      kinds.filter((k) => kind.includes(k.kind) && k.sector === sector).reduce((s, k) => s + k.count, 0)
    const sum = (rows: ReadonlyArray<Organisations.MemberCount>, key: "full" | "probationary" | "participants") =>
      rows.reduce((s, m) => s + m[key], 0)
    const red = new Set(organisations.filter((o) => o.sector === "property").flatMap((o) => o.grids))

    const lines: Array<string> = []
    lines.push(w.heading(at))
    lines.push(`  ${w.run(Output.count(party.commands.length), timing.generateSeconds, w.batch(timing.batchSize))}`)
    lines.push("")
    lines.push(Output.table([
      [w.kind, w.sector, w.count],
      ...kinds.map((k) => [kindLabel(k.kind), sectorLabel(k.sector), Output.count(k.count)]),
      [w.total, "", Output.count(kinds.reduce((s, k) => s + k.count, 0))]
    ], { textColumns: [1], header: true }))
    lines.push("")
    lines.push(w.articleFigures)
    const n = Output.count
    // The article's figures are the generator's inputs at its 355 compounds, scaled for a smaller district.
    const o = party.options
    const input = (key: "newEconomy" | "property" | "redPropertyCompounds" | "newEmployment" | "temporaryBranches") =>
      o[key] === article[key] ? w.input : w.scaled
    lines.push(Output.table([
      [w.figure, w.article, w.thisRun, w.note],
      [w.newEconomy, n(article.newEconomy), n(of(["branch", "joint_branch"], "new_economy")), input("newEconomy")],
      [w.property, n(article.property), n(of(["branch", "joint_branch"], "property")), input("property")],
      [w.red, n(article.redPropertyCompounds), n(red.size), input("redPropertyCompounds")],
      [w.newEmployment, n(article.newEmployment), n(of(["branch", "joint_branch"], "new_employment")), input("newEmployment")],
      [w.temporary, n(article.temporaryBranches), n(of(["temporary_branch"], "community")), input("temporaryBranches")],
      [w.committees, "—", n(of(["committee"], "community")), w.computed],
      [w.communityBranches, "—", n(of(["branch", "joint_branch"], "community")), w.computed],
      [w.members, "—", `${n(sum(members, "full"))} / ${n(sum(members, "probationary"))}`, w.computed],
      [w.enrolled, n(article.enrolledMembers), "—", w.enrolledNote]
    ], { textColumns: [3], header: true }))
    lines.push("")

    lines.push(w.byStreet)
    lines.push(Output.table([
      [w.street, w.organisations, w.full, w.probationary, w.participants],
      ...perStreet.map(({ counts, street }) => [
        `${street.name} ${street.code}`,
        n(counts.length),
        n(sum(counts, "full")),
        n(sum(counts, "probationary")),
        n(sum(counts, "participants"))
      ]),
      [w.total, n(members.length), n(sum(members, "full")), n(sum(members, "probationary")), n(sum(members, "participants"))]
    ], { header: true }))
    lines.push("")

    lines.push(w.alerts(alerts.length))
    const byRule = new Map<OrganisationAlert.Rule, Array<OrganisationAlert.OrganisationAlert>>()
    for (const a of alerts) byRule.set(a.rule, [...(byRule.get(a.rule) ?? []), a])
    for (const [rule, list] of byRule) {
      lines.push(`  ${w.rule(OrganisationAlert.ruleLabels[rule][lang], rule, list.length)}`)
      for (const a of list.slice(0, LIST_ALERTS)) lines.push(`    ${OrganisationAlert.message(a, lang)}`)
      if (list.length > LIST_ALERTS) lines.push("    …")
    }
    lines.push("")

    const s = compliance.summary
    lines.push(w.compliance(year))
    lines.push(`  ${w.summary(n(s.due), n(s.held), n(s.missing), `${(s.rate * 100).toFixed(1)} %`)}`)
    const perKind = new Map<Meeting.MeetingKind, { due: number; held: number; missing: number }>()
    for (const o of compliance.organisations) {
      for (const k of o.meetings) {
        const c = perKind.get(k.meetingKind) ?? { due: 0, held: 0, missing: 0 }
        c.due += k.due.length
        c.held += k.held.length
        c.missing += k.missing.length
        perKind.set(k.meetingKind, c)
      }
    }
    lines.push(Output.table([
      [w.meetingKind, w.due, w.held, w.missing],
      ...[...perKind].map(([kind, c]) => [Meeting.meetingKindLabels[kind][lang], n(c.due), n(c.held), n(c.missing)])
    ], { header: true }))
    if (compliance.missing.length > 0) {
      lines.push(`  ${w.firstMissing(Math.min(LIST_MISSING, compliance.missing.length))}`)
      for (const m of compliance.missing.slice(0, LIST_MISSING)) {
        lines.push(`    ${m.name} · ${Meeting.meetingKindLabels[m.meetingKind][lang]} · ${m.slot.label} · ${m.reason[lang]}`)
      }
    }
    lines.push("")
    if (largest !== undefined) {
      lines.push(w.roll(largest.name, roll.length))
      for (const r of roll.slice(0, 3)) {
        lines.push(`    ${r.name} · ${r.standing === null ? "" : Member.standingLabels[r.standing][lang]} · ${r.since} · ${r.phone ?? "—"} · ${r.citizenId ?? "—"}`)
      }
      lines.push("")
    }
    const perSecond = timing.writeMs === 0 ? "—" : n(Math.round((party.commands.length * 1000) / timing.writeMs))
    lines.push(w.timing((timing.writeMs / 1000).toFixed(2), perSecond, readSeconds))
    return lines.join("\n")
  })
