/**
 * What a demand command wrote: new visits, demands and events (every write is an
 * insert; a demand's history only grows).
 *
 * @since 0.5.0
 */
import type { Demand, DemandEvent } from "./Demand.js"
import type { Visit } from "./Visit.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface DemandChanges {
  readonly visits: ReadonlyArray<Visit>
  readonly demands: ReadonlyArray<Demand>
  readonly events: ReadonlyArray<DemandEvent>
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const make = (changes: Partial<DemandChanges>): DemandChanges => ({ visits: [], demands: [], events: [], ...changes })
