/**
 * The outreach rules: pure functions from the state a command needs (read by the
 * service), the configuration and today to the rows to write, or the first rule the
 * command breaks. docs/rules.md lists every rule with its source.
 *
 * @since 0.5.0
 */
import { Either } from "effect"
import type { Tenant } from "../access/Tenant.js"
import * as RuleViolation from "../errors/RuleViolation.js"
import * as CreditCode from "../identifiers/CreditCode.js"
import { type IsoDate, within } from "../time/IsoDate.js"
import type { Contact, Link, Problem } from "./Liaison.js"
import type { Group, GroupMember } from "./NewEmployment.js"
import type * as Command from "./OutreachCommand.js"
import type { OutreachChanges } from "./OutreachChanges.js"
import * as Changes from "./OutreachChanges.js"
import type { OutreachConfigShape } from "./OutreachConfig.js"
import { type Batch, type Matter, transitions } from "./PracticalMatter.js"
import { type Facilities, hoursProblem, type OpeningHours, type Station, type Use } from "./Station.js"

type Result = Either.Either<OutreachChanges, RuleViolation.RuleViolation>

const refuse = RuleViolation.refuse
const ok = (changes: Partial<OutreachChanges>): Result => Either.right(Changes.make(changes))

/** The article's 兰山区 section, the source of the domain's practice. */
const article = "兰山区: 三联三服、一支部一实事、驿站 (source article)"

/**
 * The organisation kinds that count as a branch for 一支部一实事.
 *
 * @since 0.5.0
 * @category constants
 */
export const branchKinds: ReadonlyArray<string> = ["branch", "general_branch", "joint_branch", "temporary_branch"]

/**
 * What an organisation named by a command is on the day: whether it exists, and its kind.
 *
 * @since 0.5.0
 * @category models
 */
export interface OrganisationFacts {
  readonly valid: boolean
  readonly kind: string | undefined
}

/**
 * The common context: the tenant, today, the configuration, and whether the command's
 * own id is taken.
 *
 * @since 0.5.0
 * @category models
 */
export interface Base {
  readonly tenant: Tenant
  readonly today: IsoDate
  readonly config: OutreachConfigShape
  readonly taken: boolean
}

const idTaken = (base: Base, id: string): Result | undefined =>
  base.taken ? refuse("outreach.id-taken", "id", `a record ${id} exists`) : undefined

const unknown = (field: string, what: string, id: string): Result => refuse("outreach.known", field, `no ${what} ${id}`)

const future = (base: Base, on: IsoDate, field = "on"): Result | undefined =>
  on > base.today ? refuse("outreach.not-future", field, `${on} is after today (${base.today})`) : undefined

const noGrid = (valid: boolean, code: string, on: IsoDate): Result | undefined =>
  valid ? undefined : refuse("outreach.grid", "gridCode", `no grid ${code} on ${on}`)

/** An 18-character code of the credit-code alphabet reads as a 统一社会信用代码. */
const looksLikeCreditCode = (id: string) => /^[0-9A-Z]{18}$/.test(id)

/**
 * Links a leader to a target. Rules: `outreach.id-taken`, `outreach.not-future`,
 * `outreach.grid` (the target's grid exists on the day), `outreach.link-target` (a
 * village or community is its own grid, of the community level — `community` says
 * whether `gridCode` is; an enterprise named by an 18-character code has
 * a valid 统一社会信用代码), `outreach.link-duplicate` (one link at a time of a leader to
 * a target, among the links of the actor's scope the service passes in `links`).
 *
 * @since 0.5.0
 * @category rules
 */
