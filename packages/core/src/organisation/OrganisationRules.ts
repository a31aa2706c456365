/**
 * The organisation rules: pure functions from the state a command needs and the
 * command to the facts it writes, or the rule it breaks. No I/O, no Effect runtime: the
 * service loads the context, calls a rule, and writes what it returns.
 *
 * Sources: 《中国共产党章程》, 《中国共产党支部工作条例（试行）》 (2018) and
 * 《中国共产党发展党员工作细则》 (2014); rule ids are stable and listed in docs/rules.md.
 *
 * Histories are kept as the grid domain keeps them: a change on a day ends the row
 * valid that day and begins a new one; a change on the day a row began replaces it (a
 * same-day correction) and keeps how the row began; a change dated before a later
 * recorded change of the same record is refused (`*.backdated`), since it would
 * rewrite history that was recorded after it.
 *
 * @since 0.2.0
 */
import { Either, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import { refuse, type RuleViolation } from "../errors/RuleViolation.js"
import { compareStrings } from "../internal/compareStrings.js"
import * as IsoDate from "../time/IsoDate.js"
import type { Meeting, Vote } from "./Meeting.js"
import { meetingKindLabels } from "./Meeting.js"
import type { Discipline, Dues, Member, Membership, Participation } from "./Member.js"
import { measureLabels } from "./Member.js"
import type {
  AdmitMember,
  ArriveMember,
  ConvertMember,
  DepartMember,
  DissolveOrganisation,
  FormOrganisation,
  JoinTemporary,
  LeaveTemporary,
  MergeOrganisations,
  RecordDiscipline,
  RecordDues,
  RecordMeeting,
  RenameOrganisation,
  SetCommittee,
  TransferMember
} from "./OrganisationCommand.js"
import * as Changes from "./OrganisationChanges.js"
import type { OrganisationConfigShape } from "./OrganisationConfig.js"
import { kindLabels, memberKinds, type Organisation, parentKinds } from "./Organisation.js"
import * as Vote_ from "./Vote.js"

/**
 * What a rule returns: the facts to write, or the rule broken.
 *
 * @since 0.2.0
 * @category models
 */
export type Result = Either.Either<Changes.OrganisationChanges, RuleViolation>

const violation = refuse

const ok = (changes: Partial<Changes.OrganisationChanges>): Result => Either.right(Changes.make(changes))

const byFrom = <A extends { readonly validFrom: string }>(rows: ReadonlyArray<A>): Array<A> =>
  [...rows].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))

const validAt = (row: { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }, at: IsoDate.IsoDate) =>
  IsoDate.within(at, row.validFrom, row.validTo)

/**
 * The version of an organisation valid on a day, if any.
 *
 * @since 0.2.0
 * @category rules
 */
export const versionAt = (versions: ReadonlyArray<Organisation>, at: IsoDate.IsoDate): Organisation | undefined =>
  versions.find((v) => validAt(v, at))

/**
 * Where an organisation's versions cover time without a gap from `at`: the end of that
 * coverage (null: open-ended), or none when no version is valid at `at`.
 *
 * @since 0.2.0
 * @category rules
 */
export const coveredUntil = (versions: ReadonlyArray<Organisation>, at: IsoDate.IsoDate): Option.Option<IsoDate.IsoDate | null> => {
  const sorted = byFrom(versions)
  let current = sorted.find((v) => validAt(v, at))
  if (current === undefined) return Option.none()
  for (;;) {
    const end: IsoDate.IsoDate | null = current.validTo
    if (end === null) return Option.some(null)
    const next: Organisation | undefined = sorted.find((v) => v.validFrom === end)
    if (next === undefined) return Option.some(end)
    current = next
  }
}

/** Where back-to-back rows cover time from `at` (null: open-ended); undefined when none is valid at `at`. */
const rowsUntil = (rows: ReadonlyArray<{ readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }>, at: IsoDate.IsoDate) => {
  let current = rows.find((r) => validAt(r, at))
  for (let guard = 0; current !== undefined && guard <= rows.length; guard++) {
    const end: IsoDate.IsoDate | null = current.validTo
    if (end === null) return null
    const next = rows.find((r) => r.validFrom === end)
    if (next === undefined) return end
    current = next
  }
  return current === undefined ? undefined : current.validTo
}

const earlier = (a: IsoDate.IsoDate | null, b: IsoDate.IsoDate | null): IsoDate.IsoDate | null =>
  a === null ? b : b === null ? a : a < b ? a : b

/** The latest day any of these rows begins, if any. */
const latestStart = (rows: ReadonlyArray<{ readonly validFrom: IsoDate.IsoDate }>): IsoDate.IsoDate | undefined =>
  rows.reduce<IsoDate.IsoDate | undefined>((latest, r) => (latest === undefined || r.validFrom > latest ? r.validFrom : latest), undefined)

const label = (o: Organisation) => `${o.name} (${o.id}, ${kindLabels[o.kind].zh})`

/** The organisation valid on a day, or the refusal naming it. */
const existing = (versions: ReadonlyArray<Organisation>, id: string, at: IsoDate.IsoDate, field: string) => {
  const version = versionAt(versions, at)
  return version === undefined
    ? violation("organisation.exists", field, `no organisation ${id} exists on ${at}`)
    : Either.right(version)
}

/** No recorded change of these rows begins after `at`. */
const notBackdated = (
  rule: string,
  rows: ReadonlyArray<{ readonly validFrom: IsoDate.IsoDate }>,
  at: IsoDate.IsoDate,
  what: string
): Either.Either<void, RuleViolation> => {
  const latest = latestStart(rows)
  return latest !== undefined && latest > at
    ? violation(rule, "at", `${what} has a change recorded on ${latest}, after ${at}`)
    : Either.void
}

/**
 * A new version from `at` with some fields changed: the current version ends on `at`
 * (removed, when it began that day — a same-day correction keeps how it began).
 */
