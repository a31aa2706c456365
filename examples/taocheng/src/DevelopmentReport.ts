/**
 * The demo's member development (发展党员 and 选育管用, #6): writes the generated data of
 * two districts — 桃城区's community workforce and demonstration sites over its grids and
 * party, and 兰山区's new sector (its own grid tree and industry 党委 through the Grids and
 * Organisations services, then its party ladder, talent chain and honours) — through the
 * `Development` service, then prints what the services answer beside the articles'
 * figures, saying of each whether the generator took it as an input or it was computed:
 * 桃城区's training, qualifications, career moves, plans against hires by year and 双强六好
 * sites; 兰山区's branches and members, new members developed, the pipeline, the talent
 * chain's share of members among middle managers, star merchants and 流动先锋 with their
 * letters of good news; and one member's party track from the application to full
 * membership.
 *
 * @since 0.5.0
 */
import {
  Actor,
  CommunityWorker,
  Development,
  type DevelopmentService,
  type Grids,
  Organisations,
  PartyLadder,
  Pathway,
  Qualification,
  Recognition,
  TalentChain
} from "@jiceng/core"
import { DevelopmentData } from "@jiceng/testkit"
import { Effect } from "effect"
import * as Output from "./Output.js"

/**
 * Commands a transaction when the demo writes the development data.
 *
 * @since 0.5.0
 * @category constants
 */
export const batchSize = 5_000

/** Letters of good news listed. */
const LIST_LETTERS = 3

