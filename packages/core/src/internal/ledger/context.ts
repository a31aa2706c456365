/**
 * What a batch of ledger commands reads before it decides, in a few queries whatever
 * its length: the chain head; the records its keys were used for; the volunteers,
 * activities, grids, teams and posts it names; the entries it corrects and their
 * reversals; the standing sessions of its volunteers over the batch's span; and, for
 * points and certificates, their volunteers' entries, movements and consents. The
 * decisions then answer from memory (`decide.ts`), and keep it current as they go.
 *
 * @internal
 */
import { Effect } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import type { CoConstructionStoreShape } from "../../coconstruction/CoConstructionStore.js"
import type { StoreError } from "../../errors/StoreError.js"
import type { Grid } from "../../grid/Grid.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import type { IdempotencyKey } from "../../idempotency/Idempotency.js"
import type { Certificate } from "../../ledger/Certificate.js"
import * as HashChain from "../../ledger/HashChain.js"
import type { LedgerCommand, Session } from "../../ledger/LedgerCommand.js"
import type { LedgerEntry } from "../../ledger/LedgerEntry.js"
import * as LedgerRules from "../../ledger/LedgerRules.js"
import type { LedgerStoreShape } from "../../ledger/LedgerStore.js"
import type { Consent, LedgerVolunteer, VolunteerId } from "../../ledger/LedgerVolunteer.js"
import type { PointMovement } from "../../ledger/PointMovement.js"
import type { ServiceActivity } from "../../ledger/ServiceActivity.js"
import type { LocalMinute } from "../../time/LocalMinute.js"
import { groupBy } from "../groupBy.js"

/** @internal */
export interface Context {
  head: HashChain.Head
  readonly volunteers: Map<string, LedgerVolunteer>
  /** The volunteer each ID number the batch registers is registered to. */
  readonly citizens: Map<string, string>
  readonly activities: Map<string, ServiceActivity>
  readonly consents: Map<string, Array<Consent>>
  readonly grids: Map<string, ReadonlyArray<Grid>>
  readonly teams: Set<string>
  readonly posts: Set<string>
  /** Entries by the key that wrote them (stored, then this batch's). */
  readonly entriesByKey: Map<string, Array<LedgerEntry>>
  readonly movementsByKey: Map<string, Array<PointMovement>>
  readonly certificatesByKey: Map<string, Certificate>
  /** Entries the batch corrects, as read (the entries it appends are in its writes, in seq order). */
  readonly bySeq: Map<number, LedgerEntry>
  readonly reversed: Set<number>
  /** Standing sessions of the batch's volunteers. */
  readonly sessions: Map<string, LedgerRules.Sessions>
  /** Every entry and movement of the volunteers whose points or certificates the batch touches. */
  readonly history: Map<string, Array<LedgerEntry>>
  readonly movements: Map<string, Array<PointMovement>>
}

const sessionsOf = (c: LedgerCommand): ReadonlyArray<Session> =>
  c._tag === "RecordService" ? [c] : c._tag === "CorrectEntry" && c.replacement !== null ? [c.replacement] : []