const revise = (
  current: Organisation,
  at: IsoDate.IsoDate,
  fields: Partial<Pick<Organisation, "name" | "hasCommittee">>,
  change: Organisation["change"]
): Changes.OrganisationChanges =>
  Changes.make({
    at,
    endOrganisations: [{ id: current.id, validFrom: current.validFrom }],
    newOrganisations: [{
      ...current,
      ...fields,
      validFrom: at,
      change: current.validFrom === at ? current.change : change,
      predecessors: current.validFrom === at ? current.predecessors : []
    }]
  })

// ------------------------------------------------------------------ organisations

/**
 * Forms an organisation. Rules: `organisation.id-unique` (an id is for life),
 * `organisation.interval`, `organisation.parent-exists` and `organisation.parent-kind`
 * (a 基层党委 may stand alone; a 党总支 sits under a 基层党委; a branch under a 党委 or
 * 党总支; a temporary branch under any of them), `organisation.within-parent` (a planned
 * end no later than the parent's), `organisation.sector`, `organisation.task` (a
 * temporary branch, and only it, names its task) and `organisation.grid-exists`.
 *
 * @since 0.2.0
 * @category rules
 */
export const form = (
  config: Pick<OrganisationConfigShape, "sectors">,
  tenant: Tenant,
  context: {
    /** Every version of the id, if it was ever used. */
    readonly sameId: ReadonlyArray<Organisation>
    /** Every version of the parent (none when the command names no parent). */
    readonly parent: ReadonlyArray<Organisation>
    /** The grid codes valid on the day, of those the command names. */
    readonly gridsValid: ReadonlySet<string>
  },
  command: FormOrganisation
): Result => {
  if (context.sameId.length > 0) {
    return violation("organisation.id-unique", "id", `${command.id} was used for an organisation already; an id is for life`)
  }
  if (command.validTo !== null && command.validTo <= command.validFrom) {
    return violation("organisation.interval", "validTo", `the planned end ${command.validTo} is not after ${command.validFrom}`)
  }
  const allowed = parentKinds[command.kind]
  let parentEnd: IsoDate.IsoDate | null = null
  if (command.parentId === null) {
    if (command.kind !== "committee") {
      return violation(
        "organisation.parent-kind",
        "parentId",
        `a ${kindLabels[command.kind].zh} sits under a ${allowed.map((k) => kindLabels[k].zh).join(" or ")}`
      )
    }
  } else {
    const parent = versionAt(context.parent, command.validFrom)
    if (parent === undefined) {
      return violation("organisation.parent-exists", "parentId", `no organisation ${command.parentId} exists on ${command.validFrom}`)
    }
    if (!allowed.includes(parent.kind)) {
      return violation(
        "organisation.parent-kind",
        "parentId",
        `a ${kindLabels[command.kind].zh} cannot sit under ${label(parent)}; it sits under a ${
          allowed.map((k) => kindLabels[k].zh).join(" or ")
        }`
      )
    }
    parentEnd = Option.getOrElse(coveredUntil(context.parent, command.validFrom), () => null)
    if (parentEnd !== null && (command.validTo === null || command.validTo > parentEnd)) {
      return violation(
        "organisation.within-parent",
        "validTo",
        `${label(parent)} ends on ${parentEnd}: an organisation under it must end by then`
      )
    }
  }
  if (!config.sectors.some((s) => s.key === command.sector)) {
    return violation(
      "organisation.sector",
      "sector",
      `${command.sector} is not a sector of the policy (${config.sectors.map((s) => s.key).join(", ")})`
    )
  }
  const temporary = command.kind === "temporary_branch"
  if (temporary && command.task === null) {
    return violation("organisation.task", "task", "a temporary branch is formed for a task: name it")
  }
  if (!temporary && command.task !== null) {
    return violation("organisation.task", "task", `only a temporary branch has a task, not a ${kindLabels[command.kind].zh}`)
  }
  const grids = Array.from(new Set(command.grids))
  const missing = grids.find((code) => !context.gridsValid.has(code))
  if (missing !== undefined) {
    return violation("organisation.grid-exists", "grids", `no grid ${missing} is valid on ${command.validFrom}`)
  }
  return ok({
    newOrganisations: [{
      tenant,
      id: command.id,
      kind: command.kind,
      name: command.name,
      parentId: command.parentId,
      sector: command.sector,
      grids,
      // A 党委 and a 党总支 are committees themselves.
      hasCommittee: command.kind === "committee" || command.kind === "general_branch" || command.hasCommittee,
      task: command.task,
      validFrom: command.validFrom,
      validTo: command.validTo,
      change: "form",
      predecessors: []
    }]
  })
}

/**
 * Renames an organisation from a day on. Rules: `organisation.exists`,
 * `organisation.backdated`, `organisation.rename-unchanged`.
 *
 * @since 0.2.0
 * @category rules
 */
export const rename = (context: { readonly versions: ReadonlyArray<Organisation> }, command: RenameOrganisation): Result =>
  Either.flatMap(existing(context.versions, command.id, command.at, "id"), (current) => {
    const later = notBackdated("organisation.backdated", context.versions, command.at, command.id)
    if (Either.isLeft(later)) return Either.left(later.left)
    if (current.name === command.name) {
      return violation("organisation.rename-unchanged", "name", `${command.id} is named ${command.name} on ${command.at} already`)
    }
    return Either.right(revise(current, command.at, { name: command.name }, "rename"))
  })

/**
 * Records a branch committee set up or stood down. Rules: `organisation.exists`,
 * `organisation.backdated` (also when standing down before a 支委会 recorded later), `organisation.committee-kind` (only a branch or joint
 * branch sets up a branch committee: a 党委 and a 党总支 are committees, a temporary
 * branch has a secretary), `organisation.committee-unchanged`.
 *
 * @since 0.2.0
 * @category rules
 */
export const setCommittee = (
  context: {
    readonly versions: ReadonlyArray<Organisation>
    /** The organisation's meetings. */
    readonly meetings: ReadonlyArray<Meeting>
  },
  command: SetCommittee
): Result =>
  Either.flatMap(existing(context.versions, command.id, command.at, "id"), (current) => {
    const later = notBackdated("organisation.backdated", context.versions, command.at, command.id)
    if (Either.isLeft(later)) return Either.left(later.left)
    if (!command.hasCommittee) {
      const held = noMeetingFrom(context.meetings, command.at, command.id, "committee_meeting")
      if (Either.isLeft(held)) return Either.left(held.left)
    }
    if (!memberKinds.includes(current.kind)) {
      return violation("organisation.committee-kind", "id", `${label(current)} does not set up a branch committee`)
    }
    if (current.hasCommittee === command.hasCommittee) {
      return violation(
        "organisation.committee-unchanged",
        "hasCommittee",
        `${command.id} ${command.hasCommittee ? "has" : "has no"} branch committee on ${command.at} already`
      )
    }
    return Either.right(revise(current, command.at, { hasCommittee: command.hasCommittee }, "committee"))
  })