const words = {
  zh: {
    heading: "党员发展与社区工作者：选育管用、发展党员、递进培养、表彰（读自库）",
    run: (commands: string, seconds: string, grids: string, organisations: string, batch: string) =>
      `生成 ${commands} 条发展命令（${seconds} s），另有兰山区 ${grids} 条网格命令、${organisations} 条党组织命令；经 Grids、Organisations、Development 服务写入，每批 ${batch} 条一个事务`,
    scaled: "生成器输入，取自文章，按本区小区数缩放",
    ownInput: "生成器输入，文章未给出",
    computed: "计算所得",
    taocheng: (name: string, at: string) => `${name}社区工作者（workforce · workers · honours，截至 ${at}）`,
    sessions: "专业能力培训班（期）",
    personTimes: "累计培训（人次）",
    classHours: "培训学时（人次 × 学时）",
    assistant: Qualification.levelLabels.assistant.zh,
    intermediate: Qualification.levelLabels.intermediate.zh,
    move: (kind: CommunityWorker.MoveKind) => CommunityWorker.moveLabels[kind].zh,
    roll: "在册社区工作者",
    districtSites: "“双强六好”党建示范点（区级）",
    citySites: "“双强六好”市级示范点",
    byPost: (posts: string) => `在册：${posts}`,
    byDegree: (degrees: string, socialWork: string) => `学历：${degrees}；社会工作专业 ${socialWork} 人`,
    holders: (degrees: string) => `持证者学历：${degrees}`,
    plans: (start: string) => `招录计划与招录（workforce.plans，全区；登记簿始于 ${start}）`,
    year: "年度",
    planned: "计划（生成器输入）",
    hired: "入库（计算）",
    onRoll: "登记首日在岗",
    recruited: "当年招录",
    beforeRegister: "登记簿开始前：无入库记录",
    citySiteNames: (names: string) => `市级示范点：${names}`,
    lanshan: (at: string, year: number) => `兰山区新业态新就业群体（countByKind · countMembers · developed · talent · honours，截至 ${at}；年度 ${year}）`,
    branches: "新业态党支部",
    members: "新就业群体党员（正式 / 预备）",
    rideHailing: "网约车司机综合党支部党员",
    developed: (year: number) => `新发展党员（${year} 年上级党委审批）`,
    managers: "新业态企业中层（递进培养链条）",
    memberManagers: "其中党员",
    share: "中层党员占比",
    starMerchants: Recognition.kindLabels["star-merchant"].zh,
    mobileVanguards: Recognition.kindLabels["mobile-vanguard"].zh,
    letters: "喜报：待寄 / 已寄",
    articleShare: "50%以上",
    byCommittee: "各行业党委（countMembers）",
    committee: "行业党委",
    branchCount: "党支部",
    full: "正式党员",
    probationary: "预备党员",
    stars: (text: string) => `星级经营户：${text}（计算所得）`,
    star: (n: number) => `${n}星`,
    pipeline: (at: string, text: string, completed: string) => `发展党员进度（pipeline，${at}）：${text}；已完成 ${completed}`,
    chain: (text: string) => `递进培养链条（talent）：${text}`,
    letter: (status: string, hometown: string, address: string, honour: string) => `${status} · ${hometown} · ${address}（${honour}）`,
    pending: "待寄",
    sent: "已寄",
    track: (id: string, name: string, branch: string) => `兰山区一名党员的发展全程，从递交入党申请书到转为正式党员（track ${id}：${name}，${branch}）`,
    number: "序号",
    step: "步骤",
    day: "日期",
    late: "逾期",
    yes: "是",
    no: "否",
    probation: (from: string, to: string, extensions: number) => `预备期：${from} 起，至 ${to} 止（延长 ${extensions} 次）`,
    standing: (day: string | null) => `党龄起算日（standingFrom）：${day ?? "—"}`,
    timing: (write: string, perSecond: string, read: string) => `发展用时：写入 ${write} s（${perSecond} 条/秒）· 查询 ${read} s`
  },
  en: {
    heading: "Member development and community workers: 选育管用, party membership, the talent chain, honours (from the store)",
    run: (commands: string, seconds: string, grids: string, organisations: string, batch: string) =>
      `${commands} development commands generated (${seconds} s), and for 兰山区 ${grids} grid commands and ${organisations} organisation commands; written through the Grids, Organisations and Development services, ${batch} a transaction`,
    scaled: "generator input, the article's scaled to this district's compounds",
    ownInput: "generator input, not in the article",
    computed: "computed",
    taocheng: (name: string, at: string) => `${name} community workers (workforce · workers · honours, as of ${at})`,
    sessions: "Training sessions",
    personTimes: "Attendance (person-times)",
    classHours: "Class hours (person-times × hours)",
    assistant: Qualification.levelLabels.assistant.en,
    intermediate: Qualification.levelLabels.intermediate.en,
    move: (kind: CommunityWorker.MoveKind) => CommunityWorker.moveLabels[kind].en,
    roll: "Community workers on record",
    districtSites: "双强六好 demonstration sites (district level)",
    citySites: "双强六好 sites (city level)",
    byPost: (posts: string) => `On record: ${posts}`,
    byDegree: (degrees: string, socialWork: string) => `Education: ${degrees}; ${socialWork} with a social-work degree`,
    holders: (degrees: string) => `Holders' education: ${degrees}`,
    plans: (start: string) => `Recruitment plans and hires (workforce.plans, the district; the register starts ${start})`,
    year: "Year",
    planned: "Planned (generator input)",
    hired: "On record (computed)",
    onRoll: "In post on day one",
    recruited: "Recruited that year",
    beforeRegister: "before the register: no hires on record",
    citySiteNames: (names: string) => `City-level sites: ${names}`,
    lanshan: (at: string, year: number) => `兰山区 new sector (countByKind · countMembers · developed · talent · honours, as of ${at}; the year ${year})`,
    branches: "New-sector branches",
    members: "New-employment members (full / probationary)",
    rideHailing: "Members of the ride-hailing drivers' branch",
    developed: (year: number) => `New members developed (approved in ${year})`,
    managers: "Middle managers (talent chain)",
    memberManagers: "of them party members",
    share: "Share of middle managers who are members",
    starMerchants: Recognition.kindLabels["star-merchant"].en,
    mobileVanguards: Recognition.kindLabels["mobile-vanguard"].en,
    letters: "Letters of good news: pending / sent",
    articleShare: "50%+",
    byCommittee: "By industry committee (countMembers)",
    committee: "Committee",
    branchCount: "Branches",
    full: "Full",
    probationary: "Probationary",
    stars: (text: string) => `Star merchants: ${text} (computed)`,
    star: (n: number) => `${n}★`,
    pipeline: (at: string, text: string, completed: string) => `Party pipeline (${at}): ${text}; completed ${completed}`,
    chain: (text: string) => `Talent chain (talent): ${text}`,
    letter: (status: string, hometown: string, address: string, honour: string) => `${status} · ${hometown} · ${address} (${honour})`,
    pending: "pending",
    sent: "sent",
    track: (id: string, name: string, branch: string) => `One 兰山区 member's party track, from the application to full membership (track ${id}: ${name}, ${branch})`,
    number: "No.",
    step: "Step",
    day: "Day",
    late: "Late",
    yes: "yes",
    no: "no",
    probation: (from: string, to: string, extensions: number) => `Probation: from ${from} to ${to} (extended ${extensions} times)`,
    standing: (day: string | null) => `Party standing counts from (standingFrom): ${day ?? "—"}`,
    timing: (write: string, perSecond: string, read: string) => `Development time: writing ${write} s (${perSecond} commands/s) · queries ${read} s`
  }
} as const

