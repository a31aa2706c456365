/**
 * The demo's co-construction (共驻共建, #8): writes the generated district's 双报到
 * enrolments, agreements, needs and resources, projects, volunteer teams, posts and
 * claims and the streets' joint meetings through the `CoConstructions` service, then
 * prints what the store answers — units and members enrolled, teams, posts by category,
 * projects completed and joint meetings beside the article's figures, then two explained
 * matches (一对一): a need with the resource it gets, and a member with a post.
 *
 * @since 0.3.0
 */
import { Actor, Agreement, CoConstructionConfig, CoConstructions, type Grid, Grids, type Matching } from "@jiceng/core"
import { CoConstruction } from "@jiceng/testkit"
import { Effect, Option } from "effect"
import * as Output from "./Output.js"

/** Communities printed side by side in the table of members by community. */
const COMMUNITY_COLUMNS = 2
/** Communities listed one by one; beyond it, the fewest and most only. */
const LIST_COMMUNITIES_MAX = 80

const words = {
  zh: {
    heading: (at: string) => `共驻共建：双报到、一协议两清单、志愿服务与党建联席会议（读自库，截至 ${at}）`,
    run: (commands: string, seconds: string, batch: string) => `生成 ${commands} 条共建命令（${seconds} s），经 CoConstructions 服务写入，${batch}`,
    batch: (n: number) => (n <= 1 ? "逐条写入" : `每批 ${Output.count(n)} 条一个事务`),
    articleFigures: "文章的数字与本次运行",
    figure: "指标",
    article: "文章",
    thisRun: "本次运行",
    note: "说明",
    input: "生成器输入，取自文章",
    scaled: "生成器输入，取自文章，按本区小区数缩放",
    scaledStreets: "生成器输入，取自文章，按本区街道数缩放",
    unitsInput: "生成器输入，取自文章：本区的辖区单位，全部报到",
    postsInput: "生成器输入，取自文章；类别为 CoConstructionConfig 默认 8 类，文章列名 2 类",
    computed: "生成器参数，文章未给出",
    inLedger: "见下文志愿服务台账（LedgerReport）",
    units: "单位到街道报到（countUnits）",
    members: "在职党员到社区报到（countMembers）",
    teams: "社区志愿服务队（teams）",
    posts: "志愿服务岗位（postsByCategory）",
    postsFigure: (posts: string, categories: number) => `${posts}（${categories} 类）`,
    jointMeetings: "党建联席会议（jointMeetings）",
    meetingsFigure: (meetings: string, streets: number) => `${meetings}（${streets} 个街道）`,
    completed: "完成共建项目（projects，进度 100 %）",
    running: "在建共建项目",
    agreements: "共建协议（一协议）",
    needs: "需求清单：项 / 单位",
    resources: "资源清单：项 / 单位",
    claims: "岗位认领（claims）",
    services: "志愿服务 / 服务居民 / 办实事",
    servicesArticle: "3600余次 / 4万余人 / 9200余件",
    byStreet: "各街道（读自库）",
    street: "街道",
    streetUnits: "报到单位",
    streetMembers: "报到党员",
    streetTeams: "志愿服务队",
    streetMeetings: "联席会议",
    streetTasks: "任务 完成/进行/逾期",
    total: "合计",
    byCommunity: "在职党员到社区报到（countMembers，按社区）",
    community: "社区",
    count: "人数",
    communitySpread: (least: string, median: string, most: string) => `每社区：最少 ${least} · 中位 ${median} · 最多 ${most}`,
    memberDetail: (skills: string, interest: string, tenant: string) =>
      `其中 ${skills} 人登记了职业特长，${interest} 人填写了愿意服务的岗位类别，${tenant} 人为本区党组织党员（不填所在党组织）`,
    byCategory: "志愿服务岗位（postsByCategory，按类别）",
    category: "类别",
    postCount: "岗位",
    capacity: "名额",
    claimed: "已认领",
    namedInArticle: "文章所列",
    exampleCategory: "示例类别（可配置，非文章所列）",
    agreementsLine: (n: string, running: string, progress: string) => `共建协议 ${n} 份，本日有效 ${running} 份，平均进度 ${progress}`,
    pillars: (counts: string) => `四联共建承诺：${counts}`,
    projectsLine: (n: string, done: string, running: string) => `共建项目 ${n} 个：完成 ${done} 个，在建 ${running} 个`,
    needsLine: (n: string, quantity: string, given: string, left: string) => `需求清单 ${n} 项，共需 ${quantity} 单位，项目已给 ${given}，尚缺 ${left}`,
    resourcesLine: (n: string, capacity: string, given: string, left: string) => `资源清单 ${n} 项，共可供 ${capacity} 单位，项目已用 ${given}，尚余 ${left}`,
    meetingsLine: (year: number, n: string, tasks: string, done: string, open: string, overdue: string) =>
      `${year} 年党建联席会议 ${n} 次，决定事项 ${tasks} 项：完成 ${done} · 进行中 ${open} · 逾期 ${overdue}`,
    matchNeeds: "一对一匹配：需求 ↔ 资源（matchNeeds）",
    needsSummary: (needs: string, wanted: string, resources: string, offered: string, pairs: string, units: string, total: string, exact: boolean) =>
      `${needs} 项需求尚缺 ${wanted} 单位，${resources} 项资源尚余 ${offered} 单位：匹配 ${pairs} 对、${units} 单位，总分 ${total}（${exact ? "最优解" : "候选范围内最优"}）`,
    needExample: (id: string, title: string, where: string, category: string, wanted: string, priority: number) =>
      `例：需求 ${id}「${title}」（${where} · ${category} · 尚缺 ${wanted} · 优先级 ${priority}）`,
    resourceExample: (id: string, title: string, units: string, score: number) => `← 资源 ${id}「${title}」：给 ${units} 单位，每单位 ${score} 分`,
    matchPosts: "一对一匹配：在职党员 ↔ 志愿服务岗位（matchPosts）",
    postsSummary: (members: string, posts: string, places: string, pairs: string, total: string, exact: boolean) =>
      `${members} 名未认领岗位的报到党员，${posts} 个有空位的岗位（${places} 个名额）：匹配 ${pairs} 人，总分 ${total}（${exact ? "最优解" : "候选范围内最优"}）`,
    memberExample: (id: string, where: string, skills: string, interest: string) => `例：党员 ${id}（${where} · 特长 ${skills} · 愿意 ${interest}）`,
    postExample: (id: string, title: string, team: string, category: string, score: number) => `→ 岗位 ${id}「${title}」（${team} · ${category}）：每人 ${score} 分`,
    none: "无",
    anyCategory: "不限",
    terms: { category: "类别", skills: "技能", distance: "距离", priority: "优先级" },
    passedOver: (id: string, title: string, score: number, reason: string) => `未得到 ${id}「${title}」（每单位 ${score} 分）：${reason}`,
    passedOverPost: (id: string, title: string, score: number, reason: string) => `未得到 ${id}「${title}」（每人 ${score} 分）：${reason}`,
    unserved: (units: string, reason: string) => `未满足 ${units} 单位：${reason}`,
    noMatch: "无可匹配",
    timing: (write: string, perSecond: string, read: string, match: string) =>
      `共建用时：写入 ${write} s（${perSecond} 条/秒）· 查询 ${read} s · 匹配 ${match} s`
  },
  en: {
    heading: (at: string) => `Co-construction: 双报到, agreements and two lists, volunteering and joint meetings (from the store, as of ${at})`,
    run: (commands: string, seconds: string, batch: string) =>
      `${commands} co-construction commands generated (${seconds} s), written through the CoConstructions service, ${batch}`,
    batch: (n: number) => (n <= 1 ? "one at a time" : `${Output.count(n)} a transaction`),
    articleFigures: "The article's figures and this run's",
    figure: "Figure",
    article: "Article",
    thisRun: "This run",
    note: "Note",
    input: "generator input, taken from the article",
    scaled: "generator input, the article's scaled to this district's compounds",
    scaledStreets: "generator input, the article's scaled to this district's streets",
    unitsInput: "generator input, from the article: the district's work units, all enrolled",
    postsInput: "generator input, from the article; the categories are CoConstructionConfig's 8 defaults, 2 named in the article",
    computed: "generator parameter; not in the article",
    inLedger: "in the volunteer service ledger below (LedgerReport)",
    units: "Units enrolled with streets (countUnits)",
    members: "In-service members enrolled with communities (countMembers)",
    teams: "Volunteer teams (teams)",
    posts: "Volunteer posts (postsByCategory)",
    postsFigure: (posts: string, categories: number) => `${posts} (${categories} categories)`,
    jointMeetings: "Joint meetings (jointMeetings)",
    meetingsFigure: (meetings: string, streets: number) => `${meetings} (${streets} streets)`,
    completed: "Projects completed (projects at 100 %)",
    running: "Projects running",
    agreements: "Agreements (一协议)",
    needs: "Needs list: items / units",
    resources: "Resources list: items / units",
    claims: "Posts claimed (claims)",
    services: "Services / residents served / matters done",
    servicesArticle: "3,600+ / 40,000+ / 9,200+",
    byStreet: "By street (from the store)",
    street: "Street",
    streetUnits: "Units",
    streetMembers: "Members",
    streetTeams: "Teams",
    streetMeetings: "Meetings",
    streetTasks: "Tasks done/open/overdue",
    total: "Total",
    byCommunity: "In-service members enrolled (countMembers, by community)",
    community: "Community",
    count: "Members",
    communitySpread: (least: string, median: string, most: string) => `A community: least ${least} · median ${median} · most ${most}`,
    memberDetail: (skills: string, interest: string, tenant: string) =>
      `${skills} recorded skills, ${interest} named a post category they would rather serve in, ${tenant} are members of the district's own branches (naming no organisation)`,
    byCategory: "Volunteer posts (postsByCategory, by category)",
    category: "Category",
    postCount: "Posts",
    capacity: "Places",
    claimed: "Claimed",
    namedInArticle: "named in the article",
    exampleCategory: "example category (configurable, not the article's)",
    agreementsLine: (n: string, running: string, progress: string) => `${n} agreements, ${running} running on the day, ${progress} progress on average`,
    pillars: (counts: string) => `Commitments under the four pillars: ${counts}`,
    projectsLine: (n: string, done: string, running: string) => `${n} projects: ${done} completed, ${running} running`,
    needsLine: (n: string, quantity: string, given: string, left: string) => `Needs: ${n} items asking ${quantity} units, ${given} given by projects, ${left} still wanted`,
    resourcesLine: (n: string, capacity: string, given: string, left: string) => `Resources: ${n} items offering ${capacity} units, ${given} taken by projects, ${left} left`,
    meetingsLine: (year: number, n: string, tasks: string, done: string, open: string, overdue: string) =>
      `${n} joint meetings in ${year}, ${tasks} decisions as tasks: ${done} completed · ${open} open · ${overdue} overdue`,
    matchNeeds: "一对一 matching: needs ↔ resources (matchNeeds)",
    needsSummary: (needs: string, wanted: string, resources: string, offered: string, pairs: string, units: string, total: string, exact: boolean) =>
      `${needs} needs still wanting ${wanted} units, ${resources} resources with ${offered} left: ${pairs} pairs, ${units} units, total score ${total} (${exact ? "optimal" : "optimal among the candidates"})`,
    needExample: (id: string, title: string, where: string, category: string, wanted: string, priority: number) =>
      `For example: need ${id} “${title}” (${where} · ${category} · ${wanted} wanted · priority ${priority})`,
    resourceExample: (id: string, title: string, units: string, score: number) => `← resource ${id} “${title}”: ${units} unit${units === "1" ? "" : "s"} at ${score} a unit`,
    matchPosts: "一对一 matching: in-service members ↔ volunteer posts (matchPosts)",
    postsSummary: (members: string, posts: string, places: string, pairs: string, total: string, exact: boolean) =>
      `${members} enrolled members claiming no post, ${posts} posts with free places (${places} places): ${pairs} matched, total score ${total} (${exact ? "optimal" : "optimal among the candidates"})`,
    memberExample: (id: string, where: string, skills: string, interest: string) => `For example: member ${id} (${where} · skills ${skills} · would rather serve in ${interest})`,
    postExample: (id: string, title: string, team: string, category: string, score: number) => `→ post ${id} “${title}” (${team} · ${category}): ${score} points`,
    none: "none",
    anyCategory: "any",
    terms: { category: "category", skills: "skills", distance: "distance", priority: "priority" },
    passedOver: (id: string, title: string, score: number, reason: string) => `passed over ${id} “${title}” (${score} a unit): ${reason}`,
    passedOverPost: (id: string, title: string, score: number, reason: string) => `passed over ${id} “${title}” (${score} points): ${reason}`,
    unserved: (units: string, reason: string) => `${units} unit${units === "1" ? "" : "s"} unserved: ${reason}`,
    noMatch: "nothing to match",
    timing: (write: string, perSecond: string, read: string, match: string) =>
      `Co-construction: writing ${write} s (${perSecond} commands/s) · queries ${read} s · matching ${match} s`
  }
} as const

