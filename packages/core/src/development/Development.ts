/**
 * The live member-development service. Every write goes: decode (ValidationError naming
 * the field and row) → authorize the role (Forbidden) → load the state the rule needs,
 * with the facts of the day from the organisation store, and check the scope of every
 * grid it touches → pure rule (RuleViolation naming the rule and its source) → write
 * the facts and one audit entry in the same transaction (a letter of good news sent
 * raises its notification there too, through `Notify.raiser` when the layer is built
 * with `Notify.Settings`). A refused command writes nothing. Reads decode their
 * arguments the same way and return nothing outside the actor's scope.
 *
 * @since 0.5.0
 */
import { Effect, Layer, Schema } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import { piiRead } from "../access/Permission.js"
import { AuditLog } from "../audit/AuditLog.js"
import * as Decode from "../errors/Decode.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridCode } from "../grid/Grid.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import * as Phone from "../identifiers/Phone.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Commands from "../internal/commands.js"
import { compareStrings } from "../internal/compareStrings.js"
import { auditDetail, targetOf } from "../internal/development/commands.js"
import * as Decide from "../internal/development/decide.js"
import { writeSteps } from "../internal/development/write.js"
import { groupBy } from "../internal/groupBy.js"
import * as Notify from "../notify/Notify.js"
import { servingWithin } from "../internal/organisation/decide.js"
import { validated } from "../internal/validated.js"
import type { OrganisationId } from "../organisation/Organisation.js"
import { OrganisationStore } from "../organisation/OrganisationStore.js"
import { Transactor } from "../store/Transactor.js"
import * as IsoDate from "../time/IsoDate.js"
import { type MoveKind, moveLabels } from "./CommunityWorker.js"
import type { DevelopmentChanges } from "./DevelopmentChanges.js"
import { DevelopmentCommand } from "./DevelopmentCommand.js"
import * as DevelopmentConfigModule from "./DevelopmentConfig.js"
import { DevelopmentConfig } from "./DevelopmentConfig.js"
import * as DevelopmentPermission from "./DevelopmentPermission.js"
import {
  Development,
  type DevelopmentShape,
  type DevelopmentWriteError,
  type TrackView
} from "./DevelopmentService.js"
import { DevelopmentStore } from "./DevelopmentStore.js"
import * as PartyLadder from "./PartyLadder.js"
import * as Pathway from "./Pathway.js"
import { type Level, levelLabels } from "./Qualification.js"
import { type HonourKind, kindLabels } from "./Recognition.js"
import * as TalentChain from "./TalentChain.js"

const ReadArguments = Schema.Struct({ root: Schema.optional(GridCode), at: Schema.optional(IsoDate.IsoDate) })
const TrackArguments = Schema.Struct({ ...ReadArguments.fields, ladder: Schema.optional(Schema.String) })
const PeriodArguments = Schema.Struct({ root: Schema.optional(GridCode), from: IsoDate.IsoDate, to: IsoDate.IsoDate })

const zeros = <K extends string>(keys: ReadonlyArray<K>): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<
  DevelopmentShape,
  never,
  | Transactor
  | AuditLog
  | DevelopmentStore
  | OrganisationStore
  | GridStore
  | ImportLog
  | IdempotencyStore
  | GridConfig
  | DevelopmentConfig
