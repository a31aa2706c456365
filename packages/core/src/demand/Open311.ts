/**
 * The Open311 GeoReport v2 view of demands (https://wiki.open311.org/GeoReport_v2): the
 * service list (`services.json`) from the demand categories, and each demand as a service
 * request — `open` while it is owed an answer (received, assigned, in progress), `closed`
 * once resolved, closed, rejected or a duplicate, with `status_notes` saying which. Times
 * are ISO 8601 in China Standard Time (`+08:00`).
 *
 * @since 0.5.0
 */
import * as LocalMinute from "../time/LocalMinute.js"
import { type State, stateLabels } from "./DemandState.js"

/**
 * A demand category as `services.json` lists it.
 *
 * @since 0.5.0
 * @category models
 */
export interface Service {
  readonly service_code: string
  readonly service_name: string
  readonly description: string
  /** No extra attributes are asked for. */
  readonly metadata: false
  readonly type: "realtime"
  readonly keywords: string
  readonly group: string
}

/**
 * A demand category: its code, names, description and group.
 *
 * @since 0.5.0
 * @category models
 */
export interface Category {
  readonly key: string
  readonly zh: string
  readonly en: string
  readonly description: string
  readonly group: string
}

/**
 * `services.json`: one service per category, in the categories' order.
 *
 * @since 0.5.0
 * @category projections
 */
export const services = (categories: ReadonlyArray<Category>, lang: "zh" | "en" = "zh"): ReadonlyArray<Service> =>
  categories.map((c) => ({
    service_code: c.key,
    service_name: lang === "zh" ? c.zh : c.en,
    description: c.description,
    metadata: false,
    type: "realtime",
    keywords: [c.zh, c.en].join(","),
    group: c.group
  }))

/**
 * What the projection needs of a demand.
 *
 * @since 0.5.0
 * @category models
 */
export interface DemandView {
  readonly id: string
  readonly state: State
  readonly category: Category
  readonly description: string
  /** The grid (and worker) answering for it now, by name. */
  readonly agency: string
  readonly requestedAt: LocalMinute.LocalMinute
  readonly updatedAt: LocalMinute.LocalMinute
  /** Its deadline, while open. */
  readonly expectedAt: LocalMinute.LocalMinute | null
  /** Already masked as the reader may see it. */
  readonly address: string | null
  readonly lat: number | null
  readonly long: number | null
  /** What its state says beyond the label: a rejection's reason, the demand it duplicates. */
  readonly note: string | null
}

/**
 * A service request of GeoReport v2.
 *
 * @since 0.5.0
 * @category models
 */
export interface ServiceRequest {
  readonly service_request_id: string
  readonly status: "open" | "closed"
  readonly status_notes: string
  readonly service_name: string
  readonly service_code: string
  readonly description: string
  readonly agency_responsible: string
  readonly service_notice: string
  readonly requested_datetime: string
  readonly updated_datetime: string
  readonly expected_datetime: string | null
  readonly address: string | null
  readonly address_id: null
  readonly zipcode: null
  readonly lat: number | null
  readonly long: number | null
  readonly media_url: null
}

/**
 * A minute as ISO 8601 with the China Standard Time offset.
 *
 * @since 0.5.0
 * @category projections
 */
export const datetime = (t: LocalMinute.LocalMinute): string => `${t}:00+08:00`

/**
 * Whether a state is `open` or `closed` to Open311.
 *
 * @since 0.5.0
 * @category projections
 */
export const status = (state: State): "open" | "closed" =>
  state === "received" || state === "assigned" || state === "in_progress" ? "open" : "closed"

/**
 * A demand as a GeoReport v2 service request.
 *
 * @since 0.5.0
 * @category projections
 */
export const request = (d: DemandView, lang: "zh" | "en" = "zh"): ServiceRequest => {
  const label = stateLabels[d.state][lang]
  return {
    service_request_id: d.id,
    status: status(d.state),
    status_notes: d.note === null ? label : `${label}${lang === "zh" ? "：" : ": "}${d.note}`,
    service_name: lang === "zh" ? d.category.zh : d.category.en,
    service_code: d.category.key,
    description: d.description,
    agency_responsible: d.agency,
    service_notice: "",
    requested_datetime: datetime(d.requestedAt),
    updated_datetime: datetime(d.updatedAt),
    expected_datetime: status(d.state) === "open" && d.expectedAt !== null ? datetime(d.expectedAt) : null,
    address: d.address,
    address_id: null,
    zipcode: null,
    lat: d.lat,
    long: d.long,
    media_url: null
  }
}
