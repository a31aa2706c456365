/**
 * A path through the party ladder that meets every rule of 《中国共产党发展党员工作细则》:
 * the day of each of the 25 steps from an application day (the talk within the month,
 * a year and more as an activist, the meeting two months after the designation as a
 * candidate, approval within a month, conversion on the day probation ends), and the
 * evidence each step needs. Tests, conformance suites and the district generator walk
 * it, whole or in part.
 *
 * @since 0.5.0
 */
import type { DevelopmentCommand, Pathway } from "@jiceng/core"
import { IsoDate, PartyLadder } from "@jiceng/core"

const s = PartyLadder.steps
const add = IsoDate.addDays

/**
 * Who a path names: one or two cultivation contacts, two introducers (full members of
 * the branch, none under 留党察看), and the branch general meeting's count.
 *
 * @since 0.5.0
 * @category models
 */
export interface Names {
  readonly contacts: ReadonlyArray<string>
  readonly introducers: readonly [string, string]
  readonly vote: { readonly present: number; readonly yes: number; readonly no: number; readonly abstain: number }
}

/**
 * The evidence a step needs to pass its guards.
 *
 * @since 0.5.0
 * @category constructors
 */
export const evidence = (step: string, names: Names): Pathway.Evidence => {
  switch (step) {
    case s.application:
      return { documents: ["入党申请书"] }
    case s.contacts:
      return { people: names.contacts.map((id) => ({ role: "contact", id })) }
    case s.introducers:
      return { people: names.introducers.map((id) => ({ role: "introducer", id })) }
    case s.politicalReview:
    case s.committeeReview:
    case s.preReview:
    case s.approval:
    case s.conversionApproval:
      return { passed: true }
    case s.training:
      return { training: { days: 3, hours: 24 } }
    case s.volunteerForm:
      return { documents: ["入党志愿书"] }
    case s.admissionMeeting:
    case s.conversionMeeting:
      return { vote: names.vote }
    case s.conversionApplication:
      return { documents: ["转正申请书"] }
    default:
      return {}
  }
}

/**
 * The day of each step, in order, from an application day.
 *
 * @since 0.5.0
 * @category constructors
 */
export const schedule = (applied: IsoDate.IsoDate): ReadonlyArray<readonly [string, IsoDate.IsoDate]> => {
  const activist = add(applied, 40)
  const candidate = IsoDate.addMonths(activist, 12)
  const meeting = add(candidate, 60)
  const conversion = IsoDate.addMonths(meeting, 12)
  return [
    [s.application, applied],
    [s.talk, add(applied, 20)],
    [s.activist, activist],
    [s.activistFiling, add(activist, 5)],
    [s.contacts, add(activist, 5)],
    [s.cultivation, add(activist, 100)],
    [s.candidate, candidate],
    [s.candidateFiling, add(candidate, 3)],
    [s.introducers, add(candidate, 3)],
    [s.politicalReview, add(candidate, 20)],
    [s.training, add(candidate, 25)],
    [s.committeeReview, add(candidate, 30)],
    [s.preReview, add(candidate, 40)],
    [s.volunteerForm, add(candidate, 50)],
    [s.admissionMeeting, meeting],
    [s.approvalTalk, add(meeting, 10)],
    [s.approval, add(meeting, 30)],
    [s.approvalFiling, add(meeting, 35)],
    [s.placement, add(meeting, 35)],
    [s.oath, add(meeting, 40)],
    [s.probationEducation, add(meeting, 100)],
    [s.conversionApplication, add(conversion, -10)],
    [s.conversionMeeting, conversion],
    [s.conversionApproval, add(conversion, 30)],
    [s.archive, add(conversion, 40)]
  ]
}

/**
 * The day of one step of the schedule.
 *
 * @since 0.5.0
 * @category constructors
 */
export const dayOf = (step: string, applied: IsoDate.IsoDate): IsoDate.IsoDate => schedule(applied).find(([id]) => id === step)![1]

/**
 * A person whose path the commands write.
 *
 * @since 0.5.0
 * @category models
 */
export interface Person {
  readonly trackId: string
  readonly person: string
  readonly name: string
  readonly birthDate: string
  readonly organisationId: string
}

/**
 * The commands of a path up to (not including) `until`, or through the last step when
 * `until` is null, and not after `asOf` when given.
 *
 * @since 0.5.0
 * @category constructors
 */
export const commands = (
  who: Person,
  applied: IsoDate.IsoDate,
  names: Names,
  options: { readonly until?: string | null; readonly asOf?: string } = {}
): ReadonlyArray<DevelopmentCommand.Input> => {
  const out: Array<DevelopmentCommand.Input> = []
  for (const [step, on] of schedule(applied)) {
    if (step === options.until || (options.asOf !== undefined && on > options.asOf)) break
    out.push(
      step === s.application
        ? { _tag: "OpenTrack", id: who.trackId, ladder: PartyLadder.id, person: who.person, name: who.name, birthDate: who.birthDate, organisationId: who.organisationId, on, evidence: evidence(step, names) }
        : { _tag: "RecordStep", trackId: who.trackId, step, on, evidence: evidence(step, names) }
    )
  }
  return out
}
