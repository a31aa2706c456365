/**
 * Random co-construction command sequences (共驻共建: 双报到, 一协议两清单, volunteering and
 * joint meetings). An intent says what to try ("transfer the 2nd unit to the 3rd street
 * on the 5th day"); it is resolved against a tenant into a command input, so the same
 * intents give the same commands in every tenant (grid and credit codes carry the
 * tenant; every other id is only unique within a tenant, so every tenant uses the same
 * ones, which also checks that the stores key them by tenant).
 *
 * Like the organisation intents, they draw from a small universe of ids and days so
 * that they clash: days around the boundaries (the day before a grid opens, the day it
 * closes, an agreement's first and last days, leap day, today and the day after), units
 * over a capacity or a quantity, a second community for an enrolled member, ids that do
 * not exist, invalid credit codes, and some junk input. Every sequence starts from a
 * scaffold: grids (written through `Grids`), the organisation intents' organisations
 * and members (through `Organisations`), and a few enrolments, agreements, lists, a
 * project, teams, posts, a claim and a joint meeting (through `CoConstructions`), so
 * that the random commands reach every rule.
 *
 * The rules refuse progress, meetings and completions dated after today: run under a
 * clock set to {@link today} (the suites set the `TestClock`).
 *
 * @since 0.3.0
 */
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  Grids,
  type Imports,
  Organisations,
  type Store
} from "@jiceng/core"
import type {
  Agreement,
  AuditEntry,
  CoConstructionChanges,
  CoConstructionInvariants,
  Enrolment,
  Grid,
  JointMeeting,
  Organisation,
  Project,
  StoreError,
  Tenant,
  Volunteering
} from "@jiceng/core"
import { CreditCode, CoConstructionStore } from "@jiceng/core"
import { Arbitrary, Effect, Either, FastCheck as fc, Layer, Schema } from "effect"
import * as StorePorts from "../conformance/StorePorts.js"
import * as GridIntents from "./GridIntents.js"
import * as OrganisationIntents from "./OrganisationIntents.js"

/**
 * The day the suites run on (the `TestClock` is set to its midnight UTC): the intents'
 * last days lie after it.
 *
 * @since 0.3.0
 * @category resolution
 */
export const today = OrganisationIntents.today

/**
 * `today` as epoch milliseconds, for `TestClock.setTime`.
 *
 * @since 0.3.0
 * @category resolution
 */
export const todayMs = OrganisationIntents.todayMs

/** The day the scaffold's grids begin. */
const start = "2023-01-01"

const Index = Schema.Int.pipe(Schema.between(0, 1000))
const Small = (max: number) => Schema.Int.pipe(Schema.between(0, max))

const Allocation = Schema.Struct({ need: Index, resource: Index, units: Index })
const Decision = Schema.Struct({ task: Index, unit: Index, due: Index })

const EnrolUnitIntent = Schema.Struct({ op: Schema.Literal("enrolUnit"), unit: Index, street: Index, day: Index })
const EnrolMemberIntent = Schema.Struct({
  op: Schema.Literal("enrolMember"),
  member: Index,
  community: Index,
  unit: Index,
  skills: Index,
  interest: Index,
  day: Index
})
const ProjectIntent = Schema.Struct({
  op: Schema.Literal("project"),
  id: Index,
  agreement: Index,
  allocations: Schema.Array(Allocation).pipe(Schema.minItems(1), Schema.maxItems(2)),
  from: Index,
  to: Index,
  weight: Index
})
const ClaimIntent = Schema.Struct({ op: Schema.Literal("claim"), post: Index, member: Index, skills: Index, day: Index })

/**
 * One random co-construction command to attempt.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Intent = Schema.Union(
  // Listed twice: enrolments, projects and claims come twice as often.
  EnrolUnitIntent,
  EnrolUnitIntent,
  Schema.Struct({ op: Schema.Literal("transferUnit"), unit: Index, street: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("withdrawUnit"), unit: Index, day: Index }),
  EnrolMemberIntent,
  EnrolMemberIntent,
  Schema.Struct({ op: Schema.Literal("transferEnrolment"), member: Index, community: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("withdrawMember"), member: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("sign"), id: Index, org: Index, unit: Index, from: Index, to: Index }),
  Schema.Struct({
    op: Schema.Literal("need"),
    id: Index,
    grid: Index,
    category: Index,
    quantity: Small(6),
    priority: Small(10),
    skills: Index,
    day: Index
  }),
  Schema.Struct({
    op: Schema.Literal("resource"),
    id: Index,
    unit: Index,
    grid: Index,
    category: Index,
    capacity: Small(6),
    skills: Index,
    day: Index
  }),
  ProjectIntent,
  ProjectIntent,
  Schema.Struct({ op: Schema.Literal("progress"), project: Index, percent: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("team"), id: Index, grid: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("post"), id: Index, team: Index, category: Index, skills: Index, capacity: Index, day: Index }),
  ClaimIntent,
  ClaimIntent,
  Schema.Struct({ op: Schema.Literal("unclaim"), post: Index, member: Index, day: Index }),
  Schema.Struct({
    op: Schema.Literal("meeting"),
    id: Index,
    street: Index,
    units: Schema.Array(Index).pipe(Schema.maxItems(3)),
    decisions: Schema.Array(Decision).pipe(Schema.maxItems(2)),
    day: Index
  }),
  Schema.Struct({ op: Schema.Literal("complete"), task: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("junk"), kind: Index, text: Schema.String.pipe(Schema.maxLength(12)) })
)

/**
 * @since 0.3.0
 * @category models
 */
