/**
 * The demo's volunteer service ledger (志愿服务台账, #9): writes the generated year of
 * service (volunteers, activities, sessions, corrections, redemptions) through the
 * `VolunteerLedger` service day by day, the clock on each day so the ledger stamps the
 * recording days the generator meant, then prints what the ledger answers — its summary
 * beside the article's figures (3600余次, 4万余人, 9200余件, 132 个服务点, 五社联动 452 次 /
 * 5689 人次), saying of each whether the generator took it as an input or it was computed;
 * totals by category, the grid rollup by street, the ten teams and ten grids with the most
 * service; the 五社联动 programme's summary; a certificate issued for the volunteer with
 * the most service and checked by its verification code; and the hash chain verified.
 *
 * @since 0.4.0
 */
import { Actor, type Certificate, CoConstructions, type Grid, Grids, LedgerConfig, type NotFound, Rollup, VolunteerLedgerService } from "@jiceng/core"
import { DayClock, Ledger } from "@jiceng/testkit"
import { Effect, Option } from "effect"
import * as Output from "./Output.js"

/** Rows of the top lists. */
const TOP = 10

/** The report's rounding of hours: one decimal, half up (the ledger's default, declared). */
const rounding: Rollup.Rounding = Rollup.defaultRounding

const words = {
  zh: {
    heading: (from: string, to: string) => `志愿服务台账（读自库，服务日期 ${from} 至 ${to}）`,
    run: (commands: string, seconds: string, days: string, batch: string) =>
      `生成 ${commands} 条台账命令（${seconds} s），经 VolunteerLedger 服务按写入日逐日写入 ${days} 天（时钟定在当日 23:59），${batch}`,
    batch: (n: number) => (n <= 1 ? "逐条写入" : `每批至多 ${Output.count(n)} 条一个事务`),
    articleFigures: "文章的数字与本次运行（summary）",
    figure: "指标",
    article: "文章",
    thisRun: "本次运行",
    note: "说明",
    input: "生成器输入，取自文章",
    inputAbove: "生成器输入，略高于文章的下限",
    scaled: "生成器输入，取自文章，按本区小区数缩放",
    drawn: "计算所得：生成器按活动抽取，非输入",
    computed: "计算所得",
    activities: "开展志愿服务（活动，activities）",
    residents: "服务居民（residentsServed）",
    matters: "为群众办实事（mattersDone）",
    points: "志愿服务点（servicePoints）",
    wusheActivities: "五社联动：志愿服务活动",
    wusheResidents: "五社联动：服务居民",
    wushePoints: "五社联动：服务点",
    volunteers: "参加服务的志愿者（volunteers）",
    entries: "服务记录（entries，已扣除更正）",
    hours: "服务时长（小时，按分钟累计，保留 1 位）",
    earned: "志愿积分（points）",
    late: "超过 10 个工作日补录（第十一条）",
    corrected: "更正（第十三条）：冲销 / 替换",
    articleActivities: "3600余次",
    articleResidents: "4万余人",
    articleMatters: "9200余件",
    articlePoints: "132个",
    articleWusheActivities: "452次",
    articleWusheResidents: "5689人次",
    byCategory: "按服务类别（totals by category）",
    category: "类别",
    sessions: "记录",
    hoursShort: "小时",
    residentsShort: "服务居民",
    mattersShort: "办实事",
    pointsShort: "积分",
    byStreet: (ok: boolean) => `按街道（gridRollup，${ok ? "全区 = 各街道之和" : "全区与各街道之和不符"}）`,
    street: "街道",
    total: "全区",
    topTeams: `服务时长前 ${TOP} 的志愿服务队（totals by teamId）`,
    team: "志愿服务队",
    topGrids: `服务时长前 ${TOP} 的网格（totals by gridCode）`,
    grid: "网格",
    wushe: "五社联动（summary，programme wushe）",
    wusheLine: (activities: string, points: string, volunteers: string, entries: string, hours: string, residents: string, matters: string) =>
      `活动 ${activities} 次 · 服务点 ${points} 个 · 志愿者 ${volunteers} 人 · 记录 ${entries} 条 · ${hours} 小时 · 服务居民 ${residents} 人次 · 办实事 ${matters} 件`,
    certificate: (day: string) => `志愿服务证明（IssueCertificate，出具日 ${day}）`,
    certificateLine: (volunteer: string, from: string, to: string, hours: string, entries: string, activities: string) =>
      `志愿者 ${volunteer}：${from} 至 ${to} 服务 ${hours} 小时，${entries} 条记录，${activities} 项活动`,
    certificateCategories: (text: string) => `类别：${text}`,
    code: (code: string, seq: number) => `验证码 ${code}（截至第 ${seq} 条记录）`,
    check: (valid: boolean, name: string, reason: string | null) =>
      `凭验证码核验（checkCertificate）：${valid ? "有效" : `无效：${reason ?? ""}`} · 志愿者 ${name}（未经本人同意，姓名已遮盖）`,
    chain: (entries: string, broken: string | null) =>
      broken === null ? `哈希链校验（verify）：${entries} 条记录，完整` : `哈希链校验（verify）：断于 ${broken}`,
    timing: (write: string, perSecond: string, read: string) => `台账用时：写入 ${write} s（${perSecond} 条/秒）· 查询 ${read} s`
  },
  en: {
    heading: (from: string, to: string) => `Volunteer service ledger (from the store, sessions ${from} to ${to})`,
    run: (commands: string, seconds: string, days: string, batch: string) =>
      `${commands} ledger commands generated (${seconds} s), written through the VolunteerLedger service day by day over ${days} days (the clock at 23:59 of each), ${batch}`,
    batch: (n: number) => (n <= 1 ? "one at a time" : `at most ${Output.count(n)} a transaction`),
    articleFigures: "The article's figures and this run's (summary)",
    figure: "Figure",
    article: "Article",
    thisRun: "This run",
    note: "Note",
    input: "generator input, taken from the article",
    inputAbove: "generator input, just above the article's lower bound",
    scaled: "generator input, the article's scaled to this district's compounds",
    drawn: "computed: drawn per activity by the generator, not an input",
    computed: "computed",
    activities: "Volunteer service activities (activities)",
    residents: "Residents served (residentsServed)",
    matters: "Practical matters done (mattersDone)",
    points: "Volunteer service points (servicePoints)",
    wusheActivities: "五社联动: activities",
    wusheResidents: "五社联动: residents served",
    wushePoints: "五社联动: service points",
    volunteers: "Volunteers who served (volunteers)",
    entries: "Sessions (entries, net of corrections)",
    hours: "Hours (summed in minutes, 1 decimal)",
    earned: "Points earned (points)",
    late: "Recorded after 10 working days (第十一条)",
    corrected: "Corrections (第十三条): reversals / replacements",
    articleActivities: "3,600+",
    articleResidents: "40,000+",
    articleMatters: "9,200+",
    articlePoints: "132",
    articleWusheActivities: "452",
    articleWusheResidents: "5,689",
    byCategory: "By service category (totals by category)",
    category: "Category",
    sessions: "Sessions",
    hoursShort: "Hours",
    residentsShort: "Residents",
    mattersShort: "Matters",
    pointsShort: "Points",
    byStreet: (ok: boolean) => `By street (gridRollup, ${ok ? "the district = the sum of its streets" : "the district differs from the sum of its streets"})`,
    street: "Street",
    total: "District",
    topTeams: `The ${TOP} volunteer teams with the most service (totals by teamId)`,
    team: "Team",
    topGrids: `The ${TOP} grids with the most service (totals by gridCode)`,
    grid: "Grid",
    wushe: "五社联动 (summary, programme wushe)",
    wusheLine: (activities: string, points: string, volunteers: string, entries: string, hours: string, residents: string, matters: string) =>
      `${activities} activities · ${points} service points · ${volunteers} volunteers · ${entries} sessions · ${hours} hours · ${residents} residents served · ${matters} matters done`,
    certificate: (day: string) => `Certificate of volunteer service (IssueCertificate, issued ${day})`,
    certificateLine: (volunteer: string, from: string, to: string, hours: string, entries: string, activities: string) =>
      `Volunteer ${volunteer}: ${hours} hours from ${from} to ${to}, ${entries} sessions in ${activities} activities`,
    certificateCategories: (text: string) => `Categories: ${text}`,
    code: (code: string, seq: number) => `Verification code ${code} (as of entry ${seq})`,
    check: (valid: boolean, name: string, reason: string | null) =>
      `Checked by its code (checkCertificate): ${valid ? "valid" : `not valid: ${reason ?? ""}`} · volunteer ${name} (masked: no consent to disclose)`,
    chain: (entries: string, broken: string | null) =>
      broken === null ? `Hash chain (verify): ${entries} entries, intact` : `Hash chain (verify): broken at ${broken}`,
    timing: (write: string, perSecond: string, read: string) => `Ledger time: writing ${write} s (${perSecond} commands/s) · queries ${read} s`
  }
} as const

