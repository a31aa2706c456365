/**
 * The invariants a co-construction history must satisfy whatever commands ran, stated
 * positively over the whole history. Property tests assert that the list of breaches
 * stays empty; a `verify` command can run the same over a deployment's data.
 *
 * @since 0.3.0
 */
import type { Breach } from "../grid/GridInvariants.js"
import { groupBy } from "../internal/groupBy.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { Agreement } from "./Agreement.js"
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"
import type { Need } from "./Need.js"
import type { Project } from "./Project.js"
import type { Resource } from "./Resource.js"
import type { Claim, Post } from "./Volunteering.js"

/**
 * A tenant's co-construction history, as a store holds it.
 *
 * @since 0.3.0
 * @category models
 */
export interface History {
  readonly unitEnrolments: ReadonlyArray<UnitEnrolment>
  readonly memberEnrolments: ReadonlyArray<MemberEnrolment>
  readonly agreements: ReadonlyArray<Agreement>
  readonly needs: ReadonlyArray<Need>
  readonly resources: ReadonlyArray<Resource>
  readonly projects: ReadonlyArray<Project>
  readonly posts: ReadonlyArray<Post>
  readonly claims: ReadonlyArray<Claim>
}

interface Interval {
  readonly validFrom: IsoDate
  readonly validTo: IsoDate | null
}

/** Two rows that share a day, if any. */
const overlap = <A extends Interval>(rows: ReadonlyArray<A>): [A, A] | undefined => {
  const sorted = [...rows].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!
    if (before.validTo === null || before.validTo > sorted[i]!.validFrom) return [before, sorted[i]!]
  }
  return undefined
}

/**
 * The day a member's enrolment stops running, from one of their rows on through the
 * transfers that continue it; null while it runs on.
 *
 * @since 0.3.0
 * @category invariants
 */
export const enrolledUntil = (
  rows: ReadonlyArray<{ readonly validFrom: IsoDate; readonly validTo: IsoDate | null }>,
  row: { readonly validTo: IsoDate | null }
): IsoDate | null => {
  let end = row.validTo
  for (let next = end === null ? undefined : rows.find((r) => r.validFrom === end); next !== undefined; next = end === null ? undefined : rows.find((r) => r.validFrom === end)) {
    end = next.validTo
  }
  return end
}

/**
 * Every breach in a tenant's co-construction history; empty when it is sound.
 * Invariants: `unit-enrolment.once` (a unit's rows never overlap: one street at a
 * time), `enrolment.one-community` (a member's rows never overlap: one community at a
 * time), `enrolment.interval` (every row ends after it begins), `project.term` (a
 * project runs inside its agreement's term), `project.capacity` (no resource gives more
 * units than its capacity over all projects) and `project.quantity` (no need gets more
 * units than it asks for), `claim.once` (a member's claims on a post never overlap),
 * `claim.capacity` (on no day does a post have more claims than its capacity) and
 * `claim.enrolled` (a claim runs only while its member is enrolled with a community).
 *
 * @since 0.3.0
 * @category invariants
 */
export const breaches = (history: History): ReadonlyArray<Breach> => {
  const out: Array<Breach> = []
  const breach = (invariant: string, subject: string, message: string) => void out.push({ invariant, subject, message })
  const check = <A extends Interval>(rows: ReadonlyArray<A>, key: (a: A) => string, invariant: string, what: string) => {
    for (const [subject, own] of groupBy(rows, key)) {
      const bad = own.find((r) => r.validTo !== null && r.validTo <= r.validFrom)
      if (bad !== undefined) breach("enrolment.interval", subject, `a row from ${bad.validFrom} ends on ${bad.validTo}`)
      const pair = overlap(own)
      if (pair !== undefined) breach(invariant, subject, `${what} from ${pair[0].validFrom} and ${pair[1].validFrom} overlap`)
    }
  }
  check(history.unitEnrolments, (e) => e.creditCode, "unit-enrolment.once", "street enrolments")
  check(history.memberEnrolments, (e) => e.memberId, "enrolment.one-community", "community enrolments")
  const agreements = new Map(history.agreements.map((a) => [a.id as string, a]))
  const given = new Map<string, number>()
  const received = new Map<string, number>()
  for (const p of history.projects) {
    const agreement = agreements.get(p.agreementId)
    if (agreement === undefined || p.from < agreement.from || p.to > agreement.to || p.to <= p.from) {
      breach("project.term", p.id, `runs ${p.from}–${p.to}, outside its agreement's term`)
    }
    for (const a of p.allocations) {
      given.set(a.resourceId, (given.get(a.resourceId) ?? 0) + a.units)
      received.set(a.needId, (received.get(a.needId) ?? 0) + a.units)
    }
  }
  for (const r of history.resources) {
    if ((given.get(r.id) ?? 0) > r.capacity) breach("project.capacity", r.id, `gives ${given.get(r.id)} units of ${r.capacity}`)
  }
  for (const n of history.needs) {
    if ((received.get(n.id) ?? 0) > n.quantity) breach("project.quantity", n.id, `gets ${received.get(n.id)} units of ${n.quantity}`)
  }
  check(history.claims, (c) => `${c.postId}\u0000${c.memberId}`, "claim.once", "claims")
  const claims = groupBy(history.claims, (c) => c.postId)
  for (const post of history.posts) {
    const own = claims.get(post.id) ?? []
    for (const day of new Set(own.map((c) => c.validFrom))) {
      const held = own.filter((c) => c.validFrom <= day && (c.validTo === null || day < c.validTo)).length
      if (held > post.capacity) breach("claim.capacity", post.id, `${held} claims on ${day}, over its capacity of ${post.capacity}`)
    }
  }
  const enrolments = groupBy(history.memberEnrolments, (e) => e.memberId)
  for (const c of history.claims) {
    const rows = enrolments.get(c.memberId) ?? []
    const row = rows.find((r) => r.validFrom <= c.validFrom && (r.validTo === null || c.validFrom < r.validTo))
    const until = row === undefined ? undefined : enrolledUntil(rows, row)
    if (until === undefined || (until !== null && (c.validTo === null || c.validTo > until))) {
      breach("claim.enrolled", `${c.postId}/${c.memberId}`, `the claim from ${c.validFrom} runs while ${c.memberId} is enrolled with no community`)
    }
  }
  return out
}
