/**
 * Member development in two districts (发展党员 and 选育管用, issue 6), as
 * `DevelopmentCommand` inputs that the `Development` service accepts in order — with
 * the grid and organisation commands the second district needs first. Deterministic:
 * the same district, party and options give the same commands, byte for byte.
 *
 * **桃城区** (衡水市), over a generated district's grid tree and party organisations
 * (`District` and `Party` of the same district, written first): its community workers
 * (社区工作者) and their 选育管用 — the workers in post registered on the register's first
 * day (the district's `validFrom`: the communities' grids begin then, and the service
 * takes a hire on a day its community's grid is valid), a secretary (社区党组织书记), a
 * director (居委会主任) and workers in every community; the recruitment plans of the
 * article's years and the recruits hired against them; the training sessions with their
 * attendance; the social-work qualifications obtained, each worker's education and start
 * in social work chosen so that `Qualification.eligible` admits them under the default
 * policy on the day; the career moves; and the district's 双强六好 demonstration sites on
 * its 两新 organisations.
 *
 * **兰山区** (临沂市, tenant 371302), a small district of its own: its grid tree (4
 * streets, 8 communities), its new-sector party organisations — an industry 党委 for
 * live-streaming e-commerce (直播电商行业党委), one for couriers and delivery riders
 * (快递外卖行业党委) and one for road transport (道路运输行业党委), the article's 43
 * branches under them (its 网约车司机综合党支部 with its 10 driver members, formed in the
 * year) and 526 members — then the new members developed on the party ladder (a
 * `PartyPath` each, whose higher committee approves the admission in the year; the
 * branch admits them on the day of its general meeting and converts them on the day of
 * the conversion meeting, `Organisations`' AdmitMember and ConvertMember), the talent
 * chain (一线职工 → 优秀员工 → 党员 → 中层) with its middle managers, outstanding employees
 * whose applications are under way, and the year's 共产党员星级经营户 and 流动先锋, each
 * with a letter of good news (喜报) to the party organisation of their hometown, most of
 * them sent in weekly batches after the ceremony.
 *
 * The figures in bold in {@link article} (《“实”字为要重落实 “干”字当头抓服务》, 中共衡水市
 * 桃城区委组织部; 《引领新业态新就业群体“新心向党”》, 中共临沂市兰山区委组织部) are inputs:
 * for 桃城区 scaled with the compounds for a smaller district, as the other generators
 * scale theirs; for 兰山区 as they stand. Everything else — the plans' sizes (the article
 * names the years, not the numbers), how many are hired, the roll, education, the days,
 * the split of branches and members, the middle managers, the stars — is the generator's
 * assumption, each an option or said where it is drawn. Reports read the store, never
 * {@link Figures}.
 *
 * @since 0.5.0
 */
import {
  type CommunityWorker,
  Development,
  DevelopmentCommand,
  type DevelopmentService,
  type Grids,
  IsoDate,
  OrganisationCommand,
  Organisations,
  PartyLadder,
  Pathway,
  Qualification,
  TalentChain
} from "@jiceng/core"
import { Effect, Either } from "effect"
import * as PartyPath from "../arbitraries/PartyPath.js"
import * as Distribute from "./Distribute.js"
import * as District from "./District.js"
import * as Names from "./Names.js"
import type * as Party from "./Party.js"
import * as Random from "./Random.js"
import { applyInBatches, checkDecodes } from "./Rows.js"
import * as Staff from "./Staff.js"
import * as Tree from "./Tree.js"

/**
 * The articles' figures the generator takes as inputs.
 *
 * @since 0.5.0
 * @category constants
 */
export const article = {
  taocheng: {
    /** 制定2022—2025年社区工作者招录计划 */
    planYears: [2022, 2023, 2024, 2025],
    /** 分5期举办社区工作者专业能力培训班 */
    trainingSessions: 5,
    /** 累计培训450人次 */
    personTimes: 450,
    /** 取得助理社工师资格21人 */
    assistant: 21,
    /** 中级社工师资格34人 */
    intermediate: 34,
    /** 3名社区党组织书记被评为河北省“千名好支书” */
    modelSecretaries: 3,
    /** 2名社区党组织书记因实绩突出被提拔为科级干部 */
    promoted: 2,
    /** 4名社区党组织书记被转录为公务员 */
    civilService: 4,
    /** 12名社区党组织书记被纳入事业编制 */
    establishment: 12,
    /** 12名优秀社区工作者通过居民选举当选社区居委会主任 */
    electedDirectors: 12,
    /** 打造“双强六好”党建示范点42个 */
    districtSites: 42,
    /** 市级示范点5个 */
    citySites: 5,
    /** The article's 四级网格 (compounds), against which the figures above scale. */
    compounds: 355
  },
  lanshan: {
    /** 推动43个新业态党支部全覆盖 */
    branches: 43,
    /** 526名新就业群体党员 */
    members: 526,
    /** 区道路运输行业党委设立网约车司机综合党支部，将10名司机党员纳入管理 */
    rideHailingMembers: 10,
    /** 在新就业群体中新发展党员15名 */
    developed: 15,
    /** 新业态企业中层党员占比达到50%以上: at least this share. */
    managerShare: 0.5,
    /** 去年授牌表彰30名“共产党员星级经营户” */
    starMerchants: 30,
    /** 和30名“流动先锋” */
    mobileVanguards: 30
  }
} as const

/**
 * 兰山区's tenant: its GB/T 2260 code.
 *
 * @since 0.5.0
 * @category constants
 */
export const lanshanTenant = "371302"

/**
 * 兰山区's streets as the generated tree has them: four of the district's real streets
 * by name; their segments 001–004 are the generator's, not checked against the
 * 统计用区划代码.
 *
 * @since 0.5.0
 * @category constants
 */
export const lanshanStreets: ReadonlyArray<District.Street> = [
  { segment: "001", name: "兰山街道" },
  { segment: "002", name: "银雀山街道" },
  { segment: "003", name: "金雀山街道" },
  { segment: "004", name: "柳青街道" }
]

/**
 * An inclusive range `[min, max]`.
 *
 * @since 0.5.0
 * @category models
 */
export type Range = readonly [number, number]

/**
 * What shapes 桃城区's community workforce and its demonstration sites.
 *
 * @since 0.5.0
 * @category models
 */