export type Intent = typeof Intent.Type

/**
 * A sequence of 5 to `max` intents as a fast-check arbitrary, its lengths spread over
 * the whole range.
 *
 * @since 0.3.0
 * @category arbitraries
 */
export const intents = (max = 30): fc.Arbitrary<ReadonlyArray<Intent>> =>
  fc.array(Arbitrary.make(Intent), { minLength: Math.min(5, max), maxLength: max, size: "max" })

/**
 * The days the intents choose from: before the grids, the scaffold's days, the day
 * before and the first day of a community's term (2024-03-01, after leap day), its last
 * day and the day it closes (2024-09-01), mid-year, today and the day after.
 */
export const days = [
  "2022-12-31",
  "2023-01-01",
  "2023-06-01",
  "2024-01-01",
  "2024-02-29",
  "2024-03-01",
  "2024-06-30",
  "2024-07-01",
  "2024-08-31",
  "2024-09-01",
  "2024-12-31",
  "2025-01-01"
] as const

/** Agreement and project terms: around the scaffold's agreements' term, 2024-01-01 to 2025-01-01. */
/** The days changes to dated histories crowd on. */
const busyDays = ["2024-03-01", "2024-07-01", "2024-03-01"]

const termDays = ["2023-12-31", "2024-01-01", "2024-03-01", "2024-07-01", "2024-12-31", "2025-01-01", "2025-01-02"]

/**
 * The work units' numbers (their credit codes are `GridIntents.creditCode(tenant, n)`).
 *
 * @since 0.3.0
 * @category resolution
 */
export const unitNumbers = [1, 2, 3, 4] as const

/**
 * A unit's credit code in a tenant.
 *
 * @since 0.3.0
 * @category resolution
 */
export const unit = (tenant: string, n: number): string => GridIntents.creditCode(tenant, n)

/**
 * Credit codes that are no credit code: 17 characters, and a wrong check character on
 * a code whose shape `GridBatch.retarget` leaves alone (so that it stays wrong in any
 * tenant).
 */
const badUnits = (tenant: string): ReadonlyArray<string> => {
  const first17 = `91${tenant}MB0000009`
  const right = CreditCode.checkCharacter(first17)
  return [`91${tenant}MA000000`, first17 + (right === "0" ? "1" : "0")]
}

/**
 * Every member id the intents name: m1–m4 are the organisation scaffold's members (of
 * the tenant's branches), x1–x3 are not.
 *
 * @since 0.3.0
 * @category resolution
 */
export const memberIds = ["m1", "m2", "m3", "m4", "x1", "x2", "x3"] as const

/**
 * The ids the intents name, by kind: the scaffold's and new ones.
 *
 * @since 0.3.0
 * @category resolution
 */
export const ids = {
  agreements: ["a1", "a2", "a3", "a4"],
  needs: ["n1", "n2", "n3", "n4"],
  resources: ["r1", "r2", "r3", "r4"],
  projects: ["pr1", "pr2", "pr3"],
  teams: ["tm1", "tm2", "tm3"],
  posts: ["ps1", "ps2", "ps3", "ps4"],
  meetings: ["jm1", "jm2", "jm3"],
  tasks: ["k1", "k2", "k3", "k4"]
} as const

/**
 * The grid scaffold: the organisation intents' (the root, streets 001 and 002,
 * communities 001001, 001002 and 002001), a sector 001001001 under 001001, and a
 * community 001003 that runs from 2024-03-01 to 2024-09-01.
 *
 * @since 0.3.0
 * @category resolution
 */
export const gridScaffold = (tenant: string): ReadonlyArray<unknown> => [
  ...OrganisationIntents.gridScaffold(tenant),
  { _tag: "CreateGrid", code: `${tenant}001001001`, name: "明珠一区", parentCode: `${tenant}001001`, validFrom: start },
  {
    _tag: "CreateGrid",
    code: `${tenant}001003`,
    name: "新城社区",
    parentCode: `${tenant}001`,
    validFrom: "2024-03-01",
    validTo: "2024-09-01"
  }
]

/**
 * The co-construction scaffold, after the organisation intents' organisations and
 * members: units u1 (street 001) and u2 (002) enrolled; members m1 (001001), x1
 * (001002, of an organisation outside the tenant) and m4 (002001) enrolled; agreements
 * a1 (c1 with u1) and a2 (s2 with u2) for 2024; needs n1 (001001, 4 units) and n2
 * (002001, 3); resources r1 (u1's, 3 units) and r2 (u2's, 3); project pr1 giving 2 of
 * r1's units to n1, 30 % done; teams tm1 (001001) and tm2 (002001) with posts ps1 (1
 * place, claimed by m1) and ps2 (2 places); a joint meeting jm1 of street 001 with u1
 * and its task k1.
 *
 * @since 0.3.0
 * @category resolution
 */
