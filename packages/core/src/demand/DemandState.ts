/**
 * The life of a demand (诉求): its typed states, the events that move it, and the only
 * legal transitions between them — received (受理) → assigned (交办) → in progress (办理中)
 * → resolved (办结) → closed (回访后结案); refused as not this grid's responsibility
 * (rejected, 不属于本网格职责) or folded into another (duplicate, 重复诉求) while still
 * unassigned or assigned; reopened after an unsatisfactory result. A closing needs its
 * return visit (回访) with the resident's satisfaction.
 *
 * @since 0.5.0
 */
import { Either, Schema } from "effect"
import * as RuleViolation from "../errors/RuleViolation.js"

/**
 * @since 0.5.0
 * @category schemas
 */
export const State = Schema.Literal("received", "assigned", "in_progress", "resolved", "closed", "rejected", "duplicate")

/**
 * @since 0.5.0
 * @category models
 */
export type State = typeof State.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const stateLabels: Readonly<Record<State, { readonly zh: string; readonly en: string }>> = {
  received: { zh: "已受理", en: "received" },
  assigned: { zh: "已交办", en: "assigned" },
  in_progress: { zh: "办理中", en: "in progress" },
  resolved: { zh: "已办结", en: "resolved" },
  closed: { zh: "已结案", en: "closed" },
  rejected: { zh: "不属于本网格职责", en: "rejected: not responsible" },
  duplicate: { zh: "重复诉求", en: "duplicate" }
}

/**
 * The states a demand leaves no more.
 *
 * @since 0.5.0
 * @category constants
 */
export const terminal: ReadonlySet<State> = new Set<State>(["closed", "rejected", "duplicate"])

/**
 * The states in which a demand is still owed an answer: it can be overdue and escalate.
 *
 * @since 0.5.0
 * @category constants
 */
export const open: ReadonlySet<State> = new Set<State>(["received", "assigned", "in_progress"])

/**
 * What happens to a demand.
 *
 * @since 0.5.0
 * @category schemas
 */
export const EventKind = Schema.Literal("assign", "start", "resolve", "reopen", "close", "reject", "duplicate")

/**
 * @since 0.5.0
 * @category models
 */
export type EventKind = typeof EventKind.Type

/**
 * The legal transitions: from each state, what each event leads to. Every pair not here
 * is refused (`demand.transition`). `assign` again while assigned or in progress hands
 * the demand to another worker (an escalation, a reassignment) and keeps its state.
 *
 * @since 0.5.0
 * @category constants
 */
export const transitions: Readonly<Record<State, Partial<Record<EventKind, State>>>> = {
  received: { assign: "assigned", reject: "rejected", duplicate: "duplicate" },
  assigned: { assign: "assigned", start: "in_progress", reject: "rejected", duplicate: "duplicate" },
  in_progress: { assign: "in_progress", resolve: "resolved" },
  resolved: { close: "closed", reopen: "in_progress" },
  closed: {},
  rejected: {},
  duplicate: {}
}

/**
 * The resident's satisfaction at the return visit.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Satisfaction = Schema.Literal("satisfied", "basically", "unsatisfied")

/**
 * @since 0.5.0
 * @category models
 */
export type Satisfaction = typeof Satisfaction.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const satisfactionLabels: Readonly<Record<Satisfaction, { readonly zh: string; readonly en: string }>> = {
  satisfied: { zh: "满意", en: "satisfied" },
  basically: { zh: "基本满意", en: "basically satisfied" },
  unsatisfied: { zh: "不满意", en: "unsatisfied" }
}

/**
 * The state after an event, or the refusal: `demand.transition` for a pair not in the
 * table, `demand.return-visit` for a closing without the return visit's satisfaction.
 *
 * @since 0.5.0
 * @category rules
 */
export const next = (
  state: State,
  event: EventKind,
  returnVisit: Satisfaction | null = null
): Either.Either<State, RuleViolation.RuleViolation> => {
  const to = transitions[state][event]
  if (to === undefined) {
    const legal = Object.keys(transitions[state])
    return RuleViolation.refuse(
      "demand.transition",
      "_tag",
      `a demand ${stateLabels[state].en} (${stateLabels[state].zh}) cannot ${event}${legal.length === 0 ? ": it is final" : `; it can ${legal.join(", ")}`}`
    )
  }
  if (event === "close" && returnVisit === null) {
    return RuleViolation.refuse("demand.return-visit", "satisfaction", "a demand is closed after its return visit (回访), with the resident's satisfaction")
  }
  return Either.right(to)
}
