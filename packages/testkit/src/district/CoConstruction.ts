/**
 * Co-construction in a generated district (共驻共建, issue 8), as `CoConstructionCommand`
 * inputs that the `CoConstructions` service accepts in order, for the district's
 * `validFrom` year: the 双报到 enrolments, 一协议两清单 (agreements, needs and resources,
 * projects and their progress), volunteer teams, posts and claims, and the streets'
 * joint meetings (党建联席会议) with their tasks. Deterministic: the same district, party
 * and options give the same commands, byte for byte.
 *
 * Built on the district's layout and its party organisations (`Party.generate` of the
 * same district), for 桃城区 at the defaults:
 * - **197 units enrolled with their streets** (市区两级197个单位到街道报到): the
 *   district's work units (`District` option `workUnits`, the article's 197), each with
 *   the street where it lies, in January and February;
 * - **11,615 in-service members enrolled with communities** (11615名在职党员到社区报到),
 *   spread over the communities by their blocks: most come from the enrolled units and
 *   name their own party organisation (`homeOrganisation`, the unit's 党支部); some are
 *   members of the tenant's 两新 branches (the party's members, known by their
 *   membership, naming none). Some record skills (职业特长) that fit their unit's field
 *   and the post category they would rather serve in;
 * - **490 volunteer teams** (组建490支社区志愿服务队): one for each community, the rest
 *   in compounds;
 * - **100 posts in the policy's 8 categories** (8大类100个志愿服务岗位,
 *   `CoConstructionConfig.defaults`; the two the article names, 政策宣传 and 生活服务,
 *   twice as many as each of the others), on the communities' teams, some asking for a
 *   skill; members of the post's community claim some of the places (认领);
 * - an agreement (共建协议) for a year between each unit and its community's 党委 or its
 *   street's 党工委, with commitments under the four pillars (四联共建); each unit lists a
 *   resource of its field, some a venue too (资源清单); the communities list needs
 *   (需求清单), those the projects serve and more;
 * - **353 projects completed** (完成共建项目353个), each giving its agreement's unit's
 *   resource to needs the agreement's organisation serves, with progress reported to
 *   100, and a few more still running at the year's end;
 * - **46 joint meetings across the streets** (全区4个街道召开党建联席会议46次), half of
 *   them split evenly among the streets, half by the units each has, spread over the
 *   year, with the street's enrolled units present and decisions as tasks, most of them
 *   completed.
 *
 * The figures in bold are the article's (《“实”字为要重落实 “干”字当头抓服务》, 中共衡水市
 * 桃城区委组织部): inputs, scaled with the compounds (the joint meetings with the
 * streets) for a smaller district. Everything else — who comes from where, skills and
 * interests, team and post names, capacities and claims, agreements, needs, resources,
 * quantities, days, the projects still running, the tasks — is the generator's
 * assumption, each an option or a documented rule of thumb. The article's 3600余次
 * volunteer services, 4万余 residents served and 9200余件 practical matters are the
 * volunteer ledger's: `Ledger` generates the next year's service on these teams, posts
 * and members.
 *
 * @since 0.3.0
 */
import { CoConstructionCommand, CoConstructionConfig, CoConstructions, IsoDate } from "@jiceng/core"
import { Effect } from "effect"
import * as Distribute from "./Distribute.js"
import * as District from "./District.js"
import * as Names from "./Names.js"
import type * as Party from "./Party.js"
import * as Random from "./Random.js"
import { applyInBatches, checkDecodes } from "./Rows.js"
import * as Tree from "./Tree.js"

/**
 * The article's figures the generator takes as inputs (for 桃城区 at its scale).
 *
 * @since 0.3.0
 * @category constants
 */
export const article = {
  /** 市区两级197个单位到街道报到 */
  units: 197,
  /** 11615名在职党员到社区报到 */
  members: 11_615,
  /** 组建490支社区志愿服务队 */
  teams: 490,
  /** 设置了……8大类100个志愿服务岗位 */
  posts: 100,
  postCategories: 8,
  /** 全区4个街道召开党建联席会议46次 */
  jointMeetings: 46,
  streets: 4,
  /** 完成共建项目353个 */
  projects: 353,
  /** The article's 四级网格 (compounds), against which the figures above scale. */
  compounds: 355
} as const

/**
 * An inclusive range `[min, max]`.
 *
 * @since 0.3.0
 * @category models
 */
export type Range = readonly [number, number]

/**
 * Everything that shapes a district's co-construction.
 *
 * @since 0.3.0
 * @category models
 */
export interface CoConstructionOptions {
  /** Default: the district's seed. */
  readonly seed: number
  /** Units enrolled with their streets. Input from the article: 197, the district's work units (default: all of them). */
  readonly units: number
  /** In-service members enrolled with communities. Input from the article: 11,615, scaled with the compounds. */
  readonly members: number
  /** The share of the tenant's 两新 members among them, known by their membership (generator: 0.5 of those members). */
  readonly tenantMemberShare: number
  /** The share of members who record skills (generator: 0.4). */
  readonly skillShare: number
  /** The share of members who name a post category they would rather serve in (generator: 0.5). */
  readonly interestShare: number
  /** Volunteer teams: one a community, the rest in compounds. Input from the article: 490, scaled. */
  readonly teams: number
  /** Volunteer posts in the policy's categories. Input from the article: 100, scaled. */
  readonly posts: number
  /** Places of a post (generator: 2–10). */
  readonly postCapacity: Range
  /** The share of the places members claim, on average (generator: 0.6). */
  readonly claimShare: number
  /** Agreements, one a unit (generator: every enrolled unit signs one). */
  readonly agreements: number
  /** The share of agreements signed by the community's 党委 where the unit lies, the rest by the street's 党工委 (generator: 0.7). */
  readonly communityAgreementShare: number
  /** Projects completed in the year. Input from the article: 353, scaled. */
  readonly projects: number
  /** Projects still running at the year's end (generator: 12 % of the completed ones). */
  readonly projectsInProgress: number
  /** Needs no project serves, left for matching (generator: 35 % of the completed projects). */
  readonly openNeeds: number
  /** Units a resource offers beyond what its projects take (generator: 0–20). */
  readonly spareCapacity: Range
  /** The share of units that list a venue as well (generator: 0.4). */
  readonly venueShare: number
  /** Joint meetings, split among the streets (half evenly, half by their units). Input from the article: 46 for 4 streets, scaled with the streets. */
  readonly jointMeetings: number
  /** Decisions (tasks) a joint meeting (generator: 1–3). */
  readonly decisions: Range
  /** The share of tasks completed, when their day falls in the year (generator: 0.85). */
  readonly completedShare: number
}

