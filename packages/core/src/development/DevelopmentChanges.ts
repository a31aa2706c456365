/**
 * What a member-development command wrote: the facts a rule produced from state and
 * command. Every write is an insert (tracks grow by events; a recruitment plan is
 * replaced by its key), so the changes are lists of new rows, but for letters of good
 * news sent, which are the letters as they stand once marked sent.
 *
 * @since 0.5.0
 */
import type { Attendance, CareerMove, CommunityWorker, Holding, RecruitmentPlan, TrainingSession } from "./CommunityWorker.js"
import type { Event, TrackHeader } from "./Pathway.js"
import type { Honour, HonourLetter } from "./Recognition.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface DevelopmentChanges {
  readonly tracks: ReadonlyArray<TrackHeader>
  readonly events: ReadonlyArray<Event>
  readonly workers: ReadonlyArray<CommunityWorker>
  /** Plans set: each replaces the plan of its grid and year. */
  readonly plans: ReadonlyArray<RecruitmentPlan>
  readonly sessions: ReadonlyArray<TrainingSession>
  readonly attendance: ReadonlyArray<Attendance>
  readonly holdings: ReadonlyArray<Holding>
  readonly moves: ReadonlyArray<CareerMove>
  readonly honours: ReadonlyArray<Honour>
  readonly letters: ReadonlyArray<HonourLetter>
  /**
   * Letters sent (`SendHonourLetters`), as they stand once marked: status `sent`, with the day.
   *
   * @since 0.6.0
   */
  readonly sentLetters: ReadonlyArray<HonourLetter>
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const empty: DevelopmentChanges = {
  tracks: [],
  events: [],
  workers: [],
  plans: [],
  sessions: [],
  attendance: [],
  holdings: [],
  moves: [],
  honours: [],
  letters: [],
  sentLetters: []
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const make = (changes: Partial<DevelopmentChanges>): DevelopmentChanges => ({ ...empty, ...changes })
