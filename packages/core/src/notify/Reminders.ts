/**
 * Reminders: notifications of the facts of a day rather than of a write — a demand past
 * its deadline before it is escalated, a co-construction agreement about to expire,
 * probation ending and the conversion decision due on the party ladder, a 三会一课
 * meeting missing for the period just ended, and the 定格定人定岗定责 alerts. `sweep`
 * reads them at a minute through the domain services in context (a deployment with
 * only some domains sweeps the ones it has), with the actor's access, and raises them
 * through the outbox (`Notify.raiser`: recipients resolved by the `Directory`); without
 * notification settings or an outbox it raises nothing and still returns what it found.
 *
 * Every reminder has a stable id, once per fact and period (rule
 * `notify.reminder-once`), and the outbox ignores an id it holds: a sweep run again the
 * same day, retried, or rerun after a crash raises nothing new. A demand is reminded
 * once per deadline, an agreement once per end of term, probation once per window end,
 * a conversion once per due day and state (due, then overdue), a missing meeting once
 * per organisation, meeting kind and slot, and a grid alert once a day while it lasts.
 *
 * `start` and `layer` sweep on a schedule, at the Clock's minute in China Standard
 * Time, logging each sweep and surviving a failed one.
 *
 * @since 0.6.0
 */
import { Duration, Effect, type Fiber, Layer, Option, Schema, type Scope } from "effect"
import type { Actor } from "../access/Actor.js"
import { CoConstructions } from "../coconstruction/CoConstructionsService.js"
import { Demands } from "../demand/DemandsService.js"
import * as PartyLadder from "../development/PartyLadder.js"
import { Development } from "../development/DevelopmentService.js"
import * as Decode from "../errors/Decode.js"
import type { Forbidden } from "../errors/Forbidden.js"
import type { StoreError } from "../errors/StoreError.js"
import { ValidationError } from "../errors/ValidationError.js"
import { GridCode } from "../grid/Grid.js"
import { Grids } from "../grid/GridsService.js"
import * as CoConstructionReminders from "../internal/coconstruction/reminders.js"
import * as DemandReminders from "../internal/demand/reminders.js"
import * as DevelopmentReminders from "../internal/development/reminders.js"
import * as GridReminders from "../internal/grid/reminders.js"
import * as OrganisationReminders from "../internal/organisation/reminders.js"
import { Organisations } from "../organisation/OrganisationsService.js"
import { Transactor } from "../store/Transactor.js"
import * as LocalMinute from "../time/LocalMinute.js"
import type { Notification } from "./Notification.js"
import * as Notify from "./Notify.js"

/**
 * The kinds of reminder, in the order a sweep raises them.
 *
 * @since 0.6.0
 * @category constants
 */
export const kinds = [
  "demand.overdue",
  "agreement.expiring",
  "probation.ending",
  "conversion.due",
  "organisation.meeting-missing",
  "grid.responsibility-alert"
] as const

/**
 * @since 0.6.0
 * @category schemas
 */
export const Kind = Schema.Literal(...kinds)

/**
 * @since 0.6.0
 * @category models
 */
export type Kind = typeof Kind.Type

/**
 * The tunables' defaults: an agreement is reminded from 30 days before its term ends.
 * (Probation's notice is the party ladder's, `PartyLadder.Policy.probationNotice`.)
 *
 * @since 0.6.0
 * @category constants
 */
export const defaults = { agreementNoticeDays: 30 } as const

/**
 * What a sweep may be told besides its minute: the grid subtree (default: the actor's
 * scope), how many days before its end an agreement is reminded (0–366,
 * {@link defaults}), and which kinds to sweep (default: all).
 *
 * @since 0.6.0
 * @category schemas
 */
export const Tunables = Schema.Struct({
  root: Schema.optional(GridCode),
  agreementNoticeDays: Schema.optional(Schema.Int.pipe(Schema.between(0, 366))),
  kinds: Schema.optional(Schema.Array(Kind).pipe(Schema.maxItems(kinds.length)))
})

/**
 * A sweep's options: its minute (`YYYY-MM-DDTHH:mm`, China Standard Time) and the
 * {@link Tunables}.
 *
 * @since 0.6.0
 * @category schemas
 */
export const SweepOptions = Schema.Struct({ asOf: LocalMinute.LocalMinute, ...Tunables.fields })

/**
 * @since 0.6.0
 * @category models
 */