/**
 * Any option may be left out.
 *
 * @since 0.3.0
 * @category models
 */
export type Input = Partial<CoConstructionOptions>

/**
 * A co-construction command in its encoded form (plain JSON with `_tag`).
 *
 * @since 0.3.0
 * @category models
 */
export type Command = CoConstructionCommand.Input

/**
 * What the generator put in, so that tests can compare a store's answers with it.
 * Reports read the store, never this.
 *
 * @since 0.3.0
 * @category models
 */
export interface Summary {
  readonly year: number
  /** The day the counts below hold: the last day of the year. */
  readonly at: string
  /** Units enrolled by street code. */
  readonly unitsByStreet: Readonly<Record<string, number>>
  /** Members enrolled by community code. */
  readonly membersByCommunity: Readonly<Record<string, number>>
  readonly members: {
    readonly total: number
    /** Members of the tenant's branches (no homeOrganisation). */
    readonly ofTenant: number
    readonly withSkills: number
    readonly withInterest: number
  }
  readonly teams: number
  /** Posts and their places by category key, in the policy's order. */
  readonly postsByCategory: ReadonlyArray<{ readonly category: string; readonly posts: number; readonly capacity: number; readonly claimed: number }>
  readonly claims: number
  readonly agreements: { readonly total: number; readonly byCommunity: number; readonly byStreet: number }
  readonly needs: { readonly listed: number; readonly quantity: number; readonly allocated: number }
  readonly resources: { readonly listed: number; readonly capacity: number; readonly allocated: number }
  readonly projects: { readonly completed: number; readonly inProgress: number }
  /** Joint meetings by street code. */
  readonly jointMeetingsByStreet: Readonly<Record<string, number>>
  /** The meetings' tasks as they stand on `at`. */
  readonly tasks: { readonly completed: number; readonly open: number; readonly overdue: number }
  /** Commands per tag. */
  readonly commands: Readonly<Record<string, number>>
}

/**
 * A district's co-construction commands.
 *
 * @since 0.3.0
 * @category models
 */
export interface GeneratedCoConstruction {
  readonly tenant: string
  readonly options: CoConstructionOptions
  readonly commands: ReadonlyArray<Command>
  readonly summary: Summary
}

const fail = (message: string): never => {
  throw new RangeError(`CoConstruction.generate: ${message}`)
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0

/** Team kinds below a community: a compound has at most this many teams. */
const teamKinds: ReadonlyArray<string> = ["党员先锋", "邻里互助", "平安巡逻", "文明劝导", "助老服务", "环境卫生", "红色物业", "应急救援"]

/**
 * Fills in defaults for a district (its layout gives the compounds and streets the
 * article's figures scale with, and the work units) and checks the options.
 * Impossible options throw a RangeError.
 *
 * @since 0.3.0
 * @category constructors
 */
export const resolve = (layout: District.Layout, input: Input = {}): CoConstructionOptions => {
  const compounds = layout.tree.compounds.length
  const scaled = (n: number) => Math.round((n * compounds) / article.compounds)
  const units = input.units ?? layout.workUnits.length
  const projects = input.projects ?? scaled(article.projects)
  const o: CoConstructionOptions = {
    seed: input.seed ?? layout.options.seed,
    units,
    members: input.members ?? scaled(article.members),
    tenantMemberShare: input.tenantMemberShare ?? 0.5,
    skillShare: input.skillShare ?? 0.4,
    interestShare: input.interestShare ?? 0.5,
    teams: input.teams ?? scaled(article.teams),
    posts: input.posts ?? scaled(article.posts),
    postCapacity: input.postCapacity ?? [2, 10],
    claimShare: input.claimShare ?? 0.6,
    agreements: input.agreements ?? units,
    communityAgreementShare: input.communityAgreementShare ?? 0.7,
    projects,
    projectsInProgress: input.projectsInProgress ?? Math.round(projects * 0.12),
    openNeeds: input.openNeeds ?? Math.round(projects * 0.35),
    spareCapacity: input.spareCapacity ?? [0, 20],
    venueShare: input.venueShare ?? 0.4,
    jointMeetings: input.jointMeetings ?? Math.round((article.jointMeetings * layout.tree.streets.length) / article.streets),
    decisions: input.decisions ?? [1, 3],
    completedShare: input.completedShare ?? 0.85
  }
  check(o, layout)
  return o
}

const check = (o: CoConstructionOptions, layout: District.Layout): void => {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > District.maxSeed) fail(`seed ${o.seed} is not in 0–${District.maxSeed}`)
  for (
    const key of ["units", "members", "teams", "posts", "agreements", "projects", "projectsInProgress", "openNeeds", "jointMeetings"] as const
  ) {
    if (!isCount(o[key]) || o[key] > 1_000_000) fail(`${key} ${o[key]} is not a count up to 1000000`)
  }
  for (const key of ["tenantMemberShare", "skillShare", "interestShare", "claimShare", "communityAgreementShare", "venueShare", "completedShare"] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) fail(`${key} ${o[key]} is not a share in 0–1`)
  }
  const ranges: ReadonlyArray<readonly [string, Range, number, number]> = [
    ["postCapacity", o.postCapacity, 1, 10_000],
    ["spareCapacity", o.spareCapacity, 0, 100_000],
    ["decisions", o.decisions, 0, 100]
  ]
  for (const [name, [min, max], least, most] of ranges) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < least || max < min || max > most) {
      fail(`${name} [${min}, ${max}] is not a range of whole numbers in ${least}–${most}`)
    }
  }
  if (o.units > layout.workUnits.length) fail(`units ${o.units}: the district has ${layout.workUnits.length} work units`)
  if (o.agreements > o.units) fail(`agreements ${o.agreements} exceed the units ${o.units} (one a unit)`)
  if (o.projects + o.projectsInProgress > 0 && o.agreements === 0) fail("projects need agreements to run under")
  const { communities, compounds } = layout.tree
  if (o.teams > communities.length + teamKinds.length * compounds.length) {
    fail(`teams ${o.teams}: at most one a community and ${teamKinds.length} a compound (${communities.length + teamKinds.length * compounds.length})`)
  }
  if (o.posts > 0 && o.teams === 0) fail(`${o.posts} posts need a team`)
}