export interface TaochengOptions {
  /** Default: the district's seed. */
  readonly seed: number
  /** The recruitment plans' years. Input from the article: 2022–2025. */
  readonly planYears: ReadonlyArray<number>
  /** Workers planned in each of `planYears`, in order. Generator's inputs (the article gives none): 36, 40, 45, 40, scaled. */
  readonly planned: ReadonlyArray<number>
  /** The share of a year's plan filled, drawn per year (generator: 0.8–1). Years before the register's first have no hires on record. */
  readonly filled: Range
  /** Workers in post besides the secretary and the director when the register starts, split by the communities' blocks (generator: 8 a community). */
  readonly workers: number
  /** The share of workers in post whose degree is in social work; recruits twice as often (generator: 0.12). */
  readonly socialWorkShare: number
  /** Training sessions (一期培训班). Input from the article: 5. */
  readonly trainingSessions: number
  /** Their attendance in all (人次). Input from the article: 450, scaled. */
  readonly personTimes: number
  /** Workers holding 助理社会工作师. Input from the article: 21, scaled. */
  readonly assistant: number
  /** Workers holding 社会工作师 (none of them the junior level as well). Input from the article: 34, scaled. */
  readonly intermediate: number
  /** Secretaries named 千名好支书. Input from the article: 3, scaled. */
  readonly modelSecretaries: number
  /** Secretaries promoted to 科级 posts. Input from the article: 2, scaled. */
  readonly promoted: number
  /** Secretaries taken into the civil service. Input from the article: 4, scaled. */
  readonly civilService: number
  /** Secretaries given a career establishment (事业编制). Input from the article: 12, scaled. */
  readonly establishment: number
  /** Workers elected residents' committee director. Input from the article: 12, scaled. */
  readonly electedDirectors: number
  /** District-level 双强六好 sites on the 两新 organisations. Input from the article: 42, scaled. */
  readonly districtSites: number
  /** City-level sites, chosen among the district-level ones. Input from the article: 5, scaled. */
  readonly citySites: number
}

/**
 * What shapes 兰山区's new sector.
 *
 * @since 0.5.0
 * @category models
 */
export interface LanshanOptions {
  /** Default: 371302. */
  readonly seed: number
  /** The year of the figures (the article's 去年; generator: 2023). The register starts two years before it; the figures are read at the next year's end. */
  readonly year: number
  /** New-sector branches under the three industry 党委. Input from the article: 43. */
  readonly branches: number
  /** Their members at the next year's end, the new members developed among them. Input from the article: 526. */
  readonly members: number
  /** Members of the 网约车司机综合党支部, formed in the year. Input from the article: 10. */
  readonly rideHailingMembers: number
  /** New members whose admission the higher committee approves in the year. Input from the article: 15. */
  readonly developed: number
  /** Middle managers on the talent chain (generator's input: 20). */
  readonly managers: number
  /** Of them, party members (generator's input: 11, so that the share is at least the article's 50%). */
  readonly memberManagers: number
  /** Frontline workers on the chain who are not yet outstanding (generator: 40). */
  readonly frontline: number
  /** Outstanding employees who have applied to join, their party tracks under way (generator: 16). */
  readonly applicants: number
  /** 共产党员星级经营户, rated 1–5 stars (drawn). Input from the article: 30. */
  readonly starMerchants: number
  /** 流动先锋. Input from the article: 30. */
  readonly mobileVanguards: number
  /**
   * Letters of good news sent (`SendHonourLetters`), in the order the honours were
   * awarded, a batch a week from the Monday after the ceremony; the rest stay pending
   * (generator: all but the last five).
   */
  readonly lettersSent: number
}

/**
 * @since 0.5.0
 * @category models
 */
export interface DevelopmentOptions {
  readonly taocheng: TaochengOptions
  readonly lanshan: LanshanOptions
}

/**
 * Any option may be left out.
 *
 * @since 0.5.0
 * @category models
 */
export interface Input {
  readonly taocheng?: Partial<TaochengOptions>
  readonly lanshan?: Partial<LanshanOptions>
}

/**
 * A development command in its encoded form (plain JSON with `_tag`).
 *
 * @since 0.5.0
 * @category models
 */
export type Command = DevelopmentCommand.Input

/**
 * What the generator put in and what follows from it, so that tests can compare the
 * service's answers with it. Reports read the store, never this.
 *
 * @since 0.5.0
 * @category models
 */
export interface Figures {
  readonly taocheng: {
    /** Workers on record at `at`, by post. */
    readonly workers: Readonly<Record<"secretary" | "director" | "worker", number>>
    /** Workers registered on the register's first day (in post before it). */
    readonly registered: number
    /** Workers hired in each plan year (the register's first day included). */
    readonly hired: Readonly<Record<number, number>>
    /** Class hours of all attendance. */
    readonly classHours: number
  }
  readonly lanshan: {
    /** Star merchants by stars. */
    readonly stars: Readonly<Record<1 | 2 | 3 | 4 | 5, number>>
    /** Party tracks under way at `at`, by stage, and those completed by then. */
    readonly pipeline: Readonly<Record<string, number>>
    readonly completed: number
    /** Talent-chain tracks by stage at `at`. */
    readonly chain: Readonly<Record<string, number>>
    /** Letters of good news still pending, and sent. */
    readonly letters: { readonly pending: number; readonly sent: number }
  }
}

/**
 * 桃城区's part: its commands, and the days its figures hold.
 *
 * @since 0.5.0
 * @category models
 */
export interface GeneratedTaocheng {
  readonly tenant: string
  /** The district's name. */
  readonly name: string
  /** The register's first day: the district's `validFrom`. Workers in post before it are registered on it. */
  readonly registerStart: string
  /** The day the figures hold: the last plan year's last day. */
  readonly at: string
  readonly commands: ReadonlyArray<Command>
}

/**
 * 兰山区's part: its grid tree, its organisation commands and its development commands.
 *
 * @since 0.5.0
 * @category models
 */
export interface GeneratedLanshan {
  readonly tenant: string
  readonly district: District.GeneratedDistrict
  readonly organisations: ReadonlyArray<OrganisationCommand.Input>
  readonly commands: ReadonlyArray<Command>
  /** The year of the figures, `[from, to)`. */
  readonly from: string
  readonly to: string
  /** The day the figures hold: the year after's last day. */
  readonly at: string
  /** A track of a member developed in the year, complete by `at`: the first approved (null when none is developed). */
  readonly shownTrack: string | null
}

/**
 * @since 0.5.0
 * @category models
 */
export interface GeneratedDevelopment {
  readonly options: DevelopmentOptions
  readonly taocheng: GeneratedTaocheng
  readonly lanshan: GeneratedLanshan
  readonly figures: Figures
}