/** Membership and participation rows of an organisation that run on or after a day. */
const runningFrom = <A extends { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }>(
  rows: ReadonlyArray<A>,
  at: IsoDate.IsoDate
) => rows.filter((r) => r.validTo === null || r.validTo > at)

/** One participation per member: the one running longest (open-ended first). */
const onePerMember = (participations: ReadonlyArray<Participation>): ReadonlyArray<Participation> => {
  const byMember = new Map<string, Participation>()
  for (const p of participations) {
    const seen = byMember.get(p.memberId)
    if (seen === undefined || (seen.validTo !== null && (p.validTo === null || p.validTo > seen.validTo))) byMember.set(p.memberId, p)
  }
  return Array.from(byMember.values())
}

/**
 * Merges organisations into a new one. Rules: `organisation.merge-distinct`,
 * `organisation.exists` and `organisation.backdated` for each source (its versions,
 * memberships and participations, and dues and measures recorded from the day on), `organisation.merge-compatible` (one kind, parent and
 * sector), `organisation.merge-children` (no organisation left under a source: move or
 * dissolve them first), `organisation.id-unique` for the new id. Members and participants
 * valid on the day go over with their standing (`merge`).
 *
 * @since 0.2.0
 * @category rules
 */
export const merge = (
  tenant: Tenant,
  context: {
    /** Every version of each source, by id. */
    readonly sources: ReadonlyMap<string, ReadonlyArray<Organisation>>
    /** Every version of the new id, if it was ever used. */
    readonly target: ReadonlyArray<Organisation>
    /** Organisations under any source, valid on or after the day. */
    readonly children: ReadonlyArray<Organisation>
    /** Every membership row of the sources. */
    readonly memberships: ReadonlyArray<Membership>
    /** Every participation row of the sources. */
    readonly participations: ReadonlyArray<Participation>
    /** Dues paid to the sources and measures they decided. */
    readonly dues: ReadonlyArray<Dues>
    readonly discipline: ReadonlyArray<Discipline>
    /** The sources' meetings. */
    readonly meetings: ReadonlyArray<Meeting>
  },
  command: MergeOrganisations
): Result => {
  const at = command.at
  if (new Set(command.ids).size !== command.ids.length) {
    return violation("organisation.merge-distinct", "ids", "an organisation is named twice")
  }
  if (command.ids.includes(command.into.id) || context.target.length > 0) {
    return violation("organisation.id-unique", "into.id", `${command.into.id} was used for an organisation already; an id is for life`)
  }
  const currents: Array<Organisation> = []
  for (const id of command.ids) {
    const versions = context.sources.get(id) ?? []
    const current = existing(versions, id, at, "ids")
    if (Either.isLeft(current)) return Either.left(current.left)
    const later = notBackdated("organisation.backdated", [
      ...versions,
      ...context.memberships.filter((m) => m.organisationId === id),
      ...context.participations.filter((p) => p.organisationId === id)
    ], at, id)
    if (Either.isLeft(later)) return Either.left(later.left)
    currents.push(current.right)
  }
  const resting = restingOn(context, command.ids, at, "organisation.backdated", "at")
  if (Either.isLeft(resting)) return Either.left(resting.left)
  const held = noMeetingFrom(context.meetings, at, command.ids.join(", "))
  if (Either.isLeft(held)) return Either.left(held.left)
  const first = currents[0]!
  const odd = currents.find((c) => c.kind !== first.kind || c.parentId !== first.parentId || c.sector !== first.sector)
  if (odd !== undefined) {
    return violation(
      "organisation.merge-compatible",
      "ids",
      `${label(odd)} differs from ${label(first)} in kind, parent or sector: only alike organisations merge`
    )
  }
  const child = context.children.find((c) => c.parentId !== null && command.ids.includes(c.parentId) && (c.validTo === null || c.validTo > at))
  if (child !== undefined) {
    return violation("organisation.merge-children", "ids", `${label(child)} sits under ${child.parentId}: dissolve it or form it anew first`)
  }
  // A merged organisation lasts while any of its sources would have: open-ended when one
  // of them is, else to the latest planned end (a temporary branch's task; a parent's
  // planned end, which every source keeps within, so the merged one does too).
  const ends = currents.map((c) => Option.getOrElse(coveredUntil(context.sources.get(c.id)!, at), () => null))
  const end = ends.includes(null)
    ? null
    : ends.reduce<IsoDate.IsoDate | null>((e, until) => (e === null || (until !== null && until > e) ? until : e), null)
  // A source formed that very day is superseded before it took effect: it vanishes, and
  // the merge it came from (if any) passes its own predecessors on.
  const predecessors = Array.from(new Set(currents.flatMap((c) =>
    c.validFrom !== at || c.change === "rename" || c.change === "committee" ? [c.id] : c.change === "merge" ? c.predecessors : []
  )))
  const into = command.into.id
  const members = runningFrom(context.memberships, at).filter((m) => validAt(m, at))
  const participants = runningFrom(context.participations, at).filter((p) => validAt(p, at))
  return ok({
    at,
    endOrganisations: currents.map((c) => ({ id: c.id, validFrom: c.validFrom })),
    newOrganisations: [{
      tenant,
      id: into,
      kind: first.kind,
      name: command.into.name,
      parentId: first.parentId,
      sector: first.sector,
      grids: Array.from(new Set(currents.flatMap((c) => c.grids))),
      hasCommittee: currents.some((c) => c.hasCommittee),
      task: first.task,
      validFrom: at,
      validTo: end,
      change: "merge",
      predecessors
    }],
    endMemberships: members.map((m) => ({ memberId: m.memberId, validFrom: m.validFrom })),
    // A row that began that very day keeps how it began (an admission stays one).
    newMemberships: members.map((m) => ({ ...m, organisationId: into, validFrom: at, change: m.validFrom === at ? m.change : "merge" as const })),
    endParticipations: participants.map((p) => ({ memberId: p.memberId, organisationId: p.organisationId, validFrom: p.validFrom })),
    // A member taking part in several of the sources takes part in the merged one once,
    // until the latest of their participations would have ended.
    newParticipations: onePerMember(participants).map((p) => ({ ...p, organisationId: into, validFrom: at }))
  })
}