// ------------------------------------------------------------------ fields

/** A field of work (a unit's, a need's): its skills and what its lists say. */
interface Field {
  readonly key: string
  /** Skills of the field, offered by its resources and members. */
  readonly skills: ReadonlyArray<string>
  /** Needs of the field: title and the skills they ask for. */
  readonly needs: ReadonlyArray<readonly [string, ReadonlyArray<string>]>
  /** The resource a unit of the field lists. */
  readonly resource: string
  /** The post category a member of the field would rather serve in. */
  readonly interest: string
}

/** The fields of units and needs: the generator's, not the article's. */
const fields: ReadonlyArray<Field> = [
  {
    key: "health",
    skills: ["medicine", "nursing"],
    needs: [["义诊进社区", ["medicine"]], ["独居老人健康随访", ["medicine"]], ["慢性病管理讲座", ["medicine"]], ["居家护理指导", ["nursing"]]],
    resource: "义诊服务队",
    interest: "care"
  },
  {
    key: "education",
    skills: ["teaching"],
    needs: [["四点半课堂课业辅导", ["teaching"]], ["暑期托管", ["teaching"]], ["家庭教育讲座", []]],
    resource: "教师志愿服务团",
    interest: "culture"
  },
  {
    key: "legal",
    skills: ["law"],
    needs: [["法律咨询", ["law"]], ["邻里纠纷调解", ["law"]], ["普法讲座", []]],
    resource: "法律服务团",
    interest: "mediation"
  },
  {
    key: "repair",
    skills: ["electrician", "plumbing"],
    needs: [["老旧小区线路检修", ["electrician"]], ["楼道照明维修", ["electrician"]], ["供暖管道检修", ["plumbing"]], ["下水管道疏通", ["plumbing"]]],
    resource: "水电暖维修服务队",
    interest: "living"
  },
  {
    key: "culture",
    skills: ["arts"],
    needs: [["社区文艺演出", ["arts"]], ["书法绘画培训", ["arts"]], ["社区图书角建设", []]],
    resource: "文化惠民服务队",
    interest: "culture"
  },
  {
    key: "employment",
    skills: ["career"],
    needs: [["就业岗位推介", []], ["职业技能培训", ["career"]]],
    resource: "就业服务专员",
    interest: "living"
  },
  {
    key: "environment",
    skills: ["gardening"],
    needs: [["小区绿化补植", ["gardening"]], ["环境卫生整治", []], ["垃圾分类宣传", []]],
    resource: "环境整治志愿队",
    interest: "environment"
  },
  {
    key: "elderly",
    skills: ["social_work"],
    needs: [["助老送餐", []], ["老年人精神关爱", ["social_work"]], ["适老化改造评估", []]],
    resource: "助老服务队",
    interest: "care"
  },
  {
    key: "safety",
    skills: ["first_aid"],
    needs: [["消防安全隐患排查", []], ["应急救护培训", ["first_aid"]], ["防汛物资储备", []]],
    resource: "安全服务队",
    interest: "emergency"
  },
  {
    key: "policy",
    skills: ["policy"],
    needs: [["惠民政策宣讲", ["policy"]], ["政务服务代办", []]],
    resource: "政策宣讲团",
    interest: "policy"
  }
]
const fieldByKey = new Map(fields.map((f) => [f.key, f]))

/** A venue a unit opens to the community (资源联享), and the needs for one. */
const venue: Field = {
  key: "venue",
  skills: [],
  needs: [["社区活动场地", []], ["党员活动室借用", []]],
  resource: "活动场地开放",
  interest: "culture"
}

/** A unit's field, from its name. */
const fieldOf = (name: string): Field => {
  const rules: ReadonlyArray<readonly [RegExp, string]> = [
    [/医院|卫生健康|疾病预防|妇幼/, "health"],
    [/中学|小学|幼儿园|教育|学校|老年大学|青少年/, "education"],
    [/法院|检察院|司法/, "legal"],
    [/水务|热力|燃气|供热|市政|住房|城市建设|城市更新|建筑/, "repair"],
    [/文化|图书馆|博物馆|融媒体|旅游/, "culture"],
    [/人力资源|就业|社会保险/, "employment"],
    [/园林|环境卫生|城市管理|自然资源/, "environment"],
    [/民政|福利院|退役军人|医疗保障/, "elderly"],
    [/应急|保安|国防/, "safety"]
  ]
  const key = rules.find(([pattern]) => pattern.test(name))?.[1] ?? "policy"
  return fieldByKey.get(key)!
}

/** Skills any member may have besides their field's. */
const commonSkills: ReadonlyArray<string> = ["driving", "photography", "it", "accounting", "first_aid"]

/** Posts by category: title and the skills it asks for. A category not listed here gets a plain post. */
const postTitles: Readonly<Record<string, ReadonlyArray<readonly [string, ReadonlyArray<string>]>>> = {
  policy: [["政策宣讲员", []], ["法律政策咨询", ["law"]], ["惠民政策代办", []]],
  living: [["家电义务维修", ["electrician"]], ["水暖维修", ["plumbing"]], ["便民理发", []], ["代买代办", []]],
  civility: [["文明劝导员", []], ["垃圾分类督导员", []], ["移风易俗宣传员", []]],
  environment: [["环境卫生清理", []], ["绿化养护", ["gardening"]], ["楼道杂物清理", []]],
  mediation: [["邻里纠纷调解员", []], ["法律援助", ["law"]]],
  care: [["独居老人探访", []], ["健康义诊", ["medicine"]], ["居家护理指导", ["nursing"]], ["心理疏导", ["social_work"]]],
  culture: [["四点半课堂辅导", ["teaching"]], ["文艺辅导", ["arts"]], ["全民健身指导", []]],
  emergency: [["应急救护", ["first_aid"]], ["防汛值守", []], ["消防安全巡查", []]]
}