/**
 * Writes the generated year through the VolunteerLedger service, each day's commands
 * with the clock on that day, at most `batchSize` a transaction; returns the
 * milliseconds it took.
 *
 * @since 0.4.0
 * @category running
 */
export const write = (ledger: Ledger.GeneratedLedger, batchSize: number) =>
  Effect.gen(function*() {
    const start = performance.now()
    yield* Ledger.apply(ledger, { batchSize })
    return performance.now() - start
  })

/**
 * The day the demo's certificate is issued on: the first of March after the year, or
 * the last day written when that is later. The clock stands on it while the report
 * issues and checks the certificate.
 *
 * @since 0.4.0
 * @category reporting
 */
export const certificateDay = (ledger: Ledger.GeneratedLedger): string => {
  const march = `${String(ledger.figures.year + 1).padStart(4, "0")}-03-01`
  const last = ledger.writtenOn.at(-1) ?? march
  return last > march ? last : march
}

/**
 * A certificate issued and its check by the verification code.
 *
 * @since 0.7.0
 * @category models
 */
export interface Certified {
  readonly certificate: Certificate.Certificate
  readonly check: VolunteerLedgerService.CertificateCheck
}

/**
 * The demo's certificate (key `demo-certificate`): issued for the volunteer with the
 * most minutes in the year (from `byVolunteer`, the year's totals by volunteer, read
 * when not given) with the clock on {@link certificateDay}, and checked by its code.
 * Issuing it again gives back the same certificate (the ledger replays the key), so the
 * reports part finds the one the ledger part printed. Undefined when nobody served.
 *
 * @since 0.7.0
 * @category reporting
 */
