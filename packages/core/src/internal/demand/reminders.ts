/**
 * The demand domain's reminders: a demand past its deadline and not yet escalated
 * (`Demands.overdue` with no grid gone up to) is reminded to the worker answering for
 * it — with none, to the grid answering — routed by the demand's grid. One already
 * escalated is not: its escalation notified the grid it went to (`demand.escalated`).
 * The id is the demand's and its deadline's, so a demand is reminded once however often
 * the sweep runs.
 *
 * @internal
 */
import type { Tenant } from "../../access/Tenant.js"
import type { Overdue } from "../../demand/DemandsService.js"
import type { Notification } from "../../notify/Notification.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import * as Notice from "../notice.js"

/** @internal */
export const overdue = (
  tenant: Tenant,
  rows: ReadonlyArray<Overdue>,
  asOf: LocalMinute.LocalMinute,
  lang: "zh" | "en"
): ReadonlyArray<Notification> =>
  rows.filter((r) => r.escalatedTo.length === 0).map((r) => {
    const kind = "demand.overdue"
    return Notice.remind({
      kind,
      keys: [r.id, r.deadlineAt],
      tenant,
      at: asOf,
      gridCode: r.gridCode,
      organisationId: null,
      to: [r.assignee === null ? { kind: "grid", id: r.answering, name: null } : { kind: "worker", id: r.assignee, name: null }],
      lang,
      values: { demandId: r.id, gridCode: r.gridCode, deadline: r.deadlineAt.replace("T", " ") },
      data: {
        demandId: r.id,
        gridCode: r.gridCode,
        answering: r.answering,
        assignee: r.assignee,
        state: r.state,
        deadlineAt: r.deadlineAt,
        overdueMinutes: r.overdueMinutes,
        epochMinute: LocalMinute.toEpochMinutes(asOf)
      }
    })
  })
