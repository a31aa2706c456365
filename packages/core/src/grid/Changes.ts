/**
 * What a grid command wrote: the facts a rule produced from state and command.
 *
 * @since 0.1.0
 */
import type { Grid, GridId } from "./Grid.js"
import type { LinkKey } from "./PlaceRepository.js"
import type { Place, PlaceLink } from "./Place.js"
import type { Assignment, AssignmentId, Worker } from "./Worker.js"
import type { IsoDate } from "../time/IsoDate.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Changes {
  /** Versions ended, and the day they end. */
  readonly endGrids: ReadonlyArray<GridId>
  readonly newGrids: ReadonlyArray<Grid>
  readonly endLinks: ReadonlyArray<LinkKey>
  readonly newLinks: ReadonlyArray<PlaceLink>
  readonly endAssignments: ReadonlyArray<AssignmentId>
  readonly newAssignments: ReadonlyArray<Assignment>
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
  places: [],
  workers: [],
  at: null
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (changes: Partial<Changes>): Changes => ({ ...empty, ...changes })
