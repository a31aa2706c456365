/**
 * Random organisation command sequences. An intent says what to try ("admit the 3rd
 * member into the 2nd home branch on the 5th day"); it is resolved against a tenant into
 * a command input, so the same intents give the same commands in every tenant (their
 * grid codes carry the tenant; organisation, member and meeting ids are only unique
 * within a tenant, so every tenant uses the same ones, which also checks that the
 * stores key them by tenant). Like the reference model of the rules
 * (`packages/core/test/organisation/model.ts`), the intents draw from a small universe of
 * ids and days so that they clash: many resolve to commands the rules must refuse, and
 * some are junk input. Every sequence starts from a scaffold of grids (written through
 * `Grids`) and of organisations and members (written through `Organisations`).
 *
 * Phone numbers begin 199, which no tenant code does, so that rewriting one tenant's
 * commands for another (`GridBatch.retarget`) leaves them alone.
 *
 * The rules refuse dues, measures and meetings dated after today: run under a clock set
 * to {@link today} (the suites set the `TestClock`).
 *
 * @since 0.2.0
 */
import { Actor, Grids, Organisations, type Store } from "@jiceng/core"
import type { AuditEntry, Grid, Member, Meeting, Organisation, StoreError, Tenant } from "@jiceng/core"
import { Arbitrary, Effect, Either, FastCheck as fc, Option, Schema } from "effect"
import * as StorePorts from "../conformance/StorePorts.js"

/**
 * The day the suites run on (the `TestClock` is set to its midnight UTC): the intents'
 * last day, 2025-01-01, lies after it.
 *
 * @since 0.2.0
 * @category resolution
 */
export const today = "2024-12-31"

/**
 * `today` as epoch milliseconds, for `TestClock.setTime`.
 *
 * @since 0.2.0
 * @category resolution
 */
export const todayMs = Date.parse(`${today}T00:00:00Z`)

/** The day the scaffold begins. */
const start = "2023-01-01"

const Index = Schema.Int.pipe(Schema.between(0, 1000))
const Small = (max: number) => Schema.Int.pipe(Schema.between(0, max))

const member = { member: Index, day: Index }
const placed = { member: Index, org: Index, day: Index }

const MeetingIntent = Schema.Struct({
  op: Schema.Literal("meeting"),
  id: Index,
  org: Index,
  kind: Index,
  attendees: Schema.Array(Index).pipe(Schema.maxItems(5)),
  votes: Schema.Array(Schema.Struct({ yes: Small(6), no: Small(2), abstain: Small(1) })).pipe(Schema.maxItems(2)),
  day: Index
})

/**
 * One random organisation command to attempt.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Intent = Schema.Union(
  Schema.Struct({
    op: Schema.Literal("form"),
    id: Index,
    kind: Index,
    parent: Index,
    sector: Index,
    grid: Index,
    committee: Schema.Boolean,
    planned: Index,
    day: Index
  }),
  Schema.Struct({ op: Schema.Literal("rename"), org: Index, name: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("committee"), org: Index, on: Schema.Boolean, day: Index }),
  Schema.Struct({ op: Schema.Literal("merge"), a: Index, b: Index, c: Schema.optional(Index), into: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("dissolve"), org: Index, day: Index }),
  Schema.Struct({ op: Schema.Literal("admit"), ...placed }),
  Schema.Struct({ op: Schema.Literal("admit"), ...placed }),
  Schema.Struct({ op: Schema.Literal("arrive"), ...placed, full: Schema.Boolean }),
  Schema.Struct({ op: Schema.Literal("arrive"), ...placed, full: Schema.Boolean }),
  Schema.Struct({ op: Schema.Literal("transfer"), ...placed }),
  Schema.Struct({ op: Schema.Literal("depart"), ...member }),
  Schema.Struct({ op: Schema.Literal("convert"), ...member }),
  Schema.Struct({ op: Schema.Literal("join"), ...placed }),
  Schema.Struct({ op: Schema.Literal("join"), ...placed }),
  Schema.Struct({ op: Schema.Literal("leave"), ...placed }),
  Schema.Struct({ op: Schema.Literal("dues"), ...placed, month: Index, amount: Small(2_000) }),
  Schema.Struct({ op: Schema.Literal("discipline"), ...placed, measure: Index }),
  // Listed twice: meetings come twice as often.
  MeetingIntent,
  MeetingIntent,
  Schema.Struct({
    op: Schema.Literal("junk"),
    tag: Schema.Literal("FormOrganisation", "AdmitMember", "RecordMeeting", "RecordDues", "Nope"),
    id: Schema.String.pipe(Schema.maxLength(12)),
    date: Schema.String.pipe(Schema.maxLength(12))
  })
)

/**
 * @since 0.2.0
 * @category models
 */