/** @internal */
export const load = (
  store: LedgerStoreShape,
  gridStore: GridStoreShape,
  coStore: CoConstructionStoreShape,
  tenant: Tenant,
  commands: ReadonlyArray<LedgerCommand>
): Effect.Effect<Context, StoreError> =>
  Effect.gen(function*() {
    const keys = new Set<IdempotencyKey>()
    const volunteerIds = new Set<VolunteerId>()
    const citizenIds = new Set<string>()
    const activityIds = new Set<string>()
    const codes = new Set<string>()
    const teamIds = new Set<string>()
    const postIds = new Set<string>()
    const corrected = new Set<number>()
    const historyOf = new Set<VolunteerId>()
    const consentOf = new Set<VolunteerId>()
    for (const c of commands) {
      if ("key" in c) keys.add(c.key)
      switch (c._tag) {
        case "RegisterVolunteer":
          volunteerIds.add(c.id)
          codes.add(c.gridCode)
          if (c.citizenId !== null) citizenIds.add(c.citizenId)
          break
        case "RegisterActivity":
          activityIds.add(c.id)
          codes.add(c.gridCode)
          if (c.teamId !== null) teamIds.add(c.teamId)
          break
        case "RecordConsent":
          volunteerIds.add(c.volunteerId)
          consentOf.add(c.volunteerId)
          break
        case "CorrectEntry":
          corrected.add(c.seq)
          break
        case "RedeemPoints":
        case "ExpirePoints":
          volunteerIds.add(c.volunteerId)
          historyOf.add(c.volunteerId)
          break
        case "IssueCertificate":
          volunteerIds.add(c.volunteerId)
          historyOf.add(c.volunteerId)
          consentOf.add(c.volunteerId)
          break
        case "RecordService":
          break
      }
      for (const s of sessionsOf(c)) {
        volunteerIds.add(s.volunteerId)
        activityIds.add(s.activityId)
        if (s.gridCode !== null) codes.add(s.gridCode)
        if (s.teamId !== null) teamIds.add(s.teamId)
        if (s.postId !== null) postIds.add(s.postId)
      }
    }
    const keyList = Array.from(keys)
    const seqs = Array.from(corrected)
    const [head, keyed, movementsKeyed, certificatesKeyed, originals, reversals] = yield* Effect.all([
      store.entries.head(tenant),
      keyList.length === 0 ? Effect.succeed([]) : store.entries.byKeys(tenant, keyList),
      keyList.length === 0 ? Effect.succeed([]) : store.points.movementsByKeys(tenant, keyList),
      keyList.length === 0 ? Effect.succeed([]) : store.certificates.certificatesByKeys(tenant, keyList),
      seqs.length === 0 ? Effect.succeed([]) : store.entries.bySeqs(tenant, seqs),
      seqs.length === 0 ? Effect.succeed([]) : store.entries.reversalsOf(tenant, seqs)
    ])
    // The span of the batch's sessions, and of the sessions its corrections take back.
    let from: string | undefined
    let to: string | undefined
    const sessionVolunteers = new Set<VolunteerId>()
    const span = (v: VolunteerId, start: string, end: string) => {
      sessionVolunteers.add(v)
      if (from === undefined || start < from) from = start
      if (to === undefined || end > to) to = end
    }
    for (const c of commands) for (const s of sessionsOf(c)) span(s.volunteerId, s.startsAt, s.endsAt)
    for (const e of originals) span(e.volunteerId, e.startsAt, e.endsAt)
    const volunteerList = Array.from(volunteerIds)
    const activityList = Array.from(activityIds)
    const codeList = Array.from(codes)
    const teamList = Array.from(teamIds)
    const postList = Array.from(postIds)
    const historyList = Array.from(historyOf)
    const consentList = Array.from(consentOf)
    const [volunteers, activities, grids, teams, posts, standing, history, movements, consents, citizens] = yield* Effect.all([
      volunteerList.length === 0 ? Effect.succeed([]) : store.registry.volunteersOf(tenant, volunteerList),
      activityList.length === 0 ? Effect.succeed([]) : store.registry.activitiesOf(tenant, activityList as never),
      codeList.length === 0 ? Effect.succeed([]) : gridStore.grids.versionsOf(tenant, codeList),
      teamList.length === 0 ? Effect.succeed([]) : coStore.volunteers.teamsOf(tenant, teamList as never),
      postList.length === 0 ? Effect.succeed([]) : coStore.volunteers.postsOf(tenant, postList as never),
      from === undefined || to === undefined
        ? Effect.succeed([])
        : store.entries.sessions(tenant, Array.from(sessionVolunteers), from as LocalMinute, to as LocalMinute),
      historyList.length === 0 ? Effect.succeed([]) : store.entries.ofVolunteers(tenant, historyList, null, null),
      historyList.length === 0 ? Effect.succeed([]) : store.points.movementsOf(tenant, historyList),
      consentList.length === 0 ? Effect.succeed([]) : store.registry.consentsOf(tenant, consentList),
      citizenIds.size === 0 ? Effect.succeed([]) : store.registry.volunteersWithCitizenIds(tenant, Array.from(citizenIds))
    ])
    // The grids of the activities read, for sessions that take their activity's grid.
    const activityCodes = Array.from(new Set(activities.map((a) => a.gridCode as string))).filter((c) => !codes.has(c))
    const activityGrids = activityCodes.length === 0 ? [] : yield* gridStore.grids.versionsOf(tenant, activityCodes)
    const sessions = new Map<string, LedgerRules.Sessions>()
    for (const v of sessionVolunteers) sessions.set(v, LedgerRules.sessions())
    for (const e of standing) sessions.get(e.volunteerId)?.add(e.startsAt, e.endsAt, e.seq)
    const historyMap = new Map<string, Array<LedgerEntry>>()
    for (const v of historyOf) historyMap.set(v, [])
    for (const e of history) historyMap.get(e.volunteerId)?.push(e)
    const movementMap = new Map<string, Array<PointMovement>>()
    for (const v of historyOf) movementMap.set(v, [])
    for (const m of movements) movementMap.get(m.volunteerId)?.push(m)
    const consentMap = new Map<string, Array<Consent>>()
    for (const v of consentOf) consentMap.set(v, [])
    for (const r of consents) consentMap.get(r.volunteerId)?.push(r)
    return {
      head: head ?? HashChain.genesis(tenant),
      volunteers: new Map(volunteers.map((v) => [v.id, v])),
      citizens: new Map(citizens.map((v) => [v.citizenId as string, v.id])),
      activities: new Map(activities.map((a) => [a.id, a])),
      consents: consentMap,
      grids: groupBy([...grids, ...activityGrids], (g) => g.code),
      teams: new Set(teams.map((t) => t.id)),
      posts: new Set(posts.map((p) => p.id)),
      entriesByKey: groupBy(keyed, (e) => e.key) as Map<string, Array<LedgerEntry>>,
      movementsByKey: groupBy(movementsKeyed, (m) => m.key) as Map<string, Array<PointMovement>>,
      certificatesByKey: new Map(certificatesKeyed.map((c) => [c.key, c])),
      bySeq: new Map(originals.map((e) => [e.seq, e])),
      reversed: new Set(reversals.map((r) => r.reverses!)),
      sessions,
      history: historyMap,
      movements: movementMap
    }
  })