export const scaffold = (tenant: string): ReadonlyArray<unknown> => {
  const [u1, u2] = [unit(tenant, 1), unit(tenant, 2)]
  return [
    { _tag: "EnrolUnit", creditCode: u1, name: "河西供电所", streetCode: `${tenant}001`, at: "2023-06-01" },
    { _tag: "EnrolUnit", creditCode: u2, name: "河东医院", streetCode: `${tenant}002`, at: "2023-06-01" },
    {
      _tag: "EnrolMember",
      memberId: "m1",
      communityCode: `${tenant}001001`,
      unitCreditCode: u1,
      skills: ["electrician"],
      interest: "living",
      at: "2023-06-01"
    },
    {
      _tag: "EnrolMember",
      memberId: "x1",
      communityCode: `${tenant}001002`,
      homeOrganisation: "市直机关某党支部",
      skills: ["medicine"],
      interest: "care",
      at: "2023-06-01"
    },
    { _tag: "EnrolMember", memberId: "m4", communityCode: `${tenant}002001`, at: "2023-06-01" },
    { _tag: "SignAgreement", id: "a1", organisationId: "c1", unitCreditCode: u1, unitOrganisation: "供电所党支部", from: "2024-01-01", to: "2025-01-01" },
    { _tag: "SignAgreement", id: "a2", organisationId: "s2", unitCreditCode: u2, unitOrganisation: "医院党委", from: "2024-01-01", to: "2025-01-01" },
    {
      _tag: "ListNeed",
      id: "n1",
      gridCode: `${tenant}001001`,
      category: "electric",
      title: "线路检修",
      quantity: 4,
      priority: 5,
      skills: ["electrician"],
      at: "2024-01-01"
    },
    { _tag: "ListNeed", id: "n2", gridCode: `${tenant}002001`, category: "health", title: "健康随访", quantity: 3, priority: 2, at: "2024-01-01" },
    {
      _tag: "ListResource",
      id: "r1",
      unitCreditCode: u1,
      gridCode: `${tenant}001`,
      category: "electric",
      title: "供电服务队",
      capacity: 3,
      skills: ["electrician"],
      at: "2024-01-01"
    },
    {
      _tag: "ListResource",
      id: "r2",
      unitCreditCode: u2,
      gridCode: `${tenant}002`,
      category: "health",
      title: "家庭医生",
      capacity: 3,
      skills: ["medicine"],
      at: "2024-01-01"
    },
    {
      _tag: "StartProject",
      id: "pr1",
      agreementId: "a1",
      title: "线路改造",
      weight: 2,
      allocations: [{ needId: "n1", resourceId: "r1", units: 2 }],
      from: "2024-02-01",
      to: "2024-10-01"
    },
    { _tag: "ReportProgress", projectId: "pr1", on: "2024-03-01", percent: 30 },
    { _tag: "FormTeam", id: "tm1", name: "明珠志愿队", gridCode: `${tenant}001001`, at: "2023-06-01" },
    { _tag: "FormTeam", id: "tm2", name: "锦华志愿队", gridCode: `${tenant}002001`, at: "2023-06-01" },
    { _tag: "OpenPost", id: "ps1", teamId: "tm1", title: "电路维修", category: "living", skills: ["electrician"], capacity: 1, at: "2024-01-01" },
    { _tag: "OpenPost", id: "ps2", teamId: "tm2", title: "关爱老人", category: "care", capacity: 2, at: "2024-01-01" },
    { _tag: "ClaimPost", postId: "ps1", memberId: "m1", at: "2024-02-01" },
    {
      _tag: "HoldJointMeeting",
      id: "jm1",
      streetCode: `${tenant}001`,
      date: "2024-04-10",
      topic: "第二季度联席会议",
      units: [u1],
      decisions: [{ taskId: "k1", text: "检修入户线路", unitCreditCode: u1, due: "2024-06-30" }]
    }
  ]
}

const pick = <A>(items: ReadonlyArray<A>, index: number): A => items[index % items.length]!