export type Intent = typeof Intent.Type

/**
 * A sequence of up to `max` intents; use with `it.prop` or `Arbitrary.make`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Intents = (max = 30) => Schema.Array(Intent).pipe(Schema.minItems(Math.min(5, max)), Schema.maxItems(max))

/**
 * A sequence of 5 to `max` intents as a fast-check arbitrary, its lengths spread over
 * the whole range (the schema's own arbitrary keeps to short sequences).
 *
 * @since 0.2.0
 * @category arbitraries
 */
export const intents = (max = 30): fc.Arbitrary<ReadonlyArray<Intent>> =>
  fc.array(Arbitrary.make(Intent), { minLength: Math.min(5, max), maxLength: max, size: "max" })

/** The days the intents choose from: the scaffold's members' day, 2024, and a day after today. */
export const days = [
  "2023-03-01",
  "2024-01-01",
  "2024-02-01",
  "2024-03-15",
  "2024-04-01",
  "2024-06-30",
  "2024-07-01",
  "2024-10-01",
  "2024-12-01",
  "2024-12-31",
  "2025-01-01"
] as const

/**
 * Every organisation id the intents name: the scaffold's and the ones they form.
 *
 * @since 0.2.0
 * @category resolution
 */
export const organisationIds = ["top", "s1", "s2", "c1", "b1", "b2", "b3", "t1", "o1", "o2", "o3", "o4", "o5", "o6"] as const

/**
 * Every member id the intents name (m1–m4 are the scaffold's).
 *
 * @since 0.2.0
 * @category resolution
 */
export const memberIds = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"] as const

/**
 * The scaffold's grids: the tenant's root, streets 001 and 002, communities 001001,
 * 001002 (where the temporary branch's compound lies) and 002001.
 *
 * @since 0.2.0
 * @category resolution
 */
export const gridScaffold = (tenant: string): ReadonlyArray<unknown> => {
  const grid = (code: string, parentCode: string | null, name: string) => ({
    _tag: "CreateGrid",
    code,
    name,
    parentCode,
    validFrom: start
  })
  return [
    grid(tenant, null, "区"),
    grid(`${tenant}001`, tenant, "河西街道"),
    grid(`${tenant}002`, tenant, "河东街道"),
    grid(`${tenant}001001`, `${tenant}001`, "明珠社区"),
    grid(`${tenant}001002`, `${tenant}001`, "锦绣社区"),
    grid(`${tenant}002001`, `${tenant}002`, "锦华社区")
  ]
}

/**
 * The scaffold's organisations and members: the district's committee (serving no grid:
 * at the root), a committee per street, a community committee (c1) with two branches (b1
 * with a branch committee) and a temporary branch (t1, 2024-02-01 to 2024-12-01) in
 * street 001; a branch (b3) in street 002; members m1, m2 (full) and m3 (probationary)
 * in b1 and m4 (full) in b3.
 *
 * @since 0.2.0
 * @category resolution
 */
