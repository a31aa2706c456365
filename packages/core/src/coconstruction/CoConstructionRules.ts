/**
 * The co-construction rules as pure functions: `(context, command) → Either<changes,
 * RuleViolation>`, with stable rule ids (listed in docs/rules.md with their sources).
 * The context is what the service read for the command: the rows the rule needs and
 * whether the grids the command names are valid at their level on its day.
 *
 * So far the 双报到 enrolments: a work unit enrols with one street at a time, an
 * in-service party member with exactly one community at a time, each with a dated
 * history of transfers and withdrawal. Enrolment writes no membership: a member's own
 * branch stays where it is.
 *
 * @since 0.3.0
 */
import { Either } from "effect"
import type { Tenant } from "../access/Tenant.js"
import { RuleViolation } from "../errors/RuleViolation.js"
import type { IsoDate } from "../time/IsoDate.js"
import * as Changes from "./CoConstructionChanges.js"
import type {
  EnrolMember,
  EnrolUnit,
  TransferEnrolment,
  TransferUnit,
  WithdrawMember,
  WithdrawUnit
} from "./CoConstructionCommand.js"
import type { MemberEnrolment, UnitEnrolment } from "./Enrolment.js"

/**
 * A rule's outcome: the facts to write, or the refusal naming its rule.
 *
 * @since 0.3.0
 * @category models
 */
export type Result = Either.Either<Changes.CoConstructionChanges, RuleViolation>

const violation = (rule: string, field: string, message: string): Either.Either<never, RuleViolation> =>
  Either.left(new RuleViolation({ rule, field, message }))

const validAt = (row: { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }, at: IsoDate) =>
  row.validFrom <= at && (row.validTo === null || at < row.validTo)

/** A row running on or after the day: valid then, or beginning later. */
const runningFrom = (row: { readonly validTo: IsoDate | null }, at: IsoDate) => row.validTo === null || row.validTo > at

/** The row valid on the day, refused when none is or when a later row was recorded. */
const current = <A extends { readonly validFrom: IsoDate; readonly validTo: IsoDate | null }>(
  rows: ReadonlyArray<A>,
  at: IsoDate,
  rules: { readonly exists: string; readonly backdated: string },
  field: string,
  what: string
): Either.Either<A, RuleViolation> => {
  const later = rows.find((r) => r.validFrom > at)
  if (later !== undefined) {
    return violation(rules.backdated, "at", `${what} has a change recorded on ${later.validFrom}, after ${at}`)
  }
  const row = rows.find((r) => validAt(r, at))
  return row === undefined ? violation(rules.exists, field, `${what} is not enrolled on ${at}`) : Either.right(row)
}

// ------------------------------------------------------------------ units

const unitRules = { exists: "unit-enrolment.exists", backdated: "unit-enrolment.backdated" } as const

/**
 * A work unit enrols with a street. Rules: `unit-enrolment.street` (a grid of the
 * street level valid on the day), `unit-enrolment.once` (one street at a time: no
 * enrolment running on or after the day; transfer it instead).
 *
 * @since 0.3.0
 * @category rules
 */
export const enrolUnit = (
  tenant: Tenant,
  context: {
    /** Every enrolment row of the unit. */
    readonly enrolments: ReadonlyArray<UnitEnrolment>
    /** Whether the street code is a grid of the street level valid on the day. */
    readonly streetValid: boolean
  },
  command: EnrolUnit
): Result => {
  if (!context.streetValid) {
    return violation("unit-enrolment.street", "streetCode", `${command.streetCode} is no street valid on ${command.at}`)
  }
  if (context.enrolments.some((e) => runningFrom(e, command.at))) {
    return violation(
      "unit-enrolment.once",
      "creditCode",
      `${command.creditCode} is enrolled with a street on or after ${command.at}: a unit enrols with one street at a time (transfer it instead)`
    )
  }
  return Either.right(Changes.make({
    newUnitEnrolments: [{
      tenant,
      creditCode: command.creditCode,
      name: command.name,
      streetCode: command.streetCode,
      validFrom: command.at,
      validTo: null,
      change: "enrol"
    }]
  }))
}

/**
 * A unit's enrolment moves to another street. Rules: `unit-enrolment.exists`,
 * `unit-enrolment.backdated` (no later change recorded), `unit-enrolment.transfer-same`,
 * `unit-enrolment.street`.
 *
 * @since 0.3.0
 * @category rules
 */
export const transferUnit = (
  context: { readonly enrolments: ReadonlyArray<UnitEnrolment>; readonly streetValid: boolean },
  command: TransferUnit
): Result =>
  Either.flatMap(current(context.enrolments, command.at, unitRules, "creditCode", command.creditCode), (row) => {
    if (row.streetCode === command.streetCode) {
      return violation("unit-enrolment.transfer-same", "streetCode", `${command.creditCode} is enrolled with ${command.streetCode} already`)
    }
    if (!context.streetValid) {
      return violation("unit-enrolment.street", "streetCode", `${command.streetCode} is no street valid on ${command.at}`)
    }
    return Either.right(Changes.make({
      at: command.at,
      endUnitEnrolments: [{ creditCode: row.creditCode, validFrom: row.validFrom }],
      newUnitEnrolments: [{
        ...row,
        streetCode: command.streetCode,
        validFrom: command.at,
        // To where the enrolment ran: a withdrawal recorded already stays.
        validTo: row.validTo,
        // A correction on the row's first day keeps how it began.
        change: row.validFrom === command.at ? row.change : "transfer"
      }]
    }))
  })