export const linkLeader = (
  base: Base,
  context: { readonly gridValid: boolean; readonly links: ReadonlyArray<Link>; readonly community: boolean },
  command: Command.LinkLeader
): Result =>
  idTaken(base, command.id) ?? future(base, command.from, "from") ?? noGrid(context.gridValid, command.gridCode, command.from) ??
    (command.targetKind === "village_community" && command.targetId !== command.gridCode
      ? refuse("outreach.link-target", "targetId", `a village or community is linked by its own grid code, here ${command.gridCode}`, article)
      : command.targetKind === "village_community" && !context.community
      ? refuse("outreach.link-target", "gridCode", `${command.gridCode} is not a village or community (a grid of the community level)`, article)
      : command.targetKind === "enterprise" && looksLikeCreditCode(command.targetId) && !CreditCode.isValid(command.targetId)
      ? refuse("outreach.link-target", "targetId", `${command.targetId} is not a valid 统一社会信用代码 (GB 32100-2015)`, "GB 32100-2015")
      : context.links.some((l) => l.leaderId === command.leaderId && l.targetId === command.targetId && (l.validTo === null || l.validTo > command.from))
      ? refuse("outreach.link-duplicate", "targetId", `${command.leaderId} is linked to ${command.targetId} already on or after ${command.from}`)
      : ok({
        links: [{
          tenant: base.tenant,
          id: command.id,
          gridCode: command.gridCode,
          leaderId: command.leaderId,
          targetId: command.targetId,
          targetKind: command.targetKind,
          validFrom: command.from,
          validTo: null
        }]
      }))

/**
 * Ends a link. Rules: `outreach.known`, `outreach.not-future`, `outreach.link-end` (a link not ended yet, ended
 * after the day it began and after the last contact or problem recorded under it, which
 * `lastRecorded` gives: ending it would leave them outside its days).
 *
 * @since 0.5.0
 * @category rules
 */
export const endLink = (base: Base, link: Link | undefined, lastRecorded: IsoDate | undefined, command: Command.EndLink): Result =>
  link === undefined ? unknown("linkId", "link", command.linkId) : future(base, command.on) ?? (link.validTo !== null
    ? refuse("outreach.link-end", "linkId", `${link.id} ended on ${link.validTo}`)
    : command.on <= link.validFrom
    ? refuse("outreach.link-end", "on", `${link.id} began on ${link.validFrom}: it ends after that`)
    : lastRecorded !== undefined && command.on <= lastRecorded
    ? refuse("outreach.link-end", "on", `${link.id} has a contact or problem on ${lastRecorded}: it ends after that`)
    : ok({ links: [{ ...link, validTo: command.on }] }))

const underLink = (base: Base, link: Link | undefined, linkId: string, on: IsoDate): Result | undefined =>
  link === undefined ? unknown("linkId", "link", linkId) : future(base, on) ??
    (within(on, link.validFrom, link.validTo) ? undefined : refuse("outreach.within-link", "on", `${link.id} did not hold on ${on}`, article))

/**
 * Records a contact or visit. Rules: `outreach.id-taken`, `outreach.known`,
 * `outreach.not-future`, `outreach.within-link` (made on a day the link held).
 *
 * @since 0.5.0
 * @category rules
 */
export const recordContact = (base: Base, link: Link | undefined, command: Command.RecordContact): Result =>
  idTaken(base, command.id) ?? underLink(base, link, command.linkId, command.on) ??
    ok({
      contacts: [
        { tenant: base.tenant, id: command.id, linkId: command.linkId, leaderId: link!.leaderId, targetId: link!.targetId, kind: command.kind, on: command.on } satisfies Contact
      ]
    })

/**
 * Raises a problem under a link: the rules of a contact.
 *
 * @since 0.5.0
 * @category rules
 */
export const raiseProblem = (base: Base, link: Link | undefined, command: Command.RaiseProblem): Result =>
  idTaken(base, command.id) ?? underLink(base, link, command.linkId, command.on) ??
    ok({
      problems: [
        { tenant: base.tenant, id: command.id, linkId: command.linkId, raisedOn: command.on, summary: command.summary, resolvedOn: null, resolution: null } satisfies Problem
      ]
    })

/**
 * Resolves a problem. Rules: `outreach.known`, `outreach.not-future`,
 * `outreach.problem-resolution` (once, not before it was raised).
 *
 * @since 0.5.0
 * @category rules
 */
export const resolveProblem = (base: Base, problem: Problem | undefined, command: Command.ResolveProblem): Result =>
  problem === undefined ? unknown("problemId", "problem", command.problemId) : future(base, command.on) ??
    (problem.resolvedOn !== null
      ? refuse("outreach.problem-resolution", "problemId", `${problem.id} was resolved on ${problem.resolvedOn}`)
      : command.on < problem.raisedOn
      ? refuse("outreach.problem-resolution", "on", `${problem.id} was raised on ${problem.raisedOn}`)
      : ok({ problems: [{ ...problem, resolvedOn: command.on, resolution: command.how }] }))

