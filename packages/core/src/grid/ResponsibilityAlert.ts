/**
 * Breaches of 定格定人定岗定责, reported as typed alerts rather than silence.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * - `no-responsible`: an active grid of a staffed level has no responsible worker
 *   (网格长 / 责任网格员: 定人).
 * - `several-responsible`: it has more than one.
 * - `no-post` / `no-duties`: an assignment names no post or no duties (定岗, 定责);
 *   writes refuse these, so they appear only in data imported around the library.
 * - `unknown-worker`: an assignment names a worker not registered in a community on the day.
 * - `outside-community`: an assignment lies outside the community of the worker's term.
 * - `several-communities`: a worker's assignments span communities.
 * - `inactive-grid`: an assignment names a grid that is not in service on the day
 *   (imported data, or a grid closed or recoded around the library).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AlertKind = Schema.Literal(
  "no-responsible",
  "several-responsible",
  "no-post",
  "no-duties",
  "unknown-worker",
  "outside-community",
  "several-communities",
  "inactive-grid"
)

/**
 * @since 0.1.0
 * @category models
 */
export type AlertKind = typeof AlertKind.Type

/**
 * @since 0.1.0
 * @category labels
 */
export const alertLabels: Readonly<Record<AlertKind, { readonly zh: string; readonly en: string }>> = {
  "no-responsible": { zh: "网格无责任网格员", en: "Grid has no responsible worker" },
  "several-responsible": { zh: "网格有多名责任网格员", en: "Grid has several responsible workers" },
  "no-post": { zh: "未明确岗位", en: "Assignment names no post" },
  "no-duties": { zh: "未明确职责", en: "Assignment names no duties" },
  "unknown-worker": { zh: "网格员未登记", en: "Assignment names an unregistered worker" },
  "outside-community": { zh: "网格员跨社区任职", en: "Assignment lies outside the worker's community" },
  "several-communities": { zh: "网格员在多个社区任职", en: "Worker serves in several communities" },
  "inactive-grid": { zh: "任职网格已撤销或未启用", en: "Assignment names a grid not in service" }
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ResponsibilityAlert = Schema.Struct({
  kind: AlertKind,
  /** The grid concerned (for worker-level alerts, the first grid in code order). */
  gridCode: Schema.String,
  workerIds: Schema.Array(Schema.String),
  message: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ResponsibilityAlert extends Schema.Schema.Type<typeof ResponsibilityAlert> {}