export const certify = (
  ledger: Ledger.GeneratedLedger,
  byVolunteer?: ReadonlyArray<Rollup.TotalsRow>
): Effect.Effect<
  Certified | undefined,
  VolunteerLedgerService.LedgerWriteError | VolunteerLedgerService.LedgerReadError | NotFound.NotFound,
  VolunteerLedgerService.VolunteerLedger
> =>
  Effect.gen(function*() {
    const service = yield* VolunteerLedgerService.VolunteerLedger
    const actor = Actor.system(ledger.tenant)
    const f = ledger.figures
    const totals = byVolunteer ?? (yield* service.totals(actor, { from: f.from, to: f.to, rounding, by: ["volunteerId"] })).data
    const top = [...totals].sort((a, b) => b.minutes - a.minutes || ((a.keys[0] ?? "") < (b.keys[0] ?? "") ? -1 : 1))[0]
    if (top === undefined) return undefined
    const issued = yield* service.execute(actor, { _tag: "IssueCertificate", key: "demo-certificate", volunteerId: top.keys[0] ?? "", from: f.from, to: f.to })
    if (issued._tag !== "CertificateIssued") return yield* Effect.dieMessage(`IssueCertificate answered ${issued._tag}`)
    const check = yield* service.checkCertificate(actor, issued.certificate.code)
    return { certificate: issued.certificate, check }
  }).pipe(Effect.withClock(DayClock.at(certificateDay(ledger))))

/**
 * What the ledger answers about the district's year of volunteer service, as printed
 * lines. Issues one certificate (key `demo-certificate`), for the volunteer with the
 * most minutes in the year.
 *
 * @since 0.4.0
 * @category reporting
 */