/**
 * Writes the district's co-construction: `batchSize` commands a transaction through
 * `CoConstructions.executeAll` (1: one `execute` a command).
 *
 * @since 0.3.0
 * @category running
 */
export const write = (co: CoConstruction.GeneratedCoConstruction, batchSize: number) =>
  Effect.gen(function*() {
    const start = performance.now()
    if (batchSize <= 1) {
      const service = yield* CoConstructions.CoConstructions
      const actor = Actor.system(co.tenant)
      for (const command of co.commands) yield* service.execute(actor, command)
    } else {
      yield* CoConstruction.apply(co, { batchSize })
    }
    return performance.now() - start
  })

/** A term of a score as `points = weight × value (detail)`. */
const termText = (t: Matching.Term, label: string, lang: Output.Lang) =>
  lang === "zh" ? `${label} ${t.points} = ${t.weight} × ${t.value}（${t.detail}）` : `${label} ${t.points} = ${t.weight} × ${t.value} (${t.detail})`

/**
 * What the store answers about the district's co-construction, as printed lines.
 *
 * @since 0.3.0
 * @category reporting
 */
export const report = (
  co: CoConstruction.GeneratedCoConstruction,
  streets: ReadonlyArray<Grid.Grid>,
  timing: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number },
  lang: Output.Lang
): Effect.Effect<
  string,
  CoConstructions.CoConstructionReadError | Grids.GridReadError,
  CoConstructions.CoConstructions | Grids.Grids