/**
 * Dissolves an organisation. Rules: `organisation.exists`, `organisation.backdated`
 * (its versions, memberships, participations and meetings), `organisation.dissolve-members` (a
 * branch's members are transferred first), `organisation.dissolve-children`. A temporary
 * branch's participants leave with it (临时党支部 dissolves with its task).
 *
 * @since 0.2.0
 * @category rules
 */
export const dissolve = (
  context: {
    readonly versions: ReadonlyArray<Organisation>
    /** Organisations under it, valid on or after the day. */
    readonly children: ReadonlyArray<Organisation>
    readonly memberships: ReadonlyArray<Membership>
    readonly participations: ReadonlyArray<Participation>
    /** The organisation's meetings. */
    readonly meetings: ReadonlyArray<Meeting>
  },
  command: DissolveOrganisation
): Result =>
  Either.flatMap(existing(context.versions, command.id, command.at, "id"), (current) => {
    const at = command.at
    const later = notBackdated("organisation.backdated", [...context.versions, ...context.memberships, ...context.participations], at, command.id)
    if (Either.isLeft(later)) return Either.left(later.left)
    const held = noMeetingFrom(context.meetings, at, command.id)
    if (Either.isLeft(held)) return Either.left(held.left)
    const members = runningFrom(context.memberships, at)
    if (members.length > 0) {
      return violation(
        "organisation.dissolve-members",
        "id",
        `${label(current)} has ${members.length} member(s) on ${at}: transfer their membership first`
      )
    }
    const child = context.children.find((c) => c.validTo === null || c.validTo > at)
    if (child !== undefined) return violation("organisation.dissolve-children", "id", `${label(child)} sits under ${command.id} on ${at}`)
    const participants = runningFrom(context.participations, at)
    return ok({
      at,
      endOrganisations: [{ id: current.id, validFrom: current.validFrom }],
      endParticipations: participants.map((p) => ({ memberId: p.memberId, organisationId: p.organisationId, validFrom: p.validFrom }))
    })
  })

// ------------------------------------------------------------------ members

/** The organisation a membership may begin in on a day, or the refusal. */
const memberHome = (versions: ReadonlyArray<Organisation>, id: string, at: IsoDate.IsoDate) =>
  Either.flatMap(existing(versions, id, at, "organisationId"), (target) => {
    if (target.kind === "temporary_branch") {
      return violation(
        "temporary-branch.no-members",
        "organisationId",
        `${label(target)} is a temporary branch: it admits no members; members take part and keep their own branch`
      )
    }
    if (!memberKinds.includes(target.kind)) {
      return violation("membership.kind", "organisationId", `${label(target)} holds no members: a member belongs to a branch`)
    }
    if (Option.getOrElse(coveredUntil(versions, at), () => null) !== null) {
      return violation("membership.organisation-ends", "organisationId", `${label(target)} has a planned end: it takes no members`)
    }
    return Either.right(target)
  })

/** The member's membership valid on a day, or the refusal; and no later change of it. */
const currentMembership = (memberships: ReadonlyArray<Membership>, memberId: string, at: IsoDate.IsoDate) => {
  const later = notBackdated("membership.backdated", memberships, at, `member ${memberId}`)
  if (Either.isLeft(later)) return Either.left(later.left)
  const current = memberships.find((m) => validAt(m, at))
  return current === undefined
    ? violation("membership.exists", "memberId", `${memberId} is no member of the tenant's organisations on ${at}`)
    : Either.right(current)
}

/**
 * Dues and measures the member's branch recorded on or after the day a membership
 * there ends or moves: they rest on it, so the change would rewrite them.
 */
interface Records {
  readonly dues: ReadonlyArray<Dues>
  readonly discipline: ReadonlyArray<Discipline>
}

const restingOn = (records: Records, organisationIds: ReadonlyArray<string>, at: IsoDate.IsoDate, rule: string, field: string) => {
  const days = [
    ...records.dues.filter((d) => organisationIds.includes(d.organisationId)).map((d) => ({ day: d.paidOn, what: `dues for ${d.month}` })),
    ...records.discipline.filter((d) => organisationIds.includes(d.organisationId)).map((d) => ({ day: d.decidedOn, what: `a ${d.measure}` }))
  ].filter((r) => r.day >= at)
  const first = days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0]
  return first === undefined
    ? Either.void
    : violation(rule, field, `${first.what} recorded on ${first.day} rest on the membership as it is; a change on ${at} would rewrite them`)
}

/**
 * The meetings of organisations whose rolls a change touches: the attendance and the
 * votes of a meeting recorded on or after the day rest on the roll as it is.
 */
interface Held {
  /** Meetings of the organisations the change touches (others are ignored). */
  readonly meetings: ReadonlyArray<Meeting>
}

/**
 * No meeting of any of the organisations is recorded after the day. A change dated on a
 * meeting's own day is taken to follow the meeting, which is where admissions,
 * conversions and measures are decided.
 */
const rollFixed = (
  held: Held,
  organisationIds: ReadonlyArray<string>,
  at: IsoDate.IsoDate,
  rule: string,
  /** The change removes a row begun on the day (a same-day correction): that day's meetings rest on it too. */
  removes = false
) => {
  const rests = (m: Meeting) => (removes ? m.date >= at : m.date > at)
  const first = held.meetings.filter((m) => rests(m) && organisationIds.includes(m.organisationId))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0]
  return first === undefined ? Either.void : violation(
    rule,
    "at",
    `a ${meetingKindLabels[first.kind].zh} of ${first.organisationId} recorded on ${first.date} rests on its roll as it is; a change dated ${at}, before it, would rewrite it`
  )
}