/** Counts by key as `label n · label n`. */
const listed = (entries: ReadonlyArray<readonly [string, number]>) => entries.map(([label, n]) => `${label} ${Output.count(n)}`).join(" · ")

/**
 * Writes the generated data (兰山区's grids and organisations, then both districts'
 * development commands), `size` commands a transaction; returns the milliseconds it took.
 *
 * @since 0.5.0
 * @category running
 */
export const write = (
  data: DevelopmentData.GeneratedDevelopment,
  size: number
): Effect.Effect<
  number,
  Grids.GridWriteError | Organisations.OrganisationWriteError | DevelopmentService.DevelopmentWriteError,
  Grids.Grids | Organisations.Organisations | Development.Development
> =>
  Effect.gen(function*() {
    const start = performance.now()
    yield* DevelopmentData.apply(data, { batchSize: size })
    return performance.now() - start
  })

/**
 * What the services answer about both districts' member development, as printed lines.
 *
 * @since 0.5.0
 * @category reporting
 */
export const report = (
  data: DevelopmentData.GeneratedDevelopment,
  timing: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number },
  lang: Output.Lang
): Effect.Effect<
  string,
  DevelopmentService.DevelopmentReadError | Organisations.OrganisationReadError,
  Development.Development | Organisations.Organisations