/** Units as the intents name them: mostly the universe's, sometimes no credit code at all. */
const unitOf = (tenant: string, index: number): string => {
  const slots = [1, 2, 3, 4, 1, 2, 3, 0, 1, 2, 3, 4, -1]
  const n = pick(slots, index)
  return n > 0 ? unit(tenant, n) : pick(badUnits(tenant), n + 1)
}
/** Streets: both, a community (the wrong level) and one that does not exist. */
const streets = ["001", "001", "002", "002", "001001", "009"]
/** Communities: every one, 001003 (only from 2024-03-01 to 2024-09-01), a street and one that does not exist. */
const communities = ["001001", "001001", "001002", "002001", "002001", "001003", "001", "001009"]
/** Where needs and teams arise: communities, a sector, a street (too high), 001003. */
const localGrids = ["001001", "001001001", "001002", "002001", "001003", "001"]
/** Where resources lie: any grid that exists, and one that does not. */
const resourceGrids = ["001", "002", "001001", "001001001", "002001", "009"]
/** Organisations that sign: the scaffold's (t1 a temporary branch), one formed 2023-06-01 (b2), and one that does not exist. */
const signers = ["c1", "s1", "s2", "top", "b1", "b2", "b3", "t1", "zz"]
const listCategories = ["electric", "health", "electric", "care"]
/** Post categories: the policy's, and one that is not. */
const postCategories = ["living", "care", "policy", "culture", "party"]
/** Amounts: mostly small, sometimes none (which no command takes). */
const amounts = [1, 1, 2, 3, 1, 2, 4, 0]
/**
 * Terms `[from, to)` over `termDays`: mostly starting inside the scaffold's agreements'
 * term and a step or two long, sometimes anything.
 */
const term = (from: number, to: number): readonly [string, string] => {
  const start = from % 6 === 5 ? from % termDays.length : 1 + (from % 4)
  const end = to % 5 === 4 ? to % termDays.length : Math.min(termDays.length - 1, start + 1 + (to % 2))
  return [termDays[start]!, termDays[end]!]
}
/** Meetings' days: mostly after the scaffold's units enrolled (2023-06-01) and by today. */
const meetingDays = ["2023-06-01", "2024-03-01", "2024-07-01", "2024-12-31", "2023-01-01", "2024-09-01", "2025-01-01"]
/** Units by street, for a joint meeting: the street's unit first. */
const unitOfStreet: Readonly<Record<string, number>> = { "001": 1, "002": 2 }
/** The needs and resources a project under an agreement mostly names: its own. */
const projectLists: Readonly<Record<string, readonly [ReadonlyArray<string>, ReadonlyArray<string>]>> = {
  a1: [["n1", "n1", "n1", "n3", "n4"], ["r1", "r1", "r1", "r3", "r4"]],
  a2: [["n2", "n2", "n2", "n3", "n4"], ["r2", "r2", "r2", "r3", "r4"]]
}
/** Claims: mostly of the scaffold's posts by enrolled members, sometimes anything. */
const claimPairs: ReadonlyArray<readonly [string, string]> = [["ps1", "m1"], ["ps2", "m4"], ["ps2", "x1"], ["ps1", "x1"], ["ps2", "m1"]]
const skillSets: ReadonlyArray<ReadonlyArray<string>> = [[], [], ["electrician"], ["medicine"], ["electrician", "medicine"], ["law"]]
const interests: ReadonlyArray<string | null> = [null, "living", "care", "policy", "sports"]
const percents = [0, 10, 30, 30, 50, 100, 20]
/** Members a command about an enrolment names: mostly the scaffold's enrolled m1, x1 and m4. */
const enrolledMembers = ["m1", "x1", "m4", "m1", "x1", "m4", "m2", "x2"]

/**
 * Turns an intent into a command input for a tenant.
 *
 * @since 0.3.0
 * @category resolution
 */
