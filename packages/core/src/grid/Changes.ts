/**
 * What a grid command wrote: the facts a rule produced from state and command.
 *
 * Ending a row on a day sets its `validTo`; a row that begins on that day (or later)
 * is removed instead, having been superseded before it took effect — that is how a
 * same-day correction replaces the morning's record.
 *
 * @since 0.1.0
 */
import type { IsoDate } from "../time/IsoDate.js"
import type { Grid, GridId } from "./Grid.js"
import type { Place, PlaceLink } from "./Place.js"
import type { LinkKey } from "./PlaceRepository.js"
import type { Assignment, AssignmentId, TermKey, Worker, WorkerTerm } from "./Worker.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Changes {
  /** Versions ended (or removed) on `at`. */
  readonly endGrids: ReadonlyArray<GridId>
  readonly newGrids: ReadonlyArray<Grid>
  readonly endLinks: ReadonlyArray<LinkKey>
  readonly newLinks: ReadonlyArray<PlaceLink>
  readonly endAssignments: ReadonlyArray<AssignmentId>
  readonly newAssignments: ReadonlyArray<Assignment>
  readonly endTerms: ReadonlyArray<TermKey>
  readonly newTerms: ReadonlyArray<WorkerTerm>
  readonly places: ReadonlyArray<Place>
  readonly workers: ReadonlyArray<Worker>
  /** The day every `end*` takes effect. */
  readonly at: IsoDate | null
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const empty: Changes = {
  endGrids: [],
  newGrids: [],
  endLinks: [],
  newLinks: [],
  endAssignments: [],
  newAssignments: [],
  endTerms: [],
  newTerms: [],
  places: [],
  workers: [],
  at: null
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (changes: Partial<Changes>): Changes => ({ ...empty, ...changes })
