/**
 * The ledger's decisions over a batch's context (`context.ts`), one command after the
 * other, each seeing what the ones before it did: a replay returns the first result, a
 * conflict or a rule's refusal fails the batch, anything else is appended to the
 * batch's writes (and to the context) with its place in the hash chain.
 *
 * @internal
 */
import { Either } from "effect"
import * as Actor from "../../access/Actor.js"
import { Forbidden } from "../../errors/Forbidden.js"
import * as IdempotencyConflict from "../../errors/IdempotencyConflict.js"
import type { RuleViolation } from "../../errors/RuleViolation.js"
import { fingerprint } from "../../idempotency/Idempotency.js"
import * as Certificate from "../../ledger/Certificate.js"
import * as HashChain from "../../ledger/HashChain.js"
import type { LedgerChanges } from "../../ledger/LedgerChanges.js"
import type * as Cmd from "../../ledger/LedgerCommand.js"
import type { LedgerConfigShape } from "../../ledger/LedgerConfig.js"
import type { LedgerEntry } from "../../ledger/LedgerEntry.js"
import * as LedgerRules from "../../ledger/LedgerRules.js"
import { consentedOn, type Consent, type LedgerVolunteer } from "../../ledger/LedgerVolunteer.js"
import type { PointMovement } from "../../ledger/PointMovement.js"
import * as Points from "../../ledger/Points.js"
import type { ServiceActivity } from "../../ledger/ServiceActivity.js"
import type * as WorkingCalendar from "../../ledger/WorkingCalendar.js"
import { canonical } from "../../idempotency/Idempotency.js"
import { type IsoDate, within } from "../../time/IsoDate.js"
import { dayOf, type LocalMinute } from "../../time/LocalMinute.js"
import type { Context } from "./context.js"
import * as Fingerprints from "./fingerprints.js"

/** @internal */
export type DecideError = RuleViolation | IdempotencyConflict.IdempotencyConflict | Forbidden

/** What a batch writes. */
export interface Writes {
  readonly volunteers: Array<LedgerVolunteer>
  readonly consents: Array<Consent>
  readonly activities: Array<ServiceActivity>
  readonly entries: Array<LedgerEntry>
  readonly movements: Array<PointMovement>
  readonly certificates: Array<Certificate.Certificate>
}

/** @internal */
export const emptyWrites = (): Writes => ({
  volunteers: [],
  consents: [],
  activities: [],
  entries: [],
  movements: [],
  certificates: []
})

/** @internal */
export interface Environment {
  readonly actor: Actor.Actor
  readonly policy: LedgerConfigShape
  readonly calendar: WorkingCalendar.Calendar
  readonly now: LocalMinute
  readonly today: IsoDate
}

type Result = Either.Either<LedgerChanges, DecideError>

const outside = (actor: Actor.Actor, action: string, target: string): Forbidden =>
  new Forbidden({ actor: actor.id, action, target, reason: "scope", message: `${target} lies outside ${actor.id}'s scope ${actor.scope}` })