/**
 * A unit's enrolment ends. Rules: `unit-enrolment.exists`, `unit-enrolment.backdated`.
 *
 * @since 0.3.0
 * @category rules
 */
export const withdrawUnit = (context: { readonly enrolments: ReadonlyArray<UnitEnrolment> }, command: WithdrawUnit): Result =>
  Either.map(current(context.enrolments, command.at, unitRules, "creditCode", command.creditCode), (row) =>
    Changes.make({ at: command.at, endUnitEnrolments: [{ creditCode: row.creditCode, validFrom: row.validFrom }] }))

// ------------------------------------------------------------------ members

const memberRules = { exists: "enrolment.exists", backdated: "enrolment.backdated" } as const

/**
 * An in-service party member enrols with the community where they live. Rules:
 * `enrolment.community` (a grid of the community level valid on the day),
 * `enrolment.one-community` (exactly one community at a time: no enrolment running on
 * or after the day; transfer it instead), `enrolment.home` (a member of the tenant's
 * branches on the day names no other organisation; anyone else names theirs).
 *
 * @since 0.3.0
 * @category rules
 */
export const enrolMember = (
  tenant: Tenant,
  context: {
    /** Every enrolment row of the member. */
    readonly enrolments: ReadonlyArray<MemberEnrolment>
    /** Whether the community code is a grid of the community level valid on the day. */
    readonly communityValid: boolean
    /** Whether the member holds a membership in one of the tenant's branches on the day. */
    readonly memberOfTenant: boolean
  },
  command: EnrolMember
): Result => {
  if (!context.communityValid) {
    return violation("enrolment.community", "communityCode", `${command.communityCode} is no community valid on ${command.at}`)
  }
  if (context.enrolments.some((e) => runningFrom(e, command.at))) {
    return violation(
      "enrolment.one-community",
      "memberId",
      // Which community is not said: it may lie outside the actor's scope.
      `${command.memberId} is enrolled with a community on or after ${command.at}: a member enrols with one community at a time (transfer instead)`
    )
  }
  if (context.memberOfTenant && command.homeOrganisation !== null) {
    return violation(
      "enrolment.home",
      "homeOrganisation",
      `${command.memberId} belongs to one of the tenant's branches on ${command.at}: their organisation is known`
    )
  }
  if (!context.memberOfTenant && command.homeOrganisation === null) {
    return violation(
      "enrolment.home",
      "homeOrganisation",
      `${command.memberId} belongs to none of the tenant's branches on ${command.at}: name their own party organisation`
    )
  }
  return Either.right(Changes.make({
    newMemberEnrolments: [{
      tenant,
      memberId: command.memberId,
      communityCode: command.communityCode,
      unitCreditCode: command.unitCreditCode,
      homeOrganisation: command.homeOrganisation,
      validFrom: command.at,
      validTo: null,
      change: "enrol"
    }]
  }))
}

/**
 * A member's enrolment moves to another community. Rules: `enrolment.exists`,
 * `enrolment.backdated`, `enrolment.transfer-same`, `enrolment.community`.
 *
 * @since 0.3.0
 * @category rules
 */
export const transferEnrolment = (
  context: { readonly enrolments: ReadonlyArray<MemberEnrolment>; readonly communityValid: boolean },
  command: TransferEnrolment
): Result =>
  Either.flatMap(current(context.enrolments, command.at, memberRules, "memberId", command.memberId), (row) => {
    if (row.communityCode === command.communityCode) {
      return violation("enrolment.transfer-same", "communityCode", `${command.memberId} is enrolled with ${command.communityCode} already`)
    }
    if (!context.communityValid) {
      return violation("enrolment.community", "communityCode", `${command.communityCode} is no community valid on ${command.at}`)
    }
    return Either.right(Changes.make({
      at: command.at,
      endMemberEnrolments: [{ memberId: row.memberId, validFrom: row.validFrom }],
      newMemberEnrolments: [{
        ...row,
        communityCode: command.communityCode,
        validFrom: command.at,
        validTo: row.validTo,
        change: row.validFrom === command.at ? row.change : "transfer"
      }]
    }))
  })

/**
 * A member's enrolment ends. Rules: `enrolment.exists`, `enrolment.backdated`.
 *
 * @since 0.3.0
 * @category rules
 */
export const withdrawMember = (context: { readonly enrolments: ReadonlyArray<MemberEnrolment> }, command: WithdrawMember): Result =>
  Either.map(current(context.enrolments, command.at, memberRules, "memberId", command.memberId), (row) =>
    Changes.make({ at: command.at, endMemberEnrolments: [{ memberId: row.memberId, validFrom: row.validFrom }] }))
