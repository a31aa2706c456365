/**
 * A year of volunteer service in a generated district (志愿服务台账, issue 9), as
 * `LedgerCommand` inputs (encoded, `_tag` and fields) that the `VolunteerLedger` service
 * accepts in order, each on the day it is written: volunteers registered (with consent
 * to disclose their data for some, withdrawn by a few), activities registered at the
 * district's volunteer service points, sessions recorded, a handful corrected (第十三条)
 * and a few points redeemed. Deterministic: the same district, party, co-construction
 * and options give the same commands, byte for byte.
 *
 * Built on the district's layout and its co-construction (`CoConstruction.generate` of
 * the same district and party): the volunteers are the in-service members enrolled with
 * the communities (双报到, with their `memberId`, their unit's `unitCreditCode`, skills
 * and the category they would rather serve in; the names, phones and ID numbers of the
 * district's own 两新 members are those of their party record) and resident volunteers,
 * each registered with their community's grid; the activities are run by the
 * communities' and compounds' volunteer teams, and a member who claimed a post of the
 * team serves on it (`postId`).
 *
 * The article's figures (《“实”字为要重落实 “干”字当头抓服务》, 中共衡水市桃城区委组织部) and
 * what the generator makes of them, for 桃城区 at the defaults (each scaled with the
 * compounds for a smaller district):
 * - **开展志愿服务3600余次**: the activities held, an input just above the article's
 *   lower bound (3,618); each has at least one session, so the ledger's count of
 *   activities with a session standing is that number;
 * - **设立132个志愿服务点**: the service points, an input (exactly 132); every activity is
 *   held at one of them, and every point hosts 五社联动 activities as well as others, so
 *   the district's figure and the 五社联动 programme's are both 132;
 * - **累计开展志愿服务活动452次，服务居民5689人次** (五社联动): inputs, exactly: 452
 *   activities of the programme `wushe`, counted among the 3,618 (the ledger holds one
 *   year of the district's service, and the 五社联动 activities are part of it), their
 *   5,689 residents served split over their sessions;
 * - **为群众办实事9200余件**: the practical matters done, an input just above the
 *   article's lower bound (9,236), split over the activities by kind (a repair gets
 *   matters done, a talk few) and over their sessions: the article's band of a hundred
 *   is too narrow to leave to draws;
 * - **服务居民4万余人**: residents served, **emergent**: each activity draws the residents
 *   it serves from its kind's range (a clinic 15–45, a clean-up 0–5), which comes to
 *   about 44,000 with the 五社联动 5,689 at the article's scale — within the article's
 *   band (40,000–49,999) for any seed, but not chosen.
 *
 * Everything else is the generator's assumption, each an option or a documented rule of
 * thumb (`ServiceKinds`): the resident volunteers, who serves how often, the kinds of
 * activity and their season, session lengths (30 minutes to 4 hours; night patrols may
 * run past midnight), the sessions per activity, the recording lag (most within the
 * 10 working days of 第十一条, a few late), the corrections, redemptions and consents.
 * The sessions, volunteers who served, minutes, hours and points are emergent.
 *
 * Guarantees: every command decodes with `LedgerCommand.LedgerCommand`; keys are unique
 * (`svc-…` a service, `fix-…` a correction, `pts-…` a redemption); no two sessions of a
 * volunteer overlap, wrongly recorded ones included; a volunteer and an activity are
 * registered before their first session; every session lasts 30 minutes to 4 hours and
 * ends by the day it is written. A correction names its entry by the `seq` it gets in a
 * tenant whose ledger was empty before these commands. The services stamp the recording
 * day from the clock: {@link apply} writes each day's commands with the clock on that
 * day, so the late entries are the ones the generator meant.
 *
 * @since 0.4.0
 */
import { IsoDate, LedgerCommand, LedgerConfig, LocalMinute, type Rollup, VolunteerLedgerService, WorkingCalendar } from "@jiceng/core"
import { Effect } from "effect"
import type * as CoConstruction from "./CoConstruction.js"
import * as DayClock from "./DayClock.js"
import * as Distribute from "./Distribute.js"
import * as District from "./District.js"
import * as Names from "./Names.js"
import type * as Party from "./Party.js"
import * as Random from "./Random.js"
import { applyInBatches, checkDecodes, shiftRow } from "./Rows.js"
import * as ServiceKinds from "./ServiceKinds.js"
import * as Staff from "./Staff.js"
import * as Tree from "./Tree.js"

/**
 * The article's figures on volunteer service in 桃城区.
 *
 * @since 0.4.0
 * @category constants
 */
export const article = {
  /** 开展志愿服务3600余次: more than this many. */
  activities: 3_600,
  /** 服务居民4万余人: more than this many. */
  residentsServed: 40_000,
  /** 为群众办实事9200余件: more than this many. */
  mattersDone: 9_200,
  /** 设立132个志愿服务点 */
  servicePoints: 132,
  /** 五社联动: 累计开展志愿服务活动452次 */
  wusheActivities: 452,
  /** 五社联动: 服务居民5689人次 */
  wusheResidents: 5_689,
  /** The article's 四级网格 (compounds), against which the figures scale. */
  compounds: 355
} as const

/**
 * The programme key of 五社联动 in `LedgerConfig.defaults`.
 *
 * @since 0.4.0
 * @category constants
 */
export const wushe = "wushe"

/**
 * Everything that shapes a district's year of volunteer service.
 *
 * @since 0.4.0
 * @category models
 */
