/**
 * One member-development command's decision inside its transaction: load the context the
 * rule needs (for a track, the facts of the event's day from the organisation store),
 * check that every grid it touches lies in the actor's scope, call the pure rule, return
 * the facts to write.
 *
 * @internal
 */
import { Effect } from "effect"
import * as Actor from "../../access/Actor.js"
import type { Tenant } from "../../access/Tenant.js"
import type { WorkerId } from "../../development/CommunityWorker.js"
import type { DevelopmentCommand } from "../../development/DevelopmentCommand.js"
import type { DevelopmentConfigShape } from "../../development/DevelopmentConfig.js"
import * as DevelopmentConfig from "../../development/DevelopmentConfig.js"
import * as Rules from "../../development/DevelopmentRules.js"
import type { DevelopmentStoreShape } from "../../development/DevelopmentStore.js"
import * as PartyLadder from "../../development/PartyLadder.js"
import * as Pathway from "../../development/Pathway.js"
import type { HonourId } from "../../development/Recognition.js"
import { type GridCode, validAt } from "../../grid/Grid.js"
import type { GridRepository } from "../../grid/GridRepository.js"
import type * as LevelScheme from "../../grid/LevelScheme.js"
import type { MemberId } from "../../organisation/Member.js"
import type { OrganisationId } from "../../organisation/Organisation.js"
import { underProbation } from "../../organisation/OrganisationRules.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import * as IsoDate from "../../time/IsoDate.js"
import { levelLengths } from "../coconstruction/decide.js"
import { reachOf, servingWithin } from "../organisation/decide.js"
import { groupBy } from "../groupBy.js"
import { guardCodes as guard, seenFrom } from "../scope.js"

/** The step of the party ladder from which a person counts as a member on a track. */
const admitted = `${PartyLadder.id}/${PartyLadder.steps.approval}`

