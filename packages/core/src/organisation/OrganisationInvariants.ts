/**
 * The invariants an organisation history must satisfy whatever commands ran, stated
 * positively over the whole history. Property tests assert that the list of breaches
 * stays empty; a `verify` command can run the same over a deployment's data.
 *
 * @since 0.2.0
 */
import type { Breach } from "../grid/GridInvariants.js"
import { groupBy } from "../internal/groupBy.js"
import { addDays, type IsoDate } from "../time/IsoDate.js"
import type { Meeting } from "./Meeting.js"
import type { Discipline, Dues, Membership, Participation } from "./Member.js"
import { memberKinds, type Organisation, parentKinds } from "./Organisation.js"
import * as Vote from "./Vote.js"

/**
 * A tenant's organisation history, as a store holds it.
 *
 * @since 0.2.0
 * @category models
 */
export interface History {
  readonly organisations: ReadonlyArray<Organisation>
  readonly memberships: ReadonlyArray<Membership>
  readonly participations: ReadonlyArray<Participation>
  readonly dues: ReadonlyArray<Dues>
  readonly discipline: ReadonlyArray<Discipline>
  readonly meetings: ReadonlyArray<Meeting>
}

type Interval = { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }

const at = (row: Interval, day: IsoDate) => row.validFrom <= day && (row.validTo === null || day < row.validTo)

/** Whether intervals cover `[from, to)` without a gap. */
const covered = (rows: ReadonlyArray<Interval>, from: IsoDate, to: IsoDate | null): boolean => {
  let day = from
  for (let guard = 0; guard <= rows.length; guard++) {
    const row = rows.find((r) => at(r, day))
    if (row === undefined) return false
    if (row.validTo === null || (to !== null && row.validTo >= to)) return true
    day = row.validTo
  }
  return false
}

const overlap = <A extends Interval>(rows: ReadonlyArray<A>): [A, A] | undefined => {
  const sorted = [...rows].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!
    if (prev.validTo === null || sorted[i]!.validFrom < prev.validTo) return [prev, sorted[i]!]
  }
  return undefined
}

/**
 * Every breach in a tenant's organisation history; empty when the history is sound.
 * Invariants: `organisation.versions` (an id's versions never overlap, each ends after it
 * begins), `organisation.parent` (a parent of an allowed kind covers each version),
 * `membership.one-branch` (a member's rows never overlap), `membership.branch` (a row
 * lies in a branch or joint branch that covers it), `participation.temporary` (in a
 * temporary branch that covers it, by a member whose memberships cover it),
 * `dues.own-branch`, `dues.once`, `discipline.own-branch` (the member's own branch on the
 * day, no temporary branch), `meeting.organisation` (held while its organisation
 * existed), `meeting.roll` (a branch's or temporary branch's meeting: those present were
 * on its roll that day, at its start or its end; a 党委's or 党总支's roll is the members
 * of the branches under it) and `vote.quorum`
 * (every recorded vote was quorate).
 *
 * @since 0.2.0
 * @category invariants
 */