export const scaffold = (tenant: string): ReadonlyArray<unknown> => {
  const form = (id: string, kind: string, name: string, parentId: string | null, grids: ReadonlyArray<string>, extra = {}) => ({
    _tag: "FormOrganisation",
    id,
    kind,
    name,
    parentId,
    sector: parentId === null ? "organ" : "community",
    grids: grids.map((g) => `${tenant}${g}`),
    validFrom: start,
    ...extra
  })
  const arrive = (memberId: string, organisationId: string, standing: string) => ({
    _tag: "ArriveMember",
    memberId,
    organisationId,
    standing,
    name: `党员${memberId}`,
    phone: "19912345678",
    at: "2023-03-01"
  })
  return [
    form("top", "committee", "区委", null, []),
    form("s1", "committee", "河西街道党工委", "top", ["001"]),
    form("s2", "committee", "河东街道党工委", "top", ["002"]),
    form("c1", "committee", "明珠社区党委", "s1", ["001001"]),
    form("b1", "branch", "明珠社区第一党支部", "c1", ["001001"], { hasCommittee: true }),
    form("b2", "branch", "明珠社区第二党支部", "c1", ["001001"], { validFrom: "2023-06-01" }),
    form("b3", "branch", "锦华社区党支部", "s2", ["002001"]),
    form("t1", "temporary_branch", "锦绣花园临时党支部", "c1", ["001002"], {
      task: { kind: "compound", name: "锦绣花园" },
      validFrom: "2024-02-01",
      validTo: "2024-12-01"
    }),
    arrive("m1", "b1", "full"),
    arrive("m2", "b1", "full"),
    arrive("m3", "b1", "probationary"),
    arrive("m4", "b3", "full")
  ]
}

const pick = <A>(items: ReadonlyArray<A>, index: number): A => items[index % items.length]!

/** Where members' commands go: mostly the scaffold's branches and temporary branch. */
const homes = ["b1", "b1", "b2", "b3", "t1", "t1", "o1", "o2", "c1"]
const forms = ["o1", "o2", "o3", "o4", "o1", "o2", "b2", "t1"]
const kinds = ["committee", "general_branch", "branch", "branch", "joint_branch", "temporary_branch"]
const parents: ReadonlyArray<string | null> = ["top", "s1", "c1", "c1", "c1", "b1", "o1", null, "s2", "s1"]
const sectors = ["community", "community", "new_economy", "property", "elsewhere"]
/** Grids an organisation serves: scaffold grids, none (the root), a grid that does not exist. */
const servedGrids: ReadonlyArray<ReadonlyArray<string>> = [["001001"], ["001001"], ["001002"], ["002001"], ["001"], ["002"], [], ["001009"]]
const mergeable = ["b1", "b2", "b3", "o1", "o2", "o3", "o4", "t1", "c1"]
const dissolvable = ["b2", "t1", "o1", "o2", "o3", "o4", "b3"]
const meetingKinds = ["general_meeting", "general_meeting", "committee_meeting", "theme_day", "party_lesson"]
const measures = ["warning", "warning", "serious_warning", "probation", "expulsion"]
const months = ["2024-01", "2024-06", "2024-12", "2025-01"]

/**
 * Turns an intent into a command input for a tenant.
 *
 * @since 0.2.0
 * @category resolution
 */
