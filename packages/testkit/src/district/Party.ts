/**
 * The party organisations of a generated district (党组织), their members and a year of
 * their organisational life (三会一课), as `OrganisationCommand` inputs that the
 * `Organisations` service accepts in order. Deterministic: the same district and
 * options give the same commands, byte for byte.
 *
 * The structure, for 桃城区 at the defaults:
 * - a 街道党工委 per street (kind `committee`, no parent), serving the street's grid;
 * - a 社区党委 per community, under its street's, serving the community's grid, with
 *   2–4 community branches (党支部; some of them 联合党支部), each serving a group of
 *   the community's compounds (a joint branch: one of its sectors);
 * - **114 两新党组织** (sector `new_economy`): branches of non-public enterprises and
 *   social organisations, a few joint branches among them, in the sectors (片区) where
 *   the district's work units and office buildings lie, under the street's 党工委;
 * - **16 物业党组织** (sector `property`) serving the **65 红色物业 compounds**, under the
 *   street's 党工委;
 * - **6 新就业群体党组织** (sector `new_employment`: couriers, delivery riders,
 *   ride-hailing and truck drivers, live-streamers, domestic workers), each serving its
 *   street;
 * - **341 小区临时党支部** (kind `temporary_branch`, task kind `compound`), one in each
 *   of 341 compounds, under the community's 党委, formed in the first quarter with the
 *   year's end as the planned end of the task, whose participants (`JoinTemporary`)
 *   are members of the community's branches: the article's 平急两用 temporary
 *   branches.
 *
 * The figures in bold are the article's (《“实”字为要重落实 “干”字当头抓服务》, 中共衡水市
 * 桃城区委组织部): they are inputs, scaled with the compounds for a smaller district. The
 * article's 11,615 在职党员 reported to communities (双报到) are the co-construction
 * domain's, not generated here. Everything else — the community branches, members per
 * branch, their standing, admissions and conversions, committees, meeting days,
 * attendance, votes and the few missing meetings and size breaches — is the
 * generator's assumption, each an option.
 *
 * Members join their branch on the district's `validFrom` (`ArriveMember`: the roll as
 * the register starts; full or probationary), a probationary member converts
 * (`ConvertMember`) at a branch general meeting of the year that votes on it, and a
 * few branches admit probationary members (`AdmitMember`) at a general meeting with a
 * vote. A few branches have fewer than 3 full members, a few of 7 or more have no
 * branch committee, and a few meetings are missing, so that `Organisations.check` and
 * `Organisations.compliance` have something real to report.
 *
 * @since 0.2.0
 */