/**
 * Opens a batch. Rules: `outreach.id-taken`, `outreach.grid`, `outreach.batch-dates`
 * (it ends on or after it starts), `outreach.batch-number` (one batch of a number per grid).
 *
 * @since 0.5.0
 * @category rules
 */
export const openBatch = (
  base: Base,
  context: { readonly gridValid: boolean; readonly batches: ReadonlyArray<Batch> },
  command: Command.OpenBatch
): Result =>
  idTaken(base, command.id) ?? noGrid(context.gridValid, command.gridCode, command.from) ??
    (command.to < command.from
      ? refuse("outreach.batch-dates", "to", `the batch ends (${command.to}) before it starts (${command.from})`)
      : context.batches.some((b) => b.gridCode === command.gridCode && b.number === command.number)
      ? refuse("outreach.batch-number", "number", `${command.gridCode} has a batch ${command.number} already`, article)
      : ok({
        batches: [{ tenant: base.tenant, id: command.id, gridCode: command.gridCode, number: command.number, name: command.name, from: command.from, to: command.to }]
      }))

/**
 * Lists a branch's matter in a batch. Rules: `outreach.id-taken`, `outreach.known` (the
 * batch, one of the actor's scope or of a grid above it), `outreach.not-future`,
 * `outreach.batch-period` (planned within the batch's days), `outreach.branch`
 * (a branch of the organisation store, existing on the day), `outreach.batch-grid` (the
 * branch serves only grids of the batch's subtree, which `withinBatch` says).
 *
 * @since 0.5.0
 * @category rules
 */
export const addMatter = (
  base: Base,
  context: { readonly batch: Batch | undefined; readonly organisation: OrganisationFacts; readonly withinBatch: boolean },
  command: Command.AddMatter
): Result => {
  const { batch, organisation } = context
  return idTaken(base, command.id) ?? (batch === undefined ? unknown("batchId", "batch", command.batchId) : undefined) ??
    future(base, command.on) ??
    (command.on < batch!.from || command.on > batch!.to
      ? refuse("outreach.batch-period", "on", `batch ${batch!.id} runs ${batch!.from} to ${batch!.to}`)
      : !organisation.valid || !branchKinds.includes(organisation.kind ?? "")
      ? refuse("outreach.branch", "organisationId", `${command.organisationId} is not a party branch on ${command.on}`, "一支部一实事 (source article)")
      : !context.withinBatch
      ? refuse("outreach.batch-grid", "organisationId", `${command.organisationId} serves grids outside ${batch!.gridCode}, the grid of batch ${batch!.id}`)
      : ok({
        matters: [{
          tenant: base.tenant,
          id: command.id,
          batchId: command.batchId,
          organisationId: command.organisationId,
          title: command.title,
          state: "planned",
          plannedOn: command.on,
          startedOn: null,
          completedOn: null,
          droppedOn: null,
          reason: null
        }]
      }))
}

/** The last day a matter moved. */
const lastMove = (m: Matter): IsoDate => m.completedOn ?? m.droppedOn ?? m.startedOn ?? m.plannedOn

/**
 * Moves a matter on. Rules: `outreach.known`, `outreach.not-future`,
 * `outreach.matter-transition` (only along `PracticalMatter.transitions`, never before its
 * last move, a drop with its reason and no other move with one: a reason given to
 * another move would be lost, so it is refused).
 *
 * @since 0.5.0
 * @category rules
 */
export const advanceMatter = (base: Base, matter: Matter | undefined, command: Command.AdvanceMatter): Result => {
  if (matter === undefined) return unknown("matterId", "matter", command.matterId)
  const early = future(base, command.on)
  if (early !== undefined) return early
  if (!transitions[matter.state].includes(command.to)) {
    return refuse("outreach.matter-transition", "to", `a matter ${matter.state} cannot become ${command.to}`)
  }
  if (command.on < lastMove(matter)) return refuse("outreach.matter-transition", "on", `${matter.id} last moved on ${lastMove(matter)}`)
  if (command.to === "dropped" && command.reason === null) return refuse("outreach.matter-transition", "reason", "a matter is dropped with its reason")
  if (command.to !== "dropped" && command.reason !== null) return refuse("outreach.matter-transition", "reason", "only a drop keeps a reason")
  const next: Matter = command.to === "in_progress"
    ? { ...matter, state: "in_progress", startedOn: command.on }
    : command.to === "done"
    ? { ...matter, state: "done", completedOn: command.on }
    : { ...matter, state: "dropped", droppedOn: command.on, reason: command.reason }
  return ok({ matters: [next] })
}

