/**
 * The organisation domain's reminders: a 三会一课 meeting missing for the period just
 * ended — for each schedule, the last slot (month, quarter, half-year, year) that ended
 * by the sweep's day, owed and not held — to the organisation. Its id is the
 * organisation's, the meeting kind's and the slot's, so it is raised once for that
 * slot however often the sweep runs, and a daily sweep raises it on the first day of
 * the next slot. And how any reminder addressed to an organisation is routed: by its
 * name and its grid (the one grid it serves; none when it serves several or none).
 *
 * @internal
 */
import type { Tenant } from "../../access/Tenant.js"
import * as Compliance from "../../organisation/Compliance.js"
import { meetingKindLabels } from "../../organisation/Meeting.js"
import type { Organisation } from "../../organisation/Organisation.js"
import type { Notification, Party } from "../../notify/Notification.js"
import type { IsoDate } from "../../time/IsoDate.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import * as Notice from "../notice.js"

/** How a reminder addressed to an organisation is routed. @internal */
export interface Routing {
  readonly name: string | null
  readonly gridCode: string | null
}

/** The routing of each organisation given (versions of one day), by id. @internal */
export const routing = (organisations: ReadonlyArray<Organisation>): ReadonlyMap<string, Routing> =>
  new Map(organisations.map((o) => [o.id as string, { name: o.name, gridCode: o.grids.length === 1 ? o.grids[0]! : null }]))

/** An organisation as a reminder's party and its routing (unknown: by id alone). @internal */
export const addressed = (
  organisations: ReadonlyMap<string, Routing>,
  id: string
): { readonly party: Party; readonly routing: Routing } => {
  const known = organisations.get(id) ?? { name: null, gridCode: null }
  return { party: { kind: "organisation", id, name: known.name }, routing: known }
}

/**
 * The compliance period whose last slot of each frequency is the last one ended by the
 * day: from the first of January of the year before to the first of the day's month
 * (every slot ends on a month's first day), so that it holds last year whole in January.
 * Null when no slot can have ended (the first month of year 1).
 *
 * @internal
 */
export const period = (day: IsoDate): Compliance.Period | null => {
  const year = Number(day.slice(0, 4))
  const from = `${String(Math.max(1, year - 1)).padStart(4, "0")}-01-01` as IsoDate
  const to = `${day.slice(0, 7)}-01` as IsoDate
  return to > from ? { from, to } : null
}

/** The notifications of the missing meetings of the last slots ended by the report's period. @internal */
export const meetingsMissing = (
  tenant: Tenant,
  report: Compliance.Report,
  organisations: ReadonlyMap<string, Routing>,
  asOf: LocalMinute.LocalMinute,
  lang: "zh" | "en"
): ReadonlyArray<Notification> => {
  // The last slot of each frequency in the period: the last one ended by the sweep's day.
  const lastEnds = new Map<string, string | undefined>()
  const lastEnd = (frequency: Compliance.KindCompliance["frequency"]) => {
    if (!lastEnds.has(frequency)) lastEnds.set(frequency, Compliance.slots(frequency, report.period).at(-1)?.to)
    return lastEnds.get(frequency)
  }
  return report.organisations.flatMap((o) =>
    o.meetings.flatMap((k) =>
      k.missing.filter((slot) => slot.to === lastEnd(k.frequency)).map((slot) => {
        const kind = "organisation.meeting-missing"
        const { party, routing } = addressed(organisations, o.organisationId)
        // Its name on the day, else its last in the period (one dissolved since).
        const name = routing.name ?? o.name
        return Notice.remind({
          kind,
          keys: [o.organisationId, k.meetingKind, slot.label],
          tenant,
          at: asOf,
          gridCode: routing.gridCode,
          organisationId: o.organisationId,
          to: [{ ...party, name }],
          lang,
          values: { organisation: name, period: slot.label, meeting: meetingKindLabels[k.meetingKind][lang] },
          data: { organisationId: o.organisationId, meetingKind: k.meetingKind, frequency: k.frequency, slot: slot.label, from: slot.from, to: slot.to, day: LocalMinute.dayOf(asOf) }
        })
      })
    )
  )
}