> = Effect.gen(function*() {
  const store = yield* DevelopmentStore
  const organisationStore = yield* OrganisationStore
  const grids = yield* GridStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const config = yield* DevelopmentConfig
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const gridConfig = yield* GridConfig
  const policy = yield* AccessPolicy
  const ladders = DevelopmentConfigModule.ladders(config)
  const raise = yield* Notify.raiser
  const writer = Commands.makePlain<DevelopmentCommand, DevelopmentChanges, DevelopmentWriteError, IsoDate.IsoDate>(
    { policy, transactor, importLog, idempotency, audit },
    {
      name: "Development",
      schema: DevelopmentCommand,
      targetOf,
      auditDetail,
      clock: IsoDate.today,
      decisions: (today) => Decide.make(store, organisationStore, grids, config, gridConfig.scheme, today),
      writeSteps: (_actor, changes) => writeSteps(store, organisationStore, changes, raise)
    }
  )

  /** The read options resolved against the actor: subtree, day, permission. */
  const readScope = <A extends { readonly root?: string | undefined }>(actor: Actor.Actor, input: unknown, schema: Schema.Schema<A, any>) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
      const root: string = options.root ?? actor.scope
      yield* Actor.authorize(actor, DevelopmentPermission.read, "read", [root], policy)
      const at = ((options as { readonly at?: IsoDate.IsoDate }).at) ?? (yield* IsoDate.today)
      return { tenant: actor.tenant, root, at, options, under: (code: string) => code.startsWith(root) }
    })
  type Scope = Effect.Effect.Success<ReturnType<typeof readScope>>

  /** The organisations whose every grid lies in the subtree. */
  const organisationsIn = (s: Scope, ids: ReadonlyArray<string>) =>
    Effect.gen(function*() {
      const unique = Array.from(new Set(ids)) as unknown as ReadonlyArray<OrganisationId>
      const versions = unique.length === 0 ? [] : yield* organisationStore.organisations.versionsOf(s.tenant, unique)
      return servingWithin(s.tenant, unique, versions, s.under)
    })

  /** The subtree's tracks (of a ladder, if named) with their events on or before the day. */
  const tracksIn = (s: Scope, ladder?: string, ids?: ReadonlyArray<Pathway.TrackId>) =>
    Effect.gen(function*() {
      const headers = (ids === undefined ? yield* store.tracks.tracks(s.tenant) : yield* store.tracks.tracksOf(s.tenant, ids))
        .filter((h) => ladder === undefined || h.ladder === ladder)
      const inside = yield* organisationsIn(s, headers.map((h) => h.organisationId))
      const mine = headers.filter((h) => inside.has(h.organisationId))
      const events = mine.length === 0 ? [] : yield* store.tracks.eventsOf(s.tenant, mine.map((h) => h.id))
      const byTrack = groupBy(events.filter((e) => e.on <= s.at), (e) => e.trackId)
      return mine.flatMap((h) => {
        const spec = ladders.get(h.ladder)
        if (spec === undefined) return []
        const track = Pathway.replay(spec, h, byTrack.get(h.id) ?? [])
        return track.events.length === 0 ? [] : [{ ladder: spec, track }]
      })
    })

  const view = (spec: Pathway.Ladder, track: Pathway.Track, at: IsoDate.IsoDate, unmasked: boolean): TrackView => {
    const stage = spec.stages.find((st) => st.id === track.stage)
    return {
      id: track.id,
      ladder: track.ladder,
      person: track.person,
      name: track.name,
      birthDate: unmasked ? track.birthDate : null,
      organisationId: track.organisationId,
      status: track.status,
      stage: track.stage,
      stageLabel: stage === undefined ? null : stage.label,
      events: track.events.map((e) => ({
        ...e,
        label: e.kind === "step" ? (Pathway.stepOf(spec, e.step ?? "")?.label.zh ?? "") : e.kind === "extend" ? "延长预备期" : "取消"
      })),
      windows: track.windows,
      due: Pathway.due(spec, track, at),
      standingFrom: spec.id === PartyLadder.id ? PartyLadder.standingFrom(track) : null
    }
  }

  /** Views of tracks; birth dates only with `pii:read`, which is audited. */
  const views = (actor: Actor.Actor, s: Scope, found: ReadonlyArray<{ readonly ladder: Pathway.Ladder; readonly track: Pathway.Track }>) =>
    Effect.gen(function*() {
      const unmasked = Actor.can(actor, piiRead, policy)
      const shown = found.filter((f) => unmasked && f.track.birthDate !== null).map((f) => f.track.id as string)
      if (shown.length > 0) {
        yield* transactor.transaction(
          s.tenant,
          audit.append({ tenant: s.tenant, actor: actor.id, action: "ReadTrackPii", target: shown.length === 1 ? shown[0]! : s.root, detail: JSON.stringify({ at: s.at, tracks: shown }) })
        )
      }
      return found.map((f) => view(f.ladder, f.track, s.at, unmasked))
    })

  /** The subtree's workers hired by the day. */
  const workersIn = (s: Scope) => Effect.map(store.workforce.workers(s.tenant), (rows) => rows.filter((w) => s.under(w.communityCode) && w.hiredOn <= s.at))

  const service: DevelopmentShape = {
    ...writer.methods,
    track: (actor, id, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const trackId = yield* Decode.decode(Pathway.TrackId, id, { field: "id" })
        const found = yield* tracksIn(s, undefined, [trackId])
        return found.length === 0 ? null : (yield* views(actor, s, found))[0]!
      }).pipe(Effect.withSpan("Development.track")),
    tracks: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, TrackArguments)
        return yield* views(actor, s, yield* tracksIn(s, s.options.ladder))
      }).pipe(Effect.withSpan("Development.tracks")),
    due: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, TrackArguments)
        return (yield* tracksIn(s, s.options.ladder))
          .flatMap((f) => Pathway.due(f.ladder, f.track, s.at))
          .sort((a, b) => compareStrings(a.dueOn, b.dueOn) || compareStrings(a.trackId, b.trackId))
      }).pipe(Effect.withSpan("Development.due")),
    pipeline: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, TrackArguments)
        const id = s.options.ladder ?? PartyLadder.id
        const spec = ladders.get(id)
        if (spec === undefined) return yield* Decode.decode(Schema.Literal(...ladders.keys()), id, { field: "options.ladder" }).pipe(Effect.as(null as never))
        const found = yield* tracksIn(s, id)
        const counts = new Map<string, number>()
        for (const f of found) if (f.track.status === "active" && f.track.stage !== null) counts.set(f.track.stage, (counts.get(f.track.stage) ?? 0) + 1)
        return {
          ladder: id,
          at: s.at,
          stages: spec.stages.map((st) => ({ stage: st.id, zh: st.label.zh, en: st.label.en, count: counts.get(st.id) ?? 0 })),
          completed: found.filter((f) => f.track.status === "completed").length,
          cancelled: found.filter((f) => f.track.status === "cancelled").length
        }
      }).pipe(Effect.withSpan("Development.pipeline")),
    developed: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, PeriodArguments)
        const { from, to } = s.options
        const found = yield* tracksIn({ ...s, at: to }, PartyLadder.id)
        const ids = found
          .filter((f) => {
            const day = f.track.recorded.get(PartyLadder.steps.approval)
            return day !== undefined && day >= from && day < to
          })
          .map((f) => f.track.id)
        return { from, to, count: ids.length, tracks: ids }
      }).pipe(Effect.withSpan("Development.developed")),
    talent: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const spec = ladders.get(TalentChain.id)
        const chain = spec === undefined ? [] : (yield* tracksIn(s, TalentChain.id)).filter((f) => f.track.status !== "cancelled")
        const managers = chain.filter((f) => f.track.recorded.has(TalentChain.steps.manager))
        const people = managers.map((f) => f.track.person as string)
        // A membership, or a party track approved by the day and not cancelled, in the subtree's
        // organisations: a member elsewhere is not told of (counts as not a member).
        const memberships = (yield* organisationStore.members.membershipsAt(s.tenant, s.at)).filter((m) => people.includes(m.memberId))
        const party = people.length === 0 ? [] : yield* store.tracks.tracksFor(s.tenant, people as unknown as ReadonlyArray<Pathway.PersonId>)
        const inside = yield* organisationsIn(s, [...memberships.map((m) => m.organisationId), ...party.map((t) => t.organisationId)])
        const members = new Set<string>(memberships.filter((m) => inside.has(m.organisationId)).map((m) => m.memberId))
        const partyTracks = party.filter((t) => t.ladder === PartyLadder.id && inside.has(t.organisationId))
        const events = partyTracks.length === 0 ? [] : yield* store.tracks.eventsOf(s.tenant, partyTracks.map((t) => t.id))
        const byTrack = groupBy(events.filter((e) => e.on <= s.at), (e) => e.trackId)
        for (const t of partyTracks) {
          const mine = byTrack.get(t.id) ?? []
          if (mine.some((e) => e.step === PartyLadder.steps.approval) && !mine.some((e) => e.kind === "cancel")) members.add(t.person)
        }
        const memberManagers = managers.filter((f) => members.has(f.track.person)).length
        const counts = new Map<string, number>()
        for (const f of chain) if (f.track.stage !== null) counts.set(f.track.stage, (counts.get(f.track.stage) ?? 0) + 1)
        return {
          at: s.at,
          stages: (spec?.stages ?? []).map((st) => ({ stage: st.id, zh: st.label.zh, en: st.label.en, count: counts.get(st.id) ?? 0 })),
          managers: managers.length,
          memberManagers,
          share: managers.length === 0 ? null : memberManagers / managers.length
        }
      }).pipe(Effect.withSpan("Development.talent")),
    workforce: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const all = yield* store.workforce.workers(s.tenant)
        const workers = all.filter((w) => s.under(w.communityCode) && w.hiredOn <= s.at)
        const ids = new Set<string>(workers.map((w) => w.id))
        const plans = (yield* store.workforce.plans(s.tenant)).filter((p) => s.under(p.gridCode)).map((p) => ({
          ...p,
          hired: all.filter((w) => w.communityCode.startsWith(p.gridCode) && w.hiredOn.startsWith(String(p.year)) && w.hiredOn <= s.at).length
        }))
        const sessions = new Map((yield* store.workforce.sessions(s.tenant)).filter((x) => x.to <= s.at).map((x) => [x.id as string, x]))
        const attended = (yield* store.workforce.attendance(s.tenant)).filter((a) => ids.has(a.workerId) && sessions.has(a.sessionId))
        const sessionIds = new Set<string>([
          ...attended.map((a) => a.sessionId as string),
          ...Array.from(sessions.values()).filter((x) => s.under(x.gridCode)).map((x) => x.id as string)
        ])
        const qualifications = zeros(Object.keys(levelLabels) as ReadonlyArray<Level>)
        for (const h of yield* store.workforce.holdings(s.tenant)) if (ids.has(h.workerId) && h.obtainedOn <= s.at) qualifications[h.level]++
        const moves = zeros(Object.keys(moveLabels) as ReadonlyArray<MoveKind>)
        for (const m of yield* store.workforce.moves(s.tenant)) if (ids.has(m.workerId) && m.on <= s.at) moves[m.kind]++
        return {
          at: s.at,
          workers: workers.length,
          plans: plans.map((p) => ({ gridCode: p.gridCode, year: p.year, planned: p.planned, hired: p.hired })),
          training: {
            sessions: sessionIds.size,
            personTimes: attended.length,
            classHours: attended.reduce((sum, a) => sum + sessions.get(a.sessionId)!.hours, 0)
          },
          qualifications,
          moves
        }
      }).pipe(Effect.withSpan("Development.workforce")),
    workers: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const workers = yield* workersIn(s)
        const held = groupBy(workers.length === 0 ? [] : yield* store.workforce.holdingsOf(s.tenant, workers.map((w) => w.id)), (h) => h.workerId)
        const moved = groupBy(workers.length === 0 ? [] : yield* store.workforce.movesFor(s.tenant, workers.map((w) => w.id)), (m) => m.workerId)
        const unmasked = Actor.can(actor, piiRead, policy)
        const shown = workers.filter((w) => unmasked && w.phone !== null).map((w) => w.id as string)
        if (shown.length > 0) {
          yield* transactor.transaction(
            s.tenant,
            audit.append({ tenant: s.tenant, actor: actor.id, action: "ReadWorkerPii", target: s.root, detail: JSON.stringify({ at: s.at, workers: shown }) })
          )
        }
        return workers.map((w) => ({
          ...w,
          phone: w.phone === null || unmasked ? w.phone : Phone.maskStored(w.phone),
          qualifications: (held.get(w.id) ?? []).filter((h) => h.obtainedOn <= s.at).map((h) => h.level),
          moves: (moved.get(w.id) ?? []).filter((m) => m.on <= s.at).map((m) => m.kind)
        }))
      }).pipe(Effect.withSpan("Development.workers")),
    honours: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, PeriodArguments)
        const { from, to } = s.options
        const all = (yield* store.recognition.honours(s.tenant)).filter((h) => h.awardedOn >= from && h.awardedOn < to)
        const inside = yield* organisationsIn(s, all.map((h) => h.organisationId))
        const honours = all.filter((h) => inside.has(h.organisationId))
        const ids = new Set<string>(honours.map((h) => h.id))
        const letters = (yield* store.recognition.letters(s.tenant)).filter((l) => ids.has(l.honourId))
        const byKind = zeros(Object.keys(kindLabels) as ReadonlyArray<HonourKind>)
        const sites = { district: 0, city: 0 }
        const stars = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
        for (const h of honours) {
          byKind[h.kind]++
          if (h.level !== null) sites[h.level]++
          if (h.stars !== null) stars[h.stars as 1 | 2 | 3 | 4 | 5]++
        }
        return {
          from,
          to,
          honours,
          byKind,
          sites,
          stars,
          letters: { pending: letters.filter((l) => l.status === "pending").length, sent: letters.filter((l) => l.status === "sent").length }
        }
      }).pipe(Effect.withSpan("Development.honours")),
    letters: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ReadArguments)
        const honours = (yield* store.recognition.honours(s.tenant)).filter((h) => h.awardedOn <= s.at)
        const inside = yield* organisationsIn(s, honours.map((h) => h.organisationId))
        const ids = new Set<string>(honours.filter((h) => inside.has(h.organisationId)).map((h) => h.id))
        return (yield* store.recognition.letters(s.tenant))
          .filter((l) => ids.has(l.honourId))
          .sort((a, b) => (a.status === b.status ? compareStrings(a.honourId, b.honourId) : a.status === "pending" ? -1 : 1))
      }).pipe(Effect.withSpan("Development.letters"))
  }
  return validated(service, policy, gridConfig.scheme)
})

/**
 * The live service over the development, organisation and grid ports, the development
 * policy and the grid policy, and the access policy when one is provided (the default
 * roles otherwise).
 *
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<
  Development,
  never,
  | Transactor
  | AuditLog
  | DevelopmentStore
  | OrganisationStore
  | GridStore
  | ImportLog
  | IdempotencyStore
  | GridConfig
  | DevelopmentConfig
> = Layer.effect(Development, make)

export {
  /**
   * The service tag.
   *
   * @since 0.5.0
   * @category tags
   */
  Development,
  /** @since 0.5.0 */
  type DevelopmentShape
} from "./DevelopmentService.js"
