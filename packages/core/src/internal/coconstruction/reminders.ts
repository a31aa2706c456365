/**
 * The co-construction domain's reminders: an agreement (共建协议) running on the sweep's
 * day whose term ends within the notice (its end, the day after its last, no more than
 * `noticeDays` days away) is reminded to the street's or community's party organisation
 * that signed it, routed by that organisation and its grid. The id is the agreement's
 * and its end's, so it is reminded once per term: a term changed, by a new agreement,
 * is reminded again.
 *
 * @internal
 */
import type { Tenant } from "../../access/Tenant.js"
import type { AgreementStatus } from "../../coconstruction/CoConstructionsService.js"
import type { Notification } from "../../notify/Notification.js"
import * as IsoDate from "../../time/IsoDate.js"
import type * as LocalMinute from "../../time/LocalMinute.js"
import * as Notice from "../notice.js"
import { addressed, type Routing } from "../organisation/reminders.js"

/** Whether an agreement is reminded on a day: running, and ending within the notice. @internal */
export const expiresWithin = (status: AgreementStatus, day: IsoDate.IsoDate, noticeDays: number): boolean =>
  status.running && IsoDate.daysBetween(day, status.agreement.to) <= noticeDays

/** @internal */
export const expiring = (
  tenant: Tenant,
  statuses: ReadonlyArray<AgreementStatus>,
  options: { readonly day: IsoDate.IsoDate; readonly noticeDays: number; readonly asOf: LocalMinute.LocalMinute },
  organisations: ReadonlyMap<string, Routing>,
  lang: "zh" | "en"
): ReadonlyArray<Notification> =>
  statuses.filter((s) => expiresWithin(s, options.day, options.noticeDays)).map(({ agreement: a }) => {
    const kind = "agreement.expiring"
    const { party, routing } = addressed(organisations, a.organisationId)
    const days = IsoDate.daysBetween(options.day, a.to)
    return Notice.remind({
      kind,
      keys: [a.id, a.to],
      tenant,
      at: options.asOf,
      gridCode: routing.gridCode,
      organisationId: a.organisationId,
      to: [party],
      lang,
      values: { agreementId: a.id, organisation: routing.name ?? a.organisationId, unit: a.unitOrganisation, lastDay: IsoDate.addDays(a.to, -1), days },
      data: { agreementId: a.id, organisationId: a.organisationId, unitCreditCode: a.unitCreditCode, from: a.from, to: a.to, daysLeft: days, day: options.day }
    })
  })