export const resolve = (tenant: string, intent: Intent): unknown => {
  const at = intent.op === "junk" ? intent.date : pick(days, intent.day)
  switch (intent.op) {
    case "form": {
      const kind = pick(kinds, intent.kind)
      const id = pick(forms, intent.id)
      // One in nine forms names a task it should not (or leaves out the one it needs).
      const wrongTask = intent.id % 9 === 0
      const task = (kind === "temporary_branch") !== wrongTask ? { task: { kind: "project", name: "项目" } } : {}
      const planned = intent.planned % 3 === 0 ? { validTo: pick(days, intent.planned) } : {}
      return {
        _tag: "FormOrganisation",
        id,
        kind,
        name: `组织${id}`,
        parentId: pick(parents, intent.parent),
        sector: pick(sectors, intent.sector),
        grids: pick(servedGrids, intent.grid).map((g) => `${tenant}${g}`),
        hasCommittee: intent.committee,
        ...task,
        validFrom: at,
        ...planned
      }
    }
    case "rename":
      return { _tag: "RenameOrganisation", id: pick(organisationIds, intent.org), name: `新名${intent.name % 3}`, at }
    case "committee":
      return { _tag: "SetCommittee", id: pick(organisationIds, intent.org), hasCommittee: intent.on, at }
    case "merge": {
      const ids = [pick(mergeable, intent.a), pick(mergeable, intent.b), ...(intent.c === undefined ? [] : [pick(mergeable, intent.c)])]
      return { _tag: "MergeOrganisations", ids, into: { id: pick(["o5", "o6", "o1"], intent.into), name: "合并支部" }, at }
    }
    case "dissolve":
      return { _tag: "DissolveOrganisation", id: pick(dissolvable, intent.org), at }
    case "admit":
      return { _tag: "AdmitMember", memberId: pick(memberIds, intent.member), organisationId: pick(homes, intent.org), name: "党员", at }
    case "arrive":
      return {
        _tag: "ArriveMember",
        memberId: pick(memberIds, intent.member),
        organisationId: pick(homes, intent.org),
        standing: intent.full ? "full" : "probationary",
        name: "党员",
        phone: "19987654321",
        at
      }
    case "transfer":
      return { _tag: "TransferMember", memberId: pick(memberIds, intent.member), organisationId: pick(homes, intent.org), at }
    case "depart":
      return { _tag: "DepartMember", memberId: pick(memberIds, intent.member), at }
    case "convert":
      return { _tag: "ConvertMember", memberId: pick(memberIds, intent.member), at }
    case "join":
    case "leave":
      return {
        _tag: intent.op === "join" ? "JoinTemporary" : "LeaveTemporary",
        memberId: pick(memberIds, intent.member),
        organisationId: pick(["t1", "t1", "t1", "b1", "o1", "o2"], intent.org),
        at
      }
    case "dues":
      return {
        _tag: "RecordDues",
        memberId: pick(memberIds, intent.member),
        organisationId: pick(homes, intent.org),
        month: pick(months, intent.month),
        amountFen: intent.amount,
        paidOn: at
      }
    case "discipline":
      return {
        _tag: "RecordDiscipline",
        memberId: pick(memberIds, intent.member),
        organisationId: pick(homes, intent.org),
        measure: pick(measures, intent.measure),
        // A 留党察看 names its term of one or two years.
        ...(pick(measures, intent.measure) === "probation" ? { years: (intent.measure % 2) + 1 } : {}),
        at
      }
    case "meeting":
      return {
        _tag: "RecordMeeting",
        id: `mt${intent.id % 12}`,
        organisationId: pick([...homes, "b1"], intent.org),
        kind: pick(meetingKinds, intent.kind),
        date: at,
        topic: "学习",
        attendees: intent.attendees.map((i) => pick(memberIds, i)),
        votes: intent.votes.map((v) => ({ motion: "决议", ...v }))
      }
    case "junk":
      return intent.tag === "Nope"
        ? { _tag: intent.tag, id: intent.id }
        : { _tag: intent.tag, id: intent.id, memberId: intent.id, organisationId: intent.id, at: intent.date, date: intent.date }
  }
}

/**
 * What happened to one intent: the command it resolved to and `ok` or the error's tag
 * and rule.
 *
 * @since 0.2.0
 * @category models
 */
export interface Outcome {
  readonly command: unknown
  readonly result: string
}

/**
 * Everything a store holds for a tenant's organisation domain (and its grids and audit
 * log): what a refused command must leave alone, and what two stores must agree on.
 *
 * @since 0.2.0
 * @category models
 */
export interface History {
  readonly organisations: ReadonlyArray<Organisation.Organisation>
  readonly memberships: ReadonlyArray<Member.Membership>
  readonly participations: ReadonlyArray<Member.Participation>
  readonly dues: ReadonlyArray<Member.Dues>
  readonly discipline: ReadonlyArray<Member.Discipline>
  readonly meetings: ReadonlyArray<Meeting.Meeting>
  /** The members the memberships name (personal data included, as stored). */
  readonly members: ReadonlyArray<Member.Member>
  readonly grids: ReadonlyArray<Grid.Grid>
  /** Audit entries without their times. */
  readonly audit: ReadonlyArray<Omit<AuditEntry.AuditEntry, "atMs">>
}

/**
 * The full history of a tenant, every table the organisation service writes read back
 * through the ports (in their documented orders), plus its grids and audit log.
 *
 * @since 0.2.0
 * @category running
 */