export const resolve = (tenant: string, intent: Intent): unknown => {
  const at = (i: number) => pick(days, i)
  /** Days of dated histories (enrolments, claims): half of them on two busy days, so that one day's changes meet. */
  const busy = (i: number) => (i % 2 === 0 ? pick(busyDays, i >> 1) : at(i))
  const grid = (codes: ReadonlyArray<string>, i: number) => `${tenant}${pick(codes, i)}`
  /** Units a command about an enrolled unit names: mostly the scaffold's u1 and u2. */
  const enrolledUnit = (i: number) => (i % 3 === 2 ? unitOf(tenant, i) : unit(tenant, 1 + (i % 2)))
  switch (intent.op) {
    case "enrolUnit":
      return { _tag: "EnrolUnit", creditCode: unitOf(tenant, intent.unit), name: `单位${intent.unit % 4}`, streetCode: grid(streets, intent.street), at: busy(intent.day) }
    case "transferUnit":
      return { _tag: "TransferUnit", creditCode: enrolledUnit(intent.unit), streetCode: grid(streets, intent.street), at: busy(intent.day) }
    case "withdrawUnit":
      return { _tag: "WithdrawUnit", creditCode: enrolledUnit(intent.unit), at: busy(intent.day) }
    case "enrolMember": {
      const memberId = pick(memberIds, intent.member)
      // Mostly right (the tenant's members name no organisation, others do), one in five not.
      const outsider = memberId.startsWith("x") !== (intent.member % 5 === 4)
      return {
        _tag: "EnrolMember",
        memberId,
        communityCode: grid(communities, intent.community),
        homeOrganisation: outsider ? "外单位党支部" : null,
        ...(intent.unit % 3 === 0 ? {} : { unitCreditCode: unitOf(tenant, intent.unit) }),
        skills: pick(skillSets, intent.skills),
        interest: pick(interests, intent.interest),
        at: busy(intent.day)
      }
    }
    case "transferEnrolment":
      return { _tag: "TransferEnrolment", memberId: pick(enrolledMembers, intent.member), communityCode: grid(communities, intent.community), at: busy(intent.day) }
    case "withdrawMember":
      return { _tag: "WithdrawMember", memberId: pick(enrolledMembers, intent.member), at: busy(intent.day) }
    case "sign": {
      const [from, to] = term(intent.from, intent.to)
      return {
        _tag: "SignAgreement",
        id: pick(["a3", "a4", "a3", "a1"], intent.id),
        organisationId: pick(signers, intent.org),
        unitCreditCode: enrolledUnit(intent.unit),
        unitOrganisation: "单位党组织",
        from,
        to,
        commitments: { organisation: ["联合主题党日"], members: [], resources: [], matters: intent.id % 2 === 0 ? ["检修线路"] : [] }
      }
    }
    case "need":
      return {
        _tag: "ListNeed",
        id: pick(ids.needs, intent.id),
        gridCode: grid(localGrids, intent.grid),
        category: pick(listCategories, intent.category),
        title: "需求",
        quantity: intent.quantity,
        priority: intent.priority,
        skills: pick(skillSets, intent.skills),
        at: at(intent.day)
      }
    case "resource":
      return {
        _tag: "ListResource",
        id: pick(ids.resources, intent.id),
        unitCreditCode: enrolledUnit(intent.unit),
        gridCode: grid(resourceGrids, intent.grid),
        category: pick(listCategories, intent.category),
        title: "资源",
        capacity: intent.capacity,
        skills: pick(skillSets, intent.skills),
        at: at(intent.day)
      }
    case "project": {
      const agreementId = pick(["a1", "a2", "a1", "a2", "a3", "a4"], intent.agreement)
      const [needs, resources] = projectLists[agreementId] ?? [ids.needs, ids.resources]
      const [from, to] = term(intent.from, intent.to)
      return {
        _tag: "StartProject",
        id: pick(["pr2", "pr3", "pr2", "pr1"], intent.id),
        agreementId,
        title: "项目",
        weight: pick([1, 2, 3, 1, 1000, 2, 1, 0], intent.weight),
        allocations: intent.allocations.map((a) => ({
          needId: pick(needs, a.need),
          resourceId: pick(resources, a.resource),
          units: pick([1, 1, 2, 1, 2, 3, 0, 1, 4, 1], a.units)
        })),
        from,
        to
      }
    }
    case "progress":
      return { _tag: "ReportProgress", projectId: pick(["pr1", "pr2", "pr1", "pr3"], intent.project), on: at(intent.day), percent: pick(percents, intent.percent) }
    case "team":
      return { _tag: "FormTeam", id: pick(ids.teams, intent.id), name: `志愿队${intent.id % 3}`, gridCode: grid(localGrids, intent.grid), at: at(intent.day) }
    case "post":
      return {
        _tag: "OpenPost",
        id: pick(ids.posts, intent.id),
        teamId: pick(ids.teams, intent.team),
        title: "岗位",
        category: pick(postCategories, intent.category),
        skills: pick(skillSets, intent.skills),
        capacity: pick(amounts, intent.capacity),
        at: at(intent.day)
      }
    case "claim":
    case "unclaim": {
      const [postId, memberId] = intent.post % 3 === 0
        ? [pick(ids.posts, intent.post), pick(memberIds, intent.member)]
        : pick(intent.op === "claim" ? claimPairs : [["ps1", "m1"], ["ps1", "m1"], ...claimPairs], intent.member)
      return intent.op === "claim"
        ? { _tag: "ClaimPost", postId, memberId, skills: pick(skillSets, intent.skills), at: busy(intent.day) }
        : { _tag: "WithdrawClaim", postId, memberId, at: busy(intent.day) }
    }
    case "meeting": {
      const street = pick(streets, intent.street)
      const own = unitOfStreet[street]
      const units = intent.units.map((u, i) => (i === 0 && own !== undefined && u % 4 !== 3 ? unit(tenant, own) : unitOf(tenant, u)))
      return {
        _tag: "HoldJointMeeting",
        id: pick(["jm2", "jm3", "jm2", "jm1"], intent.id),
        streetCode: `${tenant}${street}`,
        date: pick(meetingDays, intent.day),
        topic: "联席会议",
        units,
        decisions: intent.decisions.map((d) => ({
          taskId: pick(["k2", "k3", "k2", "k4", "k1"], d.task),
          text: "任务",
          // No unit, the first one present, or any.
          ...(d.unit % 3 === 0 ? {} : { unitCreditCode: d.unit % 3 === 1 ? units[0] ?? unit(tenant, 1) : unitOf(tenant, d.unit) }),
          due: d.due % 5 === 4 ? at(d.due) : pick(days, (days as ReadonlyArray<string>).indexOf(pick(meetingDays, intent.day)) + (d.due % 3))
        }))
      }
    }
    case "complete":
      return { _tag: "CompleteTask", taskId: pick(["k1", "k2", "k1", "k3", "k4"], intent.task), at: at(intent.day) }
    case "junk":
      return junk(tenant, intent.kind, intent.text)
  }
}