export interface LedgerOptions {
  /** Default: the district's seed. */
  readonly seed: number
  /** The year of service. Default: the year after the district's `validFrom` (2024 for the defaults), when its teams, posts and members exist. */
  readonly year: number
  /** Activities held, each with a session. Input: 3,618, just above the article's 3600余次, scaled. */
  readonly activities: number
  /** Volunteer service points, each hosting activities. Input from the article: 132, scaled. */
  readonly servicePoints: number
  /** 五社联动 activities among `activities`. Input from the article: 452, scaled. */
  readonly wusheActivities: number
  /** Residents the 五社联动 activities serve in all. Input from the article: 5,689, scaled. */
  readonly wusheResidents: number
  /** Practical matters done in all. Input: 9,236, just above the article's 9200余件, scaled. */
  readonly mattersDone: number
  /** Volunteers who are residents, not enrolled members (generator: 2,400, scaled). */
  readonly residentVolunteers: number
  /** The share of enrolled members who register but serve no session this year (generator: 0.15). */
  readonly idleMemberShare: number
  /** The share of everyday activities held on 2–4 days, a week apart (generator: 0.1). */
  readonly seriesShare: number
  /** The share of sessions recorded after the 10 working days of 第十一条 (generator: 0.05). */
  readonly lateShare: number
  /** Entries corrected (generator: 12, scaled). */
  readonly corrections: number
  /** Redemptions of points (generator: 30, scaled). */
  readonly redemptions: number
  /** The share of volunteers who consent to disclose their personal data when they register (generator: 0.35). */
  readonly consentShare: number
  /** Consents withdrawn later in the year (generator: 6, scaled). */
  readonly consentWithdrawals: number
  /** The share of volunteers not from the district's party record who give an ID number (generator: 0.6). */
  readonly citizenIdShare: number
  /** The share of those who give a phone number (generator: 0.85). */
  readonly phoneShare: number
}

/**
 * Any option may be left out.
 *
 * @since 0.4.0
 * @category models
 */
export type Input = Partial<LedgerOptions>

/**
 * A ledger command in its encoded form (plain JSON with `_tag`).
 *
 * @since 0.4.0
 * @category models
 */
export type Command = LedgerCommand.Input

/**
 * A volunteer service point (志愿服务点): the id the ledger's entries carry, its name
 * and its grid (a community's 党群服务中心, or a compound's station).
 *
 * @since 0.4.0
 * @category models
 */
export interface ServicePoint {
  readonly id: string
  readonly name: string
  readonly gridCode: string
}

/**
 * The figures of a set of sessions as the ledger's summary gives them: activities,
 * service points and volunteers with a session standing, sessions (entries net of
 * reversals) and the sums.
 *
 * @since 0.4.0
 * @category models
 */
export interface Totals {
  readonly activities: number
  readonly servicePoints: number
  readonly volunteers: number
  readonly entries: number
  readonly minutes: number
  readonly residentsServed: number
  readonly mattersDone: number
  readonly points: number
}

/**
 * What the generator put in and what follows from it, net of the corrections, so that
 * tests can compare the ledger's answers with it. Reports read the ledger, never this.
 *
 * @since 0.4.0
 * @category models
 */
export interface Figures {
  readonly year: number
  /** The year's first and last days: the period of the sessions. */
  readonly from: string
  readonly to: string
  /** Every session of the year. Inputs: `activities`, `servicePoints`, `mattersDone`; the rest emergent. */
  readonly total: Totals
  /** The 五社联动 programme's sessions. Inputs: `activities`, `servicePoints`, `residentsServed`. */
  readonly wushe: Totals
  /** Sums by category key (the activities' categories). */
  readonly byCategory: Readonly<Record<string, Rollup.Totals>>
  /** Sums by street code (the activities' grids lie under them). */
  readonly byStreet: Readonly<Record<string, Rollup.Totals>>
  /** Volunteers registered: enrolled members and residents. */
  readonly registered: { readonly members: number; readonly residents: number; readonly activities: number }
  /**
   * `RecordService` commands, wrongly recorded ones included; and the session entries the
   * ledger flags late (第十一条): services written after the deadline, and the replacements
   * of those (a replacement keeps its original's flag).
   */
  readonly recorded: { readonly services: number; readonly late: number }
  /** Sessions that run past midnight. */
  readonly acrossMidnight: number
  /** Corrections: with a replacement (the session as it was), and reversals alone (it did not take place). */
  readonly corrections: { readonly replaced: number; readonly reversed: number }
  readonly redemptions: { readonly count: number; readonly points: number }
  /** Consents given at registration, and withdrawn later. */
  readonly consents: { readonly given: number; readonly withdrawn: number }
}

/**
 * A district's year of volunteer service: the commands in the order they are written,
 * and the day each is written on (`writtenOn[i]` for `commands[i]`, never decreasing).
 *
 * @since 0.4.0
 * @category models
 */
export interface GeneratedLedger {
  readonly tenant: string
  readonly options: LedgerOptions
  readonly commands: ReadonlyArray<Command>
  readonly writtenOn: ReadonlyArray<string>
  readonly servicePoints: ReadonlyArray<ServicePoint>
  readonly figures: Figures
}