/**
 * No meeting recorded after the day lists the member as present: one of a 党委 or 党总支
 * above their branch rests on their membership too.
 */
const notAttended = (held: Held, memberId: string, at: IsoDate.IsoDate, rule: string, removes = false) => {
  const first = held.meetings.filter((m) => (removes ? m.date >= at : m.date > at) && m.attendees.includes(memberId as Meeting["attendees"][number]))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0]
  return first === undefined ? Either.void : violation(
    rule,
    "at",
    `${memberId} was present at a ${meetingKindLabels[first.kind].zh} of ${first.organisationId} on ${first.date}; a change dated ${at}, before it, would rewrite it`
  )
}

/** No meeting (of a kind, if given) of the organisation is recorded on or after the day. */
const noMeetingFrom = (meetings: ReadonlyArray<Meeting>, at: IsoDate.IsoDate, id: string, kind?: Meeting["kind"]) => {
  const held = meetings.filter((m) => m.date >= at && (kind === undefined || m.kind === kind))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0]
  return held === undefined
    ? Either.void
    : violation("organisation.backdated", "at", `${id} held a ${meetingKindLabels[held.kind].zh} on ${held.date}, after ${at}`)
}

/** Ends a membership on a day, beginning another to the same end, keeping how it began when on its first day. */
const replaceMembership = (current: Membership, at: IsoDate.IsoDate, next: Pick<Membership, "organisationId" | "standing" | "change">) =>
  ({
    endMemberships: [{ memberId: current.memberId, validFrom: current.validFrom }],
    // To where the membership ran: a departure recorded already stays.
    newMemberships: [{ ...current, ...next, validFrom: at, change: current.validFrom === at ? current.change : next.change }]
  }) as const

const join = (
  tenant: Tenant,
  context: Held & { readonly organisation: ReadonlyArray<Organisation>; readonly memberships: ReadonlyArray<Membership> },
  command: AdmitMember | ArriveMember,
  standing: Membership["standing"]
): Result =>
  Either.flatMap(memberHome(context.organisation, command.organisationId, command.at), () => {
    const current = context.memberships.find((m) => m.validTo === null || m.validTo > command.at)
    if (current !== undefined) {
      return violation(
        "membership.one-branch",
        "memberId",
        // Which branch, and since when, is not said: it may lie outside the actor's scope.
        `${command.memberId} is a member of a branch on or after ${command.at}: a member belongs to one branch at a time (transfer them instead)`
      )
    }
    const fixed = rollFixed(context, [command.organisationId], command.at, "membership.backdated")
    if (Either.isLeft(fixed)) return Either.left(fixed.left)
    const member: Member = {
      tenant,
      id: command.memberId,
      name: command.name,
      phone: command.phone,
      citizenId: command.citizenId
    }
    return ok({
      members: [member],
      newMemberships: [{
        tenant,
        memberId: command.memberId,
        organisationId: command.organisationId,
        standing,
        validFrom: command.at,
        validTo: null,
        change: command._tag === "AdmitMember" ? "admit" : "arrive"
      }]
    })
  })

/**
 * Admits a probationary member. Rules: `organisation.exists`,
 * `temporary-branch.no-members`, `membership.kind` (branches and joint branches hold
 * members), `membership.organisation-ends`, `membership.one-branch` (one branch at a
 * time, from the day on).
 *
 * @since 0.2.0
 * @category rules
 */
export const admit = (
  tenant: Tenant,
  context: Held & {
    readonly organisation: ReadonlyArray<Organisation>
    readonly memberships: ReadonlyArray<Membership>
    readonly today: IsoDate.IsoDate
  },
  command: AdmitMember
): Result =>
  // An admission is dated by the general meeting that passed it, which cannot lie ahead.
  command.at > context.today
    ? violation("membership.future", "at", `${command.at} is after today (${context.today}): an admission is dated by its meeting`)
    : join(tenant, context, command, "probationary")

/**
 * A member arriving from outside the tenant (转入), with their standing: the rules of
 * `admit`.
 *
 * @since 0.2.0
 * @category rules
 */
export const arrive = (
  tenant: Tenant,
  context: Held & { readonly organisation: ReadonlyArray<Organisation>; readonly memberships: ReadonlyArray<Membership> },
  command: ArriveMember
): Result => join(tenant, context, command, command.standing)

/**
 * Transfers a membership to another branch (组织关系转接). Rules: `membership.exists`,
 * `membership.backdated` (also when dues or a measure of the branch left are recorded
 * from the day on: they rest on the membership), the target's rules of `admit`,
 * `membership.transfer-same`.
 *
 * @since 0.2.0
 * @category rules
 */
export const transfer = (
  context: Records & Held & { readonly organisation: ReadonlyArray<Organisation>; readonly memberships: ReadonlyArray<Membership> },
  command: TransferMember
): Result =>
  Either.flatMap(currentMembership(context.memberships, command.memberId, command.at), (current) =>
    Either.flatMap(memberHome(context.organisation, command.organisationId, command.at), () => {
      if (current.organisationId === command.organisationId) {
        return violation("membership.transfer-same", "organisationId", `${command.memberId} belongs to ${command.organisationId} on ${command.at} already`)
      }
      const resting = restingOn(context, [current.organisationId], command.at, "membership.backdated", "at")
      if (Either.isLeft(resting)) return Either.left(resting.left)
      // On the membership's first day a transfer replaces it: that day's meetings rest on it too.
      const removes = current.validFrom === command.at
      const fixed = rollFixed(context, [current.organisationId, command.organisationId], command.at, "membership.backdated", removes)
      if (Either.isLeft(fixed)) return Either.left(fixed.left)
      const attended = notAttended(context, command.memberId, command.at, "membership.backdated", removes)
      if (Either.isLeft(attended)) return Either.left(attended.left)
      return ok({
        at: command.at,
        ...replaceMembership(current, command.at, { organisationId: command.organisationId, standing: current.standing, change: "transfer" })
      })
    }))