/** Input the service must refuse as a `ValidationError`. */
const junk = (tenant: string, kind: number, text: string): unknown => {
  switch (kind % 7) {
    case 0:
      return { _tag: "EnrolUnits", creditCode: unit(tenant, 1), name: "单位", streetCode: `${tenant}001`, at: "2024-01-01" }
    case 1:
      return { _tag: "EnrolUnit", creditCode: pick(badUnits(tenant), kind), name: "单位", streetCode: `${tenant}001`, at: "2024-01-01" }
    case 2:
      return { _tag: "ListNeed", id: "n9", gridCode: `${tenant}00100a`, category: "health", title: "需求", quantity: 1, at: "2024-01-01" }
    case 3:
      return { _tag: "FormTeam", id: "tm9", name: "", gridCode: `${tenant}001001`, at: "2024-01-01" }
    case 4:
      return { _tag: "EnrolMember", memberId: "x9", communityCode: `${tenant}001001`, homeOrganisation: "某支部", at: "2023-02-29" }
    case 5:
      return { _tag: "CompleteTask", taskId: text, at: text }
    default:
      return { _tag: "WithdrawClaim", postId: text, memberId: "m1", at: `2024-${text}` }
  }
}

/**
 * What happened to one intent: the command it resolved to, `ok` or the error's tag,
 * rule (or reason) and field, and the changes an accepted command made.
 *
 * @since 0.3.0
 * @category models
 */
export interface Outcome {
  readonly command: unknown
  readonly result: string
  readonly changes?: CoConstructionChanges.CoConstructionChanges
}

/**
 * Everything a store holds for a tenant's co-construction domain (and its grids,
 * organisations and audit log): what a refused command must leave alone, and what two
 * stores must agree on. It holds `CoConstructionInvariants.History`.
 *
 * @since 0.3.0
 * @category models
 */
export interface History extends CoConstructionInvariants.History {
  readonly allocations: ReadonlyArray<Project.ProjectAllocation>
  readonly progress: ReadonlyArray<Project.Progress>
  readonly teams: ReadonlyArray<Volunteering.Team>
  readonly jointMeetings: ReadonlyArray<JointMeeting.JointMeeting>
  readonly tasks: ReadonlyArray<JointMeeting.Task>
  readonly organisations: ReadonlyArray<Organisation.Organisation>
  readonly grids: ReadonlyArray<Grid.Grid>
  /** Audit entries without their times. */
  readonly audit: ReadonlyArray<Omit<AuditEntry.AuditEntry, "atMs">>
}

/**
 * Keys the port reads only by: units (their numbers), members and teams.
 *
 * @since 0.3.0
 * @category models
 */
export interface Keys {
  readonly units: ReadonlyArray<number>
  readonly members: ReadonlyArray<string>
  readonly teams: ReadonlyArray<string>
}

/**
 * The intents' keys.
 *
 * @since 0.3.0
 * @category resolution
 */
export const keys: Keys = { units: unitNumbers, members: memberIds, teams: ids.teams }

/**
 * The keys of the import workload's first `blocks` blocks, and the intents'.
 *
 * @since 0.3.0
 * @category imports
 */
export const importKeys = (blocks: number): Keys => {
  const n = Array.from({ length: blocks }, (_, i) => i)
  return {
    units: [...unitNumbers, ...n.map((i) => 100 + i)],
    members: [...memberIds, ...n.map((i) => `im${i}`)],
    teams: [...ids.teams, ...n.map((i) => `it${i}`)]
  }
}

/**
 * The full history of a tenant: every co-construction table read back through the
 * ports (in their documented orders) — enrolments and teams of the keys given (the
 * intents' by default) — plus its grids, organisations and audit log.
 *
 * @since 0.3.0
 * @category running
 */
export const history = (tenant: string, of: Keys = keys): Effect.Effect<History, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const ports = yield* StorePorts.all
    const store = yield* CoConstructionStore.CoConstructionStore
    const t = tenant as Tenant.Tenant
    const agreements: ReadonlyArray<Agreement.Agreement> = yield* store.agreements.agreements(t)
    const needs = yield* store.agreements.needs(t)
    const resources = yield* store.agreements.resources(t)
    const posts = yield* store.volunteers.posts(t)
    const jointMeetings = yield* store.jointMeetings.between(t, "1900-01-01" as never, "2100-01-01" as never)
    const none = Effect.succeed([] as const)
    const unitEnrolments: ReadonlyArray<Enrolment.UnitEnrolment> = yield* store.enrolments.unitsOf(
      t,
      of.units.map((n) => unit(tenant, n)) as never
    )
    return {
      unitEnrolments,
      memberEnrolments: yield* store.enrolments.membersOf(t, of.members as never),
      agreements,
      needs,
      resources,
      projects: yield* store.agreements.projects(t),
      allocations: [
        ...(yield* (needs.length === 0 ? none : store.agreements.allocationsTo(t, needs.map((n) => n.id)))),
        ...(yield* (resources.length === 0 ? none : store.agreements.allocationsFrom(t, resources.map((r) => r.id))))
      ],
      progress: yield* store.agreements.progress(t),
      teams: yield* store.volunteers.teamsOf(t, of.teams as never),
      posts,
      claims: yield* (posts.length === 0 ? none : store.volunteers.claimsOn(t, posts.map((p) => p.id))),
      jointMeetings,
      tasks: yield* (jointMeetings.length === 0 ? none : store.jointMeetings.tasksIn(t, jointMeetings.map((m) => m.id))),
      organisations: yield* ports.organisations.history(t),
      grids: yield* ports.grids.history(t, tenant),
      audit: (yield* ports.audit.list(t, { afterSeq: 0, limit: Infinity })).map(({ atMs: _, ...e }) => e)
    }
  })

