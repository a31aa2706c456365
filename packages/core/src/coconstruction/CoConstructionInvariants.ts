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
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"

/**
 * A tenant's co-construction history, as a store holds it.
 *
 * @since 0.3.0
 * @category models
 */
export interface History {
  readonly unitEnrolments: ReadonlyArray<UnitEnrolment>
  readonly memberEnrolments: ReadonlyArray<MemberEnrolment>
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
 * Every breach in a tenant's co-construction history; empty when it is sound.
 * Invariants: `unit-enrolment.once` (a unit's rows never overlap: one street at a
 * time), `enrolment.one-community` (a member's rows never overlap: one community at a
 * time), and `enrolment.interval` (every row ends after it begins).
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
  return out
}