/**
 * A station's schedule and facilities. Rules: `outreach.opening-hours` (each day's
 * intervals end after they start, in order, not overlapping), `outreach.facility-known`
 * (facilities of the configured list).
 *
 * @since 0.5.0
 * @category rules
 */
export const offer = (config: OutreachConfigShape, hours: OpeningHours | undefined, facilities: Facilities | undefined): Result | undefined => {
  const problem = hours === undefined ? undefined : hoursProblem(hours)
  if (problem !== undefined) return refuse("outreach.opening-hours", `hours.${problem[0]}.${problem[1]}`, problem[2])
  const known = new Set(config.facilities.map((f) => f.id))
  const strange = Object.keys(facilities ?? {}).find((id) => !known.has(id))
  return strange === undefined ? undefined : refuse("outreach.facility-known", `facilities.${strange}`, `${strange} is not a configured facility`)
}

/**
 * Opens a station. Rules: `outreach.id-taken`, `outreach.not-future`, `outreach.grid`, `outreach.organisation`
 * (the organisation running it exists on the day, when named), then {@link offer}'s.
 *
 * @since 0.5.0
 * @category rules
 */
export const openStation = (
  base: Base,
  context: { readonly gridValid: boolean; readonly organisation: OrganisationFacts | undefined },
  command: Command.OpenStation
): Result =>
  idTaken(base, command.id) ?? future(base, command.on) ?? noGrid(context.gridValid, command.gridCode, command.on) ??
    (context.organisation !== undefined && !context.organisation.valid
      ? refuse("outreach.organisation", "organisationId", `no organisation ${command.organisationId} on ${command.on}`)
      : undefined) ??
    offer(base.config, command.hours, command.facilities) ??
    ok({
      stations: [{
        tenant: base.tenant,
        id: command.id,
        name: command.name,
        kind: command.kind,
        gridCode: command.gridCode,
        address: command.address,
        organisationId: command.organisationId,
        hours: command.hours,
        facilities: command.facilities,
        studyCorner: command.studyCorner,
        openedOn: command.on,
        closedOn: null
      }]
    })

/**
 * Changes what a station offers. Rules: `outreach.known`, `outreach.station-change` (it
 * names at least one of hours, facilities, study corner: an empty change is refused, not
 * audited as a no-op), `outreach.station-open` (a closed station changes no more), then
 * {@link offer}'s.
 *
 * @since 0.5.0
 * @category rules
 */
export const equipStation = (base: Base, station: Station | undefined, command: Command.EquipStation): Result =>
  station === undefined ? unknown("stationId", "station", command.stationId) :
    command.hours === undefined && command.facilities === undefined && command.studyCorner === undefined
    ? refuse("outreach.station-change", "hours", "nothing to change: give hours, facilities or studyCorner")
    : station.closedOn !== null
    ? refuse("outreach.station-open", "stationId", `${station.id} closed on ${station.closedOn}`)
    : offer(base.config, command.hours, command.facilities) ??
      ok({
        stations: [{
          ...station,
          hours: command.hours ?? station.hours,
          facilities: command.facilities ?? station.facilities,
          studyCorner: command.studyCorner === undefined ? station.studyCorner : command.studyCorner
        }]
      })

/**
 * Closes a station. Rules: `outreach.known`, `outreach.not-future`, `outreach.station-dates` (not closed yet,
 * closed after the day it opened and after the last use recorded, `lastUse`, which would
 * otherwise fall on a day it was closed).
 *
 * @since 0.5.0
 * @category rules
 */
export const closeStation = (base: Base, station: Station | undefined, lastUse: IsoDate | undefined, command: Command.CloseStation): Result =>
  station === undefined ? unknown("stationId", "station", command.stationId) : future(base, command.on) ?? (station.closedOn !== null
    ? refuse("outreach.station-dates", "stationId", `${station.id} closed on ${station.closedOn}`)
    : command.on <= station.openedOn
    ? refuse("outreach.station-dates", "on", `${station.id} opened on ${station.openedOn}: it closes after that`)
    : lastUse !== undefined && command.on <= lastUse
    ? refuse("outreach.station-dates", "on", `${station.id} was used on ${lastUse}: it closes after that`)
    : ok({ stations: [{ ...station, closedOn: command.on }] }))