export interface SweepOptions extends Schema.Schema.Encoded<typeof SweepOptions> {}

/**
 * What a sweep found.
 *
 * @since 0.6.0
 * @category models
 */
export interface Summary {
  readonly asOf: string
  /** The reminders found per kind (0 for a kind not swept). */
  readonly counts: Readonly<Record<Kind, number>>
  readonly total: number
  /** The kinds swept: those asked for whose domain's service is in context. */
  readonly swept: ReadonlyArray<Kind>
  /** Whether they were raised: false without notification settings or an outbox in context. */
  readonly raised: boolean
  /** The reminders, in the order of {@link kinds}, each kind in the order of its read. */
  readonly notifications: ReadonlyArray<Notification>
}

/**
 * What a sweep can fail with: its options refused (naming `options.<field>`), a read
 * the actor may not make, a store failure.
 *
 * @since 0.6.0
 * @category errors
 */
export type SweepError = ValidationError | Forbidden | StoreError

/** The reminders of one domain: the kinds it raises, and their read when its service is in context. */
interface Part {
  readonly kinds: ReadonlyArray<Kind>
  readonly read: Option.Option<Effect.Effect<ReadonlyArray<Notification>, SweepError>>
}

/**
 * Sweeps the reminders of a minute: reads each domain in context (demands overdue,
 * agreements, the party ladder's due items, 三会一课 compliance, the responsibility
 * check) within the actor's access, builds the reminders in the settings' language
 * and raises them in one transaction. Raising again what the outbox holds adds
 * nothing (rule `notify.reminder-once`).
 *
 * @since 0.6.0
 * @category sweeping
 */
export const sweep = (actor: Actor, options: SweepOptions): Effect.Effect<Summary, SweepError> =>
  Effect.gen(function*() {
    const o = yield* Decode.decode(SweepOptions, options, { field: "options" })
    const { asOf } = o
    const day = LocalMinute.dayOf(asOf)
    const wanted = new Set<Kind>(o.kinds ?? kinds)
    const lang = yield* Notify.lang
    const root = o.root === undefined ? {} : { root: o.root }
    const tenant = actor.tenant
    const [demands, coConstructions, development, organisations, grids] = [
      yield* Effect.serviceOption(Demands),
      yield* Effect.serviceOption(CoConstructions),
      yield* Effect.serviceOption(Development),
      yield* Effect.serviceOption(Organisations),
      yield* Effect.serviceOption(Grids)
    ]
    // How reminders to an organisation are routed: its name and grid on the day, as far
    // as the actor may read organisations (else by id alone).
    // Read once, by the first kind that needs it.
    const none = new Map<string, OrganisationReminders.Routing>()
    const routed = yield* Effect.cached(Option.match(organisations, {
      onNone: () => Effect.succeed(none),
      onSome: (s) =>
        s.organisations(actor, { ...root, at: day }).pipe(
          Effect.map(OrganisationReminders.routing),
          Effect.catchTag("Forbidden", () => Effect.succeed(none))
        )
    }))
    const meetingPeriod = OrganisationReminders.period(day)
    const parts: ReadonlyArray<Part> = [
      {
        kinds: ["demand.overdue"],
        read: Option.map(demands, (s) => Effect.map(s.overdue(actor, { ...root, asOf }), (rows) => DemandReminders.overdue(tenant, rows, asOf, lang)))
      },
      {
        kinds: ["agreement.expiring"],
        read: Option.map(coConstructions, (s) =>
          Effect.zipWith(
            s.agreements(actor, { ...root, at: day }),
            routed,
            (statuses, orgs) =>
              CoConstructionReminders.expiring(tenant, statuses, { day, asOf, noticeDays: o.agreementNoticeDays ?? defaults.agreementNoticeDays }, orgs, lang)
          ))
      },
      {
        kinds: ["probation.ending", "conversion.due"],
        read: Option.map(development, (s) =>
          Effect.zipWith(
            s.due(actor, { ...root, at: day, ladder: PartyLadder.id }),
            routed,
            (dues, orgs) => DevelopmentReminders.probation(tenant, dues, asOf, orgs, lang)
          ))
      },
      {
        kinds: ["organisation.meeting-missing"],
        read: Option.map(organisations, (s) =>
          meetingPeriod === null ? Effect.succeed([]) : Effect.zipWith(
            s.compliance(actor, { ...root, ...meetingPeriod }),
            routed,
            (report, orgs) => OrganisationReminders.meetingsMissing(tenant, report, orgs, asOf, lang)
          ))
      },
      {
        kinds: ["grid.responsibility-alert"],
        read: Option.map(grids, (s) => Effect.map(s.check(actor, { ...root, at: day }), (alerts) => GridReminders.alerts(tenant, alerts, asOf, lang)))
      }
    ]
    const swept: Array<Kind> = []
    const found: Array<Notification> = []
    for (const part of parts) {
      const asked = part.kinds.filter((k) => wanted.has(k))
      if (asked.length === 0 || Option.isNone(part.read)) continue
      swept.push(...asked)
      found.push(...(yield* part.read.value).filter((n) => wanted.has(n.kind as Kind)))
    }
    const notifications = kinds.flatMap((k) => found.filter((n) => n.kind === k))
    const raiser = yield* Notify.raiser
    if (raiser.active && notifications.length > 0) {
      const raise = raiser(() => notifications)
      const transactor = yield* Effect.serviceOption(Transactor)
      yield* Option.isSome(transactor) ? transactor.value.transaction(tenant, raise) : raise
    }
    const counts = Object.fromEntries(kinds.map((k) => [k, notifications.filter((n) => n.kind === k).length])) as Record<Kind, number>
    return {
      asOf,
      counts,
      total: notifications.length,
      swept: kinds.filter((k) => swept.includes(k)),
      raised: raiser.active,
      notifications
    }
  }).pipe(Effect.withSpan("Reminders.sweep"))

