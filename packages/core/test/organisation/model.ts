/**
 * A reference model of the organisation domain for the rules' property tests: a
 * history in arrays, the context of each command read from it, the pure rule called,
 * and its changes applied as a store applies them (an end on a row's first day removes
 * the row). Random commands over a small universe of ids and days, so that they clash.
 */
import {
  type IsoDate,
  type Member,
  type Organisation,
  type OrganisationChanges,
  OrganisationCommand,
  OrganisationConfig,
  type OrganisationInvariants,
  OrganisationRules,
  type RuleViolation,
  type Tenant
} from "@jiceng/core"
import { Either, FastCheck as fc, Option, Schema } from "effect"

export const tenant = "131102" as Tenant.Tenant
export const today = "2024-12-31" as IsoDate.IsoDate
const defaultToday = today
export const config = OrganisationConfig.defaults
export const grids = new Set(["131102001", "131102001001", "131102001002", "131102002"])

export type History = OrganisationInvariants.History

export const empty: History = { organisations: [], memberships: [], participations: [], dues: [], discipline: [], meetings: [] }

const valid = (r: { readonly validFrom: string; readonly validTo: string | null }, day: string) =>
  r.validFrom <= day && (r.validTo === null || day < r.validTo)

/** An organisation and those under it on a day, by parent. */
const subtreeOn = (h: History, id: string, day: string): ReadonlySet<string> => {
  const ids = new Set<string>([id])
  for (let grew = true; grew;) {
    grew = false
    for (const o of h.organisations) {
      if (o.parentId !== null && ids.has(o.parentId) && !ids.has(o.id) && valid(o, day)) {
        ids.add(o.id)
        grew = true
      }
    }
  }
  return ids
}

/** The context each rule needs, read from the history, under the default policy. */
export const decide = (h: History, command: OrganisationCommand.OrganisationCommand): OrganisationRules.Result =>
  decideWith(config, h, command)