> =>
  Effect.gen(function*() {
    const development = yield* Development.Development
    const organisations = yield* Organisations.Organisations
    const w = words[lang]
    const o = Output.words[lang]
    const n = Output.count
    const t = data.taocheng
    const l = data.lanshan
    const tc = Actor.system(t.tenant)
    const ls = Actor.system(l.tenant)
    const nextYear = (day: string) => `${Number(day.slice(0, 4)) + 1}-01-01`

    const readStart = performance.now()
    const workforce = yield* development.workforce(tc, { at: t.at })
    const workers = yield* development.workers(tc, { at: t.at })
    const sites = yield* development.honours(tc, { from: t.registerStart, to: nextYear(t.at) })
    const siteNames = yield* organisations.organisations(tc, { at: t.at })
    const kinds = yield* organisations.countByKind(ls, { at: l.at })
    const bodies = yield* organisations.organisations(ls, { at: l.at })
    const members = yield* organisations.countMembers(ls, { at: l.at })
    const developed = yield* development.developed(ls, { from: l.from, to: l.to })
    const pipeline = yield* development.pipeline(ls, { at: l.at })
    const talent = yield* development.talent(ls, { at: l.at })
    const honours = yield* development.honours(ls, { from: l.from, to: l.to })
    const letters = yield* development.letters(ls, { at: l.at })
    const track = l.shownTrack === null ? null : yield* development.track(ls, l.shownTrack, { at: l.at })
    const readSeconds = Output.seconds(readStart)

    // Which figures are the articles' as they stand, and which scaled to a smaller 桃城区.
    const a = DevelopmentData.article
    const taochengInput = (key: Exclude<keyof typeof a.taocheng, "planYears" | "compounds">) =>
      data.options.taocheng[key] === a.taocheng[key] ? o.notes.input : w.scaled
    const lanshanInput = (key: Exclude<keyof typeof a.lanshan, "managerShare">) =>
      data.options.lanshan[key] === a.lanshan[key] ? o.notes.input : w.ownInput
    const header = [o.figure, o.article, o.thisRun, o.note]
    const lines: Array<string> = [w.heading]
    const generated = t.commands.length + l.commands.length
    lines.push(`  ${w.run(n(generated), timing.generateSeconds, n(l.district.commands.length), n(l.organisations.length), n(timing.batchSize))}`)
    lines.push("")

    // ---- 桃城区
    const moves = workforce.moves
    const move = (kind: CommunityWorker.MoveKind, key: Parameters<typeof taochengInput>[0]) =>
      [w.move(kind), `${a.taocheng[key]}`, n(moves[kind]), taochengInput(key)]
    lines.push(w.taocheng(t.name, t.at))
    lines.push(Output.table([
      header,
      [w.sessions, `${a.taocheng.trainingSessions}`, n(workforce.training.sessions), taochengInput("trainingSessions")],
      [w.personTimes, n(a.taocheng.personTimes), n(workforce.training.personTimes), taochengInput("personTimes")],
      [w.classHours, "—", n(workforce.training.classHours), w.computed],
      [w.assistant, `${a.taocheng.assistant}`, n(workforce.qualifications.assistant), taochengInput("assistant")],
      [w.intermediate, `${a.taocheng.intermediate}`, n(workforce.qualifications.intermediate), taochengInput("intermediate")],
      move("model-secretary", "modelSecretaries"),
      move("promoted", "promoted"),
      move("civil-service", "civilService"),
      move("establishment", "establishment"),
      move("elected-director", "electedDirectors"),
      [w.districtSites, `${a.taocheng.districtSites}`, n(sites.sites.district), taochengInput("districtSites")],
      [w.citySites, `${a.taocheng.citySites}`, n(sites.sites.city), taochengInput("citySites")],
      [w.roll, "—", n(workforce.workers), o.notes.parameter]
    ], { textColumns: [3], header: true }))
    const count = <K extends string>(keys: ReadonlyArray<K>, of: (k: K) => number) => keys.map((k) => [k, of(k)] as const)
    const posts = count(["secretary", "director", "worker"] as const, (p) => workers.filter((x) => x.post === p).length)
    lines.push(`  ${w.byPost(listed(posts.map(([p, c]) => [CommunityWorker.postLabels[p][lang], c])))}`)
    const degrees = Object.keys(Qualification.degreeLabels) as ReadonlyArray<Qualification.Degree>
    const byDegree = (xs: typeof workers) =>
      listed(count(degrees, (d) => xs.filter((x) => x.education.degree === d).length).filter(([, c]) => c > 0).map(([d, c]) => [Qualification.degreeLabels[d][lang], c]))
    lines.push(`  ${w.byDegree(byDegree(workers), n(workers.filter((x) => x.education.socialWork).length))}`)
    lines.push(`  ${w.holders(byDegree(workers.filter((x) => x.qualifications.length > 0)))}`)
    const cityNames = sites.honours.filter((h) => h.level === "city").map((h) => siteNames.find((x) => x.id === h.organisationId)?.name ?? h.organisationId)
    if (cityNames.length > 0) lines.push(`  ${w.citySiteNames(cityNames.join("、"))}`)
    lines.push("")

    lines.push(w.plans(t.registerStart))
    lines.push(Output.table([
      [w.year, w.planned, w.hired, w.onRoll, w.recruited],
      ...workforce.plans.map((p) => {
        const year = String(p.year)
        if (year < t.registerStart.slice(0, 4)) return [year, n(p.planned), n(p.hired), "—", w.beforeRegister]
        const first = workers.filter((x) => x.hiredOn.startsWith(year) && x.hiredOn === t.registerStart).length
        return [year, n(p.planned), n(p.hired), first === 0 ? "—" : n(first), n(p.hired - first)]
      })
    ], { textColumns: [4], header: true }))
    lines.push("")

    // ---- 兰山区
    const branches = kinds.filter((k) => k.kind === "branch").reduce((s, k) => s + k.count, 0)
    const sum = (rows: ReadonlyArray<Organisations.MemberCount>, key: "full" | "probationary") => rows.reduce((s, m) => s + m[key], 0)
    const rideHailing = members.find((m) => m.name.includes("网约车"))
    const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`)
    lines.push(w.lanshan(l.at, Number(l.from.slice(0, 4))))
    lines.push(Output.table([
      header,
      [w.branches, `${a.lanshan.branches}`, n(branches), lanshanInput("branches")],
      [w.members, n(a.lanshan.members), `${n(sum(members, "full"))} / ${n(sum(members, "probationary"))}`, lanshanInput("members")],
      [w.rideHailing, `${a.lanshan.rideHailingMembers}`, rideHailing === undefined ? "—" : n(rideHailing.full + rideHailing.probationary), lanshanInput("rideHailingMembers")],
      [w.developed(Number(l.from.slice(0, 4))), `${a.lanshan.developed}`, n(developed.count), lanshanInput("developed")],
      [w.managers, "—", n(talent.managers), w.ownInput],
      [w.memberManagers, "—", n(talent.memberManagers), w.ownInput],
      [w.share, w.articleShare, percent(talent.share), w.computed],
      [w.starMerchants, `${a.lanshan.starMerchants}`, n(honours.byKind["star-merchant"]), lanshanInput("starMerchants")],
      [w.mobileVanguards, `${a.lanshan.mobileVanguards}`, n(honours.byKind["mobile-vanguard"]), lanshanInput("mobileVanguards")],
      [w.letters, "—", `${n(honours.letters.pending)} / ${n(honours.letters.sent)}`, w.computed]
    ], { textColumns: [3], header: true }))
    lines.push("")

    lines.push(w.byCommittee)
    const committees = bodies.filter((b) => b.kind === "committee")
    lines.push(Output.table([
      [w.committee, w.branchCount, w.full, w.probationary],
      ...committees.map((c) => {
        const under = new Set(bodies.filter((b) => b.parentId === c.id).map((b) => b.id as string))
        const rows = members.filter((m) => under.has(m.organisationId))
        return [c.name, n(under.size), n(sum(rows, "full")), n(sum(rows, "probationary"))]
      }),
      [o.total, n(branches), n(sum(members, "full")), n(sum(members, "probationary"))]
    ], { header: true }))
    lines.push(`  ${w.stars(listed(([1, 2, 3, 4, 5] as const).map((s) => [w.star(s), honours.stars[s]])))}`)
    lines.push(`  ${w.pipeline(pipeline.at, listed(pipeline.stages.map((s) => [lang === "zh" ? s.zh : s.en, s.count])), n(pipeline.completed))}`)
    const chainStages = TalentChain.make().stages
    lines.push(`  ${w.chain(listed(talent.stages.map((s) => [chainStages.find((x) => x.id === s.stage)?.label[lang] ?? s.zh, s.count])))}`)
    // The first letters of each kind of honour, in turn.
    const kindOf = new Map(honours.honours.map((h) => [h.id as string, h.kind]))
    const groups = Object.keys(Recognition.kindLabels).map((kind) => letters.filter((x) => kindOf.get(x.honourId) === kind)).filter((xs) => xs.length > 0)
    const shown = groups.length === 0 ? [] : Array.from({ length: LIST_LETTERS }, (_, i) => groups[i % groups.length]![Math.floor(i / groups.length)])
    for (const letter of shown) {
      if (letter === undefined) continue
      const kind = Recognition.kindLabels[kindOf.get(letter.honourId)!][lang]
      lines.push(`  ${w.letter(letter.status === "pending" ? w.pending : `${w.sent} ${letter.sentOn}`, letter.hometown, letter.address, kind)}`)
    }
    lines.push("")

    if (track !== null) {
      const ladder = PartyLadder.make()
      const branch = bodies.find((b) => b.id === track.organisationId)?.name ?? track.organisationId
      lines.push(w.track(track.id, track.name, branch))
      lines.push(Output.table([
        [w.number, w.step, w.day, w.late],
        ...track.events.map((e) => [
          String(e.step === null ? "" : Pathway.stepOf(ladder, e.step)?.number ?? ""),
          lang === "zh" ? e.label : Pathway.stepOf(ladder, e.step ?? "")?.label.en ?? e.label,
          e.on,
          e.late ? w.yes : w.no
        ])
      ], { textColumns: [1, 2, 3], header: true }))
      const probation = track.windows.find((x) => x.id === PartyLadder.probation)
      if (probation !== undefined) lines.push(`  ${w.probation(probation.opensOn, probation.endsOn, probation.extensions)}`)
      lines.push(`  ${w.standing(track.standingFrom)}`)
      lines.push("")
    }
    const perSecond = timing.writeMs === 0 ? "—" : n(Math.round(((generated + l.district.commands.length + l.organisations.length) * 1000) / timing.writeMs))
    lines.push(w.timing((timing.writeMs / 1000).toFixed(2), perSecond, readSeconds))
    return lines.join("\n")
  })
