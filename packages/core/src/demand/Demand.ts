/**
 * A demand (诉求): what a resident asked, where it arose (the grid, and an address and a
 * point that are personal data), its category and the deadline the category sets, where
 * it came from (a visit, a door-knocking campaign 敲门问计, the resident, the hotline), and
 * its append-only history of events — who did what when — from which its state, its
 * assignee and the grid answering for it are replayed.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { WorkerId } from "../grid/Worker.js"
import * as Text from "../text/Text.js"
import { LocalMinute } from "../time/LocalMinute.js"
import * as DemandState from "./DemandState.js"
import { type State, Satisfaction } from "./DemandState.js"
import { VisitId } from "./Visit.js"

/**
 * Where a demand came from.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Source = Schema.Literal("visit", "door_knocking", "resident", "hotline")

/**
 * @since 0.5.0
 * @category models
 */
export type Source = typeof Source.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const sourceLabels: Readonly<Record<Source, { readonly zh: string; readonly en: string }>> = {
  visit: { zh: "走访收集", en: "collected on a visit" },
  door_knocking: { zh: "敲门问计", en: "door-knocking campaign" },
  resident: { zh: "群众反映", en: "raised by a resident" },
  hotline: { zh: "热线转办", en: "hotline" }
}

/**
 * A demand id, chosen by the platform.
 *
 * @since 0.5.0
 * @category schemas
 */
export const DemandId = Text.Id.pipe(Schema.brand("DemandId"))

/**
 * @since 0.5.0
 * @category models
 */
export type DemandId = typeof DemandId.Type

/**
 * Latitude in degrees (WGS 84), −90 to 90.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Latitude = Schema.Number.pipe(Schema.finite(), Schema.between(-90, 90))

/**
 * Longitude in degrees (WGS 84), −180 to 180.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Longitude = Schema.Number.pipe(Schema.finite(), Schema.between(-180, 180))

/**
 * A demand as taken in: it never changes; what happens to it is its events.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Demand = Schema.Struct({
  tenant: Tenant,
  id: DemandId,
  gridCode: GridCode,
  /** A category key of the `DemandConfig`. */
  category: Text.Id,
  source: Source,
  /** The visit that collected it (source `visit`), else null. */
  visitId: Schema.NullOr(VisitId),
  description: Text.Line(1000),
  /** Personal data: masked unless the reader holds `pii:read`. */
  address: Schema.NullOr(Text.Address),
  /** Personal data (an exact point): rounded to 0.01° unless the reader holds `pii:read`. */
  lat: Schema.NullOr(Latitude),
  long: Schema.NullOr(Longitude),
  requestedAt: LocalMinute,
  /** `requestedAt` plus its category's deadline. */
  deadlineAt: LocalMinute
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Demand extends Schema.Schema.Type<typeof Demand> {}

/**
 * What an event records: the intake (`receive`), the transitions of `DemandState`, and
 * an escalation up the grid chain.
 *
 * @since 0.5.0
 * @category schemas
 */
export const EventKind = Schema.Literal("receive", ...DemandState.EventKind.literals, "escalate")

/**
 * @since 0.5.0
 * @category models
 */
export type EventKind = typeof EventKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const eventLabels: Readonly<Record<EventKind, { readonly zh: string; readonly en: string }>> = {
  receive: { zh: "受理", en: "received" },
  assign: { zh: "交办", en: "assigned" },
  start: { zh: "开始办理", en: "started" },
  resolve: { zh: "办结", en: "resolved" },
  reopen: { zh: "重新办理", en: "reopened" },
  close: { zh: "回访结案", en: "closed after the return visit" },
  reject: { zh: "退回（不属于本网格职责）", en: "rejected" },
  duplicate: { zh: "并入重复诉求", en: "marked a duplicate" },
  escalate: { zh: "逾期上报", en: "escalated" }
}

/**
 * One event of a demand's history, numbered 1, 2, 3 … per demand.
 *
 * @since 0.5.0
 * @category schemas
 */