/** The context each rule needs, read from the history, under a policy. */
export const decideWith = (
  config: OrganisationConfig.OrganisationConfigShape,
  h: History,
  command: OrganisationCommand.OrganisationCommand,
  /** The day the rules take as today. */
  today: IsoDate.IsoDate = defaultToday
): OrganisationRules.Result => {
  const versions = (id: string) => h.organisations.filter((o) => o.id === id)
  const membershipsOf = (id: string) => h.memberships.filter((m) => m.memberId === id)
  const participationsOf = (id: string) => h.participations.filter((p) => p.memberId === id)
  const ofOrganisation = <A extends { readonly organisationId: string }>(rows: ReadonlyArray<A>, id: string) =>
    rows.filter((r) => r.organisationId === id)
  const recordsOf = (memberId: string) => ({
    dues: h.dues.filter((d) => d.memberId === memberId),
    discipline: h.discipline.filter((d) => d.memberId === memberId)
  })
  const childrenOf = (ids: ReadonlyArray<string>) => h.organisations.filter((o) => o.parentId !== null && ids.includes(o.parentId))
  switch (command._tag) {
    case "FormOrganisation":
      return OrganisationRules.form(config, tenant, {
        sameId: versions(command.id),
        parent: command.parentId === null ? [] : versions(command.parentId),
        gridsValid: grids
      }, command)
    case "RenameOrganisation":
      return OrganisationRules.rename({ versions: versions(command.id) }, command)
    case "SetCommittee":
      return OrganisationRules.setCommittee({ versions: versions(command.id), meetings: ofOrganisation(h.meetings, command.id) }, command)
    case "MergeOrganisations":
      return OrganisationRules.merge(tenant, {
        sources: new Map(command.ids.map((id) => [id, versions(id)])),
        target: versions(command.into.id),
        children: childrenOf(command.ids),
        memberships: h.memberships.filter((m) => command.ids.includes(m.organisationId)),
        participations: h.participations.filter((p) => command.ids.includes(p.organisationId)),
        dues: h.dues.filter((d) => command.ids.includes(d.organisationId)),
        discipline: h.discipline.filter((d) => command.ids.includes(d.organisationId)),
        meetings: h.meetings.filter((m) => command.ids.includes(m.organisationId))
      }, command)
    case "DissolveOrganisation":
      return OrganisationRules.dissolve({
        versions: versions(command.id),
        children: childrenOf([command.id]),
        memberships: ofOrganisation(h.memberships, command.id),
        participations: ofOrganisation(h.participations, command.id),
        meetings: ofOrganisation(h.meetings, command.id)
      }, command)
    case "AdmitMember":
      return OrganisationRules.admit(tenant, { organisation: versions(command.organisationId), memberships: membershipsOf(command.memberId), meetings: h.meetings, today }, command)
    case "ArriveMember":
      return OrganisationRules.arrive(tenant, { organisation: versions(command.organisationId), memberships: membershipsOf(command.memberId), meetings: h.meetings }, command)
    case "TransferMember":
      return OrganisationRules.transfer({
        organisation: versions(command.organisationId),
        memberships: membershipsOf(command.memberId),
        ...recordsOf(command.memberId),
        meetings: h.meetings
      }, command)
    case "DepartMember":
      return OrganisationRules.depart({
        memberships: membershipsOf(command.memberId),
        participations: participationsOf(command.memberId),
        ...recordsOf(command.memberId),
        meetings: h.meetings
      }, command)
    case "ConvertMember":
      return OrganisationRules.convert({ memberships: membershipsOf(command.memberId), meetings: h.meetings, today }, command)
    case "JoinTemporary":
      return OrganisationRules.joinTemporary(tenant, {
        organisation: versions(command.organisationId),
        memberships: membershipsOf(command.memberId),
        participations: ofOrganisation(participationsOf(command.memberId), command.organisationId),
        meetings: h.meetings
      }, command)
    case "LeaveTemporary":
      return OrganisationRules.leaveTemporary({ participations: ofOrganisation(participationsOf(command.memberId), command.organisationId), meetings: h.meetings }, command)
    case "RecordDues":
      return OrganisationRules.recordDues(config, tenant, {
        organisation: versions(command.organisationId),
        memberships: membershipsOf(command.memberId),
        paid: Option.fromNullable(h.dues.find((d) => d.memberId === command.memberId && d.month === command.month)),
        today
      }, command)
    case "RecordDiscipline":
      return OrganisationRules.recordDiscipline(tenant, {
        organisation: versions(command.organisationId),
        memberships: membershipsOf(command.memberId),
        participations: participationsOf(command.memberId),
        ...recordsOf(command.memberId),
        meetings: h.meetings,
        today
      }, command)
    case "RecordMeeting":
      return OrganisationRules.recordMeeting(tenant, {
        organisation: versions(command.organisationId),
        idUsed: h.meetings.some((m) => m.id === command.id),
        members: ofOrganisation(h.memberships, command.organisationId).filter((m) => valid(m, command.date)),
        participants: ofOrganisation(h.participations, command.organisationId).filter((p) => valid(p, command.date)),
        attendeesMemberships: h.memberships.filter((m) => command.attendees.includes(m.memberId) && valid(m, command.date)),
        subtree: subtreeOn(h, command.organisationId, command.date),
        discipline: h.discipline,
        today
      }, command)
  }
}

/** Ends rows on a day: removed when they begin on or after it, else cut short. */
const close = <A extends { readonly validFrom: string; readonly validTo: string | null }>(
  rows: ReadonlyArray<A>,
  ended: (row: A) => boolean,
  day: string | null
): Array<A> =>
  day === null ? [...rows] : rows.flatMap((r) => {
    if (!ended(r)) return [r]
    if (r.validFrom >= day) return []
    return [r.validTo === null || r.validTo > day ? { ...r, validTo: day } : r]
  })