const fail = (message: string): never => {
  throw new RangeError(`Development.generate: ${message}`)
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0

const checkCounts = <K extends string>(o: Readonly<Record<K, number>>, keys: ReadonlyArray<K>, max: number): void => {
  for (const key of keys) if (!isCount(o[key]) || o[key] > max) fail(`${key} ${o[key]} is not a count up to ${max}`)
}

/**
 * Fills in defaults (桃城区's figures scaled with the compounds of its layout) and checks
 * the options. Impossible options throw a RangeError.
 *
 * @since 0.5.0
 * @category constructors
 */
export const resolve = (layout: District.Layout, input: Input = {}): DevelopmentOptions => {
  const a = article.taocheng
  const scaled = (n: number) => Math.round((n * layout.tree.compounds.length) / a.compounds)
  const t = input.taocheng ?? {}
  const taocheng: TaochengOptions = {
    seed: t.seed ?? layout.options.seed,
    planYears: t.planYears ?? a.planYears,
    planned: t.planned ?? [36, 40, 45, 40].map(scaled),
    filled: t.filled ?? [0.8, 1],
    workers: t.workers ?? 8 * layout.tree.communities.length,
    socialWorkShare: t.socialWorkShare ?? 0.12,
    trainingSessions: t.trainingSessions ?? a.trainingSessions,
    personTimes: t.personTimes ?? scaled(a.personTimes),
    assistant: t.assistant ?? scaled(a.assistant),
    intermediate: t.intermediate ?? scaled(a.intermediate),
    modelSecretaries: t.modelSecretaries ?? scaled(a.modelSecretaries),
    promoted: t.promoted ?? scaled(a.promoted),
    civilService: t.civilService ?? scaled(a.civilService),
    establishment: t.establishment ?? scaled(a.establishment),
    electedDirectors: t.electedDirectors ?? scaled(a.electedDirectors),
    districtSites: t.districtSites ?? scaled(a.districtSites),
    citySites: t.citySites ?? scaled(a.citySites)
  }
  const b = article.lanshan
  const l = input.lanshan ?? {}
  const lanshan: LanshanOptions = {
    seed: l.seed ?? Number(lanshanTenant),
    year: l.year ?? 2023,
    branches: l.branches ?? b.branches,
    members: l.members ?? b.members,
    rideHailingMembers: l.rideHailingMembers ?? b.rideHailingMembers,
    developed: l.developed ?? b.developed,
    managers: l.managers ?? 20,
    memberManagers: l.memberManagers ?? 11,
    frontline: l.frontline ?? 40,
    applicants: l.applicants ?? 16,
    starMerchants: l.starMerchants ?? b.starMerchants,
    mobileVanguards: l.mobileVanguards ?? b.mobileVanguards,
    lettersSent: l.lettersSent ?? Math.max(0, (l.starMerchants ?? b.starMerchants) + (l.mobileVanguards ?? b.mobileVanguards) - 5)
  }
  check({ taocheng, lanshan }, layout)
  return { taocheng, lanshan }
}

/** Members a 兰山区 branch holds when the register starts: enough to name introducers, short of a 党总支. */
const BRANCH_SIZE: Range = [5, 40]

const check = ({ lanshan: l, taocheng: t }: DevelopmentOptions, layout: District.Layout): void => {
  for (const seed of [t.seed, l.seed]) if (!Number.isInteger(seed) || seed < 0 || seed > District.maxSeed) fail(`seed ${seed} is not in 0–${District.maxSeed}`)
  checkCounts(t, [
    "workers", "trainingSessions", "personTimes", "assistant", "intermediate", "modelSecretaries", "promoted",
    "civilService", "establishment", "electedDirectors", "districtSites", "citySites"
  ], 100_000)
  const first = Number(layout.options.validFrom.slice(0, 4))
  const years = t.planYears
  if (years.length === 0 || years.length !== t.planned.length) fail(`planYears and planned must be as long as each other, and not empty`)
  if (years.some((y, i) => !Number.isInteger(y) || y < 2000 || y > 2100 || (i > 0 && y <= years[i - 1]!))) fail(`planYears ${years.join(", ")} are not ascending years 2000–2100`)
  if (years.at(-1)! < first) fail(`the plans end in ${years.at(-1)}, before the register starts (${layout.options.validFrom})`)
  if (t.planned.some((n) => !isCount(n) || n > 100_000)) fail(`planned ${t.planned.join(", ")}: counts up to 100000`)
  if (!(t.filled[0] >= 0 && t.filled[0] <= t.filled[1] && t.filled[1] <= 1)) fail(`filled [${t.filled.join(", ")}] is not a range within [0, 1]`)
  if (!(t.socialWorkShare >= 0 && t.socialWorkShare <= 1)) fail(`socialWorkShare ${t.socialWorkShare} is not in [0, 1]`)
  const secretaries = layout.tree.communities.length
  const moves = t.modelSecretaries + t.promoted + t.civilService + t.establishment
  if (moves > secretaries) fail(`${moves} secretaries' moves, but ${secretaries} communities (one secretary each)`)
  if (t.electedDirectors > t.workers) fail(`electedDirectors ${t.electedDirectors} exceed the workers ${t.workers}`)
  if (t.assistant + t.intermediate > t.workers + 2 * secretaries) fail(`${t.assistant + t.intermediate} qualified workers exceed the roll`)
  if (t.citySites > t.districtSites) fail(`citySites ${t.citySites}: chosen among the ${t.districtSites} district-level sites`)
  if (t.personTimes < t.trainingSessions) fail(`personTimes ${t.personTimes}: each of ${t.trainingSessions} sessions needs an attendee`)

  checkCounts(l, [
    "branches", "members", "rideHailingMembers", "developed", "managers", "memberManagers", "frontline", "applicants",
    "starMerchants", "mobileVanguards", "lettersSent"
  ], 10_000)
  if (l.lettersSent > l.starMerchants + l.mobileVanguards) fail(`lettersSent ${l.lettersSent}: one letter a star merchant or mobile vanguard, ${l.starMerchants + l.mobileVanguards} in all`)
  if (!Number.isInteger(l.year) || l.year < 2002 || l.year > 9997) fail(`year ${l.year} is not a year 2002–9997`)
  if (l.branches < 4) fail(`branches ${l.branches}: each of the three industry 党委 needs one, and the 网约车 branch one more`)
  const arriving = l.members - l.developed - l.rideHailingMembers
  const others = l.branches - 1
  if (arriving < others * BRANCH_SIZE[0] || arriving > others * BRANCH_SIZE[1]) {
    fail(`${arriving} members arriving (members less the developed and the 网约车 branch's) do not fit ${others} branches of ${BRANCH_SIZE[0]}–${BRANCH_SIZE[1]}`)
  }
  if (l.rideHailingMembers < 3 || l.rideHailingMembers > BRANCH_SIZE[1]) fail(`rideHailingMembers ${l.rideHailingMembers} is not in 3–${BRANCH_SIZE[1]}`)
  if (l.memberManagers > l.managers) fail(`memberManagers ${l.memberManagers} exceed the managers ${l.managers}`)
}

// ------------------------------------------------------------------ days

const day = (s: string): IsoDate.IsoDate => IsoDate.unsafeMake(s)

/** A day in `[from, to]`, uniformly. */
const dayIn = (random: Random.Random, from: IsoDate.IsoDate, to: IsoDate.IsoDate): IsoDate.IsoDate =>
  to <= from ? from : IsoDate.addDays(from, random.int(IsoDate.daysBetween(from, to) + 1))

const yearStart = (year: number) => day(`${String(year).padStart(4, "0")}-01-01`)
const yearEnd = (year: number) => day(`${String(year).padStart(4, "0")}-12-31`)
const later = (a: IsoDate.IsoDate, b: IsoDate.IsoDate) => (a > b ? a : b)
/** A command and the day it happens, to put commands in the order of their days. */
interface Dated<C> {
  readonly when: string
  readonly command: C
}

/** The commands by day; those of one day in the order given (the sort is stable). */
const inOrder = <C>(xs: ReadonlyArray<Dated<C>>): Array<C> =>
  [...xs].sort((x, y) => (x.when < y.when ? -1 : x.when > y.when ? 1 : 0)).map((x) => x.command)

// ------------------------------------------------------------------ 桃城区

interface Worker {
  readonly id: string
  readonly name: string
  readonly phone: string
  readonly communityCode: string
  readonly post: "secretary" | "director" | "worker"
  readonly hiredOn: IsoDate.IsoDate
  education: Qualification.Education
  socialWorkSince: IsoDate.IsoDate
}

const degreeWeights: Readonly<Record<Worker["post"] | "recruit", ReadonlyArray<number>>> = {
  // secondary, associate, bachelor, master, doctor
  secretary: [0, 0.4, 0.55, 0.05, 0],
  director: [0.05, 0.45, 0.48, 0.02, 0],
  worker: [0.08, 0.47, 0.42, 0.03, 0],
  recruit: [0, 0.35, 0.6, 0.05, 0]
}
const degrees: ReadonlyArray<Qualification.Degree> = ["secondary", "associate", "bachelor", "master", "doctor"]

/** The first year of social work, by post: secretaries the longest in it. */
const startYears: Readonly<Record<Worker["post"], Range>> = { secretary: [2003, 2016], director: [2005, 2018], worker: [2008, 2022] }

const moveNotes: Readonly<Record<CommunityWorker.MoveKind, string>> = {
  "model-secretary": "被评为河北省“千名好支书”",
  promoted: "因实绩突出被提拔为科级干部",
  "civil-service": "被转录为公务员",
  establishment: "被纳入事业编制",
  "elected-director": "通过居民选举当选社区居委会主任"
}

/**
 * Makes a holder eligible for `level` on `on` under the default policy: the start in
 * social work moved back a whole year at a time, as little as it takes (a degree below
 * 大专 is raised to 大专 for the intermediate level, which 高中或中专 reaches only through
 * the junior one, and no holder here holds both).
 */
const fit = (worker: Worker, level: Qualification.Level, on: IsoDate.IsoDate): void => {
  if (level === "intermediate" && worker.education.degree === "secondary") worker.education = { ...worker.education, degree: "associate" }
  const eligible = () =>
    Either.isRight(Qualification.eligible(Qualification.defaults, level, { education: worker.education, socialWorkSince: worker.socialWorkSince, holdings: [] }, on))
  for (let years = 0; !eligible() && years <= 12; years++) {
    const since = IsoDate.addDays(IsoDate.addMonths(on, -12 * years), -1)
    if (since < worker.socialWorkSince) worker.socialWorkSince = since
  }
  if (!eligible()) fail(`no start in social work makes ${worker.id} eligible for ${level} on ${on}`)
}

const taochengPart = (
  layout: District.Layout,
  party: { readonly commands: ReadonlyArray<Party.Command> },
  o: TaochengOptions
): { readonly part: GeneratedTaocheng; readonly figures: Figures["taocheng"] } => {
  const tenant = layout.options.tenant
  const tree = layout.tree
  const start = day(layout.options.validFrom)
  const startYear = Number(start.slice(0, 4))
  const at = yearEnd(o.planYears.at(-1)!)
  const root = Random.make(o.seed ^ 0xde7e10)
  const random = { roll: root.fork(), hires: root.fork(), training: root.fork(), qualifications: root.fork(), moves: root.fork(), sites: root.fork() }

  const workers: Array<Worker> = []
  const newWorker = (r: Random.Random, communityCode: string, post: Worker["post"], hiredOn: IsoDate.IsoDate, recruit: boolean): Worker => {
    const sex: Names.Sex = r.next() < (post === "worker" ? 0.7 : 0.45) ? "female" : "male"
    const degree = degrees[r.weighted(degreeWeights[recruit ? "recruit" : post])]!
    const socialWork = r.next() < (recruit ? 2 * o.socialWorkShare : o.socialWorkShare)
    const [from, to] = startYears[post]
    const socialWorkSince = recruit
      ? r.next() < 0.8 ? hiredOn : dayIn(r, IsoDate.addMonths(hiredOn, -72), IsoDate.addDays(hiredOn, -1))
      : dayIn(r, yearStart(from), later(yearStart(from), IsoDate.addDays(yearStart(Math.min(to, startYear - 1) + 1), -1)))
    const worker: Worker = {
      id: `SG-${Tree.pad(workers.length + 1, 5)}`,
      name: Names.person(r, sex),
      phone: Staff.phone(r),
      communityCode,
      post,
      hiredOn,
      education: { degree, socialWork },
      socialWorkSince
    }
    workers.push(worker)
    return worker
  }

  // ---- the roll as the register starts: a secretary, a director and workers by the community's blocks
  const communities = tree.communities
  const blocksOf = new Map<string, number>()
  for (const b of tree.blocks) {
    const c = Tree.communityOf(tenant, b.code)
    blocksOf.set(c, (blocksOf.get(c) ?? 0) + 1)
  }
  const weights = communities.map((c) => blocksOf.get(c.code) ?? 1)
  const perCommunity = Distribute.allocate(o.workers, weights, { min: 0, max: o.workers })
  communities.forEach((c, i) => {
    newWorker(random.roll, c.code, "secretary", start, false)
    newWorker(random.roll, c.code, "director", start, false)
    for (let k = 0; k < perCommunity[i]!; k++) newWorker(random.roll, c.code, "worker", start, false)
  })
  const registered = workers.length

  // ---- the plans, and the recruits hired against them (none before the register's first year)
  const hired: Record<number, number> = {}
  const plans: Array<Command> = []
  o.planYears.forEach((year, i) => {
    plans.push({ _tag: "PlanRecruitment", gridCode: tenant, year, planned: o.planned[i]! })
    hired[year] = year === startYear ? registered : 0
    if (year < startYear) return
    const [lo, hi] = o.filled
    const n = Math.round(o.planned[i]! * (lo + (hi - lo) * random.hires.next()))
    // Recruited by examination in the summer, in post from July to October.
    const from = later(day(`${year}-07-01`), IsoDate.addDays(start, 1))
    const to = later(from, day(`${year}-10-31`))
    for (let k = 0; k < n; k++) {
      const community = communities[random.hires.weighted(weights)]!
      newWorker(random.hires, community.code, "worker", dayIn(random.hires, from, to), true)
    }
    hired[year] = hired[year]! + n
  })
  const hiredBy = (d: IsoDate.IsoDate) => workers.filter((w) => w.hiredOn <= d)

  // ---- training: the sessions spread over the plans' years from the register's start, the person-times split among them
  const sessions: Array<Command> = []
  let classHours = 0
  const span = IsoDate.daysBetween(start, at)
  const shares = Distribute.allocate(o.personTimes, Distribute.unevenWeights(random.training, o.trainingSessions), { min: 1, max: o.personTimes })
  shares.forEach((n, k) => {
    const from = IsoDate.addDays(start, Math.floor((span * (2 * k + 1)) / (2 * o.trainingSessions)))
    const days = random.training.between(3, 5)
    const to = IsoDate.addDays(from, days - 1)
    const pool = hiredBy(from)
    if (pool.length < n) fail(`training session ${k + 1} wants ${n} attendees; ${pool.length} workers are hired by ${from}`)
    const attendees = random.training.shuffle(pool).slice(0, n).map((w) => w.id).sort()
    const hours = days * 8
    classHours += n * hours
    sessions.push({
      _tag: "RecordTraining",
      id: `TR-${from.slice(0, 4)}-${Tree.pad(k + 1, 2)}`,
      title: `${layout.options.name}社区工作者专业能力培训班（第${Names.chineseNumeral(k + 1)}期）`,
      gridCode: tenant,
      from,
      to,
      hours,
      attendees
    })
  })

  // ---- qualifications: the results of a year's examination, each holder fitted to a route of the default policy
  const resultDays = o.planYears.filter((y) => y >= startYear).map((y) => day(`${y}-09-20`)).filter((d) => d <= at)
  const qualifications: Array<Dated<Command>> = []
  const holders = new Set<Worker>()
  const qualify = (level: Qualification.Level, count: number) => {
    for (let k = 0; k < count; k++) {
      const on = random.qualifications.pick(resultDays)
      const pool = hiredBy(on).filter((w) => !holders.has(w))
      if (pool.length === 0) fail(`no worker left to obtain ${level} on ${on}`)
      const worker = random.qualifications.pick(pool)
      holders.add(worker)
      fit(worker, level, on)
      qualifications.push({
        when: on,
        command: {
          _tag: "RecordQualification",
          workerId: worker.id,
          level,
          obtainedOn: on,
          certificate: `${level === "assistant" ? "ZL" : "ZJ"}${on.slice(0, 4)}${Tree.pad(qualifications.length + 1, 5)}`
        }
      })
    }
  }
  if (resultDays.length === 0) fail(`no examination day between the register's start and ${at}`)
  qualify("assistant", o.assistant)
  qualify("intermediate", o.intermediate)

  // ---- career moves: distinct secretaries in post when the register starts; elected directors among its workers
  const moves: Array<Dated<Command>> = []
  const move = (worker: Worker, kind: CommunityWorker.MoveKind) => {
    const on = dayIn(random.moves, IsoDate.addDays(worker.hiredOn, 60), at)
    moves.push({ when: on, command: { _tag: "RecordCareerMove", id: `MV-${Tree.pad(moves.length + 1, 4)}`, workerId: worker.id, kind, on, note: moveNotes[kind] } })
  }
  const secretaries = random.moves.shuffle(workers.filter((w) => w.post === "secretary"))
  const kinds: ReadonlyArray<readonly [CommunityWorker.MoveKind, number]> = [
    ["model-secretary", o.modelSecretaries],
    ["promoted", o.promoted],
    ["civil-service", o.civilService],
    ["establishment", o.establishment]
  ]
  for (const [kind, n] of kinds) for (let k = 0; k < n; k++) move(secretaries.pop()!, kind)
  const electable = random.moves.shuffle(workers.filter((w) => w.post === "worker" && w.hiredOn === start))
  if (electable.length < o.electedDirectors) fail(`electedDirectors ${o.electedDirectors}: ${electable.length} workers in post when the register starts`)
  for (let k = 0; k < o.electedDirectors; k++) move(electable[k]!, "elected-director")

  // ---- 双强六好 sites on the 两新 organisations (物业 ones when those run short), valid from their formation on
  const forms = party.commands.filter((c): c is Extract<Party.Command, { _tag: "FormOrganisation" }> => c._tag === "FormOrganisation")
  const pool = ["new_economy", "property"].flatMap((sector) =>
    random.sites.shuffle(forms.filter((f) => f.sector === sector && f.kind !== "temporary_branch" && (f.validTo ?? null) === null)))
  if (pool.length < o.districtSites) fail(`districtSites ${o.districtSites}: the party has ${pool.length} 两新 and 物业 organisations`)
  const sites: Array<Dated<Command>> = []
  const site = (form: (typeof pool)[number], level: "district" | "city", on: IsoDate.IsoDate) =>
    sites.push({
      when: on,
      command: {
        _tag: "Recognise",
        id: `HS-${Tree.pad(sites.length + 1, 4)}`,
        kind: "model-site",
        organisationId: form.id,
        level,
        criteria: "对标“双强六好”标准（班子强、队伍强）评定的两新组织党建示范点",
        awardedBy: level === "district" ? "中共衡水市桃城区委组织部" : "中共衡水市委组织部",
        awardedOn: on
      }
    })
  const chosen = pool.slice(0, o.districtSites).map((form) => ({ form, on: dayIn(random.sites, later(day(form.validFrom), IsoDate.addDays(start, 90)), yearEnd(startYear)) }))
  for (const c of chosen) site(c.form, "district", c.on)
  for (const c of random.sites.shuffle(chosen).slice(0, o.citySites)) site(c.form, "city", dayIn(random.sites, IsoDate.addDays(c.on, 60), at))

  const hires: Array<Command> = workers.map((w) => ({
    _tag: "HireWorker",
    id: w.id,
    name: w.name,
    phone: w.phone,
    communityCode: w.communityCode,
    post: w.post,
    hiredOn: w.hiredOn,
    education: w.education,
    socialWorkSince: w.socialWorkSince
  }))
  const commands = [...hires, ...plans, ...sessions, ...inOrder(qualifications), ...inOrder(moves), ...inOrder(sites)]
  const byPost = { secretary: 0, director: 0, worker: 0 }
  for (const w of workers) byPost[w.post]++
  return {
    part: { tenant, name: layout.options.name, registerStart: start, at, commands },
    figures: { workers: byPost, registered, hired, classHours }
  }
}

// ------------------------------------------------------------------ 兰山区

const industries = [
  { key: "ZB", name: "兰山区直播电商行业党委", weight: 1 },
  { key: "KW", name: "兰山区快递外卖行业党委", weight: 1.1 },
  { key: "DY", name: "兰山区道路运输行业党委", weight: 1 }
] as const

const tradeWords: ReadonlyArray<string> = [
  "鲁南", "沂蒙", "金源", "华兴", "润丰", "恒达", "鑫盛", "宏远", "顺通", "亿家", "聚福", "天鸿", "嘉禾", "众联", "同心", "启航",
  "安达", "汇丰", "诚信", "永盛", "蒙山", "沂河", "祥和", "兴隆"
]

const branchNames: Readonly<Record<(typeof industries)[number]["key"], ReadonlyArray<string>>> = {
  ZB: tradeWords.flatMap((w) => [`临沂商城${w}市场直播电商党支部`, `临沂${w}电子商务有限公司党支部`]),
  KW: tradeWords.flatMap((w) => [`${w}快递兰山分拨中心党支部`, `${w}外卖兰山配送站党支部`]),
  DY: tradeWords.flatMap((w) => [`临沂${w}物流有限公司党支部`, `临沂${w}运输有限公司货车司机党支部`])
}

/** Where the honoured merchants come from: counties of 临沂 and beyond, as their hometown's party organisation names them. */
const hometownCounties: ReadonlyArray<readonly [string, string]> = [
  ["山东省", "沂南县"], ["山东省", "费县"], ["山东省", "平邑县"], ["山东省", "蒙阴县"], ["山东省", "郯城县"], ["山东省", "兰陵县"],
  ["山东省", "莒南县"], ["山东省", "沂水县"], ["山东省", "临沭县"], ["江苏省", "邳州市"], ["江苏省", "新沂市"], ["河南省", "永城市"]
]
/** Towns and villages are drawn from common words: the hometowns are not real places. */
const townWords: ReadonlyArray<string> = ["东风", "红旗", "新华", "前进", "和平", "向阳", "兴隆", "太平", "永安", "长青", "双河", "三里"]
const villageWords: ReadonlyArray<string> = ["王家", "东庄", "西岭", "南坡", "北沟", "刘家", "李家", "后峪", "前河", "张家", "孟家", "新村"]

interface LsBranch {
  readonly id: string
  readonly name: string
  readonly industry: (typeof industries)[number]["key"]
  readonly street: string
  readonly formedOn: IsoDate.IsoDate
  /** Members who arrive with the register (full). */
  readonly arrived: Array<string>
  /** Admitted members: the day admitted, and the day converted (if by `at`). */
  readonly admitted: Array<{ readonly id: string; readonly on: IsoDate.IsoDate; readonly converted: IsoDate.IsoDate | undefined }>
}

/**
 * Those entitled to vote on a person at a branch meeting on a day, as the Development
 * service counts them: the branch's full members as the organisation store will hold
 * them (a conversion counts from its day), less the person voted on.
 */
const entitledOn = (b: LsBranch, d: IsoDate.IsoDate, person: string): number =>
  (b.formedOn <= d ? b.arrived.length : 0) + b.admitted.filter((m) => m.converted !== undefined && m.converted <= d && m.id !== person).length

/** A branch general meeting's count, with a quorum and more than half of those entitled voting yes. */
const voteOf = (random: Random.Random, entitled: number): PartyPath.Names["vote"] => {
  const absent = random.int(Math.ceil(entitled / 2))
  const present = entitled - absent
  let no = random.next() < 0.15 ? 1 : 0
  let abstain = random.next() < 0.15 ? 1 : 0
  if (2 * (present - no - abstain) <= entitled) no = abstain = 0
  return { present, yes: present - no - abstain, no, abstain }
}

/** The birth date a 身份证号 carries. */
const bornOf = (citizenId: string) => `${citizenId.slice(6, 10)}-${citizenId.slice(10, 12)}-${citizenId.slice(12, 14)}`

/** The furthest step each track of the commands reached, by the ladder's numbers: what its stage is once replayed. */
const furthestSteps = (commands: ReadonlyArray<Command>, ladder: Pathway.Ladder): Array<Pathway.Step> => {
  const furthest = new Map<string, Pathway.Step>()
  for (const c of commands) {
    if (c._tag !== "OpenTrack" && c._tag !== "RecordStep") continue
    const track = c._tag === "OpenTrack" ? c.id : c.trackId
    const step = c._tag === "OpenTrack" ? ladder.steps[0]! : Pathway.stepOf(ladder, c.step)!
    const known = furthest.get(track)
    if (known === undefined || step.number > known.number) furthest.set(track, step)
  }
  return Array.from(furthest.values())
}

const lanshanPart = (o: LanshanOptions): { readonly part: GeneratedLanshan; readonly figures: Figures["lanshan"] } => {
  const tenant = lanshanTenant
  const validFrom = yearStart(o.year - 2)
  const from = yearStart(o.year)
  const to = yearStart(o.year + 1)
  const at = yearEnd(o.year + 1)
  const district = District.generate({
    seed: o.seed,
    tenant,
    name: "兰山区",
    city: "临沂市",
    streets: lanshanStreets,
    communities: 8,
    sectors: 12,
    compounds: 24,
    blocks: 72,
    households: 72 * 20,
    workers: 24,
    extraAssignments: 8,
    workUnits: 12,
    merchants: 24,
    officeBuildings: 3,
    validFrom
  })
  const streets = District.layout(district).tree.streets.map((s) => s.code)
  const root = Random.make(o.seed ^ 0x1a5a7)
  const random = { structure: root.fork(), person: root.fork(), path: root.fork(), chain: root.fork(), honours: root.fork() }

  // ---- the industry 党委 and their branches; the 网约车 branch is formed in the year, the rest with the register
  const perIndustry = Distribute.allocate(o.branches, industries.map((i) => i.weight), { min: 1, max: o.branches })
  const names = Names.namer()
  const branches: Array<LsBranch> = []
  industries.forEach((industry, i) => {
    for (let k = 0; k < perIndustry[i]!; k++) {
      const rideHailing = industry.key === "DY" && k === 0
      branches.push({
        id: `O-LS-${industry.key}-${Tree.pad(k + 1, 2)}`,
        name: rideHailing
          ? "兰山区网约车司机综合党支部"
          : names.take(random.structure, branchNames[industry.key], (base, n) => base.replace(/党支部$/, `第${Names.chineseNumeral(n)}党支部`)),
        industry: industry.key,
        street: random.structure.pick(streets),
        formedOn: rideHailing ? day(`${o.year}-05-18`) : validFrom,
        arrived: [],
        admitted: []
      })
    }
  })
  const rideHailing = branches.find((b) => b.formedOn !== validFrom)!
  const regular = branches.filter((b) => b !== rideHailing)

  // ---- members: the roll as the register starts, and the 网约车 drivers as their branch forms
  const personal = new Map<string, { readonly name: string; readonly phone: string; readonly citizenId: string }>()
  const person = (id: string) => {
    const sex: Names.Sex = random.person.next() < 0.72 ? "male" : "female"
    const data = { name: Names.person(random.person, sex), phone: Staff.phone(random.person), citizenId: Staff.citizenId(random.person, tenant, sex) }
    personal.set(id, data)
    return data
  }
  let memberSeq = 0
  const memberId = () => `M-LS-${Tree.pad(++memberSeq, 4)}`
  const sizes = Distribute.allocate(
    o.members - o.developed - o.rideHailingMembers,
    Distribute.unevenWeights(random.structure, regular.length),
    { min: BRANCH_SIZE[0], max: BRANCH_SIZE[1] }
  )
  regular.forEach((b, i) => {
    for (let k = 0; k < sizes[i]!; k++) b.arrived.push(memberId())
  })
  for (let k = 0; k < o.rideHailingMembers; k++) rideHailing.arrived.push(memberId())
  for (const b of branches) for (const id of b.arrived) person(id)

  // ---- new members: approvals spread over the year, the branches drawn by size
  const ladder = PartyLadder.make()
  const s = PartyLadder.steps
  const developing = Array.from({ length: o.developed }, (_, k) => {
    const target = IsoDate.addDays(from, Math.floor(((k + 0.5) * (IsoDate.daysBetween(from, to) - 30)) / Math.max(1, o.developed)) + 10)
    let applied = IsoDate.addDays(target, -IsoDate.daysBetween(PartyPath.dayOf(s.application, from), PartyPath.dayOf(s.approval, from)))
    while (PartyPath.dayOf(s.approval, applied) >= to) applied = IsoDate.addDays(applied, -1)
    while (PartyPath.dayOf(s.approval, applied) < from) applied = IsoDate.addDays(applied, 1)
    const branch = regular[random.path.weighted(regular.map((b) => b.arrived.length))]!
    const id = memberId()
    const meeting = PartyPath.dayOf(s.admissionMeeting, applied)
    const conversion = PartyPath.dayOf(s.conversionMeeting, applied)
    branch.admitted.push({ id, on: meeting, converted: conversion <= at ? conversion : undefined })
    return { id, branch, applied, data: person(id) }
  })

  const pathCommands: Array<Command> = []
  const walk = (who: PartyPath.Person, branch: LsBranch, applied: IsoDate.IsoDate) => {
    const [first, second] = random.path.shuffle(branch.arrived)
    const introducers = [first!, second!] as const
    const meeting = PartyPath.dayOf(s.admissionMeeting, applied)
    const conversion = PartyPath.dayOf(s.conversionMeeting, applied)
    // 入党介绍人一般由培养联系人担任 (第十四条): the two contacts introduce the candidate.
    const names: PartyPath.Names = { contacts: introducers, introducers, vote: voteOf(random.path, entitledOn(branch, meeting, who.person)) }
    const conversionVote = voteOf(random.path, entitledOn(branch, conversion, who.person))
    for (const c of PartyPath.commands(who, applied, names, { asOf: at })) {
      pathCommands.push(c._tag === "RecordStep" && c.step === s.conversionMeeting ? { ...c, evidence: { vote: conversionVote } } : c)
    }
  }
  for (const [k, d] of developing.entries()) {
    walk(
      { trackId: `T-LS-P-${Tree.pad(k + 1, 3)}`, person: d.id, name: d.data.name, birthDate: bornOf(d.data.citizenId), organisationId: d.branch.id },
      d.branch,
      d.applied
    )
  }

  // ---- the talent chain: frontline → outstanding → member → manager
  const chain: Array<Dated<Command>> = []
  let chainSeq = 0
  const rc = random.chain
  const climb = (person: string, name: string, branch: LsBranch, steps: ReadonlyArray<readonly [string, IsoDate.IsoDate]>) => {
    const trackId = `T-LS-C-${Tree.pad(++chainSeq, 4)}`
    for (const [step, on] of steps) {
      chain.push({
        when: on,
        command: step === TalentChain.steps.frontline
          ? { _tag: "OpenTrack", id: trackId, ladder: TalentChain.id, person, name, organisationId: branch.id, on }
          : { _tag: "RecordStep", trackId, step, on }
      })
    }
  }
  let outsiderSeq = 0
  const outsider = () => {
    const id = `P-LS-${Tree.pad(++outsiderSeq, 4)}`
    return { id, ...person(id) }
  }
  const t = TalentChain.steps
  const developedManagers = Math.min(o.developed, o.memberManagers, Math.round(o.developed / 5))
  // The new members: frontline and outstanding before they applied, a member on approval; a few go on to manage.
  developing.forEach((d, k) => {
    const frontline = dayIn(rc, IsoDate.addDays(validFrom, 1), later(IsoDate.addDays(validFrom, 1), IsoDate.addDays(d.applied, -120)))
    const outstanding = dayIn(rc, IsoDate.addDays(frontline, 30), IsoDate.addDays(d.applied, -10))
    const approved = PartyPath.dayOf(s.approval, d.applied)
    const steps: Array<readonly [string, IsoDate.IsoDate]> = [[t.frontline, frontline], [t.outstanding, outstanding], [t.member, approved]]
    if (k < developedManagers) steps.push([t.manager, dayIn(rc, IsoDate.addDays(approved, 90), later(IsoDate.addDays(approved, 90), at))])
    climb(d.id, d.data.name, d.branch, steps)
  })
  // Members on the roll who rise to manage; people who manage without being members.
  const veterans = rc.shuffle(regular.flatMap((b) => b.arrived.map((id) => ({ id, b })))).slice(0, o.memberManagers - developedManagers)
  for (const v of veterans) {
    const frontline = dayIn(rc, validFrom, IsoDate.addDays(validFrom, 200))
    const outstanding = dayIn(rc, IsoDate.addDays(frontline, 60), IsoDate.addDays(frontline, 200))
    const member = dayIn(rc, IsoDate.addDays(outstanding, 1), IsoDate.addDays(outstanding, 60))
    climb(v.id, personal.get(v.id)!.name, v.b, [[t.frontline, frontline], [t.outstanding, outstanding], [t.member, member], [t.manager, dayIn(rc, IsoDate.addDays(member, 60), at)]])
  }
  for (let k = 0; k < o.managers - o.memberManagers; k++) {
    const p = outsider()
    const frontline = dayIn(rc, validFrom, IsoDate.addDays(validFrom, 300))
    const outstanding = dayIn(rc, IsoDate.addDays(frontline, 60), IsoDate.addDays(frontline, 300))
    climb(p.id, p.name, rc.pick(regular), [[t.frontline, frontline], [t.outstanding, outstanding], [t.manager, dayIn(rc, IsoDate.addDays(outstanding, 60), at)]])
  }
  // Outstanding employees who applied within the last 450 days, spread over them: their admission meeting lies after `at`.
  const applicants = Array.from({ length: o.applicants }, (_, k) => {
    const p = outsider()
    const applied = IsoDate.addDays(at, -5 - Math.floor(((k + rc.next()) * 445) / o.applicants))
    const outstanding = dayIn(rc, later(IsoDate.addDays(validFrom, 60), IsoDate.addDays(applied, -400)), IsoDate.addDays(applied, -10))
    const frontline = dayIn(rc, validFrom, IsoDate.addDays(outstanding, -30))
    const branch = rc.pick(regular)
    climb(p.id, p.name, branch, [[t.frontline, frontline], [t.outstanding, outstanding]])
    return { p, applied, branch }
  })
  for (let k = 0; k < o.frontline; k++) {
    const p = outsider()
    climb(p.id, p.name, rc.pick(branches.filter((b) => b.formedOn <= at)), [[t.frontline, dayIn(rc, rideHailing.formedOn, at)]])
  }
  applicants.forEach(({ applied, branch, p }, k) => {
    walk(
      { trackId: `T-LS-A-${Tree.pad(k + 1, 3)}`, person: p.id, name: p.name, birthDate: bornOf(p.citizenId), organisationId: branch.id },
      branch,
      applied
    )
  })

  // ---- honours of the year: star merchants and mobile vanguards of the live-streaming e-commerce branches, each with a 喜报
  const merchants = random.honours.shuffle(regular.filter((b) => b.industry === "ZB").flatMap((b) => b.arrived.map((id) => ({ id, b }))))
  if (merchants.length < o.starMerchants + o.mobileVanguards) fail(`${o.starMerchants + o.mobileVanguards} honours, but the 直播电商 branches have ${merchants.length} members`)
  const ceremony = day(`${o.year}-06-28`)
  const stars = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  const honours: Array<Command> = merchants.slice(0, o.starMerchants + o.mobileVanguards).map(({ b, id }, k) => {
    const star = k < o.starMerchants
    const rated = star ? ((1 + random.honours.weighted([1, 2, 4, 3, 2])) as 1 | 2 | 3 | 4 | 5) : null
    if (rated !== null) stars[rated]++
    const [province, county] = random.honours.pick(hometownCounties)
    const town = `${random.honours.pick(townWords)}镇`
    const village = `${random.honours.pick(villageWords)}村`
    return {
      _tag: "Recognise",
      id: `HL-${Tree.pad(k + 1, 3)}`,
      kind: star ? "star-merchant" : "mobile-vanguard",
      memberId: id,
      organisationId: b.id,
      stars: rated,
      criteria: star
        ? "亮身份、守诚信、优服务：共产党员经营户星级评定"
        : "奉献在商城，荣誉送家乡：优秀商户授牌“流动先锋”",
      awardedBy: "中共临沂市兰山区委组织部",
      awardedOn: ceremony,
      letter: { hometown: `中共${county}${town}${village}支部委员会`, address: `${province}${county}${town}${village}党群服务中心` }
    }
  })

  // ---- organisation commands: the committees and branches, the roll, then admissions and conversions by day
  const organisations: Array<OrganisationCommand.Input> = []
  industries.forEach((industry) =>
    organisations.push({ _tag: "FormOrganisation", id: `O-LS-${industry.key}`, kind: "committee", name: industry.name, parentId: null, sector: "new_employment", grids: [tenant], validFrom }))
  for (const b of branches) {
    const members = b.arrived.length + b.admitted.length
    organisations.push({
      _tag: "FormOrganisation",
      id: b.id,
      kind: "branch",
      name: b.name,
      parentId: `O-LS-${b.industry}`,
      sector: "new_employment",
      grids: [b.street],
      hasCommittee: members >= 7,
      validFrom: b.formedOn
    })
  }
  for (const b of inOrder(branches.map((b) => ({ when: b.formedOn, command: b })))) {
    for (const id of b.arrived) organisations.push({ _tag: "ArriveMember", memberId: id, organisationId: b.id, standing: "full", ...personal.get(id)!, at: b.formedOn })
  }
  const decisions = branches.flatMap((b) =>
    b.admitted.flatMap((m): Array<Dated<OrganisationCommand.Input>> => [
      { when: m.on, command: { _tag: "AdmitMember", memberId: m.id, organisationId: b.id, ...personal.get(m.id)!, at: m.on } },
      ...(m.converted === undefined ? [] : [{ when: m.converted, command: { _tag: "ConvertMember" as const, memberId: m.id, at: m.converted } }])
    ]))
  organisations.push(...inOrder(decisions))

  // ---- figures at `at`: the pipeline and the chain as the ladders will replay them
  const chainCommands = inOrder(chain)
  const pipeline: Record<string, number> = Object.fromEntries(ladder.stages.map((x) => [x.id, 0]))
  let completed = 0
  for (const step of furthestSteps(pathCommands, ladder)) {
    if (step.completes === true) completed++
    else pipeline[step.stage]!++
  }
  const talent = TalentChain.make()
  const chainStages: Record<string, number> = Object.fromEntries(talent.stages.map((x) => [x.id, 0]))
  for (const step of furthestSteps(chainCommands, talent)) chainStages[step.stage]!++

  // ---- the letters sent: a batch a week from the Monday after the ceremony (at most twenty weeks, a thousand a batch)
  const sent = honours.slice(0, o.lettersSent).map((h) => (h as { readonly id: string }).id)
  const perWeek = Math.max(10, Math.ceil(sent.length / 20))
  // 2024-01-01 was a Monday: the days since it, modulo 7, are the days since the last Monday.
  const firstMonday = IsoDate.addDays(ceremony, 7 - (((IsoDate.daysBetween(day("2024-01-01"), ceremony) % 7) + 7) % 7))
  const letters: Array<Command> = []
  for (let k = 0; k * perWeek < sent.length; k++) {
    letters.push({ _tag: "SendHonourLetters", honourIds: sent.slice(k * perWeek, (k + 1) * perWeek), on: IsoDate.addDays(firstMonday, 7 * k) })
  }

  const commands: Array<Command> = [...pathCommands, ...chainCommands, ...honours, ...letters]
  return {
    part: { tenant, district, organisations, commands, from, to, at, shownTrack: o.developed > 0 ? "T-LS-P-001" : null },
    figures: { stars, pipeline, completed, chain: chainStages, letters: { pending: honours.length - sent.length, sent: sent.length } }
  }
}

/**
 * Generates member development for 桃城区 (a generated or planned district, only its
 * options read, and its party: `Party.generate` of the same district, whose 两新
 * organisations hold the demonstration sites) and for 兰山区 (its own grid tree and
 * organisations). The services refuse days after today and the generator reads no clock:
 * the plans' last year and 兰山区's year after its `year` must be over (the defaults,
 * 2025 and 2024, are). Throws a RangeError for impossible options.
 *
 * @since 0.5.0
 * @category constructors
 */
export const generate = (
  district: { readonly options: District.DistrictOptions },
  party: { readonly commands: ReadonlyArray<Party.Command> },
  input: Input = {}
): GeneratedDevelopment => {
  const layout = District.layout(district)
  const options = resolve(layout, input)
  const taocheng = taochengPart(layout, party, options.taocheng)
  const lanshan = lanshanPart(options.lanshan)
  const schema = DevelopmentCommand.DevelopmentCommand
  checkDecodes("Development.generate (桃城区)", schema, taocheng.part.commands)
  checkDecodes("Development.generate (兰山区)", schema, lanshan.part.commands)
  checkDecodes("Development.generate (兰山区 organisations)", OrganisationCommand.OrganisationCommand, lanshan.part.organisations)
  return { options, taocheng: taocheng.part, lanshan: lanshan.part, figures: { taocheng: taocheng.figures, lanshan: lanshan.figures } }
}

/**
 * Options of {@link apply}.
 *
 * @since 0.5.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands per transaction; default 5,000. */
  readonly batchSize?: number
}