> =>
  Effect.gen(function*() {
    const service = yield* CoConstructions.CoConstructions
    const grids = yield* Grids.Grids
    const actor = Actor.system(co.tenant)
    const year = co.summary.year
    const at = `${year}-12-31`
    const w = words[lang]
    const n = Output.count

    const readStart = performance.now()
    const unitCounts = yield* service.countUnits(actor, { at })
    const memberCounts = yield* service.countMembers(actor, { at })
    const members = yield* service.members(actor, { at })
    const units = yield* service.units(actor, { at })
    const teams = yield* service.teams(actor, { at })
    const byCategory = yield* service.postsByCategory(actor, { at })
    const posts = yield* service.posts(actor, { at })
    const claims = yield* service.claims(actor, { at })
    const agreements = yield* service.agreements(actor, { at })
    const projects = yield* service.projects(actor, { at })
    const needs = yield* service.needs(actor, { at })
    const resources = yield* service.resources(actor, { at })
    const meetings = yield* service.jointMeetings(actor, { from: `${year}-01-01`, to: `${year + 1}-01-01`, at })
    const communities = yield* grids.subtree(actor, { at, level: 2 })
    const readSeconds = Output.seconds(readStart)

    const matchStart = performance.now()
    const needsMatch = yield* service.matchNeeds(actor, { at })
    const postsMatch = yield* service.matchPosts(actor, { at })
    const matchSeconds = Output.seconds(matchStart)

    const sum = (xs: ReadonlyArray<{ readonly count: number }>) => xs.reduce((s, x) => s + x.count, 0)
    const inStreet = (code: string, street: Grid.Grid) => code.startsWith(street.code)
    const completed = projects.filter((p) => p.completed).length
    const tasks = meetings.flatMap((m) => m.tasks)
    const taskCount = (state: string) => tasks.filter((t) => t.state === state).length
    const categories = CoConstructionConfig.defaults.postCategories
    const categoryLabel = (key: string) => categories.find((c) => c.key === key)?.[lang] ?? key
    const o = co.options
    const a = CoConstruction.article
    const note = (key: "members" | "teams" | "posts" | "projects") => (o[key] === a[key] ? w.input : w.scaled)

    const lines: Array<string> = []
    lines.push(w.heading(at))
    lines.push(`  ${w.run(n(co.commands.length), timing.generateSeconds, w.batch(timing.batchSize))}`)
    lines.push("")

    // The article's figures beside the store's answers.
    const postTotal = byCategory.reduce((s, c) => s + c.posts, 0)
    const meetingStreets = new Set(meetings.map((m) => m.meeting.streetCode)).size
    const needUnits = needs.reduce((s, x) => s + x.item.quantity, 0)
    const resourceUnits = resources.reduce((s, x) => s + x.item.capacity, 0)
    lines.push(w.articleFigures)
    lines.push(Output.table([
      [w.figure, w.article, w.thisRun, w.note],
      [w.units, n(a.units), n(sum(unitCounts)), o.units === a.units ? w.unitsInput : w.computed],
      [w.members, n(a.members), n(sum(memberCounts)), note("members")],
      [w.teams, n(a.teams), n(teams.length), note("teams")],
      [
        w.posts,
        w.postsFigure(n(a.posts), a.postCategories),
        w.postsFigure(n(postTotal), byCategory.filter((c) => c.posts > 0).length),
        o.posts === a.posts ? w.postsInput : w.scaled
      ],
      [
        w.jointMeetings,
        w.meetingsFigure(n(a.jointMeetings), a.streets),
        w.meetingsFigure(n(meetings.length), meetingStreets),
        o.jointMeetings === a.jointMeetings ? w.input : w.scaledStreets
      ],
      [w.completed, n(a.projects), n(completed), note("projects")],
      [w.running, "—", n(projects.length - completed), w.computed],
      [w.agreements, "—", n(agreements.length), w.computed],
      [w.needs, "—", `${n(needs.length)} / ${n(needUnits)}`, w.computed],
      [w.resources, "—", `${n(resources.length)} / ${n(resourceUnits)}`, w.computed],
      [w.claims, "—", n(claims.length), w.computed],
      [w.services, w.servicesArticle, "—", w.inLedger]
    ], { textColumns: [3], header: true }))
    lines.push("")

    lines.push(w.byStreet)
    const streetRow = (label: string, pick: (code: string) => boolean) => {
      const mine = meetings.filter((m) => pick(m.meeting.streetCode))
      const states = mine.flatMap((m) => m.tasks)
      const count = (state: string) => states.filter((t) => t.state === state).length
      return [
        label,
        n(sum(unitCounts.filter((u) => pick(u.gridCode)))),
        n(sum(memberCounts.filter((m) => pick(m.gridCode)))),
        n(teams.filter((t) => pick(t.gridCode)).length),
        n(mine.length),
        `${n(count("completed"))} / ${n(count("open"))} / ${n(count("overdue"))}`
      ]
    }
    lines.push(Output.table([
      [w.street, w.streetUnits, w.streetMembers, w.streetTeams, w.streetMeetings, w.streetTasks],
      ...streets.map((s) => streetRow(`${s.name} ${s.code}`, (code) => inStreet(code, s))),
      streetRow(w.total, () => true)
    ], { header: true }))
    lines.push("")

    lines.push(w.byCommunity)
    const countOf = new Map(memberCounts.map((m) => [m.gridCode, m.count]))
    const perCommunity = communities.map((c) => ({ name: c.name, count: countOf.get(c.code) ?? 0 }))
    if (perCommunity.length <= LIST_COMMUNITIES_MAX) {
      const rows: Array<Array<string>> = []
      const half = Math.ceil(perCommunity.length / COMMUNITY_COLUMNS)
      for (let i = 0; i < half; i++) {
        const row: Array<string> = []
        for (let c = 0; c < COMMUNITY_COLUMNS; c++) {
          const x = perCommunity[i + c * half]
          if (x !== undefined) row.push(x.name, n(x.count))
        }
        rows.push(row)
      }
      lines.push(Output.table([Array.from({ length: COMMUNITY_COLUMNS }, () => [w.community, w.count]).flat(), ...rows], {
        header: true,
        textColumns: Array.from({ length: COMMUNITY_COLUMNS }, (_, c) => 2 * c)
      }))
    }
    const sizes = perCommunity.map((c) => c.count).sort((x, y) => x - y)
    if (sizes.length > 0) lines.push(`  ${w.communitySpread(n(sizes[0]!), n(sizes[Math.floor(sizes.length / 2)]!), n(sizes.at(-1)!))}`)
    lines.push(`  ${
      w.memberDetail(
        n(members.filter((m) => m.skills.length > 0).length),
        n(members.filter((m) => m.interest !== null).length),
        n(members.filter((m) => m.homeOrganisation === null).length)
      )
    }`)
    lines.push("")

    lines.push(w.byCategory)
    lines.push(Output.table([
      [w.category, w.postCount, w.capacity, w.claimed, w.note],
      ...byCategory.map((c) => [
        c[lang],
        n(c.posts),
        n(c.capacity),
        n(c.claimed),
        categories.find((x) => x.key === c.category)?.fromArticle === true ? w.namedInArticle : w.exampleCategory
      ]),
      [w.total, n(postTotal), n(byCategory.reduce((s, c) => s + c.capacity, 0)), n(byCategory.reduce((s, c) => s + c.claimed, 0)), ""]
    ], { header: true, textColumns: [4] }))
    lines.push("")

    const progress = agreements.length === 0 ? 0 : agreements.reduce((s, x) => s + x.progress, 0) / agreements.length
    lines.push(`  ${w.agreementsLine(n(agreements.length), n(agreements.filter((x) => x.running).length), `${progress.toFixed(1)} %`)}`)
    const pillars = (["organisation", "members", "resources", "matters"] as const).map((p) =>
      `${Agreement.pillarLabels[p][lang]} ${n(agreements.reduce((s, x) => s + x.agreement.commitments[p].length, 0))}`
    )
    lines.push(`  ${w.pillars(pillars.join(" · "))}`)
    lines.push(`  ${w.projectsLine(n(projects.length), n(completed), n(projects.length - completed))}`)
    const given = needs.reduce((s, x) => s + x.allocated, 0)
    lines.push(`  ${w.needsLine(n(needs.length), n(needUnits), n(given), n(needs.reduce((s, x) => s + x.remaining, 0)))}`)
    lines.push(`  ${
      w.resourcesLine(
        n(resources.length),
        n(resourceUnits),
        n(resources.reduce((s, x) => s + x.allocated, 0)),
        n(resources.reduce((s, x) => s + x.remaining, 0))
      )
    }`)
    lines.push(`  ${w.meetingsLine(year, n(meetings.length), n(tasks.length), n(taskCount("completed")), n(taskCount("open")), n(taskCount("overdue")))}`)
    lines.push("")

    // Where a grid lies, in words: its community and, below it, the grid itself.
    const communityLength = co.tenant.length + 6
    const where = (code: string) =>
      Effect.gen(function*() {
        const community = code.length > communityLength
          ? yield* grids.resolve(actor, code.slice(0, communityLength), at)
          : Option.none<Grid.Grid>()
        const grid = yield* grids.resolve(actor, code, at)
        return [community, grid].flatMap(Option.toArray).map((g) => g.name).join(" ")
      })
    const termLabel = (t: Matching.Term) => termText(t, w.terms[t.term], lang)
    // A term the policy gives no weight (priority, for posts) says nothing.
    const termsText = (ts: ReadonlyArray<Matching.Term>) => ts.filter((t) => t.weight > 0).map(termLabel).join(" · ")

    // Needs ↔ resources: one assignment explained, one that passed a better resource over when there is one.
    lines.push(w.matchNeeds)
    const needById = new Map(needs.map((x) => [x.item.id as string, x]))
    const resourceById = new Map(resources.map((x) => [x.item.id as string, x]))
    const unitName = new Map(units.map((u) => [u.creditCode as string, u.name]))
    lines.push(`  ${
      w.needsSummary(
        n(needs.filter((x) => x.remaining > 0).length),
        n(needs.reduce((s, x) => s + x.remaining, 0)),
        n(resources.filter((x) => x.remaining > 0 && unitName.has(x.item.unitCreditCode)).length),
        n(resources.filter((x) => unitName.has(x.item.unitCreditCode)).reduce((s, x) => s + x.remaining, 0)),
        n(needsMatch.assignments.length),
        n(needsMatch.assignments.reduce((s, x) => s + x.units, 0)),
        n(needsMatch.total),
        needsMatch.exact
      )
    }`)
    // The most telling: a need asking for skills, with a priority, that a better resource
    // passed over for another need. The need is shown with everything it gets.
    const asks = (x: Matching.Assignment) => {
      const need = needById.get(x.demandId)?.item
      return need !== undefined && need.skills.length > 0 && need.priority > 0
    }
    const toOthers = (x: Matching.Assignment) => x.passedOver.some((p) => p.occupants.some((o) => o.demandId !== x.demandId))
    const needExample = needsMatch.assignments.find((x) => asks(x) && toOthers(x)) ??
      needsMatch.assignments.find(toOthers) ?? needsMatch.assignments.find(asks) ?? needsMatch.assignments[0]
    if (needExample === undefined) {
      lines.push(`    ${w.noMatch}`)
    } else {
      const need = needById.get(needExample.demandId)!
      lines.push(`  ${
        w.needExample(need.item.id, need.item.title, yield* where(need.item.gridCode), need.item.category, n(need.remaining), need.item.priority)
      }`)
      const gets = needsMatch.assignments.filter((x) => x.demandId === need.item.id)
      for (const x of gets) {
        const resource = resourceById.get(x.supplyId)!
        lines.push(`    ${w.resourceExample(resource.item.id, resource.item.title, n(x.units), x.score)}`)
        lines.push(`      ${termsText(x.terms)}`)
      }
      // Each better resource it did not get (more of) once, when another need holds it.
      const passed = new Map<string, Matching.PassedOver>()
      for (const p of gets.flatMap((x) => x.passedOver)) {
        if (p.occupants.some((o) => o.demandId !== need.item.id) && !passed.has(p.supplyId)) passed.set(p.supplyId, p)
      }
      for (const p of passed.values()) {
        lines.push(`    ${w.passedOver(p.supplyId, resourceById.get(p.supplyId)?.item.title ?? "", p.score, p.reason[lang])}`)
      }
      for (const u of needsMatch.unassigned.filter((u) => u.demandId === need.item.id)) lines.push(`    ${w.unserved(n(u.units), u.reason[lang])}`)
    }
    lines.push("")

    // Members ↔ posts: one member's match explained.
    lines.push(w.matchPosts)
    const memberById = new Map(members.map((m) => [m.memberId as string, m]))
    const postById = new Map(posts.map((p) => [p.post.id as string, p]))
    const teamName = new Map(teams.map((t) => [t.id as string, t.name]))
    const busy = new Set<string>(claims.map((c) => c.memberId))
    const free = posts.filter((p) => p.post.capacity > p.claimed)
    lines.push(`  ${
      w.postsSummary(
        n(members.filter((m) => !busy.has(m.memberId)).length),
        n(free.length),
        n(free.reduce((s, p) => s + p.post.capacity - p.claimed, 0)),
        n(postsMatch.assignments.length),
        n(postsMatch.total),
        postsMatch.exact
      )
    }`)
    // A member who said what they offer and where they would serve, matched to a post that asks for a skill.
    const telling = (x: Matching.Assignment) => {
      const m = memberById.get(x.demandId)
      const p = postById.get(x.supplyId)
      return m !== undefined && p !== undefined && m.interest !== null && m.skills.length > 0 && p.post.skills.length > 0
    }
    const postExample = postsMatch.assignments.find((x) => telling(x) && x.passedOver.length > 0) ??
      postsMatch.assignments.find(telling) ?? postsMatch.assignments[0]
    if (postExample === undefined) {
      lines.push(`    ${w.noMatch}`)
    } else {
      const member = memberById.get(postExample.demandId)!
      const post = postById.get(postExample.supplyId)!
      lines.push(`  ${
        w.memberExample(
          member.memberId,
          yield* where(member.communityCode),
          member.skills.length === 0 ? w.none : member.skills.join(", "),
          member.interest === null ? w.anyCategory : categoryLabel(member.interest)
        )
      }`)
      lines.push(`    ${
        w.postExample(post.post.id, post.post.title, teamName.get(post.post.teamId) ?? post.post.teamId, categoryLabel(post.post.category), postExample.score)
      }`)
      lines.push(`      ${termsText(postExample.terms)}`)
      for (const p of postExample.passedOver) {
        lines.push(`      ${w.passedOverPost(p.supplyId, postById.get(p.supplyId)?.post.title ?? "", p.score, p.reason[lang])}`)
      }
    }
    lines.push("")

    const perSecond = timing.writeMs === 0 ? "—" : n(Math.round((co.commands.length * 1000) / timing.writeMs))
    lines.push(w.timing((timing.writeMs / 1000).toFixed(2), perSecond, readSeconds, matchSeconds))
    return lines.join("\n")
  })