/** Participations of a member running on or after a day, ended on it. */
const endRunning = (participations: ReadonlyArray<Participation>, at: IsoDate.IsoDate) =>
  runningFrom(participations, at).map((p) => ({ memberId: p.memberId, organisationId: p.organisationId, validFrom: p.validFrom }))

/**
 * A membership leaving the tenant (转出). Rules: `membership.exists`,
 * `membership.backdated` (as for a transfer). The member's participations end with it.
 *
 * @since 0.2.0
 * @category rules
 */
export const depart = (
  context: Records & Held & { readonly memberships: ReadonlyArray<Membership>; readonly participations: ReadonlyArray<Participation> },
  command: DepartMember
): Result => leave(context, command.memberId, command.at)

/** A membership ends on a day (departure, expulsion), with the member's participations. */
const leave = (
  context: Records & Held & { readonly memberships: ReadonlyArray<Membership>; readonly participations: ReadonlyArray<Participation> },
  memberId: string,
  at: IsoDate.IsoDate
): Result =>
  Either.flatMap(currentMembership(context.memberships, memberId, at), (current) =>
    Either.flatMap(restingOn(context, [current.organisationId], at, "membership.backdated", "at"), () =>
      // On the membership's first day a departure removes it: that day's meetings rest on it too.
      Either.flatMap(rollFixed(context, [current.organisationId, ...runningFrom(context.participations, at).map((p) => p.organisationId)], at, "membership.backdated", current.validFrom === at), () =>
      Either.flatMap(notAttended(context, memberId, at, "membership.backdated", current.validFrom === at), () =>
      ok({
        at,
        endMemberships: [{ memberId: current.memberId, validFrom: current.validFrom }],
        endParticipations: endRunning(context.participations, at)
      })))))

/**
 * Converts a probationary member to full membership. Rules: `membership.exists`,
 * `membership.backdated`, `membership.convert-standing` (only a probationary member),
 * `membership.convert-admission-day` (not on the day of admission),
 * `membership.probation-year` (not before a year from an admission on record). The
 * extension of probation and the votes are the development ladder's.
 *
 * @since 0.2.0
 * @category rules
 */
export const convert = (
  context: Held & { readonly memberships: ReadonlyArray<Membership>; readonly today: IsoDate.IsoDate },
  command: ConvertMember
): Result =>
  command.at > context.today
    ? violation("membership.future", "at", `${command.at} is after today (${context.today}): a conversion is dated by its meeting`)
    : Either.flatMap(currentMembership(context.memberships, command.memberId, command.at), (current) => {
    if (current.standing !== "probationary") {
      return violation("membership.convert-standing", "memberId", `${command.memberId} is a full member on ${command.at} already`)
    }
    // A full member votes: a vote recorded from the day on was counted without them.
    const fixed = rollFixed(context, [current.organisationId], command.at, "membership.backdated")
    if (Either.isLeft(fixed)) return Either.left(fixed.left)
    if (current.change === "admit" && current.validFrom === command.at) {
      return violation("membership.convert-admission-day", "at", `${command.memberId} was admitted on ${command.at}: probation comes first`)
    }
    // Probation is one year from the admission (第三十二条), when the admission is on
    // record here: the probationary rows back to it, transfers included. An arrival's
    // admission day is not on record; the development ladder keeps it.
    const admitted = admissionOf(context.memberships, current)
    if (admitted !== undefined && command.at < oneYearAfter(admitted)) {
      return violation(
        "membership.probation-year",
        "at",
        `${command.memberId} was admitted on ${admitted}: probation lasts one year, to ${oneYearAfter(admitted)}`
      )
    }
    return ok({
      at: command.at,
      ...replaceMembership(current, command.at, { organisationId: current.organisationId, standing: "full", change: "convert" })
    })
  })

/** The day a probationary membership was admitted, followed back through back-to-back probationary rows. */
const admissionOf = (memberships: ReadonlyArray<Membership>, current: Membership): IsoDate.IsoDate | undefined => {
  let row: Membership | undefined = current
  for (let guard = 0; row !== undefined && guard <= memberships.length; guard++) {
    if (row.change === "admit") return row.validFrom
    const from: IsoDate.IsoDate = row.validFrom
    row = memberships.find((m) => m.validTo === from && m.standing === "probationary")
  }
  return undefined
}

/** The same day a year later; 29 February gives 1 March; past the calendar's end, its last day. */
const oneYearAfter = (day: IsoDate.IsoDate): IsoDate.IsoDate =>
  day >= "9999-01-01" ? ("9999-12-31" as IsoDate.IsoDate) : IsoDate.addMonths(day, 12)

/**
 * A member takes part in a temporary branch. Rules: `organisation.exists`,
 * `participation.temporary` (only a temporary branch has participants),
 * `participation.member` (a member of the tenant's organisations on the day, who keeps
 * their own branch), `participation.once`, `participation.backdated`. The participation
 * ends when the branch's planned end comes, or the member's membership ends, if sooner.
 *
 * @since 0.2.0
 * @category rules
 */
export const joinTemporary = (
  tenant: Tenant,
  context: Held & {
    readonly organisation: ReadonlyArray<Organisation>
    readonly memberships: ReadonlyArray<Membership>
    /** The member's participations in this organisation. */
    readonly participations: ReadonlyArray<Participation>
  },
  command: JoinTemporary
): Result =>
  Either.flatMap(existing(context.organisation, command.organisationId, command.at, "organisationId"), (branch) => {
    if (branch.kind !== "temporary_branch") {
      return violation("participation.temporary", "organisationId", `${label(branch)} is not a temporary branch: transfer the membership instead`)
    }
    if (!context.memberships.some((m) => validAt(m, command.at))) {
      return violation("participation.member", "memberId", `${command.memberId} is no member of the tenant's organisations on ${command.at}`)
    }
    const later = notBackdated("participation.backdated", context.participations, command.at, `${command.memberId} in ${command.organisationId}`)
    if (Either.isLeft(later)) return Either.left(later.left)
    const fixed = rollFixed(context, [command.organisationId], command.at, "participation.backdated")
    if (Either.isLeft(fixed)) return Either.left(fixed.left)
    if (context.participations.some((p) => validAt(p, command.at))) {
      return violation("participation.once", "memberId", `${command.memberId} takes part in ${command.organisationId} on ${command.at} already`)
    }
    return ok({
      newParticipations: [{
        tenant,
        memberId: command.memberId,
        organisationId: command.organisationId,
        validFrom: command.at,
        // Until the task ends or the member's membership does, whichever comes first.
        validTo: earlier(Option.getOrElse(coveredUntil(context.organisation, command.at), () => null), rowsUntil(context.memberships, command.at) ?? null)
      }]
    })
  })