export const breaches = (history: History): ReadonlyArray<Breach> => {
  const out: Array<Breach> = []
  const breach = (invariant: string, subject: string, message: string) => void out.push({ invariant, subject, message })
  const versions = groupBy(history.organisations, (o) => o.id)
  const memberships = groupBy(history.memberships, (m) => m.memberId)
  const kindOf = (id: string) => versions.get(id)?.[0]?.kind

  for (const [id, rows] of versions) {
    const bad = rows.find((r) => r.validTo !== null && r.validTo <= r.validFrom)
    if (bad !== undefined) breach("organisation.versions", id, `a version from ${bad.validFrom} ends on ${bad.validTo}`)
    const pair = overlap(rows)
    if (pair !== undefined) breach("organisation.versions", id, `versions from ${pair[0].validFrom} and ${pair[1].validFrom} overlap`)
    for (const row of rows) {
      if (row.parentId === null) {
        if (row.kind !== "committee") breach("organisation.parent", id, `a ${row.kind} without a parent`)
        continue
      }
      const parent = versions.get(row.parentId) ?? []
      if (!parent.every((p) => parentKinds[row.kind].includes(p.kind)) || parent.length === 0) {
        breach("organisation.parent", id, `its parent ${row.parentId} is missing or of a kind it cannot sit under`)
      } else if (!covered(parent, row.validFrom, row.validTo)) {
        breach("organisation.parent", id, `its parent ${row.parentId} does not exist throughout its version from ${row.validFrom}`)
      }
    }
  }

  for (const [memberId, rows] of memberships) {
    const pair = overlap(rows)
    if (pair !== undefined) {
      breach("membership.one-branch", memberId, `memberships in ${pair[0].organisationId} and ${pair[1].organisationId} overlap`)
    }
    for (const row of rows) {
      const kind = kindOf(row.organisationId)
      if (kind === undefined || !memberKinds.includes(kind) || !covered(versions.get(row.organisationId)!, row.validFrom, row.validTo)) {
        breach("membership.branch", memberId, `its membership from ${row.validFrom} lies in ${row.organisationId}, no branch throughout it`)
      }
    }
  }

  for (const p of history.participations) {
    const subject = `${p.memberId} in ${p.organisationId}`
    if (kindOf(p.organisationId) !== "temporary_branch" || !covered(versions.get(p.organisationId)!, p.validFrom, p.validTo)) {
      breach("participation.temporary", subject, `from ${p.validFrom}: not in a temporary branch throughout`)
    } else if (!covered(memberships.get(p.memberId) ?? [], p.validFrom, p.validTo)) {
      breach("participation.temporary", subject, `from ${p.validFrom}: the participant is not a member throughout`)
    }
  }

  const ownBranchOn = (memberId: string, organisationId: string, day: IsoDate) =>
    (memberships.get(memberId) ?? []).some((m) => m.organisationId === organisationId && at(m, day))
  const seen = new Set<string>()
  for (const d of history.dues) {
    const key = `${d.memberId}\u0000${d.month}`
    if (seen.has(key)) breach("dues.once", d.memberId, `dues for ${d.month} recorded twice`)
    seen.add(key)
    if (!ownBranchOn(d.memberId, d.organisationId, d.paidOn)) {
      breach("dues.own-branch", d.memberId, `dues paid on ${d.paidOn} to ${d.organisationId}, not the member's branch that day`)
    }
  }
  for (const d of history.discipline) {
    // An expulsion ends the membership that day: the branch is the one of the day before.
    const ok = ownBranchOn(d.memberId, d.organisationId, d.decidedOn) ||
      (d.measure === "expulsion" &&
        (memberships.get(d.memberId) ?? []).some((m) => m.organisationId === d.organisationId && m.validTo === d.decidedOn))
    if (!ok) breach("discipline.own-branch", d.memberId, `a measure on ${d.decidedOn} by ${d.organisationId}, not the member's branch`)
  }

  const participations = groupBy(history.participations, (p) => p.organisationId)
  /** An organisation and those under it on a day, by the parents of the versions of that day. */
  const subtreeOn = (id: string, day: IsoDate): ReadonlyArray<string> => {
    const children = new Map<string, Array<string>>()
    for (const o of history.organisations) {
      if (o.parentId !== null && at(o, day)) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id])
    }
    const ids = [id]
    for (let i = 0; i < ids.length && i < history.organisations.length; i++) {
      for (const child of children.get(ids[i]!) ?? []) if (!ids.includes(child)) ids.push(child)
    }
    return ids
  }
  const rollsOn = groupBy(history.memberships, (m) => m.organisationId)
  for (const m of history.meetings) {
    if (!(versions.get(m.organisationId) ?? []).some((v) => at(v, m.date))) {
      breach("meeting.organisation", m.id, `held on ${m.date} by ${m.organisationId}, which did not exist that day`)
    }
    // Those present were on the roll that day: at its start (a change dated on the
    // meeting's day follows it: an expulsion decided there) or at its end.
    const kind = kindOf(m.organisationId)
    if (kind !== undefined) {
      // A 党委's or 党总支's roll: the members of the branches under it that day.
      const under = memberKinds.includes(kind) || kind === "temporary_branch" ? [m.organisationId] : subtreeOn(m.organisationId, m.date)
      const rows = kind === "temporary_branch"
        ? participations.get(m.organisationId) ?? []
        : under.flatMap((id) => rollsOn.get(id) ?? [])
      const eve = addDays(m.date, -1)
      const present = new Set(rows.filter((r) => at(r, m.date) || (at(r, eve) && r.validTo === m.date)).map((r) => r.memberId))
      const stranger = m.attendees.find((id) => !present.has(id))
      if (stranger !== undefined) breach("meeting.roll", m.id, `${stranger} attended on ${m.date} but was not on the roll that day`)
    }
    for (const v of m.votes) {
      if (!Vote.quorate(v.tally.entitled, v.tally.present) || v.tally.passed !== Vote.passes(v.tally.entitled, v.tally.present, v.tally.yes)) {
        breach("vote.quorum", m.id, `the vote on ${v.motion} was not quorate or its outcome is wrong`)
      }
    }
  }
  return out
}