export const report = (
  ledger: Ledger.GeneratedLedger,
  streets: ReadonlyArray<Grid.Grid>,
  timing: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number },
  lang: Output.Lang
): Effect.Effect<
  string,
  | VolunteerLedgerService.LedgerReadError
  | VolunteerLedgerService.LedgerWriteError
  | Grids.GridReadError
  | CoConstructions.CoConstructionReadError
  | NotFound.NotFound,
  VolunteerLedgerService.VolunteerLedger | Grids.Grids | CoConstructions.CoConstructions
> =>
  Effect.gen(function*() {
    const service = yield* VolunteerLedgerService.VolunteerLedger
    const grids = yield* Grids.Grids
    const coConstructions = yield* CoConstructions.CoConstructions
    const actor = Actor.system(ledger.tenant)
    const f = ledger.figures
    const period = { from: f.from, to: f.to, rounding }
    const w = words[lang]
    const n = Output.count
    const h = (minutes: number) =>
      Rollup.hours(minutes, rounding).toLocaleString("en-US", { minimumFractionDigits: rounding.decimals, maximumFractionDigits: rounding.decimals })

    const readStart = performance.now()
    const summary = (yield* service.summary(actor, period)).data
    const wushe = (yield* service.summary(actor, { ...period, programme: Ledger.wushe })).data
    const byCategory = (yield* service.totals(actor, { ...period, by: ["category"] })).data
    const rollup = (yield* service.gridRollup(actor, period)).data
    const byTeam = (yield* service.totals(actor, { ...period, by: ["teamId"] })).data
    const byGrid = (yield* service.totals(actor, { ...period, by: ["gridCode"] })).data
    const byVolunteer = (yield* service.totals(actor, { ...period, by: ["volunteerId"] })).data
    // Every entry of the period, volunteer by volunteer (those the totals name): the late flags and corrections.
    const entries = (yield* Effect.forEach(
      byVolunteer.flatMap((v) => (v.keys[0] === null || v.keys[0] === undefined ? [] : [v.keys[0]])),
      (volunteerId) => service.entries(actor, { from: f.from, to: f.to, volunteerId })
    )).flat()
    const teams = yield* coConstructions.teams(actor, { at: f.to })
    const readSeconds = Output.seconds(readStart)

    const certified = yield* certify(ledger, byVolunteer)
    const chain = yield* service.verify(actor)

    const a = Ledger.article
    const o = ledger.options
    const full = (key: "servicePoints" | "wusheActivities" | "wusheResidents") => (o[key] === a[key] ? w.input : w.scaled)
    const services = entries.filter((e) => e.kind === "service")
    const reversals = entries.filter((e) => e.kind === "reversal")
    const lines: Array<string> = []
    lines.push(w.heading(f.from, f.to))
    const days = new Set(ledger.writtenOn).size
    lines.push(`  ${w.run(n(ledger.commands.length), timing.generateSeconds, n(days), w.batch(timing.batchSize))}`)
    lines.push("")

    lines.push(w.articleFigures)
    lines.push(Output.table([
      [w.figure, w.article, w.thisRun, w.note],
      [w.activities, w.articleActivities, n(summary.activities), o.activities > a.activities ? w.inputAbove : w.scaled],
      [w.residents, w.articleResidents, n(summary.residentsServed), w.drawn],
      [w.matters, w.articleMatters, n(summary.mattersDone), o.mattersDone > a.mattersDone ? w.inputAbove : w.scaled],
      [w.points, w.articlePoints, n(summary.servicePoints), full("servicePoints")],
      [w.wusheActivities, w.articleWusheActivities, n(wushe.activities), full("wusheActivities")],
      [w.wusheResidents, w.articleWusheResidents, n(wushe.residentsServed), full("wusheResidents")],
      [w.wushePoints, "—", n(wushe.servicePoints), w.computed],
      [w.volunteers, "—", n(summary.volunteers), w.computed],
      [w.entries, "—", n(summary.entries), w.computed],
      [w.hours, "—", h(summary.minutes), w.computed],
      [w.earned, "—", n(summary.points), w.computed],
      [w.late, "—", n(services.filter((e) => e.late).length), w.computed],
      [w.corrected, "—", `${n(reversals.length)} / ${n(services.filter((e) => e.replaces !== null).length)}`, w.computed]
    ], { textColumns: [3], header: true }))
    lines.push("")

    const row = (label: string, t: Rollup.Totals) => [label, n(t.entries), h(t.minutes), n(t.residentsServed), n(t.mattersDone), n(t.points)]
    const header = (label: string) => [label, w.sessions, w.hoursShort, w.residentsShort, w.mattersShort, w.pointsShort]
    const categoryLabel = (key: string | null) => LedgerConfig.defaults.categories.find((c) => c.key === key)?.[lang] ?? key ?? "—"
    lines.push(w.byCategory)
    lines.push(Output.table([
      header(w.category),
      ...[...byCategory].sort((x, y) => y.minutes - x.minutes).map((c) => row(categoryLabel(c.keys[0] ?? null), c)),
      row(w.total, Rollup.sum(byCategory))
    ], { header: true }))
    lines.push("")

    const streetName = new Map(streets.map((s) => [s.code as string, s.name]))
    const childSum = Rollup.sum(rollup.children.map((c) => c.totals))
    const adds = JSON.stringify(Rollup.add(childSum, rollup.own)) === JSON.stringify(rollup.totals)
    lines.push(w.byStreet(adds))
    lines.push(Output.table([
      header(w.street),
      ...rollup.children.map((c) => row(`${streetName.get(c.code) ?? ""} ${c.code}`.trim(), c.totals)),
      row(w.total, rollup.totals)
    ], { header: true }))
    lines.push("")

    const teamName = new Map(teams.map((t) => [t.id as string, t.name]))
    lines.push(w.topTeams)
    lines.push(Output.table([
      header(w.team),
      ...[...byTeam].filter((t) => t.keys[0] !== null).sort((x, y) => y.minutes - x.minutes).slice(0, TOP)
        .map((t) => row(`${teamName.get(t.keys[0]!) ?? ""} ${t.keys[0]}`.trim(), t))
    ], { header: true }))
    lines.push("")

    lines.push(w.topGrids)
    const topGrids = [...byGrid].sort((x, y) => y.minutes - x.minutes).slice(0, TOP)
    const gridRows = yield* Effect.forEach(topGrids, (g) =>
      Effect.map(grids.resolve(actor, g.keys[0] ?? "", f.to), (grid) => row(`${Option.match(grid, { onNone: () => "", onSome: (x) => x.name })} ${g.keys[0]}`.trim(), g)))
    lines.push(Output.table([header(w.grid), ...gridRows], { header: true }))
    lines.push("")

    lines.push(w.wushe)
    lines.push(`  ${
      w.wusheLine(
        n(wushe.activities),
        n(wushe.servicePoints),
        n(wushe.volunteers),
        n(wushe.entries),
        h(wushe.minutes),
        n(wushe.residentsServed),
        n(wushe.mattersDone)
      )
    }`)
    lines.push("")

    if (certified !== undefined) {
      const c = certified.certificate
      lines.push(w.certificate(c.issuedOn))
      lines.push(`  ${w.certificateLine(c.volunteerId, c.from, c.to, h(c.minutes), n(c.entries), n(c.activities))}`)
      lines.push(`  ${w.certificateCategories(c.categories.map((x) => `${categoryLabel(x.category)} ${h(x.minutes)}`).join(" · "))}`)
      lines.push(`  ${w.code(c.code, c.asOfSeq)}`)
      lines.push(`  ${w.check(certified.check.valid, certified.check.volunteerName, certified.check.reason)}`)
    }
    lines.push(`  ${w.chain(n(chain.entries), chain.broken === null ? null : `${chain.broken.seq}: ${chain.broken.message}`)}`)
    lines.push("")
    const perSecond = timing.writeMs === 0 ? "—" : n(Math.round((ledger.commands.length * 1000) / timing.writeMs))
    lines.push(w.timing((timing.writeMs / 1000).toFixed(2), perSecond, readSeconds))
    return lines.join("\n")
  })