/**
 * A member stops taking part in a temporary branch. Rules: `participation.exists`,
 * `participation.backdated`.
 *
 * @since 0.2.0
 * @category rules
 */
export const leaveTemporary = (
  context: Held & { readonly participations: ReadonlyArray<Participation> },
  command: LeaveTemporary
): Result => {
  const later = notBackdated("participation.backdated", context.participations, command.at, `${command.memberId} in ${command.organisationId}`)
  if (Either.isLeft(later)) return Either.left(later.left)
  const fixed = rollFixed(context, [command.organisationId], command.at, "participation.backdated")
  if (Either.isLeft(fixed)) return Either.left(fixed.left)
  const current = context.participations.find((p) => validAt(p, command.at))
  return current === undefined
    ? violation("participation.exists", "memberId", `${command.memberId} takes no part in ${command.organisationId} on ${command.at}`)
    : ok({ at: command.at, endParticipations: [{ memberId: current.memberId, organisationId: current.organisationId, validFrom: current.validFrom }] })
}

/** The member's own branch on a day is `organisationId`, which is no temporary branch. */
const ownBranch = (
  versions: ReadonlyArray<Organisation>,
  memberships: ReadonlyArray<Membership>,
  command: { readonly memberId: string; readonly organisationId: string },
  at: IsoDate.IsoDate,
  temporaryRule: string,
  ownRule: string,
  what: string
) =>
  Either.flatMap(existing(versions, command.organisationId, at, "organisationId"), (branch) => {
    if (branch.kind === "temporary_branch") {
      return violation(temporaryRule, "organisationId", `${label(branch)} is a temporary branch: it ${what}`)
    }
    const membership = memberships.find((m) => validAt(m, at))
    return membership?.organisationId === command.organisationId
      ? Either.right(membership)
      : violation(ownRule, "organisationId", `${command.memberId} is no member of ${command.organisationId} on ${at}`)
  })

/** A month's place in time, in months: `YYYY-MM` → 12 × year + month − 1. */
const monthNumber = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1

/**
 * Records dues paid. Rules: `organisation.exists`, `temporary-branch.no-dues`,
 * `dues.own-branch` (dues go to the member's own branch), `dues.future` (not paid after
 * today), `dues.advance` (for a month at most `duesAdvanceMonths` after the month paid
 * in), `dues.once` (one payment a month).
 *
 * @since 0.2.0
 * @category rules
 */
export const recordDues = (
  config: Pick<OrganisationConfigShape, "duesAdvanceMonths">,
  tenant: Tenant,
  context: {
    readonly organisation: ReadonlyArray<Organisation>
    readonly memberships: ReadonlyArray<Membership>
    /** The member's dues for the month, if recorded. */
    readonly paid: Option.Option<Dues>
    readonly today: IsoDate.IsoDate
  },
  command: RecordDues
): Result => {
  if (command.paidOn > context.today) {
    return violation("dues.future", "paidOn", `${command.paidOn} is after today (${context.today})`)
  }
  if (monthNumber(command.month) - monthNumber(command.paidOn) > config.duesAdvanceMonths) {
    return violation(
      "dues.advance",
      "month",
      `${command.month} is more than ${config.duesAdvanceMonths} months after ${command.paidOn.slice(0, 7)}, the month it was paid in`
    )
  }
  return Either.flatMap(
    ownBranch(context.organisation, context.memberships, command, command.paidOn, "temporary-branch.no-dues", "dues.own-branch", "collects no dues"),
    () =>
      Option.isSome(context.paid)
        ? violation("dues.once", "month", `${command.memberId}'s dues for ${command.month} were recorded on ${context.paid.value.paidOn}`)
        : ok({
          dues: [{
            tenant,
            memberId: command.memberId,
            organisationId: command.organisationId,
            month: command.month,
            amountFen: command.amountFen,
            paidOn: command.paidOn
          }]
        })
  )
}

/**
 * Records a disciplinary measure. Rules: `organisation.exists`,
 * `temporary-branch.no-discipline`, `discipline.own-branch`, `discipline.future`;
 * expulsion ends the membership (and the member's participations) that day, with the
 * rules of `depart`, and not on the membership's first day
 * (`discipline.expulsion-first-day`: ending it that day would erase it).
 *
 * @since 0.2.0
 * @category rules
 */
export const recordDiscipline = (
  tenant: Tenant,
  context: Records & Held & {
    readonly organisation: ReadonlyArray<Organisation>
    readonly memberships: ReadonlyArray<Membership>
    readonly participations: ReadonlyArray<Participation>
    readonly today: IsoDate.IsoDate
  },
  command: RecordDiscipline
): Result => {
  if (command.at > context.today) return violation("discipline.future", "at", `${command.at} is after today (${context.today})`)
  const probation = command.measure === "probation"
  if (probation !== (command.years !== null)) {
    return violation(
      "discipline.probation-years",
      "years",
      probation ? "a 留党察看 lasts one or two years: name its term" : `only a 留党察看 has a term, not a ${measureLabels[command.measure].zh}`
    )
  }
  return Either.flatMap(
    ownBranch(
      context.organisation,
      context.memberships,
      command,
      command.at,
      "temporary-branch.no-discipline",
      "discipline.own-branch",
      "disciplines no one"
    ),
    (): Result => {
      const record: Discipline = {
        tenant,
        memberId: command.memberId,
        organisationId: command.organisationId,
        measure: command.measure,
        decidedOn: command.at,
        endsOn: command.years === null ? null : command.years === 1 ? oneYearAfter(command.at) : oneYearAfter(oneYearAfter(command.at))
      }
      if (context.discipline.some((d) => d.decidedOn === command.at && d.measure === command.measure)) {
        return violation("discipline.once", "measure", `${command.memberId} has a ${measureLabels[command.measure].zh} decided on ${command.at} already`)
      }
      if (probation) {
        // A member under 留党察看 has no vote: a vote recorded after the day counted them,
        // in this branch or, had their membership moved since, in another.
        return Either.flatMap(notBackdated("discipline.backdated", context.memberships, command.at, `member ${command.memberId}`), () =>
          Either.flatMap(rollFixed(context, [command.organisationId], command.at, "discipline.backdated"), () => ok({ discipline: [record] })))
      }
      if (command.measure !== "expulsion") return ok({ discipline: [record] })
      const membership = context.memberships.find((m) => validAt(m, command.at))
      if (membership?.validFrom === command.at) {
        return violation(
          "discipline.expulsion-first-day",
          "at",
          `${command.memberId}'s membership in ${command.organisationId} begins on ${command.at}: an expulsion that day would erase it`
        )
      }
      return Either.map(leave(context, command.memberId, command.at), (ended) => ({ ...ended, discipline: [record] }))
    }
  )
}