/** @internal */
export const make = (env: Environment, ctx: Context, writes: Writes) => {
  const { actor, calendar, now, policy, today } = env
  const pointsPerHour = new Map(policy.categories.map((c) => [c.key, c.pointsPerHour]))
  const programmes = new Set(policy.programmes.map((p) => p.key))

  // Sessions of a batch end on few days: each day's deadline is worked out once.
  const lateAfter = new Map<string, boolean>()
  const late = (endsAt: LocalMinute): boolean => {
    const day = endsAt.slice(0, 10)
    let answer = lateAfter.get(day)
    if (answer === undefined) {
      answer = LedgerRules.isLate(calendar, endsAt, today, policy.recordingDeadlineDays)
      lateAfter.set(day, answer)
    }
    return answer
  }

  const gridOn = (code: string, day: IsoDate): boolean =>
    (ctx.grids.get(code) ?? []).some((g) => within(day, g.validFrom, g.validTo))

  /** The grid a volunteer is registered in, or undefined. */
  const gridOfVolunteer = (id: string): string | undefined => ctx.volunteers.get(id)?.gridCode

  /**
   * The first write of a key, if it was used: its fingerprint, its result, who wrote it,
   * and the grids its result lies in (the entries', or the volunteer's).
   */
  const firstOf = (key: string):
    | {
      readonly fingerprint: string
      readonly changes: LedgerChanges
      readonly writer: string
      readonly codes: ReadonlyArray<string | undefined>
    }
    | undefined =>
  {
    const entries = ctx.entriesByKey.get(key)
    if (entries !== undefined) {
      return {
        fingerprint: entries[0]!.fingerprint,
        changes: { _tag: "Appended", entries, replayed: true },
        writer: entries[0]!.recorder,
        codes: entries.map((e) => e.gridCode)
      }
    }
    const movements = ctx.movementsByKey.get(key)
    if (movements !== undefined) {
      return {
        fingerprint: movements[0]!.fingerprint,
        changes: { _tag: "PointsMoved", movements: movements.filter((m) => m.points !== 0), replayed: true },
        writer: movements[0]!.recorder,
        codes: movements.map((m) => gridOfVolunteer(m.volunteerId))
      }
    }
    const certificate = ctx.certificatesByKey.get(key)
    if (certificate !== undefined) {
      return {
        fingerprint: certificate.fingerprint,
        changes: { _tag: "CertificateIssued", certificate, replayed: true },
        writer: certificate.issuedBy,
        codes: [gridOfVolunteer(certificate.volunteerId)]
      }
    }
    return undefined
  }

  /**
   * Runs a keyed write unless its key was used: then its first result, or a conflict.
   * `print` is the command's fingerprint (`fingerprint` unless a quicker one of the
   * same value is known).
   */
  const keyed = <C extends { readonly key: string }>(
    command: C,
    fresh: (fp: string) => Result,
    print: (command: C) => string = fingerprint
  ): Result => {
    const fp = print(command)
    const first = firstOf(command.key)
    if (first === undefined) return fresh(fp)
    // A key is its first writer's: another actor's write under it is a conflict, and a
    // replay shows the first result only while what it touches is in the actor's scope.
    if (first.fingerprint !== fp || first.writer !== actor.id) return Either.left(IdempotencyConflict.make(command.key))
    return first.codes.every((code) => code !== undefined && Actor.covers(actor, code))
      ? Either.right(first.changes)
      : Either.left(outside(actor, "replay", `key:${command.key}`))
  }

  /** The head's seq when the batch began: entries after it are the batch's, in `writes.entries`. */
  const base = ctx.head.seq

  /** An entry by seq: one the batch read (`ctx.bySeq`) or one it appended. */
  const entryAt = (seq: number): LedgerEntry | undefined =>
    ctx.bySeq.get(seq) ?? (seq > base && seq <= ctx.head.seq ? writes.entries[seq - base - 1] : undefined)

  /**
   * Appends an entry: gives it the next seq and its link in the chain. It takes the
   * object it is given (a fresh one, of every field but those two) and adds both to it,
   * rather than copying its thirty-odd fields twice.
   */
  const append = (entry: Omit<LedgerEntry, "seq" | "hash">): LedgerEntry => {
    const full = entry as { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] }
    const seq = ctx.head.seq + 1
    full.seq = seq
    const hash = HashChain.link(ctx.head.hash, full)
    full.hash = hash
    ctx.head = { seq, hash }
    writes.entries.push(full)
    const list = ctx.entriesByKey.get(full.key)
    if (list === undefined) ctx.entriesByKey.set(full.key, [full])
    else list.push(full)
    ctx.history.get(full.volunteerId)?.push(full)
    return full
  }

  /** A session's entry, checked against the rules and the volunteer's other sessions. */
  const session = (
    s: Cmd.Session,
    link: { readonly key: string; readonly part: 0 | 1; readonly fingerprint: string },
    correction: { readonly replaces: number; readonly reason: string; readonly requester: string; readonly late: boolean } | null,
    field: string
  ): Either.Either<LedgerEntry, DecideError> => {
    const volunteer = ctx.volunteers.get(s.volunteerId)
    if (volunteer === undefined) return Either.left(LedgerRules.missing("volunteer", `${field}volunteerId`, s.volunteerId))
    const activity = ctx.activities.get(s.activityId)
    if (activity === undefined) return Either.left(LedgerRules.missing("activity", `${field}activityId`, s.activityId))
    if (s.teamId !== null && !ctx.teams.has(s.teamId)) return Either.left(LedgerRules.missing("team", `${field}teamId`, s.teamId))
    if (s.postId !== null && !ctx.posts.has(s.postId)) return Either.left(LedgerRules.missing("post", `${field}postId`, s.postId))
    const gridCode = s.gridCode ?? activity.gridCode
    // The activity (whose organiser the entry names) and the session's grid, both in scope.
    if (!Actor.covers(actor, activity.gridCode) || !Actor.covers(actor, gridCode)) {
      return Either.left(outside(actor, "RecordService", `activity:${activity.id}`))
    }
    // The session's grid — its own, or its activity's — is one on the session's day.
    if (!gridOn(gridCode, dayOf(s.startsAt))) {
      return Either.left(LedgerRules.missing("grid", `${field}${s.gridCode === null ? "activityId" : "gridCode"}`, `${gridCode} on ${dayOf(s.startsAt)}`))
    }
    const minutes = LedgerRules.sessionMinutes(policy.maxSessionMinutes, now, s, field)
    if (Either.isLeft(minutes)) return Either.left(minutes.left)
    const mine = ctx.sessions.get(s.volunteerId)!
    const clash = mine.overlapping(s.startsAt, s.endsAt)
    if (clash !== undefined) return Either.left(LedgerRules.overlap(clash, field))
    const entry = append({
      tenant: actor.tenant,
      key: link.key as LedgerEntry["key"],
      part: link.part,
      fingerprint: link.fingerprint,
      kind: "service",
      volunteerId: s.volunteerId,
      activityId: s.activityId,
      teamId: s.teamId ?? activity.teamId,
      postId: s.postId,
      servicePoint: s.servicePoint ?? activity.servicePoint,
      gridCode,
      category: activity.category,
      programme: activity.programme,
      unitCreditCode: volunteer.unitCreditCode,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      minutes: minutes.right,
      content: s.content,
      residentsServed: s.residentsServed,
      mattersDone: s.mattersDone,
      points: Points.earned(minutes.right, pointsPerHour.get(activity.category) ?? 0),
      organiser: activity.organiser,
      personInCharge: activity.personInCharge,
      recorder: actor.id,
      recordedOn: today,
      // A replacement stands for a session recorded when the original was.
      late: correction === null ? late(s.endsAt) : correction.late,
      reverses: null,
      replaces: correction?.replaces ?? null,
      reason: (correction?.reason ?? null) as LedgerEntry["reason"],
      requester: (correction?.requester ?? null) as LedgerEntry["requester"]
    })
    mine.add(entry.startsAt, entry.endsAt, entry.seq)
    return Either.right(entry)
  }

  const recordService = (c: Cmd.RecordService): Result =>
    keyed(c, (fp) => {
      const entry = session(c, { key: c.key, part: 0, fingerprint: fp }, null, "")
      return Either.isLeft(entry) ? Either.left(entry.left) : Either.right({ _tag: "Appended", entries: [entry.right], replayed: false })
    }, Fingerprints.recordService)

  const correctEntry = (c: Cmd.CorrectEntry): Result =>
    keyed(c, (fp) => {
      const original = LedgerRules.correctable(c.seq, entryAt(c.seq), ctx.reversed.has(c.seq))
      if (Either.isLeft(original)) return Either.left(original.left)
      const o = original.right
      if (!Actor.covers(actor, o.gridCode)) return Either.left(outside(actor, "CorrectEntry", `entry:${c.seq}`))
      if (c.replacement !== null && c.replacement.volunteerId !== o.volunteerId) {
        return Either.left(LedgerRules.sameVolunteer(o.seq, o.volunteerId))
      }
      const { hash: _h, seq: _s, ...fields } = o
      const reversal = append({
        ...fields,
        key: c.key,
        part: 0,
        fingerprint: fp,
        kind: "reversal",
        // 0 − x, not −x: a zero stays 0 (−0 would not survive a store's round trip).
        minutes: 0 - o.minutes,
        residentsServed: 0 - o.residentsServed,
        mattersDone: 0 - o.mattersDone,
        points: 0 - o.points,
        recorder: actor.id as LedgerEntry["recorder"],
        recordedOn: today,
        late: false,
        reverses: o.seq,
        replaces: null,
        reason: c.reason,
        requester: c.requester
      })
      ctx.reversed.add(o.seq)
      ctx.sessions.get(o.volunteerId)?.remove(o.seq)
      if (c.replacement === null) return Either.right({ _tag: "Appended", entries: [reversal], replayed: false })
      return Either.map(
        session(c.replacement, { key: c.key, part: 1, fingerprint: fp }, { replaces: o.seq, reason: c.reason, requester: c.requester, late: o.late }, "replacement."),
        (replacement) => ({ _tag: "Appended" as const, entries: [reversal, replacement], replayed: false })
      )
    })

  /** A volunteer the command names, in the actor's scope. */
  const volunteerFor = (id: string, action: string): Either.Either<LedgerVolunteer, DecideError> => {
    const v = ctx.volunteers.get(id)
    if (v === undefined) return Either.left(LedgerRules.missing("volunteer", "volunteerId", id))
    return Actor.covers(actor, v.gridCode) ? Either.right(v) : Either.left(outside(actor, action, `volunteer:${id}`))
  }

  const pointsOn = (volunteerId: string, day: IsoDate) =>
    Points.state(ctx.history.get(volunteerId) ?? [], ctx.movements.get(volunteerId) ?? [], day, policy.pointsValidForDays)

  const move = (c: { readonly key: string }, fp: string, m: Omit<PointMovement, "tenant" | "key" | "fingerprint" | "recorder">): PointMovement => {
    const movement = { ...m, tenant: actor.tenant, key: c.key, fingerprint: fp, recorder: actor.id } as PointMovement
    writes.movements.push(movement)
    ctx.movements.get(movement.volunteerId)?.push(movement)
    ctx.movementsByKey.set(c.key, [movement])
    return movement
  }

  const redeemPoints = (c: Cmd.RedeemPoints): Result =>
    keyed(c, (fp) => {
      const v = volunteerFor(c.volunteerId, c._tag)
      if (Either.isLeft(v)) return Either.left(v.left)
      const on = LedgerRules.notAfter(c.on, today, "on")
      if (Either.isLeft(on)) return Either.left(on.left)
      const inOrder = LedgerRules.movementOrder(c.on, ctx.movements.get(c.volunteerId) ?? [], "on")
      if (Either.isLeft(inOrder)) return Either.left(inOrder.left)
      // Within what is available on the day, and today (later spending may rest on it).
      const available = Math.min(pointsOn(c.volunteerId, c.on).available, pointsOn(c.volunteerId, today).available)
      const ok = LedgerRules.redeemable(c.points, available)
      if (Either.isLeft(ok)) return Either.left(ok.left)
      const movement = move(c, fp, { volunteerId: c.volunteerId, kind: "redeem", points: -c.points, on: c.on, reason: c.reason })
      return Either.right({ _tag: "PointsMoved", movements: [movement], replayed: false })
    })

  const expirePoints = (c: Cmd.ExpirePoints): Result =>
    keyed(c, (fp) => {
      const v = volunteerFor(c.volunteerId, c._tag)
      if (Either.isLeft(v)) return Either.left(v.left)
      const on = LedgerRules.notAfter(c.asOf, today, "asOf")
      if (Either.isLeft(on)) return Either.left(on.left)
      const inOrder = LedgerRules.movementOrder(c.asOf, ctx.movements.get(c.volunteerId) ?? [], "asOf")
      if (Either.isLeft(inOrder)) return Either.left(inOrder.left)
      const expired = pointsOn(c.volunteerId, c.asOf).expired
      // Nothing expired: a movement of no points keeps the key, so a retry is a replay.
      const movement = move(c, fp, {
        volunteerId: c.volunteerId,
        kind: "expire",
        points: 0 - expired,
        on: c.asOf,
        reason: `expired by ${c.asOf}` as PointMovement["reason"]
      })
      return Either.right({ _tag: "PointsMoved", movements: expired === 0 ? [] : [movement], replayed: false })
    })

  const issueCertificate = (c: Cmd.IssueCertificate): Result =>
    keyed(c, (fp) => {
      const v = volunteerFor(c.volunteerId, c._tag)
      if (Either.isLeft(v)) return Either.left(v.left)
      const period = LedgerRules.period(c.from, c.to, today)
      if (Either.isLeft(period)) return Either.left(period.left)
      const disclose = LedgerRules.disclosure(c.disclose, consentedOn(ctx.consents.get(c.volunteerId) ?? [], today))
      if (Either.isLeft(disclose)) return Either.left(disclose.left)
      const statement = Certificate.statement(ctx.history.get(c.volunteerId) ?? [], c.from, c.to, ctx.head.seq)
      const body = {
        tenant: actor.tenant,
        volunteerId: c.volunteerId,
        from: c.from,
        to: c.to,
        ...statement,
        issuer: policy.issuer,
        asOfSeq: ctx.head.seq,
        chainHash: ctx.head.hash,
        issuedOn: today,
        issuedBy: actor.id as Certificate.Certificate["issuedBy"],
        disclose: c.disclose,
        holder: Certificate.holderOf(v.right),
        key: c.key
      }
      const certificate: Certificate.Certificate = { ...body, code: Certificate.codeOf(body), fingerprint: fp }
      writes.certificates.push(certificate)
      ctx.certificatesByKey.set(c.key, certificate)
      return Either.right({ _tag: "CertificateIssued", certificate, replayed: false })
    })

  /** A registration: the same record again is a replay; another with the id, a refusal. */
  const registered = <A>(existing: A | undefined, record: A, what: string, id: string): Either.Either<boolean, DecideError> =>
    existing === undefined
      ? Either.right(false)
      : canonical(existing) === canonical(record)
      ? Either.right(true)
      : Either.left(LedgerRules.taken(what, id))

  const registerVolunteer = (c: Cmd.RegisterVolunteer): Result => {
    const { _tag, ...fields } = c
    const record: LedgerVolunteer = { tenant: actor.tenant, ...fields }
    const known = registered(ctx.volunteers.get(c.id), record, "volunteer", c.id)
    if (Either.isLeft(known)) return Either.left(known.left)
    if (known.right) return Either.right({ _tag: "VolunteerRegistered", volunteer: ctx.volunteers.get(c.id)!, replayed: true })
    const day = LedgerRules.notAfter(c.registeredOn, today, "registeredOn")
    if (Either.isLeft(day)) return Either.left(day.left)
    if (!gridOn(c.gridCode, c.registeredOn)) return Either.left(LedgerRules.missing("grid", "gridCode", `${c.gridCode} on ${c.registeredOn}`))
    const unknown = c.categories.find((k) => !pointsPerHour.has(k))
    if (unknown !== undefined) return Either.left(LedgerRules.unknownKey("category", "categories", unknown))
    if (c.citizenId !== null) {
      const holder = ctx.citizens.get(c.citizenId)
      if (holder !== undefined && holder !== c.id) return Either.left(LedgerRules.onePerson())
      ctx.citizens.set(c.citizenId, c.id)
    }
    writes.volunteers.push(record)
    ctx.volunteers.set(c.id, record)
    return Either.right({ _tag: "VolunteerRegistered", volunteer: record, replayed: false })
  }

  const registerActivity = (c: Cmd.RegisterActivity): Result => {
    const { _tag, ...fields } = c
    const record: ServiceActivity = { tenant: actor.tenant, ...fields }
    const known = registered(ctx.activities.get(c.id), record, "activity", c.id)
    if (Either.isLeft(known)) return Either.left(known.left)
    if (known.right) return Either.right({ _tag: "ActivityRegistered", activity: ctx.activities.get(c.id)!, replayed: true })
    const day = LedgerRules.notAfter(c.registeredOn, today, "registeredOn")
    if (Either.isLeft(day)) return Either.left(day.left)
    if (!pointsPerHour.has(c.category)) return Either.left(LedgerRules.unknownKey("category", "category", c.category))
    if (c.programme !== null && !programmes.has(c.programme)) {
      return Either.left(LedgerRules.unknownKey("programme", "programme", c.programme))
    }
    if (!gridOn(c.gridCode, c.registeredOn)) return Either.left(LedgerRules.missing("grid", "gridCode", `${c.gridCode} on ${c.registeredOn}`))
    if (c.teamId !== null && !ctx.teams.has(c.teamId)) return Either.left(LedgerRules.missing("team", "teamId", c.teamId))
    writes.activities.push(record)
    ctx.activities.set(c.id, record)
    return Either.right({ _tag: "ActivityRegistered", activity: record, replayed: false })
  }

  const recordConsent = (c: Cmd.RecordConsent): Result => {
    const v = volunteerFor(c.volunteerId, c._tag)
    if (Either.isLeft(v)) return Either.left(v.left)
    const day = LedgerRules.notAfter(c.on, today, "on")
    if (Either.isLeft(day)) return Either.left(day.left)
    const record: Consent = { tenant: actor.tenant, volunteerId: c.volunteerId, on: c.on, given: c.given }
    const list = ctx.consents.get(c.volunteerId) ?? []
    const same = list.find((r) => r.on === c.on)
    if (same !== undefined && same.given === c.given) return Either.right({ _tag: "ConsentRecorded", consent: same, replayed: true })
    ctx.consents.set(c.volunteerId, [...list.filter((r) => r.on !== c.on), record])
    const i = writes.consents.findIndex((r) => r.volunteerId === c.volunteerId && r.on === c.on)
    if (i >= 0) writes.consents.splice(i, 1)
    writes.consents.push(record)
    return Either.right({ _tag: "ConsentRecorded", consent: record, replayed: false })
  }

  return (command: Cmd.LedgerCommand): Result => {
    switch (command._tag) {
      case "RecordService":
        return recordService(command)
      case "CorrectEntry":
        return correctEntry(command)
      case "RegisterVolunteer":
        return registerVolunteer(command)
      case "RegisterActivity":
        return registerActivity(command)
      case "RecordConsent":
        return recordConsent(command)
      case "RedeemPoints":
        return redeemPoints(command)
      case "ExpirePoints":
        return expirePoints(command)
      case "IssueCertificate":
        return issueCertificate(command)
    }
  }
}