/** The post categories the article names get twice the posts of the others. */
const postWeight = (category: { readonly fromArticle: boolean }) => (category.fromArticle ? 2 : 1)

const venues: ReadonlyArray<string> = ["会议室", "职工活动室", "运动场地", "图书室", "多功能厅"]
const taskTexts: ReadonlyArray<string> = [
  "协调解决老旧小区停车难问题",
  "组织在职党员开展环境卫生整治",
  "联合开展“七一”主题党日活动",
  "排查老旧小区消防安全隐患",
  "走访慰问困难党员和群众",
  "推动共建项目清单落实",
  "开展政策宣讲进小区活动",
  "为社区提供志愿服务场地",
  "组织义诊和健康讲座",
  "开展文明城市创建志愿服务"
]

// ------------------------------------------------------------------ planning

interface Unit {
  readonly creditCode: string
  readonly name: string
  readonly kind: string
  readonly street: string
  readonly community: string
  readonly sector: string
  readonly field: Field
  readonly day: number
}

interface Member {
  readonly id: string
  readonly community: string
  readonly day: number
  readonly skills: ReadonlyArray<string>
}

/** Units of a resource a project takes, and the resource. */
interface ResourcePlan {
  readonly id: string
  readonly unit: Unit
  readonly field: Field
  readonly day: number
  allocated: number
}

/**
 * Generates the co-construction of a district (a generated or planned one; only its
 * options are read) and its party organisations (`Party.generate` of the same
 * district: its street 党工委 and community 党委 sign the agreements, and members of its
 * 两新 branches enrol as the tenant's own), for the district's `validFrom` year from
 * that day on. The service refuses progress, meetings and completions after today and
 * the generator reads no clock: choose a `validFrom` whose year is over (the default,
 * 2023-01-01, is). Throws a RangeError for impossible options.
 *
 * @since 0.3.0
 * @category constructors
 */