import {
  CitizenId,
  type Meeting,
  type Organisation,
  OrganisationCommand,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { Effect } from "effect"
import * as Distribute from "./Distribute.js"
import * as District from "./District.js"
import * as Names from "./Names.js"
import * as Random from "./Random.js"
import { applyInBatches, checkDecodes } from "./Rows.js"
import * as Staff from "./Staff.js"
import * as Tree from "./Tree.js"

/**
 * The article's figures the generator takes as inputs (for 桃城区 at its scale).
 *
 * @since 0.2.0
 * @category constants
 */
export const article = {
  /** 建立两新党组织114个 */
  newEconomy: 114,
  /** 组建物业党组织16个 */
  property: 16,
  /** 打造“红色物业”小区65个 */
  redPropertyCompounds: 65,
  /** 组建6个新就业群体党组织 */
  newEmployment: 6,
  /** 成立341个小区临时党支部 */
  temporaryBranches: 341,
  /** The article's 四级网格 (compounds), against which the figures above scale. */
  compounds: 355
} as const

/**
 * An inclusive range `[min, max]`.
 *
 * @since 0.2.0
 * @category models
 */
export type Range = readonly [number, number]

/**
 * Everything that shapes a district's party organisations.
 *
 * @since 0.2.0
 * @category models
 */
export interface PartyOptions {
  /** Default: the district's seed. */
  readonly seed: number
  /** 两新党组织 (sector `new_economy`). Input from the article: 114, scaled with the compounds. */
  readonly newEconomy: number
  /** Of the 两新党组织, how many are joint branches (联合党支部). Generator: 8 at 114. */
  readonly newEconomyJoint: number
  /** 物业党组织 (sector `property`). Input from the article: 16, scaled with the compounds. */
  readonly property: number
  /** The 红色物业 compounds the property organisations serve. Input from the article: 65, scaled. */
  readonly redPropertyCompounds: number
  /** 新就业群体党组织 (sector `new_employment`). Input from the article: 6, scaled. */
  readonly newEmployment: number
  /** 小区临时党支部, one per compound. Input from the article: 341, scaled (at most the compounds). */
  readonly temporaryBranches: number
  /** Branches per community (generator: 2–4). */
  readonly communityBranches: Range
  /** The chance that a community branch after the first is a joint branch (generator: 0.2). */
  readonly communityJointShare: number
  /** Members of a community branch (generator: 12–40). */
  readonly communityMembers: Range
  /** Members of a 两新 branch (generator: 3–15, mostly small) and of a joint one (5–15). */
  readonly newEconomyMembers: Range
  /** Members of a property branch (generator: 4–14). */
  readonly propertyMembers: Range
  /** Members of a new-employment branch (generator: 6–20). */
  readonly newEmploymentMembers: Range
  /** The share of the roll that is probationary when the register starts (generator: 0.06). */
  readonly probationaryShare: number
  /** The share of branches that admit 1–2 probationary members in the year (generator: 0.3). */
  readonly admissionShare: number
  /** Participants of a temporary branch (generator: 3–10), members of the community's branches. */
  readonly participants: Range
  /** Branches with fewer than 3 full members (generator: 3–5, drawn from the seed). */
  readonly underStaffed: number
  /** Branches of 7 or more full members without a branch committee (generator: 2–4, drawn). */
  readonly withoutCommittee: number
  /** Branches that elect their branch committee at a general meeting of the year (generator: 2–4, drawn). */
  readonly committeeElections: number
  /** The share of due meetings left out (generator: 0.015). */
  readonly missingShare: number
}

/**
 * Any option may be left out.
 *
 * @since 0.2.0
 * @category models
 */
export type Input = Partial<PartyOptions>

/**
 * An organisation command in its encoded form (plain JSON with `_tag`).
 *
 * @since 0.2.0
 * @category models
 */
export type Command = OrganisationCommand.Input

/**
 * What the generator put in, so that tests can compare a store's answers with it.
 * Reports read the store, never this.
 *
 * @since 0.2.0
 * @category models
 */
export interface Summary {
  /** The year of organisational life: the district's `validFrom` year. */
  readonly year: number
  /** The day the counts below hold: the last day of the year. */
  readonly at: string
  /** Organisations by kind and sector on `at`, ordered by kind then sector. */
  readonly organisations: ReadonlyArray<{ readonly kind: Organisation.OrganisationKind; readonly sector: string; readonly count: number }>
  /** Members on `at`, by standing, and participants of temporary branches. */
  readonly members: { readonly full: number; readonly probationary: number; readonly participants: number }
  /** Members and participants on `at` by street code. */
  readonly membersByStreet: Readonly<Record<string, { readonly full: number; readonly probationary: number; readonly participants: number }>>
  /** 三会一课 of the year: meetings due, held and missing (`held + missing = due`). */
  readonly meetings: { readonly due: number; readonly held: number; readonly missing: number; readonly votes: number }
  /** The size alerts `Organisations.check` gives on `at`: organisation id and rule, ordered by id then rule. */
  readonly alerts: ReadonlyArray<{ readonly organisationId: string; readonly rule: string }>
  readonly admissions: number
  readonly conversions: number
  /** Commands per tag. */
  readonly commands: Readonly<Record<string, number>>
}

/**
 * A district's party organisations, members and year of meetings.
 *
 * @since 0.2.0
 * @category models
 */
export interface GeneratedParty {
  readonly tenant: string
  readonly options: PartyOptions
  readonly commands: ReadonlyArray<Command>
  readonly summary: Summary
}

const fail = (message: string): never => {
  throw new RangeError(`Party.generate: ${message}`)
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0

/**
 * Fills in defaults for a district (its layout gives the compounds the article's
 * figures scale with) and checks the options. Impossible options throw a RangeError.
 *
 * @since 0.2.0
 * @category constructors
 */
export const resolve = (layout: District.Layout, input: Input = {}): PartyOptions => {
  const compounds = layout.tree.compounds.length
  const scaled = (n: number) => Math.round((n * compounds) / article.compounds)
  const seed = input.seed ?? layout.options.seed
  const drawn = Random.make(seed ^ 0x9a27)
  const newEconomy = input.newEconomy ?? scaled(article.newEconomy)
  const property = input.property ?? scaled(article.property)
  const o: PartyOptions = {
    seed,
    newEconomy,
    newEconomyJoint: input.newEconomyJoint ?? Math.min(newEconomy, Math.round((8 * newEconomy) / article.newEconomy)),
    property,
    redPropertyCompounds: input.redPropertyCompounds ??
      Math.min(compounds, Math.max(property, scaled(article.redPropertyCompounds))),
    newEmployment: input.newEmployment ?? scaled(article.newEmployment),
    temporaryBranches: input.temporaryBranches ?? Math.min(compounds, scaled(article.temporaryBranches)),
    communityBranches: input.communityBranches ?? [2, 4],
    communityJointShare: input.communityJointShare ?? 0.2,
    communityMembers: input.communityMembers ?? [12, 40],
    newEconomyMembers: input.newEconomyMembers ?? [3, 15],
    propertyMembers: input.propertyMembers ?? [4, 14],
    newEmploymentMembers: input.newEmploymentMembers ?? [6, 20],
    probationaryShare: input.probationaryShare ?? 0.06,
    admissionShare: input.admissionShare ?? 0.3,
    participants: input.participants ?? [3, 10],
    underStaffed: input.underStaffed ?? drawn.between(3, 5),
    withoutCommittee: input.withoutCommittee ?? drawn.between(2, 4),
    committeeElections: input.committeeElections ?? drawn.between(2, 4),
    missingShare: input.missingShare ?? 0.015
  }
  check(o, compounds)
  return o
}

const check = (o: PartyOptions, compounds: number): void => {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > District.maxSeed) fail(`seed ${o.seed} is not in 0–${District.maxSeed}`)
  for (
    const key of [
      "newEconomy",
      "newEconomyJoint",
      "property",
      "redPropertyCompounds",
      "newEmployment",
      "temporaryBranches",
      "underStaffed",
      "withoutCommittee",
      "committeeElections"
    ] as const
  ) {
    if (!isCount(o[key]) || o[key] > 9_999) fail(`${key} ${o[key]} is not a count up to 9999`)
  }
  if (o.newEconomyJoint > o.newEconomy) fail(`newEconomyJoint ${o.newEconomyJoint} exceeds newEconomy ${o.newEconomy}`)
  if (o.temporaryBranches > compounds) fail(`temporaryBranches ${o.temporaryBranches}: the district has ${compounds} compounds`)
  if (o.redPropertyCompounds > compounds) fail(`redPropertyCompounds ${o.redPropertyCompounds}: the district has ${compounds} compounds`)
  if (o.property > o.redPropertyCompounds || (o.property === 0 && o.redPropertyCompounds > 0)) {
    fail(`${o.property} property organisations cannot serve ${o.redPropertyCompounds} compounds (each serves one or more)`)
  }
  const ranges: ReadonlyArray<readonly [string, Range, number]> = [
    ["communityBranches", o.communityBranches, 1],
    ["communityMembers", o.communityMembers, 3],
    ["newEconomyMembers", o.newEconomyMembers, 3],
    ["propertyMembers", o.propertyMembers, 3],
    ["newEmploymentMembers", o.newEmploymentMembers, 3],
    ["participants", o.participants, 1]
  ]
  for (const [name, [min, max], least] of ranges) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < least || max < min || max > 999) {
      fail(`${name} [${min}, ${max}] is not a range of whole numbers from ${least} to 999`)
    }
  }
  for (const key of ["communityJointShare", "probationaryShare", "admissionShare", "missingShare"] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) fail(`${key} ${o[key]} is not in [0, 1]`)
  }
}

