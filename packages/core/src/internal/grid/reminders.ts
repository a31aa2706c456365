/**
 * The grid domain's reminders: each 定格定人定岗定责 alert of the responsibility check
 * (`Grids.check`) on the sweep's day, to the grid (its responsible worker, or a group
 * the directory routes by the grid) and the workers the alert names. The id is the
 * alert's (kind, grid, workers) and the day's: a daily sweep reminds once a day while
 * the breach lasts, and the same day's sweep run again raises nothing new.
 *
 * @internal
 */
import type { Tenant } from "../../access/Tenant.js"
import { alertLabels, type ResponsibilityAlert } from "../../grid/ResponsibilityAlert.js"
import type { Notification } from "../../notify/Notification.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import { sha256 } from "../ledger/sha256.js"
import * as Notice from "../notice.js"

/** The longest workers' part of an id kept as written; a longer one is its digest, so the id stays within 200 characters. */
const maxWorkersKey = 96

/** The workers a message names at most (the data holds them all). */
const maxNamed = 20

/** The workers of an alert as a part of its id: each escaped (`%`, `,`) and joined by commas, so that two lists never give one key. */
const workersKey = (workerIds: ReadonlyArray<string>): string => {
  const key = workerIds.map((w) => w.replace(/%/g, "%25").replace(/,/g, "%2C")).join(",")
  return key.length <= maxWorkersKey ? key : `sha256-${sha256(key).slice(0, 32)}`
}

/** @internal */
export const alerts = (
  tenant: Tenant,
  found: ReadonlyArray<ResponsibilityAlert>,
  asOf: LocalMinute.LocalMinute,
  lang: "zh" | "en"
): ReadonlyArray<Notification> => {
  const day = LocalMinute.dayOf(asOf)
  return found.map((a) => {
    const kind = "grid.responsibility-alert"
    const named = a.workerIds.slice(0, maxNamed).join(lang === "zh" ? "、" : ", ") + (a.workerIds.length > maxNamed ? " …" : "")
    const workers = a.workerIds.length === 0 ? "" : lang === "zh" ? `（网格员 ${named}）` : ` (workers ${named})`
    return Notice.remind({
      kind,
      keys: [a.kind, a.gridCode, workersKey(a.workerIds), day],
      tenant,
      at: asOf,
      gridCode: a.gridCode,
      organisationId: null,
      to: [{ kind: "grid", id: a.gridCode, name: null }, ...a.workerIds.map((id) => ({ kind: "worker" as const, id, name: null }))],
      lang,
      values: { gridCode: a.gridCode, alert: alertLabels[a.kind][lang], workers, day },
      data: { alert: a.kind, gridCode: a.gridCode, workerIds: a.workerIds, day }
    })
  })
}