export const generate = (
  district: { readonly options: District.DistrictOptions },
  party: { readonly commands: ReadonlyArray<Party.Command> },
  input: Input = {}
): GeneratedCoConstruction => {
  const layout = District.layout(district)
  const o = resolve(layout, input)
  const d = layout.options
  const tree = layout.tree
  const year = Number(d.validFrom.slice(0, 4))
  const jan1 = IsoDate.unsafeMake(`${d.validFrom.slice(0, 4)}-01-01`)
  const iso = (day: number): string => IsoDate.addDays(jan1, day)
  const startDay = IsoDate.daysBetween(jan1, IsoDate.unsafeMake(d.validFrom))
  const lastDay = IsoDate.daysBetween(jan1, IsoDate.unsafeMake(`${d.validFrom.slice(0, 4)}-12-31`))
  /** A day in `[lo, hi]` clamped to the year from the start; `lo` wins when they cross. */
  const clamp = (day: number) => Math.min(lastDay, Math.max(startDay, day))
  const dayIn = (r: Random.Random, lo: number, hi: number) => {
    const a = clamp(lo)
    const b = Math.max(a, clamp(hi))
    return r.between(a, b)
  }

  const root = Random.make(o.seed ^ 0xc0c0_57)
  const random = {
    units: root.fork(),
    members: root.fork(),
    volunteers: root.fork(),
    agreements: root.fork(),
    projects: root.fork(),
    meetings: root.fork()
  }

  // ---- the party's organisations: the street 党工委 and community 党委 by grid, the 两新 members
  const streetOf = (code: string) => code.slice(0, d.tenant.length + Tree.SEGMENT_WIDTH)
  const committees = new Map<string, { readonly id: string; readonly name: string }>()
  const economyOrgs = new Set<string>()
  const economyMembers: Array<string> = []
  for (const c of party.commands) {
    if (c._tag === "FormOrganisation") {
      if (c.kind === "committee" && c.sector === "community" && (c.grids ?? []).length === 1) {
        committees.set(c.grids![0]!, { id: c.id, name: c.name })
      }
      if (c.sector === "new_economy") economyOrgs.add(c.id)
    } else if (c._tag === "ArriveMember" && economyOrgs.has(c.organisationId)) {
      economyMembers.push(c.memberId)
    }
  }
  for (const street of tree.streets) {
    if (!committees.has(street.code)) fail(`the party has no 党工委 serving ${street.code}: generate it from the same district`)
  }

  // ---- 双报到: units with their streets
  const sectorParent = new Map(tree.sectors.map((s) => [s.code, s.parent]))
  const units: Array<Unit> = random.units.shuffle(layout.workUnits).slice(0, o.units).map((u) => ({
    creditCode: u.creditCode,
    name: u.name,
    kind: u.kind,
    street: streetOf(u.sectorCode),
    community: sectorParent.get(u.sectorCode)!,
    sector: u.sectorCode,
    field: fieldOf(u.name),
    day: dayIn(random.units, startDay, startDay + 58)
  }))
  units.sort((a, b) => a.day - b.day || (a.creditCode < b.creditCode ? -1 : 1))

  // ---- members with communities, in proportion to the communities' blocks
  const blocksOf = new Map<string, number>()
  for (const b of tree.blocks) blocksOf.set(Tree.communityOf(d.tenant, b.code), (blocksOf.get(Tree.communityOf(d.tenant, b.code)) ?? 0) + 1)
  const communities = tree.communities
  const perCommunity = communities.length === 0 ? [] : Distribute.allocate(
    o.members,
    communities.map((c) => blocksOf.get(c.code) ?? 1),
    { min: o.members >= communities.length ? 1 : 0, max: o.members }
  )
  const communitySlots = random.members.shuffle(communities.flatMap((c, i) => Array<string>(perCommunity[i] ?? 0).fill(c.code)))
  const ofTenant = Math.min(Math.round(economyMembers.length * o.tenantMemberShare), o.members)
  const fromUnits = o.members - ofTenant
  if (fromUnits > 0 && units.length === 0) fail(`${fromUnits} members need enrolled units to come from`)
  // Organs and institutions (schools, hospitals) have more members than enterprises.
  const kindWeight: Readonly<Record<string, number>> = { organ: 1, institution: 1.3, enterprise: 0.7 }
  const perUnit = units.length === 0 ? [] : Distribute.allocate(
    fromUnits,
    units.map((u) => (kindWeight[u.kind] ?? 1) * (0.5 + random.members.next())),
    { min: fromUnits >= units.length ? 1 : 0, max: fromUnits }
  )
  const members: Array<Member> = []
  const memberDays: Array<{ readonly day: number; readonly command: Command }> = []
  let withSkills = 0
  let withInterest = 0
  const categories = CoConstructionConfig.defaults.postCategories
  const enrol = (id: string, unit: Unit | undefined, homeOrganisation: string | null, day: number) => {
    const r = random.members
    const community = communitySlots[members.length]!
    const field = unit?.field
    const skills: Array<string> = []
    if (r.next() < o.skillShare) {
      if (field !== undefined) skills.push(r.pick(field.skills))
      if (field === undefined || r.next() < 0.3) {
        const extra = r.pick(commonSkills)
        if (!skills.includes(extra)) skills.push(extra)
      }
    }
    let interest: string | null = null
    if (r.next() < o.interestShare) {
      interest = field !== undefined && skills.length > 0 && r.next() < 0.7
        ? field.interest
        : categories[r.weighted(categories.map(postWeight))]!.key
    }
    if (skills.length > 0) withSkills++
    if (interest !== null) withInterest++
    members.push({ id, community, day, skills })
    memberDays.push({
      day,
      command: {
        _tag: "EnrolMember",
        memberId: id,
        communityCode: community,
        ...(unit === undefined ? {} : { unitCreditCode: unit.creditCode }),
        ...(homeOrganisation === null ? {} : { homeOrganisation }),
        ...(skills.length > 0 ? { skills } : {}),
        ...(interest === null ? {} : { interest }),
        at: iso(day)
      }
    })
  }
  // Branches of about 40 members each: a unit's first, second … 党支部.
  const BRANCH_SIZE = 40
  let serial = 0
  units.forEach((unit, i) => {
    const n = perUnit[i] ?? 0
    const prefix = unit.kind === "organ" ? `${unit.name}机关` : unit.name
    for (let k = 0; k < n; k++) {
      const branch = n <= BRANCH_SIZE ? `${prefix}党支部` : `${prefix}第${Names.chineseNumeral(Math.floor(k / BRANCH_SIZE) + 1)}党支部`
      serial++
      enrol(`ZZ-${Tree.pad(serial, 6)}`, unit, branch, dayIn(random.members, unit.day + 1, unit.day + 60))
    }
  })
  for (const id of random.members.shuffle(economyMembers).slice(0, ofTenant).sort()) {
    enrol(id, undefined, null, dayIn(random.members, startDay + 10, startDay + 90))
  }

  // ---- volunteer teams: one a community, the rest in compounds
  const r = random.volunteers
  const teams: Array<{ readonly grid: string; readonly community: string; readonly name: string; readonly day: number }> = []
  const communityTeams = communities.slice(0, Math.min(o.teams, communities.length))
  const compoundTeams = o.teams - communityTeams.length
  for (const c of random.volunteers.shuffle(communityTeams)) {
    teams.push({ grid: c.code, community: c.code, name: `${c.name}党员志愿服务队`, day: dayIn(r, startDay, startDay + 30) })
  }
  if (compoundTeams > 0) {
    const compounds = tree.compounds
    const blocksIn = new Map<string, number>()
    for (const b of tree.blocks) blocksIn.set(b.parent, (blocksIn.get(b.parent) ?? 0) + 1)
    const counts = Distribute.allocate(compoundTeams, compounds.map((c) => blocksIn.get(c.code) ?? 1), { min: 0, max: teamKinds.length })
    compounds.forEach((c, i) => {
      for (const kind of r.shuffle(teamKinds).slice(0, counts[i] ?? 0)) {
        teams.push({ grid: c.code, community: Tree.communityOf(d.tenant, c.code), name: `${c.name}${kind}志愿服务队`, day: dayIn(r, startDay, startDay + 75) })
      }
    })
  }
  teams.sort((a, b) => (a.grid < b.grid ? -1 : a.grid > b.grid ? 1 : a.name < b.name ? -1 : 1))
  const teamRows = teams.map((t, i) => ({ ...t, id: `T-${Tree.pad(i + 1, 4)}` }))

  // ---- posts on the communities' teams (or any team), by category
  const hosts = teamRows.filter((t) => t.grid === t.community).length > 0 ? teamRows.filter((t) => t.grid === t.community) : teamRows
  const membersIn = new Map<string, number>()
  for (const m of members) membersIn.set(m.community, (membersIn.get(m.community) ?? 0) + 1)
  const perCategory = o.posts === 0 ? categories.map(() => 0) : Distribute.allocate(
    o.posts,
    categories.map(postWeight),
    { min: o.posts >= categories.length ? 1 : 0, max: o.posts }
  )
  interface PostPlan {
    readonly id: string
    readonly team: (typeof teamRows)[number]
    readonly category: string
    readonly title: string
    readonly skills: ReadonlyArray<string>
    readonly capacity: number
    readonly day: number
  }
  const posts: Array<PostPlan> = []
  categories.forEach((category, c) => {
    const titles = postTitles[category.key] ?? [[`${category.zh}志愿服务岗`, []] as const]
    for (let k = 0; k < (perCategory[c] ?? 0); k++) {
      const team = hosts[r.weighted(hosts.map((t) => (membersIn.get(t.community) ?? 0) + 1))]!
      const [title, skills] = titles[k % titles.length]!
      posts.push({
        id: `PS-${Tree.pad(posts.length + 1, 4)}`,
        team,
        category: category.key,
        title,
        skills,
        capacity: r.between(o.postCapacity[0], o.postCapacity[1]),
        day: dayIn(r, team.day, team.day + 30)
      })
    }
  })

  // ---- claims: members of the post's community with its skills, one post each
  const byCommunity = new Map<string, Array<Member>>()
  for (const m of members) byCommunity.set(m.community, [...(byCommunity.get(m.community) ?? []), m])
  const claiming = new Set<string>()
  const claims: Array<{ readonly post: PostPlan; readonly member: Member; readonly day: number }> = []
  const claimedOf = new Map<string, number>()
  for (const post of posts) {
    const fill = Math.min(1, o.claimShare * (0.5 + r.next()))
    const wanted = Math.round(post.capacity * fill)
    const pool = r.shuffle(byCommunity.get(post.team.community) ?? [])
    let taken = 0
    for (const m of pool) {
      if (taken >= wanted) break
      if (claiming.has(m.id) || !post.skills.every((s) => m.skills.includes(s))) continue
      claiming.add(m.id)
      claims.push({ post, member: m, day: dayIn(r, Math.max(post.day, m.day), Math.max(post.day, m.day) + 45) })
      taken++
    }
    claimedOf.set(post.id, taken)
  }

  // ---- agreements, resources, needs and projects
  const ra = random.agreements
  const agreementUnits = ra.shuffle(units).slice(0, o.agreements)
  interface AgreementPlan {
    readonly id: string
    readonly unit: Unit
    readonly organisation: { readonly id: string; readonly name: string }
    /** The grid its organisation serves: the unit's community, or its street. */
    readonly grid: string
    readonly byCommunity: boolean
    readonly from: number
    readonly to: string
    readonly toDay: number
  }
  let byCommunityOrg = 0
  const agreements: Array<AgreementPlan> = agreementUnits
    .map((unit) => {
      const community = committees.get(unit.community)
      const useCommunity = community !== undefined && ra.next() < o.communityAgreementShare
      if (useCommunity) byCommunityOrg++
      const from = dayIn(ra, unit.day + 7, unit.day + 60)
      const fromIso = iso(from)
      const next = `${String(year + 1).padStart(4, "0")}${fromIso.slice(4)}`
      const to = IsoDate.isValid(next) ? next : `${String(year + 1).padStart(4, "0")}-03-01`
      return {
        unit,
        organisation: useCommunity ? community : committees.get(unit.street)!,
        grid: useCommunity ? unit.community : unit.street,
        byCommunity: useCommunity,
        from,
        to,
        toDay: IsoDate.daysBetween(jan1, IsoDate.unsafeMake(to))
      }
    })
    .sort((a, b) => a.from - b.from || (a.unit.creditCode < b.unit.creditCode ? -1 : 1))
    .map((a, i) => ({ ...a, id: `AG-${Tree.pad(i + 1, 4)}` }))

  // Each unit lists a resource of its field; some a venue too.
  const resources = new Map<string, ResourcePlan>()
  const venueResources = new Map<string, ResourcePlan>()
  let resourceSerial = 0
  const agreementOf = new Map(agreements.map((a) => [a.unit.creditCode, a]))
  for (const unit of units) {
    const a = agreementOf.get(unit.creditCode)
    const day = a !== undefined ? a.from : dayIn(ra, unit.day + 7, unit.day + 60)
    resources.set(unit.creditCode, { id: `R-${Tree.pad(++resourceSerial, 4)}`, unit, field: unit.field, day, allocated: 0 })
    if (ra.next() < o.venueShare) {
      venueResources.set(unit.creditCode, { id: `R-${Tree.pad(++resourceSerial, 4)}`, unit, field: venue, day, allocated: 0 })
    }
  }

  interface NeedPlan {
    readonly id: string
    readonly grid: string
    readonly field: Field
    readonly title: string
    readonly skills: ReadonlyArray<string>
    readonly quantity: number
    readonly priority: number
    readonly day: number
    allocated: number
  }
  const needs: Array<NeedPlan> = []
  const rp = random.projects
  const compoundsOf = new Map<string, Array<Tree.Node>>()
  for (const c of tree.compounds) {
    const key = Tree.communityOf(d.tenant, c.code)
    compoundsOf.set(key, [...(compoundsOf.get(key) ?? []), c])
  }
  const communitiesOf = new Map<string, Array<Tree.Node>>()
  for (const c of communities) communitiesOf.set(c.parent, [...(communitiesOf.get(c.parent) ?? []), c])
  /** A grid a need arises in: the community or one of its compounds. */
  const needGrid = (community: string) => {
    const compounds = compoundsOf.get(community) ?? []
    return compounds.length > 0 && rp.next() < 0.5 ? rp.pick(compounds).code : community
  }
  const newNeed = (grid: string, field: Field, day: number): NeedPlan => {
    const [title, skills] = rp.pick(field.needs)
    const need: NeedPlan = {
      id: `N-${Tree.pad(needs.length + 1, 5)}`,
      grid,
      field,
      title,
      skills,
      quantity: rp.between(4, 30),
      priority: rp.between(0, 10),
      day,
      allocated: 0
    }
    needs.push(need)
    return need
  }

  interface ProjectPlan {
    readonly id: string
    readonly agreement: AgreementPlan
    readonly title: string
    readonly allocations: ReadonlyArray<{ readonly need: NeedPlan; readonly resource: ResourcePlan; readonly units: number }>
    readonly from: number
    readonly to: number
    readonly reports: ReadonlyArray<{ readonly day: number; readonly percent: number }>
    readonly completed: boolean
  }
  const projects: Array<ProjectPlan> = []
  const totalProjects = o.projects + o.projectsInProgress
  if (totalProjects > 0) {
    const perAgreement = Distribute.allocate(
      totalProjects,
      Distribute.unevenWeights(rp, agreements.length),
      { min: totalProjects >= agreements.length ? 1 : 0, max: totalProjects }
    )
    const completedSet = new Set(rp.shuffle(Array.from({ length: totalProjects }, (_, i) => i)).slice(0, o.projects))
    let index = 0
    agreements.forEach((a, ai) => {
      const resource = resources.get(a.unit.creditCode)!
      for (let k = 0; k < (perAgreement[ai] ?? 0); k++) {
        const completed = completedSet.has(index++)
        const from = completed ? dayIn(rp, a.from, lastDay - 30) : dayIn(rp, Math.max(a.from, lastDay - 120), lastDay)
        // Needs of the grids the agreement's organisation serves, of the unit's field.
        const count = rp.next() < 0.25 ? 2 : 1
        const allocations: Array<{ need: NeedPlan; resource: ResourcePlan; units: number }> = []
        for (let j = 0; j < count; j++) {
          const community = a.byCommunity ? a.grid : rp.pick(communitiesOf.get(a.grid)!).code
          const need = newNeed(needGrid(community), resource.field, dayIn(rp, from - 45, from))
          const units = rp.next() < 0.8 ? need.quantity : rp.between(1, Math.max(1, need.quantity - 1))
          need.allocated += units
          resource.allocated += units
          allocations.push({ need, resource, units })
        }
        const reports: Array<{ day: number; percent: number }> = []
        let to: number
        if (completed) {
          const done = dayIn(rp, from + 14, from + 120)
          const steps = rp.between(0, 2)
          let percent = 0
          for (let s = 1; s <= steps; s++) {
            const day = from + Math.floor(((done - from) * s) / (steps + 1))
            percent = Math.min(95, percent + rp.between(20, 45))
            if (day > (reports.at(-1)?.day ?? from - 1) && day < done) reports.push({ day, percent })
          }
          reports.push({ day: done, percent: 100 })
          to = Math.min(a.toDay, done + rp.between(1, 30))
        } else {
          if (rp.next() < 0.85) reports.push({ day: dayIn(rp, from, lastDay), percent: rp.between(10, 90) })
          to = Math.min(a.toDay, lastDay + rp.between(30, 150))
        }
        const first = allocations[0]!.need
        projects.push({
          id: `PJ-${Tree.pad(projects.length + 1, 4)}`,
          agreement: a,
          title: `${a.unit.name}${first.title}共建项目`,
          allocations,
          from,
          to,
          reports,
          completed
        })
      }
    })
  }
  // Needs no project serves, where the members live.
  for (let k = 0; k < o.openNeeds && communities.length > 0; k++) {
    const community = communities[rp.weighted(communities.map((c) => membersIn.get(c.code) ?? 1))]!.code
    const field = rp.next() < 0.15 ? venue : rp.pick(fields)
    newNeed(needGrid(community), field, dayIn(rp, startDay + 30, lastDay))
  }

  // ---- joint meetings of each street with its enrolled units
  const rm = random.meetings
  const unitsOfStreet = new Map<string, Array<Unit>>()
  for (const u of units) unitsOfStreet.set(u.street, [...(unitsOfStreet.get(u.street) ?? []), u])
  // Half the weight a street's own, half by its units: every street meets, those with more units more often.
  const meanUnits = Math.max(1, units.length / tree.streets.length)
  const perStreet = Distribute.allocate(
    o.jointMeetings,
    tree.streets.map((s) => 1 + (unitsOfStreet.get(s.code)?.length ?? 0) / meanUnits),
    { min: o.jointMeetings >= tree.streets.length ? 1 : 0, max: o.jointMeetings }
  )
  interface MeetingPlan {
    readonly id: string
    readonly street: Tree.Node
    readonly day: number
    readonly topic: string
    readonly units: ReadonlyArray<Unit>
    readonly tasks: ReadonlyArray<{ readonly id: string; readonly text: string; readonly unit: string | null; readonly due: number; readonly done: number | undefined }>
  }
  const meetings: Array<MeetingPlan> = []
  const jointMeetingsByStreet: Record<string, number> = {}
  const taskStates = { completed: 0, open: 0, overdue: 0 }
  tree.streets.forEach((street, s) => {
    const k = perStreet[s] ?? 0
    jointMeetingsByStreet[street.code] = k
    // After the units enrolled, one in each of k even slots of the rest of the year.
    const lo = clamp(startDay + 45)
    const span = lastDay - lo + 1
    for (let j = 0; j < k; j++) {
      const day = dayIn(rm, lo + Math.floor((span * j) / k), lo + Math.floor((span * (j + 1)) / k) - 1)
      const enrolled = (unitsOfStreet.get(street.code) ?? []).filter((u) => u.day <= day)
      const present = rm.shuffle(enrolled).slice(0, Math.min(30, Math.round(enrolled.length * (0.4 + 0.5 * rm.next()))))
        .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1))
      const id = `JM-${street.code}-${Tree.pad(j + 1, 2)}`
      const tasks = Array.from({ length: rm.between(o.decisions[0], o.decisions[1]) }, (_, t) => {
        const unit = present.length > 0 && rm.next() < 0.7 ? rm.pick(present) : undefined
        const due = day + rm.between(20, 90)
        const doneDay = day + rm.between(5, due - day + 20)
        const done = rm.next() < o.completedShare && doneDay <= lastDay ? doneDay : undefined
        if (done !== undefined) taskStates.completed++
        else if (lastDay >= due) taskStates.overdue++
        else taskStates.open++
        return {
          id: `TK-${street.code}-${Tree.pad(j + 1, 2)}-${t + 1}`,
          text: unit === undefined ? rm.pick(taskTexts) : `${unit.name}：${rm.pick(taskTexts)}`,
          unit: unit?.creditCode ?? null,
          due,
          done
        }
      })
      meetings.push({ id, street, day, topic: `${street.name}${year}年第${Names.chineseNumeral(j + 1)}次党建联席会议`, units: present, tasks })
    }
  })

  // ---- commands, day by day and phase by phase
  const PHASES = 11
  const buckets = new Map<number, Array<Array<Command>>>()
  const put = (day: number, phase: number, command: Command) => {
    let b = buckets.get(day)
    if (b === undefined) buckets.set(day, b = Array.from({ length: PHASES }, () => []))
    b[phase]!.push(command)
  }
  for (const u of units) put(u.day, 0, { _tag: "EnrolUnit", creditCode: u.creditCode, name: u.name, streetCode: u.street, at: iso(u.day) })
  for (const t of teamRows) put(t.day, 1, { _tag: "FormTeam", id: t.id, name: t.name, gridCode: t.grid, at: iso(t.day) })
  for (const m of memberDays) put(m.day, 2, m.command)
  for (const a of agreements) {
    const unitOrganisation = a.unit.kind === "organ" ? `${a.unit.name}机关党委` : `${a.unit.name}党委`
    put(a.from, 3, {
      _tag: "SignAgreement",
      id: a.id,
      organisationId: a.organisation.id,
      unitCreditCode: a.unit.creditCode,
      unitOrganisation,
      from: iso(a.from),
      to: a.to,
      commitments: {
        organisation: [`${a.organisation.name}与${unitOrganisation}结对共建，每季度联合开展一次主题党日`],
        members: [`${a.unit.name}在职党员到居住地社区报到，认领志愿服务岗位`],
        resources: [`${a.unit.name}向社区开放${ra.pick(venues)}`],
        matters: [`每年为群众办实事不少于${ra.between(3, 10)}件`]
      }
    })
  }
  for (const res of [...resources.values(), ...venueResources.values()]) {
    put(res.day, 4, {
      _tag: "ListResource",
      id: res.id,
      unitCreditCode: res.unit.creditCode,
      gridCode: res.unit.sector,
      category: res.field.key,
      title: `${res.unit.name}${res.field.resource}`,
      capacity: Math.max(1, res.allocated + rp.between(o.spareCapacity[0], o.spareCapacity[1])),
      ...(res.field.skills.length > 0 ? { skills: res.field.skills } : {}),
      at: iso(res.day)
    })
  }
  for (const n of needs) {
    put(n.day, 4, {
      _tag: "ListNeed",
      id: n.id,
      gridCode: n.grid,
      category: n.field.key,
      title: n.title,
      quantity: n.quantity,
      priority: n.priority,
      ...(n.skills.length > 0 ? { skills: n.skills } : {}),
      at: iso(n.day)
    })
  }
  for (const p of posts) {
    put(p.day, 5, {
      _tag: "OpenPost",
      id: p.id,
      teamId: p.team.id,
      title: p.title,
      category: p.category,
      ...(p.skills.length > 0 ? { skills: p.skills } : {}),
      capacity: p.capacity,
      at: iso(p.day)
    })
  }
  for (const p of projects) {
    put(p.from, 6, {
      _tag: "StartProject",
      id: p.id,
      agreementId: p.agreement.id,
      title: p.title,
      allocations: p.allocations.map((x) => ({ needId: x.need.id, resourceId: x.resource.id, units: x.units })),
      from: iso(p.from),
      to: iso(p.to)
    })
    for (const report of p.reports) put(report.day, 7, { _tag: "ReportProgress", projectId: p.id, on: iso(report.day), percent: report.percent })
  }
  for (const c of claims) put(c.day, 8, { _tag: "ClaimPost", postId: c.post.id, memberId: c.member.id, at: iso(c.day) })
  for (const m of meetings) {
    put(m.day, 9, {
      _tag: "HoldJointMeeting",
      id: m.id,
      streetCode: m.street.code,
      date: iso(m.day),
      topic: m.topic,
      units: m.units.map((u) => u.creditCode),
      decisions: m.tasks.map((t) => ({ taskId: t.id, text: t.text, unitCreditCode: t.unit, due: iso(t.due) }))
    })
    for (const t of m.tasks) if (t.done !== undefined) put(t.done, 10, { _tag: "CompleteTask", taskId: t.id, at: iso(t.done) })
  }
  const commands: Array<Command> = []
  for (const day of [...buckets.keys()].sort((a, b) => a - b)) for (const phase of buckets.get(day)!) for (const c of phase) commands.push(c)
  checkDecodes("CoConstruction.generate", CoConstructionCommand.CoConstructionCommand, commands)

  // ---- the summary, on the year's last day
  const unitsByStreet: Record<string, number> = {}
  for (const s of tree.streets) unitsByStreet[s.code] = 0
  for (const u of units) unitsByStreet[u.street]!++
  const membersByCommunity: Record<string, number> = {}
  for (const m of members) membersByCommunity[m.community] = (membersByCommunity[m.community] ?? 0) + 1
  const tags: Record<string, number> = {}
  for (const c of commands) tags[c._tag] = (tags[c._tag] ?? 0) + 1
  const allResources = [...resources.values(), ...venueResources.values()]
  const capacities = commands.filter((c): c is Extract<Command, { _tag: "ListResource" }> => c._tag === "ListResource")
  return {
    tenant: d.tenant,
    options: o,
    commands,
    summary: {
      year,
      at: iso(lastDay),
      unitsByStreet,
      membersByCommunity,
      members: { total: members.length, ofTenant, withSkills, withInterest },
      teams: teamRows.length,
      postsByCategory: categories.map((c) => {
        const mine = posts.filter((p) => p.category === c.key)
        return {
          category: c.key,
          posts: mine.length,
          capacity: mine.reduce((n, p) => n + p.capacity, 0),
          claimed: mine.reduce((n, p) => n + (claimedOf.get(p.id) ?? 0), 0)
        }
      }),
      claims: claims.length,
      agreements: { total: agreements.length, byCommunity: byCommunityOrg, byStreet: agreements.length - byCommunityOrg },
      needs: {
        listed: needs.length,
        quantity: needs.reduce((n, x) => n + x.quantity, 0),
        allocated: needs.reduce((n, x) => n + x.allocated, 0)
      },
      resources: {
        listed: allResources.length,
        capacity: capacities.reduce((n, x) => n + x.capacity, 0),
        allocated: allResources.reduce((n, x) => n + x.allocated, 0)
      },
      projects: { completed: projects.filter((p) => p.completed).length, inProgress: projects.filter((p) => !p.completed).length },
      jointMeetingsByStreet,
      tasks: taskStates,
      commands: tags
    }
  }
}

/**
 * Options of {@link apply}.
 *
 * @since 0.3.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands per transaction; default 5,000 (the CoConstructions service takes at most 100,000). */
  readonly batchSize?: number
}

/**
 * Writes generated co-construction commands through the CoConstructions service as the
 * system actor, in batches of `batchSize` commands, each one transaction. Rows in
 * errors count from the first command of the whole list. The district's grids and its
 * party organisations must have been written first (`District.apply`, `Party.apply` of
 * the same district).
 *
 * @since 0.3.0
 * @category running
 */
export const apply = (
  coConstruction: { readonly tenant: string; readonly commands: ReadonlyArray<Command> },
  options: ApplyOptions = {}
): Effect.Effect<void, CoConstructions.CoConstructionWriteError, CoConstructions.CoConstructions> =>
  Effect.flatMap(CoConstructions.CoConstructions, (service) =>
    applyInBatches("CoConstruction.apply", coConstruction.tenant, coConstruction.commands, options.batchSize, service.executeAll))