const fail = (message: string): never => {
  throw new RangeError(`Ledger.generate: ${message}`)
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0

/**
 * Fills in defaults for a district (its layout gives the compounds the article's
 * figures scale with) and checks the options. Impossible options throw a RangeError.
 *
 * @since 0.4.0
 * @category constructors
 */
export const resolve = (layout: District.Layout, input: Input = {}): LedgerOptions => {
  const scaled = (n: number) => Math.round((n * layout.tree.compounds.length) / article.compounds)
  const o: LedgerOptions = {
    seed: input.seed ?? layout.options.seed,
    year: input.year ?? Number(layout.options.validFrom.slice(0, 4)) + 1,
    activities: input.activities ?? scaled(3_618),
    servicePoints: input.servicePoints ?? scaled(article.servicePoints),
    wusheActivities: input.wusheActivities ?? scaled(article.wusheActivities),
    wusheResidents: input.wusheResidents ?? scaled(article.wusheResidents),
    mattersDone: input.mattersDone ?? scaled(9_236),
    residentVolunteers: input.residentVolunteers ?? scaled(2_400),
    idleMemberShare: input.idleMemberShare ?? 0.15,
    seriesShare: input.seriesShare ?? 0.1,
    lateShare: input.lateShare ?? 0.05,
    corrections: input.corrections ?? scaled(12),
    redemptions: input.redemptions ?? scaled(30),
    consentShare: input.consentShare ?? 0.35,
    consentWithdrawals: input.consentWithdrawals ?? scaled(6),
    citizenIdShare: input.citizenIdShare ?? 0.6,
    phoneShare: input.phoneShare ?? 0.85
  }
  check(o, layout)
  return o
}

const check = (o: LedgerOptions, layout: District.Layout): void => {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > District.maxSeed) fail(`seed ${o.seed} is not in 0–${District.maxSeed}`)
  const first = Number(layout.options.validFrom.slice(0, 4))
  if (!Number.isInteger(o.year) || o.year <= first || o.year > 9998) {
    fail(`year ${o.year}: expected a year after the district's first (${first}), when its teams and members exist`)
  }
  for (
    const key of [
      "activities",
      "servicePoints",
      "wusheActivities",
      "wusheResidents",
      "mattersDone",
      "residentVolunteers",
      "corrections",
      "redemptions",
      "consentWithdrawals"
    ] as const
  ) {
    if (!isCount(o[key]) || o[key] > 1_000_000) fail(`${key} ${o[key]} is not a count up to 1000000`)
  }
  for (const key of ["idleMemberShare", "seriesShare", "lateShare", "consentShare", "citizenIdShare", "phoneShare"] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) fail(`${key} ${o[key]} is not a share in 0–1`)
  }
  if (o.wusheActivities > o.activities) fail(`wusheActivities ${o.wusheActivities} exceed the activities ${o.activities}`)
  if (o.activities > 0 && o.servicePoints === 0) fail(`${o.activities} activities need a service point`)
  if (o.servicePoints > o.activities) fail(`servicePoints ${o.servicePoints}: each needs an activity of the ${o.activities}`)
  if (o.wusheResidents > 0 && o.wusheActivities === 0) fail(`wusheResidents ${o.wusheResidents} need 五社联动 activities`)
  if (o.mattersDone > 0 && o.activities === 0) fail(`mattersDone ${o.mattersDone} need activities`)
  if (o.servicePoints > layout.tree.communities.length + layout.tree.compounds.length * 9) {
    fail(`servicePoints ${o.servicePoints}: more than the communities and compounds can host`)
  }
}

// ------------------------------------------------------------------ planning

/** Months' shares of the year's activities: fewer at the Spring Festival, more in 学雷锋 March and the summer. */
const monthWeights: ReadonlyArray<number> = [0.8, 0.5, 1.4, 1, 1, 1.1, 1.2, 1.1, 1, 0.9, 1, 0.9]

/** A member's preferred post category (CoConstructionConfig) as a ledger category (LedgerConfig). */
const categoryOfInterest: Readonly<Record<string, string>> = {
  policy: "policy",
  living: "community",
  civility: "civility",
  environment: "environment",
  mediation: "legal",
  care: "elderly",
  culture: "culture",
  emergency: "emergency"
}

const redeemReasons: ReadonlyArray<string> = [
  "志愿积分兑换爱心超市日用品",
  "志愿积分兑换米面油",
  "志愿积分兑换洗衣液",
  "志愿积分兑换便民理发券"
]

const DAY = 24 * 60
/** Sessions ending this many days before a redemption are surely recorded by then (late ones within 30 working days). */
const REDEEM_MARGIN_DAYS = 70

interface Team {
  readonly id: string
  readonly name: string
  readonly grid: string
  readonly community: string
}

interface Volunteer {
  readonly id: string
  readonly community: string
  readonly memberId: string | null
  readonly unit: string | null
  readonly name: string
  readonly sex: Names.Sex
  readonly citizenId: string | null
  readonly phone: string | null
  readonly skills: ReadonlyArray<string>
  readonly categories: ReadonlyArray<string>
  /** How often they are picked for an activity of their community. */
  readonly weight: number
  /** The post they claimed and its team, for members who did. */
  readonly post: { readonly id: string; readonly team: string } | null
  /** Their sessions' minutes since the epoch, [start, end), in start order of planning. */
  readonly busy: Array<readonly [number, number]>
  firstDay: number | undefined
}

interface Point {
  readonly id: string
  readonly name: string
  readonly grid: string
  readonly community: Tree.Node
  readonly compound: Tree.Node | undefined
  readonly weight: number
}

interface Activity {
  readonly id: string
  readonly kind: ServiceKinds.ServiceKind
  readonly point: Point
  readonly team: Team | null
  readonly name: string
  readonly organiser: string
  readonly personInCharge: string
  readonly programme: string | null
  readonly days: ReadonlyArray<number>
  readonly sessions: Array<Session>
  residents: number
  matters: number
}

interface Session {
  readonly volunteer: Volunteer
  readonly activity: Activity
  /** Minutes since the epoch. */
  readonly start: number
  readonly end: number
  readonly content: string
  residents: number
  matters: number
  points: number
  recordedOn: string
}

/** A `RecordService` as written: the session, or a wrong version of it to be corrected. */
interface Recorded {
  readonly session: Session
  readonly volunteer: Volunteer
  readonly end: number
  readonly residents: number
  readonly matters: number
  readonly recordedOn: string
  /** Its seq, once the commands are in order. */
  seq: number
}

const overlaps = (v: Volunteer, start: number, end: number): boolean => v.busy.some(([s, e]) => s < end && e > start)

/**
 * Generates a year of volunteer service for a district (a generated or planned one;
 * only its options are read), from its party organisations (`Party.generate` of the
 * same district: the names and contacts of its members) and its co-construction
 * (`CoConstruction.generate` of the same district and party: the members enrolled, the
 * teams, posts and claims). Throws a RangeError for impossible options.
 *
 * @since 0.4.0
 * @category constructors
 */