/** A history with a rule's changes written, as a store writes them. */
export const write = (h: History, c: OrganisationChanges.OrganisationChanges): History => {
  const endsOrg = new Set(c.endOrganisations.map((k) => `${k.id}\u0000${k.validFrom}`))
  const endsMembership = new Set(c.endMemberships.map((k) => `${k.memberId}\u0000${k.validFrom}`))
  const endsParticipation = new Set(c.endParticipations.map((k) => `${k.memberId}\u0000${k.organisationId}\u0000${k.validFrom}`))
  return {
    organisations: [...close(h.organisations, (o) => endsOrg.has(`${o.id}\u0000${o.validFrom}`), c.at), ...c.newOrganisations],
    memberships: [...close(h.memberships, (m) => endsMembership.has(`${m.memberId}\u0000${m.validFrom}`), c.at), ...c.newMemberships],
    participations: [
      ...close(h.participations, (p) => endsParticipation.has(`${p.memberId}\u0000${p.organisationId}\u0000${p.validFrom}`), c.at),
      ...c.newParticipations
    ],
    dues: [...h.dues, ...c.dues],
    discipline: [...h.discipline, ...c.discipline],
    meetings: [...h.meetings, ...c.meetings]
  }
}

/** Runs commands in order: the history, and each command's outcome. */
export const run = (commands: ReadonlyArray<OrganisationCommand.OrganisationCommand>, from: History = empty) => {
  let h = from
  const outcomes: Array<Either.Either<OrganisationChanges.OrganisationChanges, RuleViolation.RuleViolation>> = []
  for (const command of commands) {
    const result = decide(h, command)
    if (Either.isRight(result)) h = write(h, result.right)
    outcomes.push(result)
  }
  return { history: h, outcomes }
}

// ------------------------------------------------------------------ random commands

/** The scaffold's organisations (see the tests) and new ones. */
export const orgIds = ["top", "c1", "b1", "b2", "t1", "o1", "o2", "o3", "o4"] as const
export const memberIds = ["m1", "m2", "m3", "m4", "m5"] as const
const days = ["2024-01-01", "2024-02-01", "2024-03-15", "2024-04-01", "2024-06-30", "2024-07-01", "2024-10-01", "2024-12-31", "2025-01-01"]

const org = fc.constantFrom(...orgIds)
/** Where members' commands go: mostly the scaffold's branches and temporary branch. */
const home = fc.constantFrom("b1", "b1", "b2", "t1", "t1", "o1", "o2", "c1")
const member = fc.constantFrom(...memberIds)
const day = fc.constantFrom(...days)
const kind = fc.constantFrom("committee", "general_branch", "branch", "branch", "joint_branch", "temporary_branch")
const sector = fc.constantFrom("community", "community", "new_economy", "property", "elsewhere")

const decode = Schema.decodeUnknownSync(OrganisationCommand.OrganisationCommand)