// ------------------------------------------------------------------ the calendar

/** The days of a year as ISO dates, and its month slots as day indexes. */
interface Calendar {
  readonly year: number
  readonly days: ReadonlyArray<string>
  /** First day index of each month, and the year's length as a 13th entry. */
  readonly monthStart: ReadonlyArray<number>
}

const calendar = (year: number): Calendar => {
  const days: Array<string> = []
  const monthStart: Array<number> = []
  for (let m = 1; m <= 12; m++) {
    monthStart.push(days.length)
    const n = new Date(Date.UTC(year, m, 0)).getUTCDate()
    for (let d = 1; d <= n; d++) days.push(`${String(year).padStart(4, "0")}-${Tree.pad(m, 2)}-${Tree.pad(d, 2)}`)
  }
  monthStart.push(days.length)
  return { year, days, monthStart }
}

/** A slot of a meeting's frequency: `[from, to)` in day indexes. */
interface Slot {
  readonly from: number
  readonly to: number
}

const slotsOf = (cal: Calendar, months: number): ReadonlyArray<Slot> =>
  Array.from({ length: 12 / months }, (_, i) => ({ from: cal.monthStart[i * months]!, to: cal.monthStart[(i + 1) * months]! }))

// ------------------------------------------------------------------ names and people

const enterpriseWords: ReadonlyArray<string> = [
  "鑫达", "创新", "恒泰", "华盛", "博远", "金诺", "瑞丰", "宏图", "德润", "安顺", "信达", "汇通",
  "天成", "众诚", "卓越", "启航", "永信", "合力", "佳和", "润邦", "中科", "百川", "正和", "嘉信",
  "智联", "云帆", "海纳", "弘毅", "远景", "同创", "新锐", "君诚", "益民", "尚品", "立信", "华腾"
]

const enterpriseKinds: ReadonlyArray<string> = [
  "科技有限公司", "电子商务有限公司", "商贸有限公司", "建筑工程有限公司", "信息技术有限公司",
  "食品有限公司", "医药连锁有限公司", "教育咨询有限公司", "文化传媒有限公司", "机械制造有限公司",
  "律师事务所", "会计师事务所", "社会工作服务中心", "养老服务中心"
]

const propertyWords: ReadonlyArray<string> = [
  "恒信", "安居", "金盾", "宜家", "嘉和", "鸿运", "安泰", "诚信", "康乐", "锦程", "中环", "绿城",
  "华庭", "明珠", "万家", "顺达", "福瑞", "盛世", "天和", "润华", "居安", "祥泰", "邦和", "宏泰",
  "佳园", "长城", "惠邦", "金鼎", "新宇", "德信"
]

const newEmploymentGroups: ReadonlyArray<string> = [
  "快递员", "外卖骑手", "网约车司机", "货车司机", "网络主播", "家政服务员"
]

const topics: Readonly<Record<Meeting.MeetingKind, ReadonlyArray<string>>> = {
  general_meeting: [
    "学习贯彻党的二十大精神", "传达学习上级党组织会议精神", "讨论支部季度工作", "学习贯彻习近平新时代中国特色社会主义思想主题教育",
    "通报党员教育管理和党费收缴情况"
  ],
  committee_meeting: ["研究支部月度工作安排", "研究党员发展和教育管理工作", "研究“一支部一实事”落实", "研究网格走访和居民诉求办理"],
  group_meeting: ["学习党章党规", "交流学习体会", "学习上级文件精神", "讨论网格走访情况"],
  party_lesson: ["书记讲党课：坚定理想信念", "专题党课：党建引领基层治理", "党课：发扬党的优良传统", "党课：学习党的二十大报告"],
  theme_day: ["主题党日：志愿服务进小区", "主题党日：重温入党誓词", "主题党日：走访慰问老党员", "主题党日：文明城市创建", "主题党日：环境卫生整治"],
  life_meeting: ["年度组织生活会暨民主评议党员"]
}

const kindCode: Readonly<Record<Meeting.MeetingKind, string>> = {
  general_meeting: "GM",
  committee_meeting: "CM",
  group_meeting: "PG",
  party_lesson: "PL",
  theme_day: "TD",
  life_meeting: "LM"
}

/** A valid 身份证号 of someone born in the years given, in the district (GB 11643-1999). */
const citizenId = (random: Random.Random, region: string, sex: Names.Sex, born: Range): string => {
  const year = random.between(born[0], born[1])
  const month = random.between(1, 12)
  const day = random.between(1, new Date(Date.UTC(year, month, 0)).getUTCDate())
  const sequence = random.int(500) * 2 + (sex === "male" ? 1 : 0)
  const first17 = `${region}${year}${Tree.pad(month, 2)}${Tree.pad(day, 2)}${Tree.pad(sequence)}`
  return first17 + CitizenId.checkCharacter(first17)
}

// ------------------------------------------------------------------ the plan

type Sector = "community" | "new_economy" | "property" | "new_employment"

interface Person {
  readonly id: string
  readonly sector: Sector
  /** Standing when the register starts (admitted members: probationary). */
  readonly standing: "full" | "probationary"
  /** Day index the member joins: the start day, or the day of their admission. */
  joinedOn: number
  /** Day index of the conversion to full membership, if in the year. */
  convertOn: number | undefined
  readonly admitted: boolean
}

interface Org {
  readonly id: string
  readonly kind: Organisation.OrganisationKind
  readonly name: string
  readonly sector: Sector
  readonly parentId: string | null
  readonly grids: ReadonlyArray<string>
  readonly street: string
  readonly community: string | undefined
  /** Branch committee from formation. */
  hasCommittee: boolean
  /** Day index of the general meeting that elects the committee, if in the year. */
  electedOn: number | undefined
  readonly roll: Array<Person>
}