export const generate = (
  district: { readonly options: District.DistrictOptions },
  party: { readonly commands: ReadonlyArray<Party.Command> },
  coConstruction: { readonly commands: ReadonlyArray<CoConstruction.Command> },
  input: Input = {}
): GeneratedLedger => {
  const layout = District.layout(district)
  const o = resolve(layout, input)
  const tenant = layout.options.tenant
  const tree = layout.tree
  const config = LedgerConfig.defaults
  const calendar = WorkingCalendar.make()
  const yearText = String(o.year).padStart(4, "0")
  const jan1 = IsoDate.unsafeMake(`${yearText}-01-01`)
  const dec31 = IsoDate.unsafeMake(`${yearText}-12-31`)
  const lastDay = IsoDate.daysBetween(jan1, dec31)
  const iso = (day: number): IsoDate.IsoDate => IsoDate.addDays(jan1, day)
  const dayIndex = (day: string): number => IsoDate.daysBetween(jan1, IsoDate.unsafeMake(day))
  const epoch0 = LocalMinute.toEpochMinutes(LocalMinute.startOfDay(jan1))
  const minuteText = (t: number): string => LocalMinute.fromEpochMinutes(t)
  const dayOfMinute = (t: number): number => Math.floor((t - epoch0) / DAY)
  const pointsPerHour = new Map(config.categories.map((c) => [c.key, c.pointsPerHour]))

  const root = Random.make(o.seed ^ 0x1ed6e4)
  const random = {
    volunteers: root.fork(),
    points: root.fork(),
    activities: root.fork(),
    sessions: root.fork(),
    recording: root.fork(),
    corrections: root.fork(),
    redemptions: root.fork()
  }

  // ---- the co-construction: members enrolled, teams, posts and claims
  const teams: Array<Team> = []
  const postTeam = new Map<string, string>()
  const enrolled = new Map<string, { community: string; unit: string | null; skills: ReadonlyArray<string>; interest: string | null }>()
  const claims = new Map<string, string>()
  for (const c of coConstruction.commands) {
    if (c._tag === "FormTeam") {
      teams.push({ id: c.id, name: c.name, grid: c.gridCode, community: Tree.communityOf(tenant, c.gridCode) })
    } else if (c._tag === "OpenPost") postTeam.set(c.id, c.teamId)
    else if (c._tag === "EnrolMember") {
      enrolled.set(c.memberId, {
        community: c.communityCode,
        unit: c.unitCreditCode ?? null,
        skills: c.skills ?? [],
        interest: c.interest ?? null
      })
    } else if (c._tag === "TransferEnrolment") {
      const m = enrolled.get(c.memberId)
      if (m !== undefined) m.community = c.communityCode
    } else if (c._tag === "WithdrawMember") enrolled.delete(c.memberId)
    else if (c._tag === "ClaimPost") claims.set(c.memberId, c.postId)
    else if (c._tag === "WithdrawClaim" && claims.get(c.memberId) === c.postId) claims.delete(c.memberId)
  }
  const known = new Map<string, { name: string; phone: string | null; citizenId: string | null }>()
  for (const c of party.commands) {
    if (c._tag === "ArriveMember" || c._tag === "AdmitMember") {
      if (c.name !== "") known.set(c.memberId, { name: c.name, phone: c.phone ?? null, citizenId: c.citizenId ?? null })
    }
  }
  const communities = tree.communities
  const communityCodes = new Set(communities.map((c) => c.code))

  // ---- volunteers: the enrolled members, then residents by their communities' blocks
  const rv = random.volunteers
  const volunteers: Array<Volunteer> = []
  const person = (sex: Names.Sex) => {
    const name = Names.person(rv, sex)
    const citizenId = rv.next() < o.citizenIdShare ? Staff.citizenId(rv, tenant, sex) : null
    const phone = rv.next() < o.phoneShare ? Staff.phone(rv) : null
    return { name, citizenId, phone }
  }
  // One person, one registration (ledger.citizen-id-registered): an ID number drawn or
  // recorded twice is kept by its first volunteer only.
  const citizenIds = new Set<string>()
  const newVolunteer = (fields: Omit<Volunteer, "id" | "busy" | "firstDay">): void => {
    const taken = fields.citizenId !== null && citizenIds.has(fields.citizenId)
    if (fields.citizenId !== null) citizenIds.add(fields.citizenId)
    volunteers.push({
      ...fields,
      citizenId: taken ? null : fields.citizenId,
      id: `V-${Tree.pad(volunteers.length + 1, 6)}`,
      busy: [],
      firstDay: undefined
    })
  }
  for (const [memberId, m] of enrolled) {
    if (!communityCodes.has(m.community)) continue
    const sex: Names.Sex = rv.next() < 0.5 ? "male" : "female"
    const record = known.get(memberId)
    const who = record ?? person(sex)
    const postId = claims.get(memberId)
    const team = postId === undefined ? undefined : postTeam.get(postId)
    const interest = m.interest === null ? undefined : categoryOfInterest[m.interest]
    newVolunteer({
      community: m.community,
      memberId,
      unit: m.unit,
      name: who.name,
      sex,
      citizenId: who.citizenId,
      phone: who.phone,
      skills: m.skills.slice(0, 20),
      categories: interest === undefined ? [] : [interest],
      weight: rv.next() < o.idleMemberShare ? 0 : 0.5 + rv.next(),
      post: postId !== undefined && team !== undefined ? { id: postId, team } : null
    })
  }
  const blocksOf = new Map<string, number>()
  for (const b of tree.blocks) {
    const c = Tree.communityOf(tenant, b.code)
    blocksOf.set(c, (blocksOf.get(c) ?? 0) + 1)
  }
  const residentsPer = communities.length === 0 ? [] : Distribute.allocate(
    o.residentVolunteers,
    communities.map((c) => blocksOf.get(c.code) ?? 1),
    { min: o.residentVolunteers >= communities.length ? 1 : 0, max: o.residentVolunteers }
  )
  const categoryKeys = config.categories.map((c) => c.key)
  communities.forEach((c, i) => {
    for (let k = 0; k < (residentsPer[i] ?? 0); k++) {
      const sex: Names.Sex = rv.next() < 0.4 ? "male" : "female"
      const who = person(sex)
      const categories = rv.next() < 0.6 ? [...new Set([rv.pick(categoryKeys), rv.pick(categoryKeys)])] : []
      // Residents who volunteer (retirees, 楼栋长) serve more often than the members.
      newVolunteer({ community: c.code, memberId: null, unit: null, ...who, sex, skills: [], categories, weight: 1.5 + 2.5 * rv.next(), post: null })
    }
  })
  const poolOf = new Map<string, Array<Volunteer>>()
  for (const v of volunteers) poolOf.set(v.community, [...(poolOf.get(v.community) ?? []), v])

  // ---- service points: each community's 党群服务中心 first, the rest in its compounds
  const rp = random.points
  const compoundsOf = new Map<string, Array<Tree.Node>>()
  for (const c of tree.compounds) {
    const key = Tree.communityOf(tenant, c.code)
    compoundsOf.set(key, [...(compoundsOf.get(key) ?? []), c])
  }
  const pointsPer = communities.length === 0 ? [] : Distribute.allocate(
    o.servicePoints,
    communities.map((c) => blocksOf.get(c.code) ?? 1),
    { min: o.servicePoints >= communities.length ? 1 : 0, max: 1 + 9 * Math.max(...communities.map((c) => compoundsOf.get(c.code)?.length ?? 0)) }
  )
  const points: Array<Point> = []
  communities.forEach((community, i) => {
    const k = pointsPer[i] ?? 0
    const compounds = rp.shuffle(compoundsOf.get(community.code) ?? [])
    for (let j = 0; j < k; j++) {
      const id = `SP-${Tree.pad(points.length + 1, 3)}`
      if (j === 0 || compounds.length === 0) {
        const name = j === 0 ? `${community.name}党群服务中心志愿服务点` : `${community.name}第${Names.chineseNumeral(j + 1)}志愿服务点`
        points.push({ id, name, grid: community.code, community, compound: undefined, weight: 2 })
      } else {
        const compound = compounds[(j - 1) % compounds.length]!
        const round = Math.floor((j - 1) / compounds.length)
        const name = round === 0 ? `${compound.name}志愿服务站` : `${compound.name}第${Names.chineseNumeral(round + 1)}志愿服务站`
        points.push({ id, name, grid: compound.code, community, compound, weight: 1 })
      }
    }
  })

  // ---- activities: the 五社联动 ones at every point (when there are enough), the others spread
  const ra = random.activities
  const pointWeights = points.map((p) => p.weight * Distribute.unevenWeights(ra, 1)[0]!)
  const wushePer = points.length === 0 ? [] : Distribute.allocate(
    o.wusheActivities,
    pointWeights,
    { min: o.wusheActivities >= points.length ? 1 : 0, max: o.wusheActivities }
  )
  const uncovered = wushePer.filter((n) => n === 0).length
  const everydayCount = o.activities - o.wusheActivities
  if (everydayCount < uncovered) fail(`${uncovered} service points have no 五社联动 activity and only ${everydayCount} other activities`)
  const everydayPer = points.length === 0 ? [] : Distribute.allocate(everydayCount - uncovered, pointWeights, { min: 0, max: everydayCount })
    .map((n, i) => n + (wushePer[i] === 0 ? 1 : 0))
  const teamsOf = new Map<string, Array<Team>>()
  for (const t of teams) teamsOf.set(t.community, [...(teamsOf.get(t.community) ?? []), t])
  /** The team that runs an everyday activity at a point: of its kind in the point's compound, else the community's. */
  const teamFor = (kind: ServiceKinds.ServiceKind, point: Point): Team | null => {
    const mine = teamsOf.get(point.community.code) ?? []
    const here = point.compound === undefined ? [] : mine.filter((t) => t.grid === point.compound!.code)
    const ofKind = (list: ReadonlyArray<Team>) => (kind.team === undefined ? [] : list.filter((t) => t.name.includes(kind.team!)))
    const communityTeams = mine.filter((t) => t.grid === point.community.code)
    for (const list of [ofKind(here), here, ofKind(mine), communityTeams, mine]) if (list.length > 0) return ra.pick(list)
    return null
  }
  const monthStart = (m: number) => dayIndex(`${yearText}-${Tree.pad(m, 2)}-01`)
  const weekday = (day: number) => (new Date(`${iso(day)}T00:00:00Z`).getUTCDay() + 6) % 7
  const drawDay = (kind: ServiceKinds.ServiceKind): number => {
    const months = kind.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    let day = 0
    for (let attempt = 0; attempt < 10; attempt++) {
      const m = months[ra.weighted(months.map((x) => monthWeights[x - 1]!))]!
      day = monthStart(m) + ra.int(IsoDate.daysInMonth(o.year, m))
      if (kind.weekdays !== true || weekday(day) < 5) break
    }
    return day
  }
  const activities: Array<Activity> = []
  const addActivity = (point: Point, kind: ServiceKinds.ServiceKind, isWushe: boolean) => {
    const first = drawDay(kind)
    const days = [first]
    if (!isWushe && ra.next() < o.seriesShare) {
      const more = ra.between(1, 3)
      for (let k = 1; k <= more && first + 7 * k <= lastDay; k++) days.push(first + 7 * k)
    }
    const team = isWushe ? null : teamFor(kind, point)
    const place = point.compound?.name ?? point.community.name
    const personInCharge = Names.person(ra, ra.next() < 0.5 ? "male" : "female")
    activities.push({
      id: `A-${Tree.pad(activities.length + 1, 5)}`,
      kind,
      point,
      team,
      name: `${place}${kind.title}`,
      organiser: isWushe ? `${point.community.name}党委` : team?.name ?? `${point.community.name}居民委员会`,
      personInCharge,
      programme: isWushe ? wushe : null,
      days,
      sessions: [],
      residents: 0,
      matters: 0
    })
  }
  const pickKind = (kinds: ReadonlyArray<ServiceKinds.ServiceKind>) => kinds[ra.weighted(kinds.map((k) => k.weight))]!
  points.forEach((point, i) => {
    for (let k = 0; k < (wushePer[i] ?? 0); k++) addActivity(point, pickKind(ServiceKinds.wushe), true)
    for (let k = 0; k < (everydayPer[i] ?? 0); k++) addActivity(point, pickKind(ServiceKinds.everyday), false)
  })

  // ---- sessions: each day's slot, volunteers of the point's community, never two at once
  const rs = random.sessions
  const round5 = (n: number) => Math.round(n / 5) * 5
  const jitters = [10, 15, 20, 30]
  for (const a of activities) {
    const startMinute = rs.pick(a.kind.starts) + rs.pick([0, 0, 0, 15, 30])
    let length = round5(rs.between(a.kind.minutes[0], a.kind.minutes[1]))
    const pool = poolOf.get(a.point.community.code) ?? volunteers
    for (const day of a.days) {
      // No session runs into the next year: its day's figures belong to this one.
      if (day === lastDay) length = Math.min(length, DAY - 5 - startMinute)
      const slotStart = epoch0 + day * DAY + startMinute
      const slotEnd = slotStart + length
      const wanted = rs.between(a.kind.volunteers[0], a.kind.volunteers[1])
      const weights = pool.map((v) => v.weight * (a.team !== null && v.post?.team === a.team.id ? 4 : 1))
      let placed = 0
      const place = (v: Volunteer): boolean => {
        let start = slotStart
        let end = slotEnd
        const j = rs.next()
        if (j < 0.12) start += rs.pick(jitters)
        else if (j < 0.22) end -= rs.pick(jitters)
        if (end - start < 30) [start, end] = [slotStart, slotEnd]
        if (overlaps(v, start, end)) return false
        v.busy.push([start, end])
        a.sessions.push({
          volunteer: v,
          activity: a,
          start,
          end,
          content: rs.pick(a.kind.content),
          residents: 0,
          matters: 0,
          points: 0,
          recordedOn: ""
        })
        placed++
        return true
      }
      for (let attempt = 0; attempt < wanted * 5 && placed < wanted; attempt++) {
        if (!weights.some((w) => w > 0)) break
        const i = rs.weighted(weights)
        weights[i] = 0
        place(pool[i]!)
      }
      // Every day of an activity has a volunteer: the first free one of the community.
      if (placed === 0) {
        for (const v of pool) if (place(v)) break
      }
      if (placed === 0) fail(`no volunteer of ${a.point.community.code} is free for ${a.id} on ${iso(day)}`)
    }
  }

  // ---- residents served and matters done: by activity, then over its sessions by minutes
  const everyday = activities.filter((a) => a.programme === null)
  const wusheActivities = activities.filter((a) => a.programme !== null)
  for (const a of everyday) a.residents = rs.between(a.kind.residents[0], a.kind.residents[1])
  const mean = (r: ServiceKinds.Range) => (r[0] + r[1]) / 2
  if (wusheActivities.length > 0) {
    Distribute.allocate(
      o.wusheResidents,
      wusheActivities.map((a) => mean(a.kind.residents) * (0.5 + rs.next())),
      { min: o.wusheResidents >= wusheActivities.length ? 1 : 0, max: o.wusheResidents }
    ).forEach((n, i) => (wusheActivities[i]!.residents = n))
  }
  if (activities.length > 0) {
    Distribute.allocate(
      o.mattersDone,
      activities.map((a) => a.kind.matters * a.days.length * (0.5 + rs.next())),
      { min: 0, max: o.mattersDone }
    ).forEach((n, i) => (activities[i]!.matters = n))
  }
  const sessions: Array<Session> = []
  for (const a of activities) {
    const byMinutes = a.sessions.map((s) => s.end - s.start)
    const residents = Distribute.allocate(a.residents, byMinutes, { min: 0, max: a.residents })
    const matters = Distribute.allocate(a.matters, byMinutes, { min: 0, max: a.matters })
    const perHour = pointsPerHour.get(a.kind.category) ?? 0
    a.sessions.forEach((s, i) => {
      s.residents = residents[i]!
      s.matters = matters[i]!
      s.points = Math.floor(((s.end - s.start) * perHour) / 60)
      sessions.push(s)
    })
  }

  // ---- recording: an activity day's sessions together, most within 第十一条's 10 working days
  const rr = random.recording
  const recordedAfter = (end: number, workingDays: number): string => {
    const day = iso(dayOfMinute(end))
    return workingDays === 0 ? day : WorkingCalendar.addWorkingDays(calendar, day, workingDays)
  }
  const onTimeLag = () => {
    const u = rr.next()
    return u < 0.45 ? 0 : u < 0.8 ? rr.between(1, 3) : rr.between(4, 9)
  }
  for (const a of activities) {
    const batches = new Map<number, number>()
    for (const s of a.sessions) {
      const day = dayOfMinute(s.start)
      let lag = batches.get(day)
      if (lag === undefined) {
        lag = rr.next() < o.lateShare * 0.6 ? rr.between(11, 25) : onTimeLag()
        batches.set(day, lag)
      }
      // A few sessions are recorded on their own, after the deadline (a volunteer's hours forgotten).
      s.recordedOn = recordedAfter(s.end, rr.next() < o.lateShare * 0.4 ? rr.between(11, 30) : lag)
    }
  }

  // ---- corrections (第十三条): a wrong end, wrong counts, or a session given to the wrong volunteer
  const rc = random.corrections
  const recorded: Array<Recorded> = sessions.map((s) => ({
    session: s,
    volunteer: s.volunteer,
    end: s.end,
    residents: s.residents,
    matters: s.matters,
    recordedOn: s.recordedOn,
    seq: 0
  }))
  interface Fix {
    readonly original: Recorded
    readonly replacement: Session | null
    readonly reason: string
    readonly on: string
  }
  const fixes: Array<Fix> = []
  const later = (day: string) => IsoDate.addDays(IsoDate.unsafeMake(day), rc.between(3, 25))
  for (const index of rc.shuffle(sessions.map((_, i) => i))) {
    if (fixes.length >= o.corrections) break
    const s = sessions[index]!
    const type = fixes.length % 3
    if (type === 0 && s.end - s.start >= 60) {
      // Recorded as ending earlier than it did: the volunteer asks for the time given.
      const wrong = { ...recorded[index]!, end: s.end - (s.end - s.start >= 90 ? 60 : 30) }
      recorded[index] = wrong
      fixes.push({ original: wrong, replacement: s, reason: "记录的服务结束时间早于实际，志愿者申请更正，经组织单位核实", on: later(s.recordedOn) })
    } else if (type === 1) {
      const wrong = { ...recorded[index]!, residents: s.residents === 0 ? 10 : 0, matters: s.matters === 0 ? 2 : 0 }
      recorded[index] = wrong
      fixes.push({ original: wrong, replacement: s, reason: "服务居民人数和办理实事件数录入有误，经组织单位核实更正", on: later(s.recordedOn) })
    } else if (type === 2) {
      // The same session also recorded for a namesake who was not there: reversed, nothing replaces it.
      const pool = poolOf.get(s.volunteer.community) ?? []
      const surname = s.volunteer.name.slice(0, 1)
      const free = pool.filter((v) => v !== s.volunteer && !overlaps(v, s.start, s.end))
      const other = free.find((v) => v.name.startsWith(surname)) ?? (free.length > 0 ? rc.pick(free) : undefined)
      if (other === undefined) continue
      other.busy.push([s.start, s.end])
      const wrong: Recorded = { session: s, volunteer: other, end: s.end, residents: s.residents, matters: s.matters, recordedOn: s.recordedOn, seq: 0 }
      recorded.push(wrong)
      fixes.push({ original: wrong, replacement: null, reason: "录入时误选同名志愿者，该志愿者未参加此次服务，经核实予以撤销", on: later(s.recordedOn) })
    }
  }
  for (const r of recorded) {
    const day = dayOfMinute(r.session.start)
    if (r.volunteer.firstDay === undefined || day < r.volunteer.firstDay) r.volunteer.firstDay = day
  }

  // ---- the commands, day by day and phase by phase
  const PHASES = 7
  const buckets = new Map<number, Array<Array<() => Command>>>()
  const put = (day: number, phase: number, make: () => Command) => {
    let b = buckets.get(day)
    if (b === undefined) buckets.set(day, b = Array.from({ length: PHASES }, () => []))
    b[phase]!.push(make)
  }
  const dayIn = (r: Random.Random, lo: number, hi: number) => r.between(Math.max(0, lo), Math.max(Math.max(0, lo), Math.min(lastDay, hi)))

  let consentsGiven = 0
  const consented: Array<{ readonly v: Volunteer; readonly day: number }> = []
  for (const v of volunteers) {
    const registeredOn = v.firstDay === undefined ? dayIn(rv, 0, 180) : Math.max(0, v.firstDay - rv.between(0, 30))
    put(registeredOn, 0, () => ({
      _tag: "RegisterVolunteer",
      id: v.id,
      name: v.name,
      ...(v.citizenId === null ? {} : { citizenId: v.citizenId }),
      ...(v.phone === null ? {} : { phone: v.phone }),
      gridCode: v.community,
      ...(v.skills.length > 0 ? { skills: v.skills } : {}),
      ...(v.categories.length > 0 ? { categories: v.categories } : {}),
      ...(v.memberId === null ? {} : { memberId: v.memberId }),
      ...(v.unit === null ? {} : { unitCreditCode: v.unit }),
      registeredOn: iso(registeredOn)
    }))
    if (rv.next() < o.consentShare) {
      consentsGiven++
      consented.push({ v, day: registeredOn })
      put(registeredOn, 1, () => ({ _tag: "RecordConsent", volunteerId: v.id, given: true, on: iso(registeredOn) }))
    }
  }
  const withdrawn = rv.shuffle(consented.filter((c) => c.day + 30 < lastDay)).slice(0, o.consentWithdrawals)
  for (const { v, day } of withdrawn) {
    const on = dayIn(rv, day + 30, lastDay)
    put(on, 5, () => ({ _tag: "RecordConsent", volunteerId: v.id, given: false, on: iso(on) }))
  }
  for (const a of activities) {
    const registeredOn = Math.max(0, a.days[0]! - ra.between(1, 14))
    put(registeredOn, 2, () => ({
      _tag: "RegisterActivity",
      id: a.id,
      name: a.name,
      category: a.kind.category,
      ...(a.programme === null ? {} : { programme: a.programme }),
      organiser: a.organiser,
      personInCharge: a.personInCharge,
      gridCode: a.point.grid,
      servicePoint: a.point.id,
      ...(a.team === null ? {} : { teamId: a.team.id }),
      registeredOn: iso(registeredOn)
    }))
  }
  /** The fields of a session as a command carries them. */
  const fields = (s: Session, v: Volunteer, end: number, residents: number, matters: number) => ({
    volunteerId: v.id,
    activityId: s.activity.id,
    ...(v.post !== null && s.activity.team !== null && v.post.team === s.activity.team.id ? { postId: v.post.id } : {}),
    startsAt: minuteText(s.start),
    endsAt: minuteText(end),
    content: s.content,
    residentsServed: residents,
    mattersDone: matters
  })
  // Services in start order within their recording day; keys and seqs follow the order written.
  const byStart = [...recorded].sort((x, y) =>
    x.session.start - y.session.start || (x.session.activity.id < y.session.activity.id ? -1 : x.session.activity.id > y.session.activity.id ? 1 : 0) ||
    (x.volunteer.id < y.volunteer.id ? -1 : 1)
  )
  let seq = 0
  let serviceKey = 0
  for (const r of byStart) {
    put(dayIndex(r.recordedOn), 3, () => {
      r.seq = ++seq
      return { _tag: "RecordService", key: `svc-${Tree.pad(++serviceKey, 6)}`, ...fields(r.session, r.volunteer, r.end, r.residents, r.matters) }
    })
  }
  let fixKey = 0
  for (const f of [...fixes].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0))) {
    put(dayIndex(f.on), 4, () => {
      if (f.original.seq === 0) fail(`a correction on ${f.on} comes before its entry`)
      const command: Command = {
        _tag: "CorrectEntry",
        key: `fix-${Tree.pad(++fixKey, 4)}`,
        seq: f.original.seq,
        reason: f.reason,
        requester: f.original.volunteer.name,
        ...(f.replacement === null ? {} : { replacement: fields(f.replacement, f.replacement.volunteer, f.replacement.end, f.replacement.residents, f.replacement.matters) })
      }
      seq += f.replacement === null ? 1 : 2
      return command
    })
  }

  // ---- redemptions: of points surely recorded by the day, at most 60 % of them
  const rd = random.redemptions
  const safePoints = new Map<Volunteer, Array<{ readonly endDay: number; readonly points: number }>>()
  for (const r of recorded) {
    if (r.volunteer !== r.session.volunteer) continue
    const perHour = pointsPerHour.get(r.session.activity.kind.category) ?? 0
    const points = Math.min(r.session.points, Math.floor(((r.end - r.session.start) * perHour) / 60))
    const list = safePoints.get(r.volunteer) ?? []
    list.push({ endDay: dayOfMinute(r.session.end - 1), points })
    safePoints.set(r.volunteer, list)
  }
  const total = (v: Volunteer) => (safePoints.get(v) ?? []).reduce((n, x) => n + x.points, 0)
  const candidates = rd.shuffle([...safePoints.keys()].sort((x, y) => total(y) - total(x) || (x.id < y.id ? -1 : 1)).slice(0, Math.max(50, 4 * o.redemptions)))
  let redeemed = 0
  let redemptions = 0
  let redeemKey = 0
  for (const v of candidates) {
    if (redemptions >= o.redemptions) break
    const on = dayIn(rd, lastDay - 120, lastDay)
    const safe = (safePoints.get(v) ?? []).filter((x) => x.endDay <= on - REDEEM_MARGIN_DAYS).reduce((n, x) => n + x.points, 0)
    const points = Math.floor((safe * rd.between(30, 60)) / 100)
    if (points < 3) continue
    redeemed += points
    redemptions++
    const reason = rd.pick(redeemReasons)
    put(on, 6, () => ({ _tag: "RedeemPoints", key: `pts-${Tree.pad(++redeemKey, 4)}`, volunteerId: v.id, points, on: iso(on), reason }))
  }

  const commands: Array<Command> = []
  const writtenOn: Array<string> = []
  for (const day of [...buckets.keys()].sort((x, y) => x - y)) {
    for (const phase of buckets.get(day)!) {
      for (const make of phase) {
        commands.push(make())
        writtenOn.push(iso(day))
      }
    }
  }
  checkDecodes("Ledger.generate", LedgerCommand.LedgerCommand, commands)

  // ---- the figures, net of the corrections: the planned sessions
  const totalsOf = (list: ReadonlyArray<Session>): Totals => ({
    activities: new Set(list.map((s) => s.activity)).size,
    servicePoints: new Set(list.map((s) => s.activity.point)).size,
    volunteers: new Set(list.map((s) => s.volunteer)).size,
    entries: list.length,
    minutes: list.reduce((n, s) => n + s.end - s.start, 0),
    residentsServed: list.reduce((n, s) => n + s.residents, 0),
    mattersDone: list.reduce((n, s) => n + s.matters, 0),
    points: list.reduce((n, s) => n + s.points, 0)
  })
  const sums = (key: (s: Session) => string): Record<string, Rollup.Totals> => {
    const out: Record<string, Rollup.Totals> = {}
    for (const s of sessions) {
      const k = key(s)
      const t = out[k] ?? { minutes: 0, entries: 0, residentsServed: 0, mattersDone: 0, points: 0 }
      out[k] = {
        minutes: t.minutes + s.end - s.start,
        entries: t.entries + 1,
        residentsServed: t.residentsServed + s.residents,
        mattersDone: t.mattersDone + s.matters,
        points: t.points + s.points
      }
    }
    return out
  }
  const streetOf = (code: string) => code.slice(0, tenant.length + Tree.SEGMENT_WIDTH)
  const isLate = (end: number, on: string) => WorkingCalendar.isLate(calendar, iso(dayOfMinute(end)), IsoDate.unsafeMake(on), config.recordingDeadlineDays)
  // A replacement keeps its original's flag: the session was recorded when the original was.
  const late = recorded.filter((r) => isLate(r.end, r.recordedOn)).length +
    fixes.filter((f) => f.replacement !== null && isLate(f.original.end, f.original.recordedOn)).length
  return {
    tenant,
    options: o,
    commands,
    writtenOn,
    servicePoints: points.map((p) => ({ id: p.id, name: p.name, gridCode: p.grid })),
    figures: {
      year: o.year,
      from: jan1,
      to: dec31,
      total: totalsOf(sessions),
      wushe: totalsOf(sessions.filter((s) => s.activity.programme === wushe)),
      byCategory: sums((s) => s.activity.kind.category),
      byStreet: sums((s) => streetOf(s.activity.point.grid)),
      registered: {
        members: volunteers.filter((v) => v.memberId !== null).length,
        residents: volunteers.filter((v) => v.memberId === null).length,
        activities: activities.length
      },
      recorded: { services: recorded.length, late },
      acrossMidnight: sessions.filter((s) => dayOfMinute(s.start) !== dayOfMinute(s.end - 1)).length,
      corrections: { replaced: fixes.filter((f) => f.replacement !== null).length, reversed: fixes.filter((f) => f.replacement === null).length },
      redemptions: { count: redemptions, points: redeemed },
      consents: { given: consentsGiven, withdrawn: withdrawn.length }
    }
  }
}

