/**
 * The member-development domain's reminders, of the party ladder's probation window
 * (预备期, `PartyLadder.probation`) as `Pathway.due` reports it: probation ending
 * (within the ladder's notice before the window's end) to the track's organisation and
 * the person, who is to apply for conversion; then the conversion decision due and,
 * after its day, overdue to the organisation, whose branch general meeting decides it.
 * Ids: probation ending once per track and window end (an extension moves the end, and
 * is reminded again); conversion once per track, due day and state (due, then overdue).
 *
 * @internal
 */
import type { Tenant } from "../../access/Tenant.js"
import * as PartyLadder from "../../development/PartyLadder.js"
import type * as Pathway from "../../development/Pathway.js"
import type { Notification } from "../../notify/Notification.js"
import type * as LocalMinute from "../../time/LocalMinute.js"
import * as Notice from "../notice.js"
import { addressed, type Routing } from "../organisation/reminders.js"

const stateLabels = {
  due: { zh: "待讨论", en: "due" },
  overdue: { zh: "已逾期", en: "overdue" }
} as const

/** @internal */
export const probation = (
  tenant: Tenant,
  dues: ReadonlyArray<Pathway.Due>,
  asOf: LocalMinute.LocalMinute,
  organisations: ReadonlyMap<string, Routing>,
  lang: "zh" | "en"
): ReadonlyArray<Notification> =>
  dues
    .filter((d) => d.ladder === PartyLadder.id && d.kind === "window" && d.window === PartyLadder.probation && d.endsOn !== null)
    .map((d) => {
      const { party, routing } = addressed(organisations, d.organisationId)
      const common = {
        tenant,
        at: asOf,
        gridCode: routing.gridCode,
        organisationId: d.organisationId as string,
        lang,
        data: { trackId: d.trackId, person: d.person, organisationId: d.organisationId, step: d.step, state: d.state, endsOn: d.endsOn, dueOn: d.dueOn, rule: d.rule }
      }
      const values = { trackId: d.trackId, organisation: routing.name ?? d.organisationId, endsOn: d.endsOn!, dueOn: d.dueOn }
      if (d.state === "ending") {
        const kind = "probation.ending"
        return Notice.remind({
          ...common,
          kind,
          keys: [d.trackId, d.endsOn!],
          to: [party, { kind: "person", id: d.person, name: null }],
          values
        })
      }
      const kind = "conversion.due"
      return Notice.remind({
        ...common,
        kind,
        keys: [d.trackId, d.dueOn, d.state],
        to: [party],
        values: { ...values, state: stateLabels[d.state][lang] }
      })
    })