/** @internal */
export const make = (
  store: DevelopmentStoreShape,
  organisations: Pick<OrganisationStoreShape, "organisations" | "members">,
  grids: { readonly grids: Pick<GridRepository, "versionsOf"> },
  config: DevelopmentConfigShape,
  scheme: LevelScheme.LevelScheme,
  /** The day the rules take as today (the batch path reads the clock once per batch). */
  today: Effect.Effect<IsoDate.IsoDate> = IsoDate.today
) => {
  const { recognition, tracks, workforce } = store
  const ladders = DevelopmentConfig.ladders(config)
  const lengths = levelLengths(scheme)

  const gridVersions = (tenant: Tenant, code: string) => grids.grids.versionsOf(tenant, [code as GridCode])
  /** The grids an organisation reaches (the tenant's root when it is unknown), and whether it exists on a day. */
  const organisation = function*(tenant: Tenant, id: OrganisationId, day: IsoDate.IsoDate) {
    const versions = yield* organisations.organisations.versionsOf(tenant, [id])
    return {
      reach: versions.length === 0 ? [tenant as string] : reachOf(versions),
      valid: versions.some((v) => validAt(v, day)),
      kind: versions.find((v) => validAt(v, day))?.kind as string | undefined
    }
  }

  /** A track with its events, replayed on its ladder. */
  const trackOf = function*(tenant: Tenant, id: Pathway.TrackId) {
    const [header] = yield* tracks.tracksOf(tenant, [id])
    if (header === undefined) return { header, ladder: undefined, track: undefined }
    const ladder = ladders.get(header.ladder)
    const events = yield* tracks.eventsOf(tenant, [id])
    return { header, ladder, track: ladder === undefined ? undefined : Pathway.replay(ladder, header, events) }
  }

  /** The grids each of the organisations reaches (the tenant's root for one unknown), read at once. */
  const reachOfAll = function*(tenant: Tenant, ids: ReadonlyArray<OrganisationId>) {
    const unique = Array.from(new Set(ids))
    const byId = groupBy(unique.length === 0 ? [] : yield* organisations.organisations.versionsOf(tenant, unique), (v) => v.id)
    return (id: OrganisationId): ReadonlyArray<string> => {
      const versions = byId.get(id) ?? []
      return versions.length === 0 ? [tenant as string] : reachOf(versions)
    }
  }

  /** Which of the organisations lie wholly in the actor's scope (an unknown one does not). */
  const organisationsInScope = function*(actor: Actor.Actor, ids: ReadonlyArray<string>) {
    const unique = Array.from(new Set(ids)) as unknown as Array<OrganisationId>
    const versions = unique.length === 0 ? [] : yield* organisations.organisations.versionsOf(actor.tenant, unique)
    const known = new Set<string>(versions.map((v) => v.id))
    return servingWithin(actor.tenant, unique.filter((id) => known.has(id)), versions, (code) => Actor.covers(actor, code))
  }

  /**
   * What the person had reached by a day on their other tracks that the actor may see (of
   * organisations in their scope): `ladder/step` of tracks not cancelled by then.
   */
  const reachedBy = function*(actor: Actor.Actor, person: Pathway.PersonId, self: string, day: IsoDate.IsoDate) {
    const tenant = actor.tenant
    const all = (yield* tracks.tracksFor(tenant, [person])).filter((t) => t.id !== self)
    const visible = yield* organisationsInScope(actor, all.map((t) => t.organisationId))
    const others = all.filter((t) => visible.has(t.organisationId))
    const reached = new Set<string>()
    if (others.length === 0) return reached
    const events = yield* tracks.eventsOf(tenant, others.map((t) => t.id))
    const ladderOf = new Map(others.map((t) => [t.id as string, t.ladder]))
    const cancelled = new Set(events.filter((e) => e.kind === "cancel" && e.on <= day).map((e) => e.trackId as string))
    for (const e of events) {
      if (e.kind === "step" && e.on <= day && !cancelled.has(e.trackId)) reached.add(`${ladderOf.get(e.trackId)}/${e.step}`)
    }
    return reached
  }

  /** The kinds of guard each ladder has, in its steps and windows: a fact is read only for a ladder whose guards use it. */
  const guardKinds = new Map(
    Array.from(ladders.values(), (l) => [
      l.id,
      new Set<string>([...l.steps.flatMap((st) => st.guards), ...l.windows.flatMap((w) => [...w.cancel, ...(w.extension?.guards ?? [])])].map((g) => g._tag))
    ])
  )
  const uses = (ladder: string, ...kinds: ReadonlyArray<Pathway.Guard["_tag"]>) => kinds.some((k) => guardKinds.get(ladder)?.has(k) === true)

  /**
   * The members' memberships on a day in organisations of the actor's scope: a fact about
   * a member (their standing, a measure on them) is told only to those who may see them.
   * A membership elsewhere counts as none, so the answer for a member of another street
   * is the answer for an unknown id, whatever the day.
   */
  const membershipsInScope = function*(actor: Actor.Actor, ids: ReadonlyArray<MemberId>, on: IsoDate.IsoDate) {
    if (ids.length === 0) return []
    const memberships = (yield* organisations.members.membershipsOf(actor.tenant, ids)).filter((m) => IsoDate.within(on, m.validFrom, m.validTo))
    const visible = yield* organisationsInScope(actor, memberships.map((m) => m.organisationId))
    return memberships.filter((m) => visible.has(m.organisationId))
  }

  /**
   * What the workforce records of the person (as a worker of the actor's scope; one
   * elsewhere counts as none) say by a day: levels held, class hours attended.
   */
  const workforceOf = function*(actor: Actor.Actor, header: Pathway.TrackHeader, on: IsoDate.IsoDate) {
    const tenant = actor.tenant
    if (!uses(header.ladder, "Qualified", "ClassHours")) return { qualifications: new Set<string>(), classHours: 0 }
    const id = header.person as unknown as WorkerId
    const worker = yield* workerOf(tenant, id)
    if (worker === undefined || !Actor.covers(actor, worker.communityCode)) return { qualifications: new Set<string>(), classHours: 0 }
    const holdings = (yield* workforce.holdingsOf(tenant, [id])).filter((h) => h.obtainedOn <= on)
    const attended = (yield* workforce.attendance(tenant)).filter((a) => a.workerId === id)
    const sessions = attended.length === 0 ? [] : yield* workforce.sessionsOf(tenant, attended.map((a) => a.sessionId))
    return {
      qualifications: new Set<string>(holdings.map((h) => h.level)),
      classHours: sessions.filter((x) => x.to <= on).reduce((sum, x) => sum + x.hours, 0)
    }
  }

  /**
   * The facts of an event's day: the branch's voters, the people it names and the
   * person's standing (each of them in the actor's scope), the person's other tracks and
   * workforce records.
   */
  const factsFor = function*(actor: Actor.Actor, header: Pathway.TrackHeader, on: IsoDate.IsoDate, evidence: Pathway.Evidence) {
    const tenant = actor.tenant
    const within = (row: { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }) => IsoDate.within(on, row.validFrom, row.validTo)
    let entitled: number | null = null
    if (evidence.vote !== undefined) {
      // The person voted on is not among those entitled, even where the roll already shows
      // them converted on the meeting's day.
      const full = (yield* organisations.members.membershipsIn(tenant, [header.organisationId]))
        .filter((m) => within(m) && m.standing === "full" && m.memberId !== (header.person as string))
      const ids = full.map((m) => m.memberId)
      // A member under 留党察看 has no vote (党章 第四十条): not among those entitled.
      const suspended = new Set(
        (ids.length === 0 ? [] : yield* organisations.members.disciplineOf(tenant, ids)).filter((d) => underProbation(d, on)).map((d) => d.memberId)
      )
      entitled = ids.filter((id) => !suspended.has(id)).length
    }
    const named = Array.from(new Set((evidence.people ?? []).map((p) => p.id))) as Array<MemberId>
    const people = new Map<string, { readonly full: boolean; readonly disciplined: boolean }>()
    if (named.length > 0) {
      const memberships = yield* membershipsInScope(actor, named, on)
      const discipline = (yield* organisations.members.disciplineOf(tenant, named)).filter((d) => underProbation(d, on))
      for (const id of named) {
        people.set(id, {
          full: memberships.some((m) => m.memberId === id && m.standing === "full"),
          disciplined: discipline.some((d) => d.memberId === id)
        })
      }
    }
    const reached = uses(header.ladder, "Reached", "PartyMember") ? yield* reachedBy(actor, header.person, header.id, on) : new Set<string>()
    const membership = uses(header.ladder, "PartyMember") &&
      (yield* membershipsInScope(actor, [header.person as unknown as MemberId], on)).length > 0
    return { entitled, people, reached, member: membership || reached.has(admitted), ...(yield* workforceOf(actor, header, on)) } satisfies Pathway.Facts
  }

  const workerOf = function*(tenant: Tenant, id: WorkerId) {
    const [worker] = yield* workforce.workersOf(tenant, [id])
    return worker
  }

  /**
   * The decision as a generator of store reads, refusals and rule results: run by the
   * Effect runtime for one command (`Commands.makePlain`) or driven by the batch path. Every effect it yields is
   * made when yielded.
   */
  const steps = function*(actor: Actor.Actor, command: DevelopmentCommand) {
    const tenant = actor.tenant
    const action = command._tag
    const recorder = { by: actor.id, on: yield* today }
    switch (command._tag) {
      case "OpenTrack": {
        const org = yield* organisation(tenant, command.organisationId, command.on)
        yield* guard(actor, action, command.id, org.reach)
        const [existing] = yield* tracks.tracksOf(tenant, [command.id])
        // The person's tracks on the ladder that are not cancelled: one at a time.
        const mine = (yield* tracks.tracksFor(tenant, [command.person])).filter((t) => t.ladder === command.ladder && t.id !== command.id)
        // A cancelled track frees the person from its cancellation's day on: a new track may not begin before it.
        const cancelled = new Set(
          (mine.length === 0 ? [] : yield* tracks.eventsOf(tenant, mine.map((t) => t.id)))
            .filter((e) => e.kind === "cancel" && e.on <= command.on)
            .map((e) => e.trackId as string)
        )
        const header: Pathway.TrackHeader = {
          tenant,
          id: command.id,
          ladder: command.ladder,
          person: command.person,
          name: command.name,
          birthDate: command.birthDate,
          organisationId: command.organisationId
        }
        return yield* Rules.openTrack(tenant, {
          ladder: ladders.get(command.ladder),
          track: existing === undefined ? undefined : Pathway.open(existing),
          personTrack: mine.find((t) => !cancelled.has(t.id))?.id,
          organisation: org,
          facts: yield* factsFor(actor, header, command.on, command.evidence),
          recorder
        }, command)
      }
      case "RecordStep":
      case "ExtendWindow":
      case "CancelTrack": {
        const { header, ladder, track } = yield* trackOf(tenant, command.trackId)
        if (header !== undefined) yield* guard(actor, action, command.trackId, (yield* organisation(tenant, header.organisationId, command.on)).reach)
        const context: Rules.TrackContext = {
          ladder,
          track,
          facts: header === undefined ? Pathway.noFacts : yield* factsFor(actor, header, command.on, command.evidence),
          recorder
        }
        return yield* (command._tag === "RecordStep"
          ? Rules.recordStep(context, command)
          : command._tag === "ExtendWindow"
          ? Rules.extendWindow(context, command)
          : Rules.cancelTrack(context, command))
      }
      case "HireWorker": {
        yield* guard(actor, action, command.id, [command.communityCode])
        const versions = command.communityCode.length === lengths.community ? yield* gridVersions(tenant, command.communityCode) : []
        return yield* Rules.hireWorker(tenant, {
          exists: (yield* workforce.workersOf(tenant, [command.id])).length > 0,
          communityValid: versions.some((g) => validAt(g, command.hiredOn)),
          today: recorder.on
        }, command)
      }
      case "PlanRecruitment": {
        yield* guard(actor, action, `${command.gridCode}/${command.year}`, [command.gridCode])
        return yield* Rules.planRecruitment(tenant, { gridExists: (yield* gridVersions(tenant, command.gridCode)).length > 0 }, command)
      }
      case "RecordTraining": {
        const workers = yield* workforce.workersOf(tenant, Array.from(new Set(command.attendees)))
        yield* guard(actor, action, command.id, [command.gridCode, ...workers.map((w) => w.communityCode)])
        return yield* Rules.recordTraining(tenant, {
          exists: (yield* workforce.sessionsOf(tenant, [command.id])).length > 0,
          gridExists: (yield* gridVersions(tenant, command.gridCode)).length > 0,
          workers: new Map(workers.map((w) => [w.id as string, w])),
          today: recorder.on
        }, command)
      }
      case "RecordQualification": {
        const worker = yield* workerOf(tenant, command.workerId)
        if (worker !== undefined) yield* guard(actor, action, `${command.workerId}/${command.level}`, [worker.communityCode])
        return yield* Rules.recordQualification(tenant, config.qualifications, {
          worker,
          holdings: worker === undefined ? [] : yield* workforce.holdingsOf(tenant, [command.workerId]),
          today: recorder.on
        }, command)
      }
      case "RecordCareerMove": {
        const worker = yield* workerOf(tenant, command.workerId)
        if (worker !== undefined) yield* guard(actor, action, command.id, [worker.communityCode])
        return yield* Rules.recordCareerMove(tenant, {
          exists: (yield* workforce.movesOf(tenant, [command.id])).length > 0,
          worker,
          moves: worker === undefined ? [] : yield* workforce.movesFor(tenant, [command.workerId]),
          today: recorder.on
        }, command)
      }
      case "Recognise": {
        const org = yield* organisation(tenant, command.organisationId, command.awardedOn)
        yield* guard(actor, action, command.id, org.reach)
        const memberships = command.memberId === null ? [] : yield* membershipsInScope(actor, [command.memberId as MemberId], command.awardedOn)
        return yield* Rules.recognise(tenant, {
          exists: (yield* recognition.honoursOf(tenant, [command.id as HonourId])).length > 0,
          organisationValid: org.valid,
          memberOnDay: memberships.some((m) => IsoDate.within(command.awardedOn, m.validFrom, m.validTo)),
          today: recorder.on
        }, command)
      }
      case "SendHonourLetters": {
        // An honour lies where its organisation serves: one seen from nowhere in the scope
        // counts as unknown; one seen but not wholly in it is refused as Forbidden.
        const found = yield* recognition.honoursOf(tenant, command.honourIds)
        const reach = yield* reachOfAll(tenant, found.map((h) => h.organisationId))
        const honours = found.filter((h) => seenFrom(actor, reach(h.organisationId)))
        for (const h of honours) yield* guard(actor, action, h.id, reach(h.organisationId))
        return yield* Rules.sendLetters({
          today: recorder.on,
          honours,
          letters: honours.length === 0 ? [] : yield* recognition.lettersOf(tenant, honours.map((h) => h.id))
        }, command)
      }
    }
  }

  return { steps, ladders }
}
