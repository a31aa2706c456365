/**
 * The notifications of emergency mode (平急两用): an activation and its deactivation, to
 * the community party organisations of the communities it covers and to the grid it
 * was activated for (routed by that grid's code), with a short text — the scope, the
 * day, the people put under the community organisations, the temporary branches formed
 * or dissolved, the vanguard teams ended. Each notification's id is the activation's
 * with its kind, so an event raised again is the same notification.
 *
 * @internal
 */
import type { Activation } from "../../emergency/Activation.js"
import type { EmergencyChanges } from "../../emergency/EmergencyChanges.js"
import type { Notification, Party } from "../../notify/Notification.js"
import type { Organisation } from "../../organisation/Organisation.js"
import * as Notice from "../notice.js"

/** The most parties a notification carries (`Notification.to`). */
export const maxParties = 1000

/** What a notice says beyond the changes, read when it is raised. */
export interface Facts {
  /** The community party organisations of the communities on the day, each once, by id. */
  readonly organisations: ReadonlyArray<Organisation>
  /** The name of the grid activated for, on the day (null: none valid). */
  readonly gridName: string | null
  /** Teams formed under the activation (ended with a deactivation). */
  readonly teams: number
}

/** @internal */
export const of = (activation: Activation, changes: EmergencyChanges, facts: Facts, lang: "zh" | "en"): ReadonlyArray<Notification> => {
  const deactivated = activation.deactivatedOn !== null
  const on = activation.deactivatedOn ?? activation.activatedOn
  const kind = deactivated ? "emergency.deactivated" : "emergency.activated"
  const scope = facts.gridName === null ? activation.gridCode : lang === "zh" ? `${facts.gridName}（${activation.gridCode}）` : `${facts.gridName} (${activation.gridCode})`
  // A deactivation dissolves a branch by each organisation command of its plan.
  const branches = deactivated ? changes.organisation.length : changes.branches.length
  const workers = changes.roster.filter((r) => r.kind === "worker").length
  const members = changes.roster.filter((r) => r.kind === "member").length
  // The grid first (it routes the notice), then the organisations: at most `maxParties`, the rest named in data.
  const parties: ReadonlyArray<Party> = [
    { kind: "grid", id: activation.gridCode, name: facts.gridName },
    ...facts.organisations.map((o): Party => ({ kind: "organisation", id: o.id, name: o.name }))
  ]
  // What the text says, and the facts keep too.
  const told = { gridCode: activation.gridCode, on, activatedOn: activation.activatedOn, workers, members, branches, teams: facts.teams }
  return [Notice.make(kind, lang, {
    keys: [activation.id],
    tenant: activation.tenant,
    raisedAt: Notice.startOf(on),
    gridCode: activation.gridCode,
    organisationId: facts.organisations.length === 1 ? facts.organisations[0]!.id : null,
    to: parties.slice(0, maxParties),
    values: { ...told, scope, task: activation.task, communities: activation.communities.length },
    data: {
      activationId: activation.id,
      ...told,
      deactivatedOn: activation.deactivatedOn,
      communities: activation.communities,
      organisations: facts.organisations.map((o) => o.id),
      parties: parties.length,
      partiesCapped: parties.length > maxParties
    }
  })]
}