/**
 * Options of {@link apply}.
 *
 * @since 0.4.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands per transaction within a day; default 5,000. */
  readonly batchSize?: number
}

/**
 * Writes a generated year through the VolunteerLedger service as the system actor, day
 * by day with the clock on each day (`DayClock`: 23:59 China Standard Time), so the
 * ledger stamps the recording days the generator meant; a day's commands in batches of
 * `batchSize`, each one transaction. Rows in errors count from the first command of the
 * whole list. The district's grids (and, for the teams and members the commands name,
 * its co-construction) must have been written first, into a tenant whose ledger is
 * empty: the corrections name their entries by seq.
 *
 * @since 0.4.0
 * @category running
 */
export const apply = (
  ledger: { readonly tenant: string; readonly commands: ReadonlyArray<Command>; readonly writtenOn: ReadonlyArray<string> },
  options: ApplyOptions = {}
): Effect.Effect<void, VolunteerLedgerService.LedgerWriteError, VolunteerLedgerService.VolunteerLedger> =>
  Effect.gen(function*() {
    const service = yield* VolunteerLedgerService.VolunteerLedger
    const { commands, writtenOn } = ledger
    if (writtenOn.length !== commands.length) return yield* Effect.dieMessage("Ledger.apply: writtenOn must give a day for each command")
    for (let start = 0; start < commands.length;) {
      const day = writtenOn[start]!
      let end = start + 1
      while (end < commands.length && writtenOn[end] === day) end++
      const offset = start
      yield* applyInBatches("Ledger.apply", ledger.tenant, commands.slice(start, end), options.batchSize, service.executeAll).pipe(
        Effect.mapError((error) => shiftRow(error, offset)),
        Effect.withClock(DayClock.at(day))
      )
      start = end
    }
  }).pipe(Effect.withSpan("Ledger.apply"))