/**
 * Writes the grid scaffold (through `Grids`) and the organisation intents' scaffold
 * (through `Organisations`) for a tenant.
 *
 * @since 0.3.0
 * @category running
 */
export const writeBase = (tenant: string): Effect.Effect<void, never, Grids.Grids | Organisations.Organisations> =>
  Effect.gen(function*() {
    const system = Actor.system(tenant)
    yield* (yield* Grids.Grids).executeAllUnknown(system, gridScaffold(tenant))
    yield* (yield* Organisations.Organisations).executeAllUnknown(system, OrganisationIntents.scaffold(tenant))
  }).pipe(Effect.orDie)

/**
 * Writes the whole scaffold for a tenant: its grids, organisations and members, then
 * the co-construction scaffold.
 *
 * @since 0.3.0
 * @category running
 */
export const writeScaffold = (
  tenant: string
): Effect.Effect<void, never, Grids.Grids | Organisations.Organisations | CoConstructions.CoConstructions> =>
  Effect.zipRight(
    writeBase(tenant),
    Effect.flatMap(CoConstructions.CoConstructions, (c) => c.executeAllUnknown(Actor.system(tenant), scaffold(tenant))).pipe(Effect.orDie)
  )

/**
 * The audit entries the scaffold writes: its grids, organisations, members and
 * co-construction commands.
 *
 * @since 0.3.0
 * @category running
 */
export const scaffoldEntries = (tenant: string): number =>
  gridScaffold(tenant).length + OrganisationIntents.scaffold(tenant).length + scaffold(tenant).length

/**
 * An error as an outcome: its tag, its rule (a refusal's reason, or else its message),
 * the field it names, and its row in a batch.
 *
 * @since 0.3.0
 * @category running
 */
export const resultOf = (error: unknown): string => {
  const e = error as {
    readonly _tag: string
    readonly rule?: string
    readonly reason?: string
    readonly field?: string
    readonly row?: number
    readonly message: string
  }
  const what = e.rule ?? e.reason ?? e.message
  return `${e._tag}:${what}${e.field === undefined ? "" : `@${e.field}`}${e.row === undefined ? "" : `#${e.row}`}`
}

/** The services `run` needs. */
export type Services = Grids.Grids | Organisations.Organisations | CoConstructions.CoConstructions | Store.Store

/**
 * Writes the scaffold, then runs intents one by one through `CoConstructions.execute`
 * as the tenant's system actor (or the actor given). Checks after every refusal that
 * nothing was written (dies otherwise) and returns what happened.
 *
 * @since 0.3.0
 * @category running
 */
export const run = (
  tenant: string,
  intents: ReadonlyArray<Intent>,
  options: {
    readonly checkRefusals?: boolean
    readonly actor?: Actor.Actor
    /** Write the scaffold first (default true). */
    readonly scaffold?: boolean
  } = {}
): Effect.Effect<ReadonlyArray<Outcome>, StoreError.StoreError, Services> =>
  Effect.gen(function*() {
    if (options.scaffold !== false) yield* writeScaffold(tenant)
    const service = yield* CoConstructions.CoConstructions
    const actor = options.actor ?? Actor.system(tenant)
    const outcomes: Array<Outcome> = []
    for (const intent of intents) {
      const command = resolve(tenant, intent)
      const before = options.checkRefusals === false ? undefined : yield* history(tenant)
      const result = yield* Effect.either(service.executeUnknown(actor, command))
      if (Either.isLeft(result)) {
        if (before !== undefined) {
          const after = yield* history(tenant)
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            return yield* Effect.die(new Error(`refused ${JSON.stringify(command)} (${resultOf(result.left)}) but the store changed`))
          }
        }
        outcomes.push({ command, result: resultOf(result.left) })
      } else {
        outcomes.push({ command, result: "ok", changes: result.right })
      }
    }
    return outcomes
  })

/**
 * The days the differential reads on.
 *
 * @since 0.3.0
 * @category running
 */
export const readDays = ["2023-06-30", "2024-03-01", "2024-07-01", "2024-12-31"] as const

/**
 * The answers of every read as the tenant's system actor on a few days, matchings
 * included: what stores must agree on.
 *
 * @since 0.3.0
 * @category running
 */