/**
 * Records a day's use. Rules: `outreach.id-taken`, `outreach.known`,
 * `outreach.not-future`, `outreach.station-open` (the station was open that day),
 * `outreach.study-use` (a member's use is one person studying at a station with a
 * study corner, a member of the actor's scope on the day).
 *
 * @since 0.5.0
 * @category rules
 */
export const recordUse = (
  base: Base,
  context: { readonly station: Station | undefined; readonly memberKnown: boolean },
  command: Command.RecordUse
): Result => {
  const { station } = context
  return idTaken(base, command.id) ?? (station === undefined ? unknown("stationId", "station", command.stationId) : undefined) ??
    future(base, command.on) ??
    (!within(command.on, station!.openedOn, station!.closedOn)
      ? refuse("outreach.station-open", "on", `${station!.id} was not open on ${command.on}`)
      : command.memberId !== null && command.count !== 1
      ? refuse("outreach.study-use", "count", "a member's study is one use")
      : command.memberId !== null && station!.studyCorner === null
      ? refuse("outreach.study-use", "memberId", `${station!.id} has no study corner`, article)
      : command.memberId !== null && !context.memberKnown
      ? refuse("outreach.study-use", "memberId", `no member ${command.memberId} on ${command.on}`)
      : ok({
        uses: [
          { tenant: base.tenant, id: command.id, stationId: command.stationId, on: command.on, userKind: command.userKind, count: command.count, memberId: command.memberId } satisfies Use
        ]
      }))
}

/**
 * Registers a group. Rules: `outreach.id-taken`, `outreach.not-future`, `outreach.grid`,
 * `outreach.organisation` (its party organisation exists on the day).
 *
 * @since 0.5.0
 * @category rules
 */
export const registerGroup = (
  base: Base,
  context: { readonly gridValid: boolean; readonly organisation: OrganisationFacts },
  command: Command.RegisterGroup
): Result =>
  idTaken(base, command.id) ?? future(base, command.on) ?? noGrid(context.gridValid, command.gridCode, command.on) ??
    (!context.organisation.valid
      ? refuse("outreach.organisation", "organisationId", `no organisation ${command.organisationId} on ${command.on}`)
      : ok({
        groups: [{
          tenant: base.tenant,
          id: command.id,
          kind: command.kind,
          name: command.name,
          gridCode: command.gridCode,
          organisationId: command.organisationId,
          workers: command.workers,
          formedOn: command.on
        }]
      }))

/**
 * Counts a group's workers anew. Rule: `outreach.known`.
 *
 * @since 0.5.0
 * @category rules
 */
export const countWorkers = (group: Group | undefined, command: Command.CountWorkers): Result =>
  group === undefined ? unknown("groupId", "group", command.groupId) : ok({ groups: [{ ...group, workers: command.workers }] })

/**
 * Adds a member to a group. Rules: `outreach.known`, `outreach.not-future`,
 * `outreach.group-member` (a member of the actor's scope on the day, not a member of
 * the group yet, joining on or after the group was formed).
 *
 * @since 0.5.0
 * @category rules
 */
export const joinGroup = (
  base: Base,
  context: { readonly group: Group | undefined; readonly memberKnown: boolean; readonly members: ReadonlyArray<GroupMember> },
  command: Command.JoinGroup
): Result => {
  const { group } = context
  return group === undefined ? unknown("groupId", "group", command.groupId) : future(base, command.on) ??
    (!context.memberKnown
      ? refuse("outreach.group-member", "memberId", `no member ${command.memberId} on ${command.on}`)
      : context.members.some((m) => m.memberId === command.memberId)
      ? refuse("outreach.group-member", "memberId", `${command.memberId} is a member of ${group.id} already`)
      : command.on < group.formedOn
      ? refuse("outreach.group-member", "on", `${group.id} was formed on ${group.formedOn}`)
      : ok({ members: [{ tenant: base.tenant, groupId: group.id, memberId: command.memberId, joinedOn: command.on }] }))
}
