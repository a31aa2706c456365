/**
 * How a domain raises notifications: inside its write transaction, through the outbox,
 * so that a notification is stored exactly when the change that causes it commits. The
 * back ends it is queued for are the configured ones (`Notify.Settings`) that carry one
 * of its recipients: a recipient naming a back end goes to that one only, one naming
 * none to each. A notification's recipients are resolved from the parties it is for by
 * the `Directory` in context when it is raised (without one, each party as `kind:id`).
 * Where no outbox or no settings are in context, nothing is raised.
 *
 * @since 0.6.0
 */
import { Clock, Context, Effect, Option } from "effect"
import type { StoreError } from "../errors/StoreError.js"
import * as Directory from "./Directory.js"
import type { Notification } from "./Notification.js"
import { OutboxStore } from "./OutboxStore.js"

/**
 * The notification settings of a deployment: the names of the back ends the
 * dispatchers deliver through, and the language of the messages.
 *
 * @since 0.6.0
 * @category models
 */
export interface SettingsShape {
  readonly backends: ReadonlyArray<string>
  readonly lang: "zh" | "en"
}

/**
 * @since 0.6.0
 * @category tags
 */
export class Settings extends Context.Tag("@jiceng/core/NotifySettings")<Settings, SettingsShape>() {}

/**
 * The back ends a notification is queued for: each configured one that carries one of
 * its recipients (rule notify.route).
 *
 * @since 0.6.0
 * @category utils
 */
export const backendsFor = (notification: Notification, backends: ReadonlyArray<string>): ReadonlyArray<string> =>
  Array.from(new Set(backends)).filter((backend) =>
    notification.recipients.some((r) => r.backend === null || r.backend === backend)
  )

/**
 * Queues notifications in the outbox in context, in the current transaction (a service
 * takes a {@link raiser} when it is built instead).
 *
 * @since 0.6.0
 * @category constructors
 */
export const raise = (notifications: ReadonlyArray<Notification>): Effect.Effect<void, StoreError> =>
  notifications.length === 0 ? Effect.void : Effect.flatMap(raiser, (r) => r(() => notifications))

/**
 * Raises notifications built in the settings' language.
 *
 * @since 0.6.0
 * @category models
 */
export interface Raiser {
  (build: (lang: "zh" | "en") => ReadonlyArray<Notification>): Effect.Effect<void, StoreError>
  /** Whether it raises anything: a domain skips the reads a notification needs when not. */
  readonly active: boolean
}

/**
 * A raiser over the outbox and settings in context now — a service takes it when its
 * layer is built, so its writes raise through the store it was built on. Without an
 * outbox or settings it raises nothing (and builds nothing).
 *
 * @since 0.6.0
 * @category constructors
 */
export const raiser: Effect.Effect<Raiser> = Effect.gen(function*() {
  const outbox = yield* Effect.serviceOption(OutboxStore)
  const settings = yield* Effect.serviceOption(Settings)
  const directory = yield* Effect.serviceOption(Directory.Directory)
  if (Option.isNone(outbox) || Option.isNone(settings)) return Object.assign(() => Effect.void, { active: false })
  const { backends, lang } = settings.value
  const resolve = (n: Notification): Effect.Effect<Notification, StoreError> =>
    Effect.map(
      Option.isSome(directory) ? directory.value.recipients(n) : Effect.succeed(Directory.passThrough(n)),
      (found) => ({ ...n, recipients: Directory.distinct([...n.recipients, ...found]) })
    )
  return Object.assign((build: (lang: "zh" | "en") => ReadonlyArray<Notification>) =>
    Effect.gen(function*() {
      const built = build(lang)
      if (built.length === 0) return
      const resolved = yield* Effect.forEach(built, resolve)
      const entries = resolved.flatMap((notification) =>
        backendsFor(notification, backends).map((backend) => ({ notification, backend }))
      )
      if (entries.length > 0) yield* outbox.value.enqueue(entries, yield* Clock.currentTimeMillis)
    }), { active: true })
})

/**
 * The language notifications are rendered in: the settings', Chinese without them.
 *
 * @since 0.6.0
 * @category utils
 */
export const lang: Effect.Effect<"zh" | "en"> = Effect.map(
  Effect.serviceOption(Settings),
  Option.match({ onNone: () => "zh" as const, onSome: (s) => s.lang })
)