export const history = (tenant: string): Effect.Effect<History, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const store = yield* StorePorts.all
    const t = tenant as Tenant.Tenant
    const organisations = yield* store.organisations.history(t)
    const ids = Array.from(new Set(organisations.map((o) => o.id)))
    const none = Effect.succeed([] as const)
    const memberships = ids.length === 0 ? [] : yield* store.members.membershipsIn(t, ids)
    const memberIds = Array.from(new Set(memberships.map((m) => m.memberId))).sort()
    return {
      organisations,
      memberships,
      participations: yield* (ids.length === 0 ? none : store.members.participationsIn(t, ids)),
      dues: yield* (ids.length === 0 ? none : store.members.duesIn(t, ids)),
      discipline: yield* (ids.length === 0 ? none : store.members.disciplineIn(t, ids)),
      meetings: yield* (ids.length === 0 ? none : store.meetings.meetingsIn(t, ids)),
      members: yield* (memberIds.length === 0 ? none : store.members.getMany(t, memberIds)),
      grids: yield* store.grids.history(t, tenant),
      audit: (yield* store.audit.list(t, { afterSeq: 0, limit: Infinity })).map(({ atMs: _, ...e }) => e)
    }
  })

/**
 * Writes the scaffold's grids (through `Grids`) for a tenant.
 *
 * @since 0.2.0
 * @category running
 */
export const writeGrids = (tenant: string): Effect.Effect<void, never, Grids.Grids> =>
  Effect.flatMap(Grids.Grids, (grids) => grids.executeAllUnknown(Actor.system(tenant), gridScaffold(tenant))).pipe(
    Effect.orDie,
    Effect.asVoid
  )

/**
 * Writes the whole scaffold for a tenant: its grids, then its organisations and members.
 *
 * @since 0.2.0
 * @category running
 */
export const writeScaffold = (tenant: string): Effect.Effect<void, never, Grids.Grids | Organisations.Organisations> =>
  Effect.zipRight(
    writeGrids(tenant),
    Effect.flatMap(Organisations.Organisations, (o) => o.executeAllUnknown(Actor.system(tenant), scaffold(tenant))).pipe(
      Effect.orDie
    )
  )

/** An error as an outcome: its tag and rule (or message). */
export const resultOf = (error: unknown): string => {
  const e = error as { readonly _tag: string; readonly rule?: string; readonly message: string }
  return `${e._tag}:${"rule" in e ? e.rule : e.message}`
}

/**
 * Writes the scaffold, then runs intents one by one through `Organisations.execute` as
 * the tenant's system actor (or the actor given). Checks after every refusal that
 * nothing was written (dies otherwise) and returns what happened.
 *
 * @since 0.2.0
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
): Effect.Effect<ReadonlyArray<Outcome>, StoreError.StoreError, Grids.Grids | Organisations.Organisations | Store.Store> =>
  Effect.gen(function*() {
    if (options.scaffold !== false) yield* writeScaffold(tenant)
    const service = yield* Organisations.Organisations
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
        outcomes.push({ command, result: "ok" })
      }
    }
    return outcomes
  })

/**
 * The answers the read side gives as the tenant's system actor on a few days, and the
 * year 2024's compliance: what stores must agree on.
 *
 * @since 0.2.0
 * @category running
 */
export const answers = (
  tenant: string,
  on: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<unknown>, Organisations.OrganisationReadError, Organisations.Organisations | Store.Store> =>
  Effect.gen(function*() {
    const service = yield* Organisations.Organisations
    const actor = Actor.system(tenant)
    const out: Array<unknown> = [yield* history(tenant)]
    for (const at of on) {
      out.push({
        at,
        organisations: yield* service.organisations(actor, { at }),
        byKind: yield* service.countByKind(actor, { at }),
        members: yield* service.countMembers(actor, { at }),
        memberships: yield* service.memberships(actor, { at }),
        participations: yield* service.participations(actor, { at }),
        alerts: yield* service.check(actor, { at }),
        b1: Option.getOrNull(yield* service.organisation(actor, "b1", at))
      })
    }
    out.push(yield* service.compliance(actor, { from: "2024-01-01", to: "2025-01-01" }))
    return out
  })