/** A random command, valid as input (decodes), often breaking a rule. */
export const command: fc.Arbitrary<OrganisationCommand.OrganisationCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ id: org, kind, parentId: fc.option(fc.constantFrom("top", "c1", "b1", "o1", "o2"), { nil: null, freq: 5 }), sector, validFrom: day, hasCommittee: fc.boolean(), planned: fc.option(day, { nil: null }), grid: fc.constantFrom(...grids, "131102009") })
      .map((r) =>
        decode({
          _tag: "FormOrganisation",
          id: r.id,
          kind: r.kind,
          name: `组织${r.id}`,
          parentId: r.parentId,
          sector: r.sector,
          grids: [r.grid],
          hasCommittee: r.hasCommittee,
          task: r.kind === "temporary_branch" ? { kind: "compound", name: "小区疫情防控" } : null,
          validFrom: r.validFrom,
          validTo: r.planned
        })
      ) },
  { weight: 1, arbitrary: fc.record({ id: org, at: day, n: fc.nat(2) }).map((r) => decode({ _tag: "RenameOrganisation", id: r.id, name: `新名${r.n}`, at: r.at })) },
  { weight: 1, arbitrary: fc.record({ id: org, at: day, on: fc.boolean() }).map((r) => decode({ _tag: "SetCommittee", id: r.id, hasCommittee: r.on, at: r.at })) },
  { weight: 1, arbitrary: fc.record({ ids: fc.uniqueArray(org, { minLength: 2, maxLength: 3 }), into: org, at: day }).map((r) => decode({ _tag: "MergeOrganisations", ids: r.ids, into: { id: `${r.into}m`, name: "合并" }, at: r.at })) },
  { weight: 1, arbitrary: fc.record({ id: fc.constantFrom("b2", "t1", "o1", "o2", "o3", "o4"), at: day }).map((r) => decode({ _tag: "DissolveOrganisation", id: r.id, at: r.at })) },
  { weight: 4, arbitrary: fc.record({ m: member, o: home, at: day }).map((r) => decode({ _tag: "AdmitMember", memberId: r.m, organisationId: r.o, name: `党员${r.m}`, at: r.at })) },
  { weight: 3, arbitrary: fc.record({ m: member, o: home, at: day, full: fc.boolean() }).map((r) => decode({ _tag: "ArriveMember", memberId: r.m, organisationId: r.o, standing: r.full ? "full" : "probationary", name: `党员${r.m}`, at: r.at })) },
  { weight: 2, arbitrary: fc.record({ m: member, o: home, at: day }).map((r) => decode({ _tag: "TransferMember", memberId: r.m, organisationId: r.o, at: r.at })) },
  { weight: 1, arbitrary: fc.record({ m: member, at: day }).map((r) => decode({ _tag: "DepartMember", memberId: r.m, at: r.at })) },
  { weight: 2, arbitrary: fc.record({ m: member, at: day }).map((r) => decode({ _tag: "ConvertMember", memberId: r.m, at: r.at })) },
  { weight: 3, arbitrary: fc.record({ m: member, o: fc.constantFrom("t1", "t1", "b1", "o1"), at: day }).map((r) => decode({ _tag: "JoinTemporary", memberId: r.m, organisationId: r.o, at: r.at })) },
  { weight: 2, arbitrary: fc.record({ m: member, o: fc.constantFrom("t1", "t1", "o1"), at: day }).map((r) => decode({ _tag: "LeaveTemporary", memberId: r.m, organisationId: r.o, at: r.at })) },
  { weight: 1, arbitrary: fc.record({ m: member, o: home, at: day, month: fc.constantFrom("2024-01", "2024-06") }).map((r) => decode({ _tag: "RecordDues", memberId: r.m, organisationId: r.o, month: r.month, amountFen: 500, paidOn: r.at })) },
  {
    weight: 1,
    arbitrary: fc.record({ m: member, o: home, at: day, measure: fc.constantFrom("warning", "probation", "expulsion"), years: fc.constantFrom(1, 2) })
      .map((r) => decode({ _tag: "RecordDiscipline", memberId: r.m, organisationId: r.o, measure: r.measure, at: r.at, ...(r.measure === "probation" ? { years: r.years } : {}) }))
  },
  { weight: 2, arbitrary: fc.record({ n: fc.nat(20), o: home, at: day, kind: fc.constantFrom("general_meeting", "committee_meeting", "theme_day"), attendees: fc.uniqueArray(fc.constantFrom("m1", "m2", "m3"), { maxLength: 3 }), votes: fc.array(fc.record({ yes: fc.nat(6), no: fc.nat(2), abstain: fc.nat(1) }), { maxLength: 2 }) })
      .map((r) =>
        decode({
          _tag: "RecordMeeting",
          id: `mt${r.n}`,
          organisationId: r.o,
          kind: r.kind,
          date: r.at,
          topic: "学习",
          attendees: r.attendees,
          votes: r.votes.map((v) => ({ motion: "决议", ...v }))
        })
      ) }
)

export const commands = fc.array(command, { minLength: 1, maxLength: 80, size: "max" })

/** Organisation and membership rows valid on a day. */
export const onDay = (h: History, day: string) => ({
  organisations: h.organisations.filter((o) => valid(o, day)),
  memberships: h.memberships.filter((m: Member.Membership) => valid(m, day)),
  participations: h.participations.filter((p: Member.Participation) => valid(p, day))
})

export type Version = Organisation.Organisation
