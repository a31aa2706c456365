/**
 * The notifications of the demand domain's events: a demand assigned (by the intake's
 * routing or a command) to the worker it went to, a demand escalated to the
 * responsible worker of the grid it went up to. An escalation to a grid with no
 * responsible worker notifies no one. Each notification's id is the event's (demand
 * and seq), so an event raised again is the same notification.
 *
 * @internal
 */
import type { DemandEvent } from "../../demand/Demand.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import type { Notification } from "../../notify/Notification.js"
import type * as Templates from "../../notify/Templates.js"
import * as Notice from "../notice.js"

const kinds: Partial<Record<DemandEvent["kind"], Templates.Kind>> = {
  assign: "demand.assigned",
  escalate: "demand.escalated"
}

/** @internal */
export const of = (events: ReadonlyArray<DemandEvent>, lang: "zh" | "en"): ReadonlyArray<Notification> =>
  events.flatMap((e) => {
    const kind = kinds[e.kind]
    if (kind === undefined || e.assignee === null) return []
    return [Notice.make(kind, lang, {
      keys: [e.demandId, e.seq],
      tenant: e.tenant,
      raisedAt: `${e.at}:00+08:00`,
      gridCode: e.gridCode,
      organisationId: null,
      to: [{ kind: "worker", id: e.assignee, name: null }],
      values: { demandId: e.demandId, at: e.at.replace("T", " "), gridCode: e.gridCode ?? "—" },
      data: { demandId: e.demandId, seq: e.seq, gridCode: e.gridCode, assignee: e.assignee, at: e.at, epochMinute: LocalMinute.toEpochMinutes(e.at) }
    })]
  })