export const DemandEvent = Schema.Struct({
  tenant: Tenant,
  demandId: DemandId,
  seq: Schema.Int.pipe(Schema.positive()),
  kind: EventKind,
  at: LocalMinute,
  /** The actor who recorded it (`routing` for the intake's own assignment). */
  by: Text.Id,
  /** The grid answering for the demand from this event on (intake, assign, escalate), else null. */
  gridCode: Schema.NullOr(GridCode),
  /** The worker it went to (assign, escalate), else null; an escalation to a grid with none keeps it null. */
  assignee: Schema.NullOr(WorkerId),
  /** A rejection's or reopening's reason, a resolution's or return visit's note. */
  note: Schema.NullOr(Text.Line(500)),
  /** The resident's satisfaction at the return visit (close). */
  satisfaction: Schema.NullOr(Satisfaction),
  /** The demand this one duplicates (duplicate). */
  duplicateOf: Schema.NullOr(DemandId)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface DemandEvent extends Schema.Schema.Type<typeof DemandEvent> {}

/**
 * A demand's standing after its events: what `replay` gives.
 *
 * @since 0.5.0
 * @category models
 */
export interface Status {
  readonly state: State
  /** The worker answering for it now, if any: one serving the grid answering (an escalation to a grid without a responsible worker leaves none). */
  readonly assignee: WorkerId | null
  /** The grid answering for it now: its own, or the last it escalated to. */
  readonly answering: string
  /** The grids it escalated to, in order. */
  readonly escalatedTo: ReadonlyArray<string>
  readonly updatedAt: LocalMinute
  /** Its last resolution, null if never resolved. */
  readonly resolvedAt: LocalMinute | null
  readonly closedAt: LocalMinute | null
  readonly satisfaction: Satisfaction | null
  /** What its state says beyond the label: a rejection's reason, the demand it duplicates. */
  readonly note: string | null
  /** The seq its next event takes. */
  readonly nextSeq: number
}

/**
 * The standing of a demand from its events, ordered by seq, as written (the service
 * writes only the legal steps of `DemandState.transitions`).
 *
 * @since 0.5.0
 * @category rules
 */
export const replay = (demand: Pick<Demand, "gridCode" | "requestedAt">, events: ReadonlyArray<DemandEvent>): Status => {
  let s: { -readonly [K in keyof Status]: Status[K] } = {
    state: "received",
    assignee: null,
    answering: demand.gridCode,
    escalatedTo: [],
    updatedAt: demand.requestedAt,
    resolvedAt: null,
    closedAt: null,
    satisfaction: null,
    note: null,
    nextSeq: 1
  }
  for (const e of events) {
    s = { ...s, updatedAt: e.at, nextSeq: e.seq + 1 }
    switch (e.kind) {
      case "receive":
        break
      case "assign":
        s = { ...s, state: s.state === "received" ? "assigned" : s.state, assignee: e.assignee, answering: e.gridCode ?? s.answering }
        break
      case "escalate":
        s = {
          ...s,
          escalatedTo: [...s.escalatedTo, e.gridCode ?? ""],
          answering: e.gridCode ?? s.answering,
          // The grid escalated to answers, with its responsible worker or, where it has none, no worker.
          assignee: e.assignee,
          state: e.assignee !== null && s.state === "received" ? "assigned" : s.state
        }
        break
      case "start":
        s = { ...s, state: "in_progress" }
        break
      case "resolve":
        s = { ...s, state: "resolved", resolvedAt: e.at }
        break
      case "reopen":
        s = { ...s, state: "in_progress", note: null }
        break
      case "close":
        s = { ...s, state: "closed", closedAt: e.at, satisfaction: e.satisfaction }
        break
      case "reject":
        s = { ...s, state: "rejected", note: e.note }
        break
      case "duplicate":
        s = { ...s, state: "duplicate", note: e.duplicateOf }
        break
    }
  }
  return s
}