/** A meeting to hold (or leave out): its kind, slot and day, and the decisions it votes on. */
interface PlannedMeeting {
  readonly org: Org
  readonly kind: Meeting.MeetingKind
  readonly slot: Slot
  readonly day: number
  readonly motions: Array<string>
  readonly after: Array<Command>
  missing: boolean
}

const holds = (o: Org) => o.kind === "branch" || o.kind === "joint_branch"

/**
 * Generates the party organisations, members and a year of meetings of a district (a
 * generated or planned one; only its options are read), for the district's
 * `validFrom` year from that day on. The service refuses meetings after today and the
 * generator reads no clock: choose a `validFrom` whose year is over (the default,
 * 2023-01-01, is). Throws a RangeError for impossible options.
 *
 * @since 0.2.0
 * @category constructors
 */
export const generate = (district: { readonly options: District.DistrictOptions }, input: Input = {}): GeneratedParty => {
  const layout = District.layout(district)
  const o = resolve(layout, input)
  const d = layout.options
  const tree = layout.tree
  const start = d.validFrom
  const year = Number(start.slice(0, 4))
  const cal = calendar(year)
  const startDay = cal.days.indexOf(start)
  const lastDay = cal.days.length - 1
  const nextYear = `${String(year + 1).padStart(4, "0")}-01-01`

  const root = Random.make(o.seed ^ 0x7a27c0)
  const random = {
    structure: root.fork(),
    roll: root.fork(),
    person: root.fork(),
    decide: root.fork(),
    meeting: root.fork(),
    temporary: root.fork()
  }

  // ---- organisations
  const orgs: Array<Org> = []
  const streetCommittee = new Map<string, Org>()
  const communityCommittee = new Map<string, Org>()
  const streetOf = (code: string) => code.slice(0, d.tenant.length + Tree.SEGMENT_WIDTH)
  const newOrg = (fields: Omit<Org, "hasCommittee" | "electedOn" | "roll">): Org => {
    const org: Org = { ...fields, hasCommittee: false, electedOn: undefined, roll: [] }
    orgs.push(org)
    return org
  }
  for (const street of tree.streets) {
    streetCommittee.set(street.code, newOrg({
      id: `O-${street.code}`,
      kind: "committee",
      name: `${street.name}党工委`,
      sector: "community",
      parentId: null,
      grids: [street.code],
      street: street.code,
      community: undefined
    }))
  }
  const compoundsOf = new Map<string, Array<Tree.Node>>()
  for (const c of tree.compounds) {
    const key = Tree.communityOf(d.tenant, c.code)
    compoundsOf.set(key, [...(compoundsOf.get(key) ?? []), c])
  }
  const sectorsOf = new Map<string, Array<Tree.Node>>()
  for (const s of tree.sectors) sectorsOf.set(s.parent, [...(sectorsOf.get(s.parent) ?? []), s])
  const sectorByCode = new Map(tree.sectors.map((s) => [s.code, s]))

  for (const community of tree.communities) {
    const committee = newOrg({
      id: `O-${community.code}`,
      kind: "committee",
      name: `${community.name}党委`,
      sector: "community",
      parentId: streetCommittee.get(community.parent)!.id,
      grids: [community.code],
      street: community.parent,
      community: community.code
    })
    communityCommittee.set(community.code, committee)
    const compounds = compoundsOf.get(community.code) ?? []
    const sectors = sectorsOf.get(community.code) ?? []
    const wanted = random.structure.between(o.communityBranches[0], o.communityBranches[1])
    let joint = 0
    for (let i = 1; i < wanted; i++) if (random.structure.next() < o.communityJointShare) joint++
    // Regular branches serve runs of the community's compounds: no more of them than compounds.
    const regular = Math.max(1, Math.min(wanted - joint, compounds.length))
    const runs = Distribute.allocate(compounds.length, Array(regular).fill(1), { min: 1, max: Tree.MAX_CHILDREN })
    let next = 0
    runs.forEach((size, i) => {
      newOrg({
        id: `O-${community.code}-${Tree.pad(i + 1, 2)}`,
        kind: "branch",
        name: `${community.name}第${Names.chineseNumeral(i + 1)}党支部`,
        sector: "community",
        parentId: committee.id,
        grids: compounds.slice(next, next + size).map((c) => c.code),
        street: community.parent,
        community: community.code
      })
      next += size
    })
    const jointSectors = random.structure.shuffle(sectors).slice(0, joint)
    jointSectors.forEach((sector, j) => {
      newOrg({
        id: `O-${community.code}-${Tree.pad(regular + j + 1, 2)}`,
        kind: "joint_branch",
        name: `${community.name}${sector.name}联合党支部`,
        sector: "community",
        parentId: committee.id,
        grids: [sector.code],
        street: community.parent,
        community: community.code
      })
    })
  }

  // 两新: in the sectors where work units and office buildings lie (any sector when none does).
  const siteSectors = Array.from(
    new Set([...layout.workUnits.map((u) => u.sectorCode), ...layout.officeBuildings.map((b) => b.sectorCode)])
  ).sort()
  const economyPool = siteSectors.length > 0 ? siteSectors : tree.sectors.map((s) => s.code)
  const enterpriseNames = Names.namer()
  const jointNames = new Set<string>()
  const city = d.city === "" ? d.name.replace(/区$/, "") : d.city.replace(/市$/, "")
  let economySectors: Array<string> = []
  const economyJoint = new Set(random.structure.shuffle(Array.from({ length: o.newEconomy }, (_, i) => i)).slice(0, o.newEconomyJoint))
  for (let k = 0; k < o.newEconomy; k++) {
    if (economySectors.length === 0) economySectors = random.structure.shuffle(economyPool)
    const sectorCode = economySectors.pop()!
    const sector = sectorByCode.get(sectorCode)!
    const street = streetOf(sectorCode)
    let name: string
    const isJoint = economyJoint.has(k)
    if (isJoint) {
      const base = `${sector.name.replace(/片区$/, "")}非公企业`
      let n = 1
      name = `${base}联合党支部`
      while (jointNames.has(name)) name = `${base}第${Names.chineseNumeral(++n)}联合党支部`
      jointNames.add(name)
    } else {
      const enterprise = enterpriseNames.take(
        random.structure,
        enterpriseWords.flatMap((w) => enterpriseKinds.map((kind) => `${city}${w}${kind}`)),
        (base, n) => `${base}第${Names.chineseNumeral(n)}分支机构`
      )
      name = `${enterprise}党支部`
    }
    newOrg({
      id: `O-NE-${Tree.pad(k + 1, 3)}`,
      kind: isJoint ? "joint_branch" : "branch",
      name,
      sector: "new_economy",
      parentId: streetCommittee.get(street)!.id,
      grids: [sectorCode],
      street,
      community: undefined
    })
  }

  // 物业: the red-property compounds, split among the property organisations street by street.
  if (o.property > 0) {
    const byStreet = tree.streets.map((s) => tree.compounds.filter((c) => c.code.startsWith(s.code)))
    const weights = byStreet.map((cs) => cs.length)
    const orgsPerStreet = Distribute.allocate(
      o.property,
      weights,
      { min: o.property >= tree.streets.length ? 1 : 0, max: Math.max(...weights) }
    )
    // Fix any street given more organisations than compounds: move them to streets with room.
    for (let s = 0; s < orgsPerStreet.length; s++) {
      while (orgsPerStreet[s]! > weights[s]!) {
        const to = orgsPerStreet.findIndex((n, t) => n < weights[t]!)
        orgsPerStreet[s]!--
        orgsPerStreet[to]!++
      }
    }
    const redPerStreet = allocateWithin(o.redPropertyCompounds, orgsPerStreet, weights)
    const propertyNames = Names.namer()
    let k = 0
    byStreet.forEach((compounds, s) => {
      const chosen = random.structure.shuffle(compounds).slice(0, redPerStreet[s]!).sort((a, b) => (a.code < b.code ? -1 : 1))
      const sizes = orgsPerStreet[s]! === 0
        ? []
        : Distribute.allocate(chosen.length, Distribute.unevenWeights(random.structure, orgsPerStreet[s]!), { min: 1, max: Tree.MAX_CHILDREN })
      let next = 0
      for (const size of sizes) {
        const company = propertyNames.take(
          random.structure,
          propertyWords.map((w) => `${city}${w}物业服务有限公司`),
          (base, n) => `${base}第${Names.chineseNumeral(n)}分公司`
        )
        k += 1
        newOrg({
          id: `O-PM-${Tree.pad(k, 3)}`,
          kind: "branch",
          name: `${company}党支部`,
          sector: "property",
          parentId: streetCommittee.get(tree.streets[s]!.code)!.id,
          grids: chosen.slice(next, next + size).map((c) => c.code),
          street: tree.streets[s]!.code,
          community: undefined
        })
        next += size
      }
    })
  }

  // 新就业群体: one group per organisation, round the streets.
  const employmentStreets = random.structure.shuffle(tree.streets)
  for (let k = 0; k < o.newEmployment; k++) {
    const street = employmentStreets[k % employmentStreets.length]!
    const group = newEmploymentGroups[k % newEmploymentGroups.length]!
    const round = Math.floor(k / newEmploymentGroups.length)
    newOrg({
      id: `O-NJ-${Tree.pad(k + 1, 3)}`,
      kind: "branch",
      name: `${street.name}${group}${round === 0 ? "" : `第${Names.chineseNumeral(round + 1)}`}党支部`,
      sector: "new_employment",
      parentId: streetCommittee.get(street.code)!.id,
      grids: [street.code],
      street: street.code,
      community: undefined
    })
  }

  // ---- rolls
  let memberSeq = 0
  const newPerson = (org: Org, standing: Person["standing"], joinedOn: number, admitted: boolean): Person => {
    memberSeq += 1
    const person: Person = {
      id: `M-${Tree.pad(memberSeq, 6)}`,
      sector: org.sector,
      standing,
      joinedOn,
      convertOn: undefined,
      admitted
    }
    org.roll.push(person)
    return person
  }
  const branches = orgs.filter(holds)
  const smallEconomy = branches.filter((b) => b.sector === "new_economy" && b.kind === "branch")
  const understaffed = new Set(
    random.roll.shuffle(smallEconomy.length >= o.underStaffed ? smallEconomy : branches).slice(0, o.underStaffed)
  )
  for (const branch of branches) {
    let size: number
    let full: number
    if (understaffed.has(branch)) {
      full = random.roll.between(1, 2)
      size = full + random.roll.between(0, 1)
    } else {
      const range = branch.sector === "community"
        ? o.communityMembers
        : branch.sector === "new_economy"
        ? branch.kind === "joint_branch" ? [Math.max(5, o.newEconomyMembers[0]), Math.max(5, o.newEconomyMembers[1])] as const : o.newEconomyMembers
        : branch.sector === "property"
        ? o.propertyMembers
        : o.newEmploymentMembers
      // Small organisations are the common case in 两新: skew towards the low end.
      const r = random.roll.next()
      size = range[0] + Math.floor((branch.sector === "new_economy" ? r * r : r) * (range[1] - range[0] + 1))
      let probationary = 0
      for (let i = 0; i < size; i++) if (random.roll.next() < o.probationaryShare) probationary++
      full = size - Math.min(probationary, size - 3)
    }
    for (let i = 0; i < size; i++) newPerson(branch, i < full ? "full" : "probationary", startDay, false)
    // Shuffle standing into the roll order so that probationary members are not always last.
    const shuffled = random.roll.shuffle(branch.roll)
    branch.roll.splice(0, branch.roll.length, ...shuffled)
  }

  // ---- the meetings due in the year, per branch
  const meetingKinds = OrganisationConfig.defaults.meetings
  const monthsOf = { month: 1, quarter: 3, half_year: 6, year: 12 } as const
  const plans: Array<PlannedMeeting> = []
  const plansOf = new Map<Org, Map<Meeting.MeetingKind, Array<PlannedMeeting>>>()
  // 主题党日 is one fixed day a month, the branch's own.
  const dayIn = (slot: Slot, lo: number, hi: number, floor: number): number => {
    const first = Math.max(slot.from, floor)
    const last = slot.to - 1
    if (first > last) return Math.max(slot.from, startDay)
    const a = Math.min(last, Math.max(first, slot.from + lo))
    const b = Math.max(a, Math.min(last, slot.from + hi))
    return random.meeting.between(a, b)
  }
  const planFor = (org: Org, kind: Meeting.MeetingKind): Array<PlannedMeeting> => {
    let byKind = plansOf.get(org)
    if (byKind === undefined) plansOf.set(org, byKind = new Map())
    let list = byKind.get(kind)
    if (list === undefined) byKind.set(kind, list = [])
    return list
  }
  const schedule = (org: Org, kind: Meeting.MeetingKind, fromDay: number, floor = startDay + 1) => {
    const s = meetingKinds[kind]
    if (s === undefined || !s.kinds.includes(org.kind)) return
    const themeDay = random.meeting.between(9, 24)
    for (const slot of slotsOf(cal, monthsOf[s.frequency])) {
      if (slot.from < fromDay) continue
      const day = kind === "theme_day"
        ? Math.max(Math.min(floor, slot.to - 1), Math.min(slot.to - 1, slot.from + themeDay))
        : kind === "committee_meeting"
        ? dayIn(slot, 0, 9, floor)
        : kind === "life_meeting"
        ? dayIn({ from: Math.max(slot.from, cal.monthStart[11]!), to: slot.to }, 0, 27, floor)
        : kind === "general_meeting"
        ? dayIn(slot, 20, slot.to - slot.from - 5, floor)
        : dayIn(slot, 3, slot.to - slot.from - 3, floor)
      const plan: PlannedMeeting = { org, kind, slot, day, motions: [], after: [], missing: false }
      plans.push(plan)
      planFor(org, kind).push(plan)
    }
  }

  // Committees: from formation for most branches whose full members reach 7 in the year;
  // a few elect theirs at a general meeting; a few have none.
  const committeeFrom = OrganisationConfig.defaults.committeeFrom
  const fullAtEnd = (b: Org) => b.roll.filter((p) => p.standing === "full").length + b.roll.filter((p) => p.standing === "probationary" && !understaffed.has(b)).length
  const large = branches.filter((b) => fullAtEnd(b) >= committeeFrom)
  const drawnLarge = random.decide.shuffle(large)
  const noCommittee = new Set(drawnLarge.slice(0, o.withoutCommittee))
  const electing = new Set(drawnLarge.slice(o.withoutCommittee, o.withoutCommittee + o.committeeElections))
  for (const b of large) if (!noCommittee.has(b) && !electing.has(b)) b.hasCommittee = true

  for (const org of branches) {
    for (const kind of ["general_meeting", "party_lesson", "group_meeting", "theme_day", "life_meeting"] as const) {
      schedule(org, kind, startDay)
    }
  }
  const general = (org: Org) => planFor(org, "general_meeting").filter((p) => p.day > startDay)

  // Elections at a general meeting after the first quarter (else the first there is).
  for (const org of branches) {
    if (!electing.has(org)) continue
    const meetings = general(org)
    // Between April and September when the year allows, so that months of 支委会 follow.
    const middle = meetings.filter((p) => p.slot.from >= cal.monthStart[3]! && p.slot.from < cal.monthStart[9]!)
    const pool = middle.length > 0 ? middle : meetings
    if (pool.length === 0) continue
    const at = random.decide.pick(pool)
    at.motions.push("选举产生支部委员会")
    at.after.push({ _tag: "SetCommittee", id: org.id, hasCommittee: true, at: cal.days[at.day]! })
    org.electedOn = at.day
  }
  for (const org of branches) {
    if (org.hasCommittee) schedule(org, "committee_meeting", startDay)
    // From the first month wholly after the election day's start (a 支委会 needs the committee on every day of its month).
    else if (org.electedOn !== undefined) schedule(org, "committee_meeting", org.electedOn, org.electedOn + 1)
  }

  // Conversions of the members probationary when the register starts, at a general
  // meeting of the year (a member of an understaffed branch converts next year).
  let conversions = 0
  for (const org of branches) {
    if (understaffed.has(org)) continue
    const meetings = general(org)
    for (const person of org.roll) {
      if (person.standing !== "probationary" || meetings.length === 0) continue
      const at = random.decide.pick(meetings)
      at.motions.push(`同意预备党员${person.id}按期转正`)
      at.after.push({ _tag: "ConvertMember", memberId: person.id, at: cal.days[at.day]! })
      person.convertOn = at.day
      conversions++
    }
  }
  // Admissions: a general meeting after the first quarter admits 1–2 probationary members.
  let admissions = 0
  for (const org of branches) {
    if (understaffed.has(org) || random.decide.next() >= o.admissionShare) continue
    const meetings = general(org).filter((p) => p.slot.from >= cal.monthStart[3]!)
    if (meetings.length === 0) continue
    const at = random.decide.pick(meetings)
    const n = random.decide.between(1, 2)
    for (let i = 0; i < n; i++) {
      const person = newPerson(org, "probationary", at.day, true)
      at.motions.push(`接收${person.id}为预备党员`)
      at.after.push({ _tag: "AdmitMember", memberId: person.id, organisationId: org.id, name: "", at: cal.days[at.day]! })
      admissions++
    }
  }
  // Some branches vote on the year's work plan at their first general meeting.
  for (const org of branches) {
    const first = general(org)[0]
    if (first !== undefined && random.decide.next() < 0.3) first.motions.unshift("审议通过支部年度工作计划")
  }
  // A few meetings are missing: never one that decides something.
  const optional = plans.filter((p) => p.motions.length === 0)
  const missingCount = Math.min(optional.length, Math.round(plans.length * o.missingShare))
  for (const p of random.decide.shuffle(optional).slice(0, missingCount)) p.missing = true

  // ---- temporary branches in compounds (平急两用)
  const temporaryCompounds = random.temporary.shuffle(tree.compounds).slice(0, o.temporaryBranches)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const communityPool = new Map<string, Array<Person>>()
  for (const org of branches) {
    if (org.sector !== "community" || org.community === undefined) continue
    const initial = org.roll.filter((p) => !p.admitted)
    communityPool.set(org.community, [...(communityPool.get(org.community) ?? []), ...initial])
  }
  const drawnPool = new Map<string, Array<Person>>()
  interface Temporary {
    readonly org: Org
    readonly day: number
    readonly participants: ReadonlyArray<Person>
  }
  const temporaries: Array<Temporary> = []
  for (const compound of temporaryCompounds) {
    const community = Tree.communityOf(d.tenant, compound.code)
    const committee = communityCommittee.get(community)!
    const formedOn = Math.min(lastDay, random.temporary.between(startDay + 1, startDay + 89))
    const org: Org = {
      id: `O-T-${compound.code}`,
      kind: "temporary_branch",
      name: `${compound.name}临时党支部`,
      sector: "community",
      parentId: committee.id,
      grids: [compound.code],
      street: streetOf(compound.code),
      community,
      hasCommittee: false,
      electedOn: undefined,
      roll: []
    }
    orgs.push(org)
    // Each member takes part in one temporary branch while the community has members left.
    const pool = communityPool.get(community) ?? []
    const wanted = Math.min(pool.length, random.temporary.between(o.participants[0], o.participants[1]))
    const chosen: Array<Person> = []
    for (let i = 0; i < wanted; i++) {
      let left = drawnPool.get(community)
      if (left === undefined || left.length === 0) drawnPool.set(community, left = random.temporary.shuffle(pool))
      let person = left.pop()!
      for (let guard = 0; chosen.includes(person) && guard < pool.length; guard++) {
        if (left.length === 0) drawnPool.set(community, left = random.temporary.shuffle(pool))
        person = left.pop()!
      }
      if (!chosen.includes(person)) chosen.push(person)
    }
    temporaries.push({ org, day: formedOn, participants: chosen })
  }

  // ---- commands, day by day: forms, arrivals, temporary branches and participation,
  // meetings, then what a meeting decided (committee, admission, conversion).
  const PHASES = 5
  const buckets: Array<Array<Array<Command>>> = cal.days.map(() => Array.from({ length: PHASES }, () => []))
  const put = (day: number, phase: number, command: Command) => void buckets[day]![phase]!.push(command)
  for (const org of orgs) {
    if (org.kind === "temporary_branch") continue
    put(startDay, 0, {
      _tag: "FormOrganisation",
      id: org.id,
      kind: org.kind,
      name: org.name,
      parentId: org.parentId,
      sector: org.sector,
      grids: org.grids,
      hasCommittee: org.hasCommittee,
      validFrom: start
    })
  }
  const personal = new Map<string, Command>()
  for (const org of branches) {
    for (const p of org.roll) {
      const sex: Names.Sex = random.person.next() < 0.5 ? "male" : "female"
      const name = Names.person(random.person, sex)
      const phone = Staff.phone(random.person)
      const born: Range = p.sector === "community" ? [1940, year - 20] : [1963, year - 20]
      const id = citizenId(random.person, d.tenant, sex, born)
      if (p.admitted) {
        personal.set(p.id, { _tag: "AdmitMember", memberId: p.id, organisationId: org.id, name, phone, citizenId: id, at: cal.days[p.joinedOn]! })
      } else {
        put(startDay, 1, { _tag: "ArriveMember", memberId: p.id, organisationId: org.id, standing: p.standing, name, phone, citizenId: id, at: start })
      }
    }
  }
  for (const t of temporaries) {
    put(t.day, 2, {
      _tag: "FormOrganisation",
      id: t.org.id,
      kind: "temporary_branch",
      name: t.org.name,
      parentId: t.org.parentId,
      sector: t.org.sector,
      grids: t.org.grids,
      task: { kind: "compound", name: t.org.name.replace(/临时党支部$/, "") },
      validFrom: cal.days[t.day]!,
      validTo: nextYear
    })
    for (const p of t.participants) put(t.day, 2, { _tag: "JoinTemporary", memberId: p.id, organisationId: t.org.id, at: cal.days[t.day]! })
  }

  // Meetings in the order of the branches and kinds, put on their days.
  const standingOn = (p: Person, day: number): "full" | "probationary" =>
    p.standing === "full" || (p.convertOn !== undefined && p.convertOn < day) ? "full" : "probationary"
  let recorded = 0
  let votes = 0
  let due = 0
  for (const plan of plans) {
    due++
    if (plan.missing) continue
    const { org, kind, day } = plan
    const roll = org.roll.filter((p) => p.joinedOn < day || (p.joinedOn === day && !p.admitted))
    const r = random.meeting
    let attendees: Array<Person>
    if (kind === "committee_meeting") {
      const initialFull = org.roll.filter((p) => p.standing === "full")
      const committee = initialFull.slice(0, initialFull.length >= 9 ? 5 : 3)
      attendees = committee.filter(() => r.next() < 0.92)
    } else if (kind === "group_meeting") {
      const groups = Math.max(1, Math.ceil(roll.length / 10))
      const g = cal.monthStart.findIndex((m) => m > day) - 1
      attendees = roll.filter((_, i) => i % groups === g % groups && r.next() < 0.9)
    } else {
      const share = kind === "general_meeting" || kind === "life_meeting" ? 0.85 + 0.15 * r.next() : 0.7 + 0.25 * r.next()
      attendees = roll.filter(() => r.next() < share)
    }
    if (attendees.length === 0 && roll.length > 0) attendees = [roll[r.int(roll.length)]!]
    const ballots: Array<{ motion: string; yes: number; no: number; abstain: number }> = []
    if (plan.motions.length > 0) {
      const entitled = roll.filter((p) => standingOn(p, day) === "full")
      // The meeting is called so that more than half of the full members attend (第二十条).
      const absent = r.shuffle(entitled.filter((p) => !attendees.includes(p)))
      while (2 * attendees.filter((p) => standingOn(p, day) === "full").length <= entitled.length && absent.length > 0) {
        attendees.push(absent.pop()!)
      }
      const present = attendees.filter((p) => standingOn(p, day) === "full").length
      for (const motion of plan.motions) {
        let no = r.next() < 0.15 ? 1 : 0
        let abstain = r.next() < 0.2 ? 1 : 0
        if (2 * (present - no - abstain) <= entitled.length) no = abstain = 0
        ballots.push({ motion, yes: present - no - abstain, no, abstain })
      }
      votes += ballots.length
    }
    const ids = attendees.map((p) => p.id).sort()
    const topic = plan.motions.length > 0 && kind === "general_meeting"
      ? `${r.pick(topics[kind])}；${plan.motions.some((m) => m.includes("预备党员")) ? "讨论党员发展和预备党员转正" : "审议支部事项"}`
      : r.pick(topics[kind])
    put(day, 3, {
      _tag: "RecordMeeting",
      id: `MT-${org.id.slice(2)}-${cal.days[day]!.replaceAll("-", "")}-${kindCode[kind]}`,
      organisationId: org.id,
      kind,
      date: cal.days[day]!,
      topic,
      attendees: ids,
      ...(ballots.length > 0 ? { votes: ballots } : {})
    })
    recorded++
    for (const c of plan.after) put(day, 4, c._tag === "AdmitMember" ? personal.get(c.memberId)! : c)
  }

  const commands: Array<Command> = []
  for (const day of buckets) for (const phase of day) for (const c of phase) commands.push(c)
  checkDecodes("Party.generate", OrganisationCommand.OrganisationCommand, commands)

  // ---- the summary, on the year's last day
  const at = cal.days[lastDay]!
  const kindCounts = new Map<string, { kind: Organisation.OrganisationKind; sector: string; count: number }>()
  for (const org of orgs) {
    const key = `${org.kind}\u0000${org.sector}`
    const known = kindCounts.get(key)
    kindCounts.set(key, { kind: org.kind, sector: org.sector, count: (known?.count ?? 0) + 1 })
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const byStreet: Record<string, { full: number; probationary: number; participants: number }> = {}
  for (const street of tree.streets) byStreet[street.code] = { full: 0, probationary: 0, participants: 0 }
  let full = 0
  let probationary = 0
  const alerts: Array<{ organisationId: string; rule: string }> = []
  for (const org of branches) {
    const counts = { full: 0, probationary: 0 }
    for (const p of org.roll) counts[standingOn(p, lastDay + 1)]++
    full += counts.full
    probationary += counts.probationary
    byStreet[org.street]!.full += counts.full
    byStreet[org.street]!.probationary += counts.probationary
    const config = OrganisationConfig.defaults
    if (counts.full < config.minFullMembers) alerts.push({ organisationId: org.id, rule: "branch.min-full-members" })
    if (counts.full >= config.committeeFrom && !org.hasCommittee && org.electedOn === undefined) {
      alerts.push({ organisationId: org.id, rule: "branch.committee-required" })
    }
    const sector = config.sectors.find((s) => s.key === org.sector)!
    const members = counts.full + counts.probationary
    if (members >= sector.committeeAt) alerts.push({ organisationId: org.id, rule: "general-branch.committee-threshold" })
    else if (members >= sector.generalBranchAt) alerts.push({ organisationId: org.id, rule: "branch.general-branch-threshold" })
  }
  let participants = 0
  for (const t of temporaries) {
    participants += t.participants.length
    byStreet[t.org.street]!.participants += t.participants.length
  }
  const tags: Record<string, number> = {}
  for (const c of commands) tags[c._tag] = (tags[c._tag] ?? 0) + 1
  return {
    tenant: d.tenant,
    options: o,
    commands,
    summary: {
      year,
      at,
      organisations: Array.from(kindCounts.values()).sort((a, b) => compare(a.kind, b.kind) || compare(a.sector, b.sector)),
      members: { full, probationary, participants },
      membersByStreet: byStreet,
      meetings: { due, held: recorded, missing: due - recorded, votes },
      alerts: alerts.sort((a, b) => compare(a.organisationId, b.organisationId) || compare(a.rule, b.rule)),
      admissions,
      conversions,
      commands: tags
    }
  }
}

/**
 * Splits `total` among streets so that a street with `orgs[s]` organisations gets at
 * least that many compounds (each organisation serves one or more) and at most its
 * compounds, by weight.
 */
const allocateWithin = (total: number, orgs: ReadonlyArray<number>, room: ReadonlyArray<number>): Array<number> => {
  const out = orgs.map((n) => n)
  let left = total - out.reduce((a, b) => a + b, 0)
  // Round-robin by remaining room: a bounded loop, one compound a step.
  for (let guard = 0; left > 0 && guard < total * orgs.length + 1; guard++) {
    let best = -1
    for (let s = 0; s < out.length; s++) {
      if (orgs[s]! === 0 || out[s]! >= room[s]!) continue
      if (best < 0 || room[s]! - out[s]! > room[best]! - out[best]!) best = s
    }
    if (best < 0) break
    out[best]!++
    left--
  }
  if (left > 0) fail(`${total} red-property compounds do not fit the streets of the property organisations`)
  return out
}

/**
 * Options of {@link apply}.
 *
 * @since 0.2.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands per transaction; default 5,000 (the Organisations service takes at most 100,000). */
  readonly batchSize?: number
}

/**
 * Writes generated party commands through the Organisations service as the system
 * actor, in batches of `batchSize` commands, each one transaction. Rows in errors count
 * from the first command of the whole list. The grids the organisations serve must
 * have been written first (`District.apply` of the same district).
 *
 * @since 0.2.0
 * @category running
 */
export const apply = (
  party: { readonly tenant: string; readonly commands: ReadonlyArray<Command> },
  options: ApplyOptions = {}
): Effect.Effect<void, Organisations.OrganisationWriteError, Organisations.Organisations> =>
  Effect.flatMap(Organisations.Organisations, (service) =>
    applyInBatches("Party.apply", party.tenant, party.commands, options.batchSize, service.executeAll))
