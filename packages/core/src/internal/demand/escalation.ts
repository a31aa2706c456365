/**
 * The escalations due of demands at a minute, as the sweep records them and `overdue`
 * shows them: up the chain above the grid answering for each, within the actor's scope,
 * passing over grids not valid on the day an escalation falls due.
 *
 * @internal
 */
import * as Actor from "../../access/Actor.js"
import type { Demand, Status } from "../../demand/Demand.js"
import type { DemandConfigShape } from "../../demand/DemandConfig.js"
import * as Rules from "../../demand/DemandRules.js"
import * as Escalation from "../../demand/Escalation.js"
import { validAt } from "../../grid/Grid.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import type * as LevelScheme from "../../grid/LevelScheme.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import { groupBy } from "../groupBy.js"

/** Per row, the escalations due by `asOf` (a generator of store reads, for the decision and the reads alike). */
export const dueOf = function*(
  grids: Pick<GridStoreShape, "grids">,
  scheme: LevelScheme.LevelScheme,
  config: DemandConfigShape,
  actor: Actor.Actor,
  rows: ReadonlyArray<{ readonly demand: Demand; readonly status: Status }>,
  asOf: LocalMinute.LocalMinute
) {
  const chains = rows.map((r) => Escalation.chain(scheme, r.status.answering, config.topLevel).filter((g) => Actor.covers(actor, g)))
  const codes = Array.from(new Set(chains.flat()))
  const versions = groupBy(codes.length === 0 ? [] : yield* grids.grids.versionsOf(actor.tenant, codes), (g) => g.code)
  const valid = (code: string, at: number) => (versions.get(code) ?? []).some((g) => validAt(g, LocalMinute.dayOf(LocalMinute.fromEpochMinutes(at))))
  return rows.map((r, i) => Rules.escalationsDue(chains[i]!, r.demand, r.status, config.escalateEveryMinutes, asOf, valid))
}