/**
 * Writes the generated data as the system actor of each tenant, in batches of
 * `batchSize` commands, each one transaction: 兰山区's grids (`District.apply`) and
 * organisations (the Organisations service), then 桃城区's development commands and
 * 兰山区's (the Development service). 桃城区's grids and party organisations must have been
 * written first (`District.apply`, `Party.apply` of the same district). Rows in errors
 * count from the first command of each list.
 *
 * @since 0.5.0
 * @category running
 */
export const apply = (
  data: GeneratedDevelopment,
  options: ApplyOptions = {}
): Effect.Effect<
  void,
  Grids.GridWriteError | Organisations.OrganisationWriteError | DevelopmentService.DevelopmentWriteError,
  Grids.Grids | Organisations.Organisations | Development.Development
> =>
  Effect.gen(function*() {
    const { lanshan, taocheng } = data
    const organisations = yield* Organisations.Organisations
    const development = yield* Development.Development
    yield* District.apply(lanshan.district)
    yield* applyInBatches("Development.apply", lanshan.tenant, lanshan.organisations, options.batchSize, organisations.executeAll)
    yield* applyInBatches("Development.apply", taocheng.tenant, taocheng.commands, options.batchSize, development.executeAll)
    yield* applyInBatches("Development.apply", lanshan.tenant, lanshan.commands, options.batchSize, development.executeAll)
  }).pipe(Effect.withSpan("Development.apply"))