// ------------------------------------------------------------------ meetings

/**
 * Whether a measure is a 留党察看 running on a day: from the day it was decided to the
 * day it ends.
 *
 * @since 0.2.0
 * @category rules
 */
export const underProbation = (d: Discipline, day: IsoDate.IsoDate): boolean =>
  d.measure === "probation" && d.decidedOn <= day &&
  // A 留党察看 recorded without its term (before terms were kept) runs for the longest, two years.
  day < (d.endsOn ?? oneYearAfter(oneYearAfter(d.decidedOn)))

/**
 * Records a meeting. Rules: `meeting.id-unique`, `meeting.future`,
 * `organisation.exists`, `meeting.committee` (a 支委会 needs a branch committee),
 * `meeting.attendee-once`, `meeting.attendee` (those present belong to the organisation
 * on the day: its members, a temporary branch's participants; a member of a branch
 * under it at a 党委's or 党总支's meeting), `vote.meeting-kind` (votes are
 * taken at a branch general meeting of a branch or joint branch), `vote.count` (no more
 * ballots than full members present) and `vote.quorum` (more than half of the full
 * members present, 第二十条); each vote's tally says whether it passed (第二十一条).
 *
 * @since 0.2.0
 * @category rules
 */
export const recordMeeting = (
  tenant: Tenant,
  context: {
    readonly organisation: ReadonlyArray<Organisation>
    /** Whether the meeting id was used. */
    readonly idUsed: boolean
    /** The organisation's membership rows valid on the day. */
    readonly members: ReadonlyArray<Membership>
    /** The organisation's participation rows valid on the day (a temporary branch). */
    readonly participants: ReadonlyArray<Participation>
    /** The attendees' membership rows valid on the day, wherever they lie. */
    readonly attendeesMemberships: ReadonlyArray<Membership>
    /** The measures of the organisation's members (a 留党察看 suspends the vote). */
    readonly discipline: ReadonlyArray<Discipline>
    /** A 党委's or 党总支's subtree on the day: itself and the organisations under it. */
    readonly subtree: ReadonlySet<string>
    readonly today: IsoDate.IsoDate
  },
  command: RecordMeeting
): Result => {
  if (context.idUsed) return violation("meeting.id-unique", "id", `meeting ${command.id} was recorded already`)
  if (command.date > context.today) return violation("meeting.future", "date", `${command.date} is after today (${context.today})`)
  return Either.flatMap(existing(context.organisation, command.organisationId, command.date, "organisationId"), (organisation) => {
    if (command.kind === "committee_meeting" && !organisation.hasCommittee) {
      return violation("meeting.committee", "kind", `${label(organisation)} has no branch committee on ${command.date}`)
    }
    if (new Set(command.attendees).size !== command.attendees.length) {
      return violation("meeting.attendee-once", "attendees", "a member is listed twice")
    }
    const holds = memberKinds.includes(organisation.kind)
    const belonging = new Set<string>(
      holds
        ? context.members.map((m) => m.memberId)
        : organisation.kind === "temporary_branch"
        ? context.participants.map((p) => p.memberId)
        : context.attendeesMemberships.filter((m) => context.subtree.has(m.organisationId)).map((m) => m.memberId)
    )
    const stranger = command.attendees.find((id) => !belonging.has(id))
    if (stranger !== undefined) {
      return violation("meeting.attendee", "attendees", `${stranger} does not belong to ${organisation.id} on ${command.date}`)
    }
    if (command.votes.length > 0 && !(holds && command.kind === "general_meeting")) {
      return violation(
        "vote.meeting-kind",
        "votes",
        `votes are taken at a branch general meeting of a branch; this is a ${meetingKindLabels[command.kind].zh} of ${label(organisation)}`
      )
    }
    // Full members vote, except while under 留党察看 (党章 第四十条).
    const suspended = new Set(context.discipline.filter((d) => underProbation(d, command.date)).map((d) => d.memberId))
    const entitled = new Set(context.members.filter((m) => m.standing === "full" && !suspended.has(m.memberId)).map((m) => m.memberId))
    const present = command.attendees.filter((id) => entitled.has(id)).length
    const votes: Array<Vote> = []
    for (const [i, ballots] of command.votes.entries()) {
      if (ballots.yes + ballots.no + ballots.abstain > present) {
        return violation(
          "vote.count",
          `votes.${i}`,
          `${ballots.yes + ballots.no + ballots.abstain} ballots from ${present} full member(s) present`
        )
      }
      if (!Vote_.quorate(entitled.size, present)) {
        return violation(
          "vote.quorum",
          `votes.${i}`,
          `${present} of the ${entitled.size} members entitled to vote present: a vote needs more than half of them`
        )
      }
      votes.push({ motion: ballots.motion, tally: Vote_.tally(entitled.size, present, ballots) })
    }
    const meeting: Meeting = {
      tenant,
      id: command.id,
      organisationId: command.organisationId,
      kind: command.kind,
      date: command.date,
      topic: command.topic,
      attendees: [...command.attendees].sort(compareStrings),
      votes
    }
    return ok({ meetings: [meeting] })
  })
}