/**
 * A periodic sweep's options: the actor it sweeps as, how long between two sweeps (a
 * day unless given), and the {@link Tunables}.
 *
 * @since 0.6.0
 * @category models
 */
export interface RunOptions extends Schema.Schema.Encoded<typeof Tunables> {
  readonly actor: Actor
  readonly every?: Duration.DurationInput
}

/**
 * The periodic sweep, as an effect that sweeps forever: now (the Clock's minute in
 * China Standard Time), then after each `every`. Each sweep's summary is logged; a failed sweep is logged and waited out, so
 * the next one runs. Its options are checked first: tunables that do not decode, or an
 * interval that is not a positive duration, fail with a `ValidationError` naming them.
 *
 * @since 0.6.0
 * @category sweeping
 */
export const make = (options: RunOptions): Effect.Effect<Effect.Effect<never>, ValidationError> =>
  Effect.gen(function*() {
    const { actor, every, ...rest } = options
    const tunables = yield* Decode.decode(Tunables, rest, { field: "options" })
    const interval = Duration.decodeUnknown(every ?? "1 day")
    if (Option.isNone(interval) || !Duration.greaterThan(interval.value, Duration.zero) || !Duration.isFinite(interval.value)) {
      return yield* new ValidationError({ field: "options.every", rule: "reminders.every", message: "options.every: a sweep's interval is a positive, finite duration" })
    }
    const once = Effect.flatMap(LocalMinute.now, (asOf) => sweep(actor, { ...tunables, asOf })).pipe(
      Effect.flatMap((s) => Effect.logInfo("reminders swept").pipe(Effect.annotateLogs({ asOf: s.asOf, total: s.total, raised: s.raised }))),
      Effect.catchAll((error) => Effect.logError("reminders sweep failed").pipe(Effect.annotateLogs({ error: `${error._tag}: ${error.message}` }))),
      Effect.catchAllDefect((defect) => Effect.logError("reminders sweep failed").pipe(Effect.annotateLogs({ error: String(defect) })))
    )
    return Effect.forever(Effect.zipRight(once, Effect.sleep(interval.value)))
  })

/**
 * A periodic sweep in a fiber of the scope, interrupted when the scope closes. The
 * services it sweeps are those in context where it starts.
 *
 * @since 0.6.0
 * @category sweeping
 */
export const start = (options: RunOptions): Effect.Effect<Fiber.RuntimeFiber<never>, ValidationError, Scope.Scope> =>
  Effect.flatMap(make(options), Effect.forkScoped)

/**
 * A layer sweeping periodically while it lives: provide it the domain services, the
 * store and the notification settings (`Layer.provide`). Options that do not decode
 * fail the layer when it is built.
 *
 * @since 0.6.0
 * @category layers
 */
export const layer = (options: RunOptions): Layer.Layer<never, ValidationError> => Layer.scopedDiscard(start(options))