export const answers = (
  tenant: string,
  on: ReadonlyArray<string> = readDays
): Effect.Effect<ReadonlyArray<unknown>, CoConstructions.CoConstructionReadError, CoConstructions.CoConstructions | Store.Store> =>
  Effect.gen(function*() {
    const service = yield* CoConstructions.CoConstructions
    const actor = Actor.system(tenant)
    const out: Array<unknown> = [yield* history(tenant)]
    for (const at of on) out.push({ at, ...(yield* reads(service, actor, { at })) })
    return out
  })

/**
 * Every read of the service for an actor and options, matchings included.
 *
 * @since 0.3.0
 * @category running
 */
export const reads = (
  service: CoConstructions.CoConstructionsShape,
  actor: Actor.Actor,
  options: { readonly root?: string; readonly at?: string }
): Effect.Effect<Readonly<Record<string, unknown>>, CoConstructions.CoConstructionReadError> =>
  Effect.all({
    units: service.units(actor, options),
    countUnits: service.countUnits(actor, options),
    members: service.members(actor, options),
    countMembers: service.countMembers(actor, options),
    agreements: service.agreements(actor, options),
    needs: service.needs(actor, options),
    resources: service.resources(actor, options),
    projects: service.projects(actor, options),
    teams: service.teams(actor, options),
    posts: service.posts(actor, options),
    postsByCategory: service.postsByCategory(actor, options),
    claims: service.claims(actor, options),
    jointMeetings: service.jointMeetings(actor, { ...options, from: "2023-01-01", to: "2026-01-01" }),
    matchNeeds: service.matchNeeds(actor, options),
    matchPosts: service.matchPosts(actor, options)
  })

/** Commands an import block holds. */
const perBlock = 9

/**
 * How many commands {@link importSource} gives for a number of blocks.
 *
 * @since 0.3.0
 * @category imports
 */
export const importCount = (blocks: number): number => blocks * perBlock

/**
 * The import workload, after {@link writeBase}: a block of nine commands per unit — it
 * enrols (with street 001 or 002), an outside member enrols (with 001001, 001002 or
 * 002001), a need and a resource are listed, an agreement signed (by c1, s1 or s2,
 * whichever serves the member's community) and a project gives the resource to the
 * need, a team forms, opens a post and the member claims it. Block `i`'s unit is
 * `unit(tenant, 100 + i)`; its other ids end in `i`.
 *
 * @since 0.3.0
 * @category imports
 */
export function* importSource(tenant: string, blocks: number): Generator<unknown> {
  const communities = ["001001", "001002", "002001"]
  const signers = ["c1", "s1", "s2"]
  for (let i = 0; i < blocks; i++) {
    const creditCode = unit(tenant, 100 + i)
    const street = `${tenant}00${1 + Math.floor((i % 3) / 2)}`
    const community = `${tenant}${communities[i % 3]}`
    yield { _tag: "EnrolUnit", creditCode, name: `单位${i}`, streetCode: street, at: "2024-01-01" }
    yield { _tag: "EnrolMember", memberId: `im${i}`, communityCode: community, homeOrganisation: "外单位党支部", skills: ["law"], at: "2024-01-02" }
    yield { _tag: "ListNeed", id: `in${i}`, gridCode: community, category: "care", title: "需求", quantity: 2, at: "2024-01-03" }
    yield { _tag: "ListResource", id: `ir${i}`, unitCreditCode: creditCode, gridCode: street, category: "care", title: "资源", capacity: 3, at: "2024-01-03" }
    yield {
      _tag: "SignAgreement",
      id: `ia${i}`,
      organisationId: signers[i % 3],
      unitCreditCode: creditCode,
      unitOrganisation: "单位党组织",
      from: "2024-01-05",
      to: "2025-01-05"
    }
    yield {
      _tag: "StartProject",
      id: `ipr${i}`,
      agreementId: `ia${i}`,
      title: "项目",
      allocations: [{ needId: `in${i}`, resourceId: `ir${i}`, units: 2 }],
      from: "2024-02-01",
      to: "2024-12-01"
    }
    yield { _tag: "FormTeam", id: `it${i}`, name: `志愿队${i}`, gridCode: community, at: "2024-01-03" }
    yield { _tag: "OpenPost", id: `ip${i}`, teamId: `it${i}`, title: "岗位", category: "care", skills: ["law"], capacity: 1, at: "2024-01-04" }
    yield { _tag: "ClaimPost", postId: `ip${i}`, memberId: `im${i}`, at: "2024-02-01" }
  }
}

/**
 * Runs the import workload into a store as the tenant's system actor (its base written
 * already): what a child process does in a crash test, and a seeding script can.
 *
 * @since 0.3.0
 * @category imports
 */
export const importInto = <E>(
  store: Layer.Layer<Store.Store, E>,
  options: { readonly tenant: string; readonly id: string; readonly blocks: number; readonly chunkSize?: number }
): Promise<Imports.ImportResult> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const service = yield* CoConstructions.CoConstructions
      return yield* service.importAll(Actor.system(options.tenant), importSource(options.tenant, options.blocks), {
        id: options.id,
        ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize })
      })
    }).pipe(
      Effect.provide(
        CoConstructions.layer.pipe(
          Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), CoConstructionConfig.layer()))
        )
      )
    )
  )
